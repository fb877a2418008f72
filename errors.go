package cwlogs

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/aws/smithy-go"
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
	// LimitExceededException, PriorRequestNotComplete, and any error
	// response with HTTP status 429.
	ErrThrottling = errors.New("cwlogs: throttled")
	// ErrValidation: ValidationException.
	ErrValidation = errors.New("cwlogs: validation failed")
	// ErrInternalFailure: InternalFailure, InternalServerError,
	// InternalServiceError, InternalError.
	ErrInternalFailure = errors.New("cwlogs: internal failure")

	// ErrInvalidResponse: the service's answer could not be decoded, such as
	// malformed JSON or a union with no member or two members.
	ErrInvalidResponse = errors.New("cwlogs: invalid response")
	// ErrResponseTooLarge: a success body was larger than the client reads
	// (Options.MaxResponseBytes).
	ErrResponseTooLarge = errors.New("cwlogs: response too large")
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
	"InternalFailure":                     ErrInternalFailure,
	"InternalServerError":                 ErrInternalFailure,
	"InternalServiceError":                ErrInternalFailure,
	"InternalError":                       ErrInternalFailure,
}

// APIError is an error answered by the service. It matches, with errors.Is,
// the sentinel of its code (see [ErrResourceNotFound] and the others), and it
// implements smithy-go's [smithy.APIError], so code that handles errors of
// the official SDK with errors.As keeps working. A code no sentinel stands
// for is still reported in full.
type APIError struct {
	// Operation is the API operation called, such as "GetIntegration".
	Operation string
	// Code is the error code, such as "ResourceNotFoundException". For an
	// answer that carries no code (an HTML page from a proxy, say) it is the
	// HTTP status, such as "502", as boto3 reports it.
	Code string
	// Message is the service's message or, for an answer that is not JSON,
	// the start of its body.
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
	var b strings.Builder
	b.WriteString("cwlogs: ")
	if e.Operation != "" {
		b.WriteString(e.Operation)
		b.WriteString(": ")
	}
	b.WriteString(oneLine(e.Code))
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(oneLine(e.Message))
	}
	b.WriteString(" (")
	b.WriteString(responseSuffix(e.StatusCode, e.RequestID))
	b.WriteString(")")
	return b.String()
}

// Is reports whether target is the sentinel of the error's code.
func (e *APIError) Is(target error) bool {
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
	// Operation is the API operation called, such as "GetIntegration".
	Operation string
	// Field is the input field at fault, such as "IntegrationName".
	Field string
	// Reason tells which rule the value broke.
	Reason string
}

// Error returns the error on one line.
func (e *InvalidInputError) Error() string {
	return fmt.Sprintf("cwlogs: %s: invalid input: %s %s", e.Operation, e.Field, e.Reason)
}

// Is reports whether target is [ErrInvalidParameter].
func (e *InvalidInputError) Is(target error) bool { return target == ErrInvalidParameter }

// responseSuffix describes a response for an error message.
func responseSuffix(status int, requestID string) string {
	s := "status " + strconv.Itoa(status)
	if requestID != "" {
		s += ", request id " + requestID
	}
	return s
}

// errorBody holds the members of an AWS JSON error body. encoding/json
// matches names without regard to case, so Message also fills message.
type errorBody struct {
	Type    string `json:"__type"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// snippetLen bounds the part of a non-JSON error body kept as the message.
const snippetLen = 200

// decodeAPIError builds the error for a response whose status is not 2xx,
// from its headers and its body (read up to the error body bound).
func decodeAPIError(op string, status int, header http.Header, body []byte) *APIError {
	e := &APIError{
		Operation:  op,
		StatusCode: status,
		RequestID:  requestID(header),
		Fault:      smithy.FaultClient,
	}
	if status >= 500 {
		e.Fault = smithy.FaultServer
	}
	var eb errorBody
	isJSON := json.Unmarshal(body, &eb) == nil
	code := header.Get("X-Amzn-ErrorType")
	if code == "" {
		code = eb.Type
	}
	if code == "" {
		code = eb.Code
	}
	e.Code = bounded(sanitizeErrorCode(code))
	if isJSON {
		e.Message = eb.Message
	} else {
		e.Message = snippet(body)
	}
	if e.Code == "" {
		e.Code = strconv.Itoa(status)
	}
	return e
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

// requestID returns the request id a response carries.
func requestID(h http.Header) string {
	// The keys are in canonical form, as net/http stores them, which
	// spares Get the work of making them so.
	if id := h["X-Amzn-Requestid"]; len(id) > 0 && id[0] != "" {
		return bounded(id[0])
	}
	if id := h["X-Amz-Requestid"]; len(id) > 0 {
		return bounded(id[0])
	}
	return ""
}

// maxFieldLen bounds the error code and request id taken from a response's
// headers, which can be megabytes long: the service's are under 100 bytes.
const maxFieldLen = 256

// bounded returns s cut to maxFieldLen bytes at a character boundary, with
// "…" in place of what was cut.
func bounded(s string) string {
	if len(s) <= maxFieldLen {
		return s
	}
	i := maxFieldLen
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// snippet returns the start of a body that is not JSON, as readable text on
// one line: markup tags are dropped and white space is folded.
func snippet(body []byte) string {
	var b strings.Builder
	inTag, space := false, false
	for _, r := range string(body) {
		switch {
		case r == '<':
			inTag = true
			space = true
			continue
		case r == '>' && inTag:
			inTag = false
			continue
		case inTag:
			continue
		case r == utf8.RuneError || r == ' ' || isControl(r):
			space = true
			continue
		}
		sep := 0
		if space && b.Len() > 0 {
			sep = 1
		}
		space = false
		if b.Len()+sep+utf8.RuneLen(r) > snippetLen {
			b.WriteString("…")
			break
		}
		if sep == 1 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// oneLine replaces line breaks and other control characters with spaces.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, s)
}

// isControl reports whether r is a control character (C0, DEL or C1, which
// holds a line break and terminal escapes) or a line or paragraph separator.
func isControl(r rune) bool {
	return r < ' ' || 0x7f <= r && r <= 0x9f || r == '\u2028' || r == '\u2029'
}

// ResponseError reports a response that the client could not use: a body
// that is not what the operation returns (malformed JSON, a union with no
// member or with two), larger than the client reads, or cut short. It
// matches [ErrInvalidResponse] with errors.Is, and [ErrResponseTooLarge]
// too when the body was too large; Err holds the cause.
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
	return fmt.Sprintf("cwlogs: %s: invalid response: %s (%s)",
		e.Operation, oneLine(e.Err.Error()), responseSuffix(e.StatusCode, e.RequestID))
}

// Is reports whether target is [ErrInvalidResponse].
func (e *ResponseError) Is(target error) bool { return target == ErrInvalidResponse }

// Unwrap returns the cause.
func (e *ResponseError) Unwrap() error { return e.Err }

// bodyTooLargeError is the cause of a [ResponseError] for a body larger
// than the limit it holds.
type bodyTooLargeError int64

func (n bodyTooLargeError) Error() string {
	return fmt.Sprintf("body is larger than the limit of %d bytes", int64(n))
}

func (bodyTooLargeError) Is(target error) bool { return target == ErrResponseTooLarge }
