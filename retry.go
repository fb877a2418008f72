package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
	"time"
)

// Defaults of the retry settings of [Options].
const (
	// DefaultRetryMaxAttempts is the number of attempts a call makes when
	// Options.RetryMaxAttempts is zero.
	DefaultRetryMaxAttempts = 3
	// DefaultAttemptTimeout bounds each attempt when Options.AttemptTimeout
	// is zero.
	DefaultAttemptTimeout = 10 * time.Second
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

// retry makes the attempts of a call, logging each one it retries. When
// the last fails after one that may have taken effect, the call's confirm
// function decides whether the call succeeded after all.
func (c *Client) retry(ctx context.Context, cl call) (ResponseMetadata, error) {
	skewCorrected := false
	sent := 0      // attempts that handed a request to the HTTP client
	var prev error // the error of the attempt before, if any
	// unknown tells that an attempt before may have taken effect, for an
	// operation that is not idempotent.
	unknown := false
	// offset is what the next attempt adds to the clock when signing: the
	// client's, or the one this call just learnt from a refusal.
	offset, learnt := time.Duration(0), false
	for n := 1; ; n++ {
		if !learnt {
			offset = time.Duration(c.skew.Load())
		}
		learnt = false
		actx, cancel := ctx, context.CancelFunc(func() {})
		bounded := c.needsAttemptTimeout(ctx)
		if bounded {
			actx, cancel = context.WithTimeout(ctx, c.r.attemptTimeout)
		}
		actx, tel := c.startAttempt(actx, cl.op, n) // telemetry: the attempt's span, in actx
		a, err := c.try(actx, cl, offset)
		tel.end(ctx, cl.op, a, err) // telemetry: the attempt's outcome

		var bound time.Duration // the attempt's bound, if it ran out
		if bounded && actx.Err() == context.DeadlineExceeded {
			bound = c.r.attemptTimeout
		}
		cancel()
		if a.sent {
			sent++
		}
		a.meta.Attempts = sent
		if err == nil {
			c.learnSkew(a, nil, offset)
			return a.meta, nil
		}
		if ctx.Err() != nil {
			if prev != nil && errors.Is(err, ctx.Err()) {
				// The last attempt was cut short by the caller's deadline:
				// the attempt before tells what was going wrong.
				err = prev
			}
			return a.meta, &AttemptsError{Attempts: sent, Err: err, Context: ctx.Err()}
		}
		if errors.Is(err, context.DeadlineExceeded) && (bound != 0 || !errors.Is(err, ErrCredentials)) {
			// The caller's context is alive: the attempt's own bound, or
			// the HTTP client's, ran out (a credentials provider's own
			// timeout stays its error).
			err = &opError{op: cl.op, kind: kindAttemptTimeout, err: attemptTimeoutError(bound)}
		}
		prev = err
		if l, skewed := c.learnSkew(a, err, offset); skewed && !skewCorrected && n < c.r.maxAttempts {
			// The clock was wrong, not the credentials: try once more at
			// once, signed with the service's time as this call saw it.
			skewCorrected = true
			offset, learnt = l, true
			c.logRetry(ctx, cl.op, n, 0, a.meta, err)
			continue
		}
		var delay time.Duration
		ok := n < c.r.maxAttempts
		if ok {
			delay, ok = c.r.policy.RetryDelay(n, err)
		}
		if !ok {
			// The call ends with err, unless an attempt before may have
			// taken effect and the operation confirms that it did.
			if unknown {
				if meta, confirmed := cl.confirm(ctx, c, cl.in, cl.out, err); confirmed {
					meta.Attempts, meta.Confirmed = sent, true
					c.logConfirmed(ctx, cl.op, sent, a.meta, err)
					return meta, nil
				}
			}
			return a.meta, attemptsError(sent, err)
		}
		unknown = unknown || cl.confirm != nil && mayHaveTakenEffect(a, err)
		delay = withRetryAfter(delay, a.retryAfter)
		c.logRetry(ctx, cl.op, n, delay, a.meta, err)
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return a.meta, &AttemptsError{Attempts: sent, Err: err, Context: ctx.Err()}
		case <-t.C:
		}
	}
}

// mayHaveTakenEffect reports whether attempt a, which failed with err,
// may have taken effect: its request may have reached the service (see
// attempt.written) and no complete answer came back, or the service
// answered with a 5xx error other than throttling. A failure to connect,
// a throttling error or a 4xx error did not.
func mayHaveTakenEffect(a attempt, err error) bool {
	status := a.meta.StatusCode
	return a.written && !(400 <= status && status < 500) && !isThrottle(err)
}

// writeTrace learns from net/http whether a request was written. It is
// the context of the request, through which the HTTP client finds the
// trace (see Value) without a context of its own.
type writeTrace struct {
	context.Context // the attempt's context
	// asked tells that the HTTP client asked for a connection, and so
	// reports to the trace; wrote that it wrote the whole request. The
	// transport sets them from its own goroutines. That a client looks the
	// trace up does not tell that it reports to it: one that adds a trace
	// of its own (httptrace.WithClientTrace) looks it up to call it too,
	// and may then send with a transport that reports to neither.
	asked, wrote atomic.Bool
	// hooks is the trace the HTTP client reports to.
	hooks httptrace.ClientTrace
}

// traceKey is the key under which package httptrace looks for a trace in
// a context, learnt once from a context that records the key it is asked
// for (its type is not exported).
var traceKey = func() any {
	var p keyProbe
	httptrace.ContextClientTrace(&p)
	return p.key
}()

// keyProbe is a context that records the key of the last value it was
// asked for, and has none.
type keyProbe struct {
	context.Context
	key any
}

func (p *keyProbe) Value(key any) any {
	p.key = key
	return nil
}

// Value returns the trace to the HTTP client that looks for one; it looks
// other keys up in the attempt's context.
func (t *writeTrace) Value(key any) any {
	if key == traceKey {
		return &t.hooks
	}
	return t.Context.Value(key)
}

// context returns ctx with a trace that fills t: t itself, or, when ctx
// has a trace of its own (the caller's, which httptrace.WithClientTrace
// makes the trace call too), ctx with t's trace added.
func (t *writeTrace) context(ctx context.Context) context.Context {
	t.hooks.GetConn = func(string) { t.asked.Store(true) }
	t.hooks.WroteRequest = func(info httptrace.WroteRequestInfo) {
		if info.Err == nil {
			t.wrote.Store(true)
		}
	}
	if traceKey == nil || httptrace.ContextClientTrace(ctx) != nil {
		return httptrace.WithClientTrace(ctx, &t.hooks)
	}
	t.Context = ctx
	return t
}

// written reports whether a request that failed with err may have reached
// the service: it was written, or, when the HTTP client does not report
// to the trace, the error is not a failure to connect.
func (t *writeTrace) written(err error) bool {
	if t.asked.Load() {
		return t.wrote.Load()
	}
	var dnsErr *net.DNSError
	var netErr *net.OpError
	return !errors.As(err, &dnsErr) && !(errors.As(err, &netErr) && netErr.Op == "dial")
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

// needsAttemptTimeout reports whether an attempt needs a bound of its own:
// not when there is none, nor when the caller's deadline comes first.
func (c *Client) needsAttemptTimeout(ctx context.Context) bool {
	if c.r.attemptTimeout <= 0 {
		return false
	}
	deadline, ok := ctx.Deadline()
	return !ok || time.Until(deadline) > c.r.attemptTimeout
}

// attemptsError is the error of a call that ended with err after n
// attempts: err itself if there was one attempt or none.
func attemptsError(n int, err error) error {
	if n <= 1 {
		return err
	}
	return &AttemptsError{Attempts: n, Err: err}
}

// AttemptsError is the error of a call that made more than one attempt, or
// whose context ended while it was under way. It wraps the error of the
// last attempt, so errors.Is and errors.As see through it to the
// [*APIError] or the sentinel, and the context's error.
type AttemptsError struct {
	// Attempts is the number of attempts that sent a request (handed it
	// to the HTTP client): 0 when the context ended before any was sent.
	Attempts int
	// Err is the error of the last attempt.
	Err error
	// Context is the context's error if it ended, else nil.
	Context error
}

// Error returns the error on one line: the last attempt's error and the
// number of attempts, led by the context's error if it ended.
func (e *AttemptsError) Error() string {
	switch {
	case e.Context != nil && e.Attempts == 0 && errors.Is(e.Err, e.Context):
		return fmt.Sprintf("%v (no request sent)", e.Err)
	case e.Context != nil && e.Attempts == 0:
		return fmt.Sprintf("cwlogs: %v before any request was sent; last error: %v", e.Context, e.Err)
	case e.Context != nil:
		return fmt.Sprintf("cwlogs: %v after %s; last error: %v", e.Context, nounCount(e.Attempts, "attempt"), e.Err)
	}
	return fmt.Sprintf("%v (after %s)", e.Err, nounCount(e.Attempts, "attempt"))
}

// Unwrap returns the last attempt's error and the context's error.
func (e *AttemptsError) Unwrap() []error {
	if e.Context != nil {
		return []error{e.Context, e.Err}
	}
	return []error{e.Err}
}

// retryAfter parses the X-Amz-Retry-After header, in milliseconds.
func retryAfter(h http.Header) time.Duration {
	ms, err := strconv.ParseInt(h.Get("X-Amz-Retry-After"), 10, 64)
	if err != nil || ms < 0 {
		return 0
	}
	return time.Duration(ms) * time.Millisecond
}
