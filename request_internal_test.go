package cwlogs

import (
	"context"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/iotest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// TestWriteTraceTellsWhetherWritten checks what an attempt of an operation
// that is not idempotent learns from net/http through its context: that
// the HTTP client reports to the trace, and whether it wrote the request.
// A TLS handshake that fails is not a failure to dial, so only the trace
// tells that nothing was written.
func TestWriteTraceTellsWhetherWritten(t *testing.T) {
	t.Parallel()
	untrusted := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	t.Cleanup(untrusted.Close)
	hangUp := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			_ = conn.Close()
		}
	}))
	t.Cleanup(hangUp.Close)
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		_, _ = io.WriteString(w, `{}`)
	}))
	t.Cleanup(ok.Close)

	var callerWrote atomic.Bool
	callerTrace := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
		WroteRequest: func(httptrace.WroteRequestInfo) { callerWrote.Store(true) },
	})
	tests := []struct {
		name        string
		url         string
		ctx         context.Context
		wantErr     bool
		wantWritten bool
	}{
		{"TLS handshake refused: not written", untrusted.URL, context.Background(), true, false},
		{"connection closed after the request: written", hangUp.URL, context.Background(), true, true},
		{"answered", ok.URL, context.Background(), false, true},
		{"answered, the caller's trace called too", ok.URL, callerTrace, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(Options{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}, BaseEndpoint: &tt.url})
			if err != nil {
				t.Fatal(err)
			}
			cl := call{op: deleteIntegrationOp, body: []byte(`{}`), in: &DeleteIntegrationInput{}, out: &DeleteIntegrationOutput{}}
			a, err := c.try(tt.ctx, cl, 0)
			if (err != nil) != tt.wantErr {
				t.Fatalf("try: error %v, want an error: %t", err, tt.wantErr)
			}
			if a.written != tt.wantWritten {
				t.Errorf("written = %t, want %t (error %v)", a.written, tt.wantWritten, err)
			}
		})
	}
	if !callerWrote.Load() {
		t.Error("the caller's trace was not told that the request was written")
	}
}

func TestReadBody(t *testing.T) {
	tests := []struct {
		name        string
		body        string
		size, limit int64
		oneByte     bool // the body arrives one byte a Read
		wantErr     error
	}{
		{name: "length told", body: `{"a":1}`, size: 7, limit: 100},
		{name: "length not told", body: `{"a":1}`, size: -1, limit: 100},
		{name: "empty", body: ``, size: 0, limit: 100},
		{name: "at the limit", body: strings.Repeat("x", 100), size: -1, limit: 100},
		{name: "over the limit", body: strings.Repeat("x", 101), size: -1, limit: 100, wantErr: ErrResponseTooLarge},
		{name: "over the limit, one byte a read", body: strings.Repeat("x", 101), size: -1, limit: 100, oneByte: true, wantErr: ErrResponseTooLarge},
		{name: "told over the limit", body: "", size: 101, limit: 100, wantErr: ErrResponseTooLarge},
		{name: "longer than told", body: strings.Repeat("x", 2000), size: 10, limit: 1000, wantErr: ErrResponseTooLarge},
		{name: "growing past 512", body: strings.Repeat("x", 5000), size: -1, limit: 1 << 20, oneByte: true},
		{name: "no practical limit", body: `{}`, size: -1, limit: math.MaxInt64},
		{name: "a huge length told, no practical limit", body: `{}`, size: math.MaxInt64, limit: math.MaxInt64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			counter := &countingReader{r: strings.NewReader(tt.body)}
			var r io.Reader = counter
			if tt.oneByte {
				r = iotest.OneByteReader(counter)
			}
			got, err := readBody(r, tt.size, tt.limit)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || got != nil {
					t.Fatalf("readBody = %d bytes, %v; want no bytes and %v", len(got), err, tt.wantErr)
				}
			} else if err != nil || string(got) != tt.body {
				t.Fatalf("readBody = %q, %v; want %q", got, err, tt.body)
			}
			if tt.limit < math.MaxInt64 && counter.n > tt.limit+1 {
				t.Errorf("read %d bytes with a limit of %d, want at most %d", counter.n, tt.limit, tt.limit+1)
			}
		})
	}
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// stalledBody is a response body whose Read waits until it is closed, as
// a net/http body does on a server that stopped sending.
type stalledBody struct {
	closed chan struct{}
	once   sync.Once
}

func (b *stalledBody) Read([]byte) (int, error) {
	<-b.closed
	return 0, errors.New("read on closed body")
}

func (b *stalledBody) Close() error {
	b.once.Do(func() { close(b.closed) })
	return nil
}

// TestDrainIsBounded drains a body that never sends more: closeBody must
// give up after drainTimeout, closing the body.
func TestDrainIsBounded(t *testing.T) {
	t.Parallel()
	body := &stalledBody{closed: make(chan struct{})}
	done := make(chan struct{})
	go func() {
		closeBody(body, true)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second): // far past drainTimeout
		body.Close()
		t.Fatal("closeBody waited on a stalled body")
	}
	if drainTimeout >= time.Second {
		t.Errorf("drainTimeout is %v, want well under a second", drainTimeout)
	}
}

// lyingReader claims to have read more bytes, or fewer than none, than the
// buffer it was given holds.
type lyingReader struct{ n int }

func (r lyingReader) Read(p []byte) (int, error) { return r.n, nil }

// TestReadBodyLyingReader checks that a body breaking io.Reader's contract
// gives an error, not a panic.
func TestReadBodyLyingReader(t *testing.T) {
	for _, n := range []int{-1, 1 << 20} {
		got, err := readBody(lyingReader{n}, -1, 1<<30)
		var readErr *bodyReadError
		if !errors.As(err, &readErr) || got != nil {
			t.Errorf("Read returning %d: %q, %v; want a body read error", n, got, err)
		}
	}
}

// TestCheckFirst checks the hook of an operation whose check runs first:
// after an attempt that may have reached the service, the check runs
// before any further attempt, which is sent only when the state shows no
// effect; a confirmed effect ends the call with success, an unknown one
// with an unknown outcome. It declares such an operation over
// PutIntegration's types, with a check that answers as the case says.
func TestCheckFirst(t *testing.T) {
	t.Parallel()
	const (
		unavailable = `{"__type":"ServiceUnavailableException","message":"try later"}`
		throttled   = `{"__type":"ThrottlingException","message":"slow down"}`
		created     = `{"integrationName":"x","integrationStatus":"PROVISIONING"}`
	)
	type answer struct {
		status int
		body   string
	}
	errDenied := errors.New("cwlogs: GetIntegration: AccessDeniedException: no (status 400)")
	tests := []struct {
		name    string
		answers []answer
		// checks are the readings of the check, one a call.
		checks []reading
		// cancelInCheck ends the call's context in the check.
		cancelInCheck bool
		wantMeta      ResponseMetadata
		wantCode      string // the code of a refusal
		wantUnknown   bool
		wantContext   error
		wantCheckErr  error
		wantRequests  int
		wantChecks    int
	}{
		{
			name:         "a 503, no effect: sent again",
			answers:      []answer{{503, unavailable}, {200, created}},
			checks:       []reading{{effect: effectAbsent}},
			wantMeta:     ResponseMetadata{RequestID: "2", StatusCode: 200, Attempts: 2},
			wantRequests: 2,
			wantChecks:   1,
		},
		{
			name:         "a 503, the effect confirmed: not sent again",
			answers:      []answer{{503, unavailable}},
			checks:       []reading{{effect: effectConfirmed, meta: ResponseMetadata{RequestID: "check", StatusCode: 200}}},
			wantMeta:     ResponseMetadata{RequestID: "check", StatusCode: 200, Attempts: 1, Confirmed: true},
			wantRequests: 1,
			wantChecks:   1,
		},
		{
			name:         "a 503, the check fails: unknown, not sent again",
			answers:      []answer{{503, unavailable}},
			checks:       []reading{unknownEffect(errDenied)},
			wantUnknown:  true,
			wantCheckErr: errDenied,
			wantRequests: 1,
			wantChecks:   1,
		},
		{
			name:          "a 503, the context ends in the check: unknown",
			answers:       []answer{{503, unavailable}},
			checks:        []reading{unknownEffect(context.Canceled)},
			cancelInCheck: true,
			wantUnknown:   true,
			wantContext:   context.Canceled,
			wantCheckErr:  context.Canceled,
			wantRequests:  1,
			wantChecks:    1,
		},
		{
			name:         "throttled: nothing reached the service, no check",
			answers:      []answer{{400, throttled}, {200, created}},
			wantMeta:     ResponseMetadata{RequestID: "2", StatusCode: 200, Attempts: 2},
			wantRequests: 2,
		},
		{
			name:         "a 503, then throttled: checked before each further attempt",
			answers:      []answer{{503, unavailable}, {400, throttled}, {200, created}},
			checks:       []reading{{effect: effectAbsent}, {effect: effectAbsent}},
			wantMeta:     ResponseMetadata{RequestID: "3", StatusCode: 200, Attempts: 3},
			wantRequests: 3,
			wantChecks:   2,
		},
		{
			name:         "503 three times, no effect each time: the service's error",
			answers:      []answer{{503, unavailable}},
			checks:       []reading{{effect: effectAbsent}, {effect: effectAbsent}, {effect: effectAbsent}},
			wantCode:     "ServiceUnavailableException",
			wantRequests: 3,
			wantChecks:   3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var requests atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				n := int(requests.Add(1))
				a := tt.answers[min(n, len(tt.answers))-1]
				w.Header().Set("X-Amzn-RequestId", strconv.Itoa(n))
				w.WriteHeader(a.status)
				_, _ = io.WriteString(w, a.body)
			}))
			t.Cleanup(srv.Close)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			checks := 0
			op := &operation{
				name:       "PutIntegration",
				target:     targetPrefix + "PutIntegration",
				effect:     "create",
				checkFirst: true,
				check: effectCheck[PutIntegrationInput, PutIntegrationOutput](func(context.Context, *Client, *PutIntegrationInput, *PutIntegrationOutput, time.Time, error) reading {
					checks++
					if tt.cancelInCheck {
						cancel()
					}
					if checks > len(tt.checks) {
						t.Fatalf("check called %d times, want %d", checks, len(tt.checks))
					}
					return tt.checks[checks-1]
				}),
			}
			c, err := New(Options{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}, BaseEndpoint: &srv.URL,
				RetryPolicy: StandardRetry{Base: time.Millisecond, ThrottleBase: time.Millisecond, Cap: time.Millisecond}})
			if err != nil {
				t.Fatal(err)
			}
			var meta ResponseMetadata
			in := &PutIntegrationInput{IntegrationName: "x"}
			err = c.invoke(ctx, op, in, &PutIntegrationOutput{}, &meta, nil)
			var unknown *OutcomeUnknownError
			switch {
			case tt.wantUnknown:
				if !errors.As(err, &unknown) {
					t.Fatalf("error %v, want an unknown outcome", err)
				}
				if unknown.Context != tt.wantContext || unknown.CheckErr != tt.wantCheckErr || unknown.Attempts != tt.wantRequests {
					t.Errorf("unknown outcome {Context %v, CheckErr %v, Attempts %d}, want {%v, %v, %d}",
						unknown.Context, unknown.CheckErr, unknown.Attempts, tt.wantContext, tt.wantCheckErr, tt.wantRequests)
				}
			case tt.wantCode != "":
				var apiErr *APIError
				if !errors.As(err, &apiErr) || apiErr.Code != tt.wantCode || errors.As(err, &unknown) {
					t.Errorf("error %v, want the service's %s", err, tt.wantCode)
				}
			default:
				if err != nil {
					t.Fatalf("invoke: %v", err)
				}
				if meta != tt.wantMeta {
					t.Errorf("metadata %+v, want %+v", meta, tt.wantMeta)
				}
			}
			if n := int(requests.Load()); n != tt.wantRequests {
				t.Errorf("%d requests, want %d", n, tt.wantRequests)
			}
			if checks != tt.wantChecks {
				t.Errorf("%d checks, want %d", checks, tt.wantChecks)
			}
		})
	}
}

// TestWriteTraceWritten checks what writeTrace makes of the calls of the
// trace: a request may have reached the service once a connection was got,
// unless its write failed, and also while its write is under way, which
// net/http reports after the last bytes are sent.
func TestWriteTraceWritten(t *testing.T) {
	t.Parallel()
	errBroken := errors.New("broken")
	tests := []struct {
		name  string
		trace func(h *httptrace.ClientTrace)
		want  bool
	}{
		{"asked for a connection, none got (dial or TLS failed)", func(h *httptrace.ClientTrace) { h.GetConn("host") }, false},
		{"a connection got, the write not reported yet", func(h *httptrace.ClientTrace) {
			h.GetConn("host")
			h.GotConn(httptrace.GotConnInfo{})
		}, true},
		{"written", func(h *httptrace.ClientTrace) {
			h.GetConn("host")
			h.GotConn(httptrace.GotConnInfo{})
			h.WroteRequest(httptrace.WroteRequestInfo{})
		}, true},
		{"the write failed", func(h *httptrace.ClientTrace) {
			h.GetConn("host")
			h.GotConn(httptrace.GotConnInfo{})
			h.WroteRequest(httptrace.WroteRequestInfo{Err: errBroken})
		}, false},
		// net/http sends a request again on another connection when its
		// write failed on a reused one with nothing written: the last
		// time counts.
		{"the write failed, sent again and written", func(h *httptrace.ClientTrace) {
			h.GetConn("host")
			h.GotConn(httptrace.GotConnInfo{Reused: true})
			h.WroteRequest(httptrace.WroteRequestInfo{Err: errBroken})
			h.GetConn("host")
			h.GotConn(httptrace.GotConnInfo{})
			h.WroteRequest(httptrace.WroteRequestInfo{})
		}, true},
		{"the write failed, sent again on a connection got, the write not reported yet", func(h *httptrace.ClientTrace) {
			h.GetConn("host")
			h.GotConn(httptrace.GotConnInfo{Reused: true})
			h.WroteRequest(httptrace.WroteRequestInfo{Err: errBroken})
			h.GetConn("host")
			h.GotConn(httptrace.GotConnInfo{})
		}, true},
		{"the write failed, sent again and no connection got", func(h *httptrace.ClientTrace) {
			h.GetConn("host")
			h.GotConn(httptrace.GotConnInfo{Reused: true})
			h.WroteRequest(httptrace.WroteRequestInfo{Err: errBroken})
			h.GetConn("host")
		}, false},
		// An HTTP/2 stream the server reset after the request was
		// written is sent again: whatever comes of the second send, the
		// first write counts.
		{"written, sent again and the second write failed", func(h *httptrace.ClientTrace) {
			h.GetConn("host")
			h.GotConn(httptrace.GotConnInfo{})
			h.WroteRequest(httptrace.WroteRequestInfo{})
			h.GetConn("host")
			h.GotConn(httptrace.GotConnInfo{Reused: true})
			h.WroteRequest(httptrace.WroteRequestInfo{Err: errBroken})
		}, true},
		{"written, sent again on the same connection, the write failed", func(h *httptrace.ClientTrace) {
			h.GetConn("host")
			h.GotConn(httptrace.GotConnInfo{})
			h.WroteRequest(httptrace.WroteRequestInfo{})
			h.WroteRequest(httptrace.WroteRequestInfo{Err: errBroken})
		}, true},
		{"written, sent again and no connection got", func(h *httptrace.ClientTrace) {
			h.GetConn("host")
			h.GotConn(httptrace.GotConnInfo{})
			h.WroteRequest(httptrace.WroteRequestInfo{})
			h.GetConn("host")
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var wt writeTrace
			ctx := wt.context(context.Background())
			tt.trace(httptrace.ContextClientTrace(ctx))
			if got := wt.written(errBroken); got != tt.want {
				t.Errorf("written = %v, want %v", got, tt.want)
			}
		})
	}
}
