package cwlogstest_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

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

// TestSeedS3TableSource seeds S3 Table integrations and sources: each
// source is listed as seeded, in the order seeded, until it is
// disassociated, and Requests holds the test's requests alone.
func TestSeedS3TableSource(t *testing.T) {
	const other = "arn:aws:observabilityadmin:eu-west-1:123456789012:s3tableintegration/second"
	srv := newServer(t)
	if err := srv.AddS3TableIntegration(other); err != nil {
		t.Fatal(err)
	}
	if err := srv.AddS3TableIntegration(other); err != nil {
		t.Fatalf("adding an S3 Table integration twice: %v", err)
	}
	wild := cwlogs.S3TableIntegrationSource{Identifier: "wildcard-1", DataSource: cwlogs.DataSource{Name: "*", Type: "*"}, CreatedTimeStamp: 1773300000123}
	seeds := []cwlogs.S3TableIntegrationSource{
		wild,
		{DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}, ParentSourceIdentifier: "wildcard-1"},
		{DataSource: cwlogs.DataSource{Name: "amazon_vpc", Type: "flow"}, Status: "FAILED", StatusReason: "No access."},
		{DataSource: cwlogs.DataSource{Name: "old"}, Status: "DELETING"},
	}
	var want []cwlogs.S3TableIntegrationSource
	for _, src := range seeds {
		id, err := srv.SeedS3TableSource(tableArn, src)
		if err != nil {
			t.Fatal(err)
		}
		if src.Identifier == "" && !uuidPattern.MatchString(id) || src.Identifier != "" && id != src.Identifier {
			t.Errorf("SeedS3TableSource(%+v) = %q, want its identifier or a new UUID", src, id)
		}
		src.Identifier = id
		if src.Status == "" {
			src.Status = cwlogs.S3TableIntegrationSourceStatusActive
		}
		if src.CreatedTimeStamp == 0 {
			src.CreatedTimeStamp = serverNow.UnixMilli()
		}
		want = append(want, src)
	}
	if n := len(srv.Requests()); n != 0 {
		t.Fatalf("seeding recorded %d requests", n)
	}
	if diff := cmp.Diff(want, srv.S3TableSources(tableArn)); diff != "" {
		t.Errorf("S3TableSources mismatch (-want +got):\n%s", diff)
	}
	for range 2 { // a seeded source keeps its status
		if _, page := listSources(t, srv, tableArn, 0, ""); !cmp.Equal(want, page.Sources) {
			t.Errorf("listed sources mismatch (-want +got):\n%s", cmp.Diff(want, page.Sources))
		}
	}
	if _, page := listSources(t, srv, other, 0, ""); len(page.Sources) != 0 {
		t.Errorf("the other integration lists %+v, want no source", page.Sources)
	}
	// Disassociated, a seeded source goes as its data source's lifecycle
	// says.
	if err := srv.SetSourceLifecycle(want[2].DataSource, cwlogstest.SourceLifecycle{DeletePolls: 2}); err != nil {
		t.Fatal(err)
	}
	disassociate(t, srv, want[2].Identifier)
	var statuses [][]string
	for range 3 {
		_, page := listSources(t, srv, tableArn, 0, "")
		statuses = append(statuses, statusesOf(page.Sources))
	}
	const deleting = "DATA_SOURCE_DELETE_IN_PROGRESS"
	wantStatuses := [][]string{
		{"ACTIVE", "ACTIVE", deleting, "DELETING"},
		{"ACTIVE", "ACTIVE", deleting, "DELETING"},
		{"ACTIVE", "ACTIVE", "DELETING"},
	}
	if diff := cmp.Diff(wantStatuses, statuses); diff != "" {
		t.Errorf("statuses after the disassociation mismatch (-want +got):\n%s", diff)
	}
	if got := srv.S3TableSources("arn:aws:observabilityadmin:us-east-1:123456789012:s3tableintegration/none"); got != nil {
		t.Errorf("S3TableSources of an unknown integration = %+v, want nil", got)
	}
}

// TestSeedS3TableSourceRefused seeds what the kit refuses: a source of an
// integration it does not hold or of an identifier taken, a source that no
// association could have made (a data source without a name, a string
// that is not valid UTF-8), an identifier no disassociation could name
// (over 2048 characters), and lifecycles that cannot run. Each error
// names the argument, and nothing is seeded.
func TestSeedS3TableSourceRefused(t *testing.T) {
	srv := newServer(t)
	eks := cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}
	// 2048 characters of 2 bytes each: the bound counts characters.
	longest := strings.Repeat("é", 2048)
	for _, id := range []string{"id-1", longest} {
		if _, err := srv.SeedS3TableSource(tableArn, cwlogs.S3TableIntegrationSource{Identifier: id, DataSource: eks}); err != nil {
			t.Fatalf("SeedS3TableSource of identifier %.8q…: %v", id, err)
		}
	}
	seed := func(src cwlogs.S3TableIntegrationSource) error { return second(srv.SeedS3TableSource(tableArn, src)) }
	for _, tt := range []struct {
		name string
		err  error
		want string
	}{
		{"unknown integration", second(srv.SeedS3TableSource("arn:aws:observabilityadmin:us-east-1:123456789012:s3tableintegration/none", cwlogs.S3TableIntegrationSource{DataSource: eks})),
			`cwlogstest: SeedS3TableSource: no S3 Table integration "arn:aws:observabilityadmin:us-east-1:123456789012:s3tableintegration/none" (add it with AddS3TableIntegration)`},
		{"identifier taken", seed(cwlogs.S3TableIntegrationSource{Identifier: "id-1", DataSource: eks}),
			`cwlogstest: SeedS3TableSource: a source of identifier "id-1" exists`},
		{"no data source", seed(cwlogs.S3TableIntegrationSource{}),
			`cwlogstest: SeedS3TableSource: src.DataSource.Name is empty: AssociateSourceToS3TableIntegration requires a data source name`},
		{"a type without a name", seed(cwlogs.S3TableIntegrationSource{DataSource: cwlogs.DataSource{Type: "audit"}}),
			`cwlogstest: SeedS3TableSource: src.DataSource.Name is empty: AssociateSourceToS3TableIntegration requires a data source name`},
		{"name not UTF-8", seed(cwlogs.S3TableIntegrationSource{DataSource: cwlogs.DataSource{Name: "amazon_\xffeks"}}),
			`cwlogstest: SeedS3TableSource: src.DataSource.Name is "amazon_\xffeks", which is not valid UTF-8 (byte 7): no request or response can carry it`},
		{"type not UTF-8", seed(cwlogs.S3TableIntegrationSource{DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "aud\xc3"}}),
			`cwlogstest: SeedS3TableSource: src.DataSource.Type is "aud\xc3", which is not valid UTF-8 (byte 3): no request or response can carry it`},
		{"identifier not UTF-8", seed(cwlogs.S3TableIntegrationSource{Identifier: "\xfe-1", DataSource: eks}),
			`cwlogstest: SeedS3TableSource: src.Identifier is "\xfe-1", which is not valid UTF-8 (byte 0): no request or response can carry it`},
		{"reason not UTF-8", seed(cwlogs.S3TableIntegrationSource{DataSource: eks, Status: "FAILED", StatusReason: "no \xff"}),
			`cwlogstest: SeedS3TableSource: src.StatusReason is "no \xff", which is not valid UTF-8 (byte 3): no request or response can carry it`},
		{"identifier of 2049 characters", seed(cwlogs.S3TableIntegrationSource{Identifier: longest + "é", DataSource: eks}),
			`cwlogstest: SeedS3TableSource: src.Identifier is 2049 characters long, want at most 2048: no DisassociateSourceFromS3TableIntegration request can name it`},
		{"not an ARN", srv.AddS3TableIntegration("s3tableintegration/x"),
			`cwlogstest: AddS3TableIntegration: "s3tableintegration/x" is not an ARN: arn: invalid prefix`},
		{"negative polls", srv.SetSourceLifecycle(cwlogs.DataSource{Name: "n"}, cwlogstest.SourceLifecycle{Polls: -1}),
			"cwlogstest: SetSourceLifecycle: {Polls:-1 Duration:0s Pending: Status: Reason: DeletePolls:0 DeleteDuration:0s} has a negative count or duration"},
		{"negative delete duration", srv.SetSourceLifecycle(cwlogs.DataSource{Name: "n"}, cwlogstest.SourceLifecycle{DeleteDuration: -time.Second}),
			"cwlogstest: SetSourceLifecycle: {Polls:0 Duration:0s Pending: Status: Reason: DeletePolls:0 DeleteDuration:-1s} has a negative count or duration"},
	} {
		if tt.err == nil || tt.err.Error() != tt.want {
			t.Errorf("%s: %v, want %q", tt.name, tt.err, tt.want)
		}
	}
	if got := srv.S3TableSources(tableArn); len(got) != 2 {
		t.Errorf("after refused seedings: %d sources, want the two seeded", len(got))
	}
}

// second returns the error of a call that returns a value and an error.
func second[T any](_ T, err error) error { return err }
