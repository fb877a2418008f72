package cwlogs_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"

	"github.com/cwlogs-go/cwlogs"
)

// This file runs the hostile-server suite: calls against servers that
// misbehave, each of which must end, within its time, with the error of
// its class, after the attempts and requests it must make, leaving no
// goroutine, printing no credential, its error on one bounded line. The
// cases are in the files hostileserver_*_cases_test.go:
//
//   - http: the transport (hangs, stalled, cut, endless or compressed
//     bodies, 1xx, redirects, bad dates) and the fuzz corpus as bodies;
//   - echo: servers that echo the client's credentials back;
//   - source: the S3 Table integration source operations, the paginator
//     and the source waiter (endless pages, tokens that never end).

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
	// call makes one call; getX (GetIntegration of "x") if nil.
	call hostileCall
	// calls is how many calls run at once; 1 if zero.
	calls int
	// want checks the error of each call (nil on success): its class.
	want errClass
	// attempts is what each call reports: on success, what call returns;
	// on an error, AttemptsError.Attempts, or 1 if no error of its chain
	// is an AttemptsError; 0 when no client was made. If negative, any.
	attempts int
	// requests is what the server must count: attempts × calls if zero,
	// and at least 2 if negative.
	requests int
	// within bounds the elapsed time of the calls, generously.
	within time.Duration
	// maxError bounds the length of each call's error; maxErrorLen if
	// zero.
	maxError int
}

// hostileCall makes one call with c: its output (nil on an error), the
// attempts the output reports (ResultMetadata.Attempts; 0 for a waiter or
// a paginator's All, which report none), and its error.
type hostileCall func(ctx context.Context, c *cwlogs.Client) (out any, attempts int, err error)

// getX is the call of a case that names none: GetIntegration of "x".
func getX(ctx context.Context, c *cwlogs.Client) (any, int, error) {
	out, err := get(ctx, c, "x")
	if err != nil {
		return nil, 0, err
	}
	return out, out.ResultMetadata.Attempts, nil
}

// errClass checks an error of a call, returning what is wrong with it.
type errClass func(err error) string

// fixed serves every case's run with the same handler.
func fixed(h rawHandler) func(string) rawHandler { return func(string) rawHandler { return h } }

// TestHostileServers is the hostile-server suite: see the top of this
// file.
func TestHostileServers(t *testing.T) {
	// Not parallel: each case counts the process's goroutines.
	cases := hostileServerCases(t)
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

// hostileServerCases returns every case of TestHostileServers.
func hostileServerCases(t *testing.T) []hostileCase {
	return slices.Concat(httpHostileCases(), fuzzCorpusCases(t), echoHostileCases(), sourceHostileCases())
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

	call := tc.call
	if call == nil {
		call = getX
	}
	type result struct {
		out      any
		attempts int // the output's
		err      error
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
				out, attempts, err := call(ctx, client)
				results[i] = result{out, attempts, err}
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
			attempts = r.attempts
			printed = append(printed, fmt.Sprintf("%v %+v %#v", r.out, r.out, r.out))
		case client != nil:
			attempts = 1
			var ae *cwlogs.AttemptsError
			if errors.As(r.err, &ae) {
				attempts = ae.Attempts
			}
		}
		if tc.attempts >= 0 && attempts != tc.attempts {
			report(fmt.Sprintf("%d attempts, want %d", attempts, tc.attempts), r.err)
		}
		if r.err != nil {
			printed = append(printed, errorForms(r.err)...)
			if p := oneLineError(r.err.Error(), cmp.Or(tc.maxError, maxErrorLen)); p != "" {
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
	got := srv.requests.Load()
	switch {
	case wantRequests < 0 && got < 2:
		t.Errorf("the server counted %d requests, want several", got)
	case wantRequests >= 0 && got != int64(wantRequests):
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
	t.Logf("%d requests in %v", got, elapsed)
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
// character, and be at most maxLen bytes.
func oneLineError(s string, maxLen int) string {
	if !strings.HasPrefix(s, "cwlogs: ") {
		return fmt.Sprintf("error %.200q does not start with \"cwlogs: \"", s)
	}
	if i := strings.IndexFunc(s, func(r rune) bool {
		return r < ' ' || 0x7f <= r && r <= 0x9f || r == '\u2028' || r == '\u2029'
	}); i >= 0 {
		return fmt.Sprintf("error holds a line break or control character at byte %d: %.200q", i, s[max(i-100, 0):])
	}
	if len(s) > maxLen {
		return fmt.Sprintf("error is %d bytes long, want at most %d", len(s), maxLen)
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
