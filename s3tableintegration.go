package cwlogs

import (
	"strings"
	"time"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
	"github.com/cwlogs-go/cwlogs/internal/rules"
)

// S3TableIntegrationSourcesAPI is the part of the API that associates
// data sources with an S3 Table integration: associate, disassociate and
// list. [*Client] implements it; code that depends on this interface can
// be tested with a fake. [IntegrationsAPI] is the other part.
type S3TableIntegrationSourcesAPI interface {
	AssociateSourceToS3TableIntegrationAPI
	DisassociateSourceFromS3TableIntegrationAPI
	ListSourcesForS3TableIntegrationAPI
}

var _ S3TableIntegrationSourcesAPI = (*Client)(nil)

// validateIntegrationArn checks the ARN of an S3 Table integration:
// required, valid UTF-8, and a well-formed ARN (CloudWatch Logs documents
// no length or pattern for it).
func validateIntegrationArn(op, arn string) error {
	if arn == "" {
		return &InvalidInputError{Operation: op, Field: "IntegrationArn", Reason: "is required"}
	}
	if err := validateUTF8(op, "IntegrationArn", arn); err != nil {
		return err
	}
	if reason := checkARN(arn); reason != "" {
		return &InvalidInputError{Operation: op, Field: "IntegrationArn", Reason: reason}
	}
	return nil
}

// validateSourceIdentifier checks the identifier of an association:
// required, at most rules.IdentifierMaxLen characters of valid UTF-8.
func validateSourceIdentifier(op, id string) error {
	if id == "" {
		return &InvalidInputError{Operation: op, Field: "Identifier", Reason: "is required"}
	}
	if err := validateUTF8(op, "Identifier", id); err != nil {
		return err
	}
	// An empty identifier is refused above, as required: the minimum is 1.
	return validateMaxChars(op, "Identifier", id, rules.IdentifierMaxLen)
}

// DataSource names a source of log data that can be associated with an S3
// Table integration: a name and, optionally, a type, such as
// amazon_cloudfront and access. Its new log events are written to the table
// {name}__{type} of the integration's table bucket.
type DataSource struct {
	// Name is the data source's name, such as "amazon_eks". Required.
	Name string `json:"name,omitzero"`
	// Type is the data source's type, such as "audit". Optional: left out
	// of the request when empty.
	Type string `json:"type,omitzero"`
}

// S3TableIntegrationSourceStatus is the state of a data source associated
// with an S3 Table integration. A value the service adds later (it has
// been seen to send DELETING) is kept as it arrives.
type S3TableIntegrationSourceStatus string

// The source statuses this package knows.
const (
	S3TableIntegrationSourceStatusActive                     S3TableIntegrationSourceStatus = "ACTIVE"
	S3TableIntegrationSourceStatusUnhealthy                  S3TableIntegrationSourceStatus = "UNHEALTHY"
	S3TableIntegrationSourceStatusFailed                     S3TableIntegrationSourceStatus = "FAILED"
	S3TableIntegrationSourceStatusDataSourceDeleteInProgress S3TableIntegrationSourceStatus = "DATA_SOURCE_DELETE_IN_PROGRESS"
)

// Values returns the source statuses this package knows.
func (S3TableIntegrationSourceStatus) Values() []S3TableIntegrationSourceStatus {
	return []S3TableIntegrationSourceStatus{
		S3TableIntegrationSourceStatusActive,
		S3TableIntegrationSourceStatusUnhealthy,
		S3TableIntegrationSourceStatusFailed,
		S3TableIntegrationSourceStatusDataSourceDeleteInProgress,
	}
}

// S3TableIntegrationSource is a data source associated with an S3 Table
// integration, as ListSourcesForS3TableIntegration reports it. Members the
// service did not send are zero.
type S3TableIntegrationSource struct {
	// Identifier identifies the association, as
	// AssociateSourceToS3TableIntegration returned it.
	Identifier string `json:"identifier,omitzero"`
	// DataSource is the data source associated.
	DataSource DataSource `json:"dataSource,omitzero"`
	// Status is the state of the association.
	Status S3TableIntegrationSourceStatus `json:"status,omitzero"`
	// StatusReason says why the association is in its status, when the
	// service tells.
	StatusReason string `json:"statusReason,omitzero"`
	// CreatedTimeStamp is when the association was made, in milliseconds
	// since the Unix epoch, as the service sends it; see CreatedTime.
	CreatedTimeStamp int64 `json:"createdTimeStamp,omitzero"`
	// ParentSourceIdentifier identifies the association this one was made
	// from, when the service made it from a wider one (such as a wildcard
	// data source).
	ParentSourceIdentifier string `json:"parentSourceIdentifier,omitzero"`
}

// CreatedTime returns CreatedTimeStamp as a time.Time, or the zero
// time.Time when the service sent no time stamp.
func (s S3TableIntegrationSource) CreatedTime() time.Time {
	if s.CreatedTimeStamp == 0 {
		return time.Time{}
	}
	return time.UnixMilli(s.CreatedTimeStamp)
}

// sourceGoingAway reports whether a source in status s is being removed
// or has failed, so that it cannot be the effect of an association just
// made: FAILED, DATA_SOURCE_DELETE_IN_PROGRESS, and the statuses the
// service may add that say so (it has been seen to send DELETING), those
// that speak of deleting or disassociating.
func sourceGoingAway(s S3TableIntegrationSourceStatus) bool {
	switch s {
	case S3TableIntegrationSourceStatusFailed, S3TableIntegrationSourceStatusDataSourceDeleteInProgress:
		return true
	}
	return strings.Contains(string(s), "DELET") || strings.Contains(string(s), "DISASSOCIAT")
}

// readS3TableIntegrationSources reads a list of sources; null is an empty
// list, and the list returned is never nil.
func readS3TableIntegrationSources(r *jsonwire.Reader) ([]S3TableIntegrationSource, error) {
	return jsonwire.List(r, func(s *S3TableIntegrationSource) error { return readS3TableIntegrationSource(r, s) })
}

// readS3TableIntegrationSource reads a source, or null as the zero source.
func readS3TableIntegrationSource(r *jsonwire.Reader, s *S3TableIntegrationSource) error {
	return r.Fields(func(name string) (err error) {
		switch name {
		case "identifier":
			s.Identifier, err = r.StringValue()
		case "dataSource":
			err = readDataSource(r, &s.DataSource)
		case "status":
			s.Status, err = jsonwire.Enum[S3TableIntegrationSourceStatus](r)
		case "statusReason":
			s.StatusReason, err = r.StringValue()
		case "createdTimeStamp":
			s.CreatedTimeStamp, err = r.Int64()
		case "parentSourceIdentifier":
			s.ParentSourceIdentifier, err = r.StringValue()
		default:
			err = r.Skip()
		}
		return err
	})
}

// readDataSource reads a data source, or null as the zero one, into d,
// which it resets first: a member named twice counts with its last value.
func readDataSource(r *jsonwire.Reader, d *DataSource) error {
	*d = DataSource{}
	return r.Fields(func(name string) (err error) {
		switch name {
		case "name":
			d.Name, err = r.StringValue()
		case "type":
			d.Type, err = r.StringValue()
		default:
			err = r.Skip()
		}
		return err
	})
}
