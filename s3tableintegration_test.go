package cwlogs_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// Values of the S3 Table integration tests: fake, well formed.
const (
	s3IntegrationARN = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"
	s3SourceID       = "6f1c2a9e-4b7d-4e30-9a85-2d1f0c7e5b43"
)

// seenRequest is a request a test server saw, with its body decoded as a
// JSON value.
type seenRequest struct {
	Target, ContentType string
	Signed              bool
	Body                any
}

// jsonHandler answers each request with the next of answers (the last
// once they run out), and keeps what it saw of each.
type jsonHandler struct {
	mu      sync.Mutex
	answers []func(w http.ResponseWriter, r *http.Request)
	seen    []seenRequest
}

func (h *jsonHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	data, _ := io.ReadAll(r.Body)
	var body any
	if err := json.Unmarshal(data, &body); err != nil {
		body = "not JSON: " + string(data)
	}
	h.mu.Lock()
	n := len(h.seen)
	h.seen = append(h.seen, seenRequest{
		Target:      r.Header.Get("X-Amz-Target"),
		ContentType: r.Header.Get("Content-Type"),
		Signed:      r.Header.Get("Authorization") != "" && r.Header.Get("X-Amz-Security-Token") == cwlogstest.SessionToken,
		Body:        body,
	})
	answer := h.answers[min(n, len(h.answers)-1)]
	h.mu.Unlock()
	answer(w, r)
}

func (h *jsonHandler) requests() []seenRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]seenRequest(nil), h.seen...)
}

// answerRecorded answers with a recorded response of cwlogstest/testdata.
func answerRecorded(t *testing.T, path string) func(http.ResponseWriter, *http.Request) {
	t.Helper()
	resp := loadRecorded(t, path)
	return func(w http.ResponseWriter, _ *http.Request) { writeRecorded(w, resp) }
}

// answerJSON answers 200 with body, and the Date header date when it is
// not zero.
func answerJSON(body string, date time.Time) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		if !date.IsZero() {
			w.Header()["Date"] = []string{date.UTC().Format(http.TimeFormat)}
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("X-Amzn-RequestId", "req-json")
		io.WriteString(w, body)
	}
}

// answerError answers with an error of the code, at status.
func answerError(status int, code string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("X-Amzn-RequestId", "req-"+code)
		w.WriteHeader(status)
		io.WriteString(w, `{"__type":"`+code+`","message":"`+code+` from the test"}`)
	}
}

// signedJSON is a request to op with body, as the tests want it seen.
func signedJSON(op string, body any) seenRequest {
	return seenRequest{Target: "Logs_20140328." + op, ContentType: "application/x-amz-json-1.1", Signed: true, Body: body}
}

// checkSeen compares what a server saw with want.
func checkSeen(t *testing.T, h *jsonHandler, want []seenRequest) {
	t.Helper()
	if diff := cmp.Diff(want, h.requests()); diff != "" {
		t.Errorf("requests seen (-want +got):\n%s", diff)
	}
}

func TestS3TableIntegrationSourceCreatedTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ms   int64
		want time.Time
	}{
		{0, time.Time{}},
		{1773310532000, time.Date(2026, 3, 12, 10, 15, 32, 0, time.UTC)},
		{1773310532999, time.Date(2026, 3, 12, 10, 15, 32, 999e6, time.UTC)},
		{-1, time.Date(1969, 12, 31, 23, 59, 59, 999e6, time.UTC)},
	}
	for _, tt := range tests {
		got := cwlogs.S3TableIntegrationSource{CreatedTimeStamp: tt.ms}.CreatedTime()
		if !got.Equal(tt.want) || got.IsZero() != tt.want.IsZero() {
			t.Errorf("CreatedTime of %d = %v, want %v", tt.ms, got, tt.want)
		}
	}
}

// kitSourceIDs lists every source of the kit's S3 Table integration with
// the paginator, two a page, and returns their identifiers and statuses in
// order.
func kitSourceIDs(t *testing.T, client *cwlogs.Client) []string {
	t.Helper()
	p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(client,
		&cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: cwlogstest.S3TableIntegrationArn, MaxResults: 2})
	var got []string
	for s, err := range p.All(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s.Identifier+" "+string(s.Status))
	}
	return got
}

// TestS3TableIntegrationSourcesKit runs the three operations and the
// paginator against the stateful kit: an association is listed, on the
// page after the seeded sources, until its disassociation has gone
// through; the paginator sends each page's token; a token the kit did not
// give and an integration it does not hold are refused as the service
// refuses them.
func TestS3TableIntegrationSourcesKit(t *testing.T) {
	t.Parallel()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.RetryPolicy = fastRetry })
	if err != nil {
		t.Fatal(err)
	}
	const arn = cwlogstest.S3TableIntegrationArn
	var seeded []string
	for _, ds := range []cwlogs.DataSource{{Name: "amazon_vpc", Type: "flow"}, {Name: "amazon_cloudfront", Type: "access"}, {Name: "custom_app"}} {
		id, err := srv.SeedS3TableSource(arn, cwlogs.S3TableIntegrationSource{DataSource: ds})
		if err != nil {
			t.Fatal(err)
		}
		seeded = append(seeded, id+" ACTIVE")
	}
	ctx := context.Background()
	eks := cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}
	if err := srv.SetSourceLifecycle(eks, cwlogstest.SourceLifecycle{Polls: 1}); err != nil {
		t.Fatal(err)
	}

	assoc, err := client.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{IntegrationArn: arn, DataSource: eks})
	if err != nil {
		t.Fatal(err)
	}
	if assoc.Identifier == "" || assoc.ResultMetadata.StatusCode != 200 || assoc.ResultMetadata.Attempts != 1 {
		t.Fatalf("Associate output %+v, want an identifier after one attempt", assoc)
	}
	// Being associated at the first listing, ACTIVE at the next.
	before := len(srv.Requests())
	if diff := cmp.Diff(append(seeded, assoc.Identifier+" UNHEALTHY"), kitSourceIDs(t, client)); diff != "" {
		t.Errorf("first listing (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(append(seeded, assoc.Identifier+" ACTIVE"), kitSourceIDs(t, client)); diff != "" {
		t.Errorf("second listing (-want +got):\n%s", diff)
	}
	// Each listing is two pages: the second sends the first one's token.
	reqs := srv.Requests()[before:]
	if len(reqs) != 4 {
		t.Fatalf("%d requests for two listings, want 4", len(reqs))
	}
	for i, r := range reqs {
		if r.Operation != cwlogstest.ListSourcesForS3TableIntegration || r.IntegrationArn != arn || r.MaxResults != 2 ||
			(r.NextToken == "") != (i%2 == 0) || r.Rejected != "" {
			t.Errorf("request %d: %s %s maxResults %d token %q rejected %q; want a page of 2, with a token on the second page",
				i+1, r.Operation, r.IntegrationArn, r.MaxResults, r.NextToken, r.Rejected)
		}
	}

	dis, err := client.DisassociateSourceFromS3TableIntegration(ctx, &cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: assoc.Identifier})
	if err != nil || dis.Identifier != assoc.Identifier || dis.ResultMetadata.Confirmed {
		t.Fatalf("Disassociate: %+v, %v; want the identifier, unconfirmed", dis, err)
	}
	if last := srv.Requests()[len(srv.Requests())-1]; last.Identifier != assoc.Identifier {
		t.Errorf("the kit recorded the disassociation of %q, want %q", last.Identifier, assoc.Identifier)
	}
	if diff := cmp.Diff(append(seeded, assoc.Identifier+" DATA_SOURCE_DELETE_IN_PROGRESS"), kitSourceIDs(t, client)); diff != "" {
		t.Errorf("listing after the disassociation (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(seeded, kitSourceIDs(t, client)); diff != "" {
		t.Errorf("listing once the source is gone (-want +got):\n%s", diff)
	}
	// Gone: a second disassociation, on a first attempt, is an error.
	_, err = client.DisassociateSourceFromS3TableIntegration(ctx, &cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: assoc.Identifier})
	if !errors.Is(err, cwlogs.ErrResourceNotFound) {
		t.Errorf("second Disassociate: %v, want ErrResourceNotFound", err)
	}

	refused := []struct {
		name      string
		call      func() error
		wantError string // the APIError's message
	}{
		{"forged token", func() error {
			_, err := client.ListSourcesForS3TableIntegration(ctx, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: arn, NextToken: "forged"})
			return err
		}, "Invalid nextToken"},
		{"forged token, paginator", func() error {
			p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(client, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: arn, NextToken: "forged"})
			var errs []error
			for _, err := range p.All(ctx) {
				errs = append(errs, err)
			}
			if len(errs) != 1 {
				return fmt.Errorf("All yielded %d values, want the one error", len(errs))
			}
			return errs[0]
		}, "Invalid nextToken"},
		{"unknown integration, list", func() error {
			_, err := client.ListSourcesForS3TableIntegration(ctx, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN})
			return err
		}, "Integration not found"},
		{"unknown integration, associate", func() error {
			_, err := client.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{IntegrationArn: s3IntegrationARN, DataSource: eks})
			return err
		}, "Integration not found"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var apiErr *cwlogs.APIError
			if !errors.As(err, &apiErr) || apiErr.Code != "ValidationException" || apiErr.Message != tt.wantError ||
				!errors.Is(err, cwlogs.ErrValidation) || errors.Is(err, cwlogs.ErrResourceNotFound) {
				t.Errorf("error = %v, want the kit's ValidationException %q", err, tt.wantError)
			}
		})
	}
	if got := srv.S3TableSources(s3IntegrationARN); got != nil {
		t.Errorf("the refused association made an integration: %v", got)
	}
}
