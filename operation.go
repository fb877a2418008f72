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

// operation declares an operation of the API, whose input is In and
// output Out: what the one request path needs to know of it.
type operation[In, Out any] struct {
	name   string // such as "GetIntegration", as errors give it
	target string // the X-Amz-Target header: targetPrefix + name
	// confirm is set for an operation that is not idempotent, whose retry
	// may meet the effect of an earlier attempt. When an attempt that may
	// have taken effect is followed by one that fails with err, confirm
	// reports whether the call took effect after all (err says so, or a
	// check confirm makes with c); if so, it fills out and returns the
	// metadata of the response that showed it.
	// It is the typed function declare was given, over the input and
	// output of a call.
	confirm func(ctx context.Context, c *Client, in, out any, err error) (ResponseMetadata, bool)
}

// declare returns the declaration of the operation name, idempotent unless
// it has a confirm function.
func declare[In, Out any](name string, confirm func(context.Context, *Client, *In, *Out, error) (ResponseMetadata, bool)) *operation[In, Out] {
	op := &operation[In, Out]{name: name, target: targetPrefix + name}
	if confirm != nil {
		op.confirm = func(ctx context.Context, c *Client, in, out any, err error) (ResponseMetadata, bool) {
			return confirm(ctx, c, in.(*In), out.(*Out), err)
		}
	}
	return op
}

// input is the pointer type Q of an operation's input In: it writes the
// request body.
type input[In any] interface {
	*In
	requestInput
}

// requestInput writes the request body of an input (see encode.go).
type requestInput interface {
	// appendRequest appends the body to b.
	appendRequest(b []byte) ([]byte, error)
	// requestSize is about the length of the body, without the escapes
	// of its strings: the body's buffer makes room for it.
	requestSize() int
}

// output is the pointer type P of an operation's output Out: it decodes a
// response body and takes the metadata of the response.
type output[Out any] interface {
	*Out
	responseOutput
	setMetadata(ResponseMetadata)
}

// responseOutput decodes a response body into an output.
type responseOutput interface {
	// decode decodes body as UnmarshalJSON does; the output's strings may
	// share body.
	decode(body string) error
}

// do sends an operation whose input has been checked, over the one request
// path, and returns its output.
func do[In, Out any, Q input[In], P output[Out]](ctx context.Context, c *Client, op *operation[In, Out], in Q, optFns []func(*Options)) (*Out, error) {
	out := P(new(Out))
	cl := call{op: op.name, target: op.target, in: in, out: out, confirm: op.confirm}
	meta, err := c.invoke(ctx, cl, in, optFns)
	if err != nil {
		return nil, err
	}
	out.setMetadata(meta)
	return out, nil
}
