package cwlogs

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go/encoding/httpbinding"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"
)

// Version is the version of this package, sent in the User-Agent header.
const Version = "0.1.0"

// Limits on the response bodies the client reads.
const (
	// DefaultMaxResponseBytes is the limit on a success body when
	// Options.MaxResponseBytes is zero.
	DefaultMaxResponseBytes = 4 << 20
	// maxErrorBodyBytes is how much of an error body is read: the error's
	// code and message are at its start, and the rest is left unread.
	maxErrorBodyBytes = 1 << 20
)

// Protocol constants of the CloudWatch Logs API (AWS JSON 1.1).
const (
	signingName   = "logs"
	targetPrefix  = "Logs_20140328."
	contentType   = "application/x-amz-json-1.1"
	userAgent     = "cwlogs-go/" + Version
	serviceSDKID  = "CloudWatch Logs"
	errorBodyRead = 64 << 10 // drained from a body before closing it
)

// HTTPClient sends HTTP requests. *http.Client implements it.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// Options configures a [Client]. The zero value of each field is documented
// beside it; [New] checks the options and reports the first bad field.
type Options struct {
	// Region is the AWS Region requests are signed for and, unless
	// BaseEndpoint is set, sent to, such as "us-east-1". The pseudo-regions
	// "fips-X" and "X-fips" mean Region X with FIPS endpoints. Required.
	Region string

	// Credentials provides the credentials requests are signed with. They
	// are retrieved on every call, so a provider that refreshes them works;
	// wrap a slow provider in aws.NewCredentialsCache. Required; use
	// aws.AnonymousCredentials{} to send requests unsigned.
	Credentials aws.CredentialsProvider

	// HTTPClient sends the requests. If nil, the client [NewHTTPClient]
	// returns is used, whose transport all such clients share.
	//
	// A redirect is never followed, so that the signed request, with its
	// X-Amz-Security-Token header, goes to no other host: it is returned as
	// an [*APIError] with its status. To that end [New] uses, in place of
	// an *http.Client, a copy of it whose CheckRedirect refuses every
	// redirect (the caller's client is not changed), and in place of an
	// *awshttp.BuildableClient (package aws/transport/http, what
	// config.LoadDefaultConfig sets), an *http.Client with its transport,
	// timeout and read timeout, shared by the clients made with it. Any
	// other implementation is used as it is: it must not follow
	// redirects itself.
	HTTPClient HTTPClient

	// BaseEndpoint, if set, is the URL requests are sent to instead of the
	// Region's endpoint, such as "http://localhost:4566"; its path is kept.
	// It must be an http or https URL with a host name in ASCII (or an IP
	// address, IPv6 without a zone), and no user name, password, query or
	// fragment. It cannot be combined with FIPS or dual-stack endpoints.
	BaseEndpoint *string

	// EndpointOptions selects the FIPS and dual-stack variants of the
	// Region's endpoint.
	EndpointOptions EndpointOptions

	// MaxResponseBytes is the largest success body the client reads; a
	// larger one gives an error that matches [ErrResponseTooLarge]. If zero,
	// [DefaultMaxResponseBytes] is used. Error bodies are read up to 1 MiB.
	MaxResponseBytes int64

	// RetryMaxAttempts is the most attempts a call makes, the first
	// included. If zero, [DefaultRetryMaxAttempts] (3); 1 turns retries off.
	RetryMaxAttempts int

	// RetryPolicy decides which failed attempts are tried again and after
	// how long. If nil, [StandardRetry]{} is used.
	RetryPolicy RetryPolicy

	// AttemptTimeout bounds each attempt, apart from the caller's context
	// that bounds the whole call, so that a hung connection is given up and
	// tried again while there is time. If zero, [DefaultAttemptTimeout]
	// (10 s); a negative value sets no bound.
	AttemptTimeout time.Duration

	// Clock returns the time requests are signed at. If nil, time.Now is
	// used. Tests set it to sign with a fixed time.
	Clock func() time.Time

	// Logger receives a record of each attempt that failed and is tried
	// again (Warn), of each call that ended in error (Error when the
	// service or the network failed, Warn for throttling and the caller's
	// deadline, Info for an error of the caller's), and of each result
	// confirmed after an attempt whose outcome was unknown (Info; see
	// ResponseMetadata.Confirmed), and of each poll of a waiter made with
	// the client (Info: the status, the resources not active, the next
	// delay). Records hold the operation, the
	// attempt, the error code, HTTP status, request id and error text,
	// never a credential, a signature or a body. If nil, the client logs
	// nothing.
	Logger *slog.Logger

	// TracerProvider, if set, traces every call as the official SDK's
	// clients do: a span of kind client named "CloudWatch Logs.<Operation>"
	// (rpc.system "aws-api", rpc.service, rpc.method; on failure
	// exception.type, exception.message and, for an error of the service,
	// api.error_code, api.error_message and api.error_fault), a child span
	// per attempt, and a span per wait of a waiter made with the client,
	// whose polls are its children. Log records are made with the call's
	// context, which holds its span. If nil (or smithy-go's no-op
	// provider), nothing is traced and nothing is allocated for it. Plug
	// OpenTelemetry in with smithy-go's smithyoteltracing adapter; with
	// [NewFromConfig], set it in an option function, as aws.Config has no
	// such field.
	TracerProvider tracing.TracerProvider

	// MeterProvider, if set, measures every call as the official SDK's
	// clients do: client.call.duration and client.call.attempt_duration
	// (histograms, in seconds), client.call.attempts and
	// client.call.errors (counters), each with the attributes rpc.service
	// and rpc.method (the errors with exception.type too). If nil (or
	// smithy-go's no-op provider), nothing is measured and nothing is
	// allocated for it. Plug OpenTelemetry in with smithy-go's
	// smithyotelmetrics adapter.
	MeterProvider metrics.MeterProvider
}

// EndpointOptions selects variants of the regional endpoint. The zero value
// selects the plain endpoint.
type EndpointOptions struct {
	// UseFIPSEndpoint selects the FIPS endpoint when enabled.
	UseFIPSEndpoint aws.FIPSEndpointState
	// UseDualStackEndpoint selects the dual-stack (IPv4 and IPv6) endpoint
	// when enabled.
	UseDualStackEndpoint aws.DualStackEndpointState
}

// Client calls the CloudWatch Logs integrations API. It is safe for
// concurrent use by multiple goroutines, and its options do not change
// after [New]. Make one with New or [NewFromConfig]: the calls of a zero
// Client, or a nil *Client, return an error.
type Client struct {
	options Options
	r       resolved
	// signer caches signing keys by access key id, region and day, so each
	// client has its own: a wrong secret key of one client is never signed
	// with the key another client derived.
	signer *v4.Signer
	// skew is the offset, in nanoseconds, added to the clock when signing,
	// learnt from a service that refused a request as signed at the wrong
	// time. Copies of the client for per-call options share it.
	skew *atomic.Int64
}

// resolved is what the client derives from its Options once.
type resolved struct {
	endpoint *url.URL // where requests are sent
	// plainPath tells that the signer's escape of the endpoint's path
	// gives it back the same, so that the signer need not escape it.
	plainPath      bool
	signingRegion  string
	anonymous      bool
	httpClient     HTTPClient
	maxBody        int64
	now            func() time.Time
	maxAttempts    int
	policy         RetryPolicy
	attemptTimeout time.Duration
	logger         *slog.Logger
	tel            *telemetry // nil without TracerProvider and MeterProvider
}

// New returns a client for options, changed by optFns. It reports the first
// invalid option, naming its field.
//
// The client keeps its own copy of the options, BaseEndpoint's string
// included: changing the caller's values after New, or the options a
// per-call option function is given, does not change the client.
func New(options Options, optFns ...func(*Options)) (*Client, error) {
	options.BaseEndpoint = cloneString(options.BaseEndpoint)
	if len(optFns) > 0 {
		for _, fn := range optFns {
			fn(&options)
		}
		options.BaseEndpoint = cloneString(options.BaseEndpoint)
	}
	if options.HTTPClient == nil {
		options.HTTPClient = defaultHTTPClient()
	}
	r, err := resolve(&options)
	if err != nil {
		return nil, err
	}
	return &Client{options: options, r: r, signer: v4.NewSigner(), skew: new(atomic.Int64)}, nil
}

// NewFromConfig returns a client configured from cfg, as the official SDK's
// clients are. optFns then change the options, and [New] makes the client.
// It reports the first invalid option, naming its field.
//
// These fields of cfg are used:
//   - Region, Credentials and BaseEndpoint.
//   - HTTPClient, without its redirects (see Options.HTTPClient); nil means
//     the client of [NewHTTPClient]. The one config.LoadDefaultConfig sets
//     keeps the SDK's HTTP defaults, not NewHTTPClient's.
//   - RetryMaxAttempts (0 means [DefaultRetryMaxAttempts]).
//   - RetryMode: "standard" or empty is [StandardRetry]; "adaptive" is
//     StandardRetry too, since this package keeps no client-side rate
//     limiter; any other mode is an error.
//   - ConfigSources, for the FIPS, dual-stack and service endpoint settings
//     config.LoadDefaultConfig read from the environment and the shared
//     config files (AWS_USE_FIPS_ENDPOINT, AWS_USE_DUALSTACK_ENDPOINT,
//     AWS_ENDPOINT_URL_CLOUDWATCH_LOGS and their config-file keys).
//
// Options.TracerProvider and Options.MeterProvider, which aws.Config
// does not have, are set with optFns.
//
// Every other field is not used, among them Retryer (set
// Options.RetryPolicy instead), APIOptions and Interceptors (there is no
// middleware stack), Logger and ClientLogMode (set Options.Logger, a
// *slog.Logger, instead), DefaultsMode, EndpointResolver and
// EndpointResolverWithOptions,
// DisableClockSkewCorrection (the client always corrects a skewed clock),
// AppID, and the request compression and checksum settings.
func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) (*Client, error) {
	switch cfg.RetryMode {
	case "", aws.RetryModeStandard, aws.RetryModeAdaptive:
	default:
		return nil, fmt.Errorf("cwlogs: aws.Config.RetryMode: unknown mode %q, want %q or %q",
			cfg.RetryMode, aws.RetryModeStandard, aws.RetryModeAdaptive)
	}
	o := Options{
		Region:           cfg.Region,
		Credentials:      cfg.Credentials,
		BaseEndpoint:     cfg.BaseEndpoint,
		RetryMaxAttempts: cfg.RetryMaxAttempts,
	}
	if cfg.HTTPClient != nil {
		o.HTTPClient = cfg.HTTPClient
	}
	ctx := context.Background()
	for _, src := range cfg.ConfigSources {
		if p, ok := src.(interface {
			GetUseFIPSEndpoint(context.Context) (aws.FIPSEndpointState, bool, error)
		}); ok {
			if v, found, err := p.GetUseFIPSEndpoint(ctx); err == nil && found {
				o.EndpointOptions.UseFIPSEndpoint = v
				break
			}
		}
	}
	for _, src := range cfg.ConfigSources {
		if p, ok := src.(interface {
			GetUseDualStackEndpoint(context.Context) (aws.DualStackEndpointState, bool, error)
		}); ok {
			if v, found, err := p.GetUseDualStackEndpoint(ctx); err == nil && found {
				o.EndpointOptions.UseDualStackEndpoint = v
				break
			}
		}
	}
	// A service-specific endpoint overrides cfg.BaseEndpoint, except that a
	// global AWS_ENDPOINT_URL in the environment wins over a service
	// endpoint from the shared config file, as in the official SDK.
	_, global := os.LookupEnv("AWS_ENDPOINT_URL")
	_, service := os.LookupEnv("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS")
	if !global || service {
		for _, src := range cfg.ConfigSources {
			if p, ok := src.(interface {
				GetServiceBaseEndpoint(context.Context, string) (string, bool, error)
			}); ok {
				if v, found, err := p.GetServiceBaseEndpoint(ctx, serviceSDKID); err == nil && found {
					o.BaseEndpoint = &v
					break
				}
			}
		}
	}
	return New(o, optFns...)
}

// resolve checks o and derives what requests need from it.
func resolve(o *Options) (resolved, error) {
	if o.Credentials == nil {
		return resolved{}, errors.New("cwlogs: Options.Credentials is required (use aws.AnonymousCredentials{} to send unsigned requests)")
	}
	// An interface holding a nil pointer or func is not nil, and would
	// panic at its first use: refuse it here, by name.
	for _, f := range []struct {
		name  string
		value any
	}{{"Credentials", o.Credentials}, {"HTTPClient", o.HTTPClient}, {"RetryPolicy", o.RetryPolicy}} {
		if isNilValue(f.value) {
			return resolved{}, fmt.Errorf("cwlogs: Options.%s is a nil %T", f.name, f.value)
		}
	}
	httpClient, err := withoutRedirects(o.HTTPClient)
	if err != nil {
		return resolved{}, err
	}
	if o.RetryMaxAttempts < 0 {
		return resolved{}, fmt.Errorf("cwlogs: Options.RetryMaxAttempts is %d, want 0 or more", o.RetryMaxAttempts)
	}
	if o.MaxResponseBytes < 0 {
		return resolved{}, fmt.Errorf("cwlogs: Options.MaxResponseBytes is %d, want 0 or more", o.MaxResponseBytes)
	}
	base := ""
	if o.BaseEndpoint != nil {
		base = *o.BaseEndpoint
		if base == "" {
			return resolved{}, errors.New("cwlogs: Options.BaseEndpoint is set but empty")
		}
	}
	fips := o.EndpointOptions.UseFIPSEndpoint == aws.FIPSEndpointStateEnabled
	dual := o.EndpointOptions.UseDualStackEndpoint == aws.DualStackEndpointStateEnabled
	u, err := resolveEndpoint(o.Region, base, fips, dual)
	if err != nil {
		return resolved{}, err
	}
	region, _ := trimFIPS(o.Region)
	r := resolved{
		endpoint:       u,
		plainPath:      isPlainPath(u),
		signingRegion:  region,
		anonymous:      aws.IsCredentialsProvider(o.Credentials, aws.AnonymousCredentials{}),
		httpClient:     httpClient,
		maxBody:        o.MaxResponseBytes,
		now:            o.Clock,
		maxAttempts:    o.RetryMaxAttempts,
		policy:         o.RetryPolicy,
		attemptTimeout: o.AttemptTimeout,
		logger:         o.Logger,
	}
	if r.maxAttempts == 0 {
		r.maxAttempts = DefaultRetryMaxAttempts
	}
	if r.policy == nil {
		r.policy = StandardRetry{}
	}
	switch {
	case r.attemptTimeout == 0:
		r.attemptTimeout = DefaultAttemptTimeout
	case r.attemptTimeout < 0:
		r.attemptTimeout = 0
	}
	if r.signingRegion == "" && !r.anonymous {
		return resolved{}, errors.New("cwlogs: Options.Region is required to sign requests")
	}
	if r.maxBody == 0 {
		r.maxBody = DefaultMaxResponseBytes
	}
	if r.now == nil {
		r.now = time.Now
	}
	if r.tel, err = newTelemetry(o.TracerProvider, o.MeterProvider); err != nil {
		return resolved{}, err
	}
	return r, nil
}

// isPlainPath reports whether the signer's escape of u's path, as the
// signer reads it, gives it back the same.
func isPlainPath(u *url.URL) bool {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	return u.Opaque == "" && httpbinding.EscapePath(p, false) == p
}

// call is one call of an operation on its way through the request path.
type call struct {
	op     string // the operation's name, as errors give it
	target string // the X-Amz-Target header: targetPrefix + op
	body   []byte // the encoded input
	in     any    // the input, a pointer
	out    responseOutput
	// confirm is the operation's confirm function (see operation), called
	// with in and out; nil for an idempotent operation.
	confirm func(ctx context.Context, c *Client, in, out any, err error) (ResponseMetadata, bool)
}

// invoke sends one operation: encode, then for each attempt sign, send,
// check the status and decode. It is the one request path of every
// operation. A call that ends in error is logged here, once.
func (c *Client) invoke(ctx context.Context, cl call, in requestInput, optFns []func(*Options)) (meta ResponseMetadata, err error) {
	op := cl.op
	if c == nil || c.r.endpoint == nil {
		return ResponseMetadata{}, fmt.Errorf("cwlogs: %s: client not made by New", op)
	}
	if len(optFns) > 0 {
		o := c.callOptions(optFns)
		r, err := resolve(&o)
		if err != nil {
			return ResponseMetadata{}, fmt.Errorf("cwlogs: %s: per-call options: %w", op, err)
		}
		c = &Client{options: o, r: r, signer: c.signer, skew: c.skew}
	}
	// Telemetry: the call's span, in ctx for the attempts, the checks and
	// the log records, ended with the call's outcome.
	ctx, tel := c.startCall(ctx, op)
	defer func() { tel.end(ctx, meta, err) }()
	body, err := in.appendRequest(make([]byte, 0, in.requestSize()+requestSlack))
	if err != nil {
		err = fmt.Errorf("cwlogs: %s: encode input: %w", op, err)
		c.logFailure(ctx, op, ResponseMetadata{}, err)
		return ResponseMetadata{}, err
	}
	cl.body = body
	meta, err = c.retry(ctx, cl)
	if err != nil {
		c.logFailure(ctx, op, meta, err)
	}
	return meta, err
}

// callOptions returns the options of a call made with optFns: a copy of
// the client's, BaseEndpoint's string included, so that the functions
// cannot change the client's, changed by optFns.
func (c *Client) callOptions(optFns []func(*Options)) Options {
	o := c.options
	o.BaseEndpoint = cloneString(o.BaseEndpoint)
	for _, fn := range optFns {
		fn(&o)
	}
	return o
}

// attempt is what one try of a call gave.
type attempt struct {
	meta ResponseMetadata
	// sent tells that the request was handed to the HTTP client.
	sent bool
	// written tells that the request may have reached the service: a
	// response came, or the request was written before the connection
	// failed. It is known only for a call with a confirm function.
	written bool
	// retryAfter is the service's X-Amz-Retry-After hint, if it sent one.
	retryAfter time.Duration
	// skew is the server's clock minus ours (without the offset the client
	// signs with), when the response had a Date: hasDate.
	skew    time.Duration
	hasDate bool
}

// attemptState is what an attempt allocates for its request, in one
// piece: the URL (the signer sets its query), the values of the headers,
// the body's reader, and the trace that tells whether it was written.
type attemptState struct {
	url url.URL
	// values holds Content-Type, X-Amz-Target and User-Agent, then the
	// room where the signer writes X-Amz-Date, X-Amz-Security-Token and
	// Authorization (see sign).
	values [6]string
	body   bytes.Reader
	trace  writeTrace
	// payloadHash is the hex SHA-256 of the body, which the signer takes
	// as a string: sign makes that string from these bytes, which are
	// never written again (see sign).
	payloadHash [2 * sha256.Size]byte
}

// try makes one attempt of a call, signed at the clock plus offset.
func (c *Client) try(ctx context.Context, cl call, offset time.Duration) (attempt, error) {
	op, body := cl.op, cl.body
	var a attempt
	st := &attemptState{url: *c.r.endpoint, values: [6]string{contentType, cl.target, userAgent}}
	st.body.Reset(body)
	// The request's context has the trace, not that of the credentials
	// provider, whose own requests must not report to it.
	rctx := ctx
	if cl.confirm != nil {
		rctx = st.trace.context(ctx)
	}
	// The signer finds the headers it signs under their lowercase names,
	// which it would otherwise make a copy of: sign gives them their
	// canonical names back before the request is sent.
	header := make(http.Header, 8)
	header[signedContentType] = st.values[0:1:1]
	header[signedTarget] = st.values[1:2:2]
	header["User-Agent"] = st.values[2:3:3]
	// Host is left to the URL, as net/http and the signer do when it is
	// empty, so that net/http does not copy the URL for it.
	req := (&http.Request{
		Method: http.MethodPost,
		URL:    &st.url,
		Proto:  "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header:        header,
		Body:          io.NopCloser(&st.body),
		GetBody:       func() (io.ReadCloser, error) { return newBody(body), nil },
		ContentLength: int64(len(body)),
	}).WithContext(rctx)
	sec, err := c.sign(ctx, req, st, body, offset)
	if err != nil {
		return a, &opError{op: op, kind: kindCredentials, err: err}
	}
	if err := ctx.Err(); err != nil {
		return a, &opError{op: op, kind: kindTransport, err: err} // not sent
	}

	a.sent = true
	sent := c.r.now()
	resp, err := c.r.httpClient.Do(req)
	if err != nil {
		if cl.confirm != nil {
			a.written = st.trace.written(err)
		}
		// net/http quotes a malformed status line or header, which a
		// hostile server may fill with the credentials.
		return a, &opError{op: op, kind: kindTransport, err: sec.redact(err)}
	}
	a.written = true
	drain := true // what is left of the body, so that its connection is reused
	defer func() { closeBody(resp.Body, drain) }()
	a.meta = ResponseMetadata{RequestID: requestID(resp.Header, sec), StatusCode: resp.StatusCode}

	// The service's clock, which the client signs with when ours is off:
	// read from an error, which may be one of skew, and from every response
	// while the client keeps an offset, to unlearn it once the clocks agree.
	if date := resp.Header["Date"]; len(date) > 0 && (resp.StatusCode >= 300 || offset != 0 || c.skew.Load() != 0) {
		if d, err := http.ParseTime(date[0]); err == nil {
			a.skew, a.hasDate = d.Sub(sent), true
		}
	}
	er := errorResponse{op: op, status: resp.StatusCode, header: resp.Header}
	switch {
	case resp.StatusCode < 200:
		// 101 Switching Protocols, the only one net/http returns: its body
		// is the connection itself, which a read would wait on for ever.
		drain = false
		return a, decodeAPIError(er, sec)
	case resp.StatusCode >= 300:
		// The status decides what the error is and whether to retry it;
		// the start of the body is enough to read its code and message.
		a.retryAfter = retryAfter(resp.Header)
		er.body, err = io.ReadAll(io.LimitReader(resp.Body, maxErrorBodyBytes))
		// A body cut short is still the service's error when the header
		// named its code: the status and the code arrived.
		if err != nil && sanitizeErrorCode(resp.Header.Get("X-Amzn-ErrorType")) == "" {
			return a, a.responseError(op, &bodyReadError{err}, sec)
		}
		er.cutShort = err != nil
		return a, decodeAPIError(er, sec)
	}
	limit := c.r.maxBody
	data, err := readBody(resp.Body, resp.ContentLength, limit)
	// Nothing is left of a body read to its end, and draining one known to
	// be over the bound is not worth it.
	drain = err != nil && resp.ContentLength <= limit
	if err == nil {
		// data is this attempt's own buffer, which nothing writes again:
		// the output's strings share it rather than a copy of it, as
		// strings.Builder hands out its buffer as a string.
		err = cl.out.decode(unsafe.String(unsafe.SliceData(data), len(data)))
	}
	if err != nil {
		return a, a.responseError(op, err, sec)
	}
	return a, nil
}

// responseError is the error of a response that the client could not use
// for cause: err, with the credentials of sec replaced in it.
func (a attempt) responseError(op string, err error, sec secrets) *ResponseError {
	return &ResponseError{Operation: op, StatusCode: a.meta.StatusCode, RequestID: a.meta.RequestID, Err: sec.redact(err)}
}

// Names of the headers signed that the request has, as the signer finds
// them while it signs (see try and sign).
const (
	signedContentType = "content-type"
	signedTarget      = "x-amz-target"
)

// noPathEscaping is the signer's option for an endpoint whose path needs
// no escaping: the signer's escape of it would give it back the same.
func noPathEscaping(o *v4.SignerOptions) { o.DisableURIPathEscaping = true }

// sign signs req, whose body is body and whose state is st, with SigV4 for
// the logs service, at the clock plus offset. It returns the credentials
// it signed with, and the signature, which no error may show. The signer
// writes the headers it sets into room that st has for them, and finds
// the headers it signs under their lowercase names; sign then gives
// Content-Type and X-Amz-Target their canonical names, which the request
// is sent with. The signature covers the same headers either way.
func (c *Client) sign(ctx context.Context, req *http.Request, st *attemptState, body []byte, offset time.Duration) (secrets, error) {
	h := req.Header
	defer func() {
		// Deleted first, so that the map keeps to the room it has.
		delete(h, signedContentType)
		delete(h, signedTarget)
		h["Content-Type"], h["X-Amz-Target"] = st.values[0:1:1], st.values[1:2:2]
	}()
	if c.r.anonymous {
		return secrets{}, nil
	}
	creds, err := c.options.Credentials.Retrieve(ctx)
	if err != nil {
		return secrets{}, fmt.Errorf("retrieve credentials: %w", err)
	}
	h["X-Amz-Date"] = st.values[3:3:4]
	if creds.SessionToken != "" {
		h["X-Amz-Security-Token"] = st.values[4:4:5]
	}
	h["Authorization"] = st.values[5:5:6]
	sum := sha256.Sum256(body)
	hex.Encode(st.payloadHash[:], sum[:])
	// The string shares the attempt's bytes instead of a copy of its own:
	// they are written once, above, and live as long as the string does.
	payloadHash := unsafe.String(&st.payloadHash[0], len(st.payloadHash))
	signingTime := c.r.now().Add(offset)
	if c.r.plainPath {
		err = c.signer.SignHTTP(ctx, creds, req, payloadHash, signingName, c.r.signingRegion, signingTime, noPathEscaping)
	} else {
		err = c.signer.SignHTTP(ctx, creds, req, payloadHash, signingName, c.r.signingRegion, signingTime)
	}
	var signature string
	if auth := h["Authorization"]; len(auth) > 0 {
		_, signature, _ = strings.Cut(auth[0], "Signature=")
	}
	return newSecrets(creds, signature), err
}

// readBody reads body to its end, whose length is size if known (else
// -1), up to limit bytes; a longer body is an error.
func readBody(body io.Reader, size, limit int64) ([]byte, error) {
	if size > limit {
		return nil, bodyTooLargeError(limit)
	}
	// Up to one byte more than the limit is read, to tell a longer body;
	// stop is that count, which a limit of math.MaxInt64 cannot exceed.
	stop := limit
	if stop < math.MaxInt64 {
		stop++
	}
	// The buffer has room for the whole body and one byte more, so that its
	// end is read without a second buffer; a length beyond what a default
	// body may be is not taken on trust, and the buffer grows instead.
	if size < 0 {
		size = 512
	}
	buf := make([]byte, 0, min(size, DefaultMaxResponseBytes)+1)
	for {
		if len(buf) == cap(buf) {
			buf = slices.Grow(buf, int(min(int64(cap(buf)), stop-int64(len(buf)))))
		}
		p := buf[len(buf):min(int64(cap(buf)), stop)]
		n, err := body.Read(p)
		if n < 0 || n > len(p) {
			// A body that breaks io.Reader's contract: an error, not a
			// slice out of range.
			return nil, &bodyReadError{fmt.Errorf("body read %d bytes into a buffer of %d", n, len(p))}
		}
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > limit {
			return nil, bodyTooLargeError(limit)
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, &bodyReadError{err}
		}
	}
}

// drainTimeout bounds the time closeBody waits on the network to drain a
// body: past it, the body is closed and its connection with it, so that a
// server that stalls in a body the client no longer needs costs no more.
const drainTimeout = 150 * time.Millisecond

// closeBody closes body, after draining a little of what is left of it if
// drain is set, so that its connection can be reused; the drain takes at
// most drainTimeout.
func closeBody(body io.ReadCloser, drain bool) {
	if drain {
		// Close makes a Read under way return, in net/http's bodies.
		t := time.AfterFunc(drainTimeout, func() { _ = body.Close() })
		_, _ = io.CopyN(io.Discard, body, errorBodyRead)
		t.Stop()
	}
	_ = body.Close()
}

// newBody returns a request body that reads b. It must be a *bytes.Reader
// in io.NopCloser: net/http sends the headers and such a body in one write,
// where it flushes the headers on their own before a body of another type
// (one more packet, and a wait, per call).
func newBody(b []byte) io.ReadCloser {
	return io.NopCloser(bytes.NewReader(b))
}

// cloneString returns a pointer to a copy of *p, or nil if p is nil.
func cloneString(p *string) *string {
	if p == nil {
		return nil
	}
	s := *p
	return &s
}

// isNilValue reports whether v, not nil itself, holds a nil pointer, func,
// map, slice, channel or interface.
func isNilValue(v any) bool {
	if v == nil {
		return false
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Func, reflect.Map, reflect.Slice, reflect.Chan, reflect.Interface:
		return rv.IsNil()
	}
	return false
}
