package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// kitEnv is the environment of the runs against a kit endpoint: the kit's
// credentials (fake ones, which the canary check looks for) and region.
var kitEnv = map[string]string{
	"AWS_ACCESS_KEY_ID":     cwlogstest.AccessKeyID,
	"AWS_SECRET_ACCESS_KEY": cwlogstest.SecretAccessKey,
	"AWS_SESSION_TOKEN":     cwlogstest.SessionToken,
	"AWS_REGION":            cwlogstest.Region,
}

// wantDefault is the output of the default run, line by line; the kit
// gives the association a random identifier, here <id>, and stamps it
// with the time of the run, here <time>.
var wantDefault = []string{
	`associate:    amazon_eks__audit associated, identifier <id>`,
	`wait:         poll 1: UNHEALTHY: The data source is being associated.`,
	`wait:         poll 2: ACTIVE`,
	`active:       amazon_eks__audit is ACTIVE since <time>`,
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

// uuid matches the identifier the kit gives an association, and rfc3339
// a time as the program prints it.
var (
	uuid    = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`)
	rfc3339 = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`)
)

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
	if diff := cmp.Diff(wantDefault, lines(rfc3339.ReplaceAllString(uuid.ReplaceAllString(stdout.String(), "<id>"), "<time>"))); diff != "" {
		t.Errorf("stdout (-want +got):\n%s", diff)
	}
	if got := lines(stderr.String()); len(got) != 1 || got[0] != notice {
		t.Errorf("stderr = %q, want the notice alone", got)
	}
}

// kitEndpoint starts a kit set up as the default run's, for the data
// source ds, and returns it.
func kitEndpoint(t *testing.T, ds cwlogs.DataSource) *cwlogstest.Server {
	t.Helper()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	if err := setUpKit(srv, ds); err != nil {
		t.Fatal(err)
	}
	return srv
}

// sent is what the kit saw of a request: the operation and the members
// the test asserts on.
type sent struct {
	Op          cwlogstest.Operation
	Arn, ID     string
	Source      cwlogs.DataSource
	Max         int64
	TokenSent   bool
	Rejected    string
	SignedByKey bool
}

// TestEndpointRun runs the program against a kit endpoint, which checks
// every request as the service does (signature included), and compares
// the requests with the steps of the program.
func TestEndpointRun(t *testing.T) {
	t.Parallel()
	ds := cwlogs.DataSource{Name: "amazon_api_gateway"}
	srv := kitEndpoint(t, ds)
	var stdout, stderr bytes.Buffer
	code := run([]string{"-endpoint", srv.URL, "-integration", cwlogstest.S3TableIntegrationArn, "-yes", "-min-delay", "1ms", "-max-delay", "2ms",
		"-name", "amazon_api_gateway", "-type", "", "-page-size", "3"}, &stdout, &stderr, func(k string) string { return kitEnv[k] })
	if code != 0 {
		t.Fatalf("exit status %d, stderr:\n%s", code, stderr.String())
	}
	var got []sent
	id := ""
	for _, r := range srv.Requests() {
		if r.Operation == cwlogstest.DisassociateSourceFromS3TableIntegration {
			id = r.Identifier
		}
		got = append(got, sent{Op: r.Operation, Arn: r.IntegrationArn, ID: r.Identifier, Source: r.DataSource, Max: r.MaxResults,
			TokenSent: r.NextToken != "", Rejected: r.Rejected,
			SignedByKey: strings.Contains(r.Header.Get("Authorization"), "Credential="+cwlogstest.AccessKeyID+"/")})
	}
	const arn = cwlogstest.S3TableIntegrationArn
	poll := sent{Op: cwlogstest.ListSourcesForS3TableIntegration, Arn: arn, Max: 100, SignedByKey: true}
	want := []sent{
		{Op: cwlogstest.AssociateSourceToS3TableIntegration, Arn: arn, Source: ds, SignedByKey: true},
		poll, poll,
		{Op: cwlogstest.ListSourcesForS3TableIntegration, Arn: arn, Max: 3, SignedByKey: true},
		{Op: cwlogstest.ListSourcesForS3TableIntegration, Arn: arn, Max: 3, TokenSent: true, SignedByKey: true},
		{Op: cwlogstest.DisassociateSourceFromS3TableIntegration, ID: id, SignedByKey: true},
		poll, poll, poll,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("requests (-want +got):\n%s", diff)
	}
	if !strings.Contains(stdout.String(), "associated, identifier "+id+"\n") || id == "" {
		t.Errorf("the identifier disassociated, %q, is not the one associated:\n%s", id, stdout.String())
	}
	if !strings.Contains(stdout.String(), "disassociate: amazon_api_gateway is gone\n") || stderr.Len() != 0 {
		t.Errorf("stdout:\n%s\nstderr:\n%s", stdout.String(), stderr.String())
	}
	if srcs := srv.S3TableSources(arn); len(srcs) != len(kitSources) {
		t.Errorf("the kit holds %d sources after the run, want the %d it began with", len(srcs), len(kitSources))
	}
}

func TestRuns(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		args     []string
		endpoint bool // run against the kit at an endpoint, with -yes
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
		{name: "live needs -yes", args: []string{"-live", "-integration", cwlogstest.S3TableIntegrationArn}, wantCode: 2, wantErr: "add -yes"},
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
				srv := kitEndpoint(t, cwlogs.DataSource{Name: "amazon_eks", Type: "audit"})
				args = append([]string{"-endpoint", srv.URL, "-yes", "-min-delay", "1ms", "-max-delay", "2ms"}, args...)
			}
			var stdout, stderr bytes.Buffer
			code := run(args, &stdout, &stderr, func(k string) string { return kitEnv[k] })
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
			for _, secret := range []string{cwlogstest.SecretAccessKey, cwlogstest.SessionToken} {
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
