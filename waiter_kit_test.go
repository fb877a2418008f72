package cwlogs_test

import (
	"context"
	"errors"
	"io/fs"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// recordedResponse returns the recorded response of name, for Enqueue.
func recordedResponse(t *testing.T, name string) cwlogstest.Response {
	t.Helper()
	data, err := fs.ReadFile(cwlogstest.Recorded(), name+".http")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := cwlogstest.ParseResponse(data)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// pollText is what a poll saw: the status, or the error code of a poll
// that failed.
func pollText(p cwlogs.WaitPoll) string {
	var apiErr *cwlogs.APIError
	switch {
	case errors.As(p.Err, &apiErr):
		return apiErr.Code
	case p.Err != nil:
		return p.Err.Error()
	}
	return string(p.Output.IntegrationStatus)
}

// TestWaitersWithKit drives the waiters with a real client and the test
// kit's server, which answers with recorded responses.
func TestWaitersWithKit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		deleted bool     // the deleted waiter, else the active one
		queue   []string // recorded responses answered first, whatever the name
		wait    string   // the integration waited for
		grace   time.Duration

		wantPolls []string
		wantIs    error
		wantErr   string
	}{
		{name: "ACTIVE after provisioning and throttling", queue: []string{"provisioning", "throttling", "no-details"}, wait: "active",
			wantPolls: []string{"PROVISIONING", "ThrottlingException", "PROVISIONING", "ACTIVE"}},
		{name: "FAILED", queue: []string{"provisioning"}, wait: "failed",
			wantPolls: []string{"PROVISIONING", "FAILED"}, wantIs: cwlogs.ErrIntegrationFailed,
			wantErr: `cwlogs: integration "failed" FAILED: 7 resources not active; dataSource ERROR: Data source "cwl_failed_z7r2" could not be created: AccessDeniedException: role arn:aws:iam::123456789012:role/CWLOpenSearchRole is not authorized to perform aoss:APIAccessAll`},
		{name: "not found during the grace, then ACTIVE", queue: []string{"resource-not-found", "resource-not-found"}, wait: "active",
			wantPolls: []string{"ResourceNotFoundException", "ResourceNotFoundException", "ACTIVE"}},
		{name: "not found without grace", wait: "resource-not-found", grace: -1,
			wantPolls: []string{"ResourceNotFoundException"}, wantIs: cwlogs.ErrResourceNotFound},
		{name: "access denied ends at once", queue: []string{"provisioning", "access-denied"}, wait: "active",
			wantPolls: []string{"PROVISIONING", "AccessDeniedException"}, wantIs: cwlogs.ErrAccessDenied},
		{name: "deleted", deleted: true, queue: []string{"active", "service-unavailable", "failed"}, wait: "resource-not-found",
			wantPolls: []string{"ACTIVE", "ServiceUnavailableException", "FAILED", "ResourceNotFoundException"}},
		{name: "deletion denied", deleted: true, wait: "access-denied",
			wantPolls: []string{"AccessDeniedException"}, wantIs: cwlogs.ErrAccessDenied},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := cwlogstest.NewServer()
			t.Cleanup(srv.Close)
			if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
				t.Fatal(err)
			}
			for _, name := range tt.queue {
				srv.Enqueue(recordedResponse(t, name))
			}
			// The waiter polls again itself: the client does not retry.
			client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.RetryMaxAttempts = 1 })
			if err != nil {
				t.Fatal(err)
			}
			var seen []string
			in := &cwlogs.GetIntegrationInput{IntegrationName: tt.wait}
			// Polls every millisecond, recording what each one saw.
			onPoll := func(p cwlogs.WaitPoll) { seen = append(seen, pollText(p)) }
			const ms = time.Millisecond
			err = cwlogs.WaitWithin(t, func(ctx context.Context) error {
				if tt.deleted {
					return cwlogs.NewIntegrationDeletedWaiter(client, func(o *cwlogs.IntegrationDeletedWaiterOptions) {
						o.MinDelay, o.MaxDelay, o.OnPoll = ms, ms, onPoll
					}).Wait(ctx, in, time.Minute)
				}
				return cwlogs.NewIntegrationActiveWaiter(client, func(o *cwlogs.IntegrationActiveWaiterOptions) {
					o.MinDelay, o.MaxDelay, o.OnPoll, o.NotFoundGrace = ms, ms, onPoll, tt.grace
				}).Wait(ctx, in, time.Minute)
			})
			if diff := cmp.Diff(tt.wantPolls, seen); diff != "" {
				t.Errorf("polls mismatch (-want +got):\n%s", diff)
			}
			if got := len(srv.Requests()); got != len(tt.wantPolls) {
				t.Errorf("%d requests, want %d", got, len(tt.wantPolls))
			}
			if tt.wantIs == nil {
				if err != nil {
					t.Errorf("err = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, tt.wantIs) {
				t.Errorf("err = %v, want %v", err, tt.wantIs)
			}
			if tt.wantErr != "" && (err == nil || err.Error() != tt.wantErr) {
				t.Errorf("err = %v\nwant  %s", err, tt.wantErr)
			}
			if tt.wantIs != cwlogs.ErrIntegrationFailed {
				var apiErr *cwlogs.APIError
				if !errors.As(err, &apiErr) {
					t.Errorf("errors.As(err, *APIError) = false; err: %v", err)
				}
			}
		})
	}
}
