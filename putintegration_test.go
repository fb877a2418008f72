package cwlogs_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cwlogs-go/cwlogs"
)

const (
	roleARN   = "arn:aws:iam::123456789012:role/CWLOpenSearchRole"
	viewerARN = "arn:aws:iam::123456789012:role/CWLDashboardViewer"
	kmsARN    = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	appARN    = "arn:aws:opensearch:us-east-1:123456789012:application/k3x9q2m7vd"
)

// validPut returns a valid input, changed by change.
func validPut(change func(in *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig)) *cwlogs.PutIntegrationInput {
	rc := &cwlogs.OpenSearchResourceConfig{
		DataSourceRoleArn:         roleARN,
		DashboardViewerPrincipals: []string{viewerARN},
		RetentionDays:             30,
	}
	in := &cwlogs.PutIntegrationInput{IntegrationName: "cwl-opensearch", IntegrationType: cwlogs.IntegrationTypeOpenSearch, ResourceConfig: rc}
	if change != nil {
		change(in, rc)
	}
	return in
}

func putCall(in *cwlogs.PutIntegrationInput) opCall {
	return func(ctx context.Context, c *cwlogs.Client) (any, error) { return c.PutIntegration(ctx, in) }
}

func TestPutIntegrationRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   *cwlogs.PutIntegrationInput
		want string
	}{
		{"required members only", validPut(nil),
			`{"integrationName":"cwl-opensearch","integrationType":"OPENSEARCH","resourceConfig":{"openSearchResourceConfig":` +
				`{"dataSourceRoleArn":"` + roleARN + `","dashboardViewerPrincipals":["` + viewerARN + `"],"retentionDays":30}}}`},
		{"every member", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
			rc.DashboardViewerPrincipals = append(rc.DashboardViewerPrincipals, roleARN)
			rc.RetentionDays = 1
			rc.KmsKeyArn = kmsARN
			rc.ApplicationArn = appARN
		}),
			`{"integrationName":"cwl-opensearch","integrationType":"OPENSEARCH","resourceConfig":{"openSearchResourceConfig":` +
				`{"dataSourceRoleArn":"` + roleARN + `","dashboardViewerPrincipals":["` + viewerARN + `","` + roleARN + `"],` +
				`"retentionDays":1,"kmsKeyArn":"` + kmsARN + `","applicationArn":"` + appARN + `"}}}`},
		{"unknown member byte for byte, unknown type", validPut(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) {
			in.IntegrationType = "SPLUNK"
			in.ResourceConfig = &cwlogs.UnknownResourceConfig{Name: "splunkResourceConfig",
				Value: json.RawMessage("{ \"index\" : \"a<b&c>\",\n \"n\": 1.50 }")}
		}),
			"{\"integrationName\":\"cwl-opensearch\",\"integrationType\":\"SPLUNK\",\"resourceConfig\":{\"splunkResourceConfig\":" +
				"{ \"index\" : \"a<b&c>\",\n \"n\": 1.50 }}}"},
		{"empty list of principals, sent as []", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
			rc.DashboardViewerPrincipals = []string{}
		}),
			`{"integrationName":"cwl-opensearch","integrationType":"OPENSEARCH","resourceConfig":{"openSearchResourceConfig":` +
				`{"dataSourceRoleArn":"` + roleARN + `","dashboardViewerPrincipals":[],"retentionDays":30}}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			testRequest(t, "PutIntegration", putCall(tt.in), "PutIntegration/success", tt.want)
		})
	}
}

func TestPutIntegrationValidation(t *testing.T) {
	t.Parallel()
	const prefix = "cwlogs: PutIntegration: invalid input: "
	// osrc is the message of a field of the OpenSearch member: its Go path,
	// then the reason, which names the member on the wire.
	osrc := func(reason string) string {
		member, _, _ := strings.Cut(reason, " ")
		field := strings.ToUpper(member[:1]) + member[1:]
		return prefix + "ResourceConfig." + field + ": resourceConfig.openSearchResourceConfig." + reason
	}
	const wantARN = `, want an ARN (arn:partition:service:region:account-id:resource)`
	type change = func(*cwlogs.PutIntegrationInput, *cwlogs.OpenSearchResourceConfig)
	unknown := func(name, value string) change {
		return func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) {
			in.ResourceConfig = &cwlogs.UnknownResourceConfig{Name: name, Value: json.RawMessage(value)}
		}
	}
	tests := []struct {
		name    string
		in      *cwlogs.PutIntegrationInput
		wantErr string // "" for a valid input
	}{
		{"valid", validPut(nil), ""},
		{"nil input", nil, prefix + "IntegrationName is required"},
		{"name missing", validPut(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) { in.IntegrationName = "" }),
			prefix + "IntegrationName is required"},
		{"name of 50", validPut(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) {
			in.IntegrationName = strings.Repeat("n", 50)
		}), ""},
		{"name of 51", validPut(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) {
			in.IntegrationName = strings.Repeat("n", 51)
		}), prefix + "IntegrationName is 51 characters long, want at most 50"},
		{"name with a space", validPut(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) { in.IntegrationName = "a b" }),
			prefix + "IntegrationName has ' ' at byte 1, want only letters, digits and . - _ / #"},
		{"type missing", validPut(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) { in.IntegrationType = "" }),
			prefix + "IntegrationType is required"},
		{"type unknown to this package", validPut(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) {
			in.IntegrationType = "SPLUNK"
		}), ""},
		{"config missing", validPut(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) { in.ResourceConfig = nil }),
			prefix + "ResourceConfig is required"},
		{"config nil OpenSearch", validPut(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) {
			in.ResourceConfig = (*cwlogs.OpenSearchResourceConfig)(nil)
		}), prefix + "ResourceConfig is a nil *OpenSearchResourceConfig"},
		{"config nil unknown", validPut(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) {
			in.ResourceConfig = (*cwlogs.UnknownResourceConfig)(nil)
		}), prefix + "ResourceConfig is a nil *UnknownResourceConfig"},
		{"role missing", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) { rc.DataSourceRoleArn = "" }),
			osrc("dataSourceRoleArn is required")},
		{"role not an ARN", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
			rc.DataSourceRoleArn = "role/CWLOpenSearchRole"
		}), osrc(`dataSourceRoleArn is "role/CWLOpenSearchRole"` + wantARN)},
		{"role with five sections", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
			rc.DataSourceRoleArn = "arn:aws:iam::123456789012"
		}), osrc(`dataSourceRoleArn is "arn:aws:iam::123456789012"` + wantARN)},
		{"role with six empty sections", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
			rc.DataSourceRoleArn = "arn:::::"
		}), ""},
		{"no principal", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
			rc.DashboardViewerPrincipals = nil
		}),
			osrc("dashboardViewerPrincipals is required")},
		{"principals empty", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
			rc.DashboardViewerPrincipals = []string{}
		}), ""},
		{"empty principal", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
			rc.DashboardViewerPrincipals = []string{viewerARN, ""}
		}), osrc("dashboardViewerPrincipals[1] is empty, want a principal ARN")},
		{"principal not an ARN", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
			rc.DashboardViewerPrincipals = []string{"CWLDashboardViewer"}
		}), osrc(`dashboardViewerPrincipals[0] is "CWLDashboardViewer"` + wantARN)},
		{"retention 0", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) { rc.RetentionDays = 0 }),
			osrc("retentionDays is 0, want 1 to 30")},
		{"retention 1", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) { rc.RetentionDays = 1 }), ""},
		{"retention 30", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) { rc.RetentionDays = 30 }), ""},
		{"retention 31", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) { rc.RetentionDays = 31 }),
			osrc("retentionDays is 31, want 1 to 30")},
		{"retention 45", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) { rc.RetentionDays = 45 }),
			"cwlogs: PutIntegration: invalid input: ResourceConfig.RetentionDays: resourceConfig.openSearchResourceConfig.retentionDays is 45, want 1 to 30"},
		{"retention negative", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) { rc.RetentionDays = -1 }),
			osrc("retentionDays is -1, want 1 to 30")},
		{"KMS key not an ARN", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) { rc.KmsKeyArn = "alias/logs" }),
			osrc(`kmsKeyArn is "alias/logs"` + wantARN)},
		{"application not an ARN", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
			rc.ApplicationArn = "k3x9q2m7vd"
		}),
			osrc(`applicationArn is "k3x9q2m7vd"` + wantARN)},
		{"long value is cut", validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
			rc.ApplicationArn = strings.Repeat("x", 1000)
		}), osrc(`applicationArn is "`) + strings.Repeat("x", 100) + `"…` + wantARN},
		{"unknown member", validPut(unknown("splunkResourceConfig", `{"index":"x"}`)), ""},
		{"unknown member without a name", validPut(unknown("", `{}`)), prefix + "ResourceConfig is an unknown member with no name"},
		{"unknown member named __type", validPut(unknown("__type", `{}`)),
			prefix + `ResourceConfig is an unknown member named "__type", which is not a member`},
		{"unknown member with a known name", validPut(unknown("openSearchResourceConfig", `{}`)),
			prefix + "ResourceConfig is an unknown member named openSearchResourceConfig, a known member: use *OpenSearchResourceConfig"},
		{"unknown member not JSON", validPut(unknown("x", `{`)), prefix + `ResourceConfig is an unknown member "x" whose value is not valid JSON`},
		{"unknown member empty", validPut(unknown("x", ``)), prefix + `ResourceConfig is an unknown member "x" whose value is not valid JSON`},
		{"unknown member two values", validPut(unknown("x", `{} {}`)), prefix + `ResourceConfig is an unknown member "x" whose value is not valid JSON`},
		{"unknown member null", validPut(unknown("x", `null`)), prefix + `ResourceConfig is an unknown member "x" whose value is null, not a JSON object`},
		{"unknown member array", validPut(unknown("x", ` [{}]`)), prefix + `ResourceConfig is an unknown member "x" whose value is an array, not a JSON object`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			testInput(t, putCall(tt.in), "PutIntegration/success", tt.wantErr)
		})
	}
}

func TestPutIntegrationResponses(t *testing.T) {
	t.Parallel()
	call := putCall(validPut(nil))
	testDecodes(t, call, "PutIntegration/success", &cwlogs.PutIntegrationOutput{
		IntegrationName:   "cwl-opensearch",
		IntegrationStatus: cwlogs.IntegrationStatusProvisioning,
		ResultMetadata:    recordedMeta(t, "PutIntegration/success"),
	})
	testDeclaredErrors(t, "PutIntegration", call, []declaredError{
		{"PutIntegration/invalid-parameter", "InvalidParameterException", cwlogs.ErrInvalidParameter},
		{"PutIntegration/limit-exceeded", "LimitExceededException", cwlogs.ErrLimitExceeded},
		{"PutIntegration/validation", "ValidationException", cwlogs.ErrValidation},
	})
	testUnknownDeclaredError(t, "PutIntegration", "create", []string{"GetIntegration"}, call,
		declaredError{"PutIntegration/service-unavailable", "ServiceUnavailableException", cwlogs.ErrServiceUnavailable})
	testCancelledContext(t, call, "PutIntegration/success")
}

func TestPutIntegrationBadResponses(t *testing.T) {
	t.Parallel()
	testBadSuccessUnknown(t, "PutIntegration", "create", []string{"GetIntegration"}, putCall(validPut(nil)), `{"integrationStatus":7}`, "integrationStatus: want a string, found a number")
	testBadSuccessUnknown(t, "PutIntegration", "create", []string{"GetIntegration"}, putCall(validPut(nil)), ``, "unexpected end of JSON input")
}

// TestPutIntegrationInputNull checks that a JSON null leaves an input as it
// was, as encoding/json does for every type.
func TestPutIntegrationInputNull(t *testing.T) {
	in := cwlogs.PutIntegrationInput{IntegrationName: "kept"}
	if err := json.Unmarshal([]byte(" null "), &in); err != nil {
		t.Fatal(err)
	}
	if in.IntegrationName != "kept" {
		t.Errorf("after null, IntegrationName = %q, want it kept", in.IntegrationName)
	}
}
