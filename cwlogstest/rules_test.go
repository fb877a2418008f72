package cwlogstest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
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
		{"put: an empty list of principals, which the model allows", cwlogstest.PutIntegration,
			putBody("x", map[string]any{"dashboardViewerPrincipals": []string{}}), answer{Status: 200}},
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

		{cwlogstest.Validation, associateOp, addTable, `{"integrationArn":"` + recordedTable + `","dataSource":{"type":"audit"}}`},
		{cwlogstest.Success, disassociateOp, seedSources(cwlogs.S3TableIntegrationSource{Identifier: recordedSource, DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}}),
			`{"identifier":"` + recordedSource + `"}`},
		{cwlogstest.ResourceNotFound, disassociateOp, nil, `{"identifier":"` + recordedSource + `"}`},
		{cwlogstest.Validation, disassociateOp, nil, `{"identifier":""}`},
		{cwlogstest.Success, listSourcesOp, seedSources(
			cwlogs.S3TableIntegrationSource{Identifier: "0f6b2d9e-8c3a-4d71-b5e4-2a7c9f1d3e60", DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"},
				Status: "ACTIVE", CreatedTimeStamp: 1773300004567},
			cwlogs.S3TableIntegrationSource{Identifier: "4a1e7c3b-d5f8-4290-8b6a-e3c0d2f9b714", DataSource: cwlogs.DataSource{Name: "amazon_cloudfront", Type: "access"},
				Status: "UNHEALTHY", StatusReason: "Log delivery is delayed.", CreatedTimeStamp: 1773300009012},
		), `{"integrationArn":"` + recordedTable + `"}`},
		{cwlogstest.Empty, listSourcesOp, addTable, `{"integrationArn":"` + recordedTable + `"}`},
		{cwlogstest.Validation, listSourcesOp, nil, `{"integrationArn":"` + recordedTable + `"}`},
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

// TestLibraryAgreesWithKit checks that the library and the kit apply the
// same input rules, whose facts they share: for every input of the table,
// the library refuses it before any I/O exactly when the kit refuses the
// request it encodes to, but for the differences by design that the table
// names. The kit judges an input the library sends as the library sent it,
// and one the library refuses as encoding/json writes it (its wire shape),
// sent by hand.
func TestLibraryAgreesWithKit(t *testing.T) {
	const (
		byLibrary = "library"
		byKit     = "kit"
		// Why the two differ, by design.
		arnCheck    = "the model gives ARN members no pattern: the library checks that they are ARNs, the service does not"
		openEnum    = "an enum is open in the library, which sends a value it does not list; the service refuses it"
		newerMember = "the library sends a member of the union it does not know, for a service newer than itself"
	)
	type testCase struct {
		name string
		in   any // a *cwlogs.XxxInput
		// only names the one side that refuses an input where the two
		// differ by design, and why says why.
		only, why string
	}
	put := func(change func(*cwlogs.PutIntegrationInput, *cwlogs.OpenSearchResourceConfig)) *cwlogs.PutIntegrationInput {
		rc := &cwlogs.OpenSearchResourceConfig{
			DataSourceRoleArn:         roleArn,
			DashboardViewerPrincipals: []string{viewerArn},
			RetentionDays:             7,
		}
		in := &cwlogs.PutIntegrationInput{IntegrationName: "x", IntegrationType: cwlogs.IntegrationTypeOpenSearch, ResourceConfig: rc}
		change(in, rc)
		return in
	}

	var tests []testCase
	for _, n := range []struct{ name, value string }{
		{"empty", ""},
		{"1 character", "a"},
		{"50 characters", strings.Repeat("n", 50)},
		{"51 characters", strings.Repeat("n", 51)},
		{"each kind of character allowed", "azAZ09.-_/#"},
		{"50 characters of 2 bytes", strings.Repeat("é", 50)},
		{"space", "a b"},
		{"star", "a*"},
		{"comma, before -", "a,b"},
		{"colon, after 9", "a:b"},
		{"at sign, before A", "a@"},
		{"bracket, after Z", "a["},
		{"backquote, before a", "a`"},
		{"brace, after z", "a{"},
		{"backslash", `a\.b`},
		{"fullwidth letter", "ａ"},
		{"invalid UTF-8", "a\xff"},
	} {
		tests = append(tests,
			testCase{name: "get: name " + n.name, in: &cwlogs.GetIntegrationInput{IntegrationName: n.value}},
			testCase{name: "delete: name " + n.name, in: &cwlogs.DeleteIntegrationInput{IntegrationName: n.value, Force: true}},
			testCase{name: "list: prefix " + n.name, in: &cwlogs.ListIntegrationsInput{IntegrationNamePrefix: n.value}},
			testCase{name: "put: name " + n.name, in: put(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) {
				in.IntegrationName = n.value
			})},
		)
	}
	for _, d := range []int32{math.MinInt32, -1, 0, 1, 2, 29, 30, 31, 45, math.MaxInt32} {
		tests = append(tests, testCase{name: "put: retention " + strconv.Itoa(int(d)),
			in: put(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) { rc.RetentionDays = d })})
	}
	for _, p := range []struct {
		name       string
		principals []string
		only, why  string
	}{
		{name: "none", principals: nil},
		{name: "an empty list", principals: []string{}},
		{name: "one", principals: []string{viewerArn}},
		{name: "two", principals: []string{viewerArn, roleArn}},
		{name: "an empty one", principals: []string{viewerArn, ""}, only: byLibrary, why: arnCheck},
		{name: "one not an ARN", principals: []string{"viewer"}, only: byLibrary, why: arnCheck},
	} {
		tests = append(tests, testCase{name: "put: principals " + p.name, only: p.only, why: p.why,
			in: put(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
				rc.DashboardViewerPrincipals = p.principals
			})})
	}
	tests = append(tests,
		testCase{name: "put: no role", in: put(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) { rc.DataSourceRoleArn = "" })},
		testCase{name: "put: role not an ARN", only: byLibrary, why: arnCheck,
			in: put(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
				rc.DataSourceRoleArn = "role"
			})},
		testCase{name: "put: every optional ARN", in: put(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) {
			rc.KmsKeyArn, rc.ApplicationArn = "arn:aws:kms:us-east-1:123456789012:key/k", "arn:aws:opensearch:us-east-1:123456789012:application/a"
		})},
		testCase{name: "put: KMS key not an ARN", only: byLibrary, why: arnCheck,
			in: put(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) { rc.KmsKeyArn = "k" })},
		testCase{name: "put: application not an ARN", only: byLibrary, why: arnCheck,
			in: put(func(_ *cwlogs.PutIntegrationInput, rc *cwlogs.OpenSearchResourceConfig) { rc.ApplicationArn = "a" })},
		testCase{name: "put: no type", in: put(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) { in.IntegrationType = "" })},
		testCase{name: "put: type not listed", only: byKit, why: openEnum,
			in: put(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) {
				in.IntegrationType = "SPLUNK"
			})},
		testCase{name: "put: no resource config", in: put(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) { in.ResourceConfig = nil })},
		testCase{name: "put: resource config not known", only: byKit, why: newerMember,
			in: put(func(in *cwlogs.PutIntegrationInput, _ *cwlogs.OpenSearchResourceConfig) {
				in.ResourceConfig = &cwlogs.UnknownResourceConfig{Name: "splunkResourceConfig", Value: json.RawMessage(`{"index":"i"}`)}
			})},
		testCase{name: "list: no filter", in: &cwlogs.ListIntegrationsInput{}},
		testCase{name: "list: every filter", in: &cwlogs.ListIntegrationsInput{IntegrationNamePrefix: "x",
			IntegrationType: cwlogs.IntegrationTypeOpenSearch, IntegrationStatus: cwlogs.IntegrationStatusFailed}},
		testCase{name: "list: type not listed", in: &cwlogs.ListIntegrationsInput{IntegrationType: "SPLUNK"}, only: byKit, why: openEnum},
		testCase{name: "list: status not listed", in: &cwlogs.ListIntegrationsInput{IntegrationStatus: "DEGRADED"}, only: byKit, why: openEnum},
	)

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.Clock = func() time.Time { return serverNow } })
			if err != nil {
				t.Fatal(err)
			}
			op, err := callLibrary(t, client, tt.in)
			var invalid *cwlogs.InvalidInputError
			library := errors.As(err, &invalid)
			reqs := srv.Requests()
			switch {
			case library && len(reqs) != 0:
				t.Fatalf("the library refused the input (%v) after sending %d requests", err, len(reqs))
			case !library && len(reqs) == 0:
				t.Fatalf("the library sent no request and did not refuse the input: %v", err)
			case library:
				body := mustJSON(t, tt.in)
				call(t, srv, op, string(body))
				reqs = srv.Requests()
			}
			var kit bool
			switch code := reqs[len(reqs)-1].Rejected; code {
			case "":
			case "ValidationException", "InvalidParameterException":
				kit = true
			default:
				t.Fatalf("the kit refused the request with %s, not for its input", code)
			}
			switch {
			case tt.only == "" && library != kit:
				t.Errorf("the library refuses: %v (%v), the kit refuses: %v; want the same", library, err, kit)
			case tt.only == byLibrary && (!library || kit), tt.only == byKit && (library || !kit):
				t.Errorf("the library refuses: %v (%v), the kit refuses: %v; want only the %s to refuse, because %s",
					library, err, kit, tt.only, tt.why)
			}
		})
	}
}

// callLibrary calls the operation whose input in is, and returns its name
// and the call's error.
func callLibrary(t *testing.T, client *cwlogs.Client, in any) (cwlogstest.Operation, error) {
	t.Helper()
	ctx := context.Background()
	var err error
	switch in := in.(type) {
	case *cwlogs.GetIntegrationInput:
		_, err = client.GetIntegration(ctx, in)
		return cwlogstest.GetIntegration, err
	case *cwlogs.PutIntegrationInput:
		_, err = client.PutIntegration(ctx, in)
		return cwlogstest.PutIntegration, err
	case *cwlogs.ListIntegrationsInput:
		_, err = client.ListIntegrations(ctx, in)
		return cwlogstest.ListIntegrations, err
	case *cwlogs.DeleteIntegrationInput:
		_, err = client.DeleteIntegration(ctx, in)
		return cwlogstest.DeleteIntegration, err
	}
	t.Fatalf("callLibrary: %T is not an input", in)
	return "", nil
}

// mustJSON returns v encoded with encoding/json.
func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The S3 Table integration and the source the recorded responses name.
const (
	recordedTable  = "arn:aws:observabilityadmin:us-east-1:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"
	recordedSource = "5e0a8c2f-7d14-4b39-9c6e-1f2a7b4d8e03"
)

// addTable is a setup that adds the recorded S3 Table integration.
func addTable(t *testing.T, srv *cwlogstest.Server) {
	t.Helper()
	if err := srv.AddS3TableIntegration(recordedTable); err != nil {
		t.Fatal(err)
	}
}

// seedSources returns a setup that adds the recorded S3 Table integration
// with the sources srcs.
func seedSources(srcs ...cwlogs.S3TableIntegrationSource) func(*testing.T, *cwlogstest.Server) {
	return func(t *testing.T, srv *cwlogstest.Server) {
		t.Helper()
		addTable(t, srv)
		for _, src := range srcs {
			if _, err := srv.SeedS3TableSource(recordedTable, src); err != nil {
				t.Fatal(err)
			}
		}
	}
}
