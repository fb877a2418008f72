package cwlogstest

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/cwlogs-go/cwlogs"
)

// Response is an HTTP response the [Server] sends.
type Response struct {
	// StatusCode is the HTTP status. If zero, 200 is sent.
	StatusCode int
	// Header holds the headers to send. The server sets Date from its clock
	// and Content-Length from Body; when Content-Type is missing it sends
	// the service's JSON type, and to a response of that type without a
	// request id it adds X-Amzn-RequestId, as the service does (a page from
	// a proxy, such as text/html, gets none).
	Header http.Header
	// Body is sent as it is.
	Body []byte
}

//go:embed testdata/*.http testdata/*/*.http
var recorded embed.FS

// Recorded returns the recorded responses that ship with this package,
// each a raw HTTP/1.1 response as the service sends it, which
// [ParseResponse] reads. The GetIntegration responses are at the top, one
// file a response named after the integration name it answers for, such
// as "active.http" for the integration "active"; [Server.AddFS] serves
// them. Those of the other operations are in a folder named after the
// operation, such as "PutIntegration/limit-exceeded.http"; read one with
// [RecordedResponse]. The constants [Active], [Throttling], [Success], ...
// name them.
//
// They include an ACTIVE integration with all eight resources ([Active]),
// one still provisioning ([Provisioning]), a failed one ([Failed]), a union
// member this package does not know ([UnknownMember]), enum values it does
// not know ([UnknownEnums]), every error each operation declares
// ([ResourceNotFound], [InvalidParameter], [ServiceUnavailable],
// [Validation], [LimitExceeded], [InternalServer], ...), common AWS errors
// ([Throttling], [AccessDenied], ...), an HTML page from a proxy
// ([HTML502]), invalid unions ([UnionTwoMembers], ...), and pages of S3
// Table integration sources ([FirstPage], [MiddlePage], [LastPage]) with
// statuses this package does not know ([UnknownValues]).
func Recorded() fs.FS {
	sub, err := fs.Sub(recorded, "testdata")
	if err != nil {
		panic(err) // unreachable: the directory is embedded
	}
	return sub
}

// RecordedResponse returns the recorded response of op named name, such as
// RecordedResponse(PutIntegration, LimitExceeded).
func RecordedResponse(op Operation, name string) (Response, error) {
	return ReadResponse(Recorded(), op, name)
}

// ReadResponse reads the response of op named name from fsys, laid out as
// [Recorded] is (and as a [Recorder] writes): name.http at the top for
// GetIntegration, op/name.http for the other operations. [Server.EnqueueFor]
// serves it.
func ReadResponse(fsys fs.FS, op Operation, name string) (Response, error) {
	file := name + ".http"
	if op != GetIntegration {
		file = string(op) + "/" + file
	}
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return Response{}, fmt.Errorf("cwlogstest: no recorded response %q of %s: %w", name, op, err)
	}
	r, err := ParseResponse(data)
	if err != nil {
		return Response{}, fmt.Errorf("cwlogstest: %s: %w", file, err)
	}
	return r, nil
}

// ParseResponse reads a response in the HTTP/1.1 wire format: a status line
// with a status from 200 to 599, headers, an empty line and the body, with
// CRLF or LF line ends. A Content-Length header must match the body, and is
// dropped: the server sends the body's length.
func ParseResponse(data []byte) (Response, error) {
	rd := bufio.NewReader(bytes.NewReader(data))
	resp, err := http.ReadResponse(rd, nil)
	if err != nil {
		return Response{}, fmt.Errorf("cwlogstest: parse response: %w", err)
	}
	defer resp.Body.Close()
	if err := checkStatus(resp.StatusCode); err != nil {
		return Response{}, fmt.Errorf("cwlogstest: parse response: %w", err)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return Response{}, fmt.Errorf("cwlogstest: parse response body (Content-Length %s): %w", resp.Header.Get("Content-Length"), err)
	}
	// What net/http leaves unread is a body longer than its Content-Length,
	// or one that a 204 or 304 response cannot have.
	if rest, _ := io.Copy(io.Discard, rd); rest > 0 {
		return Response{}, fmt.Errorf("cwlogstest: parse response: %d bytes after the body of %d bytes (status %d, Content-Length %q)",
			rest, len(body), resp.StatusCode, resp.Header.Get("Content-Length"))
	}
	resp.Header.Del("Content-Length")
	return Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

// checkStatus refuses a status the server cannot answer with: the kit sends
// final responses, 200 to 599.
func checkStatus(status int) error {
	if status < 200 || status > 599 {
		return fmt.Errorf("status %d is not a final HTTP status (200 to 599)", status)
	}
	return nil
}

// mustResponses panics, naming the function fn the test called, when the
// status of one of rs is neither zero (200) nor one the server can answer
// with: a response set wrong fails where the test sets it, not as a
// mysterious 500 when a request comes.
func mustResponses(fn string, rs ...Response) {
	for i, r := range rs {
		mustResponse(fn, fmt.Sprintf("rs[%d]", i), r)
	}
}

// mustResponse is mustResponses for the one response r, the argument arg
// of fn.
func mustResponse(fn, arg string, r Response) {
	if r.StatusCode != 0 && checkStatus(r.StatusCode) != nil {
		panic(fmt.Sprintf("cwlogstest: %s: %s.StatusCode is %d, want a final HTTP status, 200 to 599 (or 0 for 200)", fn, arg, r.StatusCode))
	}
}

// mustErrorStatus panics, naming the function fn the test called, when
// status is not that of an error: zero (400) or 400 to 599. An error code
// under a 2xx status would make the call succeed with an empty output, a
// status out of range would be the kit's own 500.
func mustErrorStatus(fn string, status int, code string) {
	if status != 0 && (status < 400 || status > 599) {
		panic(fmt.Sprintf("cwlogstest: %s: status is %d, want an error status for the code %q: 400 to 599 (or 0 for 400)", fn, status, code))
	}
}

// mustCount panics, naming the function fn and its argument, when n is
// negative.
func mustCount(fn, arg string, n int) {
	if n < 0 {
		panic(fmt.Sprintf("cwlogstest: %s: %s is %d, want 0 or more", fn, arg, n))
	}
}

// mustOperation panics, naming the function fn the test called, when op
// is not an operation the server serves: a fault set for a misspelt
// operation would never fire.
func mustOperation(fn string, op Operation) {
	if _, ok := operations[op]; !ok {
		panic(fmt.Sprintf("cwlogstest: %s: op %q is not an operation the server serves (want one of %q)", fn, op, servedOperations()))
	}
}

// ReadResponses reads every "*.http" file at the top of fsys with
// [ParseResponse] and returns them by integration name: the file name
// without ".http", percent-decoded when it holds a '%' (a character no
// integration name has), as a [Recorder] writes a name with a '/' or '#'.
func ReadResponses(fsys fs.FS) (map[string]Response, error) {
	names, err := fs.Glob(fsys, "*.http")
	if err != nil {
		return nil, err
	}
	out := make(map[string]Response, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("cwlogstest: %w", err)
		}
		r, err := ParseResponse(data)
		if err != nil {
			return nil, fmt.Errorf("cwlogstest: %s: %w", name, err)
		}
		key := strings.TrimSuffix(path.Base(name), ".http")
		if u, err := url.PathUnescape(key); err == nil {
			key = u
		}
		out[key] = r
	}
	return out, nil
}

// OutputResponse returns a success response whose body is out in its wire
// shape.
func OutputResponse(out *cwlogs.GetIntegrationOutput) (Response, error) {
	if out == nil {
		return Response{}, errors.New("cwlogstest: encode output: output is nil")
	}
	// Its own MarshalJSON, not json.Marshal, which would compact an unknown
	// union member's value and escape its <, > and &.
	body, err := out.MarshalJSON()
	if err != nil {
		return Response{}, fmt.Errorf("cwlogstest: encode output: %w", err)
	}
	return Response{StatusCode: http.StatusOK, Body: body}, nil
}

// ErrorResponse returns an error response in the service's format: the
// code in the X-Amzn-ErrorType header and in the body's __type, and the
// message in the body's message. A status of zero means 400. An empty code
// makes an error without one, as a proxy or load balancer in front of the
// service may send: the status, and a JSON body (application/json) that
// holds the message alone, {} without one; no X-Amzn-ErrorType, no __type,
// and the server adds no request id. A client names such an error after
// its status. (For a page in another format, such as HTML, serve a
// [Response] of your own, or the recorded [HTML502].) It panics when
// status is not that of an error (400 to 599), such as a 200 that would
// make an error code a success.
func ErrorResponse(status int, code, message string) Response {
	mustErrorStatus("ErrorResponse", status, code)
	return errorResponse(status, code, message)
}

// errorResponse is ErrorResponse for a status already checked.
func errorResponse(status int, code, message string) Response {
	if status == 0 {
		status = http.StatusBadRequest
	}
	if code == "" {
		body, _ := json.Marshal(struct {
			Message string `json:"message,omitempty"`
		}{message})
		return Response{StatusCode: status, Header: http.Header{"Content-Type": {"application/json"}}, Body: body}
	}
	body, _ := json.Marshal(struct {
		Type    string `json:"__type"`
		Message string `json:"message,omitempty"`
	}{code, message})
	h := http.Header{}
	h.Set("X-Amzn-ErrorType", code+":http://internal.amazon.com/coral/com.amazonaws.logs/")
	h.Set("Content-Type", "application/x-amz-json-1.1")
	return Response{StatusCode: status, Header: h, Body: body}
}

// responseCode returns the error code of a response as the SDKs read it:
// from X-Amzn-ErrorType, else the body's __type or code, cut at ':' and
// after '#'.
func responseCode(h http.Header, body []byte) string {
	code := h.Get("X-Amzn-ErrorType")
	if code == "" {
		var b struct {
			Type string `json:"__type"`
			Code string `json:"code"`
		}
		_ = json.Unmarshal(body, &b)
		code = b.Type
		if code == "" {
			code = b.Code
		}
	}
	code, _, _ = strings.Cut(code, ":")
	return code[strings.LastIndexByte(code, '#')+1:]
}
