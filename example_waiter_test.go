package cwlogs_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/cwlogs-go/cwlogs"
)

// fakeProvisioning is a GetIntegrationAPI that answers PROVISIONING, with
// the collection and the workspace on their way, until its last answer,
// which it repeats.
type fakeProvisioning struct {
	calls int
	last  cwlogs.IntegrationStatus
}

func (f *fakeProvisioning) GetIntegration(_ context.Context, in *cwlogs.GetIntegrationInput, _ ...func(*cwlogs.Options)) (*cwlogs.GetIntegrationOutput, error) {
	f.calls++
	ok := cwlogs.OpenSearchResourceStatus{Status: cwlogs.OpenSearchResourceStatusTypeActive}
	d := &cwlogs.OpenSearchIntegrationDetails{
		DataSource:       &cwlogs.OpenSearchDataSource{DataSourceName: "ds", Status: ok},
		Application:      &cwlogs.OpenSearchApplication{ApplicationID: "app", Status: ok},
		Collection:       &cwlogs.OpenSearchCollection{CollectionArn: "arn:coll", Status: cwlogs.OpenSearchResourceStatus{Status: "NOT_FOUND"}},
		EncryptionPolicy: &cwlogs.OpenSearchPolicy{PolicyName: "enc", Status: ok},
		NetworkPolicy:    &cwlogs.OpenSearchPolicy{PolicyName: "net", Status: ok},
		AccessPolicy:     &cwlogs.OpenSearchPolicy{PolicyName: "acc", Status: ok},
		LifecyclePolicy:  &cwlogs.OpenSearchPolicy{PolicyName: "life", Status: ok},
	}
	status := cwlogs.IntegrationStatusProvisioning
	switch {
	case f.calls >= 3 && f.last == cwlogs.IntegrationStatusFailed:
		status = f.last
		d.Collection.Status = cwlogs.OpenSearchResourceStatus{Status: "ERROR", StatusMessage: "Collection creation failed: quota of 50 collections reached"}
	case f.calls >= 3:
		status = f.last
		d.Collection.Status = ok
		d.Workspace = &cwlogs.OpenSearchWorkspace{WorkspaceID: "ws", Status: ok}
	}
	return &cwlogs.GetIntegrationOutput{IntegrationName: in.IntegrationName, IntegrationStatus: status, IntegrationDetails: d}, nil
}

// A waiter polls GetIntegration until the integration is ACTIVE; OnPoll
// shows the progress. The delays here are a millisecond, and the longest
// wait ten seconds, for the example: the default delays, 10 s growing to
// 60 s, and a wait of 15 minutes or more suit an integration, which takes
// minutes.
func ExampleIntegrationActiveWaiter() {
	client := &fakeProvisioning{last: cwlogs.IntegrationStatusActive} // or a *cwlogs.Client
	waiter := cwlogs.NewIntegrationActiveWaiter(client, func(o *cwlogs.IntegrationActiveWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
		o.OnPoll = func(p cwlogs.WaitPoll) {
			if p.Err != nil {
				fmt.Printf("poll %d: %v\n", p.Attempt, p.Err)
				return
			}
			fmt.Printf("poll %d: %s", p.Attempt, p.Output.IntegrationStatus)
			for _, r := range p.Output.Problems() {
				if r.Reported {
					fmt.Printf(", %s %s", r.Kind, r.Status)
				} else {
					fmt.Printf(", %s not reported", r.Kind)
				}
			}
			if p.Next > 0 {
				fmt.Printf(" (next poll in %v)", p.Next)
			}
			fmt.Println()
		}
	})
	out, err := waiter.WaitForOutput(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "my-integration"}, 10*time.Second)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.IntegrationName, "is", out.IntegrationStatus)
	// Output:
	// poll 1: PROVISIONING, collection NOT_FOUND, workspace not reported (next poll in 1ms)
	// poll 2: PROVISIONING, collection NOT_FOUND, workspace not reported (next poll in 1ms)
	// poll 3: ACTIVE
	// my-integration is ACTIVE
}

// When the integration fails, the error tells which resource broke, and
// errors.As gives every resource that is not ACTIVE.
func ExampleIntegrationFailedError() {
	client := &fakeProvisioning{last: cwlogs.IntegrationStatusFailed}
	err := cwlogs.NewIntegrationActiveWaiter(client, func(o *cwlogs.IntegrationActiveWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
	}).Wait(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "x"}, 10*time.Second)

	fmt.Println(err)
	var failed *cwlogs.IntegrationFailedError
	if errors.As(err, &failed) {
		for _, r := range failed.Problems {
			fmt.Printf("  %s %q: reported %t, status %q, %q\n", r.Kind, r.ID, r.Reported, r.Status, r.Message)
		}
	}
	// Output:
	// cwlogs: integration "x" FAILED: 2 resources not active; collection ERROR: Collection creation failed: quota of 50 collections reached
	//   collection "arn:coll": reported true, status "ERROR", "Collection creation failed: quota of 50 collections reached"
	//   workspace "": reported false, status "", ""
}

// Problems lists the resources that are not ACTIVE: those the service
// reported with another status first, then those it did not report.
func ExampleGetIntegrationOutput_Problems() {
	client, done := newExampleClient()
	defer done()

	out, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "provisioning"})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range out.Problems() {
		switch {
		case !r.Reported:
			fmt.Printf("%s: not reported\n", r.Kind)
		case r.Message != "":
			fmt.Printf("%s %s: %s %s\n", r.Kind, r.ID, r.Status, r.Message)
		default:
			fmt.Printf("%s %s: %q\n", r.Kind, r.ID, r.Status)
		}
	}
	// Output:
	// collection arn:aws:aoss:us-east-1:123456789012:collection/q9d3n6w2c8f1h5j7k0lz: NOT_FOUND Collection cwl-provisioning is being created.
	// accessPolicy cwl-provisioning-access: ""
	// application: not reported
	// workspace: not reported
	// lifecyclePolicy: not reported
}
