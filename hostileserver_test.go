package cwlogs_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"

	"github.com/cwlogs-go/cwlogs"
)

// The canaries of the hostile-server suite: credentials the servers echo
// back, which must never reach an error.
const (
	hostileSecret = "hOsTiLeSeCrEt/Canary+9f2XqZk4VwLm8RtYu"
	hostileToken  = "IQoJhostileTOKENcanary/7Rw3Yp5Ks+Jd0Nc=="
)

// hostileCase is one hostile server and what a call to it must give.
type hostileCase struct {
	name string
	// serve answers the requests of the server the client is sent to;
	// other is the URL of a second server, which must see no request.
	serve func(other string) rawHandler
	// via is how the client is made: "" for New with NewHTTPClient,
	// "own" for New with a plain *http.Client of the caller's, "config"
	// for NewFromConfig with the HTTP client config.LoadDefaultConfig sets.
	via string
	// endpoint, if set, makes the BaseEndpoint from the server's URL.
	endpoint func(url string) string
	options  func(*cwlogs.Options)
	// timeout is the caller's deadline for each call; 5 s if zero, and
	// passed already if negative.
	timeout time.Duration
	// prepare runs before the calls, on the same client.
	prepare func(t *testing.T, c *cwlogs.Client)
	// calls is how many calls run at once; 1 if zero.
	calls int
	// want checks the error of each call (nil on success): its class.
	want errClass
	// attempts is what each call reports: ResponseMetadata.Attempts on
	// success, AttemptsError.Attempts or 1 on an error, 0 when no client
	// was made.
	attempts int
	// requests is what the server must count; attempts × calls if zero.
	requests int
	// within bounds the elapsed time of the calls, generously.
	within time.Duration
}

// errClass checks an error of a call, returning what is wrong with it.
type errClass func(err error) string

func TestHostileServers(t *testing.T) {
	// Not parallel: each case counts the process's goroutines.
	cases := append(hostileCases(), fuzzCorpusCases(t)...)
	names := map[string]bool{}
	for _, tc := range cases {
		if names[tc.name] {
			t.Fatalf("two cases named %q", tc.name)
		}
		names[tc.name] = true
		t.Run(tc.name, func(t *testing.T) { runHostile(t, tc) })
	}
	t.Logf("%d cases", len(cases))
}

func hostileCases() []hostileCase {
	bomb := gzipMember()
	zeros := make([]byte, 64<<10)
	errorJSON := `{"__type":"ResourceNotFoundException","message":"no such integration"}`
	unavailableJSON := `{"__type":"ServiceUnavailableException","message":"later"}`
	// A complete error in the first MiB of a body that goes on.
	padding := strings.Repeat(" ", 1<<20)
	longHeader := strings.Repeat("a", 2<<20)
	noAttemptTimeout := func(o *cwlogs.Options) { o.AttemptTimeout = -1 }
	attemptTimeout := func(o *cwlogs.Options) { o.AttemptTimeout = 100 * time.Millisecond }
	redirect := func(status int) func(string) rawHandler {
		return func(other string) rawHandler {
			return thenClose(rawResponse(status, "Location: "+other+"/\r\nConnection: close\r\n", ""))
		}
	}
	fixed := func(h rawHandler) func(string) rawHandler { return func(string) rawHandler { return h } }
	secrets := hostileSecret + " " + hostileToken

	return []hostileCase{
		{name: "hang before headers, attempt timeout", serve: fixed(hang), options: attemptTimeout,
			want: all(is(cwlogs.ErrAttemptTimeout), isNot(context.DeadlineExceeded), retryable), attempts: 3, within: 3 * time.Second},
		{name: "hang before headers, caller's deadline", serve: fixed(hang), options: noAttemptTimeout, timeout: 300 * time.Millisecond,
			want: all(is(context.DeadlineExceeded), isNot(cwlogs.ErrAttemptTimeout)), attempts: 1, within: 3 * time.Second},

		{name: "hang before headers, caller's deadline after an attempt timeout", serve: fixed(hang), timeout: 550 * time.Millisecond,
			options: func(o *cwlogs.Options) { o.AttemptTimeout = 300 * time.Millisecond },
			want:    is(context.DeadlineExceeded), attempts: 2, within: 3 * time.Second},

		{name: "the caller's context ended before the call", serve: fixed(hang), timeout: -1,
			want: is(context.DeadlineExceeded), attempts: 0, within: time.Second},

		{name: "stalled body, 200, attempt timeout", serve: fixed(thenHang("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"integrationName\":")),
			options: attemptTimeout, want: all(is(cwlogs.ErrAttemptTimeout), isNot(context.DeadlineExceeded), retryable), attempts: 3, within: 3 * time.Second},
		{name: "stalled body, 400 after a complete error in its first MiB", serve: fixed(thenHang(
			"HTTP/1.1 400 Bad Request\r\nX-Amzn-ErrorType: ResourceNotFoundException\r\nContent-Length: 4194304\r\n\r\n" + errorJSON + padding)),
			options: noAttemptTimeout, want: is(cwlogs.ErrResourceNotFound), attempts: 1, within: 2 * time.Second},
		{name: "stalled body, 503 after its first MiB", serve: fixed(thenHang(
			"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4194304\r\n\r\n" + unavailableJSON + padding)),
			options: noAttemptTimeout, timeout: 10 * time.Second, want: is(cwlogs.ErrServiceUnavailable), attempts: 3, within: 5 * time.Second},

		{name: "endless chunked body, 200", serve: fixed(forever("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n", chunked(zeros))),
			want: is(cwlogs.ErrResponseTooLarge), attempts: 1, within: 3 * time.Second},
		{name: "endless chunked body, 500", serve: fixed(forever("HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n", chunked(zeros))),
			want: apiStatus(500), attempts: 3, within: 3 * time.Second},

		{name: "Content-Length of 1 TiB, 200, then silence", serve: fixed(thenHang("HTTP/1.1 200 OK\r\nContent-Length: 1099511627776\r\n\r\n{")),
			options: noAttemptTimeout, want: is(cwlogs.ErrResponseTooLarge), attempts: 1, within: 3 * time.Second},

		{name: "body shorter than its Content-Length, 200", serve: fixed(thenClose("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + activeJSON)),
			want: is(cwlogs.ErrInvalidResponse), attempts: 3, within: 3 * time.Second},
		{name: "body shorter than its Content-Length, 400 with a code in its header", serve: fixed(thenClose(
			"HTTP/1.1 400 Bad Request\r\nX-Amzn-ErrorType: ResourceNotFoundException\r\nContent-Length: 1000\r\n\r\n{\"message\":\"no such")),
			want: is(cwlogs.ErrResourceNotFound), attempts: 1, within: 3 * time.Second},
		{name: "body shorter than its Content-Length, 400 without a code in its header", serve: fixed(thenClose(
			"HTTP/1.1 400 Bad Request\r\nContent-Length: 1000\r\n\r\n{\"__type\":\"ResourceNotFoundException\",")),
			want: is(cwlogs.ErrInvalidResponse), attempts: 3, within: 3 * time.Second},

		{name: "malformed chunked body, 200", serve: fixed(thenClose("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n" + activeJSON + "\r\n0\r\n\r\n")),
			want: is(cwlogs.ErrInvalidResponse), attempts: 3, within: 3 * time.Second},
		{name: "two Content-Lengths that differ", serve: fixed(thenClose("HTTP/1.1 200 OK\r\nContent-Length: 10\r\nContent-Length: 90\r\n\r\n" + activeJSON)),
			want: all(notResponse, retryable), attempts: 3, within: 3 * time.Second},
		{name: "garbage status line", serve: fixed(thenClose("HTTP/1.1 2OO OK\r\nContent-Length: 2\r\n\r\n{}")),
			want: all(notResponse, retryable), attempts: 3, within: 3 * time.Second},
		{name: "connection closed without a response", serve: fixed(thenClose("")),
			want: all(notResponse, retryable), attempts: 3, within: 3 * time.Second},
		{name: "connection reset without a response", serve: fixed(reset),
			want: all(notResponse, retryable), attempts: 3, within: 3 * time.Second},
		{name: "200 with an error type header", serve: fixed(reply(200, "X-Amzn-ErrorType: ThrottlingException\r\n", activeJSON)),
			want: success, attempts: 1, within: 3 * time.Second},
		{name: "304 Not Modified", serve: fixed(write("HTTP/1.1 304 Not Modified\r\n\r\n")),
			want: apiStatus(304), attempts: 1, within: 3 * time.Second},

		{name: "gzip bomb, 200", serve: fixed(forever("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", chunked(bomb))),
			want: is(cwlogs.ErrResponseTooLarge), attempts: 1, within: 5 * time.Second},
		{name: "gzip bomb, 400", serve: fixed(forever("HTTP/1.1 400 Bad Request\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", chunked(bomb))),
			want: apiStatus(400), attempts: 1, within: 5 * time.Second},
		{name: "gzip bomb, 503", serve: fixed(forever("HTTP/1.1 503 Service Unavailable\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n", chunked(bomb))),
			want: is(cwlogs.ErrServiceUnavailable), attempts: 3, within: 5 * time.Second},

		{name: "huge request id, 200", serve: fixed(reply(200, "X-Amzn-RequestId: "+longHeader+"\r\n", activeJSON)),
			want: success, attempts: 1, within: 3 * time.Second},
		{name: "huge error code and request id, 400", serve: fixed(reply(400, "X-Amzn-ErrorType: "+longHeader+"\r\nX-Amzn-RequestId: "+longHeader+"\r\n", errorJSON)),
			want: apiStatus(400), attempts: 1, within: 3 * time.Second},
		{name: "headers without end", serve: fixed(forever("HTTP/1.1 200 OK\r\n", []byte("X-Pad: "+strings.Repeat("p", 8<<10)+"\r\n"))),
			want: all(notResponse, retryable), attempts: 3, within: 5 * time.Second},

		{name: "100 Continue, then 200", serve: fixed(write("HTTP/1.1 100 Continue\r\n\r\n" + rawResponse(200, "", activeJSON))),
			want: success, attempts: 1, within: 3 * time.Second},
		{name: "103 Early Hints, then 200", serve: fixed(write("HTTP/1.1 103 Early Hints\r\nLink: </x>; rel=preload\r\n\r\n" + rawResponse(200, "", activeJSON))),
			want: success, attempts: 1, within: 3 * time.Second},
		{name: "103 Early Hints without end", serve: fixed(forever("", []byte("HTTP/1.1 103 Early Hints\r\nLink: </"+strings.Repeat("x", 8<<10)+">; rel=preload\r\n\r\n"))),
			want: all(notResponse, retryable), attempts: 3, within: 5 * time.Second},
		{name: "101 Switching Protocols", serve: fixed(thenHang("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")),
			want: apiStatus(101), attempts: 1, within: 3 * time.Second},

		{name: "HTTP/1.0 without length, 200", serve: fixed(thenClose("HTTP/1.0 200 OK\r\n\r\n" + activeJSON)),
			want: success, attempts: 1, within: 3 * time.Second},
		{name: "HTTP/1.0 without length, 500", serve: fixed(thenClose("HTTP/1.0 500 Internal Server Error\r\n\r\n<html>oops</html>")),
			want: apiStatus(500), attempts: 3, within: 3 * time.Second},

		{name: "Connection: close on every response", serve: fixed(sequence(
			thenClose(rawResponse(503, "Connection: close\r\n", "")),
			thenClose(rawResponse(503, "Connection: close\r\n", "")),
			thenClose(rawResponse(200, "Connection: close\r\n", activeJSON)))),
			want: success, attempts: 3, within: 3 * time.Second},

		{name: "503 forever", serve: fixed(reply(503, "", unavailableJSON)),
			options: func(o *cwlogs.Options) { o.RetryMaxAttempts = 5 },
			want:    is(cwlogs.ErrServiceUnavailable), attempts: 5, within: 3 * time.Second},

		{name: "garbage X-Amz-Retry-After and Date", serve: fixed(sequence(
			reply(503, "X-Amz-Retry-After: soon\r\nDate: yesterday\r\n", ""),
			reply(503, "X-Amz-Retry-After: -5\r\nDate: Mon, 99 Foo 2026 99:99:99 GMT\r\n", ""),
			reply(503, "X-Amz-Retry-After: 99999999999999999999\r\nDate: \r\n", ""),
			reply(429, "X-Amz-Retry-After: 1e3\r\nDate: Thu, 01 Jan 1970 00:00:00 GMT\r\n", ""),
			reply(503, "X-Amz-Retry-After: 0x10\r\nX-Amz-Retry-After: 1.5\r\n", ""),
			reply(200, "Date: 32 Dec 2026\r\n", activeJSON))),
			options: func(o *cwlogs.Options) { o.RetryMaxAttempts = 6 },
			want:    success, attempts: 6, within: 3 * time.Second},
		{name: "one bogus Date, then 64 calls at once", serve: func(string) rawHandler {
			s := newSkewServer(0, 64)
			bogus := reply(503, "Date: "+time.Now().AddDate(1, 0, 0).UTC().Format(http.TimeFormat)+"\r\n", "")
			return func(x *exchange) bool {
				if x.n == 1 {
					return bogus(x)
				}
				return s.handle(x)
			}
		}, prepare: func(t *testing.T, c *cwlogs.Client) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			_, err := get(ctx, c, "x", func(o *cwlogs.Options) { o.RetryMaxAttempts = 1 })
			if !errors.Is(err, cwlogs.ErrServiceUnavailable) {
				t.Errorf("the call answered with a bogus Date: %v, want a 503", err)
			}
		}, calls: 64, want: success, attempts: 2, requests: 1 + 64*2, within: 10 * time.Second},
		{name: "32 calls at once, the service's clock 10 minutes ahead", serve: func(string) rawHandler {
			return newSkewServer(10*time.Minute, 32).handle
		}, calls: 32, want: success, attempts: 2, within: 10 * time.Second},

		{name: "redirect 307, NewHTTPClient", serve: redirect(307), want: apiStatus(307), attempts: 1, within: 3 * time.Second},
		{name: "redirect 307, a caller's http.Client", via: "own", serve: redirect(307), want: apiStatus(307), attempts: 1, within: 3 * time.Second},
		{name: "redirect 302, a caller's http.Client", via: "own", serve: redirect(302), want: apiStatus(302), attempts: 1, within: 3 * time.Second},
		{name: "redirect 308, NewFromConfig with the SDK's BuildableClient", via: "config", serve: redirect(308), want: apiStatus(308), attempts: 1, within: 3 * time.Second},

		{name: "echo: the canonical request in the message", serve: fixed(echoCanonical(hostileSecret)),
			want: is(cwlogs.ErrInvalidCredentials), attempts: 1, within: 3 * time.Second},
		{name: "echo: request id", serve: fixed(reply(400, "X-Amzn-RequestId: "+secrets+"\r\n", errorJSON)),
			want: is(cwlogs.ErrResourceNotFound), attempts: 1, within: 3 * time.Second},
		{name: "echo: request id cut at its bound", serve: fixed(reply(400, "X-Amzn-RequestId: "+strings.Repeat("r", 240)+hostileToken+"\r\n", errorJSON)),
			want: is(cwlogs.ErrResourceNotFound), attempts: 1, within: 3 * time.Second},
		{name: "echo: X-Amzn-ErrorType", serve: fixed(reply(400, "X-Amzn-ErrorType: "+hostileToken+"\r\n", `{"message":"`+hostileSecret+`"}`)),
			want: apiStatus(400), attempts: 1, within: 3 * time.Second},
		{name: "echo: __type and Message", serve: fixed(reply(400, "", `{"__type":"com.amazonaws.logs#`+hostileToken+`","Message":"`+hostileSecret+`"}`)),
			want: apiStatus(400), attempts: 1, within: 3 * time.Second},
		{name: "echo: an HTML 502 page", serve: fixed(reply(502, "Content-Type: text/html\r\n",
			"<html><body><h1>502 Bad Gateway</h1><p>token="+hostileToken+"</p><pre>"+hostileSecret+"</pre></body></html>")),
			want: apiStatus(502), attempts: 3, within: 3 * time.Second},
		{name: "echo: a 1 MiB message of credentials", serve: fixed(reply(400, "X-Amzn-ErrorType: AccessDeniedException\r\n",
			`{"message":"`+strings.Repeat(secrets+" ", (1<<20)/(len(secrets)+1))+`"}`)),
			want: is(cwlogs.ErrAccessDenied), attempts: 1, within: 3 * time.Second},
		{name: "echo: a token cut by the 1 MiB error bound", serve: fixed(reply(502, "Content-Type: text/html\r\n",
			// One tag, then the token, which the bound cuts 20 bytes in.
			"<p "+strings.Repeat("a", (1<<20)-3-1-20)+">"+hostileToken)),
			want: apiStatus(502), attempts: 3, within: 3 * time.Second},
		{name: "JSON error over the 1 MiB bound, its code in __type only", serve: fixed(reply(400, "",
			`{"__type":"LimitExceededException","message":"one integration at most","pad":"`+strings.Repeat("p", 1<<20)+`"}`)),
			want: all(is(cwlogs.ErrLimitExceeded), message("one integration at most")), attempts: 1, within: 3 * time.Second},
		{name: "echo: union member names in a 200", serve: fixed(reply(200, "",
			`{"integrationName":"x","integrationDetails":{"`+hostileToken+`":{},"`+hostileSecret+`":{}}}`)),
			want: is(cwlogs.ErrInvalidResponse), attempts: 1, within: 3 * time.Second},
		{name: "echo: request id of an invalid 200", serve: fixed(reply(200, "X-Amzn-RequestId: "+secrets+"\r\n", `{"integrationName":`)),
			want: is(cwlogs.ErrInvalidResponse), attempts: 1, within: 3 * time.Second},

		{name: "line breaks in the request id", serve: fixed(reply(400, "X-Amzn-RequestId: a\u2028b\u0085c\u2029d\r\n", errorJSON)),
			want: is(cwlogs.ErrResourceNotFound), attempts: 1, within: 3 * time.Second},
		{name: "a 1 MiB message with line breaks", serve: fixed(reply(400, "X-Amzn-ErrorType: ValidationException\r\n",
			`{"message":"`+strings.Repeat(`line\nbreak\u2028`, (1<<20)/20)+`"}`)),
			want: is(cwlogs.ErrValidation), attempts: 1, within: 3 * time.Second},

		{name: "BaseEndpoint secret: user info without a scheme", endpoint: func(u string) string {
			return "user:" + hostileSecret + "@" + strings.TrimPrefix(u, "http://")
		}, want: refused},
		{name: "BaseEndpoint secret: user info after a bare scheme", endpoint: func(u string) string {
			return "http:user:" + hostileSecret + "@" + strings.TrimPrefix(u, "http://")
		}, want: refused},
		{name: "BaseEndpoint secret: query", endpoint: func(u string) string {
			return u + "/?X-Amz-Security-Token=" + hostileToken
		}, want: refused},
		{name: "BaseEndpoint secret: fragment", endpoint: func(u string) string {
			return u + "/#" + hostileToken
		}, want: refused},
	}
}

// fuzzCorpusCases serves each input of the fuzz corpus in testdata/fuzz as
// the body of a 200: the call must give a result or ErrInvalidResponse.
func fuzzCorpusCases(t *testing.T) []hostileCase {
	files, err := filepath.Glob(filepath.Join("testdata", "fuzz", "*", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []hostileCase
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(data), "\n")
		if lines[0] != "go test fuzz v1" {
			t.Fatalf("%s: not a corpus file of go test fuzz v1", file)
		}
		for _, line := range lines[1:] {
			arg, ok := strings.CutPrefix(line, "[]byte(")
			if !ok {
				continue // an argument that is not the body (a status, a header)
			}
			body, err := strconv.Unquote(strings.TrimSuffix(arg, ")"))
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			cases = append(cases, hostileCase{
				name:  "fuzz corpus " + filepath.Base(filepath.Dir(file)) + "/" + filepath.Base(file),
				serve: func(string) rawHandler { return reply(200, "", body) },
				want:  anyOf(success, is(cwlogs.ErrInvalidResponse)), attempts: 1, within: 3 * time.Second,
			})
		}
	}
	if len(cases) == 0 {
		t.Fatal("no fuzz corpus in testdata/fuzz")
	}
	return cases
}

// runHostile runs one case: the servers, a client of its own, the calls,
// and every check.
func runHostile(t *testing.T, tc hostileCase) {
	before := runtime.NumGoroutine()
	other, err := startRawServer(nil)
	if err != nil {
		t.Fatal(err)
	}
	var handle rawHandler
	if tc.serve != nil {
		handle = tc.serve(other.url())
	}
	srv, err := startRawServer(handle)
	if err != nil {
		t.Fatal(err)
	}

	endpoint := srv.url()
	if tc.endpoint != nil {
		endpoint = tc.endpoint(endpoint)
	}
	creds := staticProvider{aws.Credentials{AccessKeyID: "AKIDHOSTILE000000000", SecretAccessKey: hostileSecret, SessionToken: hostileToken}}
	hc := cwlogs.NewHTTPClient()
	closers := []func(){hc.CloseIdleConnections}
	optFns := []func(*cwlogs.Options){func(o *cwlogs.Options) { o.RetryPolicy = fastRetry }}
	if tc.options != nil {
		optFns = append(optFns, tc.options)
	}
	opts := cwlogs.Options{Region: "us-east-1", Credentials: creds, BaseEndpoint: aws.String(endpoint), HTTPClient: hc}
	var client *cwlogs.Client
	switch tc.via {
	case "":
		client, err = cwlogs.New(opts, optFns...)
	case "own":
		own := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		closers = append(closers, own.CloseIdleConnections)
		opts.HTTPClient = own
		client, err = cwlogs.New(opts, optFns...)
	case "config":
		// Its transport cannot be reached: the server closes every
		// connection, so none is left idle.
		client, err = cwlogs.NewFromConfig(aws.Config{Region: opts.Region, Credentials: creds,
			BaseEndpoint: opts.BaseEndpoint, HTTPClient: awshttp.NewBuildableClient()}, optFns...)
	default:
		t.Fatalf("unknown via %q", tc.via)
	}
	printed := []string{fmt.Sprintf("%v %+v %#v %s", opts, opts, opts, opts)}

	type result struct {
		out *cwlogs.GetIntegrationOutput
		err error
	}
	calls := max(tc.calls, 1)
	results := make([]result, calls)
	start := time.Now()
	if client == nil {
		results[0].err = err
		results = results[:1]
	} else {
		printed = append(printed, fmt.Sprintf("%v %+v %#v", client, client, *client))
		if tc.prepare != nil {
			tc.prepare(t, client)
			start = time.Now()
		}
		var wg sync.WaitGroup
		for i := range results {
			wg.Add(1)
			go func() {
				defer wg.Done()
				timeout := tc.timeout
				if timeout == 0 {
					timeout = 5 * time.Second
				}
				ctx, cancel := context.WithTimeout(context.Background(), timeout)
				defer cancel()
				out, err := get(ctx, client, "x")
				results[i] = result{out, err}
			}()
		}
		wg.Wait()
	}
	elapsed := time.Since(start)

	// Problems are counted by kind, so that 64 calls failing alike give
	// one line.
	type problem struct {
		count int
		first string
	}
	problems := map[string]*problem{}
	var order []string
	report := func(kind string, err error) {
		p := problems[kind]
		if p == nil {
			p = &problem{first: fmt.Sprint(err)}
			problems[kind] = p
			order = append(order, kind)
		}
		p.count++
	}
	for _, r := range results {
		if p := tc.want(r.err); p != "" {
			report(p, r.err)
		}
		attempts := 0
		switch {
		case r.err == nil:
			attempts = r.out.ResultMetadata.Attempts
			printed = append(printed, fmt.Sprintf("%v %+v %#v", r.out, r.out, r.out))
		case client != nil:
			attempts = 1
			var ae *cwlogs.AttemptsError
			if errors.As(r.err, &ae) {
				attempts = ae.Attempts
			}
		}
		if attempts != tc.attempts {
			report(fmt.Sprintf("%d attempts, want %d", attempts, tc.attempts), r.err)
		}
		if r.err != nil {
			printed = append(printed, errorForms(r.err)...)
			if p := oneLineError(r.err.Error()); p != "" {
				report(p, r.err)
			}
		}
	}
	for _, kind := range order {
		p := problems[kind]
		t.Errorf("%d of %d calls: %s; first error: %.1000s", p.count, len(results), kind, p.first)
	}
	if tc.within > 0 && elapsed > tc.within {
		t.Errorf("the calls took %v, want at most %v", elapsed, tc.within)
	}
	wantRequests := tc.requests
	if wantRequests == 0 {
		wantRequests = tc.attempts * len(results)
	}
	if got := srv.requests.Load(); got != int64(wantRequests) {
		t.Errorf("the server counted %d requests, want %d", got, wantRequests)
	}
	if got := other.requests.Load() + other.conns.Load(); got != 0 {
		t.Errorf("the server redirected to was reached (%d requests and connections), want none", got)
	}
	for _, canary := range []string{hostileSecret, hostileToken} {
		n, first := 0, ""
		for _, p := range printed {
			if leak := leakedPart(p, canary); leak != "" {
				if n == 0 {
					first = fmt.Sprintf("%q, in %.600q", leak, p)
				}
				n++
			}
		}
		if n > 0 {
			t.Errorf("%s was printed, in %d of %d forms of the outputs; first %s", canary, n, len(printed), first)
		}
	}

	// While the servers run, so that a connection the client keeps is
	// still open, and then once they are closed.
	servers := func() int { return int(srv.goroutines.Load() + other.goroutines.Load()) }
	checkGoroutines(t, before, servers, closers)
	srv.close()
	other.close()
	checkGoroutines(t, before, func() int { return 0 }, closers)
}

// What every case of TestHostileServers checks besides its own table row:
// goroutines, printed credentials, one-line errors; and the error classes
// the rows name.

// checkGoroutines fails the test if, once idle connections are closed and a
// short while has passed, more goroutines run than before the case, apart
// from those of the servers.
func checkGoroutines(t *testing.T, before int, servers func() int, closers []func()) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Second)
	for {
		for _, c := range closers {
			c()
		}
		n := runtime.NumGoroutine() - servers()
		if n <= before {
			return
		}
		if time.Now().After(deadline) {
			t.Errorf("%d goroutines after the case (the servers' apart), %d before; of the client and its connections:\n%s",
				n, before, strings.Join(leakedGoroutines(), "\n\n"))
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// errorForms returns everything an error prints: each error of its chain
// with Error and the fmt verbs, and each exported field of those that are
// structs (the Code, Message and RequestID of an *APIError, say).
func errorForms(err error) []string {
	var forms []string
	var walk func(e error)
	walk = func(e error) {
		if e == nil {
			return
		}
		forms = append(forms, e.Error(), fmt.Sprintf("%v %+v %#v %s %q", e, e, e, e, e))
		v := reflect.ValueOf(e)
		if v.Kind() == reflect.Pointer && !v.IsNil() {
			v = v.Elem()
		}
		if v.Kind() == reflect.Struct {
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					f := v.Field(i).Interface()
					forms = append(forms, fmt.Sprintf("%v %+v %#v", f, f, f))
				}
			}
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, w := range u.Unwrap() {
				walk(w)
			}
		}
	}
	walk(err)
	return forms
}

// leakedPart returns a part of canary, 12 bytes or more, found in s: a
// credential cut at a length bound is still a leak.
func leakedPart(s, canary string) string {
	const window = 12
	for i := 0; i+window <= len(canary); i++ {
		if strings.Contains(s, canary[i:i+window]) {
			return canary[i : i+window]
		}
	}
	return ""
}

// maxErrorLen bounds the length of an error string: messages are cut to a
// few KiB.
const maxErrorLen = 16 << 10

// oneLineError tells what is wrong with an error string, if anything: it
// must start with "cwlogs: ", hold no line break or other control
// character, and be at most maxErrorLen bytes.
func oneLineError(s string) string {
	if !strings.HasPrefix(s, "cwlogs: ") {
		return fmt.Sprintf("error %.200q does not start with \"cwlogs: \"", s)
	}
	if i := strings.IndexFunc(s, func(r rune) bool {
		return r < ' ' || 0x7f <= r && r <= 0x9f || r == '\u2028' || r == '\u2029'
	}); i >= 0 {
		return fmt.Sprintf("error holds a line break or control character at byte %d: %.200q", i, s[max(i-100, 0):])
	}
	if len(s) > maxErrorLen {
		return fmt.Sprintf("error is %d bytes long, want at most %d", len(s), maxErrorLen)
	}
	return ""
}

// The classes of errors.

func success(err error) string {
	if err != nil {
		return "want success"
	}
	return ""
}

// refused accepts any error: a client that could not be made.
func refused(err error) string {
	if err == nil {
		return "want an error"
	}
	return ""
}

func is(target error) errClass {
	return func(err error) string {
		if !errors.Is(err, target) {
			return fmt.Sprintf("want an error that matches %v", target)
		}
		return ""
	}
}

func isNot(target error) errClass {
	return func(err error) string {
		if err == nil {
			return "want an error"
		}
		if errors.Is(err, target) {
			return fmt.Sprintf("want an error that does not match %v", target)
		}
		return ""
	}
}

// apiStatus wants an *APIError with that status.
func apiStatus(status int) errClass {
	return func(err error) string {
		var apiErr *cwlogs.APIError
		if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
			return fmt.Sprintf("want an *APIError with status %d", status)
		}
		return ""
	}
}

// message wants an *APIError with that message.
func message(msg string) errClass {
	return func(err error) string {
		var apiErr *cwlogs.APIError
		if !errors.As(err, &apiErr) || apiErr.Message != msg {
			return fmt.Sprintf("want an *APIError with the message %q", msg)
		}
		return ""
	}
}

// notResponse wants an error that is no response: neither an *APIError
// nor an invalid response.
func notResponse(err error) string {
	var apiErr *cwlogs.APIError
	if err == nil || errors.As(err, &apiErr) || errors.Is(err, cwlogs.ErrInvalidResponse) {
		return "want an error of the connection"
	}
	return ""
}

func retryable(err error) string {
	if !cwlogs.IsRetryable(err) {
		return "want a retryable error"
	}
	return ""
}

func all(classes ...errClass) errClass {
	return func(err error) string {
		for _, c := range classes {
			if p := c(err); p != "" {
				return p
			}
		}
		return ""
	}
}

func anyOf(classes ...errClass) errClass {
	return func(err error) string {
		var problems []string
		for _, c := range classes {
			p := c(err)
			if p == "" {
				return ""
			}
			problems = append(problems, p)
		}
		return strings.Join(problems, ", or ")
	}
}
