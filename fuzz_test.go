package cwlogs

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

// The fuzz targets below are seeded with every recorded response in
// cwlogstest/testdata and with the cases of the union table in WIRE.md.
// Inputs that made a target fail are kept in testdata/fuzz/<FuzzName>/ and
// run as regression cases by a plain go test.

// jsonSpace is the white space JSON allows between tokens.
const jsonSpace = " \t\r\n"

// wireUnionCases are the integrationDetails values of the union table in
// WIRE.md.
var wireUnionCases = []string{
	`{"openSearchIntegrationDetails":{"workspace":{"workspaceId":"w-1","status":{"status":"ACTIVE"}}}}`,
	`{"newThing":{"a":1}}`,
	`{"__type":"X","newThing":{}}`,
	`{"gone":null,"newThing":{}}`,
	`null`,
	`{"openSearchIntegrationDetails":null}`,
	`{}`,
	`{"openSearchIntegrationDetails":{},"newThing":{"a":1}}`,
	`"str"`,
	`[]`,
}

// recordedResponse is one file of cwlogstest/testdata.
type recordedResponse struct {
	name      string
	status    int
	errorType string // the X-Amzn-ErrorType header
	body      []byte
}

// recordedResponses parses every recorded response with net/http.
func recordedResponses(tb testing.TB) []recordedResponse {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("cwlogstest", "testdata", "*.http"))
	if err != nil {
		tb.Fatal(err)
	}
	if len(files) == 0 {
		tb.Fatal("no recorded responses in cwlogstest/testdata")
	}
	var rs []recordedResponse
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(data)), nil)
		if err != nil {
			tb.Fatalf("%s: %v", file, err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			tb.Fatalf("%s: read body: %v", file, err)
		}
		rs = append(rs, recordedResponse{
			name:      filepath.Base(file),
			status:    resp.StatusCode,
			errorType: resp.Header.Get("X-Amzn-ErrorType"),
			body:      body,
		})
	}
	return rs
}

// jsonMember returns the raw value of the member name of the JSON object
// data, if it has one.
func jsonMember(data []byte, name string) (json.RawMessage, bool) {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return nil, false
	}
	v, ok := m[name]
	return v, ok
}

// sameJSON compares raw JSON by value. A json.RawMessage is not kept byte
// for byte across an encoding: encoding/json compacts it, and json.Marshal
// escapes <, > and & in it, as it does in every string.
var sameJSON = cmp.Comparer(func(a, b json.RawMessage) bool {
	va, errA := jsonValue(a)
	vb, errB := jsonValue(b)
	if errA != nil || errB != nil {
		return bytes.Equal(a, b)
	}
	return cmp.Equal(va, vb)
})

// jsonValue decodes data, keeping numbers as they are written.
func jsonValue(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("data after the value")
	}
	return v, nil
}

// unionAbsent reports whether data, a JSON value, holds no union member by
// the AWS JSON rules: it is empty or null, or an object whose members other
// than "__type" are all null, at least one of them.
func unionAbsent(data []byte) bool {
	data = bytes.Trim(data, jsonSpace)
	if len(data) == 0 || string(data) == "null" {
		return true
	}
	var m map[string]json.RawMessage
	if data[0] != '{' || json.Unmarshal(data, &m) != nil {
		return false
	}
	nulls := 0
	for name, v := range m {
		if name == "__type" {
			continue
		}
		if string(bytes.Trim(v, jsonSpace)) != "null" {
			return false
		}
		nulls++
	}
	return nulls > 0
}

// checkDetails checks a union value decoded from data without error.
func checkDetails(t *testing.T, data []byte, d IntegrationDetails) {
	t.Helper()
	// The checks of what a nil result means hold for inputs that are JSON
	// or nothing; the others must fail, which FuzzDecodeMatchesReference
	// checks.
	inDomain := len(bytes.Trim(data, jsonSpace)) == 0 || json.Valid(data)
	switch d := d.(type) {
	case nil:
		if inDomain && !unionAbsent(data) {
			t.Fatalf("decodeIntegrationDetails(%q) = nil, nil; want a member or an error for a union that is not absent", data)
		}
		return
	case *OpenSearchIntegrationDetails:
		if d == nil {
			t.Fatalf("decodeIntegrationDetails(%q) = (*OpenSearchIntegrationDetails)(nil)", data)
		}
	case *UnknownIntegrationDetails:
		if d == nil {
			t.Fatalf("decodeIntegrationDetails(%q) = (*UnknownIntegrationDetails)(nil)", data)
		}
		// A member may be named "" (union.go, reader.integrationDetails), but never
		// "__type", and the name and the value are those of the input.
		if d.Name == "__type" {
			t.Fatalf("decodeIntegrationDetails(%q): unknown member named %q", data, d.Name)
		}
		if inDomain {
			v, ok := jsonMember(data, d.Name)
			if !ok {
				t.Fatalf("decodeIntegrationDetails(%q): unknown member %q, not a member of the input", data, d.Name)
			}
			if !bytes.Equal(d.Value, v) {
				t.Fatalf("decodeIntegrationDetails(%q): unknown member %q = %q, want %q as it arrived", data, d.Name, d.Value, v)
			}
		}
		if !json.Valid(d.Value) {
			t.Fatalf("decodeIntegrationDetails(%q): unknown member %q has a value that is not JSON: %q", data, d.Name, d.Value)
		}
		if string(bytes.Trim(d.Value, jsonSpace)) == "null" {
			t.Fatalf("decodeIntegrationDetails(%q): unknown member %q is null, want null members skipped", data, d.Name)
		}
	default:
		t.Fatalf("decodeIntegrationDetails(%q) = %T, not a member of the union", data, d)
	}

	// Round trip: encode, decode, compare; encoding again gives the same bytes.
	enc, err := encodeIntegrationDetails(d)
	if err != nil {
		t.Fatalf("encodeIntegrationDetails(%#v) from %q: %v", d, data, err)
	}
	if !json.Valid(enc) {
		t.Fatalf("encodeIntegrationDetails(%#v) = %q, not JSON", d, enc)
	}
	back, err := decodeIntegrationDetails(enc)
	if err != nil {
		t.Fatalf("decodeIntegrationDetails(%q), encoded from %q: %v", enc, data, err)
	}
	if diff := cmp.Diff(d, back, sameJSON); diff != "" {
		t.Fatalf("round trip of %q through %q changed the value (-want +got):\n%s", data, enc, diff)
	}
	enc2, err := encodeIntegrationDetails(back)
	if err != nil {
		t.Fatalf("encodeIntegrationDetails(%#v), second time: %v", back, err)
	}
	if !bytes.Equal(enc, enc2) {
		t.Fatalf("encoding is not stable: %q, then %q", enc, enc2)
	}
}

func FuzzDecodeIntegrationDetails(f *testing.F) {
	for _, r := range recordedResponses(f) {
		f.Add(r.body)
		if v, ok := jsonMember(r.body, "integrationDetails"); ok {
			f.Add([]byte(v))
		}
	}
	for _, c := range wireUnionCases {
		f.Add([]byte(c))
	}
	f.Add([]byte(nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := decodeIntegrationDetails(data)
		if err != nil {
			if d != nil {
				t.Fatalf("decodeIntegrationDetails(%q) = %#v and error %v; want no value with an error", data, d, err)
			}
			return
		}
		checkDetails(t, data, d)
	})
}

func FuzzGetIntegrationOutput(f *testing.F) {
	for _, r := range recordedResponses(f) {
		f.Add(r.body)
	}
	for _, c := range wireUnionCases {
		f.Add([]byte(`{"integrationName":"x","integrationType":"OPENSEARCH","integrationStatus":"ACTIVE","integrationDetails":` + c + `}`))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var out GetIntegrationOutput
		if err := json.Unmarshal(data, &out); err != nil {
			return
		}
		enc, err := json.Marshal(out)
		if err != nil {
			t.Fatalf("json.Marshal of the output decoded from %q: %v", data, err)
		}
		var back GetIntegrationOutput
		if err := json.Unmarshal(enc, &back); err != nil {
			t.Fatalf("json.Unmarshal(%q), encoded from %q: %v", enc, data, err)
		}
		if diff := cmp.Diff(out, back, sameJSON); diff != "" {
			t.Fatalf("round trip of %q through %q changed the output (-want +got):\n%s", data, enc, diff)
		}
		enc2, err := json.Marshal(back)
		if err != nil {
			t.Fatalf("json.Marshal, second time: %v", err)
		}
		if !bytes.Equal(enc, enc2) {
			t.Fatalf("encoding is not stable: %q, then %q", enc, enc2)
		}
	})
}

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
	})
}
