package cwlogs_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// checkNoLeak fails the test if, once it is over and idle connections are
// closed, goroutines of the client or of HTTP connections are left.
func checkNoLeak(t *testing.T, closeIdle func()) {
	t.Helper()
	t.Cleanup(func() {
		closeIdle()
		var left []string
		for range 100 {
			left = leakedGoroutines()
			if len(left) == 0 {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Errorf("%d goroutines left behind:\n%s", len(left), strings.Join(left, "\n\n"))
	})
}

func leakedGoroutines() []string {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	var left []string
	for _, g := range strings.Split(string(buf), "\n\n") {
		if strings.Contains(g, "cwlogs.(*Client)") || strings.Contains(g, "net/http.(*persistConn)") {
			left = append(left, g)
		}
	}
	return left
}

// hijack takes over the connection of w.
func hijack(t *testing.T, w http.ResponseWriter) net.Conn {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Error(err)
	}
	return conn
}

func TestFaults(t *testing.T) {
	activeBody := string(recordedBody(t, "active"))
	tests := []struct {
		name string
		// handle answers attempt n (1 for the first).
		handle       func(t *testing.T, n int, w http.ResponseWriter, r *http.Request)
		opts         func(*cwlogs.Options)
		ctx          func() (context.Context, context.CancelFunc)
		wantAttempts int
		wantErr      string // substring; empty for success
		wantIs       []error
		wantNotIs    []error
		// wantGap is the least time between the first two attempts.
		wantGap time.Duration
	}{
		{
			name: "connection reset before any response",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				conn := hijack(t, w)
				conn.(*net.TCPConn).SetLinger(0)
				conn.Close()
			},
			wantAttempts: 3,
			wantErr:      "(after 3 attempts)",
		},
		{
			name: "connection reset mid-body, then success",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				if n == 1 {
					conn := hijack(t, w)
					fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(activeBody), activeBody[:40])
					conn.(*net.TCPConn).SetLinger(0)
					conn.Close()
					return
				}
				io.WriteString(w, activeBody)
			},
			wantAttempts: 2,
		},
		{
			name: "connection reset mid-body every time",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				conn := hijack(t, w)
				fmt.Fprintf(conn, "HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s", len(activeBody), activeBody[:40])
				conn.Close()
			},
			wantAttempts: 3,
			wantErr:      "invalid response: read body: unexpected EOF (status 200) (after 3 attempts)",
			wantIs:       []error{cwlogs.ErrInvalidResponse, io.ErrUnexpectedEOF},
		},
		{
			name: "truncated JSON is not retried",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, activeBody[:len(activeBody)/2])
			},
			wantAttempts: 1,
			wantErr:      "cwlogs: GetIntegration: invalid response: unexpected end of JSON input (status 200)",
			wantIs:       []error{cwlogs.ErrInvalidResponse},
		},
		{
			name: "body larger than the bound is not retried",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, activeBody)
			},
			opts:         func(o *cwlogs.Options) { o.MaxResponseBytes = 100; o.AttemptTimeout = -1 },
			wantAttempts: 1,
			wantIs:       []error{cwlogs.ErrResponseTooLarge},
			wantErr:      "body is larger than the limit of 100 bytes",
		},
		{
			name: "server that never answers: each attempt times out",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				<-r.Context().Done()
			},
			opts:         func(o *cwlogs.Options) { o.AttemptTimeout = 50 * time.Millisecond },
			wantAttempts: 3,
			wantErr:      "cwlogs: GetIntegration: attempt timed out after 50ms (after 3 attempts)",
			wantIs:       []error{cwlogs.ErrAttemptTimeout},
			// The caller's context is alive: its deadline did not pass.
			wantNotIs: []error{context.DeadlineExceeded},
		},
		{
			name: "attempt timeout in the body",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", "1000")
				io.WriteString(w, `{"integrationName":`)
				w.(http.Flusher).Flush()
				<-r.Context().Done()
			},
			opts:         func(o *cwlogs.Options) { o.AttemptTimeout = 50 * time.Millisecond; o.RetryMaxAttempts = 2 },
			wantAttempts: 2,
			wantErr:      "cwlogs: GetIntegration: attempt timed out after 50ms (after 2 attempts)",
			wantIs:       []error{cwlogs.ErrAttemptTimeout},
			wantNotIs:    []error{context.DeadlineExceeded, cwlogs.ErrInvalidResponse},
		},
		{
			name: "503 then success",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				if n == 1 {
					w.WriteHeader(503)
					io.WriteString(w, `{"__type":"ServiceUnavailableException","message":"try later"}`)
					return
				}
				io.WriteString(w, activeBody)
			},
			wantAttempts: 2,
		},
		{
			name: "throttling then success after X-Amz-Retry-After",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				if n == 1 {
					w.Header().Set("X-Amz-Retry-After", "120")
					w.WriteHeader(400)
					io.WriteString(w, `{"__type":"ThrottlingException","message":"Rate exceeded"}`)
					return
				}
				io.WriteString(w, activeBody)
			},
			wantAttempts: 2,
			wantGap:      120 * time.Millisecond,
		},
		{
			name: "HTML 502 three times",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(502)
				io.WriteString(w, "<html><body><h1>502 Bad Gateway</h1></body></html>")
			},
			wantAttempts: 3,
			wantErr:      "cwlogs: GetIntegration: 502 Bad Gateway (status 502) (after 3 attempts)",
		},
		{
			name: "plain 503 without a code is retried",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(503)
			},
			wantAttempts: 3,
			wantErr:      "cwlogs: GetIntegration: 503 (status 503) (after 3 attempts)",
			wantIs:       []error{cwlogs.ErrServiceUnavailable},
		},
		{
			name: "LimitExceededException is a quota: not retried",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(400)
				io.WriteString(w, `{"__type":"LimitExceededException","message":"an integration exists"}`)
			},
			wantAttempts: 1,
			wantErr:      "cwlogs: GetIntegration: LimitExceededException: an integration exists (status 400)",
			wantIs:       []error{cwlogs.ErrLimitExceeded},
			wantNotIs:    []error{cwlogs.ErrThrottling},
		},
		{
			name: "error body cut short, code in the header: not retried",
			handle: cutShort("HTTP/1.1 400 Bad Request\r\nX-Amzn-ErrorType: ResourceNotFoundException\r\n" +
				"X-Amzn-RequestId: r1\r\nContent-Length: 100\r\n\r\n{\"message\":\"Integration x"),
			wantAttempts: 1,
			wantErr:      `cwlogs: GetIntegration: ResourceNotFoundException: {"message":"Integration x… (status 400, request id r1)`,
			wantIs:       []error{cwlogs.ErrResourceNotFound},
			wantNotIs:    []error{cwlogs.ErrInvalidResponse},
		},
		{
			name:         "error body cut short, code in the header, throttling: retried",
			handle:       cutShort("HTTP/1.1 400 Bad Request\r\nX-Amzn-ErrorType: ThrottlingException\r\nContent-Length: 100\r\n\r\n{"),
			wantAttempts: 3,
			wantIs:       []error{cwlogs.ErrThrottling},
			wantErr:      "cwlogs: GetIntegration: ThrottlingException: {… (status 400) (after 3 attempts)",
		},
		{
			name:         "error body cut short, no code in the header: retried",
			handle:       cutShort("HTTP/1.1 400 Bad Request\r\nContent-Length: 100\r\n\r\n{\"__type\":\"ResourceNotFoundException\""),
			wantAttempts: 3,
			wantErr:      "cwlogs: GetIntegration: invalid response: read body: unexpected EOF (status 400) (after 3 attempts)",
			wantIs:       []error{cwlogs.ErrInvalidResponse, io.ErrUnexpectedEOF},
			wantNotIs:    []error{cwlogs.ErrResourceNotFound},
		},
		{
			name: "resource not found is not retried",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(400)
				io.WriteString(w, `{"__type":"ResourceNotFoundException","message":"no"}`)
			},
			wantAttempts: 1,
			wantIs:       []error{cwlogs.ErrResourceNotFound},
			wantErr:      "cwlogs: GetIntegration: ResourceNotFoundException: no (status 400)",
		},
		{
			name: "slow body",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				for i := 0; i < len(activeBody); i += 300 {
					io.WriteString(w, activeBody[i:min(i+300, len(activeBody))])
					w.(http.Flusher).Flush()
					time.Sleep(10 * time.Millisecond)
				}
			},
			wantAttempts: 1,
		},
		{
			name: "context cancelled during backoff",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(500)
				io.WriteString(w, `{"__type":"InternalFailure","message":"boom"}`)
			},
			opts: func(o *cwlogs.Options) { o.RetryPolicy = cwlogs.StandardRetry{Base: time.Hour, Cap: time.Hour} },
			ctx: func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 100*time.Millisecond)
			},
			wantAttempts: 1,
			wantErr:      "cwlogs: context deadline exceeded after 1 attempt; last error: cwlogs: GetIntegration: InternalFailure: boom (status 500)",
			wantIs:       []error{context.DeadlineExceeded, cwlogs.ErrInternalFailure},
		},
		{
			name: "retries turned off",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(503)
			},
			opts:         func(o *cwlogs.Options) { o.RetryMaxAttempts = 1 },
			wantAttempts: 1,
			wantErr:      "cwlogs: GetIntegration: 503 (status 503)",
		},
		{
			name: "custom policy",
			handle: func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(400)
				io.WriteString(w, `{"__type":"ResourceNotFoundException","message":"not yet"}`)
			},
			opts: func(o *cwlogs.Options) {
				o.RetryMaxAttempts = 5
				o.RetryPolicy = policyFunc(func(n int, err error) (time.Duration, bool) {
					return 0, errors.Is(err, cwlogs.ErrResourceNotFound)
				})
			},
			wantAttempts: 5,
			wantErr:      "(after 5 attempts)",
			wantIs:       []error{cwlogs.ErrResourceNotFound},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var times []time.Time
			opts := []func(*cwlogs.Options){func(o *cwlogs.Options) { o.RetryPolicy = fastRetry }}
			if tt.opts != nil {
				opts = append(opts, tt.opts)
			}
			var transport *http.Transport
			opts = append(opts, func(o *cwlogs.Options) {
				transport = o.HTTPClient.(*http.Client).Transport.(*http.Transport)
			})
			client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				io.Copy(io.Discard, r.Body)
				mu.Lock()
				times = append(times, time.Now())
				n := len(times)
				mu.Unlock()
				tt.handle(t, n, w, r)
			}), opts...)
			checkNoLeak(t, func() { transport.CloseIdleConnections() })

			// A context that ends would end the requests it carried and
			// hide a leak, so the calls run on one that never ends.
			ctx := context.Background()
			if tt.ctx != nil {
				var cancel context.CancelFunc
				ctx, cancel = tt.ctx()
				defer cancel()
			}
			out, err := get(ctx, client, "active")

			mu.Lock()
			attempts := len(times)
			mu.Unlock()
			if attempts != tt.wantAttempts {
				t.Errorf("server saw %d attempts, want %d", attempts, tt.wantAttempts)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				if out.IntegrationName != "active" || out.ResultMetadata.Attempts != tt.wantAttempts {
					t.Errorf("output %q after %d attempts, want active after %d", out.IntegrationName, out.ResultMetadata.Attempts, tt.wantAttempts)
				}
			} else if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			for _, target := range tt.wantIs {
				if !errors.Is(err, target) {
					t.Errorf("errors.Is(err, %v) = false", target)
				}
			}
			for _, target := range tt.wantNotIs {
				if errors.Is(err, target) {
					t.Errorf("errors.Is(err, %v) = true, want false", target)
				}
			}
			if tt.wantGap > 0 && len(times) > 1 && times[1].Sub(times[0]) < tt.wantGap {
				t.Errorf("second attempt came %v after the first, want at least %v", times[1].Sub(times[0]), tt.wantGap)
			}
		})
	}
}

// cutShort returns a handler that writes response, a response whose body
// is shorter than its Content-Length, and closes the connection.
func cutShort(response string) func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
	return func(t *testing.T, n int, w http.ResponseWriter, r *http.Request) {
		conn := hijack(t, w)
		io.WriteString(conn, response)
		conn.Close()
	}
}

func TestDeadlineKeepsTheRealCause(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now: connections are refused
	client, err := cwlogs.New(cwlogs.Options{
		Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(), BaseEndpoint: aws.String("http://" + addr),
		RetryPolicy:      cwlogs.StandardRetry{Base: 40 * time.Millisecond, Cap: 40 * time.Millisecond},
		RetryMaxAttempts: 100,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	_, err = get(ctx, client, "active")
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("error = %v, want the deadline and the refused connection", err)
	}
	var ae *cwlogs.AttemptsError
	if !errors.As(err, &ae) || ae.Attempts < 2 {
		t.Errorf("error %v does not count its attempts", err)
	}
}

// TestDeadlineDuringAnAttemptKeepsTheCauseBefore answers the first attempt
// with a 503 and holds the second until the caller's deadline: the error
// names the deadline and the 503, the cause of the attempt before the one
// the deadline cut short.
func TestDeadlineDuringAnAttemptKeepsTheCauseBefore(t *testing.T) {
	var calls atomic.Int64
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			w.Header().Set("X-Amzn-ErrorType", "ServiceUnavailableException")
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		// Read the body, so that the server sees the client go away, and
		// wait for that: the client gives up at its deadline.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}), func(o *cwlogs.Options) {
		o.RetryPolicy = policyFunc(func(int, error) (time.Duration, bool) { return 0, true })
	})
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err := get(ctx, client, "active")
	var ae *cwlogs.AttemptsError
	if !errors.As(err, &ae) || ae.Attempts != 2 || !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, cwlogs.ErrServiceUnavailable) {
		t.Fatalf("error = %v, want the deadline after 2 attempts, naming the 503 of the first", err)
	}
}

// TestConcurrentCalls runs many goroutines on one client against the kit,
// with successes, errors and retries mixed, and checks every result.
func TestConcurrentCalls(t *testing.T) {
	client, srv := newKitClient(t)
	const goroutines, calls = 64, 4
	names := []string{"active", "failed", "resource-not-found", "throttling", "unknown-member",
		"no-such-integration", "service-unavailable"}
	var wg sync.WaitGroup
	var failures atomic.Int32
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range calls {
				name := names[(g+i)%len(names)]
				out, err := get(context.Background(), client, name)
				var ok bool
				switch name {
				case "active", "failed", "unknown-member":
					ok = err == nil && out.IntegrationName == name
				case "resource-not-found", "no-such-integration":
					ok = errors.Is(err, cwlogs.ErrResourceNotFound)
				case "throttling", "service-unavailable":
					var ae *cwlogs.AttemptsError
					ok = (errors.Is(err, cwlogs.ErrThrottling) || errors.Is(err, cwlogs.ErrServiceUnavailable)) &&
						errors.As(err, &ae) && ae.Attempts == 3
				}
				if !ok {
					failures.Add(1)
					t.Errorf("%s: %v, %v", name, out, err)
				}
			}
		}()
	}
	wg.Wait()
	// Every call, and two more attempts for each one retried.
	retried := 0
	for g := range goroutines {
		for i := range calls {
			if n := names[(g+i)%len(names)]; n == "throttling" || n == "service-unavailable" {
				retried++
			}
		}
	}
	if got, want := len(srv.Requests()), goroutines*calls+2*retried; got != want {
		t.Errorf("server saw %d requests, want %d", got, want)
	}
}

func TestRetrySettingsPerCall(t *testing.T) {
	client, srv := newKitClient(t)
	_, err := get(context.Background(), client, "service-unavailable", func(o *cwlogs.Options) { o.RetryMaxAttempts = 1 })
	if !errors.Is(err, cwlogs.ErrServiceUnavailable) || len(srv.Requests()) != 1 {
		t.Fatalf("retries off for one call: %v after %d requests, want 1", err, len(srv.Requests()))
	}
	_, err = get(context.Background(), client, "service-unavailable", func(o *cwlogs.Options) { o.RetryMaxAttempts = 4 })
	if !strings.Contains(fmt.Sprint(err), "(after 4 attempts)") || len(srv.Requests()) != 5 {
		t.Fatalf("four attempts for one call: %v after %d requests, want 5 in all", err, len(srv.Requests()))
	}
	_, err = get(context.Background(), client, "service-unavailable")
	if !strings.Contains(fmt.Sprint(err), "(after 3 attempts)") || len(srv.Requests()) != 8 {
		t.Fatalf("the client's own setting: %v after %d requests, want 8 in all", err, len(srv.Requests()))
	}
	if _, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.RetryMaxAttempts = -1 }); err == nil ||
		!strings.Contains(err.Error(), "cwlogs: Options.RetryMaxAttempts is -1") {
		t.Errorf("negative attempts: %v", err)
	}
}
