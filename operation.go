package cwlogs

import (
	"context"
	"encoding/json"
)

// IntegrationsAPI is the whole integrations API: the four operations that
// create, read, list and delete an integration. [*Client] implements it;
// code that depends on this interface can be tested with a fake.
type IntegrationsAPI interface {
	PutIntegrationAPI
	GetIntegrationAPI
	ListIntegrationsAPI
	DeleteIntegrationAPI
}

var _ IntegrationsAPI = (*Client)(nil)

// output is the pointer type P of an operation's output Out: it decodes a
// response body and takes the metadata of the response.
type output[Out any] interface {
	*Out
	json.Unmarshaler
	setMetadata(ResponseMetadata)
}

// do sends an operation whose input has been checked, over the one request
// path, and returns its output. target is targetPrefix+op, which the
// operation passes as a constant.
func do[Out any, P output[Out]](ctx context.Context, c *Client, op, target string, in any, optFns []func(*Options)) (*Out, error) {
	out := P(new(Out))
	meta, err := c.invoke(ctx, op, target, in, out, optFns)
	if err != nil {
		return nil, err
	}
	out.setMetadata(meta)
	return out, nil
}
