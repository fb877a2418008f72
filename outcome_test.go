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
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// sentinels are every sentinel of package cwlogs but ErrOutcomeUnknown: an
// unknown outcome matches none of them.
var sentinels = []error{
	cwlogs.ErrInvalidParameter, cwlogs.ErrResourceNotFound, cwlogs.ErrServiceUnavailable, cwlogs.ErrAccessDenied,
	cwlogs.ErrInvalidCredentials, cwlogs.ErrThrottling, cwlogs.ErrLimitExceeded, cwlogs.ErrValidation,
	cwlogs.ErrInternalFailure, cwlogs.ErrInvalidResponse, cwlogs.ErrResponseTooLarge, cwlogs.ErrCredentials,
	cwlogs.ErrAttemptTimeout,
}

// checkUnknown fails t unless err is an unknown outcome of op: it matches
// ErrOutcomeUnknown and ctxErr (when not nil), no other sentinel nor the
// other context error, errors.As finds no *APIError in it, and its text is
// one line that says the effect may or may not have happened and holds
// each of texts.
func checkUnknown(t *testing.T, err error, op, effect string, ctxErr error, texts ...string) {
	t.Helper()
	if !errors.Is(err, cwlogs.ErrOutcomeUnknown) {
		t.Fatalf("error %v, want one matching ErrOutcomeUnknown", err)
	}
	for _, s := range sentinels {
		if errors.Is(err, s) {
			t.Errorf("error %v matches %v, want it not to", err, s)
		}
	}
	for _, c := range []error{context.Canceled, context.DeadlineExceeded} {
		if got, want := errors.Is(err, c), c == ctxErr; got != want {
			t.Errorf("errors.Is(err, %v) = %v, want %v (err %v)", c, got, want, err)
		}
	}
	var apiErr *cwlogs.APIError
	if errors.As(err, &apiErr) {
		t.Errorf("errors.As found the *APIError %v in %v, want none: an unknown outcome is not the service's answer", apiErr, err)
	}
	text := err.Error()
	want := "cwlogs: " + op + ": outcome unknown: the " + effect + " may or may not have happened"
	if !strings.HasPrefix(text, want) {
		t.Errorf("error text %q, want it to start with %q", text, want)
	}
	if strings.ContainsAny(text, "\n\r") {
		t.Errorf("error text %q is not one line", text)
	}
	for _, s := range texts {
		if !strings.Contains(text, s) {
			t.Errorf("error text %q, want it to hold %q", text, s)
		}
	}
}

// onRequest returns an HTTP client that sends through inner, and calls f
// with the operation of each request (such as "GetIntegration") before
// it sends it.
func onRequest(inner cwlogs.HTTPClient, f func(op string)) cwlogs.HTTPClient {
	return doFunc(func(r *http.Request) (*http.Response, error) {
		f(strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "Logs_20140328."))
		return inner.Do(r)
	})
}

// expiring is a context whose deadline passes when its expire method is
// called: the deadline of a test that does not depend on time.
type expiring struct {
	context.Context
	done chan struct{}
	once sync.Once
}

func newExpiring() *expiring {
	return &expiring{Context: context.Background(), done: make(chan struct{})}
}

func (c *expiring) Done() <-chan struct{} { return c.done }

func (c *expiring) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

func (c *expiring) expire() { c.once.Do(func() { close(c.done) }) }

// cancelOnRetry is a retry policy that ends the call's context when it is
// asked for a delay, and asks for an hour: the call ends while it waits to
// retry.
type cancelOnRetry struct{ cancel func() }

func (p cancelOnRetry) RetryDelay(int, error) (time.Duration, bool) {
	p.cancel()
	return time.Hour, true
}

// retryFunc is a retry policy as a function.
type retryFunc func(attempt int, err error) (time.Duration, bool)

func (f retryFunc) RetryDelay(attempt int, err error) (time.Duration, bool) { return f(attempt, err) }

// TestOutcomeOfPutIntegration checks what a create reports after an attempt
// that may have taken effect, through the stateful test kit: confirmed
// only when the integration read back can be this call's effect, refused
// when it shows the create did not take effect, unknown otherwise.
func TestOutcomeOfPutIntegration(t *testing.T) {
	t.Parallel()
	const (
		Put = cwlogstest.PutIntegration
		Get = cwlogstest.GetIntegration
	)
	type counts = map[cwlogstest.Operation]int
	// confirmed is the output of a create of x confirmed by the kit's
	// answer to its nth request, after attempts attempts.
	confirmed := func(n, attempts int) *cwlogs.PutIntegrationOutput {
		return &cwlogs.PutIntegrationOutput{
			IntegrationName:   "x",
			IntegrationStatus: cwlogs.IntegrationStatusProvisioning,
			ResultMetadata:    cwlogs.ResponseMetadata{RequestID: kitRequestID(n), StatusCode: 200, Attempts: attempts, Confirmed: true},
		}
	}
	withApp := func(app string) *cwlogs.PutIntegrationInput {
		in := kitPut("x")
		in.ResourceConfig.(*cwlogs.OpenSearchResourceConfig).ApplicationArn = app
		return in
	}
	seed := func(in cwlogstest.Integration) func(*testing.T, *cwlogstest.Server) {
		return func(t *testing.T, srv *cwlogstest.Server) {
			if err := srv.SeedIntegration(in); err != nil {
				t.Fatal(err)
			}
		}
	}
	otherApp := "arn:aws:opensearch:us-east-1:123456789012:application/older"
	tests := []struct {
		name  string
		setup func(t *testing.T, srv *cwlogstest.Server)
		// faults sets the faults of the call; cancel ends its context.
		faults func(srv *cwlogstest.Server, cancel func())
		// httpClient wraps the kit's HTTP client.
		httpClient func(inner cwlogs.HTTPClient, cancel func()) cwlogs.HTTPClient
		policy     func(cancel func()) cwlogs.RetryPolicy
		in         *cwlogs.PutIntegrationInput
		want       *cwlogs.PutIntegrationOutput
		// wantCode is the code of a refusal: the service's error.
		wantCode string
		// wantUnknown is the context error of an unknown outcome, or
		// errUnknown for an unknown outcome with the context alive.
		wantUnknown error
		wantTexts   []string
		wantCounts  counts
	}{
		{
			name:       "every attempt broken after the create: confirmed",
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.BreakNext(Put, 3) },
			want:       confirmed(4, 3),
			wantCounts: counts{Put: 3, Get: 1},
		},
		{
			name:       "broken once, then LimitExceededException: confirmed",
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.BreakNext(Put, 1) },
			want:       confirmed(3, 2),
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name: "broken once, then ResourceAlreadyExistsException: confirmed",
			faults: func(srv *cwlogstest.Server, _ func()) {
				srv.BreakOn(cwlogstest.Match{Op: Put})
				srv.FailOn(cwlogstest.Match{Op: Put, Nth: 2}, 400, "ResourceAlreadyExistsException", "integration x exists")
			},
			want:       confirmed(3, 2),
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name:  "an older ACTIVE integration of the name, a 503 then ResourceAlreadyExistsException: refused",
			setup: seed(cwlogstest.Integration{Name: "x"}),
			faults: func(srv *cwlogstest.Server, _ func()) {
				srv.FailOn(cwlogstest.Match{Op: Put}, 503, "ServiceUnavailableException", "")
				srv.FailOn(cwlogstest.Match{Op: Put, Nth: 2}, 400, "ResourceAlreadyExistsException", "integration x exists")
			},
			wantCode:   "ResourceAlreadyExistsException",
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name:       "an older ACTIVE integration of the name, a 503 then LimitExceededException: refused",
			setup:      seed(cwlogstest.Integration{Name: "x"}),
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.FailNext(Put, 1, 503, "ServiceUnavailableException", "") },
			wantCode:   "LimitExceededException",
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name:       "an older FAILED integration of the name: refused",
			setup:      seed(cwlogstest.Integration{Name: "x", Status: cwlogs.IntegrationStatusFailed}),
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.FailNext(Put, 1, 500, "InternalFailure", "") },
			wantCode:   "LimitExceededException",
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name:       "an older PROVISIONING integration of the name and another type: refused",
			setup:      seed(cwlogstest.Integration{Name: "x", Type: "SPLUNK", Status: cwlogs.IntegrationStatusProvisioning}),
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.FailNext(Put, 1, 500, "InternalFailure", "") },
			wantCode:   "LimitExceededException",
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name: "an older PROVISIONING integration of the name with another application: refused",
			setup: seed(cwlogstest.Integration{Name: "x", Status: cwlogs.IntegrationStatusProvisioning,
				Config: &cwlogs.OpenSearchResourceConfig{DataSourceRoleArn: roleARN, DashboardViewerPrincipals: []string{viewerARN},
					RetentionDays: 1, ApplicationArn: otherApp}}),
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.FailNext(Put, 1, 500, "InternalFailure", "") },
			in:         withApp(appARN),
			wantCode:   "LimitExceededException",
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name: "a PROVISIONING integration of the name with the application asked for: confirmed",
			setup: seed(cwlogstest.Integration{Name: "x", Status: cwlogs.IntegrationStatusProvisioning,
				Config: &cwlogs.OpenSearchResourceConfig{DataSourceRoleArn: roleARN, DashboardViewerPrincipals: []string{viewerARN},
					RetentionDays: 1, ApplicationArn: appARN}}),
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.FailNext(Put, 1, 500, "InternalFailure", "") },
			in:         withApp(appARN),
			want:       confirmed(3, 2),
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name:       "a create with an application, broken: the application not reported yet does not refute it",
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.BreakNext(Put, 1) },
			in:         withApp(appARN),
			want:       confirmed(3, 2),
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name: "an older integration of the name still PROVISIONING, another role and retention: confirmed, as the rule cannot tell",
			setup: func(t *testing.T, srv *cwlogstest.Server) {
				c, err := cwlogs.New(srv.Options())
				if err != nil {
					t.Fatal(err)
				}
				in := kitPut("x")
				in.ResourceConfig.(*cwlogs.OpenSearchResourceConfig).RetentionDays = 1
				if _, err := c.PutIntegration(context.Background(), in); err != nil {
					t.Fatal(err)
				}
			},
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.FailNext(Put, 1, 503, "ServiceUnavailableException", "") },
			want:       confirmed(4, 2),
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name:       "a 503 then LimitExceededException for another integration: refused",
			setup:      seed(cwlogstest.Integration{Name: "other"}),
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.FailNext(Put, 1, 503, "ServiceUnavailableException", "") },
			wantCode:   "LimitExceededException",
			wantCounts: counts{Put: 2, Get: 1},
		},
		{
			name:       "503 three times, no integration: refused with the service's error",
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.FailNext(Put, 3, 503, "ServiceUnavailableException", "") },
			wantCode:   "ServiceUnavailableException",
			wantCounts: counts{Put: 3, Get: 1},
		},
		{
			name: "the check fails with 500 three times: unknown",
			faults: func(srv *cwlogstest.Server, _ func()) {
				srv.BreakNext(Put, 1)
				srv.FailNext(Get, 3, 500, "InternalFailure", "get failed")
			},
			wantUnknown: errUnknown,
			wantTexts: []string{"LimitExceededException: An integration already exists for this account: x.",
				"InternalFailure: get failed", "after 3 attempts"},
			wantCounts: counts{Put: 2, Get: 3},
		},
		{
			name: "the check is denied: unknown",
			faults: func(srv *cwlogstest.Server, _ func()) {
				srv.BreakNext(Put, 1)
				srv.FailNext(Get, 1, 400, "AccessDeniedException", "no logs:GetIntegration")
			},
			wantUnknown: errUnknown,
			wantTexts:   []string{"LimitExceededException", "AccessDeniedException: no logs:GetIntegration"},
			wantCounts:  counts{Put: 2, Get: 1},
		},
		{
			name:   "the context is cancelled during the check: unknown, context.Canceled",
			faults: func(srv *cwlogstest.Server, _ func()) { srv.BreakNext(Put, 1) },
			httpClient: func(inner cwlogs.HTTPClient, cancel func()) cwlogs.HTTPClient {
				return onRequest(inner, func(op string) {
					if op == "GetIntegration" {
						cancel()
					}
				})
			},
			wantUnknown: context.Canceled,
			wantTexts:   []string{"LimitExceededException", "context canceled"},
			wantCounts:  counts{Put: 2},
		},
		{
			name:   "the context is cancelled during the second attempt: unknown, no check",
			faults: func(srv *cwlogstest.Server, _ func()) { srv.BreakNext(Put, 1) },
			httpClient: func(inner cwlogs.HTTPClient, cancel func()) cwlogs.HTTPClient {
				n := 0
				return onRequest(inner, func(op string) {
					if n++; n == 2 {
						cancel()
					}
				})
			},
			wantUnknown: context.Canceled,
			wantTexts:   []string{"EOF", "context canceled"},
			wantCounts:  counts{Put: 1},
		},
		{
			name:        "the context is cancelled while the retry waits: unknown, no check",
			faults:      func(srv *cwlogstest.Server, _ func()) { srv.FailNext(Put, 1, 500, "InternalFailure", "boom") },
			policy:      func(cancel func()) cwlogs.RetryPolicy { return cancelOnRetry{cancel} },
			wantUnknown: context.Canceled,
			wantTexts:   []string{"InternalFailure: boom", "context canceled"},
			wantCounts:  counts{Put: 1},
		},
		{
			name:   "the context ends as the retries stop: unknown, no check",
			faults: func(srv *cwlogstest.Server, _ func()) { srv.FailNext(Put, 1, 500, "InternalFailure", "boom") },
			policy: func(cancel func()) cwlogs.RetryPolicy {
				return retryFunc(func(int, error) (time.Duration, bool) { cancel(); return 0, false })
			},
			wantUnknown: context.Canceled,
			wantTexts:   []string{"InternalFailure: boom", "not checked: context canceled"},
			wantCounts:  counts{Put: 1},
		},
		{
			name:       "the context is cancelled while a throttled retry waits: nothing took effect, the error",
			faults:     func(srv *cwlogstest.Server, _ func()) { srv.FailNext(Put, 1, 400, "ThrottlingException", "slow down") },
			policy:     func(cancel func()) cwlogs.RetryPolicy { return cancelOnRetry{cancel} },
			wantCode:   "ThrottlingException",
			wantCounts: counts{Put: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := cwlogstest.NewServer()
			t.Cleanup(srv.Close)
			if tt.setup != nil {
				tt.setup(t, srv)
			}
			before := len(srv.Requests())
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.faults != nil {
				tt.faults(srv, cancel)
			}
			client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
				o.RetryPolicy = fastRetry
				if tt.policy != nil {
					o.RetryPolicy = tt.policy(cancel)
				}
				if tt.httpClient != nil {
					o.HTTPClient = tt.httpClient(o.HTTPClient, cancel)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			in := tt.in
			if in == nil {
				in = kitPut("x")
			}
			out, err := client.PutIntegration(ctx, in)
			switch {
			case tt.wantUnknown != nil:
				ctxErr := tt.wantUnknown
				if ctxErr == errUnknown {
					ctxErr = nil
				}
				checkUnknown(t, err, "PutIntegration", "create", ctxErr, tt.wantTexts...)
			case tt.wantCode != "":
				if got := apiErrorCode(err); got != tt.wantCode || errors.Is(err, cwlogs.ErrOutcomeUnknown) {
					t.Errorf("error %v, want the service's %s", err, tt.wantCode)
				}
			default:
				if err != nil {
					t.Fatalf("PutIntegration: %v, want a confirmed success", err)
				}
				if diff := cmp.Diff(tt.want, out); diff != "" {
					t.Errorf("output mismatch (-want +got):\n%s", diff)
				}
			}
			if err != nil && out != nil {
				t.Errorf("output %+v with the error, want nil", out)
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

// errUnknown stands for an unknown outcome whose context did not end.
var errUnknown = errors.New("unknown, context alive")

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
func TestOutcomeOfUnreadableSuccess(t *testing.T) {
	t.Parallel()
	provisioning := answer(200, `{"integrationName":"x","integrationType":"OPENSEARCH","integrationStatus":"PROVISIONING"}`)
	active := answer(200, `{"integrationName":"x","integrationType":"OPENSEARCH","integrationStatus":"ACTIVE"}`)
	notFound := answer(400, `{"__type":"ResourceNotFoundException","message":"Integration x does not exist."}`)
	huge := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(cwlogs.DefaultMaxResponseBytes+1))
		w.WriteHeader(200)
		_, _ = io.WriteString(w, `{"integrationName":"x",`)
	}
	put := func(ctx context.Context, c *cwlogs.Client) (any, error) { return c.PutIntegration(ctx, kitPut("x")) }
	del := func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
	}
	associate := func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{
			IntegrationArn: cwlogstest.S3TableIntegrationArn, DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}})
	}
	disassociate := func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.DisassociateSourceFromS3TableIntegration(ctx, &cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: "src-1"})
	}
	// listed answers a listing with the source of the association, made
	// just now on the service's clock.
	listed := func(w http.ResponseWriter, r *http.Request) {
		answer(200, `{"sources":[{"identifier":"src-1","dataSource":{"name":"amazon_eks","type":"audit"},"status":"ACTIVE",`+
			`"createdTimeStamp":`+strconv.FormatInt(time.Now().UnixMilli(), 10)+`}]}`)(w, r)
	}
	created := func(attempts int) *cwlogs.PutIntegrationOutput {
		return &cwlogs.PutIntegrationOutput{IntegrationName: "x", IntegrationStatus: cwlogs.IntegrationStatusProvisioning,
			ResultMetadata: cwlogs.ResponseMetadata{RequestID: "GetIntegration-1", StatusCode: 200, Attempts: attempts, Confirmed: true}}
	}
	tests := []struct {
		name    string
		scripts map[string][]http.HandlerFunc
		call    func(ctx context.Context, c *cwlogs.Client) (any, error)
		want    any
		// wantUnknown is the effect of an unknown outcome, whose text
		// holds wantText.
		wantUnknown string
		wantText    string
		wantOps     []string
	}{
		{
			name:    "create: JSON cut short",
			scripts: map[string][]http.HandlerFunc{"PutIntegration": {answer(200, `{"integrationName":"x","integra`)}, "GetIntegration": {provisioning}},
			call:    put,
			want:    created(1),
			wantOps: []string{"PutIntegration", "GetIntegration"},
		},
		{
			name: "create: connection closed inside the body: not sent again, confirmed",
			scripts: map[string][]http.HandlerFunc{
				"PutIntegration": {bodyCutShort(`{"integrationName":"x"`)},
				"GetIntegration": {provisioning},
			},
			call:    put,
			want:    created(1),
			wantOps: []string{"PutIntegration", "GetIntegration"},
		},
		{
			name: "create: connection closed inside the body, the check finds none yet: unknown, not sent again",
			scripts: map[string][]http.HandlerFunc{
				"PutIntegration": {bodyCutShort(`{"integrationName":"x"`)},
				"GetIntegration": {notFound},
			},
			call:        put,
			wantUnknown: "create",
			wantOps:     []string{"PutIntegration", "GetIntegration"},
		},
		{
			name:        "create: JSON cut short, the check finds none yet: unknown, not refused",
			scripts:     map[string][]http.HandlerFunc{"PutIntegration": {answer(200, `{"integrationName":"x","integra`)}, "GetIntegration": {notFound}},
			call:        put,
			wantUnknown: "create",
			wantText:    "check: cwlogs: the state does not show the create, which the service answered with status 200: it may not show it yet",
			wantOps:     []string{"PutIntegration", "GetIntegration"},
		},
		{
			name:        "create: not its answer, the check finds an ACTIVE one: unknown, not refused",
			scripts:     map[string][]http.HandlerFunc{"PutIntegration": {answer(200, `[]`)}, "GetIntegration": {active}},
			call:        put,
			wantUnknown: "create",
			wantOps:     []string{"PutIntegration", "GetIntegration"},
		},
		{
			name:    "create: over MaxResponseBytes",
			scripts: map[string][]http.HandlerFunc{"PutIntegration": {huge}, "GetIntegration": {provisioning}},
			call:    put,
			want:    created(1),
			wantOps: []string{"PutIntegration", "GetIntegration"},
		},
		{
			name:    "create: not its answer",
			scripts: map[string][]http.HandlerFunc{"PutIntegration": {answer(200, `[]`)}, "GetIntegration": {provisioning}},
			call:    put,
			want:    created(1),
			wantOps: []string{"PutIntegration", "GetIntegration"},
		},
		{
			name: "create: the check answers another integration's name: unknown",
			scripts: map[string][]http.HandlerFunc{
				"PutIntegration": {answer(200, `[]`)},
				"GetIntegration": {answer(200, `{"integrationName":"someone-else","integrationType":"OPENSEARCH","integrationStatus":"PROVISIONING"}`)},
			},
			call:        put,
			wantUnknown: "create",
			wantOps:     []string{"PutIntegration", "GetIntegration"},
		},
		{
			name: "create: the check answers a status this package does not know: unknown",
			scripts: map[string][]http.HandlerFunc{
				"PutIntegration": {answer(200, `[]`)},
				"GetIntegration": {answer(200, `{"integrationName":"x","integrationType":"OPENSEARCH","integrationStatus":"DELETING"}`)},
			},
			call:        put,
			wantUnknown: "create",
			wantOps:     []string{"PutIntegration", "GetIntegration"},
		},
		{
			name: "create: the check answers no type: unknown",
			scripts: map[string][]http.HandlerFunc{
				"PutIntegration": {answer(200, `[]`)},
				"GetIntegration": {answer(200, `{"integrationName":"x","integrationStatus":"PROVISIONING"}`)},
			},
			call:        put,
			wantUnknown: "create",
			wantOps:     []string{"PutIntegration", "GetIntegration"},
		},
		{
			name:    "delete: answered 200 with []",
			scripts: map[string][]http.HandlerFunc{"DeleteIntegration": {answer(200, `[]`)}, "GetIntegration": {notFound}},
			call:    del,
			want: &cwlogs.DeleteIntegrationOutput{
				ResultMetadata: cwlogs.ResponseMetadata{RequestID: "GetIntegration-1", StatusCode: 400, Attempts: 1, Confirmed: true}},
			wantOps: []string{"DeleteIntegration", "GetIntegration"},
		},
		{
			name:        "delete: answered 200 with [], the integration still there: unknown",
			scripts:     map[string][]http.HandlerFunc{"DeleteIntegration": {answer(200, `[]`)}, "GetIntegration": {provisioning}},
			call:        del,
			wantUnknown: "delete",
			wantOps:     []string{"DeleteIntegration", "GetIntegration"},
		},
		{
			name:    "delete: connection closed inside the body: not sent again, confirmed by the read",
			scripts: map[string][]http.HandlerFunc{"DeleteIntegration": {bodyCutShort(`{`)}, "GetIntegration": {notFound}},
			call:    del,
			want: &cwlogs.DeleteIntegrationOutput{
				ResultMetadata: cwlogs.ResponseMetadata{RequestID: "GetIntegration-1", StatusCode: 400, Attempts: 1, Confirmed: true}},
			wantOps: []string{"DeleteIntegration", "GetIntegration"},
		},
		{
			name: "association: connection closed inside the body: not sent again, confirmed by the listing",
			scripts: map[string][]http.HandlerFunc{
				"AssociateSourceToS3TableIntegration": {bodyCutShort(`{"identifier":"src-1"`)},
				"ListSourcesForS3TableIntegration":    {listed},
			},
			call: associate,
			want: &cwlogs.AssociateSourceToS3TableIntegrationOutput{Identifier: "src-1",
				ResultMetadata: cwlogs.ResponseMetadata{RequestID: "ListSourcesForS3TableIntegration-1", StatusCode: 200, Attempts: 1, Confirmed: true}},
			wantOps: []string{"AssociateSourceToS3TableIntegration", "ListSourcesForS3TableIntegration"},
		},
		{
			name: "association: not its answer, none listed yet: unknown, not sent again",
			scripts: map[string][]http.HandlerFunc{
				"AssociateSourceToS3TableIntegration": {answer(200, `[]`)},
				"ListSourcesForS3TableIntegration":    {answer(200, `{"sources":[]}`)},
			},
			call:        associate,
			wantUnknown: "association",
			wantOps:     []string{"AssociateSourceToS3TableIntegration", "ListSourcesForS3TableIntegration"},
		},
		{
			name:        "disassociation: connection closed inside the body: unknown, not sent again",
			scripts:     map[string][]http.HandlerFunc{"DisassociateSourceFromS3TableIntegration": {bodyCutShort(`{"identifier":"src-1"`)}},
			call:        disassociate,
			wantUnknown: "disassociation",
			wantOps:     []string{"DisassociateSourceFromS3TableIntegration"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			svc := &fakeService{scripts: tt.scripts}
			client := newTestClient(t, svc, func(o *cwlogs.Options) { o.RetryPolicy = fastRetry })
			out, err := tt.call(context.Background(), client)
			if tt.wantUnknown != "" {
				op := map[string]string{"create": "PutIntegration", "delete": "DeleteIntegration",
					"association": "AssociateSourceToS3TableIntegration", "disassociation": "DisassociateSourceFromS3TableIntegration"}[tt.wantUnknown]
				checkUnknown(t, err, op, tt.wantUnknown, nil, tt.wantText)
			} else {
				if err != nil {
					t.Fatalf("call: %v, want a confirmed success", err)
				}
				if diff := cmp.Diff(tt.want, out); diff != "" {
					t.Errorf("output mismatch (-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff(tt.wantOps, svc.requests()); diff != "" {
				t.Errorf("requests mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOutcomeDeadlineDuringCheck checks that a create whose check is cut
// short by the caller's deadline is unknown and matches
// context.DeadlineExceeded.
func TestOutcomeDeadlineDuringCheck(t *testing.T) {
	t.Parallel()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	srv.BreakNext(cwlogstest.PutIntegration, 1)
	ctx := newExpiring()
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
		o.RetryPolicy = fastRetry
		inner := o.HTTPClient
		o.HTTPClient = doFunc(func(r *http.Request) (*http.Response, error) {
			if strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".GetIntegration") {
				ctx.expire()
				<-r.Context().Done() // the request's context follows its parent's
			}
			return inner.Do(r)
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := client.PutIntegration(ctx, kitPut("x"))
	if out != nil {
		t.Errorf("output %+v, want nil", out)
	}
	checkUnknown(t, err, "PutIntegration", "create", context.DeadlineExceeded, "LimitExceededException", "context deadline exceeded")
}

// TestOutcomeUnknownError checks the text of an unknown outcome, whole,
// what it matches, and that its zero value prints.
func TestOutcomeUnknownError(t *testing.T) {
	t.Parallel()
	limit := &cwlogs.APIError{Operation: "PutIntegration", Code: "LimitExceededException", Message: "one per account", StatusCode: 400, RequestID: "r1"}
	denied := &cwlogs.APIError{Operation: "GetIntegration", Code: "AccessDeniedException", Message: "no", StatusCode: 400, RequestID: "r2"}
	tests := []struct {
		name    string
		err     *cwlogs.OutcomeUnknownError
		want    string
		wantCtx error
	}{
		{
			name: "zero value",
			err:  &cwlogs.OutcomeUnknownError{},
			want: "cwlogs: outcome unknown: the call may or may not have happened (0 attempts)",
		},
		{
			name: "the check failed",
			err:  &cwlogs.OutcomeUnknownError{Operation: "PutIntegration", Attempts: 2, Err: limit, CheckErr: denied},
			want: "cwlogs: PutIntegration: outcome unknown: the call may or may not have happened (2 attempts); " +
				"last error: cwlogs: PutIntegration: LimitExceededException: one per account (status 400, request id r1); " +
				"check: cwlogs: GetIntegration: AccessDeniedException: no (status 400, request id r2)",
		},
		{
			name: "the context ended before the check",
			err:  &cwlogs.OutcomeUnknownError{Operation: "DeleteIntegration", Attempts: 1, Err: limit, Context: context.DeadlineExceeded},
			want: "cwlogs: DeleteIntegration: outcome unknown: the call may or may not have happened (1 attempt); " +
				"last error: cwlogs: PutIntegration: LimitExceededException: one per account (status 400, request id r1); " +
				"not checked: context deadline exceeded",
			wantCtx: context.DeadlineExceeded,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			var err error = tt.err
			if !errors.Is(err, cwlogs.ErrOutcomeUnknown) || errors.Is(err, cwlogs.ErrLimitExceeded) || errors.Is(err, cwlogs.ErrAccessDenied) {
				t.Errorf("%v matches the wrong sentinels", err)
			}
			if tt.wantCtx != nil && !errors.Is(err, tt.wantCtx) {
				t.Errorf("%v does not match %v", err, tt.wantCtx)
			}
			var apiErr *cwlogs.APIError
			if errors.As(err, &apiErr) {
				t.Errorf("errors.As found %v in %v", apiErr, err)
			}
		})
	}
}

// TestOutcomeUnknownText pins the whole text of unknown outcomes the
// client makes: a create whose check was cancelled, and a delete that
// finds the integration still there.
func TestOutcomeUnknownText(t *testing.T) {
	t.Parallel()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	if err := srv.SeedIntegration(cwlogstest.Integration{Name: "y"}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
		o.RetryPolicy = cancelOnRetry{cancel}
	})
	if err != nil {
		t.Fatal(err)
	}
	srv.FailNext(cwlogstest.PutIntegration, 1, 500, "InternalFailure", "boom")
	_, err = client.PutIntegration(ctx, kitPut("x"))
	want := "cwlogs: PutIntegration: outcome unknown: the create may or may not have happened (1 attempt); " +
		"last error: cwlogs: PutIntegration: InternalFailure: boom (status 500, request id " + kitRequestID(1) + "); " +
		"not checked: context canceled"
	if err == nil || err.Error() != want {
		t.Errorf("PutIntegration: %v, want:\n%s", err, want)
	}

	client, err = cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.RetryMaxAttempts = 1 })
	if err != nil {
		t.Fatal(err)
	}
	srv.FailNext(cwlogstest.DeleteIntegration, 1, 503, "ServiceUnavailableException", "later")
	_, err = client.DeleteIntegration(context.Background(), &cwlogs.DeleteIntegrationInput{IntegrationName: "y"})
	want = "cwlogs: DeleteIntegration: outcome unknown: the delete may or may not have happened (1 attempt); " +
		"last error: cwlogs: DeleteIntegration: ServiceUnavailableException: later (status 503, request id " + kitRequestID(2) + "); " +
		`check: cwlogs: GetIntegration: integration "y" is still there (a delete is not instant)`
	if err == nil || err.Error() != want {
		t.Errorf("DeleteIntegration: %v, want:\n%s", err, want)
	}
}

// TestOutcomeCancelledInFlight checks that a create or delete whose only
// attempt was written, and whose context the caller cancelled before the
// answer came, is unknown, with no check sent.
func TestOutcomeCancelledInFlight(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		op, effect string
		call       func(ctx context.Context, c *cwlogs.Client) error
	}{
		{"PutIntegration", "create", func(ctx context.Context, c *cwlogs.Client) error {
			_, err := c.PutIntegration(ctx, kitPut("x"))
			return err
		}},
		{"DeleteIntegration", "delete", func(ctx context.Context, c *cwlogs.Client) error {
			_, err := c.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
			return err
		}},
	} {
		t.Run(tt.op, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			// The request is read whole, then the caller gives up while
			// the service works on it.
			held := func(w http.ResponseWriter, r *http.Request) {
				cancel()
				<-r.Context().Done()
			}
			svc := &fakeService{scripts: map[string][]http.HandlerFunc{tt.op: {held}}}
			client := newTestClient(t, svc, func(o *cwlogs.Options) { o.RetryPolicy = fastRetry })
			err := tt.call(ctx, client)
			checkUnknown(t, err, tt.op, tt.effect, context.Canceled, "not checked: context canceled")
			if diff := cmp.Diff([]string{tt.op}, svc.requests()); diff != "" {
				t.Errorf("requests mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOutcomeOfAssociateSource checks, through the stateful test kit, that
// an association is never sent again blindly after an attempt that may
// have made it: the sources are listed first, and the association made is
// found, or it is sent again only when none is listed.
func TestOutcomeOfAssociateSource(t *testing.T) {
	t.Parallel()
	const (
		Associate = cwlogstest.AssociateSourceToS3TableIntegration
		List      = cwlogstest.ListSourcesForS3TableIntegration
	)
	type counts = map[cwlogstest.Operation]int
	in := &cwlogs.AssociateSourceToS3TableIntegrationInput{IntegrationArn: cwlogstest.S3TableIntegrationArn,
		DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}}
	tests := []struct {
		name   string
		faults func(srv *cwlogstest.Server)
		// wantConfirmed: a success confirmed by the listing; else
		// wantUnknown: an unknown outcome; else a success.
		wantConfirmed bool
		wantUnknown   bool
		wantAttempts  int
		wantCounts    counts
	}{
		{
			name:          "broken after the association was made: found, not sent again",
			faults:        func(srv *cwlogstest.Server) { srv.BreakNext(Associate, 1) },
			wantConfirmed: true, wantAttempts: 1,
			wantCounts: counts{Associate: 1, List: 1},
		},
		{
			name:          "every attempt broken: found after the first",
			faults:        func(srv *cwlogstest.Server) { srv.BreakNext(Associate, 3) },
			wantConfirmed: true, wantAttempts: 1,
			wantCounts: counts{Associate: 1, List: 1},
		},
		{
			name:         "a 500 that made nothing: none listed, sent again",
			faults:       func(srv *cwlogstest.Server) { srv.FailNext(Associate, 1, 500, "InternalServerException", "") },
			wantAttempts: 2,
			wantCounts:   counts{Associate: 2, List: 1},
		},
		{
			name: "broken, the listing denied: unknown, not sent again",
			faults: func(srv *cwlogstest.Server) {
				srv.BreakNext(Associate, 1)
				srv.FailNext(List, 1, 400, "AccessDeniedException", "no logs:ListSourcesForS3TableIntegration")
			},
			wantUnknown: true,
			wantCounts:  counts{Associate: 1, List: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := cwlogstest.NewServer()
			t.Cleanup(srv.Close)
			tt.faults(srv)
			client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.RetryPolicy = fastRetry })
			if err != nil {
				t.Fatal(err)
			}
			out, err := client.AssociateSourceToS3TableIntegration(context.Background(), in)
			sources := srv.S3TableSources(cwlogstest.S3TableIntegrationArn)
			if len(sources) != 1 {
				t.Fatalf("the kit holds %d sources, want the one association", len(sources))
			}
			if tt.wantUnknown {
				checkUnknown(t, err, "AssociateSourceToS3TableIntegration", "association", nil,
					"AccessDeniedException: no logs:ListSourcesForS3TableIntegration")
			} else {
				if err != nil {
					t.Fatalf("AssociateSourceToS3TableIntegration: %v, want a success", err)
				}
				if out.Identifier != sources[0].Identifier || out.ResultMetadata.Confirmed != tt.wantConfirmed ||
					out.ResultMetadata.Attempts != tt.wantAttempts {
					t.Errorf("output %+v, want identifier %s, Confirmed %v after %d attempts",
						out, sources[0].Identifier, tt.wantConfirmed, tt.wantAttempts)
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

// TestOutcomeOfDisassociateSource checks, through the stateful test kit,
// that a disassociation whose attempt was broken after it took effect is
// confirmed by the retry's ResourceNotFoundException.
func TestOutcomeOfDisassociateSource(t *testing.T) {
	t.Parallel()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.RetryPolicy = fastRetry })
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	made, err := client.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{
		IntegrationArn: cwlogstest.S3TableIntegrationArn, DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}})
	if err != nil {
		t.Fatal(err)
	}
	srv.BreakNext(cwlogstest.DisassociateSourceFromS3TableIntegration, 1)
	out, err := client.DisassociateSourceFromS3TableIntegration(ctx,
		&cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: made.Identifier})
	if err != nil {
		t.Fatalf("DisassociateSourceFromS3TableIntegration: %v, want a confirmed success", err)
	}
	want := &cwlogs.DisassociateSourceFromS3TableIntegrationOutput{Identifier: made.Identifier,
		ResultMetadata: cwlogs.ResponseMetadata{RequestID: kitRequestID(3), StatusCode: 400, Attempts: 2, Confirmed: true}}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("output mismatch (-want +got):\n%s", diff)
	}
}
