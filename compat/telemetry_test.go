package compat_test

import (
	"context"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/smithy-go/metrics/smithyotelmetrics"
	"github.com/aws/smithy-go/tracing/smithyoteltracing"
	"github.com/google/go-cmp/cmp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// otelRecorder is OpenTelemetry's SDK with in-memory readers: every span
// ended and every metric collected, through smithy-go's adapters, as a
// team plugs OpenTelemetry into either client.
type otelRecorder struct {
	spans  *tracetest.SpanRecorder
	reader *sdkmetric.ManualReader
	tp     *sdktrace.TracerProvider
	mp     *sdkmetric.MeterProvider
}

func newOtelRecorder() *otelRecorder {
	r := &otelRecorder{spans: tracetest.NewSpanRecorder(), reader: sdkmetric.NewManualReader()}
	r.tp = sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(r.spans))
	r.mp = sdkmetric.NewMeterProvider(sdkmetric.WithReader(r.reader))
	return r
}

// opSpan is what both clients are expected to agree on of an operation's
// span.
type opSpan struct {
	Name   string
	Kind   trace.SpanKind
	Status codes.Code
	// Attrs are the rpc.*, api.error_* and error attributes.
	Attrs map[string]string
	// Keys are the exception.* attributes present (their values differ:
	// a Go type name, and the error's text in each client's words).
	Keys []string
}

// operationSpans returns the spans named "CloudWatch Logs.<op>", in the
// order they ended.
func (r *otelRecorder) operationSpans() []opSpan {
	var out []opSpan
	for _, s := range r.spans.Ended() {
		if !strings.HasPrefix(s.Name(), "CloudWatch Logs.") {
			continue
		}
		o := opSpan{Name: s.Name(), Kind: s.SpanKind(), Status: s.Status().Code, Attrs: map[string]string{}}
		for _, kv := range s.Attributes() {
			k := string(kv.Key)
			switch {
			case strings.HasPrefix(k, "rpc.") || strings.HasPrefix(k, "api.error_") || k == "error":
				o.Attrs[k] = kv.Value.Emit()
			case strings.HasPrefix(k, "exception."):
				o.Keys = append(o.Keys, k)
			}
		}
		sort.Strings(o.Keys)
		out = append(out, o)
	}
	return out
}

// metric is what both clients are expected to agree on of a metric.
type metric struct {
	Name, Unit, Kind string
	// Points are the data points: their attributes and, for a counter,
	// its value, for a histogram, its count.
	Points []string
}

// metrics collects the metrics named in names.
func (r *otelRecorder) metrics(t *testing.T, names []string) (map[string]metric, []string) {
	t.Helper()
	var rm metricdata.ResourceMetrics
	if err := r.reader.Collect(context.Background(), &rm); err != nil {
		t.Fatal(err)
	}
	got := map[string]metric{}
	var all []string
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			all = append(all, m.Name)
			if !slices.Contains(names, m.Name) {
				continue
			}
			out := metric{Name: m.Name, Unit: m.Unit}
			switch d := m.Data.(type) {
			case metricdata.Histogram[float64]:
				out.Kind = "histogram float64"
				for _, p := range d.DataPoints {
					out.Points = append(out.Points, attrText(p.Attributes)+" count="+itoa(int64(p.Count)))
				}
			case metricdata.Sum[int64]:
				out.Kind = "sum int64"
				if d.IsMonotonic {
					out.Kind += " monotonic"
				}
				for _, p := range d.DataPoints {
					out.Points = append(out.Points, attrText(p.Attributes)+" value="+itoa(p.Value))
				}
			default:
				out.Kind = "other"
			}
			sort.Strings(out.Points)
			got[m.Name] = out
		}
	}
	sort.Strings(all)
	return got, all
}

func attrText(set attribute.Set) string {
	var parts []string
	for _, kv := range set.ToSlice() {
		parts = append(parts, string(kv.Key)+"="+kv.Value.Emit())
	}
	return strings.Join(parts, ",")
}

func itoa(n int64) string { return attribute.Int64Value(n).Emit() }

// flakyTransport answers the first request with a 503, then as next does.
type flakyTransport struct {
	next   http.RoundTripper
	failed atomic.Bool
}

func (t *flakyTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if !t.failed.Swap(true) {
		if _, err := drain(req); err != nil {
			return nil, err
		}
		return newResponse(req, cwlogstest.ErrorResponse(503, "ServiceUnavailableException", "try again")), nil
	}
	return t.next.RoundTrip(req)
}

// dateNow answers as next does, dated now: the recorded responses carry
// the date they were recorded at, a skew that the official client takes
// AccessDeniedException as a sign of, and retries.
type dateNow struct{ next http.RoundTripper }

func (t dateNow) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err == nil {
		resp.Header.Set("Date", time.Now().UTC().Format(http.TimeFormat))
	}
	return resp, err
}

// TestTelemetryMatchesOfficial runs both clients, each with
// OpenTelemetry's SDK plugged in through smithy-go's adapters, over the
// same recorded responses. It compares the operation's span: name, kind,
// status, rpc.*, api.error_* and error, and which exception.* attributes
// are set. It compares the metrics client.call.duration,
// client.call.attempts, client.call.errors and client.call.attempt_duration:
// name, unit, kind, the attributes of each data point and its value or
// count. The official client's inner spans (its middleware steps), its
// other metrics and the values of exception.type and exception.message (a
// Go type name, and the error in each client's words) are not expected to
// match.
func TestTelemetryMatchesOfficial(t *testing.T) {
	t.Parallel()
	recorded := readRecorded(t)
	tests := []struct {
		name  string
		flaky bool // the first attempt answered 503
		names []string
	}{
		{name: "success", names: []string{cwlogstest.Active}},
		{name: "error of the service", names: []string{cwlogstest.ResourceNotFound}},
		{name: "error of the caller, and one of the service", names: []string{cwlogstest.AccessDenied, cwlogstest.ServiceUnavailable}},
		{name: "retried once, then success", flaky: true, names: []string{cwlogstest.Active}},
	}
	wanted := []string{"client.call.duration", "client.call.attempts", "client.call.errors", "client.call.attempt_duration"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			transport := func() http.RoundTripper {
				var rt http.RoundTripper = dateNow{byNameTransport{recorded}}
				if tt.flaky {
					rt = &flakyTransport{next: rt}
				}
				return rt
			}
			ours, official := newOtelRecorder(), newOtelRecorder()
			client, err := cwlogs.New(cwlogs.Options{
				Region:      region,
				Credentials: staticCredentials(),
				HTTPClient:  &http.Client{Transport: transport()},
				RetryPolicy: cwlogs.StandardRetry{Base: time.Millisecond, ThrottleBase: time.Millisecond, Cap: time.Millisecond},
			}, func(o *cwlogs.Options) {
				o.TracerProvider = smithyoteltracing.Adapt(ours.tp)
				o.MeterProvider = smithyotelmetrics.Adapt(ours.mp)
			})
			if err != nil {
				t.Fatal(err)
			}
			off := cloudwatchlogs.New(cloudwatchlogs.Options{
				Region:      region,
				Credentials: staticCredentials(),
				HTTPClient:  &http.Client{Transport: transport()},
				Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
					o.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return time.Millisecond, nil })
				}),
				TracerProvider: smithyoteltracing.Adapt(official.tp),
				MeterProvider:  smithyotelmetrics.Adapt(official.mp),
			})
			ctx := context.Background()
			for _, name := range tt.names {
				_, errOurs := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: name})
				_, errOfficial := off.GetIntegration(ctx, &cloudwatchlogs.GetIntegrationInput{IntegrationName: aws.String(name)})
				if (errOurs == nil) != (errOfficial == nil) {
					t.Fatalf("%s: cwlogs: %v; official: %v", name, errOurs, errOfficial)
				}
			}

			gotSpans, wantSpans := ours.operationSpans(), official.operationSpans()
			if len(wantSpans) != len(tt.names) {
				t.Fatalf("the official client made %d operation spans, want %d", len(wantSpans), len(tt.names))
			}
			if diff := cmp.Diff(wantSpans, gotSpans); diff != "" {
				t.Errorf("operation spans differ (-official +cwlogs):\n%s", diff)
			}
			gotMetrics, ourNames := ours.metrics(t, wanted)
			wantMetrics, officialNames := official.metrics(t, wanted)
			if len(wantMetrics) < 3 { // errors appear with the first error
				t.Fatalf("the official client recorded %v", officialNames)
			}
			if diff := cmp.Diff(wantMetrics, gotMetrics); diff != "" {
				t.Errorf("metrics differ (-official +cwlogs):\n%s", diff)
			}
			if extra := slices.DeleteFunc(slices.Clone(ourNames), func(n string) bool { return slices.Contains(wanted, n) }); len(extra) > 0 {
				t.Errorf("cwlogs recorded metrics the official client has no such name for: %v", extra)
			}
			t.Logf("metrics of the official client not compared: %v", slices.DeleteFunc(officialNames, func(n string) bool { return slices.Contains(wanted, n) }))
		})
	}
}
