package floor_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/cwlogs-go/cwlogs/cwlogstest"
	"github.com/cwlogs-go/cwlogs/internal/floor"
)

// TestFloorRequestIsAccepted checks that the floor does the work a real
// call needs: the kit's server verifies its signature and serves it.
func TestFloorRequestIsAccepted(t *testing.T) {
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
		t.Fatal(err)
	}
	f := floor.New(&http.Client{}, srv.URL, cwlogstest.Region, cwlogstest.Credentials())
	var out floor.GetIntegrationOutput
	if err := f.Call(context.Background(), "GetIntegration", &floor.GetIntegrationInput{IntegrationName: cwlogstest.Active}, &out); err != nil {
		t.Fatal(err)
	}
	if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Rejected != "" {
		t.Errorf("server requests = %+v, want one accepted", reqs)
	}
	if out.IntegrationDetails.OpenSearchIntegrationDetails == nil || out.IntegrationDetails.OpenSearchIntegrationDetails.LifecyclePolicy == nil {
		t.Errorf("floor output = %+v, want the details decoded", out)
	}
}

// TestFloorErrorStatus checks that an answer that is not 200 is an error.
func TestFloorErrorStatus(t *testing.T) {
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	f := floor.New(&http.Client{}, srv.URL, cwlogstest.Region, cwlogstest.Credentials())
	err := f.Call(context.Background(), "GetIntegration", &floor.GetIntegrationInput{IntegrationName: "absent"}, &floor.GetIntegrationOutput{})
	if err == nil {
		t.Fatal("GetIntegration of an absent integration: no error")
	}
}
