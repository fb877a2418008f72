package cwlogs_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// newS3RecordedClient returns a client for a loopback server that answers
// each operation with its recorded responses of testdata in turn (the last
// one again once they run out), such as
// "ListSourcesForS3TableIntegration/page-1". Against the real service, use
// cwlogs.NewFromConfig instead.
func newS3RecordedClient(answers ...string) (*cwlogs.Client, func()) {
	byTarget := map[string][]cwlogstest.Response{}
	for _, a := range answers {
		r, err := readRecordedFile(s3Recorded + a)
		if err != nil {
			log.Fatal(err)
		}
		op, _, _ := strings.Cut(a, "/")
		byTarget["Logs_20140328."+op] = append(byTarget["Logs_20140328."+op], r)
	}
	var mu sync.Mutex
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		target := r.Header.Get("X-Amz-Target")
		rs := byTarget[target]
		if len(rs) > 1 {
			byTarget[target] = rs[1:]
		}
		mu.Unlock()
		if len(rs) == 0 {
			http.Error(w, "no answer", http.StatusNotImplemented)
			return
		}
		writeRecorded(w, rs[0])
	}))
	client, err := cwlogs.New(cwlogs.Options{
		Region:       cwlogstest.Region,
		Credentials:  cwlogstest.Credentials(),
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   srv.Client(),
	})
	if err != nil {
		log.Fatal(err)
	}
	return client, srv.Close
}

// AssociateSourceToS3TableIntegration associates a data source with the S3
// Table integration; its input is checked before any request is sent.
func ExampleClient_AssociateSourceToS3TableIntegration() {
	client, done := newS3RecordedClient("AssociateSourceToS3TableIntegration/success")
	defer done()

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
	// 6f1c2a9e-4b7d-4e30-9a85-2d1f0c7e5b43
}

// DisassociateSourceFromS3TableIntegration removes an association by its
// identifier; the source is listed, DATA_SOURCE_DELETE_IN_PROGRESS, until
// its data is deleted.
func ExampleClient_DisassociateSourceFromS3TableIntegration() {
	client, done := newS3RecordedClient("DisassociateSourceFromS3TableIntegration/success")
	defer done()

	out, err := client.DisassociateSourceFromS3TableIntegration(context.Background(),
		&cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: "6f1c2a9e-4b7d-4e30-9a85-2d1f0c7e5b43"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("disassociating", out.Identifier)
	// Output:
	// disassociating 6f1c2a9e-4b7d-4e30-9a85-2d1f0c7e5b43
}

// ListSourcesForS3TableIntegration answers a ValidationException, not a
// ResourceNotFoundException, for an integration that does not exist: the
// error is kept as the service sent it.
func ExampleClient_ListSourcesForS3TableIntegration() {
	client, done := newS3RecordedClient("ListSourcesForS3TableIntegration/integration-not-found")
	defer done()

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
	client, done := newS3RecordedClient("ListSourcesForS3TableIntegration/page-1", "ListSourcesForS3TableIntegration/page-2")
	defer done()

	p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(client, &cwlogs.ListSourcesForS3TableIntegrationInput{
		IntegrationArn: "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a",
		MaxResults:     2,
	})
	for s, err := range p.All(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s/%s %s %s\n", s.DataSource.Name, s.DataSource.Type, s.Status, s.CreatedTime().UTC().Format(time.DateOnly))
	}
	// Output:
	// */* ACTIVE 2026-03-09
	// amazon_vpc/flow ACTIVE 2026-03-09
	// custom_app/ FAILED 2026-03-11
}

// NextPage reads one page at a time, as with the official SDK's paginators.
func ExampleListSourcesForS3TableIntegrationPaginator() {
	client, done := newS3RecordedClient("ListSourcesForS3TableIntegration/page-1", "ListSourcesForS3TableIntegration/page-2")
	defer done()

	p := cwlogs.NewListSourcesForS3TableIntegrationPaginator(client, &cwlogs.ListSourcesForS3TableIntegrationInput{
		IntegrationArn: "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a",
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

// The life of an association, on recorded responses: the source is listed
// ACTIVE at the first poll, and gone at the first poll after the
// disassociation.
func Example_s3TableIntegrationSources() {
	client, done := newS3RecordedClient(
		"AssociateSourceToS3TableIntegration/success",
		"ListSourcesForS3TableIntegration/success", // the waiter's poll
		"ListSourcesForS3TableIntegration/success", // the listing
		"ListSourcesForS3TableIntegration/empty",   // the disassociated waiter's poll
		"DisassociateSourceFromS3TableIntegration/success",
	)
	defer done()
	if err := readmeS3Sources(context.Background(), client); err != nil {
		log.Fatal(err)
	}
	// Output:
	// amazon_eks audit ACTIVE
	// amazon_cloudfront access UNHEALTHY
}
