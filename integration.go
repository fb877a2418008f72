package cwlogs

import (
	"fmt"
	"unicode/utf8"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
	"github.com/cwlogs-go/cwlogs/internal/rules"
)

// This file holds what the operations share about an integration: its
// type, its status, its summary in a list, the rules of its name, and the
// metadata every output carries.

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

// IntegrationSummary is one integration in the result of
// [Client.ListIntegrations]. Enum values this package does not know are
// kept as they arrive.
type IntegrationSummary struct {
	IntegrationName   string            `json:"integrationName,omitzero"`
	IntegrationType   IntegrationType   `json:"integrationType,omitzero"`
	IntegrationStatus IntegrationStatus `json:"integrationStatus,omitzero"`
}

// readIntegrationSummaries reads a list of integration summaries; null is
// an empty list, and the list returned is never nil.
func readIntegrationSummaries(r *jsonwire.Reader) ([]IntegrationSummary, error) {
	return jsonwire.List(r, func(s *IntegrationSummary) error {
		return r.Fields(func(name string) (err error) {
			switch name {
			case "integrationName":
				s.IntegrationName, err = r.StringValue()
			case "integrationType":
				s.IntegrationType, err = jsonwire.Enum[IntegrationType](r)
			case "integrationStatus":
				s.IntegrationStatus, err = jsonwire.Enum[IntegrationStatus](r)
			default:
				err = r.Skip()
			}
			return err
		})
	})
}

// ResponseMetadata describes the HTTP response that carried a result.
type ResponseMetadata struct {
	// RequestID is the service's id for the request, from the
	// X-Amzn-RequestId (or X-Amz-RequestId) header.
	RequestID string
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Attempts is the number of attempts the call made.
	Attempts int
	// Confirmed tells that the result was confirmed by reading the
	// service's state, after an attempt of an operation that is not
	// idempotent that may have taken effect without the client learning
	// it: its request was sent and no complete answer came back, the
	// service answered with a 5xx error other than throttling, or it
	// answered 200 with a body the client could not read. The call would
	// have ended in an error; the state showed its effect.
	//
	// A PutIntegration is confirmed when GetIntegration reads back an
	// integration that can be the one it made (same name, PROVISIONING,
	// same type and application): the output holds its name and status,
	// and RequestID and StatusCode are GetIntegration's. A
	// DeleteIntegration is confirmed when the integration is gone: a retry
	// answered ResourceNotFoundException (RequestID and StatusCode are that
	// answer's), or GetIntegration did (they are its). A
	// DisassociateSourceFromS3TableIntegration is confirmed when a retry
	// answered ResourceNotFoundException (they are that answer's). An
	// AssociateSourceToS3TableIntegration is confirmed when the
	// integration's sources list the association it made: the output holds
	// its identifier, and RequestID and StatusCode are the listing's. When
	// the state does not settle the outcome, the call returns an
	// [*OutcomeUnknownError] instead.
	Confirmed bool
}

// validateIntegrationName checks an integration name against the API
// model's rules, those of package rules: required, 1 to 50 characters,
// each one of [.\-_/#A-Za-z0-9].
func validateIntegrationName(op, name string) error {
	if name == "" {
		return &InvalidInputError{Operation: op, Field: "IntegrationName", Reason: "is required"}
	}
	return validateNameChars(op, "IntegrationName", name)
}

// validateMaxChars checks that s, a field's value, is at most maxChars
// characters long.
func validateMaxChars(op, field, s string, maxChars int) error {
	if n := utf8.RuneCountInString(s); n > maxChars {
		return &InvalidInputError{Operation: op, Field: field,
			Reason: fmt.Sprintf("is %d characters long, want at most %d", n, maxChars)}
	}
	return nil
}

// validateNameChars checks the length and the characters of a name or
// name prefix that is set: rules.NameMaxLen characters at most, each one
// that rules.IsNameChar accepts.
func validateNameChars(op, field, name string) error {
	if err := validateUTF8(op, field, name); err != nil {
		return err
	}
	if err := validateMaxChars(op, field, name, rules.NameMaxLen); err != nil {
		return err
	}
	if i := rules.BadNameChar(name); i >= 0 {
		r, _ := utf8.DecodeRuneInString(name[i:])
		return &InvalidInputError{Operation: op, Field: field,
			Reason: fmt.Sprintf("has %q at byte %d, want only letters, digits and . - _ / #", r, i)}
	}
	return nil
}
