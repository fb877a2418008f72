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
