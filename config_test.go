package cwlogs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// TestRedirectsAreNeverFollowedWhateverTheHTTPClient points clients made
// with each kind of HTTP client, each of which would follow a 307 on its
// own, at a server that redirects to another: the call fails with the
// redirect's status, nothing reaches the other server, and the caller's
// client is left as it was.
func TestRedirectsAreNeverFollowedWhateverTheHTTPClient(t *testing.T) {
	var reached atomic.Int64
	elsewhere := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached.Add(1) }))
	t.Cleanup(elsewhere.Close)
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+"/elsewhere", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirect.Close)

	var proxied atomic.Int64 // calls of the proxy function the caller set
	viaProxy := func(*http.Request) (*url.URL, error) { proxied.Add(1); return nil, nil }
	own := &http.Client{Timeout: time.Minute}
	following := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
	tests := []struct {
		name    string
		client  cwlogs.HTTPClient
		perCall bool // set by a per-call option instead of when the client is made
		proxied bool // the caller's proxy function must be used
	}{
		{name: "default", client: nil},
		{name: "NewHTTPClient", client: cwlogs.NewHTTPClient()},
		{name: "own http.Client", client: own},
		{name: "own http.Client that follows redirects", client: following},
		{name: "own http.Client per call", client: own, perCall: true},
		{name: "BuildableClient", client: awshttp.NewBuildableClient()},
		{name: "BuildableClient with transport options", client: awshttp.NewBuildableClient().
			WithTransportOptions(func(tr *http.Transport) { tr.Proxy = viaProxy }).WithTimeout(time.Minute), proxied: true},
		{name: "BuildableClient per call", client: awshttp.NewBuildableClient(), perCall: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reached.Store(0)
			proxied.Store(0)
			o := cwlogs.Options{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(),
				BaseEndpoint: aws.String(redirect.URL), RetryMaxAttempts: 1}
			var callOpts []func(*cwlogs.Options)
			if tt.perCall {
				callOpts = append(callOpts, func(o *cwlogs.Options) { o.HTTPClient = tt.client })
			} else {
				o.HTTPClient = tt.client
			}
			c, err := cwlogs.New(o)
			if err != nil {
				t.Fatal(err)
			}
			_, err = get(context.Background(), c, "active", callOpts...)
			var apiErr *cwlogs.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusTemporaryRedirect {
				t.Errorf("error = %v, want an APIError with status 307", err)
			}
			if n := reached.Load(); n != 0 {
				t.Errorf("%d requests reached the server redirected to, want none", n)
			}
			if got := proxied.Load() > 0; got != tt.proxied {
				t.Errorf("caller's proxy function used = %v, want %v", got, tt.proxied)
			}
		})
	}
	if own.CheckRedirect != nil || own.Timeout != time.Minute || following.CheckRedirect(nil, nil) != nil {
		t.Error("the caller's *http.Client was changed")
	}
}

// TestOwnHTTPClientKeepsItsTransport checks that the copy of a caller's
// *http.Client sends with the caller's transport.
func TestOwnHTTPClientKeepsItsTransport(t *testing.T) {
	t.Parallel()
	var used atomic.Int64
	own := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		used.Add(1)
		return nil, errors.New("offline")
	})}
	c, err := cwlogs.New(cwlogs.Options{Region: "us-east-1", Credentials: cwlogstest.Credentials(), HTTPClient: own, RetryMaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := get(context.Background(), c, "x"); err == nil || used.Load() != 1 {
		t.Errorf("error = %v and %d round trips, want the caller's transport used once", err, used.Load())
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

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

// TestBaseEndpointSecretsAreNeverShown makes clients with base endpoints
// that hold a secret where a user name, password, query or fragment would
// be, valid URLs or not, and looks for the secret in New's error, a
// per-call option's error, and the options printed with each verb and
// logged as JSON.
func TestBaseEndpointSecretsAreNeverShown(t *testing.T) {
	t.Parallel()
	// A secret split in two by a character that ends the user info in a
	// URL: neither half may show.
	const secret, half1, half2 = "CANARYpw7f3a", "CANARYa81c", "CANARYb92d"
	tests := []struct {
		name, endpoint string
		wantErr        string
	}{
		{"no scheme", "user:" + secret + "@host:4566", `cwlogs: Options.BaseEndpoint: "xxxxx@host:4566" is not an absolute http or https URL`},
		{"scheme without slashes", "http:user:" + secret + "@host", `cwlogs: Options.BaseEndpoint: "xxxxx@host" is not an absolute http or https URL`},
		{"user name only", secret + "@host", `cwlogs: Options.BaseEndpoint: "xxxxx@host" is not an absolute http or https URL`},
		{"password", "http://user:" + secret + "@host:4566", `cwlogs: Options.BaseEndpoint: "http://xxxxx@host:4566" must not hold a user name or password`},
		{"password with scheme ftp", "ftp://" + secret + "@host", `cwlogs: Options.BaseEndpoint: "ftp://xxxxx@host" must not hold a user name or password`},
		{"query", "http://host:4566/?token=" + secret, `cwlogs: Options.BaseEndpoint: "http://host:4566/?xxxxx" must not have a query or fragment`},
		{"fragment", "http://host:4566/#" + secret, `cwlogs: Options.BaseEndpoint: "http://host:4566/#xxxxx" must not have a query or fragment`},
		{"at sign in query", "http://host:4566/?a=b@" + secret, `cwlogs: Options.BaseEndpoint: "http://xxxxx@xxxxx" must not have a query or fragment`},
		{"fragment unparsable", "http://host:4566/#" + secret + "%zz", `cwlogs: Options.BaseEndpoint: "http://host:4566/#xxxxx" is not a URL`},
		{"slash in password", "http://user:" + half1 + "/" + half2 + "@host", `cwlogs: Options.BaseEndpoint: "http://xxxxx@host" is not a URL`},
		{"hash in password", "http://user:" + half1 + "#" + half2 + "@host", `cwlogs: Options.BaseEndpoint: "http://xxxxx@xxxxx" is not a URL`},
		{"question mark in password", "http://user:" + half1 + "?" + half2 + "@host", `cwlogs: Options.BaseEndpoint: "http://xxxxx@xxxxx" is not a URL`},
		{"unparsable host", "http://" + secret + "@[::1", `cwlogs: Options.BaseEndpoint: "http://xxxxx@[::1" is not a URL`},
		{"unparsable path", "http://" + secret + "@host/%zz", `cwlogs: Options.BaseEndpoint: "http://xxxxx@host/%zz" is not a URL`},
		{"control character", "http://" + secret + "@host:4566\n", `cwlogs: Options.BaseEndpoint: "http://xxxxx@host:4566\n" is not a URL`},
	}
	client, _ := newKitClient(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			o := cwlogs.Options{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(), BaseEndpoint: aws.String(tt.endpoint)}
			_, err := cwlogs.New(o)
			var gotErr string
			if err != nil {
				gotErr = err.Error()
			}
			if diff := cmp.Diff(tt.wantErr, gotErr); diff != "" {
				t.Errorf("New error mismatch (-want +got):\n%s", diff)
			}
			var printed bytes.Buffer
			_, err = get(context.Background(), client, "active", func(c *cwlogs.Options) { c.BaseEndpoint = aws.String(tt.endpoint) })
			fmt.Fprintf(&printed, "%v\n", err)
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
				fmt.Fprintf(&printed, verb+"\n", o)
				fmt.Fprintf(&printed, verb+"\n", &o)
			}
			if err := slog.NewJSONHandler(&printed, nil).Handle(context.Background(), optionsRecord(o)); err != nil {
				t.Errorf("slog: %v", err)
			}
			for _, s := range []string{secret, half1, half2} {
				if strings.Contains(printed.String(), s) {
					t.Errorf("%q was printed:\n%s", s, printed.String())
				}
			}
			if !strings.Contains(printed.String(), "xxxxx") {
				t.Errorf("the endpoint is not shown redacted:\n%s", printed.String())
			}
		})
	}
}

// optionsRecord returns a log record with o as its attribute "options".
func optionsRecord(o cwlogs.Options) slog.Record {
	r := slog.NewRecord(time.Time{}, slog.LevelInfo, "made a client", 0)
	r.AddAttrs(slog.Any("options", o))
	return r
}

// TestOptionsString checks every field that String and LogValue show, and
// that LogValue shows them as String does: slog's JSON handler, which
// cannot encode the Clock func, logs them without error.
func TestOptionsString(t *testing.T) {
	t.Parallel()
	const secret = "CANARY-secret-options"
	static := staticProvider{aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: secret, SessionToken: secret}}
	full := cwlogs.Options{
		Region:      "eu-west-1",
		Credentials: static,
		HTTPClient:  cwlogs.NewHTTPClient(),
		// BaseEndpoint and FIPS cannot be set together in a client, but
		// options are printed before they are checked.
		BaseEndpoint:     aws.String("http://user:" + secret + "@localhost:4566/x?k=" + secret),
		EndpointOptions:  cwlogs.EndpointOptions{UseFIPSEndpoint: aws.FIPSEndpointStateEnabled},
		MaxResponseBytes: 1 << 20,
		RetryMaxAttempts: 5,
		RetryPolicy:      cwlogs.StandardRetry{Base: time.Second},
		AttemptTimeout:   2 * time.Second,
		Clock:            time.Now,
		Logger:           slog.New(slog.DiscardHandler),
		TracerProvider:   tracing.NopTracerProvider{},
		MeterProvider:    metrics.NopMeterProvider{},
	}
	tests := []struct {
		name     string
		options  cwlogs.Options
		wantText string
		wantJSON map[string]any
	}{
		{
			name:    "full",
			options: full,
			wantText: `cwlogs.Options{Region: "eu-west-1", Credentials: cwlogs_test.staticProvider (redacted), HTTPClient: *http.Client, ` +
				`BaseEndpoint: "http://xxxxx@localhost:4566/x?xxxxx", FIPS: true, DualStack: false, MaxResponseBytes: 1048576, ` +
				`RetryMaxAttempts: 5, RetryPolicy: cwlogs.StandardRetry, AttemptTimeout: 2s, Clock: func() time.Time, Logger: *slog.Logger, ` +
				`TracerProvider: tracing.NopTracerProvider, MeterProvider: metrics.NopMeterProvider}`,
			wantJSON: map[string]any{"Region": "eu-west-1", "Credentials": "cwlogs_test.staticProvider (redacted)", "HTTPClient": "*http.Client",
				"BaseEndpoint": "http://xxxxx@localhost:4566/x?xxxxx", "FIPS": true, "DualStack": false, "MaxResponseBytes": float64(1 << 20),
				"RetryMaxAttempts": float64(5), "RetryPolicy": "cwlogs.StandardRetry", "AttemptTimeout": float64(2 * time.Second), "Clock": "func() time.Time",
				"Logger": "*slog.Logger", "TracerProvider": "tracing.NopTracerProvider", "MeterProvider": "metrics.NopMeterProvider"},
		},
		{
			name:    "zero",
			options: cwlogs.Options{},
			wantText: `cwlogs.Options{Region: "", Credentials: <nil>, HTTPClient: <nil>, BaseEndpoint: <nil>, FIPS: false, DualStack: false, ` +
				`MaxResponseBytes: 0, RetryMaxAttempts: 0, RetryPolicy: <nil>, AttemptTimeout: 0s, Clock: <nil>, Logger: <nil>, ` +
				`TracerProvider: <nil>, MeterProvider: <nil>}`,
			wantJSON: map[string]any{"Region": "", "Credentials": nil, "HTTPClient": nil, "BaseEndpoint": nil, "FIPS": false, "DualStack": false,
				"MaxResponseBytes": float64(0), "RetryMaxAttempts": float64(0), "RetryPolicy": nil, "AttemptTimeout": float64(0), "Clock": nil,
				"Logger": nil, "TracerProvider": nil, "MeterProvider": nil},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.wantText, tt.options.String()); diff != "" {
				t.Errorf("String mismatch (-want +got):\n%s", diff)
			}
			var buf bytes.Buffer
			if err := slog.NewJSONHandler(&buf, nil).Handle(context.Background(), optionsRecord(tt.options)); err != nil {
				t.Fatalf("slog JSON handler: %v", err)
			}
			var logged struct{ Options map[string]any }
			if err := json.Unmarshal(buf.Bytes(), &logged); err != nil {
				t.Fatalf("decode %s: %v", buf.Bytes(), err)
			}
			if diff := cmp.Diff(tt.wantJSON, logged.Options); diff != "" {
				t.Errorf("logged options mismatch (-want +got):\n%s", diff)
			}
			if strings.Contains(buf.String(), secret) {
				t.Errorf("the secret was logged: %s", buf.String())
			}
		})
	}
}
