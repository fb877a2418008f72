package cwlogstest_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/google/go-cmp/cmp"
)

// outcome is what a test checks of an answer to a hand-built request.
type outcome struct {
	Status int
	// Code is the answer's error code, empty for a success.
	Code string
	// Rejected is what Server.Requests recorded.
	Rejected string
}

func TestServerVerifiesHandSignedRequests(t *testing.T) {
	const (
		invalidSig  = "InvalidSignatureException"
		unknownOp   = "UnknownOperationException"
		serialize   = "SerializationException"
		unrecClient = "UnrecognizedClientException"
	)
	tests := []struct {
		name string
		req  handRequest
		want outcome
	}{
		// Accepted.
		{name: "signed by the SDK", want: outcome{Status: 200}},
		{name: "credentials without session token", req: handRequest{creds: func(c *aws.Credentials) { c.SessionToken = "" }},
			want: outcome{Status: 200}},
		{name: "signed 4 minutes before the server clock", req: handRequest{skew: -4 * time.Minute}, want: outcome{Status: 200}},
		{name: "signed 4 minutes after the server clock", req: handRequest{skew: 4 * time.Minute}, want: outcome{Status: 200}},
		{name: "base path", req: handRequest{path: "/x/y"}, want: outcome{Status: 200}},
		{name: "base path with trailing slash", req: handRequest{path: "/x/y/"}, want: outcome{Status: 200}},
		{name: "query string", req: handRequest{path: "/?b=2&a=1&a=0&c"}, want: outcome{Status: 200}},
		{name: "base path and query string", req: handRequest{path: "/x/y?z=1&Z=%20two%20words"}, want: outcome{Status: 200}},
		{name: "escaped path", req: handRequest{path: "/a%20b/c%2Fd/%C3%BC/~u-_."}, want: outcome{Status: 200}},
		{name: "query values that sort differently once encoded", req: handRequest{path: "/?k=a-b&k=a/b"}, want: outcome{Status: 200}},
		{name: "query keys that sort differently once encoded", req: handRequest{path: "/?a0=1&a:=2"}, want: outcome{Status: 200}},
		{name: "signed header with runs of spaces", req: handRequest{header: func(h http.Header) { h.Set("X-Custom", "  a   b  c ") }},
			want: outcome{Status: 200}},
		{name: "signed header with two values", req: handRequest{header: func(h http.Header) { h.Add("X-Multi", "a"); h.Add("X-Multi", "b") }},
			want: outcome{Status: 200}},
		{name: "unsigned header added after signing", req: handRequest{after: func(r *http.Request) { r.Header.Set("X-Extra", "1") }},
			want: outcome{Status: 200}},
		{name: "User-Agent changed after signing", req: handRequest{after: func(r *http.Request) { r.Header.Set("User-Agent", "other/1.0") }},
			want: outcome{Status: 200}},

		// Refused for their credentials or signature.
		{name: "no Authorization", req: handRequest{unsigned: true},
			want: outcome{400, "MissingAuthenticationTokenException", "MissingAuthenticationTokenException"}},
		{name: "wrong access key", req: handRequest{creds: func(c *aws.Credentials) { c.AccessKeyID = "AKIDOTHER00000000000" }},
			want: outcome{400, unrecClient, unrecClient}},
		{name: "wrong session token", req: handRequest{creds: func(c *aws.Credentials) { c.SessionToken = "other-token" }},
			want: outcome{400, unrecClient, unrecClient}},
		{name: "wrong secret key", req: handRequest{creds: func(c *aws.Credentials) { c.SecretAccessKey = "wrong/secret" }},
			want: outcome{400, invalidSig, invalidSig}},
		{name: "wrong region in scope", req: handRequest{region: "eu-west-1"}, want: outcome{400, invalidSig, invalidSig}},
		{name: "wrong service in scope", req: handRequest{service: "monitoring"}, want: outcome{400, invalidSig, invalidSig}},
		{name: "body changed after signing", req: handRequest{after: setBody(`{"integrationName":"failed"}`)},
			want: outcome{400, invalidSig, invalidSig}},
		{name: "X-Amz-Target changed after signing", req: handRequest{after: func(r *http.Request) {
			r.Header.Set("X-Amz-Target", "Logs_20140328.DeleteIntegration")
		}}, want: outcome{400, invalidSig, invalidSig}},
		{name: "signed Content-Type removed", req: handRequest{after: func(r *http.Request) { r.Header.Del("Content-Type") }},
			want: outcome{400, invalidSig, invalidSig}},
		{name: "signed X-Amz-Security-Token removed", req: handRequest{after: func(r *http.Request) { r.Header.Del("X-Amz-Security-Token") }},
			want: outcome{400, invalidSig, invalidSig}},
		{name: "signed custom header removed", req: handRequest{
			header: func(h http.Header) { h.Set("X-Custom", "v") },
			after:  func(r *http.Request) { r.Header.Del("X-Custom") },
		}, want: outcome{400, invalidSig, invalidSig}},
		{name: "X-Amz-Date removed", req: handRequest{after: func(r *http.Request) { r.Header.Del("X-Amz-Date") }},
			want: outcome{400, "IncompleteSignatureException", "IncompleteSignatureException"}},
		{name: "Host changed after signing", req: handRequest{after: func(r *http.Request) { r.Host = "logs.us-east-1.amazonaws.com" }},
			want: outcome{400, invalidSig, invalidSig}},
		{name: "path changed after signing", req: handRequest{path: "/x", after: func(r *http.Request) { r.URL.Path = "/y" }},
			want: outcome{400, invalidSig, invalidSig}},
		{name: "signature with one bit flipped", req: handRequest{after: func(r *http.Request) {
			auth := []byte(r.Header.Get("Authorization"))
			auth[len(auth)-1] ^= 1 // a hex digit with its low bit flipped is another hex digit
			r.Header.Set("Authorization", string(auth))
		}}, want: outcome{400, invalidSig, invalidSig}},
		{name: "signed 6 minutes before the server clock", req: handRequest{skew: -6 * time.Minute}, want: outcome{400, invalidSig, invalidSig}},
		{name: "signed 6 minutes after the server clock", req: handRequest{skew: 6 * time.Minute}, want: outcome{400, invalidSig, invalidSig}},

		// Refused for what they ask.
		{name: "operation not served", req: handRequest{header: func(h http.Header) { h.Set("X-Amz-Target", "Logs_20140328.DescribeLogGroups") }},
			want: outcome{400, unknownOp, unknownOp}},
		{name: "wrong target prefix", req: handRequest{header: func(h http.Header) { h.Set("X-Amz-Target", "Logs_20140329.GetIntegration") }},
			want: outcome{400, unknownOp, unknownOp}},
		{name: "target without prefix", req: handRequest{header: func(h http.Header) { h.Set("X-Amz-Target", "GetIntegration") }},
			want: outcome{400, unknownOp, unknownOp}},
		{name: "no target", req: handRequest{header: func(h http.Header) { h.Del("X-Amz-Target") }},
			want: outcome{400, unknownOp, unknownOp}},
		{name: "wrong content type", req: handRequest{header: func(h http.Header) { h.Set("Content-Type", "application/json") }},
			want: outcome{400, serialize, serialize}},
		{name: "body not JSON", req: handRequest{body: `{"integrationName":`}, want: outcome{400, serialize, serialize}},
		{name: "body a JSON array", req: handRequest{body: `["active"]`}, want: outcome{400, serialize, serialize}},
		{name: "name not a string", req: handRequest{body: `{"integrationName":7}`}, want: outcome{400, serialize, serialize}},
		{name: "body without integrationName", req: handRequest{body: `{}`},
			want: outcome{400, "ValidationException", "ValidationException"}},
		{name: "integrationName null", req: handRequest{body: `{"integrationName":null}`},
			want: outcome{400, "ValidationException", "ValidationException"}},
		{name: "member name in another case", req: handRequest{body: `{"IntegrationName":"active"}`},
			want: outcome{400, "ValidationException", "ValidationException"}},
		{name: "GET", req: handRequest{method: http.MethodGet}, want: outcome{404, unknownOp, unknownOp}},
		{name: "name breaking the pattern", req: handRequest{body: `{"integrationName":"cwl logs"}`},
			want: outcome{400, "InvalidParameterException", "InvalidParameterException"}},
		{name: "name too long", req: handRequest{body: `{"integrationName":"` + strings.Repeat("n", 51) + `"}`},
			want: outcome{400, "InvalidParameterException", "InvalidParameterException"}},
	}
	activeResp := recorded(t, "active")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			req := tt.req.build(t, srv.URL)
			path := orDefault(req.URL.Path, "/")
			resp, body := send(t, req)
			reqs := srv.Requests()
			if len(reqs) != 1 {
				t.Fatalf("server recorded %d requests, want 1", len(reqs))
			}
			got := outcome{Status: resp.StatusCode, Rejected: reqs[0].Rejected}
			if resp.StatusCode != 200 {
				got.Code = errorCode(resp.Header, body)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("answer mismatch (-want +got):\n%s\nbody: %s", diff, body)
			}
			if tt.want.Code != "" {
				checkServiceError(t, resp.Header, body, tt.want.Code)
				return
			}
			if !bytes.Equal(body, activeResp.Body) {
				t.Errorf("body = %s, want the recorded %s", body, activeResp.Body)
			}
			type seen struct {
				Method, Path, IntegrationName, Body string
			}
			want := seen{http.MethodPost, path, "active", orDefault(tt.req.body, activeBody)}
			r := reqs[0]
			if diff := cmp.Diff(want, seen{r.Method, r.Path, r.IntegrationName, string(r.Body)}); diff != "" {
				t.Errorf("recorded request mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestSDKSignerKnownAnswers checks the signer the other tests use as the
// reference against cases of the AWS SigV4 test suite, with their published
// signatures, so that the kit's verifier is checked against a signer known
// to be right.
func TestSDKSignerKnownAnswers(t *testing.T) {
	creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
	at := time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)
	const emptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	tests := []struct {
		name, url, signature string
	}{
		{"get-vanilla", "https://example.amazonaws.com/", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
		{"get-vanilla-query-order-key-case", "https://example.amazonaws.com/?Param2=value2&Param1=value1",
			"b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, tt.url, nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, emptyHash, "service", "us-east-1", at); err != nil {
				t.Fatal(err)
			}
			want := "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
				"SignedHeaders=host;x-amz-date, Signature=" + tt.signature
			if diff := cmp.Diff(want, req.Header.Get("Authorization")); diff != "" {
				t.Errorf("Authorization mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestVerifierAgreesWithSDKSigner signs many requests with the SDK's signer:
// the kit's verifier must accept each as signed, and refuse it once any
// single bit of its signature is flipped.
func TestVerifierAgreesWithSDKSigner(t *testing.T) {
	midnight := time.Date(serverNow.Year(), serverNow.Month(), serverNow.Day(), 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		req  handRequest
		// clock is the server's clock; serverNow if zero.
		clock time.Time
	}{
		{"plain", handRequest{}, time.Time{}},
		{"other name", handRequest{body: `{"integrationName":"a.b-c_d/e#f"}`}, time.Time{}},
		{"JSON with spaces and escapes", handRequest{body: " { \"integrationName\" : \"\\u0061ctive\" } "}, time.Time{}},
		{"long body", handRequest{body: `{"integrationName":"active","pad":"` + strings.Repeat("x", 100000) + `"}`}, time.Time{}},
		{"path", handRequest{path: "/prefix/v1"}, time.Time{}},
		{"path with reserved characters", handRequest{path: "/a:b@c/d!e$f&g'h(i)j*k+l,m;n=o"}, time.Time{}},
		{"empty query value", handRequest{path: "/?a=&b"}, time.Time{}},
		{"encoded query", handRequest{path: "/?q=%E2%9C%93+x&r=%2B"}, time.Time{}},
		{"session token absent", handRequest{creds: func(c *aws.Credentials) { c.SessionToken = "" }}, time.Time{}},
		// The server's clock just before midnight, the signature just
		// after it: the scope's date is the server's next day.
		{"signed across midnight", handRequest{skew: midnight.Sub(serverNow) + 2*time.Second}, midnight.Add(-time.Second)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			if !tt.clock.IsZero() {
				srv.SetClock(func() time.Time { return tt.clock })
			}
			resp, body := do(t, srv, tt.req)
			if r := srv.Requests(); len(r) != 1 || r[0].Rejected != "" {
				t.Fatalf("refused: status %d, %s", resp.StatusCode, body)
			}
			for _, i := range []int{0, 31, 63} {
				for _, bit := range []byte{1, 2, 4} {
					flipped := tt.req
					flipped.after = func(r *http.Request) {
						auth := r.Header.Get("Authorization")
						_, sig, _ := strings.Cut(auth, "Signature=")
						b := []byte(sig)
						b[i] = flipHex(b[i], bit)
						r.Header.Set("Authorization", strings.TrimSuffix(auth, sig)+string(b))
					}
					resp, body := do(t, srv, flipped)
					if got := errorCode(resp.Header, body); resp.StatusCode != 400 || got != "InvalidSignatureException" {
						t.Errorf("signature digit %d, bit %d flipped: status %d, code %q; want 400 InvalidSignatureException", i, bit, resp.StatusCode, got)
					}
				}
			}
		})
	}
}

// flipHex returns the lowercase hex digit c with one bit of its value
// flipped.
func flipHex(c, bit byte) byte {
	const digits = "0123456789abcdef"
	return digits[byte(strings.IndexByte(digits, c))^bit]
}
