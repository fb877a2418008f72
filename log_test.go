package cwlogs_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// logRecord is what a test checks of a slog.Record.
type logRecord struct {
	Level slog.Level
	Msg   string
	Attrs map[string]any
}

// recordingHandler is a slog.Handler that keeps the records it is given,
// at level and above.
type recordingHandler struct {
	level   slog.Level
	mu      sync.Mutex
	records []slog.Record
}

func (h *recordingHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= h.level }

func (h *recordingHandler) Handle(_ context.Context, r slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.records = append(h.records, r.Clone())
	return nil
}

func (h *recordingHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *recordingHandler) WithGroup(string) slog.Handler      { return h }

// got returns the records kept so far, with their attributes. A delay is
// checked to be below maxDelay and then shown as "<delay>"; an error text
// that starts with "cwlogs: OP: Post " (a connection error, which names
// the server's port) is shown as "<connection error>".
func (h *recordingHandler) got(t *testing.T, maxDelay time.Duration) []logRecord {
	t.Helper()
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []logRecord
	for _, r := range h.records {
		rec := logRecord{Level: r.Level, Msg: r.Message, Attrs: map[string]any{}}
		r.Attrs(func(a slog.Attr) bool {
			v := a.Value.Any()
			switch a.Key {
			case "delay":
				if d, ok := v.(time.Duration); !ok || d < 0 || d >= maxDelay {
					t.Errorf("record %q: delay %v, want a duration in [0, %v)", r.Message, v, maxDelay)
				}
				v = "<delay>"
			case "error":
				if s, _ := v.(string); strings.Contains(s, `: Post "http://127.0.0.1:`) {
					v = "<connection error>"
				}
			}
			rec.Attrs[a.Key] = v
			return true
		})
		out = append(out, rec)
	}
	return out
}

// newLoggingKit starts a test kit server with the recorded responses and
// returns it with a client for it that logs to the returned handler.
func newLoggingKit(t *testing.T, optFns ...func(*cwlogs.Options)) (*cwlogs.Client, *cwlogstest.Server, *recordingHandler) {
	t.Helper()
	h := &recordingHandler{level: slog.LevelDebug}
	logger := func(o *cwlogs.Options) { o.Logger = slog.New(h) }
	client, srv := newKitClient(t, append([]func(*cwlogs.Options){logger}, optFns...)...)
	return client, srv, h
}

// TestLogRecords checks the records of a retried call, of failed calls and
// of a confirmed create, attribute by attribute.
func TestLogRecords(t *testing.T) {
	t.Parallel()
	const (
		Get = cwlogstest.GetIntegration
		Put = cwlogstest.PutIntegration
	)
	getActive := func(ctx context.Context, c *cwlogs.Client) error {
		_, err := c.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: cwlogstest.Active})
		return err
	}
	apiErrText := func(op, code, msg string, status, id int) string {
		return fmt.Sprintf("cwlogs: %s: %s: %s (status %d, request id %s)", op, code, msg, status, kitRequestID(id))
	}
	retry := func(op string, attempt int, code string, status, id int, text string) logRecord {
		attrs := map[string]any{"operation": op, "attempt": int64(attempt), "delay": "<delay>", "error": text}
		if code != "" {
			attrs["code"], attrs["status"], attrs["request_id"] = code, int64(status), kitRequestID(id)
		}
		return logRecord{slog.LevelWarn, "cwlogs: attempt failed, retrying", attrs}
	}
	unavailable := func(id int) logRecord {
		return retry("GetIntegration", id, "ServiceUnavailableException", 503, id,
			apiErrText("GetIntegration", "ServiceUnavailableException", "try later", 503, id))
	}
	tests := []struct {
		name   string
		faults func(srv *cwlogstest.Server)
		call   func(ctx context.Context, c *cwlogs.Client) error
		want   []logRecord
	}{
		{
			name:   "503 then 200: one retry, no failure",
			faults: func(srv *cwlogstest.Server) { srv.FailNext(Get, 1, 503, "ServiceUnavailableException", "try later") },
			call:   getActive,
			want:   []logRecord{unavailable(1)},
		},
		{
			name:   "503 three times: two retries, then the failure at Error",
			faults: func(srv *cwlogstest.Server) { srv.FailNext(Get, 3, 503, "ServiceUnavailableException", "try later") },
			call:   getActive,
			want: []logRecord{unavailable(1), unavailable(2), {slog.LevelError, "cwlogs: call failed", map[string]any{
				"operation": "GetIntegration", "attempts": int64(3), "code": "ServiceUnavailableException",
				"status": int64(503), "request_id": kitRequestID(3),
				"error": apiErrText("GetIntegration", "ServiceUnavailableException", "try later", 503, 3) + " (after 3 attempts)",
			}}},
		},
		{
			name: "not found: no retry, the failure at Info",
			call: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := c.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "missing"})
				return err
			},
			want: []logRecord{{slog.LevelInfo, "cwlogs: call failed", map[string]any{
				"operation": "GetIntegration", "attempts": int64(1), "code": "ResourceNotFoundException",
				"status": int64(400), "request_id": kitRequestID(1),
				"error": apiErrText("GetIntegration", "ResourceNotFoundException", "Integration missing does not exist.", 400, 1),
			}}},
		},
		{
			name:   "create broken then confirmed: a retry and the confirmation",
			faults: func(srv *cwlogstest.Server) { srv.BreakNext(Put, 1) },
			call: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := c.PutIntegration(ctx, kitPut("x"))
				return err
			},
			want: []logRecord{
				retry("PutIntegration", 1, "", 0, 0, "<connection error>"),
				{slog.LevelInfo, "cwlogs: result confirmed after an attempt whose outcome was unknown", map[string]any{
					"operation": "PutIntegration", "attempts": int64(2), "code": "LimitExceededException",
					"status": int64(400), "request_id": kitRequestID(2),
					"error": apiErrText("PutIntegration", "LimitExceededException", "An integration already exists for this account: x.", 400, 2),
				}},
			},
		},
		{
			name: "create broken, its check denied: the check's failure, then the unknown outcome at Error",
			faults: func(srv *cwlogstest.Server) {
				srv.BreakNext(Put, 1)
				srv.FailNext(Get, 1, 400, "AccessDeniedException", "no logs:GetIntegration")
			},
			call: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := c.PutIntegration(ctx, kitPut("x"))
				return err
			},
			want: []logRecord{
				retry("PutIntegration", 1, "", 0, 0, "<connection error>"),
				{slog.LevelInfo, "cwlogs: call failed", map[string]any{
					"operation": "GetIntegration", "attempts": int64(1), "code": "AccessDeniedException",
					"status": int64(400), "request_id": kitRequestID(3),
					"error": apiErrText("GetIntegration", "AccessDeniedException", "no logs:GetIntegration", 400, 3),
				}},
				{slog.LevelError, "cwlogs: outcome unknown after an attempt that may have taken effect", map[string]any{
					"operation": "PutIntegration", "attempts": int64(2), "code": "LimitExceededException",
					"status": int64(400), "request_id": kitRequestID(2),
					"error": "cwlogs: PutIntegration: outcome unknown: the create may or may not have happened (2 attempts); last error: " +
						apiErrText("PutIntegration", "LimitExceededException", "An integration already exists for this account: x.", 400, 2) +
						"; check: " + apiErrText("GetIntegration", "AccessDeniedException", "no logs:GetIntegration", 400, 3),
				}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client, srv, h := newLoggingKit(t)
			if tt.faults != nil {
				tt.faults(srv)
			}
			_ = tt.call(context.Background(), client)
			if diff := cmp.Diff(tt.want, h.got(t, fastRetry.Cap)); diff != "" {
				t.Errorf("records mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestLogLevels checks the level of the record of a failed call, for each
// kind of failure, and that a handler's level is honoured.
func TestLogLevels(t *testing.T) {
	t.Parallel()
	const Get = cwlogstest.GetIntegration
	closed := func() string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := ln.Addr().String()
		ln.Close()
		return "http://" + addr
	}()
	tests := []struct {
		name   string
		faults func(srv *cwlogstest.Server)
		opts   func(o *cwlogs.Options)
		ctx    func() (context.Context, context.CancelFunc)
		want   slog.Level
	}{
		{name: "4xx", faults: func(srv *cwlogstest.Server) { srv.FailNext(Get, 1, 400, "AccessDeniedException", "") }, want: slog.LevelInfo},
		{name: "5xx after the retries", faults: func(srv *cwlogstest.Server) { srv.FailNext(Get, 3, 500, "InternalFailure", "") }, want: slog.LevelError},
		{name: "throttling after the retries", faults: func(srv *cwlogstest.Server) { srv.FailNext(Get, 3, 400, "ThrottlingException", "") }, want: slog.LevelWarn},
		{name: "invalid response", faults: func(srv *cwlogstest.Server) {
			srv.EnqueueFor(Get, cwlogstest.Response{StatusCode: 200, Body: []byte(`{"integrationName":1}`)})
		}, want: slog.LevelError},
		{name: "connection refused", opts: func(o *cwlogs.Options) { o.BaseEndpoint = &closed }, want: slog.LevelError},
		{name: "attempt timeout", faults: func(srv *cwlogstest.Server) { srv.Hang(cwlogstest.Active) },
			opts: func(o *cwlogs.Options) { o.AttemptTimeout = 20 * time.Millisecond; o.RetryMaxAttempts = 1 }, want: slog.LevelError},
		{name: "caller's deadline", faults: func(srv *cwlogstest.Server) { srv.Hang(cwlogstest.Active) },
			ctx: func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 20*time.Millisecond)
			},
			want: slog.LevelWarn},
		{name: "cancelled by the caller", ctx: func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, want: slog.LevelInfo},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := &recordingHandler{level: slog.LevelDebug}
			opts := func(o *cwlogs.Options) {
				o.Logger = slog.New(h)
				if tt.opts != nil {
					tt.opts(o)
				}
			}
			client, srv := newKitClient(t, opts)
			if tt.faults != nil {
				tt.faults(srv)
			}
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			if tt.ctx != nil {
				ctx, cancel = tt.ctx()
			}
			defer cancel()
			if err := getActive(ctx, client); err == nil {
				t.Fatal("the call succeeded")
			}
			got := h.got(t, time.Second)
			if len(got) == 0 || got[len(got)-1].Msg != "cwlogs: call failed" {
				t.Fatalf("records %v, want the failure last", got)
			}
			if last := got[len(got)-1]; last.Level != tt.want {
				t.Errorf("failure logged at %v, want %v: %v", last.Level, tt.want, last)
			}
			for _, r := range got[:len(got)-1] {
				if r.Level != slog.LevelWarn || r.Msg != "cwlogs: attempt failed, retrying" {
					t.Errorf("record before the failure: %v, want a retry at Warn", r)
				}
			}
		})
	}

	// A handler at Error gets the failure at Error, and not the retries.
	h := &recordingHandler{level: slog.LevelError}
	client, srv := newKitClient(t, func(o *cwlogs.Options) { o.Logger = slog.New(h) })
	srv.FailNext(Get, 3, 503, "ServiceUnavailableException", "")
	_ = getActive(context.Background(), client)
	var levels []slog.Level
	for _, r := range h.got(t, time.Second) {
		levels = append(levels, r.Level)
	}
	if diff := cmp.Diff([]slog.Level{slog.LevelError}, levels); diff != "" {
		t.Errorf("levels at a handler of level Error mismatch (-want +got):\n%s", diff)
	}
}

// getActive calls GetIntegration for the recorded ACTIVE integration.
func getActive(ctx context.Context, c *cwlogs.Client) error {
	_, err := c.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: cwlogstest.Active})
	return err
}

// TestLoggerPerCall checks that a per-call Logger gets the call's records,
// and the client's logger none of them; and that a nil Logger logs nothing
// and breaks nothing on the paths that log.
func TestLoggerPerCall(t *testing.T) {
	t.Parallel()
	client, srv, clientLog := newLoggingKit(t)
	callLog := &recordingHandler{level: slog.LevelDebug}
	srv.FailNext(cwlogstest.GetIntegration, 1, 503, "ServiceUnavailableException", "")
	_, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "missing"},
		func(o *cwlogs.Options) { o.Logger = slog.New(callLog) })
	if err == nil {
		t.Fatal("GetIntegration of a missing name succeeded")
	}
	if n := len(callLog.got(t, time.Second)); n != 2 {
		t.Errorf("the per-call logger got %d records, want 2 (a retry, the failure)", n)
	}
	if got := clientLog.got(t, time.Second); len(got) != 0 {
		t.Errorf("the client's logger got %v, want nothing", got)
	}

	// Logger nil, per call, on the paths that log: retries, a failure,
	// a confirmation.
	noLogger := func(o *cwlogs.Options) { o.Logger = nil }
	srv.FailNext(cwlogstest.GetIntegration, 3, 503, "ServiceUnavailableException", "")
	if _, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: cwlogstest.Active}, noLogger); err == nil {
		t.Error("GetIntegration after three 503: no error")
	}
	srv.BreakNext(cwlogstest.PutIntegration, 1)
	if out, err := client.PutIntegration(context.Background(), kitPut("x"), noLogger); err != nil || !out.ResultMetadata.Confirmed {
		t.Errorf("PutIntegration broken once, without a logger: %+v, %v; want a confirmed success", out, err)
	}
	if got := clientLog.got(t, time.Second); len(got) != 0 {
		t.Errorf("the client's logger got %v with a per-call nil Logger, want nothing", got)
	}
}

// TestLogsHoldNoSecret runs a server that echoes the credentials, the
// request's signature and its body in every part of its error responses:
// no record, rendered by slog's JSON and text handlers, holds any of them.
func TestLogsHoldNoSecret(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var signatures []string
	var n atomic.Int32
	const bodyCanary = "BODY-CANARY-3f9a"
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		auth := r.Header.Get("Authorization")
		if _, sig, ok := strings.Cut(auth, "Signature="); ok {
			mu.Lock()
			signatures = append(signatures, sig)
			mu.Unlock()
		}
		echo := strings.Join([]string{auth, r.Header.Get("X-Amz-Security-Token"), cwlogstest.SecretAccessKey}, " ")
		w.Header().Set("X-Amzn-RequestId", echo)
		switch n.Add(1) % 3 {
		case 1:
			w.Header().Set("Content-Type", "application/x-amz-json-1.1")
			w.WriteHeader(503)
			fmt.Fprintf(w, `{"__type":"ServiceUnavailableException","message":%q,"detail":%q}`, echo, bodyCanary+string(body))
		case 2:
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(502)
			fmt.Fprintf(w, "<html><body><h1>%s</h1><!-- %s --></body></html>", echo, bodyCanary)
		default:
			w.Header().Set("X-Amzn-ErrorType", "ThrottlingException:"+echo)
			w.WriteHeader(400)
			fmt.Fprintf(w, `{"message":%q,"detail":%q}`, echo, bodyCanary)
		}
	})
	h := &recordingHandler{level: slog.LevelDebug}
	client := newTestClient(t, handler, func(o *cwlogs.Options) { o.Logger = slog.New(h); o.RetryPolicy = fastRetry })
	for _, call := range []func() error{
		func() error { return getActive(context.Background(), client) },
		func() error { _, err := client.PutIntegration(context.Background(), kitPut("x")); return err },
	} {
		if err := call(); err == nil {
			t.Fatal("a call to the echoing server succeeded")
		}
	}
	var rendered bytes.Buffer
	jsonHandler, textHandler := slog.NewJSONHandler(&rendered, nil), slog.NewTextHandler(&rendered, nil)
	h.mu.Lock()
	for _, r := range h.records {
		_ = jsonHandler.Handle(context.Background(), r)
		_ = textHandler.Handle(context.Background(), r)
	}
	h.mu.Unlock()
	if n := strings.Count(rendered.String(), "[redacted]"); n == 0 {
		t.Fatalf("nothing was redacted: the server's echo did not reach the records:\n%s", rendered.String())
	}
	mu.Lock()
	canaries := append([]string{cwlogstest.SecretAccessKey, cwlogstest.SessionToken, cwlogstest.AccessKeyID, bodyCanary, roleARN}, signatures...)
	mu.Unlock()
	if len(canaries) < 6+5 {
		t.Fatalf("%d signatures seen, want one per attempt", len(canaries)-5)
	}
	for _, line := range strings.Split(rendered.String(), "\n") {
		for _, c := range canaries {
			if strings.Contains(line, c) {
				t.Errorf("%q reached a record: %s", c, line)
			}
		}
	}
}

// TestLoggerCostsNothingOnSuccess checks that a call that succeeds at once
// makes no more allocations with a logger than without one.
func TestLoggerCostsNothingOnSuccess(t *testing.T) {
	body := recordedBody(t, cwlogstest.Active)
	httpClient := doFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body))}, nil
	})
	allocs := func(logger *slog.Logger) float64 {
		client, err := cwlogs.New(cwlogs.Options{
			Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(), HTTPClient: httpClient,
			Clock: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }, Logger: logger,
		})
		if err != nil {
			t.Fatal(err)
		}
		return testing.AllocsPerRun(200, func() {
			if err := getActive(context.Background(), client); err != nil {
				t.Fatal(err)
			}
		})
	}
	without, with := allocs(nil), allocs(slog.New(&recordingHandler{level: slog.LevelDebug}))
	if with != without {
		t.Errorf("a successful GetIntegration makes %v allocations with a logger, %v without", with, without)
	}
}

// TestWaiterLogsEachPoll checks the record a waiter writes for each poll,
// through the client's logger: the status and the resources not active yet,
// or the poll's error, and the delay before the next poll.
func TestWaiterLogsEachPoll(t *testing.T) {
	t.Parallel()
	client, srv, h := newLoggingKit(t)
	ctx := context.Background()
	if err := srv.SetLifecycle("w", cwlogstest.Lifecycle{Polls: 2}); err != nil {
		t.Fatal(err)
	}
	// A poll before the create: not found, inside the grace.
	waiter := cwlogs.NewIntegrationActiveWaiter(client, func(o *cwlogs.IntegrationActiveWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, 2*time.Millisecond
		o.OnPoll = func(p cwlogs.WaitPoll) {
			if p.Attempt == 1 {
				if _, err := client.PutIntegration(ctx, kitPut("w")); err != nil {
					t.Errorf("PutIntegration: %v", err)
				}
			}
		}
	})
	err := cwlogs.WaitWithin(t, func(wctx context.Context) error {
		return waiter.Wait(wctx, &cwlogs.GetIntegrationInput{IntegrationName: "w"}, time.Minute)
	})
	if err != nil {
		t.Fatal(err)
	}
	all := []string{"dataSource not reported", "application not reported", "collection not reported", "workspace not reported",
		"encryptionPolicy not reported", "networkPolicy not reported", "accessPolicy not reported", "lifecyclePolicy not reported"}
	poll := func(attempt int, status string, notActive []string, next bool, err string) logRecord {
		attrs := map[string]any{"waiter": "IntegrationActiveWaiter", "integration": "w", "attempt": int64(attempt), "next": time.Duration(0)}
		if next {
			attrs["next"] = "<next>"
		}
		if status != "" {
			attrs["status"], attrs["not_active"] = status, notActive
		}
		if err != "" {
			attrs["error"] = err
		}
		return logRecord{slog.LevelInfo, "cwlogs: waiter poll", attrs}
	}
	want := []logRecord{
		poll(1, "", nil, true, "cwlogs: GetIntegration: ResourceNotFoundException: Integration w does not exist. (status 400, request id "+kitRequestID(1)+")"),
		poll(2, "PROVISIONING", append([]string{"dataSource NOT_FOUND"}, all[1:]...), true, ""),
		poll(3, "PROVISIONING", append([]string{"encryptionPolicy NOT_FOUND"}, all[5:]...), true, ""),
		poll(4, "ACTIVE", []string{}, false, ""),
	}
	var got []logRecord
	for _, r := range h.got(t, time.Second) {
		if r.Msg != "cwlogs: waiter poll" {
			continue // the client's own records: the failed Get
		}
		if d, ok := r.Attrs["next"].(time.Duration); ok && d > 0 {
			if d < time.Millisecond || d > 2*time.Millisecond {
				t.Errorf("poll %v: next %v, want within [1ms, 2ms]", r.Attrs["attempt"], d)
			}
			r.Attrs["next"] = "<next>"
		}
		got = append(got, r)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("waiter records mismatch (-want +got):\n%s", diff)
	}
}

// ctxKey is the key of a value a test puts in a call's context.
type ctxKey struct{}

// contextHandler records the context value of ctxKey each record carries.
type contextHandler struct {
	mu     sync.Mutex
	values []any
}

func (h *contextHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *contextHandler) Handle(ctx context.Context, _ slog.Record) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.values = append(h.values, ctx.Value(ctxKey{}))
	return nil
}
func (h *contextHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *contextHandler) WithGroup(string) slog.Handler      { return h }

// TestLoggerRunsOnTheCall checks what the README says of the logger: the
// handler gets each record on the call's path, with the call's context,
// before the call returns, so that a handler that blocks holds the call
// (the call's deadline does not cut a handler short).
func TestLoggerRunsOnTheCall(t *testing.T) {
	t.Parallel()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	h := &contextHandler{}
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
		o.Logger = slog.New(h)
		o.RetryPolicy = cwlogs.StandardRetry{Base: time.Millisecond, ThrottleBase: time.Millisecond, Cap: time.Millisecond}
	})
	if err != nil {
		t.Fatal(err)
	}
	srv.FailNext(cwlogstest.GetIntegration, 1, http.StatusServiceUnavailable, "ServiceUnavailableException", "busy")
	ctx := context.WithValue(context.Background(), ctxKey{}, "the call's")
	// Not found after a retry: a record of the retry, then one of the
	// failed call, both handled before GetIntegration returns.
	_, err = client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "missing"})
	h.mu.Lock()
	got := slices.Clone(h.values)
	h.mu.Unlock()
	if diff := cmp.Diff([]any{"the call's", "the call's"}, got); diff != "" || err == nil {
		t.Errorf("error %v; context values the handler saw when the call returned (-want +got):\n%s", err, diff)
	}
}

// TestWaiterLogBoundsStatuses checks that a poll's record bounds what came
// from the service, as errors do: a status of a megabyte, integration's or
// resource's, is logged cut, not whole.
func TestWaiterLogBoundsStatuses(t *testing.T) {
	t.Parallel()
	huge := strings.Repeat("X", 1<<20)
	body := `{"integrationName":"x","integrationStatus":"` + huge + `","integrationDetails":{"openSearchIntegrationDetails":` +
		`{"collection":{"status":{"status":"` + huge + `"}}}}}`
	h := &recordingHandler{level: slog.LevelInfo}
	client, err := cwlogs.New(cwlogs.Options{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}, Logger: slog.New(h),
		HTTPClient: doFunc(func(r *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)),
				ContentLength: int64(len(body)), Request: r}, nil
		})})
	if err != nil {
		t.Fatal(err)
	}
	err = cwlogs.WaitWithin(t, func(ctx context.Context) error {
		return cwlogs.NewIntegrationActiveWaiter(client, func(o *cwlogs.IntegrationActiveWaiterOptions) {
			o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
		}).Wait(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"}, 3*time.Millisecond)
	})
	if !errors.Is(err, cwlogs.ErrWaitTimeout) {
		t.Fatalf("err = %v, want a timeout", err)
	}
	records := h.got(t, time.Hour)
	if len(records) == 0 {
		t.Fatal("no record")
	}
	for _, r := range records {
		if n := len(fmt.Sprint(r.Attrs)); n > 1000 || !strings.Contains(fmt.Sprint(r.Attrs), "XXXXXXXX") {
			t.Errorf("record %q: attributes of %d bytes, want the start of the statuses in under 1000:\n%.300s", r.Msg, n, fmt.Sprint(r.Attrs))
		}
	}
}

// TestLogLevelOfUnknownOutcome checks the level of the record of an
// unknown outcome: Error when the client could not learn it, Warn when the
// caller's context ended the call.
func TestLogLevelOfUnknownOutcome(t *testing.T) {
	t.Parallel()
	const (
		Put = cwlogstest.PutIntegration
		Get = cwlogstest.GetIntegration
	)
	tests := []struct {
		name string
		// cancelWhileRetrying ends the call's context when the client
		// waits to retry.
		cancelWhileRetrying bool
		faults              func(srv *cwlogstest.Server)
		want                slog.Level
	}{
		{name: "the check failed", faults: func(srv *cwlogstest.Server) {
			srv.BreakNext(Put, 1)
			srv.FailNext(Get, 3, 500, "InternalFailure", "")
		}, want: slog.LevelError},
		{name: "the caller's context ended", cancelWhileRetrying: true, faults: func(srv *cwlogstest.Server) {
			srv.FailNext(Put, 1, 500, "InternalFailure", "")
		}, want: slog.LevelWarn},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			h := &recordingHandler{level: slog.LevelDebug}
			client, srv := newKitClient(t, func(o *cwlogs.Options) {
				o.Logger = slog.New(h)
				if tt.cancelWhileRetrying {
					o.RetryPolicy = cancelOnRetry{cancel}
				}
			})
			tt.faults(srv)
			if _, err := client.PutIntegration(ctx, kitPut("x")); !errors.Is(err, cwlogs.ErrOutcomeUnknown) {
				t.Fatalf("PutIntegration: %v, want an unknown outcome", err)
			}
			got := h.got(t, time.Hour+1)
			last := got[len(got)-1]
			if last.Msg != "cwlogs: outcome unknown after an attempt that may have taken effect" || last.Level != tt.want {
				t.Errorf("last record %v, want the unknown outcome at %v", last, tt.want)
			}
		})
	}
}

// TestLogRecordsOfS3TableIntegrationSources checks the records of the S3 Table integration
// source operations: a retry, a confirmed association, a failed listing,
// and the paginator's refusal of a repeated token.
func TestLogRecordsOfS3TableIntegrationSources(t *testing.T) {
	t.Parallel()
	const assoc, list = "AssociateSourceToS3TableIntegration", "ListSourcesForS3TableIntegration"
	apiErrText := func(op, code string, status int) string {
		return "cwlogs: " + op + ": " + code + ": " + code + " from the test (status " + strconv.Itoa(status) + ", request id req-" + code + ")"
	}
	retry := func(op string, attempt int, code string, status int) logRecord {
		return logRecord{slog.LevelWarn, "cwlogs: attempt failed, retrying", map[string]any{"operation": op, "attempt": int64(attempt),
			"delay": "<delay>", "code": code, "status": int64(status), "request_id": "req-" + code, "error": apiErrText(op, code, status)}}
	}
	tests := []struct {
		name    string
		answers []func(http.ResponseWriter, *http.Request)
		call    func(ctx context.Context, c *cwlogs.Client) error
		want    []logRecord
	}{
		{
			// The listing before the retry finds the association made.
			name: "association confirmed after 5xx",
			answers: []func(http.ResponseWriter, *http.Request){answerError(500, "InternalServerException"),
				func(w http.ResponseWriter, r *http.Request) {
					answerJSON(`{"sources":[{"identifier":"made","dataSource":{"name":"amazon_eks","type":"audit"},"createdTimeStamp":`+
						strconv.FormatInt(time.Now().UnixMilli(), 10)+`}]}`, time.Now())(w, r)
				}},
			call: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := c.AssociateSourceToS3TableIntegration(ctx, validAssociate(nil))
				return err
			},
			want: []logRecord{retry(assoc, 1, "InternalServerException", 500), {slog.LevelInfo,
				"cwlogs: result confirmed after an attempt whose outcome was unknown", map[string]any{
					"operation": assoc, "attempts": int64(1), "code": "InternalServerException", "status": int64(500),
					"request_id": "req-InternalServerException", "error": apiErrText(assoc, "InternalServerException", 500),
				}}},
		},
		{
			name:    "listing refused",
			answers: []func(http.ResponseWriter, *http.Request){answerError(400, "AccessDeniedException")},
			call: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := c.ListSourcesForS3TableIntegration(ctx, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN})
				return err
			},
			want: []logRecord{{slog.LevelInfo, "cwlogs: call failed", map[string]any{
				"operation": list, "attempts": int64(1), "code": "AccessDeniedException", "status": int64(400),
				"request_id": "req-AccessDeniedException", "error": apiErrText(list, "AccessDeniedException", 400),
			}}},
		},
		{
			name:    "a repeated token",
			answers: []func(http.ResponseWriter, *http.Request){answerJSON(`{"nextToken":"same"}`, time.Time{})},
			call: func(ctx context.Context, c *cwlogs.Client) error {
				p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(c, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: s3IntegrationARN})
				for _, err := range p.All(ctx) {
					if err != nil {
						return err
					}
				}
				return nil
			},
			want: []logRecord{{slog.LevelError, "cwlogs: call failed", map[string]any{
				"operation": list, "attempts": int64(1), "status": int64(200), "request_id": "req-json",
				"error": "cwlogs: " + list + ": invalid response: nextToken is the token just sent, so the pages would never end (status 200, request id req-json)",
			}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := &recordingHandler{level: slog.LevelDebug}
			client := newTestClient(t, &jsonHandler{answers: tt.answers}, func(o *cwlogs.Options) {
				o.RetryPolicy, o.Logger = fastRetry, slog.New(h)
			})
			_ = tt.call(context.Background(), client)
			if diff := cmp.Diff(tt.want, h.got(t, fastRetry.Cap)); diff != "" {
				t.Errorf("records mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
