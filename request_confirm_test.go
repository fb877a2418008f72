package cwlogs_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// kitRequestID is the request id the test kit gives its nth request.
func kitRequestID(n int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", n) }

// kitPut returns a valid PutIntegration input for name.
func kitPut(name string) *cwlogs.PutIntegrationInput {
	return validPut(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) { in.IntegrationName = name })
}

// failFirstDial returns an HTTP client whose first connection fails to
// dial, as a host that refuses connections does.
func failFirstDial() cwlogs.HTTPClient {
	var dialed atomic.Bool
	var d net.Dialer
	return &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if !dialed.Swap(true) {
				return nil, &net.OpError{Op: "dial", Net: network, Err: syscall.ECONNREFUSED}
			}
			return d.DialContext(ctx, network, addr)
		},
	}}
}

// untraced returns an HTTP client that sends through srv's client without
// reporting to net/http's trace, as an HTTPClient of another kind, and
// whose first request gets first instead of its response: forwarded tells
// whether that request reaches srv before first is returned.
func untraced(srv *cwlogstest.Server, first error, forwarded bool) cwlogs.HTTPClient {
	inner := srv.Options().HTTPClient
	var n atomic.Int32
	return doFunc(func(r *http.Request) (*http.Response, error) {
		r = r.Clone(context.Background()) // no trace
		if n.Add(1) > 1 {
			return inner.Do(r)
		}
		if forwarded {
			resp, err := inner.Do(r)
			if err != nil {
				return nil, err
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		return nil, first
	})
}

// ownTrace returns an HTTP client that adds a trace of its own to each
// request, as an instrumenting client does (httptrace.WithClientTrace, as
// otelhttptrace is used), then sends it through untraced(srv, first, true),
// which does not report to traces: that the client looked the trace up
// does not tell that anything reports to it.
func ownTrace(srv *cwlogstest.Server, first error) cwlogs.HTTPClient {
	inner := untraced(srv, first, true)
	return doFunc(func(r *http.Request) (*http.Response, error) {
		ctx := httptrace.WithClientTrace(r.Context(), &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) {}})
		return inner.Do(r.WithContext(ctx))
	})
}

// TestAmbiguousAttemptsAreConfirmed checks which failed attempts of a
// PutIntegration or DeleteIntegration make the client confirm a retry's
// error as a success, through the stateful test kit.
func TestAmbiguousAttemptsAreConfirmed(t *testing.T) {
	t.Parallel()
	put := func(ctx context.Context, c *cwlogs.Client) (any, error) { return c.PutIntegration(ctx, kitPut("x")) }
	del := func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
	}
	get := func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"})
	}
	list := func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{})
	}
	created := func(n int) *cwlogs.PutIntegrationOutput {
		return &cwlogs.PutIntegrationOutput{
			IntegrationName:   "x",
			IntegrationStatus: cwlogs.IntegrationStatusProvisioning,
			ResultMetadata:    cwlogs.ResponseMetadata{RequestID: kitRequestID(n), StatusCode: 200, Attempts: 2, Confirmed: true},
		}
	}
	type counts = map[cwlogstest.Operation]int
	const (
		Put    = cwlogstest.PutIntegration
		Get    = cwlogstest.GetIntegration
		List   = cwlogstest.ListIntegrations
		Delete = cwlogstest.DeleteIntegration
	)
	tests := []struct {
		name string
		// exists names the integration created before the call.
		exists     string
		faults     func(srv *cwlogstest.Server)
		httpClient func(srv *cwlogstest.Server) cwlogs.HTTPClient
		call       func(ctx context.Context, c *cwlogs.Client) (any, error)
		want       any    // the output of a success
		wantCode   string // the error code of a failure
		// wantCounts counts the requests of the call, by operation.
		wantCounts counts
	}{
		{
			name:       "create broken after it took effect: confirmed",
			faults:     func(srv *cwlogstest.Server) { srv.BreakNext(Put, 1) },
			call:       put,
			want:       created(3),
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name:   "a 500 that took effect: confirmed",
			exists: "x",
			faults: func(srv *cwlogstest.Server) {
				srv.FailNext(Put, 1, 500, "InternalFailure", "")
			},
			call:       put,
			want:       created(4),
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name:   "a 502 then ValidationException: confirmed",
			exists: "x",
			faults: func(srv *cwlogstest.Server) {
				srv.FailNext(Put, 1, 502, "", "")
				srv.FailNext(Put, 1, 400, "ValidationException", "integration x exists")
			},
			call:       put,
			want:       created(4),
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name:       "an HTTP client that does not trace, connection lost after sending: confirmed",
			httpClient: func(srv *cwlogstest.Server) cwlogs.HTTPClient { return untraced(srv, io.ErrUnexpectedEOF, true) },
			call:       put,
			want:       created(3),
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name:       "an HTTP client that adds its own trace and does not report to it, connection lost after sending: confirmed",
			httpClient: func(srv *cwlogstest.Server) cwlogs.HTTPClient { return ownTrace(srv, io.ErrUnexpectedEOF) },
			call:       put,
			want:       created(3),
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name:       "a 503, then LimitExceededException for another integration: the retry's error",
			exists:     "other",
			faults:     func(srv *cwlogstest.Server) { srv.FailNext(Put, 1, 503, "ServiceUnavailableException", "") },
			call:       put,
			wantCode:   "LimitExceededException",
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name:       "dial failure: nothing reached the service, no check",
			exists:     "x",
			httpClient: func(*cwlogstest.Server) cwlogs.HTTPClient { return failFirstDial() },
			call:       put,
			wantCode:   "LimitExceededException",
			wantCounts: counts{Put: 1},
		},
		{
			name:   "an HTTP client that does not trace, dial failure: no check",
			exists: "x",
			httpClient: func(srv *cwlogstest.Server) cwlogs.HTTPClient {
				return untraced(srv, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}, false)
			},
			call:       put,
			wantCode:   "LimitExceededException",
			wantCounts: counts{Put: 1},
		},
		{
			name:       "a 4xx retried (RequestTimeoutException): no check",
			exists:     "x",
			faults:     func(srv *cwlogstest.Server) { srv.FailNext(Put, 1, 408, "RequestTimeoutException", "") },
			call:       put,
			wantCode:   "LimitExceededException",
			wantCounts: counts{Put: 2},
		},
		{
			name:       "throttling (400): no check",
			exists:     "x",
			faults:     func(srv *cwlogstest.Server) { srv.FailNext(Put, 1, 400, "ThrottlingException", "") },
			call:       put,
			wantCode:   "LimitExceededException",
			wantCounts: counts{Put: 2},
		},
		{
			name:       "throttling (503 SlowDown): no check",
			exists:     "x",
			faults:     func(srv *cwlogstest.Server) { srv.FailNext(Put, 1, 503, "SlowDown", "") },
			call:       put,
			wantCode:   "LimitExceededException",
			wantCounts: counts{Put: 2},
		},
		{
			name:       "two 503, then created: a success, not checked",
			faults:     func(srv *cwlogstest.Server) { srv.FailNext(Put, 2, 503, "ServiceUnavailableException", "") },
			call:       put,
			want:       &cwlogs.PutIntegrationOutput{IntegrationName: "x", IntegrationStatus: cwlogs.IntegrationStatusProvisioning, ResultMetadata: cwlogs.ResponseMetadata{RequestID: kitRequestID(3), StatusCode: 200, Attempts: 3}},
			wantCounts: counts{Put: 3},
		},
		{
			name:   "delete broken after it took effect: confirmed",
			exists: "x",
			faults: func(srv *cwlogstest.Server) { srv.BreakNext(Delete, 1) },
			call:   del,
			// The metadata of the retry's ResourceNotFoundException.
			want:       &cwlogs.DeleteIntegrationOutput{ResultMetadata: cwlogs.ResponseMetadata{RequestID: kitRequestID(3), StatusCode: 400, Attempts: 2, Confirmed: true}},
			wantCounts: counts{Delete: 2},
		},
		{
			name:       "delete throttled, then not found: the retry's error",
			faults:     func(srv *cwlogstest.Server) { srv.FailNext(Delete, 1, 400, "ThrottlingException", "") },
			call:       del,
			wantCode:   "ResourceNotFoundException",
			wantCounts: counts{Delete: 2},
		},
		{
			name:       "get broken, then not found: never confirmed",
			faults:     func(srv *cwlogstest.Server) { srv.BreakNext(Get, 1) },
			call:       get,
			wantCode:   "ResourceNotFoundException",
			wantCounts: counts{Get: 2},
		},
		{
			name:       "list broken: retried, not confirmed",
			faults:     func(srv *cwlogstest.Server) { srv.BreakNext(List, 1) },
			call:       list,
			want:       &cwlogs.ListIntegrationsOutput{IntegrationSummaries: []cwlogs.IntegrationSummary{}, ResultMetadata: cwlogs.ResponseMetadata{RequestID: kitRequestID(2), StatusCode: 200, Attempts: 2}},
			wantCounts: counts{List: 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			srv := cwlogstest.NewServer()
			t.Cleanup(srv.Close)
			if tt.exists != "" {
				setup, err := cwlogs.New(srv.Options())
				if err != nil {
					t.Fatal(err)
				}
				if _, err := setup.PutIntegration(ctx, kitPut(tt.exists)); err != nil {
					t.Fatal(err)
				}
			}
			before := len(srv.Requests())
			if tt.faults != nil {
				tt.faults(srv)
			}
			client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
				o.RetryPolicy = fastRetry
				if tt.httpClient != nil {
					o.HTTPClient = tt.httpClient(srv)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			out, err := tt.call(ctx, client)
			if got := apiErrorCode(err); got != tt.wantCode {
				t.Fatalf("error %v, want code %q", err, tt.wantCode)
			}
			if tt.wantCode == "" {
				if diff := cmp.Diff(tt.want, out); diff != "" {
					t.Errorf("output mismatch (-want +got):\n%s", diff)
				}
			}
			got := counts{}
			for _, r := range srv.Requests()[before:] {
				got[r.Operation]++
			}
			if diff := cmp.Diff(tt.wantCounts, got); diff != "" {
				t.Errorf("requests by operation mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// apiErrorCode returns the code of the *APIError in err, or "" if there is
// none.
func apiErrorCode(err error) string {
	var apiErr *cwlogs.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	return ""
}

// TestTimedOutCreateIsConfirmed checks that a create whose attempt timed
// out after its request was sent counts as one that may have taken effect.
func TestTimedOutCreateIsConfirmed(t *testing.T) {
	t.Parallel()
	var puts atomic.Int32
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Read to its end, the body lets net/http see the client go.
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("X-Amzn-RequestId", "rid-"+r.Header.Get("X-Amz-Target"))
		switch r.Header.Get("X-Amz-Target") {
		case "Logs_20140328.PutIntegration":
			if puts.Add(1) == 1 {
				select { // held until the client gives up
				case <-r.Context().Done():
				case <-time.After(10 * time.Second):
				}
				return
			}
			w.WriteHeader(400)
			_, _ = io.WriteString(w, `{"__type":"LimitExceededException","message":"one integration per account"}`)
		case "Logs_20140328.GetIntegration":
			_ = json.NewEncoder(w).Encode(map[string]string{"integrationName": "x", "integrationType": "OPENSEARCH",
				"integrationStatus": "PROVISIONING"})
		default:
			w.WriteHeader(400)
		}
	})
	client := newTestClient(t, handler, func(o *cwlogs.Options) {
		o.RetryPolicy = fastRetry
		// Long enough for the other requests on a loaded machine.
		o.AttemptTimeout = 500 * time.Millisecond
	})
	out, err := client.PutIntegration(context.Background(), kitPut("x"))
	if err != nil {
		t.Fatalf("PutIntegration: %v, want a confirmed success", err)
	}
	want := &cwlogs.PutIntegrationOutput{
		IntegrationName:   "x",
		IntegrationStatus: cwlogs.IntegrationStatusProvisioning,
		ResultMetadata:    cwlogs.ResponseMetadata{RequestID: "rid-Logs_20140328.GetIntegration", StatusCode: 200, Attempts: 2, Confirmed: true},
	}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("PutIntegration mismatch (-want +got):\n%s", diff)
	}
}

// traceDoer is an HTTP client that reports to the request's trace as
// net/http does. Its first attempt asks for a connection and fails before
// the request is written, as a failed TLS handshake does; then it answers
// PutIntegration with LimitExceededException and GetIntegration with an
// integration of the name.
type traceDoer struct {
	mu      sync.Mutex
	targets []string
}

func (d *traceDoer) Do(r *http.Request) (*http.Response, error) {
	d.mu.Lock()
	d.targets = append(d.targets, r.Header.Get("X-Amz-Target"))
	n := len(d.targets)
	d.mu.Unlock()
	if n == 1 {
		if tr := httptrace.ContextClientTrace(r.Context()); tr != nil && tr.GetConn != nil {
			tr.GetConn(r.URL.Host)
		}
		return nil, errors.New("remote error: tls: handshake failure")
	}
	status, code, body := 400, "LimitExceededException", `{"message":"the account has an integration"}`
	if strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".GetIntegration") {
		status, code, body = 200, "", `{"integrationName":"cwl-opensearch","integrationStatus":"ACTIVE"}`
	}
	h := http.Header{"Content-Type": {"application/x-amz-json-1.1"}}
	if code != "" {
		h.Set("X-Amzn-ErrorType", code)
	}
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(strings.NewReader(body)),
		ContentLength: int64(len(body)), Request: r}, nil
}

// TestCreateNotWrittenIsNotConfirmed checks that an attempt that failed
// before its request was written, as the HTTP client's trace tells (a
// TLS handshake that failed, not a dial error), does not make the
// retry's LimitExceededException a confirmed create: the integration
// that exists is not this call's. Without the trace, the error alone
// would count as "may have reached the service".
func TestCreateNotWrittenIsNotConfirmed(t *testing.T) {
	t.Parallel()
	doer := &traceDoer{}
	client, err := cwlogs.New(cwlogs.Options{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(),
		BaseEndpoint: aws.String("https://127.0.0.1:9"), HTTPClient: doer, RetryPolicy: fastRetry})
	if err != nil {
		t.Fatal(err)
	}
	out, err := client.PutIntegration(context.Background(), validPut(nil))
	if !errors.Is(err, cwlogs.ErrLimitExceeded) || out != nil {
		t.Errorf("PutIntegration = %+v, %v; want nil and ErrLimitExceeded", out, err)
	}
	want := []string{"Logs_20140328.PutIntegration", "Logs_20140328.PutIntegration"}
	if diff := cmp.Diff(want, doer.targets); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}

// failingConn is a connection whose next write fails, with nothing
// written, once failNext is set: a reused connection the peer has reset.
type failingConn struct {
	net.Conn
	failNext *atomic.Bool
}

func (c *failingConn) Write(p []byte) (int, error) {
	if c.failNext.CompareAndSwap(true, false) {
		_ = c.Conn.Close()
		return 0, syscall.ECONNRESET
	}
	return c.Conn.Write(p)
}

// TestCreateResentOnANewConnectionIsChecked checks that a create whose
// write failed on a reused connection, with nothing written, and which
// net/http then sent again on a new connection, counts by that last
// write: written, and broken after it took effect, the create is checked
// and confirmed, not sent again blindly and refused.
//
// The transport holds one connection (MaxConnsPerHost), so the create
// reuses the one the lookup before it left; its small write buffer makes
// the write fail while net/http writes the request, which the trace
// reports, and not when it flushes it after.
func TestCreateResentOnANewConnectionIsChecked(t *testing.T) {
	t.Parallel()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	var failNext atomic.Bool
	var dials atomic.Int32
	var d net.Dialer
	transport := &http.Transport{
		MaxConnsPerHost: 1,
		WriteBufferSize: 64,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := d.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			dials.Add(1)
			return &failingConn{Conn: conn, failNext: &failNext}, nil
		},
	}
	t.Cleanup(transport.CloseIdleConnections)
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
		o.RetryPolicy = fastRetry
		o.HTTPClient = &http.Client{Transport: transport}
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"}); !errors.Is(err, cwlogs.ErrResourceNotFound) {
		t.Fatalf("GetIntegration: %v, want ErrResourceNotFound", err)
	}
	before := len(srv.Requests())
	failNext.Store(true)
	srv.BreakNext(cwlogstest.PutIntegration, 1)
	out, err := client.PutIntegration(ctx, kitPut("x"))
	if err != nil {
		t.Fatalf("PutIntegration: %v, want a confirmed success", err)
	}
	if failNext.Load() {
		t.Fatal("no write failed: the create did not reuse the lookup's connection")
	}
	// The lookup's connection, the one the create was sent again on, and
	// one after the kit broke that.
	if n := dials.Load(); n != 3 {
		t.Errorf("%d connections dialled, want 3", n)
	}
	want := &cwlogs.PutIntegrationOutput{
		IntegrationName:   "x",
		IntegrationStatus: cwlogs.IntegrationStatusProvisioning,
		ResultMetadata:    cwlogs.ResponseMetadata{RequestID: kitRequestID(4), StatusCode: 200, Attempts: 2, Confirmed: true},
	}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("PutIntegration mismatch (-want +got):\n%s", diff)
	}
	var ops []cwlogstest.Operation
	for _, r := range srv.Requests()[before:] {
		ops = append(ops, r.Operation)
	}
	wantOps := []cwlogstest.Operation{cwlogstest.PutIntegration, cwlogstest.PutIntegration, cwlogstest.GetIntegration}
	if diff := cmp.Diff(wantOps, ops); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
}
