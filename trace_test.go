package cwlogs

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"sync/atomic"
	"testing"

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
