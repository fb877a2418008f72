package cwlogs_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

func listSourcesCall(in *cwlogs.ListSourcesForS3TableIntegrationInput) opCall {
	return func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.ListSourcesForS3TableIntegration(ctx, in)
	}
}

const listSourcesSuccess = "ListSourcesForS3TableIntegration/success"

func TestListSourcesForS3TableIntegrationRequest(t *testing.T) {
	t.Parallel()
	type in = cwlogs.ListSourcesForS3TableIntegrationInput
	tests := []struct {
		name string
		in   *in
		want string
	}{
		{"ARN only", &in{IntegrationArn: s3IntegrationARN}, `{"integrationArn":"` + s3IntegrationARN + `"}`},
		{"every member", &in{IntegrationArn: s3IntegrationARN, MaxResults: 100, NextToken: "AYADe<&>"},
			`{"integrationArn":"` + s3IntegrationARN + `","maxResults":100,"nextToken":"AYADe\u003c\u0026\u003e"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			testRequest(t, "ListSourcesForS3TableIntegration", listSourcesCall(tt.in), listSourcesSuccess, tt.want)
		})
	}
}

func TestListSourcesForS3TableIntegrationValidation(t *testing.T) {
	t.Parallel()
	const prefix = "cwlogs: ListSourcesForS3TableIntegration: invalid input: "
	type in = cwlogs.ListSourcesForS3TableIntegrationInput
	tests := []struct {
		name    string
		in      *in
		wantErr string // "" for a valid input
	}{
		{"valid", &in{IntegrationArn: s3IntegrationARN}, ""},
		{"nil input", nil, prefix + "IntegrationArn is required"},
		{"ARN missing", &in{MaxResults: 10}, prefix + "IntegrationArn is required"},
		{"ARN not an ARN", &in{IntegrationArn: "3g5043wqe54nmw5apiugwkn1a"},
			prefix + `IntegrationArn is "3g5043wqe54nmw5apiugwkn1a", want an ARN (arn:partition:service:region:account-id:resource)`},
		{"max results 1", &in{IntegrationArn: s3IntegrationARN, MaxResults: 1}, ""},
		{"max results 100", &in{IntegrationArn: s3IntegrationARN, MaxResults: 100}, ""},
		{"max results 101", &in{IntegrationArn: s3IntegrationARN, MaxResults: 101},
			prefix + "MaxResults is 101, want 1 to 100, or 0 to leave it out"},
		{"max results -1", &in{IntegrationArn: s3IntegrationARN, MaxResults: -1},
			prefix + "MaxResults is -1, want 1 to 100, or 0 to leave it out"},
		{"any token", &in{IntegrationArn: s3IntegrationARN, NextToken: " /+=é" + strings.Repeat("t", 10000)}, ""},
		{"token not UTF-8", &in{IntegrationArn: s3IntegrationARN, NextToken: "t\x80"}, prefix + `NextToken is "t\x80", which is not valid UTF-8 (byte 1)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			testInput(t, listSourcesCall(tt.in), listSourcesSuccess, tt.wantErr)
		})
	}
}

func TestListSourcesForS3TableIntegrationResponses(t *testing.T) {
	t.Parallel()
	call := listSourcesCall(&cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN})
	const dir = "ListSourcesForS3TableIntegration/"
	const wildcard = "c4e7a1d9-2b6f-4830-9e5a-7d1c3b8f0a62"
	tests := []struct {
		file string
		want *cwlogs.ListSourcesForS3TableIntegrationOutput
	}{
		{"success", &cwlogs.ListSourcesForS3TableIntegrationOutput{Sources: []cwlogs.S3TableIntegrationSource{{
			Identifier: "0f6b2d9e-8c3a-4d71-b5e4-2a7c9f1d3e60", DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"},
			Status: cwlogs.S3TableIntegrationSourceStatusActive, CreatedTimeStamp: 1773300004567,
		}, {
			Identifier: "4a1e7c3b-d5f8-4290-8b6a-e3c0d2f9b714", DataSource: cwlogs.DataSource{Name: "amazon_cloudfront", Type: "access"},
			Status: cwlogs.S3TableIntegrationSourceStatusUnhealthy, StatusReason: "Log delivery is delayed.", CreatedTimeStamp: 1773300009012,
		}}}},
		{"first-page", &cwlogs.ListSourcesForS3TableIntegrationOutput{
			NextToken: "AYADeF2vKq0L6xw3nHt8cJ9pQm4AXwABABVhd3MtY3J5cHRvLXB1YmxpYy1rZXkAREF6dDRr",
			Sources: []cwlogs.S3TableIntegrationSource{{
				Identifier: wildcard, DataSource: cwlogs.DataSource{Name: "*", Type: "*"},
				Status: cwlogs.S3TableIntegrationSourceStatusActive, CreatedTimeStamp: 1773300000123,
			}, {
				Identifier: "8a2d5f7c-1e3b-4c96-b0a4-6f9e2d1c5b38", DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"},
				Status: cwlogs.S3TableIntegrationSourceStatusActive, CreatedTimeStamp: 1773300004567, ParentSourceIdentifier: wildcard,
			}}}},
		{"middle-page", &cwlogs.ListSourcesForS3TableIntegrationOutput{
			NextToken: "AYADeKc7Xb1N0yr5pJu2dF8sWn6AXwABABVhd3MtY3J5cHRvLXB1YmxpYy1rZXkAREEwbmZz",
			Sources: []cwlogs.S3TableIntegrationSource{{
				Identifier: "e1b6c3a8-9d2f-4e07-8c5b-3a0d7f4e2b91", DataSource: cwlogs.DataSource{Name: "amazon_cloudfront", Type: "access"},
				Status: cwlogs.S3TableIntegrationSourceStatusUnhealthy, StatusReason: "Log delivery is delayed.",
				CreatedTimeStamp: 1773300009012, ParentSourceIdentifier: wildcard,
			}, {
				Identifier: "3d8f0b2e-6a4c-4175-9e1d-b5c2a8f7e046", DataSource: cwlogs.DataSource{Name: "amazon_api_gateway", Type: "access"},
				Status: cwlogs.S3TableIntegrationSourceStatusFailed, StatusReason: "The table bucket aws-cloudwatch is not reachable.",
				CreatedTimeStamp: 1773386400000,
			}}}},
		{"last-page", &cwlogs.ListSourcesForS3TableIntegrationOutput{Sources: []cwlogs.S3TableIntegrationSource{{
			Identifier: "b7c0e4d2-5f19-4a83-a6e2-0c9d1b3f5e77", DataSource: cwlogs.DataSource{Name: "amazon_vpc", Type: "flow"},
			Status: cwlogs.S3TableIntegrationSourceStatusDataSourceDeleteInProgress, CreatedTimeStamp: 1773390000345,
		}}}},
		{"unknown-values", &cwlogs.ListSourcesForS3TableIntegrationOutput{Sources: []cwlogs.S3TableIntegrationSource{{
			Identifier: "6d3a9e1f-2c7b-4e58-a0d4-9b5f1e8c2a37", DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"},
			Status: "DELETING", CreatedTimeStamp: 1773300004567,
		}, {
			Identifier: "2f8c0a6e-b3d1-4795-8e2a-c6f4b0d9e153", DataSource: cwlogs.DataSource{Name: "custom_app", Type: "json"},
			Status: "SUSPENDED", StatusReason: "Paused by the account owner.", CreatedTimeStamp: 1773300011111,
		}}}},
		{"empty", &cwlogs.ListSourcesForS3TableIntegrationOutput{Sources: []cwlogs.S3TableIntegrationSource{}}},
	}
	for _, tt := range tests {
		tt.want.ResultMetadata = recordedMeta(t, dir+tt.file)
		testDecodes(t, call, dir+tt.file, tt.want)
	}
	// A body without sources gives an empty list too.
	client, _ := newRecordingClient(t, cwlogstest.Response{StatusCode: 200, Body: []byte(`{}`)})
	out, err := client.ListSourcesForS3TableIntegration(context.Background(), &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN})
	if err != nil || out.Sources == nil || len(out.Sources) != 0 || out.NextToken != "" {
		t.Errorf("{} decoded to %+v, %v; want no sources, in a list that is not nil", out, err)
	}
	testDeclaredErrors(t, "ListSourcesForS3TableIntegration", call, []declaredError{
		{dir + "access-denied", "AccessDeniedException", cwlogs.ErrAccessDenied},
		{dir + "internal-server", "InternalServerException", cwlogs.ErrInternalFailure},
		{dir + "resource-not-found", "ResourceNotFoundException", cwlogs.ErrResourceNotFound},
		{dir + "throttling", "ThrottlingException", cwlogs.ErrThrottling},
		{dir + "validation", "ValidationException", cwlogs.ErrValidation},
	})
	testCancelledContext(t, call, listSourcesSuccess)
	testBadResponse(t, "ListSourcesForS3TableIntegration", call, `{"sources":[{},{"createdTimeStamp":1.5}]}`,
		"sources[1].createdTimeStamp: want an integer of 64 bits, found 1.5")
	testBadResponse(t, "ListSourcesForS3TableIntegration", call, `{"sources":[{"dataSource":{"type":[]}}]}`,
		"sources[0].dataSource.type: want a string, found an array")
	testBadResponse(t, "ListSourcesForS3TableIntegration", call, `{"nextToken":{}}`, "nextToken: want a string, found an object")
}

// TestListSourcesForS3TableIntegrationNotFoundKept checks that the
// ValidationException the service answers for an integration that does not
// exist is kept as sent, code and message.
func TestListSourcesForS3TableIntegrationNotFoundKept(t *testing.T) {
	t.Parallel()
	client, _ := newRecordingClient(t, loadRecorded(t, "ListSourcesForS3TableIntegration/validation"))
	_, err := client.ListSourcesForS3TableIntegration(context.Background(),
		&cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN})
	var apiErr *cwlogs.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "ValidationException" || apiErr.Message != "Integration not found" ||
		errors.Is(err, cwlogs.ErrResourceNotFound) {
		t.Errorf("error = %v, want the ValidationException as sent, not ErrResourceNotFound", err)
	}
}

// fakeLister is a ListSourcesForS3TableIntegrationAPI that answers with
// pages in turn (the last once they run out) and keeps the inputs it was
// given.
type fakeLister struct {
	pages []fakePage
	got   []cwlogs.ListSourcesForS3TableIntegrationInput
}

// maxFakePages bounds the requests a fakeLister answers; errTooManyPages
// is its answer to the one after.
const maxFakePages = 1000

var errTooManyPages = errors.New("fakeLister: asked for more than 1000 pages")

// fakePage is one answer of a fakeLister.
type fakePage struct {
	token   string   // the next token
	sources []string // identifiers of the sources
	err     error
	nilOut  bool // no output and no error
}

func (f *fakeLister) ListSourcesForS3TableIntegration(_ context.Context, in *cwlogs.ListSourcesForS3TableIntegrationInput, _ ...func(*cwlogs.Options)) (*cwlogs.ListSourcesForS3TableIntegrationOutput, error) {
	// A paginator that never stops would hang the test on a fake that
	// repeats its last page: it fails instead.
	if len(f.got) >= maxFakePages {
		return nil, errTooManyPages
	}
	p := f.pages[min(len(f.got), len(f.pages)-1)]
	f.got = append(f.got, *in)
	if p.err != nil || p.nilOut {
		return nil, p.err
	}
	out := &cwlogs.ListSourcesForS3TableIntegrationOutput{NextToken: p.token, Sources: []cwlogs.S3TableIntegrationSource{},
		ResultMetadata: cwlogs.ResponseMetadata{RequestID: fmt.Sprintf("page-%d", len(f.got)), StatusCode: 200, Attempts: 1}}
	for _, id := range p.sources {
		out.Sources = append(out.Sources, cwlogs.S3TableIntegrationSource{Identifier: id})
	}
	return out, nil
}

// sent returns the tokens and page sizes the fake was asked for.
func (f *fakeLister) sent() []string {
	var s []string
	for _, in := range f.got {
		s = append(s, fmt.Sprintf("%q/%d", in.NextToken, in.MaxResults))
	}
	return s
}

// pageStep is one call of NextPage and what it must give.
type pageStep struct {
	wantIDs  []string // the sources of the page
	wantErr  string   // the error's text; "" for none
	wantMore bool     // HasMorePages after the call
}

func TestListSourcesForS3TableIntegrationPaginator(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	const dup = "cwlogs: ListSourcesForS3TableIntegration: invalid response: nextToken is the token just sent, so the pages would never end (status 200, request id page-2)"
	const noMore = "cwlogs: ListSourcesForS3TableIntegration: no more pages"
	type opts = cwlogs.ListSourcesForS3TableIntegrationPaginatorOptions
	tests := []struct {
		name      string
		in        *cwlogs.ListSourcesForS3TableIntegrationInput
		options   func(*opts)
		pages     []fakePage
		steps     []pageStep
		wantSent  []string
		wantInput *cwlogs.ListSourcesForS3TableIntegrationInput // the caller's after paging
	}{
		{
			name:  "pages until an empty token",
			in:    &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN},
			pages: []fakePage{{token: "t1", sources: []string{"a", "b"}}, {token: "t2"}, {sources: []string{"c"}}},
			steps: []pageStep{{wantIDs: []string{"a", "b"}, wantMore: true}, {wantMore: true}, {wantIDs: []string{"c"}},
				{wantErr: noMore}},
			wantSent: []string{`""/0`, `"t1"/0`, `"t2"/0`},
		},
		{
			name:     "resumes from the input's token, page size from the input",
			in:       &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN, MaxResults: 25, NextToken: "resume"},
			pages:    []fakePage{{token: "t1"}, {}},
			steps:    []pageStep{{wantMore: true}, {}},
			wantSent: []string{`"resume"/25`, `"t1"/25`},
		},
		{
			name:     "limit option over the input's page size",
			in:       &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN, MaxResults: 25},
			options:  func(o *opts) { o.Limit = 100 },
			pages:    []fakePage{{}},
			steps:    []pageStep{{}},
			wantSent: []string{`""/100`},
		},
		{
			name:    "limit over 100 sends nothing",
			in:      &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN},
			options: func(o *opts) { o.Limit = 101 },
			pages:   []fakePage{{}},
			steps: []pageStep{{wantErr: "cwlogs: ListSourcesForS3TableIntegration: invalid input: Limit is 101, want 1 to 100, or 0 to leave it out",
				wantMore: true}},
		},
		{
			name:  "the input's page size over 100 sends nothing",
			in:    &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN, MaxResults: 101},
			pages: []fakePage{{}},
			steps: []pageStep{{wantErr: "cwlogs: ListSourcesForS3TableIntegration: invalid input: MaxResults is 101, want 1 to 100, or 0 to leave it out",
				wantMore: true}},
		},
		{
			name:    "negative limit sends nothing",
			in:      &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN},
			options: func(o *opts) { o.Limit = -1 },
			pages:   []fakePage{{}},
			steps: []pageStep{{wantErr: "cwlogs: ListSourcesForS3TableIntegration: invalid input: Limit is -1, want 1 to 100, or 0 to leave it out",
				wantMore: true}},
		},
		{
			name:     "a repeated token is an error and ends paging",
			in:       &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN},
			pages:    []fakePage{{token: "t1", sources: []string{"a"}}, {token: "t1", sources: []string{"b"}}},
			steps:    []pageStep{{wantIDs: []string{"a"}, wantMore: true}, {wantErr: dup}, {wantErr: noMore}},
			wantSent: []string{`""/0`, `"t1"/0`},
		},
		{
			name:     "a repeated token of the input",
			in:       &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN, NextToken: "t1"},
			pages:    []fakePage{{token: "t1"}},
			steps:    []pageStep{{wantErr: strings.Replace(dup, "page-2", "page-1", 1)}, {wantErr: noMore}},
			wantSent: []string{`"t1"/0`},
		},
		{
			name:     "a repeated token ends paging with StopOnDuplicateToken",
			in:       &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN},
			options:  func(o *opts) { o.StopOnDuplicateToken = true },
			pages:    []fakePage{{token: "t1", sources: []string{"a"}}, {token: "t1", sources: []string{"b"}}},
			steps:    []pageStep{{wantIDs: []string{"a"}, wantMore: true}, {wantIDs: []string{"b"}}, {wantErr: noMore}},
			wantSent: []string{`""/0`, `"t1"/0`},
		},
		{
			name:  "a failed page keeps the state",
			in:    &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN},
			pages: []fakePage{{token: "t1", sources: []string{"a"}}, {err: errBoom}, {token: "t2", sources: []string{"b"}}, {}},
			steps: []pageStep{{wantIDs: []string{"a"}, wantMore: true}, {wantErr: "boom", wantMore: true},
				{wantIDs: []string{"b"}, wantMore: true}, {}},
			wantSent: []string{`""/0`, `"t1"/0`, `"t1"/0`, `"t2"/0`},
		},
		{
			name:     "no output and no error",
			in:       &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN},
			pages:    []fakePage{{nilOut: true}},
			steps:    []pageStep{{wantErr: "cwlogs: ListSourcesForS3TableIntegration: the client returned no output and no error", wantMore: true}},
			wantSent: []string{`""/0`},
		},
		{
			name:     "nil input",
			pages:    []fakePage{{}},
			steps:    []pageStep{{}, {wantErr: noMore}},
			wantSent: []string{`""/0`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var before cwlogs.ListSourcesForS3TableIntegrationInput
			if tt.in != nil {
				before = *tt.in
			}
			f := &fakeLister{pages: tt.pages}
			var optFns []func(*opts)
			if tt.options != nil {
				optFns = append(optFns, tt.options)
			}
			p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(f, tt.in, optFns...)
			if tt.in != nil {
				tt.in.NextToken, tt.in.MaxResults = "changed after", 99 // the paginator has its own copy
			}
			if !p.HasMorePages() {
				t.Fatal("HasMorePages = false before the first page")
			}
			for i, s := range tt.steps {
				out, err := p.NextPage(context.Background())
				gotErr := ""
				if err != nil {
					gotErr = err.Error()
				}
				var ids []string
				if out != nil {
					for _, src := range out.Sources {
						ids = append(ids, src.Identifier)
					}
				}
				if gotErr != s.wantErr || (err != nil) != (out == nil) || !cmp.Equal(ids, s.wantIDs) || p.HasMorePages() != s.wantMore {
					t.Errorf("step %d: sources %q, error %v, HasMorePages %v; want %q, %q, %v",
						i, ids, err, p.HasMorePages(), s.wantIDs, s.wantErr, s.wantMore)
				}
				if s.wantErr == dup && !errors.Is(err, cwlogs.ErrInvalidResponse) {
					t.Errorf("step %d: error %v does not match ErrInvalidResponse", i, err)
				}
				if s.wantErr == "boom" && !errors.Is(err, errBoom) {
					t.Errorf("step %d: error %v is not the client's", i, err)
				}
			}
			if diff := cmp.Diff(tt.wantSent, f.sent()); diff != "" {
				t.Errorf("pages asked for (-want +got):\n%s", diff)
			}
			for _, in := range f.got {
				if in.IntegrationArn != before.IntegrationArn {
					t.Errorf("page asked for integration %q, want %q", in.IntegrationArn, before.IntegrationArn)
				}
			}
			if tt.in != nil && (tt.in.NextToken != "changed after" || tt.in.MaxResults != 99 || tt.in.IntegrationArn != before.IntegrationArn) {
				t.Errorf("the caller's input was changed: %+v", *tt.in)
			}
		})
	}
}

// TestListSourcesForS3TableIntegrationPaginatorNilClient checks that a
// paginator without a client fails by name, not with a panic.
func TestListSourcesForS3TableIntegrationPaginatorNilClient(t *testing.T) {
	t.Parallel()
	p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(nil, nil)
	_, err := p.NextPage(context.Background())
	if err == nil || err.Error() != "cwlogs: ListSourcesForS3TableIntegration: invalid input: client is nil" {
		t.Errorf("NextPage error = %v, want one naming the nil client", err)
	}
}

func TestListSourcesForS3TableIntegrationPaginatorAll(t *testing.T) {
	t.Parallel()
	errBoom := errors.New("boom")
	type item struct {
		ID  string
		Err string
	}
	tests := []struct {
		name     string
		pages    []fakePage
		stopAt   int // break out of the loop after this many items; 0 for never
		want     []item
		wantSent []string
		// wantAgain is what a second All yields afterwards.
		wantAgain []item
	}{
		{
			name:     "every source of every page, in order",
			pages:    []fakePage{{token: "t1", sources: []string{"a", "b"}}, {token: "t2"}, {sources: []string{"c"}}},
			want:     []item{{ID: "a"}, {ID: "b"}, {ID: "c"}},
			wantSent: []string{`""/0`, `"t1"/0`, `"t2"/0`},
		},
		{
			name:      "a failed page yields its error once and stops; All again retries it",
			pages:     []fakePage{{token: "t1", sources: []string{"a"}}, {err: errBoom}, {sources: []string{"b"}}},
			want:      []item{{ID: "a"}, {Err: "boom"}},
			wantSent:  []string{`""/0`, `"t1"/0`, `"t1"/0`},
			wantAgain: []item{{ID: "b"}},
		},
		{
			name:     "break sends no further request",
			pages:    []fakePage{{token: "t1", sources: []string{"a", "b"}}, {sources: []string{"c"}}},
			stopAt:   1,
			want:     []item{{ID: "a"}},
			wantSent: []string{`""/0`},
		},
		{
			name:  "a repeated token yields the error once",
			pages: []fakePage{{token: "t1", sources: []string{"a"}}, {token: "t1", sources: []string{"b"}}},
			want: []item{{ID: "a"}, {Err: "cwlogs: ListSourcesForS3TableIntegration: invalid response: " +
				"nextToken is the token just sent, so the pages would never end (status 200, request id page-2)"}},
			wantSent: []string{`""/0`, `"t1"/0`},
		},
	}
	collect := func(p *cwlogs.ListSourcesForS3TableIntegrationPaginator, stopAt int) []item {
		var got []item
		for s, err := range p.All(context.Background()) {
			it := item{ID: s.Identifier}
			if err != nil {
				it.Err = err.Error()
				if s != (cwlogs.S3TableIntegrationSource{}) {
					it.ID = "non-zero source with an error"
				}
			}
			got = append(got, it)
			if len(got) == stopAt {
				break
			}
		}
		return got
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &fakeLister{pages: tt.pages}
			p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(f, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN})
			if diff := cmp.Diff(tt.want, collect(p, tt.stopAt)); diff != "" {
				t.Errorf("All yielded (-want +got):\n%s", diff)
			}
			if tt.wantAgain != nil {
				if diff := cmp.Diff(tt.wantAgain, collect(p, 0)); diff != "" {
					t.Errorf("All again yielded (-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff(tt.wantSent, f.sent()); diff != "" {
				t.Errorf("pages asked for (-want +got):\n%s", diff)
			}
		})
	}
}

// TestListSourcesForS3TableIntegrationPaginatorClient pages through the
// recorded pages with the client: the second request carries the first
// page's token, and the sources come in order.
func TestListSourcesForS3TableIntegrationPaginatorClient(t *testing.T) {
	t.Parallel()
	const op = "ListSourcesForS3TableIntegration"
	h := &jsonHandler{answers: []func(http.ResponseWriter, *http.Request){
		answerRecorded(t, op+"/first-page"), answerRecorded(t, op+"/middle-page"), answerRecorded(t, op+"/last-page"),
	}}
	client := newTestClient(t, h)
	p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(client,
		&cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN},
		func(o *cwlogs.ListSourcesForS3TableIntegrationPaginatorOptions) { o.Limit = 2 })
	var ids []string
	for s, err := range p.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, s.Identifier)
	}
	want := []string{"c4e7a1d9-2b6f-4830-9e5a-7d1c3b8f0a62", "8a2d5f7c-1e3b-4c96-b0a4-6f9e2d1c5b38",
		"e1b6c3a8-9d2f-4e07-8c5b-3a0d7f4e2b91", "3d8f0b2e-6a4c-4175-9e1d-b5c2a8f7e046", "b7c0e4d2-5f19-4a83-a6e2-0c9d1b3f5e77"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	checkSeen(t, h, []seenRequest{
		signedJSON(op, map[string]any{"integrationArn": s3IntegrationARN, "maxResults": 2.0}),
		signedJSON(op, map[string]any{"integrationArn": s3IntegrationARN, "maxResults": 2.0,
			"nextToken": "AYADeF2vKq0L6xw3nHt8cJ9pQm4AXwABABVhd3MtY3J5cHRvLXB1YmxpYy1rZXkAREF6dDRr"}),
		signedJSON(op, map[string]any{"integrationArn": s3IntegrationARN, "maxResults": 2.0,
			"nextToken": "AYADeKc7Xb1N0yr5pJu2dF8sWn6AXwABABVhd3MtY3J5cHRvLXB1YmxpYy1rZXkAREEwbmZz"}),
	})
}
