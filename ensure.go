package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/smithy-go"
)

// DefaultEnsureMaxWait bounds the wait of [EnsureIntegration] and
// [TeardownIntegration] when their MaxWait is zero: provisioning and
// deletion take minutes.
const DefaultEnsureMaxWait = 30 * time.Minute

// EnsureIntegrationOptions are the options of [EnsureIntegration]. The
// zero value means the defaults.
type EnsureIntegrationOptions struct {
	// ClientOptions are applied to every call EnsureIntegration makes, the
	// waiter's polls included, as the optFns of a call are.
	ClientOptions []func(*Options)

	// MaxWait bounds the wait until the integration is ACTIVE. If zero,
	// DefaultEnsureMaxWait (30 minutes).
	MaxWait time.Duration

	// NoWait returns as soon as the integration is created, or found,
	// without waiting until it is ACTIVE.
	NoWait bool

	// Waiter are the options of the wait, those of an
	// [IntegrationActiveWaiter]: its delays, its NotFoundGrace and OnPoll,
	// called after every poll. Its ClientOptions are applied to the polls
	// after ClientOptions.
	Waiter IntegrationActiveWaiterOptions
}

// EnsureIntegrationResult is what [EnsureIntegration] did and found.
type EnsureIntegrationResult struct {
	// Created tells that this call created the integration; false when it
	// already existed.
	Created bool

	// Integration is the integration as last read, with its health report
	// ([GetIntegrationOutput.Problems]): after the wait, the poll that found
	// it ACTIVE (or FAILED). With NoWait, right after a create, it holds
	// the name, the input's type and the status PutIntegration returned,
	// without details.
	Integration *GetIntegrationOutput

	// Drift lists what differs between the input and the integration that
	// existed, in what can be read back: its type, and its application
	// ARN when the input set one. It is empty when nothing differs. The
	// role, the principals, the retention and the KMS key cannot be read
	// back through this API: an integration that differs in them is not
	// reported. A value the service does not report (an integration still
	// provisioning may not show its application yet) is not drift.
	Drift []IntegrationDrift

	// CreateCalls is the number of PutIntegration calls made: 0 when the
	// integration existed, 2 when the first one's outcome was unknown
	// and the integration was then found absent.
	CreateCalls int

	// Confirmed tells that a create's outcome was unknown (an error that
	// matches [ErrOutcomeUnknown]) and that reading the integration back
	// showed the create: an integration of that name, PROVISIONING, of the
	// input's type (and application ARN, when set), where the lookup before
	// the create found none.
	Confirmed bool
}

// IntegrationDrift is one difference between the input of
// [EnsureIntegration] and the integration that existed.
type IntegrationDrift struct {
	// Field names the input field, as [InvalidInputError].Field does, such
	// as "IntegrationType" or "ResourceConfig.ApplicationArn".
	Field string
	// Wanted is the input's value.
	Wanted string
	// Found is the integration's value.
	Found string
}

// IntegrationLimitError reports a create that the account's quota
// refused (LimitExceededException): an account has at most one
// integration, and another holds it. It wraps PutIntegration's error, so
// it matches [ErrLimitExceeded] with errors.Is.
//
// Holders hold the service's data as it was sent. The text made of them
// (Error, and GoString for %#v) has the credentials and the signature of
// the listing's request replaced by "[redacted]" wherever the service
// echoed them.
type IntegrationLimitError struct {
	// Name is the integration that was to be created.
	Name string
	// Holders are the account's integrations, which hold the quota, as
	// ListIntegrations returned them; nil if it failed.
	Holders []IntegrationSummary
	// ListErr is the error of ListIntegrations, nil if it succeeded.
	ListErr error
	// Err is the error of PutIntegration.
	Err error

	// text is Error's text, scrubbed, as EnsureIntegration made it.
	text string
}

// maxHolders bounds the integrations an [IntegrationLimitError] names.
const maxHolders = 5

// Error returns the error on one line, naming the integrations that hold
// the quota. For an error EnsureIntegration returned, it is the text made
// when it returned it.
func (e *IntegrationLimitError) Error() string {
	if e == nil {
		return nilError("IntegrationLimitError")
	}
	if e.text != "" {
		return e.text
	}
	return e.message(secrets{})
}

// GoString returns Error's text, for %#v, which would otherwise print the
// fields: the service's data as it was sent.
func (e *IntegrationLimitError) GoString() string { return e.Error() }

// message makes Error's text, with the secrets of sec taken out of what
// came from the service.
func (e *IntegrationLimitError) message(sec secrets) string {
	var b strings.Builder
	fmt.Fprintf(&b, "cwlogs: EnsureIntegration: cannot create integration %q: ", e.Name)
	switch {
	case e.ListErr != nil:
		fmt.Fprintf(&b, "the account's quota of integrations is reached, and listing them failed (%s)",
			oneLine(strings.TrimPrefix(e.ListErr.Error(), "cwlogs: ")))
	case len(e.Holders) == 0:
		b.WriteString("the account's quota of integrations is reached, though it lists none")
	default:
		b.WriteString("the account's quota of integrations is held by ")
		for i, h := range e.Holders[:min(len(e.Holders), maxHolders)] {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s (%s, %s)", strconv.Quote(bounded(oneLine(sec.scrub(h.IntegrationName)), maxStatusText)),
				statusText(sec.scrub(string(h.IntegrationType))), statusText(sec.scrub(string(h.IntegrationStatus))))
		}
		if n := len(e.Holders) - maxHolders; n > 0 {
			fmt.Fprintf(&b, " and %d more", n)
		}
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(oneLine(strings.TrimPrefix(e.Err.Error(), "cwlogs: ")))
	}
	return b.String()
}

// Unwrap returns PutIntegration's error.
func (e *IntegrationLimitError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// EnsureIntegration makes sure the integration in describes exists: it
// looks the name up, creates the integration when it is absent, and by
// default waits until it is ACTIVE. An integration that exists is never
// changed (an integration cannot be modified): what differs from in, as
// far as it can be read back, is reported in the result's Drift, not as
// an error, and the caller decides. Only the type, and the application
// ARN when in sets one, can be read back: the role, the principals, the
// retention and the KMS key cannot be read back through this API, so an
// integration that differs from in only in them is found without drift.
//
// The input is checked as PutIntegration checks it, and the options as a
// waiter checks them, before any request is sent. Then:
//
//   - Absent: PutIntegration creates it (Created). When the create's
//     outcome is unknown (its error matches [ErrOutcomeUnknown]),
//     EnsureIntegration knows more than the client did, since the name was
//     absent at its lookup: it reads the integration again. Found
//     PROVISIONING, of the input's type (and application ARN, when set),
//     it is this call's create (Created and Confirmed); absent, the create
//     did not happen, and it is made once more within ctx, unless the
//     service answered it with success (a body the client could not
//     read), when the read may only lag; anything else,
//     or a read that fails, is an error that matches ErrOutcomeUnknown (and
//     ctx's error when ctx ended), not the read's sentinels.
//   - Refused as LimitExceededException: when the name appeared between the
//     lookup and the create (another tool created it), a second lookup
//     finds it and the result is "already existed"; otherwise the error is
//     an [*IntegrationLimitError], which matches [ErrLimitExceeded] and
//     names the integrations that hold the quota, found with
//     ListIntegrations. A ValidationException, or a
//     ResourceAlreadyExistsException, is followed by the same second
//     lookup.
//   - Present: Created is false, and Drift holds the differences in the
//     type and the application ARN.
//
// Unless NoWait is set, it then waits until the integration is ACTIVE, a
// new one as an existing one still PROVISIONING, for at most MaxWait, with
// the options of an [IntegrationActiveWaiter]. An integration FAILED is an
// [*IntegrationFailedError], which matches [ErrIntegrationFailed] and
// holds the resources' messages; the wait's other errors are the waiter's.
//
// When an error comes after the integration was created or found, the
// result is returned with it, with what is known (a created integration
// that then FAILED is to be deleted); otherwise the result is nil. Errors
// of the calls are returned as the calls return them.
//
// With a [*Client] whose TracerProvider is set, the work is a span named
// "EnsureIntegration", whose children are the calls' spans.
func EnsureIntegration(ctx context.Context, api IntegrationsAPI, in *PutIntegrationInput, optFns ...func(*EnsureIntegrationOptions)) (*EnsureIntegrationResult, error) {
	const op = "EnsureIntegration"
	var o EnsureIntegrationOptions
	for _, fn := range optFns {
		fn(&o)
	}
	if in == nil {
		in = &PutIntegrationInput{}
	}
	if err := checkEnsureArgs(op, api, o.MaxWait, !o.NoWait, o.Waiter.MinDelay, o.Waiter.MaxDelay); err != nil {
		return nil, err
	}
	if err := validatePutIntegration(op, in); err != nil {
		return nil, err
	}
	ctx, span := startTaskSpan(ctx, api, o.ClientOptions, op, in.IntegrationName)
	e := &ensurer{api: api, in: in, opts: o, clientOptions: slices.Clip(o.ClientOptions)}
	res, err := e.run(ctx)
	if res != nil {
		span.set("cwlogs.created", res.Created)
		span.set("cwlogs.drift", len(res.Drift))
	}
	span.end(err)
	return res, err
}

// checkEnsureArgs checks the arguments of an Ensure or Teardown function
// (op) that are not the input: api, and, when it is to wait, maxWait and
// the waiter's delays, by the waiters' own rules.
func checkEnsureArgs(op string, api any, maxWait time.Duration, wait bool, minDelay, maxDelay time.Duration) error {
	if api == nil || isNilValue(api) {
		return &InvalidInputError{Operation: op, Field: "api", Reason: "is nil"}
	}
	if maxWait < 0 {
		return &InvalidInputError{Operation: op, Field: "MaxWait", Reason: fmt.Sprintf("is %v, want zero or more", maxWait)}
	}
	if !wait {
		return nil
	}
	if err := checkWaiter(op, api, minDelay, maxDelay); err != nil {
		var inputErr *InvalidInputError
		if errors.As(err, &inputErr) {
			return &InvalidInputError{Operation: op, Field: "Waiter." + inputErr.Field, Reason: inputErr.Reason}
		}
		return err
	}
	return nil
}

// ensurer is one run of EnsureIntegration.
type ensurer struct {
	api           IntegrationsAPI
	in            *PutIntegrationInput
	opts          EnsureIntegrationOptions
	clientOptions []func(*Options)
	// sec are the secrets of the request whose response the last lookup
	// read, which the texts made from it must not show.
	sec secrets
}

// run looks the integration up, creates it if absent, and waits.
func (e *ensurer) run(ctx context.Context) (*EnsureIntegrationResult, error) {
	found, err := e.lookup(ctx)
	if err != nil {
		return nil, err
	}
	res := &EnsureIntegrationResult{Integration: found}
	if found == nil {
		if err := e.create(ctx, res); err != nil {
			return nil, err
		}
	}
	if !e.opts.NoWait {
		err = e.wait(ctx, res)
	}
	if !res.Created {
		res.Drift = integrationDrift(e.in, res.Integration)
	}
	return res, err
}

// lookup returns the integration of the input's name, nil if there is
// none.
func (e *ensurer) lookup(ctx context.Context) (*GetIntegrationOutput, error) {
	out, err := keepSecrets(e.api, keepLast(&e.sec)).GetIntegration(ctx, &GetIntegrationInput{IntegrationName: e.in.IntegrationName}, e.clientOptions...)
	switch {
	case err == nil && out == nil:
		return nil, &ResponseError{Operation: "GetIntegration", Err: errors.New("no output and no error")}
	case err == nil:
		return out, nil
	case errors.Is(err, ErrResourceNotFound):
		return nil, nil
	}
	return nil, err
}

// create creates the integration found absent, and fills res: Created
// and Integration, or, when the name appeared meanwhile, the integration
// found.
func (e *ensurer) create(ctx context.Context, res *EnsureIntegrationResult) error {
	name := e.in.IntegrationName
	for {
		res.CreateCalls++
		out, err := e.api.PutIntegration(ctx, e.in, e.clientOptions...)
		switch {
		case err == nil:
			res.Created = true
			res.Integration = &GetIntegrationOutput{IntegrationName: name, IntegrationType: e.in.IntegrationType}
			if out != nil {
				res.Integration.IntegrationStatus = out.IntegrationStatus
				res.Integration.ResultMetadata = out.ResultMetadata
			}
			return nil
		case errors.Is(err, ErrOutcomeUnknown):
			created, absent, checkErr := e.readBack(ctx)
			switch {
			case created != nil:
				res.Created, res.Confirmed, res.Integration = true, true, created
				return nil
			case absent && res.CreateCalls == 1 && !tookEffect(err):
				continue // the create did not happen: once more
			case absent && tookEffect(err):
				// The service answered the create with success: the read
				// may only lag, and a second create is not sent.
				checkErr = errors.New("none found yet, though the service answered the create with success")
			case absent:
				// The service may show a new integration late: absent
				// twice is still not proof.
				checkErr = errors.New("none found after the second create either")
			}
			return outcomeUnknownError(ctx, "EnsureIntegration", "create", "integration "+strconv.Quote(name), err, checkErr)
		case errors.Is(err, ErrLimitExceeded), errors.Is(err, ErrValidation), errorCode(err) == "ResourceAlreadyExistsException":
			// Refused: maybe because the name appeared after the lookup.
			found, lookupErr := e.lookup(ctx)
			if lookupErr == nil && found != nil {
				res.Integration = found
				return nil
			}
			if errors.Is(err, ErrLimitExceeded) {
				return e.limitError(ctx, err)
			}
		}
		return err
	}
}

// errorCode returns the code of the service's error err, "" if it is
// none.
func errorCode(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	return ""
}

// readBack reads the integration after a create whose outcome is
// unknown. It returns the integration when it can be this call's create
// (PROVISIONING, of the input's type and application ARN), or reports
// that it is absent; otherwise the error to report: the read's, or a
// description of what was found.
func (e *ensurer) readBack(ctx context.Context) (created *GetIntegrationOutput, absent bool, err error) {
	if ctx.Err() != nil {
		// The check is not sent: the outcome stays unknown.
		return nil, false, nil
	}
	out, err := e.lookup(ctx)
	switch {
	case err != nil:
		return nil, false, err
	case out == nil:
		return nil, true, nil
	case out.IntegrationStatus != IntegrationStatusProvisioning:
		return nil, false, fmt.Errorf("found it %s, not PROVISIONING", statusText(e.sec.scrub(string(out.IntegrationStatus))))
	case out.IntegrationType != e.in.IntegrationType:
		return nil, false, fmt.Errorf("found it of type %s", statusText(e.sec.scrub(string(out.IntegrationType))))
	}
	if drift := integrationDrift(e.in, out); len(drift) > 0 {
		return nil, false, fmt.Errorf("found it with %s %s", drift[0].Field, quoteValue(e.sec.scrub(drift[0].Found)))
	}
	return out, false, nil
}

// outcomeUnknownError is the error of op (such as EnsureIntegration) when
// the outcome of its create, delete or association (what) of subject
// (such as `integration "x"`) stays unknown: the call failed with err, and the
// check with checkErr (nil when the check was not made). It matches what
// err matches ([ErrOutcomeUnknown]) and ctx's error when ctx ended, but
// not the check's sentinels: its text only is kept.
func outcomeUnknownError(ctx context.Context, op, what, subject string, err, checkErr error) error {
	why := "the check was not made"
	if checkErr != nil {
		why = "reading it back: " + oneLine(strings.TrimPrefix(checkErr.Error(), "cwlogs: "))
	}
	msg := fmt.Sprintf("cwlogs: %s: the %s of %s may or may not have happened (%s): %%w", op, what, subject, why)
	if ctxErr := ctx.Err(); ctxErr != nil && !errors.Is(err, ctxErr) {
		return fmt.Errorf(msg+"; %w", err, ctxErr)
	}
	return fmt.Errorf(msg, err)
}

// limitError is the error of a create refused with err, a
// LimitExceededException: it names the integrations that hold the quota.
func (e *ensurer) limitError(ctx context.Context, err error) error {
	le := &IntegrationLimitError{Name: e.in.IntegrationName, Err: err}
	var sec secrets
	list, listErr := keepSecrets(e.api, keepLast(&sec)).ListIntegrations(ctx, &ListIntegrationsInput{}, e.clientOptions...)
	switch {
	case listErr != nil:
		le.ListErr = listErr
	case list != nil:
		le.Holders = list.IntegrationSummaries
	}
	le.text = le.message(sec)
	return le
}

// wait waits until the integration of res is ACTIVE, unless it is
// already, and keeps the last output in res.
func (e *ensurer) wait(ctx context.Context, res *EnsureIntegrationResult) error {
	switch res.Integration.IntegrationStatus {
	case IntegrationStatusActive:
		return nil
	case IntegrationStatusFailed:
		// Found so by the lookup, whose secrets it may echo.
		return integrationFailed(e.in.IntegrationName, res.Integration, e.sec)
	}
	maxWait := e.opts.MaxWait
	if maxWait == 0 {
		maxWait = DefaultEnsureMaxWait
	}
	w := NewIntegrationActiveWaiter(e.api, func(o *IntegrationActiveWaiterOptions) {
		*o = e.opts.Waiter
		o.ClientOptions = append(e.clientOptions, e.opts.Waiter.ClientOptions...)
	})
	out, err := w.WaitForOutput(ctx, &GetIntegrationInput{IntegrationName: e.in.IntegrationName}, maxWait)
	var failed *IntegrationFailedError
	var werr *WaitError
	switch {
	case err == nil:
		res.Integration = out
	case errors.As(err, &failed) && failed.Output != nil:
		res.Integration = failed.Output
	case errors.As(err, &werr) && werr.Output != nil:
		res.Integration = werr.Output
	}
	return err
}

// integrationDrift returns what differs between the input and the
// integration found, in what the service reports: the type, and the
// application ARN when the input set one.
func integrationDrift(in *PutIntegrationInput, found *GetIntegrationOutput) []IntegrationDrift {
	if found == nil {
		return nil
	}
	var drift []IntegrationDrift
	if t := found.IntegrationType; t != "" && t != in.IntegrationType {
		drift = append(drift, IntegrationDrift{Field: "IntegrationType", Wanted: string(in.IntegrationType), Found: string(t)})
	}
	rc, _ := in.ResourceConfig.(*OpenSearchResourceConfig)
	d, _ := found.IntegrationDetails.(*OpenSearchIntegrationDetails)
	if rc != nil && rc.ApplicationArn != "" && d != nil && d.Application != nil {
		if got := d.Application.ApplicationArn; got != "" && got != rc.ApplicationArn {
			drift = append(drift, IntegrationDrift{Field: "ResourceConfig.ApplicationArn", Wanted: rc.ApplicationArn, Found: got})
		}
	}
	return drift
}

// TeardownIntegrationOptions are the options of [TeardownIntegration].
// The zero value means the defaults.
type TeardownIntegrationOptions struct {
	// ClientOptions are applied to every call TeardownIntegration makes,
	// the waiter's polls included, as the optFns of a call are.
	ClientOptions []func(*Options)

	// MaxWait bounds the wait until the integration is gone. If zero,
	// DefaultEnsureMaxWait (30 minutes).
	MaxWait time.Duration

	// NoWait returns right after the delete, without waiting until the
	// integration is gone.
	NoWait bool

	// Waiter are the options of the wait, those of an
	// [IntegrationDeletedWaiter]: its delays and OnPoll. Its ClientOptions
	// are applied to the polls after ClientOptions.
	Waiter IntegrationDeletedWaiterOptions
}

// TeardownIntegrationResult is what [TeardownIntegration] did and found.
type TeardownIntegrationResult struct {
	// Deleted tells that the integration existed at the lookup and was
	// then deleted (by this call, or meanwhile by another); false when it
	// was absent.
	Deleted bool
	// Integration is the integration as the lookup found it, before the
	// delete; nil when it was absent.
	Integration *GetIntegrationOutput
}

// TeardownIntegration makes sure the integration params names is gone,
// the counterpart of [EnsureIntegration]: it looks the name up and, when
// the integration exists, deletes it (with params.Force, its vended-logs
// dashboards too) and by default waits until GetIntegration no longer
// finds it, for at most MaxWait. An integration that is absent, at the
// lookup or when the delete is made, counts as success.
//
// The name is checked before any request is sent. A delete whose outcome
// is unknown (its error matches [ErrOutcomeUnknown]) is followed by a
// read: absent, the delete happened; still there, the delete is made once
// more (deletion is not instant, and deleting again is what was asked);
// a read that fails is an error that matches ErrOutcomeUnknown. Other
// errors of the calls, and of the wait, are returned as they are, with
// the result when the integration was found.
//
// With a [*Client] whose TracerProvider is set, the work is a span named
// "TeardownIntegration", whose children are the calls' spans.
func TeardownIntegration(ctx context.Context, api IntegrationsAPI, params *DeleteIntegrationInput, optFns ...func(*TeardownIntegrationOptions)) (*TeardownIntegrationResult, error) {
	const op = "TeardownIntegration"
	var o TeardownIntegrationOptions
	for _, fn := range optFns {
		fn(&o)
	}
	if params == nil {
		params = &DeleteIntegrationInput{}
	}
	if err := checkEnsureArgs(op, api, o.MaxWait, !o.NoWait, o.Waiter.MinDelay, o.Waiter.MaxDelay); err != nil {
		return nil, err
	}
	if err := validateIntegrationName(op, params.IntegrationName); err != nil {
		return nil, err
	}
	ctx, span := startTaskSpan(ctx, api, o.ClientOptions, op, params.IntegrationName)
	res, err := teardown(ctx, api, params, o)
	if res != nil {
		span.set("cwlogs.deleted", res.Deleted)
	}
	span.end(err)
	return res, err
}

// teardown is TeardownIntegration once its arguments are checked.
func teardown(ctx context.Context, api IntegrationsAPI, params *DeleteIntegrationInput, o TeardownIntegrationOptions) (*TeardownIntegrationResult, error) {
	name := &GetIntegrationInput{IntegrationName: params.IntegrationName}
	clientOptions := slices.Clip(o.ClientOptions)
	found, err := api.GetIntegration(ctx, name, clientOptions...)
	switch {
	case errors.Is(err, ErrResourceNotFound):
		return &TeardownIntegrationResult{}, nil
	case err != nil:
		return nil, err
	}
	res := &TeardownIntegrationResult{Integration: found}
	if err := deleteUntilGone(ctx, api, params, clientOptions); err != nil {
		return res, err
	}
	res.Deleted = true
	if o.NoWait {
		return res, nil
	}
	maxWait := o.MaxWait
	if maxWait == 0 {
		maxWait = DefaultEnsureMaxWait
	}
	w := NewIntegrationDeletedWaiter(api, func(wo *IntegrationDeletedWaiterOptions) {
		*wo = o.Waiter
		wo.ClientOptions = append(clientOptions, o.Waiter.ClientOptions...)
	})
	return res, w.Wait(ctx, name, maxWait)
}

// deleteUntilGone deletes the integration found by the lookup: nil once
// it is deleted, or found gone. A delete whose outcome is unknown is followed
// by a read, and made once more when the integration is still there.
func deleteUntilGone(ctx context.Context, api IntegrationsAPI, params *DeleteIntegrationInput, clientOptions []func(*Options)) error {
	const op = "TeardownIntegration"
	for calls := 1; ; calls++ {
		_, err := api.DeleteIntegration(ctx, params, clientOptions...)
		switch {
		case err == nil, errors.Is(err, ErrResourceNotFound):
			// Deleted, or deleted meanwhile by another hand: gone all the
			// same.
			return nil
		case !errors.Is(err, ErrOutcomeUnknown):
			return err
		case ctx.Err() != nil:
			// The check is not sent: the outcome stays unknown.
			return outcomeUnknownError(ctx, op, "delete", "integration "+strconv.Quote(params.IntegrationName), err, nil)
		}
		_, checkErr := api.GetIntegration(ctx, &GetIntegrationInput{IntegrationName: params.IntegrationName}, clientOptions...)
		switch {
		case errors.Is(checkErr, ErrResourceNotFound):
			return nil
		case checkErr == nil && calls == 1:
			continue // still there: the delete once more
		case checkErr == nil:
			checkErr = errors.New("the integration is still there")
		}
		return outcomeUnknownError(ctx, op, "delete", "integration "+strconv.Quote(params.IntegrationName), err, checkErr)
	}
}
