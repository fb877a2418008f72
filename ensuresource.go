//go:build s3sources

package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// This file needs the S3 Table integration source operations
// (AssociateSourceToS3TableIntegration, DisassociateSourceFromS3TableIntegration,
// ListSourcesForS3TableIntegration and their paginator): it is built with
// the s3sources tag until they are part of the package.

// DefaultSourceMaxWait bounds the wait of [EnsureS3TableIntegrationSource]
// and [TeardownS3TableIntegrationSource] when their MaxWait is zero.
const DefaultSourceMaxWait = 5 * time.Minute

// ErrSourceFailed: a data source waited for by
// [EnsureS3TableIntegrationSource] is FAILED, or going away while it was
// waited for.
var ErrSourceFailed = errors.New("cwlogs: S3 Table integration source failed")

// EnsureSourceOptions are the options of [EnsureS3TableIntegrationSource]
// and [TeardownS3TableIntegrationSource]. The zero value means the
// defaults.
type EnsureSourceOptions struct {
	// ClientOptions are applied to every call made, as the optFns of a
	// call are.
	ClientOptions []func(*Options)

	// MaxWait bounds the wait. If zero, DefaultSourceMaxWait (5 minutes).
	MaxWait time.Duration

	// NoWait returns right after the association (disassociation), or
	// the lookup, without waiting until the source is ACTIVE (gone).
	NoWait bool

	// MinDelay and MaxDelay bound the delay between two polls, as a
	// waiter's do. If zero, DefaultWaiterMinDelay (10 s) and
	// DefaultWaiterMaxDelay (60 s).
	MinDelay, MaxDelay time.Duration

	// OnPoll, if not nil, is called after every poll of the wait, on the
	// goroutine that waits.
	OnPoll func(EnsureSourcePoll)

	// clock, if not nil, replaces the real clock (tests).
	clock waitClock
}

// EnsureSourcePoll describes one poll of the wait of
// [EnsureS3TableIntegrationSource] or [TeardownS3TableIntegrationSource]:
// a listing of the integration's sources (every page).
type EnsureSourcePoll struct {
	// Attempt is the number of the poll, 1 for the first.
	Attempt int
	// Sources are the sources of the data source waited for, as listed;
	// nil when the listing failed.
	Sources []S3TableIntegrationSource
	// Err is the listing's error, nil if it succeeded.
	Err error
	// Next is the delay before the next poll, 0 after the last.
	Next time.Duration
}

// EnsureSourceResult is what [EnsureS3TableIntegrationSource] did and
// found.
type EnsureSourceResult struct {
	// Created tells that this call associated the data source; false when
	// it was associated already.
	Created bool
	// Confirmed tells that the association's outcome was unknown (an
	// error that matches [ErrOutcomeUnknown]) and that listing the sources
	// showed it.
	Confirmed bool
	// AssociateCalls is the number of AssociateSourceToS3TableIntegration
	// calls made: 0 when the source existed, 2 when the first one's
	// outcome was unknown and the source was then found absent.
	AssociateCalls int
	// Identifier identifies the association.
	Identifier string
	// Source is the source as last listed: after the wait, ACTIVE; nil
	// right after an association made without waiting.
	Source *S3TableIntegrationSource
}

// TeardownSourceResult is what [TeardownS3TableIntegrationSource] did.
type TeardownSourceResult struct {
	// Disassociated are the identifiers of the associations this call
	// removed, empty when the data source was not associated.
	Disassociated []string
}

// sourceGoingAway reports whether a source's status says it is going
// away, so that it cannot stand for an association: FAILED, deletion in
// progress, or DELETING, which the service has been seen to send.
func sourceGoingAway(s S3TableIntegrationSourceStatus) bool {
	switch s {
	case S3TableIntegrationSourceStatusFailed, S3TableIntegrationSourceStatusDataSourceDeleteInProgress, "DELETING":
		return true
	}
	return false
}

// EnsureS3TableIntegrationSource makes sure the data source in.DataSource
// is associated with the S3 Table integration in.IntegrationArn: it lists
// the integration's sources (every page) and associates the data source
// only when no source of the same name and type (compared exactly: an
// empty type matches only an empty one) exists that is not going away
// (FAILED, DATA_SOURCE_DELETE_IN_PROGRESS). It returns the association's
// identifier and whether this call made it, and by default waits until
// the source is ACTIVE, for at most MaxWait.
//
// The input is checked before any request. An association whose outcome
// is unknown (its error matches [ErrOutcomeUnknown]) is followed by a
// listing: a source of the data source that was absent before is this
// call's (Created and Confirmed); none, and the association is made once
// more; a listing that fails is an error that matches ErrOutcomeUnknown
// (and ctx's error when ctx ended), not the listing's sentinels.
//
// The wait ends with an error that matches [ErrSourceFailed] when the
// source is FAILED or going away, with [ErrWaitTimeout] when MaxWait (or
// ctx's deadline) comes first, and with the listing's error when it is
// not worth another poll ([IsRetryable]). UNHEALTHY, and statuses this
// package does not know, keep it polling. When an error comes after the
// association was made or found, the result is returned with it.
func EnsureS3TableIntegrationSource(ctx context.Context, api S3TableIntegrationSourcesAPI, in *AssociateSourceToS3TableIntegrationInput, optFns ...func(*EnsureSourceOptions)) (*EnsureSourceResult, error) {
	const op = "EnsureS3TableIntegrationSource"
	o, err := sourceOptions(op, api, in, optFns)
	if err != nil {
		return nil, err
	}
	found, err := listSource(ctx, api, in, o.ClientOptions)
	if err != nil {
		return nil, err
	}
	res := &EnsureSourceResult{}
	if s := liveSource(found); s != nil {
		res.Identifier, res.Source = s.Identifier, s
	} else if err := associate(ctx, api, in, o.ClientOptions, res); err != nil {
		return nil, err
	}
	if o.NoWait || (res.Source != nil && res.Source.Status == S3TableIntegrationSourceStatusActive) {
		return res, nil
	}
	last, err := pollSources(ctx, api, in, o, func(sources []S3TableIntegrationSource, elapsed time.Duration, sec secretsList) (bool, error) {
		i := slices.IndexFunc(sources, func(s S3TableIntegrationSource) bool { return s.Identifier == res.Identifier })
		switch {
		case i < 0 && elapsed < DefaultNotFoundGrace:
			return false, nil // a new association may be listed late
		case i < 0:
			return false, fmt.Errorf("cwlogs: %s: source %s is no longer listed: %w", op, quoteValue(res.Identifier), ErrSourceFailed)
		case sources[i].Status == S3TableIntegrationSourceStatusActive:
			return true, nil
		case sourceGoingAway(sources[i].Status):
			return false, fmt.Errorf("cwlogs: %s: source %s is %s: %s: %w", op, quoteValue(res.Identifier),
				statusText(sec.scrub(string(sources[i].Status))), quoteValue(oneLine(sec.scrub(sources[i].StatusReason))), ErrSourceFailed)
		}
		return false, nil
	})
	if i := slices.IndexFunc(last, func(s S3TableIntegrationSource) bool { return s.Identifier == res.Identifier }); i >= 0 {
		res.Source = &last[i]
	}
	return res, err
}

// TeardownS3TableIntegrationSource makes sure the data source in.DataSource
// is no longer associated with the S3 Table integration in.IntegrationArn,
// the counterpart of [EnsureS3TableIntegrationSource]: it lists the
// integration's sources and disassociates every source of that name and
// type that is not already going away (which removes query access and
// deletes the source's data), and by default waits until none is listed,
// for at most MaxWait. A data source not associated counts as success, as
// does ResourceNotFoundException from the disassociation. A
// disassociation whose outcome is unknown is followed by a listing: the
// source gone or going away, it happened; still there, it is made once
// more; a listing that fails is an error that matches [ErrOutcomeUnknown].
func TeardownS3TableIntegrationSource(ctx context.Context, api S3TableIntegrationSourcesAPI, in *AssociateSourceToS3TableIntegrationInput, optFns ...func(*EnsureSourceOptions)) (*TeardownSourceResult, error) {
	const op = "TeardownS3TableIntegrationSource"
	o, err := sourceOptions(op, api, in, optFns)
	if err != nil {
		return nil, err
	}
	found, err := listSource(ctx, api, in, o.ClientOptions)
	if err != nil {
		return nil, err
	}
	res := &TeardownSourceResult{}
	for _, s := range found {
		if sourceGoingAway(s.Status) {
			continue
		}
		if err := disassociate(ctx, api, in, s.Identifier, o.ClientOptions); err != nil {
			return res, err
		}
		res.Disassociated = append(res.Disassociated, s.Identifier)
	}
	if o.NoWait || len(found) == 0 {
		return res, nil
	}
	_, err = pollSources(ctx, api, in, o, func(sources []S3TableIntegrationSource, _ time.Duration, _ secretsList) (bool, error) {
		return len(sources) == 0, nil
	})
	return res, err
}

// sourceOptions applies optFns and checks them, api and in, before any
// request: the integration ARN is required and an ARN, the data source's
// name required, every string valid UTF-8.
func sourceOptions(op string, api S3TableIntegrationSourcesAPI, in *AssociateSourceToS3TableIntegrationInput, optFns []func(*EnsureSourceOptions)) (EnsureSourceOptions, error) {
	var o EnsureSourceOptions
	for _, fn := range optFns {
		fn(&o)
	}
	o.ClientOptions = slices.Clip(o.ClientOptions)
	invalid := func(field, reason string) error {
		return &InvalidInputError{Operation: op, Field: field, Reason: reason}
	}
	if in == nil {
		in = &AssociateSourceToS3TableIntegrationInput{}
	}
	switch {
	case api == nil || isNilValue(api):
		return o, invalid("api", "is nil")
	case in.IntegrationArn == "":
		return o, invalid("IntegrationArn", "is required")
	case checkUTF8(in.IntegrationArn) != "":
		return o, invalid("IntegrationArn", checkUTF8(in.IntegrationArn))
	case checkARN(in.IntegrationArn) != "":
		return o, invalid("IntegrationArn", checkARN(in.IntegrationArn))
	case in.DataSource.Name == "":
		return o, invalid("DataSource.Name", "is required")
	case checkUTF8(in.DataSource.Name) != "":
		return o, invalid("DataSource.Name", checkUTF8(in.DataSource.Name))
	case checkUTF8(in.DataSource.Type) != "":
		return o, invalid("DataSource.Type", checkUTF8(in.DataSource.Type))
	case o.MaxWait < 0:
		return o, invalid("MaxWait", fmt.Sprintf("is %v, want zero or more", o.MaxWait))
	case o.MinDelay < 0:
		return o, invalid("MinDelay", fmt.Sprintf("is %v, want zero or more", o.MinDelay))
	case o.MaxDelay < 0:
		return o, invalid("MaxDelay", fmt.Sprintf("is %v, want zero or more", o.MaxDelay))
	}
	if o.MaxWait == 0 {
		o.MaxWait = DefaultSourceMaxWait
	}
	if o.MinDelay == 0 {
		o.MinDelay = DefaultWaiterMinDelay
	}
	if o.MaxDelay == 0 {
		o.MaxDelay = max(DefaultWaiterMaxDelay, o.MinDelay)
	}
	if o.MinDelay > o.MaxDelay {
		return o, invalid("MinDelay", fmt.Sprintf("is %v, more than MaxDelay (%v)", o.MinDelay, o.MaxDelay))
	}
	if o.clock == nil {
		o.clock = realClock{}
	}
	return o, nil
}

// listSource returns the sources of the integration whose data source is
// in's, compared exactly, in the order listed; it reads every page.
func listSource(ctx context.Context, api S3TableIntegrationSourcesAPI, in *AssociateSourceToS3TableIntegrationInput, clientOptions []func(*Options)) ([]S3TableIntegrationSource, error) {
	p := NewListSourcesForS3TableIntegrationPaginator(api, &ListSourcesForS3TableIntegrationInput{IntegrationArn: in.IntegrationArn})
	var found []S3TableIntegrationSource
	for p.HasMorePages() {
		page, err := p.NextPage(ctx, clientOptions...)
		if err != nil {
			return nil, err
		}
		for _, s := range page.Sources {
			if s.DataSource == in.DataSource {
				found = append(found, s)
			}
		}
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

// associate associates the data source found absent, and fills res.
func associate(ctx context.Context, api S3TableIntegrationSourcesAPI, in *AssociateSourceToS3TableIntegrationInput, clientOptions []func(*Options), res *EnsureSourceResult) error {
	const op = "EnsureS3TableIntegrationSource"
	what := "data source " + quoteValue(in.DataSource.Name+"/"+in.DataSource.Type)
	for {
		res.AssociateCalls++
		out, err := api.AssociateSourceToS3TableIntegration(ctx, in, clientOptions...)
		switch {
		case err == nil && out != nil:
			res.Created, res.Identifier = true, out.Identifier
			return nil
		case err == nil:
			return &ResponseError{Operation: "AssociateSourceToS3TableIntegration", Err: errors.New("no output and no error")}
		case !errors.Is(err, ErrOutcomeUnknown):
			return err
		case ctx.Err() != nil:
			return outcomeUnknownError(ctx, op, "association", what, err, nil)
		}
		found, listErr := listSource(ctx, api, in, clientOptions)
		s := liveSource(found)
		switch {
		case listErr != nil:
			return outcomeUnknownError(ctx, op, "association", what, err, listErr)
		case s != nil:
			res.Created, res.Confirmed, res.Identifier, res.Source = true, true, s.Identifier, s
			return nil
		case res.AssociateCalls == 1:
			continue // it did not happen: once more
		}
		return outcomeUnknownError(ctx, op, "association", what, err, errors.New("none found after the second association either"))
	}
}

// disassociate disassociates the source id: nil once it is disassociated,
// or found gone or going away.
func disassociate(ctx context.Context, api S3TableIntegrationSourcesAPI, in *AssociateSourceToS3TableIntegrationInput, id string, clientOptions []func(*Options)) error {
	const op = "TeardownS3TableIntegrationSource"
	what := "source " + quoteValue(id)
	for calls := 1; ; calls++ {
		_, err := api.DisassociateSourceFromS3TableIntegration(ctx, &DisassociateSourceFromS3TableIntegrationInput{Identifier: id}, clientOptions...)
		switch {
		case err == nil, errors.Is(err, ErrResourceNotFound):
			return nil
		case !errors.Is(err, ErrOutcomeUnknown):
			return err
		case ctx.Err() != nil:
			return outcomeUnknownError(ctx, op, "disassociation", what, err, nil)
		}
		found, listErr := listSource(ctx, api, in, clientOptions)
		i := slices.IndexFunc(found, func(s S3TableIntegrationSource) bool { return s.Identifier == id })
		switch {
		case listErr != nil:
			return outcomeUnknownError(ctx, op, "disassociation", what, err, listErr)
		case i < 0 || sourceGoingAway(found[i].Status):
			return nil
		case calls == 1:
			continue // still there: once more
		}
		return outcomeUnknownError(ctx, op, "disassociation", what, err, errors.New("the source is still there"))
	}
}

// secretsList are the secrets of several requests, such as the pages of
// a listing, whose outputs one text is made from.
type secretsList []secrets

// keep adds sec to the list, for keepSecrets.
func (l *secretsList) keep(sec secrets) { *l = append(*l, sec) }

// scrub returns s scrubbed of the secrets of every request of the list.
func (l secretsList) scrub(s string) string {
	for _, sec := range l {
		s = sec.scrub(s)
	}
	return s
}

// pollSources lists the data source's sources until done says the wait
// is over, or returns an error, MaxWait or ctx's deadline comes, or a
// listing fails with an error not worth another poll. It returns the last
// listing that succeeded. done is given the secrets of the listing's
// requests, which a text it makes of the sources must not show.
func pollSources(ctx context.Context, api S3TableIntegrationSourcesAPI, in *AssociateSourceToS3TableIntegrationInput, o EnsureSourceOptions,
	done func(sources []S3TableIntegrationSource, elapsed time.Duration, sec secretsList) (bool, error)) ([]S3TableIntegrationSource, error) {
	start := o.clock.now()
	deadline := start.Add(o.MaxWait)
	if d, ok := ctx.Deadline(); ok && d.Before(deadline) {
		deadline = d
	}
	var last []S3TableIntegrationSource
	delay := o.MinDelay
	for attempt := 1; ; attempt++ {
		var sec secretsList // of every page of the listing
		sources, err := listSource(ctx, keepSecrets(api, sec.keep), in, o.ClientOptions)
		var over bool
		var result error
		switch {
		case err == nil:
			last = sources
			over, result = done(sources, o.clock.now().Sub(start), sec)
		case ctx.Err() != nil:
			result = ctx.Err()
		case !IsRetryable(err):
			result = err
		}
		left := deadline.Sub(o.clock.now())
		var next time.Duration
		if !over && result == nil {
			if left <= o.MinDelay {
				result = fmt.Errorf("cwlogs: wait for source %s/%s: timed out after %s: %w", in.DataSource.Name, in.DataSource.Type, nounCount(attempt, "poll"), ErrWaitTimeout)
			} else {
				next = min(delay, left-o.MinDelay)
				delay = min(2*delay, o.MaxDelay)
			}
		}
		if o.OnPoll != nil {
			o.OnPoll(EnsureSourcePoll{Attempt: attempt, Sources: sources, Err: err, Next: next})
		}
		if over || result != nil {
			return last, result
		}
		if err := o.clock.sleep(ctx, next); err != nil {
			return last, err
		}
	}
}
