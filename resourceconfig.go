package cwlogs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cwlogs-go/cwlogs/internal/rules"
)

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

// OpenSearchResourceConfig is the openSearchResourceConfig member of
// [ResourceConfig]: how CloudWatch Logs creates the OpenSearch Service
// resources of an integration of type [IntegrationTypeOpenSearch].
type OpenSearchResourceConfig struct {
	// DataSourceRoleArn is the ARN of the IAM role CloudWatch Logs uses to
	// create and manage the resources. Required.
	DataSourceRoleArn string `json:"dataSourceRoleArn,omitzero"`
	// DashboardViewerPrincipals are the ARNs of the IAM roles and users
	// allowed to view the dashboards. At least one is required.
	DashboardViewerPrincipals []string `json:"dashboardViewerPrincipals,omitempty"`
	// RetentionDays is how many days the collection keeps the data, 1 to
	// 30. Required.
	RetentionDays int32 `json:"retentionDays,omitzero"`
	// KmsKeyArn, if set, is the ARN of the KMS key that encrypts the data.
	KmsKeyArn string `json:"kmsKeyArn,omitzero"`
	// ApplicationArn, if set, is the ARN of an existing OpenSearch
	// application to use instead of creating one.
	ApplicationArn string `json:"applicationArn,omitzero"`
}

func (*OpenSearchResourceConfig) isResourceConfig() {}

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

// Wire names of the members of ResourceConfig.
const memberOpenSearchResourceConfig = rules.MemberOpenSearchResourceConfig

// encodeResourceConfig encodes rc as the resourceConfig union, as
// appendResourceConfig writes it.
func encodeResourceConfig(rc ResourceConfig) ([]byte, error) {
	return appendResourceConfig(nil, rc)
}

// decodeResourceConfig decodes the resourceConfig union by the AWS JSON
// rules, as reader.integrationDetails does for the other union: absent (no
// data) and null are no value; otherwise data must be an object in which,
// once "__type" and the members whose value is null are set aside, exactly
// one member remains, and a member named twice counts with its last value.
// An object whose members are all null is no value.
func decodeResourceConfig(data []byte) (ResourceConfig, error) {
	trimmed := bytes.TrimLeft(data, jsonWhiteSpace)
	if len(trimmed) == 0 && len(data) == 0 {
		return nil, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		if len(trimmed) > 0 && trimmed[0] != '{' && json.Valid(data) {
			return nil, errors.New("resourceConfig: union must be a JSON object, found " + jsonKind(trimmed[0]))
		}
		return nil, err
	}
	if m == nil {
		return nil, nil // null
	}
	var name string
	set, nulls := 0, 0
	for n, v := range m {
		switch {
		case n == "__type":
		case string(v) == "null":
			nulls++
		default:
			set++
			name = n
		}
	}
	switch {
	case set == 0 && nulls > 0:
		return nil, nil
	case set != 1:
		return nil, fmt.Errorf("resourceConfig: union has %d members set, want exactly one", set)
	case name == memberOpenSearchResourceConfig:
		rc := new(OpenSearchResourceConfig)
		if err := json.Unmarshal(m[name], rc); err != nil {
			return nil, fmt.Errorf("resourceConfig.%s: %w", name, err)
		}
		return rc, nil
	}
	v := m[name]
	if name == "" {
		return nil, errors.New("resourceConfig: union member with an empty name")
	}
	if v[0] != '{' {
		return nil, fmt.Errorf("resourceConfig.%s: want an object, found %s", name, jsonKind(v[0]))
	}
	return &UnknownResourceConfig{Name: name, Value: bytes.Clone(v)}, nil
}
