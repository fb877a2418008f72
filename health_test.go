package cwlogs_test

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// reported returns a reported resource.
func reported(kind cwlogs.ResourceKind, id string, s cwlogs.OpenSearchResourceStatusType, msg string) cwlogs.ResourceHealth {
	return cwlogs.ResourceHealth{Kind: kind, ID: id, Status: s, Message: msg, Reported: true}
}

// missing returns a resource the service did not report.
func missing(kind cwlogs.ResourceKind) cwlogs.ResourceHealth {
	return cwlogs.ResourceHealth{Kind: kind}
}

// recordedOutput decodes the recorded response of name.
func recordedOutput(t *testing.T, name string) *cwlogs.GetIntegrationOutput {
	t.Helper()
	data, err := fs.ReadFile(cwlogstest.Recorded(), name+".http")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := cwlogstest.ParseResponse(data)
	if err != nil {
		t.Fatal(err)
	}
	out := new(cwlogs.GetIntegrationOutput)
	if err := out.UnmarshalJSON(resp.Body); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return out
}

// failedResources is what failed.http reports, in the order of Resources.
var failedResources = []cwlogs.ResourceHealth{
	reported(cwlogs.ResourceKindDataSource, "cwl_failed_z7r2", failed,
		"Data source \"cwl_failed_z7r2\" could not be created:\nAccessDeniedException: role arn:aws:iam::123456789012:role/CWLOpenSearchRole is not authorized to perform aoss:APIAccessAll"),
	// Only applicationId is sent: it stands for the ARN.
	reported(cwlogs.ResourceKindApplication, "p0w4t8y2ua", notFound,
		"Application introuvable dans la région us-east-1 — アプリケーションが見つかりません (日本語)"),
	reported(cwlogs.ResourceKindCollection, "arn:aws:aoss:us-east-1:123456789012:collection/x5c7v9b1n3m6k8j0h2gf", failed,
		"Collection creation failed\tcode=409\treason=ConflictException 🚀 retry after C:\\tmp cleanup"),
	reported(cwlogs.ResourceKindWorkspace, "Kp3Rx9", notFound, "Workspace 🚀 launch aborted: café dashboards missing"),
	reported(cwlogs.ResourceKindEncryptionPolicy, "cwl-failed-encryption", failed,
		"Policy \"cwl-failed-encryption\" references KMS key arn:aws:kms:us-east-1:123456789012:key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d, which is pending deletion.\nRéessayez après avoir réactivé la clé."),
	reported(cwlogs.ResourceKindNetworkPolicy, "cwl-failed-network", active, ""),
	reported(cwlogs.ResourceKindAccessPolicy, "cwl-failed-access", failed, "Line 1:\r\n\t\"Principal\": [] must not be empty!"),
	reported(cwlogs.ResourceKindLifecyclePolicy, "cwl-failed-lifecycle", notFound, ""),
}

func TestResourcesFailed(t *testing.T) {
	t.Parallel()
	out := recordedOutput(t, "failed")
	d := out.IntegrationDetails.(*cwlogs.OpenSearchIntegrationDetails)
	if diff := cmp.Diff(failedResources, d.Resources()); diff != "" {
		t.Errorf("Resources() mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(failedResources, out.Resources()); diff != "" {
		t.Errorf("output's Resources() mismatch (-want +got):\n%s", diff)
	}
}

// TestProblemsRecorded checks the health report of every recorded response
// that decodes: a recorded response added later must be added here.
func TestProblemsRecorded(t *testing.T) {
	t.Parallel()
	const (
		app    = cwlogs.ResourceKindApplication
		coll   = cwlogs.ResourceKindCollection
		ws     = cwlogs.ResourceKindWorkspace
		access = cwlogs.ResourceKindAccessPolicy
		life   = cwlogs.ResourceKindLifecyclePolicy
		net    = cwlogs.ResourceKindNetworkPolicy
	)
	tests := map[string]struct {
		opensearch bool // the details are OpenSearch's: eight resources
		want       []cwlogs.ResourceHealth
	}{
		"active":       {opensearch: true},
		"extra-fields": {opensearch: true},
		"provisioning": {opensearch: true, want: []cwlogs.ResourceHealth{
			reported(coll, "arn:aws:aoss:us-east-1:123456789012:collection/q9d3n6w2c8f1h5j7k0lz", notFound,
				"Collection cwl-provisioning is being created."),
			reported(access, "cwl-provisioning-access", "", ""), // reported without a status
			missing(app), missing(ws), missing(life),
		}},
		"failed": {opensearch: true, want: []cwlogs.ResourceHealth{
			failedResources[0], failedResources[1], failedResources[2], failedResources[3],
			failedResources[4], failedResources[6], failedResources[7],
		}},
		"unknown-enums": {opensearch: true, want: []cwlogs.ResourceHealth{
			reported(app, "arn:aws:opensearch:us-east-1:123456789012:application/b6n2m8q4zx", "UPDATING",
				"Application configuration is being updated."),
			reported(coll, "arn:aws:aoss:us-east-1:123456789012:collection/f3g5h7j9k1l2z4x6c8v0", "UPDATING", ""),
			reported(net, "cwl-enums-network", "DELETING", ""),
			missing(access), missing(life),
		}},
		"unknown-member":      {},
		"unknown-member-type": {},
		"unknown-member-null": {},
		"null-details":        {},
		"no-details":          {},
	}

	entries, err := fs.ReadDir(cwlogstest.Recorded(), ".")
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, e := range entries {
		if e.IsDir() {
			continue // the recorded answers of the other operations
		}
		name := strings.TrimSuffix(e.Name(), ".http")
		data, err := fs.ReadFile(cwlogstest.Recorded(), e.Name())
		if err != nil {
			t.Fatal(err)
		}
		resp, err := cwlogstest.ParseResponse(data)
		if err != nil {
			t.Fatal(err)
		}
		var out cwlogs.GetIntegrationOutput
		if resp.StatusCode != 200 || out.UnmarshalJSON(resp.Body) != nil {
			continue // an error, or an invalid union: no output to report on
		}
		tt, ok := tests[name]
		if !ok {
			t.Errorf("%s: a recorded success with no case in this test", name)
			continue
		}
		seen++
		if diff := cmp.Diff(tt.want, out.Problems()); diff != "" {
			t.Errorf("%s: Problems() mismatch (-want +got):\n%s", name, diff)
		}
		wantN := 0
		if tt.opensearch {
			wantN = 8
			d := out.IntegrationDetails.(*cwlogs.OpenSearchIntegrationDetails)
			if diff := cmp.Diff(tt.want, d.Problems()); diff != "" {
				t.Errorf("%s: details' Problems() mismatch (-want +got):\n%s", name, diff)
			}
		}
		var kinds []cwlogs.ResourceKind
		for _, r := range out.Resources() {
			kinds = append(kinds, r.Kind)
		}
		if wantN == 8 {
			if diff := cmp.Diff(cwlogs.ResourceKind("").Values(), kinds); diff != "" {
				t.Errorf("%s: kinds of Resources() mismatch (-want +got):\n%s", name, diff)
			}
		} else if len(kinds) != 0 {
			t.Errorf("%s: Resources() = %v, want none", name, kinds)
		}
	}
	if seen != len(tests) {
		t.Errorf("checked %d recorded responses, want %d: a case names no recorded success", seen, len(tests))
	}
}

// TestResourcesOrderAndIDs builds details by hand, with every resource set,
// and checks the order, the identifier chosen for each kind and that no
// field is mixed up with another.
func TestResourcesOrderAndIDs(t *testing.T) {
	t.Parallel()
	st := func(s string) cwlogs.OpenSearchResourceStatus {
		return cwlogs.OpenSearchResourceStatus{Status: cwlogs.OpenSearchResourceStatusType(s), StatusMessage: "m-" + s}
	}
	d := &cwlogs.OpenSearchIntegrationDetails{
		DataSource:       &cwlogs.OpenSearchDataSource{DataSourceName: "ds", Status: st("S1")},
		Application:      &cwlogs.OpenSearchApplication{ApplicationEndpoint: "ep", ApplicationArn: "app-arn", ApplicationID: "app-id", Status: st("S2")},
		Collection:       &cwlogs.OpenSearchCollection{CollectionEndpoint: "cep", CollectionArn: "coll-arn", Status: st("S3")},
		Workspace:        &cwlogs.OpenSearchWorkspace{WorkspaceID: "ws", Status: st("S4")},
		EncryptionPolicy: &cwlogs.OpenSearchPolicy{PolicyName: "enc", Status: st("S5")},
		NetworkPolicy:    &cwlogs.OpenSearchPolicy{PolicyName: "net", Status: st("S6")},
		AccessPolicy:     &cwlogs.OpenSearchPolicy{PolicyName: "acc", Status: st("S7")},
		LifecyclePolicy:  &cwlogs.OpenSearchPolicy{PolicyName: "life", Status: st("S8")},
	}
	want := []cwlogs.ResourceHealth{
		reported(cwlogs.ResourceKindDataSource, "ds", "S1", "m-S1"),
		reported(cwlogs.ResourceKindApplication, "app-arn", "S2", "m-S2"),
		reported(cwlogs.ResourceKindCollection, "coll-arn", "S3", "m-S3"),
		reported(cwlogs.ResourceKindWorkspace, "ws", "S4", "m-S4"),
		reported(cwlogs.ResourceKindEncryptionPolicy, "enc", "S5", "m-S5"),
		reported(cwlogs.ResourceKindNetworkPolicy, "net", "S6", "m-S6"),
		reported(cwlogs.ResourceKindAccessPolicy, "acc", "S7", "m-S7"),
		reported(cwlogs.ResourceKindLifecyclePolicy, "life", "S8", "m-S8"),
	}
	if diff := cmp.Diff(want, d.Resources()); diff != "" {
		t.Errorf("Resources() mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, d.Problems()); diff != "" {
		t.Errorf("Problems() mismatch (-want +got):\n%s", diff)
	}

	// Not reported at all: eight problems, none reported.
	var none []cwlogs.ResourceHealth
	for _, k := range cwlogs.ResourceKind("").Values() {
		none = append(none, missing(k))
	}
	if diff := cmp.Diff(none, (&cwlogs.OpenSearchIntegrationDetails{}).Problems()); diff != "" {
		t.Errorf("Problems() of empty details mismatch (-want +got):\n%s", diff)
	}
}

func TestHealthNil(t *testing.T) {
	t.Parallel()
	var d *cwlogs.OpenSearchIntegrationDetails
	var out *cwlogs.GetIntegrationOutput
	for name, got := range map[string][]cwlogs.ResourceHealth{
		"nil details Resources": d.Resources(),
		"nil details Problems":  d.Problems(),
		"nil output Resources":  out.Resources(),
		"nil output Problems":   out.Problems(),
		"unknown member":        (&cwlogs.GetIntegrationOutput{IntegrationDetails: &cwlogs.UnknownIntegrationDetails{Name: "x"}}).Problems(),
	} {
		if got != nil {
			t.Errorf("%s = %v, want nil", name, got)
		}
	}
}

// TestHealthKnown checks that HealthKnown tells an output whose resources
// are all ACTIVE from one that says nothing of them, both of which have no
// problems.
func TestHealthKnown(t *testing.T) {
	t.Parallel()
	var allActive cwlogs.OpenSearchIntegrationDetails
	status := cwlogs.OpenSearchResourceStatus{Status: cwlogs.OpenSearchResourceStatusTypeActive}
	allActive.DataSource = &cwlogs.OpenSearchDataSource{Status: status}
	allActive.Application = &cwlogs.OpenSearchApplication{Status: status}
	allActive.Collection = &cwlogs.OpenSearchCollection{Status: status}
	allActive.Workspace = &cwlogs.OpenSearchWorkspace{Status: status}
	allActive.EncryptionPolicy = &cwlogs.OpenSearchPolicy{Status: status}
	allActive.NetworkPolicy = &cwlogs.OpenSearchPolicy{Status: status}
	allActive.AccessPolicy = &cwlogs.OpenSearchPolicy{Status: status}
	allActive.LifecyclePolicy = &cwlogs.OpenSearchPolicy{Status: status}
	tests := []struct {
		name         string
		out          *cwlogs.GetIntegrationOutput
		want         bool
		wantProblems int
	}{
		{"all active", &cwlogs.GetIntegrationOutput{IntegrationDetails: &allActive}, true, 0},
		{"empty details", &cwlogs.GetIntegrationOutput{IntegrationDetails: &cwlogs.OpenSearchIntegrationDetails{}}, true, 8},
		{"no details", &cwlogs.GetIntegrationOutput{IntegrationStatus: cwlogs.IntegrationStatusProvisioning}, false, 0},
		{"nil details of the known member", &cwlogs.GetIntegrationOutput{IntegrationDetails: (*cwlogs.OpenSearchIntegrationDetails)(nil)}, false, 0},
		{"unknown member", &cwlogs.GetIntegrationOutput{IntegrationDetails: &cwlogs.UnknownIntegrationDetails{Name: "x", Value: []byte(`{}`)}}, false, 0},
		{"nil output", nil, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.out.HealthKnown(); got != tt.want {
				t.Errorf("HealthKnown() = %v, want %v", got, tt.want)
			}
			if got := len(tt.out.Problems()); got != tt.wantProblems {
				t.Errorf("%d problems, want %d", got, tt.wantProblems)
			}
			var d *cwlogs.OpenSearchIntegrationDetails
			if tt.out != nil {
				d, _ = tt.out.IntegrationDetails.(*cwlogs.OpenSearchIntegrationDetails)
			}
			if got := d.HealthKnown(); got != tt.want {
				t.Errorf("details: HealthKnown() = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestResourceHealthJSON checks the JSON names of a ResourceHealth: lower
// camel case, as the other models.
func TestResourceHealthJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   cwlogs.ResourceHealth
		want string
	}{
		{"reported", cwlogs.ResourceHealth{Kind: cwlogs.ResourceKindCollection, ID: "arn:c", Status: "ERROR", Message: "m", Reported: true},
			`{"kind":"collection","id":"arn:c","status":"ERROR","message":"m","reported":true}`},
		{"not reported", cwlogs.ResourceHealth{Kind: cwlogs.ResourceKindWorkspace}, `{"kind":"workspace","reported":false}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b, err := json.Marshal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, string(b)); diff != "" {
				t.Errorf("JSON mismatch (-want +got):\n%s", diff)
			}
			var back cwlogs.ResourceHealth
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.in, back); diff != "" {
				t.Errorf("round trip mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
