package cwlogs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

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
		{"at sign in password", "http://user:" + half1 + "@" + half2 + "@host", `cwlogs: Options.BaseEndpoint: "http://xxxxx@host" must not hold a user name or password`},
		{"at signs in user and password", "http://" + half1 + "@:" + half2 + "@x@host:1", `cwlogs: Options.BaseEndpoint: "http://xxxxx@host:1" must not hold a user name or password`},
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
