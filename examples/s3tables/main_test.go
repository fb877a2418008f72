package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The credentials of the runs against an endpoint: fake ones, so that the
// canary check has something to find if they leak.
const (
	testKeyID  = "AKIDS3TABLESEXAMPLE0"
	testSecret = "s3tablesExampleSecret/0123456789abcdefghij"
	testToken  = "s3tablesExampleToken+0123456789/abcdefghijklmnop"
)

var testEnv = map[string]string{
	"AWS_ACCESS_KEY_ID":     testKeyID,
	"AWS_SECRET_ACCESS_KEY": testSecret,
	"AWS_SESSION_TOKEN":     testToken,
	"AWS_REGION":            "us-west-2",
}

// wantDefault is the output of the default run, line by line.
var wantDefault = []string{
	`associate:    amazon_eks__audit associated, identifier 00000000-0000-4000-8000-000000000004`,
	`wait:         poll 1: not listed`,
	`wait:         poll 2: ACTIVE`,
	`active:       amazon_eks__audit is ACTIVE since 2026-03-12T10:15:36Z`,
	`list:         page 1, 2 sources`,
	`              amazon_cloudfront__access ACTIVE`,
	`              amazon_vpc__flow ACTIVE`,
	`list:         page 2, 2 sources`,
	`              custom_app UNHEALTHY`,
	`              amazon_eks__audit ACTIVE`,
	`disassociate: amazon_eks__audit disassociated`,
	`wait:         poll 1: DATA_SOURCE_DELETE_IN_PROGRESS`,
	`wait:         poll 2: DATA_SOURCE_DELETE_IN_PROGRESS`,
	`wait:         poll 3: not listed`,
	`disassociate: amazon_eks__audit is gone`,
}

func lines(s string) []string {
	return strings.Split(strings.TrimSuffix(s, "\n"), "\n")
}

func TestDefaultRun(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	code := run(nil, &stdout, &stderr, func(string) string { return "" })
	if code != 0 {
		t.Fatalf("exit status %d, stderr:\n%s", code, stderr.String())
	}
	if diff := cmp.Diff(wantDefault, lines(stdout.String())); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
	if got := lines(stderr.String()); len(got) != 1 || got[0] != notice {
		t.Errorf("stderr = %q, want the notice alone", got)
	}
}

// seen is what the checking server saw of a request.
type seen struct {
	Target string
	Body   map[string]any
}

// checkingServer serves the stand-in at an endpoint, as a service would,
// and checks what the program sends: a signed JSON request of the
// environment's credentials. It keeps the requests.
type checkingServer struct {
	t    *testing.T
	next http.Handler
	mu   sync.Mutex
	seen []seen
}

func (c *checkingServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if auth := r.Header.Get("Authorization"); !strings.HasPrefix(auth, "AWS4-HMAC-SHA256 Credential="+testKeyID+"/") ||
		!strings.Contains(auth, "/us-west-2/logs/aws4_request") || r.Header.Get("X-Amz-Security-Token") != testToken {
		c.t.Errorf("request not signed with the environment's credentials: %q", auth)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/x-amz-json-1.1" {
		c.t.Errorf("Content-Type %q", ct)
	}
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		c.t.Errorf("body %q is not a JSON object", body)
	}
	c.mu.Lock()
	c.seen = append(c.seen, seen{strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "Logs_20140328."), m})
	c.mu.Unlock()
	r.Body = io.NopCloser(bytes.NewReader(body))
	c.next.ServeHTTP(w, r)
}

// TestEndpointRun runs the program against an endpoint that checks every
// request, and compares the requests with the steps of the program.
func TestEndpointRun(t *testing.T) {
	t.Parallel()
	c := &checkingServer{t: t, next: newStandIn()}
	srv := httptest.NewServer(c)
	t.Cleanup(srv.Close)
	var stdout, stderr bytes.Buffer
	code := run([]string{"-endpoint", srv.URL, "-integration", standInIntegration, "-yes", "-min-delay", "1ms", "-max-delay", "2ms",
		"-name", "amazon_api_gateway", "-type", "", "-page-size", "3"}, &stdout, &stderr, func(k string) string { return testEnv[k] })
	if code != 0 {
		t.Fatalf("exit status %d, stderr:\n%s", code, stderr.String())
	}
	const id = "00000000-0000-4000-8000-000000000004"
	poll := seen{"ListSourcesForS3TableIntegration", map[string]any{"integrationArn": standInIntegration, "maxResults": 100.0}}
	want := []seen{
		{"AssociateSourceToS3TableIntegration", map[string]any{"integrationArn": standInIntegration,
			"dataSource": map[string]any{"name": "amazon_api_gateway"}}},
		poll, poll,
		{"ListSourcesForS3TableIntegration", map[string]any{"integrationArn": standInIntegration, "maxResults": 3.0}},
		{"ListSourcesForS3TableIntegration", map[string]any{"integrationArn": standInIntegration, "maxResults": 3.0, "nextToken": "standin-3"}},
		{"DisassociateSourceFromS3TableIntegration", map[string]any{"identifier": id}},
		poll, poll, poll,
	}
	if diff := cmp.Diff(want, c.seen); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if !strings.Contains(stdout.String(), "disassociate: amazon_api_gateway is gone\n") || stderr.Len() != 0 {
		t.Errorf("stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	}
}

func TestRuns(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		endpoint bool // run against the stand-in at an endpoint, with -yes
		wantCode int
		wantOut  string // a line stdout must hold
		wantErr  string // the last stderr line holds it
	}{
		{name: "no type", args: []string{"-type", ""}, wantOut: "disassociate: amazon_eks is gone"},
		{name: "every page at once", args: []string{"-page-size", "0"}, wantOut: "list:         page 1, 4 sources"},
		{name: "integration the endpoint does not know", endpoint: true,
			args:     []string{"-integration", "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/other"},
			wantCode: 1, wantErr: "ValidationException: Integration not found"},
		{name: "integration not an ARN", args: []string{"-integration", "3g5043wqe54nmw5apiugwkn1a"}, wantCode: 1,
			wantErr: `IntegrationArn is "3g5043wqe54nmw5apiugwkn1a", want an ARN`},
		{name: "no name", args: []string{"-name", ""}, wantCode: 1, wantErr: "DataSource.Name is required"},
		{name: "page size over 100", args: []string{"-page-size", "101"}, wantCode: 1, wantErr: "MaxResults is 101, want 1 to 100"},
		{name: "page size past int32", args: []string{"-page-size", "4294967298"}, wantCode: 2, wantErr: "-page-size is 4294967298"},
		{name: "live needs an integration", args: []string{"-live", "-yes"}, wantCode: 2, wantErr: "need -integration"},
		{name: "live needs -yes", args: []string{"-live", "-integration", standInIntegration}, wantCode: 2, wantErr: "add -yes"},
		{name: "region without remote", args: []string{"-region", "eu-west-1"}, wantCode: 2, wantErr: "-region needs -live or -endpoint"},
		{name: "negative delay", args: []string{"-min-delay", "-1s"}, wantCode: 2, wantErr: "cannot be negative"},
		{name: "min delay over max delay", args: []string{"-min-delay", "100ms", "-max-delay", "1ms"}, wantCode: 2,
			wantErr: "-min-delay 100ms is more than -max-delay 1ms"},
		{name: "zero timeout", args: []string{"-timeout", "0s"}, wantCode: 2, wantErr: "-timeout is 0s"},
		{name: "stray argument", args: []string{"extra"}, wantCode: 2, wantErr: `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := tt.args
			if tt.endpoint {
				srv := httptest.NewServer(newStandIn())
				t.Cleanup(srv.Close)
				args = append([]string{"-endpoint", srv.URL, "-yes"}, args...)
			}
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr, func(k string) string { return testEnv[k] })
			if code != tt.wantCode {
				t.Fatalf("exit status %d, want %d; stderr:\n%s", code, tt.wantCode, stderr.String())
			}
			if tt.wantOut != "" && !strings.Contains(stdout.String(), tt.wantOut+"\n") {
				t.Errorf("stdout:\n%s\nwant a line %q", stdout.String(), tt.wantOut)
			}
			if code == 2 && stdout.Len() > 0 {
				t.Errorf("a command line that is not valid, yet stdout:\n%s", stdout.String())
			}
			errLines := lines(stderr.String())
			last := errLines[len(errLines)-1]
			if tt.wantErr != "" && (!strings.HasPrefix(last, progName+": ") || !strings.Contains(last, tt.wantErr)) {
				t.Errorf("last stderr line = %q, want %q in it", last, tt.wantErr)
			}
			for _, secret := range []string{testSecret, testToken} {
				if strings.Contains(stdout.String()+stderr.String(), secret) {
					t.Errorf("a credential was printed:\nstdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
				}
			}
		})
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-h"}, &stdout, &stderr, func(string) string { return "" }); code != 0 {
		t.Fatalf("exit status %d, want 0", code)
	}
	if stdout.Len() != 0 || !strings.HasPrefix(stderr.String(), synopsis+"\n") || !strings.Contains(stderr.String(), "-integration ARN") {
		t.Errorf("stdout %q, stderr %q: want the usage on stderr only", stdout.String(), stderr.String())
	}
}
