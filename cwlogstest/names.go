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
	// folder of each other operation that declares it. The three S3 Table
	// integration operations declare AccessDenied, InternalServer,
	// ResourceNotFound, Throttling and Validation.

	ResourceNotFound   = "resource-not-found"
	InvalidParameter   = "invalid-parameter"
	ServiceUnavailable = "service-unavailable"
	Validation         = "validation"      // ListSourcesForS3TableIntegration: "Integration not found"
	LimitExceeded      = "limit-exceeded"  // PutIntegration only
	InternalServer     = "internal-server" // InternalServerException (500)

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

	// The operations other than GetIntegration: successes.

	Success            = "success"              // each of them
	SuccessEmptyObject = "success-empty-object" // DeleteIntegration answered with {}
	Empty              = "empty"                // ListIntegrations, ListSourcesForS3TableIntegration: an empty list
	Null               = "null"                 // ListIntegrations: the list null
	Absent             = "absent"               // ListIntegrations: no list
	UnknownValues      = "unknown-values"       // ListIntegrations, ListSourcesForS3TableIntegration: enum values (such as DELETING) and members this package does not know

	// ListSourcesForS3TableIntegration: three pages in turn, the first two
	// with a nextToken, the sources in each status the API lists.

	FirstPage  = "first-page"
	MiddlePage = "middle-page"
	LastPage   = "last-page"
)
