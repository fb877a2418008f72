package cwlogs

// IntegrationType is the kind of service an integration connects CloudWatch
// Logs to. A value the service adds later is kept as it arrives.
type IntegrationType string

// The integration types this package knows.
const (
	IntegrationTypeOpenSearch IntegrationType = "OPENSEARCH"
)

// Values returns the integration types this package knows.
func (IntegrationType) Values() []IntegrationType {
	return []IntegrationType{IntegrationTypeOpenSearch}
}

// IntegrationStatus is the provisioning state of an integration. A value the
// service adds later is kept as it arrives.
type IntegrationStatus string

// The integration statuses this package knows.
const (
	IntegrationStatusProvisioning IntegrationStatus = "PROVISIONING"
	IntegrationStatusActive       IntegrationStatus = "ACTIVE"
	IntegrationStatusFailed       IntegrationStatus = "FAILED"
)

// Values returns the integration statuses this package knows.
func (IntegrationStatus) Values() []IntegrationStatus {
	return []IntegrationStatus{IntegrationStatusProvisioning, IntegrationStatusActive, IntegrationStatusFailed}
}

// OpenSearchResourceStatusType is the state of one OpenSearch Service
// resource of an integration. A value the service adds later is kept as it
// arrives.
type OpenSearchResourceStatusType string

// The resource statuses this package knows.
const (
	OpenSearchResourceStatusTypeActive   OpenSearchResourceStatusType = "ACTIVE"
	OpenSearchResourceStatusTypeNotFound OpenSearchResourceStatusType = "NOT_FOUND"
	OpenSearchResourceStatusTypeError    OpenSearchResourceStatusType = "ERROR"
)

// Values returns the resource statuses this package knows.
func (OpenSearchResourceStatusType) Values() []OpenSearchResourceStatusType {
	return []OpenSearchResourceStatusType{
		OpenSearchResourceStatusTypeActive,
		OpenSearchResourceStatusTypeNotFound,
		OpenSearchResourceStatusTypeError,
	}
}

// OpenSearchResourceStatus is the state of an OpenSearch Service resource
// and, when the service gives one, the reason for it. The zero value means
// the service reported no status.
type OpenSearchResourceStatus struct {
	Status        OpenSearchResourceStatusType `json:"status,omitzero"`
	StatusMessage string                       `json:"statusMessage,omitzero"`
}

// OpenSearchDataSource is the OpenSearch Service data source that reads the
// log group data.
type OpenSearchDataSource struct {
	DataSourceName string                   `json:"dataSourceName,omitzero"`
	Status         OpenSearchResourceStatus `json:"status,omitzero"`
}

// OpenSearchApplication is the OpenSearch UI application of an integration.
type OpenSearchApplication struct {
	ApplicationEndpoint string                   `json:"applicationEndpoint,omitzero"`
	ApplicationArn      string                   `json:"applicationArn,omitzero"`
	ApplicationID       string                   `json:"applicationId,omitzero"`
	Status              OpenSearchResourceStatus `json:"status,omitzero"`
}

// OpenSearchCollection is the OpenSearch Serverless collection that stores
// the integration's data.
type OpenSearchCollection struct {
	CollectionEndpoint string                   `json:"collectionEndpoint,omitzero"`
	CollectionArn      string                   `json:"collectionArn,omitzero"`
	Status             OpenSearchResourceStatus `json:"status,omitzero"`
}

// OpenSearchWorkspace is the OpenSearch UI workspace of an integration.
type OpenSearchWorkspace struct {
	WorkspaceID string                   `json:"workspaceId,omitzero"`
	Status      OpenSearchResourceStatus `json:"status,omitzero"`
}

// OpenSearchPolicy is one of the OpenSearch Serverless policies (encryption,
// network, data access or lifecycle) that the integration created.
type OpenSearchPolicy struct {
	PolicyName string                   `json:"policyName,omitzero"`
	Status     OpenSearchResourceStatus `json:"status,omitzero"`
}
