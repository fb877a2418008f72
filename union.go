package cwlogs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
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
// and encoding the enclosing output gives it back unchanged.
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

// decodeIntegrationDetails decodes the integrationDetails union.
func decodeIntegrationDetails(data []byte) (IntegrationDetails, error) {
	name, value, err := decodeUnion("integrationDetails", data)
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
		return &UnknownIntegrationDetails{Name: name, Value: value}, nil
	}
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

// decodeUnion applies the AWS JSON rules for a union to data: null is no
// value; otherwise data must be an object in which, once "__type" and the
// members whose value is null are set aside, exactly one member remains.
// It returns that member's name and raw value, or a nil value when data
// holds no value. A member may be named "": it is then an unknown member
// of that name. where names the union in errors.
func decodeUnion(where string, data []byte) (string, json.RawMessage, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 || string(data) == "null" {
		return "", nil, nil
	}
	if data[0] != '{' {
		return "", nil, fmt.Errorf("%s: union must be a JSON object, found %s", where, jsonKind(data[0]))
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return "", nil, fmt.Errorf("%s: %w", where, err)
	}
	var set []string
	nulls := 0
	for name, value := range members {
		switch {
		case name == "__type":
		case string(value) == "null":
			nulls++
		default:
			set = append(set, name)
		}
	}
	switch {
	case len(set) == 1:
		return set[0], members[set[0]], nil
	case len(set) == 0 && nulls > 0:
		// Every member is null: both official SDKs treat this as absent.
		return "", nil, nil
	case len(set) == 0:
		return "", nil, fmt.Errorf("%s: union has no member set, want exactly one", where)
	default:
		slices.Sort(set)
		return "", nil, fmt.Errorf("%s: union has %d members set (%s), want exactly one",
			where, len(set), strings.Join(set, ", "))
	}
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
