// Lifecycle runs the whole life of a CloudWatch Logs integration: it creates
// one, waits until it is ACTIVE, lists the integrations and deletes it,
// waiting until it is gone, and prints each step in a line.
//
// Usage:
//
//	go run ./examples/lifecycle [-endpoint URL] [-region REGION] [-live]
//	    [-name NAME] [-role ARN] [-principal ARN]... [-retention DAYS]
//	    [-kms-key ARN] [-application ARN] [-force] [-timeout D]
//	    [-min-delay D] [-max-delay D] [-yes]
//
// With neither -endpoint nor -live it needs no AWS account and no network:
// it starts the stateful fake endpoint of package cwlogstest in the process,
// which provisions the integration over a few polls, and says so in one line
// on stderr. Each poll of the waiters prints a line with the integration's
// status and the resources not active yet, through the waiters' OnPoll hook,
// while the integration is created and while it is deleted.
//
// With -live it calls CloudWatch Logs, and with -endpoint URL it calls that
// URL instead, with the region, credentials and endpoint settings of the
// environment (see package examples/internal/awsenv: AWS_REGION,
// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, ...). A real
// create makes OpenSearch resources that cost money: it needs -role, at least
// one -principal, and -yes.
//
// On an error it prints one line, "lifecycle: " and the error (with the
// service's error code or the input rule that was broken), as the last line
// on stderr, and exits with status 1, or 2 for a command line that is not
// valid. Credentials are never printed.
package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
	"github.com/cwlogs-go/cwlogs/examples/internal/awsenv"
)

const (
	progName = "lifecycle"
	synopsis = "usage: " + progName + " [-endpoint URL] [-region REGION] [-live] [-name NAME] [-role ARN] " +
		"[-principal ARN]... [-retention DAYS] [-kms-key ARN] [-application ARN] [-force] [-timeout D] " +
		"[-min-delay D] [-max-delay D] [-yes]"

	// notice is the line written to stderr when the in-process kit answers.
	notice = progName + ": using the stateful test kit (package cwlogstest, in-process; no AWS account or network); " +
		"run with -live to call CloudWatch Logs, or -endpoint URL to call another endpoint"

	// The kit's role and principal, fake ARNs in the documentation account.
	kitRole      = "arn:aws:iam::123456789012:role/CWLOpenSearchRole"
	kitPrincipal = "arn:aws:iam::123456789012:role/CWLDashboardViewer"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// usageError is a command line that is not valid; run exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg + "; " + synopsis }

// stringList is a flag that may be given more than once.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// config is what the command line asks for.
type config struct {
	remote      awsenv.Remote
	name        string
	role        string
	principals  stringList
	retention   int
	kmsKey      string
	application string
	force       bool
	timeout     time.Duration
	delays      delays
	yes         bool
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
		awsenv.Fail(stderr, progName, getenv, err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	var client *cwlogs.Client
	if cfg.remote.Live || cfg.remote.Endpoint != "" {
		var o cwlogs.Options
		o, err = awsenv.Options(cfg.remote, getenv)
		if err == nil {
			client, err = cwlogs.New(o)
		}
	} else {
		var closeServer func()
		client, closeServer, err = kitClient(cfg.name)
		if closeServer != nil {
			defer closeServer()
		}
		fmt.Fprintln(stderr, notice)
	}
	if err == nil {
		err = lifecycle(ctx, client, cfg, stdout)
	}
	if err != nil {
		awsenv.Fail(stderr, progName, getenv, err)
		return 1
	}
	return 0
}

// parseArgs parses the command line. It returns flag.ErrHelp for -h.
func parseArgs(args []string) (config, error) {
	var cfg config
	fs := newFlagSet(&cfg)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, err
		}
		return cfg, &usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return cfg, &usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	remote := cfg.remote.Live || cfg.remote.Endpoint != ""
	switch {
	case !remote && cfg.remote.Region != "":
		return cfg, &usageError{"-region needs -live or -endpoint (the test kit is signed for " + cwlogstest.Region + ")"}
	case remote && (cfg.role == "" || len(cfg.principals) == 0):
		return cfg, &usageError{"-live and -endpoint need -role and at least one -principal"}
	case remote && !cfg.yes:
		return cfg, &usageError{"a real create makes OpenSearch resources, which cost money: add -yes to go on"}
	case int(int32(cfg.retention)) != cfg.retention:
		// Cut to int32, 4294967303 days would be 7: refuse it here; the
		// library checks the values that fit.
		return cfg, &usageError{fmt.Sprintf("-retention is %d, want 1 to 30", cfg.retention)}
	case cfg.timeout <= 0:
		return cfg, &usageError{fmt.Sprintf("-timeout is %v, want more than 0", cfg.timeout)}
	case cfg.delays.min < 0 || cfg.delays.max < 0:
		return cfg, &usageError{"-min-delay and -max-delay cannot be negative"}
	}
	if !remote {
		// The kit polls quickly unless told otherwise, and within what
		// the flags set.
		if cfg.delays.min == 0 {
			cfg.delays.min = kitDelays.min
			if cfg.delays.max > 0 {
				cfg.delays.min = min(cfg.delays.min, cfg.delays.max)
			}
		}
		if cfg.delays.max == 0 {
			cfg.delays.max = max(kitDelays.max, cfg.delays.min)
		}
		if cfg.role == "" {
			cfg.role = kitRole
		}
		if len(cfg.principals) == 0 {
			cfg.principals = stringList{kitPrincipal}
		}
	}
	// The waiters refuse these delays too (lifecycle validates them before
	// the create); here the message names the flags.
	if minDelay := cmp.Or(cfg.delays.min, cwlogs.DefaultWaiterMinDelay); cfg.delays.max > 0 && minDelay > cfg.delays.max {
		return cfg, &usageError{fmt.Sprintf("-min-delay %v is more than -max-delay %v", minDelay, cfg.delays.max)}
	}
	return cfg, nil
}

// newFlagSet returns the flags of the program, which set cfg.
func newFlagSet(cfg *config) *flag.FlagSet {
	fs := flag.NewFlagSet(progName, flag.ContinueOnError)
	fs.StringVar(&cfg.remote.Endpoint, "endpoint", "", "call the endpoint at `URL` instead of the in-process test kit")
	fs.StringVar(&cfg.remote.Region, "region", "", "the AWS `REGION` (default $AWS_REGION, else $AWS_DEFAULT_REGION); needs -live or -endpoint")
	fs.BoolVar(&cfg.remote.Live, "live", false, "call CloudWatch Logs instead of the in-process test kit")
	fs.StringVar(&cfg.name, "name", "cwlogs-lifecycle-demo", "the integration's `NAME`")
	fs.StringVar(&cfg.role, "role", "", "the `ARN` of the role CloudWatch Logs creates the OpenSearch resources with")
	fs.Var(&cfg.principals, "principal", "an IAM role or user `ARN` allowed to view the dashboards (repeat for more)")
	fs.IntVar(&cfg.retention, "retention", 7, "keep the data for `DAYS` days (1 to 30)")
	fs.StringVar(&cfg.kmsKey, "kms-key", "", "encrypt the data with the KMS key of this `ARN`")
	fs.StringVar(&cfg.application, "application", "", "reuse the OpenSearch application of this `ARN`")
	fs.BoolVar(&cfg.force, "force", false, "delete the integration's dashboards too")
	fs.DurationVar(&cfg.timeout, "timeout", 30*time.Minute, "give up waiting after `D`")
	fs.DurationVar(&cfg.delays.min, "min-delay", 0, "wait at least `D` between polls (default: the waiters' 10s, or 10ms with the test kit)")
	fs.DurationVar(&cfg.delays.max, "max-delay", 0, "wait at most `D` between polls (default: the waiters' 60s, or 50ms with the test kit)")
	fs.BoolVar(&cfg.yes, "yes", false, "really create the integration with -live or -endpoint")
	return fs
}

// printHelp writes the usage to w.
func printHelp(w io.Writer) {
	fs := newFlagSet(new(config))
	fs.SetOutput(w)
	fmt.Fprintln(w, synopsis)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Creates an integration, waits until it is ACTIVE, lists the integrations and deletes it.")
	fmt.Fprintln(w, "Without -live or -endpoint it runs against the in-process test kit and needs no AWS account.")
	fmt.Fprintln(w)
	fs.PrintDefaults()
}

// delays are the waiters' delays between polls; zero for their defaults.
type delays struct{ min, max time.Duration }

// kitDelays poll the in-process kit quickly.
var kitDelays = delays{10 * time.Millisecond, 50 * time.Millisecond}

// lifecycle creates, waits for, lists and deletes the integration, printing
// a line a step to w.
func lifecycle(ctx context.Context, client *cwlogs.Client, cfg config, w io.Writer) error {
	d := cfg.delays
	// The waiters are made, and their options checked, before anything is
	// created: a wait that cannot start would leave an integration behind.
	active := cwlogs.NewIntegrationActiveWaiter(client, func(o *cwlogs.IntegrationActiveWaiterOptions) {
		o.MinDelay, o.MaxDelay = d.min, d.max
		o.OnPoll = func(p cwlogs.WaitPoll) { printPoll(w, p) }
	})
	deleted := cwlogs.NewIntegrationDeletedWaiter(client, func(o *cwlogs.IntegrationDeletedWaiterOptions) {
		o.MinDelay, o.MaxDelay = d.min, d.max
		o.OnPoll = func(p cwlogs.WaitPoll) { printPoll(w, p) }
	})
	if err := errors.Join(active.Validate(), deleted.Validate()); err != nil {
		return err
	}
	put, err := client.PutIntegration(ctx, &cwlogs.PutIntegrationInput{
		IntegrationName: cfg.name,
		IntegrationType: cwlogs.IntegrationTypeOpenSearch,
		ResourceConfig: &cwlogs.OpenSearchResourceConfig{
			DataSourceRoleArn:         cfg.role,
			DashboardViewerPrincipals: cfg.principals,
			RetentionDays:             int32(cfg.retention),
			KmsKeyArn:                 cfg.kmsKey,
			ApplicationArn:            cfg.application,
		},
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "put:    integration %q created, %s\n", put.IntegrationName, put.IntegrationStatus)

	got, err := active.WaitForOutput(ctx, &cwlogs.GetIntegrationInput{IntegrationName: cfg.name}, cfg.timeout)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "get:    integration %q is %s, %d resources\n", got.IntegrationName, got.IntegrationStatus, len(resources(got)))

	list, err := client.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "list:   %d %s\n", len(list.IntegrationSummaries), plural(len(list.IntegrationSummaries), "integration", "integrations"))
	for _, s := range list.IntegrationSummaries {
		fmt.Fprintf(w, "        %s %s %s\n", s.IntegrationName, s.IntegrationType, s.IntegrationStatus)
	}

	if _, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: cfg.name, Force: cfg.force}); err != nil {
		return err
	}
	fmt.Fprintf(w, "delete: integration %q deleted\n", cfg.name)
	if err := deleted.Wait(ctx, &cwlogs.GetIntegrationInput{IntegrationName: cfg.name}, cfg.timeout); err != nil {
		return err
	}
	fmt.Fprintf(w, "delete: integration %q is gone\n", cfg.name)
	return nil
}

// printPoll writes one line for a poll of the waiter.
func printPoll(w io.Writer, p cwlogs.WaitPoll) {
	switch {
	case errors.Is(p.Err, cwlogs.ErrResourceNotFound):
		// Not created yet (the service is eventually consistent), or gone.
		fmt.Fprintf(w, "wait:   poll %d: not found\n", p.Attempt)
	case p.Err != nil:
		fmt.Fprintf(w, "wait:   poll %d: %v\n", p.Attempt, p.Err)
	case p.Output == nil:
		fmt.Fprintf(w, "wait:   poll %d: no answer\n", p.Attempt)
	case !p.Output.HealthKnown():
		// No details (yet), or details of a kind this program does not
		// know: no word on the resources.
		fmt.Fprintf(w, "wait:   poll %d: %s, resources not reported\n", p.Attempt, p.Output.IntegrationStatus)
	case len(p.Output.Problems()) == 0:
		fmt.Fprintf(w, "wait:   poll %d: %s, all resources active\n", p.Attempt, p.Output.IntegrationStatus)
	case p.Output.IntegrationStatus == cwlogs.IntegrationStatusProvisioning:
		pending := p.Output.Problems()
		kinds := make([]string, len(pending))
		for i, r := range pending {
			kinds[i] = string(r.Kind)
		}
		fmt.Fprintf(w, "wait:   poll %d: %s, %d not active yet: %s\n",
			p.Attempt, p.Output.IntegrationStatus, len(pending), strings.Join(kinds, ", "))
	default:
		// FAILED (or a status this program does not know): the resources
		// are not on their way, say where each one stands.
		problems := p.Output.Problems()
		states := make([]string, len(problems))
		for i, r := range problems {
			states[i] = string(r.Kind) + " " + string(r.Status)
			if !r.Reported {
				states[i] = string(r.Kind) + " not reported"
			}
		}
		fmt.Fprintf(w, "wait:   poll %d: %s, %d not active: %s\n",
			p.Attempt, p.Output.IntegrationStatus, len(problems), strings.Join(states, ", "))
	}
}

// resources returns the resources the output reports.
func resources(out *cwlogs.GetIntegrationOutput) []cwlogs.ResourceHealth {
	var reported []cwlogs.ResourceHealth
	for _, r := range out.Resources() {
		if r.Reported {
			reported = append(reported, r)
		}
	}
	return reported
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// kitPolls is how many polls the kit's integration provisions for: enough
// for the progress lines to show resources appearing.
const kitPolls = 4

// kitClient starts the stateful test kit and returns a client for it, and a
// function that stops the kit.
func kitClient(name string) (client *cwlogs.Client, closeServer func(), err error) {
	// NewServer panics when it cannot listen on 127.0.0.1, as httptest
	// does; report that as an error line like any other.
	defer func() {
		if r := recover(); r != nil {
			client, closeServer, err = nil, nil, fmt.Errorf("start the test kit: %v", r)
		}
	}()
	srv := cwlogstest.NewServer()
	if err := srv.SetLifecycle(name, cwlogstest.Lifecycle{Polls: kitPolls}); err != nil {
		return nil, srv.Close, err
	}
	client, err = cwlogs.New(srv.Options())
	return client, srv.Close, err
}
