package cwlogstest_test

import (
	"context"
	"strings"
	"testing"
	"time"

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

// TestServerCloseAnswersNoHeldRequest closes the server while a
// DeleteIntegration is held by Hang or SetLatency: the call must fail (the
// request was not processed), never see a 200 that it takes for a
// success.
func TestServerCloseAnswersNoHeldRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		hold func(*cwlogstest.Server)
	}{
		{"hang", func(srv *cwlogstest.Server) { srv.Hang("x") }},
		{"latency", func(srv *cwlogstest.Server) { srv.SetLatency("x", time.Hour) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := cwlogstest.NewServer()
			defer srv.Close()
			client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.AttemptTimeout = -1; o.RetryMaxAttempts = 1 })
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if _, err := client.PutIntegration(ctx, putInput("x")); err != nil {
				t.Fatal(err)
			}
			tt.hold(srv)
			errs := make(chan error, 1)
			go func() {
				_, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
				errs <- err
			}()
			for len(srv.Requests()) < 2 {
				time.Sleep(time.Millisecond)
			}
			srv.Close()
			select {
			case err := <-errs:
				if err == nil {
					t.Error("DeleteIntegration held until Close: success, want an error (the kit did not process it)")
				}
			case <-time.After(10 * time.Second):
				t.Fatal("DeleteIntegration held until Close did not return")
			}
		})
	}
}

// TestServerBreakNextAfterQueued sets both an error to answer and a broken
// connection for PutIntegration: the error is answered first, as set, and
// the break applies to the next request, which is processed (BreakNext:
// "the client sees a connection error after the request took effect").
func TestServerBreakNextAfterQueued(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.RetryMaxAttempts = 1; o.Clock = func() time.Time { return serverNow } })
	if err != nil {
		t.Fatal(err)
	}
	srv.FailNext(cwlogstest.PutIntegration, 1, 503, "ServiceUnavailableException", "try later")
	srv.BreakNext(cwlogstest.PutIntegration, 1)
	ctx := context.Background()
	_, err = client.PutIntegration(ctx, putInput("x"))
	if got := apiCode(err); got != "ServiceUnavailableException" {
		t.Errorf("first PutIntegration: %v, want the ServiceUnavailableException set by FailNext", err)
	}
	if names := listNames(t, srv); strings.Contains(names, `"x"`) {
		t.Errorf("after the first PutIntegration, list = %s, want nothing created", names)
	}
	if _, err = client.PutIntegration(ctx, putInput("x")); err == nil || apiCode(err) != "" {
		t.Errorf("second PutIntegration: %v, want a connection error", err)
	}
	if names := listNames(t, srv); !strings.Contains(names, `"x"`) {
		t.Errorf("after the broken PutIntegration, list = %s, want x created", names)
	}
}

// TestOutputResponseNil gives OutputResponse a nil output: an error, not a
// panic.
func TestOutputResponseNil(t *testing.T) {
	t.Parallel()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("OutputResponse(nil) panicked: %v", r)
		}
	}()
	if _, err := cwlogstest.OutputResponse(nil); err == nil || !strings.HasPrefix(err.Error(), "cwlogstest: ") {
		t.Errorf("OutputResponse(nil): error %v, want one prefixed cwlogstest: ", err)
	}
}

// TestAmbiguousCallsConfirmed breaks the connection after the kit created
// or deleted the integration: the client's retry meets the integration
// the first attempt made (LimitExceededException) or finds it gone
// (ResourceNotFoundException). Issue 10: the call must succeed, confirmed
// with GetIntegration, not fail for a change that took effect.
func TestAmbiguousCallsConfirmed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := newServer(t)
	client := newClient(t, srv)
	srv.BreakNext(cwlogstest.PutIntegration, 1)
	out, err := client.PutIntegration(ctx, putInput("x"))
	if err != nil {
		t.Fatalf("PutIntegration whose first attempt created x and broke: %v, want a confirmed success", err)
	}
	if out.IntegrationName != "x" || !out.ResultMetadata.Confirmed {
		t.Errorf("PutIntegration output names %q, Confirmed %v; want x, confirmed", out.IntegrationName, out.ResultMetadata.Confirmed)
	}
	srv.BreakNext(cwlogstest.DeleteIntegration, 1)
	del, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
	if err != nil {
		t.Fatalf("DeleteIntegration whose first attempt deleted x and broke: %v, want a confirmed success", err)
	}
	if !del.ResultMetadata.Confirmed {
		t.Errorf("DeleteIntegration: Confirmed false, want true")
	}
}
