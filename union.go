package cwlogs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
	"github.com/cwlogs-go/cwlogs/internal/rules"
)

// This file holds the two unions of the API, IntegrationDetails in
// responses and ResourceConfig in requests, with their unknown members,
// the one reader and the one writer both use, the rules an unknown member
// must follow, and the exported functions that encode and decode a union
// on its own.

// IntegrationDetails is the tagged union of the details of an integration.
// Its members are [*OpenSearchIntegrationDetails] and, for a member added by
// the service after this package was written, [*UnknownIntegrationDetails].
// Use a type switch to tell them apart:
//
//	switch d := out.IntegrationDetails.(type) {
//	case *cwlogs.OpenSearchIntegrationDetails:
//		// use d.Collection, d.Workspace, ...
//	case *cwlogs.UnknownIntegrationDetails:
//		// d.Name and d.Value hold the member as the service sent it
//	case nil:
//		// the service sent no details
//	}
//
// The interface is sealed: no type outside this package implements it.
type IntegrationDetails interface {
	isIntegrationDetails()
}

// UnknownIntegrationDetails is a member of [IntegrationDetails] that this
// package does not know, because the service added it later. It is the
// counterpart of boto3's SDK_UNKNOWN_MEMBER, but it keeps the member's data
// as well as its name: Value holds the member's JSON exactly as it arrived.
// The output's MarshalJSON method writes it back byte for byte; json.Marshal
// of the output gives the same JSON value, but compacted, and with <, > and
// & escaped (use an Encoder with SetEscapeHTML(false) to keep them).
type UnknownIntegrationDetails struct {
	// Name is the member's name on the wire, such as "splunkIntegrationDetails".
	Name string `json:"name"`
	// Value is the member's value, as the service sent it.
	Value json.RawMessage `json:"value"`
}

func (*UnknownIntegrationDetails) isIntegrationDetails() {}

// MarshalBoto3 returns the member as boto3 reports an unknown union member,
// {"SDK_UNKNOWN_MEMBER":{"name":"..."}}, for tools that compare this
// package's output with Python's. Unlike Value, that form drops the data.
func (u *UnknownIntegrationDetails) MarshalBoto3() ([]byte, error) {
	if u == nil {
		return nil, errors.New("cwlogs: MarshalBoto3 of a nil *UnknownIntegrationDetails")
	}
	type name struct {
		Name string `json:"name"`
	}
	return json.Marshal(map[string]name{"SDK_UNKNOWN_MEMBER": {u.Name}})
}

// ResourceConfig is the tagged union of the resources that
// [Client.PutIntegration] creates for an integration. Its members are
// [*OpenSearchResourceConfig] and, for a member the service added after this
// package was written, [*UnknownResourceConfig], which sends the caller's
// JSON as it is.
//
// The interface is sealed: no type outside this package implements it.
type ResourceConfig interface {
	isResourceConfig()
}

// UnknownResourceConfig is a member of [ResourceConfig] that this package
// does not know yet: Name is its wire name and Value its JSON, which must
// be one object. PutIntegration sends Value byte for byte, so a resource
// configuration of an integration type added to the service can be sent
// before this package knows it. Decoding a member this package does not
// know gives one too.
type UnknownResourceConfig struct {
	// Name is the member's name on the wire, such as
	// "splunkResourceConfig".
	Name string `json:"name"`
	// Value is the member's value, a JSON object.
	Value json.RawMessage `json:"value"`
}

func (*UnknownResourceConfig) isResourceConfig() {}

// Wire names of the known members of the unions.
const (
	memberOpenSearchIntegrationDetails = "openSearchIntegrationDetails"
	memberOpenSearchResourceConfig     = rules.MemberOpenSearchResourceConfig
)

// union describes one of the two unions, for the rules they share.
type union struct {
	wire        string // the union's wire name, as errors give it
	known       string // the wire name of its known member
	knownType   string // the Go type of that member
	unknownType string // the Go type of its unknown member
	// request is set for a union of a request. Its unknown member needs a
	// name and an object value, as every member the service defines is a
	// structure; a union of a response takes whatever the service sends.
	request bool
}

var (
	detailsUnion = &union{wire: "integrationDetails", known: memberOpenSearchIntegrationDetails,
		knownType: "*OpenSearchIntegrationDetails", unknownType: "*UnknownIntegrationDetails"}
	configUnion = &union{wire: "resourceConfig", known: memberOpenSearchResourceConfig,
		knownType: "*OpenSearchResourceConfig", unknownType: "*UnknownResourceConfig", request: true}
)

// checkUnknown returns why an unknown member of u would not read back as
// itself once written, or "" if it would. Its name must be valid UTF-8
// (encoding/json would write U+FFFD for the bad bytes: another name), not
// "__type" (which the union rules set aside) and not the known member's;
// its value must be one JSON value, and not null (a null member is no
// member). A union of a request also wants a name, and an object of valid
// UTF-8 (json.Valid does not check the bytes of strings, and the value is
// sent as it is).
func (u *union) checkUnknown(name string, value []byte) string {
	switch {
	case name == "" && u.request:
		return "is an unknown member with no name"
	case !utf8.ValidString(name):
		return fmt.Sprintf("is an unknown member %s whose name is not valid UTF-8", quoteValue(name))
	case name == "__type":
		return `is an unknown member named "__type", which is not a member`
	case name == u.known:
		return fmt.Sprintf("is an unknown member named %s, a known member: use %s", u.known, u.knownType)
	case !json.Valid(value):
		return fmt.Sprintf("is an unknown member %s whose value is not valid JSON", quoteValue(name))
	case u.request && !utf8.Valid(value):
		// json.Valid does not check the bytes of strings; the value is
		// sent as it is.
		return fmt.Sprintf("is an unknown member %s whose value is not valid UTF-8", quoteValue(name))
	}
	switch c := bytes.TrimLeft(value, jsonwire.WhiteSpace)[0]; {
	case u.request && c != '{':
		return fmt.Sprintf("is an unknown member %s whose value is %s, not a JSON object", quoteValue(name), jsonwire.Kind(c))
	case c == 'n':
		return fmt.Sprintf("is an unknown member %s whose value is null, which would read as no member", quoteValue(name))
	}
	return ""
}

// checkMember returns the union of v, a member of IntegrationDetails or
// ResourceConfig, and why v cannot be written as a member of it, or "" if
// it can. A nil pointer cannot, nor an unknown member that checkUnknown
// refuses.
func checkMember(v any) (*union, string) {
	const isNil = "is a nil "
	switch v := v.(type) {
	case *OpenSearchIntegrationDetails:
		if v == nil {
			return detailsUnion, isNil + detailsUnion.knownType
		}
		return detailsUnion, ""
	case *UnknownIntegrationDetails:
		if v == nil {
			return detailsUnion, isNil + detailsUnion.unknownType
		}
		return detailsUnion, detailsUnion.checkUnknown(v.Name, v.Value)
	case *OpenSearchResourceConfig:
		if v == nil {
			return configUnion, isNil + configUnion.knownType
		}
		return configUnion, ""
	case *UnknownResourceConfig:
		if v == nil {
			return configUnion, isNil + configUnion.unknownType
		}
		return configUnion, configUnion.checkUnknown(v.Name, v.Value)
	}
	// Unreachable: the unions are sealed.
	return &union{wire: "union"}, fmt.Sprintf("is a %T, not a member of the union", v)
}

// appendUnion appends v, a member of IntegrationDetails or ResourceConfig,
// as its union: an object with that one member. It refuses what
// checkMember refuses. An unknown member's value is written byte for byte.
func appendUnion(b []byte, v any) ([]byte, error) {
	u, reason := checkMember(v)
	if reason != "" {
		return nil, errors.New(u.wire + " " + reason)
	}
	b = append(b, '{')
	switch v := v.(type) {
	case *OpenSearchIntegrationDetails, *OpenSearchResourceConfig:
		value, err := jsonwire.MarshalNoEscape(v)
		if err != nil {
			return nil, err
		}
		b = append(jsonwire.AppendKey(b, u.known), value...)
	case *UnknownIntegrationDetails:
		b = append(append(jsonwire.AppendString(b, v.Name, false), ':'), v.Value...)
	case *UnknownResourceConfig:
		b = append(append(jsonwire.AppendString(b, v.Name, false), ':'), v.Value...)
	}
	return append(b, '}'), nil
}

// readUnion reads a union by the AWS JSON rules. Null is no member;
// otherwise the value must be an object in which, once "__type" and the
// members whose value is null are set aside, exactly one member remains.
// A member named twice counts with its last value. A member may be named
// "". An object whose members are all null is no member, as in both
// official SDKs.
//
// member reads the value of each member that is not null. A ValueError it
// returns counts only if that member is the one that remains. readUnion
// returns the name of that member and its JSON as written, or found false
// when there is no member.
func readUnion(r *jsonwire.Reader, member func(name string) error) (name, value string, found bool, err error) {
	if r.Null() {
		return "", "", false, nil
	}
	if err := r.Expect('{', "union must be a JSON object"); err != nil {
		return "", "", false, err
	}
	// The members, each with its last value.
	type entry struct {
		name, value string
		null        bool
		err         error // a ValueError: the value has the wrong shape
	}
	var room [4]entry
	entries := room[:0]
	var index map[string]int // of entries, once there are many
	err = r.Object(func(name string) error {
		start := r.Mark()
		e := entry{name: name}
		if r.Null() {
			e.null = true
		} else if err := member(name); jsonwire.IsValueError(err) {
			e.err = err
		} else if err != nil {
			return err
		}
		e.value = r.Since(start)
		// Later members replace earlier ones of the same name, found by a
		// scan while they are few and by a map once they are many.
		if index == nil && len(entries) == 8 {
			index = make(map[string]int)
			for i, e := range entries {
				index[e.name] = i
			}
		}
		i, seen := -1, false
		if index != nil {
			i, seen = index[name]
		} else {
			for j := range entries {
				if entries[j].name == name {
					i, seen = j, true
				}
			}
		}
		if seen {
			entries[i] = e
			return nil
		}
		if index != nil {
			index[name] = len(entries)
		}
		entries = append(entries, e)
		return nil
	})
	if err != nil {
		return "", "", false, err
	}
	var set []string // the names of the members set, once there are two
	var chosen entry
	nulls := 0
	for _, e := range entries {
		switch {
		case e.name == "__type":
		case e.null:
			nulls++
		case chosen.value == "":
			chosen = e
		default:
			if set == nil {
				set = []string{chosen.name}
			}
			set = append(set, e.name)
		}
	}
	switch {
	case set != nil:
		return "", "", false, &jsonwire.ValueError{Msg: tooManyMembers(set)}
	case chosen.err != nil:
		return "", "", false, jsonwire.InMember(chosen.name, chosen.err)
	case chosen.value != "":
		return chosen.name, chosen.value, true, nil
	case nulls > 0:
		return "", "", false, nil
	}
	return "", "", false, &jsonwire.ValueError{Msg: "union has no member set, want exactly one"}
}

// tooManyMembers is the message of a union with the members set named.
// A hostile body may set thousands of members, with names of megabytes:
// the message names a few, each cut to maxMemberName bytes.
func tooManyMembers(set []string) string {
	slices.Sort(set)
	const listed = 5
	names := make([]string, min(len(set), listed))
	for i := range names {
		names[i] = bounded(set[i], maxMemberName)
	}
	list := strings.Join(names, ", ")
	if len(set) > listed {
		list += fmt.Sprintf(", and %d more", len(set)-listed)
	}
	return fmt.Sprintf("union has %d members set (%s), want exactly one", len(set), list)
}

// maxMemberName bounds a member name quoted in an error, in bytes: the
// model's are under 40.
const maxMemberName = 64

// readIntegrationDetails reads the integrationDetails union by the rules
// of readUnion. A member this package does not know, whatever its value,
// is an *UnknownIntegrationDetails holding that value as written.
func readIntegrationDetails(r *jsonwire.Reader) (IntegrationDetails, error) {
	var openSearch *OpenSearchIntegrationDetails
	name, value, found, err := readUnion(r, func(name string) (err error) {
		if name != memberOpenSearchIntegrationDetails {
			return r.Skip()
		}
		// A member named twice is read twice: the last value read is the
		// one that counts.
		openSearch, err = readOpenSearchDetails(r)
		return err
	})
	switch {
	case err != nil || !found:
		return nil, err
	case name == memberOpenSearchIntegrationDetails:
		return openSearch, nil
	}
	return &UnknownIntegrationDetails{Name: name, Value: []byte(value)}, nil
}

// decodeResourceConfig decodes the resourceConfig union by the rules of
// readUnion; no data is no member. The known member is decoded with
// encoding/json. A member this package does not know is an
// *UnknownResourceConfig holding its value as written, which checkUnknown
// must accept: what decodes, encodes.
func decodeResourceConfig(data []byte) (ResourceConfig, error) {
	if len(data) == 0 {
		return nil, nil
	}
	r := jsonwire.NewReader(string(data))
	name, value, found, err := readUnion(&r, func(string) error { return r.Skip() })
	if err == nil {
		err = r.End()
	}
	switch {
	case err != nil:
		return nil, jsonwire.InMember(configUnion.wire, err)
	case !found:
		return nil, nil
	case name == memberOpenSearchResourceConfig:
		rc := new(OpenSearchResourceConfig)
		if err := json.Unmarshal([]byte(value), rc); err != nil {
			return nil, fmt.Errorf("%s.%s: %w", configUnion.wire, name, err)
		}
		return rc, nil
	}
	if reason := configUnion.checkUnknown(name, []byte(value)); reason != "" {
		return nil, errors.New(configUnion.wire + " " + reason)
	}
	return &UnknownResourceConfig{Name: name, Value: []byte(value)}, nil
}

// The unions are interfaces, which encoding/json cannot decode: a struct of
// the caller's that holds one is encoded without the member's name and
// does not decode back. The functions below encode and decode a union on
// its own, in its wire shape, so that tools can store a value and load it
// again. The caller's type can call them from its own MarshalJSON and
// UnmarshalJSON methods, or keep the union in a json.RawMessage field.

// MarshalIntegrationDetails encodes d in its wire shape, an object with
// one member such as {"openSearchIntegrationDetails":{...}}; nil gives
// null. An [*UnknownIntegrationDetails] is written with its Value as it
// is. It refuses a value that would not decode as itself: a nil member, or
// an unknown member that is null, is named "__type" or has the name of a
// known member.
//
// [UnmarshalIntegrationDetails] decodes what it returns, but for white
// space before or after an unknown member's Value, which is written and
// not read back: the decoded Value is the JSON value alone.
func MarshalIntegrationDetails(d IntegrationDetails) ([]byte, error) {
	if d == nil {
		return []byte("null"), nil
	}
	b, err := appendUnion(nil, d)
	if err != nil {
		return nil, fmt.Errorf("cwlogs: MarshalIntegrationDetails: %w", err)
	}
	return b, nil
}

// UnmarshalIntegrationDetails decodes the integrationDetails union from
// data, by the rules GetIntegration decodes it with: null, and an object
// whose members are all null, give nil; a member this package does not
// know gives an [*UnknownIntegrationDetails].
func UnmarshalIntegrationDetails(data []byte) (IntegrationDetails, error) {
	r := jsonwire.NewReader(string(data))
	d, err := readIntegrationDetails(&r)
	if err == nil {
		err = r.End()
	}
	if err != nil {
		return nil, fmt.Errorf("cwlogs: UnmarshalIntegrationDetails: %w", jsonwire.InMember(detailsUnion.wire, err))
	}
	return d, nil
}

// MarshalResourceConfig encodes rc in its wire shape, an object with one
// member such as {"openSearchResourceConfig":{...}}; nil gives null. An
// [*UnknownResourceConfig] is written with its Value as it is. It refuses
// a value that would not decode as itself: a nil member, or an unknown
// member with no name, named "__type" or after a known member, or whose
// value is not a JSON object.
//
// [UnmarshalResourceConfig] decodes what it returns, but for white space
// before or after an unknown member's Value, which is written and not
// read back: the decoded Value is the JSON value alone.
func MarshalResourceConfig(rc ResourceConfig) ([]byte, error) {
	if rc == nil {
		return []byte("null"), nil
	}
	b, err := appendUnion(nil, rc)
	if err != nil {
		return nil, fmt.Errorf("cwlogs: MarshalResourceConfig: %w", err)
	}
	return b, nil
}

// UnmarshalResourceConfig decodes the resourceConfig union from data by
// the AWS JSON rules: null, and an object whose members are all null, give
// nil; a member this package does not know gives an
// [*UnknownResourceConfig] that holds its value as it is written.
func UnmarshalResourceConfig(data []byte) (ResourceConfig, error) {
	if len(data) == 0 {
		return nil, errors.New("cwlogs: UnmarshalResourceConfig: no data")
	}
	rc, err := decodeResourceConfig(data)
	if err != nil {
		return nil, fmt.Errorf("cwlogs: UnmarshalResourceConfig: %w", err)
	}
	return rc, nil
}
