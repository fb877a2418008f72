package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors of the waiters, tested with errors.Is.
var (
	// ErrIntegrationFailed: the integration waited for reached the status
	// FAILED. The error is an [*IntegrationFailedError].
	ErrIntegrationFailed = errors.New("cwlogs: integration failed")
	// ErrWaitTimeout: a waiter gave up because its maximum wait time, or
	// the deadline of its context, came before the state waited for. The
	// error is a [*WaitError].
	ErrWaitTimeout = errors.New("cwlogs: wait timed out")
)

// Defaults of the waiters' options.
const (
	// DefaultWaiterMinDelay is the shortest delay between two polls when a
	// waiter's MinDelay is zero.
	DefaultWaiterMinDelay = 10 * time.Second
	// DefaultWaiterMaxDelay is the longest delay between two polls when a
	// waiter's MaxDelay is zero (or MinDelay, if that is longer).
	DefaultWaiterMaxDelay = 60 * time.Second
	// DefaultNotFoundGrace is how long [IntegrationActiveWaiter] takes
	// ResourceNotFoundException for a name the service does not know yet
	// when its NotFoundGrace is zero.
	DefaultNotFoundGrace = 30 * time.Second
)

// WaitPoll describes one poll of a waiter: a GetIntegration call and what
// the waiter does next.
type WaitPoll struct {
	// Attempt is the number of the poll, 1 for the first.
	Attempt int
	// Output is what GetIntegration returned, nil if it failed.
	Output *GetIntegrationOutput
	// Err is the error GetIntegration returned, nil if it succeeded.
	Err error
	// Next is the delay before the next poll, or 0 if this poll was the
	// last one: the wait succeeded, failed, timed out or was cancelled.
	Next time.Duration
}

// IntegrationActiveWaiterOptions are the options of an
// [IntegrationActiveWaiter]. The zero value means the defaults.
type IntegrationActiveWaiterOptions struct {
	// ClientOptions are applied to every GetIntegration call of the waiter,
	// as the optFns of a call are.
	ClientOptions []func(*Options)

	// MinDelay is the shortest delay between two polls. If zero,
	// DefaultWaiterMinDelay (10 s).
	MinDelay time.Duration
	// MaxDelay is the longest delay between two polls. If zero,
	// DefaultWaiterMaxDelay (60 s), or MinDelay if that is longer. The
	// delay after poll n is random in [MinDelay, min(MinDelay × 2^(n−1),
	// MaxDelay)], then shortened near the deadline, but not below
	// MinDelay, so that the last poll starts at least MinDelay before the
	// deadline when there is room for it.
	MaxDelay time.Duration

	// NotFoundGrace is how long after the start of the wait a
	// ResourceNotFoundException keeps the waiter polling, since the service
	// may not know an integration right after it was created. After it,
	// the error ends the wait. If zero, DefaultNotFoundGrace (30 s); if
	// negative, no grace.
	NotFoundGrace time.Duration

	// OnPoll, if not nil, is called after every poll, on the goroutine that
	// waits, before the delay that follows: a tool can show progress with
	// it. The wait goes on when it returns.
	OnPoll func(WaitPoll)

	// clock, if not nil, replaces the real clock (tests).
	clock waitClock
}

// IntegrationActiveWaiter waits until an integration is ACTIVE, polling
// GetIntegration. Make one with [NewIntegrationActiveWaiter].
type IntegrationActiveWaiter struct {
	client  GetIntegrationAPI
	options IntegrationActiveWaiterOptions
}

// NewIntegrationActiveWaiter returns a waiter that polls client until an
// integration is ACTIVE. Options that cannot work are reported by
// [IntegrationActiveWaiter.Validate], and by Wait before any request.
func NewIntegrationActiveWaiter(client GetIntegrationAPI, optFns ...func(*IntegrationActiveWaiterOptions)) *IntegrationActiveWaiter {
	var o IntegrationActiveWaiterOptions
	for _, fn := range optFns {
		fn(&o)
	}
	return &IntegrationActiveWaiter{client: client, options: o}
}

// Validate reports the first setting of the waiter that cannot work, as an
// [*InvalidInputError] that names it: a nil client, a negative MinDelay or
// MaxDelay, or a MinDelay longer than MaxDelay once the defaults apply.
// Wait refuses the same settings, and those its optFns make, but only when
// it runs: a tool calls Validate before it creates what it waits for.
func (w *IntegrationActiveWaiter) Validate() error {
	const op = "IntegrationActiveWaiter"
	if w == nil {
		return checkWaiter(op, nil, 0, 0)
	}
	return checkWaiter(op, w.client, w.options.MinDelay, w.options.MaxDelay)
}

// Wait polls GetIntegration with params until the integration is ACTIVE,
// for at most maxWaitDur; optFns change the waiter's options for this call.
// It returns nil once the integration is ACTIVE, and otherwise:
//
//   - an [*IntegrationFailedError], which matches [ErrIntegrationFailed],
//     when the integration is FAILED;
//   - a [*WaitError] that matches [ErrWaitTimeout] when maxWaitDur, or the
//     context's deadline, comes first: when no more than MinDelay is left
//     after a poll, it returns at once, and a poll still running at the
//     deadline is cut. When the deadline that ends the wait is the
//     context's (it passed during a poll or a delay, or no more than
//     MinDelay was left before it), the error also matches
//     context.DeadlineExceeded; when it is maxWaitDur's, it does not, and a
//     poll it cut is not the last error: the poll before it is;
//   - a [*WaitError] that matches the context's error when the context is
//     cancelled, at once, even during a delay;
//   - a [*WaitError] that wraps the error of a poll that failed with an
//     error not worth another poll: ResourceNotFoundException after the
//     NotFoundGrace, or any error that [IsRetryable] does not report, such
//     as AccessDeniedException.
//
// Other statuses, PROVISIONING or one this package does not know, keep it
// polling, as do retryable errors such as throttling. Before any request,
// an [*InvalidInputError] reports a maxWaitDur that is not positive,
// options that cannot work (see [IntegrationActiveWaiter.Validate]), and
// a name GetIntegration would refuse (a nil params has none).
func (w *IntegrationActiveWaiter) Wait(ctx context.Context, params *GetIntegrationInput, maxWaitDur time.Duration, optFns ...func(*IntegrationActiveWaiterOptions)) error {
	_, err := w.WaitForOutput(ctx, params, maxWaitDur, optFns...)
	return err
}

// WaitForOutput is [IntegrationActiveWaiter.Wait], and it returns the output
// of the poll that found the integration ACTIVE.
func (w *IntegrationActiveWaiter) WaitForOutput(ctx context.Context, params *GetIntegrationInput, maxWaitDur time.Duration, optFns ...func(*IntegrationActiveWaiterOptions)) (*GetIntegrationOutput, error) {
	o := w.options
	o.ClientOptions = slices.Clip(o.ClientOptions)
	for _, fn := range optFns {
		fn(&o)
	}
	status := func(out *GetIntegrationOutput) IntegrationStatus { return out.IntegrationStatus }
	verdict := activeVerdict(status, IntegrationStatusActive, IntegrationStatusFailed, o.NotFoundGrace)
	l, err := integrationWaitLoop("IntegrationActiveWaiter", string(IntegrationStatusActive), w.client, params,
		o.ClientOptions, o.MinDelay, o.MaxDelay, o.OnPoll, o.clock, verdict)
	if err != nil {
		return nil, err
	}
	return l.run(ctx, maxWaitDur)
}

// integrationWaitLoop returns the loop of a waiter that polls client's
// GetIntegration with params until verdict ends the wait; want is what it
// waits for ("ACTIVE", "deleted"). It checks params: a name that
// GetIntegration would refuse is refused here, so that the error says no
// poll was made.
func integrationWaitLoop(waiter, want string, client GetIntegrationAPI, params *GetIntegrationInput,
	clientOptions []func(*Options), minDelay, maxDelay time.Duration, onPoll func(WaitPoll), clock waitClock,
	verdict func(*GetIntegrationOutput, error, time.Duration) verdict) (*waitLoop[GetIntegrationOutput], error) {
	if params == nil {
		params = &GetIntegrationInput{}
	}
	name := params.IntegrationName
	if err := validateIntegrationName(waiter+".Wait", name); err != nil {
		return nil, err
	}
	logger := loggerOf(client, clientOptions)
	l := &waitLoop[GetIntegrationOutput]{
		waiter: waiter, client: client, clientOptions: clientOptions, integration: name,
		minDelay: minDelay, maxDelay: maxDelay, clock: clock, verdict: verdict,
		poll: func(ctx context.Context) (*GetIntegrationOutput, secrets, error) {
			var sec secrets
			out, err := keepSecrets(client, keepLast(&sec)).GetIntegration(ctx, params, clientOptions...)
			return out, sec, err
		},
		report: func(ctx context.Context, span taskSpan, attempt int, out *GetIntegrationOutput, err error, next time.Duration, sec secrets) {
			p := WaitPoll{Attempt: attempt, Output: out, Err: err, Next: next}
			logPoll(ctx, logger, waiter, name, p, sec)
			span.poll(p) // telemetry: an event per poll
			if onPoll != nil {
				onPoll(p)
			}
		},
		failed: func(out *GetIntegrationOutput, sec secrets) error {
			return integrationFailed(name, out, sec)
		},
		stopped: func(s waitState[GetIntegrationOutput]) error {
			e := &WaitError{Name: name, Want: want, Attempts: s.attempts, Output: s.output,
				Timeout: s.timeout, Context: s.context, Err: s.err}
			e.text = e.message(s.outSecrets)
			return e
		},
	}
	return l, nil
}

// IntegrationDeletedWaiterOptions are the options of an
// [IntegrationDeletedWaiter]. The zero value means the defaults.
type IntegrationDeletedWaiterOptions struct {
	// ClientOptions are applied to every GetIntegration call of the waiter,
	// as the optFns of a call are.
	ClientOptions []func(*Options)

	// MinDelay is the shortest delay between two polls. If zero,
	// DefaultWaiterMinDelay (10 s).
	MinDelay time.Duration
	// MaxDelay is the longest delay between two polls. If zero,
	// DefaultWaiterMaxDelay (60 s), or MinDelay if that is longer.
	MaxDelay time.Duration

	// OnPoll, if not nil, is called after every poll, on the goroutine that
	// waits, before the delay that follows.
	OnPoll func(WaitPoll)

	// clock, if not nil, replaces the real clock (tests).
	clock waitClock
}

// IntegrationDeletedWaiter waits until an integration is deleted: until
// GetIntegration answers ResourceNotFoundException. Make one with
// [NewIntegrationDeletedWaiter].
type IntegrationDeletedWaiter struct {
	client  GetIntegrationAPI
	options IntegrationDeletedWaiterOptions
}

// NewIntegrationDeletedWaiter returns a waiter that polls client until an
// integration is deleted. Options that cannot work are reported by
// [IntegrationDeletedWaiter.Validate], and by Wait before any request.
func NewIntegrationDeletedWaiter(client GetIntegrationAPI, optFns ...func(*IntegrationDeletedWaiterOptions)) *IntegrationDeletedWaiter {
	var o IntegrationDeletedWaiterOptions
	for _, fn := range optFns {
		fn(&o)
	}
	return &IntegrationDeletedWaiter{client: client, options: o}
}

// Validate reports the first setting of the waiter that cannot work, as
// [IntegrationActiveWaiter.Validate] does.
func (w *IntegrationDeletedWaiter) Validate() error {
	const op = "IntegrationDeletedWaiter"
	if w == nil {
		return checkWaiter(op, nil, 0, 0)
	}
	return checkWaiter(op, w.client, w.options.MinDelay, w.options.MaxDelay)
}

// Wait polls GetIntegration with params until it answers
// ResourceNotFoundException, for at most maxWaitDur, and then returns nil;
// optFns change the waiter's options for this call. Its delays, timeout,
// cancellation and errors follow the rules of [IntegrationActiveWaiter.Wait]:
// any status keeps it polling, as do retryable errors; other errors end it.
func (w *IntegrationDeletedWaiter) Wait(ctx context.Context, params *GetIntegrationInput, maxWaitDur time.Duration, optFns ...func(*IntegrationDeletedWaiterOptions)) error {
	o := w.options
	o.ClientOptions = slices.Clip(o.ClientOptions)
	for _, fn := range optFns {
		fn(&o)
	}
	l, err := integrationWaitLoop("IntegrationDeletedWaiter", "deleted", w.client, params,
		o.ClientOptions, o.MinDelay, o.MaxDelay, o.OnPoll, o.clock, goneVerdict[GetIntegrationOutput])
	if err != nil {
		return err
	}
	_, err = l.run(ctx, maxWaitDur)
	return err
}

// IntegrationFailedError reports an integration that a waiter found FAILED.
// It matches [ErrIntegrationFailed] with errors.Is.
//
// Its fields hold the service's data as it was sent. The text the waiter
// makes of them (Error, and GoString for %#v) has the credentials and the
// signature of the poll's request replaced by "[redacted]" wherever the
// service echoed them.
type IntegrationFailedError struct {
	// Name is the integration's name, as asked for.
	Name string
	// Output is the last output, the one with the status FAILED.
	Output *GetIntegrationOutput
	// Problems are the output's resources that are not ACTIVE, as
	// [GetIntegrationOutput.Problems] returns them.
	Problems []ResourceHealth

	// text is Error's text, scrubbed, as the waiter made it.
	text string
}

// maxProblemMessage bounds the status message quoted in an
// [IntegrationFailedError]'s text, in characters.
const maxProblemMessage = 200

// Error returns the error on one line, naming how many resources are not
// ACTIVE and the first in ERROR (else the first problem) with its message,
// such as `cwlogs: integration "x" FAILED: 3 resources not active;
// collection ERROR: Collection creation failed`. For an error a waiter
// returned, it is the text made when the waiter returned it.
func (e *IntegrationFailedError) Error() string {
	if e == nil {
		return nilError("IntegrationFailedError")
	}
	if e.text != "" {
		return e.text
	}
	return e.message(secrets{})
}

// GoString returns Error's text, for %#v, which would otherwise print the
// fields: the service's data as it was sent.
func (e *IntegrationFailedError) GoString() string { return e.Error() }

// message makes Error's text, with the secrets of sec taken out of what
// came from the service.
func (e *IntegrationFailedError) message(sec secrets) string {
	var b strings.Builder
	fmt.Fprintf(&b, "cwlogs: integration %q FAILED", e.Name)
	if len(e.Problems) == 0 {
		return b.String()
	}
	first := e.Problems[0]
	for _, r := range e.Problems {
		if r.Reported && r.Status == OpenSearchResourceStatusTypeError {
			first = r
			break
		}
	}
	fmt.Fprintf(&b, ": %s not active; %s", nounCount(len(e.Problems), "resource"), resourceState(first, sec))
	if first.Message != "" {
		b.WriteString(": ")
		b.WriteString(boundedChars(oneLine(sec.scrub(first.Message)), maxProblemMessage))
	}
	return b.String()
}

// Is reports whether target is [ErrIntegrationFailed].
func (e *IntegrationFailedError) Is(target error) bool {
	return e != nil && target == ErrIntegrationFailed
}

// WaitError reports a wait that ended without the state waited for, for
// another reason than a FAILED integration: the maximum wait time or the
// context's deadline came first (Timeout is true, and it matches
// [ErrWaitTimeout]), the context was cancelled, or a poll failed with an
// error not worth another poll. It wraps the context's error and the last
// poll's error, so that errors.Is matches context.Canceled, or
// [ErrResourceNotFound] for a wait that ended on that error, and errors.As
// finds an [*APIError].
//
// Output holds the service's data as it was sent. The text the waiter
// makes of it (Error, and GoString for %#v) has the credentials and the
// signature of the poll's request replaced by "[redacted]" wherever the
// service echoed them.
type WaitError struct {
	// Name is the integration's name, as asked for.
	Name string
	// Want is what was waited for: "ACTIVE" or "deleted".
	Want string
	// Attempts is the number of polls made.
	Attempts int
	// Output is the output of the last poll that succeeded, nil if none
	// did.
	Output *GetIntegrationOutput
	// Timeout is true when the wait ended at a deadline.
	Timeout bool
	// Context is the context's error when the context ended the wait. It
	// is context.DeadlineExceeded too when the context's deadline ended it
	// before the context did: a poll cut at that deadline, or too little
	// time left before it for another poll.
	Context error
	// Err is the error of the last poll, nil if it succeeded. A poll that
	// maxWaitDur cut tells nothing more than Timeout does: Err is then the
	// error of the poll before it.
	Err error

	// text is Error's text, scrubbed, as the waiter made it.
	text string
}

// Error returns the error on one line: why the wait ended, the last status
// seen and, when waiting for ACTIVE, the resources not active then. For an
// error a waiter returned, it is the text made when the waiter returned it.
func (e *WaitError) Error() string {
	if e == nil {
		return nilError("WaitError")
	}
	if e.text != "" {
		return e.text
	}
	return e.message(secrets{})
}

// GoString returns Error's text, for %#v, which would otherwise print the
// fields: the service's data as it was sent.
func (e *WaitError) GoString() string { return e.Error() }

// message makes Error's text, with the secrets of sec taken out of what
// came from the service.
func (e *WaitError) message(sec secrets) string {
	var b strings.Builder
	fmt.Fprintf(&b, "cwlogs: wait for integration %q to be %s: ", e.Name, e.Want)
	writeWaitEnd(&b, e.Context, e.Timeout, e.Attempts)
	if e.Output == nil {
		b.WriteString("; no status seen")
	} else {
		fmt.Fprintf(&b, "; last status %s", statusText(sec.scrub(string(e.Output.IntegrationStatus))))
		if ps := e.Output.Problems(); len(ps) > 0 && e.Want == string(IntegrationStatusActive) {
			fmt.Fprintf(&b, "; %s not active:", nounCount(len(ps), "resource"))
			for i, r := range ps {
				if i > 0 {
					b.WriteByte(',')
				}
				b.WriteByte(' ')
				b.WriteString(resourceState(r, sec))
			}
		}
	}
	writeLastError(&b, e.Err, e.Context, sec)
	return b.String()
}

// Is reports whether target is [ErrWaitTimeout] and the wait timed out.
func (e *WaitError) Is(target error) bool { return e != nil && target == ErrWaitTimeout && e.Timeout }

// Unwrap returns the context's error and the last poll's error, those that
// are not nil.
func (e *WaitError) Unwrap() []error {
	if e == nil {
		return nil
	}
	return nonNil(e.Context, e.Err)
}

// resourceState describes a resource's state in a few words, such as
// "collection ERROR" or "workspace not reported", with the secrets of sec
// taken out of its status.
func resourceState(r ResourceHealth, sec secrets) string {
	if !r.Reported {
		return string(r.Kind) + " not reported"
	}
	return string(r.Kind) + " " + statusText(sec.scrub(string(r.Status)))
}

// maxStatusText bounds a status quoted in a waiter's error, in characters.
// The service's are one short word, and a value it may add is kept, but a
// hostile one of megabytes must not make an error of megabytes.
const maxStatusText = 64

// statusText returns a status for an error message: "-" when empty, quoted
// when it is not a plain word, and cut past maxStatusText characters.
func statusText(s string) string {
	if s == "" {
		return "-"
	}
	s = boundedChars(s, maxStatusText)
	for _, r := range s {
		if !(r == '_' || r == '-' || 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9') {
			return strconv.Quote(s)
		}
	}
	return s
}

// integrationFailed is the error of the integration name found FAILED in
// out, its text scrubbed of sec, the secrets of the request out answered.
func integrationFailed(name string, out *GetIntegrationOutput, sec secrets) *IntegrationFailedError {
	e := &IntegrationFailedError{Name: name, Output: out, Problems: out.Problems()}
	e.text = e.message(sec)
	return e
}
