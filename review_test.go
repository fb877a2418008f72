package cwlogs_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/cwlogs-go/cwlogs"
)

// TestIsRetryableCallerDeadline checks that an error the caller's own
// deadline caused is not reported retryable, as IsRetryable's doc says of
// "an ended context": another attempt cannot succeed in a context that has
// ended. (The client's own attempt timeout is ErrAttemptTimeout, which
// stays retryable.)
func TestIsRetryableCallerDeadline(t *testing.T) {
	t.Skip("review finding: IsRetryable reports true for an error of the caller's ended deadline; fix pending in retry.go")
	t.Parallel()
	release := make(chan struct{})
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select { // hangs until the client gives up, or the test ends
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release) }) // before the server's Close
	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	tests := []struct {
		name string
		ctx  func() (context.Context, context.CancelFunc)
	}{
		{"expired before the call", func() (context.Context, context.CancelFunc) { return expired, func() {} }},
		{"deadline during the attempt", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := tt.ctx()
			defer cancel()
			_, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"})
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err = %v, want context.DeadlineExceeded", err)
			}
			if cwlogs.IsRetryable(err) {
				t.Errorf("IsRetryable(%v) = true, want false", err)
			}
		})
	}
}

// TestUnknownMemberNameNotUTF8 checks that an unknown union member whose
// name is not valid UTF-8 is refused, before any request: encoding/json
// would write its name with U+FFFD in place of the bad bytes, so the
// service would get, and a decoder give back, another name than the
// caller's, silently.
func TestUnknownMemberNameNotUTF8(t *testing.T) {
	t.Skip("review finding: an unknown member name that is not UTF-8 is sent, and encoded, as another name; fix pending in validate.go (checkUnknownMember) and union.go (encodeIntegrationDetails)")
	t.Parallel()
	const name = "splunk\xffResourceConfig"
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request sent: %s", r.Header.Get("X-Amz-Target"))
	}))
	_, err := client.PutIntegration(context.Background(), &cwlogs.PutIntegrationInput{
		IntegrationName: "x", IntegrationType: "SPLUNK",
		ResourceConfig: &cwlogs.UnknownResourceConfig{Name: name, Value: []byte(`{}`)},
	})
	if !errors.Is(err, cwlogs.ErrInvalidParameter) {
		t.Errorf("PutIntegration: err = %v, want ErrInvalidParameter", err)
	}
	if raw, err := cwlogs.MarshalResourceConfig(&cwlogs.UnknownResourceConfig{Name: name, Value: []byte(`{}`)}); err == nil {
		t.Errorf("MarshalResourceConfig = %q, want an error", raw)
	}
	if raw, err := cwlogs.MarshalIntegrationDetails(&cwlogs.UnknownIntegrationDetails{Name: name, Value: []byte(`{}`)}); err == nil {
		t.Errorf("MarshalIntegrationDetails = %q, want an error", raw)
	}
}
