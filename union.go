package cwlogs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

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

// OpenSearchIntegrationDetails is the openSearchIntegrationDetails member of
// [IntegrationDetails]: the OpenSearch Service resources that the integration
// uses. A resource the service did not report is nil.
type OpenSearchIntegrationDetails struct {
	DataSource       *OpenSearchDataSource  `json:"dataSource,omitzero"`
	Application      *OpenSearchApplication `json:"application,omitzero"`
	Collection       *OpenSearchCollection  `json:"collection,omitzero"`
	Workspace        *OpenSearchWorkspace   `json:"workspace,omitzero"`
	EncryptionPolicy *OpenSearchPolicy      `json:"encryptionPolicy,omitzero"`
	NetworkPolicy    *OpenSearchPolicy      `json:"networkPolicy,omitzero"`
	AccessPolicy     *OpenSearchPolicy      `json:"accessPolicy,omitzero"`
	LifecyclePolicy  *OpenSearchPolicy      `json:"lifecyclePolicy,omitzero"`
}

func (*OpenSearchIntegrationDetails) isIntegrationDetails() {}

// UnknownIntegrationDetails is a member of [IntegrationDetails] that this
// package does not know, because the service added it later. It is the
// counterpart of boto3's SDK_UNKNOWN_MEMBER, but it keeps the member's data
// as well as its name: Value holds the member's JSON exactly as it arrived,
// and encoding the enclosing output gives back the same JSON value (white
// space aside, and with <, > and & escaped if the encoder escapes HTML, as
// json.Marshal does).
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
	type name struct {
		Name string `json:"name"`
	}
	return json.Marshal(map[string]name{"SDK_UNKNOWN_MEMBER": {u.Name}})
}

// Wire names of the members of IntegrationDetails.
const memberOpenSearchIntegrationDetails = "openSearchIntegrationDetails"

// decodeValidIntegrationDetails decodes the integrationDetails union from
// data, which must be valid JSON.
func decodeValidIntegrationDetails(data []byte) (IntegrationDetails, error) {
	name, value, _, err := decodeUnion("integrationDetails", data)
	if err != nil || value == nil {
		return nil, err
	}
	switch name {
	case memberOpenSearchIntegrationDetails:
		d := new(OpenSearchIntegrationDetails)
		if err := json.Unmarshal(value, d); err != nil {
			return nil, fmt.Errorf("integrationDetails.%s: %w", name, err)
		}
		return d, nil
	default:
		return &UnknownIntegrationDetails{Name: name, Value: bytes.Clone(value)}, nil
	}
}

// integrationDetailsField decodes the union where it stands in a response:
// encoding/json has checked the whole body before it calls UnmarshalJSON.
type integrationDetailsField struct{ d IntegrationDetails }

func (f *integrationDetailsField) UnmarshalJSON(data []byte) (err error) {
	f.d, err = decodeValidIntegrationDetails(data)
	return err
}

// encodeIntegrationDetails encodes d as the integrationDetails union.
func encodeIntegrationDetails(d IntegrationDetails) ([]byte, error) {
	switch d := d.(type) {
	case *OpenSearchIntegrationDetails:
		return encodeMember(memberOpenSearchIntegrationDetails, d)
	case *UnknownIntegrationDetails:
		if !json.Valid(d.Value) {
			return nil, fmt.Errorf("integrationDetails.%s: value is not valid JSON", d.Name)
		}
		return encodeMember(d.Name, d.Value)
	default:
		return nil, fmt.Errorf("integrationDetails: cannot encode member of type %T", d)
	}
}

func encodeMember(name string, v any) ([]byte, error) {
	return marshalNoEscape(map[string]any{name: v})
}

// decodeUnion applies the AWS JSON rules for a union to data, which must be
// valid JSON: null is no value; otherwise data must be an object in which,
// once "__type" and the members whose value is null are set aside, exactly
// one member remains. It returns that member's name and value (a part of
// data), or a nil value when data holds no value, and whether some member
// name appeared more than once (the last one counts, as in encoding/json).
// A member may be named "": it is then an unknown member of that name.
// where names the union in errors.
func decodeUnion(where string, data []byte) (name string, value []byte, repeated bool, err error) {
	data = trimJSONSpace(data)
	if len(data) == 0 || string(data) == "null" {
		return "", nil, false, nil
	}
	if data[0] != '{' {
		return "", nil, false, fmt.Errorf("%s: union must be a JSON object, found %s", where, jsonKind(data[0]))
	}
	// Later members replace earlier ones of the same name, as in
	// encoding/json.
	type member struct {
		name  string
		value []byte
	}
	var members []member
	var index map[string]int // of members, once there are many
	err = objectMembers(data, func(n string, v []byte) error {
		if index == nil && len(members) == 8 {
			index = make(map[string]int)
			for i, m := range members {
				index[m.name] = i
			}
		}
		i, found := -1, false
		if index != nil {
			i, found = index[n]
		} else {
			for j := range members {
				if members[j].name == n {
					i, found = j, true
				}
			}
		}
		if found {
			members[i].value = v
			repeated = true
			return nil
		}
		if index != nil {
			index[n] = len(members)
		}
		members = append(members, member{n, v})
		return nil
	})
	if err != nil {
		return "", nil, false, fmt.Errorf("%s: %w", where, err)
	}
	var set []string
	nulls := 0
	for _, m := range members {
		switch {
		case m.name == "__type":
		case string(m.value) == "null":
			nulls++
		default:
			set = append(set, m.name)
			name, value = m.name, m.value
		}
	}
	switch {
	case len(set) == 1:
		return name, value, repeated, nil
	case len(set) == 0 && nulls > 0:
		// Every member is null: both official SDKs treat this as absent.
		return "", nil, repeated, nil
	case len(set) == 0:
		return "", nil, false, fmt.Errorf("%s: union has no member set, want exactly one", where)
	default:
		slices.Sort(set)
		return "", nil, false, fmt.Errorf("%s: union has %d members set (%s), want exactly one",
			where, len(set), strings.Join(set, ", "))
	}
}

// objectMembers calls fn with the name and the value of each member of the
// JSON object data, in order. data must be valid JSON.
func objectMembers(data []byte, fn func(name string, value []byte) error) error {
	i := skipSpace(data, 1)
	if i < len(data) && data[i] == '}' {
		return nil
	}
	for i < len(data) && data[i] == '"' {
		end := stringEnd(data, i)
		name := string(data[i+1 : end])
		if bytes.IndexByte(data[i:end], '\\') >= 0 || !utf8.ValidString(name) {
			// Escapes, and invalid UTF-8 that encoding/json turns into
			// U+FFFD: decode the name as encoding/json does.
			if err := json.Unmarshal(data[i:end+1], &name); err != nil {
				return err
			}
		}
		i = skipSpace(data, end+1) // at ':'
		start := skipSpace(data, i+1)
		i = valueEnd(data, start)
		if err := fn(name, data[start:i]); err != nil {
			return err
		}
		i = skipSpace(data, i) // at ',' or '}'
		if i >= len(data) || data[i] != ',' {
			return nil
		}
		i = skipSpace(data, i+1)
	}
	return nil
}

// trimJSONSpace trims the white space JSON allows around a value.
func trimJSONSpace(data []byte) []byte {
	return bytes.Trim(data, " \t\n\r")
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// stringEnd returns the index of the quote that closes the string whose
// opening quote is at i.
func stringEnd(data []byte, i int) int {
	for i++; i < len(data); i++ {
		switch data[i] {
		case '\\':
			i++
		case '"':
			return i
		}
	}
	return len(data)
}

// valueEnd returns the index just past the JSON value that starts at i.
func valueEnd(data []byte, i int) int {
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '"':
			i = stringEnd(data, i)
			if depth == 0 {
				return i + 1
			}
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return i
			}
			depth--
			if depth == 0 {
				return i + 1
			}
		case ',', ' ', '\t', '\n', '\r':
			if depth == 0 {
				return i
			}
		}
	}
	return len(data)
}

// jsonKind names the kind of JSON value that starts with c.
func jsonKind(c byte) string {
	switch c {
	case '"':
		return "a string"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '{':
		return "an object"
	default:
		return "a number"
	}
}
