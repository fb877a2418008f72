package cwlogs

import (
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"testing"
	"time"
)

func TestWithRetryAfter(t *testing.T) {
	const s = time.Second
	for _, tt := range []struct{ delay, hint, want time.Duration }{
		{s, 0, s},             // no hint
		{s, s / 2, s},         // a hint shorter than the backoff
		{s, 3 * s, 3 * s},     // a longer hint is honoured
		{s, 100 * s, 6 * s},   // up to 5 s past the backoff
		{0, time.Hour, 5 * s}, // with no backoff of its own
		{math.MaxInt64 - s, math.MaxInt64, math.MaxInt64 - s}, // no overflow
	} {
		if got := withRetryAfter(tt.delay, tt.hint); got != tt.want {
			t.Errorf("withRetryAfter(%v, %v) = %v, want %v", tt.delay, tt.hint, got, tt.want)
		}
	}
}

// TestUnknownHostIsNotRetried: a host name that does not resolve will not
// resolve on the next attempt; other connection errors are retried.
func TestUnknownHostIsNotRetried(t *testing.T) {
	notFound := &opError{op: "GetIntegration", kind: kindTransport, err: &net.DNSError{Err: "no such host", Name: "x.invalid", IsNotFound: true}}
	if IsRetryable(notFound) {
		t.Error("an unknown host is retried")
	}
	timeout := &opError{op: "GetIntegration", kind: kindTransport, err: &net.DNSError{Err: "i/o timeout", Name: "x.example", IsTimeout: true}}
	refused := &opError{op: "GetIntegration", kind: kindTransport, err: &net.OpError{Op: "dial", Err: errors.New("connection refused")}}
	if !IsRetryable(timeout) || !IsRetryable(refused) {
		t.Error("a DNS timeout or a refused connection is not retried")
	}
}

// TestRetryAfterIsInMilliseconds reads X-Amz-Retry-After as the service
// sends it, in milliseconds.
func TestRetryAfterIsInMilliseconds(t *testing.T) {
	for value, want := range map[string]time.Duration{
		"1500": 1500 * time.Millisecond, "0": 0, "": 0, "-5": 0, "1.5": 0, "soon": 0,
	} {
		if got := retryAfter(http.Header{"X-Amz-Retry-After": {value}}); got != want {
			t.Errorf("retryAfter(%q) = %v, want %v", value, got, want)
		}
	}
}

// TestCredentialsErrorIsClassified: a credentials provider that fails gives
// an error matching ErrCredentials and the provider's own error, not
// retried.
func TestCredentialsErrorIsClassified(t *testing.T) {
	sealed := errors.New("vault sealed")
	err := error(&opError{op: "GetIntegration", kind: kindCredentials, err: fmt.Errorf("retrieve credentials: %w", sealed)})
	if !errors.Is(err, ErrCredentials) || !errors.Is(err, sealed) || IsRetryable(err) || errors.Is(err, ErrAttemptTimeout) {
		t.Errorf("%v: want it to match ErrCredentials and the provider's error, not retried", err)
	}
	timeout := error(&opError{op: "GetIntegration", kind: kindAttemptTimeout, err: attemptTimeoutError(time.Second)})
	if !errors.Is(timeout, ErrAttemptTimeout) || !IsRetryable(timeout) || errors.Is(timeout, ErrCredentials) {
		t.Errorf("%v: want it to match ErrAttemptTimeout, retried", timeout)
	}
}
