package cwlogs_test

import (
	"encoding/json"
	"io"
	"net/http"
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
