package cwlogs_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// The helpers below test what every operation must do; each operation's
// test calls them with its own calls and recorded responses.

// opCall calls one operation with one input.
type opCall func(ctx context.Context, c *cwlogs.Client) (any, error)

// sentRequest is what a test server saw of a request.
type sentRequest struct {
	target, contentType, body, auth, token string
}

// loadRecorded reads a recorded response of cwlogstest/testdata; path is
// relative to it, such as "PutIntegration/success".
func loadRecorded(t *testing.T, path string) cwlogstest.Response {
	t.Helper()
	r, err := readRecordedFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// readRecordedFile reads a recorded response, as loadRecorded does.
func readRecordedFile(path string) (cwlogstest.Response, error) {
	data, err := os.ReadFile(filepath.Join("cwlogstest", "testdata", filepath.FromSlash(path)+".http"))
	if err != nil {
		return cwlogstest.Response{}, err
	}
	r, err := cwlogstest.ParseResponse(data)
	if err != nil {
		return cwlogstest.Response{}, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// writeRecorded sends resp as it is.
func writeRecorded(w http.ResponseWriter, resp cwlogstest.Response) {
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	status := resp.StatusCode
	if status == 0 {
		status = http.StatusOK
	}
	w.WriteHeader(status)
	w.Write(resp.Body)
}

// newRecordingClient returns a client for a server that answers every
// request with resp, and a function that returns the requests it saw.
// The client makes one attempt a call.
func newRecordingClient(t *testing.T, resp cwlogstest.Response) (*cwlogs.Client, func() []sentRequest) {
	t.Helper()
	var mu sync.Mutex
	var seen []sentRequest
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen = append(seen, sentRequest{
			target:      r.Header.Get("X-Amz-Target"),
			contentType: r.Header.Get("Content-Type"),
			body:        string(body),
			auth:        r.Header.Get("Authorization"),
			token:       r.Header.Get("X-Amz-Security-Token"),
		})
		mu.Unlock()
		writeRecorded(w, resp)
	}), func(o *cwlogs.Options) { o.RetryMaxAttempts = 1 })
	return client, func() []sentRequest {
		mu.Lock()
		defer mu.Unlock()
		return append([]sentRequest(nil), seen...)
	}
}

// testRequest checks the one request call sends: the operation's target,
// the content type, the body byte for byte, and a signature.
func testRequest(t *testing.T, op string, call opCall, success, wantBody string) {
	t.Helper()
	client, seen := newRecordingClient(t, loadRecorded(t, success))
	if _, err := call(context.Background(), client); err != nil {
		t.Fatalf("%s: %v", op, err)
	}
	reqs := seen()
	if len(reqs) != 1 {
		t.Fatalf("server saw %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	got := sentRequest{target: r.target, contentType: r.contentType, body: r.body, token: r.token,
		auth: signedHeaders(r.auth)}
	if !strings.HasPrefix(r.auth, "AWS4-HMAC-SHA256 Credential="+cwlogstest.AccessKeyID+"/") ||
		!strings.Contains(r.auth, "/"+cwlogstest.Region+"/logs/aws4_request, ") || !strings.Contains(r.auth, "Signature=") {
		t.Errorf("Authorization = %q, want a SigV4 signature for logs in %s", r.auth, cwlogstest.Region)
	}
	want := sentRequest{
		target:      "Logs_20140328." + op,
		contentType: "application/x-amz-json-1.1",
		body:        wantBody,
		token:       cwlogstest.SessionToken,
		auth:        "content-length;content-type;host;x-amz-date;x-amz-security-token;x-amz-target",
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(sentRequest{})); diff != "" {
		t.Errorf("%s request (-want +got):\n%s", op, diff)
	}
}

// testInput calls call against a server that answers with the recorded
// response success. wantErr "" means the input is valid: the call must
// succeed with one request. Otherwise the call must fail with the
// *InvalidInputError whose message is wantErr, before any request.
func testInput(t *testing.T, call opCall, success, wantErr string) {
	t.Helper()
	client, seen := newRecordingClient(t, loadRecorded(t, success))
	_, err := call(context.Background(), client)
	if wantErr == "" {
		if err != nil || len(seen()) != 1 {
			t.Fatalf("error = %v after %d requests, want a valid input sent once", err, len(seen()))
		}
		return
	}
	var inErr *cwlogs.InvalidInputError
	if err == nil || err.Error() != wantErr || !errors.As(err, &inErr) || !errors.Is(err, cwlogs.ErrInvalidParameter) {
		t.Errorf("error = %v (%T), want an *InvalidInputError matching ErrInvalidParameter:\n%s", err, err, wantErr)
	}
	if inErr != nil && !isGoPath(inErr.Field) {
		t.Errorf("Field = %q, want the path of a Go field of the input, such as ResourceConfig.RetentionDays", inErr.Field)
	}
	if n := len(seen()); n != 0 {
		t.Errorf("server saw %d requests, want none for an invalid input", n)
	}
}

// isGoPath reports whether field is a path of exported Go fields, each
// maybe with an index: IntegrationName, ResourceConfig.RetentionDays,
// ResourceConfig.DashboardViewerPrincipals[1].
func isGoPath(field string) bool {
	for _, seg := range strings.Split(field, ".") {
		name, index, indexed := strings.Cut(seg, "[")
		if name == "" || !unicode.IsUpper([]rune(name)[0]) || strings.ContainsAny(name, "]") {
			return false
		}
		if indexed {
			n, ok := strings.CutSuffix(index, "]")
			if _, err := strconv.Atoi(n); !ok || err != nil {
				return false
			}
		}
	}
	return true
}

// declaredError is an error an operation declares: the recorded response
// that carries it, its code and its sentinel.
type declaredError struct {
	file     string
	code     string
	sentinel error // nil: the code has no sentinel
}

// testDeclaredErrors checks that each declared error, as recorded, comes
// back as an *APIError of the operation, with its code and sentinel.
func testDeclaredErrors(t *testing.T, op string, call opCall, errs []declaredError) {
	t.Helper()
	for _, de := range errs {
		t.Run(de.file, func(t *testing.T) {
			resp := loadRecorded(t, de.file)
			client, _ := newRecordingClient(t, resp)
			out, err := call(context.Background(), client)
			var apiErr *cwlogs.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error = %v (output %v), want an *APIError", err, out)
			}
			got := [3]string{apiErr.Operation, apiErr.Code, apiErr.RequestID}
			want := [3]string{op, de.code, resp.Header.Get("X-Amzn-RequestId")}
			if got != want {
				t.Errorf("APIError {Operation, Code, RequestID} = %q, want %q", got, want)
			}
			if de.sentinel != nil && !errors.Is(err, de.sentinel) {
				t.Errorf("errors.Is(%v, %v) = false", err, de.sentinel)
			}
			if !isNilOutput(out) {
				t.Errorf("output = %#v with an error, want nil", out)
			}
		})
	}
}

// isNilOutput reports whether v, an operation's output, is a nil pointer.
func isNilOutput(v any) bool {
	switch v := v.(type) {
	case *cwlogs.GetIntegrationOutput:
		return v == nil
	case *cwlogs.PutIntegrationOutput:
		return v == nil
	case *cwlogs.ListIntegrationsOutput:
		return v == nil
	case *cwlogs.DeleteIntegrationOutput:
		return v == nil
	case *cwlogs.AssociateSourceToS3TableIntegrationOutput:
		return v == nil
	case *cwlogs.DisassociateSourceFromS3TableIntegrationOutput:
		return v == nil
	case *cwlogs.ListSourcesForS3TableIntegrationOutput:
		return v == nil
	}
	return v == nil
}

// testDecodes checks that the recorded response file decodes to want,
// metadata included.
func testDecodes(t *testing.T, call opCall, file string, want any) {
	t.Helper()
	resp := loadRecorded(t, file)
	client, _ := newRecordingClient(t, resp)
	got, err := call(context.Background(), client)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s decoded (-want +got):\n%s", file, diff)
	}
}

// testCancelledContext checks that a call with a cancelled context fails
// with the context's error and sends nothing.
func testCancelledContext(t *testing.T, call opCall, success string) {
	t.Helper()
	client, seen := newRecordingClient(t, loadRecorded(t, success))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	out, err := call(ctx, client)
	if !errors.Is(err, context.Canceled) || !isNilOutput(out) {
		t.Errorf("output %v, error %v; want context.Canceled", out, err)
	}
	if n := len(seen()); n != 0 {
		t.Errorf("server saw %d requests after the context was cancelled", n)
	}
}

// recordedMeta is the metadata of a one-attempt call answered by the
// recorded response file.
func recordedMeta(t *testing.T, file string) cwlogs.ResponseMetadata {
	t.Helper()
	resp := loadRecorded(t, file)
	return cwlogs.ResponseMetadata{RequestID: resp.Header.Get("X-Amzn-RequestId"), StatusCode: resp.StatusCode, Attempts: 1}
}

// testBadResponse checks that a success response whose body does not
// decode is an error that matches ErrInvalidResponse and names the
// operation and the wire path, whose text is wantCause.
func testBadResponse(t *testing.T, op string, call opCall, body, wantCause string) {
	t.Helper()
	client, _ := newRecordingClient(t, cwlogstest.Response{StatusCode: http.StatusOK, Body: []byte(body)})
	out, err := call(context.Background(), client)
	want := "cwlogs: " + op + ": invalid response: " + wantCause + " (status 200)"
	if err == nil || err.Error() != want || !errors.Is(err, cwlogs.ErrInvalidResponse) || !isNilOutput(out) {
		t.Errorf("output %v, error %v; want ErrInvalidResponse:\n%s", out, err, want)
	}
}

// testUnknownDeclaredError checks a declared error that may come after an
// operation that is not idempotent took effect (a 5xx other than
// throttling): answered, as recorded, to the call and to its check (whose
// requests are of the operations checks), it gives an unknown outcome
// whose Err is the *APIError of the operation, with its code and sentinel,
// which the unknown outcome does not match.
func testUnknownDeclaredError(t *testing.T, op, effect string, checks []string, call opCall, de declaredError) {
	t.Helper()
	t.Run(de.file, func(t *testing.T) {
		resp := loadRecorded(t, de.file)
		client, seen := newRecordingClient(t, resp)
		out, err := call(context.Background(), client)
		checkUnknown(t, err, op, effect, nil)
		var unknown *cwlogs.OutcomeUnknownError
		if !errors.As(err, &unknown) {
			t.Fatalf("error = %v (%T), want an *OutcomeUnknownError", err, err)
		}
		var apiErr *cwlogs.APIError
		if !errors.As(unknown.Err, &apiErr) {
			t.Fatalf("Err = %v, want an *APIError", unknown.Err)
		}
		got := [3]string{apiErr.Operation, apiErr.Code, apiErr.RequestID}
		want := [3]string{op, de.code, resp.Header.Get("X-Amzn-RequestId")}
		if got != want {
			t.Errorf("APIError {Operation, Code, RequestID} = %q, want %q", got, want)
		}
		if !errors.Is(unknown.Err, de.sentinel) {
			t.Errorf("errors.Is(%v, %v) = false", unknown.Err, de.sentinel)
		}
		if !isNilOutput(out) {
			t.Errorf("output = %#v with an error, want nil", out)
		}
		if targets := targetsOf(seen()); !slices.Equal(targets, append([]string{op}, checks...)) {
			t.Errorf("requests %q, want the call and its check %q", targets, checks)
		}
	})
}

// testBadSuccessUnknown checks that a 200 whose body does not decode, the
// answer of an operation that is not idempotent and of its check (whose
// requests are of the operations checks), gives an unknown outcome (the
// call took effect, or not) whose Err is the error testBadResponse
// describes.
func testBadSuccessUnknown(t *testing.T, op, effect string, checks []string, call opCall, body, wantCause string) {
	t.Helper()
	client, seen := newRecordingClient(t, cwlogstest.Response{StatusCode: http.StatusOK, Body: []byte(body)})
	out, err := call(context.Background(), client)
	checkUnknown(t, err, op, effect, nil)
	var unknown *cwlogs.OutcomeUnknownError
	if !errors.As(err, &unknown) || !isNilOutput(out) {
		t.Fatalf("output %v, error %v (%T); want an *OutcomeUnknownError", out, err, err)
	}
	want := "cwlogs: " + op + ": invalid response: " + wantCause + " (status 200)"
	if unknown.Err == nil || unknown.Err.Error() != want || !errors.Is(unknown.Err, cwlogs.ErrInvalidResponse) {
		t.Errorf("Err = %v; want ErrInvalidResponse:\n%s", unknown.Err, want)
	}
	if targets := targetsOf(seen()); !slices.Equal(targets, append([]string{op}, checks...)) {
		t.Errorf("requests %q, want the call and its check %q", targets, checks)
	}
}

// targetsOf returns the operations of requests.
func targetsOf(requests []sentRequest) []string {
	ops := make([]string, len(requests))
	for i, r := range requests {
		ops[i] = strings.TrimPrefix(r.target, "Logs_20140328.")
	}
	return ops
}
