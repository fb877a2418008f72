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

// Steps of the fake's associations, disassociations and listings.
var (
	// errApplied: the call takes effect, and the client cannot learn it.
	errApplied = fmt.Errorf("cwlogs: call: %w: connection reset after the request", ErrOutcomeUnknown)
	// errAppliedFailed: the association takes effect, its source FAILED
	// at once, and the client cannot learn it.
	errAppliedFailed = fmt.Errorf("cwlogs: call: %w: connection reset after the request, FAILED", ErrOutcomeUnknown)
	// errNotApplied: the call does not take effect, and the client cannot
	// learn it.
	errNotApplied = fmt.Errorf("cwlogs: call: %w: connection reset", ErrOutcomeUnknown)
	// errGone: the source is gone already (a disassociation).
	errGone = &APIError{Operation: "DisassociateSourceFromS3TableIntegration", Code: "ResourceNotFoundException", StatusCode: 400}
	// errDenied: refused (a listing).
	errDenied = &APIError{Operation: "ListSourcesForS3TableIntegration", Code: "AccessDeniedException", StatusCode: 400}
)

// fakeSources is a small stateful S3 Table integration. Associate adds a
// source, UNHEALTHY; every UNHEALTHY source is ACTIVE (or FAILED with
// failReason) once more than activeAfter listings have listed it.
// Disassociate makes a source DATA_SOURCE_DELETE_IN_PROGRESS, gone once
// more than deleteAfter listings have listed it so (a DELETING one too).
// Listings return pages of one source, and move the clock by listCost. The steps script the
// calls of each operation in turn: nil processes the call; errApplied
// (errAppliedFailed) processes it and returns that error; errGone removes
// the source and returns that error; any other error is returned without
// processing the call.
type fakeSources struct {
	t           *testing.T
	clock       *fakeClock
	listCost    time.Duration
	activeAfter int
	deleteAfter int
	failReason  string
	assoc       []error
	disassoc    []error
	lists       []error
	// cancel, if set, is called by every association.
	cancel context.CancelFunc
	// noIdentifier makes associations succeed without an identifier.
	noIdentifier bool
	// beforeList, if set, is called before listing number n (from 1),
	// with mu held.
	beforeList func(n int)

	mu      sync.Mutex
	sources []S3TableIntegrationSource
	age     map[string]int // listings that listed each source in its status
	nextID  int
	calls   []string // the operation of each call, List once a listing
	regions []string // the Region the optFns of each call make
}

func (f *fakeSources) step(steps *[]error) error {
	if len(*steps) == 0 {
		return nil
	}
	err := (*steps)[0]
	*steps = (*steps)[1:]
	return err
}

// record records a call and what its optFns make.
func (f *fakeSources) record(op string, optFns []func(*Options)) {
	var o Options
	for _, fn := range optFns {
		fn(&o)
	}
	f.calls = append(f.calls, op)
	f.regions = append(f.regions, o.Region)
}

func (f *fakeSources) AssociateSourceToS3TableIntegration(_ context.Context, in *AssociateSourceToS3TableIntegrationInput, optFns ...func(*Options)) (*AssociateSourceToS3TableIntegrationOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Associate", optFns)
	if f.cancel != nil {
		f.cancel()
	}
	err := f.step(&f.assoc)
	if err != nil && err != errApplied && err != errAppliedFailed {
		return nil, err
	}
	f.nextID++
	s := S3TableIntegrationSource{Identifier: "src-" + strconv.Itoa(f.nextID), DataSource: in.DataSource, Status: S3TableIntegrationSourceStatusUnhealthy}
	if err == errAppliedFailed {
		s.Status = S3TableIntegrationSourceStatusFailed
	}
	f.sources = append(f.sources, s)
	switch {
	case err != nil:
		return nil, err
	case f.noIdentifier:
		return &AssociateSourceToS3TableIntegrationOutput{}, nil
	}
	return &AssociateSourceToS3TableIntegrationOutput{Identifier: s.Identifier}, nil
}

func (f *fakeSources) DisassociateSourceFromS3TableIntegration(_ context.Context, in *DisassociateSourceFromS3TableIntegrationInput, optFns ...func(*Options)) (*DisassociateSourceFromS3TableIntegrationOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Disassociate", optFns)
	err := f.step(&f.disassoc)
	if err == errGone {
		f.sources = slices.DeleteFunc(f.sources, func(s S3TableIntegrationSource) bool { return s.Identifier == in.Identifier })
	}
	if err != nil && err != errApplied {
		return nil, err
	}
	for i := range f.sources {
		if f.sources[i].Identifier == in.Identifier {
			f.sources[i].Status, f.sources[i].StatusReason = S3TableIntegrationSourceStatusDataSourceDeleteInProgress, ""
			f.age[in.Identifier] = 0
		}
	}
	if err != nil {
		return nil, err
	}
	return &DisassociateSourceFromS3TableIntegrationOutput{Identifier: in.Identifier}, nil
}

func (f *fakeSources) ListSourcesForS3TableIntegration(_ context.Context, in *ListSourcesForS3TableIntegrationInput, optFns ...func(*Options)) (*ListSourcesForS3TableIntegrationOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if in.IntegrationArn != waitARN {
		f.t.Errorf("listed %q", in.IntegrationArn)
	}
	i := 0
	if in.NextToken == "" {
		f.record("List", optFns)
		f.clock.advance(f.listCost)
		if f.beforeList != nil {
			f.beforeList(f.listings())
		}
		if err := f.step(&f.lists); err != nil {
			return nil, err
		}
		f.tick()
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

// listings returns the number of listings made. mu is held.
func (f *fakeSources) listings() int {
	n := 0
	for _, c := range f.calls {
		if c == "List" {
			n++
		}
	}
	return n
}

// tick moves every source on by one listing.
func (f *fakeSources) tick() {
	kept := f.sources[:0]
	for _, s := range f.sources {
		f.age[s.Identifier]++
		age := f.age[s.Identifier]
		switch {
		case (s.Status == S3TableIntegrationSourceStatusDataSourceDeleteInProgress || s.Status == "DELETING") && age > f.deleteAfter:
			continue // gone
		case s.Status == S3TableIntegrationSourceStatusUnhealthy && age > f.activeAfter && f.failReason != "":
			s.Status, s.StatusReason = S3TableIntegrationSourceStatusFailed, f.failReason
		case s.Status == S3TableIntegrationSourceStatusUnhealthy && age > f.activeAfter:
			s.Status = S3TableIntegrationSourceStatusActive
		}
		kept = append(kept, s)
	}
	f.sources = kept
}

func newFakeSources(t *testing.T, existing ...S3TableIntegrationSource) *fakeSources {
	return &fakeSources{t: t, clock: newFakeClock(), activeAfter: 1, sources: slices.Clone(existing), age: map[string]int{}}
}

func eksSource(id, typ string, status S3TableIntegrationSourceStatus) S3TableIntegrationSource {
	return S3TableIntegrationSource{Identifier: id, DataSource: DataSource{Name: "amazon_eks", Type: typ}, Status: status}
}

var eksAudit = DataSource{Name: "amazon_eks", Type: "audit"}

// sourcePollStatus tells a poll in a word: the status listed, "not
// listed", or "error".
func sourcePollStatus(p S3TableIntegrationSourceWaitPoll) string {
	switch {
	case p.Source != nil:
		return string(p.Source.Status)
	case errors.Is(p.Err, ErrResourceNotFound):
		return "not listed"
	}
	return "error"
}

// TestEnsureS3TableIntegrationSource runs EnsureS3TableIntegrationSource
// against a fake integration: the calls, the polls, the result and the
// error.
func TestEnsureS3TableIntegrationSource(t *testing.T) {
	t.Parallel()
	active := func(id string) *S3TableIntegrationSource {
		return &S3TableIntegrationSource{Identifier: id, DataSource: eksAudit, Status: S3TableIntegrationSourceStatusActive}
	}
	tests := []struct {
		name     string
		existing []S3TableIntegrationSource
		in       *AssociateSourceToS3TableIntegrationInput // eksAudit if nil
		fake     func(f *fakeSources)
		noWait   bool
		maxWait  time.Duration

		wantCalls []string
		wantPolls []string
		want      *EnsureS3TableIntegrationSourceResult
		wantIs    []error
		wantNot   []error
		wantErr   string // the error's text, or a part of it after "…"
	}{
		{
			name:      "absent: associated, then ACTIVE",
			wantCalls: []string{"List", "Associate", "List", "List"},
			wantPolls: []string{"UNHEALTHY", "ACTIVE"},
			want:      &EnsureS3TableIntegrationSourceResult{Created: true, Identifier: "src-1", Source: active("src-1")},
		},
		{
			name:      "absent, without waiting",
			noWait:    true,
			wantCalls: []string{"List", "Associate"},
			want:      &EnsureS3TableIntegrationSourceResult{Created: true, Identifier: "src-1"},
		},
		{
			name:      "present and ACTIVE, on the second page: only listed",
			existing:  []S3TableIntegrationSource{eksSource("other", "", "ACTIVE"), eksSource("there", "audit", "ACTIVE")},
			wantCalls: []string{"List"},
			want:      &EnsureS3TableIntegrationSourceResult{Identifier: "there", Source: active("there")},
		},
		{
			name:      "the ACTIVE one of two live sources",
			existing:  []S3TableIntegrationSource{eksSource("first", "audit", "UNHEALTHY"), eksSource("second", "audit", "ACTIVE")},
			wantCalls: []string{"List"},
			want:      &EnsureS3TableIntegrationSourceResult{Identifier: "second", Source: active("second")},
		},
		{
			name: "the type is compared exactly: an empty one matches only an empty one",
			existing: []S3TableIntegrationSource{eksSource("audit", "audit", "ACTIVE"), eksSource("AUDIT", "AUDIT", "ACTIVE"),
				eksSource("none", "", "ACTIVE")},
			in:        &AssociateSourceToS3TableIntegrationInput{IntegrationArn: waitARN, DataSource: DataSource{Name: "amazon_eks"}},
			wantCalls: []string{"List"},
			want: &EnsureS3TableIntegrationSourceResult{Identifier: "none",
				Source: &S3TableIntegrationSource{Identifier: "none", DataSource: DataSource{Name: "amazon_eks"}, Status: "ACTIVE"}},
		},
		{
			name:      "only another type: associated",
			existing:  []S3TableIntegrationSource{eksSource("none", "", "ACTIVE"), eksSource("AUDIT", "AUDIT", "ACTIVE")},
			noWait:    true,
			wantCalls: []string{"List", "Associate"},
			want:      &EnsureS3TableIntegrationSourceResult{Created: true, Identifier: "src-1"},
		},
		{
			name: "going away or failed: associated anew",
			existing: []S3TableIntegrationSource{eksSource("old", "audit", "DATA_SOURCE_DELETE_IN_PROGRESS"),
				eksSource("bad", "audit", "FAILED"), eksSource("gone", "audit", "DELETING")},
			noWait:    true,
			wantCalls: []string{"List", "Associate"},
			want:      &EnsureS3TableIntegrationSourceResult{Created: true, Identifier: "src-1"},
		},
		{
			name:      "present UNHEALTHY: waited for",
			existing:  []S3TableIntegrationSource{eksSource("there", "audit", "UNHEALTHY")},
			wantCalls: []string{"List", "List"},
			wantPolls: []string{"ACTIVE"},
			want:      &EnsureS3TableIntegrationSourceResult{Identifier: "there", Source: active("there")},
		},
		{
			name:      "present in a status this package does not know: waited for",
			existing:  []S3TableIntegrationSource{eksSource("there", "audit", "STARTING")},
			maxWait:   3 * time.Second,
			wantCalls: []string{"List", "List", "List", "List"},
			wantPolls: []string{"STARTING", "STARTING", "STARTING"},
			want: &EnsureS3TableIntegrationSourceResult{Identifier: "there",
				Source: &S3TableIntegrationSource{Identifier: "there", DataSource: eksAudit, Status: "STARTING"}},
			wantIs: []error{ErrWaitTimeout},
		},
		{
			name:      "unknown association that took effect: found by the listing",
			fake:      func(f *fakeSources) { f.assoc = []error{errApplied} },
			noWait:    true,
			wantCalls: []string{"List", "Associate", "List"},
			want: &EnsureS3TableIntegrationSourceResult{Created: true, Identifier: "src-1",
				Source: &S3TableIntegrationSource{Identifier: "src-1", DataSource: eksAudit, Status: "UNHEALTHY"}},
		},
		{
			name:      "unknown association that took effect, then waited for",
			fake:      func(f *fakeSources) { f.assoc = []error{errApplied} },
			wantCalls: []string{"List", "Associate", "List", "List"},
			wantPolls: []string{"ACTIVE"},
			want:      &EnsureS3TableIntegrationSourceResult{Created: true, Identifier: "src-1", Source: active("src-1")},
		},
		{
			name:      "unknown association that did not: made once more",
			fake:      func(f *fakeSources) { f.assoc = []error{errNotApplied} },
			noWait:    true,
			wantCalls: []string{"List", "Associate", "List", "Associate"},
			want:      &EnsureS3TableIntegrationSourceResult{Created: true, Identifier: "src-1"},
		},
		{
			name:      "unknown association, and only the sources going away of the lookup: made once more",
			existing:  []S3TableIntegrationSource{eksSource("old", "audit", "DATA_SOURCE_DELETE_IN_PROGRESS"), eksSource("bad", "audit", "FAILED")},
			fake:      func(f *fakeSources) { f.assoc, f.deleteAfter = []error{errNotApplied}, 10 },
			noWait:    true,
			wantCalls: []string{"List", "Associate", "List", "Associate"},
			want:      &EnsureS3TableIntegrationSourceResult{Created: true, Identifier: "src-1"},
		},
		{
			name:      "unknown association, and a new source FAILED: unknown",
			fake:      func(f *fakeSources) { f.assoc = []error{errAppliedFailed} },
			wantCalls: []string{"List", "Associate", "List"},
			wantIs:    []error{ErrOutcomeUnknown},
			wantErr: `cwlogs: EnsureS3TableIntegrationSource: the association of data source "amazon_eks/audit" may or may not have happened ` +
				`(reading it back: found source "src-1" FAILED): cwlogs: call: cwlogs: outcome unknown: connection reset after the request, FAILED`,
		},
		{
			name:      "unknown twice: unknown",
			fake:      func(f *fakeSources) { f.assoc = []error{errNotApplied, errNotApplied} },
			wantCalls: []string{"List", "Associate", "List", "Associate", "List"},
			wantIs:    []error{ErrOutcomeUnknown},
			wantErr:   `…the association of data source "amazon_eks/audit" may or may not have happened (reading it back: none found after the second association either)`,
		},
		{
			name:      "unknown, and the listing fails: unknown, not the listing's error",
			fake:      func(f *fakeSources) { f.assoc, f.lists = []error{errNotApplied}, []error{nil, errDenied} },
			wantCalls: []string{"List", "Associate", "List"},
			wantIs:    []error{ErrOutcomeUnknown},
			wantNot:   []error{ErrAccessDenied},
			wantErr:   `…may or may not have happened (reading it back: ListSourcesForS3TableIntegration: AccessDeniedException`,
		},
		{
			name:      "the lookup fails: its error",
			fake:      func(f *fakeSources) { f.lists = []error{errDenied} },
			wantCalls: []string{"List"},
			wantIs:    []error{ErrAccessDenied},
		},
		{
			name: "refused: the error as it is",
			fake: func(f *fakeSources) {
				f.assoc = []error{&APIError{Code: "ValidationException", Message: "Integration not found"}}
			},
			wantCalls: []string{"List", "Associate"},
			wantIs:    []error{ErrValidation},
			wantNot:   []error{ErrOutcomeUnknown},
		},
		{
			name:      "FAILED while waited for",
			fake:      func(f *fakeSources) { f.failReason = "The role cannot write to the table bucket" },
			wantCalls: []string{"List", "Associate", "List", "List"},
			wantPolls: []string{"UNHEALTHY", "FAILED"},
			want: &EnsureS3TableIntegrationSourceResult{Created: true, Identifier: "src-1",
				Source: &S3TableIntegrationSource{Identifier: "src-1", DataSource: eksAudit, Status: "FAILED", StatusReason: "The role cannot write to the table bucket"}},
			wantIs:  []error{ErrS3TableIntegrationSourceFailed},
			wantErr: `cwlogs: S3 Table integration source "src-1" FAILED: The role cannot write to the table bucket`,
		},
		{
			name:     "disassociated while waited for: not found once gone",
			existing: []S3TableIntegrationSource{eksSource("there", "audit", "UNHEALTHY")},
			fake: func(f *fakeSources) {
				f.activeAfter = 100
				f.beforeList = func(n int) {
					if n == 5 { // the lookup, three polls, then another hand disassociates it
						f.sources[0].Status = S3TableIntegrationSourceStatusDataSourceDeleteInProgress
					}
				}
			},
			maxWait:   time.Hour,
			wantCalls: slices.Repeat([]string{"List"}, 1+31),
			wantPolls: append(slices.Repeat([]string{"UNHEALTHY"}, 3), slices.Repeat([]string{"not listed"}, 28)...),
			want: &EnsureS3TableIntegrationSourceResult{Identifier: "there",
				Source: &S3TableIntegrationSource{Identifier: "there", DataSource: eksAudit, Status: "UNHEALTHY"}},
			wantIs: []error{ErrResourceNotFound},
		},
		{
			name:     "never ACTIVE within MaxWait: the source as the last poll listed it",
			existing: []S3TableIntegrationSource{eksSource("there", "audit", "UNHEALTHY")},
			fake: func(f *fakeSources) {
				f.activeAfter = 100
				f.beforeList = func(n int) { f.sources[0].StatusReason = fmt.Sprint("listing ", n) }
			},
			maxWait:   3 * time.Second,
			wantCalls: []string{"List", "List", "List", "List"},
			wantPolls: []string{"UNHEALTHY", "UNHEALTHY", "UNHEALTHY"},
			want: &EnsureS3TableIntegrationSourceResult{Identifier: "there",
				Source: &S3TableIntegrationSource{Identifier: "there", DataSource: eksAudit, Status: "UNHEALTHY", StatusReason: "listing 4"}},
			wantIs: []error{ErrWaitTimeout},
		},
		{
			name:      "never ACTIVE within a MaxWait above the default",
			existing:  []S3TableIntegrationSource{eksSource("there", "audit", "UNHEALTHY")},
			fake:      func(f *fakeSources) { f.activeAfter = 1000 },
			maxWait:   7 * time.Minute,
			wantCalls: slices.Repeat([]string{"List"}, 1+420),
			wantPolls: slices.Repeat([]string{"UNHEALTHY"}, 420),
			want: &EnsureS3TableIntegrationSourceResult{Identifier: "there",
				Source: &S3TableIntegrationSource{Identifier: "there", DataSource: eksAudit, Status: "UNHEALTHY"}},
			wantIs: []error{ErrWaitTimeout},
		},
		{
			name:      "never ACTIVE within the default MaxWait: 5 minutes",
			existing:  []S3TableIntegrationSource{eksSource("there", "audit", "UNHEALTHY")},
			fake:      func(f *fakeSources) { f.activeAfter = 1000 },
			wantCalls: slices.Repeat([]string{"List"}, 1+300),
			wantPolls: slices.Repeat([]string{"UNHEALTHY"}, 300),
			want: &EnsureS3TableIntegrationSourceResult{Identifier: "there",
				Source: &S3TableIntegrationSource{Identifier: "there", DataSource: eksAudit, Status: "UNHEALTHY"}},
			wantIs: []error{ErrWaitTimeout},
		},
		{
			name:      "an association without an identifier: an invalid response",
			fake:      func(f *fakeSources) { f.noIdentifier = true },
			wantCalls: []string{"List", "Associate"},
			wantIs:    []error{ErrInvalidResponse},
			wantErr:   "cwlogs: AssociateSourceToS3TableIntegration: invalid response: no identifier and no error",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeSources(t, tt.existing...)
			if tt.fake != nil {
				tt.fake(f)
			}
			in := tt.in
			if in == nil {
				in = &AssociateSourceToS3TableIntegrationInput{IntegrationArn: waitARN, DataSource: eksAudit}
			}
			var polls []string
			res, err := EnsureS3TableIntegrationSource(context.Background(), f, in, func(o *EnsureS3TableIntegrationSourceOptions) {
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

// checkErr checks that err is nil when wantIs is empty, and otherwise
// matches each of wantIs, none of wantNot, and reads wantErr (or, when
// wantErr starts with "…", contains the rest).
func checkErr(t *testing.T, err error, wantIs, wantNot []error, wantErr string) {
	t.Helper()
	if len(wantIs) == 0 {
		if err != nil {
			t.Errorf("err = %v, want nil", err)
		}
		return
	}
	for _, target := range wantIs {
		if !errors.Is(err, target) {
			t.Errorf("err = %v, want one matching %v", err, target)
		}
	}
	for _, target := range wantNot {
		if errors.Is(err, target) {
			t.Errorf("err = %v matches %v, want it not to", err, target)
		}
	}
	if err == nil {
		return
	}
	if part, ok := strings.CutPrefix(wantErr, "…"); ok {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("err = %v\nwant it to contain %s", err, part)
		}
	} else if wantErr != "" && err.Error() != wantErr {
		t.Errorf("err = %v\nwant  %s", err, wantErr)
	}
}

// TestEnsureS3TableIntegrationSourceCancelled checks that an association
// whose outcome is unknown when ctx has ended is not checked: the error
// matches ErrOutcomeUnknown and ctx's error, and nothing more is sent.
func TestEnsureS3TableIntegrationSourceCancelled(t *testing.T) {
	t.Parallel()
	f := newFakeSources(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f.cancel, f.assoc = cancel, []error{errNotApplied}
	in := &AssociateSourceToS3TableIntegrationInput{IntegrationArn: waitARN, DataSource: eksAudit}
	res, err := EnsureS3TableIntegrationSource(ctx, f, in)
	if diff := cmp.Diff([]string{"List", "Associate"}, f.calls); diff != "" {
		t.Errorf("calls mismatch (-want +got):\n%s", diff)
	}
	if res != nil {
		t.Errorf("result %+v, want nil", res)
	}
	checkErr(t, err, []error{ErrOutcomeUnknown, context.Canceled}, nil,
		`…the association of data source "amazon_eks/audit" may or may not have happened (the check was not made)`)
}

// TestEnsureS3TableIntegrationSourceClientOptions checks that
// ClientOptions reach every call, and that the waiter's ClientOptions
// follow them on its polls.
func TestEnsureS3TableIntegrationSourceClientOptions(t *testing.T) {
	t.Parallel()
	add := func(s string) func(*Options) { return func(o *Options) { o.Region += s } }
	in := &AssociateSourceToS3TableIntegrationInput{IntegrationArn: waitARN, DataSource: eksAudit}
	f := newFakeSources(t)
	_, err := EnsureS3TableIntegrationSource(context.Background(), f, in, func(o *EnsureS3TableIntegrationSourceOptions) {
		o.ClientOptions = []func(*Options){add("a"), add("b")}
		o.Waiter.ClientOptions = []func(*Options){add("w")}
		o.Waiter.MinDelay, o.Waiter.MaxDelay, o.Waiter.clock = time.Second, time.Second, f.clock
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"ab", "ab", "abw", "abw"}, f.regions); diff != "" {
		t.Errorf("options of the calls %v mismatch (-want +got):\n%s", f.calls, diff)
	}

	f = newFakeSources(t, eksSource("there", "audit", "ACTIVE"))
	_, err = TeardownS3TableIntegrationSource(context.Background(), f, in, func(o *TeardownS3TableIntegrationSourceOptions) {
		o.ClientOptions = []func(*Options){add("a")}
		o.Waiter.ClientOptions = []func(*Options){add("w")}
		o.Waiter.MinDelay, o.Waiter.MaxDelay, o.Waiter.clock = time.Second, time.Second, f.clock
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a", "a", "aw"}, f.regions); diff != "" {
		t.Errorf("options of the calls %v mismatch (-want +got):\n%s", f.calls, diff)
	}
}

// TestEnsureS3TableIntegrationSourceChecksBeforeAnyRequest checks that an
// input, or options, that cannot work are refused before any request,
// naming the field, by both functions.
func TestEnsureS3TableIntegrationSourceChecksBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		change  func(c *sourceCall)
		wantErr string // after "cwlogs: <function>: invalid input: "
	}{
		{"nil api", func(c *sourceCall) { c.api = nil }, "api is nil"},
		{"nil *Client", func(c *sourceCall) { c.api = (*Client)(nil) }, "api is nil"},
		{"no ARN", func(c *sourceCall) { c.in.IntegrationArn = "" }, "IntegrationArn is required"},
		{"not an ARN", func(c *sourceCall) { c.in.IntegrationArn = "s3tableintegration/x" },
			`IntegrationArn is "s3tableintegration/x", want an ARN (arn:partition:service:region:account-id:resource)`},
		{"no name", func(c *sourceCall) { c.in.DataSource.Name = "" }, "DataSource.Name is required"},
		{"type not UTF-8", func(c *sourceCall) { c.in.DataSource.Type = "a\xff" }, `DataSource.Type is "a\xff", which is not valid UTF-8 (byte 1)`},
		{"negative MaxWait", func(c *sourceCall) { c.maxWait = -time.Second }, "MaxWait is -1s, want zero or more"},
		{"waiter delays that cannot work", func(c *sourceCall) { c.minDelay, c.maxDelay = time.Minute, time.Second },
			"Waiter.MinDelay is 1m0s, more than MaxDelay (1s)"},
		{"negative waiter delay", func(c *sourceCall) { c.maxDelay = -time.Second }, "Waiter.MaxDelay is -1s, want zero or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeSources(t)
			c := sourceCall{api: f, in: AssociateSourceToS3TableIntegrationInput{IntegrationArn: waitARN, DataSource: eksAudit}}
			tt.change(&c)
			_, err := EnsureS3TableIntegrationSource(context.Background(), c.api, &c.in, func(o *EnsureS3TableIntegrationSourceOptions) {
				o.MaxWait, o.Waiter.MinDelay, o.Waiter.MaxDelay = c.maxWait, c.minDelay, c.maxDelay
			})
			checkErr(t, err, []error{ErrInvalidParameter}, nil, "cwlogs: EnsureS3TableIntegrationSource: invalid input: "+tt.wantErr)
			_, err = TeardownS3TableIntegrationSource(context.Background(), c.api, &c.in, func(o *TeardownS3TableIntegrationSourceOptions) {
				o.MaxWait, o.Waiter.MinDelay, o.Waiter.MaxDelay = c.maxWait, c.minDelay, c.maxDelay
			})
			checkErr(t, err, []error{ErrInvalidParameter}, nil, "cwlogs: TeardownS3TableIntegrationSource: invalid input: "+tt.wantErr)
			if len(f.calls) != 0 {
				t.Errorf("calls %v, want none", f.calls)
			}
		})
	}

	// A nil input is an empty one; delays that cannot work do not matter
	// when there is no wait.
	f := newFakeSources(t)
	_, err := EnsureS3TableIntegrationSource(context.Background(), f, nil)
	checkErr(t, err, []error{ErrInvalidParameter}, nil, "cwlogs: EnsureS3TableIntegrationSource: invalid input: IntegrationArn is required")
	_, err = TeardownS3TableIntegrationSource(context.Background(), f, nil)
	checkErr(t, err, []error{ErrInvalidParameter}, nil, "cwlogs: TeardownS3TableIntegrationSource: invalid input: IntegrationArn is required")
	in := &AssociateSourceToS3TableIntegrationInput{IntegrationArn: waitARN, DataSource: eksAudit}
	_, err = EnsureS3TableIntegrationSource(context.Background(), f, in, func(o *EnsureS3TableIntegrationSourceOptions) {
		o.NoWait, o.Waiter.MinDelay, o.Waiter.MaxDelay = true, time.Minute, time.Second
	})
	checkErr(t, err, nil, nil, "")
}

// sourceCall is the arguments of a call of EnsureS3TableIntegrationSource
// or TeardownS3TableIntegrationSource that a test changes.
type sourceCall struct {
	api                         S3TableIntegrationSourcesAPI
	in                          AssociateSourceToS3TableIntegrationInput
	maxWait, minDelay, maxDelay time.Duration
}
