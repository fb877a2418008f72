package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// kitEnv is the environment of the runs against a kit endpoint: the kit's
// credentials, so that the canary check has something to find if they leak.
var kitEnv = map[string]string{
	"AWS_ACCESS_KEY_ID":     cwlogstest.AccessKeyID,
	"AWS_SECRET_ACCESS_KEY": cwlogstest.SecretAccessKey,
	"AWS_SESSION_TOKEN":     cwlogstest.SessionToken,
	"AWS_REGION":            cwlogstest.Region,
}

// wantDefault is the output of the default run, line by line.
var wantDefault = []string{
	`put:    integration "cwlogs-lifecycle-demo" created, PROVISIONING`,
	`wait:   poll 1: PROVISIONING, 8 not active yet: dataSource, application, collection, workspace, encryptionPolicy, networkPolicy, accessPolicy, lifecyclePolicy`,
	`wait:   poll 2: PROVISIONING, 6 not active yet: collection, workspace, encryptionPolicy, networkPolicy, accessPolicy, lifecyclePolicy`,
	`wait:   poll 3: PROVISIONING, 4 not active yet: encryptionPolicy, networkPolicy, accessPolicy, lifecyclePolicy`,
	`wait:   poll 4: PROVISIONING, 2 not active yet: accessPolicy, lifecyclePolicy`,
	`wait:   poll 5: ACTIVE, all resources active`,
	`get:    integration "cwlogs-lifecycle-demo" is ACTIVE, 8 resources`,
	`list:   1 integration`,
	`        cwlogs-lifecycle-demo OPENSEARCH ACTIVE`,
	`delete: integration "cwlogs-lifecycle-demo" deleted`,
	`wait:   poll 1: not found`,
	`delete: integration "cwlogs-lifecycle-demo" is gone`,
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

// kitEndpoint starts a kit and returns its URL; prepare sets it up.
func kitEndpoint(t *testing.T, prepare func(*cwlogstest.Server)) string {
	t.Helper()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	if prepare != nil {
		prepare(srv)
	}
	return srv.URL
}

func TestRuns(t *testing.T) {
	t.Parallel()
	remote := []string{"-role", kitRole, "-principal", kitPrincipal, "-yes", "-name", "ops", "-min-delay", "1ms", "-max-delay", "5ms"}
	tests := []struct {
		name     string
		args     []string
		prepare  func(*cwlogstest.Server) // for -endpoint
		wantCode int
		wantOut  string // a line stdout must hold
		wantErr  string // the last stderr line holds it
	}{
		{name: "endpoint runs the lifecycle", args: remote, wantOut: `delete: integration "ops" is gone`},
		{name: "endpoint, integration already exists", args: remote, wantCode: 1, wantErr: "LimitExceededException",
			prepare: func(srv *cwlogstest.Server) {
				srv.FailNext(cwlogstest.PutIntegration, 1, 400, "LimitExceededException", "An integration already exists.")
			}},
		{name: "endpoint, dashboards without -force", args: remote, wantCode: 1, wantErr: "ValidationException",
			prepare: func(srv *cwlogstest.Server) { srv.SetDashboards("ops", true) }},
		{name: "endpoint, dashboards with -force", args: append([]string{"-force"}, remote...), wantOut: `delete: integration "ops" is gone`,
			prepare: func(srv *cwlogstest.Server) { srv.SetDashboards("ops", true) }},
		{name: "endpoint, integration FAILED", args: remote, wantCode: 1,
			wantOut: "wait:   poll 2: FAILED, 1 not active: collection ERROR",
			wantErr: `integration "ops" FAILED: 1 resource not active; collection ERROR: quota of 50 collections reached`,
			prepare: func(srv *cwlogstest.Server) {
				if err := srv.SetLifecycle("ops", cwlogstest.Lifecycle{Fail: map[cwlogs.ResourceKind]string{
					cwlogs.ResourceKindCollection: "quota of 50 collections reached",
				}}); err != nil {
					panic(err) // a kind that is not one of the eight: the test is wrong
				}
			}},
		{name: "max delay alone, with the kit", args: []string{"-max-delay", "1ms"}, wantOut: `delete: integration "cwlogs-lifecycle-demo" is gone`},
		{name: "min delay over max delay, refused before the create", args: []string{"-min-delay", "100ms", "-max-delay", "1ms"}, wantCode: 2,
			wantErr: "-min-delay 100ms is more than -max-delay 1ms"},
		{name: "max delay under the waiters' min delay, refused before the create",
			args: []string{"-role", kitRole, "-principal", kitPrincipal, "-yes", "-max-delay", "1s"}, wantCode: 2,
			wantErr: "-min-delay 10s is more than -max-delay 1s"},
		{name: "retention out of range", args: []string{"-retention", "45"}, wantCode: 1,
			wantErr: "ResourceConfig.RetentionDays: resourceConfig.openSearchResourceConfig.retentionDays is 45, want 1 to 30"},
		{name: "retention past int32, not cut to 7", args: []string{"-retention", "4294967303"}, wantCode: 2,
			wantErr: "-retention is 4294967303, want 1 to 30"},
		{name: "invalid name", args: []string{"-name", "my integration"}, wantCode: 1, wantErr: "IntegrationName has ' '"},
		{name: "live needs a role", args: []string{"-live", "-yes"}, wantCode: 2, wantErr: "need -role and at least one -principal"},
		{name: "live needs -yes", args: []string{"-live", "-role", kitRole, "-principal", kitPrincipal}, wantCode: 2, wantErr: "add -yes"},
		{name: "region without remote", args: []string{"-region", "eu-west-1"}, wantCode: 2, wantErr: "-region needs -live or -endpoint"},
		{name: "negative delay", args: []string{"-min-delay", "-1s"}, wantCode: 2, wantErr: "cannot be negative"},
		{name: "zero timeout", args: []string{"-timeout", "0s"}, wantCode: 2, wantErr: "-timeout is 0s"},
		{name: "stray argument", args: []string{"extra"}, wantCode: 2, wantErr: `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := tt.args
			if len(args) > 0 && (args[0] == "-role" || args[0] == "-force") {
				args = append([]string{"-endpoint", kitEndpoint(t, tt.prepare)}, args...)
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
	if stdout.Len() != 0 || !strings.HasPrefix(stderr.String(), synopsis+"\n") || !strings.Contains(stderr.String(), "-principal ARN") {
		t.Errorf("stdout %q, stderr %q: want the usage on stderr only", stdout.String(), stderr.String())
	}
}

// TestPrintPoll checks the line of a poll whose output says nothing of the
// resources: it must not read as "all resources active".
func TestPrintPoll(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		out  *cwlogs.GetIntegrationOutput
		want string
	}{
		{"provisioning, no details", &cwlogs.GetIntegrationOutput{IntegrationStatus: cwlogs.IntegrationStatusProvisioning},
			"wait:   poll 1: PROVISIONING, resources not reported\n"},
		{"details of an unknown kind", &cwlogs.GetIntegrationOutput{IntegrationStatus: cwlogs.IntegrationStatusActive,
			IntegrationDetails: &cwlogs.UnknownIntegrationDetails{Name: "x", Value: []byte(`{}`)}},
			"wait:   poll 1: ACTIVE, resources not reported\n"},
		{"empty details", &cwlogs.GetIntegrationOutput{IntegrationStatus: cwlogs.IntegrationStatusProvisioning,
			IntegrationDetails: &cwlogs.OpenSearchIntegrationDetails{}},
			"wait:   poll 1: PROVISIONING, 8 not active yet: dataSource, application, collection, workspace, " +
				"encryptionPolicy, networkPolicy, accessPolicy, lifecyclePolicy\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var b bytes.Buffer
			printPoll(&b, cwlogs.WaitPoll{Attempt: 1, Output: tt.out})
			if diff := cmp.Diff(tt.want, b.String()); diff != "" {
				t.Errorf("line mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLifecycleValidatesWaiters runs lifecycle with delays the waiters
// refuse: it fails before the create, which would leave an integration
// behind.
func TestLifecycleValidatesWaiters(t *testing.T) {
	t.Parallel()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	client, err := cwlogs.New(srv.Options())
	if err != nil {
		t.Fatal(err)
	}
	cfg := config{name: "x", role: kitRole, principals: stringList{kitPrincipal}, retention: 7, timeout: time.Minute,
		delays: delays{min: time.Second, max: time.Millisecond}}
	var out bytes.Buffer
	err = lifecycle(context.Background(), client, cfg, &out)
	want := "cwlogs: IntegrationActiveWaiter: invalid input: MinDelay is 1s, more than MaxDelay (1ms)\n" +
		"cwlogs: IntegrationDeletedWaiter: invalid input: MinDelay is 1s, more than MaxDelay (1ms)"
	if err == nil || err.Error() != want {
		t.Errorf("error = %v, want %s", err, want)
	}
	if n := len(srv.Requests()); n != 0 || out.Len() != 0 {
		t.Errorf("%d requests, output %q; want none", n, out.String())
	}
}
