package cwlogstest

import (
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strconv"

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

	AssociateSourceToS3TableIntegration      Operation = "AssociateSourceToS3TableIntegration"
	DisassociateSourceFromS3TableIntegration Operation = "DisassociateSourceFromS3TableIntegration"
	ListSourcesForS3TableIntegration         Operation = "ListSourcesForS3TableIntegration"
)

// servedOperations returns the operations the server serves, sorted.
func servedOperations() []Operation {
	return slices.Sorted(maps.Keys(operations))
}

// targetPrefix is the X-Amz-Target of every operation before its name.
const targetPrefix = "Logs_20140328."

// operation is how the server reads and answers one operation.
type operation struct {
	// members are the request's members with their rules, every structure
	// before its members.
	members []member
	// serve answers a request that passed the checks, with s.mu held.
	serve func(s *Server, req *request) Response
	// validationOnly is set for an operation that declares
	// ValidationException alone, which answers every broken rule with it.
	validationOnly bool
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

	pathIntegrationArn = "integrationArn"
	pathDataSource     = "dataSource"
	pathDataSourceName = pathDataSource + ".name"
	pathDataSourceType = pathDataSource + ".type"
	pathIdentifier     = "identifier"
	pathMaxResults     = "maxResults"
	pathNextToken      = "nextToken"
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
			{path: pathPrincipals, kind: kindStrings, required: true},
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
	AssociateSourceToS3TableIntegration: {
		members: []member{
			{path: pathIntegrationArn, kind: kindString, required: true},
			{path: pathDataSource, kind: kindObject, required: true},
			{path: pathDataSourceName, kind: kindString, required: true},
			{path: pathDataSourceType, kind: kindString},
		},
		serve:          (*Server).associateSource,
		validationOnly: true,
	},
	DisassociateSourceFromS3TableIntegration: {
		members:        []member{{path: pathIdentifier, kind: kindString, required: true, minLen: rules.IdentifierMinLen, maxLen: rules.IdentifierMaxLen}},
		serve:          (*Server).disassociateSource,
		validationOnly: true,
	},
	ListSourcesForS3TableIntegration: {
		members: []member{
			{path: pathIntegrationArn, kind: kindString, required: true},
			{path: pathMaxResults, kind: kindInt, min: rules.MaxResultsMin, max: rules.MaxResultsMax},
			{path: pathNextToken, kind: kindString, minLen: 1},
		},
		serve:          (*Server).listSources,
		validationOnly: true,
	},
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

// plural returns "1 thing" or "n things".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
