package cwlogs

// The tests of TeardownS3TableIntegrationSource against the fake of
// ensuresource_internal_test.go.

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestTeardownS3TableIntegrationSource runs
// TeardownS3TableIntegrationSource against a fake integration.
func TestTeardownS3TableIntegrationSource(t *testing.T) {
	t.Parallel()
	there := eksSource("there", "audit", "ACTIVE")
	tests := []struct {
		name     string
		existing []S3TableIntegrationSource
		fake     func(f *fakeSources)
		noWait   bool
		maxWait  time.Duration

		wantCalls []string
		wantPolls []string
		want      *TeardownS3TableIntegrationSourceResult
		wantIs    []error
		wantNot   []error
		wantErr   string
	}{
		{
			name:      "absent: success",
			existing:  []S3TableIntegrationSource{eksSource("other", "", "ACTIVE"), eksSource("OTHER", "AUDIT", "ACTIVE")},
			wantCalls: []string{"List"},
			want:      &TeardownS3TableIntegrationSourceResult{},
		},
		{
			name:      "present: disassociated, then gone",
			existing:  []S3TableIntegrationSource{eksSource("other", "", "ACTIVE"), there},
			fake:      func(f *fakeSources) { f.deleteAfter = 1 },
			wantCalls: []string{"List", "Disassociate", "List", "List"},
			wantPolls: []string{"DATA_SOURCE_DELETE_IN_PROGRESS", "not listed"},
			want:      &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there}, Disassociated: []string{"there"}},
		},
		{
			name:      "without waiting",
			existing:  []S3TableIntegrationSource{there},
			noWait:    true,
			wantCalls: []string{"List", "Disassociate"},
			want:      &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there}, Disassociated: []string{"there"}},
		},
		{
			name:      "FAILED: disassociated too",
			existing:  []S3TableIntegrationSource{eksSource("bad", "audit", "FAILED")},
			wantCalls: []string{"List", "Disassociate", "List"},
			wantPolls: []string{"not listed"},
			want: &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{eksSource("bad", "audit", "FAILED")},
				Disassociated: []string{"bad"}},
		},
		{
			name:      "already being removed: only waited for",
			existing:  []S3TableIntegrationSource{eksSource("old", "audit", "DATA_SOURCE_DELETE_IN_PROGRESS"), eksSource("gone", "audit", "DELETING")},
			fake:      func(f *fakeSources) { f.deleteAfter = 2 },
			wantCalls: []string{"List", "List", "List", "List"},
			wantPolls: []string{"DATA_SOURCE_DELETE_IN_PROGRESS", "not listed", "not listed"},
			want: &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{eksSource("old", "audit", "DATA_SOURCE_DELETE_IN_PROGRESS"),
				eksSource("gone", "audit", "DELETING")}},
		},
		{
			name:      "two sources: both disassociated, both waited for",
			existing:  []S3TableIntegrationSource{there, eksSource("again", "audit", "UNHEALTHY")},
			fake:      func(f *fakeSources) { f.deleteAfter = 1 },
			wantCalls: []string{"List", "Disassociate", "Disassociate", "List", "List", "List"},
			wantPolls: []string{"DATA_SOURCE_DELETE_IN_PROGRESS", "not listed", "not listed"},
			want: &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there, eksSource("again", "audit", "UNHEALTHY")},
				Disassociated: []string{"there", "again"}},
		},
		{
			name:      "unknown disassociation that took effect",
			existing:  []S3TableIntegrationSource{there},
			fake:      func(f *fakeSources) { f.disassoc, f.deleteAfter = []error{errApplied}, 1 },
			wantCalls: []string{"List", "Disassociate", "List", "List"},
			wantPolls: []string{"not listed"},
			want:      &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there}, Disassociated: []string{"there"}},
		},
		{
			name:      "unknown disassociation that did not: made once more",
			existing:  []S3TableIntegrationSource{there},
			fake:      func(f *fakeSources) { f.disassoc = []error{errNotApplied} },
			wantCalls: []string{"List", "Disassociate", "List", "Disassociate", "List"},
			wantPolls: []string{"not listed"},
			want:      &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there}, Disassociated: []string{"there"}},
		},
		{
			name:      "unknown twice: unknown",
			existing:  []S3TableIntegrationSource{there},
			fake:      func(f *fakeSources) { f.disassoc = []error{errNotApplied, errNotApplied} },
			wantCalls: []string{"List", "Disassociate", "List", "Disassociate", "List"},
			want:      &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there}},
			wantIs:    []error{ErrOutcomeUnknown},
			wantErr:   `cwlogs: TeardownS3TableIntegrationSource: the disassociation of source "there" may or may not have happened (reading it back: the source is still there): cwlogs: call: cwlogs: outcome unknown: connection reset`,
		},
		{
			name:      "unknown, and the listing fails: unknown, not the listing's error",
			existing:  []S3TableIntegrationSource{there},
			fake:      func(f *fakeSources) { f.disassoc, f.lists = []error{errNotApplied}, []error{nil, errDenied} },
			wantCalls: []string{"List", "Disassociate", "List"},
			want:      &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there}},
			wantIs:    []error{ErrOutcomeUnknown},
			wantNot:   []error{ErrAccessDenied},
		},
		{
			name:      "not found: gone",
			existing:  []S3TableIntegrationSource{there},
			fake:      func(f *fakeSources) { f.disassoc = []error{errGone} },
			wantCalls: []string{"List", "Disassociate", "List"},
			wantPolls: []string{"not listed"},
			want:      &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there}, Disassociated: []string{"there"}},
		},
		{
			name:      "refused: the error as it is",
			existing:  []S3TableIntegrationSource{there},
			fake:      func(f *fakeSources) { f.disassoc = []error{&APIError{Code: "AccessDeniedException"}} },
			wantCalls: []string{"List", "Disassociate"},
			want:      &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there}},
			wantIs:    []error{ErrAccessDenied},
		},
		{
			name:      "the lookup fails: its error",
			fake:      func(f *fakeSources) { f.lists = []error{errDenied} },
			wantCalls: []string{"List"},
			wantIs:    []error{ErrAccessDenied},
		},
		{
			name:      "never gone within MaxWait",
			existing:  []S3TableIntegrationSource{there},
			fake:      func(f *fakeSources) { f.deleteAfter = 100 },
			maxWait:   3 * time.Second,
			wantCalls: []string{"List", "Disassociate", "List", "List", "List"},
			wantPolls: slices.Repeat([]string{"DATA_SOURCE_DELETE_IN_PROGRESS"}, 3),
			want:      &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there}, Disassociated: []string{"there"}},
			wantIs:    []error{ErrWaitTimeout},
		},
		{
			name:      "never gone within a MaxWait above the default",
			existing:  []S3TableIntegrationSource{there},
			fake:      func(f *fakeSources) { f.deleteAfter = 1000 },
			maxWait:   7 * time.Minute,
			wantCalls: slices.Concat([]string{"List", "Disassociate"}, slices.Repeat([]string{"List"}, 420)),
			wantPolls: slices.Repeat([]string{"DATA_SOURCE_DELETE_IN_PROGRESS"}, 420),
			want:      &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there}, Disassociated: []string{"there"}},
			wantIs:    []error{ErrWaitTimeout},
		},
		{
			name:      "never gone within the default MaxWait: 5 minutes",
			existing:  []S3TableIntegrationSource{there},
			fake:      func(f *fakeSources) { f.deleteAfter = 1000 },
			wantCalls: slices.Concat([]string{"List", "Disassociate"}, slices.Repeat([]string{"List"}, 300)),
			wantPolls: slices.Repeat([]string{"DATA_SOURCE_DELETE_IN_PROGRESS"}, 300),
			want:      &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there}, Disassociated: []string{"there"}},
			wantIs:    []error{ErrWaitTimeout},
		},
		{
			// The first source is gone after 5 s of polls; the second
			// never is, and has what is left of the 8 s: 3 s, 3 polls.
			name:     "one budget for all the waits",
			existing: []S3TableIntegrationSource{there, eksSource("stuck", "audit", "DATA_SOURCE_DELETE_IN_PROGRESS")},
			fake: func(f *fakeSources) {
				f.deleteAfter = 100
				f.beforeList = func(n int) {
					if n == 7 {
						f.sources = f.sources[1:]
					}
				}
			},
			maxWait:   8 * time.Second,
			wantCalls: slices.Concat([]string{"List", "Disassociate"}, slices.Repeat([]string{"List"}, 6+3)),
			wantPolls: slices.Concat(slices.Repeat([]string{"DATA_SOURCE_DELETE_IN_PROGRESS"}, 5), []string{"not listed"},
				slices.Repeat([]string{"DATA_SOURCE_DELETE_IN_PROGRESS"}, 3)),
			want: &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there, eksSource("stuck", "audit", "DATA_SOURCE_DELETE_IN_PROGRESS")},
				Disassociated: []string{"there"}},
			wantIs:  []error{ErrWaitTimeout},
			wantErr: `…wait for S3 Table integration source "stuck" to be disassociated: timed out after 3 polls`,
		},
		{
			// The listings take the whole budget: the second wait has
			// none left, and sends nothing.
			name:     "no budget left for a second wait",
			existing: []S3TableIntegrationSource{there, eksSource("second", "audit", "ACTIVE")},
			fake: func(f *fakeSources) {
				f.listCost = 4 * time.Second
			},
			maxWait:   4 * time.Second,
			wantCalls: []string{"List", "Disassociate", "Disassociate", "List"},
			wantPolls: []string{"not listed"},
			want: &TeardownS3TableIntegrationSourceResult{Sources: []S3TableIntegrationSource{there, eksSource("second", "audit", "ACTIVE")},
				Disassociated: []string{"there", "second"}},
			wantIs:  []error{ErrWaitTimeout},
			wantErr: `cwlogs: wait for S3 Table integration source "second" to be disassociated: timed out after 0 polls; no status seen`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeSources(t, tt.existing...)
			if tt.fake != nil {
				tt.fake(f)
			}
			in := &AssociateSourceToS3TableIntegrationInput{IntegrationArn: waitARN, DataSource: eksAudit}
			var polls []string
			res, err := TeardownS3TableIntegrationSource(context.Background(), f, in, func(o *TeardownS3TableIntegrationSourceOptions) {
				o.NoWait, o.MaxWait = tt.noWait, tt.maxWait
				o.Waiter.MinDelay, o.Waiter.MaxDelay, o.Waiter.clock = time.Second, time.Second, f.clock
				o.Waiter.OnPoll = func(p S3TableIntegrationSourceWaitPoll) { polls = append(polls, sourcePollStatus(p)) }
			})
			if diff := cmp.Diff(tt.wantCalls, f.calls); diff != "" {
				t.Errorf("calls mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantPolls, polls); diff != "" {
				t.Errorf("polls mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, res); diff != "" {
				t.Errorf("result mismatch (-want +got):\n%s", diff)
			}
			checkErr(t, err, tt.wantIs, tt.wantNot, tt.wantErr)
		})
	}
}
