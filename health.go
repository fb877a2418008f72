package cwlogs

// ResourceKind names one of the eight OpenSearch Service resources of an
// integration. Its value is the resource's member name in
// openSearchIntegrationDetails on the wire, such as "collection".
type ResourceKind string

// The resources of an OpenSearch integration, in the order
// [OpenSearchIntegrationDetails.Resources] returns them.
const (
	ResourceKindDataSource       ResourceKind = "dataSource"
	ResourceKindApplication      ResourceKind = "application"
	ResourceKindCollection       ResourceKind = "collection"
	ResourceKindWorkspace        ResourceKind = "workspace"
	ResourceKindEncryptionPolicy ResourceKind = "encryptionPolicy"
	ResourceKindNetworkPolicy    ResourceKind = "networkPolicy"
	ResourceKindAccessPolicy     ResourceKind = "accessPolicy"
	ResourceKindLifecyclePolicy  ResourceKind = "lifecyclePolicy"
)

// Values returns the resource kinds, in the order of
// [OpenSearchIntegrationDetails.Resources].
func (ResourceKind) Values() []ResourceKind {
	return []ResourceKind{
		ResourceKindDataSource, ResourceKindApplication, ResourceKindCollection, ResourceKindWorkspace,
		ResourceKindEncryptionPolicy, ResourceKindNetworkPolicy, ResourceKindAccessPolicy, ResourceKindLifecyclePolicy,
	}
}

// ResourceHealth is the state of one resource of an integration, as the
// service reported it. It encodes with encoding/json in lower camel case,
// as the other models do: {"kind":…,"id":…,"status":…,"message":…,
// "reported":…}, the id, status and message left out when empty.
type ResourceHealth struct {
	// Kind tells which resource this is.
	Kind ResourceKind `json:"kind"`
	// ID is the resource's identifier as the service names it: the data
	// source's dataSourceName, the application's applicationArn (else its
	// applicationId), the collection's collectionArn, the workspace's
	// workspaceId, a policy's policyName. It is empty when the service
	// sent none.
	ID string `json:"id,omitzero"`
	// Status is the resource's status, such as ACTIVE or ERROR, or a value
	// this package does not know, as it arrived.
	Status OpenSearchResourceStatusType `json:"status,omitzero"`
	// Message is the service's status message, if any.
	Message string `json:"message,omitzero"`
	// Reported is false when the service did not report the resource at
	// all; the other fields but Kind are then empty.
	Reported bool `json:"reported"`
}

// Active reports whether the resource was reported with status ACTIVE.
func (r ResourceHealth) Active() bool {
	return r.Reported && r.Status == OpenSearchResourceStatusTypeActive
}

// Resources returns the eight resources of the integration, always in the
// same order: data source, application, collection, workspace, then the
// encryption, network, data access and lifecycle policies. A resource the
// service did not report is there with Reported false. A nil d has none.
func (d *OpenSearchIntegrationDetails) Resources() []ResourceHealth {
	if d == nil {
		return nil
	}
	rs := make([]ResourceHealth, 0, 8)
	add := func(kind ResourceKind, reported bool, id string, s OpenSearchResourceStatus) {
		r := ResourceHealth{Kind: kind}
		if reported {
			r = ResourceHealth{Kind: kind, ID: id, Status: s.Status, Message: s.StatusMessage, Reported: true}
		}
		rs = append(rs, r)
	}
	if r := d.DataSource; r != nil {
		add(ResourceKindDataSource, true, r.DataSourceName, r.Status)
	} else {
		add(ResourceKindDataSource, false, "", OpenSearchResourceStatus{})
	}
	if r := d.Application; r != nil {
		id := r.ApplicationArn
		if id == "" {
			id = r.ApplicationID
		}
		add(ResourceKindApplication, true, id, r.Status)
	} else {
		add(ResourceKindApplication, false, "", OpenSearchResourceStatus{})
	}
	if r := d.Collection; r != nil {
		add(ResourceKindCollection, true, r.CollectionArn, r.Status)
	} else {
		add(ResourceKindCollection, false, "", OpenSearchResourceStatus{})
	}
	if r := d.Workspace; r != nil {
		add(ResourceKindWorkspace, true, r.WorkspaceID, r.Status)
	} else {
		add(ResourceKindWorkspace, false, "", OpenSearchResourceStatus{})
	}
	for _, p := range [...]struct {
		kind ResourceKind
		p    *OpenSearchPolicy
	}{
		{ResourceKindEncryptionPolicy, d.EncryptionPolicy},
		{ResourceKindNetworkPolicy, d.NetworkPolicy},
		{ResourceKindAccessPolicy, d.AccessPolicy},
		{ResourceKindLifecyclePolicy, d.LifecyclePolicy},
	} {
		if p.p != nil {
			add(p.kind, true, p.p.PolicyName, p.p.Status)
		} else {
			add(p.kind, false, "", OpenSearchResourceStatus{})
		}
	}
	return rs
}

// Problems returns the resources that are not ACTIVE: first those the
// service reported with another status (ERROR, NOT_FOUND, or a value this
// package does not know), then those it did not report, each group in the
// order of [OpenSearchIntegrationDetails.Resources]. It is empty when all
// eight are ACTIVE.
func (d *OpenSearchIntegrationDetails) Problems() []ResourceHealth {
	return problems(d.Resources())
}

// problems returns the resources of rs that are not ACTIVE, the reported
// ones first.
func problems(rs []ResourceHealth) []ResourceHealth {
	var reported, missing []ResourceHealth
	for _, r := range rs {
		switch {
		case r.Active():
		case r.Reported:
			reported = append(reported, r)
		default:
			missing = append(missing, r)
		}
	}
	return append(reported, missing...)
}

// Resources returns the resources of the integration's details, as
// [OpenSearchIntegrationDetails.Resources] does. It returns none when the
// output holds no details, or details of a member this package does not
// know ([UnknownIntegrationDetails]), or when o is nil.
func (o *GetIntegrationOutput) Resources() []ResourceHealth {
	if o == nil {
		return nil
	}
	d, _ := o.IntegrationDetails.(*OpenSearchIntegrationDetails)
	return d.Resources()
}

// Problems returns the resources of the integration's details that are not
// ACTIVE, as [OpenSearchIntegrationDetails.Problems] does. It returns none
// when the output holds no details, or details of a member this package
// does not know, or when o is nil: check [GetIntegrationOutput.HealthKnown]
// to tell that case from an integration whose resources are all ACTIVE.
func (o *GetIntegrationOutput) Problems() []ResourceHealth {
	return problems(o.Resources())
}

// HealthKnown reports whether the output tells the state of the
// integration's resources: whether it holds details of a member this
// package knows. When it does not (no details, which the service may send
// while an integration is PROVISIONING; an [*UnknownIntegrationDetails];
// or a nil o), Resources and Problems are empty, and that says nothing of
// the resources: an empty Problems means "all ACTIVE" only when
// HealthKnown is true.
func (o *GetIntegrationOutput) HealthKnown() bool {
	if o == nil {
		return false
	}
	d, _ := o.IntegrationDetails.(*OpenSearchIntegrationDetails)
	return d.HealthKnown()
}

// HealthKnown reports whether d tells the state of the resources: whether
// it is not nil. A nil d has no resources and no problems, which says
// nothing of them.
func (d *OpenSearchIntegrationDetails) HealthKnown() bool { return d != nil }
