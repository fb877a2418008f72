package cwlogstest_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
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

// readmeSeed is the README's snippet of seeding: an integration the
// account has before the code under test runs.
func readmeSeed() (*cwlogstest.Server, error) {
	srv := cwlogstest.NewServer()
	err := srv.SeedIntegration(cwlogstest.Integration{
		Name:       "logs",
		Lifecycle:  cwlogstest.Lifecycle{Polls: 1}, // PROVISIONING for one read, then ACTIVE
		Dashboards: true,                           // DeleteIntegration needs Force
	})
	if err != nil {
		return nil, err
	}
	// An integration in a status this package does not know, with details
	// of the test's choice.
	err = srv.SeedIntegration(cwlogstest.Integration{
		Name:    "legacy",
		Status:  "DEGRADED",
		Details: &cwlogs.UnknownIntegrationDetails{Name: "splunkIntegrationDetails", Value: json.RawMessage(`{"index":"main"}`)},
	})
	return srv, err
}

// SeedIntegration adds integrations to the kit without a request: the
// code under test finds them, and Requests holds its requests alone.
func ExampleServer_SeedIntegration() {
	srv, err := readmeSeed()
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	srv.SetIntegrationLimit(2) // the seeding ignores the limit; a create does not
	client, err := cwlogs.New(srv.Options())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for _, name := range []string{"logs", "logs", "legacy"} {
		out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: name})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s %s %T\n", out.IntegrationName, out.IntegrationStatus, out.IntegrationDetails)
	}
	_, err = client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "logs"})
	fmt.Println("delete without force:", errors.Is(err, cwlogs.ErrValidation))
	fmt.Println(len(srv.Requests()), "requests")
	// Output:
	// logs PROVISIONING *cwlogs.OpenSearchIntegrationDetails
	// logs ACTIVE *cwlogs.OpenSearchIntegrationDetails
	// legacy DEGRADED *cwlogs.UnknownIntegrationDetails
	// delete without force: true
	// 4 requests
}

// readmeFailOn is the README's snippet of targeted faults: every attempt
// of the third poll of a waiter throttled.
func readmeFailOn(srv *cwlogstest.Server) {
	srv.FailOn(cwlogstest.Match{
		Op:     cwlogstest.GetIntegration,
		Target: "logs", // an integration name, S3 Table integration ARN or source identifier
		Nth:    3,      // the third GetIntegration of logs from now on, retries counted
		Times:  3,      // and the two after it: the client's three attempts
	}, 400, "ThrottlingException", "Rate exceeded")
}

// FailOn hits the requests a Match selects: here the third poll of a
// waiter, without wrapping the client.
func ExampleServer_FailOn() {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	if err := srv.SeedIntegration(cwlogstest.Integration{Name: "logs", Lifecycle: cwlogstest.Lifecycle{Polls: 2}}); err != nil {
		log.Fatal(err)
	}
	readmeFailOn(srv)
	client, err := cwlogs.New(srv.Options())
	if err != nil {
		log.Fatal(err)
	}
	waiter := cwlogs.NewIntegrationActiveWaiter(client, func(o *cwlogs.IntegrationActiveWaiterOptions) {
		o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
		o.OnPoll = func(p cwlogs.WaitPoll) {
			if p.Err != nil {
				fmt.Println("poll", p.Attempt, "throttled:", errors.Is(p.Err, cwlogs.ErrThrottling))
				return
			}
			fmt.Println("poll", p.Attempt, p.Output.IntegrationStatus)
		}
	})
	if err := waiter.Wait(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "logs"}, time.Minute); err != nil {
		log.Fatal(err)
	}
	// Output:
	// poll 1 PROVISIONING
	// poll 2 PROVISIONING
	// poll 3 throttled: true
	// poll 4 ACTIVE
}

// readmeRecord is the README's snippet of the recorder: a client whose
// responses are written, scrubbed, into dir.
func readmeRecord(ctx context.Context, cfg aws.Config, dir string) error {
	rec := &cwlogstest.Recorder{Dir: dir, Credentials: cfg.Credentials}
	client, err := cwlogs.NewFromConfig(cfg, func(o *cwlogs.Options) {
		o.HTTPClient = &http.Client{Transport: rec}
	})
	if err != nil {
		return err
	}
	_, err = client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "logs"}) // dir/logs.http
	if err != nil {
		return err
	}
	_, err = client.PutIntegration(ctx, &cwlogs.PutIntegrationInput{ // dir/PutIntegration/limit-exceeded.http
		IntegrationName: "other",
		IntegrationType: cwlogs.IntegrationTypeOpenSearch,
		ResourceConfig: &cwlogs.OpenSearchResourceConfig{
			DataSourceRoleArn:         "arn:aws:iam::111122223333:role/CWLOpenSearchRole",
			DashboardViewerPrincipals: []string{"arn:aws:iam::111122223333:role/Viewer"},
			RetentionDays:             7,
		},
	})
	fmt.Println(errors.Is(err, cwlogs.ErrLimitExceeded))
	return nil
}

// readmeReplay is the README's snippet of the replay of recorded files.
func readmeReplay(ctx context.Context, dir string) error {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	recorded := os.DirFS(dir)
	if err := srv.AddFS(recorded); err != nil { // GetIntegration, by integration name
		return err
	}
	r, err := cwlogstest.ReadResponse(recorded, cwlogstest.PutIntegration, cwlogstest.LimitExceeded)
	if err != nil {
		return err
	}
	srv.EnqueueFor(cwlogstest.PutIntegration, r) // the other operations, in turn
	client, err := cwlogs.New(srv.Options())
	if err != nil {
		return err
	}
	out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "logs"})
	if err != nil {
		return err
	}
	fmt.Println(out.IntegrationStatus, out.IntegrationDetails.(*cwlogs.OpenSearchIntegrationDetails).DataSource.Status.StatusMessage)
	return nil
}

// A Recorder writes the answers of the service into files the kit
// serves. Here a kit stands in for the service, its account 111122223333;
// the files hold the fake account id in its place.
func ExampleRecorder() {
	service := cwlogstest.NewServer()
	defer service.Close()
	if err := service.SeedIntegration(cwlogstest.Integration{Name: "logs", Config: &cwlogs.OpenSearchResourceConfig{
		DataSourceRoleArn:         "arn:aws:iam::111122223333:role/CWLOpenSearchRole",
		DashboardViewerPrincipals: []string{"arn:aws:iam::111122223333:role/Viewer"},
		RetentionDays:             7,
	}}); err != nil {
		log.Fatal(err)
	}
	dir, err := os.MkdirTemp("", "cwlogstest-recorder")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	cfg := aws.Config{Region: cwlogstest.Region, Credentials: cwlogstest.Credentials(), BaseEndpoint: &service.URL}
	ctx := context.Background()
	if err := readmeRecord(ctx, cfg, dir); err != nil {
		log.Fatal(err)
	}
	if err := readmeReplay(ctx, dir); err != nil {
		log.Fatal(err)
	}
	// Output:
	// true
	// ACTIVE Reads log data with the role arn:aws:iam::123456789012:role/CWLOpenSearchRole.
}

// readmeSources is the README's snippet of S3 Table integration sources in
// the kit.
func readmeSources(srv *cwlogstest.Server) (string, error) {
	// Sources of amazon_eks/audit are UNHEALTHY for two lists, then FAILED;
	// once disassociated, DATA_SOURCE_DELETE_IN_PROGRESS for one list.
	eks := cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}
	err := srv.SetSourceLifecycle(eks, cwlogstest.SourceLifecycle{
		Polls:  2,
		Status: cwlogs.S3TableIntegrationSourceStatusFailed,
		Reason: "Access denied to the table bucket.",
	})
	if err != nil {
		return "", err
	}
	// A source the account already has, in the kit's ready-made S3 Table
	// integration.
	return srv.SeedS3TableSource(cwlogstest.S3TableIntegrationArn, cwlogs.S3TableIntegrationSource{
		DataSource: cwlogs.DataSource{Name: "amazon_vpc", Type: "flow"},
	})
}

// The kit serves the S3 Table integration operations; S3TableSources shows
// the test what the next ListSourcesForS3TableIntegration would. Here a raw
// signed request stands in for the code under test.
func ExampleServer_SetSourceLifecycle() {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	vpc, err := readmeSources(srv)
	if err != nil {
		log.Fatal(err)
	}
	send := func(op cwlogstest.Operation, body string) (int, []byte) {
		req, err := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
		if err != nil {
			log.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		req.Header.Set("X-Amz-Target", "Logs_20140328."+string(op))
		creds, _ := cwlogstest.Credentials().Retrieve(context.Background())
		sum := sha256.Sum256([]byte(body))
		if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "logs", cwlogstest.Region, time.Now()); err != nil {
			log.Fatal(err)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			log.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	send(cwlogstest.AssociateSourceToS3TableIntegration,
		`{"integrationArn":"`+cwlogstest.S3TableIntegrationArn+`","dataSource":{"name":"amazon_eks","type":"audit"}}`)
	send(cwlogstest.DisassociateSourceFromS3TableIntegration, `{"identifier":"`+vpc+`"}`)
	for i := range 3 {
		_, body := send(cwlogstest.ListSourcesForS3TableIntegration, `{"integrationArn":"`+cwlogstest.S3TableIntegrationArn+`"}`)
		var page struct {
			Sources []cwlogs.S3TableIntegrationSource
		}
		if err := json.Unmarshal(body, &page); err != nil {
			log.Fatal(err)
		}
		var listed []string
		for _, s := range page.Sources {
			listed = append(listed, s.DataSource.Name+" "+string(s.Status))
		}
		fmt.Printf("list %d: %s\n", i+1, strings.Join(listed, ", "))
	}
	for _, s := range srv.S3TableSources(cwlogstest.S3TableIntegrationArn) {
		fmt.Println("now:", s.DataSource.Name, s.Status, s.StatusReason)
	}
	status, body := send(cwlogstest.ListSourcesForS3TableIntegration,
		`{"integrationArn":"arn:aws:observabilityadmin:us-east-1:123456789012:s3tableintegration/other"}`)
	fmt.Println(status, string(body))
	// Output:
	// list 1: amazon_vpc DATA_SOURCE_DELETE_IN_PROGRESS, amazon_eks UNHEALTHY
	// list 2: amazon_eks UNHEALTHY
	// list 3: amazon_eks FAILED
	// now: amazon_eks FAILED Access denied to the table bucket.
	// 400 {"__type":"ValidationException","message":"Integration not found"}
}
