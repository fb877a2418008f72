package cwlogstest_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// putInput returns a valid PutIntegration input for name.
func putInput(name string) *cwlogs.PutIntegrationInput {
	return &cwlogs.PutIntegrationInput{
		IntegrationName: name,
		IntegrationType: cwlogs.IntegrationTypeOpenSearch,
		ResourceConfig: &cwlogs.OpenSearchResourceConfig{
			DataSourceRoleArn:         roleArn,
			DashboardViewerPrincipals: []string{viewerArn},
			RetentionDays:             7,
		},
	}
}

// apiCode returns the code of the *APIError in err, or "".
func apiCode(err error) string {
	var apiErr *cwlogs.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Code
	}
	return ""
}

// reported returns the statuses of the resources d reports, by name.
func reported(d cwlogs.IntegrationDetails) map[cwlogs.ResourceKind]cwlogs.OpenSearchResourceStatusType {
	o, _ := d.(*cwlogs.OpenSearchIntegrationDetails)
	if o == nil {
		return nil
	}
	got := map[cwlogs.ResourceKind]cwlogs.OpenSearchResourceStatusType{}
	add := func(r cwlogs.ResourceKind, ok bool, st cwlogs.OpenSearchResourceStatus) {
		if ok {
			got[r] = st.Status
		}
	}
	add(cwlogs.ResourceKindDataSource, o.DataSource != nil, statusOr(o.DataSource, func(v *cwlogs.OpenSearchDataSource) cwlogs.OpenSearchResourceStatus { return v.Status }))
	add(cwlogs.ResourceKindApplication, o.Application != nil, statusOr(o.Application, func(v *cwlogs.OpenSearchApplication) cwlogs.OpenSearchResourceStatus { return v.Status }))
	add(cwlogs.ResourceKindCollection, o.Collection != nil, statusOr(o.Collection, func(v *cwlogs.OpenSearchCollection) cwlogs.OpenSearchResourceStatus { return v.Status }))
	add(cwlogs.ResourceKindWorkspace, o.Workspace != nil, statusOr(o.Workspace, func(v *cwlogs.OpenSearchWorkspace) cwlogs.OpenSearchResourceStatus { return v.Status }))
	policy := func(v *cwlogs.OpenSearchPolicy) cwlogs.OpenSearchResourceStatus { return v.Status }
	add(cwlogs.ResourceKindEncryptionPolicy, o.EncryptionPolicy != nil, statusOr(o.EncryptionPolicy, policy))
	add(cwlogs.ResourceKindNetworkPolicy, o.NetworkPolicy != nil, statusOr(o.NetworkPolicy, policy))
	add(cwlogs.ResourceKindAccessPolicy, o.AccessPolicy != nil, statusOr(o.AccessPolicy, policy))
	add(cwlogs.ResourceKindLifecyclePolicy, o.LifecyclePolicy != nil, statusOr(o.LifecyclePolicy, policy))
	return got
}

func statusOr[T any](v *T, f func(*T) cwlogs.OpenSearchResourceStatus) cwlogs.OpenSearchResourceStatus {
	if v == nil {
		return cwlogs.OpenSearchResourceStatus{}
	}
	return f(v)
}

// counts returns how many resources are in each status.
func counts(m map[cwlogs.ResourceKind]cwlogs.OpenSearchResourceStatusType) map[cwlogs.OpenSearchResourceStatusType]int {
	c := map[cwlogs.OpenSearchResourceStatusType]int{}
	for _, st := range m {
		c[st]++
	}
	return c
}

// TestLifecycle creates, waits for, lists and deletes an integration
// through the client.
func TestLifecycle(t *testing.T) {
	ctx := context.Background()
	srv := newServer(t)
	client := newClient(t, srv)
	if err := srv.SetLifecycle("my-int", cwlogstest.Lifecycle{Polls: 8}); err != nil {
		t.Fatal(err)
	}

	put, err := client.PutIntegration(ctx, putInput("my-int"))
	if err != nil {
		t.Fatal(err)
	}
	if put.IntegrationName != "my-int" || put.IntegrationStatus != cwlogs.IntegrationStatusProvisioning {
		t.Errorf("PutIntegration = %+v, want my-int PROVISIONING", put)
	}
	// One integration per account, whatever its name.
	for _, name := range []string{"my-int", "other"} {
		_, err := client.PutIntegration(ctx, putInput(name))
		if apiCode(err) != "LimitExceededException" || !strings.Contains(err.Error(), "my-int") {
			t.Errorf("second PutIntegration(%s): %v, want LimitExceededException naming my-int", name, err)
		}
	}

	// Eight polls see it PROVISIONING, a resource more each time.
	for poll := range 8 {
		out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "my-int"})
		if err != nil {
			t.Fatal(err)
		}
		want := map[cwlogs.OpenSearchResourceStatusType]int{cwlogs.OpenSearchResourceStatusTypeNotFound: 1}
		if poll > 0 {
			want[cwlogs.OpenSearchResourceStatusTypeActive] = poll
		}
		if out.IntegrationStatus != cwlogs.IntegrationStatusProvisioning {
			t.Errorf("poll %d: status %s, want PROVISIONING", poll, out.IntegrationStatus)
		}
		if diff := cmp.Diff(want, counts(reported(out.IntegrationDetails))); diff != "" {
			t.Errorf("poll %d: resources by status mismatch (-want +got):\n%s", poll, diff)
		}
		// A list shows the status the next poll will see.
		wantStatus := cwlogs.IntegrationStatusProvisioning
		if poll == 7 {
			wantStatus = cwlogs.IntegrationStatusActive
		}
		list, err := client.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{})
		if err != nil || len(list.IntegrationSummaries) != 1 || list.IntegrationSummaries[0].IntegrationStatus != wantStatus {
			t.Errorf("poll %d: list = %+v, %v; want my-int %s", poll, list, err, wantStatus)
		}
	}
	out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "my-int"})
	if err != nil {
		t.Fatal(err)
	}
	if out.IntegrationStatus != cwlogs.IntegrationStatusActive || out.IntegrationType != cwlogs.IntegrationTypeOpenSearch {
		t.Errorf("after 8 polls: %s %s, want OPENSEARCH ACTIVE", out.IntegrationType, out.IntegrationStatus)
	}
	if diff := cmp.Diff(map[cwlogs.OpenSearchResourceStatusType]int{cwlogs.OpenSearchResourceStatusTypeActive: 8}, counts(reported(out.IntegrationDetails))); diff != "" {
		t.Errorf("after 8 polls: resources by status mismatch (-want +got):\n%s", diff)
	}

	lists := []struct {
		in   cwlogs.ListIntegrationsInput
		want []cwlogs.IntegrationSummary
	}{
		{cwlogs.ListIntegrationsInput{}, []cwlogs.IntegrationSummary{{IntegrationName: "my-int", IntegrationType: "OPENSEARCH", IntegrationStatus: "ACTIVE"}}},
		{cwlogs.ListIntegrationsInput{IntegrationNamePrefix: "my-"}, []cwlogs.IntegrationSummary{{IntegrationName: "my-int", IntegrationType: "OPENSEARCH", IntegrationStatus: "ACTIVE"}}},
		{cwlogs.ListIntegrationsInput{IntegrationNamePrefix: "my-int"}, []cwlogs.IntegrationSummary{{IntegrationName: "my-int", IntegrationType: "OPENSEARCH", IntegrationStatus: "ACTIVE"}}},
		{cwlogs.ListIntegrationsInput{IntegrationNamePrefix: "my-int-"}, nil},
		{cwlogs.ListIntegrationsInput{IntegrationNamePrefix: "active"}, nil}, // recorded, not created
		{cwlogs.ListIntegrationsInput{IntegrationStatus: cwlogs.IntegrationStatusActive, IntegrationType: cwlogs.IntegrationTypeOpenSearch},
			[]cwlogs.IntegrationSummary{{IntegrationName: "my-int", IntegrationType: "OPENSEARCH", IntegrationStatus: "ACTIVE"}}},
		{cwlogs.ListIntegrationsInput{IntegrationStatus: cwlogs.IntegrationStatusProvisioning}, nil},
		{cwlogs.ListIntegrationsInput{IntegrationStatus: cwlogs.IntegrationStatusFailed}, nil},
	}
	for _, l := range lists {
		got, err := client.ListIntegrations(ctx, &l.in)
		if err != nil {
			t.Errorf("ListIntegrations(%+v): %v", l.in, err)
			continue
		}
		if diff := cmp.Diff(l.want, got.IntegrationSummaries, cwlogstest.CmpOptions()...); diff != "" {
			t.Errorf("ListIntegrations(%+v) mismatch (-want +got):\n%s", l.in, diff)
		}
	}

	// Dashboards keep it from a delete that does not force.
	srv.SetDashboards("my-int", true)
	_, err = client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "my-int"})
	if apiCode(err) != "ValidationException" || !errors.Is(err, cwlogs.ErrValidation) {
		t.Errorf("DeleteIntegration with dashboards: %v, want ValidationException", err)
	}
	if _, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "my-int", Force: true}); err != nil {
		t.Fatalf("DeleteIntegration with force: %v", err)
	}
	if _, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "my-int"}); !errors.Is(err, cwlogs.ErrResourceNotFound) {
		t.Errorf("GetIntegration after delete: %v, want ResourceNotFoundException", err)
	}
	if _, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "my-int"}); !errors.Is(err, cwlogs.ErrResourceNotFound) {
		t.Errorf("DeleteIntegration again: %v, want ResourceNotFoundException", err)
	}
	if list, err := client.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{}); err != nil || len(list.IntegrationSummaries) != 0 {
		t.Errorf("list after delete = %+v, %v; want none", list, err)
	}
	// The account may have an integration again; the forced delete took
	// the dashboards with it.
	if _, err := client.PutIntegration(ctx, putInput("my-int")); err != nil {
		t.Fatalf("PutIntegration after delete: %v", err)
	}
	if _, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "my-int"}); err != nil {
		t.Errorf("DeleteIntegration without force after the dashboards went: %v", err)
	}
}

func TestLifecycleFailed(t *testing.T) {
	ctx := context.Background()
	srv := newServer(t)
	client := newClient(t, srv)
	const msg = "Collection creation failed: quota of 50 collections reached"
	err := srv.SetLifecycle("x", cwlogstest.Lifecycle{Polls: 1, Fail: map[cwlogs.ResourceKind]string{
		cwlogs.ResourceKindCollection: msg, cwlogs.ResourceKindAccessPolicy: "no principal",
	}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.PutIntegration(ctx, putInput("x")); err != nil {
		t.Fatal(err)
	}
	var statuses []cwlogs.IntegrationStatus
	var out *cwlogs.GetIntegrationOutput
	for range 3 {
		out, err = client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"})
		if err != nil {
			t.Fatal(err)
		}
		statuses = append(statuses, out.IntegrationStatus)
	}
	if diff := cmp.Diff([]cwlogs.IntegrationStatus{"PROVISIONING", "FAILED", "FAILED"}, statuses); diff != "" {
		t.Errorf("statuses mismatch (-want +got):\n%s", diff)
	}
	d := out.IntegrationDetails.(*cwlogs.OpenSearchIntegrationDetails)
	if diff := cmp.Diff(cwlogs.OpenSearchResourceStatus{Status: "ERROR", StatusMessage: msg}, d.Collection.Status); diff != "" {
		t.Errorf("collection status mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[cwlogs.OpenSearchResourceStatusType]int{"ACTIVE": 6, "ERROR": 2}, counts(reported(d))); diff != "" {
		t.Errorf("resources by status mismatch (-want +got):\n%s", diff)
	}
	list, err := client.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{IntegrationStatus: cwlogs.IntegrationStatusFailed})
	if err != nil || len(list.IntegrationSummaries) != 1 {
		t.Errorf("list of FAILED = %+v, %v; want x", list, err)
	}

	if err := srv.SetLifecycle("y", cwlogstest.Lifecycle{Fail: map[cwlogs.ResourceKind]string{"cluster": "x"}}); err == nil ||
		!strings.HasPrefix(err.Error(), "cwlogstest: SetLifecycle: ") {
		t.Errorf("SetLifecycle with an unknown resource: %v, want an error", err)
	}
}

// TestLifecycleDefaults checks the lifecycle of an integration without one
// set ([DefaultPolls] polls), and that an integration the kit has just
// created is PROVISIONING on its first read whatever its lifecycle: the
// zero Lifecycle, or one poll, makes it ACTIVE from the second read, a
// duration that has passed before the first read too.
func TestLifecycleDefaults(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		// set is the lifecycle set before the create, if any.
		set *cwlogstest.Lifecycle
		// elapsed is the time on the server's clock before the first read.
		elapsed time.Duration
		// polls is the number of reads that see it PROVISIONING.
		polls int
	}{
		{name: "default", polls: cwlogstest.DefaultPolls},
		{name: "zero Lifecycle", set: &cwlogstest.Lifecycle{}, polls: 1},
		{name: "one poll", set: &cwlogstest.Lifecycle{Polls: 1}, polls: 1},
		{name: "two polls", set: &cwlogstest.Lifecycle{Polls: 2}, polls: 2},
		{name: "duration passed before the first read", set: &cwlogstest.Lifecycle{Duration: time.Second}, elapsed: time.Minute, polls: 1},
		{name: "zero Lifecycle that fails", set: &cwlogstest.Lifecycle{Fail: map[cwlogs.ResourceKind]string{cwlogs.ResourceKindCollection: "m"}}, polls: 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			var mu sync.Mutex
			now := serverNow
			srv.SetClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
			if tt.set != nil {
				if err := srv.SetLifecycle("x", *tt.set); err != nil {
					t.Fatal(err)
				}
			}
			client := newClient(t, srv)
			if _, err := client.PutIntegration(ctx, putInput("x")); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			now = now.Add(tt.elapsed)
			mu.Unlock()
			end := cwlogs.IntegrationStatusActive
			if tt.set != nil && len(tt.set.Fail) > 0 {
				end = cwlogs.IntegrationStatusFailed
			}
			var want, got, listed []cwlogs.IntegrationStatus
			for i := range tt.polls + 2 {
				want = append(want, cwlogs.IntegrationStatusProvisioning)
				if i >= tt.polls {
					want[i] = end
				}
				list, err := client.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{})
				if err != nil || len(list.IntegrationSummaries) != 1 {
					t.Fatalf("poll %d: list %v, %v; want x", i, list, err)
				}
				listed = append(listed, list.IntegrationSummaries[0].IntegrationStatus)
				out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"})
				if err != nil {
					t.Fatalf("poll %d: %v", i, err)
				}
				got = append(got, out.IntegrationStatus)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("statuses read mismatch (-want +got):\n%s", diff)
			}
			// A list before each read shows what that read sees.
			if diff := cmp.Diff(want, listed); diff != "" {
				t.Errorf("statuses listed mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLifecycleDuration provisions by the server's clock.
func TestLifecycleDuration(t *testing.T) {
	ctx := context.Background()
	srv := newServer(t)
	var mu sync.Mutex
	now := serverNow
	srv.SetClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
	advance := func(d time.Duration) { mu.Lock(); defer mu.Unlock(); now = now.Add(d) }
	if err := srv.SetLifecycle("x", cwlogstest.Lifecycle{Duration: 80 * time.Second}); err != nil {
		t.Fatal(err)
	}
	client := newClient(t, srv)
	if _, err := client.PutIntegration(ctx, putInput("x")); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		after  time.Duration
		status cwlogs.IntegrationStatus
		active int
	}{{0, "PROVISIONING", 0}, {10 * time.Second, "PROVISIONING", 1}, {50 * time.Second, "PROVISIONING", 6}, {19 * time.Second, "PROVISIONING", 7}, {time.Second, "ACTIVE", 8}}
	for _, st := range steps {
		advance(st.after)
		out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"})
		if err != nil {
			t.Fatal(err)
		}
		got := counts(reported(out.IntegrationDetails))[cwlogs.OpenSearchResourceStatusTypeActive]
		if out.IntegrationStatus != st.status || got != st.active {
			t.Errorf("at %v: %s with %d resources active, want %s with %d", now.Sub(serverNow), out.IntegrationStatus, got, st.status, st.active)
		}
	}
}

// TestLifecycleDetails checks that the resources of an ACTIVE integration
// follow from its name and config.
func TestLifecycleDetails(t *testing.T) {
	ctx := context.Background()
	const (
		kms = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
		app = "arn:aws:opensearch:eu-west-1:123456789012:application/appid42"
	)
	srv := newServer(t)
	srv.SetIntegrationLimit(2)
	client := newClient(t, srv)
	plain, full := putInput("Team.Logs/1"), putInput("full")
	cfg := full.ResourceConfig.(*cwlogs.OpenSearchResourceConfig)
	cfg.KmsKeyArn, cfg.ApplicationArn, cfg.RetentionDays = kms, app, 30
	cfg.DashboardViewerPrincipals = []string{viewerArn, roleArn}
	details := map[string]*cwlogs.OpenSearchIntegrationDetails{}
	for _, in := range []*cwlogs.PutIntegrationInput{plain, full} {
		if err := srv.SetLifecycle(in.IntegrationName, cwlogstest.Lifecycle{}); err != nil {
			t.Fatal(err)
		}
		if _, err := client.PutIntegration(ctx, in); err != nil {
			t.Fatal(err)
		}
		// The first read sees it PROVISIONING, the second ACTIVE.
		var out *cwlogs.GetIntegrationOutput
		for range 2 {
			var err error
			if out, err = client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: in.IntegrationName}); err != nil {
				t.Fatal(err)
			}
		}
		details[in.IntegrationName] = out.IntegrationDetails.(*cwlogs.OpenSearchIntegrationDetails)
	}
	p, f := details["Team.Logs/1"], details["full"]
	checks := []struct {
		what      string
		got, want string
		contains  bool
	}{
		{"policy name from the name", p.EncryptionPolicy.PolicyName, "cwl-team-logs-1-encryption", false},
		{"lifecycle policy name", f.LifecyclePolicy.PolicyName, "cwl-full-lifecycle", false},
		{"data source name", p.DataSource.DataSourceName, "cwl_vended_logs_team_logs_1_", true},
		{"retention", p.LifecyclePolicy.Status.StatusMessage, "Retains log data for 7 days.", false},
		{"retention 30", f.LifecyclePolicy.Status.StatusMessage, "Retains log data for 30 days.", false},
		{"KMS key", f.EncryptionPolicy.Status.StatusMessage, "with the KMS key " + kms + ".", true},
		{"AWS owned key", p.EncryptionPolicy.Status.StatusMessage, "with an AWS owned key.", true},
		{"application given", f.Application.ApplicationArn, app, false},
		{"application id from its ARN", f.Application.ApplicationID, "appid42", false},
		{"application endpoint in its region", f.Application.ApplicationEndpoint, "https://application-appid42.eu-west-1.opensearch.amazonaws.com", false},
		{"application made", p.Application.ApplicationArn, "arn:aws:opensearch:us-east-1:" + cwlogstest.AccountID + ":application/" + p.Application.ApplicationID, false},
		{"collection ARN", p.Collection.CollectionArn, "arn:aws:aoss:us-east-1:" + cwlogstest.AccountID + ":collection/", true},
		{"principals", f.AccessPolicy.Status.StatusMessage, "2 dashboard viewer principals: " + viewerArn + ", " + roleArn + ".", true},
		{"role", p.DataSource.Status.StatusMessage, roleArn, true},
	}
	for _, c := range checks {
		if c.contains && !strings.Contains(c.got, c.want) || !c.contains && c.got != c.want {
			t.Errorf("%s: %q, want %q", c.what, c.got, c.want)
		}
	}
	if p.Collection.CollectionArn == f.Collection.CollectionArn || p.Workspace.WorkspaceID == f.Workspace.WorkspaceID {
		t.Errorf("two integrations share identifiers: %+v, %+v", p, f)
	}
}

// TestServerConcurrentLifecycles runs lifecycles of many integrations at
// once, with the test's setters called meanwhile: each goroutine sees its
// own integration go through, and the race detector sees no race.
func TestServerConcurrentLifecycles(t *testing.T) {
	ctx := context.Background()
	srv := newServer(t)
	const n = 16
	srv.SetIntegrationLimit(n)
	client := newClient(t, srv)
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			name := "int-" + string(rune('a'+i))
			if err := srv.SetLifecycle(name, cwlogstest.Lifecycle{Polls: 2}); err != nil {
				errs <- err
				return
			}
			srv.SetDashboards(name, i%2 == 0)
			srv.SetLatency(name, 0)
			if _, err := client.PutIntegration(ctx, putInput(name)); err != nil {
				errs <- err
				return
			}
			for range 3 {
				if _, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: name}); err != nil {
					errs <- err
					return
				}
			}
			list, err := client.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{IntegrationNamePrefix: name})
			if err != nil || len(list.IntegrationSummaries) != 1 || list.IntegrationSummaries[0].IntegrationStatus != cwlogs.IntegrationStatusActive {
				errs <- errors.Join(errors.New(name+": list"), err)
				return
			}
			if _, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: name, Force: true}); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if names := listNames(t, srv); names != `{"integrationSummaries":[]}` {
		t.Errorf("after every delete, list = %s", names)
	}
}

// TestLifecyclePollsAndDuration checks that provisioning with both set
// ends when both have passed.
func TestLifecyclePollsAndDuration(t *testing.T) {
	ctx := context.Background()
	type step struct {
		advance time.Duration
		want    cwlogs.IntegrationStatus
	}
	tests := []struct {
		name  string
		l     cwlogstest.Lifecycle
		steps []step
	}{
		{"time passes first", cwlogstest.Lifecycle{Polls: 3, Duration: 10 * time.Second},
			[]step{{20 * time.Second, "PROVISIONING"}, {0, "PROVISIONING"}, {0, "PROVISIONING"}, {0, "ACTIVE"}}},
		{"polls pass first", cwlogstest.Lifecycle{Polls: 1, Duration: 10 * time.Second},
			[]step{{0, "PROVISIONING"}, {5 * time.Second, "PROVISIONING"}, {5 * time.Second, "ACTIVE"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			var mu sync.Mutex
			now := serverNow
			srv.SetClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
			if err := srv.SetLifecycle("x", tt.l); err != nil {
				t.Fatal(err)
			}
			client := newClient(t, srv)
			if _, err := client.PutIntegration(ctx, putInput("x")); err != nil {
				t.Fatal(err)
			}
			var got []cwlogs.IntegrationStatus
			want := make([]cwlogs.IntegrationStatus, len(tt.steps))
			for i, st := range tt.steps {
				mu.Lock()
				now = now.Add(st.advance)
				mu.Unlock()
				want[i] = st.want
				out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"})
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, out.IntegrationStatus)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("statuses mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestServerRefusesUnknownResourceConfig sends, through the client, a
// resource config member the service does not know: the client sends it
// as given and the server refuses it as the service would today.
func TestServerRefusesUnknownResourceConfig(t *testing.T) {
	srv := newServer(t)
	in := putInput("x")
	in.ResourceConfig = &cwlogs.UnknownResourceConfig{Name: "splunkResourceConfig", Value: []byte(`{"token":"t"}`)}
	_, err := newClient(t, srv).PutIntegration(context.Background(), in)
	if apiCode(err) != "ValidationException" || !strings.Contains(err.Error(), "'resourceConfig'") {
		t.Errorf("PutIntegration of an unknown resource config: %v, want the server's ValidationException on resourceConfig", err)
	}
	if reqs := srv.Requests(); len(reqs) != 1 || !strings.Contains(string(reqs[0].Body), `"splunkResourceConfig":{"token":"t"}`) {
		t.Errorf("requests = %+v, want the member sent", reqs)
	}
}

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
	// The first read sees it PROVISIONING, the second FAILED.
	var out *cwlogs.GetIntegrationOutput
	for range 2 {
		if out, err = client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"}); err != nil {
			t.Fatal(err)
		}
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

func TestServerUnknownIntegration(t *testing.T) {
	tests := []struct {
		name string
		fill bool // serve the recorded responses
	}{
		{"no-such-integration", true},
		{"active", false},
		{"x.y-z_w/v#u", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := cwlogstest.NewServer()
			t.Cleanup(srv.Close)
			srv.SetClock(func() time.Time { return serverNow })
			if tt.fill {
				if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
					t.Fatal(err)
				}
			}
			body, _ := json.Marshal(map[string]string{"integrationName": tt.name})
			resp, got := do(t, srv, handRequest{body: string(body)})
			if resp.StatusCode != 400 || errorCode(resp.Header, got) != "ResourceNotFoundException" {
				t.Fatalf("status %d, body %s; want 400 ResourceNotFoundException", resp.StatusCode, got)
			}
			checkServiceError(t, resp.Header, got, "ResourceNotFoundException")
			var b struct{ Message string }
			if err := json.Unmarshal(got, &b); err != nil || !strings.Contains(b.Message, tt.name) {
				t.Errorf("message %q does not name the integration %q", b.Message, tt.name)
			}
			if r := srv.Requests(); len(r) != 1 || r[0].Rejected != "" || r[0].IntegrationName != tt.name {
				t.Errorf("Requests() = %+v, want one accepted request for %q", r, tt.name)
			}

			// Through the library: the sentinel, the code and the message.
			client := newClient(t, srv)
			_, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: tt.name})
			var apiErr *cwlogs.APIError
			if !errors.Is(err, cwlogs.ErrResourceNotFound) || !errors.As(err, &apiErr) || apiErr.Message != b.Message {
				t.Errorf("GetIntegration error = %v, want ResourceNotFoundException with message %q", err, b.Message)
			}
		})
	}
	t.Run("message as the service words it", func(t *testing.T) {
		srv := newServer(t)
		_, body := do(t, srv, handRequest{body: `{"integrationName":"resource-not-found-2"}`})
		var got struct{ Message string }
		_ = json.Unmarshal(body, &got)
		var rec struct{ Message string }
		_ = json.Unmarshal(recorded(t, "resource-not-found").Body, &rec)
		want := strings.ReplaceAll(rec.Message, "resource-not-found", "resource-not-found-2")
		if got.Message != want {
			t.Errorf("message = %q, want %q", got.Message, want)
		}
	})
}

// TestServerPutExistingName creates an integration of a name the account
// already has: refused, and the integration is left as it was (the API
// creates, it never modifies). Under the limit the refusal is
// ValidationException; at the limit, LimitExceededException, as for any
// name.
func TestServerPutExistingName(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		limit    int
		seed     bool     // seed x instead of creating it
		others   []string // names created after x
		wantCode string
	}{
		{name: "created, under the limit", limit: 2, wantCode: "ValidationException"},
		{name: "seeded, under the limit", limit: 2, seed: true, wantCode: "ValidationException"},
		{name: "created, at the limit of one", limit: 1, wantCode: "LimitExceededException"},
		{name: "created, at the limit of two", limit: 2, others: []string{"y"}, wantCode: "LimitExceededException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			srv.SetIntegrationLimit(tt.limit)
			client := newClient(t, srv)
			if tt.seed {
				cfg := putInput("x").ResourceConfig.(*cwlogs.OpenSearchResourceConfig)
				if err := srv.SeedIntegration(cwlogstest.Integration{Name: "x", Config: cfg}); err != nil {
					t.Fatal(err)
				}
			}
			names := tt.others
			if !tt.seed {
				names = append([]string{"x"}, names...)
			}
			// ACTIVE from its second read.
			if err := srv.SetLifecycle("x", cwlogstest.Lifecycle{}); err != nil {
				t.Fatal(err)
			}
			for _, name := range names {
				if _, err := client.PutIntegration(ctx, putInput(name)); err != nil {
					t.Fatal(err)
				}
			}
			var before *cwlogs.GetIntegrationOutput
			for range 2 {
				var err error
				if before, err = client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"}); err != nil {
					t.Fatal(err)
				}
			}
			if before.IntegrationStatus != cwlogs.IntegrationStatusActive {
				t.Fatalf("x is %s before the create, want ACTIVE", before.IntegrationStatus)
			}
			again := putInput("x")
			again.ResourceConfig.(*cwlogs.OpenSearchResourceConfig).RetentionDays = 30
			_, err := client.PutIntegration(ctx, again)
			var apiErr *cwlogs.APIError
			if !errors.As(err, &apiErr) || apiErr.Code != tt.wantCode {
				t.Fatalf("PutIntegration of x again: %v, want %s", err, tt.wantCode)
			}
			if tt.wantCode == "ValidationException" && !strings.Contains(apiErr.Message, "Integration x already exists") {
				t.Errorf("message %q does not say that x exists", apiErr.Message)
			}
			after, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"})
			if err != nil {
				t.Fatal(err)
			}
			// It is kept as it was: ACTIVE, its retention 7 days, not 30.
			if diff := cmp.Diff(before, after, cwlogstest.CmpOptions()...); diff != "" {
				t.Errorf("details of x after the refused create mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
