package cwlogs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

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

// TestCredentialsNeverPrintedByS3TableIntegrationSources runs the S3 Table integration source
// operations, the paginator and the waiters against a server that echoes
// the request's credentials in every part of its answers, and looks for
// them in every text the library makes of them: the errors and everything
// they wrap, in every form, the outputs, and the log records of both
// handlers.
func TestCredentialsNeverPrintedByS3TableIntegrationSources(t *testing.T) {
	t.Parallel()
	const keyID, secret = "AKIDS3CANARY01234567", "S3CANARYsecret/0123456789+abcdefghijklmno"
	token := "S3CANARYtoken" + strings.Repeat("Zm9vYmFyYmF6+/", 40)
	creds := staticProvider{aws.Credentials{AccessKeyID: keyID, SecretAccessKey: secret, SessionToken: token}}
	const arn = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"

	// answers, by scenario, what the server says to each request, given
	// the token it carried and the credential of its signature.
	type answer func(w http.ResponseWriter, token, credential string)
	jsonError := func(status int, code string, header, body func(token, credential string) string) answer {
		return func(w http.ResponseWriter, token, credential string) {
			w.Header().Set("X-Amzn-RequestId", header(token, credential))
			if code != "" {
				w.Header().Set("X-Amzn-ErrorType", code)
			}
			w.WriteHeader(status)
			io.WriteString(w, body(token, credential))
		}
	}
	echo := func(token, credential string) string { return token + " " + credential + " " + secret }
	jsonEscaped := func(token, credential string) string { return strings.ReplaceAll(echo(token, credential), "/", `\/`) }
	var mu sync.Mutex // held while the server answers, and while current changes
	var current answer
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		mu.Lock()
		defer mu.Unlock()
		current(w, r.Header.Get("X-Amz-Security-Token"), r.Header.Get("Authorization"))
	}), func(o *cwlogs.Options) {
		o.Credentials = creds
		o.RetryPolicy = fastRetry
	})
	var logs bytes.Buffer
	logged := func(o *cwlogs.Options) {
		o.Logger = slog.New(multiHandler{slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}),
			slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})})
	}

	calls := map[string]func(ctx context.Context) (any, error){
		"associate": func(ctx context.Context) (any, error) {
			return client.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{
				IntegrationArn: arn, DataSource: cwlogs.DataSource{Name: "amazon_eks"}}, logged)
		},
		"disassociate": func(ctx context.Context) (any, error) {
			return client.DisassociateSourceFromS3TableIntegration(ctx,
				&cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: "id"}, logged)
		},
		"list": func(ctx context.Context) (any, error) {
			return client.ListSourcesForS3TableIntegration(ctx,
				&cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: arn}, logged)
		},
		"paginator": func(ctx context.Context) (any, error) {
			p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(client, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: arn})
			var got []cwlogs.S3TableIntegrationSource
			for s, err := range p.All(ctx, logged) {
				if err != nil {
					return got, err
				}
				got = append(got, s)
			}
			return got, nil
		},
		"active waiter": func(ctx context.Context) (any, error) {
			return cwlogs.NewS3TableIntegrationSourceActiveWaiter(client, func(o *cwlogs.S3TableIntegrationSourceActiveWaiterOptions) {
				o.ClientOptions = []func(*cwlogs.Options){logged}
				o.MinDelay, o.NotFoundGrace = time.Millisecond, -1
			}).WaitForOutput(ctx, &cwlogs.S3TableIntegrationSourceWaitInput{IntegrationArn: arn, Identifier: "id"}, 100*time.Millisecond)
		},
		"disassociated waiter": func(ctx context.Context) (any, error) {
			return nil, cwlogs.NewS3TableIntegrationSourceDisassociatedWaiter(client, func(o *cwlogs.S3TableIntegrationSourceDisassociatedWaiterOptions) {
				o.ClientOptions = []func(*cwlogs.Options){logged}
				o.MinDelay = time.Millisecond
			}).Wait(ctx, &cwlogs.S3TableIntegrationSourceWaitInput{IntegrationArn: arn, Identifier: "id"}, 50*time.Millisecond)
		},
	}
	answers := map[string]answer{
		"message and request id": jsonError(400, "AccessDeniedException", echo, func(token, credential string) string {
			return `{"message":"` + jsonEscaped(token, credential) + `"}`
		}),
		"error type": jsonError(400, "", echo, func(token, credential string) string {
			return `{"__type":"com.amazonaws.logs#` + token + `","message":"` + secret + `"}`
		}),
		"HTML page": jsonError(502, "", echo, func(token, credential string) string {
			return "<html><title>" + secret + "</title><body>" + echo(token, credential) + "</body></html>"
		}),
		"invalid 200": jsonError(200, "", echo, func(token, _ string) string {
			return `{"identifier":7,"sources":[{"` + token + `":1}],"nextToken":7}`
		}),
		"repeated token in a 200": func(w http.ResponseWriter, token, credential string) {
			w.Header().Set("X-Amzn-RequestId", echo(token, credential))
			io.WriteString(w, `{"sources":[],"nextToken":"same"}`)
		},
		"5xx, then an echo": func() answer {
			n := 0
			return func(w http.ResponseWriter, token, credential string) {
				n++
				if n%3 == 1 {
					w.WriteHeader(500)
					return
				}
				jsonError(400, "ValidationException", echo, func(token, credential string) string {
					return `{"message":"` + echo(token, credential) + `"}`
				})(w, token, credential)
			}
		}(),
	}

	var printed strings.Builder
	for an, a := range answers {
		for cn, call := range calls {
			mu.Lock()
			current = a
			mu.Unlock()
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			out, err := call(ctx)
			cancel()
			fmt.Fprintf(&printed, "%s, %s: %v|%+v|%#v\n", an, cn, out, out, out)
			for _, f := range errorForms(err) {
				printed.WriteString(f + "\n")
			}
		}
	}
	all := printed.String() + logs.String()
	for _, canary := range []string{token, secret, keyID, strings.ReplaceAll(token, "/", `\/`)} {
		if leak := leakedPart(all, canary); leak != "" {
			i := strings.Index(all, leak)
			t.Errorf("%q was printed: …%s…", leak, all[max(i-300, 0):min(i+100, len(all))])
		}
	}
	if !strings.Contains(printed.String(), "[redacted]") || !strings.Contains(logs.String(), "[redacted]") ||
		!strings.Contains(logs.String(), "S3TableIntegrationSourceActiveWaiter") {
		t.Errorf("nothing was redacted or logged, so the server's echo did not reach what was printed:\n%.3000s\n%.3000s", printed.String(), logs.String())
	}
}

// multiHandler hands each record to every handler.
type multiHandler []slog.Handler

func (m multiHandler) Enabled(context.Context, slog.Level) bool { return true }

func (m multiHandler) Handle(ctx context.Context, r slog.Record) error {
	for _, h := range m {
		if err := h.Handle(ctx, r.Clone()); err != nil {
			return err
		}
	}
	return nil
}

func (m multiHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	var out multiHandler
	for _, h := range m {
		out = append(out, h.WithAttrs(attrs))
	}
	return out
}

func (m multiHandler) WithGroup(name string) slog.Handler {
	var out multiHandler
	for _, h := range m {
		out = append(out, h.WithGroup(name))
	}
	return out
}
