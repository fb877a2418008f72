package cwlogs

import (
	"context"
	"time"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
)

// AssociateSourceToS3TableIntegrationAPI is the
// AssociateSourceToS3TableIntegration operation. [*Client] implements it;
// code that depends on this interface can be tested with a fake.
type AssociateSourceToS3TableIntegrationAPI interface {
	AssociateSourceToS3TableIntegration(ctx context.Context, params *AssociateSourceToS3TableIntegrationInput, optFns ...func(*Options)) (*AssociateSourceToS3TableIntegrationOutput, error)
}

var _ AssociateSourceToS3TableIntegrationAPI = (*Client)(nil)

// associateSourceName is the name of AssociateSourceToS3TableIntegration.
const associateSourceName = "AssociateSourceToS3TableIntegration"

// declareAssociateSource declares AssociateSourceToS3TableIntegration for
// a call that began at began. An association is not idempotent (the API
// has no client token): the call's confirm function looks for its effect
// with findAssociatedSource.
func declareAssociateSource(began time.Time) *operation {
	return declare(associateSourceName, func(ctx context.Context, c *Client, in *AssociateSourceToS3TableIntegrationInput, out *AssociateSourceToS3TableIntegrationOutput, _ error) (ResponseMetadata, bool) {
		s, meta, found, err := c.findAssociatedSource(ctx, in, began)
		if err != nil || !found {
			return ResponseMetadata{}, false
		}
		out.Identifier = s.Identifier
		return meta, true
	})
}

// AssociateSourceToS3TableIntegrationInput is the input of
// [Client.AssociateSourceToS3TableIntegration]. Encoding it with
// encoding/json gives the request.
type AssociateSourceToS3TableIntegrationInput struct {
	// IntegrationArn is the ARN of the S3 Table integration, made by
	// Observability Admin, such as
	// arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a.
	// Required: a well-formed ARN.
	IntegrationArn string `json:"integrationArn,omitzero"`
	// DataSource is the data source to associate. Its Name is required,
	// its Type optional (left out of the request when empty).
	DataSource DataSource `json:"dataSource,omitzero"`
}

// AssociateSourceToS3TableIntegrationOutput is the result of
// [Client.AssociateSourceToS3TableIntegration]. Encoding it with
// encoding/json gives the response in its wire shape.
type AssociateSourceToS3TableIntegrationOutput struct {
	// Identifier identifies the association: the source's Identifier in
	// [Client.ListSourcesForS3TableIntegration], and what
	// [Client.DisassociateSourceFromS3TableIntegration] takes.
	Identifier string `json:"identifier,omitzero"`

	// ResultMetadata describes the HTTP response. It is not part of the
	// wire shape.
	ResultMetadata ResponseMetadata `json:"-"`
}

// AssociateSourceToS3TableIntegration associates a data source with an S3
// Table integration: from now on, the new log events of the source are
// written to the integration's table bucket (table {name}__{type} of
// namespace logs). The output's Identifier names the association; poll
// [NewS3TableIntegrationSourceActiveWaiter] until it is ACTIVE.
//
// The input is checked before any request is sent: an integration ARN
// that is missing or not an ARN, or a data source without a name, gives an
// [*InvalidInputError]. Errors from the service are [*APIError] values
// that match this package's sentinels with errors.Is: [ErrAccessDenied],
// [ErrInternalFailure], [ErrResourceNotFound], [ErrThrottling] and
// [ErrValidation].
//
// An association is not idempotent: the API has no client token, and
// what a second identical association does is not documented. When an
// attempt may have made the association without the client learning it
// (the request was written and no complete answer came back, or the
// service answered with a 5xx error other than throttling) and the call
// would end in an error, the client lists the integration's sources: a
// source of the same data source (name and type compared exactly), not
// FAILED or being removed, created after the call began on the service's
// clock (within 5 s), is this call's effect, and the call succeeds with
// its identifier and ResultMetadata.Confirmed set, the metadata being the
// listing's.
func (c *Client) AssociateSourceToS3TableIntegration(ctx context.Context, params *AssociateSourceToS3TableIntegrationInput, optFns ...func(*Options)) (*AssociateSourceToS3TableIntegrationOutput, error) {
	if params == nil {
		params = &AssociateSourceToS3TableIntegrationInput{}
	}
	if err := validateAssociateSource(associateSourceName, params); err != nil {
		return nil, err
	}
	var began time.Time
	if c != nil && c.r.now != nil {
		began = c.r.now()
	}
	out := &AssociateSourceToS3TableIntegrationOutput{}
	if err := c.invoke(ctx, declareAssociateSource(began), params, out, &out.ResultMetadata, optFns); err != nil {
		return nil, err
	}
	return out, nil
}

// validateAssociateSource checks the input of
// AssociateSourceToS3TableIntegration: the API documents no rule for the
// data source's name and type but the name's presence.
func validateAssociateSource(op string, in *AssociateSourceToS3TableIntegrationInput) error {
	if err := validateIntegrationArn(op, in.IntegrationArn); err != nil {
		return err
	}
	if in.DataSource.Name == "" {
		return &InvalidInputError{Operation: op, Field: "DataSource.Name", Reason: "is required"}
	}
	if err := validateUTF8(op, "DataSource.Name", in.DataSource.Name); err != nil {
		return err
	}
	return validateUTF8(op, "DataSource.Type", in.DataSource.Type)
}

// UnmarshalJSON decodes an AssociateSourceToS3TableIntegration response
// body.
func (o *AssociateSourceToS3TableIntegrationOutput) UnmarshalJSON(data []byte) error {
	return o.decode(string(data))
}

// decode decodes an AssociateSourceToS3TableIntegration response body, as
// UnmarshalJSON. The output's strings share body.
func (o *AssociateSourceToS3TableIntegrationOutput) decode(body string) error {
	id, err := decodeIdentifier(body)
	if err != nil {
		return err
	}
	o.Identifier = id
	return nil
}

// decodeIdentifier decodes the body {"identifier":"…"} that both
// AssociateSourceToS3TableIntegration and
// DisassociateSourceFromS3TableIntegration answer with.
func decodeIdentifier(body string) (string, error) {
	var id string
	r := jsonwire.NewReader(body)
	err := r.Finish(r.Fields(func(name string) (err error) {
		switch name {
		case "identifier":
			id, err = r.StringValue()
		default:
			err = r.Skip()
		}
		return err
	}))
	return id, err
}
