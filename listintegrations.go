package cwlogs

import (
	"context"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
)

// ListIntegrationsAPI is the ListIntegrations operation. [*Client]
// implements it; code that depends on this interface can be tested with a
// fake.
type ListIntegrationsAPI interface {
	ListIntegrations(ctx context.Context, params *ListIntegrationsInput, optFns ...func(*Options)) (*ListIntegrationsOutput, error)
}

var _ ListIntegrationsAPI = (*Client)(nil)

// listIntegrationsOp declares ListIntegrations, which is idempotent.
var listIntegrationsOp = &operation{name: "ListIntegrations", target: targetPrefix + "ListIntegrations"}

// ListIntegrationsInput is the input of [Client.ListIntegrations]. Each
// field is a filter; a zero value sets no filter and is left out of the
// request, so the zero input lists every integration.
type ListIntegrationsInput struct {
	// IntegrationNamePrefix, if set, keeps the integrations whose name
	// starts with it: 1 to 50 characters, each a letter, a digit or one of
	// . - _ / #.
	IntegrationNamePrefix string `json:"integrationNamePrefix,omitzero"`
	// IntegrationType, if set, keeps the integrations of that type.
	IntegrationType IntegrationType `json:"integrationType,omitzero"`
	// IntegrationStatus, if set, keeps the integrations in that status.
	IntegrationStatus IntegrationStatus `json:"integrationStatus,omitzero"`
}

// ListIntegrationsOutput is the result of [Client.ListIntegrations].
// Encoding it with encoding/json gives the response in its wire shape.
type ListIntegrationsOutput struct {
	// IntegrationSummaries are the integrations that pass the filters. A
	// decoded output has a non-nil slice, empty when there are none, as
	// when the service sends an empty list, null or no list at all. It
	// encodes as []; nil encodes as null, which decodes as empty.
	IntegrationSummaries []IntegrationSummary `json:"integrationSummaries"`

	// ResultMetadata describes the HTTP response. It is not part of the
	// wire shape.
	ResultMetadata ResponseMetadata `json:"-"`
}

// ListIntegrations returns the integrations of the account that pass the
// filters of params; a nil params or the zero input lists them all. The
// result is not paginated (an account has at most one integration).
//
// The name prefix is checked before any request is sent; a prefix the
// service would reject gives an [*InvalidInputError]. Errors from the
// service are [*APIError] values that match this package's sentinels with
// errors.Is.
func (c *Client) ListIntegrations(ctx context.Context, params *ListIntegrationsInput, optFns ...func(*Options)) (*ListIntegrationsOutput, error) {
	return c.listIntegrations(ctx, params, optFns, nil)
}

// listIntegrations is ListIntegrations, which also sets *outSecrets, if
// not nil, to the secrets of the request whose response the output holds.
func (c *Client) listIntegrations(ctx context.Context, params *ListIntegrationsInput, optFns []func(*Options), outSecrets *secrets) (*ListIntegrationsOutput, error) {
	op := listIntegrationsOp.name
	if params == nil {
		params = &ListIntegrationsInput{}
	}
	if params.IntegrationNamePrefix != "" {
		if err := validateNameChars(op, "IntegrationNamePrefix", params.IntegrationNamePrefix); err != nil {
			return nil, err
		}
	}
	if err := validateUTF8(op, "IntegrationType", string(params.IntegrationType)); err != nil {
		return nil, err
	}
	if err := validateUTF8(op, "IntegrationStatus", string(params.IntegrationStatus)); err != nil {
		return nil, err
	}
	out := &ListIntegrationsOutput{}
	if err := c.invokeKeeping(ctx, listIntegrationsOp, params, out, &out.ResultMetadata, optFns, outSecrets); err != nil {
		return nil, err
	}
	return out, nil
}

// UnmarshalJSON decodes a ListIntegrations response body, by the rules of
// the other outputs. An absent or null integrationSummaries is an empty
// list: the decoded slice is never nil.
func (o *ListIntegrationsOutput) UnmarshalJSON(data []byte) error { return o.decode(string(data)) }

// decode decodes a ListIntegrations response body, as UnmarshalJSON. The
// output's strings share body.
func (o *ListIntegrationsOutput) decode(body string) error {
	out := ListIntegrationsOutput{ResultMetadata: o.ResultMetadata}
	r := jsonwire.NewReader(body)
	err := r.Finish(r.Fields(func(name string) (err error) {
		switch name {
		case "integrationSummaries":
			out.IntegrationSummaries, err = readIntegrationSummaries(&r)
		default:
			err = r.Skip()
		}
		return err
	}))
	if err != nil {
		return err
	}
	if out.IntegrationSummaries == nil {
		out.IntegrationSummaries = []IntegrationSummary{}
	}
	*o = out
	return nil
}
