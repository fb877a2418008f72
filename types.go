package cwlogs

import "github.com/cwlogs-go/cwlogs/internal/jsonwire"

// This file holds the OpenSearch models: the details of an integration
// and its eight resources, which GetIntegration returns, and the resource
// configuration PutIntegration sends; with their readers.

// OpenSearchIntegrationDetails is the openSearchIntegrationDetails member of
// [IntegrationDetails]: the OpenSearch Service resources that the integration
// uses. A resource the service did not report is nil.
type OpenSearchIntegrationDetails struct {
	DataSource       *OpenSearchDataSource  `json:"dataSource,omitzero"`
	Application      *OpenSearchApplication `json:"application,omitzero"`
	Collection       *OpenSearchCollection  `json:"collection,omitzero"`
	Workspace        *OpenSearchWorkspace   `json:"workspace,omitzero"`
	EncryptionPolicy *OpenSearchPolicy      `json:"encryptionPolicy,omitzero"`
	NetworkPolicy    *OpenSearchPolicy      `json:"networkPolicy,omitzero"`
	AccessPolicy     *OpenSearchPolicy      `json:"accessPolicy,omitzero"`
	LifecyclePolicy  *OpenSearchPolicy      `json:"lifecyclePolicy,omitzero"`
}

func (*OpenSearchIntegrationDetails) isIntegrationDetails() {}

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

// OpenSearchResourceConfig is the openSearchResourceConfig member of
// [ResourceConfig]: how CloudWatch Logs creates the OpenSearch Service
// resources of an integration of type [IntegrationTypeOpenSearch].
type OpenSearchResourceConfig struct {
	// DataSourceRoleArn is the ARN of the IAM role CloudWatch Logs uses to
	// create and manage the resources. Required.
	DataSourceRoleArn string `json:"dataSourceRoleArn,omitzero"`
	// DashboardViewerPrincipals are the ARNs of the IAM roles and users
	// allowed to view the dashboards. Required: nil is absent, and
	// refused before any request, as the official SDK does. An empty,
	// non-nil list is sent as [], for the service to judge: the API model
	// sets no minimum.
	DashboardViewerPrincipals []string `json:"dashboardViewerPrincipals,omitzero"`
	// RetentionDays is how many days the collection keeps the data, 1 to
	// 30. Required.
	RetentionDays int32 `json:"retentionDays,omitzero"`
	// KmsKeyArn, if set, is the ARN of the KMS key that encrypts the data.
	KmsKeyArn string `json:"kmsKeyArn,omitzero"`
	// ApplicationArn, if set, is the ARN of an existing OpenSearch
	// application to use instead of creating one.
	ApplicationArn string `json:"applicationArn,omitzero"`
}

func (*OpenSearchResourceConfig) isResourceConfig() {}

// openSearchResources holds an OpenSearchIntegrationDetails and the
// resources it points to, so that reading them takes one allocation.
type openSearchResources struct {
	details     OpenSearchIntegrationDetails
	dataSource  OpenSearchDataSource
	application OpenSearchApplication
	collection  OpenSearchCollection
	workspace   OpenSearchWorkspace
	policies    [4]OpenSearchPolicy // encryption, network, access, lifecycle
}

// readOpenSearchDetails reads the openSearchIntegrationDetails member of
// the integrationDetails union, which is not null.
func readOpenSearchDetails(r *jsonwire.Reader) (*OpenSearchIntegrationDetails, error) {
	res := new(openSearchResources)
	d := &res.details
	err := r.Fields(func(name string) (err error) {
		switch name {
		case "dataSource":
			d.DataSource, err = readResource(r, &res.dataSource)
		case "application":
			d.Application, err = readResource(r, &res.application)
		case "collection":
			d.Collection, err = readResource(r, &res.collection)
		case "workspace":
			d.Workspace, err = readResource(r, &res.workspace)
		case "encryptionPolicy":
			d.EncryptionPolicy, err = readResource(r, &res.policies[0])
		case "networkPolicy":
			d.NetworkPolicy, err = readResource(r, &res.policies[1])
		case "accessPolicy":
			d.AccessPolicy, err = readResource(r, &res.policies[2])
		case "lifecyclePolicy":
			d.LifecyclePolicy, err = readResource(r, &res.policies[3])
		default:
			err = r.Skip()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// openSearchResource is a resource of OpenSearchIntegrationDetails as
// readResource sees it: string members, and a status.
type openSearchResource interface {
	// stringMember returns the string member named name on the wire, or
	// nil if the resource has no such member.
	stringMember(name string) *string
	// resourceStatus returns the resource's status member.
	resourceStatus() *OpenSearchResourceStatus
}

// readResource reads a resource into v, which it returns; null gives nil.
func readResource[T any, P interface {
	*T
	openSearchResource
}](r *jsonwire.Reader, v P) (P, error) {
	if r.Null() {
		return nil, nil
	}
	var zero T
	*v = zero
	err := r.Fields(func(name string) error {
		if name == "status" {
			return v.resourceStatus().read(r)
		}
		if p := v.stringMember(name); p != nil {
			var err error
			*p, err = r.StringValue()
			return err
		}
		return r.Skip()
	})
	return v, err
}

// read reads an OpenSearchResourceStatus into s.
func (s *OpenSearchResourceStatus) read(r *jsonwire.Reader) error {
	*s = OpenSearchResourceStatus{}
	return r.Fields(func(name string) (err error) {
		switch name {
		case "status":
			s.Status, err = jsonwire.Enum[OpenSearchResourceStatusType](r)
		case "statusMessage":
			s.StatusMessage, err = r.StringValue()
		default:
			err = r.Skip()
		}
		return err
	})
}

func (v *OpenSearchDataSource) stringMember(name string) *string {
	if name == "dataSourceName" {
		return &v.DataSourceName
	}
	return nil
}

func (v *OpenSearchApplication) stringMember(name string) *string {
	switch name {
	case "applicationEndpoint":
		return &v.ApplicationEndpoint
	case "applicationArn":
		return &v.ApplicationArn
	case "applicationId":
		return &v.ApplicationID
	}
	return nil
}

func (v *OpenSearchCollection) stringMember(name string) *string {
	switch name {
	case "collectionEndpoint":
		return &v.CollectionEndpoint
	case "collectionArn":
		return &v.CollectionArn
	}
	return nil
}

func (v *OpenSearchWorkspace) stringMember(name string) *string {
	if name == "workspaceId" {
		return &v.WorkspaceID
	}
	return nil
}

func (v *OpenSearchPolicy) stringMember(name string) *string {
	if name == "policyName" {
		return &v.PolicyName
	}
	return nil
}

func (v *OpenSearchDataSource) resourceStatus() *OpenSearchResourceStatus  { return &v.Status }
func (v *OpenSearchApplication) resourceStatus() *OpenSearchResourceStatus { return &v.Status }
func (v *OpenSearchCollection) resourceStatus() *OpenSearchResourceStatus  { return &v.Status }
func (v *OpenSearchWorkspace) resourceStatus() *OpenSearchResourceStatus   { return &v.Status }
func (v *OpenSearchPolicy) resourceStatus() *OpenSearchResourceStatus      { return &v.Status }
