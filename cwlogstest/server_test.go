package cwlogstest_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// Operation is short for cwlogstest.Operation.
type Operation = cwlogstest.Operation

// serverNow is the server's clock in the tests that set it, and the time
// their requests are signed at.
var serverNow = time.Date(2026, 3, 9, 15, 5, 51, 0, time.UTC)

const (
	jsonType   = "application/x-amz-json-1.1"
	activeBody = `{"integrationName":"active"}`
)

// testCreds are the credentials the server accepts, as the SDK signer takes
// them.
var testCreds = aws.Credentials{
	AccessKeyID:     cwlogstest.AccessKeyID,
	SecretAccessKey: cwlogstest.SecretAccessKey,
	SessionToken:    cwlogstest.SessionToken,
}

// newServer starts a server that serves the recorded responses, with its
// clock fixed at serverNow, and closes it when the test ends.
func newServer(t *testing.T) *cwlogstest.Server {
	t.Helper()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
		t.Fatal(err)
	}
	srv.SetClock(func() time.Time { return serverNow })
	return srv
}

// handRequest describes a GetIntegration request built by hand and signed
// with the SDK's SigV4 signer, as a client other than package cwlogs would
// send it. The zero value is a valid request for the integration "active".
type handRequest struct {
	method string    // POST if empty
	path   string    // appended to the server's URL
	body   string    // activeBody if empty
	target Operation // GetIntegration if empty
	// header changes the headers before signing.
	header func(http.Header)
	// creds changes the credentials signed with.
	creds func(*aws.Credentials)
	// service and region are those signed for: "logs" and Region if empty.
	service, region string
	// skew is added to serverNow to give the signing time.
	skew time.Duration
	// unsigned sends the request without signing it.
	unsigned bool
	// after changes the request after it was signed.
	after func(*http.Request)
}

// build returns the request h describes, for the server at base.
func (h handRequest) build(t *testing.T, base string) *http.Request {
	t.Helper()
	method, body := orDefault(h.method, http.MethodPost), orDefault(h.body, activeBody)
	req, err := http.NewRequest(method, base+h.path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", jsonType)
	req.Header.Set("X-Amz-Target", "Logs_20140328."+string(orDefault(h.target, cwlogstest.GetIntegration)))
	if h.header != nil {
		h.header(req.Header)
	}
	if !h.unsigned {
		creds := testCreds
		if h.creds != nil {
			h.creds(&creds)
		}
		sum := sha256.Sum256([]byte(body))
		err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]),
			orDefault(h.service, "logs"), orDefault(h.region, cwlogstest.Region), serverNow.Add(h.skew))
		if err != nil {
			t.Fatal(err)
		}
	}
	if h.after != nil {
		h.after(req)
	}
	return req
}

func orDefault[S ~string](s, def S) S {
	if s == "" {
		return def
	}
	return s
}

// newClient returns a client of package cwlogs for srv that signs at
// serverNow.
func newClient(t *testing.T, srv *cwlogstest.Server) *cwlogs.Client {
	t.Helper()
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.Clock = func() time.Time { return serverNow } })
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// send sends req and returns the response with its body read.
func send(t *testing.T, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// do builds, signs and sends h to srv.
func do(t *testing.T, srv *cwlogstest.Server, h handRequest) (*http.Response, []byte) {
	t.Helper()
	return send(t, h.build(t, srv.URL))
}

// setBody replaces the body of a request, keeping its length.
func setBody(body string) func(*http.Request) {
	return func(r *http.Request) {
		r.Body = io.NopCloser(strings.NewReader(body))
		r.ContentLength = int64(len(body))
		r.GetBody = nil
	}
}

func TestServerListensOnLoopback(t *testing.T) {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	_, port, err := net.SplitHostPort(u.Host)
	if err != nil {
		t.Fatalf("URL %q: %v", srv.URL, err)
	}
	if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
		t.Errorf("URL %q: port %q is not a port number", srv.URL, port)
	}
	type where struct{ Scheme, Host, Path string }
	if diff := cmp.Diff(where{"http", "127.0.0.1", ""}, where{u.Scheme, u.Hostname(), u.Path}); diff != "" {
		t.Errorf("URL %q mismatch (-want +got):\n%s", srv.URL, diff)
	}
}

func TestServerOptions(t *testing.T) {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	o := srv.Options()
	creds, err := o.Credentials.Retrieve(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	type opts struct {
		Region, BaseEndpoint, AccessKeyID, SecretAccessKey, SessionToken string
		HTTPClient                                                       bool
	}
	want := opts{cwlogstest.Region, srv.URL, cwlogstest.AccessKeyID, cwlogstest.SecretAccessKey, cwlogstest.SessionToken, true}
	got := opts{o.Region, aws.ToString(o.BaseEndpoint), creds.AccessKeyID, creds.SecretAccessKey, creds.SessionToken, o.HTTPClient != nil}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Options mismatch (-want +got):\n%s", diff)
	}
}

func TestServerServesRecorded(t *testing.T) {
	for _, name := range []string{"active", "failed", "resource-not-found", "throttling", "html-502", "service-unavailable"} {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t)
			want := recorded(t, name)
			resp, body := do(t, srv, handRequest{body: `{"integrationName":"` + name + `"}`})
			if resp.StatusCode != want.StatusCode {
				t.Errorf("status %d, want %d", resp.StatusCode, want.StatusCode)
			}
			if !bytes.Equal(body, want.Body) {
				t.Errorf("body mismatch (-want +got):\n%s", cmp.Diff(string(want.Body), string(body)))
			}
			for k := range want.Header {
				if k == "Date" {
					continue
				}
				if diff := cmp.Diff(want.Header.Values(k), resp.Header.Values(k)); diff != "" {
					t.Errorf("header %s mismatch (-want +got):\n%s", k, diff)
				}
			}
		})
	}
}

func TestServerAddOutput(t *testing.T) {
	out := &cwlogs.GetIntegrationOutput{
		IntegrationName:   "built",
		IntegrationType:   cwlogs.IntegrationTypeOpenSearch,
		IntegrationStatus: "DEGRADED",
		IntegrationDetails: &cwlogs.OpenSearchIntegrationDetails{
			DataSource: &cwlogs.OpenSearchDataSource{DataSourceName: "ds", Status: cwlogs.OpenSearchResourceStatus{
				Status: cwlogs.OpenSearchResourceStatusTypeError, StatusMessage: "a <b> & \"c\" é 🚀\n",
			}},
			Workspace: &cwlogs.OpenSearchWorkspace{WorkspaceID: "w1"},
		},
	}
	srv := newServer(t)
	if err := srv.AddOutput(out); err != nil {
		t.Fatal(err)
	}
	want, err := out.MarshalJSON() // HTML characters as they are
	if err != nil {
		t.Fatal(err)
	}
	resp, body := do(t, srv, handRequest{body: `{"integrationName":"built"}`})
	if resp.StatusCode != 200 || !bytes.Equal(body, want) {
		t.Errorf("status %d, body %s; want 200, %s", resp.StatusCode, body, want)
	}
	if ct := resp.Header.Get("Content-Type"); ct != jsonType {
		t.Errorf("Content-Type = %q, want %q", ct, jsonType)
	}

	// The library reads back what was added.
	client := newClient(t, srv)
	got, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "built"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(out, got, ignoreMeta); diff != "" {
		t.Errorf("GetIntegration mismatch (-want +got):\n%s", diff)
	}

	// AddOutput replaces a recorded response of the same name.
	if err := srv.AddOutput(&cwlogs.GetIntegrationOutput{IntegrationName: "active", IntegrationStatus: cwlogs.IntegrationStatusFailed}); err != nil {
		t.Fatal(err)
	}
	if _, body := do(t, srv, handRequest{}); string(body) != `{"integrationName":"active","integrationStatus":"FAILED"}` {
		t.Errorf("after AddOutput, active body = %s", body)
	}
}

func TestServerAddError(t *testing.T) {
	tests := []struct {
		name       string
		status     int
		code, msg  string
		wantStatus int
		sentinel   error
	}{
		{"default status", 0, "InvalidParameterException", "bad name", 400, cwlogs.ErrInvalidParameter},
		{"access denied", 403, "AccessDeniedException", "not allowed", 403, cwlogs.ErrAccessDenied},
		{"throttling", 400, "ThrottlingException", "Rate exceeded", 400, cwlogs.ErrThrottling},
		{"service unavailable", 503, "ServiceUnavailableException", "", 503, cwlogs.ErrServiceUnavailable},
		{"internal failure", 500, "InternalFailure", "oops", 500, cwlogs.ErrInternalFailure},
		{"code no sentinel stands for", 409, "ConflictException", "taken", 409, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			srv.AddError("err", tt.status, tt.code, tt.msg)
			resp, body := do(t, srv, handRequest{body: `{"integrationName":"err"}`})
			if resp.StatusCode != tt.wantStatus || errorCode(resp.Header, body) != tt.code {
				t.Fatalf("status %d, body %s; want %d %s", resp.StatusCode, body, tt.wantStatus, tt.code)
			}
			checkServiceError(t, resp.Header, body, tt.code)
			if r := srv.Requests(); len(r) != 1 || r[0].Rejected != "" {
				t.Errorf("an error served on purpose is recorded as a rejection: %+v", r)
			}

			client := newClient(t, srv)
			_, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "err"})
			var apiErr *cwlogs.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error = %v, want an *APIError", err)
			}
			type apiView struct {
				Code, Message string
				StatusCode    int
			}
			if diff := cmp.Diff(apiView{tt.code, tt.msg, tt.wantStatus}, apiView{apiErr.Code, apiErr.Message, apiErr.StatusCode}); diff != "" {
				t.Errorf("APIError mismatch (-want +got):\n%s", diff)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("error %v does not match %v", err, tt.sentinel)
			}
		})
	}
}

func TestServerEnqueue(t *testing.T) {
	srv := newServer(t)
	srv.Enqueue(
		cwlogstest.ErrorResponse(503, "ServiceUnavailableException", "try again"),
		cwlogstest.Response{Body: []byte(`{"integrationName":"queued"}`)},
		cwlogstest.Response{StatusCode: 429, Header: http.Header{"Content-Type": {"text/plain"}}, Body: []byte("slow down")},
	)
	steps := []struct {
		name       string
		req        handRequest
		wantStatus int
		wantBody   string
		rejected   string
	}{
		{"bad signature does not take from the queue", handRequest{creds: func(c *aws.Credentials) { c.SecretAccessKey = "x" }},
			400, "", "InvalidSignatureException"},
		{"invalid body does not take from the queue", handRequest{body: `{}`}, 400, "", "ValidationException"},
		{"first queued, whatever the name", handRequest{body: `{"integrationName":"failed"}`},
			503, `{"__type":"ServiceUnavailableException","message":"try again"}`, ""},
		{"second queued", handRequest{}, 200, `{"integrationName":"queued"}`, ""},
		{"third queued", handRequest{body: `{"integrationName":"nothing"}`}, 429, "slow down", ""},
		{"then by name", handRequest{}, 200, string(recorded(t, "active").Body), ""},
		{"then by name, unknown", handRequest{body: `{"integrationName":"nothing"}`}, 400, "", ""},
	}
	for i, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			resp, body := do(t, srv, st.req)
			reqs := srv.Requests()
			if len(reqs) != i+1 {
				t.Fatalf("server recorded %d requests, want %d", len(reqs), i+1)
			}
			type view struct {
				Status   int
				Body     string
				Rejected string
			}
			want := view{st.wantStatus, st.wantBody, st.rejected}
			got := view{resp.StatusCode, string(body), reqs[i].Rejected}
			if st.wantBody == "" {
				got.Body = ""
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("answer mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestServerResponseHeaders(t *testing.T) {
	date := serverNow.Format(http.TimeFormat)
	type headers struct {
		Status           int
		ContentType      string
		AmznRequestID    string
		AmzRequestID     string
		Date             string
		ContentLength    int64
		GeneratedRequest bool // X-Amzn-RequestId was added by the server
	}
	tests := []struct {
		name  string
		add   func(*cwlogstest.Server)
		iname string
		want  headers
	}{
		{"recorded id and type kept, Date from the clock", nil, "active",
			headers{200, jsonType, "4f0c9a27-6e3b-4d81-9b52-0e7a3c5d18f4", "", date, int64(len(recorded(t, "active").Body)), false}},
		{"X-Amz-RequestId kept, none added", nil, "request-id-fallback",
			headers{400, jsonType, "", "0f5e8b2d-c4a7-4193-8d60-b3e9f1a7c254", date, int64(len(recorded(t, "request-id-fallback").Body)), false}},
		{"proxy page gets no request id", nil, "html-502",
			headers{502, "text/html", "", "", date, int64(len(recorded(t, "html-502").Body)), false}},
		{"built output gets an id", func(s *cwlogstest.Server) {
			_ = s.AddOutput(&cwlogs.GetIntegrationOutput{IntegrationName: "built"})
		}, "built", headers{200, jsonType, "", "", date, int64(len(`{"integrationName":"built"}`)), true}},
		{"bare response gets type, id and status 200", func(s *cwlogstest.Server) {
			s.Add("bare", cwlogstest.Response{Body: []byte(`{}`)})
		}, "bare", headers{200, jsonType, "", "", date, 2, true}},
		{"Date and Content-Length replaced", func(s *cwlogstest.Server) {
			s.Add("stale", cwlogstest.Response{Header: http.Header{
				"Date":           {"Mon, 01 Jan 2001 00:00:00 GMT"},
				"Content-Length": {"999"},
			}, Body: []byte(`{}`)})
		}, "stale", headers{200, jsonType, "", "", date, 2, true}},
		{"error gets an id", nil, "unknown-name", headers{400, jsonType, "", "", date, -1, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			if tt.add != nil {
				tt.add(srv)
			}
			resp, _ := do(t, srv, handRequest{body: `{"integrationName":"` + tt.iname + `"}`})
			got := headers{
				Status:        resp.StatusCode,
				ContentType:   resp.Header.Get("Content-Type"),
				AmznRequestID: resp.Header.Get("X-Amzn-RequestId"),
				AmzRequestID:  resp.Header.Get("X-Amz-RequestId"),
				Date:          resp.Header.Get("Date"),
				ContentLength: resp.ContentLength,
			}
			if tt.want.GeneratedRequest {
				got.GeneratedRequest = got.AmznRequestID != ""
				got.AmznRequestID = ""
			}
			if tt.want.ContentLength == -1 {
				got.ContentLength = -1
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("headers mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestServerRequestIDsAreUnique(t *testing.T) {
	srv := newServer(t)
	if err := srv.AddOutput(&cwlogs.GetIntegrationOutput{IntegrationName: "built"}); err != nil {
		t.Fatal(err)
	}
	// A built success, an unknown name and a refused request, in turn.
	bodies := []string{`{"integrationName":"built"}`, `{"integrationName":"missing"}`, `{}`}
	seen := map[string]int{}
	for i := range 21 {
		body := bodies[i%len(bodies)]
		resp, _ := do(t, srv, handRequest{body: body})
		id := resp.Header.Get("X-Amzn-RequestId")
		if id == "" {
			t.Fatalf("request %d (%s): no X-Amzn-RequestId", i, body)
		}
		if j, ok := seen[id]; ok {
			t.Errorf("requests %d and %d share the id %q", j, i, id)
		}
		seen[id] = i
	}
}

func TestServerSetClock(t *testing.T) {
	srv := newServer(t)
	// signedNow is a request signed at the wall clock's time.
	signedNow := func() handRequest { return handRequest{skew: time.Since(serverNow)} }

	srv.SetClock(func() time.Time { return time.Now().Add(time.Hour) })
	if resp, body := do(t, srv, signedNow()); resp.StatusCode != 400 || errorCode(resp.Header, body) != "InvalidSignatureException" {
		t.Errorf("server clock an hour ahead: status %d, body %s; want InvalidSignatureException", resp.StatusCode, body)
	}

	srv.SetClock(nil) // back to time.Now
	resp, body := do(t, srv, signedNow())
	if resp.StatusCode != 200 {
		t.Errorf("after SetClock(nil): status %d, body %s; want 200", resp.StatusCode, body)
	}
	if d, err := http.ParseTime(resp.Header.Get("Date")); err != nil || time.Since(d).Abs() > time.Minute {
		t.Errorf("after SetClock(nil): Date %q (%v) is not now", resp.Header.Get("Date"), err)
	}
}

// ignoreMeta leaves out the response metadata, which the library fills
// from the response and may grow.
var ignoreMeta = cmpopts.IgnoreFields(cwlogs.GetIntegrationOutput{}, "ResultMetadata")

// metaView is what the tests check of a ResponseMetadata.
type metaView struct {
	RequestID  string
	StatusCode int
}

// apiErrorView is what the tests check of an *APIError: the fields the
// service's answer sets.
type apiErrorView struct {
	Operation, Code, Message string
	StatusCode               int
	RequestID                string
	Fault                    smithy.ErrorFault
}

func viewAPIError(e *cwlogs.APIError) apiErrorView {
	return apiErrorView{e.Operation, e.Code, e.Message, e.StatusCode, e.RequestID, e.Fault}
}

func TestServerConcurrentClients(t *testing.T) {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
		t.Fatal(err)
	}
	client, err := cwlogs.New(srv.Options())
	if err != nil {
		t.Fatal(err)
	}

	rec := recorded(t, "active")
	wantOut := new(cwlogs.GetIntegrationOutput)
	if err := json.Unmarshal(rec.Body, wantOut); err != nil {
		t.Fatal(err)
	}
	wantOut.ResultMetadata = cwlogs.ResponseMetadata{}
	wantMeta := metaView{RequestID: rec.Header.Get("X-Amzn-RequestId"), StatusCode: 200}
	wantErr := apiErrorView{
		Operation:  "GetIntegration",
		Code:       "ResourceNotFoundException",
		Message:    "Integration resource-not-found does not exist.",
		StatusCode: 400,
		RequestID:  "8b2f6d04-a7c3-4e19-b58e-d0c4a1f7e326",
		Fault:      smithy.FaultClient,
	}

	const n = 32
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := "active"
			if i%2 == 1 {
				name = "resource-not-found"
			}
			out, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: name})
			switch name {
			case "active":
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", name, err)
				} else if diff := cmp.Diff(wantOut, out, ignoreMeta); diff != "" {
					errs[i] = fmt.Errorf("%s: mismatch (-want +got):\n%s", name, diff)
				} else if diff := cmp.Diff(wantMeta, metaView{out.ResultMetadata.RequestID, out.ResultMetadata.StatusCode}); diff != "" {
					errs[i] = fmt.Errorf("%s: metadata mismatch (-want +got):\n%s", name, diff)
				}
			default:
				var apiErr *cwlogs.APIError
				if !errors.As(err, &apiErr) || !errors.Is(err, cwlogs.ErrResourceNotFound) {
					errs[i] = fmt.Errorf("%s: error = %v, want ResourceNotFoundException", name, err)
				} else if diff := cmp.Diff(wantErr, viewAPIError(apiErr)); diff != "" {
					errs[i] = fmt.Errorf("%s: APIError mismatch (-want +got):\n%s", name, diff)
				}
			}
		}()
	}
	// The server's methods are safe while it serves.
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			select {
			case <-done:
				return
			default:
				srv.AddError("other", 400, "ValidationException", "x")
				_ = srv.Requests()
			}
		}
	}()
	wg.Wait()
	close(done)
	<-stopped
	for i, err := range errs {
		if err != nil {
			t.Errorf("goroutine %d: %v", i, err)
		}
	}

	reqs := srv.Requests()
	if len(reqs) != n {
		t.Fatalf("server recorded %d requests, want %d", len(reqs), n)
	}
	counts := map[string]int{}
	for _, r := range reqs {
		if r.Rejected != "" {
			t.Errorf("request for %q rejected with %s", r.IntegrationName, r.Rejected)
		}
		counts[r.IntegrationName]++
	}
	if diff := cmp.Diff(map[string]int{"active": n / 2, "resource-not-found": n / 2}, counts); diff != "" {
		t.Errorf("requests by name mismatch (-want +got):\n%s", diff)
	}
}

// TestServerAddOutputUnknownMember adds an output with an unknown union
// member: the client gets its value back byte for byte.
func TestServerAddOutputUnknownMember(t *testing.T) {
	value := json.RawMessage(`{ "html": "<a&b>", "list" : [1, 2] }`)
	srv := newServer(t)
	if err := srv.AddOutput(&cwlogs.GetIntegrationOutput{IntegrationName: "later",
		IntegrationDetails: &cwlogs.UnknownIntegrationDetails{Name: "splunkIntegrationDetails", Value: value}}); err != nil {
		t.Fatal(err)
	}
	got, err := newClient(t, srv).GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "later"})
	if err != nil {
		t.Fatal(err)
	}
	if u, ok := got.IntegrationDetails.(*cwlogs.UnknownIntegrationDetails); !ok || u.Name != "splunkIntegrationDetails" || !bytes.Equal(u.Value, value) {
		t.Errorf("details = %#v, want the unknown member with its value as added", got.IntegrationDetails)
	}
}

func TestServerAddOutputRefusesNamesNoRequestCanAskFor(t *testing.T) {
	srv := newServer(t)
	for _, name := range []string{"", "bad name", strings.Repeat("n", 51)} {
		if err := srv.AddOutput(&cwlogs.GetIntegrationOutput{IntegrationName: name}); err == nil {
			t.Errorf("AddOutput with name %q: no error", name)
		}
	}
}

// TestServerRefusesInvalidResponses sets responses whose status the
// server cannot answer with: the setter panics with a message that names
// it and the argument, sets nothing, and the server goes on serving.
func TestServerRefusesInvalidResponses(t *testing.T) {
	ok := cwlogstest.Response{Body: []byte(`{}`)}
	tests := []struct {
		name string
		set  func(*cwlogstest.Server)
		want string // the panic's message
	}{
		{"Add status 42", func(s *cwlogstest.Server) { s.Add("x", cwlogstest.Response{StatusCode: 42}) },
			"cwlogstest: Add: r.StatusCode is 42, want a final HTTP status, 200 to 599 (or 0 for 200)"},
		{"Add status 100", func(s *cwlogstest.Server) { s.Add("x", cwlogstest.Response{StatusCode: 100}) },
			"cwlogstest: Add: r.StatusCode is 100, want a final HTTP status, 200 to 599 (or 0 for 200)"},
		{"Add status 600", func(s *cwlogstest.Server) { s.Add("x", cwlogstest.Response{StatusCode: 600}) },
			"cwlogstest: Add: r.StatusCode is 600, want a final HTTP status, 200 to 599 (or 0 for 200)"},
		{"Enqueue status -1 second", func(s *cwlogstest.Server) { s.Enqueue(ok, cwlogstest.Response{StatusCode: -1}) },
			"cwlogstest: Enqueue: rs[1].StatusCode is -1, want a final HTTP status, 200 to 599 (or 0 for 200)"},
		{"AddError status 200", func(s *cwlogstest.Server) { s.AddError("x", 200, "LimitExceededException", "m") },
			`cwlogstest: AddError: status is 200, want an error status for the code "LimitExceededException": 400 to 599 (or 0 for 400)`},
		{"AddError status 1000", func(s *cwlogstest.Server) { s.AddError("x", 1000, "FooException", "m") },
			`cwlogstest: AddError: status is 1000, want an error status for the code "FooException": 400 to 599 (or 0 for 400)`},
		{"AddError status 399", func(s *cwlogstest.Server) { s.AddError("x", 399, "FooException", "m") },
			`cwlogstest: AddError: status is 399, want an error status for the code "FooException": 400 to 599 (or 0 for 400)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			if diff := cmp.Diff(tt.want, panicOf(func() { tt.set(srv) })); diff != "" {
				t.Errorf("panic mismatch (-want +got):\n%s", diff)
			}
			// Nothing set: x is unknown, and the server still answers.
			if got, _ := call(t, srv, cwlogstest.GetIntegration, `{"integrationName":"x"}`); got.Code != "ResourceNotFoundException" {
				t.Errorf("GetIntegration of x after the refused setter: %+v, want ResourceNotFoundException", got)
			}
			if got, body := call(t, srv, cwlogstest.ListIntegrations, `{}`); got.Status != 200 {
				t.Errorf("ListIntegrations after the refused setter: %+v %s, want 200", got, body)
			}
		})
	}
	// The bounds themselves are accepted.
	srv := newServer(t)
	for _, status := range []int{0, 200, 599} {
		srv.Add("x", cwlogstest.Response{StatusCode: status})
		srv.Enqueue(cwlogstest.Response{StatusCode: status})
	}
	for _, status := range []int{0, 400, 599} {
		srv.AddError("x", status, "FooException", "")
	}
}

// panicOf returns the message f panics with, or "" when it does not.
func panicOf(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// TestOptionsRetryFast checks that the kit's options keep the attempts
// and make the delays short, for throttling too.
func TestOptionsRetryFast(t *testing.T) {
	srv := newServer(t)
	o := srv.Options()
	throttled := &cwlogs.APIError{Code: "ThrottlingException", StatusCode: 400}
	for attempt := 1; attempt <= 3; attempt++ {
		for range 100 {
			d, ok := o.RetryPolicy.RetryDelay(attempt, throttled)
			if !ok || d > 10*time.Millisecond {
				t.Fatalf("RetryDelay(%d, throttling) = %v, %v; want a retry within 10ms", attempt, d, ok)
			}
		}
	}

	client := newClient(t, srv)
	start := time.Now()
	_, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: cwlogstest.Throttling})
	if !errors.Is(err, cwlogs.ErrThrottling) {
		t.Fatalf("GetIntegration(throttling): %v, want ErrThrottling", err)
	}
	if n := len(srv.Requests()); n != cwlogs.DefaultRetryMaxAttempts {
		t.Errorf("%d attempts, want %d", n, cwlogs.DefaultRetryMaxAttempts)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("three throttled attempts took %v", d)
	}
}
