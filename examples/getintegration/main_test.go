package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cwlogs-go/cwlogs/cwlogstest"
	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ with the current output")

// testEnv is the environment of most cases: the test kit's credentials, so
// that the canary check below has something to find if they leak.
var testEnv = map[string]string{
	"AWS_ACCESS_KEY_ID":     cwlogstest.AccessKeyID,
	"AWS_SECRET_ACCESS_KEY": cwlogstest.SecretAccessKey,
	"AWS_SESSION_TOKEN":     cwlogstest.SessionToken,
	"AWS_REGION":            cwlogstest.Region,
}

// with returns a copy of base with the changes set; an empty value unsets
// the variable.
func with(base map[string]string, changes ...string) map[string]string {
	env := make(map[string]string, len(base)+len(changes)/2)
	for k, v := range base {
		env[k] = v
	}
	for i := 0; i+1 < len(changes); i += 2 {
		if changes[i+1] == "" {
			delete(env, changes[i])
		} else {
			env[changes[i]] = changes[i+1]
		}
	}
	return env
}

// badURL is an endpoint the library rejects at once, without a request:
// a case that used it by mistake fails fast and visibly.
const badURL = "http://bad host"

func TestRun(t *testing.T) {
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
		t.Fatal(err)
	}
	name50 := strings.Repeat("a", 50)
	name51 := strings.Repeat("a", 51)

	tests := []struct {
		name string
		args []string
		env  map[string]string

		wantCode   int
		wantNotice bool   // the first stderr line is the recorded-responses notice
		wantGolden string // stdout equals testdata/<wantGolden>.golden
		wantJSON   string // stdout is the JSON body of this recorded response, and nothing else
		wantErr    string // the last stderr line, the only one after the notice, contains it
	}{
		// Recorded responses, in-process.
		{name: "default", wantNotice: true, wantGolden: "active"},
		{name: "active", args: []string{"active"}, wantNotice: true, wantGolden: "active"},
		{name: "failed", args: []string{"failed"}, wantNotice: true, wantGolden: "failed"},
		{name: "provisioning", args: []string{"provisioning"}, wantNotice: true, wantGolden: "provisioning"},
		{name: "no details", args: []string{"no-details"}, wantNotice: true, wantGolden: "no-details"},
		{name: "unknown enums", args: []string{"unknown-enums"}, wantNotice: true, wantGolden: "unknown-enums"},
		{name: "unknown member", args: []string{"unknown-member"}, wantNotice: true, wantGolden: "unknown-member"},
		{name: "json active", args: []string{"-json", "active"}, wantNotice: true, wantJSON: "active"},
		{name: "json failed", args: []string{"-json", "failed"}, wantNotice: true, wantJSON: "failed"},
		{name: "json unknown member", args: []string{"-json", "unknown-member"}, wantNotice: true, wantJSON: "unknown-member"},
		{name: "json no details", args: []string{"-json", "no-details"}, wantNotice: true, wantJSON: "no-details"},
		{name: "resource not found", args: []string{"resource-not-found"},
			wantCode: 1, wantNotice: true, wantErr: "ResourceNotFoundException"},
		{name: "json resource not found", args: []string{"-json", "resource-not-found"},
			wantCode: 1, wantNotice: true, wantErr: "ResourceNotFoundException"},
		{name: "name not recorded", args: []string{name50},
			wantCode: 1, wantNotice: true, wantErr: "ResourceNotFoundException"},
		{name: "invalid character", args: []string{"bad name!"},
			wantCode: 1, wantNotice: true, wantErr: "IntegrationName has ' ' at byte 3, want only letters, digits and . - _ / #"},
		{name: "51 characters", args: []string{name51},
			wantCode: 1, wantNotice: true, wantErr: "IntegrationName is 51 characters long, want at most 50"},
		{name: "empty name", args: []string{""},
			wantCode: 1, wantNotice: true, wantErr: "IntegrationName is required"},
		{name: "html 502", args: []string{"html-502"},
			wantCode: 1, wantNotice: true, wantErr: "GetIntegration: 502 Bad Gateway (status 502"},
		{name: "invalid union", args: []string{"union-two-members"},
			wantCode: 1, wantNotice: true, wantErr: "invalid response"},
		{name: "environment ignored", args: []string{"active"},
			env:        with(testEnv, "AWS_ENDPOINT_URL", badURL, "AWS_USE_FIPS_ENDPOINT", "maybe"),
			wantNotice: true, wantGolden: "active"},

		// -endpoint: a server of the test kit, as another endpoint.
		{name: "endpoint", args: []string{"-endpoint", srv.URL, "active"}, env: testEnv, wantGolden: "active"},
		{name: "endpoint json", args: []string{"-endpoint", srv.URL, "-json", "unknown-member"}, env: testEnv,
			wantJSON: "unknown-member"},
		{name: "endpoint error", args: []string{"-endpoint", srv.URL, "resource-not-found"}, env: testEnv,
			wantCode: 1, wantErr: "ResourceNotFoundException"},
		{name: "endpoint without session token", args: []string{"-endpoint", srv.URL, "active"},
			env: with(testEnv, "AWS_SESSION_TOKEN", ""), wantGolden: "active"},
		{name: "endpoint region from AWS_DEFAULT_REGION", args: []string{"-endpoint", srv.URL, "active"},
			env: with(testEnv, "AWS_REGION", "", "AWS_DEFAULT_REGION", cwlogstest.Region), wantGolden: "active"},
		{name: "endpoint region flag wins", args: []string{"-endpoint", srv.URL, "-region", "eu-west-1", "active"},
			env: testEnv, wantCode: 1, wantErr: "InvalidSignatureException"},
		{name: "endpoint AWS_REGION wins", args: []string{"-endpoint", srv.URL, "active"},
			env: with(testEnv, "AWS_DEFAULT_REGION", "eu-west-1"), wantGolden: "active"},
		{name: "endpoint without region", args: []string{"-endpoint", srv.URL, "active"},
			env: with(testEnv, "AWS_REGION", ""), wantCode: 1, wantErr: "no region: use -region or set AWS_REGION"},
		{name: "endpoint wrong secret key", args: []string{"-endpoint", srv.URL, "active"},
			env: with(testEnv, "AWS_SECRET_ACCESS_KEY", "not-the-secret"), wantCode: 1, wantErr: "InvalidSignatureException"},
		{name: "endpoint unknown access key", args: []string{"-endpoint", srv.URL, "active"},
			env: with(testEnv, "AWS_ACCESS_KEY_ID", "AKIDNOTKNOWN"), wantCode: 1, wantErr: "UnrecognizedClientException"},
		{name: "endpoint ignores endpoint variables", args: []string{"-endpoint", srv.URL, "active"},
			env: with(testEnv, "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", badURL, "AWS_ENDPOINT_URL", badURL), wantGolden: "active"},
		{name: "endpoint without credentials", args: []string{"-endpoint", srv.URL, "active"},
			wantCode: 1, wantErr: "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY not set"},
		{name: "endpoint with FIPS", args: []string{"-endpoint", srv.URL, "active"},
			env: with(testEnv, "AWS_USE_FIPS_ENDPOINT", "TRUE"), wantCode: 1, wantErr: "cannot be combined with FIPS"},
		{name: "endpoint with dual-stack", args: []string{"-endpoint", srv.URL, "active"},
			env: with(testEnv, "AWS_USE_DUALSTACK_ENDPOINT", "True"), wantCode: 1, wantErr: "cannot be combined with dual-stack"},
		{name: "endpoint with FIPS and dual-stack false", args: []string{"-endpoint", srv.URL, "active"},
			env: with(testEnv, "AWS_USE_FIPS_ENDPOINT", "FALSE", "AWS_USE_DUALSTACK_ENDPOINT", "false"), wantGolden: "active"},
		{name: "secret in an error is masked", args: []string{"-endpoint", srv.URL, "-region", cwlogstest.SecretAccessKey, "active"},
			env: testEnv, wantCode: 1, wantErr: `Options.Region: "[redacted AWS_SECRET_ACCESS_KEY]" is not a valid host label`},

		// -live: the endpoint variables, else the regional endpoint.
		{name: "live AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", args: []string{"-live", "active"},
			env: with(testEnv, "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", srv.URL, "AWS_ENDPOINT_URL", badURL), wantGolden: "active"},
		{name: "live AWS_ENDPOINT_URL", args: []string{"-live", "-json", "active"},
			env: with(testEnv, "AWS_ENDPOINT_URL", srv.URL), wantJSON: "active"},
		{name: "live endpoint flag wins", args: []string{"-live", "-endpoint", srv.URL, "active"},
			env: with(testEnv, "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", badURL, "AWS_ENDPOINT_URL", badURL), wantGolden: "active"},
		{name: "live without credentials", args: []string{"-live", "active"},
			wantCode: 1, wantErr: "no credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY not set"},
		{name: "live without secret key", args: []string{"-live", "active"},
			env: with(testEnv, "AWS_SECRET_ACCESS_KEY", ""), wantCode: 1, wantErr: "no credentials: AWS_SECRET_ACCESS_KEY not set"},
		{name: "live bad AWS_USE_FIPS_ENDPOINT", args: []string{"-live", "active"},
			env: with(testEnv, "AWS_USE_FIPS_ENDPOINT", "yes"), wantCode: 1, wantErr: `AWS_USE_FIPS_ENDPOINT is "yes", want true or false`},
		{name: "live bad AWS_USE_DUALSTACK_ENDPOINT", args: []string{"-live", "active"},
			env: with(testEnv, "AWS_USE_DUALSTACK_ENDPOINT", "1"), wantCode: 1, wantErr: `AWS_USE_DUALSTACK_ENDPOINT is "1", want true or false`},
		{name: "live invalid region", args: []string{"-live", "-region", "us east 1", "active"},
			env: testEnv, wantCode: 1, wantErr: `Options.Region: "us east 1" is not a valid host label`},

		// Command lines that are not valid.
		{name: "two names", args: []string{"active", "failed"},
			wantCode: 2, wantErr: `want at most one NAME, got 2 arguments: "active" "failed"; usage: getintegration [-endpoint URL]`},
		{name: "flag after name", args: []string{"active", "-json"},
			wantCode: 2, wantErr: "want at most one NAME"},
		{name: "unknown flag", args: []string{"-bogus"},
			wantCode: 2, wantErr: "flag provided but not defined: -bogus; usage: getintegration"},
		{name: "flag without value", args: []string{"-endpoint"},
			wantCode: 2, wantErr: "flag needs an argument: -endpoint"},
		{name: "empty endpoint", args: []string{"-endpoint=", "active"},
			wantCode: 2, wantErr: "-endpoint needs a URL"},
		{name: "bad boolean", args: []string{"-json=maybe", "active"},
			wantCode: 2, wantErr: `invalid boolean value "maybe" for -json`},
		{name: "live without name", args: []string{"-live"}, env: testEnv,
			wantCode: 2, wantErr: "NAME is required with -live or -endpoint"},
		{name: "region without live", args: []string{"-region", "us-east-1", "active"},
			wantCode: 2, wantErr: "-region needs -live or -endpoint"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr, mapEnv(tt.env))

			if code != tt.wantCode {
				t.Errorf("exit status = %d, want %d\nstderr:\n%s", code, tt.wantCode, &stderr)
			}
			checkStderr(t, stderr.String(), tt.wantNotice, tt.wantErr)
			switch {
			case tt.wantGolden != "":
				checkGolden(t, tt.wantGolden, stdout.String())
			case tt.wantJSON != "":
				checkJSON(t, tt.wantJSON, stdout.Bytes())
			case stdout.Len() != 0:
				t.Errorf("stdout = %q, want nothing", &stdout)
			}
			checkNoSecrets(t, stdout.String()+stderr.String())
		})
	}
}

// mapEnv returns a getenv that reads env.
func mapEnv(env map[string]string) func(string) string {
	return func(name string) string { return env[name] }
}

// checkStderr checks that stderr holds the notice, if wanted, and then at
// most one line: the error.
func checkStderr(t *testing.T, stderr string, wantNotice bool, wantErr string) {
	t.Helper()
	var want []string
	if wantNotice {
		want = append(want, notice)
	}
	if wantErr != "" {
		want = append(want, "getintegration: …"+wantErr+"…")
	}
	var got []string
	if stderr != "" {
		got = strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	}
	// The error line need only contain wantErr.
	if n := len(got); wantErr != "" && n > 0 &&
		strings.HasPrefix(got[n-1], "getintegration: ") && strings.Contains(got[n-1], wantErr) {
		got[n-1] = want[len(want)-1]
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stderr lines mismatch (-want +got):\n%s", diff)
	}
}

// checkGolden compares got with testdata/name.golden, or rewrites that file
// with -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("stdout mismatch with %s (-want +got):\n%s", path, diff)
	}
}

var (
	recordedOnce sync.Once
	recorded     map[string]cwlogstest.Response
	recordedErr  error
)

// recordedBody returns the body of the recorded response name.
func recordedBody(t *testing.T, name string) []byte {
	t.Helper()
	recordedOnce.Do(func() { recorded, recordedErr = cwlogstest.ReadResponses(cwlogstest.Recorded()) })
	if recordedErr != nil {
		t.Fatal(recordedErr)
	}
	r, ok := recorded[name]
	if !ok {
		t.Fatalf("no recorded response %q", name)
	}
	return r.Body
}

// checkJSON checks that got is one JSON value, indented by two spaces,
// equal to the body of the recorded response name. Numbers are compared as
// written, so that a loss of precision shows.
func checkJSON(t *testing.T, name string, got []byte) {
	t.Helper()
	want, err := decodeOne(recordedBody(t, name))
	if err != nil {
		t.Fatalf("recorded body of %s: %v", name, err)
	}
	gotV, err := decodeOne(got)
	if err != nil {
		t.Fatalf("stdout is not one JSON value: %v\nstdout:\n%s", err, got)
	}
	if diff := cmp.Diff(want, gotV); diff != "" {
		t.Errorf("stdout JSON mismatch with the body of %s (-want +got):\n%s", name, diff)
	}
	if !bytes.HasPrefix(got, []byte("{\n  \"")) || !bytes.HasSuffix(got, []byte("\n}\n")) {
		t.Errorf("stdout is not indented by two spaces:\n%s", got)
	}
}

// decodeOne decodes data, which must hold exactly one JSON value.
func decodeOne(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("more data after the JSON value")
	}
	return v, nil
}

// checkNoSecrets is the canary: the secret key and the session token never
// appear in what the program prints.
func checkNoSecrets(t *testing.T, output string) {
	t.Helper()
	for _, secret := range []string{cwlogstest.SecretAccessKey, cwlogstest.SessionToken} {
		if strings.Contains(output, secret) {
			t.Errorf("output contains the credential %q:\n%s", secret, output)
		}
	}
}

func TestSummaryListsEightResources(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(nil, &stdout, &stderr, mapEnv(nil)); code != 0 {
		t.Fatalf("exit status = %d, want 0\nstderr:\n%s", code, &stderr)
	}
	want := []string{
		"data source", "application", "collection", "workspace",
		"encryption policy", "network policy", "access policy", "lifecycle policy",
	}
	var got []string
	for _, line := range strings.Split(stdout.String(), "\n") {
		label, rest, ok := strings.Cut(strings.TrimPrefix(line, "  "), ":")
		if !ok || !strings.HasPrefix(line, "  ") {
			continue
		}
		got = append(got, label)
		if !strings.Contains(rest, " status=ACTIVE") {
			t.Errorf("resource line %q does not show status=ACTIVE", line)
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("resource lines mismatch (-want +got):\n%s", diff)
	}
}

func TestHelp(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		t.Run(arg, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run([]string{arg}, &stdout, &stderr, mapEnv(nil)); code != 0 {
				t.Errorf("exit status = %d, want 0", code)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing", &stdout)
			}
			for _, want := range []string{synopsis, "-endpoint URL", "-live", "-json", "-region REGION", "AWS_ACCESS_KEY_ID"} {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("usage does not mention %q:\n%s", want, &stderr)
				}
			}
		})
	}
}

// TestBinary builds the program and runs it as a user would, with no
// AWS_* variable set.
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the program; skipped with -short")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "getintegration")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") {
			env = append(env, kv)
		}
	}

	t.Run("recorded responses", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin)
		cmd.Env = env
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("run: %v\nstderr:\n%s", err, &stderr)
		}
		if diff := cmp.Diff(notice+"\n", stderr.String()); diff != "" {
			t.Errorf("stderr mismatch (-want +got):\n%s", diff)
		}
		checkGolden(t, "active", stdout.String())
	})

	// -live goes to the regional endpoint through the proxy of HTTPS_PROXY;
	// the proxy refuses the tunnel, so nothing leaves the machine. The proxy
	// variables are read once a process, hence the binary.
	t.Run("live through HTTPS_PROXY", func(t *testing.T) {
		var (
			mu      sync.Mutex
			tunnels []string
		)
		proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			tunnels = append(tunnels, r.Method+" "+r.Host)
			mu.Unlock()
			http.Error(w, "tunnels refused by the test", http.StatusForbidden)
		}))
		t.Cleanup(proxy.Close)

		var penv []string
		for _, kv := range env {
			name, _, _ := strings.Cut(kv, "=")
			if !strings.HasSuffix(strings.ToUpper(name), "_PROXY") {
				penv = append(penv, kv)
			}
		}
		for k, v := range testEnv {
			penv = append(penv, k+"="+v)
		}
		penv = append(penv, "HTTPS_PROXY="+proxy.URL, "AWS_USE_FIPS_ENDPOINT=true")

		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, "-live", "-region", "eu-west-1", "active")
		cmd.Env = penv
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) || exitErr.ExitCode() != 1 {
			t.Fatalf("run: %v, want exit status 1\nstderr:\n%s", err, &stderr)
		}
		mu.Lock()
		defer mu.Unlock()
		// A refused tunnel is a connection error: the library's default
		// policy makes all three attempts.
		want := slices.Repeat([]string{"CONNECT logs-fips.eu-west-1.amazonaws.com:443"}, 3)
		if diff := cmp.Diff(want, tunnels); diff != "" {
			t.Errorf("proxy requests mismatch (-want +got):\n%s", diff)
		}
		checkStderr(t, stderr.String(), false, `Post "https://logs-fips.eu-west-1.amazonaws.com/"`)
		if stdout.Len() != 0 {
			t.Errorf("stdout = %q, want nothing", &stdout)
		}
		checkNoSecrets(t, stdout.String()+stderr.String())
	})
}
