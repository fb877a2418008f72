package cwlogs_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cwlogs-go/cwlogs"
)

func TestInvalidNamesAreRefusedBeforeSending(t *testing.T) {
	tests := []struct {
		name    string
		input   *cwlogs.GetIntegrationInput
		wantErr string
	}{
		{"nil input", nil, "cwlogs: GetIntegration: invalid input: IntegrationName is required"},
		{"empty", &cwlogs.GetIntegrationInput{}, "cwlogs: GetIntegration: invalid input: IntegrationName is required"},
		{"too long", &cwlogs.GetIntegrationInput{IntegrationName: strings.Repeat("a", 51)}, "IntegrationName is 51 characters long, want at most 50"},
		{"space", &cwlogs.GetIntegrationInput{IntegrationName: "bad name"}, `IntegrationName has ' ' at byte 3, want only letters, digits and . - _ / #`},
		{"non-ASCII", &cwlogs.GetIntegrationInput{IntegrationName: "café"}, `has 'é' at byte 3`},
		{"invalid UTF-8", &cwlogs.GetIntegrationInput{IntegrationName: "a\xff"}, `has '�' at byte 1`},
		{"long non-ASCII", &cwlogs.GetIntegrationInput{IntegrationName: strings.Repeat("é", 51)}, "is 51 characters long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, srv := newKitClient(t)
			_, err := client.GetIntegration(context.Background(), tt.input)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			var inErr *cwlogs.InvalidInputError
			if !errors.As(err, &inErr) || inErr.Field != "IntegrationName" || !errors.Is(err, cwlogs.ErrInvalidParameter) {
				t.Errorf("error %v is not an InvalidInputError on IntegrationName matching ErrInvalidParameter", err)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("server saw %d requests, want none", n)
			}
		})
	}
	t.Run("longest and every allowed character", func(t *testing.T) {
		client, srv := newKitClient(t)
		name := "Az09.-_/#" + strings.Repeat("x", 41)
		_, err := get(context.Background(), client, name)
		if !errors.Is(err, cwlogs.ErrResourceNotFound) || len(srv.Requests()) != 1 {
			t.Fatalf("error = %v, want the server's ResourceNotFoundException", err)
		}
	})
}
