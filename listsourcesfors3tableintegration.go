package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"iter"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
	"github.com/cwlogs-go/cwlogs/internal/rules"
)

// ListSourcesForS3TableIntegrationAPI is the ListSourcesForS3TableIntegration
// operation. [*Client] implements it; code that depends on this interface
// can be tested with a fake, and [NewListSourcesForS3TableIntegrationPaginator]
// pages through it.
type ListSourcesForS3TableIntegrationAPI interface {
	ListSourcesForS3TableIntegration(ctx context.Context, params *ListSourcesForS3TableIntegrationInput, optFns ...func(*Options)) (*ListSourcesForS3TableIntegrationOutput, error)
}

var _ ListSourcesForS3TableIntegrationAPI = (*Client)(nil)

// listSourcesOp declares ListSourcesForS3TableIntegration, which is
// idempotent.
var listSourcesOp = &operation{name: "ListSourcesForS3TableIntegration", target: targetPrefix + "ListSourcesForS3TableIntegration"}

// ListSourcesForS3TableIntegrationInput is the input of
// [Client.ListSourcesForS3TableIntegration]. Zero values are left out of
// the request; encoding it with encoding/json gives the request.
type ListSourcesForS3TableIntegrationInput struct {
	// IntegrationArn is the ARN of the S3 Table integration whose data
	// sources to list. Required: a well-formed ARN.
	IntegrationArn string `json:"integrationArn,omitzero"`
	// MaxResults is the most sources a page holds: 1 to 100, or 0 to leave
	// the page size to the service.
	MaxResults int32 `json:"maxResults,omitzero"`
	// NextToken, if set, asks for the page after the one that returned it.
	// The service lets a token expire after 24 hours.
	NextToken string `json:"nextToken,omitzero"`
}

// ListSourcesForS3TableIntegrationOutput is a page of the result of
// [Client.ListSourcesForS3TableIntegration]. Encoding it with encoding/json
// gives the response in its wire shape.
type ListSourcesForS3TableIntegrationOutput struct {
	// Sources are the data sources of this page. A decoded output has a
	// non-nil slice, empty when the service sends an empty list, null or
	// no list at all: it encodes as [], and nil encodes as null, which
	// decodes as empty.
	Sources []S3TableIntegrationSource `json:"sources"`
	// NextToken, when not empty, asks for the next page; empty on the last
	// page.
	NextToken string `json:"nextToken,omitzero"`

	// ResultMetadata describes the HTTP response. It is not part of the
	// wire shape.
	ResultMetadata ResponseMetadata `json:"-"`
}

// ListSourcesForS3TableIntegration returns a page of the data sources
// associated with the S3 Table integration params.IntegrationArn, with
// their status. Use [NewListSourcesForS3TableIntegrationPaginator] to read
// every page.
//
// The input is checked before any request is sent; an input the service
// would reject gives an [*InvalidInputError]. Errors from the service are
// [*APIError] values that match this package's sentinels with errors.Is:
// [ErrAccessDenied], [ErrInternalFailure], [ErrResourceNotFound],
// [ErrThrottling] and [ErrValidation]. The service has been seen to answer
// ValidationException "Integration not found" for an integration that
// does not exist: it is returned as sent.
func (c *Client) ListSourcesForS3TableIntegration(ctx context.Context, params *ListSourcesForS3TableIntegrationInput, optFns ...func(*Options)) (*ListSourcesForS3TableIntegrationOutput, error) {
	return c.listSources(ctx, params, optFns, nil)
}

// listSources is ListSourcesForS3TableIntegration, which also sets
// *outSecrets, if not nil, to the secrets of the request whose response
// the output holds.
func (c *Client) listSources(ctx context.Context, params *ListSourcesForS3TableIntegrationInput, optFns []func(*Options), outSecrets *secrets) (*ListSourcesForS3TableIntegrationOutput, error) {
	op := listSourcesOp.name
	if params == nil {
		params = &ListSourcesForS3TableIntegrationInput{}
	}
	if err := validateListSources(op, params); err != nil {
		return nil, err
	}
	out := &ListSourcesForS3TableIntegrationOutput{}
	if err := c.invokeKeeping(ctx, listSourcesOp, params, out, &out.ResultMetadata, optFns, outSecrets); err != nil {
		return nil, err
	}
	return out, nil
}

// validateListSources checks the input of ListSourcesForS3TableIntegration.
func validateListSources(op string, in *ListSourcesForS3TableIntegrationInput) error {
	if err := validateIntegrationArn(op, in.IntegrationArn); err != nil {
		return err
	}
	if err := validatePageSize(op, "MaxResults", in.MaxResults); err != nil {
		return err
	}
	return validateUTF8(op, "NextToken", in.NextToken)
}

// validatePageSize checks a page size: 0, which is not sent, or
// rules.MaxResultsMin to rules.MaxResultsMax.
func validatePageSize(op, field string, n int32) error {
	if n != 0 && (n < rules.MaxResultsMin || n > rules.MaxResultsMax) {
		return &InvalidInputError{Operation: op, Field: field,
			Reason: fmt.Sprintf("is %d, want %d to %d, or 0 to leave it out", n, rules.MaxResultsMin, rules.MaxResultsMax)}
	}
	return nil
}

// UnmarshalJSON decodes a ListSourcesForS3TableIntegration response body.
// An absent or null sources is an empty list: the decoded slice is never
// nil.
func (o *ListSourcesForS3TableIntegrationOutput) UnmarshalJSON(data []byte) error {
	return o.decode(string(data))
}

// decode decodes a ListSourcesForS3TableIntegration response body, as
// UnmarshalJSON. The output's strings share body.
func (o *ListSourcesForS3TableIntegrationOutput) decode(body string) error {
	out := ListSourcesForS3TableIntegrationOutput{ResultMetadata: o.ResultMetadata}
	r := jsonwire.NewReader(body)
	err := r.Finish(r.Fields(func(name string) (err error) {
		switch name {
		case "sources":
			out.Sources, err = readS3TableIntegrationSources(&r)
		case "nextToken":
			out.NextToken, err = r.StringValue()
		default:
			err = r.Skip()
		}
		return err
	}))
	if err != nil {
		return err
	}
	if out.Sources == nil {
		out.Sources = []S3TableIntegrationSource{}
	}
	*o = out
	return nil
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
		&ListSourcesForS3TableIntegrationInput{IntegrationArn: arn, MaxResults: rules.MaxResultsMax})
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

// ListSourcesForS3TableIntegrationPaginatorOptions are the options of a
// [ListSourcesForS3TableIntegrationPaginator].
type ListSourcesForS3TableIntegrationPaginatorOptions struct {
	// Limit is the page size sent as maxResults: 1 to 100, or 0 to leave
	// it to the service. It defaults to the input's MaxResults; another
	// value makes NextPage fail before any request.
	Limit int32

	// StopOnDuplicateToken, when set, ends paging without an error when
	// the service answers with the token just sent, as the official SDK's
	// paginator does. When not set, such a page is an error that matches
	// [ErrInvalidResponse], and paging ends too.
	StopOnDuplicateToken bool
}

// ListSourcesForS3TableIntegrationPaginator reads the pages of
// ListSourcesForS3TableIntegration one by one, sending each page's
// NextToken to get the next. Make one with
// [NewListSourcesForS3TableIntegrationPaginator]. It is not safe for
// concurrent use.
type ListSourcesForS3TableIntegrationPaginator struct {
	options   ListSourcesForS3TableIntegrationPaginatorOptions
	client    ListSourcesForS3TableIntegrationAPI
	params    ListSourcesForS3TableIntegrationInput // a copy of the caller's
	nextToken string                                // the token to send next
	firstPage bool                                  // no page has been read yet
}

// NewListSourcesForS3TableIntegrationPaginator returns a paginator that
// lists the sources of params.IntegrationArn through client, from the
// page params.NextToken asks for (the first page when it is empty), with
// the page size options.Limit. It keeps a copy of params: neither the
// paginator changes the caller's input, nor the caller's later changes
// the paginator's.
func NewListSourcesForS3TableIntegrationPaginator(client ListSourcesForS3TableIntegrationAPI, params *ListSourcesForS3TableIntegrationInput, optFns ...func(*ListSourcesForS3TableIntegrationPaginatorOptions)) *ListSourcesForS3TableIntegrationPaginator {
	var in ListSourcesForS3TableIntegrationInput
	if params != nil {
		in = *params
	}
	options := ListSourcesForS3TableIntegrationPaginatorOptions{Limit: in.MaxResults}
	for _, fn := range optFns {
		fn(&options)
	}
	return &ListSourcesForS3TableIntegrationPaginator{
		options:   options,
		client:    client,
		params:    in,
		nextToken: in.NextToken,
		firstPage: true,
	}
}

// HasMorePages reports whether NextPage has a page to read: no page has
// been read yet, or the last page read had a next token.
func (p *ListSourcesForS3TableIntegrationPaginator) HasMorePages() bool {
	return p.firstPage || p.nextToken != ""
}

// NextPage reads the next page. A nil or empty next token ends paging.
//
// A page that fails leaves the paginator as it was, so that NextPage can
// be called again for the same page. A page whose next token is the token
// just sent would make paging go round for ever: unless
// StopOnDuplicateToken is set, NextPage returns no output and a
// [*ResponseError] that matches [ErrInvalidResponse], and paging ends.
// NextPage when HasMorePages is false is an error, and sends nothing.
func (p *ListSourcesForS3TableIntegrationPaginator) NextPage(ctx context.Context, optFns ...func(*Options)) (*ListSourcesForS3TableIntegrationOutput, error) {
	op := listSourcesOp.name
	if !p.HasMorePages() {
		return nil, errors.New("cwlogs: " + op + ": no more pages")
	}
	// The page size is the input's MaxResults unless the options set
	// another Limit: the error names the one the caller set.
	field := "Limit"
	if p.options.Limit == p.params.MaxResults {
		field = "MaxResults"
	}
	if err := validatePageSize(op, field, p.options.Limit); err != nil {
		return nil, err
	}
	if p.client == nil {
		return nil, &InvalidInputError{Operation: op, Field: "client", Reason: "is nil"}
	}
	params := p.params
	params.NextToken = p.nextToken
	params.MaxResults = p.options.Limit
	out, err := p.client.ListSourcesForS3TableIntegration(ctx, &params, optFns...)
	if err != nil {
		return nil, err
	}
	if out == nil {
		return nil, fmt.Errorf("cwlogs: %s: the client returned no output and no error", op)
	}
	sent := p.nextToken
	p.firstPage = false
	p.nextToken = out.NextToken
	if sent != "" && out.NextToken == sent {
		p.nextToken = ""
		if !p.options.StopOnDuplicateToken {
			err := &ResponseError{Operation: op, StatusCode: out.ResultMetadata.StatusCode, RequestID: out.ResultMetadata.RequestID,
				Err: errDuplicateToken}
			logPagingFailure(ctx, p.client, optFns, op, out.ResultMetadata, err)
			return nil, err
		}
	}
	return out, nil
}

// errDuplicateToken is the cause of the error of a page whose next token
// is the token sent for it.
var errDuplicateToken = errors.New("nextToken is the token just sent, so the pages would never end")

// All returns an iterator over the sources of the pages left, from the
// next page to the last, in order. A page that fails yields the zero
// source and its error, once, and ends the iteration; the paginator keeps
// its state, so that All or NextPage can try that page again. Breaking
// out of the loop sends no further request.
func (p *ListSourcesForS3TableIntegrationPaginator) All(ctx context.Context, optFns ...func(*Options)) iter.Seq2[S3TableIntegrationSource, error] {
	return func(yield func(S3TableIntegrationSource, error) bool) {
		for p.HasMorePages() {
			out, err := p.NextPage(ctx, optFns...)
			if err != nil {
				yield(S3TableIntegrationSource{}, err)
				return
			}
			for _, s := range out.Sources {
				if !yield(s, nil) {
					return
				}
			}
		}
	}
}
