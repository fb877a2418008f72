package cwlogs_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// withTelemetry sets both providers of the options to rec.
func withTelemetry(rec *telemetryRecorder) func(*cwlogs.Options) {
	return func(o *cwlogs.Options) { o.TracerProvider, o.MeterProvider = rec, rec }
}

// stringProps returns the properties of a span as strings, for cmp.
func stringProps(s *recSpan) map[string]string {
	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	m := map[string]string{}
	for k, v := range s.props {
		m[fmt.Sprint(k)] = fmt.Sprint(v)
	}
	return m
}

// TestTelemetryCallSpans checks the spans of calls: one of kind client per
// call with the official client's name and attributes, a child per
// attempt, and the GetIntegration that confirms a create as a child of
// the create's span.
func TestTelemetryCallSpans(t *testing.T) {
	t.Parallel()
	const (
		Get = cwlogstest.GetIntegration
		Put = cwlogstest.PutIntegration
	)
	callProps := func(op string, extra map[string]string) map[string]string {
		m := map[string]string{"rpc.system": "aws-api", "rpc.service": "CloudWatch Logs", "rpc.method": op}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name  string
		setup func(srv *cwlogstest.Server)
		call  func(ctx context.Context, c *cwlogs.Client) error

		wantTree []string
		// wantCall are the properties of the first call span; "<err>"
		// stands for the text of the error the call returned.
		wantCall    map[string]string
		wantKind    tracing.SpanKind
		wantAttempt []map[string]string // the properties of the call's attempts
	}{
		{
			name: "success",
			call: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := get(ctx, c, cwlogstest.Active)
				return err
			},
			wantTree: []string{"CloudWatch Logs.GetIntegration", "  Attempt"},
			wantCall: callProps("GetIntegration", map[string]string{"error": "false"}),
			wantAttempt: []map[string]string{
				{"operation.attempt": "1", "http.status_code": "200", "aws.request_id": "4f0c9a27-6e3b-4d81-9b52-0e7a3c5d18f4", "error": "false"},
			},
		},
		{
			name: "error of the service",
			call: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := get(ctx, c, cwlogstest.ResourceNotFound)
				return err
			},
			wantTree: []string{"CloudWatch Logs.GetIntegration !", "  Attempt !"},
			wantCall: callProps("GetIntegration", map[string]string{"error": "true",
				"exception.type": "*cwlogs.APIError", "exception.message": "<err>",
				"api.error_code": "ResourceNotFoundException", "api.error_message": "Integration resource-not-found does not exist.",
				"api.error_fault": "client"}),
		},
		{
			name:  "retried",
			setup: func(srv *cwlogstest.Server) { srv.FailNext(Get, 1, 503, "ServiceUnavailableException", "try again") },
			call: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := get(ctx, c, cwlogstest.Active)
				return err
			},
			wantTree: []string{"CloudWatch Logs.GetIntegration", "  Attempt !", "  Attempt"},
			wantCall: callProps("GetIntegration", map[string]string{"error": "false"}),
		},
		{
			name:  "a create confirmed by a child GetIntegration",
			setup: func(srv *cwlogstest.Server) { srv.BreakNext(Put, 1) },
			call: func(ctx context.Context, c *cwlogs.Client) error {
				out, err := c.PutIntegration(ctx, kitPut("traced"))
				if err == nil && !out.ResultMetadata.Confirmed {
					return errors.New("not confirmed")
				}
				return err
			},
			wantTree: []string{"CloudWatch Logs.PutIntegration", "  Attempt !", "  Attempt !",
				"  CloudWatch Logs.GetIntegration", "    Attempt"},
			wantCall: callProps("PutIntegration", map[string]string{"error": "false", "cwlogs.confirmed": "true"}),
		},
		{
			// The kit's delete is not instant: the check finds the
			// integration still there, and the outcome is unknown.
			name:  "a delete checked by a child GetIntegration",
			setup: func(srv *cwlogstest.Server) { srv.BreakNext(cwlogstest.DeleteIntegration, 3) },
			call: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := c.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: cwlogstest.Active})
				if !errors.Is(err, cwlogs.ErrOutcomeUnknown) {
					return fmt.Errorf("err = %v, want ErrOutcomeUnknown", err)
				}
				return err
			},
			wantTree: []string{"CloudWatch Logs.DeleteIntegration !", "  Attempt !", "  Attempt !", "  Attempt !",
				"  CloudWatch Logs.GetIntegration", "    Attempt"},
			wantCall: callProps("DeleteIntegration", map[string]string{"error": "true",
				"exception.type": "*cwlogs.OutcomeUnknownError", "exception.message": "<err>"}),
		},
		{
			name:  "an association confirmed by a child listing",
			setup: func(srv *cwlogstest.Server) { srv.BreakNext(cwlogstest.AssociateSourceToS3TableIntegration, 1) },
			call: func(ctx context.Context, c *cwlogs.Client) error {
				out, err := c.AssociateSourceToS3TableIntegration(ctx, kitSourceInput(kitEKSAudit))
				if err == nil && !out.ResultMetadata.Confirmed {
					return errors.New("not confirmed")
				}
				return err
			},
			wantTree: []string{"CloudWatch Logs.AssociateSourceToS3TableIntegration", "  Attempt !",
				"  CloudWatch Logs.ListSourcesForS3TableIntegration", "    Attempt"},
			wantCall: callProps("AssociateSourceToS3TableIntegration", map[string]string{"error": "false", "cwlogs.confirmed": "true"}),
		},
		{
			name:  "retries exhausted",
			setup: func(srv *cwlogstest.Server) { srv.FailNext(Get, 3, 400, "ThrottlingException", "slow down") },
			call: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := get(ctx, c, cwlogstest.Active)
				return err
			},
			wantTree: []string{"CloudWatch Logs.GetIntegration !", "  Attempt !", "  Attempt !", "  Attempt !"},
			wantCall: callProps("GetIntegration", map[string]string{"error": "true",
				"exception.type": "*cwlogs.AttemptsError", "exception.message": "<err>",
				"api.error_code": "ThrottlingException", "api.error_message": "slow down", "api.error_fault": "client"}),
			wantAttempt: []map[string]string{
				{"operation.attempt": "1", "http.status_code": "400", "aws.request_id": "00000000-0000-4000-8000-000000000001", "error": "true",
					"exception.type": "*cwlogs.APIError", "api.error_code": "ThrottlingException",
					"exception.message": "cwlogs: GetIntegration: ThrottlingException: slow down (status 400, request id 00000000-0000-4000-8000-000000000001)"},
				{"operation.attempt": "2", "http.status_code": "400", "aws.request_id": "00000000-0000-4000-8000-000000000002", "error": "true",
					"exception.type": "*cwlogs.APIError", "api.error_code": "ThrottlingException",
					"exception.message": "cwlogs: GetIntegration: ThrottlingException: slow down (status 400, request id 00000000-0000-4000-8000-000000000002)"},
				{"operation.attempt": "3", "http.status_code": "400", "aws.request_id": "00000000-0000-4000-8000-000000000003", "error": "true",
					"exception.type": "*cwlogs.APIError", "api.error_code": "ThrottlingException",
					"exception.message": "cwlogs: GetIntegration: ThrottlingException: slow down (status 400, request id 00000000-0000-4000-8000-000000000003)"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rec := newTelemetryRecorder()
			client, srv := newKitClient(t, withTelemetry(rec))
			if tt.setup != nil {
				tt.setup(srv)
			}
			err := tt.call(context.Background(), client)
			if diff := cmp.Diff(tt.wantTree, rec.tree()); diff != "" {
				t.Errorf("span tree mismatch (-want +got):\n%s", diff)
			}
			calls := rec.named("CloudWatch Logs." + tt.wantCall["rpc.method"])
			if len(calls) == 0 {
				t.Fatalf("no call span; err: %v", err)
			}
			call := calls[0]
			want := tt.wantCall
			if want["exception.message"] == "<err>" {
				if err == nil {
					t.Fatal("the call succeeded, want an error")
				}
				want["exception.message"] = err.Error()
			}
			if diff := cmp.Diff(want, stringProps(call)); diff != "" {
				t.Errorf("call span properties mismatch (-want +got):\n%s", diff)
			}
			if call.kind != tracing.SpanKindClient {
				t.Errorf("call span kind %v, want client (%v)", call.kind, tracing.SpanKindClient)
			}
			wantStatus := tracing.SpanStatusOK
			if err != nil {
				wantStatus = tracing.SpanStatusError
			}
			if call.status != wantStatus || call.ended != 1 {
				t.Errorf("call span status %v, ended %d times; want %v, once", call.status, call.ended, wantStatus)
			}
			if tt.wantAttempt != nil {
				var got []map[string]string
				for _, s := range rec.named("Attempt") {
					if s.parent == call {
						got = append(got, stringProps(s))
					}
				}
				if diff := cmp.Diff(tt.wantAttempt, got); diff != "" {
					t.Errorf("attempt spans mismatch (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// steppingHTTPClient moves a fake clock on by step for every request it
// sends, as if each took that long.
type steppingHTTPClient struct {
	next  cwlogs.HTTPClient
	clock *fakeTime
	step  time.Duration
}

func (c steppingHTTPClient) Do(r *http.Request) (*http.Response, error) {
	c.clock.advance(c.step)
	return c.next.Do(r)
}

// fakeTime is a clock that moves only when told.
type fakeTime struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeTime) now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

func (f *fakeTime) advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
}

// TestTelemetryMetrics checks the instruments (names, kinds, units) and
// the measurements of a call retried once, on a fake clock that each
// request moves by 250 ms.
func TestTelemetryMetrics(t *testing.T) {
	t.Parallel()
	rec := newTelemetryRecorder()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
		t.Fatal(err)
	}
	clock := &fakeTime{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	srv.SetClock(clock.now)
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
		o.MeterProvider = rec
		o.Clock = clock.now
		o.HTTPClient = steppingHTTPClient{next: o.HTTPClient, clock: clock, step: 250 * time.Millisecond}
	})
	if err != nil {
		t.Fatal(err)
	}
	srv.FailNext(cwlogstest.GetIntegration, 1, 503, "ServiceUnavailableException", "")
	if _, err := get(context.Background(), client, cwlogstest.Active); err != nil {
		t.Fatal(err)
	}
	if _, err := get(context.Background(), client, cwlogstest.ResourceNotFound); !errors.Is(err, cwlogs.ErrResourceNotFound) {
		t.Fatalf("err = %v, want ErrResourceNotFound", err)
	}

	type instrument struct{ Kind, Unit string }
	gotInstruments := map[string]instrument{}
	for name, in := range rec.instruments {
		gotInstruments[name] = instrument{in.kind, in.unit}
	}
	wantInstruments := map[string]instrument{
		"client.call.duration":         {"Float64Histogram", "s"},
		"client.call.attempt_duration": {"Float64Histogram", "s"},
		"client.call.attempts":         {"Int64Counter", "{attempt}"},
		"client.call.errors":           {"Int64Counter", "{error}"},
	}
	if diff := cmp.Diff(wantInstruments, gotInstruments); diff != "" {
		t.Errorf("instruments mismatch (-want +got):\n%s", diff)
	}

	op := map[any]any{"rpc.service": "CloudWatch Logs", "rpc.method": "GetIntegration"}
	type m = map[any]any
	withType := func(code string) m {
		return m{"rpc.service": "CloudWatch Logs", "rpc.method": "GetIntegration", "exception.type": code}
	}
	values := func(name string) []any {
		var out []any
		for _, v := range rec.measurements(name) {
			out = append(out, []any{v.value, v.props})
		}
		return out
	}
	tests := []struct {
		name string
		want []any
	}{
		// The first call: an attempt answered 503, one answered 200; the
		// second: one attempt answered 400.
		{"client.call.duration", []any{[]any{0.5, op}, []any{0.25, op}}},
		{"client.call.attempt_duration", []any{[]any{0.25, op}, []any{0.25, op}, []any{0.25, op}}},
		{"client.call.attempts", []any{[]any{int64(1), op}, []any{int64(1), op}, []any{int64(1), op}}},
		{"client.call.errors", []any{[]any{int64(1), withType("ServiceUnavailableException")}, []any{int64(1), withType("ResourceNotFoundException")}}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, values(tt.name)); diff != "" {
			t.Errorf("%s measurements mismatch (-want +got):\n%s", tt.name, diff)
		}
	}
	if diff := cmp.Diff([]string{"meter github.com/cwlogs-go/cwlogs"}, rec.scopes); diff != "" {
		t.Errorf("scopes mismatch (-want +got):\n%s", diff)
	}
}

// TestTelemetryWaiterSpans checks that a wait is a span whose children
// are its polls' calls, with an event per poll.
func TestTelemetryWaiterSpans(t *testing.T) {
	t.Parallel()
	rec := newTelemetryRecorder()
	client, srv := newKitClient(t, withTelemetry(rec))
	if err := srv.SetLifecycle("waited", cwlogstest.Lifecycle{Polls: 2}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := client.PutIntegration(ctx, kitPut("waited")); err != nil {
		t.Fatal(err)
	}
	err := cwlogs.NewIntegrationActiveWaiter(client, func(o *cwlogs.IntegrationActiveWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
	}).Wait(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "waited"}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	err = cwlogs.NewIntegrationDeletedWaiter(client, func(o *cwlogs.IntegrationDeletedWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
	}).Wait(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "waited"}, 50*time.Millisecond)
	if !errors.Is(err, cwlogs.ErrWaitTimeout) {
		t.Fatalf("deleted waiter: %v, want ErrWaitTimeout", err)
	}
	tree := rec.tree()
	wantStart := []string{
		"CloudWatch Logs.PutIntegration", "  Attempt",
		"IntegrationActiveWaiter.Wait",
		"  CloudWatch Logs.GetIntegration", "    Attempt",
		"  CloudWatch Logs.GetIntegration", "    Attempt",
		"  CloudWatch Logs.GetIntegration", "    Attempt",
		"IntegrationDeletedWaiter.Wait !",
	}
	if len(tree) < len(wantStart) {
		t.Fatalf("span tree %q, want it to start with %q", tree, wantStart)
	}
	if diff := cmp.Diff(wantStart, tree[:len(wantStart)]); diff != "" {
		t.Errorf("span tree mismatch (-want +got):\n%s", diff)
	}
	wait := rec.named("IntegrationActiveWaiter.Wait")[0]
	var events []string
	for _, e := range wait.events {
		events = append(events, fmt.Sprintf("%s %v %v", e.name, e.props["cwlogs.poll.attempt"], e.props["cwlogs.integration_status"]))
	}
	if diff := cmp.Diff([]string{"poll 1 PROVISIONING", "poll 2 PROVISIONING", "poll 3 ACTIVE"}, events); diff != "" {
		t.Errorf("poll events mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]string{"cwlogs.integration_name": "waited", "error": "false"}, stringProps(wait)); diff != "" {
		t.Errorf("wait span properties mismatch (-want +got):\n%s", diff)
	}
	deleted := rec.named("IntegrationDeletedWaiter.Wait")[0]
	if got := stringProps(deleted)["exception.type"]; got != "*cwlogs.WaitError" {
		t.Errorf("deleted waiter's exception.type = %q, want *cwlogs.WaitError", got)
	}
}

// TestTelemetrySourceWaiterSpans checks the span of a wait for an S3 Table
// integration source: its listings are its children, it names the
// integration's ARN and the source, and each poll is an event with the
// source's status when the package knows it ("other" otherwise).
func TestTelemetrySourceWaiterSpans(t *testing.T) {
	t.Parallel()
	rec := newTelemetryRecorder()
	client, srv := newKitClient(t, withTelemetry(rec))
	const arn = cwlogstest.S3TableIntegrationArn
	eks := cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}
	if err := srv.SetSourceLifecycle(eks, cwlogstest.SourceLifecycle{Polls: 1}); err != nil {
		t.Fatal(err)
	}
	odd, err := srv.SeedS3TableSource(arn, cwlogs.S3TableIntegrationSource{DataSource: cwlogs.DataSource{Name: "odd"}, Status: "AKIDSECRETLOOKING"})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	assoc, err := client.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{IntegrationArn: arn, DataSource: eks})
	if err != nil {
		t.Fatal(err)
	}
	err = cwlogs.NewS3TableIntegrationSourceActiveWaiter(client, func(o *cwlogs.S3TableIntegrationSourceActiveWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
	}).Wait(ctx, &cwlogs.S3TableIntegrationSourceWaitInput{IntegrationArn: arn, Identifier: assoc.Identifier}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	err = cwlogs.NewS3TableIntegrationSourceDisassociatedWaiter(client, func(o *cwlogs.S3TableIntegrationSourceDisassociatedWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
	}).Wait(ctx, &cwlogs.S3TableIntegrationSourceWaitInput{IntegrationArn: arn, Identifier: odd}, 20*time.Millisecond)
	if !errors.Is(err, cwlogs.ErrWaitTimeout) {
		t.Fatalf("disassociated waiter: %v, want ErrWaitTimeout", err)
	}
	wantStart := []string{
		"CloudWatch Logs.AssociateSourceToS3TableIntegration", "  Attempt",
		"S3TableIntegrationSourceActiveWaiter.Wait",
		"  CloudWatch Logs.ListSourcesForS3TableIntegration", "    Attempt",
		"  CloudWatch Logs.ListSourcesForS3TableIntegration", "    Attempt",
		"S3TableIntegrationSourceDisassociatedWaiter.Wait !",
	}
	if tree := rec.tree(); len(tree) < len(wantStart) || !cmp.Equal(wantStart, tree[:len(wantStart)]) {
		t.Errorf("span tree %q, want it to start with %q", tree, wantStart)
	}
	events := func(span string) []string {
		var got []string
		for _, e := range rec.named(span)[0].events {
			got = append(got, fmt.Sprintf("%s %v %v", e.name, e.props["cwlogs.poll.attempt"], e.props["cwlogs.source_status"]))
		}
		return got
	}
	if diff := cmp.Diff([]string{"poll 1 UNHEALTHY", "poll 2 ACTIVE"}, events("S3TableIntegrationSourceActiveWaiter.Wait")); diff != "" {
		t.Errorf("active waiter's poll events (-want +got):\n%s", diff)
	}
	if got := events("S3TableIntegrationSourceDisassociatedWaiter.Wait"); len(got) == 0 || got[0] != "poll 1 other" {
		t.Errorf("disassociated waiter's poll events %q, want the unknown status as \"other\"", got)
	}
	want := map[string]string{"cwlogs.integration_arn": arn, "cwlogs.source_identifier": assoc.Identifier, "error": "false"}
	if diff := cmp.Diff(want, stringProps(rec.named("S3TableIntegrationSourceActiveWaiter.Wait")[0])); diff != "" {
		t.Errorf("wait span properties mismatch (-want +got):\n%s", diff)
	}
}

// TestTelemetryStatusOfAPollIsAKnownValue checks that a poll event gives
// a status the package does not know as "other": a response's value may
// echo anything.
func TestTelemetryStatusOfAPollIsAKnownValue(t *testing.T) {
	t.Parallel()
	rec := newTelemetryRecorder()
	client, srv := newKitClient(t, withTelemetry(rec))
	if err := srv.AddOutput(&cwlogs.GetIntegrationOutput{IntegrationName: "odd", IntegrationStatus: "AKIDSECRETLOOKING"}); err != nil {
		t.Fatal(err)
	}
	// The wait is cancelled after its first poll.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err := cwlogs.NewIntegrationActiveWaiter(client, func(o *cwlogs.IntegrationActiveWaiterOptions) {
		o.OnPoll = func(cwlogs.WaitPoll) { cancel() }
	}).Wait(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "odd"}, time.Minute)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	wait := rec.named("IntegrationActiveWaiter.Wait")[0]
	if len(wait.events) == 0 || wait.events[0].props["cwlogs.integration_status"] != "other" {
		t.Errorf("events %v, want the status as \"other\"", wait.events)
	}
}

// spanHandler is a slog handler that keeps the span of the context of
// each record.
type spanHandler struct {
	mu    sync.Mutex
	spans []string // "message: span name"
}

func (h *spanHandler) Enabled(context.Context, slog.Level) bool { return true }

func (h *spanHandler) Handle(ctx context.Context, r slog.Record) error {
	span, _ := tracing.GetSpan(ctx)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.spans = append(h.spans, r.Message+": "+span.Name())
	return nil
}

func (h *spanHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *spanHandler) WithGroup(string) slog.Handler      { return h }

// TestTelemetryLogRecordsHaveTheSpan checks that log records are made
// with the context of the call (or of the wait), which holds its span, so
// that a log bridge links them.
func TestTelemetryLogRecordsHaveTheSpan(t *testing.T) {
	t.Parallel()
	rec := newTelemetryRecorder()
	h := &spanHandler{}
	client, srv := newKitClient(t, withTelemetry(rec), func(o *cwlogs.Options) { o.Logger = slog.New(h) })
	srv.FailNext(cwlogstest.GetIntegration, 1, 503, "ServiceUnavailableException", "")
	ctx := context.Background()
	if _, err := get(ctx, client, cwlogstest.ResourceNotFound); err == nil {
		t.Fatal("want an error")
	}
	srv.BreakNext(cwlogstest.PutIntegration, 1)
	if _, err := client.PutIntegration(ctx, kitPut("logged")); err != nil {
		t.Fatal(err)
	}
	err := cwlogs.NewIntegrationActiveWaiter(client, func(o *cwlogs.IntegrationActiveWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
	}).Wait(ctx, &cwlogs.GetIntegrationInput{IntegrationName: cwlogstest.Active}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"cwlogs: attempt failed, retrying: CloudWatch Logs.GetIntegration",
		"cwlogs: call failed: CloudWatch Logs.GetIntegration",
		"cwlogs: attempt failed, retrying: CloudWatch Logs.PutIntegration",
		"cwlogs: result confirmed after an attempt whose outcome was unknown: CloudWatch Logs.PutIntegration",
		"cwlogs: waiter poll: IntegrationActiveWaiter.Wait",
	}
	if diff := cmp.Diff(want, h.spans); diff != "" {
		t.Errorf("spans of the log records mismatch (-want +got):\n%s", diff)
	}
}

// TestTelemetryFromConfig checks the way the providers are given to a
// client made from an aws.Config, which has no field for them: an option
// function.
func TestTelemetryFromConfig(t *testing.T) {
	t.Parallel()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	rec := newTelemetryRecorder()
	cfg := aws.Config{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(), BaseEndpoint: aws.String(srv.URL)}
	client, err := cwlogs.NewFromConfig(cfg, func(o *cwlogs.Options) {
		o.TracerProvider = rec
		o.MeterProvider = rec
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.ListIntegrations(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"CloudWatch Logs.ListIntegrations", "  Attempt"}, rec.tree()); diff != "" {
		t.Errorf("span tree mismatch (-want +got):\n%s", diff)
	}
	if n := len(rec.measurements("client.call.duration")); n != 1 {
		t.Errorf("%d measurements of client.call.duration, want 1", n)
	}
}

// failingMeter is a meter whose instruments cannot be made.
type failingMeter struct{ metrics.NopMeterProvider }

func (failingMeter) Meter(string, ...metrics.MeterOption) metrics.Meter { return failingMeter{} }

func (failingMeter) Float64Histogram(string, ...metrics.InstrumentOption) (metrics.Float64Histogram, error) {
	return nil, errors.New("no histograms here")
}

func (failingMeter) Int64Counter(string, ...metrics.InstrumentOption) (metrics.Int64Counter, error) {
	return nil, errors.New("no counters here")
}

// The rest of metrics.Meter, from the no-op meter.
func (failingMeter) Int64UpDownCounter(n string, o ...metrics.InstrumentOption) (metrics.Int64UpDownCounter, error) {
	return nopMeter().Int64UpDownCounter(n, o...)
}
func (failingMeter) Int64Gauge(n string, o ...metrics.InstrumentOption) (metrics.Int64Gauge, error) {
	return nopMeter().Int64Gauge(n, o...)
}
func (failingMeter) Int64Histogram(n string, o ...metrics.InstrumentOption) (metrics.Int64Histogram, error) {
	return nopMeter().Int64Histogram(n, o...)
}
func (failingMeter) Int64AsyncCounter(n string, c metrics.Int64Callback, o ...metrics.InstrumentOption) (metrics.AsyncInstrument, error) {
	return nopMeter().Int64AsyncCounter(n, c, o...)
}
func (failingMeter) Int64AsyncUpDownCounter(n string, c metrics.Int64Callback, o ...metrics.InstrumentOption) (metrics.AsyncInstrument, error) {
	return nopMeter().Int64AsyncUpDownCounter(n, c, o...)
}
func (failingMeter) Int64AsyncGauge(n string, c metrics.Int64Callback, o ...metrics.InstrumentOption) (metrics.AsyncInstrument, error) {
	return nopMeter().Int64AsyncGauge(n, c, o...)
}
func (failingMeter) Float64Counter(n string, o ...metrics.InstrumentOption) (metrics.Float64Counter, error) {
	return nopMeter().Float64Counter(n, o...)
}
func (failingMeter) Float64UpDownCounter(n string, o ...metrics.InstrumentOption) (metrics.Float64UpDownCounter, error) {
	return nopMeter().Float64UpDownCounter(n, o...)
}
func (failingMeter) Float64Gauge(n string, o ...metrics.InstrumentOption) (metrics.Float64Gauge, error) {
	return nopMeter().Float64Gauge(n, o...)
}
func (failingMeter) Float64AsyncCounter(n string, c metrics.Float64Callback, o ...metrics.InstrumentOption) (metrics.AsyncInstrument, error) {
	return nopMeter().Float64AsyncCounter(n, c, o...)
}
func (failingMeter) Float64AsyncUpDownCounter(n string, c metrics.Float64Callback, o ...metrics.InstrumentOption) (metrics.AsyncInstrument, error) {
	return nopMeter().Float64AsyncUpDownCounter(n, c, o...)
}
func (failingMeter) Float64AsyncGauge(n string, c metrics.Float64Callback, o ...metrics.InstrumentOption) (metrics.AsyncInstrument, error) {
	return nopMeter().Float64AsyncGauge(n, c, o...)
}

func nopMeter() metrics.Meter { return metrics.NopMeterProvider{}.Meter("") }

// TestTelemetryOptionsAreChecked checks that New refuses providers that
// cannot work, naming the field, as it does every other option.
func TestTelemetryOptionsAreChecked(t *testing.T) {
	t.Parallel()
	base := cwlogs.Options{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}}
	tests := []struct {
		name    string
		set     func(*cwlogs.Options)
		wantErr string
	}{
		{"nil tracer provider pointer", func(o *cwlogs.Options) { o.TracerProvider = (*telemetryRecorder)(nil) },
			"cwlogs: Options.TracerProvider is a nil *cwlogs_test.telemetryRecorder"},
		{"nil meter provider pointer", func(o *cwlogs.Options) { o.MeterProvider = (*telemetryRecorder)(nil) },
			"cwlogs: Options.MeterProvider is a nil *cwlogs_test.telemetryRecorder"},
		{"instrument refused", func(o *cwlogs.Options) { o.MeterProvider = failingMeter{} },
			"cwlogs: Options.MeterProvider: instrument client.call.duration: no histograms here"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := cwlogs.New(base, tt.set)
			if err == nil || err.Error() != tt.wantErr {
				t.Errorf("New: %v, want %q", err, tt.wantErr)
			}
			// Per-call options are checked as well, before any request.
			c, err := cwlogs.New(base)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.ListIntegrations(context.Background(), nil, tt.set); err == nil || err.Error() != "cwlogs: ListIntegrations: per-call options: "+tt.wantErr {
				t.Errorf("per-call options: %v", err)
			}
		})
	}
}

// TestTelemetryCostsNothingWhenUnset checks that a call that succeeds at
// once makes as many allocations with smithy-go's no-op providers as with
// none: both mean no telemetry. (TestCallAllocations bounds the count of
// a call with none, and TestTelemetryHooksCostNothingWhenUnset checks the
// hooks.)
func TestTelemetryCostsNothingWhenUnset(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector changes allocation counts")
	}
	body := recordedBody(t, cwlogstest.Active)
	httpClient := doFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body))}, nil
	})
	allocs := func(set func(*cwlogs.Options)) float64 {
		client, err := cwlogs.New(cwlogs.Options{
			Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(), HTTPClient: httpClient,
			Clock: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) },
		}, set)
		if err != nil {
			t.Fatal(err)
		}
		return testing.AllocsPerRun(200, func() {
			if _, err := get(context.Background(), client, cwlogstest.Active); err != nil {
				t.Fatal(err)
			}
		})
	}
	without := allocs(func(*cwlogs.Options) {})
	nop := allocs(func(o *cwlogs.Options) {
		o.TracerProvider, o.MeterProvider = tracing.NopTracerProvider{}, metrics.NopMeterProvider{}
	})
	with := allocs(withTelemetry(newTelemetryRecorder()))
	if nop != without {
		t.Errorf("a successful GetIntegration makes %v allocations with no-op providers, %v without", nop, without)
	}
	if with <= without {
		t.Errorf("a successful GetIntegration makes %v allocations with recording providers, %v without: the measure sees nothing", with, without)
	}
	t.Logf("GetIntegration: %v allocations without telemetry, %v with in-memory providers", without, with)
}
