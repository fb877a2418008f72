package cwlogs

import (
	"context"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
)

// GetIntegrationAPI is the GetIntegration operation. [*Client] implements
// it; code that depends on this interface can be tested with a fake.
type GetIntegrationAPI interface {
	GetIntegration(ctx context.Context, params *GetIntegrationInput, optFns ...func(*Options)) (*GetIntegrationOutput, error)
}

var _ GetIntegrationAPI = (*Client)(nil)

// getIntegrationOp declares GetIntegration, which is idempotent.
var getIntegrationOp = &operation{name: "GetIntegration", target: targetPrefix + "GetIntegration"}

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

// GetIntegration returns the integration named by params.IntegrationName:
// its type, its status and, in IntegrationDetails, the resources it uses.
//
// The name is checked before any request is sent; a name the service would
// reject gives an [*InvalidInputError]. Errors from the service are
// [*APIError] values that match this package's sentinels with errors.Is,
// for example [ErrResourceNotFound] when no integration has that name.
func (c *Client) GetIntegration(ctx context.Context, params *GetIntegrationInput, optFns ...func(*Options)) (*GetIntegrationOutput, error) {
	return c.getIntegration(ctx, params, optFns, nil)
}

// getIntegration is GetIntegration, which also sets *outSecrets, if not
// nil, to the secrets of the request whose response the output holds.
func (c *Client) getIntegration(ctx context.Context, params *GetIntegrationInput, optFns []func(*Options), outSecrets *secrets) (*GetIntegrationOutput, error) {
	op := getIntegrationOp.name
	if params == nil {
		params = &GetIntegrationInput{}
	}
	if err := validateIntegrationName(op, params.IntegrationName); err != nil {
		return nil, err
	}
	out := &GetIntegrationOutput{}
	if err := c.invokeKeeping(ctx, getIntegrationOp, params, out, &out.ResultMetadata, optFns, outSecrets); err != nil {
		return nil, err
	}
	return out, nil
}

// UnmarshalJSON decodes a GetIntegration response body. Unknown members are
// ignored, enum values are kept as they are, null is the same as absent, a
// member named twice counts with its last value, and the integrationDetails
// union is decoded by the AWS JSON protocol rules.
func (o *GetIntegrationOutput) UnmarshalJSON(data []byte) error { return o.decode(string(data)) }

// decode decodes a GetIntegration response body, as UnmarshalJSON. The
// output's strings share body.
func (o *GetIntegrationOutput) decode(body string) error {
	out := GetIntegrationOutput{ResultMetadata: o.ResultMetadata}
	r := jsonwire.NewReader(body)
	err := r.Finish(r.Fields(func(name string) (err error) {
		switch name {
		case "integrationName":
			out.IntegrationName, err = r.StringValue()
		case "integrationType":
			out.IntegrationType, err = jsonwire.Enum[IntegrationType](&r)
		case "integrationStatus":
			out.IntegrationStatus, err = jsonwire.Enum[IntegrationStatus](&r)
		case "integrationDetails":
			out.IntegrationDetails, err = readIntegrationDetails(&r)
		default:
			err = r.Skip()
		}
		return err
	}))
	if err != nil {
		return err
	}
	*o = out
	return nil
}

// getIntegrationWire is GetIntegrationOutput on the wire but for the union,
// which MarshalJSON writes after it.
type getIntegrationWire struct {
	IntegrationName   string            `json:"integrationName,omitzero"`
	IntegrationType   IntegrationType   `json:"integrationType,omitzero"`
	IntegrationStatus IntegrationStatus `json:"integrationStatus,omitzero"`
}

// MarshalJSON encodes the output in its wire shape. An
// [*UnknownIntegrationDetails] is written with its Value byte for byte.
func (o GetIntegrationOutput) MarshalJSON() ([]byte, error) {
	w := getIntegrationWire{
		IntegrationName:   o.IntegrationName,
		IntegrationType:   o.IntegrationType,
		IntegrationStatus: o.IntegrationStatus,
	}
	b, err := jsonwire.MarshalNoEscape(w)
	if err != nil || o.IntegrationDetails == nil {
		return b, err
	}
	// The union goes after the other members, before the '}'.
	b = jsonwire.AppendKey(b[:len(b)-1], "integrationDetails")
	if b, err = appendUnion(b, o.IntegrationDetails); err != nil {
		return nil, err
	}
	return append(b, '}'), nil
}
