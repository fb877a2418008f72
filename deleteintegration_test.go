package cwlogs_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cwlogs-go/cwlogs"
)

func deleteCall(in *cwlogs.DeleteIntegrationInput) opCall {
	return func(ctx context.Context, c *cwlogs.Client) (any, error) { return c.DeleteIntegration(ctx, in) }
}

func TestDeleteIntegrationRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   *cwlogs.DeleteIntegrationInput
		want string
	}{
		{"without force", &cwlogs.DeleteIntegrationInput{IntegrationName: "cwl-opensearch"}, `{"integrationName":"cwl-opensearch"}`},
		{"with force", &cwlogs.DeleteIntegrationInput{IntegrationName: "cwl-opensearch", Force: true}, `{"integrationName":"cwl-opensearch","force":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			testRequest(t, "DeleteIntegration", deleteCall(tt.in), "DeleteIntegration/success", tt.want)
		})
	}
}

func TestDeleteIntegrationValidation(t *testing.T) {
	t.Parallel()
	const prefix = "cwlogs: DeleteIntegration: invalid input: IntegrationName "
	tests := []struct {
		name string
		in   *cwlogs.DeleteIntegrationInput
		want string
	}{
		{"nil input", nil, prefix + "is required"},
		{"no name", &cwlogs.DeleteIntegrationInput{Force: true}, prefix + "is required"},
		{"50 characters", &cwlogs.DeleteIntegrationInput{IntegrationName: strings.Repeat("d", 50)}, ""},
		{"51 characters", &cwlogs.DeleteIntegrationInput{IntegrationName: strings.Repeat("d", 51)}, prefix + "is 51 characters long, want at most 50"},
		{"a colon", &cwlogs.DeleteIntegrationInput{IntegrationName: "a:b"}, prefix + "has ':' at byte 1, want only letters, digits and . - _ / #"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			testInput(t, deleteCall(tt.in), "DeleteIntegration/success", tt.want)
		})
	}
}

func TestDeleteIntegrationResponses(t *testing.T) {
	t.Parallel()
	call := deleteCall(&cwlogs.DeleteIntegrationInput{IntegrationName: "cwl-opensearch"})
	for _, file := range []string{"DeleteIntegration/success", "DeleteIntegration/success-empty-object"} {
		testDecodes(t, call, file, &cwlogs.DeleteIntegrationOutput{ResultMetadata: recordedMeta(t, file)})
	}
	testDeclaredErrors(t, "DeleteIntegration", call, []declaredError{
		{"DeleteIntegration/invalid-parameter", "InvalidParameterException", cwlogs.ErrInvalidParameter},
		{"DeleteIntegration/resource-not-found", "ResourceNotFoundException", cwlogs.ErrResourceNotFound},
		{"DeleteIntegration/validation", "ValidationException", cwlogs.ErrValidation},
	})
	testUnknownDeclaredError(t, "DeleteIntegration", "delete", []string{"GetIntegration"}, call,
		declaredError{"DeleteIntegration/service-unavailable", "ServiceUnavailableException", cwlogs.ErrServiceUnavailable})
	testCancelledContext(t, call, "DeleteIntegration/success")
}

func TestDeleteIntegrationBadResponses(t *testing.T) {
	t.Parallel()
	testBadSuccessUnknown(t, "DeleteIntegration", "delete", []string{"GetIntegration"}, deleteCall(&cwlogs.DeleteIntegrationInput{IntegrationName: "x"}), `[]`, "want an object, found an array")
}
