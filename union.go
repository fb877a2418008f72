package cwlogs

import (
	"bytes"
	"encoding/json"
	"errors"
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

// Wire names of the members of IntegrationDetails.
const memberOpenSearchIntegrationDetails = "openSearchIntegrationDetails"

// encodeIntegrationDetails encodes d as the integrationDetails union. It
// refuses a value that would not decode back as itself: a nil member, and
// an unknown member that is null, is named "__type" (which the union rules
// set aside) or has the name of a known member. An unknown member's value
// is written as it is, byte for byte.
func encodeIntegrationDetails(d IntegrationDetails) ([]byte, error) {
	switch d := d.(type) {
	case *OpenSearchIntegrationDetails:
		if d == nil {
			return nil, errors.New("integrationDetails: nil *OpenSearchIntegrationDetails")
		}
		v, err := marshalNoEscape(d)
		if err != nil {
			return nil, err
		}
		return encodeMember(memberOpenSearchIntegrationDetails, v)
	case *UnknownIntegrationDetails:
		switch {
		case d == nil:
			return nil, errors.New("integrationDetails: nil *UnknownIntegrationDetails")
		case !json.Valid(d.Value):
			return nil, fmt.Errorf("integrationDetails.%s: value is not valid JSON", d.Name)
		case !utf8.ValidString(d.Name):
			return nil, fmt.Errorf("integrationDetails: unknown member name %q is not valid UTF-8", d.Name)
		case d.Name == "__type":
			return nil, errors.New(`integrationDetails: an unknown member cannot be named "__type", which is not a member`)
		case d.Name == memberOpenSearchIntegrationDetails:
			return nil, fmt.Errorf("integrationDetails: %s is a known member: use *OpenSearchIntegrationDetails", d.Name)
		case bytes.Equal(bytes.TrimSpace(d.Value), []byte("null")):
			return nil, fmt.Errorf("integrationDetails.%s: value is null, which would read as no member", d.Name)
		}
		return encodeMember(d.Name, d.Value)
	default:
		return nil, fmt.Errorf("integrationDetails: cannot encode member of type %T", d)
	}
}

// encodeMember returns the union object with the one member name, whose
// value is the JSON value.
func encodeMember(name string, value []byte) ([]byte, error) {
	key, err := marshalNoEscape(name)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 0, len(key)+len(value)+3)
	b = append(append(append(b, '{'), key...), ':')
	return append(append(b, value...), '}'), nil
}

// integrationDetails reads the integrationDetails union by the AWS JSON
// rules: null is no value; otherwise the value must be an object in which,
// once "__type" and the members whose value is null are set aside, exactly
// one member remains. A member named twice counts with its last value, and
// a member may be named "": it is then an unknown member of that name. An
// object whose members are all null is no value, as in both official SDKs.
func (r *reader) integrationDetails() (IntegrationDetails, error) {
	if r.null() {
		return nil, nil
	}
	if c := r.space(); c != '{' && r.i < len(r.s) {
		if err := r.skip(); err != nil {
			return nil, err
		}
		return nil, &valueError{msg: "union must be a JSON object, found " + jsonKind(c)}
	}
	// The members, each with the part of r.s that holds its last value.
	type member struct {
		name       string
		start, end int
		null       bool
		err        error // a valueError: the value has the wrong shape
	}
	var room [4]member
	members := room[:0]
	var index map[string]int // of members, once there are many
	var openSearch *OpenSearchIntegrationDetails
	err := r.object(func(name string) error {
		r.space()
		m := member{name: name, start: r.i}
		var err error
		switch {
		case r.null():
			m.null = true
		case name == memberOpenSearchIntegrationDetails:
			openSearch, m.err = r.openSearchDetails()
			if !isValueError(m.err) {
				err, m.err = m.err, nil
			}
		default:
			err = r.skip()
		}
		if err != nil {
			return err
		}
		m.end = r.i
		// Later members replace earlier ones of the same name, found by a
		// scan while they are few and by a map once they are many.
		if index == nil && len(members) == 8 {
			index = make(map[string]int)
			for i, m := range members {
				index[m.name] = i
			}
		}
		i, found := -1, false
		if index != nil {
			i, found = index[name]
		} else {
			for j := range members {
				if members[j].name == name {
					i, found = j, true
				}
			}
		}
		if found {
			members[i] = m
			return nil
		}
		if index != nil {
			index[name] = len(members)
		}
		members = append(members, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var chosen member
	set, nulls := 0, 0
	for _, m := range members {
		switch {
		case m.name == "__type":
		case m.null:
			nulls++
		default:
			set++
			chosen = m
		}
	}
	switch {
	case set == 1 && chosen.err != nil:
		return nil, inMember(chosen.name, chosen.err)
	case set == 1 && chosen.name == memberOpenSearchIntegrationDetails:
		// The last value of the member is the last one decoded.
		return openSearch, nil
	case set == 1:
		return &UnknownIntegrationDetails{Name: chosen.name, Value: []byte(r.s[chosen.start:chosen.end])}, nil
	case set == 0 && nulls > 0:
		return nil, nil
	case set == 0:
		return nil, &valueError{msg: "union has no member set, want exactly one"}
	}
	var names []string
	for _, m := range members {
		if m.name != "__type" && !m.null {
			names = append(names, m.name)
		}
	}
	slices.Sort(names)
	// A hostile body may set thousands of members: the error names a few.
	const listed = 5
	list := strings.Join(names[:min(len(names), listed)], ", ")
	if len(names) > listed {
		list += fmt.Sprintf(", and %d more", len(names)-listed)
	}
	return nil, &valueError{msg: fmt.Sprintf("union has %d members set (%s), want exactly one", set, list)}
}
