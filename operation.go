package cwlogs

import (
	"context"
	"time"
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
// to know of it. Each operation's declaration is a package-level literal
// with no code run at init, so that a program links the effect check of
// an operation only when it calls that operation.
type operation struct {
	name   string // such as "GetIntegration", as errors give it
	target string // the X-Amz-Target header: targetPrefix + name
	// effect names what a call of an operation that is not idempotent
	// does, as the text of an unknown outcome says it: "create".
	effect string
	// check is set for an operation that is not idempotent, whose attempt
	// may take effect without the client learning it. It reads what the
	// service's state shows of the effect of the call (see retry).
	check effectReader
	// checkFirst tells that the call is never sent again blindly: after
	// an attempt that may have reached the service, check runs before
	// any further attempt too, which is sent only when the state shows no
	// effect.
	checkFirst bool
}

// effectReader reads the effect of a call from the service's state.
type effectReader interface {
	// read reads the state after an attempt that may have taken effect,
	// given the call's input and output (pointers), when the call began
	// (on the client's clock) and err, the error it would end with: the
	// effect is confirmed (read fills out), absent, or unknown.
	read(ctx context.Context, c *Client, in, out any, began time.Time, err error) reading
}

// effectCheck is an operation's effect check, typed by the operation's
// input and output: the operation's part of the rule that the request
// path applies. An operation declares it as
// effectCheck[XInput, XOutput](checkX).
type effectCheck[In, Out any] func(ctx context.Context, c *Client, in *In, out *Out, began time.Time, err error) reading

// read calls f with the call's input and output, which are an *In and an
// *Out.
func (f effectCheck[In, Out]) read(ctx context.Context, c *Client, in, out any, began time.Time, err error) reading {
	return f(ctx, c, in.(*In), out.(*Out), began, err)
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
