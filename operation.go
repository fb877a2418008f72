package cwlogs

import (
	"context"
)

// IntegrationsAPI is the part of the integrations API that manages an
// OpenSearch integration: the four operations that create, read, list and
// delete an integration. [*Client] implements it; code that depends on
// this interface can be tested with a fake. [S3TableIntegrationSourcesAPI]
// is the other part.
type IntegrationsAPI interface {
	PutIntegrationAPI
	GetIntegrationAPI
	ListIntegrationsAPI
	DeleteIntegrationAPI
}

var _ IntegrationsAPI = (*Client)(nil)

// operation declares an operation of the API: what the request path needs
// to know of it.
type operation struct {
	name   string // such as "GetIntegration", as errors give it
	target string // the X-Amz-Target header: targetPrefix + name
	// confirm is set for an operation that is not idempotent, whose retry
	// may meet the effect of an earlier attempt. When an attempt that may
	// have taken effect is followed by one that fails with err, confirm
	// reports whether the call took effect after all (err says so, or a
	// check that confirm makes with c). If so, it fills out and returns
	// the metadata of the response that showed it.
	confirm func(ctx context.Context, c *Client, in, out any, err error) (ResponseMetadata, bool)
}

// declare returns the declaration of the operation name. confirm, over
// the operation's input and output types, is nil for an idempotent
// operation.
func declare[In, Out any](name string, confirm func(context.Context, *Client, *In, *Out, error) (ResponseMetadata, bool)) *operation {
	op := &operation{name: name, target: targetPrefix + name}
	if confirm != nil {
		op.confirm = func(ctx context.Context, c *Client, in, out any, err error) (ResponseMetadata, bool) {
			return confirm(ctx, c, in.(*In), out.(*Out), err)
		}
	}
	return op
}

// requestInput is an input that writes its own request body, where
// encoding/json would not write the wire shape. Every other input is
// encoded with encoding/json from its struct tags.
type requestInput interface {
	// appendRequest appends the body to b.
	appendRequest(b []byte) ([]byte, error)
	// requestSize is about the length of the body, without the escapes
	// of its strings: the body's buffer makes room for it.
	requestSize() int
}

// response is an operation's output, which the request path decodes a
// response body into.
type response interface {
	// decode decodes body as UnmarshalJSON does; the output's strings may
	// share body.
	decode(body string) error
}
