package cwlogs_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// TestCredentialsNeverPrinted runs success and error paths with credentials
// whose secret parts are unique strings, and looks for them in everything
// the library prints.
func TestCredentialsNeverPrinted(t *testing.T) {
	const secret, token = "CANARY-secret-7f3a9c", "CANARY-token-2b8e41"
	creds := aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: cwlogstest.AccessKeyID, SecretAccessKey: secret, SessionToken: token}, nil
	}))
	static := staticProvider{aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: secret, SessionToken: token}}
	// The kit accepts only its own credentials; this server answers by
	// name without checking them, so that the success paths run too.
	recorded, err := cwlogstest.ReadResponses(cwlogstest.Recorded())
	if err != nil {
		t.Fatal(err)
	}
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in cwlogs.GetIntegrationInput
		_ = json.NewDecoder(r.Body).Decode(&in)
		resp := recorded[in.IntegrationName]
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		w.Write(resp.Body)
	}), func(o *cwlogs.Options) { o.Credentials = creds; o.RetryPolicy = fastRetry })

	var printed bytes.Buffer
	for _, name := range []string{"active", "unknown-member", "resource-not-found", "html-502",
		"union-two-members", "invalid-signature", "bad name", ""} {
		out, err := get(context.Background(), client, name)
		fmt.Fprintf(&printed, "%v %+v %#v %v %+v\n", out, out, err, err, client)
	}
	// Every verb, on the options, a client, the client value, and both
	// held in an exported field of a struct of the caller's.
	opts := cwlogs.Options{Region: "us-east-1", Credentials: static, BaseEndpoint: aws.String("http://127.0.0.1:1")}
	c, err := cwlogs.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	type holder struct {
		Opts   cwlogs.Options
		Client cwlogs.Client
	}
	for _, v := range []any{opts, &opts, c, *c, holder{opts, *c}, &holder{opts, *c}} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%t", "%10.3v", "%T"} {
			fmt.Fprintf(&printed, verb+"\n", v)
		}
	}
	// A password in BaseEndpoint, before the client is made (New refuses
	// it) or after (New was not asked).
	withPassword := opts
	withPassword.BaseEndpoint = aws.String("http://user:" + secret + "@127.0.0.1:1")
	fmt.Fprintf(&printed, "%v %d\n", withPassword, withPassword)
	_, err = cwlogs.New(withPassword)
	fmt.Fprintf(&printed, "%v\n", err)
	withPassword.BaseEndpoint = aws.String("http://user:" + secret + "@127.0.0.1:1/%zz")
	fmt.Fprintf(&printed, "%v\n", withPassword)
	_, err = cwlogs.New(withPassword)
	fmt.Fprintf(&printed, "%v\n", err)
	// A transport error, an error of the options, and an error of the
	// credentials provider.
	_, err = get(context.Background(), client, "active", func(o *cwlogs.Options) {
		o.HTTPClient = doFunc(func(*http.Request) (*http.Response, error) { return nil, fmt.Errorf("reset") })
	})
	fmt.Fprintf(&printed, "%v\n", err)
	_, err = cwlogs.New(cwlogs.Options{Credentials: static, Region: "bad region"})
	fmt.Fprintf(&printed, "%v\n", err)
	_, err = get(context.Background(), client, "active", func(o *cwlogs.Options) {
		o.Credentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{}, fmt.Errorf("provider failed")
		})
	})
	fmt.Fprintf(&printed, "%v %+v\n", err, err)

	for _, s := range []string{secret, token} {
		if strings.Contains(printed.String(), s) {
			t.Errorf("%q was printed:\n%s", s, printed.String())
		}
	}
	if !strings.Contains(printed.String(), "ResourceNotFoundException") || !strings.Contains(printed.String(), "(redacted)") {
		t.Errorf("the canary run printed too little to be meaningful:\n%s", printed.String())
	}
}

type staticProvider struct{ creds aws.Credentials }

func (p staticProvider) Retrieve(context.Context) (aws.Credentials, error) { return p.creds, nil }
