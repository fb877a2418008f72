package cwlogs

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// This file prints Options and Client without their secrets, with every
// fmt verb and through log/slog.

// String describes the options, without the secrets of the credentials
// (only their type is shown) and BaseEndpoint without any user name,
// password, query or fragment, so that printing them shows no secret.
// Values that are code (credentials, HTTP client, retry policy, clock,
// logger, telemetry providers) are shown by their type, or <nil> when not set.
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
		base = slog.StringValue(redactedEndpoint(*o.BaseEndpoint))
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

// String describes the client by its endpoint and region, without its
// credentials.
func (c *Client) String() string {
	if c == nil {
		return "<nil>"
	}
	if c.r.endpoint == nil {
		return "cwlogs.Client{} (not made by New)"
	}
	return fmt.Sprintf("cwlogs.Client{endpoint: %s, region: %q}", c.r.endpoint.Redacted(), c.r.signingRegion)
}

// GoString is String, for %#v.
func (c *Client) GoString() string { return c.String() }

// Format prints String with every verb, for a *Client and a Client alike,
// as [Options.Format] does.
func (c Client) Format(f fmt.State, verb rune) { formatAs(f, verb, c.String()) }

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
