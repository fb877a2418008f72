package cwlogs_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// TestIsRetryableCallerDeadline checks that an error the caller's own
// deadline caused is not reported retryable, as IsRetryable's doc says of
// "an ended context": another attempt cannot succeed in a context that has
// ended. (The client's own attempt timeout is ErrAttemptTimeout, which
// stays retryable.)
func TestIsRetryableCallerDeadline(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // hangs until the client gives up, or the test ends
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release) }) // before the server's Close
	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	tests := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
	}{
		{"expired before the call", func() (context.Context, context.CancelFunc) { return expired, func() {} }},
		{"deadline during the attempt", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := tt.ctx()
			defer cancel()
			_, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"})
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err = %v, want context.DeadlineExceeded", err)
			}
			if cwlogs.IsRetryable(err) {
				t.Errorf("IsRetryable(%v) = true, want false", err)
			}
		})
	}
}

// TestUnknownMemberNameNotUTF8 checks that an unknown union member whose
// name is not valid UTF-8 is refused, before any request: encoding/json
// would write its name with U+FFFD in place of the bad bytes, so the
// service would get, and a decoder give back, another name than the
// caller's, silently.
func TestUnknownMemberNameNotUTF8(t *testing.T) {
	t.Parallel()
	const name = "splunk\xffResourceConfig"
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request sent: %s", r.Header.Get("X-Amz-Target"))
	}))
	_, err := client.PutIntegration(context.Background(), &cwlogs.PutIntegrationInput{
		IntegrationName: "x", IntegrationType: "SPLUNK",
		ResourceConfig: &cwlogs.UnknownResourceConfig{Name: name, Value: []byte(`{}`)},
	})
	if !errors.Is(err, cwlogs.ErrInvalidParameter) {
		t.Errorf("PutIntegration: err = %v, want ErrInvalidParameter", err)
	}
	if raw, err := cwlogs.MarshalResourceConfig(&cwlogs.UnknownResourceConfig{Name: name, Value: []byte(`{}`)}); err == nil {
		t.Errorf("MarshalResourceConfig = %q, want an error", raw)
	}
	if raw, err := cwlogs.MarshalIntegrationDetails(&cwlogs.UnknownIntegrationDetails{Name: name, Value: []byte(`{}`)}); err == nil {
		t.Errorf("MarshalIntegrationDetails = %q, want an error", raw)
	}
}

// nilDoer is an HTTPClient whose nil pointer cannot send.
type nilDoer struct{ c *http.Client }

func (d *nilDoer) Do(r *http.Request) (*http.Response, error) { return d.c.Do(r) }

// TestTypedNilOptionsNoPanic checks that an option set to a nil value of a
// non-nil type (a nil pointer or func in the interface) is an error that
// names the field, from New or from the call with that per-call option,
// and never a panic: today New panics on a nil *aws.CredentialsCache, and
// a call on a nil aws.CredentialsProviderFunc, a nil *cwlogs.StandardRetry
// or a nil pointer HTTPClient.
func TestTypedNilOptionsNoPanic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		field string
		set   func(*cwlogs.Options)
	}{
		{"nil *aws.CredentialsCache", "Credentials", func(o *cwlogs.Options) { o.Credentials = (*aws.CredentialsCache)(nil) }},
		{"nil aws.CredentialsProviderFunc", "Credentials", func(o *cwlogs.Options) { o.Credentials = aws.CredentialsProviderFunc(nil) }},
		{"nil *cwlogs.StandardRetry", "RetryPolicy", func(o *cwlogs.Options) { o.RetryPolicy = (*cwlogs.StandardRetry)(nil) }},
		{"nil pointer HTTPClient", "HTTPClient", func(o *cwlogs.Options) { o.HTTPClient = (*nilDoer)(nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("panic: %v", r)
				}
			}()
			base := cwlogs.Options{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(),
				BaseEndpoint: aws.String("http://127.0.0.1:9"), RetryMaxAttempts: 2}
			_, err := cwlogs.New(base, tt.set)
			if err == nil || !strings.Contains(err.Error(), "Options."+tt.field) {
				t.Errorf("New: err = %v, want one that names Options.%s", err, tt.field)
			}
			client, err := cwlogs.New(base)
			if err != nil {
				t.Fatal(err)
			}
			_, err = client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "x"}, tt.set)
			if err == nil || !strings.Contains(err.Error(), "Options."+tt.field) {
				t.Errorf("call with the option: err = %v, want one that names Options.%s", err, tt.field)
			}
		})
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

// TestAmbiguousDeleteRefusedIsNotConfirmed checks that a delete whose
// first attempt may have taken effect (a 500) and whose retry is refused
// for another reason than the integration being gone (ValidationException:
// it has dashboards and force is not set) returns the refusal: only
// ResourceNotFoundException confirms a delete. The integration is still
// there afterwards.
func TestAmbiguousDeleteRefusedIsNotConfirmed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.RetryPolicy = fastRetry })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.PutIntegration(ctx, kitPut("x")); err != nil {
		t.Fatal(err)
	}
	srv.SetDashboards("x", true)
	srv.FailNext(cwlogstest.DeleteIntegration, 1, 500, "InternalFailure", "")
	out, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
	if !errors.Is(err, cwlogs.ErrValidation) || out != nil {
		t.Errorf("DeleteIntegration = %+v, %v; want nil and ErrValidation", out, err)
	}
	if _, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"}); err != nil {
		t.Errorf("GetIntegration after the refused delete: %v, want the integration", err)
	}
}
