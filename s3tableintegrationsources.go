package cwlogs

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// S3TableIntegrationSourcesAPI is the part of the API that associates
// data sources with an S3 Table integration: associate, disassociate and
// list. [*Client] implements it; code that depends on this interface can
// be tested with a fake. [IntegrationsAPI] is the other part.
type S3TableIntegrationSourcesAPI interface {
	AssociateSourceToS3TableIntegrationAPI
	DisassociateSourceFromS3TableIntegrationAPI
	ListSourcesForS3TableIntegrationAPI
}

var _ S3TableIntegrationSourcesAPI = (*Client)(nil)

// validateIntegrationArn checks the ARN of an S3 Table integration:
// required, valid UTF-8, and a well-formed ARN (CloudWatch Logs documents
// no length or pattern for it).
func validateIntegrationArn(op, arn string) error {
	if arn == "" {
		return &InvalidInputError{Operation: op, Field: "IntegrationArn", Reason: "is required"}
	}
	if err := validateUTF8(op, "IntegrationArn", arn); err != nil {
		return err
	}
	if reason := checkARN(arn); reason != "" {
		return &InvalidInputError{Operation: op, Field: "IntegrationArn", Reason: reason}
	}
	return nil
}

// validateUTF8 checks that a string to send is valid UTF-8: encoding/json
// would send U+FFFD in place of the bad bytes, another value.
func validateUTF8(op, field, s string) error {
	if utf8.ValidString(s) {
		return nil
	}
	return &InvalidInputError{Operation: op, Field: field, Reason: fmt.Sprintf("is %s, not valid UTF-8", quoteValue(s))}
}

// maxSourcePages bounds the pages read by a listing of every source (a
// waiter's poll, the check of an association): a service whose pages do
// not end makes it fail rather than go on for as long as its context
// lets it. At 100 sources a page it is far more sources than an
// integration has.
const maxSourcePages = 1000

// errTooManyPages is the cause of the error of a listing whose pages did
// not end within maxSourcePages.
var errTooManyPages = fmt.Errorf("the pages did not end after %d pages", maxSourcePages)

// eachSource lists every source of the S3 Table integration arn through
// client, a page of 100 at a time, and calls found with each source and
// the output of its page until found returns true. It returns that page's
// output, or nil when found returned false for every source, and the error
// of a page that failed. optFns apply to every page.
func eachSource(ctx context.Context, client ListSourcesForS3TableIntegrationAPI, arn string, optFns []func(*Options),
	found func(s *S3TableIntegrationSource, page *ListSourcesForS3TableIntegrationOutput) bool) (*ListSourcesForS3TableIntegrationOutput, error) {
	p := NewListSourcesForS3TableIntegrationPaginator(client,
		&ListSourcesForS3TableIntegrationInput{IntegrationArn: arn, MaxResults: maxSourcesPageSize})
	var last ResponseMetadata // of the last page read
	for pages := 0; p.HasMorePages(); pages++ {
		if pages == maxSourcePages {
			err := &ResponseError{Operation: listSourcesOp.name, StatusCode: last.StatusCode, RequestID: last.RequestID, Err: errTooManyPages}
			logPagingFailure(ctx, client, optFns, listSourcesOp.name, last, err)
			return nil, err
		}
		out, err := p.NextPage(ctx, optFns...)
		if err != nil {
			return nil, err
		}
		last = out.ResultMetadata
		for i := range out.Sources {
			if found(&out.Sources[i], out) {
				return out, nil
			}
		}
	}
	return nil, nil
}

// logPagingFailure records that paging through ListSourcesForS3TableIntegration
// with client failed with err after a page that succeeded, whose metadata
// is meta: the error is the paginator's, not a call's, which the client
// has not logged.
func logPagingFailure(ctx context.Context, client any, optFns []func(*Options), op string, meta ResponseMetadata, err error) {
	l := loggerOf(client, optFns)
	if l == nil || !l.Enabled(ctx, slog.LevelError) {
		return
	}
	attrs := append(make([]slog.Attr, 0, 7), slog.String("operation", op), slog.Int("attempts", meta.Attempts))
	attrs = appendErrorAttrs(attrs, meta, err)
	l.LogAttrs(ctx, slog.LevelError, logMsgFailed, attrs...)
}

// sourceGoingAway reports whether a source in status s is being removed
// or has failed, so that it cannot be the effect of an association just
// made: FAILED, DATA_SOURCE_DELETE_IN_PROGRESS, and the statuses the
// service may add that say so (it has been seen to send DELETING), those
// that speak of deleting or disassociating.
func sourceGoingAway(s S3TableIntegrationSourceStatus) bool {
	switch s {
	case S3TableIntegrationSourceStatusFailed, S3TableIntegrationSourceStatusDataSourceDeleteInProgress:
		return true
	}
	return strings.Contains(string(s), "DELET") || strings.Contains(string(s), "DISASSOCIAT")
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
// It returns that source and the metadata of its page, found false when
// no source qualifies, or the error of the listing (the call's outcome is
// then unknown).
//
// The request path calls it before any further attempt of an Associate
// whose attempt may have reached the service (the request was written and
// no complete answer came back, or a 5xx error other than throttling):
// found, the call succeeds with that identifier and
// ResultMetadata.Confirmed set, and sends no further Associate; not found,
// the Associate is sent again; failed, the outcome is unknown
// ([ErrOutcomeUnknown]), and so it is when the caller's context ends.
func (c *Client) findAssociatedSource(ctx context.Context, in *AssociateSourceToS3TableIntegrationInput, began time.Time) (S3TableIntegrationSource, ResponseMetadata, bool, error) {
	// Each page is sent through the client's own HTTP client, with its
	// redirects refused, wrapped to keep the Date of the response.
	date := &dateRecorder{next: c.r.httpClient}
	record := func(o *Options) { o.HTTPClient = date }
	var (
		found     S3TableIntegrationSource
		seen      *ListSourcesForS3TableIntegrationOutput // the page notBefore is of
		notBefore time.Time                               // sources created earlier are too old
	)
	page, err := eachSource(ctx, c, in.IntegrationArn, []func(*Options){record},
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
		return S3TableIntegrationSource{}, ResponseMetadata{}, false, err
	}
	return found, page.ResultMetadata, true, nil
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
