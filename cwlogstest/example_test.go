package cwlogstest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// A test starts a server, tells it what to answer, and points a client at
// it with the server's options.
func Example() {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	err := srv.AddOutput(&cwlogs.GetIntegrationOutput{
		IntegrationName:   "my-int",
		IntegrationType:   cwlogs.IntegrationTypeOpenSearch,
		IntegrationStatus: cwlogs.IntegrationStatusActive,
	})
	if err != nil {
		log.Fatal(err)
	}

	client, err := cwlogs.New(srv.Options())
	if err != nil {
		log.Fatal(err)
	}
	out, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "my-int"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.IntegrationName, out.IntegrationStatus)
	// Output: my-int ACTIVE
}

// AddError makes the server answer an integration name with an error in
// the service's format; a name the server does not know gets
// ResourceNotFoundException.
func ExampleServer_AddError() {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	srv.AddError("locked", 400, "AccessDeniedException", "not allowed")

	client, err := cwlogs.New(srv.Options())
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"locked", "missing"} {
		_, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: name})
		var apiErr *cwlogs.APIError
		if errors.As(err, &apiErr) {
			fmt.Println(name, apiErr.StatusCode, apiErr.Code,
				errors.Is(err, cwlogs.ErrAccessDenied), errors.Is(err, cwlogs.ErrResourceNotFound))
		}
	}
	// Output:
	// locked 400 AccessDeniedException true false
	// missing 400 ResourceNotFoundException false true
}

// A tool's whole lifecycle against the kit: create, wait for ACTIVE by
// polling GetIntegration, list, delete.
func ExampleServer_lifecycle() {
	ctx := context.Background()
	srv := cwlogstest.NewServer()
	defer srv.Close()
	// Two polls see it PROVISIONING (DefaultPolls unless set).
	if err := srv.SetLifecycle("logs", cwlogstest.Lifecycle{Polls: 2}); err != nil {
		log.Fatal(err)
	}
	client, err := cwlogs.New(srv.Options())
	if err != nil {
		log.Fatal(err)
	}

	put, err := client.PutIntegration(ctx, &cwlogs.PutIntegrationInput{
		IntegrationName: "logs",
		IntegrationType: cwlogs.IntegrationTypeOpenSearch,
		ResourceConfig: &cwlogs.OpenSearchResourceConfig{
			DataSourceRoleArn:         "arn:aws:iam::123456789012:role/CWLOpenSearchRole",
			DashboardViewerPrincipals: []string{"arn:aws:iam::123456789012:role/Viewer"},
			RetentionDays:             7,
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created", put.IntegrationName, put.IntegrationStatus)

	for {
		out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "logs"})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("polled", out.IntegrationStatus)
		if out.IntegrationStatus != cwlogs.IntegrationStatusProvisioning {
			break
		}
		// A real tool sleeps here.
	}

	list, err := client.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{IntegrationNamePrefix: "lo"})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range list.IntegrationSummaries {
		fmt.Println("listed", s.IntegrationName, s.IntegrationType, s.IntegrationStatus)
	}

	if _, err := client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "logs"}); err != nil {
		log.Fatal(err)
	}
	_, err = client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "logs"})
	fmt.Println("deleted", errors.Is(err, cwlogs.ErrResourceNotFound))
	// Output:
	// created logs PROVISIONING
	// polled PROVISIONING
	// polled PROVISIONING
	// polled ACTIVE
	// listed logs OPENSEARCH ACTIVE
	// deleted true
}

// SetLifecycle can make an integration end FAILED, with chosen resources
// in ERROR.
func ExampleServer_SetLifecycle() {
	ctx := context.Background()
	srv := cwlogstest.NewServer()
	defer srv.Close()
	err := srv.SetLifecycle("logs", cwlogstest.Lifecycle{Fail: map[cwlogs.ResourceKind]string{
		cwlogs.ResourceKindCollection: "quota of 50 collections reached",
	}})
	if err != nil {
		log.Fatal(err)
	}
	client, err := cwlogs.New(srv.Options())
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.PutIntegration(ctx, &cwlogs.PutIntegrationInput{
		IntegrationName: "logs",
		IntegrationType: cwlogs.IntegrationTypeOpenSearch,
		ResourceConfig: &cwlogs.OpenSearchResourceConfig{
			DataSourceRoleArn:         "arn:aws:iam::123456789012:role/CWLOpenSearchRole",
			DashboardViewerPrincipals: []string{"arn:aws:iam::123456789012:role/Viewer"},
			RetentionDays:             7,
		},
	}); err != nil {
		log.Fatal(err)
	}
	// The first read of a created integration sees it PROVISIONING; with no
	// polls set, the second sees its outcome.
	var out *cwlogs.GetIntegrationOutput
	for range 2 {
		if out, err = client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "logs"}); err != nil {
			log.Fatal(err)
		}
		fmt.Println(out.IntegrationStatus)
	}
	d := out.IntegrationDetails.(*cwlogs.OpenSearchIntegrationDetails)
	fmt.Println(out.IntegrationStatus, d.Collection.Status.Status, d.Collection.Status.StatusMessage)
	fmt.Println(d.LifecyclePolicy.PolicyName, d.LifecyclePolicy.Status.Status, d.LifecyclePolicy.Status.StatusMessage)
	// Output:
	// PROVISIONING
	// FAILED
	// FAILED ERROR quota of 50 collections reached
	// cwl-logs-lifecycle ACTIVE Retains log data for 7 days.
}

// FailNext answers the next requests of an operation with an error: the
// client retries (with the kit's short delays) and Requests tells how many
// attempts it made.
func ExampleServer_FailNext() {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	srv.FailNext(cwlogstest.ListIntegrations, 2, 503, "ServiceUnavailableException", "try later")
	client, err := cwlogs.New(srv.Options())
	if err != nil {
		log.Fatal(err)
	}
	out, err := client.ListIntegrations(context.Background(), &cwlogs.ListIntegrationsInput{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(out.IntegrationSummaries), "integrations after", len(srv.Requests()), "attempts")
	// Output: 0 integrations after 3 attempts
}

// Hang makes every request that names an integration wait for ever: a test
// of the caller's timeout.
func ExampleServer_Hang() {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	srv.Hang("slow")
	client, err := cwlogs.New(srv.Options())
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "slow"})
	fmt.Println(errors.Is(err, context.DeadlineExceeded))
	// Output: true
}

// CmpOptions compares outputs leaving out their response metadata, and
// an unknown union member's JSON by value.
func ExampleCmpOptions() {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
		log.Fatal(err)
	}
	client, err := cwlogs.New(srv.Options())
	if err != nil {
		log.Fatal(err)
	}
	got, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: cwlogstest.UnknownMember})
	if err != nil {
		log.Fatal(err)
	}
	u := got.IntegrationDetails.(*cwlogs.UnknownIntegrationDetails)
	want := &cwlogs.GetIntegrationOutput{
		IntegrationName:   got.IntegrationName,
		IntegrationType:   got.IntegrationType,
		IntegrationStatus: got.IntegrationStatus,
		IntegrationDetails: &cwlogs.UnknownIntegrationDetails{
			Name:  u.Name,
			Value: json.RawMessage(" " + string(u.Value) + "\n"), // the same JSON value, spaced otherwise
		},
	}
	fmt.Printf("diff: %q\n", cmp.Diff(want, got, cwlogstest.CmpOptions()...))
	// Output: diff: ""
}

// readmeKit is the README's snippet of the kit: a create, then a poll that
// sees the integration provisioning.
func readmeKit(ctx context.Context) error {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	client, err := cwlogs.New(srv.Options()) // retries with millisecond delays: tests of throttling do not sleep
	if err != nil {
		return err
	}
	if err := srv.SetLifecycle("logs", cwlogstest.Lifecycle{Polls: 2}); err != nil { // PROVISIONING for 2 polls
		return err
	}
	_, err = client.PutIntegration(ctx, &cwlogs.PutIntegrationInput{
		IntegrationName: "logs",
		IntegrationType: cwlogs.IntegrationTypeOpenSearch,
		ResourceConfig: &cwlogs.OpenSearchResourceConfig{
			DataSourceRoleArn:         "arn:aws:iam::123456789012:role/CWLOpenSearchRole",
			DashboardViewerPrincipals: []string{"arn:aws:iam::123456789012:role/Viewer"},
			RetentionDays:             7,
		},
	})
	if err != nil {
		return err
	}
	out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "logs"})
	if err != nil {
		return err
	}
	fmt.Println(out.IntegrationStatus, len(out.Problems()), "resources not active") // PROVISIONING 8 resources not active
	return nil
}

// A test of a provisioning tool creates an integration in the kit and
// sees it provision.
func ExampleNewServer() {
	if err := readmeKit(context.Background()); err != nil {
		log.Fatal(err)
	}
	// Output: PROVISIONING 8 resources not active
}
