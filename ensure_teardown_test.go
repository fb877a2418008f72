package cwlogs_test

// The tests of TeardownIntegration against the kit and against the fake
// of ensure_test.go.

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// TestTeardownIntegrationWithKit runs TeardownIntegration against the
// kit's stateful server.
func TestTeardownIntegrationWithKit(t *testing.T) {
	t.Parallel()
	const (
		Get    = "GetIntegration"
		Delete = "DeleteIntegration"
	)
	tests := []struct {
		name  string
		setup func(t *testing.T, srv *cwlogstest.Server, client *cwlogs.Client)
		in    *cwlogs.DeleteIntegrationInput
		opts  func(*cwlogs.TeardownIntegrationOptions)

		wantOps     []string
		wantDeleted bool
		wantFound   bool
		wantIs      error
	}{
		{name: "absent: success", in: &cwlogs.DeleteIntegrationInput{IntegrationName: "gone"},
			wantOps: []string{Get}},
		{name: "present: deleted, then gone", setup: seedActive("there", ""), in: &cwlogs.DeleteIntegrationInput{IntegrationName: "there"},
			wantOps: []string{Get, Delete, Get}, wantDeleted: true, wantFound: true},
		{name: "without waiting", setup: seedActive("there", ""), in: &cwlogs.DeleteIntegrationInput{IntegrationName: "there"},
			opts: func(o *cwlogs.TeardownIntegrationOptions) { o.NoWait = true }, wantOps: []string{Get, Delete}, wantDeleted: true, wantFound: true},
		{name: "dashboards without force: refused", setup: func(t *testing.T, srv *cwlogstest.Server, c *cwlogs.Client) {
			seedActive("there", "")(t, srv, c)
			srv.SetDashboards("there", true)
		}, in: &cwlogs.DeleteIntegrationInput{IntegrationName: "there"},
			wantOps: []string{Get, Delete}, wantFound: true, wantIs: cwlogs.ErrValidation},
		{name: "dashboards with force", setup: func(t *testing.T, srv *cwlogstest.Server, c *cwlogs.Client) {
			seedActive("there", "")(t, srv, c)
			srv.SetDashboards("there", true)
		}, in: &cwlogs.DeleteIntegrationInput{IntegrationName: "there", Force: true},
			wantOps: []string{Get, Delete, Get}, wantDeleted: true, wantFound: true},
		{name: "the delete's attempt broken: the client confirms it", setup: func(t *testing.T, srv *cwlogstest.Server, c *cwlogs.Client) {
			seedActive("there", "")(t, srv, c)
			srv.BreakNext(cwlogstest.DeleteIntegration, 1)
		}, in: &cwlogs.DeleteIntegrationInput{IntegrationName: "there"},
			wantOps: []string{Get, Delete, Delete, Get}, wantDeleted: true, wantFound: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, srv := newBareKitClient(t)
			if tt.setup != nil {
				tt.setup(t, srv, client)
			}
			from := len(srv.Requests())
			res, err := cwlogs.TeardownIntegration(context.Background(), client, tt.in, fastTeardown, func(o *cwlogs.TeardownIntegrationOptions) {
				if tt.opts != nil {
					tt.opts(o)
				}
			})
			if diff := cmp.Diff(tt.wantOps, operations(srv, from)); diff != "" {
				t.Errorf("requests mismatch (-want +got):\n%s", diff)
			}
			if tt.wantIs != nil {
				if !errors.Is(err, tt.wantIs) {
					t.Errorf("err = %v, want one matching %v", err, tt.wantIs)
				}
			} else if err != nil {
				t.Fatalf("err = %v", err)
			}
			if res == nil {
				t.Fatal("no result")
			}
			if res.Deleted != tt.wantDeleted || (res.Integration != nil) != tt.wantFound {
				t.Errorf("Deleted %v, Integration %v; want %v, found %v", res.Deleted, res.Integration, tt.wantDeleted, tt.wantFound)
			}
		})
	}
}

// TestTeardownIntegrationUnknownDelete checks what TeardownIntegration
// makes of a delete whose outcome the client could not learn.
func TestTeardownIntegrationUnknownDelete(t *testing.T) {
	t.Parallel()
	active := fakeState(cwlogs.IntegrationStatusActive, cwlogs.IntegrationTypeOpenSearch, "")
	deleted := fakeAnswer{out: &cwlogs.DeleteIntegrationOutput{}}
	tests := []struct {
		name      string
		answers   map[string][]fakeAnswer
		wantCalls []string
		wantErr   string // a part of the error, which matches ErrOutcomeUnknown
	}{
		{"read back absent: deleted", map[string][]fakeAnswer{"Get": {active, fakeNotFound}, "Delete": {fakeUnknown}},
			[]string{"Get", "Delete", "Get"}, ""},
		{"still there: deleted once more", map[string][]fakeAnswer{"Get": {active, active}, "Delete": {fakeUnknown, deleted}},
			[]string{"Get", "Delete", "Get", "Delete"}, ""},
		{"still there after two: unknown", map[string][]fakeAnswer{"Get": {active, active, active}, "Delete": {fakeUnknown, fakeUnknown}},
			[]string{"Get", "Delete", "Get", "Delete", "Get"}, "(reading it back: the integration is still there)"},
		{"the read fails: unknown", map[string][]fakeAnswer{"Get": {active, fakeDenied}, "Delete": {fakeUnknown}},
			[]string{"Get", "Delete", "Get"}, "(reading it back: GetIntegration: AccessDeniedException: no (status 400))"},
		{"gone when deleted once more", map[string][]fakeAnswer{"Get": {active, active}, "Delete": {fakeUnknown, fakeNotFound}},
			[]string{"Get", "Delete", "Get", "Delete"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &fakeIntegrations{t: t, answers: tt.answers}
			res, err := cwlogs.TeardownIntegration(context.Background(), f, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"},
				func(o *cwlogs.TeardownIntegrationOptions) { o.NoWait = true })
			if diff := cmp.Diff(tt.wantCalls, f.calls); diff != "" {
				t.Errorf("calls mismatch (-want +got):\n%s", diff)
			}
			if res == nil || res.Integration == nil {
				t.Fatalf("result %+v, want the integration found", res)
			}
			if tt.wantErr == "" {
				if err != nil || !res.Deleted {
					t.Errorf("err = %v, Deleted %v; want nil, true", err, res.Deleted)
				}
				return
			}
			if !errors.Is(err, cwlogs.ErrOutcomeUnknown) || !strings.Contains(err.Error(), tt.wantErr) || errors.Is(err, cwlogs.ErrAccessDenied) {
				t.Errorf("err = %v\nwant one matching ErrOutcomeUnknown alone, containing %s", err, tt.wantErr)
			}
			if res.Deleted {
				t.Error("Deleted is true for an unknown outcome")
			}
		})
	}
}
