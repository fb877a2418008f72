// Package awsenv builds the client options of the example programs from the
// command line and the environment, the way the AWS tools read them, without
// the official SDK's config module: static credentials from the environment
// only, no shared files or profiles.
package awsenv

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/cwlogs-go/cwlogs"
)

// Remote is what a command line says of the endpoint to call.
type Remote struct {
	// Region is the -region flag; empty to read AWS_REGION, then
	// AWS_DEFAULT_REGION.
	Region string
	// Endpoint is the -endpoint flag; empty for the region's endpoint or,
	// with Live, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS or AWS_ENDPOINT_URL.
	Endpoint string
	// Live is the -live flag.
	Live bool
}

// Options returns the client options for r and the environment that getenv
// reads:
//
//   - region: r.Region, else AWS_REGION, else AWS_DEFAULT_REGION;
//   - credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and, for
//     temporary credentials, AWS_SESSION_TOKEN;
//   - endpoint: r.Endpoint, else (with r.Live only, and unless
//     AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is "true")
//     AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, else AWS_ENDPOINT_URL, else the
//     region's endpoint;
//   - AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT: "true" or
//     "false" (any case).
//
// The HTTP client stays nil: the library's default honours HTTPS_PROXY,
// HTTP_PROXY and NO_PROXY.
func Options(r Remote, getenv func(string) string) (cwlogs.Options, error) {
	creds, err := credentials(getenv)
	if err != nil {
		return cwlogs.Options{}, err
	}
	o := cwlogs.Options{
		Region:      firstSet(r.Region, getenv("AWS_REGION"), getenv("AWS_DEFAULT_REGION")),
		Credentials: creds,
	}
	if o.Region == "" {
		return cwlogs.Options{}, errors.New("no region: use -region or set AWS_REGION (or AWS_DEFAULT_REGION)")
	}
	ignore, err := envBool(getenv, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
	if err != nil {
		return cwlogs.Options{}, err
	}
	endpoint := r.Endpoint
	if endpoint == "" && r.Live && !ignore {
		endpoint = firstSet(getenv("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS"), getenv("AWS_ENDPOINT_URL"))
	}
	if endpoint != "" {
		o.BaseEndpoint = &endpoint
	}
	fips, err := envBool(getenv, "AWS_USE_FIPS_ENDPOINT")
	if err != nil {
		return cwlogs.Options{}, err
	}
	if fips {
		o.EndpointOptions.UseFIPSEndpoint = aws.FIPSEndpointStateEnabled
	}
	dualStack, err := envBool(getenv, "AWS_USE_DUALSTACK_ENDPOINT")
	if err != nil {
		return cwlogs.Options{}, err
	}
	if dualStack {
		o.EndpointOptions.UseDualStackEndpoint = aws.DualStackEndpointStateEnabled
	}
	return o, nil
}

// credentials returns a provider of the static credentials in the
// environment.
func credentials(getenv func(string) string) (aws.CredentialsProvider, error) {
	c := aws.Credentials{
		AccessKeyID:     getenv("AWS_ACCESS_KEY_ID"),
		SecretAccessKey: getenv("AWS_SECRET_ACCESS_KEY"),
		SessionToken:    getenv("AWS_SESSION_TOKEN"),
		Source:          "EnvironmentVariables",
	}
	var missing []string
	if c.AccessKeyID == "" {
		missing = append(missing, "AWS_ACCESS_KEY_ID")
	}
	if c.SecretAccessKey == "" {
		missing = append(missing, "AWS_SECRET_ACCESS_KEY")
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("no credentials: %s not set; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "+
			"(and AWS_SESSION_TOKEN for temporary credentials); shared config files and profiles are not read",
			strings.Join(missing, " and "))
	}
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return c, nil
	}), nil
}

// envBool reads a boolean variable: "true" or "false" in any case, or
// unset (false).
func envBool(getenv func(string) string, name string) (bool, error) {
	switch v := getenv(name); {
	case v == "", strings.EqualFold(v, "false"):
		return false, nil
	case strings.EqualFold(v, "true"):
		return true, nil
	default:
		return false, fmt.Errorf("%s is %q, want true or false", name, v)
	}
}

// firstSet returns the first of values that is not empty.
func firstSet(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// Fail writes err to w as one line, "prog: " and the error, with control
// characters folded and any credential of the environment masked. The
// library never puts credentials in its errors; this guards against a
// secret that reached an error some other way, such as pasted into a flag.
func Fail(w io.Writer, prog string, getenv func(string) string, err error) {
	msg := strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, err.Error())
	for _, name := range []string{"AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN"} {
		if s := getenv(name); len(s) >= 4 {
			msg = strings.ReplaceAll(msg, s, "[redacted "+name+"]")
		}
	}
	fmt.Fprintf(w, "%s: %s\n", prog, msg)
}
