package cwlogs_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// TestOutcomeOfAssociateSource checks, through the stateful test kit, that
// an association is never sent again blindly after an attempt that may
// have made it: the sources are listed first, and the association made is
// found, or it is sent again only when none is listed.
func TestOutcomeOfAssociateSource(t *testing.T) {
	t.Parallel()
	const (
		Associate = cwlogstest.AssociateSourceToS3TableIntegration
		List      = cwlogstest.ListSourcesForS3TableIntegration
	)
	type counts = map[cwlogstest.Operation]int
	in := &cwlogs.AssociateSourceToS3TableIntegrationInput{IntegrationArn: cwlogstest.S3TableIntegrationArn,
		DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}}
	tests := []struct {
		name   string
		faults func(srv *cwlogstest.Server)
		// wantConfirmed: a success confirmed by the listing; else
		// wantUnknown: an unknown outcome; else a success.
		wantConfirmed bool
		wantUnknown   bool
		wantAttempts  int
		wantCounts    counts
	}{
		{
			name:          "broken after the association was made: found, not sent again",
			faults:        func(srv *cwlogstest.Server) { srv.BreakNext(Associate, 1) },
			wantConfirmed: true, wantAttempts: 1,
			wantCounts: counts{Associate: 1, List: 1},
		},
		{
			name:          "every attempt broken: found after the first",
			faults:        func(srv *cwlogstest.Server) { srv.BreakNext(Associate, 3) },
			wantConfirmed: true, wantAttempts: 1,
			wantCounts: counts{Associate: 1, List: 1},
		},
		{
			name:         "a 500 that made nothing: none listed, sent again",
			faults:       func(srv *cwlogstest.Server) { srv.FailNext(Associate, 1, 500, "InternalServerException", "") },
			wantAttempts: 2,
			wantCounts:   counts{Associate: 2, List: 1},
		},
		{
			name: "broken, the listing denied: unknown, not sent again",
			faults: func(srv *cwlogstest.Server) {
				srv.BreakNext(Associate, 1)
				srv.FailNext(List, 1, 400, "AccessDeniedException", "no logs:ListSourcesForS3TableIntegration")
			},
			wantUnknown: true,
			wantCounts:  counts{Associate: 1, List: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := cwlogstest.NewServer()
			t.Cleanup(srv.Close)
			tt.faults(srv)
			client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.RetryPolicy = fastRetry })
			if err != nil {
				t.Fatal(err)
			}
			out, err := client.AssociateSourceToS3TableIntegration(context.Background(), in)
			sources := srv.S3TableSources(cwlogstest.S3TableIntegrationArn)
			if len(sources) != 1 {
				t.Fatalf("the kit holds %d sources, want the one association", len(sources))
			}
			if tt.wantUnknown {
				checkUnknown(t, err, "AssociateSourceToS3TableIntegration", "association", nil,
					"AccessDeniedException: no logs:ListSourcesForS3TableIntegration")
			} else {
				if err != nil {
					t.Fatalf("AssociateSourceToS3TableIntegration: %v, want a success", err)
				}
				if out.Identifier != sources[0].Identifier || out.ResultMetadata.Confirmed != tt.wantConfirmed ||
					out.ResultMetadata.Attempts != tt.wantAttempts {
					t.Errorf("output %+v, want identifier %s, Confirmed %v after %d attempts",
						out, sources[0].Identifier, tt.wantConfirmed, tt.wantAttempts)
				}
			}
			got := counts{}
			for _, r := range srv.Requests() {
				got[r.Operation]++
			}
			if diff := cmp.Diff(tt.wantCounts, got); diff != "" {
				t.Errorf("requests by operation mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOutcomeOfDisassociateSource checks, through the stateful test kit,
// that a disassociation whose attempt was broken after it took effect is
// confirmed by the retry's ResourceNotFoundException.
func TestOutcomeOfDisassociateSource(t *testing.T) {
	t.Parallel()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.RetryPolicy = fastRetry })
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	made, err := client.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{
		IntegrationArn: cwlogstest.S3TableIntegrationArn, DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}})
	if err != nil {
		t.Fatal(err)
	}
	srv.BreakNext(cwlogstest.DisassociateSourceFromS3TableIntegration, 1)
	out, err := client.DisassociateSourceFromS3TableIntegration(ctx,
		&cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: made.Identifier})
	if err != nil {
		t.Fatalf("DisassociateSourceFromS3TableIntegration: %v, want a confirmed success", err)
	}
	want := &cwlogs.DisassociateSourceFromS3TableIntegrationOutput{Identifier: made.Identifier,
		ResultMetadata: cwlogs.ResponseMetadata{RequestID: kitRequestID(3), StatusCode: 400, Attempts: 2, Confirmed: true}}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("output mismatch (-want +got):\n%s", diff)
	}
}
