package cwlogs

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

// Bounds on the waits the service's answers can ask for.
const (
	// maxSkewBeforeCorrection is how far the service's clock may be from
	// ours before a signature error makes the client correct its clock.
	maxSkewBeforeCorrection = 4 * time.Minute
	// maxRetryAfterExtra is how much longer than its own backoff the client
	// waits when the service asks for it with X-Amz-Retry-After.
	maxRetryAfterExtra = 5 * time.Second
)

// RetryPolicy decides whether, and after how long, a failed attempt is
// tried again. The client stops anyway after Options.RetryMaxAttempts
// attempts or when the caller's context ends.
type RetryPolicy interface {
	// RetryDelay is called after attempt number attempt (1 for the first)
	// failed with err. It returns the time to wait before the next attempt,
	// and false if err is not worth another attempt.
	RetryDelay(attempt int, err error) (time.Duration, bool)
}

// StandardRetry is the retry policy a client uses when Options.RetryPolicy
// is nil: it retries the errors [IsRetryable] reports, after an exponential
// backoff with full jitter, a random time in [0, min(base × 2^(attempt−1),
// Cap)). The base is ThrottleBase for throttling errors, Base otherwise.
type StandardRetry struct {
	// Base is the backoff base of most errors. If zero, 50 ms.
	Base time.Duration
	// ThrottleBase is the backoff base of throttling errors. If zero, 1 s.
	ThrottleBase time.Duration
	// Cap bounds every backoff. If zero, 20 s.
	Cap time.Duration
}

// RetryDelay implements [RetryPolicy].
func (p StandardRetry) RetryDelay(attempt int, err error) (time.Duration, bool) {
	if !IsRetryable(err) {
		return 0, false
	}
	base, limit := p.Base, p.Cap
	if base <= 0 {
		base = 50 * time.Millisecond
	}
	if isThrottle(err) {
		base = p.ThrottleBase
		if base <= 0 {
			base = time.Second
		}
	}
	if limit <= 0 {
		limit = 20 * time.Second
	}
	// d = min(base × 2^(attempt−1), limit), without overflow.
	d, shift := limit, max(attempt-1, 0)
	if shift < 63 && base <= limit>>shift {
		d = base << shift
	}
	return time.Duration(rand.Float64() * float64(d)), true
}

// throttleCodes are the error codes by which services ask callers to slow
// down. LimitExceededException, which the official SDK lists too, is not
// one: in CloudWatch Logs it is a quota, which waiting does not lift.
var throttleCodes = map[string]bool{
	"Throttling": true, "ThrottlingException": true, "ThrottledException": true,
	"RequestThrottledException": true, "TooManyRequestsException": true,
	"ProvisionedThroughputExceededException": true, "RequestLimitExceeded": true,
	"BandwidthLimitExceeded": true, "RequestThrottled": true, "SlowDown": true,
	"PriorRequestNotComplete": true,
}

// IsRetryable reports whether err is worth another attempt: a connection
// error (but not a host that does not exist), a response cut short, an
// attempt that timed out ([ErrAttemptTimeout]), HTTP 429, 500, 502, 503 or
// 504, ServiceUnavailableException, a throttling error or
// RequestTimeout(Exception). Errors of the caller, such as
// ResourceNotFoundException, InvalidParameterException,
// LimitExceededException, a failed credentials provider or an ended
// context, are not.
func IsRetryable(err error) bool {
	// The caller's context ended: no attempt can help. (An attempt that
	// timed out is ErrAttemptTimeout, which matches neither.)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var apiErr *APIError
	var opErr *opError
	var readErr *bodyReadError
	switch {
	case errors.As(err, &apiErr):
		switch apiErr.StatusCode {
		case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
			http.StatusServiceUnavailable, http.StatusGatewayTimeout:
			return true
		}
		switch apiErr.Code {
		case "ServiceUnavailableException", "RequestTimeout", "RequestTimeoutException":
			return true
		}
		return throttleCodes[apiErr.Code]
	case errors.As(err, &opErr):
		switch opErr.kind {
		case kindAttemptTimeout:
			return true
		case kindTransport:
			var dnsErr *net.DNSError
			return !errors.As(err, &dnsErr) || !dnsErr.IsNotFound
		}
		return false
	case errors.As(err, &readErr):
		return true
	}
	return false
}

func isThrottle(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && (throttleCodes[apiErr.Code] || apiErr.StatusCode == http.StatusTooManyRequests)
}

// isSkewError reports whether err is the service refusing a request as
// signed at the wrong time.
func isSkewError(err error) bool {
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	switch apiErr.Code {
	case "InvalidSignatureException", "SignatureDoesNotMatch", "RequestTimeTooSkewed", "AuthFailure", "RequestExpired":
		return true
	}
	return false
}

// learnSkew keeps what attempt a, signed with the clock plus offset,
// tells of the service's clock. It returns the offset learnt, and reports
// whether err is the service refusing a request signed at a time that far
// from its own. The client signs with its clock plus the offset it keeps:
// the service's clock minus its own, when they are more than
// maxSkewBeforeCorrection apart, else zero. The offset is measured again
// from every response with a Date, so a clock set right (or a Date that was
// wrong) is unlearnt at the next response. The decision compares with the
// offset the attempt was signed with, not the one kept now, which calls
// under way at the same time may have changed already.
func (c *Client) learnSkew(a attempt, err error, offset time.Duration) (time.Duration, bool) {
	if !a.hasDate {
		return 0, false
	}
	learnt := a.skew
	if learnt.Abs() <= maxSkewBeforeCorrection {
		learnt = 0
	}
	if kept := time.Duration(c.skew.Load()); learnt != kept {
		c.skew.Store(int64(learnt))
	}
	// How far the signing time was from the service's clock.
	return learnt, isSkewError(err) && (a.skew-offset).Abs() > maxSkewBeforeCorrection
}

// withRetryAfter is the wait before the next attempt: the policy's delay,
// or the service's hint if it asked for longer, but not more than
// maxRetryAfterExtra past the delay.
func withRetryAfter(delay, hint time.Duration) time.Duration {
	if hint <= delay {
		return delay
	}
	upper := delay + maxRetryAfterExtra
	if upper < delay { // overflow
		return delay
	}
	return min(hint, upper)
}

// retryAfter parses the X-Amz-Retry-After header, in milliseconds.
func retryAfter(h http.Header) time.Duration {
	ms, err := strconv.ParseInt(h.Get("X-Amz-Retry-After"), 10, 64)
	if err != nil || ms < 0 {
		return 0
	}
	return time.Duration(ms) * time.Millisecond
}
