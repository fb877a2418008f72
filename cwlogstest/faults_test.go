package cwlogstest_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// opCounts counts the requests srv received by operation.
func opCounts(srv *cwlogstest.Server) map[Operation]int {
	c := map[Operation]int{}
	for _, r := range srv.Requests() {
		c[r.Operation]++
	}
	return c
}

// listNames returns the names ListIntegrations shows, through a raw request.
func listNames(t *testing.T, srv *cwlogstest.Server) string {
	t.Helper()
	_, body := call(t, srv, cwlogstest.ListIntegrations, `{}`)
	return string(body)
}

func TestServerFailNext(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		fails    int
		wantErr  string // the code of the error, "" for a success
		wantPuts int
		// wantGets counts the client's GetIntegration: after a 503, which
		// may have taken effect, the client reads the state before it
		// returns an error.
		wantGets int
	}{
		{"two 503 then created", 2, "", 3, 0},
		{"three 503: the call fails, nothing created", 3, "ServiceUnavailableException", 3, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			srv.FailNext(cwlogstest.PutIntegration, tt.fails, 503, "ServiceUnavailableException", "try later")
			client := newClient(t, srv)
			// Other operations are not failed.
			if _, err := client.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{}); err != nil {
				t.Fatal(err)
			}
			_, err := client.PutIntegration(ctx, putInput("x"))
			if apiCode(err) != tt.wantErr {
				t.Fatalf("PutIntegration: %v, want code %q", err, tt.wantErr)
			}
			want := map[Operation]int{cwlogstest.PutIntegration: tt.wantPuts, cwlogstest.ListIntegrations: 1}
			if tt.wantGets > 0 {
				want[cwlogstest.GetIntegration] = tt.wantGets
			}
			if diff := cmp.Diff(want, opCounts(srv)); diff != "" {
				t.Errorf("requests by operation mismatch (-want +got):\n%s", diff)
			}
			created := strings.Contains(listNames(t, srv), `"x"`)
			if created != (tt.wantErr == "") {
				t.Errorf("integration created: %v, want %v", created, tt.wantErr == "")
			}
		})
	}
}

func TestServerEnqueueFor(t *testing.T) {
	srv := newServer(t)
	srv.Enqueue(cwlogstest.ErrorResponse(503, "ServiceUnavailableException", "global"))
	srv.EnqueueFor(cwlogstest.ListIntegrations, cwlogstest.ErrorResponse(500, "InternalFailure", "list"))
	if err := srv.EnqueueRecorded(cwlogstest.ListIntegrations, cwlogstest.UnknownValues); err != nil {
		t.Fatal(err)
	}
	if err := srv.EnqueueRecorded(cwlogstest.ListIntegrations, cwlogstest.Active); err == nil {
		t.Error("EnqueueRecorded of a name ListIntegrations has no response of: no error")
	}
	steps := []struct {
		op      Operation
		body    string
		want    answer
		body200 string
	}{
		{cwlogstest.GetIntegration, activeBody, answer{503, "ServiceUnavailableException", "global"}, ""},
		{cwlogstest.GetIntegration, activeBody, answer{Status: 200}, ""},
		{cwlogstest.ListIntegrations, `{}`, answer{500, "InternalFailure", "list"}, ""},
		{cwlogstest.ListIntegrations, `{}`, answer{Status: 200}, "cwl-splunk"},
		{cwlogstest.ListIntegrations, `{}`, answer{Status: 200}, `{"integrationSummaries":[]}`},
	}
	for i, st := range steps {
		got, body := call(t, srv, st.op, st.body)
		if diff := cmp.Diff(st.want, got); diff != "" {
			t.Errorf("step %d (%s) mismatch (-want +got):\n%s", i, st.op, diff)
		}
		if !strings.Contains(string(body), st.body200) {
			t.Errorf("step %d (%s): body %s, want it to hold %s", i, st.op, body, st.body200)
		}
	}
}

// TestServerBreakNext breaks the connection after a request took effect:
// the client cannot know that it did, and reads the state to learn it.
func TestServerBreakNext(t *testing.T) {
	ctx := context.Background()
	srv := newServer(t)
	srv.BreakNext(cwlogstest.PutIntegration, 1)
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
		o.Clock = func() time.Time { return serverNow }
		o.RetryMaxAttempts = 1
	})
	if err != nil {
		t.Fatal(err)
	}
	put, err := client.PutIntegration(ctx, putInput("x"))
	if err != nil || !put.ResultMetadata.Confirmed || put.ResultMetadata.Attempts != 1 {
		t.Fatalf("PutIntegration on a broken connection: %+v, %v; want a success confirmed after one attempt", put, err)
	}
	// It was created all the same.
	out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"})
	if err != nil || out.IntegrationStatus != cwlogs.IntegrationStatusProvisioning {
		t.Fatalf("GetIntegration after the broken create: %v, %v", out, err)
	}
	// Only the next one was broken.
	if _, err := client.PutIntegration(ctx, putInput("y")); apiCode(err) != "LimitExceededException" {
		t.Errorf("PutIntegration after: %v, want LimitExceededException", err)
	}

	srv.BreakNext(cwlogstest.DeleteIntegration, 1)
	del, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
	if err != nil || !del.ResultMetadata.Confirmed {
		t.Fatalf("DeleteIntegration on a broken connection: %+v, %v; want a confirmed success", del, err)
	}
	if names := listNames(t, srv); names != `{"integrationSummaries":[]}` {
		t.Errorf("after the broken delete, list = %s, want none", names)
	}
}

// TestServerBreakNextRetried lets the client retry a create whose first
// attempt was broken: the retry meets the integration the first one made,
// and the client confirms it with GetIntegration.
func TestServerBreakNextRetried(t *testing.T) {
	ctx := context.Background()
	srv := newServer(t)
	srv.BreakNext(cwlogstest.PutIntegration, 1)
	client := newClient(t, srv)
	out, err := client.PutIntegration(ctx, putInput("x"))
	if err != nil {
		t.Fatalf("PutIntegration: %v, want a success confirmed after the broken attempt", err)
	}
	want := &cwlogs.PutIntegrationOutput{
		IntegrationName:   "x",
		IntegrationStatus: cwlogs.IntegrationStatusProvisioning,
		ResultMetadata: cwlogs.ResponseMetadata{
			// GetIntegration's answer, the third request.
			RequestID:  "00000000-0000-4000-8000-000000000003",
			StatusCode: 200,
			Attempts:   2,
			Confirmed:  true,
		},
	}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("PutIntegration mismatch (-want +got):\n%s", diff)
	}
	wantCounts := map[Operation]int{cwlogstest.PutIntegration: 2, cwlogstest.GetIntegration: 1}
	if diff := cmp.Diff(wantCounts, opCounts(srv)); diff != "" {
		t.Errorf("requests by operation mismatch (-want +got):\n%s", diff)
	}
	if names := listNames(t, srv); !strings.Contains(names, `"x"`) {
		t.Errorf("list = %s, want x", names)
	}
}

// TestServerLatency holds the creates of x for an hour: a call whose
// attempt timeout is shorter ends with that timeout, whatever the timing
// (its request written before the timeout fired or not), the held create
// is not processed, other names are not delayed, and a latency of zero
// lets the next create of x through. That a held request is processed
// once its latency has passed, its client gone, is
// TestLatencyOutlivesTheClient's.
func TestServerLatency(t *testing.T) {
	ctx := context.Background()
	srv := newServer(t)
	srv.SetLatency("x", time.Hour)
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
		o.Clock = func() time.Time { return serverNow }
		o.RetryMaxAttempts = 1
	})
	if err != nil {
		t.Fatal(err)
	}
	// Only this call has a short attempt timeout: the others, on a loaded
	// machine, must not fail for want of time.
	short := func(o *cwlogs.Options) { o.AttemptTimeout = 20 * time.Millisecond }
	_, err = client.PutIntegration(ctx, putInput("x"), short)
	// A request written before the timeout may have taken effect: the
	// outcome is unknown, as the client's check (GetIntegration of x) is
	// held too. One not written yet ends with the timeout alone.
	var unknown *cwlogs.OutcomeUnknownError
	last := err
	if errors.As(err, &unknown) {
		last = unknown.Err
	}
	if !errors.Is(last, cwlogs.ErrAttemptTimeout) {
		t.Fatalf("PutIntegration with latency over the attempt timeout: %v, want an attempt timeout", err)
	}
	if names := listNames(t, srv); names != `{"integrationSummaries":[]}` {
		t.Errorf("while the create is held, list = %s, want none", names)
	}
	// Other names are not delayed; a latency of zero removes it.
	if _, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "active"}); err != nil {
		t.Errorf("GetIntegration of another name: %v", err)
	}
	srv.SetLatency("x", 0)
	if _, err := client.PutIntegration(ctx, putInput("x")); err != nil {
		t.Errorf("PutIntegration after SetLatency(x, 0): %v", err)
	}
}

func TestServerHang(t *testing.T) {
	srv := newServer(t)
	srv.Hang("x")
	client := newClient(t, srv)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := client.PutIntegration(ctx, putInput("x")); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("PutIntegration of a hung name: %v, want the context's deadline", err)
	}
	// Held, not processed.
	if names := listNames(t, srv); names != `{"integrationSummaries":[]}` {
		t.Errorf("after a hung create, list = %s, want none", names)
	}
	if n := opCounts(srv)[cwlogstest.PutIntegration]; n == 0 {
		t.Error("the hung request is not in Requests")
	}
	srv.SetLatency("x", 0)
	if _, err := client.PutIntegration(context.Background(), putInput("x")); err != nil {
		t.Errorf("PutIntegration after SetLatency(x, 0): %v", err)
	}
}

// TestServerCloseEndsHungRequests closes a server while requests hang on
// it with no deadline: Close returns and so do the calls.
func TestServerCloseEndsHungRequests(t *testing.T) {
	srv := cwlogstest.NewServer()
	srv.Hang("x")
	srv.SetLatency("y", time.Hour)
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.AttemptTimeout = -1; o.RetryMaxAttempts = 1 })
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 2)
	for _, name := range []string{"x", "y"} {
		go func() {
			_, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: name})
			errs <- err
		}()
	}
	for len(srv.Requests()) < 2 {
		runtime.Gosched()
		time.Sleep(time.Millisecond)
	}
	start := time.Now()
	srv.Close()
	// Close bounds its wait at a few seconds; it should not need to wait.
	if d := time.Since(start); d > 1500*time.Millisecond {
		t.Errorf("Close took %v with hung requests", d)
	}
	for range 2 {
		select {
		case err := <-errs:
			if err == nil {
				t.Error("a hung call returned no error")
			}
		case <-time.After(10 * time.Second):
			t.Fatal("a hung call did not return after Close")
		}
	}
	srv.Close() // twice is fine
}

// TestServerCloseAnswersNoHeldRequest closes the server while a
// DeleteIntegration is held by Hang or SetLatency: the call must fail (the
// request was not processed), never see a 200 that it takes for a
// success.
func TestServerCloseAnswersNoHeldRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		hold func(*cwlogstest.Server)
	}{
		{"hang", func(srv *cwlogstest.Server) { srv.Hang("x") }},
		{"latency", func(srv *cwlogstest.Server) { srv.SetLatency("x", time.Hour) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := cwlogstest.NewServer()
			defer srv.Close()
			client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.AttemptTimeout = -1; o.RetryMaxAttempts = 1 })
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if _, err := client.PutIntegration(ctx, putInput("x")); err != nil {
				t.Fatal(err)
			}
			tt.hold(srv)
			errs := make(chan error, 1)
			go func() {
				_, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
				errs <- err
			}()
			for len(srv.Requests()) < 2 {
				time.Sleep(time.Millisecond)
			}
			srv.Close()
			select {
			case err := <-errs:
				if err == nil {
					t.Error("DeleteIntegration held until Close: success, want an error (the kit did not process it)")
				}
			case <-time.After(10 * time.Second):
				t.Fatal("DeleteIntegration held until Close did not return")
			}
		})
	}
}

// TestServerBreakNextAfterQueued sets both an error to answer and a broken
// connection for PutIntegration: the error is answered first, as set, and
// the break applies to the next request, which is processed (BreakNext:
// "the client sees a connection error after the request took effect"),
// and which the client confirms.
func TestServerBreakNextAfterQueued(t *testing.T) {
	t.Parallel()
	srv := newServer(t)
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.RetryMaxAttempts = 1; o.Clock = func() time.Time { return serverNow } })
	if err != nil {
		t.Fatal(err)
	}
	srv.FailNext(cwlogstest.PutIntegration, 1, 503, "ServiceUnavailableException", "try later")
	srv.BreakNext(cwlogstest.PutIntegration, 1)
	ctx := context.Background()
	_, err = client.PutIntegration(ctx, putInput("x"))
	if got := apiCode(err); got != "ServiceUnavailableException" {
		t.Errorf("first PutIntegration: %v, want the ServiceUnavailableException set by FailNext", err)
	}
	if names := listNames(t, srv); strings.Contains(names, `"x"`) {
		t.Errorf("after the first PutIntegration, list = %s, want nothing created", names)
	}
	if out, err := client.PutIntegration(ctx, putInput("x")); err != nil || !out.ResultMetadata.Confirmed {
		t.Errorf("second PutIntegration: %+v, %v; want a success confirmed after the broken connection", out, err)
	}
	if names := listNames(t, srv); !strings.Contains(names, `"x"`) {
		t.Errorf("after the broken PutIntegration, list = %s, want x created", names)
	}
}

// TestServerBreakNextConfirmed breaks the connection after the kit created
// or deleted the integration: the client's retry meets the integration
// the first attempt made (LimitExceededException) or finds it gone
// (ResourceNotFoundException), and the call succeeds, confirmed with
// GetIntegration, as a change that took effect.
func TestServerBreakNextConfirmed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	srv := newServer(t)
	client := newClient(t, srv)
	srv.BreakNext(cwlogstest.PutIntegration, 1)
	out, err := client.PutIntegration(ctx, putInput("x"))
	if err != nil {
		t.Fatalf("PutIntegration whose first attempt created x and broke: %v, want a confirmed success", err)
	}
	if out.IntegrationName != "x" || !out.ResultMetadata.Confirmed {
		t.Errorf("PutIntegration output names %q, Confirmed %v; want x, confirmed", out.IntegrationName, out.ResultMetadata.Confirmed)
	}
	srv.BreakNext(cwlogstest.DeleteIntegration, 1)
	del, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
	if err != nil {
		t.Fatalf("DeleteIntegration whose first attempt deleted x and broke: %v, want a confirmed success", err)
	}
	if !del.ResultMetadata.Confirmed {
		t.Errorf("DeleteIntegration: Confirmed false, want true")
	}
}

// TestFaultSettersRefuseMisuse sets faults that cannot be meant: each
// setter panics with a message that names it and the argument, sets
// nothing (ListIntegrations, the operation faulted, still answers as
// usual, twice), and the server goes on serving.
func TestFaultSettersRefuseMisuse(t *testing.T) {
	list := cwlogstest.ListIntegrations
	errorStatus := func(status int, code string) string {
		return fmt.Sprintf("cwlogstest: FailNext: status is %d, want an error status for the code %q: 400 to 599 (or 0 for 400)", status, code)
	}
	tests := []struct {
		name string
		set  func(*cwlogstest.Server)
		want string
	}{
		{"FailNext 200 with an error code", func(s *cwlogstest.Server) { s.FailNext(list, 1, 200, "LimitExceededException", "exists") },
			errorStatus(200, "LimitExceededException")},
		{"FailNext 99", func(s *cwlogstest.Server) { s.FailNext(list, 1, 99, "ThrottlingException", "") }, errorStatus(99, "ThrottlingException")},
		{"FailNext 100", func(s *cwlogstest.Server) { s.FailNext(list, 1, 100, "ThrottlingException", "") }, errorStatus(100, "ThrottlingException")},
		{"FailNext 302", func(s *cwlogstest.Server) { s.FailNext(list, 1, 302, "ThrottlingException", "") }, errorStatus(302, "ThrottlingException")},
		{"FailNext 399", func(s *cwlogstest.Server) { s.FailNext(list, 1, 399, "ThrottlingException", "") }, errorStatus(399, "ThrottlingException")},
		{"FailNext 600", func(s *cwlogstest.Server) { s.FailNext(list, 1, 600, "ThrottlingException", "") }, errorStatus(600, "ThrottlingException")},
		{"FailNext 1000", func(s *cwlogstest.Server) { s.FailNext(list, 1, 1000, "ThrottlingException", "") }, errorStatus(1000, "ThrottlingException")},
		{"FailNext -1", func(s *cwlogstest.Server) { s.FailNext(list, 1, -1, "ThrottlingException", "") }, errorStatus(-1, "ThrottlingException")},
		{"FailNext negative n", func(s *cwlogstest.Server) { s.FailNext(list, -1, 503, "ServiceUnavailableException", "") },
			"cwlogstest: FailNext: n is -1, want 0 or more"},
		{"FailNext of an operation not served", func(s *cwlogstest.Server) { s.FailNext("ListIntegration", 1, 503, "ServiceUnavailableException", "") },
			`cwlogstest: FailNext: op "ListIntegration" is not an operation the server serves (want one of ` + fmt.Sprintf("%q", sortedOperations()) + ")"},
		{"BreakNext negative n", func(s *cwlogstest.Server) { s.BreakNext(list, -2) }, "cwlogstest: BreakNext: n is -2, want 0 or more"},
		{"BreakNext of an operation not served", func(s *cwlogstest.Server) { s.BreakNext("", 1) },
			`cwlogstest: BreakNext: op "" is not an operation the server serves (want one of ` + fmt.Sprintf("%q", sortedOperations()) + ")"},
		{"EnqueueFor status 1000", func(s *cwlogstest.Server) { s.EnqueueFor(list, cwlogstest.Response{StatusCode: 1000}) },
			"cwlogstest: EnqueueFor: rs[0].StatusCode is 1000, want a final HTTP status, 200 to 599 (or 0 for 200)"},
		{"EnqueueFor of an operation not served", func(s *cwlogstest.Server) { s.EnqueueFor("Nothing", cwlogstest.Response{}) },
			`cwlogstest: EnqueueFor: op "Nothing" is not an operation the server serves (want one of ` + fmt.Sprintf("%q", sortedOperations()) + ")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			if diff := cmp.Diff(tt.want, panicOf(func() { tt.set(srv) })); diff != "" {
				t.Errorf("panic mismatch (-want +got):\n%s", diff)
			}
			for i := range 2 {
				if got, body := call(t, srv, list, `{}`); got.Status != 200 || string(body) != `{"integrationSummaries":[]}` {
					t.Errorf("ListIntegrations %d after the refused fault: %+v %s, want 200 and no integration", i+1, got, body)
				}
			}
		})
	}
}

// TestFailNextStatusBounds fails ListIntegrations with the bounds of the
// error statuses: each is answered as set, and a status of zero is 400.
func TestFailNextStatusBounds(t *testing.T) {
	srv := newServer(t)
	for _, status := range []int{0, 400, 599} {
		srv.FailNext(cwlogstest.ListIntegrations, 1, status, "FooException", "m")
	}
	srv.FailNext(cwlogstest.ListIntegrations, 0, 503, "ServiceUnavailableException", "")
	var got []answer
	for range 4 {
		a, _ := call(t, srv, cwlogstest.ListIntegrations, `{}`)
		got = append(got, a)
	}
	want := []answer{{400, "FooException", "m"}, {400, "FooException", "m"}, {599, "FooException", "m"}, {Status: 200}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers mismatch (-want +got):\n%s", diff)
	}
}

// TestFailNextWithoutCode fails requests with errors without a code, as a
// proxy or load balancer in front of the service sends them: the kit
// accepts them, and answers with the status alone, no X-Amzn-ErrorType,
// no __type and no request id, the message (if any) in a JSON body. The
// client names such an error after its status.
func TestFailNextWithoutCode(t *testing.T) {
	srv := newServer(t)
	srv.FailNext(cwlogstest.GetIntegration, 1, 502, "", "Bad Gateway")
	srv.FailNext(cwlogstest.GetIntegration, 1, 0, "", "")
	srv.FailNext(cwlogstest.GetIntegration, 1, 503, "", "")
	type raw struct {
		Status               int
		ErrorType, RequestID string
		ContentType, Body    string
	}
	var got []raw
	for range 2 {
		resp, body := do(t, srv, handRequest{})
		got = append(got, raw{resp.StatusCode, resp.Header.Get("X-Amzn-ErrorType"), resp.Header.Get("X-Amzn-RequestId"),
			resp.Header.Get("Content-Type"), string(body)})
	}
	want := []raw{
		{Status: 502, ContentType: "application/json", Body: `{"message":"Bad Gateway"}`},
		{Status: 400, ContentType: "application/json", Body: `{}`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers mismatch (-want +got):\n%s", diff)
	}
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
		o.Clock = func() time.Time { return serverNow }
		o.RetryMaxAttempts = 1
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "active"})
	var apiErr *cwlogs.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "503" || apiErr.StatusCode != 503 || apiErr.Message != "" || apiErr.RequestID != "" {
		t.Errorf("GetIntegration after FailNext(503, no code): %v, want an API error of code 503 without a message or request id", err)
	}
	for _, r := range srv.Requests() {
		if r.Rejected != "" {
			t.Errorf("request %s rejected with %q, want it passed to the fault", r.Operation, r.Rejected)
		}
	}
}

// sortedOperations returns servedOperations sorted, as the kit lists them
// in its messages.
func sortedOperations() []Operation {
	return slices.Sorted(slices.Values(servedOperations))
}

// step is a raw request of a test of targeted faults, and the answer it
// wants.
type step struct {
	op   Operation
	body string
	want answer
}

// TestServerFailOn sets targeted faults and sends raw requests: each fault
// hits the requests its Match selects, counted from when it is set.
func TestServerFailOn(t *testing.T) {
	get := func(name string) string { return `{"integrationName":"` + name + `"}` }
	throttled := answer{400, "ThrottlingException", "Rate exceeded"}
	ok := answer{Status: 200}
	missing := func(name string) answer {
		return answer{400, "ResourceNotFoundException", "Integration " + name + " does not exist."}
	}
	listArn := `{"integrationArn":"` + tableArn + `"}`
	tests := []struct {
		name string
		// before are sent before the fault is set, after after it.
		before []step
		set    func(*cwlogstest.Server)
		after  []step
	}{
		{name: "the third call of an operation",
			set: func(s *cwlogstest.Server) {
				s.FailOn(cwlogstest.Match{Op: cwlogstest.GetIntegration, Nth: 3}, 400, "ThrottlingException", "Rate exceeded")
			},
			after: []step{
				{cwlogstest.GetIntegration, get("active"), ok},
				{cwlogstest.ListIntegrations, `{}`, ok},
				{cwlogstest.GetIntegration, get("active"), ok},
				{cwlogstest.GetIntegration, get("b"), throttled},
				{cwlogstest.GetIntegration, get("active"), ok},
			}},
		{name: "counted from when it is set",
			before: []step{{cwlogstest.GetIntegration, get("active"), ok}, {cwlogstest.GetIntegration, get("active"), ok}},
			set: func(s *cwlogstest.Server) {
				s.FailOn(cwlogstest.Match{Op: cwlogstest.GetIntegration, Nth: 2}, 400, "ThrottlingException", "Rate exceeded")
			},
			after: []step{{cwlogstest.GetIntegration, get("active"), ok}, {cwlogstest.GetIntegration, get("active"), throttled}}},
		{name: "by integration name, whatever the operation",
			set: func(s *cwlogstest.Server) {
				s.FailOn(cwlogstest.Match{Target: "x", Nth: 2}, 503, "ServiceUnavailableException", "later")
			},
			after: []step{
				{cwlogstest.GetIntegration, get("x"), missing("x")},
				{cwlogstest.GetIntegration, get("y"), missing("y")},
				{cwlogstest.ListIntegrations, `{"integrationNamePrefix":"x"}`, ok},
				{cwlogstest.DeleteIntegration, get("x"), answer{503, "ServiceUnavailableException", "later"}},
				{cwlogstest.DeleteIntegration, get("x"), missing("x")},
			}},
		{name: "by S3 Table integration ARN",
			set: func(s *cwlogstest.Server) {
				s.FailOn(cwlogstest.Match{Target: tableArn}, 500, "InternalServerException", "")
			},
			after: []step{
				{disassociateOp, `{"identifier":"` + tableArn + `x"}`, answer{400, "ResourceNotFoundException", "Source " + tableArn + "x not found."}},
				{listSourcesOp, listArn, answer{Status: 500, Code: "InternalServerException"}},
				{listSourcesOp, listArn, ok},
			}},
		{name: "by source identifier",
			set: func(s *cwlogstest.Server) {
				s.FailOn(cwlogstest.Match{Op: disassociateOp, Target: "src-1"}, 400, "AccessDeniedException", "no")
			},
			after: []step{
				{listSourcesOp, listArn, ok},
				{disassociateOp, `{"identifier":"src-2"}`, answer{400, "ResourceNotFoundException", "Source src-2 not found."}},
				{disassociateOp, `{"identifier":"src-1"}`, answer{400, "AccessDeniedException", "no"}},
			}},
		{name: "after n requests",
			set: func(s *cwlogstest.Server) {
				s.FailOn(cwlogstest.Match{Nth: 3 + 1}, 400, "ThrottlingException", "Rate exceeded")
			},
			after: []step{
				{cwlogstest.GetIntegration, get("active"), ok},
				{cwlogstest.ListIntegrations, `{}`, ok},
				{listSourcesOp, listArn, ok},
				{cwlogstest.PutIntegration, putBody("x", nil), throttled},
				{cwlogstest.ListIntegrations, `{}`, ok},
			}},
		{name: "times in a row",
			set: func(s *cwlogstest.Server) {
				s.FailOn(cwlogstest.Match{Op: cwlogstest.ListIntegrations, Nth: 2, Times: 2}, 400, "ThrottlingException", "Rate exceeded")
			},
			after: []step{
				{cwlogstest.ListIntegrations, `{}`, ok},
				{cwlogstest.ListIntegrations, `{}`, throttled},
				{cwlogstest.ListIntegrations, `{}`, throttled},
				{cwlogstest.ListIntegrations, `{}`, ok},
			}},
		{name: "requests refused by the checks do not count",
			set: func(s *cwlogstest.Server) {
				s.FailOn(cwlogstest.Match{Op: cwlogstest.GetIntegration, Nth: 2}, 400, "ThrottlingException", "Rate exceeded")
			},
			after: []step{
				{cwlogstest.GetIntegration, `{}`, answer{400, "ValidationException", "1 validation error detected: Value null at 'integrationName' failed to satisfy constraint: Member must not be null"}},
				{cwlogstest.GetIntegration, get("active"), ok},
				{cwlogstest.GetIntegration, get("active"), throttled},
			}},
		{name: "before the queues, which answer the requests after",
			set: func(s *cwlogstest.Server) {
				s.Enqueue(cwlogstest.ErrorResponse(503, "ServiceUnavailableException", "queued"))
				s.FailNext(cwlogstest.GetIntegration, 1, 500, "InternalFailure", "failed next")
				s.FailOn(cwlogstest.Match{}, 400, "ThrottlingException", "Rate exceeded")
			},
			after: []step{
				{cwlogstest.GetIntegration, get("active"), throttled},
				{cwlogstest.GetIntegration, get("active"), answer{503, "ServiceUnavailableException", "queued"}},
				{cwlogstest.GetIntegration, get("active"), answer{500, "InternalFailure", "failed next"}},
				{cwlogstest.GetIntegration, get("active"), ok},
			}},
		{name: "two faults on one request: the first set answers",
			set: func(s *cwlogstest.Server) {
				s.FailOn(cwlogstest.Match{Op: cwlogstest.GetIntegration}, 400, "ThrottlingException", "Rate exceeded")
				s.FailOn(cwlogstest.Match{Target: "active", Times: 2}, 400, "AccessDeniedException", "second")
			},
			after: []step{
				{cwlogstest.GetIntegration, get("active"), throttled},
				{cwlogstest.GetIntegration, get("active"), answer{400, "AccessDeniedException", "second"}},
				{cwlogstest.GetIntegration, get("active"), ok},
			}},
		{name: "AnswerOn",
			set: func(s *cwlogstest.Server) {
				s.AnswerOn(cwlogstest.Match{Op: cwlogstest.PutIntegration, Nth: 2},
					cwlogstest.Response{Body: []byte(`{"integrationName":"y","integrationStatus":"PROVISIONING"}`)})
			},
			after: []step{
				{cwlogstest.PutIntegration, putBody("x", nil), ok},
				// Answered, not processed: the limit would refuse it.
				{cwlogstest.PutIntegration, putBody("y", nil), ok},
				{cwlogstest.PutIntegration, putBody("y", nil), answer{400, "LimitExceededException", "An integration already exists for this account: x."}},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			run := func(steps []step) {
				t.Helper()
				for i, st := range steps {
					got, body := call(t, srv, st.op, st.body)
					if st.want.Message == "" {
						got.Message = ""
					}
					if diff := cmp.Diff(st.want, got); diff != "" {
						t.Errorf("step %d (%s %s) mismatch (-want +got):\n%s\nbody: %s", i, st.op, st.body, diff, body)
					}
				}
			}
			run(tt.before)
			tt.set(srv)
			run(tt.after)
		})
	}
}

// TestServerBreakOn breaks the connection of the second create after the
// kit processed it: the client confirms it, and the integration exists.
func TestServerBreakOn(t *testing.T) {
	ctx := context.Background()
	srv := newServer(t)
	srv.SetIntegrationLimit(2)
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
		o.Clock = func() time.Time { return serverNow }
		o.RetryMaxAttempts = 1
	})
	if err != nil {
		t.Fatal(err)
	}
	srv.BreakOn(cwlogstest.Match{Op: cwlogstest.PutIntegration, Nth: 2})
	if _, err := client.PutIntegration(ctx, putInput("a")); err != nil {
		t.Fatalf("first PutIntegration: %v", err)
	}
	if out, err := client.PutIntegration(ctx, putInput("b")); err != nil || !out.ResultMetadata.Confirmed {
		t.Fatalf("second PutIntegration: %+v, %v; want a success confirmed after the broken connection", out, err)
	}
	if names := listNames(t, srv); !strings.Contains(names, `"b"`) {
		t.Errorf("list = %s, want b created", names)
	}
}

// TestServerFailOnWaiterPoll throttles every attempt of the third poll of
// a waiter: the waiter's third poll fails with ErrThrottling, and the
// waiter goes on to ACTIVE.
func TestServerFailOnWaiterPoll(t *testing.T) {
	srv := newServer(t)
	if err := srv.SeedIntegration(cwlogstest.Integration{Name: "logs", Lifecycle: cwlogstest.Lifecycle{Polls: 2}}); err != nil {
		t.Fatal(err)
	}
	srv.FailOn(cwlogstest.Match{Op: cwlogstest.GetIntegration, Target: "logs", Nth: 3, Times: cwlogs.DefaultRetryMaxAttempts},
		400, "ThrottlingException", "Rate exceeded")
	var polls []string
	waiter := cwlogs.NewIntegrationActiveWaiter(newClient(t, srv), func(o *cwlogs.IntegrationActiveWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
		o.OnPoll = func(p cwlogs.WaitPoll) {
			if p.Err != nil {
				polls = append(polls, fmt.Sprintf("%d: throttled %v", p.Attempt, errors.Is(p.Err, cwlogs.ErrThrottling)))
				return
			}
			polls = append(polls, fmt.Sprintf("%d: %s", p.Attempt, p.Output.IntegrationStatus))
		}
	})
	if err := waiter.Wait(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "logs"}, time.Minute); err != nil {
		t.Fatal(err)
	}
	want := []string{"1: PROVISIONING", "2: PROVISIONING", "3: throttled true", "4: ACTIVE"}
	if diff := cmp.Diff(want, polls); diff != "" {
		t.Errorf("polls mismatch (-want +got):\n%s", diff)
	}
}

// TestTargetedFaultsRefuseMisuse sets targeted faults that cannot be
// meant: each panics with a message that names the function and the
// argument, and sets nothing.
func TestTargetedFaultsRefuseMisuse(t *testing.T) {
	tests := []struct {
		name string
		set  func(*cwlogstest.Server)
		want string
	}{
		{"FailOn a 200", func(s *cwlogstest.Server) { s.FailOn(cwlogstest.Match{}, 200, "ThrottlingException", "") },
			`cwlogstest: FailOn: status is 200, want an error status for the code "ThrottlingException": 400 to 599 (or 0 for 400)`},
		{"FailOn -1", func(s *cwlogstest.Server) { s.FailOn(cwlogstest.Match{}, -1, "ThrottlingException", "") },
			`cwlogstest: FailOn: status is -1, want an error status for the code "ThrottlingException": 400 to 599 (or 0 for 400)`},
		{"FailOn a negative Nth", func(s *cwlogstest.Server) { s.FailOn(cwlogstest.Match{Nth: -1}, 503, "X", "") },
			"cwlogstest: FailOn: m.Nth is -1, want 0 or more"},
		{"BreakOn a negative Times", func(s *cwlogstest.Server) { s.BreakOn(cwlogstest.Match{Times: -3}) },
			"cwlogstest: BreakOn: m.Times is -3, want 0 or more"},
		{"BreakOn an operation not served", func(s *cwlogstest.Server) { s.BreakOn(cwlogstest.Match{Op: "GetIntegrations"}) },
			`cwlogstest: BreakOn: op "GetIntegrations" is not an operation the server serves (want one of ` + fmt.Sprintf("%q", sortedOperations()) + ")"},
		{"AnswerOn a status of 1000", func(s *cwlogstest.Server) { s.AnswerOn(cwlogstest.Match{}, cwlogstest.Response{StatusCode: 1000}) },
			"cwlogstest: AnswerOn: r.StatusCode is 1000, want a final HTTP status, 200 to 599 (or 0 for 200)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			if diff := cmp.Diff(tt.want, panicOf(func() { tt.set(srv) })); diff != "" {
				t.Errorf("panic mismatch (-want +got):\n%s", diff)
			}
			for i := range 2 {
				if got, body := call(t, srv, cwlogstest.ListIntegrations, `{}`); got.Status != 200 {
					t.Errorf("ListIntegrations %d after the refused fault: %+v %s, want 200", i+1, got, body)
				}
			}
		})
	}
}
