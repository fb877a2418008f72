// S3tables runs the life of a data source associated with a CloudWatch Logs
// S3 Table integration: it associates the source, waits until it is ACTIVE,
// lists the integration's sources page by page, disassociates the source and
// waits until it is gone, and prints each step in a line.
//
// Usage:
//
//	go run ./examples/s3tables [-endpoint URL] [-region REGION] [-live]
//	    [-integration ARN] [-name NAME] [-type TYPE] [-page-size N]
//	    [-timeout D] [-min-delay D] [-max-delay D] [-yes]
//
// With neither -endpoint nor -live it needs no AWS account and no network:
// it starts the stateful fake endpoint of package cwlogstest in the process,
// on 127.0.0.1, and says so in one line on stderr. That endpoint has a
// ready-made S3 Table integration with three sources. The new source is
// listed UNHEALTHY, being associated, at the first poll and ACTIVE after;
// a disassociated one stays listed, DATA_SOURCE_DELETE_IN_PROGRESS, for two
// polls.
//
// With -live it calls CloudWatch Logs, and with -endpoint URL it calls that
// URL instead, with the region, credentials and endpoint settings of the
// environment (see package examples/internal/awsenv). It needs -integration,
// the ARN of an S3 Table integration made with Observability Admin, and -yes:
// a disassociation deletes the source's data in the integration's table
// bucket.
//
// On an error it prints one line, "s3tables: " and the error, as the last
// line on stderr, and exits with status 1, or 2 for a command line that is
// not valid. Credentials are never printed.
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
	"time"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
	"github.com/cwlogs-go/cwlogs/examples/internal/awsenv"
)

const (
	progName = "s3tables"
	synopsis = "usage: " + progName + " [-endpoint URL] [-region REGION] [-live] [-integration ARN] [-name NAME] " +
		"[-type TYPE] [-page-size N] [-timeout D] [-min-delay D] [-max-delay D] [-yes]"

	// notice is the line written to stderr when the in-process kit answers.
	notice = progName + ": using the stateful test kit (package cwlogstest, in-process; no AWS account or network); " +
		"run with -live -integration ARN to call CloudWatch Logs, or -endpoint URL to call another endpoint"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}

// usageError is a command line that is not valid; run exits with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg + "; " + synopsis }

// config is what the command line asks for.
type config struct {
	remote      awsenv.Remote
	integration string
	source      cwlogs.DataSource
	pageSize    int
	timeout     time.Duration
	minDelay    time.Duration
	maxDelay    time.Duration
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
		client, closeServer, err = kitClient(cfg.source)
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
	case remote && cfg.integration == "":
		return cfg, &usageError{"-live and -endpoint need -integration, the ARN of an S3 Table integration"}
	case remote && !cfg.yes:
		return cfg, &usageError{"a disassociation deletes the source's data in the table bucket: add -yes to go on"}
	case int(int32(cfg.pageSize)) != cfg.pageSize:
		// Cut to int32, a huge page size could become a small one: refuse
		// it here; the library checks the values that fit.
		return cfg, &usageError{fmt.Sprintf("-page-size is %d, want 1 to 100, or 0 for the service's", cfg.pageSize)}
	case cfg.timeout <= 0:
		return cfg, &usageError{fmt.Sprintf("-timeout is %v, want more than 0", cfg.timeout)}
	case cfg.minDelay < 0 || cfg.maxDelay < 0:
		return cfg, &usageError{"-min-delay and -max-delay cannot be negative"}
	}
	if !remote {
		// The kit answers at once: poll it quickly unless told
		// otherwise, and within what the flags set.
		if cfg.minDelay == 0 {
			cfg.minDelay = 10 * time.Millisecond
			if cfg.maxDelay > 0 {
				cfg.minDelay = min(cfg.minDelay, cfg.maxDelay)
			}
		}
		if cfg.maxDelay == 0 {
			cfg.maxDelay = max(50*time.Millisecond, cfg.minDelay)
		}
		if cfg.integration == "" {
			cfg.integration = cwlogstest.S3TableIntegrationArn
		}
	}
	// The waiters would refuse these delays, but only after the
	// association: refuse them before anything is made.
	if minDelay := cmp.Or(cfg.minDelay, cwlogs.DefaultWaiterMinDelay); cfg.maxDelay > 0 && minDelay > cfg.maxDelay {
		return cfg, &usageError{fmt.Sprintf("-min-delay %v is more than -max-delay %v", minDelay, cfg.maxDelay)}
	}
	return cfg, nil
}

// newFlagSet returns the flags of the program, which set cfg.
func newFlagSet(cfg *config) *flag.FlagSet {
	fs := flag.NewFlagSet(progName, flag.ContinueOnError)
	fs.StringVar(&cfg.remote.Endpoint, "endpoint", "", "call the endpoint at `URL` instead of the in-process test kit")
	fs.StringVar(&cfg.remote.Region, "region", "", "the AWS `REGION` (default $AWS_REGION, else $AWS_DEFAULT_REGION); needs -live or -endpoint")
	fs.BoolVar(&cfg.remote.Live, "live", false, "call CloudWatch Logs instead of the in-process test kit")
	fs.StringVar(&cfg.integration, "integration", "", "the `ARN` of the S3 Table integration (required with -live or -endpoint)")
	fs.StringVar(&cfg.source.Name, "name", "amazon_eks", "the data source's `NAME`")
	fs.StringVar(&cfg.source.Type, "type", "audit", "the data source's `TYPE` (empty for none)")
	fs.IntVar(&cfg.pageSize, "page-size", 2, "list `N` sources a page (1 to 100, or 0 for the service's)")
	fs.DurationVar(&cfg.timeout, "timeout", 5*time.Minute, "give up waiting after `D`")
	fs.DurationVar(&cfg.minDelay, "min-delay", 0, "wait at least `D` between polls (default: the waiters' 10s, or 10ms with the test kit)")
	fs.DurationVar(&cfg.maxDelay, "max-delay", 0, "wait at most `D` between polls (default: the waiters' 60s, or 50ms with the test kit)")
	fs.BoolVar(&cfg.yes, "yes", false, "really associate and disassociate with -live or -endpoint")
	return fs
}

// printHelp writes the usage to w.
func printHelp(w io.Writer) {
	fs := newFlagSet(new(config))
	fs.SetOutput(w)
	fmt.Fprintln(w, synopsis)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Associates a data source with an S3 Table integration, waits until it is ACTIVE, lists the sources,")
	fmt.Fprintln(w, "disassociates it and waits until it is gone.")
	fmt.Fprintln(w, "Without -live or -endpoint it runs against the in-process test kit and needs no AWS account.")
	fmt.Fprintln(w)
	fs.PrintDefaults()
}

// lifecycle associates, waits for, lists, disassociates and waits for the
// source, printing a line a step to w.
func lifecycle(ctx context.Context, client *cwlogs.Client, cfg config, w io.Writer) error {
	assoc, err := client.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{
		IntegrationArn: cfg.integration,
		DataSource:     cfg.source,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "associate:    %s associated, identifier %s\n", sourceName(cfg.source), assoc.Identifier)
	source := &cwlogs.S3TableIntegrationSourceWaitInput{IntegrationArn: cfg.integration, Identifier: assoc.Identifier}

	active := cwlogs.NewS3TableIntegrationSourceActiveWaiter(client, func(o *cwlogs.S3TableIntegrationSourceActiveWaiterOptions) {
		o.MinDelay, o.MaxDelay = cfg.minDelay, cfg.maxDelay
		o.OnPoll = func(p cwlogs.S3TableIntegrationSourceWaitPoll) { printPoll(w, p) }
	})
	src, err := active.WaitForOutput(ctx, source, cfg.timeout)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "active:       %s is %s since %s\n", sourceName(src.DataSource), src.Status, src.CreatedTime().UTC().Format(time.RFC3339))

	p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(client, &cwlogs.ListSourcesForS3TableIntegrationInput{
		IntegrationArn: cfg.integration,
		MaxResults:     int32(cfg.pageSize),
	})
	for page := 1; p.HasMorePages(); page++ {
		out, err := p.NextPage(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "list:         page %d, %d %s\n", page, len(out.Sources), plural(len(out.Sources), "source", "sources"))
		for _, s := range out.Sources {
			fmt.Fprintf(w, "              %s %s\n", sourceName(s.DataSource), s.Status)
		}
	}

	if _, err := client.DisassociateSourceFromS3TableIntegration(ctx, &cwlogs.DisassociateSourceFromS3TableIntegrationInput{
		Identifier: assoc.Identifier,
	}); err != nil {
		return err
	}
	fmt.Fprintf(w, "disassociate: %s disassociated\n", sourceName(cfg.source))
	gone := cwlogs.NewS3TableIntegrationSourceDisassociatedWaiter(client, func(o *cwlogs.S3TableIntegrationSourceDisassociatedWaiterOptions) {
		o.MinDelay, o.MaxDelay = cfg.minDelay, cfg.maxDelay
		o.OnPoll = func(p cwlogs.S3TableIntegrationSourceWaitPoll) { printPoll(w, p) }
	})
	if err := gone.Wait(ctx, source, cfg.timeout); err != nil {
		return err
	}
	fmt.Fprintf(w, "disassociate: %s is gone\n", sourceName(cfg.source))
	return nil
}

// printPoll writes one line for a poll of a waiter.
func printPoll(w io.Writer, p cwlogs.S3TableIntegrationSourceWaitPoll) {
	switch {
	case errors.Is(p.Err, cwlogs.ErrResourceNotFound):
		// Not listed yet (the service is eventually consistent), or gone.
		fmt.Fprintf(w, "wait:         poll %d: not listed\n", p.Attempt)
	case p.Err != nil:
		fmt.Fprintf(w, "wait:         poll %d: %v\n", p.Attempt, p.Err)
	case p.Source.StatusReason != "":
		fmt.Fprintf(w, "wait:         poll %d: %s: %s\n", p.Attempt, p.Source.Status, p.Source.StatusReason)
	default:
		fmt.Fprintf(w, "wait:         poll %d: %s\n", p.Attempt, p.Source.Status)
	}
}

// sourceName names a data source as its table does: name__type.
func sourceName(d cwlogs.DataSource) string {
	if d.Type == "" {
		return d.Name
	}
	return d.Name + "__" + d.Type
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
