package cwlogstest_test

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cwlogs-go/cwlogs/cwlogstest"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

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
			"d%2Fe.http":  {Data: []byte(ok)}, // as a Recorder writes the name d/e
			"notes.txt":   {Data: []byte("not a response")},
			"sub/d.http":  {Data: []byte(ok)},
			"a.http.orig": {Data: []byte("not a response")},
			"README":      {Data: []byte("not a response")},
		}
		rs, err := cwlogstest.ReadResponses(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"a", "b-c", "d/e"}, sortedKeys(rs)); diff != "" {
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

// TestErrorResponseStatus builds error responses: a status of zero is 400,
// 400 to 599 are kept, and any other status panics with a message naming
// ErrorResponse and the status.
func TestErrorResponseStatus(t *testing.T) {
	for _, tt := range []struct {
		status, want int
	}{{0, 400}, {400, 400}, {429, 429}, {599, 599}} {
		r := cwlogstest.ErrorResponse(tt.status, "FooException", "m")
		if r.StatusCode != tt.want || errorCode(r.Header, r.Body) != "FooException" {
			t.Errorf("ErrorResponse(%d): status %d, code %q; want %d FooException", tt.status, r.StatusCode, errorCode(r.Header, r.Body), tt.want)
		}
	}
	for _, status := range []int{-1, 99, 100, 200, 204, 399, 600, 1000} {
		want := fmt.Sprintf(`cwlogstest: ErrorResponse: status is %d, want an error status for the code "FooException": 400 to 599 (or 0 for 400)`, status)
		if got := panicOf(func() { cwlogstest.ErrorResponse(status, "FooException", "m") }); got != want {
			t.Errorf("ErrorResponse(%d): panic %q, want %q", status, got, want)
		}
	}
}
