package cwlogs

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"reflect"
	"runtime"
	"sync"
	"time"
	"weak"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// HTTPClient sends HTTP requests. *http.Client implements it.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// NewHTTPClient returns an HTTP client like the one a [Client] uses when
// Options.HTTPClient is nil: it reuses connections, takes its proxy from
// HTTPS_PROXY, HTTP_PROXY and NO_PROXY, and bounds the time to connect (10 s), to
// complete the TLS handshake (10 s) and to wait for response headers
// (30 s). The caller's context bounds the whole call. It does not follow
// redirects, which the service does not send: a redirect response is
// returned as an error, and the request, whose X-Amz-Security-Token
// header net/http would copy to any host, goes nowhere else.
//
// Every client it returns, and every [Client] made without an HTTPClient,
// shares one *http.Transport, and so one pool of connections, as the
// users of http.DefaultTransport do: making many clients holds no more
// connections than one, and there is nothing to close. Do not change that
// transport; for other settings, set the Transport of the returned client
// to a Clone of it, changed.
func NewHTTPClient() *http.Client {
	return &http.Client{CheckRedirect: noRedirects, Transport: defaultTransport()}
}

// defaultHTTPClient is the HTTP client of every Client made without one.
var defaultHTTPClient = sync.OnceValue(NewHTTPClient)

// defaultTransport is the transport of [NewHTTPClient], made at its first
// use.
var defaultTransport = sync.OnceValue(func() *http.Transport {
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   10 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		ExpectContinueTimeout: time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   100,
	}
})

// noRedirects makes an http.Client return a redirect response as it is.
func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

// withoutRedirects returns the HTTP client requests are sent with for h,
// the one of the options: one that follows no redirect, as
// Options.HTTPClient describes.
func withoutRedirects(h HTTPClient) (HTTPClient, error) {
	switch c := h.(type) {
	case nil:
		return nil, errors.New("cwlogs: Options.HTTPClient is nil")
	case *http.Client:
		if c != nil {
			cp := *c
			cp.CheckRedirect = noRedirects
			return &cp, nil
		}
	case buildableClient:
		if !isNilValue(c) {
			return fromBuildable(c), nil
		}
	default:
		return h, nil
	}
	return nil, fmt.Errorf("cwlogs: Options.HTTPClient is a nil %T", h)
}

// buildableClient is what the client uses of the SDK's
// *awshttp.BuildableClient (package aws/transport/http), the HTTPClient
// that config.LoadDefaultConfig sets. It is recognised by its methods, so
// that a program that does not use it does not link its package.
type buildableClient interface {
	HTTPClient
	// Freeze returns an *http.Client with the client's transport, timeout
	// and read timeout, which follows 307 and 308 redirects.
	Freeze() aws.HTTPClient
	// GetTransport returns a copy of the client's transport.
	GetTransport() *http.Transport
	// GetTimeout returns the client's timeout.
	GetTimeout() time.Duration
}

// buildableClients maps each BuildableClient that clients were made with
// to the *http.Client derived from it, so that the clients made from one
// aws.Config share its connections, as the official SDK's clients do. An
// entry holds its *http.Client weakly, and is deleted once no client uses
// it: then its BuildableClient can be collected, and a program that loads
// a config per request keeps none. A BuildableClient never changes (its
// With methods return copies), so its entry stays right.
var buildableClients sync.Map // buildableClient -> weak.Pointer[http.Client]

// fromBuildable returns an *http.Client that sends as b does, with b's
// transport, timeout and read timeout, but follows no redirect.
func fromBuildable(b buildableClient) *http.Client {
	if !reflect.TypeOf(b).Comparable() {
		return derive(b) // not a key: nothing to share it with
	}
	for {
		if v, ok := buildableClients.Load(b); ok {
			if c := v.(weak.Pointer[http.Client]).Value(); c != nil {
				return c
			}
			// Its clients are gone, and its cleanup is on its way.
			buildableClients.CompareAndDelete(b, v)
		}
		c := derive(b)
		wp := weak.Make(c)
		if _, loaded := buildableClients.LoadOrStore(b, wp); loaded {
			continue // another call stored one first: use it
		}
		runtime.AddCleanup(c, func(k buildableClient) { buildableClients.CompareAndDelete(k, wp) }, b)
		return c
	}
}

// derive returns a new *http.Client that sends as b does but follows no
// redirect.
func derive(b buildableClient) *http.Client {
	var c http.Client
	if f, ok := b.Freeze().(*http.Client); ok {
		c = *f // its transport has b's read timeout
	} else {
		c = http.Client{Transport: b.GetTransport(), Timeout: b.GetTimeout()}
	}
	c.CheckRedirect = noRedirects
	return &c
}
