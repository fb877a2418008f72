package cwlogs

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fakeClock is a waiter's clock that moves only when the waiter sleeps or
// a poll takes time.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 9, 15, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.advance(d)
	return nil
}

// answer is one answer of a scripted GetIntegration.
type answer struct {
	status  IntegrationStatus
	details IntegrationDetails
	err     error
	took    time.Duration // how far the poll moves the fake clock
}

// scriptedAPI answers GetIntegration with its answers in turn, the last
// one again and again, and records when each call was made.
type scriptedAPI struct {
	clock   *fakeClock
	answers []answer
	calls   []time.Time
}

func (s *scriptedAPI) GetIntegration(ctx context.Context, params *GetIntegrationInput, _ ...func(*Options)) (*GetIntegrationOutput, error) {
	s.calls = append(s.calls, s.clock.now())
	a := s.answers[min(len(s.calls), len(s.answers))-1]
	s.clock.advance(a.took)
	if a.err != nil {
		return nil, a.err
	}
	return &GetIntegrationOutput{IntegrationName: params.IntegrationName, IntegrationType: IntegrationTypeOpenSearch,
		IntegrationStatus: a.status, IntegrationDetails: a.details}, nil
}

func apiError(code string, status int) *APIError {
	return &APIError{Operation: "GetIntegration", Code: code, Message: "m", StatusCode: status, RequestID: "r"}
}

var (
	errNotFound     = apiError("ResourceNotFoundException", 400)
	errThrottled    = apiError("ThrottlingException", 400)
	errUnavailable  = apiError("ServiceUnavailableException", 503)
	errAccessDenied = apiError("AccessDeniedException", 400)
)

// pendingDetails has a collection not found, a workspace not reported and
// the rest ACTIVE.
func pendingDetails() *OpenSearchIntegrationDetails {
	ok := OpenSearchResourceStatus{Status: OpenSearchResourceStatusTypeActive}
	return &OpenSearchIntegrationDetails{
		DataSource:       &OpenSearchDataSource{DataSourceName: "ds", Status: ok},
		Application:      &OpenSearchApplication{ApplicationArn: "app", Status: ok},
		Collection:       &OpenSearchCollection{CollectionArn: "coll", Status: OpenSearchResourceStatus{Status: "NOT_FOUND", StatusMessage: "being created"}},
		EncryptionPolicy: &OpenSearchPolicy{PolicyName: "enc", Status: ok},
		NetworkPolicy:    &OpenSearchPolicy{PolicyName: "net", Status: ok},
		AccessPolicy:     &OpenSearchPolicy{PolicyName: "acc", Status: ok},
		LifecyclePolicy:  &OpenSearchPolicy{PolicyName: "life", Status: ok},
	}
}

// failedDetails has three problems: the collection in ERROR after the data
// source NOT_FOUND, and the workspace not reported.
func failedDetails(collectionMessage string) *OpenSearchIntegrationDetails {
	d := pendingDetails()
	d.DataSource.Status = OpenSearchResourceStatus{Status: "NOT_FOUND", StatusMessage: "gone"}
	d.Collection.Status = OpenSearchResourceStatus{Status: "ERROR", StatusMessage: collectionMessage}
	return d
}

var (
	provisioning = answer{status: IntegrationStatusProvisioning, details: pendingDetails()}
	activeAnswer = answer{status: IntegrationStatusActive}
)

// polls records what OnPoll was given, and when.
type polls struct {
	clock *fakeClock
	got   []WaitPoll
	at    []time.Time
}

func (p *polls) onPoll(w WaitPoll) {
	p.got = append(p.got, w)
	p.at = append(p.at, p.clock.now())
}

// nexts returns the Next value of each poll, or -1 alone if the attempts
// were not numbered 1, 2, ...
func (p *polls) nexts() []time.Duration {
	var ds []time.Duration
	for i, w := range p.got {
		if w.Attempt != i+1 {
			return []time.Duration{-1} // fails any comparison
		}
		ds = append(ds, w.Next)
	}
	return ds
}

func TestIntegrationActiveWaiter(t *testing.T) {
	t.Parallel()
	const s = time.Second
	tests := []struct {
		name     string
		answers  []answer
		maxWait  time.Duration
		minDelay time.Duration // and MaxDelay: the delays are fixed
		grace    time.Duration

		wantNexts []time.Duration // Next of each poll, in seconds
		wantIs    []error         // errors.Is(err, each)
		wantNotIs []error         // !errors.Is(err, each)
		wantErr   string          // the error's text; "" for success
	}{
		{
			name:      "ACTIVE after 3 polls",
			answers:   []answer{provisioning, provisioning, activeAnswer},
			maxWait:   time.Hour,
			minDelay:  10 * s,
			wantNexts: []time.Duration{10 * s, 10 * s, 0},
		},
		{
			name:      "FAILED",
			answers:   []answer{provisioning, {status: IntegrationStatusFailed, details: failedDetails("Collection creation failed: quota of 50 collections reached")}},
			maxWait:   time.Hour,
			minDelay:  10 * s,
			wantNexts: []time.Duration{10 * s, 0},
			wantIs:    []error{ErrIntegrationFailed},
			wantNotIs: []error{ErrWaitTimeout},
			wantErr:   `cwlogs: integration "x" FAILED: 3 resources not active; collection ERROR: Collection creation failed: quota of 50 collections reached`,
		},
		{
			name:      "unknown status keeps polling",
			answers:   []answer{{status: "DEGRADED"}, {status: ""}, activeAnswer},
			maxWait:   time.Hour,
			minDelay:  10 * s,
			wantNexts: []time.Duration{10 * s, 10 * s, 0},
		},
		{
			name:      "not found during the grace, then found",
			answers:   []answer{{err: errNotFound}, {err: errNotFound}, provisioning, activeAnswer},
			maxWait:   time.Hour,
			minDelay:  10 * s,
			wantNexts: []time.Duration{10 * s, 10 * s, 10 * s, 0},
		},
		{
			// Polls at 0, 10, 20 and 30 s: the one at 30 s is past the
			// default grace of 30 s.
			name:      "not found for good",
			answers:   []answer{{err: errNotFound}},
			maxWait:   time.Hour,
			minDelay:  10 * s,
			wantNexts: []time.Duration{10 * s, 10 * s, 10 * s, 0},
			wantIs:    []error{ErrResourceNotFound},
			wantNotIs: []error{ErrWaitTimeout},
			wantErr:   `cwlogs: wait for integration "x" to be ACTIVE: stopped by an error after 4 polls; no status seen; last error: GetIntegration: ResourceNotFoundException: m (status 400, request id r)`,
		},
		{
			name:      "default grace, a nanosecond before it ends",
			answers:   []answer{{err: errNotFound}},
			maxWait:   time.Hour,
			minDelay:  30*s - 1,
			wantNexts: []time.Duration{30*s - 1, 30*s - 1, 0},
			wantIs:    []error{ErrResourceNotFound},
		},
		{
			name:      "default grace, when it ends",
			answers:   []answer{{err: errNotFound}},
			maxWait:   time.Hour,
			minDelay:  30 * s,
			wantNexts: []time.Duration{30 * s, 0},
			wantIs:    []error{ErrResourceNotFound},
		},
		{
			name:      "grace set",
			answers:   []answer{{err: errNotFound}},
			maxWait:   time.Hour,
			minDelay:  s,
			grace:     3 * s,
			wantNexts: []time.Duration{s, s, s, 0},
			wantIs:    []error{ErrResourceNotFound},
		},
		{
			name:      "no grace",
			answers:   []answer{{err: errNotFound}, activeAnswer},
			maxWait:   time.Hour,
			minDelay:  s,
			grace:     -1,
			wantNexts: []time.Duration{0},
			wantIs:    []error{ErrResourceNotFound},
		},
		{
			name:      "throttled, unavailable, then ACTIVE",
			answers:   []answer{{err: errThrottled}, {err: errUnavailable}, activeAnswer},
			maxWait:   time.Hour,
			minDelay:  10 * s,
			wantNexts: []time.Duration{10 * s, 10 * s, 0},
		},
		{
			name:      "hard error ends at once",
			answers:   []answer{provisioning, {err: errAccessDenied}, activeAnswer},
			maxWait:   time.Hour,
			minDelay:  10 * s,
			wantNexts: []time.Duration{10 * s, 0},
			wantIs:    []error{ErrAccessDenied},
			wantNotIs: []error{ErrWaitTimeout, ErrIntegrationFailed},
			wantErr:   `cwlogs: wait for integration "x" to be ACTIVE: stopped by an error after 2 polls; last status PROVISIONING; 2 resources not active: collection NOT_FOUND, workspace not reported; last error: GetIntegration: AccessDeniedException: m (status 400, request id r)`,
		},
		{
			// Polls at 0, 10, ..., 50 s; then 10 s are left, no more than
			// MinDelay.
			name:      "timeout names the pending resources",
			answers:   []answer{provisioning},
			maxWait:   time.Minute,
			minDelay:  10 * s,
			wantNexts: []time.Duration{10 * s, 10 * s, 10 * s, 10 * s, 10 * s, 0},
			wantIs:    []error{ErrWaitTimeout},
			wantNotIs: []error{context.DeadlineExceeded, ErrResourceNotFound},
			wantErr:   `cwlogs: wait for integration "x" to be ACTIVE: timed out after 6 polls; last status PROVISIONING; 2 resources not active: collection NOT_FOUND, workspace not reported`,
		},
		{
			name:      "timeout after a throttled poll wraps its error",
			answers:   []answer{provisioning, {err: errThrottled}},
			maxWait:   25 * s,
			minDelay:  10 * s,
			wantNexts: []time.Duration{10 * s, 10 * s, 0},
			wantIs:    []error{ErrWaitTimeout, ErrThrottling},
			wantErr:   `cwlogs: wait for integration "x" to be ACTIVE: timed out after 3 polls; last status PROVISIONING; 2 resources not active: collection NOT_FOUND, workspace not reported; last error: GetIntegration: ThrottlingException: m (status 400, request id r)`,
		},
		{
			name:      "timeout inside the not-found grace",
			answers:   []answer{{err: errNotFound}},
			maxWait:   15 * s,
			minDelay:  5 * s,
			wantNexts: []time.Duration{5 * s, 5 * s, 0},
			wantIs:    []error{ErrWaitTimeout, ErrResourceNotFound},
		},
		{
			// A slow poll uses up the time: no delay follows it.
			name:      "a slow poll leaves less than MinDelay",
			answers:   []answer{{status: IntegrationStatusProvisioning, took: 55 * s}},
			maxWait:   time.Minute,
			minDelay:  10 * s,
			wantNexts: []time.Duration{0},
			wantIs:    []error{ErrWaitTimeout},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			api := &scriptedAPI{clock: clock, answers: tt.answers}
			p := &polls{clock: clock}
			w := NewIntegrationActiveWaiter(api, func(o *IntegrationActiveWaiterOptions) {
				o.MinDelay, o.MaxDelay, o.NotFoundGrace = tt.minDelay, tt.minDelay, tt.grace
				o.OnPoll = p.onPoll
				o.clock = clock
			})
			out, err := w.WaitForOutput(context.Background(), &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait)
			if diff := cmp.Diff(tt.wantNexts, p.nexts()); diff != "" {
				t.Errorf("Next of each poll mismatch (-want +got):\n%s", diff)
			}
			if len(api.calls) != len(p.got) {
				t.Errorf("%d calls, %d OnPoll calls", len(api.calls), len(p.got))
			}
			if tt.wantErr == "" && len(tt.wantIs) == 0 {
				if err != nil {
					t.Fatalf("err = %v, want nil", err)
				}
				if out == nil || out.IntegrationStatus != IntegrationStatusActive || out != p.got[len(p.got)-1].Output {
					t.Errorf("output = %+v, want the last poll's, ACTIVE", out)
				}
				return
			}
			if err == nil || out != nil {
				t.Fatalf("WaitForOutput = %v, %v; want nil and an error", out, err)
			}
			if tt.wantErr != "" && err.Error() != tt.wantErr {
				t.Errorf("err = %s\nwant  %s", err, tt.wantErr)
			}
			checkIs(t, err, tt.wantIs, tt.wantNotIs)
			var werr *WaitError
			if errors.As(err, &werr) && werr.Attempts != len(api.calls) {
				t.Errorf("WaitError.Attempts = %d, want %d", werr.Attempts, len(api.calls))
			}
		})
	}
}

// checkIs checks that err matches each of is and none of isNot.
func checkIs(t *testing.T, err error, is, isNot []error) {
	t.Helper()
	for _, target := range is {
		if !errors.Is(err, target) {
			t.Errorf("errors.Is(err, %v) = false, want true; err: %v", target, err)
		}
	}
	for _, target := range isNot {
		if errors.Is(err, target) {
			t.Errorf("errors.Is(err, %v) = true, want false; err: %v", target, err)
		}
	}
}

// TestIntegrationFailedErrorAs checks what errors.As finds in the error of
// a FAILED integration.
func TestIntegrationFailedErrorAs(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	d := failedDetails("quota")
	api := &scriptedAPI{clock: clock, answers: []answer{{status: IntegrationStatusFailed, details: d}}}
	err := NewIntegrationActiveWaiter(api, func(o *IntegrationActiveWaiterOptions) { o.clock = clock }).
		Wait(context.Background(), &GetIntegrationInput{IntegrationName: "x"}, time.Hour)
	var ferr *IntegrationFailedError
	if !errors.As(err, &ferr) {
		t.Fatalf("err = %v, want an *IntegrationFailedError", err)
	}
	if ferr.Output == nil || ferr.Output.IntegrationDetails != d || ferr.Name != "x" {
		t.Errorf("Output = %+v, Name %q; want the FAILED output, x", ferr.Output, ferr.Name)
	}
	want := []ResourceHealth{
		{Kind: ResourceKindDataSource, ID: "ds", Status: "NOT_FOUND", Message: "gone", Reported: true},
		{Kind: ResourceKindCollection, ID: "coll", Status: "ERROR", Message: "quota", Reported: true},
		{Kind: ResourceKindWorkspace},
	}
	if diff := cmp.Diff(want, ferr.Problems); diff != "" {
		t.Errorf("Problems mismatch (-want +got):\n%s", diff)
	}
}

func TestIntegrationFailedErrorMessage(t *testing.T) {
	t.Parallel()
	long200 := strings.Repeat("é", 199) + "z"
	tests := []struct {
		name     string
		problems []ResourceHealth
		want     string
	}{
		{"none", nil, `cwlogs: integration "x" FAILED`},
		{"first ERROR, not the first problem", []ResourceHealth{
			{Kind: ResourceKindDataSource, Status: "NOT_FOUND", Message: "gone", Reported: true},
			{Kind: ResourceKindCollection, Status: "ERROR", Message: "quota", Reported: true},
			{Kind: ResourceKindWorkspace, Status: "ERROR", Message: "second", Reported: true},
		}, `cwlogs: integration "x" FAILED: 3 resources not active; collection ERROR: quota`},
		{"no ERROR: the first problem", []ResourceHealth{
			{Kind: ResourceKindDataSource, Status: "NOT_FOUND", Reported: true},
			{Kind: ResourceKindWorkspace},
		}, `cwlogs: integration "x" FAILED: 2 resources not active; dataSource NOT_FOUND`},
		{"only one, not reported", []ResourceHealth{{Kind: ResourceKindLifecyclePolicy}},
			`cwlogs: integration "x" FAILED: 1 resource not active; lifecyclePolicy not reported`},
		{"message on one line", []ResourceHealth{
			{Kind: ResourceKindAccessPolicy, Status: "ERROR", Message: "Line 1:\r\n\tbad", Reported: true},
		}, `cwlogs: integration "x" FAILED: 1 resource not active; accessPolicy ERROR: Line 1:   bad`},
		{"200 characters kept", []ResourceHealth{
			{Kind: ResourceKindCollection, Status: "ERROR", Message: long200, Reported: true},
		}, `cwlogs: integration "x" FAILED: 1 resource not active; collection ERROR: ` + long200},
		{"201 characters cut", []ResourceHealth{
			{Kind: ResourceKindCollection, Status: "ERROR", Message: long200 + "!", Reported: true},
		}, `cwlogs: integration "x" FAILED: 1 resource not active; collection ERROR: ` + long200 + "…"},
		{"odd status quoted", []ResourceHealth{
			{Kind: ResourceKindCollection, Status: "BAD STATE", Reported: true},
		}, `cwlogs: integration "x" FAILED: 1 resource not active; collection "BAD STATE"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := &IntegrationFailedError{Name: "x", Problems: tt.problems}
			if got := err.Error(); got != tt.want {
				t.Errorf("Error() = %s\nwant       %s", got, tt.want)
			}
		})
	}
}

// TestWaiterDelays records the delays of a long wait: each is within
// [MinDelay, MaxDelay] and below the exponential ceiling of its poll, the
// longest come close to MaxDelay, and no poll is past the deadline.
func TestWaiterDelays(t *testing.T) {
	t.Parallel()
	const s = time.Second
	tests := []struct {
		name               string
		minDelay, maxDelay time.Duration // as set; zero means the default
		wantMin, wantMax   time.Duration
		maxWait            time.Duration
	}{
		{"set", 2 * s, 16 * s, 2 * s, 16 * s, 30 * time.Minute},
		{"defaults", 0, 0, 10 * s, 60 * s, 4 * time.Hour},
		{"MaxDelay follows a long MinDelay", 2 * time.Minute, 0, 2 * time.Minute, 2 * time.Minute, 3 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			start := clock.now()
			deadline := start.Add(tt.maxWait)
			api := &scriptedAPI{clock: clock, answers: []answer{{status: IntegrationStatusProvisioning, took: 100 * time.Millisecond}}}
			p := &polls{clock: clock}
			err := NewIntegrationActiveWaiter(api).Wait(context.Background(), &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait,
				func(o *IntegrationActiveWaiterOptions) {
					o.MinDelay, o.MaxDelay, o.OnPoll, o.clock = tt.minDelay, tt.maxDelay, p.onPoll, clock
				})
			if !errors.Is(err, ErrWaitTimeout) {
				t.Fatalf("err = %v, want ErrWaitTimeout", err)
			}
			if len(p.got) < 40 {
				t.Fatalf("%d polls, want 40 or more for the test to mean something", len(p.got))
			}
			var longest time.Duration
			for i, w := range p.got {
				if api.calls[i].After(deadline) {
					t.Errorf("poll %d at %v, past the deadline %v", i+1, api.calls[i].Sub(start), tt.maxWait)
				}
				if i == len(p.got)-1 {
					if w.Next != 0 {
						t.Errorf("last poll's Next = %v, want 0", w.Next)
					}
					if left := deadline.Sub(p.at[i]); left > tt.wantMin {
						t.Errorf("timed out with %v left, more than MinDelay %v", left, tt.wantMin)
					}
					continue
				}
				ceiling := tt.wantMax
				if shift := w.Attempt - 1; shift < 20 && tt.wantMin<<shift < ceiling {
					ceiling = tt.wantMin << shift
				}
				if w.Next < tt.wantMin || w.Next > ceiling {
					t.Errorf("poll %d: Next = %v, want within [%v, %v]", w.Attempt, w.Next, tt.wantMin, ceiling)
				}
				if p.at[i].Add(w.Next).After(deadline) {
					t.Errorf("poll %d: Next = %v goes %v past the deadline", w.Attempt, w.Next, p.at[i].Add(w.Next).Sub(deadline))
				}
				longest = max(longest, w.Next)
			}
			// Uniform draws over more than 40 polls: one at least falls in
			// the top sixth of the range but for a chance under 1e-3.
			if limit := tt.wantMax - (tt.wantMax-tt.wantMin)/6; longest < limit {
				t.Errorf("longest delay %v, want one of %v or more (MaxDelay %v)", longest, limit, tt.wantMax)
			}
			if first := p.got[0].Next; first != tt.wantMin {
				t.Errorf("first delay %v, want MinDelay %v", first, tt.wantMin)
			}
		})
	}
}

// TestWaiterDelayNearDeadline checks the delay when little time is left:
// shortened so that the next poll starts MinDelay before the deadline, but
// never below MinDelay, and never past the deadline.
func TestWaiterDelayNearDeadline(t *testing.T) {
	t.Parallel()
	const s = time.Second
	l := &waitLoop[GetIntegrationOutput]{minDelay: 10 * s, maxDelay: 10 * s}
	for _, tt := range []struct{ left, want time.Duration }{
		{100 * s, 10 * s},
		{25 * s, 10 * s},
		{20 * s, 10 * s},
		{15 * s, 10 * s},
		{10 * s, 10 * s},
	} {
		if got := l.delay(1, tt.left); got != tt.want {
			t.Errorf("delay with %v left = %v, want %v", tt.left, got, tt.want)
		}
	}
	l = &waitLoop[GetIntegrationOutput]{minDelay: 10 * s, maxDelay: 60 * s}
	for range 200 {
		if got := l.delay(10, 35*s); got < 10*s || got > 25*s {
			t.Fatalf("delay with 35s left = %v, want within [10s, 25s]", got)
		}
	}
}

func TestIntegrationDeletedWaiter(t *testing.T) {
	t.Parallel()
	const s = time.Second
	tests := []struct {
		name      string
		answers   []answer
		maxWait   time.Duration
		wantNexts []time.Duration
		wantIs    []error
		wantErr   string
	}{
		{
			name:      "deleted after 3 polls",
			answers:   []answer{activeAnswer, {status: IntegrationStatusFailed}, {err: errNotFound}},
			maxWait:   time.Hour,
			wantNexts: []time.Duration{10 * s, 10 * s, 0},
		},
		{
			name:      "throttled, then deleted",
			answers:   []answer{{err: errThrottled}, {err: errNotFound}},
			maxWait:   time.Hour,
			wantNexts: []time.Duration{10 * s, 0},
		},
		{
			name:      "hard error",
			answers:   []answer{activeAnswer, {err: errAccessDenied}},
			maxWait:   time.Hour,
			wantNexts: []time.Duration{10 * s, 0},
			wantIs:    []error{ErrAccessDenied},
			wantErr:   `cwlogs: wait for integration "x" to be deleted: stopped by an error after 2 polls; last status ACTIVE; last error: GetIntegration: AccessDeniedException: m (status 400, request id r)`,
		},
		{
			name:      "timeout",
			answers:   []answer{provisioning},
			maxWait:   30 * s,
			wantNexts: []time.Duration{10 * s, 10 * s, 0},
			wantIs:    []error{ErrWaitTimeout},
			wantErr:   `cwlogs: wait for integration "x" to be deleted: timed out after 3 polls; last status PROVISIONING`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			api := &scriptedAPI{clock: clock, answers: tt.answers}
			p := &polls{clock: clock}
			w := NewIntegrationDeletedWaiter(api, func(o *IntegrationDeletedWaiterOptions) {
				o.MaxDelay = 10 * s // MinDelay: the default, 10 s
				o.OnPoll = p.onPoll
				o.clock = clock
			})
			err := w.Wait(context.Background(), &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait)
			if diff := cmp.Diff(tt.wantNexts, p.nexts()); diff != "" {
				t.Errorf("Next of each poll mismatch (-want +got):\n%s", diff)
			}
			if tt.wantErr == "" && len(tt.wantIs) == 0 {
				if err != nil {
					t.Errorf("err = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatal("err = nil, want an error")
			}
			if tt.wantErr != "" && err.Error() != tt.wantErr {
				t.Errorf("err = %s\nwant  %s", err, tt.wantErr)
			}
			checkIs(t, err, tt.wantIs, nil)
		})
	}
}

// TestWaiterBadInput checks the errors given before any request.
func TestWaiterBadInput(t *testing.T) {
	t.Parallel()
	const s = time.Second
	tests := []struct {
		name    string
		maxWait time.Duration
		opt     func(*IntegrationActiveWaiterOptions)
		want    string
	}{
		{"zero maxWaitDur", 0, nil, "cwlogs: IntegrationActiveWaiter.Wait: invalid input: maxWaitDur is 0s, want more than zero"},
		{"negative maxWaitDur", -s, nil, "cwlogs: IntegrationActiveWaiter.Wait: invalid input: maxWaitDur is -1s, want more than zero"},
		{"negative MinDelay", time.Hour, func(o *IntegrationActiveWaiterOptions) { o.MinDelay = -s },
			"cwlogs: IntegrationActiveWaiter.Wait: invalid input: MinDelay is -1s, want zero or more"},
		{"negative MaxDelay", time.Hour, func(o *IntegrationActiveWaiterOptions) { o.MaxDelay = -s },
			"cwlogs: IntegrationActiveWaiter.Wait: invalid input: MaxDelay is -1s, want zero or more"},
		{"MinDelay over MaxDelay", time.Hour, func(o *IntegrationActiveWaiterOptions) { o.MinDelay, o.MaxDelay = 2*s, s },
			"cwlogs: IntegrationActiveWaiter.Wait: invalid input: MinDelay is 2s, more than MaxDelay (1s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			api := &scriptedAPI{clock: newFakeClock(), answers: []answer{activeAnswer}}
			var opts []func(*IntegrationActiveWaiterOptions)
			if tt.opt != nil {
				opts = append(opts, tt.opt)
			}
			err := NewIntegrationActiveWaiter(api).Wait(context.Background(), &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait, opts...)
			if err == nil || err.Error() != tt.want || !errors.Is(err, ErrInvalidParameter) {
				t.Errorf("err = %v\nwant   %s (ErrInvalidParameter)", err, tt.want)
			}
			if len(api.calls) != 0 {
				t.Errorf("%d requests, want none", len(api.calls))
			}
		})
	}
	err := NewIntegrationDeletedWaiter(nil).Wait(context.Background(), nil, time.Hour)
	if want := "cwlogs: IntegrationDeletedWaiter.Wait: invalid input: client is nil"; err == nil || err.Error() != want {
		t.Errorf("nil client: err = %v, want %s", err, want)
	}
	api := &scriptedAPI{clock: newFakeClock(), answers: []answer{activeAnswer}}
	if err := NewIntegrationDeletedWaiter(api).Wait(context.Background(), nil, 0); err == nil || len(api.calls) != 0 {
		t.Errorf("deleted waiter, zero maxWaitDur: err = %v after %d requests, want an error and none", err, len(api.calls))
	}
}

// blockingAPI answers GetIntegration with PROVISIONING, or err if set, or,
// once block is set, only when the call's context ends, with its error (or
// after 20 s with an error a test does not expect).
type blockingAPI struct {
	mu    sync.Mutex
	calls int
	block bool
	err   error
}

func (b *blockingAPI) GetIntegration(ctx context.Context, params *GetIntegrationInput, _ ...func(*Options)) (*GetIntegrationOutput, error) {
	b.mu.Lock()
	b.calls++
	block := b.block
	b.mu.Unlock()
	if block {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(20 * time.Second):
			return nil, errors.New("the poll was not cut") // fails the test
		}
	}
	if b.err != nil {
		return nil, b.err
	}
	return &GetIntegrationOutput{IntegrationName: params.IntegrationName, IntegrationStatus: IntegrationStatusProvisioning}, nil
}

// TestWaiterCancelDuringDelay cancels the context during an hour's delay,
// on the real clock: the waiter returns at once with the context's error
// and the last status.
func TestWaiterCancelDuringDelay(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []WaitPoll
	start := time.Now()
	err := NewIntegrationActiveWaiter(&blockingAPI{}).Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, 3*time.Hour,
		func(o *IntegrationActiveWaiterOptions) {
			o.MinDelay = time.Hour
			o.OnPoll = func(p WaitPoll) {
				got = append(got, p)
				time.AfterFunc(10*time.Millisecond, cancel) // during the delay that follows
			}
		})
	if elapsed := time.Since(start); elapsed > time.Minute {
		t.Errorf("Wait returned after %v, want at once", elapsed)
	}
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrWaitTimeout) {
		t.Errorf("err = %v, want context.Canceled and not ErrWaitTimeout", err)
	}
	if want := `cwlogs: wait for integration "x" to be ACTIVE: context canceled after 1 poll; last status PROVISIONING`; err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant  %s", err, want)
	}
	if len(got) != 1 || got[0].Next != time.Hour {
		t.Errorf("polls = %+v, want one with Next 1h", got)
	}
}

// TestWaiterPollCut checks that a poll in flight is cut at the deadline
// (maxWaitDur's, or the context's) or by a cancellation, and that its
// OnPoll has Next 0. Cut by maxWaitDur while the caller's context is alive,
// the error does not match context.DeadlineExceeded, which would read as
// the caller's own deadline, and it wraps the error of the poll before
// (here: the not-found grace).
func TestWaiterPollCut(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		ctx      func() (context.Context, context.CancelFunc)
		maxWait  time.Duration
		firstErr error // of the first poll; PROVISIONING if nil
		wantIs   []error
		wantNot  []error
	}{
		{"maxWaitDur", func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) },
			50 * time.Millisecond, nil, []error{ErrWaitTimeout}, []error{context.Canceled, context.DeadlineExceeded}},
		{"maxWaitDur after a not-found poll", func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) },
			50 * time.Millisecond, errNotFound, []error{ErrWaitTimeout, ErrResourceNotFound}, []error{context.Canceled, context.DeadlineExceeded}},
		{"context deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, time.Hour, nil, []error{ErrWaitTimeout, context.DeadlineExceeded}, []error{context.Canceled}},
		{"cancelled", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			return ctx, cancel
		}, time.Hour, nil, []error{context.Canceled}, []error{ErrWaitTimeout}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := tt.ctx()
			defer cancel()
			api := &blockingAPI{err: tt.firstErr}
			var got []WaitPoll
			err := NewIntegrationActiveWaiter(api).Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait,
				func(o *IntegrationActiveWaiterOptions) {
					o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
					o.OnPoll = func(p WaitPoll) {
						got = append(got, p)
						api.mu.Lock()
						api.block = true // the next poll hangs
						api.mu.Unlock()
					}
				})
			checkIs(t, err, tt.wantIs, tt.wantNot)
			want := "after 2 polls; last status PROVISIONING"
			if tt.firstErr != nil {
				want = "after 2 polls; no status seen; last error: GetIntegration: ResourceNotFoundException"
			}
			if err != nil && !strings.Contains(err.Error(), want) {
				t.Errorf("err = %v, want it to say %q", err, want)
			}
			if len(got) != 2 || got[0].Next != time.Millisecond || got[1].Next != 0 || got[1].Err == nil {
				t.Errorf("polls = %+v, want 2, the second cut, with Next 0", got)
			}
		})
	}
}

// TestWaiterContextDeadlineFirst checks that a context deadline sooner than
// maxWaitDur bounds the delays too: with less than MinDelay left before it,
// the waiter times out at once, without waiting for it.
func TestWaiterContextDeadlineFirst(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var got []WaitPoll
	api := &blockingAPI{}
	err := NewIntegrationActiveWaiter(api).Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, 3*time.Hour,
		func(o *IntegrationActiveWaiterOptions) {
			o.MinDelay = time.Hour
			o.OnPoll = func(p WaitPoll) { got = append(got, p) }
		})
	if ctx.Err() != nil {
		t.Errorf("Wait returned at the context's deadline, want before")
	}
	if want := `cwlogs: wait for integration "x" to be ACTIVE: timed out after 1 poll; last status PROVISIONING`; err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant  %s", err, want)
	}
	checkIs(t, err, []error{ErrWaitTimeout}, []error{context.DeadlineExceeded})
	if len(got) != 1 || got[0].Next != 0 {
		t.Errorf("polls = %+v, want one with Next 0", got)
	}
}

// TestWaiterErrorsBoundStatuses checks that a status of a megabyte, which a
// hostile server may send as an enum value this package does not know, is
// cut in the errors of the waiters, as messages are: the error stays one
// short line that shows the start of the status.
func TestWaiterErrorsBoundStatuses(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("X", 1<<20)
	d := pendingDetails()
	d.Collection.Status.Status = OpenSearchResourceStatusType(huge)
	tests := []struct {
		name string
		ans  answer
	}{
		{"timeout, integration and resource status", answer{status: IntegrationStatus(huge), details: d}},
		{"FAILED, resource status", answer{status: IntegrationStatusFailed, details: d}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			api := &scriptedAPI{clock: clock, answers: []answer{tt.ans}}
			err := NewIntegrationActiveWaiter(api, func(o *IntegrationActiveWaiterOptions) { o.clock = clock }).
				Wait(context.Background(), &GetIntegrationInput{IntegrationName: "x"}, time.Minute)
			if err == nil {
				t.Fatal("err = nil, want an error")
			}
			msg := err.Error()
			if len(msg) > 1000 || !strings.Contains(msg, "XXXXXXXX") || !strings.Contains(msg, "…") {
				t.Errorf("error of %d bytes, want under 1000 with the start of the status, cut with …: %.300s", len(msg), msg)
			}
		})
	}
}

// optionsAPI answers PROVISIONING at its first poll, which runs start,
// then ACTIVE, and records the Region that the options of each call set.
type optionsAPI struct {
	regions []string
	start   func()
	polls   int
}

func (a *optionsAPI) GetIntegration(_ context.Context, params *GetIntegrationInput, optFns ...func(*Options)) (*GetIntegrationOutput, error) {
	var o Options
	for _, fn := range optFns {
		fn(&o)
	}
	a.regions = append(a.regions, o.Region)
	a.polls++
	status := IntegrationStatusActive
	if a.polls == 1 {
		status = IntegrationStatusProvisioning
		a.start()
	}
	return &GetIntegrationOutput{IntegrationName: params.IntegrationName, IntegrationStatus: status}, nil
}

// TestWaiterClientOptions checks that the ClientOptions of both waiters,
// those given to the constructor and those of one call, reach every poll,
// and that the options of one call do not change those of another made
// while it waits, even when the waiter's slice has room to grow.
func TestWaiterClientOptions(t *testing.T) {
	t.Parallel()
	region := func(r string) func(*Options) { return func(o *Options) { o.Region += r } }
	fast := func(clock *fakeClock) (time.Duration, time.Duration, waitClock) {
		return time.Millisecond, time.Millisecond, clock
	}

	t.Run("active", func(t *testing.T) {
		t.Parallel()
		clock := newFakeClock()
		api := &optionsAPI{}
		shared := make([]func(*Options), 1, 4) // room to grow
		shared[0] = region("w")
		w := NewIntegrationActiveWaiter(api, func(o *IntegrationActiveWaiterOptions) {
			o.ClientOptions = shared
			o.MinDelay, o.MaxDelay, o.clock = fast(clock)
		})
		per := func(r string) func(*IntegrationActiveWaiterOptions) {
			return func(o *IntegrationActiveWaiterOptions) { o.ClientOptions = append(o.ClientOptions, region(r)) }
		}
		api.start = func() {
			// Another call of the same waiter, during the first's wait:
			// its one poll finds the integration ACTIVE.
			if err := w.Wait(context.Background(), &GetIntegrationInput{IntegrationName: "x"}, time.Hour, per("b")); err != nil {
				t.Errorf("second Wait: %v", err)
			}
		}
		if err := w.Wait(context.Background(), &GetIntegrationInput{IntegrationName: "x"}, time.Hour, per("a")); err != nil {
			t.Fatal(err)
		}
		// The first wait's polls, then the second's, then the first's.
		if diff := cmp.Diff([]string{"wa", "wb", "wa"}, api.regions); diff != "" {
			t.Errorf("regions of the polls (-want +got):\n%s", diff)
		}
	})
	t.Run("deleted", func(t *testing.T) {
		t.Parallel()
		clock := newFakeClock()
		api := &scriptedAPI{clock: clock, answers: []answer{provisioning, {err: errNotFound}}}
		var regions []string
		rec := &recordingAPI{api: api, regions: &regions}
		w := NewIntegrationDeletedWaiter(rec, func(o *IntegrationDeletedWaiterOptions) {
			o.ClientOptions = []func(*Options){region("w")}
			o.MinDelay, o.MaxDelay, o.clock = fast(clock)
		})
		err := w.Wait(context.Background(), &GetIntegrationInput{IntegrationName: "x"}, time.Hour,
			func(o *IntegrationDeletedWaiterOptions) { o.ClientOptions = append(o.ClientOptions, region("d")) })
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]string{"wd", "wd"}, regions); diff != "" {
			t.Errorf("regions of the polls (-want +got):\n%s", diff)
		}
	})
}

// recordingAPI records the Region the options of each call set, and then
// calls api.
type recordingAPI struct {
	api     GetIntegrationAPI
	regions *[]string
}

func (r *recordingAPI) GetIntegration(ctx context.Context, params *GetIntegrationInput, optFns ...func(*Options)) (*GetIntegrationOutput, error) {
	var o Options
	for _, fn := range optFns {
		fn(&o)
	}
	*r.regions = append(*r.regions, o.Region)
	return r.api.GetIntegration(ctx, params, optFns...)
}
