package cwlogs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
)

// The helpers below test the response decoders of the operations whose
// output has no union: each is compared with a reference decoder, which
// decodes a body the slow, obvious way, as referenceOutput does
// GetIntegration's. encoding/json reads each object into a map of raw
// members, and the rules are applied to the maps.

// refTop decodes a body into its raw members; null gives nil.
func refTop(data []byte) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	err := json.Unmarshal(data, &m)
	return m, err
}

// outputDecoder is an output type whose pointer decodes a body.
type outputDecoder[T any] interface {
	*T
	json.Unmarshaler
}

// checkOutputMatchesReference decodes data with the output's UnmarshalJSON
// and with ref: both fail, leaving the output unchanged, or both give the
// same output, which checkOutputRoundTrip then checks with roundTrip's
// options. A body encoding/json finds invalid always fails.
func checkOutputMatchesReference[T any, P outputDecoder[T]](t *testing.T, data []byte, ref func([]byte) (T, error), okWhenEmpty bool, roundTrip ...cmp.Option) {
	t.Helper()
	var got T
	errGot := P(&got).UnmarshalJSON(data)
	want, errWant := ref(data)
	empty := len(bytes.Trim(data, jsonwire.WhiteSpace)) == 0
	if errGot == nil && !json.Valid(data) && !(okWhenEmpty && empty) {
		t.Fatalf("UnmarshalJSON(%q) took a body that is not JSON", data)
	}
	switch {
	case errGot != nil && errWant != nil:
		var zero T
		if diff := cmp.Diff(zero, got); diff != "" {
			t.Fatalf("UnmarshalJSON(%q) failed (%v) but changed the output (-want +got):\n%s", data, errGot, diff)
		}
	case errGot != nil:
		t.Fatalf("UnmarshalJSON(%q): %v; the reference decodes it to %#v", data, errGot, want)
	case errWant != nil:
		t.Fatalf("UnmarshalJSON(%q) = %#v; the reference fails: %v", data, got, errWant)
	default:
		if diff := cmp.Diff(want, got); diff != "" {
			t.Fatalf("UnmarshalJSON(%q) differs from the reference (-want +got):\n%s", data, diff)
		}
		checkOutputRoundTrip[T, P](t, data, got, roundTrip...)
	}
}

// checkOutputRoundTrip checks that an output decoded from data encodes with
// encoding/json to a body that decodes to the same output, compared with
// opts, and the same body again.
func checkOutputRoundTrip[T any, P outputDecoder[T]](t *testing.T, data []byte, out T, opts ...cmp.Option) {
	t.Helper()
	enc, err := json.Marshal(out)
	if err != nil {
		t.Fatalf("json.Marshal of the output decoded from %q: %v", data, err)
	}
	var back T
	if err := P(&back).UnmarshalJSON(enc); err != nil {
		t.Fatalf("UnmarshalJSON(%q), encoded from %q: %v", enc, data, err)
	}
	if diff := cmp.Diff(out, back, opts...); diff != "" {
		t.Fatalf("round trip of %q through %q changed the output (-want +got):\n%s", data, enc, diff)
	}
	if enc2, err := json.Marshal(back); err != nil || !bytes.Equal(enc, enc2) {
		t.Fatalf("encoding is not stable: %q, then %q (%v)", enc, enc2, err)
	}
}

// recordedBodies returns the bodies of the recorded responses of op,
// by file name.
func recordedBodies(tb testing.TB, op string) map[string][]byte {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("cwlogstest", "testdata", op, "*.http"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no recorded responses of %s (%v)", op, err)
	}
	bodies := map[string][]byte{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		_, body, ok := bytes.Cut(data, []byte("\n\n"))
		if !ok {
			tb.Fatalf("%s: no empty line after the headers", file)
		}
		bodies[filepath.Base(file)] = body
	}
	return bodies
}

// outputDecodeInputs returns every case, and the recorded bodies of op.
func outputDecodeInputs(tb testing.TB, op string) map[string][]byte {
	inputs := map[string][]byte{}
	for i, c := range append(append([]string{}, decodeCases...), outputDecodeCases...) {
		inputs[fmt.Sprintf("case %d %.40q", i, c)] = []byte(c)
	}
	for name, body := range recordedBodies(tb, op) {
		inputs[name] = body
	}
	return inputs
}

// fuzzOutput seeds a fuzz target of op's output with the recorded bodies
// and the cases, and runs check.
func fuzzOutput(f *testing.F, op string, check func(*testing.T, []byte)) {
	for _, data := range outputDecodeInputs(f, op) {
		if len(data) < 1000 {
			f.Add(data)
		}
	}
	f.Fuzz(check)
}

// outputDecodeCases are bodies that the tests and fuzz targets of the
// outputs of every operation but GetIntegration compare with the
// references, beside decodeCases: each decoder meets the members of the
// others.
var outputDecodeCases = []string{
	`{"integrationName":"a","integrationStatus":"PROVISIONING"}`,
	`{"integrationName":"a","integrationStatus":"NEW","extra":{"x":[1]}}`,
	`{"integrationStatus":7}`, `{"integrationStatus":7,"integrationStatus":"ACTIVE"}`,
	`{"integrationSummaries":[]}`, `{"integrationSummaries":null}`, `{"integrationSummaries":{}}`,
	`{"integrationSummaries":"x"}`, `{"integrationSummaries":[null]}`, `{"integrationSummaries":[1]}`,
	`{"integrationSummaries":[{},{}]}`, `{"integrationSummaries":[{},]}`, `{"integrationSummaries":[,]}`,
	`{"integrationSummaries":[{} {}]}`, `{"integrationSummaries":[{}`, `{"integrationSummaries":[`,
	`{"integrationSummaries":[{"integrationName":"a","integrationType":"T","integrationStatus":"S","x":null}]}`,
	`{"integrationSummaries":[{"integrationName":1,"integrationName":"a"}]}`,
	`{"integrationSummaries":[{"integrationName":"a","integrationName":1}]}`,
	`{"integrationSummaries":[{"integrationStatus":7}],"integrationSummaries":[]}`,
	`{"integrationSummaries":[{"integrationName":"a"}],"integrationSummaries":null}`,
	`{"integrationSummaries":[{},{"integrationType":[]},{"integrationStatus":7}]}`,
	`{"integrationSummaries":[{"integrationName":"caf\u00e9 \ud83d"}]}`,
	`{"integrationSummaries":[[]]}`, `{"integrationSummaries":[{"integrationName":"a"}]} x`,
	`{"integrationSummaries":[{"integrationName":"a"}]`,
	`{"integrationSummaries":` + strings.Repeat("[", 9999) + strings.Repeat("]", 9999) + `}`,
	`{"integrationSummaries":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`,
	"{\"integrationSummaries\":[\x00]}", "\n\t ", `{"a":1}`,
	// The S3 Table integration source operations.
	`{"identifier":"a"}`, `{"identifier":null}`, `{"identifier":1}`, `{"identifier":"a","identifier":2}`,
	`{"identifier":2,"identifier":"a"}`, `{"identifier":"\u00e9\ud800"}`, `{"identifier":"a"}]`,
	`{"sources":[]}`, `{"sources":null}`, `{"sources":{}}`, `{"sources":[null]}`, `{"sources":[1]}`, `{"sources":[[]]}`,
	`{"sources":[{}],"nextToken":"t"}`, `{"nextToken":null}`, `{"nextToken":7}`, `{"nextToken":""}`,
	`{"sources":[{"identifier":"i","dataSource":{"name":"n","type":"t","x":1},"status":"NEW","statusReason":"r",` +
		`"createdTimeStamp":1773310532000,"parentSourceIdentifier":"p","future":{"a":[1]}}]}`,
	`{"sources":[{"dataSource":null}]}`, `{"sources":[{"dataSource":"x"}]}`, `{"sources":[{"dataSource":[]}]}`,
	`{"sources":[{"dataSource":{"name":1}}]}`, `{"sources":[{"dataSource":{"name":"a"},"dataSource":{"type":"b"}}]}`,
	`{"sources":[{"dataSource":{"name":1},"dataSource":{"type":"b"}}]}`,
	`{"sources":[{"dataSource":{"name":"a"},"dataSource":null}]}`,
	`{"sources":[{"createdTimeStamp":0}]}`, `{"sources":[{"createdTimeStamp":-0}]}`, `{"sources":[{"createdTimeStamp":-1}]}`,
	`{"sources":[{"createdTimeStamp":1.5}]}`, `{"sources":[{"createdTimeStamp":1.0}]}`, `{"sources":[{"createdTimeStamp":1e3}]}`,
	`{"sources":[{"createdTimeStamp":1E+3}]}`, `{"sources":[{"createdTimeStamp":9223372036854775807}]}`,
	`{"sources":[{"createdTimeStamp":9223372036854775808}]}`, `{"sources":[{"createdTimeStamp":-9223372036854775808}]}`,
	`{"sources":[{"createdTimeStamp":-9223372036854775809}]}`, `{"sources":[{"createdTimeStamp":"1"}]}`,
	`{"sources":[{"createdTimeStamp":null}]}`, `{"sources":[{"createdTimeStamp":true}]}`, `{"sources":[{"createdTimeStamp":[]}]}`,
	`{"sources":[{"createdTimeStamp":01}]}`, `{"sources":[{"createdTimeStamp":-}]}`, `{"sources":[{"createdTimeStamp":x}]}`,
	`{"sources":[{"createdTimeStamp":1.5},{"createdTimeStamp":"x"}]}`, `{"sources":[{"createdTimeStamp":1.5,"createdTimeStamp":2}]}`,
	`{"sources":[{"createdTimeStamp":` + strings.Repeat("9", 400) + `}]}`,
	`{"sources":[{"status":7}],"sources":[]}`, `{"sources":[{"identifier":"a"}],"sources":null}`,
	`{"sources":[{"identifier":"a"}]} x`, `{"sources":[{"identifier":"a"}]`, `{"sources":[{} {}]}`,
	"{\"sources\":[{\"createdTimeStamp\":1\x00}]}",
}

// decodeErrorCase is a body and the whole error its decoding gives; ""
// for none.
type decodeErrorCase struct{ in, want string }

// testDecodeErrors decodes each case into a new output.
func testDecodeErrors(t *testing.T, newOut func() json.Unmarshaler, cases []decodeErrorCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.in, func(t *testing.T) {
			err := newOut().UnmarshalJSON([]byte(tt.in))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Fatalf("UnmarshalJSON(%q) error = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// testDecodeAllocations checks that decoding body into out takes at most
// max allocations.
func testDecodeAllocations(t *testing.T, out json.Unmarshaler, body string, max float64) {
	t.Helper()
	data := []byte(body)
	allocs := testing.AllocsPerRun(100, func() {
		if err := out.UnmarshalJSON(data); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > max {
		t.Errorf("decoding %T took %v allocations, want at most %v", out, allocs, max)
	}
}

// wireCase is a value and the JSON json.Marshal must give it.
type wireCase struct {
	name string
	v    any
	want string
}

// testWireJSON checks the wire shape json.Marshal gives each value.
func testWireJSON(t *testing.T, cases []wireCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.v)
			if err != nil || string(b) != tt.want {
				t.Fatalf("json.Marshal = %s, %v; want %s", b, err, tt.want)
			}
		})
	}
}
