package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"
)

// This file makes the spans and metrics of Options.TracerProvider and
// Options.MeterProvider, with the names, kinds, units and attributes the
// official SDK's clients give them, so that dashboards and alerts built
// on the official client keep working:
//
//   - a span of kind client per call, named "CloudWatch Logs.<Operation>",
//     with rpc.system "aws-api", rpc.service "CloudWatch Logs" and
//     rpc.method; on failure exception.type, exception.message and, for an
//     error of the service, api.error_code, api.error_message and
//     api.error_fault; error (a bool) and the span's status either way;
//   - a child span "Attempt" per attempt (operation.attempt, the HTTP
//     status and the request id), so retries are seen;
//   - client.call.duration and client.call.attempt_duration (histograms,
//     in seconds), client.call.attempts and client.call.errors (counters;
//     the errors carry exception.type: the error code, else the Go type),
//     each with rpc.service and rpc.method.
//
// A client with neither provider has no telemetry value, and every hook
// returns at once without allocating.

// telemetryScope is the instrumentation scope of the client's tracer and
// meter: this package.
const telemetryScope = "github.com/cwlogs-go/cwlogs"

// Names of the attributes of spans and metrics.
const (
	attrRPCSystem        = "rpc.system"
	attrRPCService       = "rpc.service"
	attrRPCMethod        = "rpc.method"
	attrExceptionType    = "exception.type"
	attrExceptionMessage = "exception.message"
	attrAPIErrorCode     = "api.error_code"
	attrAPIErrorMessage  = "api.error_message"
	attrAPIErrorFault    = "api.error_fault"
	attrError            = "error"
	attrAttempt          = "operation.attempt"
	attrStatusCode       = "http.status_code"
	attrRequestID        = "aws.request_id"
	// attrConfirmed marks a call whose result was confirmed after an
	// attempt whose outcome was unknown (ResponseMetadata.Confirmed).
	attrConfirmed = "cwlogs.confirmed"
	// attrIntegration names the integration a waiter or EnsureIntegration
	// works on: the caller's input, never a response's.
	attrIntegration = "cwlogs.integration_name"
	// attrIntegrationArn names the S3 Table integration a source waiter
	// or EnsureS3TableIntegrationSource works on: the caller's input.
	attrIntegrationArn = "cwlogs.integration_arn"
)

// telemetry is what a client with Options.TracerProvider or
// Options.MeterProvider set makes its spans and metrics with. A client
// with neither has none (nil).
type telemetry struct {
	tracer tracing.Tracer // nil without a TracerProvider
	// The instruments, nil without a MeterProvider.
	callDuration    metrics.Float64Histogram
	attemptDuration metrics.Float64Histogram
	attempts        metrics.Int64Counter
	errors          metrics.Int64Counter
}

// newTelemetry returns the telemetry of the providers tp and mp, nil when
// neither is set (a no-op provider of smithy-go counts as not set). It
// reports a provider that is a nil pointer, and an instrument the meter
// refuses, naming the field.
func newTelemetry(tp tracing.TracerProvider, mp metrics.MeterProvider) (*telemetry, error) {
	tp, mp = tracerProviderOrNil(tp), meterProviderOrNil(mp)
	switch {
	case tp == nil && mp == nil:
		return nil, nil
	case isNilValue(tp):
		return nil, fmt.Errorf("cwlogs: Options.TracerProvider is a nil %T", tp)
	case isNilValue(mp):
		return nil, fmt.Errorf("cwlogs: Options.MeterProvider is a nil %T", mp)
	}
	t := &telemetry{}
	if tp != nil {
		t.tracer = tp.Tracer(telemetryScope)
	}
	if mp == nil {
		return t, nil
	}
	m := mp.Meter(telemetryScope)
	var err error
	histogram := func(name, desc string) metrics.Float64Histogram {
		if err != nil {
			return nil
		}
		var h metrics.Float64Histogram
		h, err = m.Float64Histogram(name, instrument("s", desc))
		if err != nil {
			err = fmt.Errorf("cwlogs: Options.MeterProvider: instrument %s: %w", name, err)
		}
		return h
	}
	counter := func(name, unit, desc string) metrics.Int64Counter {
		if err != nil {
			return nil
		}
		var c metrics.Int64Counter
		c, err = m.Int64Counter(name, instrument(unit, desc))
		if err != nil {
			err = fmt.Errorf("cwlogs: Options.MeterProvider: instrument %s: %w", name, err)
		}
		return c
	}
	t.callDuration = histogram("client.call.duration",
		"Overall call duration (including retries and time to send or receive request and response body)")
	t.attempts = counter("client.call.attempts", "{attempt}", "The number of attempts for an individual operation")
	t.errors = counter("client.call.errors", "{error}", "The number of errors for an operation")
	t.attemptDuration = histogram("client.call.attempt_duration",
		"The time an attempt takes: to sign the request, send it, and read the response")
	if err != nil {
		return nil, err
	}
	return t, nil
}

// tracerProviderOrNil returns p, or nil when p is nil or smithy-go's no-op
// provider.
func tracerProviderOrNil(p tracing.TracerProvider) tracing.TracerProvider {
	switch p.(type) {
	case nil, tracing.NopTracerProvider, *tracing.NopTracerProvider:
		return nil
	}
	return p
}

// meterProviderOrNil returns p, or nil when p is nil or smithy-go's no-op
// provider.
func meterProviderOrNil(p metrics.MeterProvider) metrics.MeterProvider {
	switch p.(type) {
	case nil, metrics.NopMeterProvider, *metrics.NopMeterProvider:
		return nil
	}
	return p
}

// instrument returns the option that sets an instrument's unit and
// description.
func instrument(unit, desc string) metrics.InstrumentOption {
	return func(o *metrics.InstrumentOptions) { o.UnitLabel, o.Description = unit, desc }
}

// operationProperties returns the option that gives a measurement the
// attributes of the operation op.
func operationProperties(op string) metrics.RecordMetricOption {
	return func(o *metrics.RecordMetricOptions) {
		o.Properties.Set(attrRPCService, serviceSDKID)
		o.Properties.Set(attrRPCMethod, op)
	}
}

// callTelemetry is the telemetry of one call: its span and its start. The
// zero value, that of a client without telemetry, does nothing.
type callTelemetry struct {
	t     *telemetry
	op    string
	now   func() time.Time
	start time.Time
	span  tracing.Span // nil without a tracer
}

// startCall starts the telemetry of a call of op: its span, in the
// context returned, which the call's attempts, checks and log records
// use. Without telemetry it returns ctx as it is.
func (c *Client) startCall(ctx context.Context, op string) (context.Context, callTelemetry) {
	t := c.r.tel
	if t == nil {
		return ctx, callTelemetry{}
	}
	ct := callTelemetry{t: t, op: op, now: c.r.now, start: c.r.now()}
	if t.tracer != nil {
		ctx, ct.span = t.tracer.StartSpan(ctx, serviceSDKID+"."+op, func(o *tracing.SpanOptions) {
			o.Kind = tracing.SpanKindClient
			o.Properties.Set(attrRPCSystem, "aws-api")
			o.Properties.Set(attrRPCMethod, op)
			o.Properties.Set(attrRPCService, serviceSDKID)
		})
	}
	return ctx, ct
}

// end ends the call's span with its outcome, and records its duration.
func (ct *callTelemetry) end(ctx context.Context, meta ResponseMetadata, err error) {
	if ct.t == nil {
		return
	}
	if s := ct.span; s != nil {
		if err != nil {
			s.SetProperty(attrExceptionType, fmt.Sprintf("%T", err))
			s.SetProperty(attrExceptionMessage, err.Error())
			var apiErr smithy.APIError
			if errors.As(err, &apiErr) {
				s.SetProperty(attrAPIErrorCode, apiErr.ErrorCode())
				s.SetProperty(attrAPIErrorMessage, apiErr.ErrorMessage())
				s.SetProperty(attrAPIErrorFault, apiErr.ErrorFault().String())
			}
		}
		if meta.Confirmed {
			s.SetProperty(attrConfirmed, true)
		}
		endSpan(s, err)
	}
	if h := ct.t.callDuration; h != nil {
		h.Record(ctx, ct.now().Sub(ct.start).Seconds(), operationProperties(ct.op))
	}
}

// endSpan sets the status and the error attribute of span, whose work
// ended with err, and ends it.
func endSpan(span tracing.Span, err error) {
	span.SetProperty(attrError, err != nil)
	if err != nil {
		span.SetStatus(tracing.SpanStatusError)
	} else {
		span.SetStatus(tracing.SpanStatusOK)
	}
	span.End()
}

// attemptTelemetry is the telemetry of one attempt. The zero value does
// nothing.
type attemptTelemetry struct {
	t     *telemetry
	now   func() time.Time
	start time.Time
	span  tracing.Span
}

// startAttempt starts the telemetry of attempt number n of a call of op,
// made with ctx, the call's context (with the call's span): it counts
// the attempt and starts its span, in the context returned, which the
// attempt's request is sent with. Without telemetry it returns ctx as it
// is.
func (c *Client) startAttempt(ctx context.Context, op string, n int) (context.Context, attemptTelemetry) {
	t := c.r.tel
	if t == nil {
		return ctx, attemptTelemetry{}
	}
	if t.attempts != nil {
		t.attempts.Add(ctx, 1, operationProperties(op))
	}
	at := attemptTelemetry{t: t, now: c.r.now, start: c.r.now()}
	if t.tracer != nil {
		ctx, at.span = t.tracer.StartSpan(ctx, "Attempt", func(o *tracing.SpanOptions) {
			o.Properties.Set(attrAttempt, n)
		})
	}
	return ctx, at
}

// end ends the attempt a of a call of op, which failed with err if not
// nil: it records the attempt's duration and error, and ends its span.
// ctx is the call's context.
func (at *attemptTelemetry) end(ctx context.Context, op string, a attempt, err error) {
	if at.t == nil {
		return
	}
	var apiErr smithy.APIError
	isAPIErr := err != nil && errors.As(err, &apiErr)
	if h := at.t.attemptDuration; h != nil {
		h.Record(ctx, at.now().Sub(at.start).Seconds(), operationProperties(op))
	}
	if c := at.t.errors; c != nil && err != nil {
		kind := fmt.Sprintf("%T", err)
		if isAPIErr {
			kind = apiErr.ErrorCode()
		}
		c.Add(ctx, 1, operationProperties(op), func(o *metrics.RecordMetricOptions) {
			o.Properties.Set(attrExceptionType, kind)
		})
	}
	s := at.span
	if s == nil {
		return
	}
	if a.meta.StatusCode != 0 {
		s.SetProperty(attrStatusCode, a.meta.StatusCode)
	}
	if a.meta.RequestID != "" {
		s.SetProperty(attrRequestID, a.meta.RequestID)
	}
	if err != nil {
		s.SetProperty(attrExceptionType, fmt.Sprintf("%T", err))
		s.SetProperty(attrExceptionMessage, err.Error())
		if isAPIErr {
			s.SetProperty(attrAPIErrorCode, apiErr.ErrorCode())
		}
	}
	endSpan(s, err)
}

// taskSpan is the span of work made of several calls, such as a waiter's
// wait: the calls' spans are its children. The zero value does nothing.
type taskSpan struct{ span tracing.Span }

// startTaskSpan starts a span named name for work on the integration
// integration (none when empty) made of calls of api with optFns, when api is a [*Client]
// with a TracerProvider (as optFns leave it): the calls' spans are its
// children through the context returned. Otherwise it returns ctx as it
// is.
func startTaskSpan(ctx context.Context, api any, optFns []func(*Options), name, integration string) (context.Context, taskSpan) {
	tracer := tracerOf(api, optFns)
	if tracer == nil {
		return ctx, taskSpan{}
	}
	ctx, span := tracer.StartSpan(ctx, name, func(o *tracing.SpanOptions) {
		if integration != "" {
			o.Properties.Set(attrIntegration, integration)
		}
	})
	return ctx, taskSpan{span}
}

// tracerOf returns the tracer that the calls of api made with optFns
// trace to: that of a [*Client]'s TracerProvider, as optFns leave it, or
// nil for a client without one and for any other implementation.
func tracerOf(api any, optFns []func(*Options)) tracing.Tracer {
	c, ok := api.(*Client)
	if !ok || c == nil {
		return nil
	}
	if len(optFns) == 0 {
		if c.r.tel == nil {
			return nil
		}
		return c.r.tel.tracer
	}
	tp := tracerProviderOrNil(c.callOptions(optFns).TracerProvider)
	if tp == nil || isNilValue(tp) {
		return nil
	}
	return tp.Tracer(telemetryScope)
}

// set sets a property of the span.
func (s taskSpan) set(key string, value any) {
	if s.span != nil {
		s.span.SetProperty(key, value)
	}
}

// poll adds to the span the event of poll p of an integration waiter.
func (s taskSpan) poll(p WaitPoll) {
	var status *IntegrationStatus
	if p.Output != nil {
		status = &p.Output.IntegrationStatus
	}
	addPollEvent(s, p.Attempt, p.Next, p.Err, "cwlogs.integration_status", status)
}

// sourcePoll adds to the span the event of poll p of an S3 Table
// integration source waiter.
func (s taskSpan) sourcePoll(p S3TableIntegrationSourceWaitPoll) {
	var status *S3TableIntegrationSourceStatus
	if p.Source != nil {
		status = &p.Source.Status
	}
	addPollEvent(s, p.Attempt, p.Next, p.Err, "cwlogs.source_status", status)
}

// addPollEvent adds to s the event of a poll: its number, the delay after
// it, whether it failed and its error code, and under key the status
// seen, if any. The status is given only when it is one this package
// knows: any other value comes from a response, which may echo anything,
// even a credential.
func addPollEvent[S interface {
	~string
	Values() []S
}](s taskSpan, attempt int, next time.Duration, err error, key string, status *S) {
	if s.span == nil {
		return
	}
	s.span.AddEvent("poll", func(o *tracing.EventOptions) {
		o.Properties.Set("cwlogs.poll.attempt", attempt)
		o.Properties.Set("cwlogs.poll.next_delay", next.Seconds())
		if status != nil {
			known := "other"
			if slices.Contains((*status).Values(), *status) {
				known = string(*status)
			}
			o.Properties.Set(key, known)
		}
		o.Properties.Set(attrError, err != nil)
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			o.Properties.Set(attrAPIErrorCode, apiErr.Code)
		}
	})
}

// end ends the span of work that ended with err. The error's type and
// code are given, not its text, which may quote a response.
func (s taskSpan) end(err error) {
	if s.span == nil {
		return
	}
	if err != nil {
		s.span.SetProperty(attrExceptionType, fmt.Sprintf("%T", err))
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			s.span.SetProperty(attrAPIErrorCode, apiErr.Code)
		}
	}
	endSpan(s.span, err)
}
