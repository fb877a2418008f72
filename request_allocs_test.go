package cwlogs_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"testing"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
	"github.com/cwlogs-go/cwlogs/internal/floor"
)

// memoryTransport answers every request in memory with the same recorded
// response, as compat's benchmarks do: it reads the request's body, and
// gives each answer a header map and a body reader of its own.
type memoryTransport struct{ resp cwlogstest.Response }

func (t memoryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	_, _ = io.ReadAll(req.Body)
	_ = req.Body.Close()
	h := make(http.Header, len(t.resp.Header)+1)
	for k, v := range t.resp.Header {
		h[k] = append([]string(nil), v...)
	}
	h["Content-Length"] = []string{strconv.Itoa(len(t.resp.Body))}
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK",
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(t.resp.Body)),
		ContentLength: int64(len(t.resp.Body)),
		Request:       req,
	}, nil
}

// maxAllocsOfOfficial is the allocation budget: a call makes at most this
// share of the official client's allocations for the same call.
const maxAllocsOfOfficial = 0.27

// TestCallAllocations checks the allocation budget of one call of each
// operation: at most 0.27 of the official client's allocations. The
// official client cannot be imported here. The test compares the library
// with a plain call instead (package floor: net/http, aws/signer/v4 and
// encoding/json into plain structs). Both are measured in the same run,
// over the same in-memory transport, signed, with retries off and the
// library's other defaults (its attempt timeout included).
//
// The bound comes from compat, whose in-memory transport this test's
// copies. There the official client makes O allocations a call
// (compat/BENCHMARKS.md) and the plain call P (BenchmarkInMemory/OP/floor,
// measured with testing.AllocsPerRun in the same compat run), so
//
//	library / official <= 0.27  is  library / plain <= 0.27 × O / P
//
// A change to net/http or the signer moves the plain call and the library
// alike: the test guards the share the library adds, not one count.
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
	plainPut := &floor.PutIntegrationInput{IntegrationName: put.IntegrationName, IntegrationType: string(put.IntegrationType)}
	plainPut.ResourceConfig.OpenSearchResourceConfig = floor.OpenSearchResourceConfig(*fullConfig)
	// The S3 Table integration source calls of compat's benchmarks: an
	// association with a type, a disassociation, a page of 100 at most.
	const s3ARN = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"
	const sourceID = "6f1c2a9e-4b7d-4e30-9a85-2d1f0c7e5b43"
	associate := &cwlogs.AssociateSourceToS3TableIntegrationInput{IntegrationArn: s3ARN, DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}}
	plainAssociate := &floor.AssociateSourceToS3TableIntegrationInput{IntegrationArn: s3ARN, DataSource: floor.DataSource(associate.DataSource)}
	tests := []struct {
		op       cwlogstest.Operation
		response string
		call     func(ctx context.Context, c *cwlogs.Client) error
		// plainCall makes the same call with the plain client, into an
		// output of its own, as a real call returns.
		plainCall func(ctx context.Context, p *floor.Client) error
		// official and plain are the allocations of a call of the
		// official client and of the plain call, measured together by
		// compat on its in-memory transport.
		official, plain float64
	}{
		{cwlogstest.GetIntegration, cwlogstest.Active, func(ctx context.Context, c *cwlogs.Client) error {
			_, err := c.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "active"})
			return err
		}, func(ctx context.Context, p *floor.Client) error {
			return p.Call(ctx, "GetIntegration", &floor.GetIntegrationInput{IntegrationName: "active"}, &floor.GetIntegrationOutput{})
		}, 359, 129},
		{cwlogstest.PutIntegration, cwlogstest.Success, func(ctx context.Context, c *cwlogs.Client) error {
			_, err := c.PutIntegration(ctx, put)
			return err
		}, func(ctx context.Context, p *floor.Client) error {
			return p.Call(ctx, "PutIntegration", plainPut, &floor.PutIntegrationOutput{})
		}, 300, 88},
		{cwlogstest.ListIntegrations, cwlogstest.Success, func(ctx context.Context, c *cwlogs.Client) error {
			_, err := c.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{})
			return err
		}, func(ctx context.Context, p *floor.Client) error {
			return p.Call(ctx, "ListIntegrations", &floor.ListIntegrationsInput{}, &floor.ListIntegrationsOutput{})
		}, 299, 90},
		{cwlogstest.DeleteIntegration, cwlogstest.Success, func(ctx context.Context, c *cwlogs.Client) error {
			_, err := c.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "cwl-opensearch", Force: true})
			return err
		}, func(ctx context.Context, p *floor.Client) error {
			return p.Call(ctx, "DeleteIntegration", &floor.DeleteIntegrationInput{IntegrationName: "cwl-opensearch", Force: true}, nil)
		}, 288, 79},
		{cwlogstest.AssociateSourceToS3TableIntegration, cwlogstest.Success, func(ctx context.Context, c *cwlogs.Client) error {
			_, err := c.AssociateSourceToS3TableIntegration(ctx, associate)
			return err
		}, func(ctx context.Context, p *floor.Client) error {
			return p.Call(ctx, "AssociateSourceToS3TableIntegration", plainAssociate, &floor.SourceIdentifier{})
		}, 295, 86},
		{cwlogstest.DisassociateSourceFromS3TableIntegration, cwlogstest.Success, func(ctx context.Context, c *cwlogs.Client) error {
			_, err := c.DisassociateSourceFromS3TableIntegration(ctx, &cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: sourceID})
			return err
		}, func(ctx context.Context, p *floor.Client) error {
			return p.Call(ctx, "DisassociateSourceFromS3TableIntegration", &floor.SourceIdentifier{Identifier: sourceID}, &floor.SourceIdentifier{})
		}, 294, 85},
		{cwlogstest.ListSourcesForS3TableIntegration, cwlogstest.Success, func(ctx context.Context, c *cwlogs.Client) error {
			_, err := c.ListSourcesForS3TableIntegration(ctx, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3ARN, MaxResults: 100})
			return err
		}, func(ctx context.Context, p *floor.Client) error {
			return p.Call(ctx, "ListSourcesForS3TableIntegration", &floor.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3ARN, MaxResults: 100},
				&floor.ListSourcesForS3TableIntegrationOutput{})
		}, 319, 101},
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
			p := floor.New(&http.Client{Transport: memoryTransport{resp}}, "https://logs."+cwlogstest.Region+".amazonaws.com/",
				cwlogstest.Region, cwlogstest.Credentials())
			ctx := context.Background()
			var callErr error
			library := testing.AllocsPerRun(100, func() {
				if err := tt.call(ctx, c); err != nil {
					callErr = err
				}
			})
			plain := testing.AllocsPerRun(100, func() {
				if err := tt.plainCall(ctx, p); err != nil {
					callErr = err
				}
			})
			if callErr != nil {
				t.Fatalf("%s: %v", tt.op, callErr)
			}
			bound := maxAllocsOfOfficial * tt.official / tt.plain
			t.Logf("%s: %v allocations a call, the plain call %v: %.3f of it, at most %.3f", tt.op, library, plain, library/plain, bound)
			if library/plain > bound {
				t.Errorf("%s makes %v allocations a call, %.3f of the plain call's %v, want at most %.3f (%v × %v official / %v plain in compat)",
					tt.op, library, library/plain, plain, bound, maxAllocsOfOfficial, tt.official, tt.plain)
			}
		})
	}
}
