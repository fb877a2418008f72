package cwlogs_test

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/cwlogs-go/cwlogs"
)

// sourceHostileCases are the cases of the S3 Table integration source
// operations, the paginator and the source waiter against servers that
// misbehave: bodies cut short or without end, pages without end, tokens
// that never end or repeat, and echoed credentials.
func sourceHostileCases() []hostileCase {
	const arn = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"
	zeros := make([]byte, 64<<10)
	list := func(ctx context.Context, c *cwlogs.Client) (any, int, error) {
		out, err := c.ListSourcesForS3TableIntegration(ctx, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: arn})
		if err != nil {
			return nil, 0, err
		}
		return out, out.ResultMetadata.Attempts, nil
	}
	// allPages reads every page with the paginator's All, and returns the
	// sources, or the first error.
	allPages := func(ctx context.Context, c *cwlogs.Client) (any, int, error) {
		p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(c, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: arn})
		var sources []cwlogs.S3TableIntegrationSource
		for s, err := range p.All(ctx) {
			if err != nil {
				return nil, 0, err
			}
			sources = append(sources, s)
		}
		return sources, 0, nil
	}
	waitActive := func(ctx context.Context, c *cwlogs.Client) (any, int, error) {
		s, err := cwlogs.NewS3TableIntegrationSourceActiveWaiter(c).WaitForOutput(ctx,
			&cwlogs.S3TableIntegrationSourceWaitInput{IntegrationArn: arn, Identifier: "id"}, time.Hour)
		if err != nil {
			return nil, 0, err
		}
		return s, 0, nil
	}
	associate := func(ctx context.Context, c *cwlogs.Client) (any, int, error) {
		out, err := c.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{
			IntegrationArn: arn, DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}})
		if err != nil {
			return nil, 0, err
		}
		return out, out.ResultMetadata.Attempts, nil
	}
	disassociate := func(ctx context.Context, c *cwlogs.Client) (any, int, error) {
		out, err := c.DisassociateSourceFromS3TableIntegration(ctx, &cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: "id"})
		if err != nil {
			return nil, 0, err
		}
		return out, out.ResultMetadata.Attempts, nil
	}
	// newToken answers every request with a page of a token it never gave
	// before.
	newToken := func(x *exchange) bool {
		return reply(200, "", `{"sources":[],"nextToken":"t`+strconv.Itoa(x.n)+`"}`)(x)
	}
	hugeToken := strings.Repeat("T", 1<<20)
	secrets := hostileSecret + " " + hostileToken
	unavailable := reply(500, "X-Amzn-ErrorType: InternalServerException\r\n", `{"message":"later"}`)

	cases := []hostileCase{
		{name: "list: body shorter than its Content-Length", call: list,
			serve: fixed(thenClose("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"sources\":[{\"identifier\":")),
			want:  is(cwlogs.ErrInvalidResponse), attempts: 3, requests: 3, within: 3 * time.Second},
		{name: "list: endless chunked body", call: list,
			serve: fixed(forever("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", chunked(zeros))),
			want:  is(cwlogs.ErrResponseTooLarge), attempts: 1, requests: 1, within: 3 * time.Second},
		{name: "list: a token that never ends", call: list,
			serve: fixed(forever("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"+string(chunked([]byte(`{"sources":[],"nextToken":"`))),
				chunked([]byte(strings.Repeat("t", 64<<10))))),
			want: is(cwlogs.ErrResponseTooLarge), attempts: 1, requests: 1, within: 3 * time.Second},
		{name: "list: Content-Length of 1 TiB", call: list,
			serve: fixed(thenHang("HTTP/1.1 200 OK\r\nContent-Length: 1099511627776\r\n\r\n{")),
			want:  is(cwlogs.ErrResponseTooLarge), attempts: 1, requests: 1, within: 3 * time.Second},
		{name: "list: credentials echoed in an error", call: list,
			serve: fixed(reply(400, "X-Amzn-ErrorType: ValidationException\r\nX-Amzn-RequestId: "+secrets+"\r\n", `{"message":"`+secrets+`"}`)),
			want:  is(cwlogs.ErrValidation), attempts: 1, requests: 1, within: 3 * time.Second},
		{name: "list: credentials echoed in an invalid 200", call: list,
			serve: fixed(reply(200, "X-Amzn-RequestId: "+secrets+"\r\n", `{"sources":[{"`+hostileToken+`":1}],"nextToken":7}`)),
			want:  is(cwlogs.ErrInvalidResponse), attempts: 1, requests: 1, within: 3 * time.Second},

		// The deadline comes before or during the request of a page.
		{name: "paginator: pages without end, until the caller's deadline", call: allPages, serve: fixed(newToken), timeout: 300 * time.Millisecond,
			want: is(context.DeadlineExceeded), attempts: -1, requests: -1, within: 3 * time.Second},
		{name: "paginator: a repeated token", call: allPages, serve: fixed(reply(200, "", `{"sources":[],"nextToken":"same"}`)),
			want: is(cwlogs.ErrInvalidResponse), attempts: 1, requests: 2, within: 3 * time.Second},
		{name: "paginator: a token of 1 MiB", call: allPages, serve: fixed(sequence(reply(200, "", `{"nextToken":"`+hugeToken+`"}`), reply(200, "", `{}`))),
			want: success, requests: 2, within: 3 * time.Second},
		{name: "paginator: credentials echoed in a repeated token's answer", call: allPages,
			serve: fixed(reply(200, "X-Amzn-RequestId: "+secrets+"\r\n", `{"nextToken":"`+hostileToken+`"}`)),
			want:  is(cwlogs.ErrInvalidResponse), attempts: 1, requests: 2, within: 3 * time.Second},

		{name: "waiter: pages without end", call: waitActive, serve: fixed(newToken), timeout: 30 * time.Second,
			want: all(is(cwlogs.ErrInvalidResponse), isNot(cwlogs.ErrWaitTimeout)), attempts: 1, requests: 1000, within: 20 * time.Second},
		{name: "waiter: a repeated token", call: waitActive, serve: fixed(reply(200, "", `{"sources":[],"nextToken":"same"}`)),
			want: is(cwlogs.ErrInvalidResponse), attempts: 1, requests: 2, within: 3 * time.Second},

		{name: "associate: the check of an ambiguous call meets pages without end", call: associate,
			serve: fixed(func(x *exchange) bool {
				if strings.HasSuffix(x.req.Header.Get("X-Amz-Target"), "AssociateSourceToS3TableIntegration") {
					return unavailable(x)
				}
				return newToken(x)
			}), timeout: 30 * time.Second,
			// The listing before a retry fails: the association is not sent
			// again, and its outcome is unknown.
			want: all(is(cwlogs.ErrOutcomeUnknown), isNot(cwlogs.ErrInternalFailure)), attempts: 1, requests: 1 + 1000, within: 20 * time.Second},
		{name: "disassociate: endless chunked body", call: disassociate,
			serve: fixed(forever("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", chunked(zeros))),
			// A 200 the client cannot read may have taken effect, and a
			// disassociation has no state to read.
			want: all(is(cwlogs.ErrOutcomeUnknown), isNot(cwlogs.ErrResponseTooLarge)), attempts: 1, requests: 1, within: 3 * time.Second},
		{name: "disassociate: credentials echoed in a 404 page", call: disassociate,
			serve: fixed(reply(404, "Content-Type: text/html\r\n", "<html><body>"+secrets+"</body></html>")),
			want:  apiStatus(404), attempts: 1, requests: 1, within: 3 * time.Second},
	}
	// The client is in the integration's region; no error of these calls
	// reaches 4 KiB.
	for i := range cases {
		cases[i].options = func(o *cwlogs.Options) { o.Region = "us-west-2" }
		cases[i].maxError = 4 << 10
	}
	return cases
}
