package cwlogs_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

type policyFunc func(int, error) (time.Duration, bool)

func (f policyFunc) RetryDelay(n int, err error) (time.Duration, bool) { return f(n, err) }

func TestSkewedServerClockIsCorrected(t *testing.T) {
	client, srv := newKitClient(t)
	srv.SetClock(func() time.Time { return time.Now().Add(17 * time.Minute) })
	out, err := get(context.Background(), client, "active")
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if out.ResultMetadata.Attempts != 2 || len(reqs) != 2 || reqs[0].Rejected != "InvalidSignatureException" || reqs[1].Rejected != "" {
		t.Fatalf("attempts = %d, requests = %+v; want a refused request, then an accepted one", out.ResultMetadata.Attempts, reqs)
	}
	// The correction lasts: the next call succeeds at once.
	out, err = get(context.Background(), client, "active")
	if err != nil || out.ResultMetadata.Attempts != 1 {
		t.Fatalf("second call: %v after %d attempts, want success after 1", err, out.ResultMetadata.Attempts)
	}
	// A signature error without skew is the credentials' fault: no retry.
	wrong, srv2 := newKitClient(t, func(o *cwlogs.Options) {
		o.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: cwlogstest.AccessKeyID, SecretAccessKey: "wrong"}, nil
		})
	})
	if _, err := get(context.Background(), wrong, "active"); !errors.Is(err, cwlogs.ErrInvalidCredentials) || len(srv2.Requests()) != 1 {
		t.Fatalf("wrong secret: %v after %d requests, want InvalidSignatureException after 1", err, len(srv2.Requests()))
	}
}

// TestSkewIsUnlearnt sets the service's clock an hour ahead for one call,
// then back, as when the client's clock is set right: the next call is
// refused once, and the client goes back to its own clock.
func TestSkewIsUnlearnt(t *testing.T) {
	client, srv := newKitClient(t)
	srv.SetClock(func() time.Time { return time.Now().Add(time.Hour) })
	if out, err := get(context.Background(), client, "active"); err != nil || out.ResultMetadata.Attempts != 2 {
		t.Fatalf("skewed call: %v, want success after 2 attempts", err)
	}
	srv.SetClock(nil)
	out, err := get(context.Background(), client, "active")
	if err != nil || out.ResultMetadata.Attempts != 2 {
		t.Fatalf("first call with the clocks agreeing again: %v, want success after 2 attempts (one refused as signed an hour ahead)", err)
	}
	for i := range 3 {
		if out, err := get(context.Background(), client, "active"); err != nil || out.ResultMetadata.Attempts != 1 {
			t.Fatalf("call %d after that: %v, want success after 1 attempt", i, err)
		}
	}
}

// TestBogusDateIsUnlearnt answers one request refused for its time with a
// Date in the year 9999, which the client believes for one attempt only.
func TestBogusDateIsUnlearnt(t *testing.T) {
	client, srv := newKitClient(t)
	var calls atomic.Int64
	srv.SetClock(func() time.Time {
		if calls.Add(1) == 1 { // the first request and its response
			return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
		}
		return time.Now()
	})
	_, err := get(context.Background(), client, "active")
	if !errors.Is(err, cwlogs.ErrInvalidCredentials) {
		t.Fatalf("call answered with a bogus Date: %v, want the signature error of the retry signed in its time", err)
	}
	for i := range 3 {
		if out, err := get(context.Background(), client, "active"); err != nil || out.ResultMetadata.Attempts != 1 {
			t.Fatalf("call %d after that: %v, want success after 1 attempt", i, err)
		}
	}
}

// TestSkewRetryNeedsAnAttempt checks that with retries off a skewed clock
// costs one failed call, not a second attempt, and is corrected for the
// next call.
func TestSkewRetryNeedsAnAttempt(t *testing.T) {
	client, srv := newKitClient(t, func(o *cwlogs.Options) { o.RetryMaxAttempts = 1 })
	srv.SetClock(func() time.Time { return time.Now().Add(17 * time.Minute) })
	if _, err := get(context.Background(), client, "active"); !errors.Is(err, cwlogs.ErrInvalidCredentials) || len(srv.Requests()) != 1 {
		t.Fatalf("error %v after %d requests, want the signature error after 1", err, len(srv.Requests()))
	}
	if out, err := get(context.Background(), client, "active"); err != nil || out.ResultMetadata.Attempts != 1 {
		t.Fatalf("next call: %v, want success after 1 attempt", err)
	}
}

// TestBackoffBounds checks StandardRetry's delay for attempts where the
// exponential backoff would overflow, and for attempt numbers below 1.
func TestBackoffBounds(t *testing.T) {
	p := cwlogs.StandardRetry{Base: time.Minute, Cap: time.Hour}
	err := &cwlogs.APIError{Code: "503", StatusCode: 503}
	for _, attempt := range []int{-1, 0, 1, 2, 29, 30, 62, 63, 64, 1000} {
		for range 20 {
			d, ok := p.RetryDelay(attempt, err)
			if !ok || d < 0 || d >= time.Hour {
				t.Fatalf("RetryDelay(%d) = %v, %v; want a delay in [0, 1h)", attempt, d, ok)
			}
			if attempt <= 1 && d >= time.Minute {
				t.Fatalf("RetryDelay(%d) = %v, want under the base of 1m", attempt, d)
			}
		}
	}
}

func TestIsRetryable(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"throttling", &cwlogs.APIError{Code: "ThrottlingException", StatusCode: 400}, true},
		{"429", &cwlogs.APIError{Code: "Whatever", StatusCode: 429}, true},
		{"service unavailable", &cwlogs.APIError{Code: "ServiceUnavailableException", StatusCode: 500}, true},
		{"request timeout", &cwlogs.APIError{Code: "RequestTimeoutException", StatusCode: 400}, true},
		{"504", &cwlogs.APIError{Code: "504", StatusCode: 504}, true},
		{"501", &cwlogs.APIError{Code: "501", StatusCode: 501}, false},
		{"not found", &cwlogs.APIError{Code: "ResourceNotFoundException", StatusCode: 400}, false},
		{"invalid parameter", &cwlogs.APIError{Code: "InvalidParameterException", StatusCode: 400}, false},
		{"access denied", &cwlogs.APIError{Code: "AccessDeniedException", StatusCode: 400}, false},
		{"cancelled", context.Canceled, false},
		{"input", &cwlogs.InvalidInputError{}, false},
		{"wrapped throttling", fmt.Errorf("x: %w", &cwlogs.APIError{Code: "SlowDown", StatusCode: 503}), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cwlogs.IsRetryable(tt.err); got != tt.want {
				t.Errorf("IsRetryable(%v) = %v, want %v", tt.err, got, tt.want)
			}
		})
	}
}

// TestStandardRetryBackoff draws many delays of the default policy and
// checks their largest and their mean against bounds that no other base
// passes: for n draws uniform in [0, d), the largest is above 0.99 d and
// the mean within 10 % of d/2, each but with a chance far below 1e-9.
func TestStandardRetryBackoff(t *testing.T) {
	t.Parallel()
	p := cwlogs.StandardRetry{}
	throttle := &cwlogs.APIError{Code: "ThrottlingException", StatusCode: 400}
	server := &cwlogs.APIError{Code: "InternalFailure", StatusCode: 500}
	const n = 5000
	for _, tt := range []struct {
		name    string
		err     error
		attempt int
		limit   time.Duration // the upper bound of the delay's range
	}{
		{"attempt 1", server, 1, 50 * time.Millisecond},
		{"attempt 2", server, 2, 100 * time.Millisecond},
		{"attempt 3", server, 3, 200 * time.Millisecond},
		{"capped", server, 20, 20 * time.Second},
		{"capped, far", server, 80, 20 * time.Second},
		{"throttling, attempt 1", throttle, 1, time.Second},
		{"throttling, attempt 2", throttle, 2, 2 * time.Second},
		{"throttling, capped", throttle, 6, 20 * time.Second},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var sum, largest time.Duration
			for range n {
				d, ok := p.RetryDelay(tt.attempt, tt.err)
				if !ok || d < 0 || d >= tt.limit {
					t.Fatalf("delay %v, %v; want within [0, %v)", d, ok, tt.limit)
				}
				sum += d
				largest = max(largest, d)
			}
			if mean := sum / n; largest < tt.limit*99/100 || mean < tt.limit*45/100 || mean > tt.limit*55/100 {
				t.Errorf("largest delay %v, mean %v; want the largest near %v and the mean near %v", largest, mean, tt.limit, tt.limit/2)
			}
		})
	}
}

// barrierClient holds requests until as many as it was armed for have
// arrived, then lets them go together: their attempts are all signed
// before any response comes back.
type barrierClient struct {
	next    cwlogs.HTTPClient
	pending atomic.Int64
	arrived sync.WaitGroup
}

// arm makes the next n requests wait for one another.
func (b *barrierClient) arm(n int) {
	b.arrived.Add(n)
	b.pending.Store(int64(n))
}

func (b *barrierClient) Do(r *http.Request) (*http.Response, error) {
	if b.pending.Add(-1) >= 0 {
		b.arrived.Done()
		b.arrived.Wait()
	}
	return b.next.Do(r)
}

// getConcurrently makes n calls at once and returns their errors.
func getConcurrently(client *cwlogs.Client, n int) []error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = get(context.Background(), client, "active")
		}()
	}
	wg.Wait()
	return errs
}

// TestConcurrentCallsAtASkewedClock checks that every call signed with an
// offset the service refuses retries once with the offset it learnt, even
// when other calls under way changed the client's offset meanwhile.
func TestConcurrentCallsAtASkewedClock(t *testing.T) {
	t.Run("service clock 10 minutes ahead", func(t *testing.T) {
		barrier := &barrierClient{}
		client, srv := newKitClient(t, func(o *cwlogs.Options) { barrier.next = o.HTTPClient; o.HTTPClient = barrier })
		srv.SetClock(func() time.Time { return time.Now().Add(10 * time.Minute) })
		const calls = 32
		barrier.arm(calls) // every first attempt is signed with the client's clock
		for i, err := range getConcurrently(client, calls) {
			if err != nil {
				t.Errorf("call %d: %v", i, err)
			}
		}
		if got := len(srv.Requests()); got != 2*calls {
			t.Errorf("server saw %d requests, want %d: one refused and one accepted per call", got, 2*calls)
		}
	})
	t.Run("one bogus Date, then concurrent calls", func(t *testing.T) {
		barrier := &barrierClient{}
		client, srv := newKitClient(t, func(o *cwlogs.Options) { barrier.next = o.HTTPClient; o.HTTPClient = barrier })
		var requests atomic.Int64
		srv.SetClock(func() time.Time {
			if requests.Add(1) == 1 {
				return time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
			}
			return time.Now()
		})
		// With no attempt left, the call fails, and the client keeps the
		// bogus offset for the next calls.
		if _, err := get(context.Background(), client, "active", func(o *cwlogs.Options) { o.RetryMaxAttempts = 1 }); !errors.Is(err, cwlogs.ErrInvalidCredentials) {
			t.Fatalf("call answered with a bogus Date: %v, want a signature error", err)
		}
		const calls = 64
		barrier.arm(calls) // every first attempt is signed with the bogus offset
		for i, err := range getConcurrently(client, calls) {
			if err != nil {
				t.Errorf("call %d: %v", i, err)
			}
		}
		if got := len(srv.Requests()); got != 1+2*calls {
			t.Errorf("server saw %d requests, want %d", got, 1+2*calls)
		}
	})
}

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
