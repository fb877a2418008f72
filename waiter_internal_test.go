package cwlogs

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

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
	if err := ctx.Err(); err != nil {
		return nil, err // the poll was cut
	}
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
			var out *GetIntegrationOutput
			err := waitWithin(t, func(ctx context.Context) (err error) {
				out, err = w.WaitForOutput(ctx, &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait)
				return err
			})
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
	long200 := strings.Repeat("é", 199) + "z" // 200 characters, 399 bytes
	ascii200 := strings.Repeat("a", 200)
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
		{"200 ASCII characters kept", []ResourceHealth{
			{Kind: ResourceKindCollection, Status: "ERROR", Message: ascii200, Reported: true},
		}, `cwlogs: integration "x" FAILED: 1 resource not active; collection ERROR: ` + ascii200},
		{"201 ASCII characters cut", []ResourceHealth{
			{Kind: ResourceKindCollection, Status: "ERROR", Message: ascii200 + "b", Reported: true},
		}, `cwlogs: integration "x" FAILED: 1 resource not active; collection ERROR: ` + ascii200 + "…"},
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
			err := waitWithin(t, func(ctx context.Context) error {
				return w.Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait)
			})
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
			err := waitWithin(t, func(ctx context.Context) error {
				return NewIntegrationActiveWaiter(api, func(o *IntegrationActiveWaiterOptions) { o.clock = clock }).
					Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, time.Minute)
			})
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
		err := waitWithin(t, func(ctx context.Context) error {
			return w.Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, time.Hour, per("a"))
		})
		if err != nil {
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
		err := waitWithin(t, func(ctx context.Context) error {
			return w.Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, time.Hour,
				func(o *IntegrationDeletedWaiterOptions) { o.ClientOptions = append(o.ClientOptions, region("d")) })
		})
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
