package cwlogstest

import (
	"context"
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
	// Operation is the operation the X-Amz-Target header names, if the
	// server serves it.
	Operation Operation
	// IntegrationName is the integrationName in the body, if it could be
	// read.
	IntegrationName string
	// IntegrationArn is the integrationArn in the body (Associate and
	// ListSources), if it could be read.
	IntegrationArn string
	// Identifier is the identifier in the body (Disassociate), if it could
	// be read.
	Identifier string
	// DataSource is the dataSource in the body (Associate), if it could be
	// read.
	DataSource cwlogs.DataSource
	// MaxResults is the maxResults in the body (ListSources), if it could
	// be read; 0 when not sent.
	MaxResults int64
	// NextToken is the nextToken in the body (ListSources), if it could be
	// read.
	NextToken string
	// Rejected holds the error code the server answered with when the
	// request failed its checks (such as "InvalidSignatureException"), and
	// is empty when the request passed them.
	Rejected string
}

// Server is a fake CloudWatch Logs endpoint on 127.0.0.1. Its methods are
// safe for concurrent use, also while it serves requests.
//
// It keeps the integrations created with PutIntegration or seeded, one per
// account as the service allows (see [Server.SetIntegrationLimit]):
// GetIntegration shows them provisioning then ACTIVE (or FAILED) as
// [Server.SetLifecycle] says, ListIntegrations lists them and
// DeleteIntegration removes them. GetIntegration of a name that was not
// created answers with the response added for that name ([Server.Add],
// [Server.AddFS], ...), if any; those responses are not integrations of
// the account, so ListIntegrations never lists them and DeleteIntegration
// does not find them. It keeps the S3 Table integrations and their
// sources apart (see [SourceLifecycle]).
type Server struct {
	// URL is the base URL of the server, such as "http://127.0.0.1:41234".
	URL string

	srv *httptest.Server
	// closing is closed when Close is called: hung and delayed requests
	// end then.
	closing   chan struct{}
	closeOnce sync.Once

	mu        sync.Mutex
	responses map[string]Response
	queue     []Response
	requests  []Request
	clock     func() time.Time
	nextID    int

	integrations map[string]*integration
	limit        int
	lifecycles   map[string]Lifecycle
	dashboards   map[string]bool
	faults       map[Operation]*faults
	latency      map[string]time.Duration

	s3Tables         map[string]*s3Table
	sourceLifecycles map[cwlogs.DataSource]SourceLifecycle
	sourceSeq        int
	pageTokens       map[string]pageToken

	targeted []*targeted
}

// NewServer starts a server with no integrations: until some are added or
// created, it answers every name with ResourceNotFoundException. It holds
// one S3 Table integration, [S3TableIntegrationArn], with no sources. Call
// Close when done.
func NewServer() *Server {
	s := &Server{
		responses:    map[string]Response{},
		clock:        time.Now,
		closing:      make(chan struct{}),
		integrations: map[string]*integration{},
		limit:        1,
		lifecycles:   map[string]Lifecycle{},
		dashboards:   map[string]bool{},
		faults:       map[Operation]*faults{},
		latency:      map[string]time.Duration{},

		s3Tables:         map[string]*s3Table{S3TableIntegrationArn: {}},
		sourceLifecycles: map[cwlogs.DataSource]SourceLifecycle{},
		pageTokens:       map[string]pageToken{},
	}
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

// closeWait bounds how long Close waits for the requests being served
// before it closes their connections, and then again before it returns.
const closeWait = 2 * time.Second

// Close shuts the server down and waits for the requests it is serving:
// requests held by [Server.Hang] or [Server.SetLatency] end at once,
// unanswered. It returns within a few seconds whatever the clients do.
func (s *Server) Close() {
	s.closeOnce.Do(func() { close(s.closing) })
	done := make(chan struct{})
	go func() {
		s.srv.Close()
		close(done)
	}()
	select {
	case <-done:
		return
	case <-time.After(closeWait):
	}
	// A client that does not read its response holds a handler in its
	// write: close the connections under it.
	s.srv.CloseClientConnections()
	select {
	case <-done:
	case <-time.After(closeWait):
	}
}

// Options returns client options for the server: its URL as the base
// endpoint, [Region], the test [Credentials], an HTTP client for it, and a
// retry policy with the usual number of attempts but delays of a few
// milliseconds, so that tests of retried errors (such as the recorded
// "throttling") do not wait for seconds.
func (s *Server) Options() cwlogs.Options {
	endpoint := s.URL
	return cwlogs.Options{
		Region:       Region,
		Credentials:  Credentials(),
		BaseEndpoint: &endpoint,
		HTTPClient:   s.srv.Client(),
		RetryPolicy:  FastRetry(),
	}
}

// FastRetry returns the retry policy of [Server.Options]: the standard
// policy, with delays of at most 10 ms.
func FastRetry() cwlogs.StandardRetry {
	return cwlogs.StandardRetry{Base: time.Millisecond, ThrottleBase: time.Millisecond, Cap: 10 * time.Millisecond}
}

// Add serves r for the integration name. It panics when r.StatusCode is
// neither zero (200) nor 200 to 599.
func (s *Server) Add(name string, r Response) {
	mustResponse("Add", "r", r)
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
// name; a status of zero means 400, and an empty code makes an error
// without one (see [ErrorResponse]). It panics when status is not that of
// an error (400 to 599).
func (s *Server) AddError(name string, status int, code, message string) {
	mustErrorStatus("AddError", status, code)
	s.Add(name, errorResponse(status, code, message))
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
// with rs, one each and in order, whatever operation and integration they
// name, instead of processing them; after them it answers as before. Tests
// of retries use it, such as a 503 before a success. [Server.EnqueueFor]
// does the same for one operation. It panics, and enqueues none of rs, when
// the StatusCode of one is neither zero (200) nor 200 to 599.
func (s *Server) Enqueue(rs ...Response) {
	mustResponses("Enqueue", rs...)
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
	var req *request
	switch {
	case err != nil:
		resp = ErrorResponse(400, "SerializationException", "could not read the request body")
	case len(body) > maxRequestBytes:
		resp = ErrorResponse(413, "RequestEntityTooLargeException", "request body too large")
	default:
		req, resp = s.check(r, body, now)
		rec.Operation = req.op
		rec.IntegrationName = req.str(pathName)
		rec.IntegrationArn = req.str(pathIntegrationArn)
		rec.Identifier = req.str(pathIdentifier)
		rec.DataSource = cwlogs.DataSource{Name: req.str(pathDataSourceName), Type: req.str(pathDataSourceType)}
		rec.MaxResults = req.integer(pathMaxResults)
		rec.NextToken = req.str(pathNextToken)
		if resp.StatusCode != 0 {
			rec.Rejected = responseCode(resp.Header, resp.Body)
		}
	}
	s.mu.Lock()
	s.requests = append(s.requests, rec)
	s.mu.Unlock()
	if resp.StatusCode == 0 {
		if !s.wait(r, req.target()) {
			// Held until the server closed: no answer, not an empty 200.
			breakConnection(w)
			return
		}
		var broken bool
		if resp, broken = s.answer(req); broken {
			breakConnection(w)
			return
		}
	}
	write(w, resp, id, now)
}

// check verifies a request as the service would. It returns what it read
// of the request and, for a request it rejects, the error response.
func (s *Server) check(r *http.Request, body []byte, now time.Time) (*request, Response) {
	none := &request{}
	if r.Method != http.MethodPost {
		return none, ErrorResponse(404, "UnknownOperationException", "")
	}
	if err := verifySignature(r, body, now); err != nil {
		return none, err.response()
	}
	target := r.Header.Get("X-Amz-Target")
	name, ok := strings.CutPrefix(target, targetPrefix)
	op, known := operations[Operation(name)]
	switch {
	case target == "":
		return none, ErrorResponse(400, "UnknownOperationException", "")
	case !ok || !known:
		return none, ErrorResponse(400, "UnknownOperationException", "operation "+strconv.Quote(target)+" is not served by cwlogstest")
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/x-amz-json-1.1" {
		return &request{op: Operation(name)}, ErrorResponse(400, "SerializationException", "unexpected content type "+strconv.Quote(ct))
	}
	// Member names match exactly, as in the service (encoding/json would
	// take "IntegrationName" for "integrationName").
	req, resp := readRequest(op.members, body, op.validationOnly)
	req.op = Operation(name)
	return req, resp
}

// answer returns the response for a request that passed the checks, and
// whether its connection is to be broken instead.
func (s *Server) answer(req *request) (Response, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if t := s.hit(req); t != nil {
		if t.brk {
			return operations[req.op].serve(s, req), true
		}
		return t.resp, false
	}
	f := s.faults[req.op]
	switch {
	case len(s.queue) > 0:
		r := s.queue[0]
		s.queue = s.queue[1:]
		return r, false
	case f != nil && len(f.queue) > 0:
		r := f.queue[0]
		f.queue = f.queue[1:]
		return r, false
	}
	// A break is for a request the server processed: a queued answer
	// leaves it for the next one.
	broken := f != nil && f.breaks > 0
	if broken {
		f.breaks--
	}
	return operations[req.op].serve(s, req), broken
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
