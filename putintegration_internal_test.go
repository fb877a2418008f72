package cwlogs

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

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

func checkPutOutput(t *testing.T, data []byte) {
	checkOutputMatchesReference[PutIntegrationOutput](t, data, refPutOutput, false)
}

func TestPutIntegrationOutputMatchesReference(t *testing.T) {
	t.Parallel()
	for name, data := range outputDecodeInputs(t, "PutIntegration") {
		t.Run(name, func(t *testing.T) { checkPutOutput(t, data) })
	}
}

func TestPutIntegrationOutputDecodeErrors(t *testing.T) {
	t.Parallel()
	testDecodeErrors(t, func() json.Unmarshaler { return new(PutIntegrationOutput) }, []decodeErrorCase{
		{`{"integrationStatus":true}`, "integrationStatus: want a string, found a boolean"},
		{``, "unexpected end of JSON input"},
		{`[]`, "want an object, found an array"},
	})
}

// FuzzPutIntegrationOutput checks the decoder against the reference, and
// its round trip, on any body.
func FuzzPutIntegrationOutput(f *testing.F) { fuzzOutput(f, "PutIntegration", checkPutOutput) }

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

// TestPutIntegrationInputJSON checks that json.Marshal gives the wire
// shape, and json.Unmarshal takes it back, unknown member included.
func TestPutIntegrationInputJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   PutIntegrationInput
		want string
	}{
		{"zero", PutIntegrationInput{}, `{}`},
		{"OpenSearch", PutIntegrationInput{IntegrationName: "n", IntegrationType: IntegrationTypeOpenSearch,
			ResourceConfig: &OpenSearchResourceConfig{DataSourceRoleArn: "r", DashboardViewerPrincipals: []string{"p", "q"}, RetentionDays: 30, KmsKeyArn: "k", ApplicationArn: "a"}},
			`{"integrationName":"n","integrationType":"OPENSEARCH","resourceConfig":{"openSearchResourceConfig":` +
				`{"dataSourceRoleArn":"r","dashboardViewerPrincipals":["p","q"],"retentionDays":30,"kmsKeyArn":"k","applicationArn":"a"}}}`},
		{"unknown member only", PutIntegrationInput{ResourceConfig: &UnknownResourceConfig{Name: "x", Value: json.RawMessage(`{"a":1}`)}},
			`{"resourceConfig":{"x":{"a":1}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, v := range []any{tt.in, &tt.in} {
				b, err := json.Marshal(v)
				if err != nil || string(b) != tt.want {
					t.Fatalf("json.Marshal(%T) = %s, %v; want %s", v, b, err, tt.want)
				}
			}
			var back PutIntegrationInput
			if err := json.Unmarshal([]byte(tt.want), &back); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.in, back); diff != "" {
				t.Errorf("decoded (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("invalid union", func(t *testing.T) {
		var in PutIntegrationInput
		err := json.Unmarshal([]byte(`{"integrationName":"n","resourceConfig":{"a":{},"b":{}}}`), &in)
		if err == nil || !strings.Contains(err.Error(), "union has 2 members set") || in.IntegrationName != "" {
			t.Fatalf("error = %v, input %#v; want the union's error and the input unchanged", err, in)
		}
	})
	t.Run("nil member is not encoded", func(t *testing.T) {
		_, err := json.Marshal(PutIntegrationInput{ResourceConfig: (*OpenSearchResourceConfig)(nil)})
		if err == nil || !strings.Contains(err.Error(), "nil *OpenSearchResourceConfig") {
			t.Fatalf("error = %v, want one about the nil member", err)
		}
	})
}

func TestPutIntegrationOutputJSON(t *testing.T) {
	t.Parallel()
	meta := ResponseMetadata{RequestID: "id", StatusCode: 200, Attempts: 2}
	testWireJSON(t, []wireCase{
		{"output", PutIntegrationOutput{IntegrationName: "n", IntegrationStatus: "PROVISIONING", ResultMetadata: meta},
			`{"integrationName":"n","integrationStatus":"PROVISIONING"}`},
	})
}

// TestPutIntegrationOutputAllocations checks that the output decodes in a
// handful of allocations.
func TestPutIntegrationOutputAllocations(t *testing.T) {
	testDecodeAllocations(t, new(PutIntegrationOutput), `{"integrationName":"cwl-opensearch","integrationStatus":"PROVISIONING"}`, 2)
}

// referenceEncode is what encoding/json writes for v, with HTML escaping
// or without.
func referenceEncode(t *testing.T, v any, escapeHTML bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// putReference is PutIntegrationInput in its wire shape, for
// encoding/json, with the openSearchResourceConfig member.
type putReference struct {
	IntegrationName string          `json:"integrationName,omitzero"`
	IntegrationType IntegrationType `json:"integrationType,omitzero"`
	ResourceConfig  *struct {
		OpenSearch *OpenSearchResourceConfig `json:"openSearchResourceConfig"`
	} `json:"resourceConfig,omitempty"`
}

// checkEncoding compares an encoder's result with want, what encoding/json
// writes.
func checkEncoding(t *testing.T, what string, got []byte, err error, want []byte) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", what, diff)
	}
}

// FuzzPutIntegrationRequestMatchesJSON checks the request encoder of
// PutIntegration against an encoding/json Encoder without HTML escaping,
// byte for byte, its unknown union member's value written as it is.
func FuzzPutIntegrationRequestMatchesJSON(f *testing.F) {
	f.Add("cwl-opensearch", "OPENSEARCH", "ACTIVE", "arn:aws:iam::123456789012:role/r", "splunkResourceConfig", int32(30), uint8(2))
	f.Add("a<b>&c", "T\u2028\u2029", "\"\\/\b\f\n\r\t\x00\x1f\x7f", "\xff\xfe é 日本", "", int32(-1), uint8(0))
	f.Add("", "", "", "", "__type", int32(0), uint8(1))
	f.Add("x", "y", "z", "\xed\xa0\x80", "openSearchResourceConfig", int32(2147483647), uint8(3))
	f.Fuzz(func(t *testing.T, name, typ, status, arn, member string, days int32, principals uint8) {
		rc := &OpenSearchResourceConfig{DataSourceRoleArn: arn, RetentionDays: days, KmsKeyArn: status, ApplicationArn: typ}
		for i := range int(principals % 4) {
			rc.DashboardViewerPrincipals = append(rc.DashboardViewerPrincipals, arn[:len(arn)*i/3])
		}
		put := PutIntegrationInput{IntegrationName: name, IntegrationType: IntegrationType(typ), ResourceConfig: rc}
		ref := putReference{IntegrationName: name, IntegrationType: IntegrationType(typ)}
		ref.ResourceConfig = &struct {
			OpenSearch *OpenSearchResourceConfig `json:"openSearchResourceConfig"`
		}{rc}
		want := referenceEncode(t, ref, false)
		b, err := put.appendRequest(nil)
		checkEncoding(t, "PutIntegration", b, err, want)
		b, err = put.MarshalJSON()
		checkEncoding(t, "PutIntegrationInput.MarshalJSON", b, err, want)
		b, err = (&PutIntegrationInput{IntegrationName: name}).appendRequest(nil)
		checkEncoding(t, "PutIntegration without a union", b, err, referenceEncode(t, putReference{IntegrationName: name}, false))

		// An unknown member goes with its value byte for byte, when it
		// would decode back as itself; else the encoder refuses it.
		value := " {\"k\" : \"<&>\u2028\"}\n"
		put.ResourceConfig = &UnknownResourceConfig{Name: member, Value: json.RawMessage(value)}
		b, err = put.appendRequest(nil)
		if configUnion.checkUnknown(member, []byte(value)) != "" {
			if err == nil {
				t.Errorf("PutIntegration with the unknown member %q: no error", member)
			}
			return
		}
		head := referenceEncode(t, putReference{IntegrationName: name, IntegrationType: IntegrationType(typ)}, false)
		want = append(head[:len(head)-1:len(head)-1], ',')
		if len(head) == 2 {
			want = want[:1]
		}
		want = append(append(append(append(want, `"resourceConfig":{`...), referenceEncode(t, member, false)...), ':'), value...)
		checkEncoding(t, "PutIntegration with an unknown member", b, err, append(want, '}', '}'))
	})
}
