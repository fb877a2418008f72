package cwlogs_test

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cwlogs-go/cwlogs"
)

// s3HostileCase is one hostile server and what a call of the S3 Table
// integration source operations, the paginator or a waiter against it must
// give.
type s3HostileCase struct {
	name  string
	serve rawHandler
	// run makes the call with the client, within a context of timeout.
	run     func(ctx context.Context, c *cwlogs.Client) error
	timeout time.Duration // 5 s if zero
	want    errClass
	// requests is what the server must count.
	requests int
	within   time.Duration
}

// TestHostileServersS3TableIntegrationSources runs the S3 Table integration
// source operations against servers that misbehave: bodies cut short or
// without end, pages without end, tokens that never end or repeat, and
// echoed credentials. Each call must end, within its time, with the error
// of its class, after the requests it must make, leaving no goroutine and
// printing no credential.
func TestHostileServersS3TableIntegrationSources(t *testing.T) {
	// Not parallel: each case counts the process's goroutines.
	const arn = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"
	zeros := make([]byte, 64<<10)
	list := func(ctx context.Context, c *cwlogs.Client) error {
		_, err := c.ListSourcesForS3TableIntegration(ctx, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: arn})
		return err
	}
	// allPages reads every page with the paginator, and returns the first error.
	allPages := func(ctx context.Context, c *cwlogs.Client) error {
		p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(c, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: arn})
		for _, err := range p.All(ctx) {
			if err != nil {
				return err
			}
		}
		return nil
	}
	waitActive := func(ctx context.Context, c *cwlogs.Client) error {
		return cwlogs.NewS3TableIntegrationSourceActiveWaiter(c).Wait(ctx,
			&cwlogs.S3TableIntegrationSourceWaitInput{IntegrationArn: arn, Identifier: "id"}, time.Hour)
	}
	associate := func(ctx context.Context, c *cwlogs.Client) error {
		_, err := c.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{
			IntegrationArn: arn, DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}})
		return err
	}
	disassociate := func(ctx context.Context, c *cwlogs.Client) error {
		_, err := c.DisassociateSourceFromS3TableIntegration(ctx, &cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: "id"})
		return err
	}
	// newToken answers every request with a page of a token it never gave
	// before.
	newToken := func(x *exchange) bool {
		return reply(200, "", `{"sources":[],"nextToken":"t`+strconv.Itoa(x.n)+`"}`)(x)
	}
	hugeToken := strings.Repeat("T", 1<<20)
	secrets := hostileSecret + " " + hostileToken
	unavailable := reply(500, "X-Amzn-ErrorType: InternalServerException\r\n", `{"message":"later"}`)

	cases := []s3HostileCase{
		{name: "list: body shorter than its Content-Length", run: list,
			serve: thenClose("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"sources\":[{\"identifier\":"),
			want:  is(cwlogs.ErrInvalidResponse), requests: 3, within: 3 * time.Second},
		{name: "list: endless chunked body", run: list,
			serve: forever("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", chunked(zeros)),
			want:  is(cwlogs.ErrResponseTooLarge), requests: 1, within: 3 * time.Second},
		{name: "list: a token that never ends", run: list,
			serve: forever("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"+string(chunked([]byte(`{"sources":[],"nextToken":"`))),
				chunked([]byte(strings.Repeat("t", 64<<10)))),
			want: is(cwlogs.ErrResponseTooLarge), requests: 1, within: 3 * time.Second},
		{name: "list: Content-Length of 1 TiB", run: list,
			serve: thenHang("HTTP/1.1 200 OK\r\nContent-Length: 1099511627776\r\n\r\n{"),
			want:  is(cwlogs.ErrResponseTooLarge), requests: 1, within: 3 * time.Second},
		{name: "list: credentials echoed in an error", run: list,
			serve: reply(400, "X-Amzn-ErrorType: ValidationException\r\nX-Amzn-RequestId: "+secrets+"\r\n", `{"message":"`+secrets+`"}`),
			want:  is(cwlogs.ErrValidation), requests: 1, within: 3 * time.Second},
		{name: "list: credentials echoed in an invalid 200", run: list,
			serve: reply(200, "X-Amzn-RequestId: "+secrets+"\r\n", `{"sources":[{"`+hostileToken+`":1}],"nextToken":7}`),
			want:  is(cwlogs.ErrInvalidResponse), requests: 1, within: 3 * time.Second},

		{name: "paginator: pages without end, until the caller's deadline", run: allPages, serve: newToken, timeout: 300 * time.Millisecond,
			want: is(context.DeadlineExceeded), requests: -1, within: 3 * time.Second},
		{name: "paginator: a repeated token", run: allPages, serve: reply(200, "", `{"sources":[],"nextToken":"same"}`),
			want: is(cwlogs.ErrInvalidResponse), requests: 2, within: 3 * time.Second},
		{name: "paginator: a token of 1 MiB", run: allPages, serve: sequence(reply(200, "", `{"nextToken":"`+hugeToken+`"}`), reply(200, "", `{}`)),
			want: success, requests: 2, within: 3 * time.Second},
		{name: "paginator: credentials echoed in a repeated token's answer", run: allPages,
			serve: reply(200, "X-Amzn-RequestId: "+secrets+"\r\n", `{"nextToken":"`+hostileToken+`"}`),
			want:  is(cwlogs.ErrInvalidResponse), requests: 2, within: 3 * time.Second},

		{name: "waiter: pages without end", run: waitActive, serve: newToken, timeout: 30 * time.Second,
			want: all(is(cwlogs.ErrInvalidResponse), isNot(cwlogs.ErrWaitTimeout)), requests: 1000, within: 20 * time.Second},
		{name: "waiter: a repeated token", run: waitActive, serve: reply(200, "", `{"sources":[],"nextToken":"same"}`),
			want: is(cwlogs.ErrInvalidResponse), requests: 2, within: 3 * time.Second},

		{name: "associate: the check of an ambiguous call meets pages without end", run: associate,
			serve: func(x *exchange) bool {
				if strings.HasSuffix(x.req.Header.Get("X-Amz-Target"), "AssociateSourceToS3TableIntegration") {
					return unavailable(x)
				}
				return newToken(x)
			}, timeout: 30 * time.Second,
			// The listing before a retry fails: the association is not sent
			// again, and its outcome is unknown.
			want: all(is(cwlogs.ErrOutcomeUnknown), isNot(cwlogs.ErrInternalFailure)), requests: 1 + 1000, within: 20 * time.Second},
		{name: "disassociate: endless chunked body", run: disassociate,
			serve: forever("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", chunked(zeros)),
			// A 200 the client cannot read may have taken effect, and a
			// disassociation has no state to read.
			want: all(is(cwlogs.ErrOutcomeUnknown), isNot(cwlogs.ErrResponseTooLarge)), requests: 1, within: 3 * time.Second},
		{name: "disassociate: credentials echoed in a 404 page", run: disassociate,
			serve: reply(404, "Content-Type: text/html\r\n", "<html><body>"+secrets+"</body></html>"),
			want:  apiStatus(404), requests: 1, within: 3 * time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { runS3Hostile(t, tc) })
	}
}

func runS3Hostile(t *testing.T, tc s3HostileCase) {
	before := runtime.NumGoroutine()
	srv, err := startRawServer(tc.serve)
	if err != nil {
		t.Fatal(err)
	}
	creds := staticProvider{aws.Credentials{AccessKeyID: "AKIDHOSTILE000000000", SecretAccessKey: hostileSecret, SessionToken: hostileToken}}
	hc := cwlogs.NewHTTPClient()
	client, err := cwlogs.New(cwlogs.Options{Region: "us-west-2", Credentials: creds, BaseEndpoint: aws.String(srv.url()),
		HTTPClient: hc, RetryPolicy: fastRetry})
	if err != nil {
		t.Fatal(err)
	}
	timeout := tc.timeout
	if timeout == 0 {
		timeout = 5 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	start := time.Now()
	err = tc.run(ctx, client)
	elapsed := time.Since(start)
	cancel()

	if p := tc.want(err); p != "" {
		t.Errorf("%s; error: %.1000v", p, err)
	}
	if elapsed > tc.within {
		t.Errorf("the call took %v, want at most %v", elapsed, tc.within)
	}
	got := srv.requests.Load()
	switch {
	case tc.requests < 0 && got < 2:
		t.Errorf("the server counted %d requests, want several", got)
	case tc.requests >= 0 && got != int64(tc.requests):
		t.Errorf("the server counted %d requests, want %d", got, tc.requests)
	}
	if err != nil {
		if p := oneLineError(err.Error()); p != "" {
			t.Error(p)
		}
		forms := errorForms(err)
		for _, canary := range []string{hostileSecret, hostileToken} {
			for _, f := range forms {
				if leak := leakedPart(f, canary); leak != "" {
					t.Errorf("%s was printed: %q in %.600q", canary, leak, f)
					break
				}
			}
		}
		if len(err.Error()) > 4<<10 {
			t.Errorf("error of %d bytes, want a bounded one: %.300s…", len(err.Error()), err)
		}
	}
	closers := []func(){hc.CloseIdleConnections}
	checkGoroutines(t, before, func() int { return int(srv.goroutines.Load()) }, closers)
	srv.close()
	checkGoroutines(t, before, func() int { return 0 }, closers)
	t.Logf("%d requests in %v: %v", got, elapsed, fmt.Sprint(err))
}
