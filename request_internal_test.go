package cwlogs

import (
	"context"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
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
