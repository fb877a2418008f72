package compat_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// outcome is what one client made of one response, in terms both clients
// can be compared in: the output mapped onto cwlogs values, or the error's
// parts.
type outcome struct {
	Output *cwlogs.GetIntegrationOutput
	Err    *errorView
}

// errorView is the comparable part of an error.
type errorView struct {
	// Kind is "api" for an error the service answered with (a
	// smithy.APIError), "decode" for a response the client could not
	// decode, and "other" otherwise.
	Kind       string
	Code       string
	Message    string
	StatusCode int
	RequestID  string
}

// officialOutcome views a result of the official client. The code and
// message come from smithy.APIError, the status and request id from
// *awshttp.ResponseError.
func officialOutcome(out *cloudwatchlogs.GetIntegrationOutput, err error) outcome {
	if err == nil {
		return outcome{Output: fromOfficial(out)}
	}
	v := &errorView{Kind: "other"}
	var apiErr smithy.APIError
	var decodeErr *smithy.DeserializationError
	switch {
	case errors.As(err, &apiErr):
		v.Kind, v.Code, v.Message = "api", apiErr.ErrorCode(), apiErr.ErrorMessage()
	case errors.As(err, &decodeErr):
		v.Kind = "decode"
	}
	var respErr *awshttp.ResponseError
	if errors.As(err, &respErr) {
		v.StatusCode, v.RequestID = respErr.HTTPStatusCode(), respErr.ServiceRequestID()
	}
	return outcome{Err: v}
}

// cwlogsOutcome views a result of the cwlogs client.
func cwlogsOutcome(out *cwlogs.GetIntegrationOutput, err error) outcome {
	if err == nil {
		return outcome{Output: out}
	}
	v := &errorView{Kind: "other"}
	var apiErr *cwlogs.APIError
	var respErr *cwlogs.ResponseError
	switch {
	case errors.As(err, &apiErr):
		v.Kind, v.Code, v.Message = "api", apiErr.Code, apiErr.Message
		v.StatusCode, v.RequestID = apiErr.StatusCode, apiErr.RequestID
	case errors.As(err, &respErr) && errors.Is(err, cwlogs.ErrInvalidResponse):
		v.Kind = "decode"
		v.StatusCode, v.RequestID = respErr.StatusCode, respErr.RequestID
	}
	return outcome{Err: v}
}

// difference is a way in which the two clients differ on purpose.
type difference struct {
	// name names the difference in test output and in BENCHMARKS.md.
	name string
	// check asserts that the clients differ exactly so on the recorded
	// response named fixture, whose body is body.
	check func(t *testing.T, fixture string, body []byte, official, cw outcome)
}

// The differences, by the recorded responses that show them. Every other
// recorded response must give the same outcome from both clients.
var (
	// unknownMemberKept: a union member this SDK does not know (a member
	// added by the service later). The official SDK drops it and returns
	// nil details; cwlogs returns *UnknownIntegrationDetails with the
	// member's name and its JSON as it arrived. Both ignore "__type" and
	// members whose value is null in choosing the member.
	unknownMemberKept = difference{"unknown union member: official nil, cwlogs *UnknownIntegrationDetails", checkUnknownMemberKept}
	// emptyUnionRefused: integrationDetails is {}. The official SDK
	// returns nil details; cwlogs refuses the response (ErrInvalidResponse),
	// as botocore does, since a union must have exactly one member.
	emptyUnionRefused = difference{"empty union {}: official nil details, cwlogs error", checkEmptyUnionRefused}
	// twoMembersRefused: integrationDetails has two non-null members. The
	// official SDK returns the member it knows and drops the other without
	// an error; cwlogs refuses the response, as botocore does.
	twoMembersRefused = difference{"union with two members: official keeps the known one, cwlogs error", checkTwoMembersRefused}
	// nonJSONErrorDecoded: a 502 page from a load balancer, in HTML. The
	// official SDK fails to decode it and returns a deserialization error
	// with no code; cwlogs returns an *APIError whose code is the status,
	// "502", and whose message is the page's text, as botocore does.
	nonJSONErrorDecoded = difference{"non-JSON error page: official decode error, cwlogs APIError code \"502\"", checkNonJSONErrorDecoded}
	// credentialsRedacted: the service's InvalidSignatureException quotes
	// the canonical request, session token included. The official SDK
	// passes the message on as it is; cwlogs puts "[redacted]" in place of
	// the credentials the request was signed with.
	credentialsRedacted = difference{"echoed session token: official message quotes it, cwlogs [redacted]", checkCredentialsRedacted}
)

var differences = map[string]difference{
	"unknown-member":      unknownMemberKept,
	"unknown-member-type": unknownMemberKept,
	"unknown-member-null": unknownMemberKept,
	"union-empty":         emptyUnionRefused,
	"union-two-members":   twoMembersRefused,
	"html-502":            nonJSONErrorDecoded,
	"invalid-signature":   credentialsRedacted,
}

// alsoFail lists the recorded responses that both clients must refuse to
// decode; they agree, and the test asserts it so that a client that starts
// accepting one is noticed.
var alsoFail = map[string]bool{
	"union-string": true, // integrationDetails is "str"
	"union-array":  true, // integrationDetails is []
}

// TestRecordedResponses decodes every recorded response with both clients,
// over the same in-memory transport, and compares what they make of it.
func TestRecordedResponses(t *testing.T) {
	recorded := readRecorded(t)
	for name := range differences {
		if _, ok := recorded[name]; !ok {
			t.Errorf("difference %q is listed for %s, which is not recorded", differences[name].name, name)
		}
	}
	names := make([]string, 0, len(recorded))
	for name := range recorded {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			// New clients each time: both learn clock skew from
			// signature errors, which must not leak into the next case.
			hc := &http.Client{Transport: byNameTransport{recorded}}
			official := newOfficial(hc, "")
			cw := newCwlogs(t, hc, "")
			ctx := context.Background()

			oOut, oErr := official.GetIntegration(ctx, &cloudwatchlogs.GetIntegrationInput{IntegrationName: aws.String(name)})
			cOut, cErr := cw.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: name})
			o, c := officialOutcome(oOut, oErr), cwlogsOutcome(cOut, cErr)
			t.Logf("official error: %v", oErr)
			t.Logf("cwlogs error:   %v", cErr)

			if d, ok := differences[name]; ok {
				t.Logf("named difference: %s", d.name)
				d.check(t, name, recorded[name].Body, o, c)
				return
			}
			if diff := cmp.Diff(o, c); diff != "" {
				t.Errorf("outcomes differ (-official +cwlogs):\n%s", diff)
			}
			wantStatus := recorded[name].StatusCode
			switch {
			case alsoFail[name]:
				if o.Err == nil || o.Err.Kind != "decode" {
					t.Errorf("official outcome = %+v, want a decode error", o.Err)
				}
			case wantStatus >= 300:
				if o.Err == nil || o.Err.Kind != "api" || o.Err.Code == "" || o.Err.StatusCode != wantStatus {
					t.Errorf("official outcome = %+v, want an API error with status %d", o.Err, wantStatus)
				}
			default:
				if o.Output == nil || o.Output.IntegrationName != name || o.Output.ResultMetadata.RequestID == "" {
					t.Errorf("official outcome = %+v, want the output for %s with its request id", o, name)
				}
			}
		})
	}
}

// sameApartFromDetails reports the differences of two outputs other than
// their details.
func sameApartFromDetails(t *testing.T, official, cw *cwlogs.GetIntegrationOutput) {
	t.Helper()
	o, c := *official, *cw
	o.IntegrationDetails, c.IntegrationDetails = nil, nil
	if diff := cmp.Diff(o, c); diff != "" {
		t.Errorf("outputs differ apart from their details (-official +cwlogs):\n%s", diff)
	}
}

// unionMembers returns the raw members of the integrationDetails union of a
// response body.
func unionMembers(t *testing.T, body []byte) map[string]json.RawMessage {
	t.Helper()
	var wire struct {
		IntegrationDetails map[string]json.RawMessage `json:"integrationDetails"`
	}
	if err := json.Unmarshal(body, &wire); err != nil {
		t.Fatal(err)
	}
	return wire.IntegrationDetails
}

func checkUnknownMemberKept(t *testing.T, fixture string, body []byte, official, cw outcome) {
	if official.Err != nil || cw.Err != nil {
		t.Fatalf("errors: official %+v, cwlogs %+v; want both to decode", official.Err, cw.Err)
	}
	if official.Output.IntegrationDetails != nil {
		t.Errorf("official details = %#v, want nil (the unknown member dropped)", official.Output.IntegrationDetails)
	}
	// The one member that is neither "__type" nor null.
	var want *cwlogs.UnknownIntegrationDetails
	for name, value := range unionMembers(t, body) {
		if name != "__type" && string(value) != "null" {
			want = &cwlogs.UnknownIntegrationDetails{Name: name, Value: value}
		}
	}
	if diff := cmp.Diff(cwlogs.IntegrationDetails(want), cw.Output.IntegrationDetails); diff != "" {
		t.Errorf("cwlogs details (-want +got):\n%s", diff)
	}
	sameApartFromDetails(t, official.Output, cw.Output)
}

func checkEmptyUnionRefused(t *testing.T, fixture string, body []byte, official, cw outcome) {
	if official.Err != nil {
		t.Fatalf("official error %+v, want nil details and no error", official.Err)
	}
	if official.Output.IntegrationDetails != nil {
		t.Errorf("official details = %#v, want nil", official.Output.IntegrationDetails)
	}
	wantErr := &errorView{Kind: "decode", StatusCode: 200, RequestID: official.Output.ResultMetadata.RequestID}
	if diff := cmp.Diff(wantErr, cw.Err); diff != "" {
		t.Errorf("cwlogs error (-want +got):\n%s", diff)
	}
}

func checkTwoMembersRefused(t *testing.T, fixture string, body []byte, official, cw outcome) {
	if official.Err != nil {
		t.Fatalf("official error %+v, want the known member and no error", official.Err)
	}
	// What the official SDK returns is the known member alone, as cwlogs
	// decodes it from a response that has only that member.
	members := unionMembers(t, body)
	alone, err := json.Marshal(map[string]any{
		"integrationName":   official.Output.IntegrationName,
		"integrationType":   official.Output.IntegrationType,
		"integrationStatus": official.Output.IntegrationStatus,
		"integrationDetails": map[string]json.RawMessage{
			"openSearchIntegrationDetails": members["openSearchIntegrationDetails"],
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	var want cwlogs.GetIntegrationOutput
	if err := json.Unmarshal(alone, &want); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want.IntegrationDetails, official.Output.IntegrationDetails); diff != "" {
		t.Errorf("official details, want the openSearchIntegrationDetails member (-want +got):\n%s", diff)
	}
	wantErr := &errorView{Kind: "decode", StatusCode: 200, RequestID: official.Output.ResultMetadata.RequestID}
	if diff := cmp.Diff(wantErr, cw.Err); diff != "" {
		t.Errorf("cwlogs error (-want +got):\n%s", diff)
	}
}

func checkNonJSONErrorDecoded(t *testing.T, fixture string, body []byte, official, cw outcome) {
	wantOfficial := &errorView{Kind: "decode", StatusCode: 502}
	if diff := cmp.Diff(wantOfficial, official.Err); diff != "" {
		t.Errorf("official error (-want +got):\n%s", diff)
	}
	if cw.Err == nil {
		t.Fatal("cwlogs gave no error")
	}
	if !strings.Contains(cw.Err.Message, "502 Bad Gateway") || strings.Contains(cw.Err.Message, "<") {
		t.Errorf("cwlogs message = %q, want the page's text without markup", cw.Err.Message)
	}
	cwErr := *cw.Err
	cwErr.Message = ""
	wantCw := errorView{Kind: "api", Code: "502", StatusCode: 502}
	if diff := cmp.Diff(wantCw, cwErr); diff != "" {
		t.Errorf("cwlogs error (-want +got):\n%s", diff)
	}
}

func checkCredentialsRedacted(t *testing.T, fixture string, body []byte, official, cw outcome) {
	if official.Err == nil || !strings.Contains(official.Err.Message, cwlogstest.SessionToken) {
		t.Fatalf("official error = %+v, want its message to quote the session token", official.Err)
	}
	want := *official.Err
	want.Message = strings.ReplaceAll(want.Message, cwlogstest.SessionToken, "[redacted]")
	if diff := cmp.Diff(&want, cw.Err); diff != "" {
		t.Errorf("cwlogs error (-want +got):\n%s", diff)
	}
}

// sentRequest is the comparable part of a request the kit's server saw.
type sentRequest struct {
	Method, Path, Target, ContentType, SecurityToken string
	// SignedHeaders leaves out the official SDK's own amz-sdk-* headers.
	SignedHeaders string
	Body          map[string]any
	Rejected      string
}

func viewRequest(t *testing.T, r cwlogstest.Request) sentRequest {
	t.Helper()
	v := sentRequest{
		Method:        r.Method,
		Path:          r.Path,
		Target:        r.Header.Get("X-Amz-Target"),
		ContentType:   r.Header.Get("Content-Type"),
		SecurityToken: r.Header.Get("X-Amz-Security-Token"),
		Rejected:      r.Rejected,
	}
	if _, after, ok := strings.Cut(r.Header.Get("Authorization"), "SignedHeaders="); ok {
		list, _, _ := strings.Cut(after, ",")
		var kept []string
		for _, h := range strings.Split(list, ";") {
			if !strings.HasPrefix(h, "amz-sdk-") {
				kept = append(kept, h)
			}
		}
		v.SignedHeaders = strings.Join(kept, ";")
	}
	if err := json.Unmarshal(r.Body, &v.Body); err != nil {
		t.Errorf("request body %q is not JSON: %v", r.Body, err)
	}
	return v
}

// TestRequestsMatchAndVerify sends the same input with both clients to the
// kit's server, which checks each SigV4 signature independently, and
// compares what they sent.
func TestRequestsMatchAndVerify(t *testing.T) {
	tests := []struct {
		name       string
		integ      string
		pathSuffix string // appended to the server's URL as the base endpoint
		wantPath   string
	}{
		{"recorded success", "active", "", "/"},
		{"recorded error", "resource-not-found", "", "/"},
		{"longest name, every allowed character", "Az09.-_/#" + strings.Repeat("x", 41), "", "/"},
		{"base endpoint path kept", "active", "/prefix/p", "/prefix/p"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := cwlogstest.NewServer()
			t.Cleanup(srv.Close)
			if err := srv.AddFS(os.DirFS(testdataDir)); err != nil {
				t.Fatal(err)
			}
			hc := srv.Options().HTTPClient
			endpoint := srv.URL + tt.pathSuffix
			ctx := context.Background()

			cOut, cErr := newCwlogs(t, hc, endpoint).GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: tt.integ})
			oOut, oErr := newOfficial(hc, endpoint).GetIntegration(ctx, &cloudwatchlogs.GetIntegrationInput{IntegrationName: aws.String(tt.integ)})

			reqs := srv.Requests()
			if len(reqs) != 2 {
				t.Fatalf("server saw %d requests, want 2 (cwlogs, official)", len(reqs))
			}
			cw, official := viewRequest(t, reqs[0]), viewRequest(t, reqs[1])
			want := sentRequest{
				Method:        "POST",
				Path:          tt.wantPath,
				Target:        "Logs_20140328.GetIntegration",
				ContentType:   "application/x-amz-json-1.1",
				SecurityToken: cwlogstest.SessionToken,
				SignedHeaders: "content-length;content-type;host;x-amz-date;x-amz-security-token;x-amz-target",
				Body:          map[string]any{"integrationName": tt.integ},
			}
			if diff := cmp.Diff(want, cw); diff != "" {
				t.Errorf("cwlogs request (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(cw, official); diff != "" {
				t.Errorf("requests differ (-cwlogs +official):\n%s", diff)
			}
			if !bytes.Equal(reqs[0].Body, reqs[1].Body) {
				t.Logf("bodies differ in bytes only: cwlogs %q, official %q", reqs[0].Body, reqs[1].Body)
			}

			// Both get the same answer from the server; the request ids
			// differ, since the server numbers its requests.
			o, c := officialOutcome(oOut, oErr), cwlogsOutcome(cOut, cErr)
			ignoreID := cmp.FilterPath(func(p cmp.Path) bool {
				return p.Last().String() == ".RequestID"
			}, cmp.Ignore())
			if diff := cmp.Diff(o, c, ignoreID); diff != "" {
				t.Errorf("outcomes differ (-official +cwlogs):\n%s", diff)
			}
		})
	}
}

// TestInvalidNames sends names the service rejects. The official SDK checks
// only that a name is present and sends the rest; cwlogs checks the model's
// length and pattern and sends nothing. That is a named difference:
// "invalid names: official sends them, cwlogs refuses before sending".
func TestInvalidNames(t *testing.T) {
	tests := []struct {
		name string
		// integ is the name; nil means none.
		integ *string
		// officialSends tells whether the official SDK sends the request.
		officialSends bool
	}{
		{"absent", nil, false},
		{"empty", aws.String(""), true},
		{"space", aws.String("bad name"), true},
		{"51 characters", aws.String(strings.Repeat("a", 51)), true},
		{"non-ASCII", aws.String("café"), true},
		{"colon", aws.String("a:b"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := cwlogstest.NewServer()
			t.Cleanup(srv.Close)
			hc := srv.Options().HTTPClient
			ctx := context.Background()

			_, cErr := newCwlogs(t, hc, srv.URL).GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: aws.ToString(tt.integ)})
			var inErr *cwlogs.InvalidInputError
			if !errors.As(cErr, &inErr) || inErr.Field != "IntegrationName" || !errors.Is(cErr, cwlogs.ErrInvalidParameter) {
				t.Errorf("cwlogs error = %v, want an InvalidInputError on IntegrationName", cErr)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Fatalf("cwlogs sent %d requests, want none", n)
			}

			_, oErr := newOfficial(hc, srv.URL).GetIntegration(ctx, &cloudwatchlogs.GetIntegrationInput{IntegrationName: tt.integ})
			reqs := srv.Requests()
			if !tt.officialSends {
				var invalid smithy.InvalidParamsError
				if !errors.As(oErr, &invalid) || len(reqs) != 0 {
					t.Errorf("official: error %v and %d requests, want a parameter error and none", oErr, len(reqs))
				}
				return
			}
			if len(reqs) != 1 {
				t.Fatalf("official sent %d requests, want 1", len(reqs))
			}
			// The kit verifies the signature first, then rejects the name
			// as the service does: the request was sent, signed well.
			got := viewRequest(t, reqs[0])
			if got.Rejected != "InvalidParameterException" || got.Body["integrationName"] != *tt.integ {
				t.Errorf("official request = %+v, want a well-signed request naming %q that the server rejects for its name", got, *tt.integ)
			}
			var apiErr smithy.APIError
			if !errors.As(oErr, &apiErr) || apiErr.ErrorCode() != "InvalidParameterException" {
				t.Errorf("official error = %v, want the server's InvalidParameterException", oErr)
			}
		})
	}
}

// sentTo records the URL of each request it is asked to send, and sends
// none.
type sentTo struct{ urls []string }

func (s *sentTo) Do(r *http.Request) (*http.Response, error) {
	s.urls = append(s.urls, r.URL.String())
	return nil, errors.New("not sent: the test only records where requests go")
}

// TestBadBaseEndpoints makes both clients with custom endpoints that are
// not usable as such. The official SDK takes them and sends requests to
// them ("http://:80" would reach this machine, and a password in the URL is
// dropped without a word); cwlogs refuses them when the client is made.
// That is a named difference: "unusable BaseEndpoint: official sends to it,
// cwlogs refuses it in New".
func TestBadBaseEndpoints(t *testing.T) {
	tests := []struct{ endpoint, wantErr string }{
		{"http://:80", "has no host name"},
		{"http://:", "has no host name"},
		{"http://]:80", "has a host name with a character other than"},
		{"http://localhost:/", "has an empty port"},
		{"https://bücher.example", "has a host name with a character other than"},
		{"https://user:password@example.com", "must not hold a user name or password"},
		{"http://[fe80::1%25en0]:4566", "has an IPv6 zone"},
	}
	for _, tt := range tests {
		t.Run(tt.endpoint, func(t *testing.T) {
			_, err := cwlogs.New(cwlogs.Options{Region: region, Credentials: staticCredentials(),
				HTTPClient: http.DefaultClient, BaseEndpoint: aws.String(tt.endpoint)})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("cwlogs.New error = %v, want one saying %q", err, tt.wantErr)
			}

			rec := &sentTo{}
			_, oErr := newOfficial(rec, tt.endpoint).GetIntegration(context.Background(),
				&cloudwatchlogs.GetIntegrationInput{IntegrationName: aws.String(benchName)})
			if len(rec.urls) != 1 || oErr == nil {
				t.Fatalf("official: %d requests sent and error %v, want one request sent", len(rec.urls), oErr)
			}
			t.Logf("named difference: unusable BaseEndpoint: official sends to %s, cwlogs refuses it in New", rec.urls[0])
		})
	}
}

// TestRedirects points both clients, each with its default HTTP client, at
// a server that redirects every request to another host. Neither follows
// it: cwlogs' client follows no redirect; the official client would follow
// a 307 (without the session token), but its request body cannot be sent
// again, so net/http returns the redirect. Both return it as an error; the
// named difference is its code: "redirect: official code UnknownError,
// cwlogs code \"307\"", as for any error response without a code.
func TestRedirects(t *testing.T) {
	var reached atomic.Int64
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
		w.WriteHeader(http.StatusForbidden)
	}))
	t.Cleanup(elsewhere.Close)
	// The same server under another host name, as a redirect elsewhere.
	target := strings.Replace(elsewhere.URL, "127.0.0.1", "localhost", 1) + "/elsewhere"
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(origin.Close)
	ctx := context.Background()

	_, cErr := newCwlogs(t, cwlogs.NewHTTPClient(), origin.URL).GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: benchName})
	var apiErr *cwlogs.APIError
	if !errors.As(cErr, &apiErr) || apiErr.StatusCode != http.StatusTemporaryRedirect || apiErr.Code != "307" {
		t.Errorf("cwlogs error = %v, want an APIError with status and code 307", cErr)
	}
	_, oErr := newOfficial(awshttp.NewBuildableClient(), origin.URL).GetIntegration(ctx, &cloudwatchlogs.GetIntegrationInput{IntegrationName: aws.String(benchName)})
	var oAPI smithy.APIError
	var oResp *awshttp.ResponseError
	if !errors.As(oErr, &oAPI) || oAPI.ErrorCode() != "UnknownError" || !errors.As(oErr, &oResp) || oResp.HTTPStatusCode() != http.StatusTemporaryRedirect {
		t.Errorf("official error = %v, want UnknownError with status 307", oErr)
	}
	if n := reached.Load(); n != 0 {
		t.Errorf("%d requests reached the host redirected to, want none", n)
	}
}

// writeCounter counts the writes made to the connections it dials.
type writeCounter struct {
	dialer net.Dialer
	writes atomic.Int64
}

func (w *writeCounter) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	conn, err := w.dialer.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	return countingConn{conn, &w.writes}, nil
}

type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c countingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// TestRequestWrites counts the writes each client makes to send one
// request. cwlogs sends headers and body in one write; the official client
// in two, because net/http flushes the headers on their own before a body
// type it does not know to be in memory. That is a named difference
// ("writes per request: official 2, cwlogs 1"), and one reason the official
// client is slower over a network: one more packet, and one more wake-up of
// the server, per call.
func TestRequestWrites(t *testing.T) {
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, tt := range []struct {
		client string
		want   int64
	}{{"cwlogs", 1}, {"official", 2}} {
		t.Run(tt.client, func(t *testing.T) {
			var wc writeCounter
			hc := &http.Client{Transport: &http.Transport{DialContext: wc.dial}}
			cw, official := newCwlogs(t, hc, srv.URL), newOfficial(hc, srv.URL)
			call := func() error {
				if tt.client == "cwlogs" {
					_, err := cw.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: benchName})
					return err
				}
				_, err := official.GetIntegration(ctx, &cloudwatchlogs.GetIntegrationInput{IntegrationName: aws.String(benchName)})
				return err
			}
			for i := range 3 {
				wc.writes.Store(0)
				if err := call(); err != nil {
					t.Fatal(err)
				}
				if n := wc.writes.Load(); n != tt.want {
					t.Errorf("call %d: %s sent the request in %d writes, want %d", i, tt.client, n, tt.want)
				}
			}
		})
	}
}
