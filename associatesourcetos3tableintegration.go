package cwlogs

import (
	"context"
	"net/http"
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

// associateSourceOp declares AssociateSourceToS3TableIntegration, which
// is not idempotent (the API has no client token): checkAssociateSource
// reads its effect, before any further attempt too, so that an association
// is never sent again blindly.
var associateSourceOp = &operation{
	name:       associateSourceName,
	target:     targetPrefix + associateSourceName,
	effect:     "association",
	check:      effectCheck[AssociateSourceToS3TableIntegrationInput, AssociateSourceToS3TableIntegrationOutput](checkAssociateSource),
	checkFirst: true,
}

// checkAssociateSource reads the effect of an association that began at
// began from the integration's sources (see findAssociatedSource), with
// the call's context: a source that can be this call's is its effect, and
// fills out with its identifier (the metadata is its page's); none, the
// association did not take effect; a listing that fails leaves the
// outcome unknown.
func checkAssociateSource(ctx context.Context, c *Client, in *AssociateSourceToS3TableIntegrationInput, out *AssociateSourceToS3TableIntegrationOutput, began time.Time, _ error) reading {
	s, meta, sec, found, err := c.findAssociatedSource(ctx, in, began)
	switch {
	case err != nil:
		return unknownEffect(err)
	case !found:
		return reading{effect: effectAbsent}
	}
	out.Identifier = s.Identifier
	return reading{effect: effectConfirmed, meta: meta, outSecrets: sec}
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
// what a second identical association does is not documented. An attempt
// may make the association without the client learning it: the request
// was written and no complete answer came back, the service answered with
// a 5xx error other than throttling, or it answered 200 with a body the
// client cannot read. After such an attempt the client does not send the
// association again blindly: before any further attempt, and before the
// call would end in an error, it lists the integration's sources (every
// page), with ctx (after such a 200, at once, and there is no further
// attempt):
//   - a source of the same data source (name and type compared exactly),
//     not FAILED or going away, created after the call began on the
//     service's clock (within 5 s), is this call's effect: the call
//     succeeds with its identifier and ResultMetadata.Confirmed set, the
//     metadata being the listing's;
//   - none: the association is sent again, or, when no attempt is left,
//     the call returns the service's error; after a 200, the outcome is
//     unknown (a listing may not show the association yet);
//   - the listing fails, or ctx ends: the call returns an
//     [*OutcomeUnknownError]: the association may or may not have been
//     made.
func (c *Client) AssociateSourceToS3TableIntegration(ctx context.Context, params *AssociateSourceToS3TableIntegrationInput, optFns ...func(*Options)) (*AssociateSourceToS3TableIntegrationOutput, error) {
	return c.associateSource(ctx, params, optFns, nil)
}

// associateSource is AssociateSourceToS3TableIntegration, which on success
// also sets *outSecrets, if not nil, to the secrets of the request whose
// response the output's Identifier came from (see invokeKeeping).
func (c *Client) associateSource(ctx context.Context, params *AssociateSourceToS3TableIntegrationInput, optFns []func(*Options), outSecrets *secrets) (*AssociateSourceToS3TableIntegrationOutput, error) {
	if params == nil {
		params = &AssociateSourceToS3TableIntegrationInput{}
	}
	if err := validateAssociateSource(associateSourceName, params); err != nil {
		return nil, err
	}
	out := &AssociateSourceToS3TableIntegrationOutput{}
	if err := c.invokeKeeping(ctx, associateSourceOp, params, out, &out.ResultMetadata, optFns, outSecrets); err != nil {
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

// associationClockSlack is how much earlier than the service's clock
// tells an association may be stamped and still count as made by a call:
// the Date header has a resolution of one second, and the service's
// clocks are not one.
const associationClockSlack = 5 * time.Second

// findAssociatedSource looks for the effect of an
// AssociateSourceToS3TableIntegration call with input in that began at
// began (on the client's clock, Options.Clock): it lists every source of
// in.IntegrationArn and returns the first, in the order listed, that
//
//   - has the same DataSource, name and type compared exactly (an empty
//     type matches only an empty or absent one);
//   - is not going away (see sourceGoingAway): FAILED,
//     DATA_SOURCE_DELETE_IN_PROGRESS or DELETING cannot be an association
//     just made;
//   - was created after the call began, on the service's clock: its
//     createdTimeStamp is no earlier than the Date of its page's response,
//     less the time elapsed since began when that page came back, less
//     associationClockSlack (5 s). Without a Date, the client's clock at
//     that moment stands for the service's. A source with no time stamp
//     is not counted.
//
// It returns that source, the metadata of its page and the secrets of the
// request of that page, found false when no source qualifies, or the
// error of the listing (the call's outcome is then unknown).
//
// checkAssociateSource calls it after an attempt that may have reached
// the service, before any further attempt and before the call would end in
// an error: found, the call succeeds with that identifier and
// ResultMetadata.Confirmed set; not found, the association is sent again,
// or the call ends with the service's error; when the listing fails, the
// outcome is unknown.
func (c *Client) findAssociatedSource(ctx context.Context, in *AssociateSourceToS3TableIntegrationInput, began time.Time) (S3TableIntegrationSource, ResponseMetadata, secrets, bool, error) {
	// Each page is sent through the client's own HTTP client, with its
	// redirects refused, wrapped to keep the Date of the response.
	date := &dateRecorder{next: c.r.httpClient}
	record := func(o *Options) { o.HTTPClient = date }
	var (
		found     S3TableIntegrationSource
		seen      *ListSourcesForS3TableIntegrationOutput // the page notBefore is of
		notBefore time.Time                               // sources created earlier are too old
	)
	// The page the source is found on is the last one read.
	var sec secrets
	page, err := eachSource(ctx, keepSecrets[ListSourcesForS3TableIntegrationAPI](c, keepLast(&sec)), in.IntegrationArn, []func(*Options){record},
		func(s *S3TableIntegrationSource, page *ListSourcesForS3TableIntegrationOutput) bool {
			if page != seen {
				// The first source of a page, which has just come back.
				seen = page
				now := c.r.now()
				serviceNow, ok := date.time()
				if !ok {
					serviceNow = now
				}
				notBefore = serviceNow.Add(-now.Sub(began)).Add(-associationClockSlack)
			}
			// A source without a time stamp has the zero CreatedTime.
			if s.DataSource != in.DataSource || sourceGoingAway(s.Status) || s.CreatedTime().Before(notBefore) {
				return false
			}
			found = *s
			return true
		})
	if err != nil || page == nil {
		return S3TableIntegrationSource{}, ResponseMetadata{}, secrets{}, false, err
	}
	return found, page.ResultMetadata, sec, true, nil
}

// dateRecorder is an HTTP client that keeps the Date header of the last
// response next gave it. It is used by one call at a time.
type dateRecorder struct {
	next HTTPClient
	date string
}

// Do sends req with next, and keeps the response's Date.
func (d *dateRecorder) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.next.Do(req)
	d.date = ""
	if resp != nil {
		d.date = resp.Header.Get("Date")
	}
	return resp, err
}

// time returns the Date kept, and false if there was none that parses.
func (d *dateRecorder) time() (time.Time, bool) {
	if d.date == "" {
		return time.Time{}, false
	}
	t, err := http.ParseTime(d.date)
	return t, err == nil
}
