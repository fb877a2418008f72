package cwlogs

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"
)

const waitARN = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"

// listAnswer is one page a scriptedLister answers with.
type listAnswer struct {
	sources []S3TableIntegrationSource
	token   string
	err     error
	took    time.Duration // how far the page moves the fake clock
}

// scriptedLister answers ListSourcesForS3TableIntegration with its pages in
// turn, the last one again and again, and keeps the inputs.
type scriptedLister struct {
	clock *fakeClock
	pages []listAnswer
	got   []ListSourcesForS3TableIntegrationInput
}

func (s *scriptedLister) ListSourcesForS3TableIntegration(_ context.Context, in *ListSourcesForS3TableIntegrationInput, _ ...func(*Options)) (*ListSourcesForS3TableIntegrationOutput, error) {
	s.got = append(s.got, *in)
	a := s.pages[min(len(s.got), len(s.pages))-1]
	s.clock.advance(a.took)
	if a.err != nil {
		return nil, a.err
	}
	return &ListSourcesForS3TableIntegrationOutput{Sources: a.sources, NextToken: a.token,
		ResultMetadata: ResponseMetadata{RequestID: "r", StatusCode: 200, Attempts: 1}}, nil
}

// page returns a last page that lists the source "id" in status, with
// reason, after other sources; none when status is "".
func page(status S3TableIntegrationSourceStatus, reason string) listAnswer {
	sources := []S3TableIntegrationSource{{Identifier: "other", Status: S3TableIntegrationSourceStatusActive}}
	if status != "" {
		sources = append(sources, S3TableIntegrationSource{Identifier: "id", DataSource: DataSource{Name: "amazon_eks", Type: "audit"},
			Status: status, StatusReason: reason, CreatedTimeStamp: 1773310532000})
	}
	return listAnswer{sources: sources}
}

var (
	listedActive    = page(S3TableIntegrationSourceStatusActive, "")
	listedUnhealthy = page(S3TableIntegrationSourceStatusUnhealthy, "Recent events could not be written")
	listedDeleting  = page(S3TableIntegrationSourceStatusDataSourceDeleteInProgress, "")
	notListed       = page("", "")
)

// sourcePolls records what OnPoll was given.
type sourcePolls struct {
	got []S3TableIntegrationSourceWaitPoll
}

func (p *sourcePolls) onPoll(w S3TableIntegrationSourceWaitPoll) { p.got = append(p.got, w) }

// summary tells each poll in a word: the status listed, "not listed", or
// the error's code.
func (p *sourcePolls) summary() []string {
	var s []string
	for i, w := range p.got {
		switch {
		case w.Attempt != i+1:
			s = append(s, "misnumbered")
		case w.Source != nil:
			s = append(s, string(w.Source.Status))
		case errors.Is(w.Err, ErrResourceNotFound) && !errors.As(w.Err, new(*APIError)):
			s = append(s, "not listed")
		default:
			var apiErr *APIError
			if errors.As(w.Err, &apiErr) {
				s = append(s, apiErr.Code)
			} else {
				s = append(s, "error")
			}
		}
	}
	return s
}

func TestS3TableIntegrationSourceActiveWaiter(t *testing.T) {
	t.Parallel()
	const s = time.Second
	tests := []struct {
		name      string
		pages     []listAnswer
		grace     time.Duration
		maxWait   time.Duration
		wantPolls []string
		wantErr   string // "" for success
		wantIs    []error
		wantNot   []error
	}{
		{name: "ACTIVE at once", pages: []listAnswer{listedActive}, wantPolls: []string{"ACTIVE"}},
		{name: "not listed, UNHEALTHY, then ACTIVE", pages: []listAnswer{notListed, listedUnhealthy, listedActive},
			wantPolls: []string{"not listed", "UNHEALTHY", "ACTIVE"}},
		{name: "throttled, then ACTIVE", pages: []listAnswer{{err: errThrottled}, listedActive},
			wantPolls: []string{"ThrottlingException", "ACTIVE"}},
		{name: "integration not found within the grace", pages: []listAnswer{{err: errNotFound}, listedActive},
			wantPolls: []string{"ResourceNotFoundException", "ACTIVE"}},
		{name: "on the second page", pages: []listAnswer{{token: "t1", sources: []S3TableIntegrationSource{{Identifier: "x"}}}, listedActive},
			wantPolls: []string{"ACTIVE"}},
		{name: "FAILED", pages: []listAnswer{listedUnhealthy, page(S3TableIntegrationSourceStatusFailed, "Access denied to\nthe table bucket")},
			wantPolls: []string{"UNHEALTHY", "FAILED"},
			wantErr:   `cwlogs: S3 Table integration source "id" FAILED: Access denied to the table bucket`,
			wantIs:    []error{ErrS3TableIntegrationSourceFailed}, wantNot: []error{ErrWaitTimeout}},
		{name: "not listed after the grace", pages: []listAnswer{notListed}, maxWait: time.Hour,
			wantPolls: []string{"not listed", "not listed", "not listed", "not listed"},
			wantErr: `cwlogs: wait for S3 Table integration source "id" to be ACTIVE: stopped by an error after 4 polls; no status seen; ` +
				`last error: S3 Table integration source "id" is not listed for integration "` + waitARN + `"`,
			wantIs: []error{ErrResourceNotFound}, wantNot: []error{ErrWaitTimeout}},
		{name: "no grace", pages: []listAnswer{notListed}, grace: -1, wantPolls: []string{"not listed"},
			wantIs: []error{ErrResourceNotFound}, wantNot: []error{ErrWaitTimeout},
			wantErr: `cwlogs: wait for S3 Table integration source "id" to be ACTIVE: stopped by an error after 1 poll; no status seen; ` +
				`last error: S3 Table integration source "id" is not listed for integration "` + waitARN + `"`},
		{name: "access denied", pages: []listAnswer{listedUnhealthy, {err: errAccessDenied}}, wantPolls: []string{"UNHEALTHY", "AccessDeniedException"},
			wantErr: `cwlogs: wait for S3 Table integration source "id" to be ACTIVE: stopped by an error after 2 polls; ` +
				`last status UNHEALTHY: Recent events could not be written; last error: GetIntegration: AccessDeniedException: m (status 400, request id r)`,
			wantIs: []error{ErrAccessDenied}, wantNot: []error{ErrWaitTimeout}},
		{name: "UNHEALTHY until the deadline", pages: []listAnswer{listedUnhealthy}, maxWait: 35 * s,
			wantPolls: []string{"UNHEALTHY", "UNHEALTHY", "UNHEALTHY", "UNHEALTHY"},
			wantErr: `cwlogs: wait for S3 Table integration source "id" to be ACTIVE: timed out after 4 polls; ` +
				`last status UNHEALTHY: Recent events could not be written`,
			wantIs: []error{ErrWaitTimeout}, wantNot: []error{context.DeadlineExceeded}},
		{name: "a repeated token", pages: []listAnswer{{token: "t1"}, {token: "t1"}}, wantPolls: []string{"error"},
			wantErr: `cwlogs: wait for S3 Table integration source "id" to be ACTIVE: stopped by an error after 1 poll; no status seen; ` +
				`last error: ListSourcesForS3TableIntegration: invalid response: nextToken is the token just sent, ` +
				`so the pages would never end (status 200, request id r)`,
			wantIs: []error{ErrInvalidResponse}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			api := &scriptedLister{clock: clock, pages: tt.pages}
			p := &sourcePolls{}
			maxWait := tt.maxWait
			if maxWait == 0 {
				maxWait = time.Hour
			}
			w := NewS3TableIntegrationSourceActiveWaiter(api, func(o *S3TableIntegrationSourceActiveWaiterOptions) {
				o.MinDelay, o.MaxDelay, o.clock, o.OnPoll, o.NotFoundGrace = 10*s, 10*s, clock, p.onPoll, tt.grace
			})
			var out *S3TableIntegrationSource
			err := waitWithin(t, func(ctx context.Context) (err error) {
				out, err = w.WaitForOutput(ctx, &S3TableIntegrationSourceWaitInput{IntegrationArn: waitARN, Identifier: "id"}, maxWait)
				return err
			})
			if diff := cmp.Diff(tt.wantPolls, p.summary()); diff != "" {
				t.Errorf("polls (-want +got):\n%s", diff)
			}
			if tt.wantErr == "" {
				if err != nil || out == nil || out.Identifier != "id" || out.Status != S3TableIntegrationSourceStatusActive {
					t.Fatalf("output %+v, error %v; want the ACTIVE source", out, err)
				}
				return
			}
			if err == nil || err.Error() != tt.wantErr || out != nil {
				t.Fatalf("output %+v, error %v\nwant the error %s", out, err, tt.wantErr)
			}
			checkIs(t, err, tt.wantIs, tt.wantNot)
			for _, in := range api.got {
				if in.IntegrationArn != waitARN || in.MaxResults != 100 {
					t.Errorf("listed %+v, want the integration's sources, 100 a page", in)
				}
			}
		})
	}
}

// TestS3TableIntegrationSourceFailedErrorFields checks what a FAILED wait
// gives to errors.As, and the bound on the reason in its text.
func TestS3TableIntegrationSourceFailedErrorFields(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	reason := strings.Repeat("r", 300)
	api := &scriptedLister{clock: clock, pages: []listAnswer{page(S3TableIntegrationSourceStatusFailed, reason)}}
	err := NewS3TableIntegrationSourceActiveWaiter(api, func(o *S3TableIntegrationSourceActiveWaiterOptions) { o.clock = clock }).
		Wait(context.Background(), &S3TableIntegrationSourceWaitInput{IntegrationArn: waitARN, Identifier: "id"}, time.Hour)
	var failed *S3TableIntegrationSourceFailedError
	if !errors.As(err, &failed) {
		t.Fatalf("error %v, want an *S3TableIntegrationSourceFailedError", err)
	}
	if failed.IntegrationArn != waitARN || failed.Identifier != "id" || failed.Source.StatusReason != reason {
		t.Errorf("error fields %+v, want the ARN, the identifier and the source with its whole reason", failed)
	}
	if want := `cwlogs: S3 Table integration source "id" FAILED: ` + strings.Repeat("r", 200) + "…"; err.Error() != want {
		t.Errorf("error = %s\nwant    %s", err, want)
	}
}

func TestS3TableIntegrationSourceDisassociatedWaiter(t *testing.T) {
	t.Parallel()
	const s = time.Second
	tests := []struct {
		name      string
		pages     []listAnswer
		wantPolls []string
		wantErr   string
		wantIs    []error
	}{
		{name: "being deleted, then gone", pages: []listAnswer{listedDeleting, listedDeleting, notListed},
			wantPolls: []string{"DATA_SOURCE_DELETE_IN_PROGRESS", "DATA_SOURCE_DELETE_IN_PROGRESS", "not listed"}},
		{name: "gone at once", pages: []listAnswer{notListed}, wantPolls: []string{"not listed"}},
		{name: "the integration is gone", pages: []listAnswer{listedActive, {err: errNotFound}},
			wantPolls: []string{"ACTIVE", "ResourceNotFoundException"}},
		{name: "retryable errors", pages: []listAnswer{{err: errUnavailable}, notListed}, wantPolls: []string{"ServiceUnavailableException", "not listed"}},
		{name: "still listed at the deadline", pages: []listAnswer{listedDeleting},
			wantPolls: []string{"DATA_SOURCE_DELETE_IN_PROGRESS", "DATA_SOURCE_DELETE_IN_PROGRESS", "DATA_SOURCE_DELETE_IN_PROGRESS",
				"DATA_SOURCE_DELETE_IN_PROGRESS"},
			wantErr: `cwlogs: wait for S3 Table integration source "id" to be disassociated: timed out after 4 polls; ` +
				`last status DATA_SOURCE_DELETE_IN_PROGRESS`,
			wantIs: []error{ErrWaitTimeout}},
		{name: "access denied", pages: []listAnswer{{err: errAccessDenied}}, wantPolls: []string{"AccessDeniedException"},
			wantErr: `cwlogs: wait for S3 Table integration source "id" to be disassociated: stopped by an error after 1 poll; ` +
				`no status seen; last error: GetIntegration: AccessDeniedException: m (status 400, request id r)`,
			wantIs: []error{ErrAccessDenied}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			api := &scriptedLister{clock: clock, pages: tt.pages}
			p := &sourcePolls{}
			err := waitWithin(t, func(ctx context.Context) error {
				return NewS3TableIntegrationSourceDisassociatedWaiter(api, func(o *S3TableIntegrationSourceDisassociatedWaiterOptions) {
					o.MinDelay, o.MaxDelay, o.clock, o.OnPoll = 10*s, 10*s, clock, p.onPoll
				}).Wait(ctx, &S3TableIntegrationSourceWaitInput{IntegrationArn: waitARN, Identifier: "id"}, 35*s)
			})
			if diff := cmp.Diff(tt.wantPolls, p.summary()); diff != "" {
				t.Errorf("polls (-want +got):\n%s", diff)
			}
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.wantErr {
				t.Fatalf("error %v\nwant %s", err, tt.wantErr)
			}
			checkIs(t, err, tt.wantIs, nil)
		})
	}
}

// TestS3TableIntegrationSourceWaiterBadInput checks that an input or
// options that cannot work are refused before any request.
func TestS3TableIntegrationSourceWaiterBadInput(t *testing.T) {
	t.Parallel()
	const active = "cwlogs: S3TableIntegrationSourceActiveWaiter.Wait: invalid input: "
	const gone = "cwlogs: S3TableIntegrationSourceDisassociatedWaiter.Wait: invalid input: "
	type in = S3TableIntegrationSourceWaitInput
	tests := []struct {
		name    string
		in      *in
		maxWait time.Duration
		minimum time.Duration
		nilAPI  bool
		want    string // the suffix after the waiter's prefix
	}{
		{"nil input", nil, time.Hour, 0, false, "IntegrationArn is required"},
		{"no identifier", &in{IntegrationArn: waitARN}, time.Hour, 0, false, "Identifier is required"},
		{"identifier too long", &in{IntegrationArn: waitARN, Identifier: strings.Repeat("i", 2049)}, time.Hour, 0, false,
			"Identifier is 2049 characters long, want at most 2048"},
		{"ARN not an ARN", &in{IntegrationArn: "x", Identifier: "id"}, time.Hour, 0, false,
			`IntegrationArn is "x", want an ARN (arn:partition:service:region:account-id:resource)`},
		{"no time", &in{IntegrationArn: waitARN, Identifier: "id"}, 0, 0, false, "maxWaitDur is 0s, want more than zero"},
		{"delays", &in{IntegrationArn: waitARN, Identifier: "id"}, time.Hour, 2 * time.Minute, false, "MinDelay is 2m0s, more than MaxDelay (1m0s)"},
		{"nil client", &in{IntegrationArn: waitARN, Identifier: "id"}, time.Hour, 0, true, "client is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			api := &scriptedLister{clock: clock, pages: []listAnswer{listedActive}}
			var client ListSourcesForS3TableIntegrationAPI = api
			if tt.nilAPI {
				client = nil
			}
			err := NewS3TableIntegrationSourceActiveWaiter(client, func(o *S3TableIntegrationSourceActiveWaiterOptions) {
				o.MinDelay, o.MaxDelay, o.clock = tt.minimum, time.Minute, clock
			}).Wait(context.Background(), tt.in, tt.maxWait)
			if err == nil || err.Error() != active+tt.want || !errors.Is(err, ErrInvalidParameter) {
				t.Errorf("active waiter error = %v, want %s", err, active+tt.want)
			}
			err = NewS3TableIntegrationSourceDisassociatedWaiter(client, func(o *S3TableIntegrationSourceDisassociatedWaiterOptions) {
				o.MinDelay, o.MaxDelay, o.clock = tt.minimum, time.Minute, clock
			}).Wait(context.Background(), tt.in, tt.maxWait)
			if err == nil || err.Error() != gone+tt.want || !errors.Is(err, ErrInvalidParameter) {
				t.Errorf("disassociated waiter error = %v, want %s", err, gone+tt.want)
			}
			if len(api.got) != 0 {
				t.Errorf("%d requests made, want none", len(api.got))
			}
		})
	}
}

// TestS3TableIntegrationSourceWaiterLog checks the record of each poll: the
// source's status and a bounded reason on one line, or the error.
func TestS3TableIntegrationSourceWaiterLog(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	c, err := New(Options{Region: "us-west-2", Credentials: aws.AnonymousCredentials{}, Logger: slog.New(slog.NewJSONHandler(&buf, nil))})
	if err != nil {
		t.Fatal(err)
	}
	logger := loggerOf(c, nil)
	in := S3TableIntegrationSourceWaitInput{IntegrationArn: waitARN, Identifier: "id"}
	src := &S3TableIntegrationSource{Identifier: "id", Status: S3TableIntegrationSourceStatusUnhealthy, StatusReason: "line 1\nline 2" + strings.Repeat("x", 300)}
	logSourcePoll(context.Background(), logger, "S3TableIntegrationSourceActiveWaiter", in, S3TableIntegrationSourceWaitPoll{Attempt: 1, Source: src, Next: 10 * time.Second}, secrets{})
	logSourcePoll(context.Background(), logger, "S3TableIntegrationSourceActiveWaiter", in,
		S3TableIntegrationSourceWaitPoll{Attempt: 2, Err: &sourceNotListedError{integrationArn: waitARN, identifier: "id"}}, secrets{})
	var got []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatal(err)
		}
		delete(m, "time")
		got = append(got, m)
	}
	base := func(attempt, next float64) map[string]any {
		return map[string]any{"level": "INFO", "msg": logMsgPoll, "waiter": "S3TableIntegrationSourceActiveWaiter",
			"integration_arn": waitARN, "identifier": "id", "attempt": attempt, "next": next}
	}
	first, second := base(1, 10e9), base(2, 0)
	first["status"], first["status_reason"] = "UNHEALTHY", "line 1 line 2"+strings.Repeat("x", 187)+"…"
	second["error"] = `cwlogs: S3 Table integration source "id" is not listed for integration "` + waitARN + `"`
	if diff := cmp.Diff([]map[string]any{first, second}, got); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
}

// TestS3TableIntegrationSourceWaiterValidate checks that each source
// waiter's Validate refuses the options the integration waiters refuse,
// with the same reasons, and that Wait refuses them before any request.
func TestS3TableIntegrationSourceWaiterValidate(t *testing.T) {
	t.Parallel()
	const s = time.Second
	tests := []struct {
		name               string
		nilClient          bool
		minDelay, maxDelay time.Duration
		want               string
	}{
		{name: "defaults"},
		{name: "MinDelay over the default MaxDelay", minDelay: 2 * time.Minute},
		{name: "MaxDelay under the default MinDelay", maxDelay: s, want: "MinDelay is 10s, more than MaxDelay (1s)"},
		{name: "negative MinDelay", minDelay: -s, want: "MinDelay is -1s, want zero or more"},
		{name: "negative MaxDelay", maxDelay: -s, want: "MaxDelay is -1s, want zero or more"},
		{name: "nil client", nilClient: true, want: "client is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			api := &scriptedLister{clock: clock, pages: []listAnswer{listedActive}}
			var client ListSourcesForS3TableIntegrationAPI = api
			if tt.nilClient {
				client = (*Client)(nil)
			}
			active := NewS3TableIntegrationSourceActiveWaiter(client, func(o *S3TableIntegrationSourceActiveWaiterOptions) {
				o.MinDelay, o.MaxDelay, o.clock = tt.minDelay, tt.maxDelay, clock
			})
			gone := NewS3TableIntegrationSourceDisassociatedWaiter(client, func(o *S3TableIntegrationSourceDisassociatedWaiterOptions) {
				o.MinDelay, o.MaxDelay, o.clock = tt.minDelay, tt.maxDelay, clock
			})
			in := &S3TableIntegrationSourceWaitInput{IntegrationArn: waitARN, Identifier: "id"}
			for _, w := range []struct {
				name           string
				validate, wait func() error
			}{
				{"S3TableIntegrationSourceActiveWaiter", active.Validate, func() error {
					return waitWithin(t, func(ctx context.Context) error { return active.Wait(ctx, in, time.Hour) })
				}},
				{"S3TableIntegrationSourceDisassociatedWaiter", gone.Validate, func() error {
					return waitWithin(t, func(ctx context.Context) error { return gone.Wait(ctx, in, time.Hour) })
				}},
			} {
				err := w.validate()
				if tt.want == "" {
					if err != nil {
						t.Errorf("%s.Validate() = %v, want nil", w.name, err)
					}
					continue
				}
				if want := "cwlogs: " + w.name + ": invalid input: " + tt.want; err == nil || err.Error() != want || !errors.Is(err, ErrInvalidParameter) {
					t.Errorf("%s.Validate() = %v, want %s", w.name, err, want)
				}
				before := len(api.got)
				if err, want := w.wait(), "cwlogs: "+w.name+".Wait: invalid input: "+tt.want; err == nil || err.Error() != want {
					t.Errorf("%s.Wait() = %v, want %s", w.name, err, want)
				}
				if len(api.got) != before {
					t.Errorf("%s.Wait listed with options it refuses", w.name)
				}
			}
		})
	}
}

// TestS3TableIntegrationSourceWaiterContextDeadline checks, on the fake
// clock, that a source waiter ended by its context's deadline (too near
// for another poll, or passed during a delay) matches
// context.DeadlineExceeded, as the integration waiters do, and that one
// ended by maxWaitDur does not.
func TestS3TableIntegrationSourceWaiterContextDeadline(t *testing.T) {
	t.Parallel()
	const s = time.Second
	tests := []struct {
		name              string
		ctxAfter, maxWait time.Duration
		oversleep         time.Duration
		wantDeadline      bool
	}{
		{"context, before the next poll", 15 * s, time.Hour, 0, true},
		{"context, during a delay", 15 * s, time.Hour, 10 * s, true},
		{"maxWaitDur, before the next poll", time.Hour, 15 * s, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			clock.oversleep = tt.oversleep
			api := &scriptedLister{clock: clock, pages: []listAnswer{listedUnhealthy}}
			err := waitWithin(t, func(ctx context.Context) error {
				ctx = clock.contextIn(ctx, clock.now().Add(tt.ctxAfter))
				return NewS3TableIntegrationSourceActiveWaiter(api, func(o *S3TableIntegrationSourceActiveWaiterOptions) {
					o.MinDelay, o.MaxDelay, o.clock = 10*s, 10*s, clock
				}).Wait(ctx, &S3TableIntegrationSourceWaitInput{IntegrationArn: waitARN, Identifier: "id"}, tt.maxWait)
			})
			if !errors.Is(err, ErrWaitTimeout) || errors.Is(err, context.DeadlineExceeded) != tt.wantDeadline {
				t.Errorf("err = %v; want ErrWaitTimeout, and context.DeadlineExceeded: %v", err, tt.wantDeadline)
			}
		})
	}
}

// TestS3TableIntegrationSourceWaiterScrubsIdentifier checks that a waiter
// whose identifier came in a response (identifierSecrets, as Ensure and
// Teardown set them) shows it scrubbed of those secrets in every text it
// makes: its log records, its error's text and Identifier field, and the
// error of a poll that did not list it; and also where a text quotes it
// cut, its end a start of a secret before the quote and the ellipsis.
func TestS3TableIntegrationSourceWaiterScrubsIdentifier(t *testing.T) {
	t.Parallel()
	const token = "TOKENcanary+FwoGZXIvYXdzEJr/abc="
	const denied = `{"__type":"AccessDeniedException","message":"no"}`
	tests := []struct {
		name, identifier, answer string
		// cut tells that the identifier is shown whole, a start of the
		// token of 5 bytes followed by more text, which the rule leaves,
		// and quoted cut after it, where the start is redacted.
		cut bool
	}{
		{"the whole token, then denied", "id-" + token, denied, false},
		{"the whole token, not listed", "id-" + token, `{"sources":[]}`, false},
		// Quoted, the identifier is cut at 100 bytes: right after the
		// token's first 5.
		{"cut after the start of the token, not listed", strings.Repeat("i", 95) + token[:5] + "-tail", `{"sources":[]}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var logged bytes.Buffer
			c, err := New(Options{Region: "us-west-2", Credentials: aws.AnonymousCredentials{}, RetryMaxAttempts: 1,
				Logger: slog.New(slog.NewTextHandler(&logged, nil)),
				HTTPClient: doerFunc(func(r *http.Request) (*http.Response, error) {
					status := 200
					if tt.answer == denied {
						status = 400
					}
					return &http.Response{StatusCode: status, Header: http.Header{}, Request: r,
						Body: io.NopCloser(strings.NewReader(tt.answer)), ContentLength: int64(len(tt.answer))}, nil
				})})
			if err != nil {
				t.Fatal(err)
			}
			var polls sourcePolls
			err = NewS3TableIntegrationSourceActiveWaiter(c, func(o *S3TableIntegrationSourceActiveWaiterOptions) {
				o.clock, o.NotFoundGrace, o.OnPoll = newFakeClock(), -1, polls.onPoll
				o.identifierSecrets = []secrets{{token}}
			}).Wait(context.Background(), &S3TableIntegrationSourceWaitInput{IntegrationArn: waitARN, Identifier: tt.identifier}, time.Minute)
			var werr *S3TableIntegrationSourceWaitError
			if !errors.As(err, &werr) || len(polls.got) != 1 {
				t.Fatalf("error %v after %d polls, want an *S3TableIntegrationSourceWaitError after 1", err, len(polls.got))
			}
			// The texts that show the identifier quoted, cut if long.
			quoted := []string{err.Error()}
			if tt.answer != denied {
				quoted = append(quoted, polls.got[0].Err.Error())
			}
			// Those that show it whole.
			whole := []string{werr.Identifier, logged.String()}
			if tt.cut {
				for _, text := range quoted {
					if strings.Contains(text, token[:5]) || !strings.Contains(text, redacted+`"`+ellipsis) {
						t.Errorf("text %q shows the start of the token before the cut", text)
					}
				}
				if werr.Identifier != tt.identifier {
					t.Errorf("Identifier = %q, want it as it is: a start of 5 bytes followed by text is left alone", werr.Identifier)
				}
				return
			}
			for _, text := range append(quoted, whole...) {
				if strings.Contains(text, token[:minSecretStartAnywhere]) || !strings.Contains(text, "id-"+redacted) {
					t.Errorf("text %q shows the token, or not the identifier scrubbed", text)
				}
			}
		})
	}
}

// TestS3TableIntegrationSourceFailedErrorScrubsIdentifier checks the
// error of a source listed FAILED whose identifier, quoted and cut, ends
// in the start of a secret of the response it came from: the start is
// redacted before the cut, as in the waiter's other errors.
func TestS3TableIntegrationSourceFailedErrorScrubsIdentifier(t *testing.T) {
	t.Parallel()
	const token = "TOKENcanary+FwoGZXIvYXdzEJr/abc="
	id := strings.Repeat("i", 95) + token[:5] + "-tail"
	answer := `{"sources":[{"identifier":"` + id + `","dataSource":{"name":"x"},"status":"FAILED","statusReason":"broken"}]}`
	c, err := New(Options{Region: "us-west-2", Credentials: aws.AnonymousCredentials{}, RetryMaxAttempts: 1,
		HTTPClient: doerFunc(func(r *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Header: http.Header{}, Request: r,
				Body: io.NopCloser(strings.NewReader(answer)), ContentLength: int64(len(answer))}, nil
		})})
	if err != nil {
		t.Fatal(err)
	}
	err = NewS3TableIntegrationSourceActiveWaiter(c, func(o *S3TableIntegrationSourceActiveWaiterOptions) {
		o.clock = newFakeClock()
		o.identifierSecrets = []secrets{{token}}
	}).Wait(context.Background(), &S3TableIntegrationSourceWaitInput{IntegrationArn: waitARN, Identifier: id}, time.Minute)
	var ferr *S3TableIntegrationSourceFailedError
	if !errors.As(err, &ferr) {
		t.Fatalf("error %v, want an *S3TableIntegrationSourceFailedError", err)
	}
	if text := err.Error(); strings.Contains(text, token[:5]) || !strings.Contains(text, redacted+`"`+ellipsis) {
		t.Errorf("text %q shows the start of the token before the cut", text)
	}
}
