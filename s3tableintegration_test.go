package cwlogs_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// s3Recorded is the prefix that makes a path of loadRecorded, relative to
// cwlogstest/testdata, name a recorded response of the root's testdata
// folder, where those of the S3 Table integration operations are.
const s3Recorded = "../../testdata/"

// Values of the S3 Table integration tests: fake, well formed.
const (
	s3IntegrationARN = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"
	s3SourceID       = "6f1c2a9e-4b7d-4e30-9a85-2d1f0c7e5b43"
)

// anyOutput returns an operation's result as an opCall does: a nil output
// as a nil interface, which isNilOutput recognizes.
func anyOutput[T any](out *T, err error) (any, error) {
	if out == nil {
		return nil, err
	}
	return out, err
}

// seenRequest is a request a test server saw, with its body decoded as a
// JSON value.
type seenRequest struct {
	Target, ContentType string
	Signed              bool
	Body                any
}

// jsonHandler answers each request with the next of answers (the last
// once they run out), and keeps what it saw of each.
type jsonHandler struct {
	mu      sync.Mutex
	answers []func(w http.ResponseWriter, r *http.Request)
	seen    []seenRequest
}

func (h *jsonHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	data, _ := io.ReadAll(r.Body)
	var body any
	if err := json.Unmarshal(data, &body); err != nil {
		body = "not JSON: " + string(data)
	}
	h.mu.Lock()
	n := len(h.seen)
	h.seen = append(h.seen, seenRequest{
		Target:      r.Header.Get("X-Amz-Target"),
		ContentType: r.Header.Get("Content-Type"),
		Signed:      r.Header.Get("Authorization") != "" && r.Header.Get("X-Amz-Security-Token") == cwlogstest.SessionToken,
		Body:        body,
	})
	answer := h.answers[min(n, len(h.answers)-1)]
	h.mu.Unlock()
	answer(w, r)
}

func (h *jsonHandler) requests() []seenRequest {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]seenRequest(nil), h.seen...)
}

// answerRecorded answers with a recorded response of the root's testdata.
func answerRecorded(t *testing.T, path string) func(http.ResponseWriter, *http.Request) {
	t.Helper()
	resp := loadRecorded(t, s3Recorded+path)
	return func(w http.ResponseWriter, _ *http.Request) { writeRecorded(w, resp) }
}

// answerJSON answers 200 with body, and the Date header date when it is
// not zero.
func answerJSON(body string, date time.Time) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		if !date.IsZero() {
			w.Header()["Date"] = []string{date.UTC().Format(http.TimeFormat)}
		}
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("X-Amzn-RequestId", "req-json")
		io.WriteString(w, body)
	}
}

// answerError answers with an error of the code, at status.
func answerError(status int, code string) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("X-Amzn-RequestId", "req-"+code)
		w.WriteHeader(status)
		io.WriteString(w, `{"__type":"`+code+`","message":"`+code+` from the test"}`)
	}
}

// signedJSON is a request to op with body, as the tests want it seen.
func signedJSON(op string, body any) seenRequest {
	return seenRequest{Target: "Logs_20140328." + op, ContentType: "application/x-amz-json-1.1", Signed: true, Body: body}
}

// checkSeen compares what a server saw with want.
func checkSeen(t *testing.T, h *jsonHandler, want []seenRequest) {
	t.Helper()
	if diff := cmp.Diff(want, h.requests()); diff != "" {
		t.Errorf("requests seen (-want +got):\n%s", diff)
	}
}

func TestS3TableIntegrationSourceCreatedTime(t *testing.T) {
	t.Parallel()
	tests := []struct {
		ms   int64
		want time.Time
	}{
		{0, time.Time{}},
		{1773310532000, time.Date(2026, 3, 12, 10, 15, 32, 0, time.UTC)},
		{1773310532999, time.Date(2026, 3, 12, 10, 15, 32, 999e6, time.UTC)},
		{-1, time.Date(1969, 12, 31, 23, 59, 59, 999e6, time.UTC)},
	}
	for _, tt := range tests {
		got := cwlogs.S3TableIntegrationSource{CreatedTimeStamp: tt.ms}.CreatedTime()
		if !got.Equal(tt.want) || got.IsZero() != tt.want.IsZero() {
			t.Errorf("CreatedTime of %d = %v, want %v", tt.ms, got, tt.want)
		}
	}
}

// TestS3SourcesLogRecords checks the records of the S3 Table integration
// source operations: a retry, a confirmed association, a failed listing,
// and the paginator's refusal of a repeated token.
func TestS3SourcesLogRecords(t *testing.T) {
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
			name: "association confirmed after 5xx",
			answers: []func(http.ResponseWriter, *http.Request){answerError(500, "InternalServerException"), answerError(400, "ValidationException"),
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
					"operation": assoc, "attempts": int64(2), "code": "ValidationException", "status": int64(400),
					"request_id": "req-ValidationException", "error": apiErrText(assoc, "ValidationException", 400),
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
