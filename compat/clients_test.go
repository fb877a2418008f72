package compat_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs/types"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// This file holds what the conformance tests and the benchmarks share: the
// recorded responses, an in-memory transport that serves them, the two
// clients built the same way, and the mapping of the official output onto
// cwlogs values.

// testdataDir is the folder of the recorded responses of the root module.
const testdataDir = "../cwlogstest/testdata"

// region is the region both clients sign for.
const region = cwlogstest.Region

// staticCredentials returns the static credentials of the credentials
// module that both clients sign with: the kit's, which its server accepts.
func staticCredentials() credentials.StaticCredentialsProvider {
	return credentials.NewStaticCredentialsProvider(cwlogstest.AccessKeyID, cwlogstest.SecretAccessKey, cwlogstest.SessionToken)
}

// readRecorded reads the recorded responses by integration name.
func readRecorded(tb testing.TB) map[string]cwlogstest.Response {
	tb.Helper()
	rs, err := cwlogstest.ReadResponses(os.DirFS(testdataDir))
	if err != nil {
		tb.Fatal(err)
	}
	if len(rs) == 0 {
		tb.Fatalf("no recorded responses in %s", testdataDir)
	}
	return rs
}

// newResponse builds a fresh *http.Response for r, answering req: its own
// header map and its own body reader, so that nothing is shared between
// calls.
func newResponse(req *http.Request, r cwlogstest.Response) *http.Response {
	status := r.StatusCode
	if status == 0 {
		status = http.StatusOK
	}
	h := make(http.Header, len(r.Header)+1)
	for k, v := range r.Header {
		h[k] = append([]string(nil), v...)
	}
	h["Content-Length"] = []string{strconv.Itoa(len(r.Body))}
	return &http.Response{
		Status:        strconv.Itoa(status) + " " + http.StatusText(status),
		StatusCode:    status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(r.Body)),
		ContentLength: int64(len(r.Body)),
		Request:       req,
	}
}

// drain reads and closes a request body, as a real transport does.
func drain(req *http.Request) ([]byte, error) {
	if req.Body == nil {
		return nil, nil
	}
	defer req.Body.Close()
	return io.ReadAll(req.Body)
}

// byNameTransport is an in-memory http.RoundTripper that answers each
// request with the recorded response named by the integration name in its
// body, and ResourceNotFoundException for a name it does not have. No
// request leaves the process.
type byNameTransport struct {
	responses map[string]cwlogstest.Response
}

func (t byNameTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	body, err := drain(req)
	if err != nil {
		return nil, err
	}
	var in struct {
		IntegrationName string `json:"integrationName"`
	}
	_ = json.Unmarshal(body, &in)
	r, ok := t.responses[in.IntegrationName]
	if !ok {
		r = cwlogstest.ErrorResponse(400, "ResourceNotFoundException", "Integration "+in.IntegrationName+" does not exist")
	}
	return newResponse(req, r), nil
}

// fixedTransport is an in-memory http.RoundTripper that answers every
// request with the same recorded response, each time with a fresh body
// reader. The benchmarks use it.
type fixedTransport struct {
	response cwlogstest.Response
}

func (t fixedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if _, err := drain(req); err != nil {
		return nil, err
	}
	return newResponse(req, t.response), nil
}

// newCwlogs returns a cwlogs client that sends through hc, to endpoint if
// it is not empty, with retries off.
func newCwlogs(tb testing.TB, hc cwlogs.HTTPClient, endpoint string) *cwlogs.Client {
	tb.Helper()
	o := cwlogs.Options{
		Region:           region,
		Credentials:      staticCredentials(),
		HTTPClient:       hc,
		RetryMaxAttempts: 1,
	}
	if endpoint != "" {
		o.BaseEndpoint = aws.String(endpoint)
	}
	c, err := cwlogs.New(o)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// newOfficial returns an official client that sends through hc, to endpoint
// if it is not empty, with retries off.
func newOfficial(hc cloudwatchlogs.HTTPClient, endpoint string) *cloudwatchlogs.Client {
	o := cloudwatchlogs.Options{
		Region:      region,
		Credentials: staticCredentials(),
		HTTPClient:  hc,
		Retryer:     aws.NopRetryer{},
	}
	if endpoint != "" {
		o.BaseEndpoint = aws.String(endpoint)
	}
	return cloudwatchlogs.New(o)
}

// fromOfficial maps an output of the official client onto the cwlogs
// output it stands for: pointer scalars become values (nil becomes ""),
// union members wrapped in a Value struct become the member types, the
// official per-policy types all become cwlogs.OpenSearchPolicy, and the
// request id, status and number of attempts come from the official result
// metadata.
func fromOfficial(o *cloudwatchlogs.GetIntegrationOutput) *cwlogs.GetIntegrationOutput {
	if o == nil {
		return nil
	}
	out := &cwlogs.GetIntegrationOutput{
		IntegrationName:    aws.ToString(o.IntegrationName),
		IntegrationType:    cwlogs.IntegrationType(o.IntegrationType),
		IntegrationStatus:  cwlogs.IntegrationStatus(o.IntegrationStatus),
		IntegrationDetails: detailsFromOfficial(o.IntegrationDetails),
		ResultMetadata:     metadataFromOfficial(o.ResultMetadata),
	}
	return out
}

// metadataFromOfficial maps the official result metadata onto cwlogs': the
// request id, the HTTP status and the number of attempts.
func metadataFromOfficial(md middleware.Metadata) cwlogs.ResponseMetadata {
	var m cwlogs.ResponseMetadata
	m.RequestID, _ = awsmiddleware.GetRequestIDMetadata(md)
	if raw, ok := awsmiddleware.GetRawResponse(md).(*smithyhttp.Response); ok {
		m.StatusCode = raw.StatusCode
	}
	if attempts, ok := retry.GetAttemptResults(md); ok {
		m.Attempts = len(attempts.Results)
	}
	return m
}

func detailsFromOfficial(d types.IntegrationDetails) cwlogs.IntegrationDetails {
	switch d := d.(type) {
	case nil:
		return nil
	case *types.IntegrationDetailsMemberOpenSearchIntegrationDetails:
		return openSearchFromOfficial(&d.Value)
	case *types.UnknownUnionMember:
		return &cwlogs.UnknownIntegrationDetails{Name: d.Tag, Value: d.Value}
	default:
		// Unreachable with v1.92.2: the union is sealed. A newer SDK that
		// adds a member makes the comparison fail, naming the type.
		panic(fmt.Sprintf("compat: no cwlogs counterpart for official member %T", d))
	}
}

func openSearchFromOfficial(v *types.OpenSearchIntegrationDetails) *cwlogs.OpenSearchIntegrationDetails {
	d := &cwlogs.OpenSearchIntegrationDetails{}
	if s := v.DataSource; s != nil {
		d.DataSource = &cwlogs.OpenSearchDataSource{
			DataSourceName: aws.ToString(s.DataSourceName),
			Status:         statusFromOfficial(s.Status),
		}
	}
	if a := v.Application; a != nil {
		d.Application = &cwlogs.OpenSearchApplication{
			ApplicationEndpoint: aws.ToString(a.ApplicationEndpoint),
			ApplicationArn:      aws.ToString(a.ApplicationArn),
			ApplicationID:       aws.ToString(a.ApplicationId),
			Status:              statusFromOfficial(a.Status),
		}
	}
	if c := v.Collection; c != nil {
		d.Collection = &cwlogs.OpenSearchCollection{
			CollectionEndpoint: aws.ToString(c.CollectionEndpoint),
			CollectionArn:      aws.ToString(c.CollectionArn),
			Status:             statusFromOfficial(c.Status),
		}
	}
	if w := v.Workspace; w != nil {
		d.Workspace = &cwlogs.OpenSearchWorkspace{
			WorkspaceID: aws.ToString(w.WorkspaceId),
			Status:      statusFromOfficial(w.Status),
		}
	}
	if p := v.EncryptionPolicy; p != nil {
		d.EncryptionPolicy = policy(p.PolicyName, p.Status)
	}
	if p := v.NetworkPolicy; p != nil {
		d.NetworkPolicy = policy(p.PolicyName, p.Status)
	}
	if p := v.AccessPolicy; p != nil {
		d.AccessPolicy = policy(p.PolicyName, p.Status)
	}
	if p := v.LifecyclePolicy; p != nil {
		d.LifecyclePolicy = policy(p.PolicyName, p.Status)
	}
	return d
}

func policy(name *string, s *types.OpenSearchResourceStatus) *cwlogs.OpenSearchPolicy {
	return &cwlogs.OpenSearchPolicy{PolicyName: aws.ToString(name), Status: statusFromOfficial(s)}
}

// statusFromOfficial maps an official status; an absent one is the zero
// value, which is how cwlogs reports it.
func statusFromOfficial(s *types.OpenSearchResourceStatus) cwlogs.OpenSearchResourceStatus {
	if s == nil {
		return cwlogs.OpenSearchResourceStatus{}
	}
	return cwlogs.OpenSearchResourceStatus{
		Status:        cwlogs.OpenSearchResourceStatusType(s.Status),
		StatusMessage: aws.ToString(s.StatusMessage),
	}
}
