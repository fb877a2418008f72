package cwlogs_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// TestOutcomeOfDeleteIntegration checks what a delete reports after an
// attempt that may have taken effect, through the stateful test kit:
// confirmed when the integration is gone, unknown when it is still there
// or the check fails, never refused.
func TestOutcomeOfDeleteIntegration(t *testing.T) {
	t.Parallel()
	const (
		Delete = cwlogstest.DeleteIntegration
		Get    = cwlogstest.GetIntegration
	)
	type counts = map[cwlogstest.Operation]int
	// gone is the output of a delete confirmed by the kit's 400 answer to
	// its nth request, after attempts attempts.
	gone := func(n, attempts int) *cwlogs.DeleteIntegrationOutput {
		return &cwlogs.DeleteIntegrationOutput{
			ResultMetadata: cwlogs.ResponseMetadata{RequestID: kitRequestID(n), StatusCode: 400, Attempts: attempts, Confirmed: true},
		}
	}
	tests := []struct {
		name string
		// exists seeds an integration x.
		exists      bool
		dashboards  bool
		faults      func(srv *cwlogstest.Server, cancel func())
		httpClient  func(inner cwlogs.HTTPClient, cancel func()) cwlogs.HTTPClient
		want        *cwlogs.DeleteIntegrationOutput
		wantCode    string
		wantUnknown error
		wantTexts   []string
		wantCounts  counts
	}{
		{
			name:       "broken after the delete, then ResourceNotFoundException: confirmed without a read",
			exists:     true,
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.BreakNext(Delete, 1) },
			want:       gone(2, 2),
			wantCounts: counts{Delete: 2},
		},
		{
			name:       "every attempt broken after the delete: confirmed by the read",
			exists:     true,
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.BreakOn(cwlogstest.Match{Op: Delete, Times: 3}) },
			want:       gone(4, 3),
			wantCounts: counts{Delete: 3, Get: 1},
		},
		{
			name:       "a name that never existed, 500 three times: confirmed, the state is what was asked",
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.FailNext(Delete, 3, 500, "InternalFailure", "") },
			want:       gone(4, 3),
			wantCounts: counts{Delete: 3, Get: 1},
		},
		{
			name:       "ResourceNotFoundException on the first attempt: the error",
			wantCode:   "ResourceNotFoundException",
			wantCounts: counts{Delete: 1},
		},
		{
			name:   "500 three times, the integration still there: unknown",
			exists: true,
			faults: func(srv *cwlogstest.Server, _ func()) {
				srv.FailNext(Delete, 3, 500, "InternalFailure", "delete failed")
			},
			wantUnknown: errUnknown,
			wantTexts:   []string{"InternalFailure: delete failed", `integration "x" is still there`},
			wantCounts:  counts{Delete: 3, Get: 1},
		},
		{
			name:       "a 500, then refused for its dashboards: unknown, a delete is not instant",
			exists:     true,
			dashboards: true,
			faults: func(srv *cwlogstest.Server, _ func()) {
				srv.FailNext(Delete, 1, 500, "InternalFailure", "")
			},
			wantUnknown: errUnknown,
			wantTexts:   []string{"ValidationException", `integration "x" is still there`},
			wantCounts:  counts{Delete: 2, Get: 1},
		},
		{
			name:   "a 500, then the check is denied: unknown",
			exists: true,
			faults: func(srv *cwlogstest.Server, _ func()) {
				srv.FailNext(Delete, 3, 500, "InternalFailure", "")
				srv.FailNext(Get, 1, 400, "AccessDeniedException", "no logs:GetIntegration")
			},
			wantUnknown: errUnknown,
			wantTexts:   []string{"InternalFailure", "AccessDeniedException"},
			wantCounts:  counts{Delete: 3, Get: 1},
		},
		{
			name:   "the context is cancelled during the check: unknown, context.Canceled",
			exists: true,
			faults: func(srv *cwlogstest.Server, _ func()) { srv.FailNext(Delete, 3, 500, "InternalFailure", "") },
			httpClient: func(inner cwlogs.HTTPClient, cancel func()) cwlogs.HTTPClient {
				return onRequest(inner, func(op string) {
					if op == "GetIntegration" {
						cancel()
					}
				})
			},
			wantUnknown: context.Canceled,
			wantCounts:  counts{Delete: 3},
		},
		{
			name:   "a throttled attempt, then ResourceNotFoundException: the error",
			exists: false,
			faults: func(srv *cwlogstest.Server, _ func()) {
				srv.FailNext(Delete, 1, 400, "ThrottlingException", "")
			},
			wantCode:   "ResourceNotFoundException",
			wantCounts: counts{Delete: 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := cwlogstest.NewServer()
			t.Cleanup(srv.Close)
			if tt.exists {
				if err := srv.SeedIntegration(cwlogstest.Integration{Name: "x", Dashboards: tt.dashboards}); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.faults != nil {
				tt.faults(srv, cancel)
			}
			client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
				o.RetryPolicy = fastRetry
				if tt.httpClient != nil {
					o.HTTPClient = tt.httpClient(o.HTTPClient, cancel)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			out, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
			switch {
			case tt.wantUnknown != nil:
				ctxErr := tt.wantUnknown
				if ctxErr == errUnknown {
					ctxErr = nil
				}
				checkUnknown(t, err, "DeleteIntegration", "delete", ctxErr, tt.wantTexts...)
			case tt.wantCode != "":
				if got := apiErrorCode(err); got != tt.wantCode || errors.Is(err, cwlogs.ErrOutcomeUnknown) {
					t.Errorf("error %v, want the service's %s", err, tt.wantCode)
				}
			default:
				if err != nil {
					t.Fatalf("DeleteIntegration: %v, want a confirmed success", err)
				}
				if diff := cmp.Diff(tt.want, out); diff != "" {
					t.Errorf("output mismatch (-want +got):\n%s", diff)
				}
			}
			got := counts{}
			for _, r := range srv.Requests() {
				got[r.Operation]++
			}
			if diff := cmp.Diff(tt.wantCounts, got); diff != "" {
				t.Errorf("requests by operation mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// fakeService is a handler that answers each operation with its script,
// one handler a request, the last one repeated, and records the
// operations of the requests it gets.
type fakeService struct {
	mu      sync.Mutex
	scripts map[string][]http.HandlerFunc
	ops     []string
}

func (s *fakeService) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	op := strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "Logs_20140328.")
	s.mu.Lock()
	n := 0
	for _, o := range s.ops {
		if o == op {
			n++
		}
	}
	s.ops = append(s.ops, op)
	script := s.scripts[op]
	s.mu.Unlock()
	if len(script) == 0 {
		w.WriteHeader(400)
		return
	}
	w.Header().Set("X-Amzn-RequestId", op+"-"+strconv.Itoa(n+1))
	script[min(n, len(script)-1)](w, r)
}

func (s *fakeService) requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.ops...)
}

// answer returns a handler that answers with status and body.
func answer(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// bodyCutShort returns a handler that answers 200 with a Content-Length of
// twice the body's length, writes body and closes the connection.
func bodyCutShort(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(2*len(body)))
		w.WriteHeader(200)
		_, _ = io.WriteString(w, body)
		w.(http.Flusher).Flush()
		conn, _, err := http.NewResponseController(w).Hijack()
		if err == nil {
			conn.Close()
		}
	}
}

// TestOutcomeOfUnreadableSuccess checks that a create, delete,
// association or disassociation answered 200 with a body the client cannot
// read (cut short, too large, not the operation's answer) is not sent
// again, and is checked at once: the service took it. The check confirms
// it, or leaves it unknown; never refused, even when the state does not
// show it (a read that lags).
