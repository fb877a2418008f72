package cwlogs

import (
	"context"
	"errors"
	"strings"

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
// see confirmDelete.
var deleteIntegrationOp = declare("DeleteIntegration", confirmDelete)

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
// A delete is not idempotent: when an attempt may have deleted the
// integration without the client learning it (see [Client.PutIntegration])
// and the retry finds no integration of that name, the call succeeds with
// ResultMetadata.Confirmed set.
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

// confirmDelete confirms a delete whose retry failed with err after an
// attempt that may have deleted the integration: ResourceNotFoundException
// says it is gone. The metadata is that of the response that said so.
func confirmDelete(_ context.Context, _ *Client, _ *DeleteIntegrationInput, _ *DeleteIntegrationOutput, err error) (ResponseMetadata, bool) {
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
