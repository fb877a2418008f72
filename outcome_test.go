package cwlogs_test

import (
	"context"
	"errors"
	"net/http"
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
