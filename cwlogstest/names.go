package cwlogstest

// The names of the recorded responses of [Recorded]. A GetIntegration
// response is served for the integration of its name by [Server.AddFS]; the
// responses of the other operations, whose names repeat from one operation
// to the next, are read with [RecordedResponse] and served with
// [Server.EnqueueRecorded].
const (
	// GetIntegration: integrations.

	Active       = "active"       // ACTIVE, its eight resources ACTIVE
	Provisioning = "provisioning" // PROVISIONING, some resources made
	Failed       = "failed"       // FAILED, resources in ERROR (quotes, newlines, non-ASCII)

	// GetIntegration: what the service may add or leave out.

	UnknownMember     = "unknown-member"      // a union member this package does not know
	UnknownMemberType = "unknown-member-type" // the same after a __type member
	UnknownMemberNull = "unknown-member-null" // the same after a null member
	UnknownEnums      = "unknown-enums"       // enum values this package does not know
	ExtraFields       = "extra-fields"        // members this package does not know
	NullDetails       = "null-details"        // integrationDetails null
	NoDetails         = "no-details"          // no integrationDetails

	// GetIntegration: invalid unions.

	UnionTwoMembers = "union-two-members"
	UnionEmpty      = "union-empty"
	UnionString     = "union-string"
	UnionArray      = "union-array"

	// Errors: those the operations declare, for GetIntegration and in the
	// folder of each other operation that declares it.

	ResourceNotFound   = "resource-not-found"
	InvalidParameter   = "invalid-parameter"
	ServiceUnavailable = "service-unavailable"
	Validation         = "validation"
	LimitExceeded      = "limit-exceeded" // PutIntegration only

	// GetIntegration: common errors of AWS services, and the forms of an
	// error.

	Throttling         = "throttling"
	AccessDenied       = "access-denied"
	InvalidSignature   = "invalid-signature"
	UnrecognizedClient = "unrecognized-client"
	ExpiredToken       = "expired-token"
	InternalFailure    = "internal-failure"
	HTML502            = "html-502"            // an HTML page from a proxy
	HeaderOnlyCode     = "header-only-code"    // the code in X-Amzn-ErrorType only
	CodeField          = "code-field"          // the code in the body's code member
	RequestIDFallback  = "request-id-fallback" // the request id in X-Amz-RequestId

	// PutIntegration, ListIntegrations, DeleteIntegration: successes.

	Success            = "success"              // each of the three
	SuccessEmptyObject = "success-empty-object" // DeleteIntegration answered with {}
	Empty              = "empty"                // ListIntegrations: an empty list
	Null               = "null"                 // ListIntegrations: the list null
	Absent             = "absent"               // ListIntegrations: no list
	UnknownValues      = "unknown-values"       // ListIntegrations: enum values and members this package does not know
)
