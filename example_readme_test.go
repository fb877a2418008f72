package cwlogs_test

// The examples of this file hold the Go snippets of README.md, word for
// word (TestREADMESnippets checks it), so that each compiles and runs.

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// newReadmeKit starts the stateful test kit with the recorded responses,
// and returns a client for it once setup has prepared the kit.
func newReadmeKit(setup func(*cwlogstest.Server, *cwlogs.Client) error) (*cwlogs.Client, func()) {
	srv := cwlogstest.NewServer()
	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
		log.Fatal(err)
	}
	client, err := cwlogs.New(srv.Options())
	if err != nil {
		log.Fatal(err)
	}
	if setup != nil {
		if err := setup(srv, client); err != nil {
			log.Fatal(err)
		}
	}
	return client, srv.Close
}

// readmeLifecycle is the README's lifecycle snippet.
func readmeLifecycle(ctx context.Context, client *cwlogs.Client) error {
	put, err := client.PutIntegration(ctx, &cwlogs.PutIntegrationInput{
		IntegrationName: "my-integration",
		IntegrationType: cwlogs.IntegrationTypeOpenSearch,
		ResourceConfig: &cwlogs.OpenSearchResourceConfig{
			DataSourceRoleArn:         "arn:aws:iam::123456789012:role/CWLOpenSearchRole",
			DashboardViewerPrincipals: []string{"arn:aws:iam::123456789012:role/CWLDashboardViewer"},
			RetentionDays:             30,
		},
	})
	if err != nil {
		return err
	}
	fmt.Println(put.IntegrationName, put.IntegrationStatus) // my-integration PROVISIONING

	waiter := cwlogs.NewIntegrationActiveWaiter(client)
	if err := waiter.Wait(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "my-integration"}, 30*time.Minute); err != nil {
		return err
	}

	list, err := client.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{IntegrationStatus: cwlogs.IntegrationStatusActive})
	if err != nil {
		return err
	}
	for _, s := range list.IntegrationSummaries {
		fmt.Println(s.IntegrationName, s.IntegrationType, s.IntegrationStatus) // my-integration OPENSEARCH ACTIVE
	}

	if _, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "my-integration", Force: true}); err != nil {
		return err
	}
	return nil
}

// The whole lifecycle of an integration: create, wait until ACTIVE, list,
// delete. Here the test kit answers the create and shows the integration
// ACTIVE at the first poll, so that the waiter does not wait; the service
// takes minutes.
func ExampleClient_PutIntegration_lifecycle() {
	client, done := newReadmeKit(func(srv *cwlogstest.Server, _ *cwlogs.Client) error {
		srv.EnqueueFor(cwlogstest.PutIntegration, cwlogstest.Response{
			Body: []byte(`{"integrationName":"my-integration","integrationStatus":"PROVISIONING"}`),
		})
		return srv.SeedIntegration(cwlogstest.Integration{Name: "my-integration"})
	})
	defer done()
	if err := readmeLifecycle(context.Background(), client); err != nil {
		log.Fatal(err)
	}
	// Output:
	// my-integration PROVISIONING
	// my-integration OPENSEARCH ACTIVE
}

// readmeUnion is the README's union snippet.
func readmeUnion(out *cwlogs.GetIntegrationOutput) {
	switch d := out.IntegrationDetails.(type) {
	case *cwlogs.OpenSearchIntegrationDetails:
		// d.DataSource, d.Application, d.Collection, d.Workspace, d.EncryptionPolicy,
		// d.NetworkPolicy, d.AccessPolicy, d.LifecyclePolicy: nil when not reported;
		// each has Status.Status (ACTIVE, NOT_FOUND, ERROR, or a newer value as sent)
		// and Status.StatusMessage.
		fmt.Println(len(d.Resources()), "resources,", len(d.Problems()), "not active")
	case *cwlogs.UnknownIntegrationDetails:
		// d.Name ("splunkIntegrationDetails", say) and d.Value (its raw JSON).
		// d.MarshalBoto3() gives {"SDK_UNKNOWN_MEMBER":{"name":"..."}} as boto3 prints it.
		fmt.Println(d.Name, string(d.Value))
	case nil:
		// no details were sent
	}
}

// A type switch tells the members of the details union apart.
func ExampleIntegrationDetails() {
	client, done := newReadmeKit(nil)
	defer done()
	for _, name := range []string{cwlogstest.Provisioning, cwlogstest.UnknownMemberNull} {
		out, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: name})
		if err != nil {
			log.Fatal(err)
		}
		readmeUnion(out)
	}
	// Output:
	// 8 resources, 5 not active
	// newThing {"b":[1,2]}
}

// readmeErrors is the README's errors snippet.
func readmeErrors(ctx context.Context, client *cwlogs.Client, name string) {
	_, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: name})
	switch {
	case errors.Is(err, cwlogs.ErrResourceNotFound): // no integration of that name
	case errors.Is(err, cwlogs.ErrThrottling): // ThrottlingException and the other throttle codes, after the retries
	case errors.Is(err, cwlogs.ErrInvalidParameter): // the service's InvalidParameterException, or input refused before sending
	case errors.Is(err, cwlogs.ErrInvalidResponse): // a body that is not a valid answer
	}
	var apiErr *cwlogs.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Code, apiErr.Message, apiErr.StatusCode, apiErr.RequestID)
	}
}

// Errors match the package's sentinels with errors.Is; errors.As gives
// the details of the service's answer.
func ExampleAPIError_sentinels() {
	client, done := newReadmeKit(nil)
	defer done()
	for _, name := range []string{cwlogstest.Throttling, cwlogstest.HTML502} {
		readmeErrors(context.Background(), client, name)
	}
	// Output:
	// ThrottlingException Rate exceeded 400 47d0b3e9-8a2c-4f61-b7d5-0e9c3a6f1b28
	// 502 502 Bad Gateway 502
}

// readmeWaiting is the README's waiting snippet.
func readmeWaiting(ctx context.Context, client *cwlogs.Client) {
	waiter := cwlogs.NewIntegrationActiveWaiter(client, func(o *cwlogs.IntegrationActiveWaiterOptions) {
		o.OnPoll = func(p cwlogs.WaitPoll) { // after every poll, on the waiting goroutine
			if p.Err != nil {
				fmt.Printf("poll %d: %v (next in %v)\n", p.Attempt, p.Err, p.Next)
				return
			}
			fmt.Printf("poll %d: %s, %d resources not active (next in %v)\n",
				p.Attempt, p.Output.IntegrationStatus, len(p.Output.Problems()), p.Next)
		}
	})
	out, err := waiter.WaitForOutput(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "my-integration"}, 20*time.Minute)
	var failed *cwlogs.IntegrationFailedError
	switch {
	case errors.As(err, &failed): // FAILED: failed.Problems lists what broke
	case errors.Is(err, cwlogs.ErrWaitTimeout): // still not ACTIVE at the deadline
	case err != nil: // context cancelled, or an error not worth another poll (AccessDenied, ...)
	default:
		fmt.Println(out.IntegrationStatus) // ACTIVE
	}
}

// The waiter polls until the integration is ACTIVE and reports each poll.
// Here the kit's integration is seeded ACTIVE: the first poll sees it so.
func ExampleIntegrationActiveWaiter_WaitForOutput() {
	client, done := newReadmeKit(func(srv *cwlogstest.Server, _ *cwlogs.Client) error {
		return srv.SeedIntegration(cwlogstest.Integration{Name: "my-integration"})
	})
	defer done()
	readmeWaiting(context.Background(), client)
	// Output:
	// poll 1: ACTIVE, 0 resources not active (next in 0s)
	// ACTIVE
}
