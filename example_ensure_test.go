package cwlogs_test

// The examples of this file hold the README's Ensure snippets, word for
// word (TestREADMESnippets checks it), run against the test kit.

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// readmeEnsure is the README's Ensure snippet; pollDelay is the shortest
// delay between two polls of the wait (10 s by default).
func readmeEnsure(ctx context.Context, client *cwlogs.Client, in *cwlogs.PutIntegrationInput, pollDelay time.Duration) error {
	res, err := cwlogs.EnsureIntegration(ctx, client, in, func(o *cwlogs.EnsureIntegrationOptions) {
		o.MaxWait = 20 * time.Minute  // 30 by default; NoWait returns right after the create
		o.Waiter.MinDelay = pollDelay // the active waiter's options: delays, NotFoundGrace, OnPoll
		o.Waiter.OnPoll = func(p cwlogs.WaitPoll) { log.Printf("poll %d, next in %v", p.Attempt, p.Next) }
	})
	var limit *cwlogs.IntegrationLimitError
	if errors.As(err, &limit) { // it matches cwlogs.ErrLimitExceeded too
		for _, h := range limit.Holders {
			fmt.Println("the account's integration is", h.IntegrationName)
		}
		return err
	}
	if err != nil {
		return err // ErrIntegrationFailed (with the resources' messages), ErrOutcomeUnknown, ...
	}
	fmt.Println("created:", res.Created, "status:", res.Integration.IntegrationStatus)
	for _, d := range res.Drift { // what differs, in what can be read back: never changed
		fmt.Printf("drift: %s is %s, want %s\n", d.Field, d.Found, d.Wanted)
	}
	return nil
}

// readmeTeardown is the README's Teardown snippet.
func readmeTeardown(ctx context.Context, client *cwlogs.Client) error {
	res, err := cwlogs.TeardownIntegration(ctx, client, &cwlogs.DeleteIntegrationInput{IntegrationName: "my-integration"})
	if err != nil {
		return err
	}
	fmt.Println("deleted:", res.Deleted) // false when there was nothing to delete
	return nil
}

// EnsureIntegration creates the integration when absent and waits until
// it is ACTIVE; run again, it finds it and changes nothing, reporting
// what differs. TeardownIntegration deletes it and waits until it is
// gone; run again, it finds nothing to delete.
func ExampleEnsureIntegration() {
	client, done := newReadmeKit(func(srv *cwlogstest.Server, _ *cwlogs.Client) error {
		return srv.SetLifecycle("my-integration", cwlogstest.Lifecycle{Polls: 1})
	})
	defer done()
	ctx := context.Background()
	in := &cwlogs.PutIntegrationInput{
		IntegrationName: "my-integration",
		IntegrationType: cwlogs.IntegrationTypeOpenSearch,
		ResourceConfig: &cwlogs.OpenSearchResourceConfig{
			DataSourceRoleArn:         "arn:aws:iam::123456789012:role/CWLOpenSearchRole",
			DashboardViewerPrincipals: []string{"arn:aws:iam::123456789012:role/CWLDashboardViewer"},
			RetentionDays:             30,
			ApplicationArn:            "arn:aws:opensearch:us-east-1:123456789012:application/team-a",
		},
	}
	const pollDelay = time.Millisecond
	for range 2 {
		if err := readmeEnsure(ctx, client, in, pollDelay); err != nil {
			fmt.Println(err)
		}
	}
	in.ResourceConfig.(*cwlogs.OpenSearchResourceConfig).ApplicationArn = "arn:aws:opensearch:us-east-1:123456789012:application/team-b"
	if err := readmeEnsure(ctx, client, in, pollDelay); err != nil {
		fmt.Println(err)
	}
	other := *in
	other.IntegrationName = "another"
	if err := readmeEnsure(ctx, client, &other, pollDelay); err != nil {
		fmt.Println("limit exceeded:", errors.Is(err, cwlogs.ErrLimitExceeded))
	}
	for range 2 {
		if err := readmeTeardown(ctx, client); err != nil {
			fmt.Println(err)
		}
	}
	// Output:
	// created: true status: ACTIVE
	// created: false status: ACTIVE
	// created: false status: ACTIVE
	// drift: ResourceConfig.ApplicationArn is arn:aws:opensearch:us-east-1:123456789012:application/team-a, want arn:aws:opensearch:us-east-1:123456789012:application/team-b
	// the account's integration is my-integration
	// limit exceeded: true
	// deleted: true
	// deleted: false
}

// readmeEnsureSource is the README's snippet of
// EnsureS3TableIntegrationSource; pollDelay is the shortest delay between
// two polls of the wait (10 s by default).
func readmeEnsureSource(ctx context.Context, client *cwlogs.Client, pollDelay time.Duration) error {
	in := &cwlogs.AssociateSourceToS3TableIntegrationInput{
		IntegrationArn: "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a",
		DataSource:     cwlogs.DataSource{Name: "amazon_eks", Type: "audit"},
	}
	res, err := cwlogs.EnsureS3TableIntegrationSource(ctx, client, in, func(o *cwlogs.EnsureS3TableIntegrationSourceOptions) {
		o.MaxWait = 10 * time.Minute  // 5 by default; NoWait returns right after the association
		o.Waiter.MinDelay = pollDelay // the source active waiter's options: delays, NotFoundGrace, OnPoll
	})
	if err != nil {
		return err // ErrS3TableIntegrationSourceFailed (with its StatusReason), ErrWaitTimeout, ErrOutcomeUnknown, ...
	}
	fmt.Println("created:", res.Created, "status:", res.Source.Status)
	return nil
}

// readmeTeardownSource is the README's snippet of
// TeardownS3TableIntegrationSource.
func readmeTeardownSource(ctx context.Context, client *cwlogs.Client, in *cwlogs.AssociateSourceToS3TableIntegrationInput, pollDelay time.Duration) error {
	gone, err := cwlogs.TeardownS3TableIntegrationSource(ctx, client, in, func(o *cwlogs.TeardownS3TableIntegrationSourceOptions) {
		o.Waiter.MinDelay = pollDelay // the source disassociated waiter's options
	})
	if err != nil {
		return err
	}
	fmt.Println("disassociated:", len(gone.Disassociated)) // 0 when there was nothing to disassociate
	return nil
}

// EnsureS3TableIntegrationSource associates the data source when it is
// not, and waits until its source is ACTIVE; run again, it finds it and
// associates nothing. TeardownS3TableIntegrationSource disassociates it
// and waits until it is gone; run again, it finds nothing to
// disassociate. A source that FAILED is an error that matches
// ErrS3TableIntegrationSourceFailed.
func ExampleEnsureS3TableIntegrationSource() {
	client, srv := newS3KitClient()
	defer srv.Close()
	eks := cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}
	if err := srv.SetSourceLifecycle(eks, cwlogstest.SourceLifecycle{Polls: 1}); err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	const pollDelay = time.Millisecond
	for range 2 {
		if err := readmeEnsureSource(ctx, client, pollDelay); err != nil {
			fmt.Println(err)
		}
	}
	in := &cwlogs.AssociateSourceToS3TableIntegrationInput{IntegrationArn: exampleIntegration, DataSource: eks}
	for range 2 {
		if err := readmeTeardownSource(ctx, client, in, pollDelay); err != nil {
			fmt.Println(err)
		}
	}

	err := srv.SetSourceLifecycle(eks, cwlogstest.SourceLifecycle{Status: cwlogs.S3TableIntegrationSourceStatusFailed, Reason: "Access denied to the table bucket."})
	if err != nil {
		log.Fatal(err)
	}
	err = readmeEnsureSource(ctx, client, pollDelay)
	var failed *cwlogs.S3TableIntegrationSourceFailedError
	if errors.As(err, &failed) { // it matches cwlogs.ErrS3TableIntegrationSourceFailed too
		fmt.Println("FAILED:", failed.Source.StatusReason)
	}
	// Output:
	// created: true status: ACTIVE
	// created: false status: ACTIVE
	// disassociated: 1
	// disassociated: 0
	// FAILED: Access denied to the table bucket.
}
