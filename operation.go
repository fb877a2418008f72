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
// to know of it.
type operation struct {
	name   string // such as "GetIntegration", as errors give it
	target string // the X-Amz-Target header: targetPrefix + name
	// effect names what a call of an operation that is not idempotent
	// does, as the text of an unknown outcome says it: "create".
	effect string
	// check is set for an operation that is not idempotent, whose attempt
	// may take effect without the client learning it. It reads what the
	// service's state shows of the effect of the call, which began at
	// began (on the client's clock), when the call would end with err
	// after an attempt that may have taken effect (see retry). A
	// confirmed effect fills out.
	check func(ctx context.Context, c *Client, in, out any, began time.Time, err error) reading
	// checkFirst tells that the call is never sent again blindly: after
	// an attempt that may have reached the service, check runs before
	// any further attempt too, which is sent only when the state shows no
	// effect.
	checkFirst bool
}

// effectCheck declares how the effect of an operation that is not
// idempotent is read from the service's state: the operation's part of
// the rule that the request path applies.
type effectCheck[In, Out any] struct {
	// effect names what a call does, such as "create".
	effect string
	// check reads the state after an attempt that may have taken effect,
	// given when the call began and err, the error it would end with: the
	// effect is confirmed (check fills out), absent, or unknown.
	check func(ctx context.Context, c *Client, in *In, out *Out, began time.Time, err error) reading
	// first makes check run before any attempt that follows one that may
	// have reached the service, not only before the call ends.
	first bool
}

// declare returns the declaration of the operation name. ec is nil for an
// idempotent operation, else it tells how the effect of a call is checked.
func declare[In, Out any](name string, ec *effectCheck[In, Out]) *operation {
	op := &operation{name: name, target: targetPrefix + name}
	if ec != nil {
		check := ec.check
		op.effect, op.checkFirst = ec.effect, ec.first
		op.check = func(ctx context.Context, c *Client, in, out any, began time.Time, err error) reading {
			return check(ctx, c, in.(*In), out.(*Out), began, err)
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
