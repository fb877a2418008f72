package cwlogstest

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/internal/rules"
)

// Operation is the name of an API operation, as in the X-Amz-Target header
// after "Logs_20140328.".
type Operation string

// The operations the server serves.
const (
	GetIntegration    Operation = "GetIntegration"
	PutIntegration    Operation = "PutIntegration"
	ListIntegrations  Operation = "ListIntegrations"
	DeleteIntegration Operation = "DeleteIntegration"
)

// targetPrefix is the X-Amz-Target of every operation before its name.
const targetPrefix = "Logs_20140328."

// operation is how the server reads and answers one operation.
type operation struct {
	// members are the request's members with their rules, every structure
	// before its members.
	members []member
	// serve answers a request that passed the checks, with s.mu held.
	serve func(s *Server, req *request) Response
}

// The member paths the handlers read.
const (
	pathName        = "integrationName"
	pathOpenSearch  = "resourceConfig." + rules.MemberOpenSearchResourceConfig
	pathRole        = pathOpenSearch + ".dataSourceRoleArn"
	pathPrincipals  = pathOpenSearch + ".dashboardViewerPrincipals"
	pathRetention   = pathOpenSearch + ".retentionDays"
	pathKMSKey      = pathOpenSearch + ".kmsKeyArn"
	pathApplication = pathOpenSearch + ".applicationArn"
)

// Enum values as the API model lists them.
var (
	integrationTypes    = []string{string(cwlogs.IntegrationTypeOpenSearch)}
	integrationStatuses = []string{
		string(cwlogs.IntegrationStatusProvisioning), string(cwlogs.IntegrationStatusActive), string(cwlogs.IntegrationStatusFailed),
	}
)

// operations is every operation the server serves, by name: the one table
// the server dispatches by.
var operations = map[Operation]operation{
	GetIntegration: {
		members: []member{nameRule(pathName, true)},
		serve:   (*Server).getIntegration,
	},
	PutIntegration: {
		members: []member{
			nameRule(pathName, true),
			{path: "integrationType", kind: kindString, required: true, enum: integrationTypes},
			{path: "resourceConfig", kind: kindUnion, required: true, members: rules.ResourceConfigMembers()},
			{path: pathOpenSearch, kind: kindObject},
			{path: pathRole, kind: kindString, required: true},
			{path: pathPrincipals, kind: kindStrings, required: true, minLen: rules.PrincipalsMinLen},
			{path: pathRetention, kind: kindInt, required: true, min: rules.RetentionMinDays, max: rules.RetentionMaxDays},
			{path: pathKMSKey, kind: kindString},
			{path: pathApplication, kind: kindString},
		},
		serve: (*Server).putIntegration,
	},
	ListIntegrations: {
		members: []member{
			nameRule("integrationNamePrefix", false),
			{path: "integrationType", kind: kindString, enum: integrationTypes},
			{path: "integrationStatus", kind: kindString, enum: integrationStatuses},
		},
		serve: (*Server).listIntegrations,
	},
	DeleteIntegration: {
		members: []member{
			nameRule(pathName, true),
			{path: "force", kind: kindBool},
		},
		serve: (*Server).deleteIntegration,
	},
}

// notFound is the service's answer for a name it has no integration of.
func notFound(name string) Response {
	return ErrorResponse(400, "ResourceNotFoundException", "Integration "+name+" does not exist.")
}

// jsonResponse returns a success whose body is v encoded.
func jsonResponse(v any) Response {
	body, err := json.Marshal(v)
	if err != nil {
		// Unreachable: the server encodes only its own plain structs.
		return ErrorResponse(500, "InternalFailure", "cwlogstest: encode response: "+err.Error())
	}
	return Response{StatusCode: http.StatusOK, Body: body}
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
// already has as many as it may.
func (s *Server) putIntegration(req *request) Response {
	name := req.str(pathName)
	if len(s.integrations) >= s.limit {
		existing := slices.Sorted(maps.Keys(s.integrations))
		return ErrorResponse(400, "LimitExceededException",
			"An integration already exists for this account: "+strings.Join(existing, ", ")+".")
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

// plural returns "1 thing" or "n things".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
