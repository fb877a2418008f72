//go:build s3sources

package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

const testIntegrationARN = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"

// Steps of the fake's associations and disassociations.
var (
	// errSourceApplied: the call takes effect, and the client cannot learn it.
	errSourceApplied = fmt.Errorf("cwlogs: call: %w: connection reset after the request", ErrOutcomeUnknown)
	// errSourceNotApplied: the call does not take effect, and the client cannot
	// learn it.
	errSourceNotApplied = fmt.Errorf("cwlogs: call: %w: connection reset", ErrOutcomeUnknown)
	// errSourceGone: the source is gone already.
	errSourceGone = &APIError{Operation: "DisassociateSourceFromS3TableIntegration", Code: "ResourceNotFoundException", StatusCode: 400}
)

// fakeSources is a small stateful S3 Table integration: Associate adds a
// source, ACTIVE after activeAfter listings (or failReason's FAILED);
// Disassociate makes it DATA_SOURCE_DELETE_IN_PROGRESS, gone at the next
// listing. Listings return pages of one source. The steps script the
// associations and disassociations in turn: nil processes the call;
// errSourceApplied processes it and returns an unknown outcome; errSourceGone
// removes the source and returns that error; any other error is returned
// without processing the call.
type fakeSources struct {
	t           *testing.T
	mu          sync.Mutex
	sources     []S3TableIntegrationSource
	age         map[string]int // listings seen by each source
	activeAfter int
	failReason  string
	assoc       []error
	disassoc    []error
	calls       []string
	nextID      int
}

func (f *fakeSources) step(steps *[]error) error {
	if len(*steps) == 0 {
		return nil
	}
	err := (*steps)[0]
	*steps = (*steps)[1:]
	return err
}

func (f *fakeSources) AssociateSourceToS3TableIntegration(ctx context.Context, in *AssociateSourceToS3TableIntegrationInput, _ ...func(*Options)) (*AssociateSourceToS3TableIntegrationOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "Associate")
	err := f.step(&f.assoc)
	if err != nil && err != errSourceApplied {
		return nil, err
	}
	f.nextID++
	id := "src-" + strconv.Itoa(f.nextID)
	f.sources = append(f.sources, S3TableIntegrationSource{Identifier: id, DataSource: in.DataSource, Status: S3TableIntegrationSourceStatusUnhealthy})
	if err != nil {
		return nil, err
	}
	return &AssociateSourceToS3TableIntegrationOutput{Identifier: id}, nil
}

func (f *fakeSources) DisassociateSourceFromS3TableIntegration(ctx context.Context, in *DisassociateSourceFromS3TableIntegrationInput, _ ...func(*Options)) (*DisassociateSourceFromS3TableIntegrationOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "Disassociate")
	err := f.step(&f.disassoc)
	if err == errSourceGone {
		f.sources = slices.DeleteFunc(f.sources, func(s S3TableIntegrationSource) bool { return s.Identifier == in.Identifier })
	}
	if err != nil && err != errSourceApplied {
		return nil, err
	}
	for i := range f.sources {
		if f.sources[i].Identifier == in.Identifier {
			f.sources[i].Status = S3TableIntegrationSourceStatusDataSourceDeleteInProgress
		}
	}
	if err != nil {
		return nil, err
	}
	return &DisassociateSourceFromS3TableIntegrationOutput{Identifier: in.Identifier}, nil
}

func (f *fakeSources) ListSourcesForS3TableIntegration(ctx context.Context, in *ListSourcesForS3TableIntegrationInput, _ ...func(*Options)) (*ListSourcesForS3TableIntegrationOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if in.IntegrationArn != testIntegrationARN {
		f.t.Errorf("listed %q", in.IntegrationArn)
	}
	i := 0
	if in.NextToken == "" {
		f.calls = append(f.calls, "List")
		f.age = f.tick()
	} else {
		i, _ = strconv.Atoi(in.NextToken)
	}
	out := &ListSourcesForS3TableIntegrationOutput{Sources: []S3TableIntegrationSource{}}
	if i < len(f.sources) {
		out.Sources = append(out.Sources, f.sources[i])
		if i+1 < len(f.sources) {
			out.NextToken = strconv.Itoa(i + 1)
		}
	}
	return out, nil
}

// tick moves every source on by one listing.
func (f *fakeSources) tick() map[string]int {
	if f.age == nil {
		f.age = map[string]int{}
	}
	kept := f.sources[:0]
	for _, s := range f.sources {
		if s.Status == S3TableIntegrationSourceStatusDataSourceDeleteInProgress && f.age[s.Identifier] > 0 {
			continue
		}
		f.age[s.Identifier]++
		if s.Status == S3TableIntegrationSourceStatusUnhealthy && f.age[s.Identifier] > f.activeAfter {
			s.Status = S3TableIntegrationSourceStatusActive
			if f.failReason != "" {
				s.Status, s.StatusReason = S3TableIntegrationSourceStatusFailed, f.failReason
			}
		}
		if s.Status == S3TableIntegrationSourceStatusDataSourceDeleteInProgress {
			f.age[s.Identifier] = 1
		}
		kept = append(kept, s)
	}
	f.sources = kept
	return f.age
}

func source(id, name, typ string, status S3TableIntegrationSourceStatus) S3TableIntegrationSource {
	return S3TableIntegrationSource{Identifier: id, DataSource: DataSource{Name: name, Type: typ}, Status: status}
}

// fastSources makes the wait poll on a fake clock every second.
func fastSources(clock *fakeClock) func(*EnsureSourceOptions) {
	return func(o *EnsureSourceOptions) { o.MinDelay, o.MaxDelay, o.clock = time.Second, time.Second, clock }
}

// TestEnsureS3TableIntegrationSource runs EnsureS3TableIntegrationSource
// against a fake integration: the calls, the result and the error.
func TestEnsureS3TableIntegrationSource(t *testing.T) {
	t.Parallel()
	eksAudit := DataSource{Name: "amazon_eks", Type: "audit"}
	tests := []struct {
		name     string
		existing []S3TableIntegrationSource
		assoc    []error
		fail     string
		noWait   bool
		maxWait  time.Duration

		wantCalls []string
		want      *EnsureSourceResult
		wantIs    error
		wantErr   string // a part of the error's text
	}{
		{
			name:      "absent: associated, then ACTIVE",
			wantCalls: []string{"List", "Associate", "List", "List"},
			want:      &EnsureSourceResult{Created: true, AssociateCalls: 1, Identifier: "src-1", Source: &S3TableIntegrationSource{Identifier: "src-1", DataSource: eksAudit, Status: "ACTIVE"}},
		},
		{
			name:      "absent, without waiting",
			noWait:    true,
			wantCalls: []string{"List", "Associate"},
			want:      &EnsureSourceResult{Created: true, AssociateCalls: 1, Identifier: "src-1"},
		},
		{
			name:      "present and ACTIVE, on the second page: only listed",
			existing:  []S3TableIntegrationSource{source("other", "amazon_eks", "", "ACTIVE"), source("there", "amazon_eks", "audit", "ACTIVE")},
			wantCalls: []string{"List"},
			want:      &EnsureSourceResult{Identifier: "there", Source: &S3TableIntegrationSource{Identifier: "there", DataSource: eksAudit, Status: "ACTIVE"}},
		},
		{
			name:      "going away or failed: associated anew",
			existing:  []S3TableIntegrationSource{source("old", "amazon_eks", "audit", "DATA_SOURCE_DELETE_IN_PROGRESS"), source("bad", "amazon_eks", "audit", "FAILED"), source("gone", "amazon_eks", "audit", "DELETING")},
			noWait:    true,
			wantCalls: []string{"List", "Associate"},
			want:      &EnsureSourceResult{Created: true, AssociateCalls: 1, Identifier: "src-1"},
		},
		{
			name:      "present UNHEALTHY: waited for",
			existing:  []S3TableIntegrationSource{source("there", "amazon_eks", "audit", "UNHEALTHY")},
			wantCalls: []string{"List", "List"},
			want:      &EnsureSourceResult{Identifier: "there", Source: &S3TableIntegrationSource{Identifier: "there", DataSource: eksAudit, Status: "ACTIVE"}},
		},
		{
			name:      "unknown association that took effect: confirmed by the listing",
			assoc:     []error{errSourceApplied},
			noWait:    true,
			wantCalls: []string{"List", "Associate", "List"},
			want: &EnsureSourceResult{Created: true, Confirmed: true, AssociateCalls: 1, Identifier: "src-1",
				Source: &S3TableIntegrationSource{Identifier: "src-1", DataSource: eksAudit, Status: "UNHEALTHY"}},
		},
		{
			name:      "unknown association that did not: made once more",
			assoc:     []error{errSourceNotApplied},
			noWait:    true,
			wantCalls: []string{"List", "Associate", "List", "Associate"},
			want:      &EnsureSourceResult{Created: true, AssociateCalls: 2, Identifier: "src-1"},
		},
		{
			name:      "unknown twice: unknown",
			assoc:     []error{errSourceNotApplied, errSourceNotApplied},
			wantCalls: []string{"List", "Associate", "List", "Associate", "List"},
			wantIs:    ErrOutcomeUnknown,
			wantErr:   `the association of data source "amazon_eks/audit" may or may not have happened (reading it back: none found after the second association either)`,
		},
		{
			name:      "refused: the error as it is",
			assoc:     []error{&APIError{Operation: "AssociateSourceToS3TableIntegration", Code: "ValidationException", Message: "Integration not found"}},
			wantCalls: []string{"List", "Associate"},
			wantIs:    ErrValidation,
		},
		{
			name:      "FAILED while waited for",
			fail:      "The role cannot write to the table bucket",
			wantCalls: []string{"List", "Associate", "List", "List"},
			want:      &EnsureSourceResult{Created: true, AssociateCalls: 1, Identifier: "src-1", Source: &S3TableIntegrationSource{Identifier: "src-1", DataSource: eksAudit, Status: "FAILED", StatusReason: "The role cannot write to the table bucket"}},
			wantIs:    ErrSourceFailed,
			wantErr:   `cwlogs: EnsureS3TableIntegrationSource: source "src-1" is FAILED: "The role cannot write to the table bucket"`,
		},
		{
			name:      "never ACTIVE within MaxWait",
			existing:  []S3TableIntegrationSource{source("there", "amazon_eks", "audit", "UNHEALTHY")},
			maxWait:   3 * time.Second,
			wantCalls: []string{"List", "List", "List", "List"},
			want:      &EnsureSourceResult{Identifier: "there", Source: &S3TableIntegrationSource{Identifier: "there", DataSource: eksAudit, Status: "UNHEALTHY"}},
			wantIs:    ErrWaitTimeout,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &fakeSources{t: t, sources: tt.existing, assoc: tt.assoc, activeAfter: 1, failReason: tt.fail}
			if tt.maxWait != 0 {
				f.activeAfter = 100
			}
			clock := newFakeClock()
			in := &AssociateSourceToS3TableIntegrationInput{IntegrationArn: testIntegrationARN, DataSource: eksAudit}
			res, err := EnsureS3TableIntegrationSource(context.Background(), f, in, fastSources(clock), func(o *EnsureSourceOptions) {
				o.NoWait, o.MaxWait = tt.noWait, tt.maxWait
			})
			if diff := cmp.Diff(tt.wantCalls, f.calls); diff != "" {
				t.Errorf("calls mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, res); diff != "" {
				t.Errorf("result mismatch (-want +got):\n%s", diff)
			}
			switch {
			case tt.wantIs == nil && err != nil:
				t.Errorf("err = %v, want nil", err)
			case tt.wantIs != nil && (!errors.Is(err, tt.wantIs) || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("err = %v\nwant one matching %v, containing %s", err, tt.wantIs, tt.wantErr)
			}
		})
	}
}

// TestTeardownS3TableIntegrationSource runs
// TeardownS3TableIntegrationSource against a fake integration.
func TestTeardownS3TableIntegrationSource(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		existing []S3TableIntegrationSource
		disassoc []error

		wantCalls []string
		want      []string // the identifiers disassociated
		wantIs    error
	}{
		{name: "absent: success", existing: []S3TableIntegrationSource{source("other", "amazon_eks", "", "ACTIVE")},
			wantCalls: []string{"List"}},
		{name: "present: disassociated, then gone", existing: []S3TableIntegrationSource{source("other", "amazon_eks", "", "ACTIVE"), source("there", "amazon_eks", "audit", "ACTIVE")},
			wantCalls: []string{"List", "Disassociate", "List"}, want: []string{"there"}},
		{name: "already going away: only waited for", existing: []S3TableIntegrationSource{source("there", "amazon_eks", "audit", "DATA_SOURCE_DELETE_IN_PROGRESS")},
			wantCalls: []string{"List", "List"}},
		{name: "unknown disassociation that took effect", existing: []S3TableIntegrationSource{source("there", "amazon_eks", "audit", "ACTIVE")},
			disassoc: []error{errSourceApplied}, wantCalls: []string{"List", "Disassociate", "List", "List"}, want: []string{"there"}},
		{name: "unknown disassociation that did not: made once more", existing: []S3TableIntegrationSource{source("there", "amazon_eks", "audit", "ACTIVE")},
			disassoc: []error{errSourceNotApplied}, wantCalls: []string{"List", "Disassociate", "List", "Disassociate", "List"}, want: []string{"there"}},
		{name: "not found: gone", existing: []S3TableIntegrationSource{source("there", "amazon_eks", "audit", "ACTIVE")},
			disassoc:  []error{errSourceGone},
			wantCalls: []string{"List", "Disassociate", "List"}, want: []string{"there"}},
		{name: "unknown twice: unknown", existing: []S3TableIntegrationSource{source("there", "amazon_eks", "audit", "ACTIVE")},
			disassoc: []error{errSourceNotApplied, errSourceNotApplied}, wantCalls: []string{"List", "Disassociate", "List", "Disassociate", "List"}, wantIs: ErrOutcomeUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &fakeSources{t: t, sources: tt.existing, disassoc: tt.disassoc}
			in := &AssociateSourceToS3TableIntegrationInput{IntegrationArn: testIntegrationARN, DataSource: DataSource{Name: "amazon_eks", Type: "audit"}}
			res, err := TeardownS3TableIntegrationSource(context.Background(), f, in, fastSources(newFakeClock()))
			if diff := cmp.Diff(tt.wantCalls, f.calls); diff != "" {
				t.Errorf("calls mismatch (-want +got):\n%s", diff)
			}
			if tt.wantIs != nil {
				if !errors.Is(err, tt.wantIs) {
					t.Errorf("err = %v, want one matching %v", err, tt.wantIs)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, res.Disassociated); diff != "" {
				t.Errorf("disassociated mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEnsureSourceChecksBeforeAnyRequest checks that an input or options
// that cannot work are refused before any call, naming the field.
func TestEnsureSourceChecksBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	valid := AssociateSourceToS3TableIntegrationInput{IntegrationArn: testIntegrationARN, DataSource: DataSource{Name: "amazon_eks"}}
	tests := []struct {
		name    string
		change  func(in *AssociateSourceToS3TableIntegrationInput, o *EnsureSourceOptions)
		wantErr string
	}{
		{"no ARN", func(in *AssociateSourceToS3TableIntegrationInput, _ *EnsureSourceOptions) { in.IntegrationArn = "" },
			"IntegrationArn is required"},
		{"not an ARN", func(in *AssociateSourceToS3TableIntegrationInput, _ *EnsureSourceOptions) {
			in.IntegrationArn = "s3tableintegration/x"
		},
			`IntegrationArn is "s3tableintegration/x", want an ARN (arn:partition:service:region:account-id:resource)`},
		{"no name", func(in *AssociateSourceToS3TableIntegrationInput, _ *EnsureSourceOptions) { in.DataSource.Name = "" },
			"DataSource.Name is required"},
		{"type not UTF-8", func(in *AssociateSourceToS3TableIntegrationInput, _ *EnsureSourceOptions) {
			in.DataSource.Type = "a\xff"
		},
			`DataSource.Type is "a\xff", which is not valid UTF-8 (byte 1)`},
		{"delays that cannot work", func(_ *AssociateSourceToS3TableIntegrationInput, o *EnsureSourceOptions) {
			o.MinDelay, o.MaxDelay = time.Minute, time.Second
		}, "MinDelay is 1m0s, more than MaxDelay (1s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := &fakeSources{t: t}
			in := valid
			opt := func(o *EnsureSourceOptions) { tt.change(&in, o) }
			tt.change(&in, &EnsureSourceOptions{})
			for _, op := range []string{"EnsureS3TableIntegrationSource", "TeardownS3TableIntegrationSource"} {
				var err error
				if op == "EnsureS3TableIntegrationSource" {
					_, err = EnsureS3TableIntegrationSource(context.Background(), f, &in, opt)
				} else {
					_, err = TeardownS3TableIntegrationSource(context.Background(), f, &in, opt)
				}
				want := "cwlogs: " + op + ": invalid input: " + tt.wantErr
				if !errors.Is(err, ErrInvalidParameter) || err.Error() != want {
					t.Errorf("err = %v\nwant  %s", err, want)
				}
			}
			if len(f.calls) != 0 {
				t.Errorf("calls %v, want none", f.calls)
			}
		})
	}
}
