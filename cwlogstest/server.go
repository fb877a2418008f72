// Package cwlogstest provides a fake CloudWatch Logs endpoint for tests of
// code that uses package cwlogs, as net/http/httptest does for net/http.
//
// A [Server] listens on 127.0.0.1, serves recorded or built responses by
// integration name and checks every request as the service would: its
// target, content type, JSON body and SigV4 signature, computed anew from
// what it received with the test credentials. A typical test:
//
//	srv := cwlogstest.NewServer()
//	defer srv.Close()
//	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
//		t.Fatal(err)
//	}
//	client, err := cwlogs.New(srv.Options())
//	...
//	out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "active"})
package cwlogstest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/cwlogs-go/cwlogs"
)

// The credentials the server accepts. They are fake: they open nothing.
const (
	AccessKeyID     = "AKIDCWLOGSTEST000000"
	SecretAccessKey = "cwlogstest/fake/secret/access/key/000000"
	SessionToken    = "cwlogstest-fake-session-token"
	// Region is the region the server expects requests to be signed for.
	Region = "us-east-1"
)

// maxRequestBytes bounds the request bodies the server reads.
const maxRequestBytes = 1 << 20

// Credentials returns a provider of the credentials the server accepts,
// with the session token.
func Credentials() aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(ctx context.Context) (aws.Credentials, error) {
		return aws.Credentials{
			AccessKeyID:     AccessKeyID,
			SecretAccessKey: SecretAccessKey,
			SessionToken:    SessionToken,
			Source:          "cwlogstest",
		}, nil
	})
}

// Request is a request the server received, and what it made of it.
type Request struct {
	Method string
	Path   string
	Header http.Header
	Body   []byte
	// IntegrationName is the name in the body, if it could be read.
	IntegrationName string
	// Rejected holds the error code the server answered with when the
	// request failed its checks (such as "InvalidSignatureException"), and
	// is empty when the request passed them.
	Rejected string
}

// Server is a fake CloudWatch Logs endpoint on 127.0.0.1. Its methods are
// safe for concurrent use, also while it serves requests.
type Server struct {
	// URL is the base URL of the server, such as "http://127.0.0.1:41234".
	URL string

	srv *httptest.Server

	mu        sync.Mutex
	responses map[string]Response
	queue     []Response
	requests  []Request
	clock     func() time.Time
	nextID    int
}

// NewServer starts a server with no integrations: until some are added, it
// answers every name with ResourceNotFoundException. Call Close when done.
func NewServer() *Server {
	s := &Server{responses: map[string]Response{}, clock: time.Now}
	s.srv = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(fmt.Sprintf("cwlogstest: listen on 127.0.0.1: %v", err))
	}
	s.srv.Listener.Close()
	s.srv.Listener = l
	s.srv.Start()
	s.URL = s.srv.URL
	return s
}

// Close shuts the server down and waits for the requests it is serving.
func (s *Server) Close() { s.srv.Close() }

// Options returns client options for the server: its URL as the base
// endpoint, [Region], the test [Credentials] and an HTTP client for it.
func (s *Server) Options() cwlogs.Options {
	endpoint := s.URL
	return cwlogs.Options{
		Region:       Region,
		Credentials:  Credentials(),
		BaseEndpoint: &endpoint,
		HTTPClient:   s.srv.Client(),
	}
}

// Add serves r for the integration name.
func (s *Server) Add(name string, r Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.responses[name] = r
}

// AddOutput serves out, in its wire shape, for out.IntegrationName.
func (s *Server) AddOutput(out *cwlogs.GetIntegrationOutput) error {
	if out == nil {
		return errors.New("cwlogstest: AddOutput: output is nil")
	}
	if msg := invalidName(out.IntegrationName); msg != "" {
		return fmt.Errorf("cwlogstest: AddOutput: integration name %q, which no request can ask for: %s", out.IntegrationName, msg)
	}
	r, err := OutputResponse(out)
	if err != nil {
		return err
	}
	s.Add(out.IntegrationName, r)
	return nil
}

// AddError serves an error in the service's format for the integration
// name; a status of zero means 400.
func (s *Server) AddError(name string, status int, code, message string) {
	s.Add(name, ErrorResponse(status, code, message))
}

// AddFS serves every recorded response of fsys, as read by [ReadResponses]:
// each for the integration named after its file. [Recorded] returns the
// responses that ship with this package.
func (s *Server) AddFS(fsys fs.FS) error {
	rs, err := ReadResponses(fsys)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for name, r := range rs {
		s.responses[name] = r
	}
	return nil
}

// Enqueue makes the server answer the next requests that pass its checks
// with rs, one each and in order, whatever integration they name; after
// them it answers by name again. Tests of retries use it, such as a 503
// before a success.
func (s *Server) Enqueue(rs ...Response) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.queue = append(s.queue, rs...)
}

// SetClock sets the server's clock, which dates its responses and against
// which it checks the time requests were signed at. A skewed clock
// simulates a client whose clock is wrong. If nil, time.Now is used.
func (s *Server) SetClock(now func() time.Time) {
	if now == nil {
		now = time.Now
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clock = now
}

// Requests returns the requests received so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// serveHTTP checks a request and answers it.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	now := s.clock()
	s.nextID++
	id := fmt.Sprintf("00000000-0000-4000-8000-%012d", s.nextID)
	s.mu.Unlock()

	body, err := io.ReadAll(io.LimitReader(r.Body, maxRequestBytes+1))
	rec := Request{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body}
	var resp Response
	switch {
	case err != nil:
		resp = ErrorResponse(400, "SerializationException", "could not read the request body")
	case len(body) > maxRequestBytes:
		resp = ErrorResponse(413, "RequestEntityTooLargeException", "request body too large")
	default:
		var name string
		name, resp = s.check(r, body, now)
		rec.IntegrationName = name
		if resp.StatusCode == 0 {
			resp = s.answer(name)
		} else {
			rec.Rejected = errorCode(resp)
		}
	}
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	s.mu.Unlock()
	write(w, resp, id, now)
}

// check verifies a request as the service would. It returns the
// integration name and, for a request it rejects, the error response.
func (s *Server) check(r *http.Request, body []byte, now time.Time) (string, Response) {
	if r.Method != http.MethodPost {
		return "", ErrorResponse(404, "UnknownOperationException", "")
	}
	if err := verifySignature(r, body, now); err != nil {
		return "", err.response()
	}
	switch target := r.Header.Get("X-Amz-Target"); target {
	case "Logs_20140328.GetIntegration":
	case "":
		return "", ErrorResponse(400, "UnknownOperationException", "")
	default:
		return "", ErrorResponse(400, "UnknownOperationException", "operation "+strconv.Quote(target)+" is not served by cwlogstest")
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/x-amz-json-1.1" {
		return "", ErrorResponse(400, "SerializationException", "unexpected content type "+strconv.Quote(ct))
	}
	// Member names match exactly, as in the service (encoding/json would
	// take "IntegrationName" for "integrationName").
	var members map[string]json.RawMessage
	var in struct{ IntegrationName *string }
	err := json.Unmarshal(body, &members)
	if raw, ok := members["integrationName"]; ok && err == nil {
		err = json.Unmarshal(raw, &in.IntegrationName)
	}
	if err != nil {
		return "", ErrorResponse(400, "SerializationException", "request body is not valid JSON: "+err.Error())
	}
	if in.IntegrationName == nil {
		return "", ErrorResponse(400, "ValidationException", "1 validation error detected: Value null at 'integrationName' failed to satisfy constraint: Member must not be null")
	}
	if msg := invalidName(*in.IntegrationName); msg != "" {
		return *in.IntegrationName, ErrorResponse(400, "InvalidParameterException",
			"1 validation error detected: Value '"+*in.IntegrationName+"' at 'integrationName' failed to satisfy constraint: "+msg)
	}
	return *in.IntegrationName, Response{}
}

// invalidName returns the constraint an integration name breaks, as the
// service words it, or "" for a valid name.
func invalidName(name string) string {
	if n := utf8.RuneCountInString(name); n < 1 || n > 50 {
		return "Member must have length between 1 and 50"
	}
	for _, r := range name {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || strings.ContainsRune(".-_/#", r)) {
			return `Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+`
		}
	}
	return ""
}

// answer returns the response for a request that passed the checks.
func (s *Server) answer(name string) Response {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.queue) > 0 {
		r := s.queue[0]
		s.queue = s.queue[1:]
		return r
	}
	if r, ok := s.responses[name]; ok {
		return r
	}
	return ErrorResponse(400, "ResourceNotFoundException", "Integration "+name+" does not exist.")
}

// write sends resp, adding the headers the service always sends.
func write(w http.ResponseWriter, resp Response, requestID string, now time.Time) {
	if resp.StatusCode == 0 {
		resp.StatusCode = http.StatusOK
	}
	if err := checkStatus(resp.StatusCode); err != nil {
		// net/http would panic, or send the body under a 200 after a 1xx:
		// the test gets an error that says what is wrong instead.
		resp = ErrorResponse(http.StatusInternalServerError, "CwlogstestInvalidResponse",
			"cwlogstest: the response set for this request is invalid: "+err.Error())
	}
	h := w.Header()
	for k, v := range resp.Header {
		h[k] = append([]string(nil), v...)
	}
	if h.Get("Content-Type") == "" {
		h.Set("Content-Type", "application/x-amz-json-1.1")
	}
	if h.Get("Content-Type") == "application/x-amz-json-1.1" &&
		h.Get("X-Amzn-RequestId") == "" && h.Get("X-Amz-RequestId") == "" {
		h.Set("X-Amzn-RequestId", requestID)
	}
	h.Set("Date", now.UTC().Format(http.TimeFormat))
	h.Set("Content-Length", strconv.Itoa(len(resp.Body)))
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(resp.Body)
}

// errorCode returns the code of an error response built by ErrorResponse.
func errorCode(r Response) string {
	var b struct {
		Type string `json:"__type"`
	}
	_ = json.Unmarshal(r.Body, &b)
	return b.Type
}
