package cwlogs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// newKitClient starts a test kit server with the recorded responses and
// returns it with a client for it.
func newKitClient(t *testing.T, optFns ...func(*cwlogs.Options)) (*cwlogs.Client, *cwlogstest.Server) {
	t.Helper()
	srv := cwlogstest.NewServer()
	t.Cleanup(srv.Close)
	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
		t.Fatal(err)
	}
	fast := func(o *cwlogs.Options) { o.RetryPolicy = fastRetry }
	client, err := cwlogs.New(srv.Options(), append([]func(*cwlogs.Options){fast}, optFns...)...)
	if err != nil {
		t.Fatal(err)
	}
	return client, srv
}

// fastRetry is the standard policy with backoffs short enough for tests.
var fastRetry = cwlogs.StandardRetry{Base: time.Millisecond, ThrottleBase: time.Millisecond, Cap: 5 * time.Millisecond}

// newTestClient returns a client for a loopback server run by handler.
func newTestClient(t *testing.T, handler http.Handler, optFns ...func(*cwlogs.Options)) *cwlogs.Client {
	t.Helper()
	srv := httptest.NewServer(handler)
	t.Cleanup(srv.Close)
	client, err := cwlogs.New(cwlogs.Options{
		Region:       cwlogstest.Region,
		Credentials:  cwlogstest.Credentials(),
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   srv.Client(),
	}, optFns...)
	if err != nil {
		t.Fatal(err)
	}
	return client
}

// recordedBody returns the body of a recorded response.
func recordedBody(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("cwlogstest", "testdata", name+".http"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := cwlogstest.ParseResponse(data)
	if err != nil {
		t.Fatal(err)
	}
	return r.Body
}

func get(ctx context.Context, c *cwlogs.Client, name string, optFns ...func(*cwlogs.Options)) (*cwlogs.GetIntegrationOutput, error) {
	return c.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: name}, optFns...)
}

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

func TestInvalidNamesAreRefusedBeforeSending(t *testing.T) {
	tests := []struct {
		name    string
		input   *cwlogs.GetIntegrationInput
		wantErr string
	}{
		{"nil input", nil, "cwlogs: GetIntegration: invalid input: IntegrationName is required"},
		{"empty", &cwlogs.GetIntegrationInput{}, "cwlogs: GetIntegration: invalid input: IntegrationName is required"},
		{"too long", &cwlogs.GetIntegrationInput{IntegrationName: strings.Repeat("a", 51)}, "IntegrationName is 51 characters long, want at most 50"},
		{"space", &cwlogs.GetIntegrationInput{IntegrationName: "bad name"}, `IntegrationName has ' ' at byte 3, want only letters, digits and . - _ / #`},
		{"non-ASCII", &cwlogs.GetIntegrationInput{IntegrationName: "café"}, `has 'é' at byte 3`},
		{"invalid UTF-8", &cwlogs.GetIntegrationInput{IntegrationName: "a\xff"}, `has '�' at byte 1`},
		{"long non-ASCII", &cwlogs.GetIntegrationInput{IntegrationName: strings.Repeat("é", 51)}, "is 51 characters long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, srv := newKitClient(t)
			_, err := client.GetIntegration(context.Background(), tt.input)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			var inErr *cwlogs.InvalidInputError
			if !errors.As(err, &inErr) || inErr.Field != "IntegrationName" || !errors.Is(err, cwlogs.ErrInvalidParameter) {
				t.Errorf("error %v is not an InvalidInputError on IntegrationName matching ErrInvalidParameter", err)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("server saw %d requests, want none", n)
			}
		})
	}
	t.Run("longest and every allowed character", func(t *testing.T) {
		client, srv := newKitClient(t)
		name := "Az09.-_/#" + strings.Repeat("x", 41)
		_, err := get(context.Background(), client, name)
		if !errors.Is(err, cwlogs.ErrResourceNotFound) || len(srv.Requests()) != 1 {
			t.Fatalf("error = %v, want the server's ResourceNotFoundException", err)
		}
	})
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

func TestBadResponseBodies(t *testing.T) {
	tests := []struct {
		name      string
		handler   http.HandlerFunc
		opt       func(*cwlogs.Options)
		wantErr   string
		wantIs    []error
		wantNotIs []error
	}{
		{
			name: "larger than the bound",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Amzn-RequestId", "big")
				fmt.Fprintf(w, `{"integrationName":"%s"}`, strings.Repeat("a", 2000))
			},
			opt:     func(o *cwlogs.Options) { o.MaxResponseBytes = 1024 },
			wantErr: "cwlogs: GetIntegration: invalid response: body is larger than the limit of 1024 bytes (status 200, request id big)",
			wantIs:  []error{cwlogs.ErrInvalidResponse, cwlogs.ErrResponseTooLarge},
		},
		{
			name: "larger than the bound, length not told",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"integrationName":"`)
				w.(http.Flusher).Flush() // chunked: no Content-Length
				io.WriteString(w, strings.Repeat("a", 2000)+`"}`)
			},
			opt:     func(o *cwlogs.Options) { o.MaxResponseBytes = 1024 },
			wantErr: "cwlogs: GetIntegration: invalid response: body is larger than the limit of 1024 bytes (status 200)",
			wantIs:  []error{cwlogs.ErrInvalidResponse, cwlogs.ErrResponseTooLarge},
		},
		{
			name: "exactly at the bound, length not told",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"integrationName":"x"}`)
				w.(http.Flusher).Flush()
				io.WriteString(w, strings.Repeat(" ", 1024-23))
			},
			opt: func(o *cwlogs.Options) { o.MaxResponseBytes = 1024 },
		},
		{
			name: "exactly at the bound",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"integrationName":"x"}`+strings.Repeat(" ", 1024-23))
			},
			opt: func(o *cwlogs.Options) { o.MaxResponseBytes = 1024 },
		},
		{
			// An error is its status: the start of a long body is enough
			// (its code and message), and a 5xx is retried.
			name: "error body larger than 1 MiB",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.WriteHeader(503)
				w.Write([]byte("<html><body>Service Unavailable "))
				w.Write(bytes.Repeat([]byte("x"), 1<<21))
			},
			wantErr:   "cwlogs: GetIntegration: 503: Service Unavailable xxxx",
			wantIs:    []error{cwlogs.ErrServiceUnavailable},
			wantNotIs: []error{cwlogs.ErrResponseTooLarge, cwlogs.ErrInvalidResponse},
		},
		{
			name: "JSON error body larger than 1 MiB",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("X-Amzn-ErrorType", "ThrottlingException")
				w.WriteHeader(400)
				w.Write([]byte(`{"message":"` + strings.Repeat("x", 1<<20) + `"}`))
			},
			opt:     func(o *cwlogs.Options) { o.RetryPolicy = fastRetry },
			wantErr: "cwlogs: GetIntegration: ThrottlingException: {\"message\":\"xxx",
			wantIs:  []error{cwlogs.ErrThrottling},
		},
		{
			name: "cut short",
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Length", "100")
				io.WriteString(w, `{"integrationName":`)
			},
			wantErr: "cwlogs: GetIntegration: invalid response: read body: unexpected EOF (status 200)",
			wantIs:  []error{cwlogs.ErrInvalidResponse, io.ErrUnexpectedEOF},
		},
		{
			name: "truncated JSON",
			handler: func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, `{"integrationName":"x","integrationDetails":{"openSearchIntegrationDetails":{`)
			},
			wantErr:   "cwlogs: GetIntegration: invalid response: unexpected end of JSON input (status 200)",
			wantIs:    []error{cwlogs.ErrInvalidResponse},
			wantNotIs: []error{cwlogs.ErrResponseTooLarge},
		},
		{
			name:    "HTML with status 200",
			handler: func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "<html>maintenance</html>") },
			wantErr: "invalid response: invalid character '<' looking for beginning of value at byte 0 (status 200)",
			wantIs:  []error{cwlogs.ErrInvalidResponse},
		},
		{
			name:    "wrong member type",
			handler: func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `{"integrationStatus":7}`) },
			wantErr: "invalid response: integrationStatus: want a string, found a number (status 200)",
			wantIs:  []error{cwlogs.ErrInvalidResponse},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []func(*cwlogs.Options)
			if tt.opt != nil {
				opts = append(opts, tt.opt)
			}
			client := newTestClient(t, tt.handler, opts...)
			_, err := get(context.Background(), client, "x")
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			for _, target := range tt.wantIs {
				if !errors.Is(err, target) {
					t.Errorf("errors.Is(err, %v) = false, want true", target)
				}
			}
			for _, target := range tt.wantNotIs {
				if errors.Is(err, target) {
					t.Errorf("errors.Is(err, %v) = true, want false", target)
				}
			}
		})
	}
}

func TestOptionsAreCheckedWhenTheClientIsMade(t *testing.T) {
	valid := func() cwlogs.Options {
		return cwlogs.Options{Region: "us-east-1", Credentials: cwlogstest.Credentials()}
	}
	tests := []struct {
		name    string
		change  func(*cwlogs.Options)
		wantErr string
	}{
		{"no credentials", func(o *cwlogs.Options) { o.Credentials = nil }, "cwlogs: Options.Credentials is required"},
		{"no region", func(o *cwlogs.Options) { o.Region = "" }, "cwlogs: Options.Region is required"},
		{"bad region", func(o *cwlogs.Options) { o.Region = "us east 1" }, `cwlogs: Options.Region: "us east 1" is not a valid host label`},
		{"negative body limit", func(o *cwlogs.Options) { o.MaxResponseBytes = -1 }, "cwlogs: Options.MaxResponseBytes is -1"},
		{"empty base endpoint", func(o *cwlogs.Options) { o.BaseEndpoint = aws.String("") }, "cwlogs: Options.BaseEndpoint is set but empty"},
		{"relative base endpoint", func(o *cwlogs.Options) { o.BaseEndpoint = aws.String("localhost:4566") }, "cwlogs: Options.BaseEndpoint"},
		{"base endpoint and FIPS", func(o *cwlogs.Options) {
			o.BaseEndpoint = aws.String("http://127.0.0.1:1")
			o.EndpointOptions.UseFIPSEndpoint = aws.FIPSEndpointStateEnabled
		}, "cwlogs: Options.BaseEndpoint: cannot be combined with FIPS"},
		{"base endpoint and dual-stack", func(o *cwlogs.Options) {
			o.BaseEndpoint = aws.String("http://127.0.0.1:1")
			o.EndpointOptions.UseDualStackEndpoint = aws.DualStackEndpointStateEnabled
		}, "cwlogs: Options.BaseEndpoint: cannot be combined with dual-stack"},
		{"nil *http.Client", func(o *cwlogs.Options) { o.HTTPClient = (*http.Client)(nil) }, "cwlogs: Options.HTTPClient is a nil *http.Client"},
		{"nil *awshttp.BuildableClient", func(o *cwlogs.Options) { o.HTTPClient = (*awshttp.BuildableClient)(nil) }, "cwlogs: Options.HTTPClient is a nil *http.BuildableClient"},
		{"base endpoint signed without region", func(o *cwlogs.Options) {
			o.BaseEndpoint = aws.String("http://127.0.0.1:1")
			o.Region = ""
		}, "cwlogs: Options.Region is required to sign requests"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := cwlogs.New(valid(), tt.change)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || c != nil {
				t.Fatalf("New = %v, %v; want nil and an error containing %q", c, err, tt.wantErr)
			}
		})
	}
	t.Run("valid", func(t *testing.T) {
		if _, err := cwlogs.New(valid()); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("anonymous without region", func(t *testing.T) {
		_, err := cwlogs.New(cwlogs.Options{Credentials: aws.AnonymousCredentials{}, BaseEndpoint: aws.String("http://127.0.0.1:1")})
		if err != nil {
			t.Fatal(err)
		}
	})
}

func TestPerCallOptions(t *testing.T) {
	client, srv := newKitClient(t)
	other := cwlogstest.NewServer()
	t.Cleanup(other.Close)
	other.AddError("active", 400, "AccessDeniedException", "from the other server")

	if _, err := get(context.Background(), client, "active"); err != nil {
		t.Fatal(err)
	}
	_, err := get(context.Background(), client, "active", func(o *cwlogs.Options) { o.BaseEndpoint = aws.String(other.URL) })
	if !errors.Is(err, cwlogs.ErrAccessDenied) {
		t.Fatalf("per-call endpoint: error = %v, want the other server's AccessDeniedException", err)
	}
	_, err = get(context.Background(), client, "active", func(o *cwlogs.Options) { o.Region = "bad region" })
	if err == nil || !strings.Contains(err.Error(), "cwlogs: GetIntegration: per-call options: cwlogs: Options.Region") {
		t.Fatalf("per-call invalid region: error = %v", err)
	}
	// The client itself is unchanged by per-call options.
	if _, err := get(context.Background(), client, "active"); err != nil {
		t.Fatal(err)
	}
	if n, m := len(srv.Requests()), len(other.Requests()); n != 2 || m != 1 {
		t.Errorf("requests: %d to the client's server and %d to the other, want 2 and 1", n, m)
	}
}

// configSource answers the lookups that config.LoadDefaultConfig's sources
// answer.
type configSource struct {
	fips     aws.FIPSEndpointState
	dual     aws.DualStackEndpointState
	endpoint string
}

func (s configSource) GetUseFIPSEndpoint(context.Context) (aws.FIPSEndpointState, bool, error) {
	return s.fips, s.fips != aws.FIPSEndpointStateUnset, nil
}

func (s configSource) GetUseDualStackEndpoint(context.Context) (aws.DualStackEndpointState, bool, error) {
	return s.dual, s.dual != aws.DualStackEndpointStateUnset, nil
}

func (s configSource) GetServiceBaseEndpoint(_ context.Context, sdkID string) (string, bool, error) {
	if sdkID != "CloudWatch Logs" {
		return "", false, fmt.Errorf("unexpected SDK ID %q", sdkID)
	}
	return s.endpoint, s.endpoint != "", nil
}

// endpointOf returns the URL a client sends to, as a loopback-free probe
// that records the request instead of sending it.
func endpointOf(t *testing.T, c *cwlogs.Client) string {
	t.Helper()
	var got string
	_, err := get(context.Background(), c, "x", func(o *cwlogs.Options) {
		o.RetryMaxAttempts = 1
		o.HTTPClient = doFunc(func(r *http.Request) (*http.Response, error) {
			got = r.URL.String()
			return nil, errors.New("not sent")
		})
	})
	if err == nil || got == "" {
		t.Fatalf("probe: %v", err)
	}
	return got
}

type doFunc func(*http.Request) (*http.Response, error)

func (f doFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

func TestNewFromConfig(t *testing.T) {
	for _, k := range []string{"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"} {
		if v, ok := os.LookupEnv(k); ok {
			t.Setenv(k, v)
			os.Unsetenv(k)
		}
	}
	creds := cwlogstest.Credentials()
	tests := []struct {
		name string
		cfg  aws.Config
		env  map[string]string
		want string
	}{
		{"region", aws.Config{Region: "eu-west-1", Credentials: creds}, nil, "https://logs.eu-west-1.amazonaws.com/"},
		{"FIPS from config sources", aws.Config{Region: "us-west-2", Credentials: creds,
			ConfigSources: []any{configSource{fips: aws.FIPSEndpointStateEnabled}}}, nil, "https://logs-fips.us-west-2.amazonaws.com/"},
		{"dual-stack from config sources", aws.Config{Region: "cn-north-1", Credentials: creds,
			ConfigSources: []any{"ignored", configSource{dual: aws.DualStackEndpointStateEnabled}}}, nil, "https://logs.cn-north-1.api.amazonwebservices.com.cn/"},
		{"first source that knows wins", aws.Config{Region: "us-west-2", Credentials: creds,
			ConfigSources: []any{configSource{}, configSource{fips: aws.FIPSEndpointStateDisabled}, configSource{fips: aws.FIPSEndpointStateEnabled}}}, nil, "https://logs.us-west-2.amazonaws.com/"},
		{"base endpoint", aws.Config{Region: "us-east-1", Credentials: creds, BaseEndpoint: aws.String("http://localhost:4566")}, nil, "http://localhost:4566/"},
		{"service endpoint overrides base endpoint", aws.Config{Region: "us-east-1", Credentials: creds, BaseEndpoint: aws.String("http://global:1"),
			ConfigSources: []any{configSource{endpoint: "http://logs:2/x"}}}, nil, "http://logs:2/x"},
		{"global env endpoint beats service endpoint of the config file", aws.Config{Region: "us-east-1", Credentials: creds, BaseEndpoint: aws.String("http://global:1"),
			ConfigSources: []any{configSource{endpoint: "http://logs:2"}}}, map[string]string{"AWS_ENDPOINT_URL": "http://global:1"}, "http://global:1/"},
		{"service env endpoint beats global env endpoint", aws.Config{Region: "us-east-1", Credentials: creds, BaseEndpoint: aws.String("http://global:1"),
			ConfigSources: []any{configSource{endpoint: "http://logs:2"}}}, map[string]string{"AWS_ENDPOINT_URL": "http://global:1", "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS": "http://logs:2"}, "http://logs:2/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for k, v := range tt.env {
				t.Setenv(k, v)
			}
			c, err := cwlogs.NewFromConfig(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			if got := endpointOf(t, c); got != tt.want {
				t.Errorf("endpoint = %q, want %q", got, tt.want)
			}
		})
	}
	t.Run("HTTP client and option functions", func(t *testing.T) {
		var used bool
		cfg := aws.Config{Region: "us-east-1", Credentials: creds, HTTPClient: doFunc(func(r *http.Request) (*http.Response, error) {
			used = true
			return nil, errors.New("offline")
		})}
		c, err := cwlogs.NewFromConfig(cfg, func(o *cwlogs.Options) { o.Region = "ap-south-1" })
		if err != nil {
			t.Fatal(err)
		}
		_, err = get(context.Background(), c, "x")
		if !used || err == nil || !strings.Contains(err.Error(), "cwlogs: GetIntegration: offline") {
			t.Errorf("config's HTTP client used = %v, error = %v", used, err)
		}
	})
	t.Run("invalid config is reported", func(t *testing.T) {
		_, err := cwlogs.NewFromConfig(aws.Config{Credentials: creds})
		if err == nil || !strings.Contains(err.Error(), "Options.Region") {
			t.Errorf("error = %v, want one naming Options.Region", err)
		}
	})
}

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

// TestConnectionIsReusedAfterErrors answers with error bodies, one of them
// longer than the client reads of an error: the client reads or drains
// what is left of each, so that every call goes over the one connection.
func TestConnectionIsReusedAfterErrors(t *testing.T) {
	var conns, calls atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("X-Amzn-ErrorType", "ResourceNotFoundException")
		w.WriteHeader(400)
		if calls.Add(1) > 1 {
			io.WriteString(w, `{"message":"`+strings.Repeat("x", 1<<20)+`"}`) // 1 MiB and a few bytes
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	client, err := cwlogs.New(cwlogs.Options{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(),
		BaseEndpoint: aws.String(srv.URL), HTTPClient: srv.Client(), RetryMaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		if _, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "x"}); !errors.Is(err, cwlogs.ErrResourceNotFound) {
			t.Fatalf("call %d: %v, want ResourceNotFoundException", i, err)
		}
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections for 4 calls, want 1", n)
	}
}

// TestSwitchingProtocolsIsAnError answers with 101 Switching Protocols
// and keeps the connection open: the body net/http returns for it is the
// connection, so reading it would wait until the server closes it. The call
// must end at once with an error of status 101.
func TestSwitchingProtocolsIsAnError(t *testing.T) {
	done := make(chan struct{})
	t.Cleanup(func() { close(done) })
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		buf.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
		buf.Flush()
		select { // open until the test ends, or long past its deadline
		case <-done:
		case <-time.After(30 * time.Second):
		}
	}), func(o *cwlogs.Options) { o.RetryMaxAttempts = 1 })
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "active"})
	var apiErr *cwlogs.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusSwitchingProtocols || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want an APIError with status 101 before the deadline", err)
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

// Compile-time check that code written for the official SDK's errors works.
var _ smithy.APIError = (*cwlogs.APIError)(nil)

// decodeJSON decodes data into a generic value for comparisons.
func decodeJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if err := d.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return v
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

// TestStalledErrorBodyReturnsPromptly answers with a 400 whose first MiB
// holds a complete error, then stops sending: the client has what it
// needs, and must not wait on the rest, even with no attempt timeout.
func TestStalledErrorBodyReturnsPromptly(t *testing.T) {
	stop := make(chan struct{})
	var transport *http.Transport
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		conn := hijack(t, w)
		defer conn.Close()
		msg := `{"__type":"ResourceNotFoundException","message":"gone"}`
		fmt.Fprintf(conn, "HTTP/1.1 400 Bad Request\r\nContent-Length: %d\r\n\r\n%s%s", 4<<20, msg, strings.Repeat(" ", 1<<20+1024-len(msg)))
		<-stop
	}), func(o *cwlogs.Options) {
		o.AttemptTimeout = -1
		o.RetryMaxAttempts = 1
		transport = o.HTTPClient.(*http.Client).Transport.(*http.Transport)
	})
	t.Cleanup(func() { close(stop) }) // runs before the server's Close
	checkNoLeak(t, func() { transport.CloseIdleConnections() })
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	start := time.Now()
	_, err := get(ctx, client, "x")
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("the call took %v, want it to return at once", elapsed)
	}
	if !errors.Is(err, cwlogs.ErrResourceNotFound) || errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error = %v, want ResourceNotFoundException", err)
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

// TestDefaultSuccessBodyBound leaves MaxResponseBytes unset: a success body
// of DefaultMaxResponseBytes (4 MiB) is read, one byte more is refused,
// whether its length is told or not.
func TestDefaultSuccessBodyBound(t *testing.T) {
	t.Parallel()
	if cwlogs.DefaultMaxResponseBytes != 4<<20 {
		t.Errorf("DefaultMaxResponseBytes = %d, want 4 MiB as documented", cwlogs.DefaultMaxResponseBytes)
	}
	const start = `{"integrationName":"x"}`
	for _, tt := range []struct {
		name    string
		size    int
		chunked bool
		wantErr error
	}{
		{"at the bound", 4 << 20, false, nil},
		{"at the bound, length not told", 4 << 20, true, nil},
		{"one byte over", 4<<20 + 1, false, cwlogs.ErrResponseTooLarge},
		{"one byte over, length not told", 4<<20 + 1, true, cwlogs.ErrResponseTooLarge},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if !tt.chunked {
					w.Header().Set("Content-Length", fmt.Sprint(tt.size))
				}
				io.WriteString(w, start)
				w.(http.Flusher).Flush()
				io.WriteString(w, strings.Repeat(" ", tt.size-len(start)))
			}))
			out, err := get(context.Background(), client, "x")
			if tt.wantErr == nil && (err != nil || out.IntegrationName != "x") {
				t.Fatalf("error = %v, want the output", err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("error = %v, want %v", err, tt.wantErr)
			}
		})
	}
}

// nilDoer is an HTTPClient whose nil pointer cannot send.
type nilDoer struct{ c *http.Client }

func (d *nilDoer) Do(r *http.Request) (*http.Response, error) { return d.c.Do(r) }

// TestTypedNilOptionsNoPanic checks that an option set to a nil value of a
// non-nil type (a nil pointer or func in the interface) is an error that
// names the field, from New or from the call with that per-call option,
// and never a panic: today New panics on a nil *aws.CredentialsCache, and
// a call on a nil aws.CredentialsProviderFunc, a nil *cwlogs.StandardRetry
// or a nil pointer HTTPClient.
func TestTypedNilOptionsNoPanic(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		field string
		set   func(*cwlogs.Options)
	}{
		{"nil *aws.CredentialsCache", "Credentials", func(o *cwlogs.Options) { o.Credentials = (*aws.CredentialsCache)(nil) }},
		{"nil aws.CredentialsProviderFunc", "Credentials", func(o *cwlogs.Options) { o.Credentials = aws.CredentialsProviderFunc(nil) }},
		{"nil *cwlogs.StandardRetry", "RetryPolicy", func(o *cwlogs.Options) { o.RetryPolicy = (*cwlogs.StandardRetry)(nil) }},
		{"nil pointer HTTPClient", "HTTPClient", func(o *cwlogs.Options) { o.HTTPClient = (*nilDoer)(nil) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("panic: %v", r)
				}
			}()
			base := cwlogs.Options{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(),
				BaseEndpoint: aws.String("http://127.0.0.1:9"), RetryMaxAttempts: 2}
			_, err := cwlogs.New(base, tt.set)
			if err == nil || !strings.Contains(err.Error(), "Options."+tt.field) {
				t.Errorf("New: err = %v, want one that names Options.%s", err, tt.field)
			}
			client, err := cwlogs.New(base)
			if err != nil {
				t.Fatal(err)
			}
			_, err = client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "x"}, tt.set)
			if err == nil || !strings.Contains(err.Error(), "Options."+tt.field) {
				t.Errorf("call with the option: err = %v, want one that names Options.%s", err, tt.field)
			}
		})
	}
}
