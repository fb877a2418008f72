package cwlogs_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// newExampleClient returns a client for a test kit server that serves the
// recorded responses. Against the real service, use cwlogs.NewFromConfig
// with the aws.Config of config.LoadDefaultConfig instead.
func newExampleClient() (*cwlogs.Client, func()) {
	srv := cwlogstest.NewServer()
	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
		log.Fatal(err)
	}
	// Recorded answers do not change: retrying them would only wait.
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.RetryMaxAttempts = 1 })
	if err != nil {
		log.Fatal(err)
	}
	return client, srv.Close
}

// The details of an integration are a union: a type switch tells its
// members apart, including one added by the service after this package.
func ExampleClient_GetIntegration() {
	client, done := newExampleClient()
	defer done()

	for _, name := range []string{"provisioning", "unknown-member"} {
		out, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: name})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(out.IntegrationName, out.IntegrationStatus)
		switch d := out.IntegrationDetails.(type) {
		case *cwlogs.OpenSearchIntegrationDetails:
			if d.Collection != nil {
				fmt.Println("  collection:", d.Collection.Status.Status, d.Collection.Status.StatusMessage)
			}
			if d.Workspace == nil {
				fmt.Println("  workspace: not reported yet")
			}
		case *cwlogs.UnknownIntegrationDetails:
			// Value is the member's JSON as the service sent it.
			var v struct {
				Index struct{ Name string } `json:"index"`
			}
			if err := json.Unmarshal(d.Value, &v); err != nil {
				log.Fatal(err)
			}
			fmt.Println("  unknown member", d.Name, "with index", v.Index.Name)
		case nil:
			fmt.Println("  no details")
		}
	}
	// Output:
	// provisioning PROVISIONING
	//   collection: NOT_FOUND Collection cwl-provisioning is being created.
	//   workspace: not reported yet
	// unknown-member ACTIVE
	//   unknown member splunkIntegrationDetails with index aws_cwl
}

// Errors from the service match the package's sentinels with errors.Is;
// errors.As gives the details.
func ExampleAPIError() {
	client, done := newExampleClient()
	defer done()

	for _, name := range []string{"resource-not-found", "throttling", "bad name"} {
		_, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: name})
		var apiErr *cwlogs.APIError
		switch {
		case errors.Is(err, cwlogs.ErrResourceNotFound):
			fmt.Println(name + ": no such integration")
		case errors.As(err, &apiErr):
			fmt.Printf("%s: %s (HTTP %d, request %s)\n", name, apiErr.Code, apiErr.StatusCode, apiErr.RequestID)
		case errors.Is(err, cwlogs.ErrInvalidParameter):
			fmt.Println(name+":", err)
		}
	}
	// Output:
	// resource-not-found: no such integration
	// throttling: ThrottlingException (HTTP 400, request 47d0b3e9-8a2c-4f61-b7d5-0e9c3a6f1b28)
	// bad name: cwlogs: GetIntegration: invalid input: IntegrationName has ' ' at byte 3, want only letters, digits and . - _ / #
}

// An unknown union member keeps its data and can be shown as boto3 shows
// it.
func ExampleUnknownIntegrationDetails() {
	client, done := newExampleClient()
	defer done()

	out, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "unknown-member-null"})
	if err != nil {
		log.Fatal(err)
	}
	u := out.IntegrationDetails.(*cwlogs.UnknownIntegrationDetails)
	boto, _ := u.MarshalBoto3()
	fmt.Println(u.Name, string(u.Value))
	fmt.Println(string(boto))
	// Output:
	// newThing {"b":[1,2]}
	// {"SDK_UNKNOWN_MEMBER":{"name":"newThing"}}
}
