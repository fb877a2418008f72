package cwlogstest_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// Request bodies the tests build on.
const (
	roleArn   = "arn:aws:iam::123456789012:role/CWLOpenSearchRole"
	viewerArn = "arn:aws:iam::123456789012:role/CWLDashboardViewer"
)

// putBody returns a valid PutIntegration body for name, with the members of
// openSearchResourceConfig replaced or added by extra (a member set to nil
// is left out).
func putBody(name string, extra map[string]any) string {
	cfg := map[string]any{
		"dataSourceRoleArn":         roleArn,
		"dashboardViewerPrincipals": []string{viewerArn},
		"retentionDays":             7,
	}
	for k, v := range extra {
		if v == nil {
			delete(cfg, k)
			continue
		}
		cfg[k] = v
	}
	b, _ := json.Marshal(map[string]any{
		"integrationName": name,
		"integrationType": "OPENSEARCH",
		"resourceConfig":  map[string]any{"openSearchResourceConfig": cfg},
	})
	return string(b)
}

// answer is what a test checks of an answer: the status, the error code
// and the error message (empty for a success).
type answer struct {
	Status        int
	Code, Message string
}

// call sends a hand-signed request of op with body to srv.
func call(t *testing.T, srv *cwlogstest.Server, op Operation, body string) (answer, []byte) {
	t.Helper()
	resp, got := do(t, srv, handRequest{target: op, body: body})
	a := answer{Status: resp.StatusCode}
	if resp.StatusCode != http.StatusOK {
		a.Code = errorCode(resp.Header, got)
		checkServiceError(t, resp.Header, got, a.Code)
		var b struct{ Message string }
		_ = json.Unmarshal(got, &b)
		a.Message = b.Message
	}
	return a, got
}

// TestServerValidatesRequests sends, by hand, requests that break the API
// model's rules, which the library refuses to send: the server answers as
// the service does, and changes nothing.
func TestServerValidatesRequests(t *testing.T) {
	const (
		validation = "ValidationException"
		invalid    = "InvalidParameterException"
		serialize  = "SerializationException"
		osc        = "resourceConfig.openSearchResourceConfig"
	)
	one := func(v string) string { return "1 validation error detected: " + v }
	tests := []struct {
		name string
		op   Operation
		body string
		want answer
	}{
		{"put: valid", cwlogstest.PutIntegration, putBody("x", nil), answer{Status: 200}},
		{"put: valid with every member", cwlogstest.PutIntegration, putBody("x", map[string]any{
			"kmsKeyArn": "arn:aws:kms:us-east-1:123456789012:key/k", "applicationArn": "arn:aws:opensearch:us-east-1:123456789012:application/a",
			"retentionDays": 30, "dashboardViewerPrincipals": []string{viewerArn, roleArn},
		}), answer{Status: 200}},
		{"put: retention 1", cwlogstest.PutIntegration, putBody("x", map[string]any{"retentionDays": 1}), answer{Status: 200}},
		{"put: nothing", cwlogstest.PutIntegration, `{}`, answer{400, validation, "3 validation errors detected: " +
			"Value null at 'integrationName' failed to satisfy constraint: Member must not be null; " +
			"Value null at 'integrationType' failed to satisfy constraint: Member must not be null; " +
			"Value null at 'resourceConfig' failed to satisfy constraint: Member must not be null"}},
		{"put: retention 45", cwlogstest.PutIntegration, putBody("x", map[string]any{"retentionDays": 45}), answer{400, validation,
			one("Value '45' at '" + osc + ".retentionDays' failed to satisfy constraint: Member must have value less than or equal to 30")}},
		{"put: retention 31", cwlogstest.PutIntegration, putBody("x", map[string]any{"retentionDays": 31}), answer{400, validation,
			one("Value '31' at '" + osc + ".retentionDays' failed to satisfy constraint: Member must have value less than or equal to 30")}},
		{"put: retention 0", cwlogstest.PutIntegration, putBody("x", map[string]any{"retentionDays": 0}), answer{400, validation,
			one("Value '0' at '" + osc + ".retentionDays' failed to satisfy constraint: Member must have value greater than or equal to 1")}},
		{"put: retention missing", cwlogstest.PutIntegration, putBody("x", map[string]any{"retentionDays": nil}), answer{400, validation,
			one("Value null at '" + osc + ".retentionDays' failed to satisfy constraint: Member must not be null")}},
		{"put: retention a string", cwlogstest.PutIntegration, putBody("x", map[string]any{"retentionDays": "7"}), answer{Status: 400, Code: serialize}},
		{"put: retention a fraction", cwlogstest.PutIntegration, putBody("x", map[string]any{"retentionDays": 1.5}), answer{Status: 400, Code: serialize}},
		{"put: no principals", cwlogstest.PutIntegration, putBody("x", map[string]any{"dashboardViewerPrincipals": []string{}}), answer{400, validation,
			one("Value '[]' at '" + osc + ".dashboardViewerPrincipals' failed to satisfy constraint: Member must have length greater than or equal to 1")}},
		{"put: principals missing", cwlogstest.PutIntegration, putBody("x", map[string]any{"dashboardViewerPrincipals": nil}), answer{400, validation,
			one("Value null at '" + osc + ".dashboardViewerPrincipals' failed to satisfy constraint: Member must not be null")}},
		{"put: principals not a list", cwlogstest.PutIntegration, putBody("x", map[string]any{"dashboardViewerPrincipals": viewerArn}), answer{Status: 400, Code: serialize}},
		{"put: role missing", cwlogstest.PutIntegration, putBody("x", map[string]any{"dataSourceRoleArn": nil}), answer{400, validation,
			one("Value null at '" + osc + ".dataSourceRoleArn' failed to satisfy constraint: Member must not be null")}},
		{"put: resourceConfig with no member", cwlogstest.PutIntegration,
			`{"integrationName":"x","integrationType":"OPENSEARCH","resourceConfig":{}}`, answer{400, validation,
				one("Value '{}' at 'resourceConfig' failed to satisfy constraint: Member must have exactly one of [openSearchResourceConfig] set")}},
		{"put: resourceConfig member null", cwlogstest.PutIntegration,
			`{"integrationName":"x","integrationType":"OPENSEARCH","resourceConfig":{"openSearchResourceConfig":null}}`, answer{400, validation,
				one("Value '{openSearchResourceConfig}' at 'resourceConfig' failed to satisfy constraint: Member must have exactly one of [openSearchResourceConfig] set")}},
		{"put: resourceConfig with a member the service does not know", cwlogstest.PutIntegration,
			`{"integrationName":"x","integrationType":"OPENSEARCH","resourceConfig":{"splunkResourceConfig":{}}}`, answer{400, validation,
				one("Value '{splunkResourceConfig}' at 'resourceConfig' failed to satisfy constraint: Member must have exactly one of [openSearchResourceConfig] set")}},
		{"put: resourceConfig not an object", cwlogstest.PutIntegration,
			`{"integrationName":"x","integrationType":"OPENSEARCH","resourceConfig":[]}`, answer{Status: 400, Code: serialize}},
		{"put: unknown type", cwlogstest.PutIntegration, strings.Replace(putBody("x", nil), "OPENSEARCH", "SPLUNK", 1), answer{400, validation,
			one("Value 'SPLUNK' at 'integrationType' failed to satisfy constraint: Member must satisfy enum value set: [OPENSEARCH]")}},
		{"put: name 51 characters", cwlogstest.PutIntegration, putBody(strings.Repeat("n", 51), nil), answer{400, invalid,
			one("Value '" + strings.Repeat("n", 51) + "' at 'integrationName' failed to satisfy constraint: Member must have length less than or equal to 50")}},
		{"put: name 50 characters", cwlogstest.PutIntegration, putBody(strings.Repeat("n", 50), nil), answer{Status: 200}},
		{"put: empty name", cwlogstest.PutIntegration, putBody("", nil), answer{400, invalid,
			one("Value '' at 'integrationName' failed to satisfy constraint: Member must have length greater than or equal to 1")}},
		{"put: two errors", cwlogstest.PutIntegration, putBody("a b", map[string]any{"retentionDays": 45}), answer{400, validation,
			"2 validation errors detected: " +
				`Value 'a b' at 'integrationName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+; ` +
				"Value '45' at '" + osc + ".retentionDays' failed to satisfy constraint: Member must have value less than or equal to 30"}},
		{"put: a missing member makes it ValidationException", cwlogstest.PutIntegration,
			putBody("a b", map[string]any{"dataSourceRoleArn": nil}), answer{Status: 400, Code: validation}},
		{"put: two name errors are InvalidParameterException", cwlogstest.PutIntegration, putBody("a b", nil), answer{Status: 400, Code: invalid}},

		{"list: nothing", cwlogstest.ListIntegrations, `{}`, answer{Status: 200}},
		{"list: every filter", cwlogstest.ListIntegrations,
			`{"integrationNamePrefix":"a/b","integrationType":"OPENSEARCH","integrationStatus":"FAILED"}`, answer{Status: 200}},
		{"list: empty prefix", cwlogstest.ListIntegrations, `{"integrationNamePrefix":""}`, answer{400, invalid,
			one("Value '' at 'integrationNamePrefix' failed to satisfy constraint: Member must have length greater than or equal to 1")}},
		{"list: prefix breaking the pattern", cwlogstest.ListIntegrations, `{"integrationNamePrefix":"a*"}`, answer{400, invalid,
			one(`Value 'a*' at 'integrationNamePrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+`)}},
		{"list: unknown status", cwlogstest.ListIntegrations, `{"integrationStatus":"DEGRADED"}`, answer{400, validation,
			one("Value 'DEGRADED' at 'integrationStatus' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONING, ACTIVE, FAILED]")}},
		{"list: unknown type", cwlogstest.ListIntegrations, `{"integrationType":"opensearch"}`, answer{400, validation,
			one("Value 'opensearch' at 'integrationType' failed to satisfy constraint: Member must satisfy enum value set: [OPENSEARCH]")}},
		{"list: not an object", cwlogstest.ListIntegrations, `[]`, answer{Status: 400, Code: serialize}},

		{"delete: name missing", cwlogstest.DeleteIntegration, `{"force":true}`, answer{400, validation,
			one("Value null at 'integrationName' failed to satisfy constraint: Member must not be null")}},
		{"delete: force not a boolean", cwlogstest.DeleteIntegration, `{"integrationName":"x","force":"yes"}`, answer{Status: 400, Code: serialize}},
		{"delete: name breaking the pattern", cwlogstest.DeleteIntegration, `{"integrationName":"x y"}`, answer{400, invalid,
			one(`Value 'x y' at 'integrationName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			got, _ := call(t, srv, tt.op, tt.body)
			if tt.want.Message == "" {
				got.Message = ""
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("answer mismatch (-want +got):\n%s", diff)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 || reqs[0].Operation != tt.op || reqs[0].Rejected != tt.want.Code {
				t.Errorf("Requests() = %+v, want one %s request rejected with %q", reqs, tt.op, tt.want.Code)
			}
			// A refused create leaves the account without an integration.
			_, list := call(t, srv, cwlogstest.ListIntegrations, `{}`)
			if want := `{"integrationSummaries":[]}`; tt.want.Code != "" && string(list) != want {
				t.Errorf("after a refused request, list = %s, want %s", list, want)
			}
		})
	}
}

// TestServerAgreesWithRecorded checks that what the server answers by its
// own rules and state is what the recorded responses of the same case
// hold: status, code and message, or the success body.
func TestServerAgreesWithRecorded(t *testing.T) {
	const name = "cwl-opensearch" // the name in the recorded responses
	tests := []struct {
		recorded string
		op       Operation
		setup    func(*testing.T, *cwlogstest.Server)
		body     string
	}{
		{cwlogstest.Success, cwlogstest.PutIntegration, nil, putBody(name, nil)},
		{cwlogstest.LimitExceeded, cwlogstest.PutIntegration, create(name), putBody("other", nil)},
		{cwlogstest.Validation, cwlogstest.PutIntegration, nil, putBody(name, map[string]any{"retentionDays": 45})},
		{cwlogstest.Empty, cwlogstest.ListIntegrations, nil, `{}`},
		{cwlogstest.InvalidParameter, cwlogstest.ListIntegrations, nil, `{"integrationNamePrefix":"cwl opensearch"}`},
		{cwlogstest.Success, cwlogstest.DeleteIntegration, create(name), `{"integrationName":"` + name + `"}`},
		{cwlogstest.ResourceNotFound, cwlogstest.DeleteIntegration, nil, `{"integrationName":"` + name + `"}`},
		{cwlogstest.InvalidParameter, cwlogstest.DeleteIntegration, nil, `{"integrationName":"cwl opensearch"}`},
		{cwlogstest.Validation, cwlogstest.DeleteIntegration, func(t *testing.T, srv *cwlogstest.Server) {
			create(name)(t, srv)
			srv.SetDashboards(name, true)
		}, `{"integrationName":"` + name + `"}`},
		{cwlogstest.ResourceNotFound, cwlogstest.GetIntegration, nil, `{"integrationName":"resource-not-found"}`},
	}
	for _, tt := range tests {
		t.Run(string(tt.op)+"/"+tt.recorded, func(t *testing.T) {
			t.Parallel()
			srv := cwlogstest.NewServer()
			t.Cleanup(srv.Close)
			srv.SetClock(func() time.Time { return serverNow })
			if tt.setup != nil {
				tt.setup(t, srv)
			}
			want, err := cwlogstest.RecordedResponse(tt.op, tt.recorded)
			if err != nil {
				t.Fatal(err)
			}
			wantAnswer := answer{Status: want.StatusCode}
			if want.StatusCode != http.StatusOK {
				var b struct{ Message string }
				if err := json.Unmarshal(want.Body, &b); err != nil {
					t.Fatal(err)
				}
				wantAnswer.Code, wantAnswer.Message = errorCode(want.Header, want.Body), b.Message
			}
			got, body := call(t, srv, tt.op, tt.body)
			if diff := cmp.Diff(wantAnswer, got); diff != "" {
				t.Errorf("answer mismatch (-recorded +served):\n%s", diff)
			}
			if got.Status == http.StatusOK && !bytes.Equal(body, want.Body) {
				t.Errorf("body %q, recorded %q", body, want.Body)
			}
		})
	}
}

// create returns a setup that creates the integration name.
func create(name string) func(*testing.T, *cwlogstest.Server) {
	return func(t *testing.T, srv *cwlogstest.Server) {
		t.Helper()
		if got, body := call(t, srv, cwlogstest.PutIntegration, putBody(name, nil)); got.Status != http.StatusOK {
			t.Fatalf("create %s: %+v %s", name, got, body)
		}
	}
}
