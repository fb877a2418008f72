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

// check validates the loop's settings and fills in the defaults.
func (l *waitLoop) check(maxWaitDur time.Duration) error {
	op := l.waiter + ".Wait"
	switch {
	case l.client == nil:
		return &InvalidInputError{Operation: op, Field: "client", Reason: "is nil"}
	case maxWaitDur <= 0:
		return &InvalidInputError{Operation: op, Field: "maxWaitDur", Reason: fmt.Sprintf("is %v, want more than zero", maxWaitDur)}
	case l.minDelay < 0:
		return &InvalidInputError{Operation: op, Field: "MinDelay", Reason: fmt.Sprintf("is %v, want zero or more", l.minDelay)}
	case l.maxDelay < 0:
		return &InvalidInputError{Operation: op, Field: "MaxDelay", Reason: fmt.Sprintf("is %v, want zero or more", l.maxDelay)}
	}
	if l.minDelay == 0 {
		l.minDelay = DefaultWaiterMinDelay
	}
	if l.maxDelay == 0 {
		l.maxDelay = max(DefaultWaiterMaxDelay, l.minDelay)
	}
	if l.minDelay > l.maxDelay {
		return &InvalidInputError{Operation: op, Field: "MinDelay",
			Reason: fmt.Sprintf("is %v, more than MaxDelay (%v)", l.minDelay, l.maxDelay)}
	}
	if l.clock == nil {
		l.clock = realClock{}
	}
	return nil
}

// run polls until the verdict ends the wait, the deadline comes or ctx
// ends. It returns the output of the last poll on success.
func (l *waitLoop) run(ctx context.Context, params *GetIntegrationInput, maxWaitDur time.Duration) (_ *GetIntegrationOutput, err error) {
	if err := l.check(maxWaitDur); err != nil {
		return nil, err
	}
	if params == nil {
		params = &GetIntegrationInput{}
	}
	// Telemetry: the wait's span, parent of the polls' spans.
	ctx, span := startTaskSpan(ctx, l.client, l.clientOptions, l.waiter+".Wait", params.IntegrationName)
	defer func() { span.end(err) }()
	start := l.clock.now()
	deadline := start.Add(maxWaitDur)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	werr := &WaitError{Name: params.IntegrationName, Want: l.want}
	logger := loggerOf(l.client, l.clientOptions)
	for attempt := 1; ; attempt++ {
		// The poll ends at the deadline, whichever comes first.
		pollCtx, cancel := context.WithTimeout(ctx, deadline.Sub(l.clock.now()))
		out, err := l.client.GetIntegration(pollCtx, params, l.clientOptions...)
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
			werr.Output = out
		}

		var next time.Duration
		var result error
		switch left := deadline.Sub(now); {
		case v == verdictDone:
		case v == verdictFailed:
			result = &IntegrationFailedError{Name: params.IntegrationName, Output: out, Problems: out.Problems()}
		case ctx.Err() != nil:
			werr.Context = ctx.Err()
			werr.Timeout = errors.Is(werr.Context, context.DeadlineExceeded)
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
			werr.Timeout = true
			result = werr
		default:
			next = l.delay(attempt, left)
		}
		p := WaitPoll{Attempt: attempt, Output: out, Err: err, Next: next}
		l.logPoll(ctx, logger, params.IntegrationName, p)
		l.report(p)
		span.poll(p) // telemetry: an event per poll
		if v == verdictDone {
			return out, nil
		}
		if result != nil {
			return nil, result
		}
		if err := l.clock.sleep(ctx, next); err != nil {
			werr.Context = err
			werr.Timeout = errors.Is(err, context.DeadlineExceeded)
			return nil, werr
		}
	}
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
}

// realClock is the clock of the machine.
type realClock struct{}

func (realClock) now() time.Time { return time.Now() }

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
