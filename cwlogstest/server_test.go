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
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
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

// recorded returns the recorded response for name.
func recorded(t *testing.T, name string) cwlogstest.Response {
	t.Helper()
	data, err := fs.ReadFile(cwlogstest.Recorded(), name+".http")
	if err != nil {
		t.Fatal(err)
	}
	r, err := cwlogstest.ParseResponse(data)
	if err != nil {
		t.Fatal(err)
	}
	return r
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

// errorCode returns the error code of a response as the SDKs read it: from
// X-Amzn-ErrorType, cut at ':', or else from the body's __type after '#'.
func errorCode(h http.Header, body []byte) string {
	code := h.Get("X-Amzn-ErrorType")
	if code == "" {
		var b struct {
			Type string `json:"__type"`
		}
		_ = json.Unmarshal(body, &b)
		code = b.Type
	}
	code, _, _ = strings.Cut(code, ":")
	return code[strings.LastIndexByte(code, '#')+1:]
}

// checkServiceError checks that an error answer has the service's format:
// the JSON 1.1 content type, a request id, the code in X-Amzn-ErrorType
// ("Code" or "Code:http://internal.amazon.com/coral/<namespace>/") and in
// the body's __type ("Code" or "<namespace>#Code"), and a body that holds
// nothing but __type and a string message.
func checkServiceError(t *testing.T, h http.Header, body []byte, code string) {
	t.Helper()
	if got := h.Get("Content-Type"); got != jsonType {
		t.Errorf("Content-Type = %q, want %q", got, jsonType)
	}
	if h.Get("X-Amzn-RequestId") == "" {
		t.Error("no X-Amzn-RequestId")
	}
	name, ns, hasNS := strings.Cut(h.Get("X-Amzn-ErrorType"), ":")
	if name != code || hasNS && !(strings.HasPrefix(ns, "http://internal.amazon.com/coral/") && strings.HasSuffix(ns, "/")) {
		t.Errorf("X-Amzn-ErrorType = %q, want %q or %q", h.Get("X-Amzn-ErrorType"), code, code+":http://internal.amazon.com/coral/<namespace>/")
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(body, &members); err != nil {
		t.Fatalf("error body %q is not a JSON object: %v", body, err)
	}
	var typ string
	if err := json.Unmarshal(members["__type"], &typ); err != nil {
		t.Errorf("error body %s: __type is not a string: %v", body, err)
	}
	if ns, c, ok := strings.Cut(typ, "#"); ok && (ns == "" || c != code) || !ok && typ != code {
		t.Errorf("__type = %q, want %q or %q", typ, code, "<namespace>#"+code)
	}
	for k, v := range members {
		switch k {
		case "__type":
		case "message":
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				t.Errorf("error body %s: message is not a string", body)
			}
		default:
			t.Errorf("error body %s: unexpected member %q", body, k)
		}
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

// wire joins a status line, headers and a body into a response in the
// HTTP/1.1 wire format, with eol as its line end.
func wire(eol, status string, headers []string, body string) string {
	var b strings.Builder
	b.WriteString(status + eol)
	for _, h := range headers {
		b.WriteString(h + eol)
	}
	b.WriteString(eol)
	b.WriteString(body)
	return b.String()
}

func TestParseResponse(t *testing.T) {
	const errBody = `{"__type":"com.amazonaws.logs#ResourceNotFoundException","message":"Integration x does not exist."}`
	// A body with line ends of both kinds and a final one, kept as they are.
	const multiline = "{\"a\":1,\r\n\"b\":\n2}\n"
	errHeaders := []string{
		"X-Amzn-RequestId: 8b2f6d04-a7c3-4e19-b58e-d0c4a1f7e326",
		"Content-Type: application/x-amz-json-1.1",
		"Content-Length: " + strconv.Itoa(len(errBody)),
		"X-Amzn-ErrorType: ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.logs/",
	}
	errWant := cwlogstest.Response{
		StatusCode: 400,
		Header: http.Header{
			"X-Amzn-Requestid": {"8b2f6d04-a7c3-4e19-b58e-d0c4a1f7e326"},
			"Content-Type":     {jsonType},
			"X-Amzn-Errortype": {"ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.logs/"},
		},
		Body: []byte(errBody),
	}
	tests := []struct {
		name string
		in   string
		want cwlogstest.Response
	}{
		{"CRLF", wire("\r\n", "HTTP/1.1 400 Bad Request", errHeaders, errBody), errWant},
		{"LF", wire("\n", "HTTP/1.1 400 Bad Request", errHeaders, errBody), errWant},
		{"CRLF body to EOF", wire("\r\n", "HTTP/1.1 200 OK", []string{"Content-Type: application/x-amz-json-1.1"}, multiline),
			cwlogstest.Response{StatusCode: 200, Header: http.Header{"Content-Type": {jsonType}}, Body: []byte(multiline)}},
		{"LF body to EOF", wire("\n", "HTTP/1.1 200 OK", []string{"Content-Type: application/x-amz-json-1.1"}, multiline),
			cwlogstest.Response{StatusCode: 200, Header: http.Header{"Content-Type": {jsonType}}, Body: []byte(multiline)}},
		{"Content-Length of a body with line ends", wire("\r\n", "HTTP/1.1 200 OK", []string{"Content-Length: " + strconv.Itoa(len(multiline))}, multiline),
			cwlogstest.Response{StatusCode: 200, Header: http.Header{}, Body: []byte(multiline)}},
		{"repeated and lowercase headers", wire("\r\n", "HTTP/1.1 503 Service Unavailable", []string{"x-amzn-requestid: r1", "Vary: a", "Vary: b"}, "{}"),
			cwlogstest.Response{StatusCode: 503, Header: http.Header{"X-Amzn-Requestid": {"r1"}, "Vary": {"a", "b"}}, Body: []byte("{}")}},
		{"status line without reason", wire("\n", "HTTP/1.1 502", []string{"Content-Type: text/html"}, "<html></html>"),
			cwlogstest.Response{StatusCode: 502, Header: http.Header{"Content-Type": {"text/html"}}, Body: []byte("<html></html>")}},
		{"no headers, no body", wire("\r\n", "HTTP/1.1 200 OK", nil, ""),
			cwlogstest.Response{StatusCode: 200, Header: http.Header{}, Body: nil}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cwlogstest.ParseResponse([]byte(tt.in))
			if err != nil {
				t.Fatalf("ParseResponse(%q): %v", tt.in, err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ParseResponse(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestParseResponseMalformed(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"not HTTP", "hello, world\r\n\r\n{}"},
		{"request, not response", "POST / HTTP/1.1\r\nHost: x\r\n\r\n{}"},
		{"status not a number", "HTTP/1.1 abc OK\r\n\r\n{}"},
		{"headers not ended", "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.1"},
		{"header line without colon", "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n{}"},
		{"body shorter than Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := cwlogstest.ParseResponse([]byte(tt.in))
			if err == nil {
				t.Fatalf("ParseResponse(%q) = %+v, want an error", tt.in, got)
			}
			if !strings.HasPrefix(err.Error(), "cwlogstest: ") {
				t.Errorf("error %q does not start with the package name", err)
			}
		})
	}
}

func TestReadResponses(t *testing.T) {
	ok := wire("\n", "HTTP/1.1 200 OK", nil, `{"integrationName":"a"}`)
	t.Run("top-level .http files by name", func(t *testing.T) {
		fsys := fstest.MapFS{
			"a.http":      {Data: []byte(ok)},
			"b-c.http":    {Data: []byte(ok)},
			"notes.txt":   {Data: []byte("not a response")},
			"sub/d.http":  {Data: []byte(ok)},
			"a.http.orig": {Data: []byte("not a response")},
			"README":      {Data: []byte("not a response")},
		}
		rs, err := cwlogstest.ReadResponses(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"a", "b-c"}, sortedKeys(rs)); diff != "" {
			t.Errorf("names mismatch (-want +got):\n%s", diff)
		}
	})
	t.Run("a malformed file is an error naming it", func(t *testing.T) {
		fsys := fstest.MapFS{
			"good.http": {Data: []byte(ok)},
			"bad.http":  {Data: []byte("garbage")},
		}
		rs, err := cwlogstest.ReadResponses(fsys)
		if err == nil || !strings.Contains(err.Error(), "bad.http") {
			t.Errorf("ReadResponses = %v, %v; want an error naming bad.http", rs, err)
		}
	})
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func TestRecorded(t *testing.T) {
	fsys := cwlogstest.Recorded()
	files, err := fs.Glob(fsys, "*.http")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := cwlogstest.ReadResponses(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(rs) {
		t.Errorf("%d files but ReadResponses returned %d responses", len(files), len(rs))
	}
	for _, file := range files {
		name := strings.TrimSuffix(file, ".http")
		t.Run(name, func(t *testing.T) {
			data, err := fs.ReadFile(fsys, file)
			if err != nil {
				t.Fatal(err)
			}
			r, err := cwlogstest.ParseResponse(data)
			if err != nil {
				t.Fatalf("%s does not parse: %v", file, err)
			}
			if diff := cmp.Diff(r, rs[name], cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ReadResponses()[%q] differs from ParseResponse of %s (-parse +read):\n%s", name, file, diff)
			}
			if r.StatusCode < 200 || r.StatusCode > 599 || len(r.Body) == 0 {
				t.Errorf("%s: status %d with %d body bytes", file, r.StatusCode, len(r.Body))
			}
			if _, ok := r.Header["Content-Length"]; ok {
				t.Errorf("%s: Content-Length kept", file)
			}
			// A recorded success is for the integration it is named after.
			if r.StatusCode == 200 {
				var out struct {
					IntegrationName string `json:"integrationName"`
				}
				if err := json.Unmarshal(r.Body, &out); err != nil || out.IntegrationName != name {
					t.Errorf("%s: integrationName %q (%v), want %q", file, out.IntegrationName, err, name)
				}
			}
		})
	}
	t.Run("names", func(t *testing.T) {
		var missing []string
		for _, name := range []string{
			"active", "provisioning", "failed", "unknown-member", "unknown-enums",
			"resource-not-found", "invalid-parameter", "service-unavailable",
			"throttling", "access-denied", "validation", "invalid-signature",
			"unrecognized-client", "expired-token", "internal-failure", "html-502",
			"union-two-members", "union-empty", "union-string", "union-array",
			"no-details", "null-details", "request-id-fallback",
		} {
			if _, ok := rs[name]; !ok {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			t.Errorf("Recorded() lacks %q; it has %q", missing, sortedKeys(rs))
		}
	})
}

// outcome is what a test checks of an answer to a hand-built request.
type outcome struct {
	Status int
	// Code is the answer's error code, empty for a success.
	Code string
	// Rejected is what Server.Requests recorded.
	Rejected string
}

func TestServerVerifiesHandSignedRequests(t *testing.T) {
	const (
		invalidSig  = "InvalidSignatureException"
		unknownOp   = "UnknownOperationException"
		serialize   = "SerializationException"
		unrecClient = "UnrecognizedClientException"
	)
	tests := []struct {
		name string
		req  handRequest
		want outcome
	}{
		// Accepted.
		{name: "signed by the SDK", want: outcome{Status: 200}},
		{name: "credentials without session token", req: handRequest{creds: func(c *aws.Credentials) { c.SessionToken = "" }},
			want: outcome{Status: 200}},
		{name: "signed 4 minutes before the server clock", req: handRequest{skew: -4 * time.Minute}, want: outcome{Status: 200}},
		{name: "signed 4 minutes after the server clock", req: handRequest{skew: 4 * time.Minute}, want: outcome{Status: 200}},
		{name: "base path", req: handRequest{path: "/x/y"}, want: outcome{Status: 200}},
		{name: "base path with trailing slash", req: handRequest{path: "/x/y/"}, want: outcome{Status: 200}},
		{name: "query string", req: handRequest{path: "/?b=2&a=1&a=0&c"}, want: outcome{Status: 200}},
		{name: "base path and query string", req: handRequest{path: "/x/y?z=1&Z=%20two%20words"}, want: outcome{Status: 200}},
		{name: "escaped path", req: handRequest{path: "/a%20b/c%2Fd/%C3%BC/~u-_."}, want: outcome{Status: 200}},
		{name: "query values that sort differently once encoded", req: handRequest{path: "/?k=a-b&k=a/b"}, want: outcome{Status: 200}},
		{name: "query keys that sort differently once encoded", req: handRequest{path: "/?a0=1&a:=2"}, want: outcome{Status: 200}},
		{name: "signed header with runs of spaces", req: handRequest{header: func(h http.Header) { h.Set("X-Custom", "  a   b  c ") }},
			want: outcome{Status: 200}},
		{name: "signed header with two values", req: handRequest{header: func(h http.Header) { h.Add("X-Multi", "a"); h.Add("X-Multi", "b") }},
			want: outcome{Status: 200}},
		{name: "unsigned header added after signing", req: handRequest{after: func(r *http.Request) { r.Header.Set("X-Extra", "1") }},
			want: outcome{Status: 200}},
		{name: "User-Agent changed after signing", req: handRequest{after: func(r *http.Request) { r.Header.Set("User-Agent", "other/1.0") }},
			want: outcome{Status: 200}},

		// Refused for their credentials or signature.
		{name: "no Authorization", req: handRequest{unsigned: true},
			want: outcome{400, "MissingAuthenticationTokenException", "MissingAuthenticationTokenException"}},
		{name: "wrong access key", req: handRequest{creds: func(c *aws.Credentials) { c.AccessKeyID = "AKIDOTHER00000000000" }},
			want: outcome{400, unrecClient, unrecClient}},
		{name: "wrong session token", req: handRequest{creds: func(c *aws.Credentials) { c.SessionToken = "other-token" }},
			want: outcome{400, unrecClient, unrecClient}},
		{name: "wrong secret key", req: handRequest{creds: func(c *aws.Credentials) { c.SecretAccessKey = "wrong/secret" }},
			want: outcome{400, invalidSig, invalidSig}},
		{name: "wrong region in scope", req: handRequest{region: "eu-west-1"}, want: outcome{400, invalidSig, invalidSig}},
		{name: "wrong service in scope", req: handRequest{service: "monitoring"}, want: outcome{400, invalidSig, invalidSig}},
		{name: "body changed after signing", req: handRequest{after: setBody(`{"integrationName":"failed"}`)},
			want: outcome{400, invalidSig, invalidSig}},
		{name: "X-Amz-Target changed after signing", req: handRequest{after: func(r *http.Request) {
			r.Header.Set("X-Amz-Target", "Logs_20140328.DeleteIntegration")
		}}, want: outcome{400, invalidSig, invalidSig}},
		{name: "signed Content-Type removed", req: handRequest{after: func(r *http.Request) { r.Header.Del("Content-Type") }},
			want: outcome{400, invalidSig, invalidSig}},
		{name: "signed X-Amz-Security-Token removed", req: handRequest{after: func(r *http.Request) { r.Header.Del("X-Amz-Security-Token") }},
			want: outcome{400, invalidSig, invalidSig}},
		{name: "signed custom header removed", req: handRequest{
			header: func(h http.Header) { h.Set("X-Custom", "v") },
			after:  func(r *http.Request) { r.Header.Del("X-Custom") },
		}, want: outcome{400, invalidSig, invalidSig}},
		{name: "X-Amz-Date removed", req: handRequest{after: func(r *http.Request) { r.Header.Del("X-Amz-Date") }},
			want: outcome{400, "IncompleteSignatureException", "IncompleteSignatureException"}},
		{name: "Host changed after signing", req: handRequest{after: func(r *http.Request) { r.Host = "logs.us-east-1.amazonaws.com" }},
			want: outcome{400, invalidSig, invalidSig}},
		{name: "path changed after signing", req: handRequest{path: "/x", after: func(r *http.Request) { r.URL.Path = "/y" }},
			want: outcome{400, invalidSig, invalidSig}},
		{name: "signature with one bit flipped", req: handRequest{after: func(r *http.Request) {
			auth := []byte(r.Header.Get("Authorization"))
			auth[len(auth)-1] ^= 1 // a hex digit with its low bit flipped is another hex digit
			r.Header.Set("Authorization", string(auth))
		}}, want: outcome{400, invalidSig, invalidSig}},
		{name: "signed 6 minutes before the server clock", req: handRequest{skew: -6 * time.Minute}, want: outcome{400, invalidSig, invalidSig}},
		{name: "signed 6 minutes after the server clock", req: handRequest{skew: 6 * time.Minute}, want: outcome{400, invalidSig, invalidSig}},

		// Refused for what they ask.
		{name: "operation not served", req: handRequest{header: func(h http.Header) { h.Set("X-Amz-Target", "Logs_20140328.DescribeLogGroups") }},
			want: outcome{400, unknownOp, unknownOp}},
		{name: "wrong target prefix", req: handRequest{header: func(h http.Header) { h.Set("X-Amz-Target", "Logs_20140329.GetIntegration") }},
			want: outcome{400, unknownOp, unknownOp}},
		{name: "target without prefix", req: handRequest{header: func(h http.Header) { h.Set("X-Amz-Target", "GetIntegration") }},
			want: outcome{400, unknownOp, unknownOp}},
		{name: "no target", req: handRequest{header: func(h http.Header) { h.Del("X-Amz-Target") }},
			want: outcome{400, unknownOp, unknownOp}},
		{name: "wrong content type", req: handRequest{header: func(h http.Header) { h.Set("Content-Type", "application/json") }},
			want: outcome{400, serialize, serialize}},
		{name: "body not JSON", req: handRequest{body: `{"integrationName":`}, want: outcome{400, serialize, serialize}},
		{name: "body a JSON array", req: handRequest{body: `["active"]`}, want: outcome{400, serialize, serialize}},
		{name: "name not a string", req: handRequest{body: `{"integrationName":7}`}, want: outcome{400, serialize, serialize}},
		{name: "body without integrationName", req: handRequest{body: `{}`},
			want: outcome{400, "ValidationException", "ValidationException"}},
		{name: "integrationName null", req: handRequest{body: `{"integrationName":null}`},
			want: outcome{400, "ValidationException", "ValidationException"}},
		{name: "member name in another case", req: handRequest{body: `{"IntegrationName":"active"}`},
			want: outcome{400, "ValidationException", "ValidationException"}},
		{name: "GET", req: handRequest{method: http.MethodGet}, want: outcome{404, unknownOp, unknownOp}},
		{name: "name breaking the pattern", req: handRequest{body: `{"integrationName":"cwl logs"}`},
			want: outcome{400, "InvalidParameterException", "InvalidParameterException"}},
		{name: "name too long", req: handRequest{body: `{"integrationName":"` + strings.Repeat("n", 51) + `"}`},
			want: outcome{400, "InvalidParameterException", "InvalidParameterException"}},
	}
	activeResp := recorded(t, "active")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			req := tt.req.build(t, srv.URL)
			path := orDefault(req.URL.Path, "/")
			resp, body := send(t, req)
			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("server recorded %d requests, want 1", len(reqs))
			}
			got := outcome{Status: resp.StatusCode, Rejected: reqs[0].Rejected}
			if resp.StatusCode != 200 {
				got.Code = errorCode(resp.Header, body)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("answer mismatch (-want +got):\n%s\nbody: %s", diff, body)
			}
			if tt.want.Code != "" {
				checkServiceError(t, resp.Header, body, tt.want.Code)
				return
			}
			if !bytes.Equal(body, activeResp.Body) {
				t.Errorf("body = %s, want the recorded %s", body, activeResp.Body)
			}
			type seen struct {
				Method, Path, IntegrationName, Body string
			}
			want := seen{http.MethodPost, path, "active", orDefault(tt.req.body, activeBody)}
			r := reqs[0]
			if diff := cmp.Diff(want, seen{r.Method, r.Path, r.IntegrationName, string(r.Body)}); diff != "" {
				t.Errorf("recorded request mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSDKSignerKnownAnswers checks the signer the other tests use as the
// reference against cases of the AWS SigV4 test suite, with their published
// signatures, so that the kit's verifier is checked against a signer known
// to be right.
func TestSDKSignerKnownAnswers(t *testing.T) {
	creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
	at := time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)
	const emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	tests := []struct {
		name, url, signature string
	}{
		{"get-vanilla", "https://example.amazonaws.com/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
		{"get-vanilla-query-order-key-case", "https://example.amazonaws.com/?Param2=value2&Param1=value1",
			"b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, tt.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, emptyHash, "service", "us-east-1", at); err != nil {
				t.Fatal(err)
			}
			want := "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
				"SignedHeaders=host;x-amz-date, Signature=" + tt.signature
			if diff := cmp.Diff(want, req.Header.Get("Authorization")); diff != "" {
				t.Errorf("Authorization mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestVerifierAgreesWithSDKSigner signs many requests with the SDK's signer:
// the kit's verifier must accept each as signed, and refuse it once any
// single bit of its signature is flipped.
func TestVerifierAgreesWithSDKSigner(t *testing.T) {
	midnight := time.Date(serverNow.Year(), serverNow.Month(), serverNow.Day(), 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		req  handRequest
		// clock is the server's clock; serverNow if zero.
		clock time.Time
	}{
		{"plain", handRequest{}, time.Time{}},
		{"other name", handRequest{body: `{"integrationName":"a.b-c_d/e#f"}`}, time.Time{}},
		{"JSON with spaces and escapes", handRequest{body: " { \"integrationName\" : \"\\u0061ctive\" } "}, time.Time{}},
		{"long body", handRequest{body: `{"integrationName":"active","pad":"` + strings.Repeat("x", 100000) + `"}`}, time.Time{}},
		{"path", handRequest{path: "/prefix/v1"}, time.Time{}},
		{"path with reserved characters", handRequest{path: "/a:b@c/d!e$f&g'h(i)j*k+l,m;n=o"}, time.Time{}},
		{"empty query value", handRequest{path: "/?a=&b"}, time.Time{}},
		{"encoded query", handRequest{path: "/?q=%E2%9C%93+x&r=%2B"}, time.Time{}},
		{"session token absent", handRequest{creds: func(c *aws.Credentials) { c.SessionToken = "" }}, time.Time{}},
		// The server's clock just before midnight, the signature just
		// after it: the scope's date is the server's next day.
		{"signed across midnight", handRequest{skew: midnight.Sub(serverNow) + 2*time.Second}, midnight.Add(-time.Second)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			if !tt.clock.IsZero() {
				srv.SetClock(func() time.Time { return tt.clock })
			}
			resp, body := do(t, srv, tt.req)
			if r := srv.Requests(); len(r) != 1 || r[0].Rejected != "" {
				t.Fatalf("refused: status %d, %s", resp.StatusCode, body)
			}
			for _, i := range []int{0, 31, 63} {
				for _, bit := range []byte{1, 2, 4} {
					flipped := tt.req
					flipped.after = func(r *http.Request) {
						auth := r.Header.Get("Authorization")
						_, sig, _ := strings.Cut(auth, "Signature=")
						b := []byte(sig)
						b[i] = flipHex(b[i], bit)
						r.Header.Set("Authorization", strings.TrimSuffix(auth, sig)+string(b))
					}
					resp, body := do(t, srv, flipped)
					if got := errorCode(resp.Header, body); resp.StatusCode != 400 || got != "InvalidSignatureException" {
						t.Errorf("signature digit %d, bit %d flipped: status %d, code %q; want 400 InvalidSignatureException", i, bit, resp.StatusCode, got)
					}
				}
			}
		})
	}
}

// flipHex returns the lowercase hex digit c with one bit of its value
// flipped.
func flipHex(c, bit byte) byte {
	const digits = "0123456789abcdef"
	return digits[byte(strings.IndexByte(digits, c))^bit]
}

func TestServerUnknownIntegration(t *testing.T) {
	tests := []struct {
		name string
		fill bool // serve the recorded responses
	}{
		{"no-such-integration", true},
		{"active", false},
		{"x.y-z_w/v#u", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := cwlogstest.NewServer()
			t.Cleanup(srv.Close)
			srv.SetClock(func() time.Time { return serverNow })
			if tt.fill {
				if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
					t.Fatal(err)
				}
			}
			body, _ := json.Marshal(map[string]string{"integrationName": tt.name})
			resp, got := do(t, srv, handRequest{body: string(body)})
			if resp.StatusCode != 400 || errorCode(resp.Header, got) != "ResourceNotFoundException" {
				t.Fatalf("status %d, body %s; want 400 ResourceNotFoundException", resp.StatusCode, got)
			}
			checkServiceError(t, resp.Header, got, "ResourceNotFoundException")
			var b struct{ Message string }
			if err := json.Unmarshal(got, &b); err != nil || !strings.Contains(b.Message, tt.name) {
				t.Errorf("message %q does not name the integration %q", b.Message, tt.name)
			}
			if r := srv.Requests(); len(r) != 1 || r[0].Rejected != "" || r[0].IntegrationName != tt.name {
				t.Errorf("Requests() = %+v, want one accepted request for %q", r, tt.name)
			}

			// Through the library: the sentinel, the code and the message.
			client := newClient(t, srv)
			_, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: tt.name})
			var apiErr *cwlogs.APIError
			if !errors.Is(err, cwlogs.ErrResourceNotFound) || !errors.As(err, &apiErr) || apiErr.Message != b.Message {
				t.Errorf("GetIntegration error = %v, want ResourceNotFoundException with message %q", err, b.Message)
			}
		})
	}
	t.Run("message as the service words it", func(t *testing.T) {
		srv := newServer(t)
		_, body := do(t, srv, handRequest{body: `{"integrationName":"resource-not-found-2"}`})
		var got struct{ Message string }
		_ = json.Unmarshal(body, &got)
		var rec struct{ Message string }
		_ = json.Unmarshal(recorded(t, "resource-not-found").Body, &rec)
		want := strings.ReplaceAll(rec.Message, "resource-not-found", "resource-not-found-2")
		if got.Message != want {
			t.Errorf("message = %q, want %q", got.Message, want)
		}
	})
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

// TestParseResponseRefusesWhatCannotBeServed checks the statuses and body
// lengths ParseResponse refuses, with errors that say why.
func TestParseResponseRefusesWhatCannotBeServed(t *testing.T) {
	for _, tt := range []struct{ name, data, wantErr string }{
		{"status 0", "HTTP/1.1 000 Zero\r\n\r\n", "status 0 is not a final HTTP status"},
		{"status 99", "HTTP/1.1 099 Low\r\n\r\n", "status 99 is not a final HTTP status"},
		{"status 100", "HTTP/1.1 100 Continue\r\n\r\n", "status 100 is not a final HTTP status"},
		{"Content-Length too short", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{\"integrationName\":\"x\"}", `13 bytes after the body of 10 bytes (status 200, Content-Length "10")`},
		{"Content-Length too long", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{}", "parse response body (Content-Length 100): unexpected EOF"},
		{"body on a 204", "HTTP/1.1 204 No Content\r\n\r\n{}", "2 bytes after the body of 0 bytes (status 204"},
	} {
		_, err := cwlogstest.ParseResponse([]byte(tt.data))
		if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.wantErr)
		}
	}
	if r, err := cwlogstest.ParseResponse([]byte("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")); err != nil || string(r.Body) != "{}" {
		t.Errorf("a right Content-Length: %v, %q", err, r.Body)
	}
}

// TestServerAnswersAnInvalidStatusWithAnError sets responses whose status
// net/http cannot send: the client gets a 500 that names the problem, and
// the server does not panic.
func TestServerAnswersAnInvalidStatusWithAnError(t *testing.T) {
	for _, status := range []int{42, 100, 1000} {
		srv := newServer(t)
		srv.AddError("x", status, "FooException", "m")
		resp, body := do(t, srv, handRequest{body: `{"integrationName":"x"}`})
		if resp.StatusCode != 500 || !strings.Contains(string(body), fmt.Sprintf("status %d is not a final HTTP status", status)) ||
			!strings.HasPrefix(resp.Header.Get("X-Amzn-ErrorType"), "CwlogstestInvalidResponse") {
			t.Errorf("status %d: got %d %v %s, want a 500 CwlogstestInvalidResponse naming the invalid status", status, resp.StatusCode, resp.Header, body)
		}
	}
}

// TestOutputResponseNil gives OutputResponse a nil output: an error, not a
// panic.
func TestOutputResponseNil(t *testing.T) {
	t.Parallel()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("OutputResponse(nil) panicked: %v", r)
		}
	}()
	if _, err := cwlogstest.OutputResponse(nil); err == nil || !strings.HasPrefix(err.Error(), "cwlogstest: ") {
		t.Errorf("OutputResponse(nil): error %v, want one prefixed cwlogstest: ", err)
	}
}
