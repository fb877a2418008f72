package cwlogs_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

func TestDefaultHTTPClient(t *testing.T) {
	c := cwlogs.NewHTTPClient()
	tr, ok := c.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("transport is %T, want *http.Transport", c.Transport)
	}
	if reflect.ValueOf(tr.Proxy).Pointer() != reflect.ValueOf(http.ProxyFromEnvironment).Pointer() {
		t.Error("proxy is not taken from the environment")
	}
	if tr.TLSHandshakeTimeout <= 0 || tr.ResponseHeaderTimeout <= 0 || tr.IdleConnTimeout <= 0 || tr.DialContext == nil {
		t.Errorf("transport lacks timeouts: %+v", tr)
	}
	if tr.MaxIdleConnsPerHost < 2 || tr.DisableKeepAlives {
		t.Error("transport does not keep connections for reuse")
	}
}

// TestRedirectsAreNotFollowed points a client with the default HTTP client
// at a server that redirects every request to another one: net/http would
// re-send the request there with its X-Amz-Security-Token header. The call
// must fail with the redirect's status, and nothing reach the other server.
func TestRedirectsAreNotFollowed(t *testing.T) {
	var reached atomic.Int64
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Add(1)
	}))
	t.Cleanup(elsewhere.Close)
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, elsewhere.URL+"/elsewhere", status)
			}), func(o *cwlogs.Options) { o.HTTPClient = cwlogs.NewHTTPClient(); o.RetryMaxAttempts = 1 })
			_, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "active"})
			var apiErr *cwlogs.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != status {
				t.Errorf("error = %v, want an APIError with status %d", err, status)
			}
			if n := reached.Load(); n != 0 {
				t.Errorf("%d requests reached the server redirected to, want none", n)
			}
		})
	}
}

// TestRedirectsAreNeverFollowedWhateverTheHTTPClient points clients made
// with each kind of HTTP client, each of which would follow a 307 on its
// own, at a server that redirects to another: the call fails with the
// redirect's status, nothing reaches the other server, and the caller's
// client is left as it was.
func TestRedirectsAreNeverFollowedWhateverTheHTTPClient(t *testing.T) {
	var reached atomic.Int64
	elsewhere := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached.Add(1) }))
	t.Cleanup(elsewhere.Close)
	redirect := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, elsewhere.URL+"/elsewhere", http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirect.Close)

	var proxied atomic.Int64 // calls of the proxy function the caller set
	viaProxy := func(*http.Request) (*url.URL, error) { proxied.Add(1); return nil, nil }
	own := &http.Client{Timeout: time.Minute}
	following := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
	tests := []struct {
		name    string
		client  cwlogs.HTTPClient
		perCall bool // set by a per-call option instead of when the client is made
		proxied bool // the caller's proxy function must be used
	}{
		{name: "default", client: nil},
		{name: "NewHTTPClient", client: cwlogs.NewHTTPClient()},
		{name: "own http.Client", client: own},
		{name: "own http.Client that follows redirects", client: following},
		{name: "own http.Client per call", client: own, perCall: true},
		{name: "BuildableClient", client: awshttp.NewBuildableClient()},
		{name: "BuildableClient with transport options", client: awshttp.NewBuildableClient().
			WithTransportOptions(func(tr *http.Transport) { tr.Proxy = viaProxy }).WithTimeout(time.Minute), proxied: true},
		{name: "BuildableClient per call", client: awshttp.NewBuildableClient(), perCall: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			reached.Store(0)
			proxied.Store(0)
			o := cwlogs.Options{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(),
				BaseEndpoint: aws.String(redirect.URL), RetryMaxAttempts: 1}
			var callOpts []func(*cwlogs.Options)
			if tt.perCall {
				callOpts = append(callOpts, func(o *cwlogs.Options) { o.HTTPClient = tt.client })
			} else {
				o.HTTPClient = tt.client
			}
			c, err := cwlogs.New(o)
			if err != nil {
				t.Fatal(err)
			}
			_, err = get(context.Background(), c, "active", callOpts...)
			var apiErr *cwlogs.APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusTemporaryRedirect {
				t.Errorf("error = %v, want an APIError with status 307", err)
			}
			if n := reached.Load(); n != 0 {
				t.Errorf("%d requests reached the server redirected to, want none", n)
			}
			if got := proxied.Load() > 0; got != tt.proxied {
				t.Errorf("caller's proxy function used = %v, want %v", got, tt.proxied)
			}
		})
	}
	if own.CheckRedirect != nil || own.Timeout != time.Minute || following.CheckRedirect(nil, nil) != nil {
		t.Error("the caller's *http.Client was changed")
	}
}

// TestOwnHTTPClientKeepsItsTransport checks that the copy of a caller's
// *http.Client sends with the caller's transport.
func TestOwnHTTPClientKeepsItsTransport(t *testing.T) {
	t.Parallel()
	var used atomic.Int64
	own := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		used.Add(1)
		return nil, errors.New("offline")
	})}
	c, err := cwlogs.New(cwlogs.Options{Region: "us-east-1", Credentials: cwlogstest.Credentials(), HTTPClient: own, RetryMaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := get(context.Background(), c, "x"); err == nil || used.Load() != 1 {
		t.Errorf("error = %v and %d round trips, want the caller's transport used once", err, used.Load())
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
