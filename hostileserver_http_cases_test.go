package cwlogs_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cwlogs-go/cwlogs"
)

// httpHostileCases are the cases of servers that break HTTP, or the
// service's use of it, on a GetIntegration call: hangs, stalled, cut,
// endless or compressed bodies, lengths that lie, 1xx responses, headers
// without end, redirects, retry hints and dates that make no sense.
func httpHostileCases() []hostileCase {
	bomb := gzipMember()
	zeros := make([]byte, 64<<10)
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
			"HTTP/1.1 400 Bad Request\r\nX-Amzn-ErrorType: ResourceNotFoundException\r\nContent-Length: 4194304\r\n\r\n" + hostileErrorJSON + padding)),
			options: noAttemptTimeout, want: is(cwlogs.ErrResourceNotFound), attempts: 1, within: 2 * time.Second},
		{name: "stalled body, 503 after its first MiB", serve: fixed(thenHang(
			"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4194304\r\n\r\n" + unavailableJSON + padding)),
			options: noAttemptTimeout, timeout: 10 * time.Second, want: is(cwlogs.ErrServiceUnavailable), attempts: 3, within: 5 * time.Second},

		{name: "JSON error over the 1 MiB bound, its code in __type only", serve: fixed(reply(400, "",
			`{"__type":"LimitExceededException","message":"one integration at most","pad":"`+strings.Repeat("p", 1<<20)+`"}`)),
			want: all(is(cwlogs.ErrLimitExceeded), message("one integration at most")), attempts: 1, within: 3 * time.Second},

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
		{name: "huge error code and request id, 400", serve: fixed(reply(400, "X-Amzn-ErrorType: "+longHeader+"\r\nX-Amzn-RequestId: "+longHeader+"\r\n", hostileErrorJSON)),
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
