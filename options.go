package cwlogs

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/smithy-go/metrics"
	"github.com/aws/smithy-go/tracing"

	"github.com/cwlogs-go/cwlogs/internal/endpoints"
)

// Defaults of the zero values of [Options].
const (
	// DefaultMaxResponseBytes is the limit on a success body when
	// Options.MaxResponseBytes is zero.
	DefaultMaxResponseBytes = 4 << 20
	// DefaultRetryMaxAttempts is the number of attempts a call makes when
	// Options.RetryMaxAttempts is zero.
	DefaultRetryMaxAttempts = 3
	// DefaultAttemptTimeout bounds each attempt when Options.AttemptTimeout
	// is zero.
	DefaultAttemptTimeout = 10 * time.Second
)

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
	// an [*APIError] with its status. To that end, [New] replaces an
	// *http.Client with a copy of it whose CheckRedirect refuses every
	// redirect (the caller's client is not changed). It replaces an
	// *awshttp.BuildableClient (package aws/transport/http, what
	// config.LoadDefaultConfig sets) with an *http.Client that has its
	// transport, timeout and read timeout, shared by the clients made with
	// it. Any other implementation is used as it is: it must not follow
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

	// Logger receives a record of:
	//   - each attempt that failed and is tried again (Warn);
	//   - each call that ended in error (Error when the service or the
	//     network failed, Warn for throttling and the caller's deadline,
	//     Info for an error of the caller's);
	//   - each result confirmed after an attempt whose outcome was unknown
	//     (Info; see ResponseMetadata.Confirmed);
	//   - each call whose outcome stayed unknown, in place of the record of
	//     a failed call (Error, or Warn when the caller's context ended;
	//     see [OutcomeUnknownError]);
	//   - each poll of a waiter made with the client (Info: the status, the
	//     resources not active, the next delay).
	//
	// Records hold the operation, the attempt, the error code, HTTP
	// status, request id and error text. They never hold a credential, a
	// signature or a body. If nil, the client logs nothing.
	//
	// The handler is called on the call's goroutine, with the call's
	// context, before the call goes on, as log/slog and the official SDK's
	// logger do: a handler that blocks holds the call, past its context's
	// deadline, which does not cut the handler short. Give a slow handler
	// (a network sink) a buffer and a goroutine of its own.
	Logger *slog.Logger

	// TracerProvider, if set, traces every call as the official SDK's
	// clients do. A call gets a span of kind client named
	// "CloudWatch Logs.<Operation>", with rpc.system "aws-api",
	// rpc.service and rpc.method. On failure, the span gets
	// exception.type and exception.message, and for an error of the
	// service api.error_code, api.error_message and api.error_fault. Each
	// attempt is a child span. A wait of a waiter made with the client is
	// a span: the calls of its polls are its children, and each poll adds
	// an event to it. Log records are made with the call's context, which
	// holds its span. If nil (or smithy-go's no-op
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

// Options and the Client print without their secrets, with every fmt
// verb and through log/slog.

// String describes the options, without the secrets of the credentials
// (only their type is shown) and BaseEndpoint without any user name,
// password, query or fragment, so that printing them shows no secret.
// Values that are code (credentials, HTTP client, retry policy, clock,
// logger, telemetry providers) are shown by their type, or <nil> when not
// set.
func (o Options) String() string {
	var b strings.Builder
	b.WriteString("cwlogs.Options{")
	for i, a := range o.attrs() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a.Key)
		b.WriteString(": ")
		if a.Value.Kind() == slog.KindString {
			b.WriteString(strconv.Quote(a.Value.String()))
		} else {
			b.WriteString(a.Value.String())
		}
	}
	b.WriteString("}")
	return b.String()
}

// LogValue implements slog.LogValuer: the options as a group of the
// fields [Options.String] shows, redacted as it does them.
func (o Options) LogValue() slog.Value { return slog.GroupValue(o.attrs()...) }

// attrs returns what String and LogValue show of o.
func (o Options) attrs() []slog.Attr {
	base := slog.AnyValue(nil)
	if o.BaseEndpoint != nil {
		base = slog.StringValue(endpoints.Redacted(*o.BaseEndpoint))
	}
	creds := slog.AnyValue(nil)
	if o.Credentials != nil {
		creds = slog.AnyValue(typeName(fmt.Sprintf("%T (redacted)", o.Credentials)))
	}
	var clock, logger any // nil, not a nil func or pointer
	if o.Clock != nil {
		clock = o.Clock
	}
	if o.Logger != nil {
		logger = o.Logger
	}
	return []slog.Attr{
		slog.String("Region", o.Region),
		{Key: "Credentials", Value: creds},
		{Key: "HTTPClient", Value: typeOf(o.HTTPClient)},
		{Key: "BaseEndpoint", Value: base},
		slog.Bool("FIPS", o.EndpointOptions.UseFIPSEndpoint == aws.FIPSEndpointStateEnabled),
		slog.Bool("DualStack", o.EndpointOptions.UseDualStackEndpoint == aws.DualStackEndpointStateEnabled),
		slog.Int64("MaxResponseBytes", o.MaxResponseBytes),
		slog.Int("RetryMaxAttempts", o.RetryMaxAttempts),
		{Key: "RetryPolicy", Value: typeOf(o.RetryPolicy)},
		slog.Duration("AttemptTimeout", o.AttemptTimeout),
		{Key: "Clock", Value: typeOf(clock)},
		{Key: "Logger", Value: typeOf(logger)},
		{Key: "TracerProvider", Value: typeOf(o.TracerProvider)},
		{Key: "MeterProvider", Value: typeOf(o.MeterProvider)},
	}
}

// typeName is the name of a type, shown as it is (not quoted) by
// Options.String, and as a JSON string by slog's JSON handler.
type typeName string

// typeOf returns the name of v's type as a slog.Value, or nil if v is nil.
func typeOf(v any) slog.Value {
	if v == nil {
		return slog.AnyValue(nil)
	}
	return slog.AnyValue(typeName(fmt.Sprintf("%T", v)))
}

// GoString is String, for %#v.
func (o Options) GoString() string { return o.String() }

// Format prints String with every verb: for verbs other than v, s, q and x
// fmt would print the fields themselves, and a credentials provider's
// fields hold the secret key.
func (o Options) Format(f fmt.State, verb rune) { formatAs(f, verb, o.String()) }

// formatAs prints s for verb: quoted or in hexadecimal for q and x, as
// text for every other verb.
func formatAs(f fmt.State, verb rune, s string) {
	switch verb {
	case 'q', 'x', 'X':
		fmt.Fprintf(f, fmt.FormatString(f, verb), s)
	default:
		fmt.Fprintf(f, fmt.FormatString(f, 's'), s)
	}
}
