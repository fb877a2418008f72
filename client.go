package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"reflect"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/smithy-go/encoding/httpbinding"

	"github.com/cwlogs-go/cwlogs/internal/endpoints"
)

// Version is the version of this package, sent in the User-Agent header.
const Version = "0.1.0"

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
//     AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS
//     and their config-file keys). As in the official SDK, the first
//     source that has a setting, or fails to read it, decides it, and a
//     source that fails leaves it unset. When the configured endpoints are
//     ignored (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true, or
//     ignore_configured_endpoint_urls = true), the service endpoint of the
//     sources is not used; config.LoadDefaultConfig then leaves BaseEndpoint
//     nil too, and a BaseEndpoint set in code is still used.
//
// Options.TracerProvider and Options.MeterProvider, which aws.Config
// does not have, are set with optFns.
//
// Every other field is not used. Among them:
//   - Retryer: set Options.RetryPolicy instead;
//   - APIOptions and Interceptors: there is no middleware stack;
//   - Logger and ClientLogMode: set Options.Logger, a *slog.Logger, instead;
//   - DisableClockSkewCorrection: the client always corrects a skewed clock;
//   - DefaultsMode, EndpointResolver, EndpointResolverWithOptions, AppID,
//     and the request compression and checksum settings.
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
	if v, ok := fromSources(cfg.ConfigSources, func(p fipsSource) (aws.FIPSEndpointState, bool, error) {
		return p.GetUseFIPSEndpoint(ctx)
	}); ok {
		o.EndpointOptions.UseFIPSEndpoint = v
	}
	if v, ok := fromSources(cfg.ConfigSources, func(p dualStackSource) (aws.DualStackEndpointState, bool, error) {
		return p.GetUseDualStackEndpoint(ctx)
	}); ok {
		o.EndpointOptions.UseDualStackEndpoint = v
	}
	// A service-specific endpoint overrides cfg.BaseEndpoint, unless the
	// configured endpoints are ignored, and except that a global
	// AWS_ENDPOINT_URL in the environment wins over a service endpoint
	// from the shared config file, as in the official SDK.
	ignore, _ := fromSources(cfg.ConfigSources, func(p ignoreEndpointsSource) (bool, bool, error) {
		return p.GetIgnoreConfiguredEndpoints(ctx)
	})
	_, global := os.LookupEnv("AWS_ENDPOINT_URL")
	_, service := os.LookupEnv("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS")
	if !ignore && (!global || service) {
		if v, ok := fromSources(cfg.ConfigSources, func(p serviceEndpointSource) (string, bool, error) {
			return p.GetServiceBaseEndpoint(ctx, serviceSDKID)
		}); ok {
			o.BaseEndpoint = &v
		}
	}
	return New(o, optFns...)
}

// The settings NewFromConfig reads from aws.Config.ConfigSources, each
// implemented by the sources config.LoadDefaultConfig makes.
type (
	fipsSource interface {
		GetUseFIPSEndpoint(context.Context) (aws.FIPSEndpointState, bool, error)
	}
	dualStackSource interface {
		GetUseDualStackEndpoint(context.Context) (aws.DualStackEndpointState, bool, error)
	}
	serviceEndpointSource interface {
		GetServiceBaseEndpoint(ctx context.Context, sdkID string) (string, bool, error)
	}
	ignoreEndpointsSource interface {
		GetIgnoreConfiguredEndpoints(context.Context) (bool, bool, error)
	}
)

// fromSources returns the value of a setting, read with get, from the first
// of sources that implements S and has the setting or fails to read it, as
// the official SDK searches them: a source that fails ends the search, and
// the setting is then not found.
func fromSources[S, V any](sources []any, get func(S) (V, bool, error)) (V, bool) {
	var zero V
	for _, src := range sources {
		if s, ok := src.(S); ok {
			v, found, err := get(s)
			switch {
			case err != nil:
				return zero, false
			case found:
				return v, true
			}
		}
	}
	return zero, false
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
	u, err := endpoints.Resolve(o.Region, base, fips, dual)
	if err != nil {
		return resolved{}, err
	}
	region, _ := endpoints.TrimFIPS(o.Region)
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

// withCallOptions returns the client a call made with optFns uses: c
// itself when there are none, else a copy made with the options optFns
// give, which shares c's signer and clock offset.
func (c *Client) withCallOptions(optFns []func(*Options)) (*Client, error) {
	if len(optFns) == 0 {
		return c, nil
	}
	o := c.callOptions(optFns)
	r, err := resolve(&o)
	if err != nil {
		return nil, err
	}
	return &Client{options: o, r: r, signer: c.signer, skew: c.skew}, nil
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
