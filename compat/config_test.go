package compat_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
)

// The tests of this file make clients the way the README recommends,
// config.LoadDefaultConfig and cwlogs.NewFromConfig, in an environment
// that holds fake static credentials, empty shared config files and no
// instance metadata, so that nothing is read from the machine or the
// network.

// fakeSessionToken is the session token of the environment the tests set.
const fakeSessionToken = "FAKE-session-token-4c1d"

// loadDefaultConfig loads the SDK's default config, with the service
// endpoint set to endpoint and the other variables in env.
func loadDefaultConfig(t *testing.T, endpoint string, env map[string]string) aws.Config {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"config", "credentials"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	vars := map[string]string{
		"AWS_ACCESS_KEY_ID":                "AKIDFAKE",
		"AWS_SECRET_ACCESS_KEY":            "FAKE-secret-key-9e2b",
		"AWS_SESSION_TOKEN":                fakeSessionToken,
		"AWS_REGION":                       "us-east-1",
		"AWS_CONFIG_FILE":                  filepath.Join(dir, "config"),
		"AWS_SHARED_CREDENTIALS_FILE":      filepath.Join(dir, "credentials"),
		"AWS_EC2_METADATA_DISABLED":        "true",
		"AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": endpoint,
		"AWS_PROFILE":                      "",
		"AWS_MAX_ATTEMPTS":                 "",
		"AWS_RETRY_MODE":                   "",
	}
	for k, v := range env {
		vars[k] = v
	}
	for k, v := range vars {
		t.Setenv(k, v)
	}
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// TestDefaultConfigRedirectIsNotFollowed answers a client made from the
// SDK's default config, whose HTTP client follows a 307, with a 307 to
// another server: the signed request, session token included, must not
// reach it, and the error carries the redirect's status.
func TestDefaultConfigRedirectIsNotFollowed(t *testing.T) {
	var reached atomic.Int64
	elsewhere := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached.Add(1) }))
	t.Cleanup(elsewhere.Close)
	var tokens atomic.Int64 // requests that carried the session token
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Amz-Security-Token") == fakeSessionToken {
			tokens.Add(1)
		}
		http.Redirect(w, r, elsewhere.URL+"/elsewhere", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirect.Close)

	cfg := loadDefaultConfig(t, redirect.URL, nil)
	client, err := cwlogs.NewFromConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "active"})
	var apiErr *cwlogs.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusTemporaryRedirect {
		t.Errorf("error = %v, want an APIError with status 307", err)
	}
	if tokens.Load() == 0 {
		t.Error("the request did not carry the session token, so the test shows nothing")
	}
	if n := reached.Load(); n != 0 {
		t.Errorf("%d requests reached the server redirected to, want none", n)
	}
}

// TestDefaultConfigRetrySettings answers every request with a throttling
// error and counts the attempts that AWS_MAX_ATTEMPTS and AWS_RETRY_MODE
// give through the SDK's default config.
func TestDefaultConfigRetrySettings(t *testing.T) {
	fast := func(o *cwlogs.Options) {
		o.RetryPolicy = cwlogs.StandardRetry{Base: time.Millisecond, ThrottleBase: time.Millisecond, Cap: time.Millisecond}
	}
	tests := []struct {
		name, maxAttempts, mode string
		want                    int64
	}{
		{name: "one attempt", maxAttempts: "1", want: 1},
		{name: "two attempts in adaptive mode", maxAttempts: "2", mode: "adaptive", want: 2},
		{name: "default", want: cwlogs.DefaultRetryMaxAttempts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var attempts atomic.Int64
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				attempts.Add(1)
				w.Header().Set("X-Amzn-ErrorType", "ThrottlingException")
				w.WriteHeader(http.StatusBadRequest)
			}))
			t.Cleanup(srv.Close)
			cfg := loadDefaultConfig(t, srv.URL, map[string]string{"AWS_MAX_ATTEMPTS": tt.maxAttempts, "AWS_RETRY_MODE": tt.mode})
			client, err := cwlogs.NewFromConfig(cfg, fast)
			if err != nil {
				t.Fatal(err)
			}
			_, err = client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "active"})
			if !errors.Is(err, cwlogs.ErrThrottling) {
				t.Fatalf("error = %v, want ErrThrottling", err)
			}
			if got := attempts.Load(); got != tt.want {
				t.Errorf("attempts = %d, want %d (AWS_MAX_ATTEMPTS=%q)", got, tt.want, tt.maxAttempts)
			}
		})
	}
}

// hostRecorder is a transport that records the URL of each request and
// sends none.
type hostRecorder struct{ urls []string }

func (r *hostRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	r.urls = append(r.urls, req.URL.Scheme+"://"+req.URL.Host)
	return nil, errors.New("not sent")
}

// TestDefaultConfigIgnoreConfiguredEndpoints sets the service endpoint in
// the environment or the shared config file, with
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the config file's
// ignore_configured_endpoint_urls, and checks that both clients, made
// from the same default config, send to the same place.
func TestDefaultConfigIgnoreConfiguredEndpoints(t *testing.T) {
	const endpoint, regional = "http://127.0.0.1:9", "https://logs.us-east-1.amazonaws.com"
	tests := []struct {
		name   string
		config string // the shared config file
		env    map[string]string
		want   string
	}{
		{name: "env endpoint", want: endpoint},
		{name: "env endpoint ignored by env", env: map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, want: regional},
		{name: "env endpoint not ignored by env", env: map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"}, want: endpoint},
		{name: "env endpoint ignored by config file", config: "[default]\nignore_configured_endpoint_urls = true\n", want: regional},
		{name: "config file false, env true", config: "[default]\nignore_configured_endpoint_urls = false\n",
			env: map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, want: regional},
		{name: "config file true, env false", config: "[default]\nignore_configured_endpoint_urls = true\n",
			env: map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "false"}, want: endpoint},
		{name: "config file service endpoint", config: "[default]\nservices = s\n[services s]\ncloudwatch_logs =\n  endpoint_url = " + endpoint + "\n",
			env: map[string]string{"AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": ""}, want: endpoint},
		{name: "config file service endpoint ignored", config: "[default]\nignore_configured_endpoint_urls = true\nservices = s\n" +
			"[services s]\ncloudwatch_logs =\n  endpoint_url = " + endpoint + "\n",
			env: map[string]string{"AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": ""}, want: regional},
		{name: "global config file endpoint ignored", config: "[default]\nignore_configured_endpoint_urls = true\nendpoint_url = " + endpoint + "\n",
			env: map[string]string{"AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": ""}, want: regional},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "", "AWS_ENDPOINT_URL": ""}
			if tt.config != "" {
				file := filepath.Join(t.TempDir(), "config")
				if err := os.WriteFile(file, []byte(tt.config), 0o600); err != nil {
					t.Fatal(err)
				}
				env["AWS_CONFIG_FILE"] = file
			}
			for k, v := range tt.env {
				env[k] = v
			}
			cfg := loadDefaultConfig(t, endpoint, env)
			for _, k := range []string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"} {
				if v, ok := env[k]; ok && v == "" {
					os.Unsetenv(k) // set, even empty, it counts as set
				}
			}
			var cw, official hostRecorder
			client, err := cwlogs.NewFromConfig(cfg, func(o *cwlogs.Options) {
				o.HTTPClient, o.RetryMaxAttempts = &http.Client{Transport: &cw}, 1
			})
			if err != nil {
				t.Fatal(err)
			}
			in := &cwlogs.GetIntegrationInput{IntegrationName: "x"}
			_, _ = client.GetIntegration(context.Background(), in)
			_, _ = cloudwatchlogs.NewFromConfig(cfg, func(o *cloudwatchlogs.Options) {
				o.HTTPClient, o.RetryMaxAttempts = &http.Client{Transport: &official}, 1
			}).GetIntegration(context.Background(), &cloudwatchlogs.GetIntegrationInput{IntegrationName: aws.String("x")})
			if diff := cmp.Diff([]string{tt.want}, official.urls); diff != "" {
				t.Errorf("official client sent to (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(official.urls, cw.urls); diff != "" {
				t.Errorf("cwlogs sent elsewhere than the official client (-official +cwlogs):\n%s", diff)
			}
		})
	}
}
