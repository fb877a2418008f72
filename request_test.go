package cwlogs_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

func TestGetIntegrationSendsSignedJSONRequest(t *testing.T) {
	client, srv := newKitClient(t)
	if _, err := get(context.Background(), client, "active"); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("server saw %d requests, want 1", len(reqs))
	}
	r := reqs[0]
	got := map[string]string{
		"method":                r.Method,
		"path":                  r.Path,
		"body":                  string(r.Body),
		"X-Amz-Target":          r.Header.Get("X-Amz-Target"),
		"Content-Type":          r.Header.Get("Content-Type"),
		"X-Amz-Security-Token":  r.Header.Get("X-Amz-Security-Token"),
		"X-Amz-Content-Sha256":  r.Header.Get("X-Amz-Content-Sha256"),
		"rejected":              r.Rejected,
		"signed headers":        signedHeaders(r.Header.Get("Authorization")),
		"authorization present": fmt.Sprint(strings.HasPrefix(r.Header.Get("Authorization"), "AWS4-HMAC-SHA256 Credential="+cwlogstest.AccessKeyID+"/")),
	}
	want := map[string]string{
		"method":                "POST",
		"path":                  "/",
		"body":                  `{"integrationName":"active"}`,
		"X-Amz-Target":          "Logs_20140328.GetIntegration",
		"Content-Type":          "application/x-amz-json-1.1",
		"X-Amz-Security-Token":  cwlogstest.SessionToken,
		"X-Amz-Content-Sha256":  "",
		"rejected":              "",
		"signed headers":        "content-length;content-type;host;x-amz-date;x-amz-security-token;x-amz-target",
		"authorization present": "true",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("request mismatch (-want +got):\n%s", diff)
	}
}

func signedHeaders(auth string) string {
	_, after, ok := strings.Cut(auth, "SignedHeaders=")
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, ",")
	return v
}

func TestBaseEndpointPathIsKept(t *testing.T) {
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	srv.AddError("x", 400, "ValidationException", "checked")
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.BaseEndpoint = aws.String(srv.URL + "/prefix/p") })
	if err != nil {
		t.Fatal(err)
	}
	_, err = get(context.Background(), client, "x")
	if !errors.Is(err, cwlogs.ErrValidation) {
		t.Fatalf("error = %v, want the ValidationException served for x", err)
	}
	reqs := srv.Requests()
	if len(reqs) != 1 || reqs[0].Path != "/prefix/p" || reqs[0].Rejected != "" {
		t.Fatalf("requests = %+v, want one accepted request to /prefix/p", reqs)
	}
}

// tamperingClient changes each request after it was signed.
type tamperingClient struct {
	next   cwlogs.HTTPClient
	change func(*http.Request)
}

func (c tamperingClient) Do(r *http.Request) (*http.Response, error) {
	c.change(r)
	return c.next.Do(r)
}

func TestRequestChangedAfterSigningIsRefused(t *testing.T) {
	tests := []struct {
		name   string
		change func(*http.Request)
	}{
		{"body", func(r *http.Request) {
			body := []byte(`{"integrationName":"failed"}`)
			r.Body = io.NopCloser(bytes.NewReader(body))
			r.ContentLength = int64(len(body))
		}},
		{"target", func(r *http.Request) { r.Header.Set("X-Amz-Target", "Logs_20140328.GetIntegratioN") }},
		{"content type", func(r *http.Request) { r.Header.Set("Content-Type", "application/x-amz-json-1.0") }},
		{"date", func(r *http.Request) {
			r.Header.Set("X-Amz-Date", time.Now().UTC().Add(time.Minute).Format("20060102T150405Z"))
		}},
		{"session token", func(r *http.Request) { r.Header.Del("X-Amz-Security-Token") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := cwlogstest.NewServer()
			t.Cleanup(srv.Close)
			if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
				t.Fatal(err)
			}
			opts := srv.Options()
			opts.HTTPClient = tamperingClient{next: opts.HTTPClient, change: tt.change}
			client, err := cwlogs.New(opts)
			if err != nil {
				t.Fatal(err)
			}
			_, err = get(context.Background(), client, "active")
			var apiErr *cwlogs.APIError
			if !errors.As(err, &apiErr) || apiErr.Code != "InvalidSignatureException" || !errors.Is(err, cwlogs.ErrInvalidCredentials) {
				t.Fatalf("error = %v, want InvalidSignatureException", err)
			}
			if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Rejected != "InvalidSignatureException" {
				t.Errorf("server requests = %+v, want one rejected for its signature", reqs)
			}
		})
	}
}

func TestWrongCredentialsAreRefused(t *testing.T) {
	tests := []struct {
		name     string
		creds    aws.Credentials
		region   string
		wantCode string
	}{
		{"secret key", aws.Credentials{AccessKeyID: cwlogstest.AccessKeyID, SecretAccessKey: "wrong"}, cwlogstest.Region, "InvalidSignatureException"},
		{"access key", aws.Credentials{AccessKeyID: "AKIDOTHER", SecretAccessKey: cwlogstest.SecretAccessKey}, cwlogstest.Region, "UnrecognizedClientException"},
		{"session token", aws.Credentials{AccessKeyID: cwlogstest.AccessKeyID, SecretAccessKey: cwlogstest.SecretAccessKey, SessionToken: "other"}, cwlogstest.Region, "UnrecognizedClientException"},
		{"region", aws.Credentials{AccessKeyID: cwlogstest.AccessKeyID, SecretAccessKey: cwlogstest.SecretAccessKey}, "eu-west-1", "InvalidSignatureException"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, _ := newKitClient(t, func(o *cwlogs.Options) {
				o.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) { return tt.creds, nil })
				o.Region = tt.region
			})
			_, err := get(context.Background(), client, "active")
			var apiErr *cwlogs.APIError
			if !errors.As(err, &apiErr) || apiErr.Code != tt.wantCode || !errors.Is(err, cwlogs.ErrInvalidCredentials) {
				t.Fatalf("error = %v, want %s", err, tt.wantCode)
			}
		})
	}
}

func TestSessionTokenOnlyWhenCredentialsCarryOne(t *testing.T) {
	client, srv := newKitClient(t, func(o *cwlogs.Options) {
		o.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: cwlogstest.AccessKeyID, SecretAccessKey: cwlogstest.SecretAccessKey}, nil
		})
	})
	if _, err := get(context.Background(), client, "active"); err != nil {
		t.Fatal(err)
	}
	r := srv.Requests()[0]
	if _, ok := r.Header["X-Amz-Security-Token"]; ok {
		t.Error("X-Amz-Security-Token sent without a session token")
	}
	if got, want := signedHeaders(r.Header.Get("Authorization")), "content-length;content-type;host;x-amz-date;x-amz-target"; got != want {
		t.Errorf("signed headers = %q, want %q", got, want)
	}
}

func TestCredentialsAreRetrievedOnEveryCall(t *testing.T) {
	var calls atomic.Int32
	client, srv := newKitClient(t, func(o *cwlogs.Options) {
		base := o.Credentials
		o.Credentials = aws.CredentialsProviderFunc(func(ctx context.Context) (aws.Credentials, error) {
			calls.Add(1)
			return base.Retrieve(ctx)
		})
	})
	for range 3 {
		if _, err := get(context.Background(), client, "active"); err != nil {
			t.Fatal(err)
		}
	}
	if calls.Load() != 3 || len(srv.Requests()) != 3 {
		t.Errorf("credentials retrieved %d times for %d requests, want 3 and 3", calls.Load(), len(srv.Requests()))
	}

	failing, _ := newKitClient(t, func(o *cwlogs.Options) {
		o.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{}, errors.New("token file missing")
		})
	})
	_, err := get(context.Background(), failing, "active")
	if err == nil || !strings.Contains(err.Error(), "cwlogs: GetIntegration: retrieve credentials: token file missing") {
		t.Errorf("error = %v, want the provider's error", err)
	}
}

func TestAnonymousCredentialsSendUnsignedRequests(t *testing.T) {
	client, srv := newKitClient(t, func(o *cwlogs.Options) { o.Credentials = aws.AnonymousCredentials{} })
	_, err := get(context.Background(), client, "active")
	var apiErr *cwlogs.APIError
	if !errors.As(err, &apiErr) || apiErr.Code != "MissingAuthenticationTokenException" {
		t.Fatalf("error = %v, want the kit to ask for authentication", err)
	}
	if h := srv.Requests()[0].Header; h.Get("Authorization") != "" || h.Get("X-Amz-Date") != "" {
		t.Errorf("unsigned request carries signing headers: %v", h)
	}
}

func TestContextIsHonoured(t *testing.T) {
	hung := make(chan struct{})
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // lets the server notice the client leave
		select {
		case <-hung:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(hung) }) // runs before the server's Close
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := get(ctx, client, "active")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error = %v, want context.DeadlineExceeded", err)
	}
}

// countingConn counts the writes made to a connection.
type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c countingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// TestRequestIsOneWrite checks that each request leaves in one write to its
// connection, headers and body together. net/http flushes the headers on
// their own before a body it does not know to be in memory: one more packet
// and one more wake-up of the server per call.
func TestRequestIsOneWrite(t *testing.T) {
	var writes atomic.Int64
	dialer := &net.Dialer{}
	hc := &http.Client{Transport: &http.Transport{
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := dialer.DialContext(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			return countingConn{conn, &writes}, nil
		},
	}}
	client, _ := newKitClient(t, func(o *cwlogs.Options) { o.HTTPClient = hc })
	for i := range 3 {
		writes.Store(0)
		if _, err := get(context.Background(), client, "active"); err != nil {
			t.Fatal(err)
		}
		if n := writes.Load(); n != 1 {
			t.Errorf("call %d: the request took %d writes, want 1", i, n)
		}
	}
}

// TestNothingSentIsNoAttempt covers calls that end before any request is
// sent: a credentials provider that fails (ErrCredentials and its own
// error), a context cancelled before the call, and one cancelled while the
// provider waits. The server sees nothing, and no error counts an attempt.
func TestNothingSentIsNoAttempt(t *testing.T) {
	sealed := errors.New("vault sealed")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name    string
		ctx     context.Context
		creds   aws.CredentialsProviderFunc
		wantErr string
		wantIs  []error
	}{
		{
			name:    "credentials provider fails",
			ctx:     context.Background(),
			creds:   func(context.Context) (aws.Credentials, error) { return aws.Credentials{}, sealed },
			wantErr: "cwlogs: GetIntegration: retrieve credentials: vault sealed",
			wantIs:  []error{cwlogs.ErrCredentials, sealed},
		},
		{
			// Its own timeout, not the attempt's: its error, not retried.
			name: "credentials provider times out",
			ctx:  context.Background(),
			creds: func(context.Context) (aws.Credentials, error) {
				return aws.Credentials{}, fmt.Errorf("imds: %w", context.DeadlineExceeded)
			},
			wantErr: "cwlogs: GetIntegration: retrieve credentials: imds: context deadline exceeded",
			wantIs:  []error{cwlogs.ErrCredentials},
		},
		{
			name:    "context cancelled before the call",
			ctx:     cancelled,
			wantErr: "cwlogs: GetIntegration: context canceled (no request sent)",
			wantIs:  []error{context.Canceled},
		},
		{
			name: "context cancelled while the provider waits",
			ctx:  cancelled,
			creds: func(ctx context.Context) (aws.Credentials, error) {
				<-ctx.Done()
				return aws.Credentials{}, sealed
			},
			wantErr: "cwlogs: context canceled before any request was sent; last error: cwlogs: GetIntegration: retrieve credentials: vault sealed",
			wantIs:  []error{context.Canceled, cwlogs.ErrCredentials, sealed},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var requests atomic.Int64
			client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { requests.Add(1) }),
				func(o *cwlogs.Options) {
					if tt.creds != nil {
						o.Credentials = tt.creds
					}
				})
			_, err := get(tt.ctx, client, "active")
			if err == nil || err.Error() != tt.wantErr {
				t.Fatalf("error = %v, want %q", err, tt.wantErr)
			}
			for _, target := range tt.wantIs {
				if !errors.Is(err, target) {
					t.Errorf("errors.Is(err, %v) = false", target)
				}
			}
			if ae := (*cwlogs.AttemptsError)(nil); errors.As(err, &ae) && ae.Attempts != 0 {
				t.Errorf("AttemptsError.Attempts = %d, want 0", ae.Attempts)
			}
			if n := requests.Load(); n != 0 {
				t.Errorf("server saw %d requests, want none", n)
			}
		})
	}
}

// TestRequestHeaderNames checks the names of the headers a request is sent
// with: each once, in its canonical form (the client signs them under
// their lowercase names, and gives them their canonical names back), and
// no Host header of the request's own, whose Host is its URL's.
func TestRequestHeaderNames(t *testing.T) {
	t.Parallel()
	signed := []string{"Authorization", "Content-Type", "User-Agent", "X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Target"}
	tests := []struct {
		name        string
		credentials aws.CredentialsProvider
		want        []string
	}{
		{"signed", cwlogstest.Credentials(), signed},
		{"anonymous", aws.AnonymousCredentials{}, []string{"Content-Type", "User-Agent", "X-Amz-Target"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []string
			var host string
			hc := doFunc(func(r *http.Request) (*http.Response, error) {
				for k, v := range r.Header {
					got = append(got, k)
					if len(v) != 1 || v[0] == "" {
						t.Errorf("header %s = %q, want one value", k, v)
					}
				}
				host = r.Host
				return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(`{}`))}, nil
			})
			c, err := cwlogs.New(cwlogs.Options{Region: cwlogstest.Region, Credentials: tt.credentials, HTTPClient: hc})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := c.DeleteIntegration(context.Background(), &cwlogs.DeleteIntegrationInput{IntegrationName: "x"}); err != nil {
				t.Fatal(err)
			}
			slices.Sort(got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("header names mismatch (-want +got):\n%s", diff)
			}
			if host != "" {
				t.Errorf("Host = %q, want none (the URL's)", host)
			}
		})
	}
}

// TestBaseEndpointPathIsSigned checks that the kit accepts the signature of
// requests sent to a base endpoint whose path the signer leaves as it is,
// and to one whose path it escapes once more (the client tells them apart
// to spare the signer the escape).
func TestBaseEndpointPathIsSigned(t *testing.T) {
	t.Parallel()
	for _, path := range []string{"", "/", "/prefix/p", "/x~y/a-b_c.d/", "/a%20b/c", "/a:b", "/caf%C3%A9"} {
		t.Run(path, func(t *testing.T) {
			t.Parallel()
			srv := cwlogstest.NewServer()
			t.Cleanup(srv.Close)
			c, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.BaseEndpoint = aws.String(srv.URL + path) })
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.ListIntegrations(context.Background(), nil)
			var rejected []string // why the kit refused each request, if it did
			for _, r := range srv.Requests() {
				rejected = append(rejected, r.Rejected)
			}
			if err != nil || !slices.Equal(rejected, []string{""}) {
				t.Fatalf("ListIntegrations: %v; requests rejected with %q, want one accepted request", err, rejected)
			}
		})
	}
}
