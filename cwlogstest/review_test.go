package cwlogstest_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// TestLifecycleFailWithoutMessage makes an integration fail with a
// resource named in Lifecycle.Fail without a message: the resource is in
// ERROR all the same, so that a FAILED integration always has its cause.
func TestLifecycleFailWithoutMessage(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	client := newClient(t, srv)
	ctx := context.Background()
	err := srv.SetLifecycle("x", cwlogstest.Lifecycle{Fail: map[cwlogs.ResourceKind]string{cwlogs.ResourceKindCollection: ""}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.PutIntegration(ctx, putInput("x")); err != nil {
		t.Fatal(err)
	}
	out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"})
	if err != nil {
		t.Fatal(err)
	}
	if out.IntegrationStatus != cwlogs.IntegrationStatusFailed {
		t.Fatalf("status %s, want FAILED", out.IntegrationStatus)
	}
	want := []cwlogs.ResourceHealth{{Kind: cwlogs.ResourceKindCollection, Status: cwlogs.OpenSearchResourceStatusTypeError, Reported: true}}
	got := out.Problems()
	for i := range got {
		got[i].ID = "" // derived from the name
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems of a FAILED integration (-want +got):\n%s", diff)
	}
}
