package cwlogs

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"sync"
	"time"
	"weak"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
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
	case *awshttp.BuildableClient:
		if c != nil {
			return fromBuildable(c), nil
		}
	default:
		return h, nil
	}
	return nil, fmt.Errorf("cwlogs: Options.HTTPClient is a nil %T", h)
}

// buildableClients maps each awshttp.BuildableClient a client was made
// with to the *http.Client derived from it, so that the clients made from
// one aws.Config share its connections, as the official SDK's clients do.
// Its keys are weak pointers: an entry is deleted once its BuildableClient
// is collected, and a program that loads a config per request keeps none.
// A BuildableClient never changes (its With methods return copies), so its
// entry stays right.
var buildableClients sync.Map // weak.Pointer[awshttp.BuildableClient] -> *http.Client

// fromBuildable returns an *http.Client that sends as b does, with b's
// transport, timeout and read timeout, but follows no redirect (b follows
// 307 and 308).
func fromBuildable(b *awshttp.BuildableClient) *http.Client {
	key := weak.Make(b)
	if c, ok := buildableClients.Load(key); ok {
		return c.(*http.Client)
	}
	var c http.Client
	if f, ok := b.Freeze().(*http.Client); ok {
		c = *f // its transport has b's read timeout
	} else {
		c = http.Client{Transport: b.GetTransport(), Timeout: b.GetTimeout()}
	}
	c.CheckRedirect = noRedirects
	got, loaded := buildableClients.LoadOrStore(key, &c)
	if !loaded {
		runtime.AddCleanup(b, func(k weak.Pointer[awshttp.BuildableClient]) { buildableClients.Delete(k) }, key)
	}
	return got.(*http.Client)
}
