package cwlogs_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// The operations of the kit's requests, as operations returns them.
const (
	opList         = "ListSourcesForS3TableIntegration"
	opAssociate    = "AssociateSourceToS3TableIntegration"
	opDisassociate = "DisassociateSourceFromS3TableIntegration"
)

var kitEKSAudit = cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}

// kitSourceInput is the input of the kit's S3 Table integration for the
// data source ds.
func kitSourceInput(ds cwlogs.DataSource) *cwlogs.AssociateSourceToS3TableIntegrationInput {
	return &cwlogs.AssociateSourceToS3TableIntegrationInput{IntegrationArn: cwlogstest.S3TableIntegrationArn, DataSource: ds}
}

// seedSource seeds a source of ds in status, without a request, and
// returns its identifier.
func seedSource(t *testing.T, srv *cwlogstest.Server, ds cwlogs.DataSource, status cwlogs.S3TableIntegrationSourceStatus) string {
	t.Helper()
	id, err := srv.SeedS3TableSource(cwlogstest.S3TableIntegrationArn, cwlogs.S3TableIntegrationSource{DataSource: ds, Status: status})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func mustSourceLifecycle(t *testing.T, srv *cwlogstest.Server, ds cwlogs.DataSource, l cwlogstest.SourceLifecycle) {
	t.Helper()
	if err := srv.SetSourceLifecycle(ds, l); err != nil {
		t.Fatal(err)
	}
}

// fastSourceWait makes the wait of EnsureS3TableIntegrationSource poll
// every millisecond, for at most a few seconds.
func fastSourceWait(o *cwlogs.EnsureS3TableIntegrationSourceOptions) {
	o.MaxWait, o.Waiter.MinDelay, o.Waiter.MaxDelay = 5*time.Second, time.Millisecond, time.Millisecond
}

// fastSourceTeardown makes the wait of TeardownS3TableIntegrationSource
// poll every millisecond, for at most a few seconds.
func fastSourceTeardown(o *cwlogs.TeardownS3TableIntegrationSourceOptions) {
	o.MaxWait, o.Waiter.MinDelay, o.Waiter.MaxDelay = 5*time.Second, time.Millisecond, time.Millisecond
}

// unknownAssociation is a client whose first associations end with an
// error that matches ErrOutcomeUnknown, made (applied) or not made; the
// next ones are the client's.
type unknownAssociation struct {
	cwlogs.S3TableIntegrationSourcesAPI
	applied bool // the associations whose outcome is unknown are made
	unknown int  // the number of associations whose outcome is unknown
}

func (u *unknownAssociation) AssociateSourceToS3TableIntegration(ctx context.Context, in *cwlogs.AssociateSourceToS3TableIntegrationInput, optFns ...func(*cwlogs.Options)) (*cwlogs.AssociateSourceToS3TableIntegrationOutput, error) {
	if u.unknown == 0 {
		return u.S3TableIntegrationSourcesAPI.AssociateSourceToS3TableIntegration(ctx, in, optFns...)
	}
	u.unknown--
	if u.applied {
		if _, err := u.S3TableIntegrationSourcesAPI.AssociateSourceToS3TableIntegration(ctx, in, optFns...); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("cwlogs: AssociateSourceToS3TableIntegration: %w: connection reset", cwlogs.ErrOutcomeUnknown)
}

// sourceSummary is what a kit test compares of a result of
// EnsureS3TableIntegrationSource: the identifier is the kit's UUID, or a
// seeded one.
type sourceSummary struct {
	Seeded  bool // the identifier is the seeded source's
	Created bool
	Status  cwlogs.S3TableIntegrationSourceStatus // of Source, "" when nil
}

// TestEnsureS3TableIntegrationSourceWithKit runs
// EnsureS3TableIntegrationSource against the kit's stateful server: the
// request sequence, the polls, the result and the error of each case, and
// the sources the kit holds after it.
func TestEnsureS3TableIntegrationSourceWithKit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// setup prepares the server before the run, and returns the
		// identifier of a seeded source, if any; its requests are not
		// counted.
		setup func(t *testing.T, srv *cwlogstest.Server) string
		api   func(client *cwlogs.Client) cwlogs.S3TableIntegrationSourcesAPI
		in    *cwlogs.AssociateSourceToS3TableIntegrationInput
		opts  func(*cwlogs.EnsureS3TableIntegrationSourceOptions)

		wantOps     []string
		wantPolls   []string
		want        *sourceSummary
		wantSources int // the kit's sources of the data source after the run
		wantIs      error
	}{
		{
			name: "absent: associated, then ACTIVE",
			setup: func(t *testing.T, srv *cwlogstest.Server) string {
				mustSourceLifecycle(t, srv, kitEKSAudit, cwlogstest.SourceLifecycle{Polls: 2})
				return ""
			},
			wantOps:     []string{opList, opAssociate, opList, opList, opList},
			wantPolls:   []string{"UNHEALTHY", "UNHEALTHY", "ACTIVE"},
			want:        &sourceSummary{Created: true, Status: "ACTIVE"},
			wantSources: 1,
		},
		{
			name:        "absent, without waiting",
			opts:        func(o *cwlogs.EnsureS3TableIntegrationSourceOptions) { o.NoWait = true },
			wantOps:     []string{opList, opAssociate},
			want:        &sourceSummary{Created: true},
			wantSources: 1,
		},
		{
			name: "present and ACTIVE among others: only listed",
			setup: func(t *testing.T, srv *cwlogstest.Server) string {
				seedSource(t, srv, cwlogs.DataSource{Name: "amazon_eks"}, "ACTIVE")
				seedSource(t, srv, cwlogs.DataSource{Name: "amazon_eks", Type: "Audit"}, "ACTIVE")
				return seedSource(t, srv, kitEKSAudit, "ACTIVE")
			},
			wantOps:     []string{opList},
			want:        &sourceSummary{Seeded: true, Status: "ACTIVE"},
			wantSources: 1,
		},
		{
			name: "present on the second page",
			setup: func(t *testing.T, srv *cwlogstest.Server) string {
				for i := range 100 {
					seedSource(t, srv, cwlogs.DataSource{Name: fmt.Sprint("custom_", i)}, "ACTIVE")
				}
				return seedSource(t, srv, kitEKSAudit, "ACTIVE")
			},
			wantOps:     []string{opList, opList},
			want:        &sourceSummary{Seeded: true, Status: "ACTIVE"},
			wantSources: 1,
		},
		{
			name: "present with an empty type, asked with none",
			setup: func(t *testing.T, srv *cwlogstest.Server) string {
				seedSource(t, srv, kitEKSAudit, "ACTIVE")
				return seedSource(t, srv, cwlogs.DataSource{Name: "amazon_eks"}, "ACTIVE")
			},
			in:          kitSourceInput(cwlogs.DataSource{Name: "amazon_eks"}),
			wantOps:     []string{opList},
			want:        &sourceSummary{Seeded: true, Status: "ACTIVE"},
			wantSources: 1,
		},
		{
			name: "FAILED and being deleted: associated anew",
			setup: func(t *testing.T, srv *cwlogstest.Server) string {
				seedSource(t, srv, kitEKSAudit, "FAILED")
				seedSource(t, srv, kitEKSAudit, "DATA_SOURCE_DELETE_IN_PROGRESS")
				return ""
			},
			wantOps:     []string{opList, opAssociate, opList},
			wantPolls:   []string{"ACTIVE"},
			want:        &sourceSummary{Created: true, Status: "ACTIVE"},
			wantSources: 3,
		},
		{
			name: "associated, then FAILED",
			setup: func(t *testing.T, srv *cwlogstest.Server) string {
				mustSourceLifecycle(t, srv, kitEKSAudit, cwlogstest.SourceLifecycle{Polls: 1, Status: "FAILED", Reason: "The role cannot write to the table bucket"})
				return ""
			},
			wantOps:     []string{opList, opAssociate, opList, opList},
			wantPolls:   []string{"UNHEALTHY", "FAILED"},
			want:        &sourceSummary{Created: true, Status: "FAILED"},
			wantSources: 1,
			wantIs:      cwlogs.ErrS3TableIntegrationSourceFailed,
		},
		{
			name: "the third poll throttled: retried by the client",
			setup: func(t *testing.T, srv *cwlogstest.Server) string {
				mustSourceLifecycle(t, srv, kitEKSAudit, cwlogstest.SourceLifecycle{Polls: 2})
				srv.FailOn(cwlogstest.Match{Op: cwlogstest.ListSourcesForS3TableIntegration, Nth: 4}, 400, "ThrottlingException", "Rate exceeded")
				return ""
			},
			wantOps:     []string{opList, opAssociate, opList, opList, opList, opList},
			wantPolls:   []string{"UNHEALTHY", "UNHEALTHY", "ACTIVE"},
			want:        &sourceSummary{Created: true, Status: "ACTIVE"},
			wantSources: 1,
		},
		{
			name: "the lookup refused: its error",
			setup: func(t *testing.T, srv *cwlogstest.Server) string {
				srv.FailOn(cwlogstest.Match{Op: cwlogstest.ListSourcesForS3TableIntegration}, 400, "AccessDeniedException", "denied")
				return ""
			},
			wantOps: []string{opList},
			wantIs:  cwlogs.ErrAccessDenied,
		},
		{
			name:    "an integration the kit does not hold: the service's ValidationException",
			in:      &cwlogs.AssociateSourceToS3TableIntegrationInput{IntegrationArn: "arn:aws:observabilityadmin:us-east-1:123456789012:s3tableintegration/none", DataSource: kitEKSAudit},
			wantOps: []string{opList},
			wantIs:  cwlogs.ErrValidation,
		},
		{
			name: "the association refused: its error",
			setup: func(t *testing.T, srv *cwlogstest.Server) string {
				srv.FailOn(cwlogstest.Match{Op: cwlogstest.AssociateSourceToS3TableIntegration}, 400, "ValidationException", "Invalid data source")
				return ""
			},
			wantOps: []string{opList, opAssociate},
			wantIs:  cwlogs.ErrValidation,
		},
		{
			name: "a poll's connection broken: retried by the client",
			setup: func(t *testing.T, srv *cwlogstest.Server) string {
				srv.BreakOn(cwlogstest.Match{Op: cwlogstest.ListSourcesForS3TableIntegration, Nth: 2})
				return ""
			},
			wantOps:     []string{opList, opAssociate, opList, opList},
			wantPolls:   []string{"ACTIVE"},
			want:        &sourceSummary{Created: true, Status: "ACTIVE"},
			wantSources: 1,
		},
		{
			name:        "an unknown association that was made: found by a listing",
			api:         func(c *cwlogs.Client) cwlogs.S3TableIntegrationSourcesAPI { return &unknownAssociation{c, true, 1} },
			wantOps:     []string{opList, opAssociate, opList},
			want:        &sourceSummary{Created: true, Status: "ACTIVE"},
			wantSources: 1,
		},
		{
			name:        "an unknown association that was not: made once more",
			api:         func(c *cwlogs.Client) cwlogs.S3TableIntegrationSourcesAPI { return &unknownAssociation{c, false, 1} },
			wantOps:     []string{opList, opList, opAssociate, opList},
			wantPolls:   []string{"ACTIVE"},
			want:        &sourceSummary{Created: true, Status: "ACTIVE"},
			wantSources: 1,
		},
		{
			name:    "unknown twice, none made: unknown",
			api:     func(c *cwlogs.Client) cwlogs.S3TableIntegrationSourcesAPI { return &unknownAssociation{c, false, 2} },
			wantOps: []string{opList, opList, opList},
			wantIs:  cwlogs.ErrOutcomeUnknown,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, srv := newBareKitClient(t)
			var seeded string
			if tt.setup != nil {
				seeded = tt.setup(t, srv)
			}
			from := len(srv.Requests())
			var api cwlogs.S3TableIntegrationSourcesAPI = client
			if tt.api != nil {
				api = tt.api(client)
			}
			in := tt.in
			if in == nil {
				in = kitSourceInput(kitEKSAudit)
			}
			var polls []string
			res, err := cwlogs.EnsureS3TableIntegrationSource(context.Background(), api, in, fastSourceWait, func(o *cwlogs.EnsureS3TableIntegrationSourceOptions) {
				o.Waiter.OnPoll = func(p cwlogs.S3TableIntegrationSourceWaitPoll) {
					if p.Source != nil {
						polls = append(polls, string(p.Source.Status))
					} else {
						polls = append(polls, "error")
					}
				}
				if tt.opts != nil {
					tt.opts(o)
				}
			})
			if diff := cmp.Diff(tt.wantOps, operations(srv, from)); diff != "" {
				t.Errorf("requests mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantPolls, polls); diff != "" {
				t.Errorf("polls mismatch (-want +got):\n%s", diff)
			}
			var got *sourceSummary
			if res != nil {
				got = &sourceSummary{Seeded: res.Identifier == seeded, Created: res.Created}
				if res.Source != nil {
					got.Status = res.Source.Status
					if res.Source.Identifier != res.Identifier || res.Source.DataSource != in.DataSource {
						t.Errorf("Source %+v is not the one of identifier %q and data source %+v", res.Source, res.Identifier, in.DataSource)
					}
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("result mismatch (-want +got):\n%s", diff)
			}
			var live []string
			for _, s := range srv.S3TableSources(cwlogstest.S3TableIntegrationArn) {
				if s.DataSource == in.DataSource {
					live = append(live, s.Identifier)
				}
			}
			if len(live) != tt.wantSources {
				t.Errorf("the kit holds %d sources of the data source, want %d", len(live), tt.wantSources)
			}
			if res != nil && res.Created && len(live) > 0 && live[len(live)-1] != res.Identifier {
				t.Errorf("Identifier %q, want the kit's newest source %q", res.Identifier, live[len(live)-1])
			}
			switch {
			case tt.wantIs == nil && err != nil:
				t.Errorf("err = %v, want nil", err)
			case tt.wantIs != nil && !errors.Is(err, tt.wantIs):
				t.Errorf("err = %v, want one matching %v", err, tt.wantIs)
			}
		})
	}
}

// TestTeardownS3TableIntegrationSourceWithKit runs
// TeardownS3TableIntegrationSource against the kit's stateful server.
func TestTeardownS3TableIntegrationSourceWithKit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// setup prepares the server before the run; its requests are not
		// counted.
		setup func(t *testing.T, srv *cwlogstest.Server, client *cwlogs.Client)
		opts  func(*cwlogs.TeardownS3TableIntegrationSourceOptions)

		wantOps           []string
		wantPolls         []string
		wantFound         int // len(Sources)
		wantDisassociated int
		wantLeft          int // the kit's sources of the data source after the run
		wantIs            error
	}{
		{
			name: "absent: success",
			setup: func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
				seedSource(t, srv, cwlogs.DataSource{Name: "amazon_eks"}, "ACTIVE")
			},
			wantOps: []string{opList},
		},
		{
			name: "present: disassociated, then gone",
			setup: func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
				seedSource(t, srv, kitEKSAudit, "ACTIVE")
			},
			wantOps:   []string{opList, opDisassociate, opList, opList},
			wantPolls: []string{"DATA_SOURCE_DELETE_IN_PROGRESS", "not listed"},
			wantFound: 1, wantDisassociated: 1,
		},
		{
			name: "without waiting",
			setup: func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
				seedSource(t, srv, kitEKSAudit, "ACTIVE")
			},
			opts:      func(o *cwlogs.TeardownS3TableIntegrationSourceOptions) { o.NoWait = true },
			wantOps:   []string{opList, opDisassociate},
			wantFound: 1, wantDisassociated: 1, wantLeft: 1,
		},
		{
			name: "FAILED: disassociated too",
			setup: func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
				seedSource(t, srv, kitEKSAudit, "FAILED")
			},
			wantOps:   []string{opList, opDisassociate, opList, opList},
			wantPolls: []string{"DATA_SOURCE_DELETE_IN_PROGRESS", "not listed"},
			wantFound: 1, wantDisassociated: 1,
		},
		{
			name: "being removed already: only waited for",
			setup: func(t *testing.T, srv *cwlogstest.Server, client *cwlogs.Client) {
				mustSourceLifecycle(t, srv, kitEKSAudit, cwlogstest.SourceLifecycle{DeletePolls: 3})
				out, err := client.AssociateSourceToS3TableIntegration(context.Background(), kitSourceInput(kitEKSAudit))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := client.DisassociateSourceFromS3TableIntegration(context.Background(),
					&cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: out.Identifier}); err != nil {
					t.Fatal(err)
				}
			},
			wantOps:   []string{opList, opList, opList, opList},
			wantPolls: []string{"DATA_SOURCE_DELETE_IN_PROGRESS", "DATA_SOURCE_DELETE_IN_PROGRESS", "not listed"},
			wantFound: 1,
		},
		{
			name: "two sources: both disassociated, both waited for",
			setup: func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
				seedSource(t, srv, kitEKSAudit, "ACTIVE")
				seedSource(t, srv, kitEKSAudit, "UNHEALTHY")
			},
			wantOps:   []string{opList, opDisassociate, opDisassociate, opList, opList, opList},
			wantPolls: []string{"DATA_SOURCE_DELETE_IN_PROGRESS", "not listed", "not listed"},
			wantFound: 2, wantDisassociated: 2,
		},
		{
			name: "the disassociation's attempt broken: the client confirms it",
			setup: func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
				seedSource(t, srv, kitEKSAudit, "ACTIVE")
				srv.BreakOn(cwlogstest.Match{Op: cwlogstest.DisassociateSourceFromS3TableIntegration})
			},
			wantOps:   []string{opList, opDisassociate, opDisassociate, opList, opList},
			wantPolls: []string{"DATA_SOURCE_DELETE_IN_PROGRESS", "not listed"},
			wantFound: 1, wantDisassociated: 1,
		},
		{
			name: "the disassociation refused: its error",
			setup: func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
				seedSource(t, srv, kitEKSAudit, "ACTIVE")
				srv.FailOn(cwlogstest.Match{Op: cwlogstest.DisassociateSourceFromS3TableIntegration}, 400, "AccessDeniedException", "denied")
			},
			wantOps:   []string{opList, opDisassociate},
			wantFound: 1, wantLeft: 1,
			wantIs: cwlogs.ErrAccessDenied,
		},
		{
			name: "gone before the disassociation: success",
			setup: func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
				id := seedSource(t, srv, kitEKSAudit, "ACTIVE")
				srv.FailOn(cwlogstest.Match{Op: cwlogstest.DisassociateSourceFromS3TableIntegration, Target: id}, 400, "ResourceNotFoundException", "Source "+id+" not found.")
			},
			opts:      func(o *cwlogs.TeardownS3TableIntegrationSourceOptions) { o.NoWait = true },
			wantOps:   []string{opList, opDisassociate},
			wantFound: 1, wantDisassociated: 1, wantLeft: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, srv := newBareKitClient(t)
			if tt.setup != nil {
				tt.setup(t, srv, client)
			}
			from := len(srv.Requests())
			var polls []string
			res, err := cwlogs.TeardownS3TableIntegrationSource(context.Background(), client, kitSourceInput(kitEKSAudit), fastSourceTeardown,
				func(o *cwlogs.TeardownS3TableIntegrationSourceOptions) {
					o.Waiter.OnPoll = func(p cwlogs.S3TableIntegrationSourceWaitPoll) {
						switch {
						case p.Source != nil:
							polls = append(polls, string(p.Source.Status))
						case errors.Is(p.Err, cwlogs.ErrResourceNotFound):
							polls = append(polls, "not listed")
						default:
							polls = append(polls, "error")
						}
					}
					if tt.opts != nil {
						tt.opts(o)
					}
				})
			if diff := cmp.Diff(tt.wantOps, operations(srv, from)); diff != "" {
				t.Errorf("requests mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantPolls, polls); diff != "" {
				t.Errorf("polls mismatch (-want +got):\n%s", diff)
			}
			switch {
			case tt.wantIs == nil && err != nil:
				t.Errorf("err = %v, want nil", err)
			case tt.wantIs != nil && !errors.Is(err, tt.wantIs):
				t.Errorf("err = %v, want one matching %v", err, tt.wantIs)
			}
			if res == nil {
				t.Fatal("no result")
			}
			if len(res.Sources) != tt.wantFound || len(res.Disassociated) != tt.wantDisassociated {
				t.Errorf("%d sources found, %d disassociated; want %d and %d", len(res.Sources), len(res.Disassociated), tt.wantFound, tt.wantDisassociated)
			}
			for i, id := range res.Disassociated {
				if id != res.Sources[i].Identifier {
					t.Errorf("Disassociated[%d] = %q, want %q, the source found", i, id, res.Sources[i].Identifier)
				}
			}
			left := 0
			for _, s := range srv.S3TableSources(cwlogstest.S3TableIntegrationArn) {
				if s.DataSource == kitEKSAudit {
					left++
				}
			}
			if left != tt.wantLeft {
				t.Errorf("the kit holds %d sources of the data source, want %d", left, tt.wantLeft)
			}
		})
	}
}

// TestEnsureThenTeardownS3TableIntegrationSourceSpans checks that the
// calls of EnsureS3TableIntegrationSource and
// TeardownS3TableIntegrationSource, and their waits, are children of
// their spans, which name the integration.
func TestEnsureThenTeardownS3TableIntegrationSourceSpans(t *testing.T) {
	t.Parallel()
	rec := newTelemetryRecorder()
	client, srv := newBareKitClient(t, withTelemetry(rec))
	mustSourceLifecycle(t, srv, kitEKSAudit, cwlogstest.SourceLifecycle{Polls: 1})
	ctx := context.Background()
	if _, err := cwlogs.EnsureS3TableIntegrationSource(ctx, client, kitSourceInput(kitEKSAudit), fastSourceWait); err != nil {
		t.Fatal(err)
	}
	if _, err := cwlogs.TeardownS3TableIntegrationSource(ctx, client, kitSourceInput(kitEKSAudit), fastSourceTeardown); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"EnsureS3TableIntegrationSource",
		"  CloudWatch Logs.ListSourcesForS3TableIntegration", "    Attempt",
		"  CloudWatch Logs.AssociateSourceToS3TableIntegration", "    Attempt",
		"  S3TableIntegrationSourceActiveWaiter.Wait",
		"    CloudWatch Logs.ListSourcesForS3TableIntegration", "      Attempt",
		"    CloudWatch Logs.ListSourcesForS3TableIntegration", "      Attempt",
		"TeardownS3TableIntegrationSource",
		"  CloudWatch Logs.ListSourcesForS3TableIntegration", "    Attempt",
		"  CloudWatch Logs.DisassociateSourceFromS3TableIntegration", "    Attempt",
		"  S3TableIntegrationSourceDisassociatedWaiter.Wait",
		"    CloudWatch Logs.ListSourcesForS3TableIntegration", "      Attempt",
		"    CloudWatch Logs.ListSourcesForS3TableIntegration", "      Attempt",
	}
	if diff := cmp.Diff(want, rec.tree()); diff != "" {
		t.Errorf("span tree mismatch (-want +got):\n%s", diff)
	}
	for name, props := range map[string]map[string]string{
		"EnsureS3TableIntegrationSource":   {"cwlogs.integration_arn": cwlogstest.S3TableIntegrationArn, "cwlogs.created": "true", "error": "false"},
		"TeardownS3TableIntegrationSource": {"cwlogs.integration_arn": cwlogstest.S3TableIntegrationArn, "cwlogs.disassociated": "1", "error": "false"},
	} {
		if diff := cmp.Diff(props, stringProps(rec.named(name)[0])); diff != "" {
			t.Errorf("%s span mismatch (-want +got):\n%s", name, diff)
		}
	}
}

// TestEnsureS3TableIntegrationSourceSpanChildren checks that every call of
// EnsureS3TableIntegrationSource and TeardownS3TableIntegrationSource is a
// child of their span: the listings that settle an unknown association or
// disassociation too.
func TestEnsureS3TableIntegrationSourceSpanChildren(t *testing.T) {
	t.Parallel()
	const list = "CloudWatch Logs.ListSourcesForS3TableIntegration"
	tests := []struct {
		name  string
		setup func(t *testing.T, srv *cwlogstest.Server)
		run   func(ctx context.Context, c *cwlogs.Client) error

		wantRoot     string
		wantChildren []string
	}{
		{
			// The client's own listing after the broken attempt is denied:
			// EnsureS3TableIntegrationSource lists the sources itself.
			name: "an association whose outcome is unknown: the listing",
			setup: func(t *testing.T, srv *cwlogstest.Server) {
				mustSourceLifecycle(t, srv, kitEKSAudit, cwlogstest.SourceLifecycle{Polls: 1})
				srv.BreakNext(cwlogstest.AssociateSourceToS3TableIntegration, 1)
				srv.FailOn(cwlogstest.Match{Op: cwlogstest.ListSourcesForS3TableIntegration, Nth: 2}, 400, "AccessDeniedException", "no")
			},
			run: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := cwlogs.EnsureS3TableIntegrationSource(ctx, c, kitSourceInput(kitEKSAudit), fastSourceWait)
				return err
			},
			wantRoot: "EnsureS3TableIntegrationSource",
			wantChildren: []string{list, "CloudWatch Logs." + opAssociate, list,
				"S3TableIntegrationSourceActiveWaiter.Wait"},
		},
		{
			// The broken attempt disassociates it, and the retries fail:
			// the client has no state to check a disassociation against.
			name: "a disassociation whose outcome is unknown: the listing",
			setup: func(t *testing.T, srv *cwlogstest.Server) {
				seedSource(t, srv, kitEKSAudit, "ACTIVE")
				srv.BreakNext(cwlogstest.DisassociateSourceFromS3TableIntegration, 1)
				srv.FailOn(cwlogstest.Match{Op: cwlogstest.DisassociateSourceFromS3TableIntegration, Nth: 2, Times: 10}, 500, "InternalFailure", "no")
			},
			run: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := cwlogs.TeardownS3TableIntegrationSource(ctx, c, kitSourceInput(kitEKSAudit), fastSourceTeardown)
				return err
			},
			wantRoot: "TeardownS3TableIntegrationSource",
			wantChildren: []string{list, "CloudWatch Logs." + opDisassociate, list,
				"S3TableIntegrationSourceDisassociatedWaiter.Wait"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := newTelemetryRecorder()
			client, srv := newBareKitClient(t, withTelemetry(rec))
			tt.setup(t, srv)
			if err := tt.run(context.Background(), client); err != nil {
				t.Errorf("err = %v, want nil", err)
			}
			roots, children := spanChildren(rec)
			if diff := cmp.Diff([]string{tt.wantRoot}, roots); diff != "" {
				t.Errorf("spans without a parent mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantChildren, children); diff != "" {
				t.Errorf("children of %s mismatch (-want +got):\n%s", tt.wantRoot, diff)
			}
		})
	}
}
