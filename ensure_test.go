package cwlogs_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

const otherAppARN = "arn:aws:opensearch:us-east-1:123456789012:application/other"

// fastEnsure makes EnsureIntegration poll every millisecond.
func fastEnsure(o *cwlogs.EnsureIntegrationOptions) {
	o.Waiter.MinDelay, o.Waiter.MaxDelay = time.Millisecond, time.Millisecond
}

// fastTeardown makes TeardownIntegration poll every millisecond.
func fastTeardown(o *cwlogs.TeardownIntegrationOptions) {
	o.Waiter.MinDelay, o.Waiter.MaxDelay = time.Millisecond, time.Millisecond
}

// putWithApp returns the kit's input for name with the application ARN
// app.
func putWithApp(name, app string) *cwlogs.PutIntegrationInput {
	return validPut(func(in *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
		in.IntegrationName, rc.ApplicationArn = name, app
	})
}

// operations returns the operations of the requests srv received from
// the one numbered from on.
func operations(srv *cwlogstest.Server, from int) []string {
	var ops []string
	for _, r := range srv.Requests()[from:] {
		ops = append(ops, string(r.Operation))
	}
	return ops
}

// ensureSummary is what a test compares of an EnsureIntegrationResult.
type ensureSummary struct {
	Created     bool
	Confirmed   bool
	CreateCalls int
	Status      cwlogs.IntegrationStatus
	Drift       []cwlogs.IntegrationDrift
}

func summarize(res *cwlogs.EnsureIntegrationResult) *ensureSummary {
	if res == nil {
		return nil
	}
	s := &ensureSummary{Created: res.Created, Confirmed: res.Confirmed, CreateCalls: res.CreateCalls, Drift: res.Drift}
	if res.Integration != nil {
		s.Status = res.Integration.IntegrationStatus
	}
	return s
}

// racingAPI is a client that, once its first GetIntegration has
// returned, runs before: another tool acting between a lookup and what
// follows it.
type racingAPI struct {
	cwlogs.IntegrationsAPI
	once   sync.Once
	before func()
}

func (r *racingAPI) GetIntegration(ctx context.Context, in *cwlogs.GetIntegrationInput, optFns ...func(*cwlogs.Options)) (*cwlogs.GetIntegrationOutput, error) {
	out, err := r.IntegrationsAPI.GetIntegration(ctx, in, optFns...)
	r.once.Do(r.before)
	return out, err
}

// TestEnsureIntegrationWithKit runs EnsureIntegration against the kit's
// stateful server: the request sequence, the result and the error of
// each case.
func TestEnsureIntegrationWithKit(t *testing.T) {
	t.Parallel()
	const (
		Get  = "GetIntegration"
		Put  = "PutIntegration"
		List = "ListIntegrations"
	)
	tests := []struct {
		name string
		// setup prepares the server, with client, before the run; its
		// requests are not counted.
		setup func(t *testing.T, srv *cwlogstest.Server, client *cwlogs.Client)
		// api wraps the client the run uses, if set.
		api   func(client *cwlogs.Client, srv *cwlogstest.Server) cwlogs.IntegrationsAPI
		in    *cwlogs.PutIntegrationInput
		opts  func(*cwlogs.EnsureIntegrationOptions)
		polls []string // the statuses OnPoll saw

		wantOps []string
		want    *ensureSummary
		wantIs  error
		wantErr string
	}{
		{
			name: "absent: created, then ACTIVE",
			setup: func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
				mustLifecycle(t, srv, "new", cwlogstest.Lifecycle{Polls: 2})
			},
			in:      kitPut("new"),
			wantOps: []string{Get, Put, Get, Get, Get},
			polls:   []string{"PROVISIONING", "PROVISIONING", "ACTIVE"},
			want:    &ensureSummary{Created: true, CreateCalls: 1, Status: cwlogs.IntegrationStatusActive},
		},
		{
			name:    "absent, without waiting",
			in:      kitPut("new"),
			opts:    func(o *cwlogs.EnsureIntegrationOptions) { o.NoWait = true },
			wantOps: []string{Get, Put},
			want:    &ensureSummary{Created: true, CreateCalls: 1, Status: cwlogs.IntegrationStatusProvisioning},
		},
		{
			name:    "present and ACTIVE: nothing sent but the lookup",
			setup:   seedActive("there", ""),
			in:      kitPut("there"),
			wantOps: []string{Get},
			want:    &ensureSummary{Status: cwlogs.IntegrationStatusActive},
		},
		{
			name:    "present, still PROVISIONING: waited for",
			setup:   func(t *testing.T, _ *cwlogstest.Server, c *cwlogs.Client) { mustPut(t, c, kitPut("there")) },
			in:      kitPut("there"),
			wantOps: []string{Get, Get, Get, Get},
			polls:   []string{"PROVISIONING", "PROVISIONING", "ACTIVE"},
			want:    &ensureSummary{Status: cwlogs.IntegrationStatusActive},
		},
		{
			name:    "present with another application: drift",
			setup:   seedActive("there", otherAppARN),
			in:      putWithApp("there", "arn:aws:opensearch:us-east-1:123456789012:application/mine"),
			wantOps: []string{Get},
			want: &ensureSummary{Status: cwlogs.IntegrationStatusActive, Drift: []cwlogs.IntegrationDrift{
				{Field: "ResourceConfig.ApplicationArn", Wanted: "arn:aws:opensearch:us-east-1:123456789012:application/mine", Found: otherAppARN},
			}},
		},
		{
			name:    "present with the same application: no drift",
			setup:   seedActive("there", otherAppARN),
			in:      putWithApp("there", otherAppARN),
			wantOps: []string{Get},
			want:    &ensureSummary{Status: cwlogs.IntegrationStatusActive},
		},
		{
			name: "present of another type: drift",
			setup: func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
				if err := srv.AddOutput(&cwlogs.GetIntegrationOutput{IntegrationName: "typed", IntegrationType: "OTHER", IntegrationStatus: "ACTIVE"}); err != nil {
					t.Fatal(err)
				}
			},
			in:      kitPut("typed"),
			wantOps: []string{Get},
			want: &ensureSummary{Status: cwlogs.IntegrationStatusActive, Drift: []cwlogs.IntegrationDrift{
				{Field: "IntegrationType", Wanted: "OPENSEARCH", Found: "OTHER"},
			}},
		},
		{
			name: "created, then FAILED",
			setup: func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
				mustLifecycle(t, srv, "doomed", cwlogstest.Lifecycle{Polls: 1,
					Fail: map[cwlogs.ResourceKind]string{cwlogs.ResourceKindCollection: "Collection quota reached"}})
			},
			in:      kitPut("doomed"),
			wantOps: []string{Get, Put, Get, Get},
			polls:   []string{"PROVISIONING", "FAILED"},
			want:    &ensureSummary{Created: true, CreateCalls: 1, Status: cwlogs.IntegrationStatusFailed},
			wantIs:  cwlogs.ErrIntegrationFailed,
			wantErr: `cwlogs: integration "doomed" FAILED: 1 resource not active; collection ERROR: Collection quota reached`,
		},
		{
			name:    "present and FAILED: an error at once",
			setup:   func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) { mustAddFS(t, srv) },
			in:      kitPut(cwlogstest.Failed),
			wantOps: []string{Get},
			want:    &ensureSummary{Status: cwlogs.IntegrationStatusFailed},
			wantIs:  cwlogs.ErrIntegrationFailed,
		},
		{
			name:    "another integration holds the quota",
			setup:   seedActive("other", ""),
			in:      kitPut("mine"),
			wantOps: []string{Get, Put, Get, List},
			wantIs:  cwlogs.ErrLimitExceeded,
			wantErr: `cwlogs: EnsureIntegration: cannot create integration "mine": the account's quota of integrations is held by "other" (OPENSEARCH, ACTIVE): ` +
				`PutIntegration: LimitExceededException: An integration already exists for this account: other. (status 400, request id 00000000-0000-4000-8000-000000000002)`,
		},
		{
			// Another tool's create, between the lookup and the create, is
			// seeded: ACTIVE at once, and not among the requests.
			name: "the name appears between the lookup and the create: already existed",
			api: func(client *cwlogs.Client, srv *cwlogstest.Server) cwlogs.IntegrationsAPI {
				return &racingAPI{IntegrationsAPI: client, before: func() { mustSeedActive(srv, "raced", "") }}
			},
			in:      kitPut("raced"),
			wantOps: []string{Get, Put, Get},
			want:    &ensureSummary{CreateCalls: 1, Status: cwlogs.IntegrationStatusActive},
		},
		{
			name: "the name appears, and the create is refused as already existing",
			api: func(client *cwlogs.Client, srv *cwlogstest.Server) cwlogs.IntegrationsAPI {
				return &racingAPI{IntegrationsAPI: client, before: func() {
					mustSeedActive(srv, "raced", "")
					srv.FailNext(cwlogstest.PutIntegration, 1, 400, "ResourceAlreadyExistsException", "raced exists")
				}}
			},
			in:      kitPut("raced"),
			wantOps: []string{Get, Put, Get},
			want:    &ensureSummary{CreateCalls: 1, Status: cwlogs.IntegrationStatusActive},
		},
		{
			name:    "the lookup fails: its error",
			setup:   func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) { mustAddFS(t, srv) },
			in:      kitPut(cwlogstest.AccessDenied),
			wantOps: []string{Get},
			wantIs:  cwlogs.ErrAccessDenied,
		},
		{
			name: "the create's attempt broken: the client confirms it",
			setup: func(_ *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
				srv.BreakNext(cwlogstest.PutIntegration, 1)
			},
			in:      kitPut("broken"),
			opts:    func(o *cwlogs.EnsureIntegrationOptions) { o.NoWait = true },
			wantOps: []string{Get, Put, Put, Get},
			want:    &ensureSummary{Created: true, CreateCalls: 1, Status: cwlogs.IntegrationStatusProvisioning},
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
			var api cwlogs.IntegrationsAPI = client
			if tt.api != nil {
				api = tt.api(client, srv)
			}
			var polls []string
			res, err := cwlogs.EnsureIntegration(context.Background(), api, tt.in, fastEnsure, func(o *cwlogs.EnsureIntegrationOptions) {
				o.Waiter.OnPoll = func(p cwlogs.WaitPoll) { polls = append(polls, pollText(p)) }
			}, func(o *cwlogs.EnsureIntegrationOptions) {
				if tt.opts != nil {
					tt.opts(o)
				}
			})
			if diff := cmp.Diff(tt.wantOps, operations(srv, from)); diff != "" {
				t.Errorf("requests mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.polls, polls); diff != "" {
				t.Errorf("polls mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, summarize(res)); diff != "" {
				t.Errorf("result mismatch (-want +got):\n%s", diff)
			}
			switch {
			case tt.wantIs == nil && err != nil:
				t.Errorf("err = %v, want nil", err)
			case tt.wantIs != nil && !errors.Is(err, tt.wantIs):
				t.Errorf("err = %v, want one matching %v", err, tt.wantIs)
			case tt.wantErr != "" && err.Error() != tt.wantErr:
				t.Errorf("err = %v\nwant  %s", err, tt.wantErr)
			}
		})
	}
}

// TestEnsureIntegrationLimitErrorHolders checks that the error of a
// refused create names the integrations that hold the quota, or says
// that they could not be listed.
func TestEnsureIntegrationLimitErrorHolders(t *testing.T) {
	t.Parallel()
	client, srv := newBareKitClient(t)
	seedActive("other", "")(t, srv, client)
	srv.FailNext(cwlogstest.ListIntegrations, 3, 500, "InternalFailure", "list broke")
	_, err := cwlogs.EnsureIntegration(context.Background(), client, kitPut("mine"), fastEnsure)
	var le *cwlogs.IntegrationLimitError
	if !errors.As(err, &le) || !errors.Is(err, cwlogs.ErrLimitExceeded) {
		t.Fatalf("err = %v, want an *IntegrationLimitError matching ErrLimitExceeded", err)
	}
	if le.Holders != nil || !errors.Is(le.ListErr, cwlogs.ErrInternalFailure) {
		t.Errorf("Holders %v, ListErr %v; want none, and the list's error", le.Holders, le.ListErr)
	}
	if !strings.Contains(err.Error(), "listing them failed (ListIntegrations: InternalFailure: list broke") {
		t.Errorf("err = %v, want it to say the listing failed", err)
	}

	// Holders named, and a long list cut.
	holders := make([]cwlogs.IntegrationSummary, 7)
	for i := range holders {
		holders[i] = cwlogs.IntegrationSummary{IntegrationName: fmt.Sprint("h", i), IntegrationType: "OPENSEARCH", IntegrationStatus: "ACTIVE"}
	}
	le = &cwlogs.IntegrationLimitError{Name: "mine", Holders: holders, Err: errors.New("cwlogs: PutIntegration: LimitExceededException")}
	want := `cwlogs: EnsureIntegration: cannot create integration "mine": the account's quota of integrations is held by ` +
		`"h0" (OPENSEARCH, ACTIVE), "h1" (OPENSEARCH, ACTIVE), "h2" (OPENSEARCH, ACTIVE), "h3" (OPENSEARCH, ACTIVE), "h4" (OPENSEARCH, ACTIVE) and 2 more: ` +
		`PutIntegration: LimitExceededException`
	if got := le.Error(); got != want {
		t.Errorf("Error() = %s\nwant       %s", got, want)
	}
}

// TestEnsureChecksBeforeAnyRequest checks that an input, or options, that
// cannot work are refused before any request, naming the field.
func TestEnsureChecksBeforeAnyRequest(t *testing.T) {
	t.Parallel()
	client, srv := newBareKitClient(t)
	tests := []struct {
		name    string
		run     func() error
		wantErr string
	}{
		{"nil api", func() error {
			_, err := cwlogs.EnsureIntegration(context.Background(), nil, kitPut("x"))
			return err
		}, "cwlogs: EnsureIntegration: invalid input: api is nil"},
		{"nil *Client", func() error {
			_, err := cwlogs.EnsureIntegration(context.Background(), (*cwlogs.Client)(nil), kitPut("x"))
			return err
		}, "cwlogs: EnsureIntegration: invalid input: api is nil"},
		{"nil input", func() error {
			_, err := cwlogs.EnsureIntegration(context.Background(), client, nil)
			return err
		}, "cwlogs: EnsureIntegration: invalid input: IntegrationName is required"},
		{"bad name", func() error {
			_, err := cwlogs.EnsureIntegration(context.Background(), client, kitPut("bad name"))
			return err
		}, `cwlogs: EnsureIntegration: invalid input: IntegrationName has ' ' at byte 3, want only letters, digits and . - _ / #`},
		{"bad retention", func() error {
			_, err := cwlogs.EnsureIntegration(context.Background(), client, validPut(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
				rc.RetentionDays = 45
			}))
			return err
		}, "cwlogs: EnsureIntegration: invalid input: ResourceConfig.RetentionDays: resourceConfig.openSearchResourceConfig.retentionDays is 45, want 1 to 30"},
		{"negative MaxWait", func() error {
			_, err := cwlogs.EnsureIntegration(context.Background(), client, kitPut("x"), func(o *cwlogs.EnsureIntegrationOptions) { o.MaxWait = -time.Second })
			return err
		}, "cwlogs: EnsureIntegration: invalid input: MaxWait is -1s, want zero or more"},
		{"waiter delays that cannot work", func() error {
			_, err := cwlogs.EnsureIntegration(context.Background(), client, kitPut("x"), func(o *cwlogs.EnsureIntegrationOptions) {
				o.Waiter.MinDelay, o.Waiter.MaxDelay = time.Minute, time.Second
			})
			return err
		}, "cwlogs: EnsureIntegration: invalid input: Waiter.MinDelay is 1m0s, more than MaxDelay (1s)"},
		{"teardown: nil api", func() error {
			_, err := cwlogs.TeardownIntegration(context.Background(), nil, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
			return err
		}, "cwlogs: TeardownIntegration: invalid input: api is nil"},
		{"teardown: nil input", func() error {
			_, err := cwlogs.TeardownIntegration(context.Background(), client, nil)
			return err
		}, "cwlogs: TeardownIntegration: invalid input: IntegrationName is required"},
		{"teardown: negative delay", func() error {
			_, err := cwlogs.TeardownIntegration(context.Background(), client, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"},
				func(o *cwlogs.TeardownIntegrationOptions) { o.Waiter.MaxDelay = -time.Second })
			return err
		}, "cwlogs: TeardownIntegration: invalid input: Waiter.MaxDelay is -1s, want zero or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.run()
			if !errors.Is(err, cwlogs.ErrInvalidParameter) || err.Error() != tt.wantErr {
				t.Errorf("err = %v\nwant  %s (matching ErrInvalidParameter)", err, tt.wantErr)
			}
		})
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

// TestEnsureThenTeardownSpans checks that the calls of EnsureIntegration
// and TeardownIntegration, and their waits, are children of their spans.
func TestEnsureThenTeardownSpans(t *testing.T) {
	t.Parallel()
	rec := newTelemetryRecorder()
	client, srv := newBareKitClient(t, withTelemetry(rec))
	mustLifecycle(t, srv, "traced", cwlogstest.Lifecycle{Polls: 1})
	ctx := context.Background()
	if _, err := cwlogs.EnsureIntegration(ctx, client, kitPut("traced"), fastEnsure); err != nil {
		t.Fatal(err)
	}
	if _, err := cwlogs.TeardownIntegration(ctx, client, &cwlogs.DeleteIntegrationInput{IntegrationName: "traced"}, fastTeardown); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"EnsureIntegration",
		"  CloudWatch Logs.GetIntegration !", "    Attempt !",
		"  CloudWatch Logs.PutIntegration", "    Attempt",
		"  IntegrationActiveWaiter.Wait",
		"    CloudWatch Logs.GetIntegration", "      Attempt",
		"    CloudWatch Logs.GetIntegration", "      Attempt",
		"TeardownIntegration",
		"  CloudWatch Logs.GetIntegration", "    Attempt",
		"  CloudWatch Logs.DeleteIntegration", "    Attempt",
		"  IntegrationDeletedWaiter.Wait",
		"    CloudWatch Logs.GetIntegration !", "      Attempt !",
	}
	if diff := cmp.Diff(want, rec.tree()); diff != "" {
		t.Errorf("span tree mismatch (-want +got):\n%s", diff)
	}
	ensure := rec.named("EnsureIntegration")[0]
	if diff := cmp.Diff(map[string]string{"cwlogs.integration_name": "traced", "cwlogs.created": "true", "cwlogs.drift": "0", "error": "false"},
		stringProps(ensure)); diff != "" {
		t.Errorf("EnsureIntegration span mismatch (-want +got):\n%s", diff)
	}
}

// spanChildren returns, from rec's span tree, the spans without a parent
// and the children of those, by name, without the "!" of an error status.
func spanChildren(rec *telemetryRecorder) (roots, children []string) {
	for _, line := range rec.tree() {
		name := strings.TrimSuffix(strings.TrimLeft(line, " "), " !")
		switch len(line) - len(strings.TrimLeft(line, " ")) {
		case 0:
			roots = append(roots, name)
		case 2:
			children = append(children, name)
		}
	}
	return roots, children
}

// TestEnsureIntegrationSpanChildren checks that every call of
// EnsureIntegration and TeardownIntegration is a child of their span: the
// reads that settle an unknown create or delete, the second lookup and
// the listing after a refused create too.
func TestEnsureIntegrationSpanChildren(t *testing.T) {
	t.Parallel()
	const (
		get    = "CloudWatch Logs.GetIntegration"
		put    = "CloudWatch Logs.PutIntegration"
		list   = "CloudWatch Logs.ListIntegrations"
		del    = "CloudWatch Logs.DeleteIntegration"
		denied = "AccessDeniedException"
	)
	ensure := func(name string) func(ctx context.Context, c *cwlogs.Client) error {
		return func(ctx context.Context, c *cwlogs.Client) error {
			_, err := cwlogs.EnsureIntegration(ctx, c, kitPut(name), fastEnsure)
			return err
		}
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, srv *cwlogstest.Server, c *cwlogs.Client)
		run   func(ctx context.Context, c *cwlogs.Client) error

		wantRoot     string
		wantChildren []string
		wantIs       error
	}{
		{
			// The client's own check after the broken attempt is denied:
			// EnsureIntegration reads the integration back itself.
			name: "a create whose outcome is unknown: the read back",
			setup: func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
				mustLifecycle(t, srv, "unsure", cwlogstest.Lifecycle{Polls: 1})
				srv.BreakNext(cwlogstest.PutIntegration, 1)
				srv.FailOn(cwlogstest.Match{Op: cwlogstest.GetIntegration, Nth: 2}, 400, denied, "no")
			},
			run:          ensure("unsure"),
			wantRoot:     "EnsureIntegration",
			wantChildren: []string{get, put, get, "IntegrationActiveWaiter.Wait"},
		},
		{
			name:         "a create refused by the quota: the second lookup and the listing",
			setup:        seedActive("other", ""),
			run:          ensure("mine"),
			wantRoot:     "EnsureIntegration",
			wantChildren: []string{get, put, get, list},
			wantIs:       cwlogs.ErrLimitExceeded,
		},
		{
			// The broken attempt deletes it; the retries fail, and the
			// client's own check is denied.
			name: "a delete whose outcome is unknown: the read back",
			setup: func(t *testing.T, srv *cwlogstest.Server, c *cwlogs.Client) {
				seedActive("there", "")(t, srv, c)
				srv.BreakNext(cwlogstest.DeleteIntegration, 1)
				srv.FailOn(cwlogstest.Match{Op: cwlogstest.DeleteIntegration, Nth: 2, Times: 10}, 500, "InternalFailure", "no")
				srv.FailOn(cwlogstest.Match{Op: cwlogstest.GetIntegration, Nth: 2}, 400, denied, "no")
			},
			run: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := cwlogs.TeardownIntegration(ctx, c, &cwlogs.DeleteIntegrationInput{IntegrationName: "there"}, fastTeardown)
				return err
			},
			wantRoot:     "TeardownIntegration",
			wantChildren: []string{get, del, get, "IntegrationDeletedWaiter.Wait"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := newTelemetryRecorder()
			client, srv := newBareKitClient(t, withTelemetry(rec))
			tt.setup(t, srv, client)
			err := tt.run(context.Background(), client)
			if !errors.Is(err, tt.wantIs) {
				t.Errorf("err = %v, want %v", err, tt.wantIs)
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

// newBareKitClient starts a test kit server without recorded responses
// and returns a client for it that retries at once.
func newBareKitClient(t *testing.T, optFns ...func(*cwlogs.Options)) (*cwlogs.Client, *cwlogstest.Server) {
	t.Helper()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	fast := func(o *cwlogs.Options) { o.RetryPolicy = fastRetry }
	client, err := cwlogs.New(srv.Options(), append([]func(*cwlogs.Options){fast}, optFns...)...)
	if err != nil {
		t.Fatal(err)
	}
	return client, srv
}

func mustLifecycle(t *testing.T, srv *cwlogstest.Server, name string, l cwlogstest.Lifecycle) {
	t.Helper()
	if err := srv.SetLifecycle(name, l); err != nil {
		t.Fatal(err)
	}
}

func mustAddFS(t *testing.T, srv *cwlogstest.Server) {
	t.Helper()
	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
		t.Fatal(err)
	}
}

func mustPut(t *testing.T, c *cwlogs.Client, in *cwlogs.PutIntegrationInput) {
	t.Helper()
	if _, err := c.PutIntegration(context.Background(), in); err != nil {
		t.Fatal(err)
	}
}

// seedActive returns a setup that seeds the integration name, ACTIVE from
// its first read, with the configuration of putWithApp(name, app), without
// a request.
func seedActive(name, app string) func(t *testing.T, srv *cwlogstest.Server, client *cwlogs.Client) {
	return func(t *testing.T, srv *cwlogstest.Server, _ *cwlogs.Client) {
		t.Helper()
		mustSeedActive(srv, name, app)
	}
}

// mustSeedActive seeds the integration name as seedActive does, and panics
// if the kit refuses it: it runs inside a client's call too, where
// t.Fatal cannot.
func mustSeedActive(srv *cwlogstest.Server, name, app string) {
	cfg := putWithApp(name, app).ResourceConfig.(*cwlogs.OpenSearchResourceConfig)
	if err := srv.SeedIntegration(cwlogstest.Integration{Name: name, Config: cfg}); err != nil {
		panic(err)
	}
}

// fakeAnswer is a fake's answer to one call: an output or an error.
type fakeAnswer struct {
	out any
	err error
}

// fakeIntegrations is an IntegrationsAPI that answers each operation's
// calls in turn from a script, and records the calls. A call beyond the
// script fails the test.
type fakeIntegrations struct {
	t       *testing.T
	mu      sync.Mutex
	answers map[string][]fakeAnswer
	calls   []string
}

func (f *fakeIntegrations) next(ctx context.Context, op string) (any, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, op)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	as := f.answers[op]
	if len(as) == 0 {
		f.t.Errorf("unexpected call of %s", op)
		return nil, errors.New("unexpected call")
	}
	f.answers[op] = as[1:]
	return as[0].out, as[0].err
}

func (f *fakeIntegrations) GetIntegration(ctx context.Context, _ *cwlogs.GetIntegrationInput, _ ...func(*cwlogs.Options)) (*cwlogs.GetIntegrationOutput, error) {
	out, err := f.next(ctx, "Get")
	o, _ := out.(*cwlogs.GetIntegrationOutput)
	return o, err
}

func (f *fakeIntegrations) PutIntegration(ctx context.Context, in *cwlogs.PutIntegrationInput, _ ...func(*cwlogs.Options)) (*cwlogs.PutIntegrationOutput, error) {
	out, err := f.next(ctx, "Put")
	o, _ := out.(*cwlogs.PutIntegrationOutput)
	return o, err
}

func (f *fakeIntegrations) ListIntegrations(ctx context.Context, _ *cwlogs.ListIntegrationsInput, _ ...func(*cwlogs.Options)) (*cwlogs.ListIntegrationsOutput, error) {
	out, err := f.next(ctx, "List")
	o, _ := out.(*cwlogs.ListIntegrationsOutput)
	return o, err
}

func (f *fakeIntegrations) DeleteIntegration(ctx context.Context, _ *cwlogs.DeleteIntegrationInput, _ ...func(*cwlogs.Options)) (*cwlogs.DeleteIntegrationOutput, error) {
	out, err := f.next(ctx, "Delete")
	o, _ := out.(*cwlogs.DeleteIntegrationOutput)
	return o, err
}

// Answers of the fakes.
var (
	fakeNotFound = fakeAnswer{err: &cwlogs.APIError{Operation: "GetIntegration", Code: "ResourceNotFoundException", StatusCode: 400}}
	fakeDenied   = fakeAnswer{err: &cwlogs.APIError{Operation: "GetIntegration", Code: "AccessDeniedException", Message: "no", StatusCode: 400}}
	// fakeUnknown is the error of a call that may or may not have taken
	// effect, as the client reports it.
	fakeUnknown = fakeAnswer{err: fmt.Errorf("cwlogs: call: %w: connection reset", cwlogs.ErrOutcomeUnknown)}
	fakeCreated = fakeAnswer{out: &cwlogs.PutIntegrationOutput{IntegrationName: "x", IntegrationStatus: cwlogs.IntegrationStatusProvisioning}}
)

// state returns the fakeAnswer of a GetIntegration that finds x in status,
// of type typ, with the application app.
func fakeState(status cwlogs.IntegrationStatus, typ cwlogs.IntegrationType, app string) fakeAnswer {
	return fakeAnswer{out: &cwlogs.GetIntegrationOutput{IntegrationName: "x", IntegrationType: typ, IntegrationStatus: status,
		IntegrationDetails: &cwlogs.OpenSearchIntegrationDetails{Application: &cwlogs.OpenSearchApplication{ApplicationArn: app}}}}
}

// TestEnsureIntegrationUnknownCreate checks what EnsureIntegration makes
// of a create whose outcome the client could not learn: the read back
// decides whether it is its create, absent (made once more) or unknown.
func TestEnsureIntegrationUnknownCreate(t *testing.T) {
	t.Parallel()
	const myApp = "arn:aws:opensearch:us-east-1:123456789012:application/mine"
	provisioning := fakeState(cwlogs.IntegrationStatusProvisioning, cwlogs.IntegrationTypeOpenSearch, myApp)
	tests := []struct {
		name    string
		answers map[string][]fakeAnswer
		cancel  bool // the context is cancelled during the create

		wantCalls []string
		want      *ensureSummary
		// wantErr is a part of the error's text; the error matches
		// ErrOutcomeUnknown.
		wantErr      string
		wantCanceled bool
	}{
		{
			name:      "read back PROVISIONING, of the type and application: created",
			answers:   map[string][]fakeAnswer{"Get": {fakeNotFound, provisioning}, "Put": {fakeUnknown}},
			wantCalls: []string{"Get", "Put", "Get"},
			want:      &ensureSummary{Created: true, Confirmed: true, CreateCalls: 1, Status: cwlogs.IntegrationStatusProvisioning},
		},
		{
			name:      "read back absent: created once more",
			answers:   map[string][]fakeAnswer{"Get": {fakeNotFound, fakeNotFound}, "Put": {fakeUnknown, fakeCreated}},
			wantCalls: []string{"Get", "Put", "Get", "Put"},
			want:      &ensureSummary{Created: true, CreateCalls: 2, Status: cwlogs.IntegrationStatusProvisioning},
		},
		{
			name:      "the second create unknown too, then found: created",
			answers:   map[string][]fakeAnswer{"Get": {fakeNotFound, fakeNotFound, provisioning}, "Put": {fakeUnknown, fakeUnknown}},
			wantCalls: []string{"Get", "Put", "Get", "Put", "Get"},
			want:      &ensureSummary{Created: true, Confirmed: true, CreateCalls: 2, Status: cwlogs.IntegrationStatusProvisioning},
		},
		{
			name:      "absent after two unknown creates: unknown, no third",
			answers:   map[string][]fakeAnswer{"Get": {fakeNotFound, fakeNotFound, fakeNotFound}, "Put": {fakeUnknown, fakeUnknown}},
			wantCalls: []string{"Get", "Put", "Get", "Put", "Get"},
			wantErr:   `cwlogs: EnsureIntegration: the create of integration "x" may or may not have happened (reading it back: none found after the second create either): cwlogs: call: cwlogs: outcome unknown: connection reset`,
		},
		{
			name:      "read back ACTIVE: an older one, unknown",
			answers:   map[string][]fakeAnswer{"Get": {fakeNotFound, fakeState(cwlogs.IntegrationStatusActive, cwlogs.IntegrationTypeOpenSearch, myApp)}, "Put": {fakeUnknown}},
			wantCalls: []string{"Get", "Put", "Get"},
			wantErr:   "(reading it back: found it ACTIVE, not PROVISIONING)",
		},
		{
			name:      "read back of another type: unknown",
			answers:   map[string][]fakeAnswer{"Get": {fakeNotFound, fakeState(cwlogs.IntegrationStatusProvisioning, "OTHER", myApp)}, "Put": {fakeUnknown}},
			wantCalls: []string{"Get", "Put", "Get"},
			wantErr:   "(reading it back: found it of type OTHER)",
		},
		{
			name:      "read back with another application: unknown",
			answers:   map[string][]fakeAnswer{"Get": {fakeNotFound, fakeState(cwlogs.IntegrationStatusProvisioning, cwlogs.IntegrationTypeOpenSearch, otherAppARN)}, "Put": {fakeUnknown}},
			wantCalls: []string{"Get", "Put", "Get"},
			wantErr:   `(reading it back: found it with ResourceConfig.ApplicationArn "` + otherAppARN + `")`,
		},
		{
			name:      "the read fails: unknown, not denied",
			answers:   map[string][]fakeAnswer{"Get": {fakeNotFound, fakeDenied}, "Put": {fakeUnknown}},
			wantCalls: []string{"Get", "Put", "Get"},
			wantErr:   "(reading it back: GetIntegration: AccessDeniedException: no (status 400))",
		},
		{
			name:         "the context ended: no read, unknown and cancelled",
			answers:      map[string][]fakeAnswer{"Get": {fakeNotFound}, "Put": {fakeUnknown}},
			cancel:       true,
			wantCalls:    []string{"Get", "Put"},
			wantErr:      "(the check was not made)",
			wantCanceled: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			f := &fakeIntegrations{t: t, answers: tt.answers}
			var api cwlogs.IntegrationsAPI = f
			if tt.cancel {
				api = cancellingPut{f, cancel}
			}
			in := putWithApp("x", myApp)
			res, err := cwlogs.EnsureIntegration(ctx, api, in, fastEnsure, func(o *cwlogs.EnsureIntegrationOptions) { o.NoWait = true })
			if diff := cmp.Diff(tt.wantCalls, f.calls); diff != "" {
				t.Errorf("calls mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, summarize(res)); diff != "" {
				t.Errorf("result mismatch (-want +got):\n%s", diff)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Errorf("err = %v, want nil", err)
				}
				return
			}
			if !errors.Is(err, cwlogs.ErrOutcomeUnknown) || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("err = %v\nwant one matching ErrOutcomeUnknown, containing %s", err, tt.wantErr)
			}
			if errors.Is(err, cwlogs.ErrAccessDenied) || errors.Is(err, cwlogs.ErrResourceNotFound) {
				t.Errorf("err = %v matches the check's sentinel", err)
			}
			if errors.Is(err, context.Canceled) != tt.wantCanceled {
				t.Errorf("errors.Is(err, context.Canceled) = %v, want %v", !tt.wantCanceled, tt.wantCanceled)
			}
		})
	}
}

// cancellingPut cancels the context during PutIntegration, as a caller
// whose deadline passes during the create.
type cancellingPut struct {
	*fakeIntegrations
	cancel context.CancelFunc
}

func (c cancellingPut) PutIntegration(ctx context.Context, in *cwlogs.PutIntegrationInput, optFns ...func(*cwlogs.Options)) (*cwlogs.PutIntegrationOutput, error) {
	out, err := c.fakeIntegrations.PutIntegration(ctx, in, optFns...)
	c.cancel()
	return out, err
}
