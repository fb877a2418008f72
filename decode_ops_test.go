package cwlogs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// The reference decoders below decode the new outputs the slow, obvious
// way, as referenceOutput does GetIntegration's: encoding/json reads each
// object into a map of raw members, and the rules are applied to the maps.

func refPutOutput(data []byte) (PutIntegrationOutput, error) {
	var out PutIntegrationOutput
	m, err := refTop(data)
	if err != nil || m == nil {
		return out, err
	}
	var status string
	err = errors.Join(refString(m["integrationName"], &out.IntegrationName), refString(m["integrationStatus"], &status))
	out.IntegrationStatus = IntegrationStatus(status)
	return out, err
}

func refListOutput(data []byte) (ListIntegrationsOutput, error) {
	out := ListIntegrationsOutput{IntegrationSummaries: []IntegrationSummary{}}
	m, err := refTop(data)
	if err != nil || m == nil {
		return out, err
	}
	var elems []json.RawMessage // null gives none
	if raw := m["integrationSummaries"]; raw != nil {
		if err := json.Unmarshal(raw, &elems); err != nil {
			return out, err
		}
	}
	for _, e := range elems {
		em, err := refObject(e)
		if err != nil {
			return out, err
		}
		var s IntegrationSummary
		var typ, status string
		err = errors.Join(refString(em["integrationName"], &s.IntegrationName),
			refString(em["integrationType"], &typ), refString(em["integrationStatus"], &status))
		if err != nil {
			return out, err
		}
		s.IntegrationType, s.IntegrationStatus = IntegrationType(typ), IntegrationStatus(status)
		out.IntegrationSummaries = append(out.IntegrationSummaries, s)
	}
	return out, nil
}

func refDeleteOutput(data []byte) (DeleteIntegrationOutput, error) {
	if len(bytes.Trim(data, jsonSpace)) == 0 {
		return DeleteIntegrationOutput{}, nil
	}
	_, err := refTop(data)
	return DeleteIntegrationOutput{}, err
}

// refTop decodes a body into its raw members; null gives nil.
func refTop(data []byte) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	err := json.Unmarshal(data, &m)
	return m, err
}

// opsDecodeCases are bodies of the new outputs that the tests and the fuzz
// targets compare with the references, beside decodeCases.
var opsDecodeCases = []string{
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
}

// outputDecoder is an output type whose pointer decodes a body.
type outputDecoder[T any] interface {
	*T
	json.Unmarshaler
}

// checkOutputMatchesReference decodes data with the output's UnmarshalJSON
// and with ref: both fail, leaving the output unchanged, or both give the
// same output; and a body encoding/json finds invalid always fails.
func checkOutputMatchesReference[T any, P outputDecoder[T]](t *testing.T, data []byte, ref func([]byte) (T, error), okWhenEmpty bool) {
	t.Helper()
	var got T
	errGot := P(&got).UnmarshalJSON(data)
	want, errWant := ref(data)
	empty := len(bytes.Trim(data, jsonSpace)) == 0
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
		checkOutputRoundTrip[T, P](t, data, got)
	}
}

// checkOutputRoundTrip checks that an output decoded from data encodes with
// encoding/json to a body that decodes to the same output, and the same
// body again.
func checkOutputRoundTrip[T any, P outputDecoder[T]](t *testing.T, data []byte, out T) {
	t.Helper()
	enc, err := json.Marshal(out)
	if err != nil {
		t.Fatalf("json.Marshal of the output decoded from %q: %v", data, err)
	}
	var back T
	if err := P(&back).UnmarshalJSON(enc); err != nil {
		t.Fatalf("UnmarshalJSON(%q), encoded from %q: %v", enc, data, err)
	}
	if diff := cmp.Diff(out, back); diff != "" {
		t.Fatalf("round trip of %q through %q changed the output (-want +got):\n%s", data, enc, diff)
	}
	if enc2, err := json.Marshal(back); err != nil || !bytes.Equal(enc, enc2) {
		t.Fatalf("encoding is not stable: %q, then %q (%v)", enc, enc2, err)
	}
}

func checkPutOutput(t *testing.T, data []byte) {
	checkOutputMatchesReference[PutIntegrationOutput](t, data, refPutOutput, false)
}

func checkListOutput(t *testing.T, data []byte) {
	checkOutputMatchesReference[ListIntegrationsOutput](t, data, refListOutput, false)
}

func checkDeleteOutput(t *testing.T, data []byte) {
	checkOutputMatchesReference[DeleteIntegrationOutput](t, data, refDeleteOutput, true)
}

// opsRecordedBodies returns the bodies of the recorded responses of op,
// by file name.
func opsRecordedBodies(tb testing.TB, op string) map[string][]byte {
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

// opsDecodeInputs returns every case, and the recorded bodies of op.
func opsDecodeInputs(tb testing.TB, op string) map[string][]byte {
	inputs := map[string][]byte{}
	for i, c := range append(append([]string{}, decodeCases...), opsDecodeCases...) {
		inputs[fmt.Sprintf("case %d %.40q", i, c)] = []byte(c)
	}
	for name, body := range opsRecordedBodies(tb, op) {
		inputs[name] = body
	}
	return inputs
}

func TestOpsDecodeMatchesReference(t *testing.T) {
	for op, check := range map[string]func(*testing.T, []byte){
		"PutIntegration":    checkPutOutput,
		"ListIntegrations":  checkListOutput,
		"DeleteIntegration": checkDeleteOutput,
	} {
		t.Run(op, func(t *testing.T) {
			t.Parallel()
			for name, data := range opsDecodeInputs(t, op) {
				t.Run(name, func(t *testing.T) { check(t, data) })
			}
		})
	}
}

func TestOpsDecodeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		out  json.Unmarshaler
		in   string
		want string // the whole error; empty for none
	}{
		{"put", new(PutIntegrationOutput), `{"integrationStatus":true}`, "integrationStatus: want a string, found a boolean"},
		{"put", new(PutIntegrationOutput), ``, "unexpected end of JSON input"},
		{"put", new(PutIntegrationOutput), `[]`, "want an object, found an array"},
		{"list", new(ListIntegrationsOutput), `{"integrationSummaries":[{},{},{"integrationStatus":7}]}`,
			"integrationSummaries[2].integrationStatus: want a string, found a number"},
		{"list", new(ListIntegrationsOutput), `{"integrationSummaries":[{},1,{"integrationStatus":7}]}`,
			"integrationSummaries[1]: want an object, found a number"},
		{"list", new(ListIntegrationsOutput), `{"integrationSummaries":{}}`, "integrationSummaries: want an array, found an object"},
		{"list", new(ListIntegrationsOutput), `{"integrationSummaries":[{"integrationName":1}]} x`,
			"invalid character 'x' after top-level value at byte 49"},
		{"list", new(ListIntegrationsOutput), `{"integrationSummaries":[{} {}]}`, "invalid character '{' after array element at byte 28"},
		{"list", new(ListIntegrationsOutput), `{"integrationSummaries":[{"integrationStatus":7}],"integrationSummaries":null}`, ""},
		{"delete", new(DeleteIntegrationOutput), ``, ""},
		{"delete", new(DeleteIntegrationOutput), " \n", ""},
		{"delete", new(DeleteIntegrationOutput), `{"anything":[1,{"x":null}]}`, ""},
		{"delete", new(DeleteIntegrationOutput), `null`, ""},
		{"delete", new(DeleteIntegrationOutput), `[]`, "want an object, found an array"},
		{"delete", new(DeleteIntegrationOutput), `{"a":}`, "invalid character '}' looking for beginning of value at byte 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.in, func(t *testing.T) {
			err := tt.out.UnmarshalJSON([]byte(tt.in))
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

// TestOpsDecodeKeepsNoInput checks that a decoded list does not share
// memory with the body, which the caller may reuse.
func TestOpsDecodeKeepsNoInput(t *testing.T) {
	t.Parallel()
	body := []byte(`{"integrationSummaries":[{"integrationName":"n","integrationType":"T","integrationStatus":"S"}]}`)
	var out ListIntegrationsOutput
	if err := out.UnmarshalJSON(body); err != nil {
		t.Fatal(err)
	}
	for i := range body {
		body[i] = ' '
	}
	want := ListIntegrationsOutput{IntegrationSummaries: []IntegrationSummary{{"n", "T", "S"}}}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("output after the body was overwritten (-want +got):\n%s", diff)
	}
}

// fuzzOutput seeds a fuzz target of op's output with the recorded bodies
// and the cases, and runs check.
func fuzzOutput(f *testing.F, op string, check func(*testing.T, []byte)) {
	for _, data := range opsDecodeInputs(f, op) {
		if len(data) < 1000 {
			f.Add(data)
		}
	}
	f.Fuzz(check)
}

func FuzzPutIntegrationOutput(f *testing.F) { fuzzOutput(f, "PutIntegration", checkPutOutput) }

func FuzzListIntegrationsOutput(f *testing.F) { fuzzOutput(f, "ListIntegrations", checkListOutput) }

func FuzzDeleteIntegrationOutput(f *testing.F) { fuzzOutput(f, "DeleteIntegration", checkDeleteOutput) }

// FuzzPutIntegrationInput checks that a request body that decodes encodes
// back, byte for byte after one encoding, to a body that decodes the same.
func FuzzPutIntegrationInput(f *testing.F) {
	f.Add([]byte(`{"integrationName":"a","integrationType":"OPENSEARCH","resourceConfig":{"openSearchResourceConfig":` +
		`{"dataSourceRoleArn":"arn:aws:iam::1:role/r","dashboardViewerPrincipals":["arn:aws:iam::1:role/v"],"retentionDays":7,` +
		`"kmsKeyArn":"arn:aws:kms:us-east-1:1:key/k","applicationArn":"arn:aws:opensearch:us-east-1:1:application/a"}}}`))
	f.Add([]byte(`{"integrationName":"a","resourceConfig":{"x":{ "a" : [1, 2] },"__type":"t","y":null}}`))
	f.Add([]byte(`{"resourceConfig":{"openSearchResourceConfig":{"dashboardViewerPrincipals":[]}}}`))
	f.Add([]byte(`{"resourceConfig":{"a":{},"b":{}}}`))
	f.Add([]byte(`{"resourceConfig":{"":{}}}`))
	f.Add([]byte(`{"resourceConfig":{"x":"<&>"}}`))
	f.Add([]byte(`{"resourceConfig":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var in PutIntegrationInput
		if err := json.Unmarshal(data, &in); err != nil {
			return
		}
		enc, err := in.MarshalJSON()
		if err != nil {
			t.Fatalf("MarshalJSON of the input decoded from %q: %v", data, err)
		}
		var back PutIntegrationInput
		if err := json.Unmarshal(enc, &back); err != nil {
			t.Fatalf("json.Unmarshal(%q), encoded from %q: %v", enc, data, err)
		}
		if diff := cmp.Diff(in, back, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("round trip of %q through %q changed the input (-want +got):\n%s", data, enc, diff)
		}
		if enc2, err := back.MarshalJSON(); err != nil || !bytes.Equal(enc, enc2) {
			t.Fatalf("encoding is not stable: %q, then %q (%v)", enc, enc2, err)
		}
	})
}

// TestOpsDecodeAllocations checks that the new outputs decode, as
// GetIntegration's does, in a handful of allocations: the body's copy,
// the closures of the reader and the list's backing array.
func TestOpsDecodeAllocations(t *testing.T) {
	tests := []struct {
		name string
		out  json.Unmarshaler
		body string
		max  float64
	}{
		{"put", new(PutIntegrationOutput), `{"integrationName":"cwl-opensearch","integrationStatus":"PROVISIONING"}`, 2},
		{"list", new(ListIntegrationsOutput), `{"integrationSummaries":[{"integrationName":"a","integrationType":"OPENSEARCH","integrationStatus":"ACTIVE"},` +
			`{"integrationName":"b","integrationType":"OPENSEARCH","integrationStatus":"FAILED"}]}`, 4},
		{"delete", new(DeleteIntegrationOutput), ``, 0},
	}
	for _, tt := range tests {
		body := []byte(tt.body)
		allocs := testing.AllocsPerRun(100, func() {
			if err := tt.out.UnmarshalJSON(body); err != nil {
				t.Fatal(err)
			}
		})
		if allocs > tt.max {
			t.Errorf("decoding the %s output took %v allocations, want at most %v", tt.name, allocs, tt.max)
		}
	}
}
