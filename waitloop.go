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
	// poll makes one poll: its output, or its error.
	poll func(ctx context.Context) (*Out, error)
	// verdict judges a poll; elapsed is the time since the start of the
	// wait.
	verdict func(out *Out, err error, elapsed time.Duration) verdict
	// report is called after every poll with its number, its output (nil
	// if it failed), its error and the delay before the next poll (0
	// after the last): the waiter logs it, adds its event to the wait's
	// span and hands it to OnPoll.
	report func(ctx context.Context, span taskSpan, attempt int, out *Out, err error, next time.Duration)
	// failed returns the error of a poll whose verdict is verdictFailed.
	failed func(out *Out) error
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
}

// check validates the loop's settings and fills in the defaults.
func (l *waitLoop[Out]) check(maxWaitDur time.Duration) error {
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
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	var s waitState[Out]
	for attempt := 1; ; attempt++ {
		// The poll ends at the deadline, whichever comes first.
		pollCtx, cancel := context.WithTimeout(ctx, deadline.Sub(l.clock.now()))
		out, err := l.poll(pollCtx)
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
			s.output = out
		}

		var next time.Duration
		var result error
		switch left := deadline.Sub(now); {
		case v == verdictDone:
		case v == verdictFailed:
			result = l.failed(out)
		case ctx.Err() != nil:
			s.context = ctx.Err()
			s.timeout = errors.Is(s.context, context.DeadlineExceeded)
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
			s.timeout = true
			result = l.stopped(s)
		default:
			next = l.delay(attempt, left)
		}
		l.report(ctx, span, attempt, out, err, next)
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
