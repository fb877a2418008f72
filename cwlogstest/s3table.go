package cwlogstest

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/cwlogs-go/cwlogs"
)

// S3TableIntegrationArn is the ARN of the S3 Table integration every
// [Server] holds from its start, with no sources: the account's one S3
// Table integration in [Region]. [Server.AddS3TableIntegration] adds
// others.
const S3TableIntegrationArn = "arn:aws:observabilityadmin:" + Region + ":" + AccountID + ":s3tableintegration/cwlogstest000000000000001"

// DefaultMaxResults is the number of sources a page of
// ListSourcesForS3TableIntegration holds at most when the request sets no
// maxResults. The service documents none; the kit's is small, so that a
// test with a few sources meets paging.
const DefaultMaxResults = 10

// pageTokenTTL is how long a page token stays valid on the server's clock,
// as the service documents.
const pageTokenTTL = 24 * time.Hour

// The reason a source is listed with while its association is under way.
const pendingReason = "The data source is being associated."

// SourceLifecycle is how a source associated by
// AssociateSourceToS3TableIntegration goes, as
// ListSourcesForS3TableIntegration shows it. A poll is a List that lists the
// source. The zero value makes a source ACTIVE at once and, once
// disassociated, DATA_SOURCE_DELETE_IN_PROGRESS on the next List that
// lists it, gone from the one after.
type SourceLifecycle struct {
	// Polls is the number of List calls that list the source with the
	// Pending status before its outcome.
	Polls int
	// Duration is how long, on the server's clock, the association is
	// under way after it was made. With both Polls and Duration set, it
	// ends when both have passed.
	Duration time.Duration
	// Pending is the status of the source while its association is under
	// way, with a reason that says so: UNHEALTHY when empty. (The service
	// documents no status for it.)
	Pending cwlogs.S3TableIntegrationSourceStatus
	// Status is the outcome: ACTIVE when empty, or FAILED, UNHEALTHY or
	// any other value.
	Status cwlogs.S3TableIntegrationSourceStatus
	// Reason is the statusReason of the outcome.
	Reason string
	// DeletePolls is the number of List calls that list a disassociated
	// source DATA_SOURCE_DELETE_IN_PROGRESS before it is gone; one at
	// least, as the service's disassociation is not instant.
	DeletePolls int
	// DeleteDuration is how long, on the server's clock, a disassociated
	// source stays. With both DeletePolls and DeleteDuration set, it is
	// gone when both have passed.
	DeleteDuration time.Duration
}

// s3Table is an S3 Table integration and its sources, in the order of
// their association, the order they are listed in.
type s3Table struct {
	sources []*source
}

// source is a data source associated with an S3 Table integration.
type source struct {
	cwlogs.S3TableIntegrationSource
	// seq orders the sources of the server by association: a page token
	// holds the seq of the last source it follows.
	seq       int
	created   time.Time
	lifecycle SourceLifecycle
	// polls counts the List calls that listed it.
	polls int
	// seeded sources show their status as seeded.
	seeded bool
	// deleting is set by DisassociateSourceFromS3TableIntegration, at
	// deleted; deletePolls counts the List calls that listed it since.
	deleting    bool
	deleted     time.Time
	deletePolls int
}

// view returns the source as a List shows it at now.
func (src *source) view(now time.Time) cwlogs.S3TableIntegrationSource {
	v := src.S3TableIntegrationSource
	l := src.lifecycle
	switch {
	case src.deleting:
		v.Status, v.StatusReason = cwlogs.S3TableIntegrationSourceStatusDataSourceDeleteInProgress, ""
	case src.seeded:
	case src.polls < l.Polls || now.Sub(src.created) < l.Duration:
		v.Status, v.StatusReason = orStatus(l.Pending, cwlogs.S3TableIntegrationSourceStatusUnhealthy), pendingReason
	default:
		v.Status, v.StatusReason = orStatus(l.Status, cwlogs.S3TableIntegrationSourceStatusActive), l.Reason
	}
	return v
}

// gone reports whether a disassociated source has left at now.
func (src *source) gone(now time.Time) bool {
	return src.deleting && src.deletePolls >= max(src.lifecycle.DeletePolls, 1) &&
		now.Sub(src.deleted) >= src.lifecycle.DeleteDuration
}

func orStatus(s, def cwlogs.S3TableIntegrationSourceStatus) cwlogs.S3TableIntegrationSourceStatus {
	if s == "" {
		return def
	}
	return s
}

// pageToken is where a page token given out goes on from.
type pageToken struct {
	integrationArn string
	// after is the seq of the last source of the page it follows.
	after  int
	issued time.Time
}

// SetSourceLifecycle sets how the sources of data source ds (name and
// type compared exactly) go once associated, and how those already
// associated go on from now (the polls they had count). A source without
// one set follows the zero SourceLifecycle. It returns an error, and
// changes nothing, when a count or duration of l is negative.
func (s *Server) SetSourceLifecycle(ds cwlogs.DataSource, l SourceLifecycle) error {
	if l.Polls < 0 || l.Duration < 0 || l.DeletePolls < 0 || l.DeleteDuration < 0 {
		return fmt.Errorf("cwlogstest: SetSourceLifecycle: %+v has a negative count or duration", l)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sourceLifecycles[ds] = l
	for _, t := range s.s3Tables {
		for _, src := range t.sources {
			if src.DataSource == ds {
				src.lifecycle = l
			}
		}
	}
	return nil
}

// S3TableSources returns the sources of the S3 Table integration of that
// ARN as the next ListSourcesForS3TableIntegration would show them, in
// order, without counting a poll; nil when the server has no such
// integration.
func (s *Server) S3TableSources(integrationArn string) []cwlogs.S3TableIntegrationSource {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.s3Tables[integrationArn]
	if t == nil {
		return nil
	}
	now := s.clock()
	s.prune(t, now)
	out := make([]cwlogs.S3TableIntegrationSource, len(t.sources))
	for i, src := range t.sources {
		out[i] = src.view(now)
	}
	return out
}

// addSource adds src to t, its lifecycle the one set for its data source.
// s.mu is held.
func (s *Server) addSource(t *s3Table, src *source) {
	s.sourceSeq++
	src.seq = s.sourceSeq
	src.lifecycle = s.sourceLifecycles[src.DataSource]
	t.sources = append(t.sources, src)
}

// findSource returns the source of that identifier and its integration.
// s.mu is held.
func (s *Server) findSource(id string) (*s3Table, *source) {
	for _, t := range s.s3Tables {
		for _, src := range t.sources {
			if src.Identifier == id {
				return t, src
			}
		}
	}
	return nil, nil
}

// prune removes the sources of t whose disassociation has ended at now.
// s.mu is held.
func (s *Server) prune(t *s3Table, now time.Time) {
	t.sources = slices.DeleteFunc(t.sources, func(src *source) bool { return src.gone(now) })
}

// s3TableOf returns the S3 Table integration a request names, or the
// service's answer when the ARN is not one or names no integration.
func (s *Server) s3TableOf(req *request) (*s3Table, Response) {
	a := req.str(pathIntegrationArn)
	if _, err := arn.Parse(a); err != nil {
		return nil, ErrorResponse(400, "ValidationException", "Invalid integration ARN")
	}
	t := s.s3Tables[a]
	if t == nil {
		return nil, ErrorResponse(400, "ValidationException", "Integration not found")
	}
	return t, Response{}
}

// associateSource creates a source of the data source asked for. A second
// association of the same data source makes a second source: what the
// service does is not documented, and a test can see a client that
// associated twice.
func (s *Server) associateSource(req *request) Response {
	t, fail := s.s3TableOf(req)
	if t == nil {
		return fail
	}
	now := s.clock()
	src := &source{
		S3TableIntegrationSource: cwlogs.S3TableIntegrationSource{
			Identifier:       newUUID(),
			DataSource:       cwlogs.DataSource{Name: req.str(pathDataSourceName), Type: req.str(pathDataSourceType)},
			CreatedTimeStamp: now.UnixMilli(),
		},
		created: now,
	}
	s.addSource(t, src)
	return identifierResponse(src.Identifier)
}

// disassociateSource starts the disassociation of a source. A source
// already being disassociated is not found, as a repeated call finds it
// in the service.
func (s *Server) disassociateSource(req *request) Response {
	id := req.str(pathIdentifier)
	t, src := s.findSource(id)
	now := s.clock()
	if t != nil {
		s.prune(t, now)
	}
	if src == nil || src.deleting || src.gone(now) {
		return ErrorResponse(400, "ResourceNotFoundException", "Source "+id+" not found.")
	}
	src.deleting, src.deleted, src.deletePolls = true, now, 0
	return identifierResponse(id)
}

// listSources answers with a page of the sources of an integration, and a
// token for the next page when more follow.
func (s *Server) listSources(req *request) Response {
	t, fail := s.s3TableOf(req)
	if t == nil {
		return fail
	}
	now := s.clock()
	after := 0
	if req.has(pathNextToken) {
		tok, ok := s.pageTokens[req.str(pathNextToken)]
		switch {
		case !ok || tok.integrationArn != req.str(pathIntegrationArn):
			return ErrorResponse(400, "ValidationException", "Invalid nextToken")
		case now.Sub(tok.issued) >= pageTokenTTL:
			return ErrorResponse(400, "ValidationException", "The nextToken has expired")
		}
		after = tok.after
	}
	limit := DefaultMaxResults
	if req.has(pathMaxResults) {
		limit = int(req.integer(pathMaxResults))
	}
	s.prune(t, now)
	page := []cwlogs.S3TableIntegrationSource{}
	var next string
	for _, src := range t.sources {
		if src.seq <= after {
			continue
		}
		if len(page) == limit {
			next = newToken()
			s.pageTokens[next] = pageToken{integrationArn: req.str(pathIntegrationArn), after: after, issued: now}
			break
		}
		page = append(page, src.view(now))
		after = src.seq
		if src.deleting {
			src.deletePolls++
		} else {
			src.polls++
		}
	}
	return jsonResponse(struct {
		Sources   []cwlogs.S3TableIntegrationSource `json:"sources"`
		NextToken string                            `json:"nextToken,omitempty"`
	}{page, next})
}

// identifierResponse is the answer of Associate and Disassociate.
func identifierResponse(id string) Response {
	return jsonResponse(struct {
		Identifier string `json:"identifier"`
	}{id})
}

// newUUID returns a random version 4 UUID.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read does not fail
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// newToken returns a new opaque page token.
func newToken() string {
	var b [24]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
