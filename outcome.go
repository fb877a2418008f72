package cwlogs

import (
	"errors"
	"strings"
)

// This file holds what the request path learns of the effect of a call
// that is not idempotent, after an attempt that may have taken effect
// without the client learning it: confirmed, absent (the call is refused
// with the service's error) or unknown ([OutcomeUnknownError]).

// effect is what the service's state shows of a call's effect.
type effect uint8

const (
	// effectUnknown: the state neither shows the effect nor its absence,
	// or could not be read.
	effectUnknown effect = iota
	// effectConfirmed: the state can be this call's effect.
	effectConfirmed
	// effectAbsent: the state shows that the call did not take effect.
	effectAbsent
)

// reading is what a check of the state tells.
type reading struct {
	effect effect
	// meta is the metadata of the response that showed a confirmed
	// effect.
	meta ResponseMetadata
	// outSecrets are the secrets of the request whose response the values
	// of a confirmed effect that fill out came from, when they may echo
	// them (a source's identifier).
	outSecrets secrets
	// err tells, for an unknown effect, why the check did not settle it:
	// the error of the read, or what the state showed.
	err error
}

// unknownEffect is the reading of a check that read err, or a state that
// err describes.
func unknownEffect(err error) reading { return reading{effect: effectUnknown, err: err} }

// stateError describes a state that a check read and that neither shows a
// call's effect nor its absence. Its text holds no value the service sent
// but the enum values this package knows.
type stateError struct{ msg string }

func (e *stateError) Error() string { return "cwlogs: " + e.msg }

// OutcomeUnknownError reports a call of an operation that is not
// idempotent (PutIntegration, DeleteIntegration,
// AssociateSourceToS3TableIntegration,
// DisassociateSourceFromS3TableIntegration) that ended after an attempt
// that may have taken effect, whose outcome the client could not learn:
// the create, delete, association or disassociation may or may not have
// happened. Read the state (GetIntegration, ListSourcesForS3TableIntegration)
// before acting on it.
//
// It matches [ErrOutcomeUnknown] with errors.Is and, when the caller's
// context ended, that context's error (context.Canceled or
// context.DeadlineExceeded). It does not match the sentinels of Err or
// CheckErr, and errors.As does not find errors inside them, so that an
// unknown create never reads as refused ([ErrLimitExceeded]) or denied
// ([ErrAccessDenied]) to code that tests those first: take them from its
// fields.
type OutcomeUnknownError struct {
	// Operation is the API operation called, such as "PutIntegration".
	Operation string
	// Attempts is the number of attempts that sent a request.
	Attempts int
	// Err is the error the call would have ended with: that of its last
	// attempt, or of the attempt before when the caller's context cut the
	// last one short.
	Err error
	// CheckErr tells why the check of the service's state did not settle
	// the outcome: the error of the read (such as GetIntegration's
	// AccessDeniedException), what it found (such as an integration still
	// there after a delete), or that there is no state to read (a
	// disassociation names no integration). It is nil when the caller's
	// context had ended before the check, which was not sent.
	CheckErr error
	// Context is the error of the caller's context if it ended, else nil.
	Context error

	// effect names what the call does, such as "create".
	effect string
	// taken tells that the service answered an attempt with success,
	// whose answer could not be read: the call took effect as far as the
	// service told, and a state that does not show it may only lag.
	taken bool
}

// tookEffect reports whether err is an unknown outcome of a call that the
// service answered with success (see OutcomeUnknownError.taken): a
// caller that reads the state again must not send the call again when
// the state does not show it yet.
func tookEffect(err error) bool {
	var u *OutcomeUnknownError
	return errors.As(err, &u) && u.taken
}

// Error returns the error on one line: that the call may or may not have
// happened, its last error and the check's, such as "cwlogs:
// PutIntegration: outcome unknown: the create may or may not have happened
// (2 attempts); last error: …; check: …".
func (e *OutcomeUnknownError) Error() string {
	if e == nil {
		return nilError("OutcomeUnknownError")
	}
	var b strings.Builder
	b.WriteString("cwlogs: ")
	if e.Operation != "" {
		b.WriteString(oneLine(e.Operation))
		b.WriteString(": ")
	}
	b.WriteString("outcome unknown: the ")
	if e.effect != "" {
		b.WriteString(e.effect)
	} else {
		b.WriteString("call")
	}
	b.WriteString(" may or may not have happened (")
	b.WriteString(nounCount(e.Attempts, "attempt"))
	b.WriteString(")")
	if e.Err != nil {
		b.WriteString("; last error: ")
		b.WriteString(oneLine(e.Err.Error()))
	}
	switch {
	case e.CheckErr != nil:
		b.WriteString("; check: ")
		b.WriteString(oneLine(e.CheckErr.Error()))
	case e.Context != nil:
		b.WriteString("; not checked: ")
		b.WriteString(e.Context.Error())
	}
	return b.String()
}

// Is reports whether target is [ErrOutcomeUnknown].
func (e *OutcomeUnknownError) Is(target error) bool { return e != nil && target == ErrOutcomeUnknown }

// Unwrap returns the caller's context's error, if that context ended, and
// nothing else: Err and CheckErr are not causes whose sentinels it may
// match.
func (e *OutcomeUnknownError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Context
}
