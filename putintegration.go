package cwlogs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
)

// PutIntegrationAPI is the PutIntegration operation. [*Client] implements
// it; code that depends on this interface can be tested with a fake.
type PutIntegrationAPI interface {
	PutIntegration(ctx context.Context, params *PutIntegrationInput, optFns ...func(*Options)) (*PutIntegrationOutput, error)
}

var _ PutIntegrationAPI = (*Client)(nil)

// putIntegrationOp declares PutIntegration, which creates an integration
// and so is not idempotent: see confirmPut.
var putIntegrationOp = declare("PutIntegration", confirmPut)

// confirmPut confirms a create whose retry failed with err after an
// attempt that may have created the integration: when err is the refusal
// of an integration that exists already (LimitExceededException, or
// ValidationException), and GetIntegration finds one of the name asked
// for, the create took effect. out then holds that integration's name and
// status, and the metadata is GetIntegration's.
func confirmPut(ctx context.Context, c *Client, in *PutIntegrationInput, out *PutIntegrationOutput, err error) (ResponseMetadata, bool) {
	if !errors.Is(err, ErrLimitExceeded) && !errors.Is(err, ErrValidation) {
		return ResponseMetadata{}, false
	}
	got, getErr := c.GetIntegration(ctx, &GetIntegrationInput{IntegrationName: in.IntegrationName})
	if getErr != nil {
		return ResponseMetadata{}, false
	}
	out.IntegrationName, out.IntegrationStatus = got.IntegrationName, got.IntegrationStatus
	return got.ResultMetadata, true
}

// PutIntegrationInput is the input of [Client.PutIntegration]. Encoding it
// with encoding/json gives the request in its wire shape, and decoding that
// gives it back, the ResourceConfig union included.
type PutIntegrationInput struct {
	// IntegrationName is the name of the integration to create. It is
	// required: 1 to 50 characters, each a letter, a digit or one of
	// . - _ / #.
	IntegrationName string
	// IntegrationType is the type of the integration, such as
	// [IntegrationTypeOpenSearch]. Required; a value this package does not
	// list is sent as it is.
	IntegrationType IntegrationType
	// ResourceConfig configures the resources to create, such as an
	// [*OpenSearchResourceConfig]. Required.
	ResourceConfig ResourceConfig
}

// putIntegrationWire is PutIntegrationInput on the wire but for the union,
// which MarshalJSON writes after it.
type putIntegrationWire struct {
	IntegrationName string          `json:"integrationName,omitzero"`
	IntegrationType IntegrationType `json:"integrationType,omitzero"`
}

// MarshalJSON encodes the input in its wire shape: {"integrationName":...,
// "integrationType":...,"resourceConfig":{"openSearchResourceConfig":{...}}},
// members that are not set left out. An [*UnknownResourceConfig] is
// written with its Value byte for byte.
func (in PutIntegrationInput) MarshalJSON() ([]byte, error) {
	return in.appendRequest(make([]byte, 0, in.requestSize()+requestSlack))
}

// UnmarshalJSON decodes a PutIntegration request body, the resourceConfig
// union by the AWS JSON rules: a member this package does not know becomes
// an [*UnknownResourceConfig].
func (in *PutIntegrationInput) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil // as encoding/json does: null leaves the value as it is
	}
	var w struct {
		putIntegrationWire
		ResourceConfig json.RawMessage `json:"resourceConfig"`
	}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	rc, err := decodeResourceConfig(w.ResourceConfig)
	if err != nil {
		return err
	}
	*in = PutIntegrationInput{IntegrationName: w.IntegrationName, IntegrationType: w.IntegrationType, ResourceConfig: rc}
	return nil
}

// PutIntegrationOutput is the result of [Client.PutIntegration]. Encoding
// it with encoding/json gives the response in its wire shape.
type PutIntegrationOutput struct {
	IntegrationName string `json:"integrationName,omitzero"`
	// IntegrationStatus is the status of the new integration,
	// [IntegrationStatusProvisioning] right after it is created.
	IntegrationStatus IntegrationStatus `json:"integrationStatus,omitzero"`

	// ResultMetadata describes the HTTP response. It is not part of the
	// wire shape.
	ResultMetadata ResponseMetadata `json:"-"`
}

// PutIntegration creates an integration: the resources it describes (for
// OpenSearch: a collection, a workspace, an application, a data source and
// their policies) are provisioned in the background, which takes minutes.
// The output's status is [IntegrationStatusProvisioning]; poll
// [Client.GetIntegration] until it is ACTIVE or FAILED. An account has at
// most one integration, and an integration cannot be changed: a second
// create fails with LimitExceededException.
//
// A create is not idempotent. When an attempt may have created the
// integration without the client learning it (the connection broke or the
// attempt timed out after the request was sent, or the service answered
// with a 5xx error other than throttling), and the retry is refused with
// LimitExceededException or ValidationException, the client asks
// GetIntegration: if an integration of that name exists, the call
// succeeds with ResultMetadata.Confirmed set and the integration's name
// and status; otherwise it returns the retry's error.
//
// The input is checked against the API model's rules before any request is
// sent; an input the service would reject gives an [*InvalidInputError]
// that names the field, such as
// "ResourceConfig.openSearchResourceConfig.retentionDays". Errors from the
// service are [*APIError] values that match this package's sentinels with
// errors.Is.
func (c *Client) PutIntegration(ctx context.Context, params *PutIntegrationInput, optFns ...func(*Options)) (*PutIntegrationOutput, error) {
	op := putIntegrationOp.name
	if params == nil {
		params = &PutIntegrationInput{}
	}
	if err := validatePutIntegration(op, params); err != nil {
		return nil, err
	}
	out := &PutIntegrationOutput{}
	if err := c.invoke(ctx, putIntegrationOp, params, out, &out.ResultMetadata, optFns); err != nil {
		return nil, err
	}
	return out, nil
}
