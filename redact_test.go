package cwlogs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// TestCredentialsNeverPrinted runs success and error paths with credentials
// whose secret parts are unique strings, and looks for them in everything
// the library prints.
func TestCredentialsNeverPrinted(t *testing.T) {
	const secret, token = "CANARY-secret-7f3a9c", "CANARY-token-2b8e41"
	creds := aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: cwlogstest.AccessKeyID, SecretAccessKey: secret, SessionToken: token}, nil
	}))
	static := staticProvider{aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: secret, SessionToken: token}}
	// The kit accepts only its own credentials; this server answers by
	// name without checking them, so that the success paths run too.
	recorded, err := cwlogstest.ReadResponses(cwlogstest.Recorded())
	if err != nil {
		t.Fatal(err)
	}
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in cwlogs.GetIntegrationInput
		_ = json.NewDecoder(r.Body).Decode(&in)
		resp := recorded[in.IntegrationName]
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		w.Write(resp.Body)
	}), func(o *cwlogs.Options) { o.Credentials = creds; o.RetryPolicy = fastRetry })

	var printed bytes.Buffer
	for _, name := range []string{"active", "unknown-member", "resource-not-found", "html-502",
		"union-two-members", "invalid-signature", "bad name", ""} {
		out, err := get(context.Background(), client, name)
		fmt.Fprintf(&printed, "%v %+v %#v %v %+v\n", out, out, err, err, client)
	}
	// Every verb, on the options, a client, the client value, and both
	// held in an exported field of a struct of the caller's.
	opts := cwlogs.Options{Region: "us-east-1", Credentials: static, BaseEndpoint: aws.String("http://127.0.0.1:1")}
	c, err := cwlogs.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	type holder struct {
		Opts   cwlogs.Options
		Client cwlogs.Client
	}
	for _, v := range []any{opts, &opts, c, *c, holder{opts, *c}, &holder{opts, *c}} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%10.3v", "%T"} {
			fmt.Fprintf(&printed, verb+"\n", v)
		}
	}
	// A password in BaseEndpoint, before the client is made (New refuses
	// it) or after (New was not asked).
	withPassword := opts
	withPassword.BaseEndpoint = aws.String("http://user:" + secret + "@127.0.0.1:1")
	fmt.Fprintf(&printed, "%v %d\n", withPassword, withPassword)
	_, err = cwlogs.New(withPassword)
	fmt.Fprintf(&printed, "%v\n", err)
	withPassword.BaseEndpoint = aws.String("http://user:" + secret + "@127.0.0.1:1/%zz")
	fmt.Fprintf(&printed, "%v\n", withPassword)
	_, err = cwlogs.New(withPassword)
	fmt.Fprintf(&printed, "%v\n", err)
	// A transport error, an error of the options, and an error of the
	// credentials provider.
	_, err = get(context.Background(), client, "active", func(o *cwlogs.Options) {
		o.HTTPClient = doFunc(func(*http.Request) (*http.Response, error) { return nil, fmt.Errorf("reset") })
	})
	fmt.Fprintf(&printed, "%v\n", err)
	_, err = cwlogs.New(cwlogs.Options{Credentials: static, Region: "bad region"})
	fmt.Fprintf(&printed, "%v\n", err)
	_, err = get(context.Background(), client, "active", func(o *cwlogs.Options) {
		o.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{}, fmt.Errorf("provider failed")
		})
	})
	fmt.Fprintf(&printed, "%v %+v\n", err, err)

	for _, s := range []string{secret, token} {
		if strings.Contains(printed.String(), s) {
			t.Errorf("%q was printed:\n%s", s, printed.String())
		}
	}
	if !strings.Contains(printed.String(), "ResourceNotFoundException") || !strings.Contains(printed.String(), "(redacted)") {
		t.Errorf("the canary run printed too little to be meaningful:\n%s", printed.String())
	}
}

type staticProvider struct{ creds aws.Credentials }

func (p staticProvider) Retrieve(context.Context) (aws.Credentials, error) { return p.creds, nil }

// TestEchoedCredentialsAreRedacted runs servers that echo the credentials a
// request was signed with, as the service's InvalidSignatureException
// quotes the canonical request with its x-amz-security-token, in every
// part of a response an error is built from. No form of the error, nor of
// anything it wraps, may hold them or the start of one.
func TestEchoedCredentialsAreRedacted(t *testing.T) {
	t.Parallel()
	const keyID, secret = "AKIDCANARY0123456789", "CANARYsecret/0123456789+abcdefghijklmnop"
	// Longer than the bounds on codes, request ids and snippets, so that a
	// cut made before the redaction would leave its start.
	token := "CANARYtoken" + strings.Repeat("Zm9vYmFyYmF6+/", 50)
	creds := staticProvider{aws.Credentials{AccessKeyID: keyID, SecretAccessKey: secret, SessionToken: token}}
	jsonError := func(header, body string) string {
		return fmt.Sprintf("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: application/x-amz-json-1.1\r\n%sContent-Length: %d\r\n\r\n%s", header, len(body), body)
	}
	tests := []struct {
		name string
		// response is the raw response to a request that carried token
		// and was signed by keyID.
		response func(token string) string
		success  bool
	}{
		{"canonical request in the message", func(token string) string {
			return jsonError("", `{"__type":"InvalidSignatureException","message":"The request signature we calculated does not match. `+
				`The Canonical String for this request should have been\n'POST\n/\n\nx-amz-security-token:`+token+`\n'; Credential=`+keyID+`/20260101, key `+secret+`"}`)
		}, false},
		{"request id", func(token string) string {
			return jsonError("X-Amzn-RequestId: "+token+"\r\n", `{"__type":"ResourceNotFoundException","message":"no"}`)
		}, false},
		{"error type header", func(token string) string {
			return jsonError("X-Amzn-ErrorType: "+token+"\r\n", `{"message":"no"}`)
		}, false},
		{"__type", func(string) string {
			return jsonError("", `{"__type":"com.amazonaws.logs#`+secret+`","message":"no"}`)
		}, false},
		{"JSON-escaped message", func(token string) string {
			return jsonError("", `{"__type":"X","message":"`+strings.ReplaceAll(token, "/", `\/`)+`"}`)
		}, false},
		{"long message, the token across the cut", func(token string) string {
			return jsonError("", `{"__type":"X","message":"`+strings.Repeat("m", cwlogs.MaxMessageLen-20)+token+`"}`)
		}, false},
		{"HTML snippet", func(token string) string {
			body := "<html><head><title>" + secret + "</title></head><body><h1>" + token + " " + secret + "</h1></body></html>"
			return fmt.Sprintf("HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		}, false},
		{"body cut short in the token", func(token string) string {
			return "HTTP/1.1 400 Bad Request\r\nX-Amzn-ErrorType: ResourceNotFoundException\r\nContent-Length: 5000\r\n\r\n" + token[:300]
		}, false},
		{"status line", func(token string) string { return "HTTP/1.1 " + token + "\r\n\r\n" }, false},
		{"header line", func(token string) string { return "HTTP/1.1 200 OK\r\n" + token + "\r\n\r\n" }, false},
		{"union member names", func(token string) string {
			body := `{"integrationDetails":{"` + token + `":{},"` + secret + `":{}}}`
			return fmt.Sprintf("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		}, false},
		{"success with the token as request id", func(token string) string {
			return fmt.Sprintf("HTTP/1.1 200 OK\r\nConnection: close\r\nX-Amzn-RequestId: %s\r\nContent-Length: 2\r\n\r\n{}", token)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tel := newTelemetryRecorder() // every span and metric is printed too
			client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				echoed := r.Header.Get("X-Amz-Security-Token")
				if echoed != token || !strings.Contains(r.Header.Get("Authorization"), keyID) {
					t.Errorf("request signed with %q, token %q: not the test's credentials", r.Header.Get("Authorization"), echoed)
				}
				_, _ = io.Copy(io.Discard, r.Body)
				conn := hijack(t, w)
				defer conn.Close()
				io.WriteString(conn, tt.response(echoed))
			}), func(o *cwlogs.Options) { o.Credentials = creds; o.RetryPolicy = fastRetry }, withTelemetry(tel))
			out, err := get(context.Background(), client, "x")
			if (err == nil) != tt.success {
				t.Fatalf("error = %v, want success: %v", err, tt.success)
			}
			var printed strings.Builder
			fmt.Fprintf(&printed, "%v|%+v|%#v\n", out, out, out)
			printed.WriteString(tel.dump())
			// The error and everything it wraps, in every form.
			for queue := []error{err}; len(queue) > 0; queue = queue[1:] {
				e := queue[0]
				if e == nil {
					continue
				}
				fmt.Fprintf(&printed, "%v|%+v|%#v|%s|%q\n", e, e, e, e, e)
				switch u := e.(type) {
				case interface{ Unwrap() error }:
					queue = append(queue, u.Unwrap())
				case interface{ Unwrap() []error }:
					queue = append(queue, u.Unwrap()...)
				}
			}
			for _, s := range []string{token[:20], secret, secret[:20], keyID, strings.ReplaceAll(token[:40], "/", `\/`)} {
				if strings.Contains(printed.String(), s) {
					t.Errorf("%q was printed:\n%s", s, printed.String())
				}
			}
			if !strings.Contains(printed.String(), "[redacted]") {
				t.Errorf("nothing was redacted, so the server's echo did not reach what was printed:\n%s", printed.String())
			}
		})
	}
}
