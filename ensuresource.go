package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// DefaultEnsureSourceMaxWait bounds the wait of
// [EnsureS3TableIntegrationSource] and [TeardownS3TableIntegrationSource]
// when their MaxWait is zero: an association is ACTIVE, and a
// disassociated source gone, within minutes.
const DefaultEnsureSourceMaxWait = 5 * time.Minute

// EnsureS3TableIntegrationSourceOptions are the options of
// [EnsureS3TableIntegrationSource]. The zero value means the defaults.
type EnsureS3TableIntegrationSourceOptions struct {
	// ClientOptions are applied to every call EnsureS3TableIntegrationSource
	// makes, the waiter's polls included, as the optFns of a call are.
	ClientOptions []func(*Options)

	// MaxWait bounds the wait until the source is ACTIVE. If zero,
	// DefaultEnsureSourceMaxWait (5 minutes).
	MaxWait time.Duration

	// NoWait returns as soon as the data source is associated, or found,
	// without waiting until its source is ACTIVE.
	NoWait bool

	// Waiter are the options of the wait, those of an
	// [S3TableIntegrationSourceActiveWaiter]: its delays, its
	// NotFoundGrace and OnPoll, called after every poll. Its ClientOptions
	// are applied to the polls after ClientOptions.
	Waiter S3TableIntegrationSourceActiveWaiterOptions
}

// EnsureS3TableIntegrationSourceResult is what
// [EnsureS3TableIntegrationSource] did and found.
type EnsureS3TableIntegrationSourceResult struct {
	// Identifier identifies the association: the one this call made, or
	// the one it found.
	Identifier string

	// Created tells that this call associated the data source; false when
	// it was associated already.
	Created bool

	// Source is the source as last listed: after the wait, the poll that
	// found it ACTIVE (or FAILED). It is nil when no listing showed it,
	// such as right after an association made with NoWait.
	Source *S3TableIntegrationSource
}

// EnsureS3TableIntegrationSource makes sure the data source in.DataSource
// is associated with the S3 Table integration in.IntegrationArn: it lists
// the integration's sources, every page, and associates the data source
// only when no source of the same name and type (compared exactly: an
// empty type matches only an empty or absent one) exists that is not
// going away (FAILED, DATA_SOURCE_DELETE_IN_PROGRESS, or another status
// that speaks of deleting or disassociating, such as DELETING). It
// returns the association's identifier and whether this call made it,
// and by default waits until the source is ACTIVE.
//
// The input is checked as AssociateSourceToS3TableIntegration checks it,
// and the options as a waiter checks them, before any request is sent.
// When the association's outcome is unknown (its error matches
// [ErrOutcomeUnknown]), EnsureS3TableIntegrationSource knows more than
// the client did, since no such source was listed at its lookup: it lists
// the sources again. A source of the data source that is not going away
// is this call's association (Created); none that is new, and the
// association did not happen: it is made once more within ctx, unless the
// service answered it with success (a body the client could not read),
// when the listing may only lag; anything else (a new source that is
// going away, none after the second association either, or a listing
// that fails) is an error that matches
// ErrOutcomeUnknown (and ctx's error when ctx ended), not the listing's
// sentinels.
//
// Unless NoWait is set, it then waits until the source is ACTIVE, a new
// one as an existing one still UNHEALTHY (or in a status this package
// does not know), for at most MaxWait, with the options of an
// [S3TableIntegrationSourceActiveWaiter]: a source FAILED is an
// [*S3TableIntegrationSourceFailedError], which matches
// [ErrS3TableIntegrationSourceFailed] and holds its StatusReason; the
// wait's other errors are the waiter's.
//
// When an error comes after the association was made or found, the result
// is returned with it (a source made that then FAILED is yours to
// disassociate); otherwise the result is nil. Errors of the calls are
// returned as the calls return them.
//
// With a [*Client] whose TracerProvider is set, the work is a span named
// "EnsureS3TableIntegrationSource", whose children are the calls' spans.
func EnsureS3TableIntegrationSource(ctx context.Context, api S3TableIntegrationSourcesAPI, in *AssociateSourceToS3TableIntegrationInput, optFns ...func(*EnsureS3TableIntegrationSourceOptions)) (*EnsureS3TableIntegrationSourceResult, error) {
	const op = "EnsureS3TableIntegrationSource"
	var o EnsureS3TableIntegrationSourceOptions
	for _, fn := range optFns {
		fn(&o)
	}
	if in == nil {
		in = &AssociateSourceToS3TableIntegrationInput{}
	}
	if err := checkEnsureArgs(op, api, o.MaxWait, !o.NoWait, o.Waiter.MinDelay, o.Waiter.MaxDelay); err != nil {
		return nil, err
	}
	if err := validateAssociateSource(op, in); err != nil {
		return nil, err
	}
	ctx, span := startTaskSpan(ctx, api, o.ClientOptions, op, "")
	span.set(attrIntegrationArn, in.IntegrationArn)
	e := &sourceEnsurer{api: api, in: in, clientOptions: slices.Clip(o.ClientOptions)}
	res, err := e.ensure(ctx, o)
	if res != nil {
		span.set("cwlogs.created", res.Created)
	}
	span.end(err)
	return res, err
}

// sourceEnsurer is one run of EnsureS3TableIntegrationSource or
// TeardownS3TableIntegrationSource.
type sourceEnsurer struct {
	api           S3TableIntegrationSourcesAPI
	in            *AssociateSourceToS3TableIntegrationInput
	clientOptions []func(*Options)
	// sec are the secrets of the requests of every response a value came
	// from (every listing, and the association), which a text made from
	// the values must not show: its own, and the waiter's, whose input
	// identifier is such a value.
	sec []secrets
}

// scrub returns s, a value a response held, scrubbed of the secrets.
func (e *sourceEnsurer) scrub(s string) string { return scrubAll(e.sec, s) }

// ensure lists the data source's sources, associates it when none is
// live, and waits.
func (e *sourceEnsurer) ensure(ctx context.Context, o EnsureS3TableIntegrationSourceOptions) (*EnsureS3TableIntegrationSourceResult, error) {
	found, err := e.list(ctx)
	if err != nil {
		return nil, err
	}
	res := &EnsureS3TableIntegrationSourceResult{}
	if s := liveSource(found); s != nil {
		res.Identifier, res.Source = s.Identifier, s
	} else if err := e.associate(ctx, found, res); err != nil {
		return nil, err
	}
	if o.NoWait || (res.Source != nil && res.Source.Status == S3TableIntegrationSourceStatusActive) {
		return res, nil
	}
	maxWait := o.MaxWait
	if maxWait == 0 {
		maxWait = DefaultEnsureSourceMaxWait
	}
	w := NewS3TableIntegrationSourceActiveWaiter(e.api, func(wo *S3TableIntegrationSourceActiveWaiterOptions) {
		*wo = o.Waiter
		wo.ClientOptions = append(e.clientOptions, o.Waiter.ClientOptions...)
		wo.identifierSecrets = e.sec // the identifier came in a response
	})
	s, err := w.WaitForOutput(ctx, &S3TableIntegrationSourceWaitInput{IntegrationArn: e.in.IntegrationArn, Identifier: res.Identifier}, maxWait)
	var failed *S3TableIntegrationSourceFailedError
	var werr *S3TableIntegrationSourceWaitError
	switch {
	case err == nil:
		res.Source = s
	case errors.As(err, &failed):
		src := failed.Source
		res.Source = &src
	case errors.As(err, &werr) && werr.Source != nil:
		res.Source = werr.Source
	}
	return res, err
}

// list returns the integration's sources of the input's data source (name
// and type compared exactly), in the order listed, reading every page.
func (e *sourceEnsurer) list(ctx context.Context) ([]S3TableIntegrationSource, error) {
	var found []S3TableIntegrationSource
	api := keepSecrets[ListSourcesForS3TableIntegrationAPI](e.api, func(sec secrets) { e.sec = append(e.sec, sec) })
	_, err := eachSource(ctx, api, e.in.IntegrationArn, e.clientOptions, func(s *S3TableIntegrationSource, _ *ListSourcesForS3TableIntegrationOutput) bool {
		if s.DataSource == e.in.DataSource {
			found = append(found, *s)
		}
		return false
	})
	if err != nil {
		return nil, err
	}
	return found, nil
}

// liveSource returns the source that stands for the association among
// sources: the first ACTIVE one, else the first not going away; nil if
// none.
func liveSource(sources []S3TableIntegrationSource) *S3TableIntegrationSource {
	var live *S3TableIntegrationSource
	for i := range sources {
		switch s := &sources[i]; {
		case s.Status == S3TableIntegrationSourceStatusActive:
			return s
		case live == nil && !sourceGoingAway(s.Status):
			live = s
		}
	}
	return live
}

// associate associates the data source, which the lookup found without a
// live source (before are the sources it found), and fills res. An
// association whose outcome is unknown is settled by a listing, and made
// once more when it did not happen.
func (e *sourceEnsurer) associate(ctx context.Context, before []S3TableIntegrationSource, res *EnsureS3TableIntegrationSourceResult) error {
	const op = "EnsureS3TableIntegrationSource"
	subject := "data source " + quoteValue(e.in.DataSource.Name+"/"+e.in.DataSource.Type)
	api := keepSecrets[AssociateSourceToS3TableIntegrationAPI](e.api, func(sec secrets) { e.sec = append(e.sec, sec) })
	for calls := 1; ; calls++ {
		out, err := api.AssociateSourceToS3TableIntegration(ctx, e.in, e.clientOptions...)
		switch {
		case err == nil && (out == nil || out.Identifier == ""):
			return &ResponseError{Operation: associateSourceName, Err: errors.New("no identifier and no error")}
		case err == nil:
			res.Created, res.Identifier = true, out.Identifier
			return nil
		case !errors.Is(err, ErrOutcomeUnknown):
			return err
		case ctx.Err() != nil:
			// The check is not sent: the outcome stays unknown.
			return outcomeUnknownError(ctx, op, "association", subject, err, nil)
		}
		found, checkErr := e.list(ctx)
		if checkErr == nil {
			if s := liveSource(found); s != nil {
				res.Created, res.Identifier, res.Source = true, s.Identifier, s
				return nil
			}
			switch s := newSource(found, before); {
			case s != nil:
				// Maybe this call's association, FAILED or removed at once.
				checkErr = fmt.Errorf("found source %s %s", quoteValue(e.scrub(s.Identifier)), statusText(e.scrub(string(s.Status))))
			case tookEffect(err):
				// The service answered the association with success: the
				// listing may only lag, and a second association, which
				// would make a second source, is not sent.
				checkErr = errors.New("none listed yet, though the service answered the association with success")
			case calls == 1:
				continue // the association did not happen: once more
			default:
				// The service may list a new association late: none
				// twice is still not proof.
				checkErr = errors.New("none found after the second association either")
			}
		}
		return outcomeUnknownError(ctx, op, "association", subject, err, checkErr)
	}
}

// newSource returns the first of found whose identifier is not among
// before, nil if none.
func newSource(found, before []S3TableIntegrationSource) *S3TableIntegrationSource {
	for i := range found {
		if !slices.ContainsFunc(before, func(b S3TableIntegrationSource) bool { return b.Identifier == found[i].Identifier }) {
			return &found[i]
		}
	}
	return nil
}

// TeardownS3TableIntegrationSourceOptions are the options of
// [TeardownS3TableIntegrationSource]. The zero value means the defaults.
type TeardownS3TableIntegrationSourceOptions struct {
	// ClientOptions are applied to every call
	// TeardownS3TableIntegrationSource makes, the waiter's polls included,
	// as the optFns of a call are.
	ClientOptions []func(*Options)

	// MaxWait bounds the wait until the sources are gone, all of them
	// together. If zero, DefaultEnsureSourceMaxWait (5 minutes).
	MaxWait time.Duration

	// NoWait returns right after the disassociations, without waiting
	// until the sources are gone.
	NoWait bool

	// Waiter are the options of the wait, those of an
	// [S3TableIntegrationSourceDisassociatedWaiter]: its delays and
	// OnPoll. Its ClientOptions are applied to the polls after
	// ClientOptions.
	Waiter S3TableIntegrationSourceDisassociatedWaiterOptions
}

// TeardownS3TableIntegrationSourceResult is what
// [TeardownS3TableIntegrationSource] did and found.
type TeardownS3TableIntegrationSourceResult struct {
	// Sources are the sources of the data source as the lookup listed
	// them, before any disassociation; empty when it was not associated.
	Sources []S3TableIntegrationSource

	// Disassociated are the identifiers of the sources this call
	// disassociated, or found gone when it did (by another hand); those
	// already being removed are not among them.
	Disassociated []string
}

// TeardownS3TableIntegrationSource makes sure the data source
// in.DataSource is no longer associated with the S3 Table integration
// in.IntegrationArn, the counterpart of [EnsureS3TableIntegrationSource]:
// it lists the integration's sources, every page, disassociates each
// source of that name and type (compared exactly) that is not already
// being removed (DATA_SOURCE_DELETE_IN_PROGRESS, or another status that
// speaks of deleting or disassociating; a FAILED source is disassociated
// too), which
// removes query access and deletes the source's data, and by default
// waits until none of them is listed, for at most MaxWait in all, with
// the options of an [S3TableIntegrationSourceDisassociatedWaiter]. A data
// source not associated counts as success, as does a source the
// disassociation finds gone (ResourceNotFoundException).
//
// The input is checked as AssociateSourceToS3TableIntegration checks it
// before any request is sent. A disassociation whose outcome is unknown
// (its error matches [ErrOutcomeUnknown]) is followed by a listing: the
// source gone or being removed, it happened; still there, it is made once
// more; a listing that fails is an error that matches ErrOutcomeUnknown.
// Other errors of the calls, and of the wait, are returned as they are,
// with the result when the lookup succeeded.
//
// With a [*Client] whose TracerProvider is set, the work is a span named
// "TeardownS3TableIntegrationSource", whose children are the calls'
// spans.
func TeardownS3TableIntegrationSource(ctx context.Context, api S3TableIntegrationSourcesAPI, in *AssociateSourceToS3TableIntegrationInput, optFns ...func(*TeardownS3TableIntegrationSourceOptions)) (*TeardownS3TableIntegrationSourceResult, error) {
	const op = "TeardownS3TableIntegrationSource"
	var o TeardownS3TableIntegrationSourceOptions
	for _, fn := range optFns {
		fn(&o)
	}
	if in == nil {
		in = &AssociateSourceToS3TableIntegrationInput{}
	}
	if err := checkEnsureArgs(op, api, o.MaxWait, !o.NoWait, o.Waiter.MinDelay, o.Waiter.MaxDelay); err != nil {
		return nil, err
	}
	if err := validateAssociateSource(op, in); err != nil {
		return nil, err
	}
	ctx, span := startTaskSpan(ctx, api, o.ClientOptions, op, "")
	span.set(attrIntegrationArn, in.IntegrationArn)
	e := &sourceEnsurer{api: api, in: in, clientOptions: slices.Clip(o.ClientOptions)}
	res, err := e.teardown(ctx, o)
	if res != nil {
		span.set("cwlogs.disassociated", len(res.Disassociated))
	}
	span.end(err)
	return res, err
}

// teardown lists the data source's sources, disassociates those not
// being removed, and waits until all are gone.
func (e *sourceEnsurer) teardown(ctx context.Context, o TeardownS3TableIntegrationSourceOptions) (*TeardownS3TableIntegrationSourceResult, error) {
	found, err := e.list(ctx)
	if err != nil {
		return nil, err
	}
	res := &TeardownS3TableIntegrationSourceResult{Sources: found}
	for _, s := range found {
		if sourceBeingRemoved(s.Status) {
			continue
		}
		if err := e.disassociate(ctx, s.Identifier); err != nil {
			return res, err
		}
		res.Disassociated = append(res.Disassociated, s.Identifier)
	}
	if o.NoWait || len(found) == 0 {
		return res, nil
	}
	maxWait := o.MaxWait
	if maxWait == 0 {
		maxWait = DefaultEnsureSourceMaxWait
	}
	w := NewS3TableIntegrationSourceDisassociatedWaiter(e.api, func(wo *S3TableIntegrationSourceDisassociatedWaiterOptions) {
		*wo = o.Waiter
		wo.ClientOptions = append(e.clientOptions, o.Waiter.ClientOptions...)
		wo.identifierSecrets = e.sec // the identifiers came in a listing
	})
	clock := o.Waiter.clock
	if clock == nil {
		clock = realClock{}
	}
	// One budget for all: each wait has what the waits before it left.
	deadline := clock.now().Add(maxWait)
	for _, s := range found {
		wait := &S3TableIntegrationSourceWaitInput{IntegrationArn: e.in.IntegrationArn, Identifier: s.Identifier}
		left := deadline.Sub(clock.now())
		if left <= 0 {
			return res, &S3TableIntegrationSourceWaitError{IntegrationArn: wait.IntegrationArn, Identifier: wait.Identifier,
				Want: "disassociated", Timeout: true}
		}
		if err := w.Wait(ctx, wait, left); err != nil {
			return res, err
		}
	}
	return res, nil
}

// sourceBeingRemoved reports whether a source in status s is on its way
// out without another disassociation: going away (see sourceGoingAway)
// and not FAILED, which stays listed until it is disassociated.
func sourceBeingRemoved(s S3TableIntegrationSourceStatus) bool {
	return sourceGoingAway(s) && s != S3TableIntegrationSourceStatusFailed
}

// disassociate disassociates the source id: nil once it is disassociated,
// or found gone or being removed.
func (e *sourceEnsurer) disassociate(ctx context.Context, id string) error {
	const op = "TeardownS3TableIntegrationSource"
	subject := "source " + quoteValue(e.scrub(id))
	for calls := 1; ; calls++ {
		_, err := e.api.DisassociateSourceFromS3TableIntegration(ctx, &DisassociateSourceFromS3TableIntegrationInput{Identifier: id}, e.clientOptions...)
		switch {
		case err == nil, errors.Is(err, ErrResourceNotFound):
			// Disassociated, or meanwhile by another hand: gone all the
			// same.
			return nil
		case !errors.Is(err, ErrOutcomeUnknown):
			return err
		case ctx.Err() != nil:
			// The check is not sent: the outcome stays unknown.
			return outcomeUnknownError(ctx, op, "disassociation", subject, err, nil)
		}
		found, checkErr := e.list(ctx)
		if checkErr == nil {
			i := slices.IndexFunc(found, func(s S3TableIntegrationSource) bool { return s.Identifier == id })
			switch {
			case i < 0 || sourceBeingRemoved(found[i].Status):
				return nil
			case calls == 1:
				continue // still there: once more
			}
			checkErr = errors.New("the source is still there")
		}
		return outcomeUnknownError(ctx, op, "disassociation", subject, err, checkErr)
	}
}
