package cwlogs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
)

// decodeIntegrationDetails decodes the integrationDetails union from data,
// which may be any bytes, as the tests and fuzz targets feed it; empty data
// is no value.
func decodeIntegrationDetails(data []byte) (IntegrationDetails, error) {
	r := jsonwire.NewReader(string(data))
	if r.Next() == 0 {
		return nil, nil
	}
	d, err := readIntegrationDetails(&r)
	if err == nil {
		err = r.End()
	}
	if err != nil {
		return nil, jsonwire.InMember("integrationDetails", err)
	}
	return d, nil
}

// encodeIntegrationDetails encodes d as the integrationDetails union.
func encodeIntegrationDetails(d IntegrationDetails) ([]byte, error) { return appendUnion(nil, d) }

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
		{
			name:    "members with names of a megabyte",
			in:      `{"` + strings.Repeat("m", 1<<20) + `":{},"` + strings.Repeat("é", 1<<19) + `":{},"b":{}}`,
			wantErr: "union has 3 members set (b, " + strings.Repeat("m", 64) + "…, " + strings.Repeat("é", 32) + "…), want exactly one",
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
	data = bytes.Trim(data, jsonwire.WhiteSpace)
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
		if string(bytes.Trim(v, jsonwire.WhiteSpace)) != "null" {
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
	// or nothing. The others must fail, which
	// FuzzGetIntegrationOutputMatchesReference checks.
	inDomain := len(bytes.Trim(data, jsonwire.WhiteSpace)) == 0 || json.Valid(data)
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
		// A member may be named "" (see readUnion), but never "__type",
		// and the name and the value are those of the input.
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
		if string(bytes.Trim(d.Value, jsonwire.WhiteSpace)) == "null" {
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

func TestDecodeResourceConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      string
		want    ResourceConfig
		wantErr string // the whole error; empty for none
	}{
		{name: "absent", in: ``},
		{name: "null", in: `null`},
		{name: "member null", in: `{"openSearchResourceConfig":null}`},
		{name: "known member", in: `{"openSearchResourceConfig":{"dataSourceRoleArn":"r","dashboardViewerPrincipals":["p"],"retentionDays":3,"kmsKeyArn":"k","applicationArn":"a","newMember":1}}`,
			want: &OpenSearchResourceConfig{DataSourceRoleArn: "r", DashboardViewerPrincipals: []string{"p"}, RetentionDays: 3, KmsKeyArn: "k", ApplicationArn: "a"}},
		{name: "unknown member byte for byte", in: `{"__type":"x","gone":null,"splunkResourceConfig":{ "a" : [1, 2.50] }}`,
			want: &UnknownResourceConfig{Name: "splunkResourceConfig", Value: json.RawMessage(`{ "a" : [1, 2.50] }`)}},
		{name: "last of a repeated member", in: `{"x":{"a":1},"x":{"b":2}}`,
			want: &UnknownResourceConfig{Name: "x", Value: json.RawMessage(`{"b":2}`)}},
		{name: "no member", in: `{}`, wantErr: "resourceConfig: union has no member set, want exactly one"},
		{name: "only __type", in: `{"__type":"x"}`, wantErr: "resourceConfig: union has no member set, want exactly one"},
		{name: "two members", in: `{"a":{},"openSearchResourceConfig":{}}`, wantErr: "resourceConfig: union has 2 members set (a, openSearchResourceConfig), want exactly one"},
		{name: "not an object", in: `[{}]`, wantErr: "resourceConfig: union must be a JSON object, found an array"},
		{name: "unknown member not an object", in: `{"x":[1]}`, wantErr: `resourceConfig is an unknown member "x" whose value is an array, not a JSON object`},
		{name: "unknown member with no name", in: `{"":{}}`, wantErr: "resourceConfig is an unknown member with no name"},
		{name: "known member of the wrong shape", in: `{"openSearchResourceConfig":{"retentionDays":"7"}}`,
			wantErr: "resourceConfig.openSearchResourceConfig: json: cannot unmarshal string into Go struct field OpenSearchResourceConfig.retentionDays of type int32"},
		{name: "not JSON", in: `{"x":}`, wantErr: "invalid character '}' looking for beginning of value at byte 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := decodeResourceConfig([]byte(tt.in))
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.wantErr {
				t.Fatalf("decodeResourceConfig(%q) error = %q, want %q", tt.in, gotErr, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("decodeResourceConfig(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestEncodeResourceConfig(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		in      ResourceConfig
		want    string
		wantErr string
	}{
		{name: "known member, optional members left out", in: &OpenSearchResourceConfig{DataSourceRoleArn: "r<>", DashboardViewerPrincipals: []string{"p"}, RetentionDays: 1},
			want: `{"openSearchResourceConfig":{"dataSourceRoleArn":"r<>","dashboardViewerPrincipals":["p"],"retentionDays":1}}`},
		{name: "zero known member", in: &OpenSearchResourceConfig{}, want: `{"openSearchResourceConfig":{}}`},
		{name: "empty list of principals", in: &OpenSearchResourceConfig{DashboardViewerPrincipals: []string{}},
			want: `{"openSearchResourceConfig":{"dashboardViewerPrincipals":[]}}`},
		{name: "unknown member as it is", in: &UnknownResourceConfig{Name: "x\"y", Value: json.RawMessage(" {\"a\" : \"<&>\"}\n")},
			want: "{\"x\\\"y\": {\"a\" : \"<&>\"}\n}"},
		{name: "nil known member", in: (*OpenSearchResourceConfig)(nil), wantErr: "resourceConfig is a nil *OpenSearchResourceConfig"},
		{name: "nil unknown member", in: (*UnknownResourceConfig)(nil), wantErr: "resourceConfig is a nil *UnknownResourceConfig"},
		{name: "unknown member of a known name", in: &UnknownResourceConfig{Name: "openSearchResourceConfig", Value: json.RawMessage(`{}`)},
			wantErr: "resourceConfig is an unknown member named openSearchResourceConfig, a known member: use *OpenSearchResourceConfig"},
		{name: "unknown member null", in: &UnknownResourceConfig{Name: "x", Value: json.RawMessage(`null`)},
			wantErr: `resourceConfig is an unknown member "x" whose value is null, not a JSON object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := appendUnion(nil, tt.in)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.wantErr || string(got) != tt.want {
				t.Fatalf("appendUnion = %q, %q; want %q, %q", got, gotErr, tt.want, tt.wantErr)
			}
		})
	}
}
