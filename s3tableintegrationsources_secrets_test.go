package cwlogs_test

import (
	"bytes"
	"context"
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
)

// TestS3SourcesCredentialsNeverPrinted runs the S3 Table integration source
// operations, the paginator and the waiters against a server that echoes
// the request's credentials in every part of its answers, and looks for
// them in every text the library makes of them: the errors and everything
// they wrap, in every form, the outputs, and the log records of both
// handlers.
func TestS3SourcesCredentialsNeverPrinted(t *testing.T) {
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
			return anyOutput(client.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{
				IntegrationArn: arn, DataSource: cwlogs.DataSource{Name: "amazon_eks"}}, logged))
		},
		"disassociate": func(ctx context.Context) (any, error) {
			return anyOutput(client.DisassociateSourceFromS3TableIntegration(ctx,
				&cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: "id"}, logged))
		},
		"list": func(ctx context.Context) (any, error) {
			return anyOutput(client.ListSourcesForS3TableIntegration(ctx,
				&cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: arn}, logged))
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
