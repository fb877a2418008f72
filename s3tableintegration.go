package cwlogs

import "time"

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
