package cwlogs

import "fmt"

// The unions are interfaces, which encoding/json cannot decode: a struct of
// the caller's that holds one is encoded without the member's name and
// does not decode back. The functions below encode and decode a union on
// its own, in its wire shape, so that tools can store a value and load it
// again; the caller's type can call them from its own MarshalJSON and
// UnmarshalJSON methods, or keep the union in a json.RawMessage field.

// MarshalIntegrationDetails encodes d in its wire shape, an object with
// one member such as {"openSearchIntegrationDetails":{...}}; nil gives
// null. An [*UnknownIntegrationDetails] is written with its Value as it
// is. It refuses a value that would not decode as itself: a nil member,
// or an unknown member that is null, is named "__type" or has the name of a
// known member. [UnmarshalIntegrationDetails] decodes what it returns, but
// for white space before or after an unknown member's Value, which is
// written and not read back (the decoded Value is the JSON value alone).
func MarshalIntegrationDetails(d IntegrationDetails) ([]byte, error) {
	if d == nil {
		return []byte("null"), nil
	}
	b, err := encodeIntegrationDetails(d)
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
	r := reader{s: string(data)}
	d, err := r.integrationDetails()
	if err == nil {
		err = r.end()
	}
	if err != nil {
		return nil, fmt.Errorf("cwlogs: UnmarshalIntegrationDetails: %w", inMember("integrationDetails", err))
	}
	return d, nil
}

// MarshalResourceConfig encodes rc in its wire shape, an object with one
// member such as {"openSearchResourceConfig":{...}}; nil gives null. An
// [*UnknownResourceConfig] is written with its Value as it is. It refuses
// a value that would not decode as itself: a nil member, or an unknown
// member with no name, named "__type" or after a known member, or whose
// value is not a JSON object. [UnmarshalResourceConfig] decodes what it
// returns, but for white space before or after an unknown member's Value,
// which is written and not read back (the decoded Value is the JSON value
// alone).
func MarshalResourceConfig(rc ResourceConfig) ([]byte, error) {
	if rc == nil {
		return []byte("null"), nil
	}
	b, err := encodeResourceConfig(rc)
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
		return nil, fmt.Errorf("cwlogs: UnmarshalResourceConfig: no data")
	}
	rc, err := decodeResourceConfig(data)
	if err != nil {
		return nil, fmt.Errorf("cwlogs: UnmarshalResourceConfig: %w", err)
	}
	return rc, nil
}
