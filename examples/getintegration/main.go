// Getintegration shows a CloudWatch Logs integration, as GetIntegration
// returns it.
//
// Usage:
//
//	go run ./examples/getintegration [-endpoint URL] [-region REGION] [-live] [-json] [NAME]
//
// With neither -endpoint nor -live it needs no AWS account and no network:
// it starts the fake endpoint of package cwlogstest in the process and asks
// it for NAME (default "active") among the recorded responses that are
// embedded in the binary, such as active, provisioning, failed,
// unknown-member, resource-not-found or html-502. It says so in one line
// on stderr. -region cannot be used in this mode.
//
// With -live it calls CloudWatch Logs, and with -endpoint URL it calls that
// URL instead; NAME is then required. The settings come from:
//
//   - region: -region, else AWS_REGION, else AWS_DEFAULT_REGION;
//   - credentials: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and, for
//     temporary credentials, AWS_SESSION_TOKEN (no shared files or profiles);
//   - endpoint: -endpoint, else (with -live only, unless
//     AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is "true")
//     AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, else AWS_ENDPOINT_URL, else the
//     region's endpoint;
//   - AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT: "true" or "false"
//     (any case) select the FIPS and dual-stack variants of that endpoint;
//   - HTTPS_PROXY, HTTP_PROXY and NO_PROXY: the proxy, through the library's
//     default HTTP client.
//
// Without -json it prints a summary: the name, type and status, then one
// line per OpenSearch resource, in a fixed order, with its identifiers, its
// status and its status message (quoted, so that it stays on one line). A
// union member the library does not know is printed by name with its raw
// JSON. With -json it prints the response in its wire shape and nothing
// else.
//
// On an error it prints one line, "getintegration: " and the error, as the
// last line on stderr and exits with status 1, or 2 for a command line that
// is not valid. -h prints the usage on stderr and exits with status 0.
// Credentials are never printed.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
	"github.com/cwlogs-go/cwlogs/examples/internal/awsenv"
)

const (
	progName = "getintegration"
	synopsis = "usage: " + progName + " [-endpoint URL] [-region REGION] [-live] [-json] [NAME]"

	// defaultName is the recorded integration shown when no NAME is given.
	defaultName = "active"

	// notice is the line written to stderr when the recorded responses
	// answer.
	notice = progName + ": using recorded responses (package cwlogstest, in-process; no AWS account or network); " +
		"run with -live to call CloudWatch Logs, or -endpoint URL to call another endpoint"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// usageError is a command line that is not valid; run exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg + "; " + synopsis }

// config is what the command line asks for.
type config struct {
	name     string
	endpoint string
	region   string
	live     bool
	json     bool
}

// run is the program, with its arguments, output and environment as
// parameters. It returns the exit status.
func run(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	cfg, err := parseArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		printHelp(stderr)
		return 0
	}
	if err != nil {
		fail(stderr, getenv, err)
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	var client *cwlogs.Client
	if cfg.live || cfg.endpoint != "" {
		client, err = remoteClient(cfg, getenv)
	} else {
		var closeServer func()
		client, closeServer, err = recordedClient()
		if closeServer != nil {
			defer closeServer()
		}
		fmt.Fprintln(stderr, notice)
	}
	if err == nil {
		err = show(ctx, client, cfg, stdout)
	}
	if err != nil {
		fail(stderr, getenv, err)
		return 1
	}
	return 0
}

// parseArgs parses the command line. It returns flag.ErrHelp for -h.
func parseArgs(args []string) (config, error) {
	var cfg config
	fs := newFlagSet(&cfg)
	// The flag package writes its errors and the usage to the output on
	// its own; run writes them instead, as one line.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, err
		}
		return cfg, &usageError{err.Error()}
	}
	endpointSet := false
	fs.Visit(func(f *flag.Flag) { endpointSet = endpointSet || f.Name == "endpoint" })
	if endpointSet && cfg.endpoint == "" {
		return cfg, &usageError{"-endpoint needs a URL"}
	}
	switch fs.NArg() {
	case 0:
	case 1:
		cfg.name = fs.Arg(0)
	default:
		return cfg, &usageError{fmt.Sprintf("want at most one NAME, got %d arguments: %s",
			fs.NArg(), strings.Join(quoteAll(fs.Args()), " "))}
	}
	remote := cfg.live || cfg.endpoint != ""
	switch {
	case remote && fs.NArg() == 0:
		return cfg, &usageError{"NAME is required with -live or -endpoint"}
	case !remote && cfg.region != "":
		return cfg, &usageError{"-region needs -live or -endpoint (the recorded responses are signed for " + cwlogstest.Region + ")"}
	case !remote && fs.NArg() == 0:
		cfg.name = defaultName
	}
	return cfg, nil
}

// newFlagSet returns the flags of the program, which set cfg.
func newFlagSet(cfg *config) *flag.FlagSet {
	fs := flag.NewFlagSet(progName, flag.ContinueOnError)
	fs.StringVar(&cfg.endpoint, "endpoint", "", "call the endpoint at `URL`, such as http://localhost:4566, instead of the recorded responses")
	fs.StringVar(&cfg.region, "region", "", "the AWS `REGION` (default $AWS_REGION, else $AWS_DEFAULT_REGION); needs -live or -endpoint")
	fs.BoolVar(&cfg.live, "live", false, "call CloudWatch Logs instead of the recorded responses")
	fs.BoolVar(&cfg.json, "json", false, "print the response in its wire shape, as JSON")
	return fs
}

// printHelp writes the usage to w.
func printHelp(w io.Writer) {
	fs := newFlagSet(new(config))
	fs.SetOutput(w)
	fmt.Fprintln(w, synopsis)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Shows the CloudWatch Logs integration NAME. Without -live or -endpoint it answers")
	fmt.Fprintln(w, "from recorded responses (default NAME \""+defaultName+"\") and needs no AWS account.")
	fmt.Fprintln(w)
	fs.PrintDefaults()
	fmt.Fprintln(w)
	fmt.Fprintln(w, "With -live or -endpoint: credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY")
	fmt.Fprintln(w, "and AWS_SESSION_TOKEN; with -live, the endpoint from AWS_ENDPOINT_URL_CLOUDWATCH_LOGS")
	fmt.Fprintln(w, "or AWS_ENDPOINT_URL (unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true);")
	fmt.Fprintln(w, "AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT (true or false); proxies from")
	fmt.Fprintln(w, "HTTPS_PROXY, HTTP_PROXY and NO_PROXY.")
}

// recordedClient starts the fake endpoint with the recorded responses and
// returns a client for it, and a function that stops the endpoint.
func recordedClient() (client *cwlogs.Client, closeServer func(), err error) {
	// NewServer panics when it cannot listen on 127.0.0.1, as httptest
	// does; report that as an error line like any other.
	defer func() {
		if r := recover(); r != nil {
			client, closeServer, err = nil, nil, fmt.Errorf("start the recorded-responses server: %v", r)
		}
	}()
	srv := cwlogstest.NewServer()
	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
		return nil, srv.Close, err
	}
	client, err = cwlogs.New(srv.Options())
	return client, srv.Close, err
}

// remoteClient returns a client for the endpoint that cfg and the
// environment name.
func remoteClient(cfg config, getenv func(string) string) (*cwlogs.Client, error) {
	o, err := awsenv.Options(awsenv.Remote{Region: cfg.region, Endpoint: cfg.endpoint, Live: cfg.live}, getenv)
	if err != nil {
		return nil, err
	}
	return cwlogs.New(o)
}

// show gets the integration and prints it.
func show(ctx context.Context, client *cwlogs.Client, cfg config, w io.Writer) error {
	out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: cfg.name})
	if err != nil {
		return err
	}
	if cfg.json {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return printSummary(w, out)
}

// fail writes err as one line to w, with any credential in the environment
// masked.
func fail(w io.Writer, getenv func(string) string, err error) {
	awsenv.Fail(w, progName, getenv, err)
}

// quoteAll quotes each of args.
func quoteAll(args []string) []string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = strconv.Quote(a)
	}
	return q
}
