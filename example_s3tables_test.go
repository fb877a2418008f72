package cwlogs_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strings"
	"time"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// newS3KitClient returns a client of the stateful test kit, which holds the
// S3 Table integration exampleIntegration, and the kit. answers, such as
// "ListSourcesForS3TableIntegration/first-page", are recorded responses
// of the kit that answer the next calls of their operation, in turn,
// before the kit answers from its state. Against the real service, use
// cwlogs.NewFromConfig instead.
func newS3KitClient(answers ...string) (*cwlogs.Client, *cwlogstest.Server) {
	srv := cwlogstest.NewServer()
	if err := srv.AddS3TableIntegration(exampleIntegration); err != nil {
		log.Fatal(err)
	}
	for _, a := range answers {
		op, name, _ := strings.Cut(a, "/")
		if err := srv.EnqueueRecorded(cwlogstest.Operation(op), name); err != nil {
			log.Fatal(err)
		}
	}
	// Recorded answers do not change: retrying them would only wait.
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) { o.RetryMaxAttempts = 1 })
	if err != nil {
		log.Fatal(err)
	}
	return client, srv
}

// exampleIntegration is the S3 Table integration of the examples.
const exampleIntegration = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"

// AssociateSourceToS3TableIntegration associates a data source with the S3
// Table integration; its input is checked before any request is sent.
func ExampleClient_AssociateSourceToS3TableIntegration() {
	client, srv := newS3KitClient("AssociateSourceToS3TableIntegration/success")
	defer srv.Close()

	in := &cwlogs.AssociateSourceToS3TableIntegrationInput{
		IntegrationArn: "3g5043wqe54nmw5apiugwkn1a",
		DataSource:     cwlogs.DataSource{Name: "amazon_eks", Type: "audit"},
	}
	_, err := client.AssociateSourceToS3TableIntegration(context.Background(), in)
	fmt.Println(err)

	in.IntegrationArn = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"
	out, err := client.AssociateSourceToS3TableIntegration(context.Background(), in)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.Identifier)
	// Output:
	// cwlogs: AssociateSourceToS3TableIntegration: invalid input: IntegrationArn is "3g5043wqe54nmw5apiugwkn1a", want an ARN (arn:partition:service:region:account-id:resource)
	// 9f3c1a7e-4b2d-4e85-a6f0-3d8b2c1e7a54
}

// DisassociateSourceFromS3TableIntegration removes an association by its
// identifier; the source is listed, DATA_SOURCE_DELETE_IN_PROGRESS, until
// its data is deleted.
func ExampleClient_DisassociateSourceFromS3TableIntegration() {
	client, srv := newS3KitClient("DisassociateSourceFromS3TableIntegration/success")
	defer srv.Close()

	out, err := client.DisassociateSourceFromS3TableIntegration(context.Background(),
		&cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: "5e0a8c2f-7d14-4b39-9c6e-1f2a7b4d8e03"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("disassociating", out.Identifier)
	// Output:
	// disassociating 5e0a8c2f-7d14-4b39-9c6e-1f2a7b4d8e03
}

// ListSourcesForS3TableIntegration answers a ValidationException, not a
// ResourceNotFoundException, for an integration that does not exist: the
// error is kept as the service sent it.
func ExampleClient_ListSourcesForS3TableIntegration() {
	client, srv := newS3KitClient() // the kit answers as the service does
	defer srv.Close()

	_, err := client.ListSourcesForS3TableIntegration(context.Background(), &cwlogs.ListSourcesForS3TableIntegrationInput{
		IntegrationArn: "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/gone",
	})
	var apiErr *cwlogs.APIError
	if errors.As(err, &apiErr) && errors.Is(err, cwlogs.ErrValidation) {
		fmt.Println(apiErr.Code, apiErr.Message)
	}
	// Output:
	// ValidationException Integration not found
}

// All yields every source of every page, in order; the paginator sends each
// page's token to get the next, and a page whose token repeats the one
// sent ends the loop with an error that matches ErrInvalidResponse.
func ExampleListSourcesForS3TableIntegrationPaginator_All() {
	client, srv := newS3KitClient("ListSourcesForS3TableIntegration/first-page",
		"ListSourcesForS3TableIntegration/middle-page", "ListSourcesForS3TableIntegration/last-page")
	defer srv.Close()

	p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(client, &cwlogs.ListSourcesForS3TableIntegrationInput{
		IntegrationArn: exampleIntegration,
		MaxResults:     2,
	})
	for s, err := range p.All(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s/%s %s %s\n", s.DataSource.Name, s.DataSource.Type, s.Status, s.CreatedTime().UTC().Format(time.DateOnly))
	}
	// Output:
	// */* ACTIVE 2026-03-12
	// amazon_eks/audit ACTIVE 2026-03-12
	// amazon_cloudfront/access UNHEALTHY 2026-03-12
	// amazon_api_gateway/access FAILED 2026-03-13
	// amazon_vpc/flow DATA_SOURCE_DELETE_IN_PROGRESS 2026-03-13
}

// NextPage reads one page at a time, as with the official SDK's paginators.
func ExampleListSourcesForS3TableIntegrationPaginator() {
	client, srv := newS3KitClient("ListSourcesForS3TableIntegration/first-page",
		"ListSourcesForS3TableIntegration/middle-page", "ListSourcesForS3TableIntegration/last-page")
	defer srv.Close()

	p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(client, &cwlogs.ListSourcesForS3TableIntegrationInput{
		IntegrationArn: exampleIntegration,
	}, func(o *cwlogs.ListSourcesForS3TableIntegrationPaginatorOptions) { o.Limit = 100 })
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(len(page.Sources), "sources, next token", page.NextToken != "")
	}
	// Output:
	// 2 sources, next token true
	// 2 sources, next token true
	// 1 sources, next token false
}

// fakeSources is a ListSourcesForS3TableIntegrationAPI that lists the
// source "6f1c…" UNHEALTHY twice, then in the status after.
type fakeSources struct {
	calls int
	after cwlogs.S3TableIntegrationSourceStatus // "" for no longer listed
}

func (f *fakeSources) ListSourcesForS3TableIntegration(_ context.Context, _ *cwlogs.ListSourcesForS3TableIntegrationInput, _ ...func(*cwlogs.Options)) (*cwlogs.ListSourcesForS3TableIntegrationOutput, error) {
	f.calls++
	s := cwlogs.S3TableIntegrationSource{Identifier: "6f1c2a9e-4b7d-4e30-9a85-2d1f0c7e5b43",
		DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}, Status: cwlogs.S3TableIntegrationSourceStatusUnhealthy,
		StatusReason: "Recent events could not be written to the table"}
	if f.calls > 2 {
		s.Status, s.StatusReason = f.after, ""
	}
	out := &cwlogs.ListSourcesForS3TableIntegrationOutput{Sources: []cwlogs.S3TableIntegrationSource{}}
	if s.Status != "" {
		out.Sources = append(out.Sources, s)
	}
	return out, nil
}

// A waiter lists the integration's sources, every page, until the source
// is ACTIVE; UNHEALTHY keeps it waiting, and OnPoll shows it. The delays
// here are a millisecond, for the example; the defaults are 10 s growing
// to 60 s.
func ExampleS3TableIntegrationSourceActiveWaiter() {
	client := &fakeSources{after: cwlogs.S3TableIntegrationSourceStatusActive} // or a *cwlogs.Client
	waiter := cwlogs.NewS3TableIntegrationSourceActiveWaiter(client, func(o *cwlogs.S3TableIntegrationSourceActiveWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
		o.OnPoll = func(p cwlogs.S3TableIntegrationSourceWaitPoll) {
			if p.Source != nil && p.Source.Status != cwlogs.S3TableIntegrationSourceStatusActive {
				fmt.Printf("poll %d: %s: %s\n", p.Attempt, p.Source.Status, p.Source.StatusReason)
			}
		}
	})
	src, err := waiter.WaitForOutput(context.Background(), &cwlogs.S3TableIntegrationSourceWaitInput{
		IntegrationArn: "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a",
		Identifier:     "6f1c2a9e-4b7d-4e30-9a85-2d1f0c7e5b43",
	}, 5*time.Minute)
	var failed *cwlogs.S3TableIntegrationSourceFailedError
	switch {
	case errors.As(err, &failed):
		log.Fatalf("the association failed: %s", failed.Source.StatusReason)
	case err != nil:
		log.Fatal(err)
	}
	fmt.Println(src.DataSource.Name, src.Status)
	// Output:
	// poll 1: UNHEALTHY: Recent events could not be written to the table
	// poll 2: UNHEALTHY: Recent events could not be written to the table
	// amazon_eks ACTIVE
}

// The disassociated waiter lists the sources until the source is no
// longer listed: its data is deleted after the call, which takes minutes.
func ExampleS3TableIntegrationSourceDisassociatedWaiter() {
	client := &fakeSources{} // or a *cwlogs.Client
	waiter := cwlogs.NewS3TableIntegrationSourceDisassociatedWaiter(client, func(o *cwlogs.S3TableIntegrationSourceDisassociatedWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
	})
	err := waiter.Wait(context.Background(), &cwlogs.S3TableIntegrationSourceWaitInput{
		IntegrationArn: "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a",
		Identifier:     "6f1c2a9e-4b7d-4e30-9a85-2d1f0c7e5b43",
	}, 5*time.Minute)
	if errors.Is(err, cwlogs.ErrWaitTimeout) {
		log.Fatal("still listed after 5 minutes")
	} else if err != nil {
		log.Fatal(err)
	}
	fmt.Println("gone after", client.calls, "polls")
	// Output:
	// gone after 3 polls
}

// readmeS3Sources is the README's S3 Table integration sources snippet:
// associate, wait until ACTIVE, list every page, disassociate, wait until
// gone.
func readmeS3Sources(ctx context.Context, client *cwlogs.Client) error {
	arn := "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"
	assoc, err := client.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{
		IntegrationArn: arn,
		DataSource:     cwlogs.DataSource{Name: "amazon_eks", Type: "audit"},
	})
	if err != nil {
		return err
	}
	source := &cwlogs.S3TableIntegrationSourceWaitInput{IntegrationArn: arn, Identifier: assoc.Identifier}
	if err := cwlogs.NewS3TableIntegrationSourceActiveWaiter(client).Wait(ctx, source, 5*time.Minute); err != nil {
		return err
	}

	p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(client, &cwlogs.ListSourcesForS3TableIntegrationInput{IntegrationArn: arn})
	for s, err := range p.All(ctx) {
		if err != nil {
			return err
		}
		fmt.Println(s.DataSource.Name, s.DataSource.Type, s.Status) // amazon_eks audit ACTIVE
	}

	if _, err := client.DisassociateSourceFromS3TableIntegration(ctx, &cwlogs.DisassociateSourceFromS3TableIntegrationInput{
		Identifier: assoc.Identifier,
	}); err != nil {
		return err
	}
	return cwlogs.NewS3TableIntegrationSourceDisassociatedWaiter(client).Wait(ctx, source, 5*time.Minute)
}

// The life of an association, against the stateful kit: the source is
// ACTIVE at the first poll (the kit's lifecycle of the data source), and
// the disassociated waiter's poll is answered with the kit's recorded
// empty page, which the targeted fault serves to the third listing.
func Example_s3TableIntegrationSources() {
	client, srv := newS3KitClient()
	defer srv.Close()
	if err := srv.SetSourceLifecycle(cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}, cwlogstest.SourceLifecycle{}); err != nil {
		log.Fatal(err)
	}
	empty, err := cwlogstest.RecordedResponse(cwlogstest.ListSourcesForS3TableIntegration, "empty")
	if err != nil {
		log.Fatal(err)
	}
	srv.AnswerOn(cwlogstest.Match{Op: cwlogstest.ListSourcesForS3TableIntegration, Nth: 3}, empty)
	if err := readmeS3Sources(context.Background(), client); err != nil {
		log.Fatal(err)
	}
	// Output:
	// amazon_eks audit ACTIVE
}
