package cwlogs_test

import (
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

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
