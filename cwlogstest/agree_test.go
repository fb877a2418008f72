package cwlogstest_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

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
