package cwlogs

import (
	"bytes"
	"context"
	"encoding/json"
)

// GetIntegrationAPI is the GetIntegration operation. [*Client] implements
// it; code that depends on this interface can be tested with a fake.
type GetIntegrationAPI interface {
	GetIntegration(ctx context.Context, params *GetIntegrationInput, optFns ...func(*Options)) (*GetIntegrationOutput, error)
}

var _ GetIntegrationAPI = (*Client)(nil)

// getIntegrationOp declares GetIntegration, which is idempotent.
var getIntegrationOp = declare[GetIntegrationInput, GetIntegrationOutput]("GetIntegration", nil)

// GetIntegrationInput is the input of [Client.GetIntegration].
type GetIntegrationInput struct {
	// IntegrationName is the name of the integration. It is required: 1 to
	// 50 characters, each a letter, a digit or one of . - _ / #.
	IntegrationName string `json:"integrationName,omitzero"`
}

// GetIntegrationOutput is the result of [Client.GetIntegration]. Encoding it
// with encoding/json gives the response in its wire shape; members the
// service did not send stay absent. Its strings share one copy of the
// response body, which a string kept from it keeps alive.
type GetIntegrationOutput struct {
	IntegrationName   string            `json:"integrationName,omitzero"`
	IntegrationType   IntegrationType   `json:"integrationType,omitzero"`
	IntegrationStatus IntegrationStatus `json:"integrationStatus,omitzero"`
	// IntegrationDetails is nil when the service sent no details.
	IntegrationDetails IntegrationDetails `json:"integrationDetails,omitzero"`

	// ResultMetadata describes the HTTP response. It is not part of the
	// wire shape.
	ResultMetadata ResponseMetadata `json:"-"`
}

// ResponseMetadata describes the HTTP response that carried a result.
type ResponseMetadata struct {
	// RequestID is the service's id for the request, from the
	// X-Amzn-RequestId (or X-Amz-RequestId) header.
	RequestID string
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Attempts is the number of attempts the call made.
	Attempts int
	// Confirmed tells that the result was confirmed after an attempt whose
	// outcome was unknown: an attempt of an operation that is not
	// idempotent may have taken effect (its request was sent and no
	// complete answer came back, or the service answered with a 5xx error
	// other than throttling), and the retry failed as it does once the
	// call took effect. A PutIntegration whose retry met
	// LimitExceededException or ValidationException is then a success
	// when GetIntegration finds the integration (the output holds its
	// name and status, and RequestID and StatusCode are GetIntegration's);
	// a DeleteIntegration or DisassociateSourceFromS3TableIntegration whose
	// retry met ResourceNotFoundException is a success (RequestID and
	// StatusCode are those of that answer); an
	// AssociateSourceToS3TableIntegration is a success when the
	// integration's sources list the association it made (the output holds
	// its identifier, and RequestID and StatusCode are the listing's).
	Confirmed bool
}

// getIntegrationWire is GetIntegrationOutput on the wire but for the union,
// which MarshalJSON writes after it.
type getIntegrationWire struct {
	IntegrationName   string            `json:"integrationName,omitzero"`
	IntegrationType   IntegrationType   `json:"integrationType,omitzero"`
	IntegrationStatus IntegrationStatus `json:"integrationStatus,omitzero"`
}

// UnmarshalJSON decodes a GetIntegration response body. Unknown members are
// ignored, enum values are kept as they are, null is the same as absent, a
// member named twice counts with its last value, and the integrationDetails
// union is decoded by the AWS JSON protocol rules.
func (o *GetIntegrationOutput) UnmarshalJSON(data []byte) error { return o.decode(string(data)) }

// decode decodes a GetIntegration response body, as UnmarshalJSON. The
// output's strings share body.
func (o *GetIntegrationOutput) decode(body string) error {
	r := reader{s: body}
	out := GetIntegrationOutput{ResultMetadata: o.ResultMetadata}
	err := r.fields(func(name string) (err error) {
		switch name {
		case "integrationName":
			out.IntegrationName, err = r.stringValue()
		case "integrationType":
			var v string
			v, err = r.stringValue()
			out.IntegrationType = IntegrationType(v)
		case "integrationStatus":
			var v string
			v, err = r.stringValue()
			out.IntegrationStatus = IntegrationStatus(v)
		case "integrationDetails":
			out.IntegrationDetails, err = r.integrationDetails()
		default:
			err = r.skip()
		}
		return err
	})
	if err == nil || isValueError(err) {
		// After a value of the wrong shape the reader is past the body's
		// value: what follows must still be checked, and a body that is
		// not JSON says so rather than what shape it has.
		if endErr := r.end(); endErr != nil {
			err = endErr
		}
	}
	if err != nil {
		return err
	}
	*o = out
	return nil
}

// MarshalJSON encodes the output in its wire shape.
func (o GetIntegrationOutput) MarshalJSON() ([]byte, error) {
	w := getIntegrationWire{
		IntegrationName:   o.IntegrationName,
		IntegrationType:   o.IntegrationType,
		IntegrationStatus: o.IntegrationStatus,
	}
	b, err := marshalNoEscape(w)
	if err != nil || o.IntegrationDetails == nil {
		return b, err
	}
	details, err := encodeIntegrationDetails(o.IntegrationDetails)
	if err != nil {
		return nil, err
	}
	// The union goes in as it is written (encoding/json would compact an
	// unknown member's value): after the other members, before the '}'.
	b = b[:len(b)-1]
	if len(b) > 1 {
		b = append(b, ',')
	}
	b = append(b, `"integrationDetails":`...)
	return append(append(b, details...), '}'), nil
}

// marshalNoEscape is json.Marshal without HTML escaping, which is left to
// the caller's encoder.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// GetIntegration returns the integration named by params.IntegrationName:
// its type, its status and, in IntegrationDetails, the resources it uses.
//
// The name is checked before any request is sent; a name the service would
// reject gives an [*InvalidInputError]. Errors from the service are
// [*APIError] values that match this package's sentinels with errors.Is,
// for example [ErrResourceNotFound] when no integration has that name.
func (c *Client) GetIntegration(ctx context.Context, params *GetIntegrationInput, optFns ...func(*Options)) (*GetIntegrationOutput, error) {
	op := getIntegrationOp.name
	if params == nil {
		params = &GetIntegrationInput{}
	}
	if err := validateIntegrationName(op, params.IntegrationName); err != nil {
		return nil, err
	}
	return do(ctx, c, getIntegrationOp, params, optFns)
}

func (o *GetIntegrationOutput) setMetadata(m ResponseMetadata) { o.ResultMetadata = m }
