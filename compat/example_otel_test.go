package compat_test

// This example holds the README's OpenTelemetry snippet, word for word
// (TestREADMESnippets of the root package checks it): the OpenTelemetry
// SDK and smithy-go's adapters are modules that only this module may
// import.

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/metrics/smithyotelmetrics"
	"github.com/aws/smithy-go/tracing/smithyoteltracing"
	sdkmetric "go.opentelemetry.io/otel/sdk/metric"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// readmeOpenTelemetry is the README's OpenTelemetry snippet: a client made
// from cfg whose calls are traced by tp and measured by mp, OpenTelemetry
// SDK providers.
func readmeOpenTelemetry(ctx context.Context, cfg aws.Config, tp *sdktrace.TracerProvider, mp *sdkmetric.MeterProvider) error {
	client, err := cwlogs.NewFromConfig(cfg, func(o *cwlogs.Options) {
		o.TracerProvider = smithyoteltracing.Adapt(tp) // spans: "CloudWatch Logs.GetIntegration", its attempts, waits
		o.MeterProvider = smithyotelmetrics.Adapt(mp)  // client.call.duration, .attempts, .errors, .attempt_duration
	})
	if err != nil {
		return err
	}
	_, err = client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "my-integration"})
	return err
}

// A client traced and measured with OpenTelemetry's SDK, here with
// in-memory readers and the test kit's server in place of the service.
func Example_openTelemetry() {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	if err := srv.AddOutput(&cwlogs.GetIntegrationOutput{IntegrationName: "my-integration", IntegrationStatus: "ACTIVE"}); err != nil {
		fmt.Println(err)
		return
	}
	spans, reader := tracetest.NewSpanRecorder(), sdkmetric.NewManualReader()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(spans))
	mp := sdkmetric.NewMeterProvider(sdkmetric.WithReader(reader))
	cfg := aws.Config{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(), BaseEndpoint: aws.String(srv.URL)}

	ctx := context.Background()
	if err := readmeOpenTelemetry(ctx, cfg, tp, mp); err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range spans.Ended() {
		fmt.Println("span:", s.Name(), s.SpanKind())
	}
	var rm metricdata.ResourceMetrics
	if err := reader.Collect(ctx, &rm); err != nil {
		fmt.Println(err)
		return
	}
	var names []string
	for _, sm := range rm.ScopeMetrics {
		for _, m := range sm.Metrics {
			names = append(names, m.Name+" "+m.Unit)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Println("metric:", n)
	}
	// Output:
	// span: Attempt internal
	// span: CloudWatch Logs.GetIntegration client
	// metric: client.call.attempt_duration s
	// metric: client.call.attempts {attempt}
	// metric: client.call.duration s
}
