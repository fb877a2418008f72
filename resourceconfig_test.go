package cwlogs

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

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
		{name: "no member", in: `{}`, wantErr: "resourceConfig: union has 0 members set, want exactly one"},
		{name: "only __type", in: `{"__type":"x"}`, wantErr: "resourceConfig: union has 0 members set, want exactly one"},
		{name: "two members", in: `{"a":{},"openSearchResourceConfig":{}}`, wantErr: "resourceConfig: union has 2 members set, want exactly one"},
		{name: "not an object", in: `[{}]`, wantErr: "resourceConfig: union must be a JSON object, found an array"},
		{name: "unknown member not an object", in: `{"x":[1]}`, wantErr: "resourceConfig.x: want an object, found an array"},
		{name: "unknown member with no name", in: `{"":{}}`, wantErr: "resourceConfig: union member with an empty name"},
		{name: "known member of the wrong shape", in: `{"openSearchResourceConfig":{"retentionDays":"7"}}`,
			wantErr: "resourceConfig.openSearchResourceConfig: json: cannot unmarshal string into Go struct field OpenSearchResourceConfig.retentionDays of type int32"},
		{name: "not JSON", in: `{"x":}`, wantErr: "invalid character '}' looking for beginning of value"},
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
		{name: "zero known member", in: &OpenSearchResourceConfig{DashboardViewerPrincipals: []string{}}, want: `{"openSearchResourceConfig":{}}`},
		{name: "unknown member as it is", in: &UnknownResourceConfig{Name: "x\"y", Value: json.RawMessage(" {\"a\" : \"<&>\"}\n")},
			want: "{\"x\\\"y\": {\"a\" : \"<&>\"}\n}"},
		{name: "nil known member", in: (*OpenSearchResourceConfig)(nil), wantErr: "resourceConfig: nil *OpenSearchResourceConfig"},
		{name: "nil unknown member", in: (*UnknownResourceConfig)(nil), wantErr: "resourceConfig: nil *UnknownResourceConfig"},
		{name: "unknown member of a known name", in: &UnknownResourceConfig{Name: "openSearchResourceConfig", Value: json.RawMessage(`{}`)},
			wantErr: "resourceConfig is an unknown member named openSearchResourceConfig, a known member: use *OpenSearchResourceConfig"},
		{name: "unknown member null", in: &UnknownResourceConfig{Name: "x", Value: json.RawMessage(`null`)},
			wantErr: `resourceConfig is an unknown member "x" whose value is not a JSON object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := encodeResourceConfig(tt.in)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.wantErr || string(got) != tt.want {
				t.Fatalf("encodeResourceConfig = %q, %q; want %q, %q", got, gotErr, tt.want, tt.wantErr)
			}
		})
	}
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

// TestOutputsJSON checks the wire shape json.Marshal gives the new outputs.
func TestOutputsJSON(t *testing.T) {
	t.Parallel()
	meta := ResponseMetadata{RequestID: "id", StatusCode: 200, Attempts: 2}
	tests := []struct {
		name string
		out  any
		want string
	}{
		{"put", PutIntegrationOutput{IntegrationName: "n", IntegrationStatus: "PROVISIONING", ResultMetadata: meta},
			`{"integrationName":"n","integrationStatus":"PROVISIONING"}`},
		{"list", ListIntegrationsOutput{IntegrationSummaries: []IntegrationSummary{{IntegrationName: "n", IntegrationType: "T"}}, ResultMetadata: meta},
			`{"integrationSummaries":[{"integrationName":"n","integrationType":"T"}]}`},
		{"list empty", ListIntegrationsOutput{IntegrationSummaries: []IntegrationSummary{}}, `{"integrationSummaries":[]}`},
		{"list nil", ListIntegrationsOutput{}, `{"integrationSummaries":null}`},
		{"delete", DeleteIntegrationOutput{ResultMetadata: meta}, `{}`},
		{"list input", ListIntegrationsInput{IntegrationStatus: "ACTIVE"}, `{"integrationStatus":"ACTIVE"}`},
		{"delete input", DeleteIntegrationInput{IntegrationName: "n", Force: true}, `{"integrationName":"n","force":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.out)
			if err != nil || string(b) != tt.want {
				t.Fatalf("json.Marshal = %s, %v; want %s", b, err, tt.want)
			}
		})
	}
}
