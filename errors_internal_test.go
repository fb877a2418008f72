package cwlogs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

func TestDecodeAPIError(t *testing.T) {
	tests := []struct {
		name   string
		status int
		header map[string]string
		body   string
		cut    bool // the body was cut short
		want   APIError
	}{
		{
			name:   "code from header wins",
			status: 400,
			header: map[string]string{"X-Amzn-ErrorType": "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.logs/", "X-Amzn-RequestId": "r1"},
			body:   `{"__type":"com.amazonaws.logs#OtherException","message":"gone"}`,
			want:   APIError{Code: "ResourceNotFoundException", Message: "gone", StatusCode: 400, RequestID: "r1", Fault: smithy.FaultClient},
		},
		{
			name:   "code from __type with namespace",
			status: 400,
			body:   `{"__type":"com.amazonaws.logs#InvalidParameterException","message":"bad"}`,
			want:   APIError{Code: "InvalidParameterException", Message: "bad", StatusCode: 400, Fault: smithy.FaultClient},
		},
		{
			name:   "code from code field, Message capitalised",
			status: 400,
			body:   `{"code":"AccessDeniedException","Message":"no"}`,
			want:   APIError{Code: "AccessDeniedException", Message: "no", StatusCode: 400, Fault: smithy.FaultClient},
		},
		{
			name:   "request id fallback header",
			status: 500,
			header: map[string]string{"X-Amz-RequestId": "r2"},
			body:   `{"__type":"InternalFailure"}`,
			want:   APIError{Code: "InternalFailure", StatusCode: 500, RequestID: "r2", Fault: smithy.FaultServer},
		},
		{
			name:   "html page",
			status: 502,
			body:   "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n",
			want:   APIError{Code: "502", Message: "502 Bad Gateway", StatusCode: 502, Fault: smithy.FaultServer},
		},
		{
			name:   "html page with a style sheet and a script",
			status: 504,
			body: "<!DOCTYPE html><HTML><HEAD><TITLE>504 Gateway Time-out</TITLE><style>body{color:red}</style></HEAD>" +
				"<body><script type=\"x\">var a = 1 < 2;</script><h1>504 Gateway Time-out</h1><hr><center>nginx</center></body></html>",
			want: APIError{Code: "504", Message: "504 Gateway Time-out nginx", StatusCode: 504, Fault: smithy.FaultServer},
		},
		{
			name:   "html page whose title is all it says",
			status: 503,
			body:   "<html><head><title>Service Unavailable</title><style>p{}</style></head><body></body></html>",
			want:   APIError{Code: "503", Message: "Service Unavailable", StatusCode: 503, Fault: smithy.FaultServer},
		},
		{
			name:   "message cut at MaxMessageLen",
			status: 400,
			body:   `{"__type":"ValidationException","message":"` + strings.Repeat("é", MaxMessageLen) + `"}`,
			want:   APIError{Code: "ValidationException", Message: strings.Repeat("é", MaxMessageLen/2) + "…", StatusCode: 400, Fault: smithy.FaultClient},
		},
		{
			name:   "message of exactly MaxMessageLen",
			status: 400,
			body:   `{"__type":"ValidationException","message":"` + strings.Repeat("m", MaxMessageLen) + `"}`,
			want:   APIError{Code: "ValidationException", Message: strings.Repeat("m", MaxMessageLen), StatusCode: 400, Fault: smithy.FaultClient},
		},
		{
			name:   "cut short, code in the header",
			status: 400,
			header: map[string]string{"X-Amzn-ErrorType": "ResourceNotFoundException"},
			body:   `{"message":"Integration x does`,
			cut:    true,
			want:   APIError{Code: "ResourceNotFoundException", Message: `{"message":"Integration x does…`, StatusCode: 400, Fault: smithy.FaultClient},
		},
		{
			name:   "cut, code and message before the cut",
			status: 400,
			body:   `{"__type":"com.amazonaws.logs#LimitExceededException","message":"one integration at most","pad":"xxxx`,
			cut:    true,
			want:   APIError{Code: "LimitExceededException", Message: "one integration at most", StatusCode: 400, Fault: smithy.FaultClient},
		},
		{
			name:   "cut, code after nested values, the message cut",
			status: 400,
			body:   `{"a":{"b":[1,{"c":"}"}]},"x":[],"Code":"LimitExceededException","Message":"one inte`,
			cut:    true,
			want:   APIError{Code: "LimitExceededException", Message: `{"a":{"b":[1,{"c":"}"}]},"x":[],"Code":"LimitExceededException","Message":"one inte…`, StatusCode: 400, Fault: smithy.FaultClient},
		},
		{
			name:   "cut, the last of a name counts",
			status: 400,
			body:   `{"__type":"A","__TYPE":"B","message":"m","__type":"C`,
			cut:    true,
			want:   APIError{Code: "B", Message: "m", StatusCode: 400, Fault: smithy.FaultClient},
		},
		{
			name:   "cut in the code",
			status: 400,
			body:   `{"__type":"LimitExceed`,
			cut:    true,
			want:   APIError{Code: "400", Message: `{"__type":"LimitExceed…`, StatusCode: 400, Fault: smithy.FaultClient},
		},
		{
			name:   "cut, not JSON",
			status: 502,
			body:   `<html><body>Bad gateway`,
			cut:    true,
			want:   APIError{Code: "502", Message: "Bad gateway…", StatusCode: 502, Fault: smithy.FaultServer},
		},
		{
			name:   "json without a code",
			status: 503,
			body:   `{"message":"slow down"}`,
			want:   APIError{Code: "503", Message: "slow down", StatusCode: 503, Fault: smithy.FaultServer},
		},
		{
			name:   "empty body",
			status: 500,
			want:   APIError{Code: "500", StatusCode: 500, Fault: smithy.FaultServer},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tt.header {
				h.Set(k, v)
			}
			got := decodeAPIError(errorResponse{op: "GetIntegration", status: tt.status, header: h, body: []byte(tt.body), cut: tt.cut}, secrets{})
			tt.want.Operation = "GetIntegration"
			if diff := cmp.Diff(&tt.want, got); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSanitizeErrorCode(t *testing.T) {
	for in, want := range map[string]string{
		"ResourceNotFoundException": "ResourceNotFoundException",
		"com.amazonaws.logs#ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.logs/": "ResourceNotFoundException",
		"aws.protocoltests#Foo":       "Foo",
		"Foo:http://a#b":              "Foo",
		"":                            "",
		" ThrottlingException ":       "ThrottlingException",
		"com.amazon.coral.service#X:": "X",
	} {
		if got := sanitizeErrorCode(in); got != want {
			t.Errorf("sanitizeErrorCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAPIErrorIs(t *testing.T) {
	tests := []struct {
		code   string
		status int
		want   error
	}{
		{"InvalidParameterException", 400, ErrInvalidParameter},
		{"ResourceNotFoundException", 400, ErrResourceNotFound},
		{"ServiceUnavailableException", 400, ErrServiceUnavailable},
		{"AccessDeniedException", 400, ErrAccessDenied},
		{"UnrecognizedClientException", 400, ErrInvalidCredentials},
		{"InvalidSignatureException", 400, ErrInvalidCredentials},
		{"ExpiredTokenException", 400, ErrInvalidCredentials},
		{"MissingAuthenticationTokenException", 400, ErrInvalidCredentials},
		{"ThrottlingException", 400, ErrThrottling},
		{"ValidationException", 400, ErrValidation},
		{"InternalFailure", 400, ErrInternalFailure},
		// Throttling is what the client backs off from as throttling.
		{"SlowDown", 400, ErrThrottling},
		{"PriorRequestNotComplete", 400, ErrThrottling},
		// In CloudWatch Logs a quota, not a rate.
		{"LimitExceededException", 400, ErrLimitExceeded},
		{"SomethingNew", 429, ErrThrottling},
		{"429", 429, ErrThrottling},
		// A 503 without a known code is the service unavailable.
		{"503", 503, ErrServiceUnavailable},
		{"SomethingNew", 503, ErrServiceUnavailable},
	}
	all := []error{ErrInvalidParameter, ErrResourceNotFound, ErrServiceUnavailable, ErrAccessDenied,
		ErrInvalidCredentials, ErrThrottling, ErrValidation, ErrInternalFailure, ErrInvalidResponse, ErrResponseTooLarge,
		ErrLimitExceeded, ErrCredentials, ErrAttemptTimeout}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s %d", tt.code, tt.status), func(t *testing.T) {
			var err error = &APIError{Code: tt.code, StatusCode: tt.status}
			for _, s := range all {
				if got := errors.Is(err, s); got != (s == tt.want) {
					t.Errorf("errors.Is(%s, %v) = %v, want %v", tt.code, s, got, s == tt.want)
				}
			}
		})
	}
	// A throttling code with status 503 is both.
	if slow := error(&APIError{Code: "SlowDown", StatusCode: 503}); !errors.Is(slow, ErrThrottling) || !errors.Is(slow, ErrServiceUnavailable) {
		t.Error("SlowDown with status 503 does not match both ErrThrottling and ErrServiceUnavailable")
	}
	var err error = &APIError{Code: "SomethingNewException", Message: "m", StatusCode: 400}
	for _, s := range all {
		if errors.Is(err, s) {
			t.Errorf("an unknown code matches %v", s)
		}
	}
	if got, want := err.Error(), "cwlogs: SomethingNewException: m (status 400)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestAPIErrorString(t *testing.T) {
	e := &APIError{Operation: "GetIntegration", Code: "ResourceNotFoundException",
		Message: "Integration x\ndoes not exist", StatusCode: 400, RequestID: "abc"}
	want := "cwlogs: GetIntegration: ResourceNotFoundException: Integration x does not exist (status 400, request id abc)"
	if got := e.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	// An error made by hand or by a fake (a user's test double) has no
	// status: its text says nothing of one rather than "status 0".
	for _, tt := range []struct {
		e    *APIError
		want string
	}{
		{&APIError{Code: "ThrottlingException", Message: "slow down"}, "cwlogs: ThrottlingException: slow down"},
		{&APIError{Code: "ThrottlingException", RequestID: "abc"}, "cwlogs: ThrottlingException (request id abc)"},
		{&APIError{StatusCode: 502}, "cwlogs: service error (status 502)"},
	} {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	var apiErr smithy.APIError
	if !errors.As(error(e), &apiErr) || apiErr.ErrorCode() != "ResourceNotFoundException" ||
		apiErr.ErrorMessage() != "Integration x\ndoes not exist" || apiErr.ErrorFault() != smithy.FaultUnknown {
		t.Errorf("smithy.APIError view = %v", apiErr)
	}
}

// TestErrorFieldsAreBounded sends an error code and a request id of a
// megabyte each in headers: the error keeps their start only.
func TestErrorFieldsAreBounded(t *testing.T) {
	h := http.Header{}
	h.Set("X-Amzn-ErrorType", strings.Repeat("é", 1<<19))
	h.Set("X-Amzn-RequestId", strings.Repeat("r", 1<<20))
	e := decodeAPIError(errorResponse{op: "GetIntegration", status: 400, header: h}, secrets{})
	if len(e.Code) > maxFieldLen+len("…") || len(e.RequestID) > maxFieldLen+len("…") || len(e.Error()) > 1024 {
		t.Errorf("code %d bytes, request id %d bytes, Error() %d bytes; want each bounded", len(e.Code), len(e.RequestID), len(e.Error()))
	}
	if !strings.HasSuffix(e.Code, "é…") || !strings.HasPrefix(e.RequestID, "rrr") {
		t.Errorf("code %q..., request id %q...: want their starts, cut at a character", e.Code[:8], e.RequestID[:8])
	}
}

// TestErrorStringsAreOneLine puts line and paragraph separators, C1
// controls and bytes that are not UTF-8 in a request id and a message: the
// error string folds them all.
func TestErrorStringsAreOneLine(t *testing.T) {
	for _, id := range []string{"a\u2028b", "a\u2029b", "a\u0085b", "a\nb", "a\xc2b", "a\x85b"} {
		h := http.Header{"X-Amzn-Requestid": {id}}
		e := decodeAPIError(errorResponse{op: "GetIntegration", status: 400, header: h,
			body: []byte(`{"__type":"X","message":"m` + id + `"}`)}, secrets{})
		re := &ResponseError{Operation: "GetIntegration", StatusCode: 200, RequestID: id, Err: errors.New("e" + id)}
		for _, s := range []string{e.Error(), re.Error()} {
			if strings.ContainsAny(s, "\n\u2028\u2029\u0085") || !utf8.ValidString(s) {
				t.Errorf("request id %q: Error() = %q, want one line of UTF-8", id, s)
			}
		}
	}
}

// TestErrorTypesZeroAndNil calls Error, Is and Unwrap on the zero value and
// on a nil pointer of every exported error type: none may panic, and each
// text is one line that names the package. The list is checked against the
// exported API, so that a new error type cannot be left out.
func TestErrorTypesZeroAndNil(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		zero     error
		nil      error
		wantZero string
	}{
		{"APIError", &APIError{}, (*APIError)(nil), "cwlogs: service error"},
		{"InvalidInputError", &InvalidInputError{}, (*InvalidInputError)(nil), "cwlogs: invalid input"},
		{"ResponseError", &ResponseError{}, (*ResponseError)(nil), "cwlogs: invalid response"},
		{"AttemptsError", &AttemptsError{}, (*AttemptsError)(nil), "cwlogs: 0 attempts, no error"},
		{"WaitError", &WaitError{}, (*WaitError)(nil), `cwlogs: wait for integration "" to be : stopped by an error after 0 polls; no status seen`},
		{"IntegrationFailedError", &IntegrationFailedError{}, (*IntegrationFailedError)(nil), `cwlogs: integration "" FAILED`},
		{"OutcomeUnknownError", &OutcomeUnknownError{}, (*OutcomeUnknownError)(nil),
			"cwlogs: outcome unknown: the call may or may not have happened (0 attempts)"},
		{"IntegrationLimitError", &IntegrationLimitError{}, (*IntegrationLimitError)(nil),
			`cwlogs: EnsureIntegration: cannot create integration "": the account's quota of integrations is reached, though it lists none`},
		{"S3TableIntegrationSourceFailedError", &S3TableIntegrationSourceFailedError{}, (*S3TableIntegrationSourceFailedError)(nil),
			`cwlogs: S3 Table integration source "" FAILED`},
		{"S3TableIntegrationSourceWaitError", &S3TableIntegrationSourceWaitError{}, (*S3TableIntegrationSourceWaitError)(nil),
			`cwlogs: wait for S3 Table integration source "" to be : stopped by an error after 0 polls; no status seen`},
	}
	listed := map[string]bool{}
	for _, tt := range tests {
		listed[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.zero.Error(); got != tt.wantZero {
				t.Errorf("zero value: Error() = %q, want %q", got, tt.wantZero)
			}
			if got, want := tt.nil.Error(), "cwlogs: nil *"+tt.name; got != want {
				t.Errorf("nil pointer: Error() = %q, want %q", got, want)
			}
			for _, e := range []error{tt.zero, tt.nil} {
				for _, target := range []error{ErrInvalidParameter, ErrInvalidResponse, ErrWaitTimeout, ErrIntegrationFailed, ErrThrottling, ErrServiceUnavailable, ErrLimitExceeded, ErrS3TableIntegrationSourceFailed, ErrOutcomeUnknown} {
					if e == tt.nil && errors.Is(e, target) {
						t.Errorf("nil pointer matches %v", target)
					}
				}
				_ = errors.Unwrap(e)
				var apiErr *APIError
				_ = errors.As(e, &apiErr)
				_ = fmt.Sprintf("%v %+v %s %q", e, e, e, e)
			}
		})
	}
	api, err := os.ReadFile("api/cwlogs.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(api), "\n") {
		if name, ok := strings.CutPrefix(line, "pkg cwlogs, method (*"); ok && strings.HasSuffix(name, ") Error() string") {
			if name = strings.TrimSuffix(name, ") Error() string"); !listed[name] {
				t.Errorf("error type %s is not in the test's table", name)
			}
		}
	}
}

// FuzzDecodeAPIError decodes error responses: every recorded response
// and the error cases of the wire notes seed it. Inputs that made it fail
// are kept in testdata/fuzz/FuzzDecodeAPIError and run by a plain go test.
func FuzzDecodeAPIError(f *testing.F) {
	for _, r := range recordedResponses(f) {
		f.Add(r.status, r.errorType, r.body)
	}
	// The error cases of WIRE.md.
	f.Add(400, "ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.logs/",
		[]byte(`{"__type":"com.amazonaws.logs#ResourceNotFoundException:http://internal","message":"m"}`))
	f.Add(400, "", []byte(`{"__type":"com.amazonaws.logs#ResourceNotFoundException:http://internal","Message":"M"}`))
	f.Add(400, "", []byte(`{"code":"ValidationException","message":"m"}`))
	f.Add(429, "", []byte(`{}`))
	f.Add(502, "", []byte("<html><body><h1>502 Bad Gateway</h1></body></html>"))
	f.Add(503, "", []byte(nil))
	f.Fuzz(func(t *testing.T, status int, errorType string, body []byte) {
		h := http.Header{}
		if errorType != "" {
			// A header value from net/http never holds these.
			if strings.ContainsAny(errorType, "\r\n\x00") {
				return
			}
			h.Set("X-Amzn-ErrorType", errorType)
		}
		e := decodeAPIError(errorResponse{op: "GetIntegration", status: status, header: h, body: body}, secrets{})
		if e == nil {
			t.Fatal("decodeAPIError returned nil")
		}
		if e.Code == "" || strings.ContainsAny(e.Code, ":#") {
			t.Errorf("Code = %q from header %q and body %q; want it non-empty, with no ':' or '#'", e.Code, errorType, body)
		}
		msg := e.Error()
		if !strings.HasPrefix(msg, "cwlogs: ") {
			t.Errorf("Error() = %q, want the prefix \"cwlogs: \"", msg)
		}
		if strings.ContainsAny(msg, "\r\n") {
			t.Errorf("Error() = %q from header %q and body %q, want one line", msg, errorType, body)
		}
		if !utf8.ValidString(e.Message) {
			t.Errorf("Message = %q from body %q, not valid UTF-8", e.Message, body)
		}
		if !json.Valid(body) && len(e.Message) > snippetLen+len("…") {
			t.Errorf("Message = %q (%d bytes) from a body that is not JSON, want at most %d bytes", e.Message, len(e.Message), snippetLen+len("…"))
		}
		if e.StatusCode != status {
			t.Errorf("StatusCode = %d, want %d", e.StatusCode, status)
		}
		wantFault := smithy.FaultClient
		if status >= 500 {
			wantFault = smithy.FaultServer
		}
		if e.Fault != wantFault {
			t.Errorf("Fault = %v for status %d, want %v", e.Fault, status, wantFault)
		}
		// The same body taken as cut: read up to the cut, by the same
		// rules of a line.
		cut := decodeAPIError(errorResponse{op: "GetIntegration", status: status, header: h, body: body, cut: true}, secrets{})
		if cut.Code == "" || strings.ContainsAny(cut.Code, ":#") || strings.ContainsAny(cut.Error(), "\r\n") ||
			!utf8.ValidString(cut.Message) || len(cut.Message) > MaxMessageLen+len("…") {
			t.Errorf("cut body %q: code %q, message %q, error %q", body, cut.Code, cut.Message, cut.Error())
		}
		if errorType == "" && e.Code != cut.Code && json.Valid(body) && bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) {
			// A whole JSON object read as cut keeps the code read whole.
			t.Errorf("body %q: code %q whole, %q read as cut", body, e.Code, cut.Code)
		}
	})
}

// TestDecodeAPIErrorScrubsDecodedMessage checks that a secret whose
// characters the service wrote as JSON escapes ("\u002b" for '+', as
// .NET's and Gson's encoders write some), or a page as character
// references, is redacted whole from the decoded message: a scrub of the
// raw body would cut it at the first escape and leave the rest.
func TestDecodeAPIErrorScrubsDecodedMessage(t *testing.T) {
	t.Parallel()
	const token = "IQoJb3JpZ2luX2VjEXAMPLE+TOKEN/part2+more/stuff=="
	sec := secrets{token}
	for _, escaped := range []string{
		`IQoJb3JpZ2luX2VjEXAMPLE\u002bTOKEN\/part2\u002bmore\/stuff==`,
		`IQoJb3JpZ2luX2VjEXAMPLE+TOKEN/part2+more/stuff\u003d\u003d`,
		`IQoJb3JpZ2luX2VjEXAMPLE+TOKEN\u002fpart2+more\u002fstuff==`,
		`\u0049QoJb3JpZ2luX2VjEXAMPLE+TOKEN/part2+more/stuff==`,
	} {
		body := `{"__type":"AccessDeniedException","message":"token ` + escaped + ` rejected"}`
		h := http.Header{}
		e := decodeAPIError(errorResponse{op: "GetIntegration", status: 403, header: h, body: []byte(body)}, sec)
		if want := "token " + redacted + " rejected"; e.Message != want {
			t.Errorf("body %s: message %q, want %q", body, e.Message, want)
		}
	}
	// A body that is JSON but not an error body the client reads whole
	// (a code that is a number, text after the object, a body cut in the
	// message) is shown as text, its escapes read.
	const key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	keyEscaped := `wJalrXUtnFEMI\u002fK7MDENG\u002fbPxRfiCYEXAMPLEKEY`
	for _, tt := range []struct {
		body string
		cut  bool
	}{
		{`{"code":5,"message":"key ` + keyEscaped + ` bad"}`, false},
		{`{"__type":"X","message":"key ` + keyEscaped + ` bad"} x`, false},
		{`{"__type":"X","message":"key ` + keyEscaped, true},
		{`{"__type":"X","message":"key ` + keyEscaped[:20], true},
		{`<p>key ` + keyEscaped + ` bad</p>`, false},
		{`<p>key wJalrX&#`, true},
		{`R&D wJal\u0072XUtnFEMI&#47;K7MDENG/bPxRfiCYEXAMPLEKEY`, false},
		{`{"code":5,"message":"R&D wJal\u0072XUtnFEMI&#47;K7MDENG/bPxRfiCYEXAMPLEKEY"}`, false},
		{`<p>key wJalrX\u00`, true},
	} {
		e := decodeAPIError(errorResponse{op: "GetIntegration", status: 400, header: http.Header{}, body: []byte(tt.body), cut: tt.cut},
			secrets{"", "", key})
		for _, part := range []string{"K7MDENG", "bPxRf", "wJalrX"} {
			if strings.Contains(e.Message, part) {
				t.Errorf("body %s (cut %v): message %q shows %q of the secret", tt.body, tt.cut, e.Message, part)
			}
		}
	}
	// An HTML page writes it with character references, numeric ones
	// without their ';' as browsers read them.
	for _, page := range []string{
		`IQoJb3JpZ2luX2VjEXAMPLE&#43TOKEN&#47part2&#43more&#47stuff&#61&#61`,
		`IQoJb3JpZ2luX2VjEXAMPLE&#x2BTOKEN&#x2f;part2&#43;more&#47stuff&#x3D&#61`,
	} {
		body := `<html><body><p>token ` + page + ` rejected</p></body></html>`
		h := http.Header{"Content-Type": {"text/html"}}
		e := decodeAPIError(errorResponse{op: "GetIntegration", status: 403, header: h, body: []byte(body)}, sec)
		if want := "token " + redacted + " rejected"; e.Message != want {
			t.Errorf("page %s: message %q, want %q", body, e.Message, want)
		}
	}
}

// BenchmarkDecodeAPIErrorHostileMessage decodes error bodies of a megabyte
// that a hostile server may send against the scrub: ellipses, each of
// which the scrub looks before for the start of a secret, after the first
// byte of the session token or a piece of it.
func BenchmarkDecodeAPIErrorHostileMessage(b *testing.B) {
	token := strings.Repeat("Ab+/", 275)
	sec := secrets{token, strings.Repeat("f", 64), "secretKEY/0123+4567=89abcdefghijkl", "AKIDEXAMPLE"}
	for _, fill := range []string{"…", "A…", "Ab+/…", "x"} {
		body := []byte(`{"__type":"X","message":"` + strings.Repeat(fill, (1<<20)/len(fill)-16) + `"}`)
		b.Run(fmt.Sprintf("%q", fill), func(b *testing.B) {
			for b.Loop() {
				decodeAPIError(errorResponse{op: "GetIntegration", status: 400, header: http.Header{}, body: body}, sec)
			}
		})
	}
}
