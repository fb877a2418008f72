package cwlogs

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/smithy-go"
)

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
