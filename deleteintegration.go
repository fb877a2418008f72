package cwlogs

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
)

// DeleteIntegrationAPI is the DeleteIntegration operation. [*Client]
// implements it; code that depends on this interface can be tested with a
// fake.
type DeleteIntegrationAPI interface {
	DeleteIntegration(ctx context.Context, params *DeleteIntegrationInput, optFns ...func(*Options)) (*DeleteIntegrationOutput, error)
}

var _ DeleteIntegrationAPI = (*Client)(nil)

// deleteIntegrationOp declares DeleteIntegration, which is not idempotent:
// checkDelete reads its effect.
var deleteIntegrationOp = &operation{
	name:   "DeleteIntegration",
	target: targetPrefix + "DeleteIntegration",
	effect: "delete",
	check:  effectCheck[DeleteIntegrationInput, DeleteIntegrationOutput](checkDelete),
}

// DeleteIntegrationInput is the input of [Client.DeleteIntegration].
type DeleteIntegrationInput struct {
	// IntegrationName is the name of the integration to delete. It is
	// required: 1 to 50 characters, each a letter, a digit or one of
	// . - _ / #.
	IntegrationName string `json:"integrationName,omitzero"`
	// Force deletes the integration even while vended-logs dashboards use
	// it, and deletes them too. When false, which is left out of the
	// request, the service refuses to delete an integration that has
	// dashboards.
	Force bool `json:"force,omitzero"`
}

// DeleteIntegrationOutput is the result of [Client.DeleteIntegration]. The
// service answers with an empty body; it encodes as {}.
type DeleteIntegrationOutput struct {
	// ResultMetadata describes the HTTP response. It is not part of the
	// wire shape.
	ResultMetadata ResponseMetadata `json:"-"`
}

// DeleteIntegration deletes the integration named by
// params.IntegrationName, and with params.Force the vended-logs dashboards
// that use it.
//
// The name is checked before any request is sent; a name the service would
// reject gives an [*InvalidInputError]. Errors from the service are
// [*APIError] values that match this package's sentinels with errors.Is,
// for example [ErrResourceNotFound] when no integration has that name.
//
// A delete is not idempotent. When an attempt may have deleted the
// integration without the client learning it (see [Client.PutIntegration])
// and the call would end in an error, or at once when the service answered
// 200 with a body the client cannot read (which is not sent again):
//   - a retry answered ResourceNotFoundException shows the integration
//     gone: the call succeeds with ResultMetadata.Confirmed set, with no
//     further request;
//   - otherwise the client reads the integration with GetIntegration, with
//     ctx: gone (ResourceNotFoundException), the call succeeds with
//     ResultMetadata.Confirmed set; still there, or the read failed, or ctx
//     ended, the call returns an [*OutcomeUnknownError]: the delete may or
//     may not have happened, and deleting is not instant.
//
// A name that never existed gives the same confirmed success once an
// attempt was ambiguous: the state is what was asked. ResourceNotFoundException
// on a first attempt, or after attempts that did not take effect, stays an
// error.
func (c *Client) DeleteIntegration(ctx context.Context, params *DeleteIntegrationInput, optFns ...func(*Options)) (*DeleteIntegrationOutput, error) {
	op := deleteIntegrationOp.name
	if params == nil {
		params = &DeleteIntegrationInput{}
	}
	if err := validateIntegrationName(op, params.IntegrationName); err != nil {
		return nil, err
	}
	out := &DeleteIntegrationOutput{}
	if err := c.invoke(ctx, deleteIntegrationOp, params, out, &out.ResultMetadata, optFns); err != nil {
		return nil, err
	}
	return out, nil
}

// checkDelete reads the effect of a delete. err, ResourceNotFoundException
// on a retry, already shows the integration gone; otherwise GetIntegration,
// with the call's context, tells: gone, the delete is confirmed; still
// there, the outcome is unknown, as deleting is not instant. The metadata
// is that of the answer that showed the integration gone.
func checkDelete(ctx context.Context, c *Client, in *DeleteIntegrationInput, _ *DeleteIntegrationOutput, _ time.Time, err error) reading {
	if meta, ok := notFoundMeta(err); ok {
		return reading{effect: effectConfirmed, meta: meta}
	}
	_, getErr := c.GetIntegration(ctx, &GetIntegrationInput{IntegrationName: in.IntegrationName})
	if meta, ok := notFoundMeta(getErr); ok {
		return reading{effect: effectConfirmed, meta: meta}
	}
	if getErr != nil {
		return unknownEffect(getErr)
	}
	return unknownEffect(&stateError{msg: "GetIntegration: integration " + strconv.Quote(in.IntegrationName) +
		" is still there (a delete is not instant)"})
}

// notFoundMeta reports whether err is the service's
// ResourceNotFoundException, and returns the metadata of its response.
func notFoundMeta(err error) (ResponseMetadata, bool) {
	var apiErr *APIError
	if !errors.As(err, &apiErr) || !errors.Is(apiErr, ErrResourceNotFound) {
		return ResponseMetadata{}, false
	}
	return ResponseMetadata{RequestID: apiErr.RequestID, StatusCode: apiErr.StatusCode}, true
}

// UnmarshalJSON decodes a DeleteIntegration response body: the service
// sends none, and an empty body, null or any object (whose members are
// ignored) is a success.
func (o *DeleteIntegrationOutput) UnmarshalJSON(data []byte) error { return o.decode(string(data)) }

// decode decodes a DeleteIntegration response body, as UnmarshalJSON.
func (o *DeleteIntegrationOutput) decode(body string) error {
	if len(strings.TrimLeft(body, jsonwire.WhiteSpace)) == 0 {
		return nil
	}
	r := jsonwire.NewReader(body)
	return r.Finish(r.Fields(func(string) error { return r.Skip() }))
}
