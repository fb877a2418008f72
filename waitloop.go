package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"
)

// verdict is what a waiter makes of a poll.
type verdict int

const (
	verdictPoll   verdict = iota // poll again
	verdictDone                  // the state waited for
	verdictFailed                // the integration is FAILED
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

// waitLoop is the poll loop that both waiters run.
type waitLoop struct {
	waiter        string // the waiter's type name, for errors
	want          string // what is waited for, for errors: "ACTIVE", "deleted"
	client        GetIntegrationAPI
	clientOptions []func(*Options)
	minDelay      time.Duration
	maxDelay      time.Duration
	onPoll        func(WaitPoll)
	clock         waitClock
	// verdict judges a poll; elapsed is the time since the start of the
	// wait.
	verdict func(out *GetIntegrationOutput, err error, elapsed time.Duration) verdict
}

// checkWaiter returns the first setting of a waiter that cannot work, as
// an error of the operation op that names it: a nil client, a negative
// delay, or a MinDelay longer than MaxDelay once the defaults apply.
func checkWaiter(op string, client GetIntegrationAPI, minDelay, maxDelay time.Duration) error {
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

// check validates the loop's settings and its input, before any request,
// and fills in the defaults.
func (l *waitLoop) check(params *GetIntegrationInput, maxWaitDur time.Duration) error {
	op := l.waiter + ".Wait"
	if err := checkWaiter(op, l.client, l.minDelay, l.maxDelay); err != nil {
		return err
	}
	if maxWaitDur <= 0 {
		return &InvalidInputError{Operation: op, Field: "maxWaitDur", Reason: fmt.Sprintf("is %v, want more than zero", maxWaitDur)}
	}
	// A name that GetIntegration would refuse is refused here, so that the
	// error says no poll was made.
	if err := validateIntegrationName(op, params.IntegrationName); err != nil {
		return err
	}
	l.minDelay, l.maxDelay = waiterDelays(l.minDelay, l.maxDelay)
	if l.clock == nil {
		l.clock = realClock{}
	}
	return nil
}

// run polls until the verdict ends the wait, the deadline comes or ctx
// ends. It returns the output of the last poll on success.
func (l *waitLoop) run(ctx context.Context, params *GetIntegrationInput, maxWaitDur time.Duration) (*GetIntegrationOutput, error) {
	if params == nil {
		params = &GetIntegrationInput{}
	}
	if err := l.check(params, maxWaitDur); err != nil {
		return nil, err
	}
	start := l.clock.now()
	deadline := start.Add(maxWaitDur)
	// ctxDeadline tells that the deadline is the context's: when it ends
	// the wait, the error matches context.DeadlineExceeded.
	ctxDeadline := false
	if d, ok := ctx.Deadline(); ok && !d.After(deadline) {
		deadline, ctxDeadline = d, true
	}
	werr := &WaitError{Name: params.IntegrationName, Want: l.want}
	var outSec secrets // of the request whose response werr.Output holds
	logger := loggerOf(l.client, l.clientOptions)
	for attempt := 1; ; attempt++ {
		// The poll ends at the deadline, whichever comes first.
		pollCtx, cancel := l.clock.withDeadline(ctx, deadline)
		out, sec, err := l.poll(pollCtx, params)
		cut := pollCtx.Err() != nil
		cancel()
		if err != nil {
			out = nil
		}
		now := l.clock.now()
		v := l.verdict(out, err, now.Sub(start))
		before := werr.Err // the error of the poll before, if it failed
		werr.Attempts, werr.Err = attempt, err
		if out != nil {
			werr.Output, outSec = out, sec
		}

		var next time.Duration
		var result error
		switch left := deadline.Sub(now); {
		case v == verdictDone:
		case v == verdictFailed:
			failed := &IntegrationFailedError{Name: params.IntegrationName, Output: out, Problems: out.Problems()}
			failed.text = failed.message(sec)
			result = failed
		case ctx.Err() != nil:
			werr.Context = ctx.Err()
			werr.Timeout = errors.Is(werr.Context, context.DeadlineExceeded)
			result = werr
		case cut && ctxDeadline:
			// Cut at the context's deadline, which the context has not
			// reported yet.
			werr.Context, werr.Timeout = context.DeadlineExceeded, true
			result = werr
		case cut:
			// Cut by the wait's own deadline, while the caller's context
			// is alive: the poll's error says only that, and would match
			// context.DeadlineExceeded as if the caller's deadline had
			// passed. The poll before tells where the wait stood.
			werr.Timeout, werr.Err = true, before
			result = werr
		case v == verdictStop:
			result = werr
		case left <= l.minDelay:
			// No room for another poll: the deadline ends the wait now.
			werr.Timeout = true
			if ctxDeadline {
				werr.Context = context.DeadlineExceeded
			}
			result = werr
		default:
			next = l.delay(attempt, left)
		}
		p := WaitPoll{Attempt: attempt, Output: out, Err: err, Next: next}
		l.logPoll(ctx, logger, params.IntegrationName, p, sec)
		l.report(p)
		if v == verdictDone {
			return out, nil
		}
		if result == werr {
			werr.text = werr.message(outSec)
		}
		if result != nil {
			return nil, result
		}
		if err := l.clock.sleep(ctx, next); err != nil {
			werr.Context = err
			werr.Timeout = errors.Is(err, context.DeadlineExceeded)
			werr.text = werr.message(outSec)
			return nil, werr
		}
	}
}

// poll makes one poll. For a [*Client], it also returns the secrets of the
// request whose response the output holds, which the texts made from the
// output (log records, errors) must not show; any other client signs
// nothing of the waiter's.
func (l *waitLoop) poll(ctx context.Context, params *GetIntegrationInput) (*GetIntegrationOutput, secrets, error) {
	var sec secrets
	if c, ok := l.client.(*Client); ok {
		out, err := c.getIntegration(ctx, params, l.clientOptions, &sec)
		return out, sec, err
	}
	out, err := l.client.GetIntegration(ctx, params, l.clientOptions...)
	return out, sec, err
}

// report hands a poll to whoever watches the wait.
func (l *waitLoop) report(p WaitPoll) {
	if l.onPoll != nil {
		l.onPoll(p)
	}
}

// delay returns the delay after poll number attempt, with left the time
// before the deadline (at least minDelay): random in [minDelay,
// min(minDelay × 2^(attempt−1), maxDelay)], then shortened, not below
// minDelay, so that the next poll starts at least minDelay before the
// deadline when there is room for it. It is never more than left.
func (l *waitLoop) delay(attempt int, left time.Duration) time.Duration {
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
