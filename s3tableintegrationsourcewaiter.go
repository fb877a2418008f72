package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// ErrS3TableIntegrationSourceFailed: the S3 Table integration source
// waited for reached the status FAILED. The error is an
// [*S3TableIntegrationSourceFailedError].
var ErrS3TableIntegrationSourceFailed = errors.New("cwlogs: S3 Table integration source failed")

// S3TableIntegrationSourceWaitInput names the source the S3 Table
// integration source waiters poll for.
type S3TableIntegrationSourceWaitInput struct {
	// IntegrationArn is the ARN of the S3 Table integration. Required: a
	// well-formed ARN.
	IntegrationArn string
	// Identifier identifies the source, as
	// [Client.AssociateSourceToS3TableIntegration] returned it. Required:
	// 1 to 2048 characters.
	Identifier string
}

// S3TableIntegrationSourceWaitPoll describes one poll of an S3 Table
// integration source waiter: a listing of the integration's sources, every
// page of it, and what the waiter does next.
type S3TableIntegrationSourceWaitPoll struct {
	// Attempt is the number of the poll, 1 for the first.
	Attempt int
	// Source is the source as listed, nil if the poll failed or the
	// source was not listed.
	Source *S3TableIntegrationSource
	// Err is the error of the poll, nil if it found the source. A source
	// not listed is an error that matches [ErrResourceNotFound].
	Err error
	// Next is the delay before the next poll, or 0 if this poll was the
	// last one: the wait succeeded, failed, timed out or was cancelled.
	Next time.Duration
}

// S3TableIntegrationSourceActiveWaiterOptions are the options of an
// [S3TableIntegrationSourceActiveWaiter]. The zero value means the
// defaults.
type S3TableIntegrationSourceActiveWaiterOptions struct {
	// ClientOptions are applied to every ListSourcesForS3TableIntegration
	// call of the waiter, as the optFns of a call are.
	ClientOptions []func(*Options)

	// MinDelay is the shortest delay between two polls. If zero,
	// DefaultWaiterMinDelay (10 s).
	MinDelay time.Duration
	// MaxDelay is the longest delay between two polls. If zero,
	// DefaultWaiterMaxDelay (60 s), or MinDelay if that is longer. Delays
	// follow the rule of IntegrationActiveWaiterOptions.MaxDelay.
	MaxDelay time.Duration

	// NotFoundGrace is how long after the start of the wait a source that
	// is not listed (or an integration the service answers
	// ResourceNotFoundException for) keeps the waiter polling, since the
	// service may not list an association right after it was made. After
	// it, the wait ends with an error that matches [ErrResourceNotFound].
	// If zero, DefaultNotFoundGrace (30 s); if negative, no grace.
	NotFoundGrace time.Duration

	// OnPoll, if not nil, is called after every poll, on the goroutine that
	// waits, before the delay that follows: a tool can show progress with
	// it, such as a source UNHEALTHY for a while.
	OnPoll func(S3TableIntegrationSourceWaitPoll)

	// clock, if not nil, replaces the real clock (tests).
	clock waitClock
	// identifierSecrets are the secrets of the requests whose responses
	// the input's Identifier came from, when this package took it from
	// one (see sourceWaitLoop).
	identifierSecrets []secrets
}

// S3TableIntegrationSourceActiveWaiter waits until a data source
// associated with an S3 Table integration is ACTIVE, listing the
// integration's sources with [ListSourcesForS3TableIntegrationPaginator].
// Make one with [NewS3TableIntegrationSourceActiveWaiter].
type S3TableIntegrationSourceActiveWaiter struct {
	client  ListSourcesForS3TableIntegrationAPI
	options S3TableIntegrationSourceActiveWaiterOptions
}

// NewS3TableIntegrationSourceActiveWaiter returns a waiter that polls
// client until a source is ACTIVE. Options that cannot work are reported
// by [S3TableIntegrationSourceActiveWaiter.Validate], and by Wait before
// any request.
func NewS3TableIntegrationSourceActiveWaiter(client ListSourcesForS3TableIntegrationAPI, optFns ...func(*S3TableIntegrationSourceActiveWaiterOptions)) *S3TableIntegrationSourceActiveWaiter {
	var o S3TableIntegrationSourceActiveWaiterOptions
	for _, fn := range optFns {
		fn(&o)
	}
	return &S3TableIntegrationSourceActiveWaiter{client: client, options: o}
}

// Validate reports the first setting of the waiter that cannot work, as
// [IntegrationActiveWaiter.Validate] does.
func (w *S3TableIntegrationSourceActiveWaiter) Validate() error {
	const op = "S3TableIntegrationSourceActiveWaiter"
	if w == nil {
		return checkWaiter(op, nil, 0, 0)
	}
	return checkWaiter(op, w.client, w.options.MinDelay, w.options.MaxDelay)
}

// Wait lists the sources of params.IntegrationArn, every page, until the
// source params.Identifier is ACTIVE, for at most maxWaitDur; optFns
// change the waiter's options for this call. It returns nil once the
// source is ACTIVE, and otherwise:
//
//   - an [*S3TableIntegrationSourceFailedError], which matches
//     [ErrS3TableIntegrationSourceFailed], when the source is FAILED;
//   - an [*S3TableIntegrationSourceWaitError] that matches
//     [ErrWaitTimeout] when maxWaitDur, or the context's deadline, comes
//     first, by the rules of [IntegrationActiveWaiter.Wait];
//   - an [*S3TableIntegrationSourceWaitError] that matches the context's
//     error when the context is cancelled;
//   - an [*S3TableIntegrationSourceWaitError] that wraps the error of a
//     poll that failed with an error not worth another poll: a source not
//     listed after the NotFoundGrace (it matches [ErrResourceNotFound]), a
//     listing whose pages repeat a token (it matches
//     [ErrInvalidResponse]), or any error that [IsRetryable] does not
//     report, such as AccessDeniedException or ValidationException.
//
// Other statuses, UNHEALTHY or one this package does not know, keep it
// polling, as do retryable errors such as throttling. The input and the
// options are checked before any request.
func (w *S3TableIntegrationSourceActiveWaiter) Wait(ctx context.Context, params *S3TableIntegrationSourceWaitInput, maxWaitDur time.Duration, optFns ...func(*S3TableIntegrationSourceActiveWaiterOptions)) error {
	_, err := w.WaitForOutput(ctx, params, maxWaitDur, optFns...)
	return err
}

// WaitForOutput is [S3TableIntegrationSourceActiveWaiter.Wait], and it
// returns the source as the poll that found it ACTIVE listed it.
func (w *S3TableIntegrationSourceActiveWaiter) WaitForOutput(ctx context.Context, params *S3TableIntegrationSourceWaitInput, maxWaitDur time.Duration, optFns ...func(*S3TableIntegrationSourceActiveWaiterOptions)) (*S3TableIntegrationSource, error) {
	o := w.options
	o.ClientOptions = slices.Clip(o.ClientOptions)
	for _, fn := range optFns {
		fn(&o)
	}
	status := func(s *S3TableIntegrationSource) S3TableIntegrationSourceStatus { return s.Status }
	verdict := activeVerdict(status, S3TableIntegrationSourceStatusActive, S3TableIntegrationSourceStatusFailed, o.NotFoundGrace)
	const waiter = "S3TableIntegrationSourceActiveWaiter"
	l, err := sourceWaitLoop(waiter, string(S3TableIntegrationSourceStatusActive), w.client, params,
		o.ClientOptions, o.MinDelay, o.MaxDelay, o.OnPoll, o.clock, o.identifierSecrets, verdict)
	if err != nil {
		return nil, err
	}
	return l.run(ctx, maxWaitDur)
}

// S3TableIntegrationSourceDisassociatedWaiterOptions are the options of
// an [S3TableIntegrationSourceDisassociatedWaiter]. The zero value means
// the defaults.
type S3TableIntegrationSourceDisassociatedWaiterOptions struct {
	// ClientOptions are applied to every ListSourcesForS3TableIntegration
	// call of the waiter, as the optFns of a call are.
	ClientOptions []func(*Options)

	// MinDelay is the shortest delay between two polls. If zero,
	// DefaultWaiterMinDelay (10 s).
	MinDelay time.Duration
	// MaxDelay is the longest delay between two polls. If zero,
	// DefaultWaiterMaxDelay (60 s), or MinDelay if that is longer.
	MaxDelay time.Duration

	// OnPoll, if not nil, is called after every poll, on the goroutine that
	// waits, before the delay that follows.
	OnPoll func(S3TableIntegrationSourceWaitPoll)

	// clock, if not nil, replaces the real clock (tests).
	clock waitClock
	// identifierSecrets are the secrets of the requests whose responses
	// the input's Identifier came from, when this package took it from
	// one (see sourceWaitLoop).
	identifierSecrets []secrets
}

// S3TableIntegrationSourceDisassociatedWaiter waits until a data source
// is no longer associated with an S3 Table integration: until the
// integration's sources, every page, no longer list it. A disassociated
// source stays listed, DATA_SOURCE_DELETE_IN_PROGRESS, while its data is
// deleted, which can take minutes. Make one with
// [NewS3TableIntegrationSourceDisassociatedWaiter].
type S3TableIntegrationSourceDisassociatedWaiter struct {
	client  ListSourcesForS3TableIntegrationAPI
	options S3TableIntegrationSourceDisassociatedWaiterOptions
}

// NewS3TableIntegrationSourceDisassociatedWaiter returns a waiter that
// polls client until a source is no longer listed. Options that cannot
// work are reported by [S3TableIntegrationSourceDisassociatedWaiter.Validate],
// and by Wait before any request.
func NewS3TableIntegrationSourceDisassociatedWaiter(client ListSourcesForS3TableIntegrationAPI, optFns ...func(*S3TableIntegrationSourceDisassociatedWaiterOptions)) *S3TableIntegrationSourceDisassociatedWaiter {
	var o S3TableIntegrationSourceDisassociatedWaiterOptions
	for _, fn := range optFns {
		fn(&o)
	}
	return &S3TableIntegrationSourceDisassociatedWaiter{client: client, options: o}
}

// Validate reports the first setting of the waiter that cannot work, as
// [IntegrationActiveWaiter.Validate] does.
func (w *S3TableIntegrationSourceDisassociatedWaiter) Validate() error {
	const op = "S3TableIntegrationSourceDisassociatedWaiter"
	if w == nil {
		return checkWaiter(op, nil, 0, 0)
	}
	return checkWaiter(op, w.client, w.options.MinDelay, w.options.MaxDelay)
}

// Wait lists the sources of params.IntegrationArn, every page, until the
// source params.Identifier is not listed, or the service answers
// ResourceNotFoundException for the integration, for at most maxWaitDur,
// and then returns nil; optFns change the waiter's options for this call.
// Any status keeps it polling, as do retryable errors; its delays,
// timeout, cancellation and other errors follow the rules of
// [S3TableIntegrationSourceActiveWaiter.Wait].
func (w *S3TableIntegrationSourceDisassociatedWaiter) Wait(ctx context.Context, params *S3TableIntegrationSourceWaitInput, maxWaitDur time.Duration, optFns ...func(*S3TableIntegrationSourceDisassociatedWaiterOptions)) error {
	o := w.options
	o.ClientOptions = slices.Clip(o.ClientOptions)
	for _, fn := range optFns {
		fn(&o)
	}
	const waiter = "S3TableIntegrationSourceDisassociatedWaiter"
	l, err := sourceWaitLoop(waiter, "disassociated", w.client, params,
		o.ClientOptions, o.MinDelay, o.MaxDelay, o.OnPoll, o.clock, o.identifierSecrets, goneVerdict[S3TableIntegrationSource])
	if err != nil {
		return err
	}
	_, err = l.run(ctx, maxWaitDur)
	return err
}

// sourceWaitLoop returns the loop of a waiter that lists the sources of
// params.IntegrationArn through client until verdict ends the wait; want
// is what it waits for ("ACTIVE", "disassociated"). It checks params.
//
// idSecrets are the secrets of the requests whose responses
// params.Identifier came from, when this package took it from one
// (EnsureS3TableIntegrationSource, TeardownS3TableIntegrationSource): the
// identifier is then the service's data, which may echo them. Every text
// the waiter makes shows it scrubbed of them: its log records, its span,
// its errors' texts and their Identifier fields.
func sourceWaitLoop(waiter, want string, client ListSourcesForS3TableIntegrationAPI, params *S3TableIntegrationSourceWaitInput,
	clientOptions []func(*Options), minDelay, maxDelay time.Duration, onPoll func(S3TableIntegrationSourceWaitPoll), clock waitClock,
	idSecrets []secrets, verdict func(*S3TableIntegrationSource, error, time.Duration) verdict) (*waitLoop[S3TableIntegrationSource], error) {
	op := waiter + ".Wait"
	if params == nil {
		params = &S3TableIntegrationSourceWaitInput{}
	}
	in := *params
	if err := validateIntegrationArn(op, in.IntegrationArn); err != nil {
		return nil, err
	}
	if err := validateSourceIdentifier(op, in.Identifier); err != nil {
		return nil, err
	}
	// shown is the input as the waiter's texts show it.
	shown := in
	shown.Identifier = scrubAll(idSecrets, in.Identifier)
	logger := loggerOf(client, clientOptions)
	return &waitLoop[S3TableIntegrationSource]{
		waiter: waiter, client: client, clientOptions: clientOptions,
		spanProps: map[string]string{attrIntegrationArn: shown.IntegrationArn, "cwlogs.source_identifier": shown.Identifier},
		minDelay:  minDelay, maxDelay: maxDelay, clock: clock, verdict: verdict,
		poll: func(ctx context.Context) (*S3TableIntegrationSource, secrets, error) {
			// A *Client keeps the secrets of the request of the page
			// that listed the source; any other client signs nothing of
			// ours.
			var sec secrets
			// The page that listed the source is the last one read.
			s, err := listedSource(ctx, keepSecrets(client, keepLast(&sec)), in, idSecrets, clientOptions)
			return s, sec, err
		},
		report: func(ctx context.Context, span taskSpan, attempt int, s *S3TableIntegrationSource, err error, next time.Duration, sec secrets) {
			p := S3TableIntegrationSourceWaitPoll{Attempt: attempt, Source: s, Err: err, Next: next}
			logSourcePoll(ctx, logger, waiter, shown, p, sec)
			span.sourcePoll(p) // telemetry: an event per poll
			if onPoll != nil {
				onPoll(p)
			}
		},
		failed: func(s *S3TableIntegrationSource, sec secrets) error {
			e := &S3TableIntegrationSourceFailedError{IntegrationArn: shown.IntegrationArn, Identifier: shown.Identifier, Source: *s}
			// Scrubbed once more where the identifier was quoted and cut.
			e.text = scrubAll(idSecrets, e.message(sec))
			return e
		},
		stopped: func(s waitState[S3TableIntegrationSource]) error {
			e := &S3TableIntegrationSourceWaitError{IntegrationArn: shown.IntegrationArn, Identifier: shown.Identifier, Want: want,
				Attempts: s.attempts, Source: s.output, Timeout: s.timeout, Context: s.context, Err: s.err}
			e.text = scrubAll(idSecrets, e.message(s.outSecrets))
			return e
		},
	}, nil
}

// listedSource lists the sources of in.IntegrationArn, every page, and
// returns the one in.Identifier names, or an error that matches
// [ErrResourceNotFound] when none is listed, whose text is scrubbed of
// idSecrets (see sourceWaitLoop).
func listedSource(ctx context.Context, client ListSourcesForS3TableIntegrationAPI, in S3TableIntegrationSourceWaitInput, idSecrets []secrets, optFns []func(*Options)) (*S3TableIntegrationSource, error) {
	var found *S3TableIntegrationSource
	page, err := eachSource(ctx, client, in.IntegrationArn, optFns, func(s *S3TableIntegrationSource, _ *ListSourcesForS3TableIntegrationOutput) bool {
		if s.Identifier != in.Identifier {
			return false
		}
		found = s
		return true
	})
	switch {
	case err != nil:
		return nil, err
	case page == nil:
		return nil, &sourceNotListedError{integrationArn: in.IntegrationArn, identifier: in.Identifier, idSecrets: idSecrets}
	}
	return found, nil
}

// sourceNotListedError is the error of a poll that did not find the
// source in the integration's listing. It matches [ErrResourceNotFound].
type sourceNotListedError struct {
	integrationArn, identifier string
	// idSecrets are those the identifier is shown scrubbed of, when it
	// came in a response (see sourceWaitLoop).
	idSecrets []secrets
}

// Error names the source and the integration.
func (e *sourceNotListedError) Error() string {
	return scrubAll(e.idSecrets, fmt.Sprintf("cwlogs: S3 Table integration source %s is not listed for integration %s",
		quoteValue(scrubAll(e.idSecrets, e.identifier)), quoteValue(e.integrationArn)))
}

// Is reports whether target is [ErrResourceNotFound].
func (e *sourceNotListedError) Is(target error) bool { return target == ErrResourceNotFound }

// S3TableIntegrationSourceFailedError reports an S3 Table integration
// source that a waiter found FAILED. It matches
// [ErrS3TableIntegrationSourceFailed] with errors.Is.
//
// Source holds the service's data as it was sent. The text the waiter
// makes of it (Error, and GoString for %#v) has the credentials and the
// signature of the poll's request replaced by "[redacted]" wherever the
// service echoed them.
type S3TableIntegrationSourceFailedError struct {
	// IntegrationArn is the integration's ARN, as asked for.
	IntegrationArn string
	// Identifier is the source's identifier, as asked for. When
	// [EnsureS3TableIntegrationSource] or
	// [TeardownS3TableIntegrationSource] waited, it came from the service,
	// and any credential of theirs it echoes is replaced by "[redacted]".
	Identifier string
	// Source is the source as listed, FAILED, with its StatusReason.
	Source S3TableIntegrationSource

	// text is Error's text, scrubbed, as the waiter made it.
	text string
}

// Error returns the error on one line, with the source's status reason,
// such as `cwlogs: S3 Table integration source "id" FAILED: Access denied
// to the table bucket`. For an error a waiter returned, it is the text
// made when the waiter returned it.
func (e *S3TableIntegrationSourceFailedError) Error() string {
	if e == nil {
		return nilError("S3TableIntegrationSourceFailedError")
	}
	if e.text != "" {
		return e.text
	}
	return e.message(secrets{})
}

// GoString returns Error's text, for %#v, which would otherwise print the
// fields: the service's data as it was sent.
func (e *S3TableIntegrationSourceFailedError) GoString() string { return e.Error() }

// message makes Error's text, with the secrets of sec taken out of what
// came from the service.
func (e *S3TableIntegrationSourceFailedError) message(sec secrets) string {
	s := fmt.Sprintf("cwlogs: S3 Table integration source %s FAILED", quoteValue(e.Identifier))
	if e.Source.StatusReason != "" {
		s += ": " + boundedChars(oneLine(sec.scrub(e.Source.StatusReason)), maxProblemMessage)
	}
	return s
}

// Is reports whether target is [ErrS3TableIntegrationSourceFailed].
func (e *S3TableIntegrationSourceFailedError) Is(target error) bool {
	return e != nil && target == ErrS3TableIntegrationSourceFailed
}

// S3TableIntegrationSourceWaitError reports a wait for an S3 Table
// integration source that ended without the state waited for, for another
// reason than a FAILED source: the maximum wait time or the context's
// deadline came first (Timeout is true, and it matches [ErrWaitTimeout]),
// the context was cancelled, or a poll failed with an error not worth
// another poll. It wraps the context's error and the last poll's error, so
// that errors.Is matches context.Canceled, or [ErrResourceNotFound] for a
// source not listed, and errors.As finds an [*APIError].
//
// Source holds the service's data as it was sent. The text the waiter
// makes of it (Error, and GoString for %#v) has the credentials and the
// signature of the poll's request replaced by "[redacted]" wherever the
// service echoed them.
type S3TableIntegrationSourceWaitError struct {
	// IntegrationArn is the integration's ARN, as asked for.
	IntegrationArn string
	// Identifier is the source's identifier, as asked for. When
	// [EnsureS3TableIntegrationSource] or
	// [TeardownS3TableIntegrationSource] waited, it came from the service,
	// and any credential of theirs it echoes is replaced by "[redacted]".
	Identifier string
	// Want is what was waited for: "ACTIVE" or "disassociated".
	Want string
	// Attempts is the number of polls made.
	Attempts int
	// Source is the source as the last poll that found it listed it, nil
	// if none did.
	Source *S3TableIntegrationSource
	// Timeout is true when the wait ended at a deadline.
	Timeout bool
	// Context is the context's error when the context ended the wait. It
	// is context.DeadlineExceeded too when the context's deadline ended it
	// before the context did, as in [WaitError].
	Context error
	// Err is the error of the last poll, nil if it found the source. A
	// poll that maxWaitDur cut tells nothing more than Timeout does: Err
	// is then the error of the poll before it.
	Err error

	// text is Error's text, scrubbed, as the waiter made it.
	text string
}

// Error returns the error on one line: why the wait ended, the last
// status seen with its reason, and the last poll's error. For an error a
// waiter returned, it is the text made when the waiter returned it.
func (e *S3TableIntegrationSourceWaitError) Error() string {
	if e == nil {
		return nilError("S3TableIntegrationSourceWaitError")
	}
	if e.text != "" {
		return e.text
	}
	return e.message(secrets{})
}

// GoString returns Error's text, for %#v, which would otherwise print the
// fields: the service's data as it was sent.
func (e *S3TableIntegrationSourceWaitError) GoString() string { return e.Error() }

// message makes Error's text, with the secrets of sec taken out of what
// came from the service.
func (e *S3TableIntegrationSourceWaitError) message(sec secrets) string {
	var b strings.Builder
	fmt.Fprintf(&b, "cwlogs: wait for S3 Table integration source %s to be %s: ", quoteValue(e.Identifier), e.Want)
	writeWaitEnd(&b, e.Context, e.Timeout, e.Attempts)
	if e.Source == nil {
		b.WriteString("; no status seen")
	} else {
		fmt.Fprintf(&b, "; last status %s", statusText(sec.scrub(string(e.Source.Status))))
		if e.Source.StatusReason != "" {
			b.WriteString(": ")
			b.WriteString(boundedChars(oneLine(sec.scrub(e.Source.StatusReason)), maxProblemMessage))
		}
	}
	writeLastError(&b, e.Err, e.Context, sec)
	return b.String()
}

// Is reports whether target is [ErrWaitTimeout] and the wait timed out.
func (e *S3TableIntegrationSourceWaitError) Is(target error) bool {
	return e != nil && target == ErrWaitTimeout && e.Timeout
}

// Unwrap returns the context's error and the last poll's error, those that
// are not nil.
func (e *S3TableIntegrationSourceWaitError) Unwrap() []error {
	if e == nil {
		return nil
	}
	return nonNil(e.Context, e.Err)
}
