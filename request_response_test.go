package cwlogs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

func TestBadResponseBodies(t *testing.T) {
	tests := []struct {
		name      string
		handler   http.HandlerFunc
		opt       func(*cwlogs.Options)
		wantErr   string
		wantIs    []error
		wantNotIs []error
	}{
		{
			name: "larger than the bound",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Amzn-RequestId", "big")
				fmt.Fprintf(w, `{"integrationName":"%s"}`, strings.Repeat("a", 2000))
			},
			opt:     func(o *cwlogs.Options) { o.MaxResponseBytes = 1024 },
			wantErr: "cwlogs: GetIntegration: invalid response: body is larger than the limit of 1024 bytes (status 200, request id big)",
			wantIs:  []error{cwlogs.ErrInvalidResponse, cwlogs.ErrResponseTooLarge},
		},
		{
			name: "larger than the bound, length not told",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"integrationName":"`)
				w.(http.Flusher).Flush() // chunked: no Content-Length
				io.WriteString(w, strings.Repeat("a", 2000)+`"}`)
			},
			opt:     func(o *cwlogs.Options) { o.MaxResponseBytes = 1024 },
			wantErr: "cwlogs: GetIntegration: invalid response: body is larger than the limit of 1024 bytes (status 200)",
			wantIs:  []error{cwlogs.ErrInvalidResponse, cwlogs.ErrResponseTooLarge},
		},
		{
			name: "exactly at the bound, length not told",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"integrationName":"x"}`)
				w.(http.Flusher).Flush()
				io.WriteString(w, strings.Repeat(" ", 1024-23))
			},
			opt: func(o *cwlogs.Options) { o.MaxResponseBytes = 1024 },
		},
		{
			name: "exactly at the bound",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"integrationName":"x"}`+strings.Repeat(" ", 1024-23))
			},
			opt: func(o *cwlogs.Options) { o.MaxResponseBytes = 1024 },
		},
		{
			// An error is its status: the start of a long body is enough
			// (its code and message), and a 5xx is retried.
			name: "error body larger than 1 MiB",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(503)
				w.Write([]byte("<html><body>Service Unavailable "))
				w.Write(bytes.Repeat([]byte("x"), 1<<21))
			},
			wantErr:   "cwlogs: GetIntegration: 503: Service Unavailable xxxx",
			wantIs:    []error{cwlogs.ErrServiceUnavailable},
			wantNotIs: []error{cwlogs.ErrResponseTooLarge, cwlogs.ErrInvalidResponse},
		},
		{
			name: "JSON error body larger than 1 MiB",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Amzn-ErrorType", "ThrottlingException")
				w.WriteHeader(400)
				w.Write([]byte(`{"message":"` + strings.Repeat("x", 1<<20) + `"}`))
			},
			opt:     func(o *cwlogs.Options) { o.RetryPolicy = fastRetry },
			wantErr: "cwlogs: GetIntegration: ThrottlingException: {\"message\":\"xxx",
			wantIs:  []error{cwlogs.ErrThrottling},
		},
		{
			name: "cut short",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", "100")
				io.WriteString(w, `{"integrationName":`)
			},
			wantErr: "cwlogs: GetIntegration: invalid response: read body: unexpected EOF (status 200)",
			wantIs:  []error{cwlogs.ErrInvalidResponse, io.ErrUnexpectedEOF},
		},
		{
			name: "truncated JSON",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"integrationName":"x","integrationDetails":{"openSearchIntegrationDetails":{`)
			},
			wantErr:   "cwlogs: GetIntegration: invalid response: unexpected end of JSON input (status 200)",
			wantIs:    []error{cwlogs.ErrInvalidResponse},
			wantNotIs: []error{cwlogs.ErrResponseTooLarge},
		},
		{
			name:    "HTML with status 200",
			handler: func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<html>maintenance</html>") },
			wantErr: "invalid response: invalid character '<' looking for beginning of value at byte 0 (status 200)",
			wantIs:  []error{cwlogs.ErrInvalidResponse},
		},
		{
			name:    "wrong member type",
			handler: func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"integrationStatus":7}`) },
			wantErr: "invalid response: integrationStatus: want a string, found a number (status 200)",
			wantIs:  []error{cwlogs.ErrInvalidResponse},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []func(*cwlogs.Options)
			if tt.opt != nil {
				opts = append(opts, tt.opt)
			}
			client := newTestClient(t, tt.handler, opts...)
			_, err := get(context.Background(), client, "x")
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			for _, target := range tt.wantIs {
				if !errors.Is(err, target) {
					t.Errorf("errors.Is(err, %v) = false, want true", target)
				}
			}
			for _, target := range tt.wantNotIs {
				if errors.Is(err, target) {
					t.Errorf("errors.Is(err, %v) = true, want false", target)
				}
			}
		})
	}
}

// TestConnectionIsReusedAfterErrors answers with error bodies, one of them
// longer than the client reads of an error: the client reads or drains
// what is left of each, so that every call goes over the one connection.
func TestConnectionIsReusedAfterErrors(t *testing.T) {
	var conns, calls atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("X-Amzn-ErrorType", "ResourceNotFoundException")
		w.WriteHeader(400)
		if calls.Add(1) > 1 {
			io.WriteString(w, `{"message":"`+strings.Repeat("x", 1<<20)+`"}`) // 1 MiB and a few bytes
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	client, err := cwlogs.New(cwlogs.Options{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(),
		BaseEndpoint: aws.String(srv.URL), HTTPClient: srv.Client(), RetryMaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		if _, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "x"}); !errors.Is(err, cwlogs.ErrResourceNotFound) {
			t.Fatalf("call %d: %v, want ResourceNotFoundException", i, err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for 4 calls, want 1", n)
	}
}

// TestSwitchingProtocolsIsAnError answers with 101 Switching Protocols
// and keeps the connection open: the body net/http returns for it is the
// connection, so reading it would wait until the server closes it. The call
// must end at once with an error of status 101.
func TestSwitchingProtocolsIsAnError(t *testing.T) {
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
		buf.Flush()
		select { // open until the test ends, or long past its deadline
		case <-done:
		case <-time.After(30 * time.Second):
		}
	}), func(o *cwlogs.Options) { o.RetryMaxAttempts = 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "active"})
	var apiErr *cwlogs.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusSwitchingProtocols || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want an APIError with status 101 before the deadline", err)
	}
}

// decodeJSON decodes data into a generic value for comparisons.
func decodeJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return v
}

// TestStalledErrorBodyReturnsPromptly answers with a 400 whose first MiB
// holds a complete error, then stops sending: the client has what it
// needs, and must not wait on the rest, even with no attempt timeout.
func TestStalledErrorBodyReturnsPromptly(t *testing.T) {
	stop := make(chan struct{})
	var transport *http.Transport
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		conn := hijack(t, w)
		defer conn.Close()
		msg := `{"__type":"ResourceNotFoundException","message":"gone"}`
		fmt.Fprintf(conn, "HTTP/1.1 400 Bad Request\r\nContent-Length: %d\r\n\r\n%s%s", 4<<20, msg, strings.Repeat(" ", 1<<20+1024-len(msg)))
		<-stop
	}), func(o *cwlogs.Options) {
		o.AttemptTimeout = -1
		o.RetryMaxAttempts = 1
		transport = o.HTTPClient.(*http.Client).Transport.(*http.Transport)
	})
	t.Cleanup(func() { close(stop) }) // runs before the server's Close
	checkNoLeak(t, func() { transport.CloseIdleConnections() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	_, err := get(ctx, client, "x")
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("the call took %v, want it to return at once", elapsed)
	}
	if !errors.Is(err, cwlogs.ErrResourceNotFound) || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want ResourceNotFoundException", err)
	}
}

// TestDefaultSuccessBodyBound leaves MaxResponseBytes unset: a success body
// of DefaultMaxResponseBytes (4 MiB) is read, one byte more is refused,
// whether its length is told or not.
func TestDefaultSuccessBodyBound(t *testing.T) {
	t.Parallel()
	if cwlogs.DefaultMaxResponseBytes != 4<<20 {
		t.Errorf("DefaultMaxResponseBytes = %d, want 4 MiB as documented", cwlogs.DefaultMaxResponseBytes)
	}
	const start = `{"integrationName":"x"}`
	for _, tt := range []struct {
		name    string
		size    int
		chunked bool
		wantErr error
	}{
		{"at the bound", 4 << 20, false, nil},
		{"at the bound, length not told", 4 << 20, true, nil},
		{"one byte over", 4<<20 + 1, false, cwlogs.ErrResponseTooLarge},
		{"one byte over, length not told", 4<<20 + 1, true, cwlogs.ErrResponseTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if !tt.chunked {
					w.Header().Set("Content-Length", fmt.Sprint(tt.size))
				}
				io.WriteString(w, start)
				w.(http.Flusher).Flush()
				io.WriteString(w, strings.Repeat(" ", tt.size-len(start)))
			}))
			out, err := get(context.Background(), client, "x")
			if tt.wantErr == nil && (err != nil || out.IntegrationName != "x") {
				t.Fatalf("error = %v, want the output", err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
		})
	}
}
