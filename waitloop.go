package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// verdict is what a waiter makes of a poll.
type verdict int

const (
	verdictPoll   verdict = iota // poll again
	verdictDone                  // the state waited for
	verdictFailed                // what is waited for is FAILED
	verdictStop                  // an error not worth another poll
)

// retryVerdict keeps a waiter polling after an error the client would
// retry.
func retryVerdict(err error) verdict {
	if IsRetryable(err) {
		return verdictPoll
	}
	return verdictStop
}

// activeVerdict returns the verdict of a waiter for the status active,
// where status reads it from a poll's output. The wait is done at active
// and failed at failed; any other status keeps it polling. An error that
// matches [ErrResourceNotFound] keeps it polling until notFoundGrace has
// passed since the start of the wait (DefaultNotFoundGrace if zero, none
// if negative), and then ends it; other errors go by retryVerdict.
func activeVerdict[Out any, S comparable](status func(*Out) S, active, failed S, notFoundGrace time.Duration) func(*Out, error, time.Duration) verdict {
	if notFoundGrace == 0 {
		notFoundGrace = DefaultNotFoundGrace
	}
	return func(out *Out, err error, elapsed time.Duration) verdict {
		switch {
		case err == nil && out != nil && status(out) == active:
			return verdictDone
		case err == nil && out != nil && status(out) == failed:
			return verdictFailed
		case err == nil:
			return verdictPoll
		case errors.Is(err, ErrResourceNotFound):
			if elapsed < notFoundGrace {
				return verdictPoll
			}
			return verdictStop
		}
		return retryVerdict(err)
	}
}

// goneVerdict is the verdict of a waiter for something to be gone: an
// error that matches [ErrResourceNotFound] ends the wait, done; any output
// keeps it polling, and other errors go by retryVerdict.
func goneVerdict[Out any](_ *Out, err error, _ time.Duration) verdict {
	switch {
	case err == nil:
		return verdictPoll
	case errors.Is(err, ErrResourceNotFound):
		return verdictDone
	}
	return retryVerdict(err)
}

// waitLoop is the poll loop every waiter runs, over the output Out of a
// poll: a GetIntegrationOutput, or the S3 Table integration source found
// in a listing.
type waitLoop[Out any] struct {
	waiter string // the waiter's type name, for errors
	client any    // the waiter's client, which must not be nil
	// clientOptions are those of every poll; with client, they tell
	// whether the wait is traced.
	clientOptions []func(*Options)
	// integration names the integration waited for on the wait's span;
	// spanProps are other properties of the span.
	integration string
	spanProps   map[string]string

	minDelay time.Duration
	maxDelay time.Duration
	clock    waitClock
	// poll makes one poll: its output, or its error, and the secrets of
	// the request whose response the output holds (for a *Client), which
	// no text made from the output may show.
	poll func(ctx context.Context) (*Out, secrets, error)
	// verdict judges a poll; elapsed is the time since the start of the
	// wait.
	verdict func(out *Out, err error, elapsed time.Duration) verdict
	// report is called after every poll with its number, its output (nil
	// if it failed), its error, the delay before the next poll (0 after
	// the last) and the poll's secrets: the waiter logs it, adds its event
	// to the wait's span and hands it to OnPoll.
	report func(ctx context.Context, span taskSpan, attempt int, out *Out, err error, next time.Duration, sec secrets)
	// failed returns the error of a poll whose verdict is verdictFailed,
	// whose output out came with the secrets sec.
	failed func(out *Out, sec secrets) error
	// stopped returns the error of a wait that ended without the state
	// waited for, as s tells it.
	stopped func(s waitState[Out]) error
}

// waitState is where a wait stands when it ends without the state waited
// for: what its error reports.
type waitState[Out any] struct {
	attempts int   // polls made
	output   *Out  // the output of the last poll that succeeded
	timeout  bool  // the wait ended at a deadline
	context  error // the context's error, when it ended the wait
	err      error // the last poll's error, nil if it succeeded
	// outSecrets are the secrets of the request whose response output
	// holds, which the error's text must not show.
	outSecrets secrets
}

// checkWaiter returns the first setting of a waiter that cannot work, as
// an error of the operation op that names it: a nil client, a negative
// delay, or a MinDelay longer than MaxDelay once the defaults apply.
func checkWaiter(op string, client any, minDelay, maxDelay time.Duration) error {
	switch {
	case client == nil || isNilValue(client):
		return &InvalidInputError{Operation: op, Field: "client", Reason: "is nil"}
	case minDelay < 0:
		return &InvalidInputError{Operation: op, Field: "MinDelay", Reason: fmt.Sprintf("is %v, want zero or more", minDelay)}
	case maxDelay < 0:
		return &InvalidInputError{Operation: op, Field: "MaxDelay", Reason: fmt.Sprintf("is %v, want zero or more", maxDelay)}
	}
	minDelay, maxDelay = waiterDelays(minDelay, maxDelay)
	if minDelay > maxDelay {
		return &InvalidInputError{Operation: op, Field: "MinDelay",
			Reason: fmt.Sprintf("is %v, more than MaxDelay (%v)", minDelay, maxDelay)}
	}
	return nil
}

// waiterDelays returns a waiter's delays with their defaults.
func waiterDelays(minDelay, maxDelay time.Duration) (time.Duration, time.Duration) {
	if minDelay == 0 {
		minDelay = DefaultWaiterMinDelay
	}
	if maxDelay == 0 {
		maxDelay = max(DefaultWaiterMaxDelay, minDelay)
	}
	return minDelay, maxDelay
}

// check validates the loop's settings and fills in the defaults.
func (l *waitLoop[Out]) check(maxWaitDur time.Duration) error {
	op := l.waiter + ".Wait"
	if err := checkWaiter(op, l.client, l.minDelay, l.maxDelay); err != nil {
		return err
	}
	if maxWaitDur <= 0 {
		return &InvalidInputError{Operation: op, Field: "maxWaitDur", Reason: fmt.Sprintf("is %v, want more than zero", maxWaitDur)}
	}
	l.minDelay, l.maxDelay = waiterDelays(l.minDelay, l.maxDelay)
	if l.clock == nil {
		l.clock = realClock{}
	}
	return nil
}

// run polls until the verdict ends the wait, the deadline comes or ctx
// ends. It returns the output of the last poll on success.
func (l *waitLoop[Out]) run(ctx context.Context, maxWaitDur time.Duration) (_ *Out, err error) {
	if err := l.check(maxWaitDur); err != nil {
		return nil, err
	}
	// Telemetry: the wait's span, parent of the polls' spans.
	ctx, span := startTaskSpan(ctx, l.client, l.clientOptions, l.waiter+".Wait", l.integration)
	for k, v := range l.spanProps {
		span.set(k, v)
	}
	defer func() { span.end(err) }()
	start := l.clock.now()
	deadline := start.Add(maxWaitDur)
	// ctxDeadline tells that the deadline is the context's: when it ends
	// the wait, the error matches context.DeadlineExceeded.
	ctxDeadline := false
	if d, ok := ctx.Deadline(); ok && !d.After(deadline) {
		deadline, ctxDeadline = d, true
	}
	var s waitState[Out]
	for attempt := 1; ; attempt++ {
		// The poll ends at the deadline, whichever comes first.
		pollCtx, cancel := l.clock.withDeadline(ctx, deadline)
		out, sec, err := l.poll(pollCtx)
		cut := pollCtx.Err() != nil
		cancel()
		if err != nil {
			out = nil
		}
		now := l.clock.now()
		v := l.verdict(out, err, now.Sub(start))
		before := s.err // the error of the poll before, if it failed
		s.attempts, s.err = attempt, err
		if out != nil {
			s.output, s.outSecrets = out, sec
		}

		var next time.Duration
		var result error
		switch left := deadline.Sub(now); {
		case v == verdictDone:
		case v == verdictFailed:
			result = l.failed(out, sec)
		case ctx.Err() != nil:
			s.context = ctx.Err()
			s.timeout = errors.Is(s.context, context.DeadlineExceeded)
			result = l.stopped(s)
		case cut && ctxDeadline:
			// Cut at the context's deadline, which the context has not
			// reported yet.
			s.context, s.timeout = context.DeadlineExceeded, true
			result = l.stopped(s)
		case cut:
			// Cut by the wait's own deadline, while the caller's context
			// is alive: the poll's error says only that, and would match
			// context.DeadlineExceeded as if the caller's deadline had
			// passed. The poll before tells where the wait stood.
			s.timeout, s.err = true, before
			result = l.stopped(s)
		case v == verdictStop:
			result = l.stopped(s)
		case left <= l.minDelay:
			// No room for another poll: the deadline ends the wait now.
			s.timeout = true
			if ctxDeadline {
				s.context = context.DeadlineExceeded
			}
			result = l.stopped(s)
		default:
			next = l.delay(attempt, left)
		}
		l.report(ctx, span, attempt, out, err, next, sec)
		if v == verdictDone {
			return out, nil
		}
		if result != nil {
			return nil, result
		}
		if err := l.clock.sleep(ctx, next); err != nil {
			s.context = err
			s.timeout = errors.Is(err, context.DeadlineExceeded)
			return nil, l.stopped(s)
		}
	}
}

// delay returns the delay after poll number attempt, with left the time
// before the deadline (at least minDelay): random in [minDelay,
// min(minDelay × 2^(attempt−1), maxDelay)], then shortened, not below
// minDelay, so that the next poll starts at least minDelay before the
// deadline when there is room for it. It is never more than left.
func (l *waitLoop[Out]) delay(attempt int, left time.Duration) time.Duration {
	ceiling := l.maxDelay
	if shift := attempt - 1; shift < 62 && l.minDelay <= l.maxDelay>>shift {
		ceiling = l.minDelay << shift
	}
	d := l.minDelay
	if ceiling > l.minDelay {
		d += time.Duration(rand.Int64N(int64(ceiling-l.minDelay) + 1))
	}
	if room := left - l.minDelay; d > room {
		d = max(room, l.minDelay)
	}
	return min(d, left)
}

// waitClock is the time as a waiter sees it.
type waitClock interface {
	now() time.Time
	// sleep waits for d, or until ctx ends, and then returns ctx.Err().
	sleep(ctx context.Context, d time.Duration) error
	// withDeadline returns a context derived from ctx that ends at t on
	// this clock, as context.WithDeadline does on the real one.
	withDeadline(ctx context.Context, t time.Time) (context.Context, context.CancelFunc)
}

// realClock is the clock of the machine.
type realClock struct{}

func (realClock) now() time.Time { return time.Now() }

func (realClock) withDeadline(ctx context.Context, t time.Time) (context.Context, context.CancelFunc) {
	return context.WithDeadline(ctx, t)
}

func (realClock) sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// writeWaitEnd writes to b how a wait ended, and after how many polls: at
// the end of the context (its error), timed out, or stopped by an error.
func writeWaitEnd(b *strings.Builder, ctxErr error, timeout bool, polls int) {
	switch {
	case ctxErr != nil:
		b.WriteString(ctxErr.Error())
	case timeout:
		b.WriteString("timed out")
	default:
		b.WriteString("stopped by an error")
	}
	b.WriteString(" after ")
	b.WriteString(nounCount(polls, "poll"))
}

// writeLastError writes to b the error of a wait's last poll, err,
// scrubbed of sec, if any. A poll cut by the context's end fails with the
// context's error, ctxErr: said once is enough.
func writeLastError(b *strings.Builder, err, ctxErr error, sec secrets) {
	if err != nil && (ctxErr == nil || err.Error() != ctxErr.Error()) {
		b.WriteString("; last error: ")
		b.WriteString(oneLine(strings.TrimPrefix(sec.scrubText(err.Error(), false), "cwlogs: ")))
	}
}
