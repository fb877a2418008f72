package cwlogs

import (
	"context"
	"time"
)

// DisassociateSourceFromS3TableIntegrationAPI is the
// DisassociateSourceFromS3TableIntegration operation. [*Client] implements
// it; code that depends on this interface can be tested with a fake.
type DisassociateSourceFromS3TableIntegrationAPI interface {
	DisassociateSourceFromS3TableIntegration(ctx context.Context, params *DisassociateSourceFromS3TableIntegrationInput, optFns ...func(*Options)) (*DisassociateSourceFromS3TableIntegrationOutput, error)
}

var _ DisassociateSourceFromS3TableIntegrationAPI = (*Client)(nil)

// disassociateSourceOp declares DisassociateSourceFromS3TableIntegration,
// which is not idempotent: checkDisassociateSource reads its effect.
var disassociateSourceOp = &operation{
	name:   "DisassociateSourceFromS3TableIntegration",
	target: targetPrefix + "DisassociateSourceFromS3TableIntegration",
	effect: "disassociation",
	check:  effectCheck[DisassociateSourceFromS3TableIntegrationInput, DisassociateSourceFromS3TableIntegrationOutput](checkDisassociateSource),
}

// checkDisassociateSource reads the effect of a disassociation. Its input
// has no integration ARN, so there is no state to list: err,
// ResourceNotFoundException on a retry, shows the association gone (the
// output's identifier is the one asked for, the metadata that answer's);
// any other error leaves the outcome unknown.
func checkDisassociateSource(_ context.Context, _ *Client, in *DisassociateSourceFromS3TableIntegrationInput, out *DisassociateSourceFromS3TableIntegrationOutput, _ time.Time, err error) reading {
	meta, ok := notFoundMeta(err)
	if !ok {
		return unknownEffect(&stateError{msg: "no state to read: a disassociation names no integration"})
	}
	out.Identifier = in.Identifier
	return reading{effect: effectConfirmed, meta: meta}
}

// DisassociateSourceFromS3TableIntegrationInput is the input of
// [Client.DisassociateSourceFromS3TableIntegration]. Encoding it with
// encoding/json gives the request.
type DisassociateSourceFromS3TableIntegrationInput struct {
	// Identifier identifies the association to remove, as
	// [Client.AssociateSourceToS3TableIntegration] returned it. Required:
	// 1 to 2048 characters.
	Identifier string `json:"identifier,omitzero"`
}

// DisassociateSourceFromS3TableIntegrationOutput is the result of
// [Client.DisassociateSourceFromS3TableIntegration]. Encoding it with
// encoding/json gives the response in its wire shape.
type DisassociateSourceFromS3TableIntegrationOutput struct {
	// Identifier identifies the association removed.
	Identifier string `json:"identifier,omitzero"`

	// ResultMetadata describes the HTTP response. It is not part of the
	// wire shape.
	ResultMetadata ResponseMetadata `json:"-"`
}

// DisassociateSourceFromS3TableIntegration removes the association
// params.Identifier from its S3 Table integration: the source's data is no
// longer queryable, and it is deleted. The removal goes on after the call:
// the source stays listed, DATA_SOURCE_DELETE_IN_PROGRESS, until it is
// gone; [NewS3TableIntegrationSourceDisassociatedWaiter] waits for that.
//
// The identifier is checked before any request is sent. Errors from the
// service are [*APIError] values that match this package's sentinels with
// errors.Is: [ErrAccessDenied], [ErrInternalFailure],
// [ErrResourceNotFound], [ErrThrottling] and [ErrValidation].
//
// A disassociation is not idempotent. When an attempt may have removed
// the association without the client learning it (see
// [Client.AssociateSourceToS3TableIntegration]) and a later attempt
// answers ResourceNotFoundException, the association is gone and the call
// succeeds with ResultMetadata.Confirmed set. This is also what an
// identifier that never existed gives then: the state is what was asked.
// On a first attempt, or after attempts that did not take effect,
// ResourceNotFoundException stays an error. The input names no
// integration, so there is no state to read: after such an attempt, any
// other error makes the call return an [*OutcomeUnknownError], the
// disassociation may or may not have happened. So does an answer 200 whose
// body the client cannot read, which is not sent again.
func (c *Client) DisassociateSourceFromS3TableIntegration(ctx context.Context, params *DisassociateSourceFromS3TableIntegrationInput, optFns ...func(*Options)) (*DisassociateSourceFromS3TableIntegrationOutput, error) {
	op := disassociateSourceOp.name
	if params == nil {
		params = &DisassociateSourceFromS3TableIntegrationInput{}
	}
	if err := validateSourceIdentifier(op, params.Identifier); err != nil {
		return nil, err
	}
	out := &DisassociateSourceFromS3TableIntegrationOutput{}
	if err := c.invoke(ctx, disassociateSourceOp, params, out, &out.ResultMetadata, optFns); err != nil {
		return nil, err
	}
	return out, nil
}

// UnmarshalJSON decodes a DisassociateSourceFromS3TableIntegration response
// body.
func (o *DisassociateSourceFromS3TableIntegrationOutput) UnmarshalJSON(data []byte) error {
	return o.decode(string(data))
}

// decode decodes a DisassociateSourceFromS3TableIntegration response body,
// as UnmarshalJSON. The output's strings share body.
func (o *DisassociateSourceFromS3TableIntegrationOutput) decode(body string) error {
	id, err := decodeIdentifier(body)
	if err != nil {
		return err
	}
	o.Identifier = id
	return nil
}
