package cwlogstest

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/internal/rules"
)

// Integration is an integration to seed with [Server.SeedIntegration]: one
// the account holds before the code under test runs, as if created
// earlier. Only Name is required.
type Integration struct {
	// Name is the integration's name, one a request can ask for.
	Name string
	// Type is its type: OPENSEARCH when empty.
	Type cwlogs.IntegrationType
	// Config is the configuration it was created with, from which the
	// names and messages of its resources derive, as for an integration
	// PutIntegration creates. When nil: the role
	// arn:aws:iam::123456789012:role/CWLOpenSearchRole, the dashboard
	// viewer arn:aws:iam::123456789012:role/CWLDashboardViewer and 30 days.
	Config *cwlogs.OpenSearchResourceConfig
	// Lifecycle is how it goes on from the seeding, its polls counted from
	// then. The zero value makes it ACTIVE from its first read (a seeded
	// integration has not just been created); Polls keeps it PROVISIONING
	// for that many reads, Fail makes it end FAILED.
	Lifecycle Lifecycle
	// Status, when not empty, is the status GetIntegration and
	// ListIntegrations show, whatever the lifecycle: a value this package
	// does not know, or a PROVISIONING that never ends.
	Status cwlogs.IntegrationStatus
	// Details, when not nil, are the details GetIntegration shows, as they
	// are, in place of those of Config and the lifecycle: resources in
	// statuses of the test's choice, or an [cwlogs.UnknownIntegrationDetails].
	// The server keeps the value: do not change it after.
	Details cwlogs.IntegrationDetails
	// Dashboards marks it as having vended logs dashboards (see
	// [Server.SetDashboards]).
	Dashboards bool
}

// The configuration of a seeded integration whose Config is nil.
const (
	seedRole   = "arn:aws:iam::" + AccountID + ":role/CWLOpenSearchRole"
	seedViewer = "arn:aws:iam::" + AccountID + ":role/CWLDashboardViewer"
	seedDays   = 30
)

// SeedIntegration adds an integration to the account, without a request:
// GetIntegration shows it, ListIntegrations lists it, DeleteIntegration
// removes it, and it counts against the account's limit (see
// [Server.SetIntegrationLimit]), which the seeding itself ignores. It
// replaces an integration of the same name. [Server.Requests] does not
// record it, so that it holds the requests of the code under test alone.
// It returns an error, and changes nothing, when the name is not one a
// request can ask for or in.Lifecycle.Fail names a resource that is not
// one of the eight.
func (s *Server) SeedIntegration(in Integration) error {
	if msg := invalidName(in.Name); msg != "" {
		return fmt.Errorf("cwlogstest: SeedIntegration: integration name %q, which no request can ask for: %s", in.Name, msg)
	}
	if err := in.Lifecycle.check("SeedIntegration"); err != nil {
		return err
	}
	cfg := in.Config
	if cfg == nil {
		cfg = &cwlogs.OpenSearchResourceConfig{
			DataSourceRoleArn:         seedRole,
			DashboardViewerPrincipals: []string{seedViewer},
			RetentionDays:             seedDays,
		}
	}
	typ := in.Type
	if typ == "" {
		typ = cwlogs.IntegrationTypeOpenSearch
	}
	l := in.Lifecycle
	l.Fail = maps.Clone(l.Fail)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.integrations[in.Name] = &integration{
		name:         in.Name,
		typ:          typ,
		created:      s.clock(),
		roleArn:      cfg.DataSourceRoleArn,
		principals:   slices.Clone(cfg.DashboardViewerPrincipals),
		retention:    int64(cfg.RetentionDays),
		kmsKeyArn:    cfg.KmsKeyArn,
		application:  cfg.ApplicationArn,
		lifecycle:    l,
		fixedStatus:  in.Status,
		fixedDetails: in.Details,
	}
	s.dashboards[in.Name] = in.Dashboards
	return nil
}

// AddS3TableIntegration adds an S3 Table integration of that ARN, with no
// sources, as Observability Admin would create one; adding one that
// exists changes nothing. It returns an error when integrationArn is not
// an ARN.
func (s *Server) AddS3TableIntegration(integrationArn string) error {
	if _, err := arn.Parse(integrationArn); err != nil {
		return fmt.Errorf("cwlogstest: AddS3TableIntegration: %q is not an ARN: %w", integrationArn, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.s3Tables[integrationArn] == nil {
		s.s3Tables[integrationArn] = &s3Table{}
	}
	return nil
}

// SeedS3TableSource adds a source to the S3 Table integration of that ARN,
// without a request, and returns its identifier: src as given, listed in
// its status (ACTIVE when empty) until it is disassociated, then as its
// data source's lifecycle says (see [Server.SetSourceLifecycle]). An empty
// Identifier gets a new UUID, and a zero CreatedTimeStamp the server's
// time. [Server.Requests] does not record it. It returns an error, and
// seeds nothing, when src is not a source an association could have made
// (src.DataSource.Name empty, as AssociateSourceToS3TableIntegration
// requires a name, or a string of src that is not valid UTF-8, which no
// request or response can carry), when src.Identifier is longer than
// DisassociateSourceFromS3TableIntegration takes (2048 characters), when
// the server has no S3 Table integration of that ARN, or already a source
// of that identifier. A listing that no association can make is a
// response to set with [Server.AnswerOn] or [Server.EnqueueFor].
func (s *Server) SeedS3TableSource(integrationArn string, src cwlogs.S3TableIntegrationSource) (string, error) {
	if err := checkSeededSource(src); err != nil {
		return "", err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.s3Tables[integrationArn]
	if t == nil {
		return "", fmt.Errorf("cwlogstest: SeedS3TableSource: no S3 Table integration %q (add it with AddS3TableIntegration)", integrationArn)
	}
	if src.Identifier == "" {
		src.Identifier = newUUID()
	}
	if _, found := s.findSource(src.Identifier); found != nil {
		return "", fmt.Errorf("cwlogstest: SeedS3TableSource: a source of identifier %q exists", src.Identifier)
	}
	now := s.clock()
	if src.CreatedTimeStamp == 0 {
		src.CreatedTimeStamp = now.UnixMilli()
	}
	if src.Status == "" {
		src.Status = cwlogs.S3TableIntegrationSourceStatusActive
	}
	s.addSource(t, &source{S3TableIntegrationSource: src, created: now, seeded: true})
	return src.Identifier, nil
}

// checkSeededSource returns why src cannot be seeded, or nil: see
// [Server.SeedS3TableSource].
func checkSeededSource(src cwlogs.S3TableIntegrationSource) error {
	if src.DataSource.Name == "" {
		return errors.New("cwlogstest: SeedS3TableSource: src.DataSource.Name is empty: AssociateSourceToS3TableIntegration requires a data source name")
	}
	for _, f := range []struct{ field, value string }{
		{"src.Identifier", src.Identifier},
		{"src.DataSource.Name", src.DataSource.Name},
		{"src.DataSource.Type", src.DataSource.Type},
		{"src.Status", string(src.Status)},
		{"src.StatusReason", src.StatusReason},
		{"src.ParentSourceIdentifier", src.ParentSourceIdentifier},
	} {
		if i := rules.InvalidUTF8At(f.value); i >= 0 {
			return fmt.Errorf("cwlogstest: SeedS3TableSource: %s is %q, which is not valid UTF-8 (byte %d): no request or response can carry it", f.field, f.value, i)
		}
	}
	if n := utf8.RuneCountInString(src.Identifier); n > rules.IdentifierMaxLen {
		return fmt.Errorf("cwlogstest: SeedS3TableSource: src.Identifier is %d characters long, want at most %d: no DisassociateSourceFromS3TableIntegration request can name it",
			n, rules.IdentifierMaxLen)
	}
	return nil
}
