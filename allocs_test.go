package cwlogs_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// memoryTransport answers every request in memory with the same recorded
// response, each time with a response and a body reader of its own, after
// reading the request's body as a real transport does. Its header map is
// shared: the client only reads it.
type memoryTransport struct{ resp cwlogstest.Response }

func (t memoryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	_, _ = io.Copy(io.Discard, req.Body)
	_ = req.Body.Close()
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK",
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        t.resp.Header,
		Body:          io.NopCloser(bytes.NewReader(t.resp.Body)),
		ContentLength: int64(len(t.resp.Body)),
		Request:       req,
	}, nil
}

// TestCallAllocations pins the allocations of one call of each operation
// over an in-memory transport, signed, with the client's defaults (its
// attempt timeout included) and retries off, answered with the recorded
// success: a call that allocates more fails, and its bound is lowered when
// a change allocates less. The bounds include the transport's response
// (2 allocations) and net/http's client. compat's BenchmarkInMemory
// compares the same calls with the official client.
func TestCallAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	fullConfig := &cwlogs.OpenSearchResourceConfig{
		DataSourceRoleArn:         roleARN,
		DashboardViewerPrincipals: []string{viewerARN, viewerARN},
		RetentionDays:             30,
		KmsKeyArn:                 "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		ApplicationArn:            "arn:aws:opensearch:us-east-1:123456789012:application/app",
	}
	put := &cwlogs.PutIntegrationInput{IntegrationName: "cwl-opensearch", IntegrationType: cwlogs.IntegrationTypeOpenSearch, ResourceConfig: fullConfig}
	tests := []struct {
		op       cwlogstest.Operation
		response string
		call     func(ctx context.Context, c *cwlogs.Client) error
		// max is the measured count: the most allocations a call may make.
		max float64
	}{
		{cwlogstest.GetIntegration, cwlogstest.Active, func(ctx context.Context, c *cwlogs.Client) error {
			_, err := c.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "active"})
			return err
		}, 63},
		{cwlogstest.PutIntegration, cwlogstest.Success, func(ctx context.Context, c *cwlogs.Client) error {
			_, err := c.PutIntegration(ctx, put)
			return err
		}, 64},
		{cwlogstest.ListIntegrations, cwlogstest.Success, func(ctx context.Context, c *cwlogs.Client) error {
			_, err := c.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{})
			return err
		}, 63},
		{cwlogstest.DeleteIntegration, cwlogstest.Success, func(ctx context.Context, c *cwlogs.Client) error {
			_, err := c.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "cwl-opensearch", Force: true})
			return err
		}, 64},
	}
	for _, tt := range tests {
		t.Run(string(tt.op), func(t *testing.T) {
			resp, err := cwlogstest.RecordedResponse(tt.op, tt.response)
			if err != nil {
				t.Fatal(err)
			}
			c, err := cwlogs.New(cwlogs.Options{
				Region:           cwlogstest.Region,
				Credentials:      cwlogstest.Credentials(),
				HTTPClient:       &http.Client{Transport: memoryTransport{resp}},
				RetryMaxAttempts: 1,
			})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			var callErr error
			got := testing.AllocsPerRun(100, func() {
				if err := tt.call(ctx, c); err != nil {
					callErr = err
				}
			})
			if callErr != nil {
				t.Fatalf("%s: %v", tt.op, callErr)
			}
			t.Logf("%s: %v allocations a call", tt.op, got)
			if got > tt.max {
				t.Errorf("%s makes %v allocations a call, want at most %v", tt.op, got, tt.max)
			}
		})
	}
}
