package cwlogs_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cwlogs-go/cwlogs"
)

func listCall(in *cwlogs.ListIntegrationsInput) opCall {
	return func(ctx context.Context, c *cwlogs.Client) (any, error) { return c.ListIntegrations(ctx, in) }
}

func TestListIntegrationsRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   *cwlogs.ListIntegrationsInput
		want string
	}{
		{"nil input", nil, `{}`},
		{"no filter", &cwlogs.ListIntegrationsInput{}, `{}`},
		{"prefix", &cwlogs.ListIntegrationsInput{IntegrationNamePrefix: "cwl"}, `{"integrationNamePrefix":"cwl"}`},
		{"status", &cwlogs.ListIntegrationsInput{IntegrationStatus: cwlogs.IntegrationStatusActive}, `{"integrationStatus":"ACTIVE"}`},
		{"every filter", &cwlogs.ListIntegrationsInput{IntegrationNamePrefix: "cwl-", IntegrationType: "OPENSEARCH", IntegrationStatus: "DELETING"},
			`{"integrationNamePrefix":"cwl-","integrationType":"OPENSEARCH","integrationStatus":"DELETING"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			testRequest(t, "ListIntegrations", listCall(tt.in), "ListIntegrations/success", tt.want)
		})
	}
}

func TestListIntegrationsValidation(t *testing.T) {
	t.Parallel()
	const prefix = "cwlogs: ListIntegrations: invalid input: IntegrationNamePrefix "
	tests := []struct {
		name, prefix, wantErr string
	}{
		{"no prefix", "", ""},
		{"1 character", "c", ""},
		{"50 characters, every kind", "Az09.-_/#" + strings.Repeat("x", 41), ""},
		{"51 characters", strings.Repeat("x", 51), prefix + "is 51 characters long, want at most 50"},
		{"51 characters of two bytes", strings.Repeat("é", 51), prefix + "is 51 characters long, want at most 50"},
		{"a space", "cwl logs", prefix + "has ' ' at byte 3, want only letters, digits and . - _ / #"},
		{"a star", "cwl*", prefix + "has '*' at byte 3, want only letters, digits and . - _ / #"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			testInput(t, listCall(&cwlogs.ListIntegrationsInput{IntegrationNamePrefix: tt.prefix}), "ListIntegrations/success", tt.wantErr)
		})
	}
}

func TestListIntegrationsResponses(t *testing.T) {
	t.Parallel()
	call := listCall(nil)
	tests := []struct {
		file string
		want []cwlogs.IntegrationSummary
	}{
		{"ListIntegrations/success", []cwlogs.IntegrationSummary{
			{IntegrationName: "cwl-opensearch", IntegrationType: "OPENSEARCH", IntegrationStatus: "ACTIVE"},
		}},
		{"ListIntegrations/unknown-values", []cwlogs.IntegrationSummary{
			{IntegrationName: "cwl-opensearch", IntegrationType: "OPENSEARCH", IntegrationStatus: "PROVISIONING"},
			{IntegrationName: "cwl-splunk", IntegrationType: "SPLUNK", IntegrationStatus: "DELETING"},
		}},
		// An empty, null or absent list is an empty, non-nil slice.
		{"ListIntegrations/empty", []cwlogs.IntegrationSummary{}},
		{"ListIntegrations/null", []cwlogs.IntegrationSummary{}},
		{"ListIntegrations/absent", []cwlogs.IntegrationSummary{}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			testDecodes(t, call, tt.file, &cwlogs.ListIntegrationsOutput{IntegrationSummaries: tt.want, ResultMetadata: recordedMeta(t, tt.file)})
		})
	}
	testDeclaredErrors(t, "ListIntegrations", call, []declaredError{
		{"ListIntegrations/invalid-parameter", "InvalidParameterException", cwlogs.ErrInvalidParameter},
		{"ListIntegrations/service-unavailable", "ServiceUnavailableException", cwlogs.ErrServiceUnavailable},
	})
	testCancelledContext(t, call, "ListIntegrations/success")
}

func TestListIntegrationsBadResponses(t *testing.T) {
	t.Parallel()
	testBadResponse(t, "ListIntegrations", listCall(nil), `{"integrationSummaries":[{},{},{"integrationStatus":7}]}`,
		"integrationSummaries[2].integrationStatus: want a string, found a number")
}
