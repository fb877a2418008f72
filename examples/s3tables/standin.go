package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cwlogs-go/cwlogs"
)

// This file is the in-process stand-in the program runs against by default:
// a small CloudWatch Logs on 127.0.0.1 that knows one S3 Table integration
// and answers the three operations on its sources. It checks what the
// program sends, not signatures, and keeps its state in memory.

// standInIntegration is the ARN of the stand-in's integration, a fake one
// in the documentation account.
const standInIntegration = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/3g5043wqe54nmw5apiugwkn1a"

// standInEpoch is the stand-in's clock: sources are stamped from it, a
// second apart, so that the program's output is the same on every run.
var standInEpoch = time.Date(2026, 3, 12, 10, 15, 32, 0, time.UTC)

// standInSource is a source the stand-in keeps, with the listings it is
// in: a listing is a List call for a first page, and they are numbered
// from 1.
type standInSource struct {
	cwlogs.S3TableIntegrationSource
	from  int // the first listing it is in
	until int // the first listing it is no longer in; 0 for none
}

// standIn is the stand-in's state and its HTTP handler.
type standIn struct {
	mu       sync.Mutex
	sources  []*standInSource
	listings int // listings begun
	made     int // associations made, for identifiers and time stamps
	requests int // for request ids
}

// newStandIn returns a stand-in whose integration has three sources.
func newStandIn() *standIn {
	s := &standIn{}
	for _, src := range []cwlogs.S3TableIntegrationSource{
		{DataSource: cwlogs.DataSource{Name: "amazon_cloudfront", Type: "access"}, Status: cwlogs.S3TableIntegrationSourceStatusActive},
		{DataSource: cwlogs.DataSource{Name: "amazon_vpc", Type: "flow"}, Status: cwlogs.S3TableIntegrationSourceStatusActive},
		{DataSource: cwlogs.DataSource{Name: "custom_app"}, Status: cwlogs.S3TableIntegrationSourceStatusUnhealthy,
			StatusReason: "no log group is tagged with this data source"},
	} {
		s.add(src, 0)
	}
	return s
}

// add keeps a new source, with an identifier and a time stamp of its own,
// not listed in the next hidden listings.
func (s *standIn) add(src cwlogs.S3TableIntegrationSource, hidden int) *standInSource {
	s.made++
	src.Identifier = fmt.Sprintf("00000000-0000-4000-8000-%012d", s.made)
	src.CreatedTimeStamp = standInEpoch.Add(time.Duration(s.made) * time.Second).UnixMilli()
	e := &standInSource{S3TableIntegrationSource: src, from: s.listings + 1 + hidden}
	s.sources = append(s.sources, e)
	return e
}

// standInClient starts the stand-in and returns a client for it, and a
// function that stops it. integration is the ARN the program was given,
// the stand-in's unless -integration set another.
func standInClient(integration string) (client *cwlogs.Client, closeServer func(), err error) {
	// httptest.NewServer panics when it cannot listen on 127.0.0.1:
	// report that as an error line like any other.
	defer func() {
		if r := recover(); r != nil {
			client, closeServer, err = nil, nil, fmt.Errorf("start the stand-in: %v", r)
		}
	}()
	srv := httptest.NewServer(newStandIn())
	client, err = cwlogs.New(cwlogs.Options{
		Region:       "us-west-2",
		Credentials:  aws.AnonymousCredentials{},
		BaseEndpoint: aws.String(srv.URL),
		HTTPClient:   srv.Client(),
	})
	return client, srv.Close, err
}

// standInRequest holds the members of the three operations' requests.
type standInRequest struct {
	IntegrationArn string             `json:"integrationArn"`
	DataSource     *cwlogs.DataSource `json:"dataSource"`
	Identifier     string             `json:"identifier"`
	MaxResults     int32              `json:"maxResults"`
	NextToken      string             `json:"nextToken"`
}

// ServeHTTP answers one request of the three operations.
func (s *standIn) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests++
	w.Header().Set("Content-Type", "application/x-amz-json-1.1")
	w.Header().Set("X-Amzn-RequestId", fmt.Sprintf("5e7a0000-0000-4000-8000-%012d", s.requests))
	var in standInRequest
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/x-amz-json-1.1" {
		fail(w, http.StatusBadRequest, "SerializationException", "want a POST of application/x-amz-json-1.1")
		return
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		fail(w, http.StatusBadRequest, "SerializationException", "the body is not JSON")
		return
	}
	op, _ := strings.CutPrefix(r.Header.Get("X-Amz-Target"), "Logs_20140328.")
	switch op {
	case "AssociateSourceToS3TableIntegration":
		if in.IntegrationArn != standInIntegration {
			fail(w, http.StatusBadRequest, "ValidationException", "Integration not found")
			return
		}
		if in.DataSource == nil || in.DataSource.Name == "" {
			fail(w, http.StatusBadRequest, "ValidationException", "1 validation error detected: Value null at 'dataSource.name'")
			return
		}
		e := s.add(cwlogs.S3TableIntegrationSource{DataSource: *in.DataSource, Status: cwlogs.S3TableIntegrationSourceStatusActive}, 1)
		answer(w, map[string]string{"identifier": e.Identifier})
	case "DisassociateSourceFromS3TableIntegration":
		for _, e := range s.sources {
			if e.Identifier == in.Identifier && e.until == 0 {
				// Listed, being deleted, in the next two listings.
				e.Status, e.until = cwlogs.S3TableIntegrationSourceStatusDataSourceDeleteInProgress, s.listings+3
				answer(w, map[string]string{"identifier": e.Identifier})
				return
			}
		}
		fail(w, http.StatusBadRequest, "ResourceNotFoundException", "Data source association "+in.Identifier+" not found")
	case "ListSourcesForS3TableIntegration":
		s.list(w, in)
	default:
		fail(w, http.StatusBadRequest, "UnknownOperationException", "unknown operation "+op)
	}
}

// list answers a page of the sources listed; a first page begins a new
// listing, which moves the sources on in their lives.
func (s *standIn) list(w http.ResponseWriter, in standInRequest) {
	if in.IntegrationArn != standInIntegration {
		fail(w, http.StatusBadRequest, "ValidationException", "Integration not found")
		return
	}
	if in.NextToken == "" {
		s.listings++
	}
	var listed []cwlogs.S3TableIntegrationSource
	for _, e := range s.sources {
		if e.from <= s.listings && (e.until == 0 || s.listings < e.until) {
			listed = append(listed, e.S3TableIntegrationSource)
		}
	}
	start := 0
	if in.NextToken != "" {
		n, err := strconv.Atoi(strings.TrimPrefix(in.NextToken, "standin-"))
		if err != nil || !strings.HasPrefix(in.NextToken, "standin-") || n <= 0 || n > len(listed) {
			fail(w, http.StatusBadRequest, "ValidationException", "Invalid next token")
			return
		}
		start = n
	}
	size := int(in.MaxResults)
	if size == 0 {
		size = 100
	}
	end := min(start+size, len(listed))
	out := cwlogs.ListSourcesForS3TableIntegrationOutput{Sources: listed[start:end]}
	if end < len(listed) {
		out.NextToken = "standin-" + strconv.Itoa(end)
	}
	answer(w, out)
}

// answer writes v as the body of a 200.
func answer(w http.ResponseWriter, v any) {
	_ = json.NewEncoder(w).Encode(v)
}

// fail writes an error of code.
func fail(w http.ResponseWriter, status int, code, message string) {
	w.Header().Set("X-Amzn-ErrorType", code)
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"__type": code, "message": message})
}
