package cwlogstest_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// TestSeedIntegration seeds integrations and reads them through the
// client: each shows as seeded from its first read, and Requests holds the
// client's requests alone.
func TestSeedIntegration(t *testing.T) {
	const app = "arn:aws:opensearch:us-east-1:123456789012:application/appid7"
	unknown := &cwlogs.UnknownIntegrationDetails{Name: "splunkIntegrationDetails", Value: json.RawMessage(`{"index":"main"}`)}
	tests := []struct {
		name string
		in   cwlogstest.Integration
		// want are the statuses of three reads in turn, each after a list
		// that shows the same.
		want []cwlogs.IntegrationStatus
		// active is the number of resources ACTIVE on the last read.
		active int
		check  func(*testing.T, *cwlogs.GetIntegrationOutput)
	}{
		{name: "ACTIVE from the first read", in: cwlogstest.Integration{Name: "x"},
			want: []cwlogs.IntegrationStatus{"ACTIVE", "ACTIVE", "ACTIVE"}, active: 8,
			check: func(t *testing.T, out *cwlogs.GetIntegrationOutput) {
				d := out.IntegrationDetails.(*cwlogs.OpenSearchIntegrationDetails)
				type view struct{ Type, Role, Viewers, Retention string }
				want := view{"OPENSEARCH", "arn:aws:iam::123456789012:role/CWLOpenSearchRole",
					"1 dashboard viewer principal: arn:aws:iam::123456789012:role/CWLDashboardViewer.", "Retains log data for 30 days."}
				got := view{string(out.IntegrationType), "", "", d.LifecyclePolicy.Status.StatusMessage}
				if strings.Contains(d.DataSource.Status.StatusMessage, want.Role) {
					got.Role = want.Role
				}
				if _, v, ok := strings.Cut(d.AccessPolicy.Status.StatusMessage, "Grants read access to "); ok {
					got.Viewers = v
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("default config mismatch (-want +got):\n%s", diff)
				}
			}},
		{name: "provisioning for two reads", in: cwlogstest.Integration{Name: "x", Lifecycle: cwlogstest.Lifecycle{Polls: 2}},
			want: []cwlogs.IntegrationStatus{"PROVISIONING", "PROVISIONING", "ACTIVE"}, active: 8},
		{name: "FAILED", in: cwlogstest.Integration{Name: "x", Lifecycle: cwlogstest.Lifecycle{Fail: map[cwlogs.ResourceKind]string{cwlogs.ResourceKindWorkspace: "no"}}},
			want: []cwlogs.IntegrationStatus{"FAILED", "FAILED", "FAILED"}, active: 7},
		{name: "a status this package does not know", in: cwlogstest.Integration{Name: "x", Status: "DEGRADED"},
			want: []cwlogs.IntegrationStatus{"DEGRADED", "DEGRADED", "DEGRADED"}, active: 8},
		{name: "PROVISIONING for ever", in: cwlogstest.Integration{Name: "x", Status: cwlogs.IntegrationStatusProvisioning},
			want: []cwlogs.IntegrationStatus{"PROVISIONING", "PROVISIONING", "PROVISIONING"}, active: 8},
		{name: "details of the test's choice", in: cwlogstest.Integration{Name: "x", Details: unknown},
			want: []cwlogs.IntegrationStatus{"ACTIVE", "ACTIVE", "ACTIVE"},
			check: func(t *testing.T, out *cwlogs.GetIntegrationOutput) {
				if diff := cmp.Diff(cwlogs.IntegrationDetails(unknown), out.IntegrationDetails, cwlogstest.CmpOptions()...); diff != "" {
					t.Errorf("details mismatch (-want +got):\n%s", diff)
				}
			}},
		{name: "type and config", in: cwlogstest.Integration{Name: "Team/x", Type: "SPLUNK", Config: &cwlogs.OpenSearchResourceConfig{
			DataSourceRoleArn: roleArn, DashboardViewerPrincipals: []string{viewerArn, roleArn}, RetentionDays: 3, ApplicationArn: app}},
			want: []cwlogs.IntegrationStatus{"ACTIVE", "ACTIVE", "ACTIVE"}, active: 8,
			check: func(t *testing.T, out *cwlogs.GetIntegrationOutput) {
				d := out.IntegrationDetails.(*cwlogs.OpenSearchIntegrationDetails)
				type view struct{ Type, App, Retention, Policy string }
				want := view{"SPLUNK", app, "Retains log data for 3 days.", "cwl-team-x-access"}
				got := view{string(out.IntegrationType), d.Application.ApplicationArn, d.LifecyclePolicy.Status.StatusMessage, d.AccessPolicy.PolicyName}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("mismatch (-want +got):\n%s", diff)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			srv := newServer(t)
			if err := srv.SeedIntegration(tt.in); err != nil {
				t.Fatal(err)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Fatalf("seeding recorded %d requests, want none", n)
			}
			client := newClient(t, srv)
			var got, listed []cwlogs.IntegrationStatus
			var out *cwlogs.GetIntegrationOutput
			for range tt.want {
				list, err := client.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{})
				if err != nil || len(list.IntegrationSummaries) != 1 || list.IntegrationSummaries[0].IntegrationName != tt.in.Name {
					t.Fatalf("list %+v, %v; want %s", list, err, tt.in.Name)
				}
				listed = append(listed, list.IntegrationSummaries[0].IntegrationStatus)
				if out, err = client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: tt.in.Name}); err != nil {
					t.Fatal(err)
				}
				got = append(got, out.IntegrationStatus)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("statuses read mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.want, listed); diff != "" {
				t.Errorf("statuses listed mismatch (-want +got):\n%s", diff)
			}
			if _, ok := out.IntegrationDetails.(*cwlogs.OpenSearchIntegrationDetails); ok {
				if n := counts(reported(out.IntegrationDetails))[cwlogs.OpenSearchResourceStatusTypeActive]; n != tt.active {
					t.Errorf("%d resources ACTIVE, want %d", n, tt.active)
				}
			}
			if tt.check != nil {
				tt.check(t, out)
			}
			if n := len(srv.Requests()); n != 2*len(tt.want) {
				t.Errorf("Requests() holds %d requests, want the client's %d", n, 2*len(tt.want))
			}
		})
	}
}

// TestSeedIntegrationAccount checks that a seeded integration is one of the
// account: it holds the account's quota, its dashboards keep it from a
// delete that does not force, a delete removes it, and a seeding replaces
// one of the same name.
func TestSeedIntegrationAccount(t *testing.T) {
	ctx := context.Background()
	srv := newServer(t)
	client := newClient(t, srv)
	if err := srv.SeedIntegration(cwlogstest.Integration{Name: "held", Status: "DEGRADED"}); err != nil {
		t.Fatal(err)
	}
	if err := srv.SeedIntegration(cwlogstest.Integration{Name: "held", Dashboards: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.PutIntegration(ctx, putInput("mine")); apiCode(err) != "LimitExceededException" || !strings.Contains(err.Error(), "held") {
		t.Errorf("PutIntegration with a seeded integration: %v, want LimitExceededException naming held", err)
	}
	out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "held"})
	if err != nil || out.IntegrationStatus != cwlogs.IntegrationStatusActive {
		t.Errorf("GetIntegration of the seeding replaced: %v, %v; want ACTIVE", out, err)
	}
	if _, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "held"}); !errors.Is(err, cwlogs.ErrValidation) {
		t.Errorf("DeleteIntegration of a seeded integration with dashboards: %v, want ValidationException", err)
	}
	if _, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "held", Force: true}); err != nil {
		t.Errorf("forced DeleteIntegration: %v", err)
	}
	if _, err := client.PutIntegration(ctx, putInput("mine")); err != nil {
		t.Errorf("PutIntegration after the seeded one went: %v", err)
	}
	// A seeding ignores the limit.
	if err := srv.SeedIntegration(cwlogstest.Integration{Name: "second"}); err != nil {
		t.Fatal(err)
	}
	if names := listNames(t, srv); !strings.Contains(names, `"mine"`) || !strings.Contains(names, `"second"`) {
		t.Errorf("list = %s, want mine and second", names)
	}
}

func TestSeedIntegrationRefused(t *testing.T) {
	srv := newServer(t)
	for _, tt := range []struct {
		in   cwlogstest.Integration
		want string
	}{
		{cwlogstest.Integration{}, `cwlogstest: SeedIntegration: integration name "", which no request can ask for: Member must have length greater than or equal to 1`},
		{cwlogstest.Integration{Name: "a b"}, `cwlogstest: SeedIntegration: integration name "a b", which no request can ask for: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+`},
		{cwlogstest.Integration{Name: "x", Lifecycle: cwlogstest.Lifecycle{Fail: map[cwlogs.ResourceKind]string{"cluster": ""}}},
			`cwlogstest: SeedIntegration: "cluster" is not a resource of an integration`},
	} {
		err := srv.SeedIntegration(tt.in)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("SeedIntegration(%+v): %v, want %q", tt.in, err, tt.want)
		}
	}
	if names := listNames(t, srv); names != `{"integrationSummaries":[]}` {
		t.Errorf("after refused seedings, list = %s, want none", names)
	}
}
