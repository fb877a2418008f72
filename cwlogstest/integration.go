package cwlogstest

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/cwlogs-go/cwlogs"
)

// AccountID is the AWS account the server's integrations belong to: the
// ARNs of the resources it makes up hold it.
const AccountID = "123456789012"

// DefaultPolls is the number of GetIntegration calls that see a created
// integration PROVISIONING, unless [Server.SetLifecycle] says otherwise.
// A waiter of package cwlogs with its default delays (10 s at least
// between polls) then waits half a minute: give the waiter of the code
// under test short delays, set a Lifecycle with no polls, which makes the
// integration ACTIVE from its second read, or seed an ACTIVE integration
// ([Server.SeedIntegration]).
const DefaultPolls = 3

// resources lists the resources in the order they appear while an
// integration provisions: the order of [cwlogs.ResourceKind.Values].
var resources = cwlogs.ResourceKind("").Values()

// Lifecycle is how an integration created by PutIntegration provisions, as
// GetIntegration shows it.
//
// The first GetIntegration of an integration the kit has just created sees
// it PROVISIONING whatever its lifecycle, as the service's would (a create
// takes minutes): a client that reads its create back to confirm it finds
// it as a create leaves it. The zero value makes it ACTIVE from the second
// GetIntegration on.
type Lifecycle struct {
	// Polls is the number of GetIntegration calls of the integration that
	// see it PROVISIONING, its resources appearing one by one; the calls
	// after them see its outcome. An integration created by PutIntegration
	// is PROVISIONING for one call at least: a Polls of zero or one makes
	// it ACTIVE (or FAILED) from the second call. ListIntegrations shows
	// the status the next GetIntegration call will see, and counts as no
	// poll.
	Polls int
	// Duration is how long, on the server's clock (see [Server.SetClock]),
	// the integration provisions after its creation. With both Polls and
	// Duration set, provisioning ends when both have passed.
	Duration time.Duration
	// Fail, when not empty, makes the integration end FAILED, not ACTIVE:
	// each resource it names is in ERROR with the message given (none
	// when empty), the others ACTIVE.
	Fail map[cwlogs.ResourceKind]string
}

// SetLifecycle sets how the integration of that name provisions once
// created, or goes on from now if it exists (the polls it had count). An
// integration without one set provisions for [DefaultPolls] polls and
// becomes ACTIVE. It returns an error, and changes nothing, when l.Fail
// names a resource that is not one of the eight.
func (s *Server) SetLifecycle(name string, l Lifecycle) error {
	if err := l.check("SetLifecycle"); err != nil {
		return err
	}
	l.Fail = maps.Clone(l.Fail)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lifecycles[name] = l
	if in, ok := s.integrations[name]; ok {
		in.lifecycle = l
	}
	return nil
}

// check returns an error, naming the function fn, when l.Fail names a
// resource that is not one of the eight.
func (l Lifecycle) check(fn string) error {
	for r := range l.Fail {
		if !slices.Contains(resources, r) {
			return fmt.Errorf("cwlogstest: %s: %q is not a resource of an integration (want one of %q)", fn, r, resources)
		}
	}
	return nil
}

// lifecycleOf returns the lifecycle set for name, or the default.
func (s *Server) lifecycleOf(name string) Lifecycle {
	if l, ok := s.lifecycles[name]; ok {
		return l
	}
	return Lifecycle{Polls: DefaultPolls}
}

// SetDashboards marks the integration of that name, created or not yet, as
// having vended logs dashboards, or not: while it has them,
// DeleteIntegration refuses it with ValidationException unless the request
// sets force, as the service does. A forced delete removes the dashboards.
func (s *Server) SetDashboards(name string, has bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dashboards[name] = has
}

// SetIntegrationLimit sets how many integrations the account may have, 1
// unless set (the service's quota); PutIntegration answers
// LimitExceededException when it has that many, whatever the name. Below
// the limit, a PutIntegration of a name the account has is refused with
// ValidationException, and the integration is left as it was: the API
// creates an integration and cannot modify one. (PutIntegration declares
// no ResourceAlreadyExistsException; the kit answers with the declared
// error for a broken rule.)
func (s *Server) SetIntegrationLimit(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limit = n
}

// integration is an integration of the account: created by PutIntegration
// or seeded.
type integration struct {
	name        string
	typ         cwlogs.IntegrationType
	created     time.Time
	roleArn     string
	principals  []string
	retention   int64
	kmsKeyArn   string
	application string
	lifecycle   Lifecycle
	// minPolls is the fewest GetIntegration calls that see the integration
	// PROVISIONING, whatever its lifecycle: 1 for one PutIntegration made.
	minPolls int
	// polls counts the GetIntegration calls answered so far.
	polls int
	// fixedStatus and fixedDetails, when set, are shown in place of those
	// of the lifecycle.
	fixedStatus  cwlogs.IntegrationStatus
	fixedDetails cwlogs.IntegrationDetails
}

// provisioningPolls returns the number of GetIntegration calls that see
// the integration PROVISIONING, by its lifecycle and its minimum.
func (in *integration) provisioningPolls() int {
	return max(in.lifecycle.Polls, in.minPolls)
}

// shown returns how many of the eight resources have been created at now,
// 8 when provisioning is over.
func (in *integration) shown(now time.Time) int {
	n := len(resources)
	if p := in.provisioningPolls(); in.polls < p {
		n = min(n, len(resources)*in.polls/p)
	}
	if d := in.lifecycle.Duration; d > 0 {
		if elapsed := now.Sub(in.created); elapsed < d {
			n = min(n, int(int64(len(resources))*int64(max(elapsed, 0))/int64(d)))
		}
	}
	if n == len(resources) && !in.done(now) {
		n-- // the last resource is still being made
	}
	return n
}

// done reports whether provisioning is over at now.
func (in *integration) done(now time.Time) bool {
	return in.polls >= in.provisioningPolls() && now.Sub(in.created) >= in.lifecycle.Duration
}

// status returns the integration's status at now.
func (in *integration) status(now time.Time) cwlogs.IntegrationStatus {
	if in.fixedStatus != "" {
		return in.fixedStatus
	}
	return in.lifecycleStatus(now)
}

// lifecycleStatus returns the status the integration's lifecycle gives at
// now.
func (in *integration) lifecycleStatus(now time.Time) cwlogs.IntegrationStatus {
	switch {
	case !in.done(now):
		return cwlogs.IntegrationStatusProvisioning
	case len(in.lifecycle.Fail) > 0:
		return cwlogs.IntegrationStatusFailed
	}
	return cwlogs.IntegrationStatusActive
}

// output returns what GetIntegration shows of the integration at now: the
// resources created so far ACTIVE and the one being created NOT_FOUND, or
// once provisioning is over all eight, those the lifecycle fails in ERROR;
// or the details seeded.
func (in *integration) output(now time.Time) *cwlogs.GetIntegrationOutput {
	out := &cwlogs.GetIntegrationOutput{
		IntegrationName:    in.name,
		IntegrationType:    in.typ,
		IntegrationStatus:  in.status(now),
		IntegrationDetails: in.fixedDetails,
	}
	if in.fixedDetails == nil {
		out.IntegrationDetails = in.derivedDetails(now)
	}
	return out
}

// derivedDetails returns the resources of the integration at now, by its
// lifecycle.
func (in *integration) derivedDetails(now time.Time) *cwlogs.OpenSearchIntegrationDetails {
	status := in.lifecycleStatus(now)
	d := in.details()
	shown := len(resources)
	if status == cwlogs.IntegrationStatusProvisioning {
		shown = in.shown(now)
	}
	for i, r := range resources {
		st := statusOf(d, r)
		msg, failed := in.lifecycle.Fail[r]
		switch {
		case i > shown:
			clearResource(d, r)
		case i == shown:
			*st = cwlogs.OpenSearchResourceStatus{Status: cwlogs.OpenSearchResourceStatusTypeNotFound,
				StatusMessage: "The " + string(r) + " is being created."}
		case status == cwlogs.IntegrationStatusFailed && failed:
			*st = cwlogs.OpenSearchResourceStatus{Status: cwlogs.OpenSearchResourceStatusTypeError, StatusMessage: msg}
		}
	}
	return d
}

// notFound is the service's answer for a name it has no integration of.
func notFound(name string) Response {
	return ErrorResponse(400, "ResourceNotFoundException", "Integration "+name+" does not exist.")
}

// getIntegration answers with the state of a created integration, else
// with the response added for the name, else ResourceNotFoundException.
func (s *Server) getIntegration(req *request) Response {
	name := req.str(pathName)
	if in, ok := s.integrations[name]; ok {
		out := in.output(s.clock())
		in.polls++
		r, err := OutputResponse(out)
		if err != nil {
			return ErrorResponse(500, "InternalFailure", err.Error())
		}
		return r
	}
	if r, ok := s.responses[name]; ok {
		return r
	}
	return notFound(name)
}

// putIntegration creates an integration, PROVISIONING, unless the account
// already has as many as it may or one of that name: the API creates an
// integration and never modifies one.
func (s *Server) putIntegration(req *request) Response {
	name := req.str(pathName)
	if len(s.integrations) >= s.limit {
		existing := slices.Sorted(maps.Keys(s.integrations))
		return ErrorResponse(400, "LimitExceededException",
			"An integration already exists for this account: "+strings.Join(existing, ", ")+".")
	}
	if _, ok := s.integrations[name]; ok {
		return ErrorResponse(400, "ValidationException",
			"Integration "+name+" already exists. PutIntegration creates an integration; it cannot modify one.")
	}
	in := &integration{
		name:        name,
		typ:         cwlogs.IntegrationType(req.str("integrationType")),
		created:     s.clock(),
		roleArn:     req.str(pathRole),
		principals:  req.strs(pathPrincipals),
		retention:   req.integer(pathRetention),
		kmsKeyArn:   req.str(pathKMSKey),
		application: req.str(pathApplication),
		lifecycle:   s.lifecycleOf(name),
		minPolls:    1,
	}
	s.integrations[name] = in
	return jsonResponse(struct {
		Name   string                   `json:"integrationName"`
		Status cwlogs.IntegrationStatus `json:"integrationStatus"`
	}{name, cwlogs.IntegrationStatusProvisioning})
}

// listIntegrations answers with the created integrations that pass the
// request's filters, by name.
func (s *Server) listIntegrations(req *request) Response {
	type summary struct {
		Name   string                   `json:"integrationName"`
		Type   cwlogs.IntegrationType   `json:"integrationType"`
		Status cwlogs.IntegrationStatus `json:"integrationStatus"`
	}
	list := []summary{}
	now := s.clock()
	for name, in := range s.integrations {
		status := in.status(now)
		if !strings.HasPrefix(name, req.str("integrationNamePrefix")) ||
			req.has("integrationType") && string(in.typ) != req.str("integrationType") ||
			req.has("integrationStatus") && string(status) != req.str("integrationStatus") {
			continue
		}
		list = append(list, summary{name, in.typ, status})
	}
	slices.SortFunc(list, func(a, b summary) int { return strings.Compare(a.Name, b.Name) })
	return jsonResponse(struct {
		Summaries []summary `json:"integrationSummaries"`
	}{list})
}

// deleteIntegration removes an integration, unless it has dashboards and
// the request does not force it.
func (s *Server) deleteIntegration(req *request) Response {
	name := req.str(pathName)
	if _, ok := s.integrations[name]; !ok {
		return notFound(name)
	}
	if s.dashboards[name] && !req.boolean("force") {
		return ErrorResponse(400, "ValidationException",
			"Integration "+name+" has vended logs dashboards. Set force to true to delete the integration and its dashboards.")
	}
	delete(s.integrations, name)
	delete(s.dashboards, name)
	return Response{StatusCode: http.StatusOK}
}

// details returns the eight resources of the integration, ACTIVE, their
// names and identifiers derived from the integration's name and config.
func (in *integration) details() *cwlogs.OpenSearchIntegrationDetails {
	slug := slugOf(in.name)
	collectionID := idOf(in.name, "collection", 20)
	collection := "cwl-" + slug
	active := func(msg string) cwlogs.OpenSearchResourceStatus {
		return cwlogs.OpenSearchResourceStatus{Status: cwlogs.OpenSearchResourceStatusTypeActive, StatusMessage: msg}
	}

	app := &cwlogs.OpenSearchApplication{Status: active("")}
	if in.application != "" {
		region := Region
		if a, err := arn.Parse(in.application); err == nil {
			region = a.Region
		}
		app.ApplicationArn = in.application
		app.ApplicationID = in.application[strings.LastIndexAny(in.application, "/:")+1:]
		app.ApplicationEndpoint = "https://application-" + app.ApplicationID + "." + region + ".opensearch.amazonaws.com"
		app.Status = active("Uses the existing application " + in.application + ".")
	} else {
		app.ApplicationID = idOf(in.name, "application", 10)
		app.ApplicationArn = "arn:aws:opensearch:" + Region + ":" + AccountID + ":application/" + app.ApplicationID
		app.ApplicationEndpoint = "https://application-" + collection + "-" + app.ApplicationID + "." + Region + ".opensearch.amazonaws.com"
	}
	key := "an AWS owned key"
	if in.kmsKeyArn != "" {
		key = "the KMS key " + in.kmsKeyArn
	}
	return &cwlogs.OpenSearchIntegrationDetails{
		DataSource: &cwlogs.OpenSearchDataSource{
			DataSourceName: "cwl_vended_logs_" + strings.ReplaceAll(slug, "-", "_") + "_" + idOf(in.name, "dataSource", 8),
			Status:         active("Reads log data with the role " + in.roleArn + "."),
		},
		Application: app,
		Collection: &cwlogs.OpenSearchCollection{
			CollectionEndpoint: "https://" + collectionID + "." + Region + ".aoss.amazonaws.com",
			CollectionArn:      "arn:aws:aoss:" + Region + ":" + AccountID + ":collection/" + collectionID,
			Status:             active("Collection " + collection + " (TIMESERIES) is active."),
		},
		Workspace: &cwlogs.OpenSearchWorkspace{WorkspaceID: idOf(in.name, "workspace", 6), Status: active("")},
		EncryptionPolicy: &cwlogs.OpenSearchPolicy{PolicyName: collection + "-encryption",
			Status: active("Encrypts collection " + collection + " with " + key + ".")},
		NetworkPolicy: &cwlogs.OpenSearchPolicy{PolicyName: collection + "-network", Status: active("")},
		AccessPolicy: &cwlogs.OpenSearchPolicy{PolicyName: collection + "-access",
			Status: active(fmt.Sprintf("Grants read access to %s: %s.",
				plural(len(in.principals), "dashboard viewer principal"), strings.Join(in.principals, ", ")))},
		LifecyclePolicy: &cwlogs.OpenSearchPolicy{PolicyName: collection + "-lifecycle",
			Status: active("Retains log data for " + plural(int(in.retention), "day") + ".")},
	}
}

// statusOf returns the status of resource r in d.
func statusOf(d *cwlogs.OpenSearchIntegrationDetails, r cwlogs.ResourceKind) *cwlogs.OpenSearchResourceStatus {
	switch r {
	case cwlogs.ResourceKindDataSource:
		return &d.DataSource.Status
	case cwlogs.ResourceKindApplication:
		return &d.Application.Status
	case cwlogs.ResourceKindCollection:
		return &d.Collection.Status
	case cwlogs.ResourceKindWorkspace:
		return &d.Workspace.Status
	case cwlogs.ResourceKindEncryptionPolicy:
		return &d.EncryptionPolicy.Status
	case cwlogs.ResourceKindNetworkPolicy:
		return &d.NetworkPolicy.Status
	case cwlogs.ResourceKindAccessPolicy:
		return &d.AccessPolicy.Status
	}
	return &d.LifecyclePolicy.Status
}

// clearResource removes resource r from d.
func clearResource(d *cwlogs.OpenSearchIntegrationDetails, r cwlogs.ResourceKind) {
	switch r {
	case cwlogs.ResourceKindDataSource:
		d.DataSource = nil
	case cwlogs.ResourceKindApplication:
		d.Application = nil
	case cwlogs.ResourceKindCollection:
		d.Collection = nil
	case cwlogs.ResourceKindWorkspace:
		d.Workspace = nil
	case cwlogs.ResourceKindEncryptionPolicy:
		d.EncryptionPolicy = nil
	case cwlogs.ResourceKindNetworkPolicy:
		d.NetworkPolicy = nil
	case cwlogs.ResourceKindAccessPolicy:
		d.AccessPolicy = nil
	case cwlogs.ResourceKindLifecyclePolicy:
		d.LifecyclePolicy = nil
	}
}

// slugOf returns name in lowercase with every character other than a
// letter or a digit made '-', cut to 20 characters, as resource names take
// it.
func slugOf(name string) string {
	b := []byte(strings.ToLower(name))
	for i, c := range b {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			b[i] = '-'
		}
	}
	return string(b[:min(len(b), 20)])
}

// idOf returns an identifier of n lowercase letters and digits, the same
// for the same integration name and salt.
func idOf(name, salt string, n int) string {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyz"
	sum := sha256.Sum256([]byte(salt + "\x00" + name))
	id := make([]byte, n)
	for i := range id {
		id[i] = digits[int(sum[i])%len(digits)]
	}
	return string(id)
}
