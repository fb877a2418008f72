package cwlogs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// decodeIntegrationDetails decodes the integrationDetails union from data,
// which may be any bytes, as the tests and fuzz targets feed it; empty data
// is no value.
func decodeIntegrationDetails(data []byte) (IntegrationDetails, error) {
	r := reader{s: string(data)}
	if r.space() == 0 {
		return nil, nil
	}
	d, err := r.integrationDetails()
	if err == nil {
		err = r.end()
	}
	if err != nil {
		return nil, inMember("integrationDetails", err)
	}
	return d, nil
}

func TestDecodeIntegrationDetails(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    IntegrationDetails
		wantErr string // substring of the error; empty for none
	}{
		{name: "absent", in: ``, want: nil},
		{name: "null", in: `null`, want: nil},
		{name: "member null", in: `{"openSearchIntegrationDetails":null}`, want: nil},
		{
			name: "known member",
			in:   `{"openSearchIntegrationDetails":{"workspace":{"workspaceId":"w-1","status":{"status":"ACTIVE"}}}}`,
			want: &OpenSearchIntegrationDetails{Workspace: &OpenSearchWorkspace{
				WorkspaceID: "w-1", Status: OpenSearchResourceStatus{Status: OpenSearchResourceStatusTypeActive}}},
		},
		{
			name: "known member empty",
			in:   `{"openSearchIntegrationDetails":{}}`,
			want: &OpenSearchIntegrationDetails{},
		},
		{
			name: "unknown member keeps name and data",
			in:   `{"newThing":{"a":[1,2.5,{"b":null}],"n":9007199254740993}}`,
			want: &UnknownIntegrationDetails{Name: "newThing",
				Value: json.RawMessage(`{"a":[1,2.5,{"b":null}],"n":9007199254740993}`)},
		},
		{
			name: "__type is ignored",
			in:   `{"__type":"X","newThing":{}}`,
			want: &UnknownIntegrationDetails{Name: "newThing", Value: json.RawMessage(`{}`)},
		},
		{
			name: "null members are skipped",
			in:   `{"gone":null,"newThing":{}}`,
			want: &UnknownIntegrationDetails{Name: "newThing", Value: json.RawMessage(`{}`)},
		},
		{
			name: "known member beside a null unknown one",
			in:   `{"gone":null,"openSearchIntegrationDetails":{}}`,
			want: &OpenSearchIntegrationDetails{},
		},
		{
			name: "unknown member with a scalar value",
			in:   `{"newFlag":true}`,
			want: &UnknownIntegrationDetails{Name: "newFlag", Value: json.RawMessage(`true`)},
		},
		{
			name: "member with an empty name",
			in:   `{"":{}}`,
			want: &UnknownIntegrationDetails{Name: "", Value: json.RawMessage(`{}`)},
		},
		{
			name: "escaped member name and white space",
			in:   " {\n\t\"__type\" : \"a\\\"b\" ,\r\n \"new\\u0054hing\" :\t[ 1 , \"}\" ] } ",
			want: &UnknownIntegrationDetails{Name: "newThing", Value: json.RawMessage(`[ 1 , "}" ]`)},
		},
		{
			name: "a later member of the same name wins",
			in:   `{"openSearchIntegrationDetails":{"workspace":{}},"openSearchIntegrationDetails":null}`,
			want: nil,
		},
		{
			name: "scalar member values",
			in:   `{"a":null,"b":-1.5e3,"c":null}`,
			want: &UnknownIntegrationDetails{Name: "b", Value: json.RawMessage(`-1.5e3`)},
		},
		{name: "empty object", in: `{}`, wantErr: "union has no member set, want exactly one"},
		{name: "only __type", in: `{"__type":"X"}`, wantErr: "union has no member set"},
		{
			name:    "two members",
			in:      `{"openSearchIntegrationDetails":{},"newThing":{}}`,
			wantErr: "union has 2 members set (newThing, openSearchIntegrationDetails), want exactly one",
		},
		{name: "string", in: `"str"`, wantErr: "union must be a JSON object, found a string"},
		{name: "array", in: `[]`, wantErr: "union must be a JSON object, found an array"},
		{name: "number", in: `12`, wantErr: "found a number"},
		{name: "boolean", in: `false`, wantErr: "found a boolean"},
		{name: "truncated", in: `{"newThing":{`, wantErr: "unexpected end of JSON input"},
		{
			name:    "known member of the wrong type",
			in:      `{"openSearchIntegrationDetails":"x"}`,
			wantErr: "integrationDetails.openSearchIntegrationDetails: want an object, found a string",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeIntegrationDetails([]byte(tt.in))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("details mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestEncodeIntegrationDetails(t *testing.T) {
	tests := []struct {
		name    string
		in      IntegrationDetails
		want    string
		wantErr string
	}{
		{
			name: "known member",
			in:   &OpenSearchIntegrationDetails{DataSource: &OpenSearchDataSource{DataSourceName: "ds"}},
			want: `{"openSearchIntegrationDetails":{"dataSource":{"dataSourceName":"ds"}}}`,
		},
		{
			name: "unknown member is written back as it came",
			in:   &UnknownIntegrationDetails{Name: "newThing", Value: json.RawMessage(`{"a":[1,{"b":"<x>"}]}`)},
			want: `{"newThing":{"a":[1,{"b":"<x>"}]}}`,
		},
		{name: "unknown member with an empty name", in: &UnknownIntegrationDetails{Value: json.RawMessage(`{}`)}, want: `{"":{}}`},
		{name: "unknown member without value", in: &UnknownIntegrationDetails{Name: "x"}, wantErr: "not valid JSON"},
		{name: "unknown member with invalid JSON", in: &UnknownIntegrationDetails{Name: "x", Value: json.RawMessage(`{`)}, wantErr: "not valid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := encodeIntegrationDetails(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(got)); diff != "" {
				t.Errorf("encoding mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestUnknownIntegrationDetailsMarshalBoto3(t *testing.T) {
	u := &UnknownIntegrationDetails{Name: "newThing", Value: json.RawMessage(`{"a":1}`)}
	got, err := u.MarshalBoto3()
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(`{"SDK_UNKNOWN_MEMBER":{"name":"newThing"}}`, string(got)); diff != "" {
		t.Errorf("boto3 form mismatch (-want +got):\n%s", diff)
	}
}

func TestGetIntegrationOutputJSON(t *testing.T) {
	wire := `{"integrationName":"n","integrationType":"SPLUNK","integrationStatus":"DEGRADED",` +
		`"integrationDetails":{"newThing":{"x":[true,null,"é"]}}}`
	var out GetIntegrationOutput
	out.ResultMetadata = ResponseMetadata{RequestID: "kept"}
	if err := json.Unmarshal([]byte(wire), &out); err != nil {
		t.Fatal(err)
	}
	want := GetIntegrationOutput{
		IntegrationName:    "n",
		IntegrationType:    "SPLUNK",
		IntegrationStatus:  "DEGRADED",
		IntegrationDetails: &UnknownIntegrationDetails{Name: "newThing", Value: json.RawMessage(`{"x":[true,null,"é"]}`)},
		ResultMetadata:     ResponseMetadata{RequestID: "kept"},
	}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("decoded output mismatch (-want +got):\n%s", diff)
	}
	got, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wire, string(got)); diff != "" {
		t.Errorf("re-encoded output mismatch (-want +got):\n%s", diff)
	}
	empty, err := json.Marshal(GetIntegrationOutput{ResultMetadata: ResponseMetadata{StatusCode: 200}})
	if err != nil {
		t.Fatal(err)
	}
	if string(empty) != `{}` {
		t.Errorf("empty output encodes as %s, want {}", empty)
	}
}

func TestEnumValues(t *testing.T) {
	got := []any{
		IntegrationType("").Values(),
		IntegrationStatus("").Values(),
		OpenSearchResourceStatusType("").Values(),
	}
	want := []any{
		[]IntegrationType{"OPENSEARCH"},
		[]IntegrationStatus{"PROVISIONING", "ACTIVE", "FAILED"},
		[]OpenSearchResourceStatusType{"ACTIVE", "NOT_FOUND", "ERROR"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("enum values mismatch (-want +got):\n%s", diff)
	}
}

func TestDecodeUnionManyMembers(t *testing.T) {
	// A hostile body with very many members must not take quadratic time;
	// this one has 200,000 (a 4 MiB body could hold about as many).
	var b strings.Builder
	b.WriteString(`{`)
	for i := range 200_000 {
		fmt.Fprintf(&b, `"m%d":null,`, i)
	}
	b.WriteString(`"m7":{"x":1},"m199999":null}`)
	got, err := decodeIntegrationDetails([]byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	want := &UnknownIntegrationDetails{Name: "m7", Value: json.RawMessage(`{"x":1}`)}
	if diff := cmp.Diff(IntegrationDetails(want), got); diff != "" {
		t.Errorf("details mismatch (-want +got):\n%s", diff)
	}
}

func TestRepeatedMemberKeepsTheLast(t *testing.T) {
	// encoding/json alone would merge the two values into one.
	wire := `{"integrationDetails":{"openSearchIntegrationDetails":{"workspace":{"workspaceId":"a"}},` +
		`"openSearchIntegrationDetails":{"dataSource":{"dataSourceName":"b"}}}}`
	var out GetIntegrationOutput
	if err := json.Unmarshal([]byte(wire), &out); err != nil {
		t.Fatal(err)
	}
	want := &OpenSearchIntegrationDetails{DataSource: &OpenSearchDataSource{DataSourceName: "b"}}
	if diff := cmp.Diff(IntegrationDetails(want), out.IntegrationDetails); diff != "" {
		t.Errorf("details mismatch (-want +got):\n%s", diff)
	}
}

// TestMarshalKeepsUnknownMemberBytes encodes an output holding an unknown
// member with white space and HTML characters in its value: MarshalJSON
// writes it byte for byte, and decoding that gives back the same value.
func TestMarshalKeepsUnknownMemberBytes(t *testing.T) {
	value := json.RawMessage(`{ "a" : [1, 2], "h": "<a&b>" }`)
	for _, out := range []*GetIntegrationOutput{
		{IntegrationName: "n", IntegrationDetails: &UnknownIntegrationDetails{Name: "splunk", Value: value}},
		{IntegrationDetails: &UnknownIntegrationDetails{Name: "splunk", Value: value}},
	} {
		b, err := out.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(b, []byte(`"integrationDetails":{"splunk":`+string(value)+`}`)) || !json.Valid(b) {
			t.Fatalf("MarshalJSON = %s, want the value as it is", b)
		}
		var back GetIntegrationOutput
		if err := back.UnmarshalJSON(b); err != nil {
			t.Fatal(err)
		}
		if u, ok := back.IntegrationDetails.(*UnknownIntegrationDetails); !ok || !bytes.Equal(u.Value, value) || back.IntegrationName != out.IntegrationName {
			t.Errorf("decoded back %+v from %s", back, b)
		}
	}
}

// TestMarshalRefusesUnionsThatWouldNotComeBack checks the union values
// that would decode as something else, or panic, are refused.
func TestMarshalRefusesUnionsThatWouldNotComeBack(t *testing.T) {
	for name, d := range map[string]IntegrationDetails{
		"nil OpenSearch":     (*OpenSearchIntegrationDetails)(nil),
		"nil unknown":        (*UnknownIntegrationDetails)(nil),
		"__type":             &UnknownIntegrationDetails{Name: "__type", Value: json.RawMessage(`{}`)},
		"known member name":  &UnknownIntegrationDetails{Name: "openSearchIntegrationDetails", Value: json.RawMessage(`{}`)},
		"null value":         &UnknownIntegrationDetails{Name: "x", Value: json.RawMessage(` null `)},
		"invalid JSON value": &UnknownIntegrationDetails{Name: "x", Value: json.RawMessage(`{`)},
		"empty value":        &UnknownIntegrationDetails{Name: "x"},
	} {
		out := GetIntegrationOutput{IntegrationName: "n", IntegrationDetails: d}
		if b, err := out.MarshalJSON(); err == nil {
			t.Errorf("%s: MarshalJSON = %s, want an error", name, b)
		}
		if b, err := json.Marshal(out); err == nil {
			t.Errorf("%s: json.Marshal = %s, want an error", name, b)
		}
	}
	if _, err := (*UnknownIntegrationDetails)(nil).MarshalBoto3(); err == nil {
		t.Error("MarshalBoto3 of nil: no error")
	}
}
