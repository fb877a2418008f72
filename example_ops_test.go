package cwlogs_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// newRecordedClient returns a client for a loopback server that answers
// each operation with one recorded response of cwlogstest/testdata, such
// as "ListIntegrations/unknown-values" for ListIntegrations. Against the
// real service, use cwlogs.NewFromConfig instead.
func newRecordedClient(answers ...string) (*cwlogs.Client, func()) {
	byTarget := map[string]cwlogstest.Response{}
	for _, a := range answers {
		r, err := readRecordedFile(a)
		if err != nil {
			log.Fatal(err)
		}
		op, _, _ := strings.Cut(a, "/")
		byTarget["Logs_20140328."+op] = r
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resp, ok := byTarget[r.Header.Get("X-Amz-Target")]
		if !ok {
			http.Error(w, "no answer", http.StatusNotImplemented)
			return
		}
		writeRecorded(w, resp)
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

// PutIntegration creates the integration; its input is checked before any
// request is sent, and an error names the field that breaks a rule.
func ExampleClient_PutIntegration() {
	client, done := newRecordedClient("PutIntegration/success")
	defer done()

	in := &cwlogs.PutIntegrationInput{
		IntegrationName: "cwl-opensearch",
		IntegrationType: cwlogs.IntegrationTypeOpenSearch,
		ResourceConfig: &cwlogs.OpenSearchResourceConfig{
			DataSourceRoleArn:         "arn:aws:iam::123456789012:role/CWLOpenSearchRole",
			DashboardViewerPrincipals: []string{"arn:aws:iam::123456789012:role/CWLDashboardViewer"},
			RetentionDays:             45,
		},
	}
	_, err := client.PutIntegration(context.Background(), in)
	fmt.Println(err)

	in.ResourceConfig.(*cwlogs.OpenSearchResourceConfig).RetentionDays = 30
	out, err := client.PutIntegration(context.Background(), in)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.IntegrationName, out.IntegrationStatus)
	// Output:
	// cwlogs: PutIntegration: invalid input: ResourceConfig.RetentionDays: resourceConfig.openSearchResourceConfig.retentionDays is 45, want 1 to 30
	// cwl-opensearch PROVISIONING
}

// ListIntegrations returns every integration that passes the filters; enum
// values this package does not know arrive as they are.
func ExampleClient_ListIntegrations() {
	client, done := newRecordedClient("ListIntegrations/unknown-values")
	defer done()

	out, err := client.ListIntegrations(context.Background(), &cwlogs.ListIntegrationsInput{IntegrationNamePrefix: "cwl-"})
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range out.IntegrationSummaries {
		known := slices.Contains(s.IntegrationType.Values(), s.IntegrationType)
		fmt.Printf("%s %s %s (type known: %v)\n", s.IntegrationName, s.IntegrationType, s.IntegrationStatus, known)
	}
	// Output:
	// cwl-opensearch OPENSEARCH PROVISIONING (type known: true)
	// cwl-splunk SPLUNK DELETING (type known: false)
}
