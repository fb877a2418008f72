package cwlogs

import (
	"net/http"
	"runtime"
	"testing"
	"time"
	"weak"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// transportOf returns the transport c sends with.
func transportOf(t *testing.T, c *Client) http.RoundTripper {
	t.Helper()
	h, ok := c.r.httpClient.(*http.Client)
	if !ok {
		t.Fatalf("HTTP client is %T, want *http.Client", c.r.httpClient)
	}
	return h.Transport
}

// TestClientsShareTheDefaultTransport makes clients without an HTTP
// client, as a tool that makes one per request would: they share one
// transport, the one of NewHTTPClient, so that they hold no more
// connections than one client.
func TestClientsShareTheDefaultTransport(t *testing.T) {
	t.Parallel()
	newClient := func(o Options) *Client {
		t.Helper()
		o.Region, o.Credentials = "us-east-1", aws.AnonymousCredentials{}
		c, err := New(o)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	shared := transportOf(t, newClient(Options{}))
	if _, ok := shared.(*http.Transport); !ok {
		t.Fatalf("default transport is %T, want *http.Transport", shared)
	}
	for i := range 3 {
		if got := transportOf(t, newClient(Options{})); got != shared {
			t.Errorf("client %d has a transport of its own", i)
		}
	}
	if got := NewHTTPClient().Transport; got != shared {
		t.Error("NewHTTPClient has a transport of its own")
	}
	own := &http.Transport{}
	if got := transportOf(t, newClient(Options{HTTPClient: &http.Client{Transport: own}})); got != own {
		t.Errorf("a client made with its own transport sends with %v", got)
	}
}

// TestClientsFromOneConfigShareItsHTTPClient makes clients from the
// BuildableClient of one aws.Config, and of another: those of one config
// share the *http.Client derived from it (and its connections), with the
// BuildableClient's timeout. Once no client uses it, its entry goes and
// the BuildableClient can be collected.
func TestClientsFromOneConfigShareItsHTTPClient(t *testing.T) {
	fromConfig := func(h aws.HTTPClient) *http.Client {
		t.Helper()
		c, err := NewFromConfig(aws.Config{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}, HTTPClient: h})
		if err != nil {
			t.Fatal(err)
		}
		return c.r.httpClient.(*http.Client)
	}
	// The BuildableClient and the clients made with it are only reachable
	// in this function, so that they can be collected after it.
	collected := func() weak.Pointer[awshttp.BuildableClient] {
		b := awshttp.NewBuildableClient().WithTimeout(time.Minute)
		first := fromConfig(b)
		if first.Timeout != time.Minute {
			t.Errorf("timeout = %v, want the BuildableClient's, 1m", first.Timeout)
		}
		if fromConfig(b) != first {
			t.Error("two clients from one config have HTTP clients of their own")
		}
		if fromConfig(awshttp.NewBuildableClient()) == first {
			t.Error("clients from two configs share an HTTP client")
		}
		if _, ok := buildableClients.Load(buildableClient(b)); !ok {
			t.Fatal("no entry for the BuildableClient")
		}
		return weak.Make(b)
	}()
	for i := 0; i < 100; i++ {
		runtime.GC()
		if collected.Value() == nil {
			return // the entry, which holds it, is gone
		}
		time.Sleep(time.Millisecond) // the cleanup runs in a goroutine of its own
	}
	t.Error("the entry of a BuildableClient that no client uses was kept")
}

// TestBuildableClientOfAnotherKind checks that an HTTPClient with the
// methods of the SDK's BuildableClient, but of a type that cannot be a
// map key, is used without a shared entry, and without a panic.
func TestBuildableClientOfAnotherKind(t *testing.T) {
	b := uncomparableBuildable{timeouts: []time.Duration{time.Minute}}
	c, err := New(Options{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}, HTTPClient: b})
	if err != nil {
		t.Fatal(err)
	}
	hc, ok := c.r.httpClient.(*http.Client)
	if !ok || hc.Timeout != time.Minute || hc.CheckRedirect == nil {
		t.Errorf("HTTP client = %#v, want an *http.Client with the timeout 1m that refuses redirects", c.r.httpClient)
	}
}

// uncomparableBuildable has the methods of a BuildableClient, and a slice
// field that makes it unfit as a map key.
type uncomparableBuildable struct{ timeouts []time.Duration }

func (b uncomparableBuildable) Do(r *http.Request) (*http.Response, error) {
	return http.DefaultClient.Do(r)
}
func (b uncomparableBuildable) Freeze() aws.HTTPClient        { return b }
func (b uncomparableBuildable) GetTransport() *http.Transport { return &http.Transport{} }
func (b uncomparableBuildable) GetTimeout() time.Duration     { return b.timeouts[0] }
