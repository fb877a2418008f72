package cwlogs

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"
)

// TestTelemetryHooksCostNothingWhenUnset checks that the hooks of the
// request path allocate nothing for a client with neither provider, or
// with smithy-go's no-op providers, on success and on failure: telemetry
// that is not asked for adds no allocation to a call.
// (TestTelemetryCostsNothingWhenUnset compares whole calls.)
func TestTelemetryHooksCostNothingWhenUnset(t *testing.T) {
	failed := errors.New("failed")
	for _, tt := range []struct {
		name string
		set  func(*Options)
	}{
		{"no providers", func(*Options) {}},
		{"no-op providers", func(o *Options) {
			o.TracerProvider, o.MeterProvider = tracing.NopTracerProvider{}, metrics.NopMeterProvider{}
		}},
		{"no-op provider pointers", func(o *Options) {
			o.TracerProvider, o.MeterProvider = &tracing.NopTracerProvider{}, &metrics.NopMeterProvider{}
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := New(Options{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}}, tt.set)
			if err != nil {
				t.Fatal(err)
			}
			if c.r.tel != nil {
				t.Fatal("the client has telemetry")
			}
			ctx := context.Background()
			for _, err := range []error{nil, failed} {
				got := testing.AllocsPerRun(100, func() {
					cctx, call := c.startCall(ctx, "GetIntegration")
					actx, at := c.startAttempt(cctx, "GetIntegration", 1)
					at.end(cctx, "GetIntegration", attempt{}, err)
					call.end(cctx, ResponseMetadata{}, err)
					wctx, span := startTaskSpan(actx, c, nil, "IntegrationActiveWaiter.Wait", "x")
					span.poll(WaitPoll{Attempt: 1, Err: err})
					span.end(err)
					if wctx != ctx {
						t.Fatal("the context changed")
					}
				})
				if got != 0 {
					t.Errorf("the hooks make %v allocations (error %v), want 0", got, err)
				}
			}
		})
	}
}
