package cwlogs_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cwlogs-go/cwlogs"
)

// The canaries of TestNoSecretInAnyText: credentials with every character
// real ones hold ('/', '+', '='), so that each escaped form differs.
const (
	canaryKeyID  = "AKIDCANARYKEYID01234"
	canarySecret = "CANARYsecretKEY/0123+4567=89abcdefghijkl"
)

var canaryToken = "CANARYsessionTOKEN" + strings.Repeat("+Zm9v/YmFy=", 6)

// sentSecrets are the secrets of one request, as the server saw them, and
// the request's operation.
type sentSecrets struct{ token, signature, keyID, secret, op string }

func (s sentSecrets) all() map[string]string {
	return map[string]string{"token": s.token, "signature": s.signature, "key id": s.keyID, "secret key": s.secret}
}

// secretForms returns the forms a service may echo s in: as it is,
// JSON-escaped, and query- and path-escaped with upper- and lower-case
// hexadecimal.
func secretForms(s string) map[string]string {
	lower := func(e string) string {
		b := []byte(e)
		for i := range b {
			if b[i] == '%' && i+2 < len(b) {
				copy(b[i+1:i+3], strings.ToLower(string(b[i+1:i+3])))
			}
		}
		return string(b)
	}
	// mixed writes the hexadecimal digits of every other escape in lower
	// case.
	mixed := func(e string) string {
		b := []byte(e)
		for i, k := 0, 0; i+2 < len(b); i++ {
			if b[i] == '%' {
				if k++; k%2 == 0 {
					copy(b[i+1:i+3], strings.ToLower(string(b[i+1:i+3])))
				}
			}
		}
		return string(b)
	}
	q := url.QueryEscape(s)
	return map[string]string{
		"raw": s, "JSON-escaped": strings.ReplaceAll(s, "/", `\/`),
		"query-escaped": q, "path-escaped": url.PathEscape(s),
		"query-escaped, lower-case hex":       lower(q),
		"query-escaped, mixed-case hex":       mixed(q),
		"query-escaped twice":                 url.QueryEscape(q),
		"query-escaped twice, lower-case hex": url.QueryEscape(lower(q)),
		"query-escaped, then path-escaped":    url.PathEscape(q),
		"path-escaped, then query-escaped":    url.QueryEscape(url.PathEscape(s)),
	}
}

// formNames are the names of the forms secretForms returns, in order.
var formNames = slices.Sorted(maps.Keys(secretForms("x")))

// charRefs writes every character of s that is not a letter or a digit as
// an HTML character reference, decimal and hexadecimal in turn, as a page
// may show a value: "+" as "&#43;", "/" as "&#x2f;".
func charRefs(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			b.WriteRune(r)
		case i%2 == 0:
			fmt.Fprintf(&b, "&#%d;", r)
		default:
			fmt.Fprintf(&b, "&#x%x;", r)
		}
	}
	return b.String()
}

// charRefsNoEnd is charRefs with decimal references only, each without
// its ';' unless a digit follows, as browsers read them: "+" as "&#43".
func charRefsNoEnd(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			b.WriteRune(r)
		case i+1 < len(s) && '0' <= s[i+1] && s[i+1] <= '9':
			fmt.Fprintf(&b, "&#%d;", r)
		default:
			fmt.Fprintf(&b, "&#%d", r)
		}
	}
	return b.String()
}

// jsonEscapes writes every character of s that is not a letter or a digit
// as a JSON escape, as some encoders write '+', '/' and '=': "\u002b".
func jsonEscapes(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	return b.String()
}

// canaryServer answers each request with what script makes of it: the
// number of the call (from 1) and the secrets the request carried.
type canaryServer struct {
	mu     sync.Mutex
	calls  int
	script func(n int, sec sentSecrets) *http.Response
}

func (s *canaryServer) Do(r *http.Request) (*http.Response, error) {
	_, _ = io.Copy(io.Discard, r.Body)
	auth := r.Header.Get("Authorization")
	_, sig, _ := strings.Cut(auth, "Signature=")
	sec := sentSecrets{token: r.Header.Get("X-Amz-Security-Token"), signature: sig, keyID: canaryKeyID, secret: canarySecret,
		op: strings.TrimPrefix(r.Header.Get("X-Amz-Target"), "Logs_20140328.")}
	if sec.token != canaryToken || !strings.Contains(auth, canaryKeyID) || len(sig) != 64 {
		return nil, fmt.Errorf("request not signed with the canaries: %q", auth)
	}
	s.mu.Lock()
	s.calls++
	n := s.calls
	s.mu.Unlock()
	resp := s.script(n, sec)
	resp.Request = r
	return resp, nil
}

// cutReader reads data, then fails: the server broke the body off.
type cutReader struct{ r io.Reader }

func (c *cutReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err == io.EOF {
		return n, io.ErrUnexpectedEOF
	}
	return n, err
}

// response returns a response of status with the headers, one a pair, and
// body; cut makes the body end early.
func response(status int, body string, cut bool, header ...string) *http.Response {
	h := http.Header{"Content-Type": {"application/x-amz-json-1.1"}}
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	var r io.Reader = strings.NewReader(body)
	length := int64(len(body))
	if cut {
		r, length = &cutReader{r}, length+100
	}
	return &http.Response{StatusCode: status, Status: strconv.Itoa(status) + " " + http.StatusText(status),
		Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1, Header: h, Body: io.NopCloser(r), ContentLength: length}
}

// texts collects every text the library makes in a run: errors in every
// form, the string fields of every error of their chains, and every log
// record through slog's JSON and text handlers.
type texts struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (x *texts) Write(p []byte) (int, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.buf.Write(p)
}

func (x *texts) String() string {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.buf.String()
}

// addError adds err and each error of its chain, with Error, %v, %+v, %#v
// and %q, and the string fields of each.
func (x *texts) addError(err error) {
	for queue := []error{err}; len(queue) > 0; queue = queue[1:] {
		e := queue[0]
		if e == nil {
			continue
		}
		fmt.Fprintf(x, "%s|%v|%+v|%#v|%q\n", e.Error(), e, e, e, e)
		if v := reflect.ValueOf(e); v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct {
			v = v.Elem()
			for i := range v.NumField() {
				if f := v.Field(i); v.Type().Field(i).IsExported() && f.Kind() == reflect.String {
					fmt.Fprintf(x, "%s\n", f.String())
				}
			}
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			queue = append(queue, u.Unwrap())
		case interface{ Unwrap() []error }:
			queue = append(queue, u.Unwrap()...)
		}
	}
}

// logger returns a logger that writes every record to x through slog's
// JSON and text handlers.
func (x *texts) logger() *slog.Logger {
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	return slog.New(teeHandler{slog.NewJSONHandler(x, opts), slog.NewTextHandler(x, opts)})
}

// teeHandler hands each record to both its handlers.
type teeHandler [2]slog.Handler

func (h teeHandler) Enabled(ctx context.Context, l slog.Level) bool { return h[0].Enabled(ctx, l) }
func (h teeHandler) Handle(ctx context.Context, r slog.Record) error {
	return errors.Join(h[0].Handle(ctx, r.Clone()), h[1].Handle(ctx, r.Clone()))
}
func (h teeHandler) WithAttrs(a []slog.Attr) slog.Handler {
	return teeHandler{h[0].WithAttrs(a), h[1].WithAttrs(a)}
}
func (h teeHandler) WithGroup(g string) slog.Handler {
	return teeHandler{h[0].WithGroup(g), h[1].WithGroup(g)}
}

// canaryCall is a call of one operation, or a wait; it returns the output
// of a call that succeeded.
type canaryCall struct {
	name string
	call func(ctx context.Context, c *cwlogs.Client) (any, error)
}

var canaryOps = []canaryCall{
	{"GetIntegration", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"})
	}},
	{"PutIntegration", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.PutIntegration(ctx, &cwlogs.PutIntegrationInput{IntegrationName: "x", IntegrationType: cwlogs.IntegrationTypeOpenSearch,
			ResourceConfig: &cwlogs.OpenSearchResourceConfig{DataSourceRoleArn: roleARN, DashboardViewerPrincipals: []string{viewerARN}, RetentionDays: 1}})
	}},
	{"ListIntegrations", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{})
	}},
	{"DeleteIntegration", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
	}},
	{"AssociateSourceToS3TableIntegration", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{
			IntegrationArn: canaryARN, DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}})
	}},
	{"DisassociateSourceFromS3TableIntegration", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.DisassociateSourceFromS3TableIntegration(ctx, &cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: "id"})
	}},
	{"ListSourcesForS3TableIntegration", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.ListSourcesForS3TableIntegration(ctx, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: canaryARN})
	}},
}

// canaryARN is the S3 Table integration of the canary calls.
const canaryARN = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/canary"

// The waits, of a millisecond between polls.
var (
	waitActive = canaryCall{"IntegrationActiveWaiter", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return nil, cwlogs.NewIntegrationActiveWaiter(c, func(o *cwlogs.IntegrationActiveWaiterOptions) {
			o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
		}).Wait(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"}, time.Minute)
	}}
	waitDeleted = canaryCall{"IntegrationDeletedWaiter", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return nil, cwlogs.NewIntegrationDeletedWaiter(c, func(o *cwlogs.IntegrationDeletedWaiterOptions) {
			o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
		}).Wait(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "x"}, time.Minute)
	}}
	canaryWaits = []canaryCall{waitActive, waitDeleted}

	waitSourceActive = canaryCall{"S3TableIntegrationSourceActiveWaiter", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return nil, cwlogs.NewS3TableIntegrationSourceActiveWaiter(c, func(o *cwlogs.S3TableIntegrationSourceActiveWaiterOptions) {
			o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
		}).Wait(ctx, &cwlogs.S3TableIntegrationSourceWaitInput{IntegrationArn: canaryARN, Identifier: "id"}, time.Minute)
	}}
	waitSourceGone = canaryCall{"S3TableIntegrationSourceDisassociatedWaiter", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return nil, cwlogs.NewS3TableIntegrationSourceDisassociatedWaiter(c, func(o *cwlogs.S3TableIntegrationSourceDisassociatedWaiterOptions) {
			o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
		}).Wait(ctx, &cwlogs.S3TableIntegrationSourceWaitInput{IntegrationArn: canaryARN, Identifier: "id"}, time.Minute)
	}}
	canarySourceWaits = []canaryCall{waitSourceActive, waitSourceGone}

	ensureSource = canaryCall{"EnsureS3TableIntegrationSource", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return cwlogs.EnsureS3TableIntegrationSource(ctx, c, &cwlogs.AssociateSourceToS3TableIntegrationInput{
			IntegrationArn: canaryARN, DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}})
	}}
	teardownSource = canaryCall{"TeardownS3TableIntegrationSource", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return cwlogs.TeardownS3TableIntegrationSource(ctx, c, &cwlogs.AssociateSourceToS3TableIntegrationInput{
			IntegrationArn: canaryARN, DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}})
	}}
	ensureIntegration = canaryCall{"EnsureIntegration", func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return cwlogs.EnsureIntegration(ctx, c, &cwlogs.PutIntegrationInput{IntegrationName: "x", IntegrationType: cwlogs.IntegrationTypeOpenSearch,
			ResourceConfig: &cwlogs.OpenSearchResourceConfig{DataSourceRoleArn: roleARN, DashboardViewerPrincipals: []string{viewerARN}, RetentionDays: 1}},
			func(o *cwlogs.EnsureIntegrationOptions) {
				o.Waiter.MinDelay, o.Waiter.MaxDelay = time.Millisecond, time.Millisecond
			})
	}}
)

// sourcesPage is a page of ListSourcesForS3TableIntegration with the
// source "id" of amazon_eks/audit, of status and reason.
func sourcesPage(status, reason string) *http.Response {
	return response(200, `{"sources":[{"identifier":"id","dataSource":{"name":"amazon_eks","type":"audit"},"status":"`+status+
		`","statusReason":"`+reason+`"}]}`, false)
}

// placement puts v, a secret in one form (or the start of one), in the
// response to call n of a run.
type placement struct {
	name   string
	answer func(v string, n int) *http.Response
	calls  []canaryCall
}

// cutPlacement is a placement where a secret is cut.
type cutPlacement struct {
	placement
	// minStart is the shortest start of a secret that the rule redacts
	// there; 0 means 4, the bound where a text ends or was cut.
	minStart int
}

// deniedAfter answers call n with first until n reaches calls, then with
// AccessDeniedException, which ends a wait.
func deniedAfter(calls int, first func() *http.Response, n int) *http.Response {
	if n <= calls {
		return first()
	}
	return response(400, `{"__type":"AccessDeniedException","message":"no"}`, false)
}

// placements are the parts of a response a secret is echoed in, whole.
var placements = []placement{
	{"status and reason of a source of a wait that ended", func(v string, n int) *http.Response {
		return deniedAfter(2, func() *http.Response { return sourcesPage(v, "reason: "+v) }, n)
	}, canarySourceWaits},
	{"reason of a FAILED source", func(v string, _ int) *http.Response {
		return sourcesPage("FAILED", "failed: "+v)
	}, canarySourceWaits[:1]},
	{"JSON error message", func(v string, _ int) *http.Response {
		return response(400, `{"__type":"ValidationException","message":"bad request: `+v+`"}`, false)
	}, canaryOps},
	{"__type", func(v string, _ int) *http.Response {
		return response(400, `{"__type":"com.amazonaws.logs#`+v+`","message":"m"}`, false)
	}, canaryOps},
	{"code member", func(v string, _ int) *http.Response {
		return response(400, `{"code":"`+v+`:x","Message":"m"}`, false)
	}, canaryOps},
	{"error type header", func(v string, _ int) *http.Response {
		return response(400, `{"message":"m"}`, false, "X-Amzn-ErrorType", v)
	}, canaryOps},
	{"request id of an error", func(v string, _ int) *http.Response {
		return response(400, `{"__type":"ValidationException","message":"m"}`, false, "X-Amzn-RequestId", v)
	}, canaryOps},
	{"request id of a success", func(v string, _ int) *http.Response {
		return response(200, `{}`, false, "X-Amzn-RequestId", v)
	}, canaryOps},
	{"request id of a body that does not decode", func(v string, _ int) *http.Response {
		return response(200, `{"integrationName":`, false, "X-Amzn-RequestId", v)
	}, canaryOps},
	{"HTML page", func(v string, _ int) *http.Response {
		return response(502, "<html><head><title>"+v+"</title></head><body><h1>502</h1><p>token="+v+"</p></body></html>", false,
			"Content-Type", "text/html")
	}, canaryOps},
	{"HTML page with character references", func(v string, _ int) *http.Response {
		return response(502, "<html><body><h1>502</h1><p>token="+charRefs(v)+"</p></body></html>", false, "Content-Type", "text/html")
	}, canaryOps},
	{"HTML page with character references without their end", func(v string, _ int) *http.Response {
		return response(502, "<html><body><h1>502</h1><p>token="+charRefsNoEnd(v)+" rejected</p></body></html>", false, "Content-Type", "text/html")
	}, canaryOps},
	{"JSON error message with escapes", func(v string, _ int) *http.Response {
		return response(403, `{"__type":"AccessDeniedException","message":"token `+jsonEscapes(v)+` rejected"}`, false)
	}, canaryOps},
	{"body cut by the server", func(v string, _ int) *http.Response {
		return response(400, `{"message":"bad request: `+v, true, "X-Amzn-ErrorType", "ValidationException")
	}, canaryOps},
	{"union member names of a success", func(v string, _ int) *http.Response {
		return response(200, `{"integrationName":"x","integrationDetails":{"`+v+`":{},"b`+v+`":{}}}`, false)
	}, canaryOps[:1]},
	{"status of a wait that ended", func(v string, n int) *http.Response {
		return deniedAfter(2, func() *http.Response {
			return response(200, `{"integrationName":"x","integrationStatus":"`+v+`"}`, false)
		}, n)
	}, canaryWaits},
	{"resource status and message of a FAILED integration", func(v string, _ int) *http.Response {
		return response(200, `{"integrationName":"x","integrationStatus":"FAILED","integrationDetails":{"openSearchIntegrationDetails":{`+
			`"collection":{"collectionArn":"c","status":{"status":"ERROR","statusMessage":"failed: `+v+`"}},`+
			`"workspace":{"workspaceId":"w","status":{"status":"`+v+`"}}}}}`, false)
	}, canaryWaits[:1]},
	{"resource status of a wait that ended", func(v string, n int) *http.Response {
		return deniedAfter(1, func() *http.Response {
			return response(200, `{"integrationName":"x","integrationStatus":"PROVISIONING","integrationDetails":{"openSearchIntegrationDetails":{`+
				`"collection":{"collectionArn":"c","status":{"status":"`+v+`"}}}}}`, false)
		}, n)
	}, canaryWaits[:1]},
}

// cutPlacements are the parts of a response where a secret may be cut,
// by the server, the client's bound, or the service: each gets the start
// of a secret's form, of every length.
var cutPlacements = []cutPlacement{
	{placement: placementNamed("body cut by the server")},
	// A start the service cut itself, followed by more text: redacted
	// from 8 bytes on (minStart), wherever it is.
	{placement{"start cut by the service, followed by text", func(v string, _ int) *http.Response {
		return response(400, `{"__type":"UnrecognizedClientException","message":"The security token `+v+`... is invalid"}`, false)
	}, canaryOps}, 8},
	{placement: placement{"HTML page cut by the 1 MiB error bound", func(v string, _ int) *http.Response {
		// One tag fills the bound but for len(v) bytes: the page shows v.
		// A 400, which is not retried: one attempt reads the megabyte.
		return response(400, "<p "+strings.Repeat("a", (1<<20)-3-1-len(v))+">"+v+strings.Repeat("z", 100), false, "Content-Type", "text/html")
	}, canaryOps[:1]}},
	{placement: placementNamed("request id of an error")},
	{placement: placementNamed("resource status and message of a FAILED integration")},
	{placement: placementNamed("status of a wait that ended")},
	{placement: placementNamed("reason of a FAILED source")},
}

// placementNamed returns the placement of that name.
func placementNamed(name string) placement {
	for _, p := range placements {
		if p.name == name {
			return p
		}
	}
	panic("no placement " + name)
}

// ensurePlacements put a secret in the responses that EnsureIntegration
// makes texts of: the integrations that hold the quota, an integration
// found FAILED.
var ensurePlacements = []struct {
	name   string
	answer func(v string, n int, sec sentSecrets) *http.Response
	call   canaryCall
}{
	{"holders of the quota", func(v string, _ int, sec sentSecrets) *http.Response {
		switch sec.op {
		case "PutIntegration":
			return response(400, `{"__type":"LimitExceededException","message":"one at most"}`, false)
		case "ListIntegrations":
			return response(200, `{"integrationSummaries":[{"integrationName":"`+v+`","integrationType":"`+v+`","integrationStatus":"`+v+`"}]}`, false)
		}
		return response(400, `{"__type":"ResourceNotFoundException","message":"none"}`, false)
	}, ensureIntegration},
	// An association whose outcome the client could not learn (its own
	// listing was refused), which EnsureS3TableIntegrationSource settles
	// with a listing of its own: a new source, FAILED.
	{"source found after an unknown association", func(v string, n int, sec sentSecrets) *http.Response {
		switch {
		case sec.op == "AssociateSourceToS3TableIntegration":
			return response(500, `{"__type":"InternalServerException","message":"m"}`, false)
		case n == 1:
			return response(200, `{"sources":[]}`, false)
		case n == 3:
			return response(400, `{"__type":"AccessDeniedException","message":"no"}`, false)
		}
		return response(200, `{"sources":[{"identifier":"`+v+`","dataSource":{"name":"amazon_eks","type":"audit"},"status":"FAILED"}]}`, false)
	}, ensureSource},
	// A source to disassociate whose identifier echoes a secret, and whose
	// disassociation's outcome stays unknown.
	{"source to disassociate", func(v string, _ int, sec sentSecrets) *http.Response {
		if sec.op == "DisassociateSourceFromS3TableIntegration" {
			return response(500, `{"__type":"InternalServerException","message":"m"}`, false)
		}
		return response(200, `{"sources":[{"identifier":"`+v+`","dataSource":{"name":"amazon_eks","type":"audit"},"status":"ACTIVE"}]}`, false)
	}, teardownSource},
	// The identifier of the association made, which the wait that
	// follows is for: its first poll is refused.
	{"identifier of a new association, waited for", func(v string, n int, sec sentSecrets) *http.Response {
		switch {
		case sec.op == "AssociateSourceToS3TableIntegration":
			return response(200, `{"identifier":"`+v+`"}`, false)
		case n == 1:
			return response(200, `{"sources":[]}`, false)
		}
		return response(400, `{"__type":"AccessDeniedException","message":"no"}`, false)
	}, ensureSource},
	// The identifier of a source the lookup found, not ACTIVE yet, which
	// the wait that follows is for.
	{"identifier of a source found, waited for", func(v string, n int, _ sentSecrets) *http.Response {
		if n == 1 {
			return response(200, `{"sources":[{"identifier":"`+v+`","dataSource":{"name":"amazon_eks","type":"audit"},"status":"UNHEALTHY"}]}`, false)
		}
		return response(400, `{"__type":"AccessDeniedException","message":"no"}`, false)
	}, ensureSource},
	// The identifier of a source disassociated, which the wait that
	// follows is for.
	{"identifier of a source disassociated, waited for", func(v string, n int, sec sentSecrets) *http.Response {
		switch {
		case sec.op == "DisassociateSourceFromS3TableIntegration":
			return response(200, `{"identifier":"`+v+`"}`, false)
		case n == 1:
			return response(200, `{"sources":[{"identifier":"`+v+`","dataSource":{"name":"amazon_eks","type":"audit"},"status":"ACTIVE"}]}`, false)
		}
		return response(400, `{"__type":"AccessDeniedException","message":"no"}`, false)
	}, teardownSource},
	// The same, gone at the wait's first poll: the poll's record tells
	// that the source is not listed.
	{"identifier of a source disassociated, not listed", func(v string, n int, sec sentSecrets) *http.Response {
		switch {
		case sec.op == "DisassociateSourceFromS3TableIntegration":
			return response(200, `{"identifier":"`+v+`"}`, false)
		case n == 1:
			return response(200, `{"sources":[{"identifier":"`+v+`","dataSource":{"name":"amazon_eks","type":"audit"},"status":"ACTIVE"}]}`, false)
		}
		return response(200, `{"sources":[]}`, false)
	}, teardownSource},
	{"integration found FAILED", func(v string, _ int, _ sentSecrets) *http.Response {
		return response(200, `{"integrationName":"x","integrationType":"OPENSEARCH","integrationStatus":"FAILED","integrationDetails":`+
			`{"openSearchIntegrationDetails":{"collection":{"status":{"status":"`+v+`","statusMessage":"failed: `+v+`"}}}}}`, false)
	}, ensureIntegration},
}

// TestNoSecretInAnyText echoes the secrets of each request (the session
// token, the signature, the access key id and the secret key) in every
// form a service may use (as they are, JSON-escaped, query- and
// path-escaped, the escapes' hexadecimal digits in any case, escaped
// twice; an HTML page's character references) and in every part of a response (error bodies and
// headers, HTML pages, success bodies: a status, a resource's status and
// message, a source's status and reason, union member names, a request
// id, the integrations a listing holds, the identifier of a source that
// a wait is then for), in every operation, waiter and the Ensure and
// Teardown functions; and their starts, of every length, where a text
// was cut (by the server, by the client's 1 MiB bound, or by the
// service, followed by more text). It looks for them in every text the library makes: each
// error of the chain with Error, %v, %+v, %#v and %q, the string fields
// of each, every log record through slog's JSON and text handlers, and
// every span (its name, properties and events) and metric (its
// measurements' properties) of the client's TracerProvider and
// MeterProvider. A
// start shorter than 4 bytes where a text was cut, or than 8 bytes
// followed by more text, is left alone, as the rule says. Each
// request is signed a second after the one before (tickingClock), so a
// text scrubbed of another request's secrets than those it shows fails
// every run.
func TestNoSecretInAnyText(t *testing.T) {
	t.Parallel()
	secretNames := []string{"token", "signature", "key id", "secret key"}
	for _, p := range placements {
		for _, secretName := range secretNames {
			for _, formName := range formNames {
				for _, call := range p.calls {
					name := fmt.Sprintf("%s/%s/%s/%s", p.name, secretName, formName, call.name)
					runCanary(t, name, call, 0, func(n int, sec sentSecrets) (*http.Response, string) {
						return p.answer(secretForms(sec.all()[secretName])[formName], n), ""
					})
				}
			}
		}
	}
	for _, p := range ensurePlacements {
		for _, secretName := range secretNames {
			for _, formName := range formNames {
				name := fmt.Sprintf("%s/%s/%s/%s", p.name, secretName, formName, p.call.name)
				runCanary(t, name, p.call, 0, func(n int, sec sentSecrets) (*http.Response, string) {
					return p.answer(secretForms(sec.all()[secretName])[formName], n, sec), ""
				})
			}
		}
	}
	for _, p := range cutPlacements {
		for _, secretName := range secretNames {
			for _, formName := range formNames {
				// Every length for the session token as it is (and
				// query-escaped where the text ends at the cut, but in
				// the 1 MiB bodies); a few lengths, each side of the
				// rule's minimum, for the others (two in the 1 MiB
				// bodies).
				minStart := p.minStart
				if minStart == 0 {
					minStart = 4
				}
				megabyte := strings.Contains(p.name, "1 MiB")
				every := secretName == "token" && (formName == "raw" || formName == "query-escaped" && !megabyte && p.minStart == 0)
				length := 64 // a signature's
				if s := map[string]string{"token": canaryToken, "key id": canaryKeyID, "secret key": canarySecret}[secretName]; s != "" {
					length = len(secretForms(s)[formName])
				}
				for _, call := range p.calls {
					for n := 1; n < length; n++ {
						sample := n == minStart-1 || n == minStart || !megabyte && (n == 1 || n == minStart+1 || n == 17)
						if !every && !sample {
							continue
						}
						name := fmt.Sprintf("%s/%s/%s/%s/cut at %d", p.name, secretName, formName, call.name, n)
						runCanary(t, name, call, minStart, func(k int, sec sentSecrets) (*http.Response, string) {
							start := secretForms(sec.all()[secretName])[formName][:n]
							return p.answer(start, k), start
						})
					}
				}
			}
		}
	}
}

// echoes reports whether resp holds s in a header or its body. It reads
// the body, and gives resp one that reads the same, cut where it was.
func echoes(resp *http.Response, s string) bool {
	body, err := io.ReadAll(resp.Body)
	var r io.Reader = bytes.NewReader(body)
	if err != nil {
		r = &cutReader{r}
	}
	resp.Body = io.NopCloser(r)
	for _, values := range resp.Header {
		for _, v := range values {
			if strings.Contains(v, s) {
				return true
			}
		}
	}
	return bytes.Contains(body, []byte(s))
}

// tickingClock returns a clock a second later at each reading: no two
// requests are signed in the same second, so that each has a signature
// of its own, and a text that shows the secrets of another request than
// the one it was scrubbed for fails every run, not only when the requests
// fall in different seconds.
func tickingClock() func() time.Time {
	var mu sync.Mutex
	t := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t = t.Add(time.Second)
		return t
	}
}

// runCanary runs call as a subtest, against a server that answers with
// script, which tells the start of a secret it cut, if it did, and checks
// that no text shows a secret or a start of one of minStart bytes or more,
// and that a shorter start is shown as it is (the rule leaves it alone).
//
// The runs are many: they are not parallel, so that the race detector's
// bound on live goroutines holds.
func runCanary(t *testing.T, name string, call canaryCall, minStart int, script func(n int, sec sentSecrets) (*http.Response, string)) {
	t.Run(name, func(t *testing.T) {
		var mu sync.Mutex
		var seen []sentSecrets
		var starts, short []string // starts of secrets cut, of minStart bytes or more, and shorter
		srv := &canaryServer{script: func(n int, sec sentSecrets) *http.Response {
			resp, start := script(n, sec)
			if start != "" && !echoes(resp, start) {
				// An answer that does not echo the start, such as the
				// error that ends a wait: its secrets may show in no
				// text, and it adds no start to look for.
				start = ""
			}
			mu.Lock()
			defer mu.Unlock()
			seen = append(seen, sec)
			switch {
			case start == "":
			case len(start) >= minStart:
				starts = append(starts, start)
			default:
				short = append(short, start)
			}
			return resp
		}}
		var out texts
		tel := newTelemetryRecorder()
		creds := staticProvider{aws.Credentials{AccessKeyID: canaryKeyID, SecretAccessKey: canarySecret, SessionToken: canaryToken}}
		client, err := cwlogs.New(cwlogs.Options{Region: "us-east-1", Credentials: creds, HTTPClient: srv,
			RetryPolicy: fastRetry, Logger: out.logger(), Clock: tickingClock(), TracerProvider: tel, MeterProvider: tel})
		if err != nil {
			t.Fatal(err)
		}
		var output any
		err = cwlogs.WaitWithin(t, func(ctx context.Context) (err error) {
			output, err = call.call(ctx, client)
			return err
		})
		out.addError(err)
		if err == nil {
			// A success: its metadata is the library's text (the rest of
			// an output is the service's data).
			if m := reflect.ValueOf(output).Elem().FieldByName("ResultMetadata"); m.IsValid() {
				fmt.Fprintf(&out, "%+v\n", m.Interface())
			}
		}
		// Every span's name, properties and events, every instrument and
		// measurement with its properties.
		fmt.Fprint(&out, tel.dump())
		text := out.String()
		mu.Lock()
		defer mu.Unlock()
		if len(seen) == 0 {
			t.Fatalf("no request reached the server: %v", err)
		}
		for _, sec := range seen {
			for secretName, s := range sec.all() {
				for formName, f := range secretForms(s) {
					if part := leakedPart(text, f); part != "" {
						t.Fatalf("%s %q of the %s was printed:\n%s", formName, part, secretName, text)
					}
				}
			}
		}
		for _, s := range starts {
			if strings.Contains(text, s) {
				t.Fatalf("the start %q of a secret was printed:\n%s", s, text)
			}
		}
		// A start shorter than the rule's minimum is left alone: it tells
		// nothing of the secret.
		for _, s := range short {
			if !strings.Contains(text, s) {
				t.Fatalf("the start %q of a secret, shorter than %d bytes, was not printed as it is:\n%s", s, minStart, text)
			}
		}
		if len(short) == 0 && !strings.Contains(text, "[redacted]") {
			t.Fatalf("nothing was redacted, so the echo did not reach a text:\n%s", text)
		}
	})
}
