package cwlogs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"
)

func refAssociateOutput(data []byte) (AssociateSourceToS3TableIntegrationOutput, error) {
	id, err := refIdentifier(data)
	return AssociateSourceToS3TableIntegrationOutput{Identifier: id}, err
}

func checkAssociateOutput(t *testing.T, data []byte) {
	checkOutputMatchesReference[AssociateSourceToS3TableIntegrationOutput](t, data, refAssociateOutput, false)
}

func TestAssociateSourceToS3TableIntegrationOutputMatchesReference(t *testing.T) {
	t.Parallel()
	for name, data := range outputDecodeInputs(t, "AssociateSourceToS3TableIntegration") {
		t.Run(name, func(t *testing.T) { checkAssociateOutput(t, data) })
	}
}

func TestAssociateSourceToS3TableIntegrationOutputDecodeErrors(t *testing.T) {
	t.Parallel()
	testDecodeErrors(t, func() json.Unmarshaler { return new(AssociateSourceToS3TableIntegrationOutput) }, []decodeErrorCase{
		{`{"identifier":true}`, "identifier: want a string, found a boolean"},
		{``, "unexpected end of JSON input"},
	})
}

// TestAssociateSourceToS3TableIntegrationOutputKeepsMetadata checks that
// decoding a body into an output keeps its ResultMetadata, which is not
// part of the body.
func TestAssociateSourceToS3TableIntegrationOutputKeepsMetadata(t *testing.T) {
	t.Parallel()
	meta := ResponseMetadata{RequestID: "r", StatusCode: 200, Attempts: 2}
	out := AssociateSourceToS3TableIntegrationOutput{Identifier: "old", ResultMetadata: meta}
	if err := out.UnmarshalJSON([]byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(AssociateSourceToS3TableIntegrationOutput{ResultMetadata: meta}, out); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

// FuzzAssociateSourceToS3TableIntegrationOutput checks the decoder against
// the reference, and its round trip, on any body.
func FuzzAssociateSourceToS3TableIntegrationOutput(f *testing.F) {
	fuzzOutput(f, "AssociateSourceToS3TableIntegration", checkAssociateOutput)
}

// TestAssociateSourceToS3TableIntegrationOutputAllocations checks that the
// output decodes in one allocation: the body's copy.
func TestAssociateSourceToS3TableIntegrationOutputAllocations(t *testing.T) {
	testDecodeAllocations(t, new(AssociateSourceToS3TableIntegrationOutput), `{"identifier":"6f1c2a9e-4b7d-4e30-9a85-2d1f0c7e5b43"}`, 1)
}

// checkClock is a client's clock (Options.Clock) that moves only when a
// test server says so.
type checkClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *checkClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *checkClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// listPage is one answer of a listing server: after advance on the
// client's clock (the time the page took), the sources as JSON, with the
// Date header date (none when zero), or an error of the code.
type listPage struct {
	advance time.Duration
	date    time.Time
	sources []string
	token   string
	code    string
}

// sourceJSON returns a source as JSON: its identifier, data source (a
// type of "-" is left out), status ("" left out) and time stamp (zero left
// out).
func sourceJSON(id, name, typ string, status S3TableIntegrationSourceStatus, created time.Time) string {
	ds := map[string]string{"name": name}
	if typ != "-" {
		ds["type"] = typ
	}
	m := map[string]any{"identifier": id, "dataSource": ds}
	if status != "" {
		m["status"] = status
	}
	if !created.IsZero() {
		m["createdTimeStamp"] = created.UnixMilli()
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// listingServer serves pages in turn and keeps the request bodies.
type listingServer struct {
	clock  *checkClock
	pages  []listPage
	mu     sync.Mutex
	bodies []string
}

func (s *listingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	s.mu.Lock()
	n := len(s.bodies)
	s.bodies = append(s.bodies, r.Header.Get("X-Amz-Target")+" "+string(body))
	s.mu.Unlock()
	if n >= len(s.pages) {
		http.Error(w, "no more pages", http.StatusTeapot)
		return
	}
	p := s.pages[n]
	s.clock.advance(p.advance)
	w.Header()["Date"] = nil // none unless the page has one
	if !p.date.IsZero() {
		w.Header()["Date"] = []string{p.date.UTC().Format(http.TimeFormat)}
	}
	w.Header().Set("X-Amzn-RequestId", "page-"+strconv.Itoa(n+1))
	if p.code != "" {
		w.Header().Set("X-Amzn-ErrorType", p.code)
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"__type":%q,"message":"refused"}`, p.code)
		return
	}
	out := `{"sources":[` + strings.Join(p.sources, ",") + `]`
	if p.token != "" {
		out += `,"nextToken":"` + p.token + `"`
	}
	io.WriteString(w, out+"}")
}

func (s *listingServer) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.bodies...)
}

// TestFindAssociatedSource checks the check of an association whose
// outcome is unknown: which listed source can be the call's effect, judged
// on the service's clock from each page's Date.
func TestFindAssociatedSource(t *testing.T) {
	t.Parallel()
	const arn = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"
	// The client's clock is three hours behind the service's: only the
	// service's clock and the time elapsed on the client's count.
	began := time.Date(2026, 3, 12, 7, 15, 32, 0, time.UTC)
	d0 := time.Date(2026, 3, 12, 10, 15, 32, 0, time.UTC) // the service's clock when the call began
	const s = time.Second
	// A page that comes back 7 s after the call began: its Date is
	// d0 + 7 s, and a source counts from d0 - 5 s.
	page := func(sources ...string) listPage {
		return listPage{advance: 7 * s, date: d0.Add(7 * s), sources: sources}
	}
	boundary := d0.Add(-5 * s)
	const active, unhealthy = S3TableIntegrationSourceStatusActive, S3TableIntegrationSourceStatusUnhealthy
	eks := DataSource{Name: "amazon_eks", Type: "audit"}
	tests := []struct {
		name   string
		ds     DataSource
		pages  []listPage
		wantID string // "" for none found
		// wantMeta is the metadata returned with a source found.
		wantMeta ResponseMetadata
		wantErr  error // matched with errors.Is
	}{
		{name: "made exactly 5 s before the call began", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "audit", active, boundary))}, wantID: "a"},
		{name: "made 5 s and 1 ms before", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "audit", active, boundary.Add(-time.Millisecond)))}},
		{name: "made after the call began", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "audit", active, d0.Add(6*s)))}, wantID: "a"},
		{name: "no time stamp", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "audit", active, time.Time{}))}},
		{name: "name matches, type does not", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "control", active, d0))}},
		{name: "type of another case", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "Audit", active, d0))}},
		{name: "name of another case", ds: eks,
			pages: []listPage{page(sourceJSON("a", "Amazon_eks", "audit", active, d0))}},
		{name: "type asked, none listed", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "-", active, d0))}},
		{name: "no type asked, one listed", ds: DataSource{Name: "amazon_eks"},
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "audit", active, d0))}},
		{name: "no type asked, absent", ds: DataSource{Name: "amazon_eks"},
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "-", active, d0))}, wantID: "a"},
		{name: "no type asked, empty", ds: DataSource{Name: "amazon_eks"},
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "", active, d0))}, wantID: "a"},
		{name: "UNHEALTHY counts", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "audit", unhealthy, d0))}, wantID: "a"},
		{name: "no status counts", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "audit", "", d0))}, wantID: "a"},
		{name: "an unknown status counts", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "audit", "CREATING", d0))}, wantID: "a"},
		{name: "FAILED does not", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "audit", S3TableIntegrationSourceStatusFailed, d0))}},
		{name: "DATA_SOURCE_DELETE_IN_PROGRESS does not", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "audit", S3TableIntegrationSourceStatusDataSourceDeleteInProgress, d0))}},
		{name: "DELETING does not", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "audit", "DELETING", d0))}},
		{name: "DELETED does not", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "audit", "DELETED", d0))}},
		{name: "DISASSOCIATING does not", ds: eks,
			pages: []listPage{page(sourceJSON("a", "amazon_eks", "audit", "DISASSOCIATING", d0))}},
		{name: "the first of two in the order listed", ds: eks,
			pages: []listPage{page(
				sourceJSON("old", "amazon_eks", "audit", active, d0.Add(-time.Hour)),
				sourceJSON("gone", "amazon_eks", "audit", S3TableIntegrationSourceStatusFailed, d0),
				sourceJSON("first", "amazon_eks", "audit", active, d0.Add(2*s)),
				sourceJSON("second", "amazon_eks", "audit", active, d0.Add(s)))},
			wantID: "first"},
		{name: "several pages, each judged by its own Date", ds: eks,
			pages: []listPage{
				{advance: 2 * s, date: d0.Add(2 * s), token: "t1", sources: []string{sourceJSON("x", "amazon_eks", "control", active, d0)}},
				{advance: time.Minute, date: d0.Add(62 * s), token: "t2"},
				// The service's clock jumped 10 s ahead: sources count
				// from d0 + 5 s on this page.
				{advance: 3 * s, date: d0.Add(75 * s), sources: []string{
					sourceJSON("late", "amazon_eks", "audit", active, d0.Add(5*s-time.Millisecond)),
					sourceJSON("made", "amazon_eks", "audit", active, d0.Add(5*s))}},
			},
			wantID: "made", wantMeta: ResponseMetadata{RequestID: "page-3", StatusCode: 200, Attempts: 1}},
		{name: "no Date: the client's clock", ds: eks,
			pages: []listPage{
				{advance: 7 * s, sources: []string{sourceJSON("old", "amazon_eks", "audit", active, began.Add(-5*s-time.Millisecond))}, token: "t"},
				{advance: 7 * s, sources: []string{sourceJSON("new", "amazon_eks", "audit", active, began.Add(-5*s))}},
			},
			wantID: "new", wantMeta: ResponseMetadata{RequestID: "page-2", StatusCode: 200, Attempts: 1}},
		{name: "a page fails", ds: eks,
			pages: []listPage{
				{advance: s, date: d0.Add(s), token: "t1"},
				{code: "AccessDeniedException"},
			},
			wantErr: ErrAccessDenied},
		{name: "none listed", ds: eks, pages: []listPage{page()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := &checkClock{t: began}
			srv := &listingServer{clock: clock, pages: tt.pages}
			ts := httptest.NewServer(srv)
			t.Cleanup(ts.Close)
			c, err := New(Options{Region: "us-west-2", BaseEndpoint: aws.String(ts.URL), HTTPClient: ts.Client(),
				Credentials: aws.AnonymousCredentials{}, Clock: clock.now, RetryMaxAttempts: 1})
			if err != nil {
				t.Fatal(err)
			}
			in := &AssociateSourceToS3TableIntegrationInput{IntegrationArn: arn, DataSource: tt.ds}
			got, meta, _, found, err := c.findAssociatedSource(context.Background(), in, began)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr != nil && found) {
				t.Fatalf("found %v, error %v; want an error matching %v", found, err, tt.wantErr)
			}
			if found != (tt.wantID != "") || got.Identifier != tt.wantID {
				t.Errorf("found %v, source %+v; want %q", found, got, tt.wantID)
			}
			if found && tt.wantMeta == (ResponseMetadata{}) {
				tt.wantMeta = ResponseMetadata{RequestID: "page-1", StatusCode: 200, Attempts: 1}
			}
			if found && meta != tt.wantMeta {
				t.Errorf("metadata %+v, want %+v", meta, tt.wantMeta)
			}
			// Every page asked for, the integration's, 100 at a time.
			var want []string
			token := ""
			for _, p := range tt.pages {
				body := `{"integrationArn":"` + arn + `","maxResults":100`
				if token != "" {
					body += `,"nextToken":"` + token + `"`
				}
				want = append(want, "Logs_20140328.ListSourcesForS3TableIntegration "+body+"}")
				if p.token == "" || found && tt.wantMeta.RequestID == "page-"+strconv.Itoa(len(want)) {
					break
				}
				token = p.token
			}
			if diff := cmp.Diff(want, srv.requests()); diff != "" {
				t.Errorf("requests (-want +got):\n%s", diff)
			}
		})
	}
}

// TestFindAssociatedSourceContextEnded checks that an ended context ends
// the check with the context's error, before any request.
func TestFindAssociatedSourceContextEnded(t *testing.T) {
	t.Parallel()
	clock := &checkClock{t: time.Now()}
	srv := &listingServer{clock: clock}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c, err := New(Options{Region: "us-west-2", BaseEndpoint: aws.String(ts.URL), HTTPClient: ts.Client(),
		Credentials: aws.AnonymousCredentials{}, Clock: clock.now})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	in := &AssociateSourceToS3TableIntegrationInput{IntegrationArn: "arn:aws:observabilityadmin:us-west-2:1:s3tableintegration/x",
		DataSource: DataSource{Name: "n"}}
	_, _, _, found, err := c.findAssociatedSource(ctx, in, clock.now())
	if found || !errors.Is(err, context.Canceled) || len(srv.requests()) != 0 {
		t.Errorf("found %v, error %v after %d requests; want context.Canceled and none", found, err, len(srv.requests()))
	}
}
