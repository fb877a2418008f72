package cwlogs_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// newKitClient starts a test kit server with the recorded responses and
// returns it with a client for it.
func newKitClient(t *testing.T, optFns ...func(*cwlogs.Options)) (*cwlogs.Client, *cwlogstest.Server) {
	t.Helper()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
		t.Fatal(err)
	}
	fast := func(o *cwlogs.Options) { o.RetryPolicy = fastRetry }
	client, err := cwlogs.New(srv.Options(), append([]func(*cwlogs.Options){fast}, optFns...)...)
	if err != nil {
		t.Fatal(err)
	}
	return client, srv
}

// fastRetry is the standard policy with backoffs short enough for tests.
var fastRetry = cwlogs.StandardRetry{Base: time.Millisecond, ThrottleBase: time.Millisecond, Cap: 5 * time.Millisecond}

// newTestClient returns a client for a loopback server run by handler.
func newTestClient(t *testing.T, handler http.Handler, optFns ...func(*cwlogs.Options)) *cwlogs.Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	client, err := cwlogs.New(cwlogs.Options{
		Region:       cwlogstest.Region,
		Credentials:  cwlogstest.Credentials(),
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   srv.Client(),
	}, optFns...)
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// recordedBody returns the body of a recorded response.
func recordedBody(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("cwlogstest", "testdata", name+".http"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := cwlogstest.ParseResponse(data)
	if err != nil {
		t.Fatal(err)
	}
	return r.Body
}

func get(ctx context.Context, c *cwlogs.Client, name string, optFns ...func(*cwlogs.Options)) (*cwlogs.GetIntegrationOutput, error) {
	return c.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: name}, optFns...)
}

func TestOptionsAreCheckedWhenTheClientIsMade(t *testing.T) {
	valid := func() cwlogs.Options {
		return cwlogs.Options{Region: "us-east-1", Credentials: cwlogstest.Credentials()}
	}
	tests := []struct {
		name    string
		change  func(*cwlogs.Options)
		wantErr string
	}{
		{"no credentials", func(o *cwlogs.Options) { o.Credentials = nil }, "cwlogs: Options.Credentials is required"},
		{"no region", func(o *cwlogs.Options) { o.Region = "" }, "cwlogs: Options.Region is required"},
		{"bad region", func(o *cwlogs.Options) { o.Region = "us east 1" }, `cwlogs: Options.Region: "us east 1" is not a valid host label`},
		{"negative body limit", func(o *cwlogs.Options) { o.MaxResponseBytes = -1 }, "cwlogs: Options.MaxResponseBytes is -1"},
		{"empty base endpoint", func(o *cwlogs.Options) { o.BaseEndpoint = aws.String("") }, "cwlogs: Options.BaseEndpoint is set but empty"},
		{"relative base endpoint", func(o *cwlogs.Options) { o.BaseEndpoint = aws.String("localhost:4566") }, "cwlogs: Options.BaseEndpoint"},
		{"base endpoint and FIPS", func(o *cwlogs.Options) {
			o.BaseEndpoint = aws.String("http://127.0.0.1:1")
			o.EndpointOptions.UseFIPSEndpoint = aws.FIPSEndpointStateEnabled
		}, "cwlogs: Options.BaseEndpoint: cannot be combined with FIPS"},
		{"base endpoint and dual-stack", func(o *cwlogs.Options) {
			o.BaseEndpoint = aws.String("http://127.0.0.1:1")
			o.EndpointOptions.UseDualStackEndpoint = aws.DualStackEndpointStateEnabled
		}, "cwlogs: Options.BaseEndpoint: cannot be combined with dual-stack"},
		{"nil *http.Client", func(o *cwlogs.Options) { o.HTTPClient = (*http.Client)(nil) }, "cwlogs: Options.HTTPClient is a nil *http.Client"},
		{"nil *awshttp.BuildableClient", func(o *cwlogs.Options) { o.HTTPClient = (*awshttp.BuildableClient)(nil) }, "cwlogs: Options.HTTPClient is a nil *http.BuildableClient"},
		{"base endpoint signed without region", func(o *cwlogs.Options) {
			o.BaseEndpoint = aws.String("http://127.0.0.1:1")
			o.Region = ""
		}, "cwlogs: Options.Region is required to sign requests"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := cwlogs.New(valid(), tt.change)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || c != nil {
				t.Fatalf("New = %v, %v; want nil and an error containing %q", c, err, tt.wantErr)
			}
		})
	}
	t.Run("valid", func(t *testing.T) {
		if _, err := cwlogs.New(valid()); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("anonymous without region", func(t *testing.T) {
		_, err := cwlogs.New(cwlogs.Options{Credentials: aws.AnonymousCredentials{}, BaseEndpoint: aws.String("http://127.0.0.1:1")})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestPerCallOptions(t *testing.T) {
	client, srv := newKitClient(t)
	other := cwlogstest.NewServer()
	t.Cleanup(other.Close)
	other.AddError("active", 400, "AccessDeniedException", "from the other server")

	if _, err := get(context.Background(), client, "active"); err != nil {
		t.Fatal(err)
	}
	_, err := get(context.Background(), client, "active", func(o *cwlogs.Options) { o.BaseEndpoint = aws.String(other.URL) })
	if !errors.Is(err, cwlogs.ErrAccessDenied) {
		t.Fatalf("per-call endpoint: error = %v, want the other server's AccessDeniedException", err)
	}
	_, err = get(context.Background(), client, "active", func(o *cwlogs.Options) { o.Region = "bad region" })
	if err == nil || !strings.Contains(err.Error(), "cwlogs: GetIntegration: per-call options: cwlogs: Options.Region") {
		t.Fatalf("per-call invalid region: error = %v", err)
	}
	// The client itself is unchanged by per-call options.
	if _, err := get(context.Background(), client, "active"); err != nil {
		t.Fatal(err)
	}
	if n, m := len(srv.Requests()), len(other.Requests()); n != 2 || m != 1 {
		t.Errorf("requests: %d to the client's server and %d to the other, want 2 and 1", n, m)
	}
}

// configSource answers the lookups that config.LoadDefaultConfig's sources
// answer.
type configSource struct {
	fips     aws.FIPSEndpointState
	dual     aws.DualStackEndpointState
	endpoint string
	// ignore is the setting AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, if set.
	ignore *bool
	// fail, if set, is what reading ignore or endpoint fails with.
	fail error
}

func (s configSource) GetIgnoreConfiguredEndpoints(context.Context) (bool, bool, error) {
	if s.fail != nil {
		return false, false, s.fail
	}
	return s.ignore != nil && *s.ignore, s.ignore != nil, nil
}

func (s configSource) GetUseFIPSEndpoint(context.Context) (aws.FIPSEndpointState, bool, error) {
	return s.fips, s.fips != aws.FIPSEndpointStateUnset, nil
}

func (s configSource) GetUseDualStackEndpoint(context.Context) (aws.DualStackEndpointState, bool, error) {
	return s.dual, s.dual != aws.DualStackEndpointStateUnset, nil
}

func (s configSource) GetServiceBaseEndpoint(_ context.Context, sdkID string) (string, bool, error) {
	if sdkID != "CloudWatch Logs" {
		return "", false, fmt.Errorf("unexpected SDK ID %q", sdkID)
	}
	if s.fail != nil {
		return "", false, s.fail
	}
	return s.endpoint, s.endpoint != "", nil
}

// ignoreFailing is a config source that fails to read whether to ignore
// the configured endpoints.
type ignoreFailing struct{}

func (ignoreFailing) GetIgnoreConfiguredEndpoints(context.Context) (bool, bool, error) {
	return true, false, errors.New("bad value")
}

// endpointOf returns the URL a client sends to, as a loopback-free probe
// that records the request instead of sending it.
func endpointOf(t *testing.T, c *cwlogs.Client) string {
	t.Helper()
	var got string
	_, err := get(context.Background(), c, "x", func(o *cwlogs.Options) {
		o.RetryMaxAttempts = 1
		o.HTTPClient = doFunc(func(r *http.Request) (*http.Response, error) {
			got = r.URL.String()
			return nil, errors.New("not sent")
		})
	})
	if err == nil || got == "" {
		t.Fatalf("probe: %v", err)
	}
	return got
}

type doFunc func(*http.Request) (*http.Response, error)

func (f doFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

func TestNewFromConfig(t *testing.T) {
	for _, k := range []string{"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"} {
		if v, ok := os.LookupEnv(k); ok {
			t.Setenv(k, v)
			os.Unsetenv(k)
		}
	}
	creds := cwlogstest.Credentials()
	tests := []struct {
		name string
		cfg  aws.Config
		env  map[string]string
		want string
	}{
		{"region", aws.Config{Region: "eu-west-1", Credentials: creds}, nil, "https://logs.eu-west-1.amazonaws.com/"},
		{"FIPS from config sources", aws.Config{Region: "us-west-2", Credentials: creds,
			ConfigSources: []any{configSource{fips: aws.FIPSEndpointStateEnabled}}}, nil, "https://logs-fips.us-west-2.amazonaws.com/"},
		{"dual-stack from config sources", aws.Config{Region: "cn-north-1", Credentials: creds,
			ConfigSources: []any{"ignored", configSource{dual: aws.DualStackEndpointStateEnabled}}}, nil, "https://logs.cn-north-1.api.amazonwebservices.com.cn/"},
		{"first source that knows wins", aws.Config{Region: "us-west-2", Credentials: creds,
			ConfigSources: []any{configSource{}, configSource{fips: aws.FIPSEndpointStateDisabled}, configSource{fips: aws.FIPSEndpointStateEnabled}}}, nil, "https://logs.us-west-2.amazonaws.com/"},
		{"base endpoint", aws.Config{Region: "us-east-1", Credentials: creds, BaseEndpoint: aws.String("http://localhost:4566")}, nil, "http://localhost:4566/"},
		{"service endpoint overrides base endpoint", aws.Config{Region: "us-east-1", Credentials: creds, BaseEndpoint: aws.String("http://global:1"),
			ConfigSources: []any{configSource{endpoint: "http://logs:2/x"}}}, nil, "http://logs:2/x"},
		{"global env endpoint beats service endpoint of the config file", aws.Config{Region: "us-east-1", Credentials: creds, BaseEndpoint: aws.String("http://global:1"),
			ConfigSources: []any{configSource{endpoint: "http://logs:2"}}}, map[string]string{"AWS_ENDPOINT_URL": "http://global:1"}, "http://global:1/"},
		{"configured endpoints ignored", aws.Config{Region: "us-east-1", Credentials: creds,
			ConfigSources: []any{configSource{ignore: aws.Bool(true)}, configSource{endpoint: "http://logs:2"}}}, nil, "https://logs.us-east-1.amazonaws.com/"},
		{"configured endpoints ignored by the source that has the endpoint", aws.Config{Region: "us-east-1", Credentials: creds,
			ConfigSources: []any{configSource{}, configSource{ignore: aws.Bool(true), endpoint: "http://logs:2"}}}, nil, "https://logs.us-east-1.amazonaws.com/"},
		{"configured endpoints ignored, base endpoint set in code kept", aws.Config{Region: "us-east-1", Credentials: creds, BaseEndpoint: aws.String("http://code:3"),
			ConfigSources: []any{configSource{ignore: aws.Bool(true), endpoint: "http://logs:2"}}}, nil, "http://code:3/"},
		{"configured endpoints ignored, service env endpoint too", aws.Config{Region: "us-east-1", Credentials: creds,
			ConfigSources: []any{configSource{ignore: aws.Bool(true), endpoint: "http://logs:2"}}}, map[string]string{"AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "http://logs:2"}, "https://logs.us-east-1.amazonaws.com/"},
		{"configured endpoints not ignored", aws.Config{Region: "us-east-1", Credentials: creds,
			ConfigSources: []any{configSource{ignore: aws.Bool(false)}, configSource{ignore: aws.Bool(true), endpoint: "http://logs:2"}}}, nil, "http://logs:2/"},
		{"a source that fails to tell whether to ignore ends the search", aws.Config{Region: "us-east-1", Credentials: creds,
			ConfigSources: []any{ignoreFailing{}, configSource{ignore: aws.Bool(true), endpoint: "http://logs:2"}}}, nil, "http://logs:2/"},
		{"a source that fails to read the endpoint ends the search", aws.Config{Region: "us-east-1", Credentials: creds,
			ConfigSources: []any{configSource{fail: errors.New("bad file")}, configSource{endpoint: "http://logs:2"}}}, nil, "https://logs.us-east-1.amazonaws.com/"},
		{"service env endpoint beats global env endpoint", aws.Config{Region: "us-east-1", Credentials: creds, BaseEndpoint: aws.String("http://global:1"),
			ConfigSources: []any{configSource{endpoint: "http://logs:2"}}}, map[string]string{"AWS_ENDPOINT_URL": "http://global:1", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "http://logs:2"}, "http://logs:2/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			c, err := cwlogs.NewFromConfig(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if got := endpointOf(t, c); got != tt.want {
				t.Errorf("endpoint = %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("HTTP client and option functions", func(t *testing.T) {
		var used bool
		cfg := aws.Config{Region: "us-east-1", Credentials: creds, HTTPClient: doFunc(func(r *http.Request) (*http.Response, error) {
			used = true
			return nil, errors.New("offline")
		})}
		c, err := cwlogs.NewFromConfig(cfg, func(o *cwlogs.Options) { o.Region = "ap-south-1" })
		if err != nil {
			t.Fatal(err)
		}
		_, err = get(context.Background(), c, "x")
		if !used || err == nil || !strings.Contains(err.Error(), "cwlogs: GetIntegration: offline") {
			t.Errorf("config's HTTP client used = %v, error = %v", used, err)
		}
	})
	t.Run("invalid config is reported", func(t *testing.T) {
		_, err := cwlogs.NewFromConfig(aws.Config{Credentials: creds})
		if err == nil || !strings.Contains(err.Error(), "Options.Region") {
			t.Errorf("error = %v, want one naming Options.Region", err)
		}
	})
}

// Compile-time check that code written for the official SDK's errors works.
var _ smithy.APIError = (*cwlogs.APIError)(nil)

// nilDoer is an HTTPClient whose nil pointer cannot send.
type nilDoer struct{ c *http.Client }

func (d *nilDoer) Do(r *http.Request) (*http.Response, error) { return d.c.Do(r) }

// TestTypedNilOptionsNoPanic checks that an option set to a nil value of a
// non-nil type (a nil pointer or func in the interface) is an error that
// names the field, from New or from the call with that per-call option,
// and never a panic: today New panics on a nil *aws.CredentialsCache, and
// a call on a nil aws.CredentialsProviderFunc, a nil *cwlogs.StandardRetry
// or a nil pointer HTTPClient.
func TestTypedNilOptionsNoPanic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		field string
		set   func(*cwlogs.Options)
	}{
		{"nil *aws.CredentialsCache", "Credentials", func(o *cwlogs.Options) { o.Credentials = (*aws.CredentialsCache)(nil) }},
		{"nil aws.CredentialsProviderFunc", "Credentials", func(o *cwlogs.Options) { o.Credentials = aws.CredentialsProviderFunc(nil) }},
		{"nil *cwlogs.StandardRetry", "RetryPolicy", func(o *cwlogs.Options) { o.RetryPolicy = (*cwlogs.StandardRetry)(nil) }},
		{"nil pointer HTTPClient", "HTTPClient", func(o *cwlogs.Options) { o.HTTPClient = (*nilDoer)(nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("panic: %v", r)
				}
			}()
			base := cwlogs.Options{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(),
				BaseEndpoint: aws.String("http://127.0.0.1:9"), RetryMaxAttempts: 2}
			_, err := cwlogs.New(base, tt.set)
			if err == nil || !strings.Contains(err.Error(), "Options."+tt.field) {
				t.Errorf("New: err = %v, want one that names Options.%s", err, tt.field)
			}
			client, err := cwlogs.New(base)
			if err != nil {
				t.Fatal(err)
			}
			_, err = client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "x"}, tt.set)
			if err == nil || !strings.Contains(err.Error(), "Options."+tt.field) {
				t.Errorf("call with the option: err = %v, want one that names Options.%s", err, tt.field)
			}
		})
	}
}

// TestNewFromConfigRetrySettings answers every request with a throttling
// error and counts the attempts that cfg's retry settings give.
func TestNewFromConfigRetrySettings(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		maxAttempts  int
		mode         aws.RetryMode
		wantAttempts int64
		wantErr      string
	}{
		{name: "one attempt", maxAttempts: 1, wantAttempts: 1},
		{name: "one attempt in standard mode", maxAttempts: 1, mode: aws.RetryModeStandard, wantAttempts: 1},
		{name: "two attempts in adaptive mode", maxAttempts: 2, mode: aws.RetryModeAdaptive, wantAttempts: 2},
		{name: "zero is the default", maxAttempts: 0, wantAttempts: cwlogs.DefaultRetryMaxAttempts},
		{name: "five attempts", maxAttempts: 5, wantAttempts: 5},
		{name: "unknown mode", maxAttempts: 1, mode: "eager", wantErr: `cwlogs: aws.Config.RetryMode: unknown mode "eager", want "standard" or "adaptive"`},
		{name: "negative attempts", maxAttempts: -1, wantErr: "cwlogs: Options.RetryMaxAttempts is -1, want 0 or more"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var attempts atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				attempts.Add(1)
				w.Header().Set("X-Amzn-ErrorType", "ThrottlingException")
				w.WriteHeader(http.StatusBadRequest)
			}))
			t.Cleanup(srv.Close)
			cfg := aws.Config{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(), BaseEndpoint: aws.String(srv.URL),
				RetryMaxAttempts: tt.maxAttempts, RetryMode: tt.mode}
			c, err := cwlogs.NewFromConfig(cfg, func(o *cwlogs.Options) { o.RetryPolicy = fastRetry })
			var gotErr string
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff(tt.wantErr, gotErr); diff != "" {
				t.Fatalf("NewFromConfig error mismatch (-want +got):\n%s", diff)
			}
			if err != nil {
				return
			}
			if _, err := get(context.Background(), c, "x"); !errors.Is(err, cwlogs.ErrThrottling) {
				t.Fatalf("error = %v, want ErrThrottling", err)
			}
			if got := attempts.Load(); got != tt.wantAttempts {
				t.Errorf("attempts = %d, want %d", got, tt.wantAttempts)
			}
		})
	}
}

// recordHosts returns an HTTP client that fails every request, and a
// function that returns the hosts it was asked to send to.
func recordHosts() (cwlogs.HTTPClient, func() []string) {
	var mu sync.Mutex
	var hosts []string
	return doFunc(func(r *http.Request) (*http.Response, error) {
			mu.Lock()
			defer mu.Unlock()
			hosts = append(hosts, r.URL.Host)
			return nil, errors.New("not sent")
		}), func() []string {
			mu.Lock()
			defer mu.Unlock()
			return hosts
		}
}

// TestClientIsImmutable changes the BaseEndpoint string the client was made
// with in every way a caller can reach it: calls with and without options
// must still go to the first host, and the client print it.
func TestClientIsImmutable(t *testing.T) {
	t.Parallel()
	const first, other = "first.example:1", "other.example:2"
	tests := []struct {
		name string
		// change changes the string the caller gave New, through endpoint
		// or with a per-call option of a call on c.
		change func(t *testing.T, c *cwlogs.Client, endpoint *string)
	}{
		{"caller's string after New", func(t *testing.T, c *cwlogs.Client, endpoint *string) {
			*endpoint = "http://" + other
		}},
		{"per-call option writing through the pointer", func(t *testing.T, c *cwlogs.Client, endpoint *string) {
			_, _ = get(context.Background(), c, "x", func(o *cwlogs.Options) { *o.BaseEndpoint = "http://" + other })
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, hosts := recordHosts()
			endpoint := "http://" + first
			c, err := cwlogs.New(cwlogs.Options{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(),
				BaseEndpoint: &endpoint, HTTPClient: h, RetryMaxAttempts: 1})
			if err != nil {
				t.Fatal(err)
			}
			tt.change(t, c, &endpoint)
			before := len(hosts()) // the change's own call, if any
			_, _ = get(context.Background(), c, "x")
			_, _ = get(context.Background(), c, "x", func(o *cwlogs.Options) { o.AttemptTimeout = time.Minute })
			if diff := cmp.Diff([]string{first, first}, hosts()[before:]); diff != "" {
				t.Errorf("hosts sent to mismatch (-want +got):\n%s", diff)
			}
			if s := c.String(); !strings.Contains(s, first) || strings.Contains(s, other) {
				t.Errorf("client prints as %s, want the first host", s)
			}
		})
	}
	t.Run("option function of New", func(t *testing.T) {
		t.Parallel()
		endpoint := "http://" + first
		_, err := cwlogs.New(cwlogs.Options{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(), BaseEndpoint: &endpoint},
			func(o *cwlogs.Options) { *o.BaseEndpoint = "http://" + other })
		if err != nil || endpoint != "http://"+first {
			t.Errorf("New = %v; the caller's endpoint is now %q, want it unchanged", err, endpoint)
		}
	})
}

// TestClientNotMadeByNew calls a zero Client and a nil *Client: an error,
// not a panic.
func TestClientNotMadeByNew(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		client *cwlogs.Client
	}{
		{"zero Client", &cwlogs.Client{}},
		{"nil *Client", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			for _, opts := range [][]func(*cwlogs.Options){nil, {func(o *cwlogs.Options) { o.RetryMaxAttempts = 1 }}} {
				out, err := get(context.Background(), tt.client, "active", opts...)
				var got string
				if err != nil {
					got = err.Error()
				}
				if diff := cmp.Diff("cwlogs: GetIntegration: client not made by New", got); diff != "" || out != nil {
					t.Errorf("output %v, error mismatch (-want +got):\n%s", out, diff)
				}
			}
		})
	}
}
