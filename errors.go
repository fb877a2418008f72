package cwlogs

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/aws/smithy-go"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
)

// Sentinel errors. An [*APIError] matches one of them, with errors.Is, by
// its error code; the codes each one stands for are listed beside it.
var (
	// ErrInvalidParameter: InvalidParameterException. An [*InvalidInputError]
	// (a parameter rejected before any request was sent) matches it too.
	ErrInvalidParameter = errors.New("cwlogs: invalid parameter")
	// ErrResourceNotFound: ResourceNotFoundException.
	ErrResourceNotFound = errors.New("cwlogs: resource not found")
	// ErrServiceUnavailable: ServiceUnavailableException, and any error
	// response with HTTP status 503.
	ErrServiceUnavailable = errors.New("cwlogs: service unavailable")
	// ErrAccessDenied: AccessDeniedException, AccessDenied.
	ErrAccessDenied = errors.New("cwlogs: access denied")
	// ErrInvalidCredentials: the request's credentials or signature were
	// rejected: UnrecognizedClientException, InvalidClientTokenId,
	// InvalidSignatureException, SignatureDoesNotMatch, IncompleteSignature(Exception),
	// MissingAuthenticationToken(Exception), ExpiredTokenException, ExpiredToken.
	ErrInvalidCredentials = errors.New("cwlogs: invalid credentials")
	// ErrThrottling: every error the client backs off from as throttling:
	// ThrottlingException, Throttling, ThrottledException,
	// RequestThrottledException, TooManyRequestsException,
	// RequestLimitExceeded, RequestThrottled, SlowDown,
	// ProvisionedThroughputExceededException, BandwidthLimitExceeded,
	// PriorRequestNotComplete, and any error response with HTTP status 429.
	// It does not match LimitExceededException: see [ErrLimitExceeded].
	ErrThrottling = errors.New("cwlogs: throttled")
	// ErrLimitExceeded: LimitExceededException. In CloudWatch Logs it
	// means a quota was reached (an account has at most one integration),
	// not a request rate: it is not retried and does not match
	// [ErrThrottling], unlike in the official SDK's standard retryer.
	ErrLimitExceeded = errors.New("cwlogs: limit exceeded")
	// ErrValidation: ValidationException.
	ErrValidation = errors.New("cwlogs: validation failed")
	// ErrInternalFailure: InternalFailure, InternalServerError,
	// InternalServerException, InternalServiceError, InternalError.
	ErrInternalFailure = errors.New("cwlogs: internal failure")

	// ErrInvalidResponse: the service's answer could not be decoded, such as
	// malformed JSON or a union with no member or two members.
	ErrInvalidResponse = errors.New("cwlogs: invalid response")
	// ErrResponseTooLarge: a success body was larger than the client reads
	// (Options.MaxResponseBytes).
	ErrResponseTooLarge = errors.New("cwlogs: response too large")

	// ErrCredentials: the credentials provider (Options.Credentials)
	// failed, so no request could be signed. The provider's error is
	// wrapped too: errors.Is matches both.
	ErrCredentials = errors.New("cwlogs: credentials provider failed")
	// ErrAttemptTimeout: an attempt took longer than Options.AttemptTimeout
	// (or the HTTP client's own timeout) while the caller's context was
	// still alive. It is retried; it does not match
	// context.DeadlineExceeded, which an error matches only when the
	// caller's own deadline passed.
	ErrAttemptTimeout = errors.New("cwlogs: attempt timed out")

	// ErrOutcomeUnknown: a call that is not idempotent (a create, a
	// delete, an association) ended after an attempt that may have taken
	// effect, and the client could not learn whether it did: the call may
	// or may not have happened. Such an error, an [*OutcomeUnknownError],
	// does not match the sentinels of the errors it reports (the last
	// attempt's and the check's), so that it never reads as a refusal.
	ErrOutcomeUnknown = errors.New("cwlogs: outcome unknown")
)

// sentinels maps an error code to its sentinel.
var sentinels = map[string]error{
	"InvalidParameterException":           ErrInvalidParameter,
	"ResourceNotFoundException":           ErrResourceNotFound,
	"ServiceUnavailableException":         ErrServiceUnavailable,
	"AccessDeniedException":               ErrAccessDenied,
	"AccessDenied":                        ErrAccessDenied,
	"UnrecognizedClientException":         ErrInvalidCredentials,
	"InvalidClientTokenId":                ErrInvalidCredentials,
	"InvalidSignatureException":           ErrInvalidCredentials,
	"SignatureDoesNotMatch":               ErrInvalidCredentials,
	"IncompleteSignature":                 ErrInvalidCredentials,
	"MissingAuthenticationToken":          ErrInvalidCredentials,
	"MissingAuthenticationTokenException": ErrInvalidCredentials,
	"IncompleteSignatureException":        ErrInvalidCredentials,
	"ExpiredTokenException":               ErrInvalidCredentials,
	"ExpiredToken":                        ErrInvalidCredentials,
	"ValidationException":                 ErrValidation,
	"LimitExceededException":              ErrLimitExceeded,
	"InternalFailure":                     ErrInternalFailure,
	"InternalServerError":                 ErrInternalFailure,
	"InternalServerException":             ErrInternalFailure,
	"InternalServiceError":                ErrInternalFailure,
	"InternalError":                       ErrInternalFailure,
}

// APIError is an error answered by the service. It matches, with errors.Is,
// the sentinel of its code (see [ErrResourceNotFound] and the others), and it
// implements smithy-go's [smithy.APIError], so code that handles errors of
// the official SDK with errors.As keeps working. A code no sentinel stands
// for is still reported in full.
//
// An error response whose body was cut short is an APIError too when its
// X-Amzn-ErrorType header named the code. The credentials the request was
// signed with (access key id, secret key, session token) never appear in
// its fields: where the service echoed them, they read "[redacted]".
type APIError struct {
	// Operation is the API operation called, such as "GetIntegration".
	Operation string
	// Code is the error code, such as "ResourceNotFoundException". For an
	// answer that carries no code (an HTML page from a proxy, say) it is the
	// HTTP status, such as "502", as boto3 reports it. It is cut to 256
	// bytes.
	Code string
	// Message is the service's message, cut to 4 KiB (MaxMessageLen) and
	// then marked with "…", or, for an answer that is not JSON, a one-line
	// snippet of the start of its body.
	Message string
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// RequestID is the service's id for the request, if it sent one.
	RequestID string
	// Fault tells whether the caller or the service is at fault: the
	// service for statuses of 500 and above, the caller otherwise.
	Fault smithy.ErrorFault
}

var _ smithy.APIError = (*APIError)(nil)

// Error returns the error on one line, such as "cwlogs: GetIntegration:
// ResourceNotFoundException: integration x not found (status 400, request
// id 1234)".
func (e *APIError) Error() string {
	if e == nil {
		return nilError("APIError")
	}
	var b strings.Builder
	b.WriteString("cwlogs: ")
	if e.Operation != "" {
		b.WriteString(e.Operation)
		b.WriteString(": ")
	}
	msg := oneLine(e.Message)
	// A page from a proxy, whose code is its status, often starts with
	// that status ("502 Bad Gateway"): it is said once.
	if code := oneLine(e.Code); code != "" && !(code == strconv.Itoa(e.StatusCode) && strings.HasPrefix(msg, code+" ")) {
		b.WriteString(code)
		if msg != "" {
			b.WriteString(": ")
		}
	}
	b.WriteString(msg)
	if msg == "" && e.Code == "" {
		b.WriteString("service error")
	}
	if suffix := responseSuffix(e.StatusCode, e.RequestID); suffix != "" {
		b.WriteString(" (")
		b.WriteString(suffix)
		b.WriteString(")")
	}
	return b.String()
}

// Is reports whether target is the sentinel of the error's code.
func (e *APIError) Is(target error) bool {
	if e == nil {
		return false
	}
	switch target {
	case ErrThrottling:
		return isThrottle(e)
	case ErrServiceUnavailable:
		if e.StatusCode == http.StatusServiceUnavailable {
			return true
		}
	}
	s, ok := sentinels[e.Code]
	return ok && s == target
}

// ErrorCode returns the error code. It implements [smithy.APIError].
func (e *APIError) ErrorCode() string { return e.Code }

// ErrorMessage returns the error message. It implements [smithy.APIError].
func (e *APIError) ErrorMessage() string { return e.Message }

// ErrorFault returns the party at fault. It implements [smithy.APIError].
func (e *APIError) ErrorFault() smithy.ErrorFault { return e.Fault }

// HTTPStatusCode returns the HTTP status of the response, as the official
// SDK's response errors do.
func (e *APIError) HTTPStatusCode() int { return e.StatusCode }

// InvalidInputError reports an input that the client rejected before
// sending any request. It matches [ErrInvalidParameter] with errors.Is.
type InvalidInputError struct {
	// Operation is the API operation called, such as "GetIntegration", or
	// the waiter method, such as "IntegrationActiveWaiter.Wait".
	Operation string
	// Field is the input field at fault, named by its path in Go, as the
	// caller writes it: "IntegrationName"; "ResourceConfig.RetentionDays",
	// a field of the union's member; "ResourceConfig.DashboardViewerPrincipals[1]",
	// an element of a list; "DataSource.Name". A waiter names its option
	// or its parameter, such as "MinDelay" or "maxWaitDur".
	Field string
	// Reason tells which rule the value broke, such as "is required" or
	// "has ' ' at byte 1". For a field of a union's member, whose path on
	// the wire is not its Go path's, it starts with that wire path, as the
	// service names the member in its errors:
	// "resourceConfig.openSearchResourceConfig.retentionDays is 45, want 1
	// to 30".
	Reason string
}

// Error returns the error on one line: the operation, then the field and
// the reason, such as "cwlogs: GetIntegration: invalid input:
// IntegrationName is required". A reason that names the member itself
// (one that does not start with "is " or "has ") follows a colon:
// "cwlogs: PutIntegration: invalid input: ResourceConfig.RetentionDays:
// resourceConfig.openSearchResourceConfig.retentionDays is 45, want 1 to
// 30".
func (e *InvalidInputError) Error() string {
	if e == nil {
		return nilError("InvalidInputError")
	}
	var b strings.Builder
	b.WriteString("cwlogs: ")
	if e.Operation != "" {
		b.WriteString(e.Operation)
		b.WriteString(": ")
	}
	b.WriteString("invalid input")
	sep := " "
	if e.Reason != "" && !strings.HasPrefix(e.Reason, "is ") && !strings.HasPrefix(e.Reason, "has ") {
		sep = ": "
	}
	if what := strings.TrimSpace(e.Field + sep + e.Reason); what != "" {
		b.WriteString(": ")
		b.WriteString(what)
	}
	return b.String()
}

// Is reports whether target is [ErrInvalidParameter].
func (e *InvalidInputError) Is(target error) bool { return e != nil && target == ErrInvalidParameter }

// responseSuffix describes a response for an error message: its status
// and request id, each when known. An error made by a fake or by hand
// has neither, and says nothing of a response rather than "status 0".
func responseSuffix(status int, requestID string) string {
	var parts []string
	if status != 0 {
		parts = append(parts, "status "+strconv.Itoa(status))
	}
	if requestID != "" {
		parts = append(parts, "request id "+oneLine(requestID))
	}
	return strings.Join(parts, ", ")
}

// errorBody holds the members of an AWS JSON error body. encoding/json
// matches names without regard to case, so Message also fills message.
type errorBody struct {
	Type    string `json:"__type"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// MaxMessageLen is the length, in bytes, at which the message of an
// [APIError] is cut (at a character boundary, then marked with "…"), so
// that a service or proxy sending a message of megabytes does not make an
// error string of megabytes.
const MaxMessageLen = 4 << 10

// errorResponse is a response whose status is not 2xx, as the client read
// it.
type errorResponse struct {
	op     string
	status int
	header http.Header
	body   []byte // the start of the body, up to the error body bound
	// cut tells that body is not the whole body: the server broke it off
	// (the header named the code), or the client stopped reading it at
	// its bound. Its end may be the start of a secret, and it is read as
	// JSON up to the cut.
	cut bool
}

// decodeAPIError builds the error for a response whose status is not 2xx,
// from its headers and its body, with the credentials of sec replaced
// wherever the service echoed them.
func decodeAPIError(r errorResponse, sec secrets) *APIError {
	e := &APIError{
		Operation:  r.op,
		StatusCode: r.status,
		RequestID:  requestID(r.header, sec),
		Fault:      smithy.FaultClient,
	}
	if r.status >= 500 {
		e.Fault = smithy.FaultServer
	}
	// The body is read as it came, and what is taken from it is scrubbed
	// once decoded: a secret's characters may be written as JSON escapes
	// ("\u002b" for '+'), which a scrub of the raw body would find in part
	// only, leaving the rest to be decoded and shown.
	var eb errorBody
	var isJSON bool
	if r.cut {
		// The members that came whole before the cut.
		eb, isJSON = readCutErrorBody(r.body)
		isJSON = isJSON && eb.Message != ""
	} else {
		isJSON = json.Unmarshal(r.body, &eb) == nil
	}
	code := r.header.Get("X-Amzn-ErrorType")
	if code == "" {
		code = eb.Type
	}
	if code == "" {
		code = eb.Code
	}
	// Scrubbed again once cut at ':': what is left may end with the
	// start of a secret.
	e.Code = bounded(sec.scrub(sanitizeErrorCode(sec.scrub(code))), maxFieldLen)
	if isJSON {
		// Cut before the scrub too, at twice the bound, so that a message
		// of a megabyte is not scrubbed whole. A message whose secrets,
		// redacted, shrink it by more than the bound shows less of its
		// text past them than a scrub of all of it would.
		e.Message = bounded(sec.scrub(bounded(eb.Message, 2*MaxMessageLen)), MaxMessageLen)
	} else {
		// The text the page shows, scrubbed once its character
		// references are replaced: they may spell a secret, which a scrub
		// of the page would have found in part only.
		body := r.body
		if r.cut {
			body = dropPartialEscape(body)
		}
		e.Message = snippet(body)
		if r.cut && e.Message != "" && !strings.HasSuffix(e.Message, "…") {
			e.Message += "…"
		}
		e.Message = sec.scrubText(e.Message, false)
	}
	if e.Code == "" {
		e.Code = strconv.Itoa(r.status)
	}
	return e
}

// readCutErrorBody reads the members of an AWS JSON error body that was
// cut: those of errorBody that came whole before the cut, matched without
// regard to case as encoding/json matches them, the last of a name
// counting. It reports whether the body starts as a JSON object.
func readCutErrorBody(body []byte) (errorBody, bool) {
	var eb errorBody
	r := jsonwire.NewReader(string(body))
	if r.Next() != '{' {
		return eb, false
	}
	// The object ends in an error at the cut (or at a byte that is not
	// JSON): the members read before it are kept.
	_ = r.Object(func(name string) error {
		if r.Next() != '"' {
			return r.Skip()
		}
		s, err := r.StringValue()
		if err != nil {
			return err
		}
		switch {
		case strings.EqualFold(name, "__type"):
			eb.Type = s
		case strings.EqualFold(name, "code"):
			eb.Code = s
		case strings.EqualFold(name, "message"):
			eb.Message = s
		}
		return nil
	})
	return eb, true
}

// sanitizeErrorCode cuts a raw error code at its first ':' and keeps what
// follows its last '#', so that
// "com.amazonaws.logs#ResourceNotFoundException:http://internal..." becomes
// "ResourceNotFoundException".
func sanitizeErrorCode(code string) string {
	if i := strings.IndexByte(code, ':'); i >= 0 {
		code = code[:i]
	}
	if i := strings.LastIndexByte(code, '#'); i >= 0 {
		code = code[i+1:]
	}
	return strings.TrimSpace(code)
}

// requestID returns the request id a response carries, with the
// credentials of sec replaced if the service echoed them.
func requestID(h http.Header, sec secrets) string {
	// The keys are in canonical form, as net/http stores them, which
	// spares Get the work of making them so.
	id := h["X-Amzn-Requestid"]
	if len(id) == 0 || id[0] == "" {
		id = h["X-Amz-Requestid"]
	}
	if len(id) == 0 {
		return ""
	}
	return bounded(sec.scrub(id[0]), maxFieldLen)
}

// maxFieldLen bounds the error code and request id taken from a response's
// headers, which can be megabytes long: the service's are under 100 bytes.
const maxFieldLen = 256

// ResponseError reports a response that the client could not use: a body
// that is not what the operation returns (malformed JSON, a union with no
// member or with two), larger than the client reads, or cut short. It
// matches [ErrInvalidResponse] with errors.Is, and [ErrResponseTooLarge]
// too when the body was too large; Err holds the cause. As in an
// [APIError], credentials the service echoed read "[redacted]", in its
// fields and in its cause.
type ResponseError struct {
	// Operation is the API operation called, such as "GetIntegration".
	Operation string
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// RequestID is the service's id for the request, if it sent one.
	RequestID string
	// Err is what was wrong with the response. For a body that does not
	// decode, its text gives the byte offset of a JSON syntax error, or the
	// wire path of a value of the wrong shape, such as "integrationStatus:
	// want a string, found a number"; its type is not part of the API.
	Err error
}

// Error returns the error on one line.
func (e *ResponseError) Error() string {
	if e == nil {
		return nilError("ResponseError")
	}
	var b strings.Builder
	b.WriteString("cwlogs: ")
	if e.Operation != "" {
		b.WriteString(e.Operation)
		b.WriteString(": ")
	}
	b.WriteString("invalid response")
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(oneLine(e.Err.Error()))
	}
	if suffix := responseSuffix(e.StatusCode, e.RequestID); suffix != "" {
		b.WriteString(" (")
		b.WriteString(suffix)
		b.WriteString(")")
	}
	return b.String()
}

// Is reports whether target is [ErrInvalidResponse].
func (e *ResponseError) Is(target error) bool { return e != nil && target == ErrInvalidResponse }

// Unwrap returns the cause.
func (e *ResponseError) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.Err
}

// attemptsError is the error of a call that ended with err after n
// attempts: err itself if there was one attempt or none.
func attemptsError(n int, err error) error {
	if n <= 1 {
		return err
	}
	return &AttemptsError{Attempts: n, Err: err}
}

// AttemptsError is the error of a call that made more than one attempt, or
// whose context ended while it was under way. It wraps the error of the
// last attempt, so errors.Is and errors.As see through it to the
// [*APIError] or the sentinel, and the context's error.
type AttemptsError struct {
	// Attempts is the number of attempts that sent a request (handed it
	// to the HTTP client): 0 when the context ended before any was sent.
	Attempts int
	// Err is the error of the last attempt.
	Err error
	// Context is the context's error if it ended, else nil.
	Context error
}

// Error returns the error on one line: the last attempt's error and the
// number of attempts, led by the context's error if it ended.
func (e *AttemptsError) Error() string {
	if e == nil {
		return nilError("AttemptsError")
	}
	if e.Err == nil && e.Context == nil {
		return "cwlogs: " + nounCount(e.Attempts, "attempt") + ", no error"
	}
	switch {
	case e.Context != nil && e.Attempts == 0 && errors.Is(e.Err, e.Context):
		return fmt.Sprintf("%v (no request sent)", e.Err)
	case e.Context != nil && e.Attempts == 0:
		return fmt.Sprintf("cwlogs: %v before any request was sent; last error: %v", e.Context, e.Err)
	case e.Context != nil:
		return fmt.Sprintf("cwlogs: %v after %s; last error: %v", e.Context, nounCount(e.Attempts, "attempt"), e.Err)
	}
	return fmt.Sprintf("%v (after %s)", e.Err, nounCount(e.Attempts, "attempt"))
}

// Unwrap returns the last attempt's error and the context's error.
func (e *AttemptsError) Unwrap() []error {
	if e == nil {
		return nil
	}
	return nonNil(e.Context, e.Err)
}

// nonNil returns those of errs that are not nil, for an Unwrap that
// returns several errors.
func nonNil(errs ...error) []error {
	var kept []error
	for _, err := range errs {
		if err != nil {
			kept = append(kept, err)
		}
	}
	return kept
}

// nilError is the text of a nil pointer to the error type name, which
// fmt would otherwise print as a panic.
func nilError(name string) string { return "cwlogs: nil *" + name }

// errorKind tells what an [opError] is.
type errorKind uint8

const (
	kindTransport      errorKind = iota // no response: the connection failed, or the request was not sent
	kindCredentials                     // the credentials provider failed
	kindAttemptTimeout                  // the attempt took longer than its bound
)

// opError is an error of an operation that got no usable response: a
// request that could not be signed (kindCredentials), that got no response
// (kindTransport), or whose attempt timed out (kindAttemptTimeout). Its
// text names the operation, and it wraps the cause.
type opError struct {
	op   string
	kind errorKind
	err  error
}

func (e *opError) Error() string { return "cwlogs: " + e.op + ": " + e.err.Error() }
func (e *opError) Unwrap() error { return e.err }

// Is reports whether target is the sentinel of the error's kind.
func (e *opError) Is(target error) bool {
	switch e.kind {
	case kindCredentials:
		return target == ErrCredentials
	case kindAttemptTimeout:
		return target == ErrAttemptTimeout
	}
	return false
}

// attemptTimeoutError is the cause of an attempt that took longer than its
// bound, which it holds (zero if the bound was the HTTP client's).
type attemptTimeoutError time.Duration

func (d attemptTimeoutError) Error() string {
	if d <= 0 {
		return "attempt timed out"
	}
	return "attempt timed out after " + time.Duration(d).String()
}

// bodyReadError is a response body that could not be read to its end.
type bodyReadError struct{ err error }

func (e *bodyReadError) Error() string { return "read body: " + e.err.Error() }
func (e *bodyReadError) Unwrap() error { return e.err }

// bodyTooLargeError is the cause of a [ResponseError] for a body larger
// than the limit it holds.
type bodyTooLargeError int64

func (n bodyTooLargeError) Error() string {
	return fmt.Sprintf("body is larger than the limit of %d bytes", int64(n))
}

func (bodyTooLargeError) Is(target error) bool { return target == ErrResponseTooLarge }
