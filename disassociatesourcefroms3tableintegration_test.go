package cwlogs_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
)

func disassociateCall(id string) opCall {
	return func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.DisassociateSourceFromS3TableIntegration(ctx, &cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: id})
	}
}

const disassociateSuccess = "DisassociateSourceFromS3TableIntegration/success"

func TestDisassociateSourceFromS3TableIntegrationRequest(t *testing.T) {
	t.Parallel()
	testRequest(t, "DisassociateSourceFromS3TableIntegration", disassociateCall(s3SourceID), disassociateSuccess,
		`{"identifier":"`+s3SourceID+`"}`)
}

func TestDisassociateSourceFromS3TableIntegrationValidation(t *testing.T) {
	t.Parallel()
	const prefix = "cwlogs: DisassociateSourceFromS3TableIntegration: invalid input: "
	tests := []struct {
		name    string
		call    opCall
		wantErr string // "" for a valid input
	}{
		{"valid", disassociateCall(s3SourceID), ""},
		{"nil input", func(ctx context.Context, c *cwlogs.Client) (any, error) {
			return c.DisassociateSourceFromS3TableIntegration(ctx, nil)
		}, prefix + "Identifier is required"},
		{"missing", disassociateCall(""), prefix + "Identifier is required"},
		{"one character", disassociateCall("x"), ""},
		{"2048 characters", disassociateCall(strings.Repeat("é", 2048)), ""},
		{"2049 characters", disassociateCall(strings.Repeat("i", 2049)), prefix + "Identifier is 2049 characters long, want at most 2048"},
		{"not UTF-8", disassociateCall("id\xff"), prefix + `Identifier is "id\xff", which is not valid UTF-8 (byte 2)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			testInput(t, tt.call, disassociateSuccess, tt.wantErr)
		})
	}
}

func TestDisassociateSourceFromS3TableIntegrationResponses(t *testing.T) {
	t.Parallel()
	call := disassociateCall(s3SourceID)
	const dir = "DisassociateSourceFromS3TableIntegration/"
	testDecodes(t, call, disassociateSuccess, &cwlogs.DisassociateSourceFromS3TableIntegrationOutput{
		Identifier:     "5e0a8c2f-7d14-4b39-9c6e-1f2a7b4d8e03",
		ResultMetadata: recordedMeta(t, disassociateSuccess),
	})
	testDeclaredErrors(t, "DisassociateSourceFromS3TableIntegration", call, []declaredError{
		{dir + "access-denied", "AccessDeniedException", cwlogs.ErrAccessDenied},
		{dir + "resource-not-found", "ResourceNotFoundException", cwlogs.ErrResourceNotFound},
		{dir + "throttling", "ThrottlingException", cwlogs.ErrThrottling},
		{dir + "validation", "ValidationException", cwlogs.ErrValidation},
	})
	// A disassociation names no integration: there is no state to read.
	const op = "DisassociateSourceFromS3TableIntegration"
	testUnknownDeclaredError(t, op, "disassociation", nil, call,
		declaredError{dir + "internal-server", "InternalServerException", cwlogs.ErrInternalFailure})
	testCancelledContext(t, call, disassociateSuccess)
	testBadSuccessUnknown(t, op, "disassociation", nil, call, `[]`, "want an object, found an array")
	testBadSuccessUnknown(t, op, "disassociation", nil, call, `{"identifier":`, "unexpected end of JSON input")
}

// TestDisassociateSourceFromS3TableIntegrationConfirm checks that
// ResourceNotFoundException confirms a disassociation only after an
// attempt that may have removed the association, and that any other error
// after such an attempt is an unknown outcome.
func TestDisassociateSourceFromS3TableIntegrationConfirm(t *testing.T) {
	t.Parallel()
	const op = "DisassociateSourceFromS3TableIntegration"
	body := map[string]any{"identifier": s3SourceID}
	type answers = []func(http.ResponseWriter, *http.Request)
	tests := []struct {
		name    string
		answers answers
		wantN   int
		wantOut *cwlogs.DisassociateSourceFromS3TableIntegrationOutput
		wantErr error
	}{
		{"5xx, then not found", answers{answerError(500, "InternalServerException"), answerError(400, "ResourceNotFoundException")}, 2,
			&cwlogs.DisassociateSourceFromS3TableIntegrationOutput{Identifier: s3SourceID,
				ResultMetadata: cwlogs.ResponseMetadata{RequestID: "req-ResourceNotFoundException", StatusCode: 400, Attempts: 2, Confirmed: true}}, nil},
		{"not found at once", answers{answerError(400, "ResourceNotFoundException")}, 1, nil, cwlogs.ErrResourceNotFound},
		{"throttled, then not found", answers{answerError(400, "ThrottlingException"), answerError(400, "ResourceNotFoundException")}, 2,
			nil, cwlogs.ErrResourceNotFound},
		{"5xx, then refused: unknown, there is no state to read", answers{answerError(503, "ServiceUnavailableException"), answerError(400, "AccessDeniedException")}, 2,
			nil, cwlogs.ErrOutcomeUnknown},
		{"5xx every attempt: unknown", answers{answerError(500, "InternalServerException")}, 3, nil, cwlogs.ErrOutcomeUnknown},
		{"5xx, then throttled, then not found: confirmed", answers{answerError(500, "InternalServerException"),
			answerError(400, "ThrottlingException"), answerError(400, "ResourceNotFoundException")}, 3,
			&cwlogs.DisassociateSourceFromS3TableIntegrationOutput{Identifier: s3SourceID,
				ResultMetadata: cwlogs.ResponseMetadata{RequestID: "req-ResourceNotFoundException", StatusCode: 400, Attempts: 3, Confirmed: true}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := &jsonHandler{answers: tt.answers}
			client := newTestClient(t, h, func(o *cwlogs.Options) { o.RetryPolicy = fastRetry })
			out, err := client.DisassociateSourceFromS3TableIntegration(context.Background(),
				&cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: s3SourceID})
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("error %v, want a confirmed success", err)
			case tt.wantErr != nil && (!errors.Is(err, tt.wantErr) || out != nil):
				t.Fatalf("output %+v, error %v; want no output and an error matching %v", out, err, tt.wantErr)
			case tt.wantErr == cwlogs.ErrOutcomeUnknown:
				checkUnknown(t, err, op, "disassociation", nil, "no state to read")
			case tt.wantErr != nil && errors.Is(err, cwlogs.ErrOutcomeUnknown):
				t.Errorf("error %v is an unknown outcome, want the service's", err)
			}
			if diff := cmp.Diff(tt.wantOut, out); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
			want := make([]seenRequest, tt.wantN)
			for i := range want {
				want[i] = signedJSON(op, body)
			}
			checkSeen(t, h, want)
		})
	}
}
