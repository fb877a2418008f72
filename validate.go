package cwlogs

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws/arn"

	"github.com/cwlogs-go/cwlogs/internal/rules"
)

// This file holds the input rules of the API model that the client checks
// before it sends a request: a value the service would reject costs no
// request, and the error names the field and the rule. The facts of the
// rules (bounds, the characters of names, the members of unions) are
// package rules', which the test kit's checks share.

// validateIntegrationName checks an integration name against the API
// model's constraints, those of package rules: required, 1 to 50
// characters, [.\-_/#A-Za-z0-9].
func validateIntegrationName(op, name string) error {
	if name == "" {
		return &InvalidInputError{Operation: op, Field: "IntegrationName", Reason: "is required"}
	}
	return validateNameChars(op, "IntegrationName", name)
}

// validateNameChars checks the length and the characters of a name or
// name prefix that is set: rules.NameMaxLen characters at most, each one
// of rules.NamePattern's.
func validateNameChars(op, field, name string) error {
	if n := utf8.RuneCountInString(name); n > rules.NameMaxLen {
		return &InvalidInputError{Operation: op, Field: field,
			Reason: fmt.Sprintf("is %d characters long, want at most %d", n, rules.NameMaxLen)}
	}
	if i := rules.BadNameChar(name); i >= 0 {
		r, _ := utf8.DecodeRuneInString(name[i:])
		return &InvalidInputError{Operation: op, Field: field,
			Reason: fmt.Sprintf("has %q at byte %d, want only letters, digits and . - _ / #", r, i)}
	}
	return nil
}

// validatePutIntegration checks the input of PutIntegration.
func validatePutIntegration(op string, in *PutIntegrationInput) error {
	if err := validateIntegrationName(op, in.IntegrationName); err != nil {
		return err
	}
	if in.IntegrationType == "" {
		return &InvalidInputError{Operation: op, Field: "IntegrationType", Reason: "is required"}
	}
	const field = "ResourceConfig"
	switch rc := in.ResourceConfig.(type) {
	case nil:
		return &InvalidInputError{Operation: op, Field: field, Reason: "is required"}
	case *OpenSearchResourceConfig:
		if rc == nil {
			return &InvalidInputError{Operation: op, Field: field, Reason: "is a nil *OpenSearchResourceConfig"}
		}
		return validateOpenSearchResourceConfig(op, field+"."+memberOpenSearchResourceConfig, rc)
	case *UnknownResourceConfig:
		if rc == nil {
			return &InvalidInputError{Operation: op, Field: field, Reason: "is a nil *UnknownResourceConfig"}
		}
		if reason := checkUnknownMember(rc.Name, rc.Value, memberOpenSearchResourceConfig, "*OpenSearchResourceConfig"); reason != "" {
			return &InvalidInputError{Operation: op, Field: field, Reason: reason}
		}
		return nil
	default:
		// Unreachable: the union is sealed.
		return &InvalidInputError{Operation: op, Field: field, Reason: fmt.Sprintf("is a %T, not a member of the union", rc)}
	}
}

// validateOpenSearchResourceConfig checks the openSearchResourceConfig
// member, whose wire path is path.
func validateOpenSearchResourceConfig(op, path string, rc *OpenSearchResourceConfig) error {
	invalid := func(member, reason string) error {
		return &InvalidInputError{Operation: op, Field: path + "." + member, Reason: reason}
	}
	if rc.DataSourceRoleArn == "" {
		return invalid("dataSourceRoleArn", "is required")
	}
	if reason := checkARN(rc.DataSourceRoleArn); reason != "" {
		return invalid("dataSourceRoleArn", reason)
	}
	if len(rc.DashboardViewerPrincipals) < rules.PrincipalsMinLen {
		return invalid("dashboardViewerPrincipals", "is empty, want at least one principal ARN")
	}
	for i, p := range rc.DashboardViewerPrincipals {
		reason := "is empty, want a principal ARN"
		if p != "" {
			reason = checkARN(p)
		}
		if reason != "" {
			return invalid("dashboardViewerPrincipals["+strconv.Itoa(i)+"]", reason)
		}
	}
	if d := rc.RetentionDays; d < rules.RetentionMinDays || d > rules.RetentionMaxDays {
		return invalid("retentionDays", fmt.Sprintf("is %d, want %d to %d", d, rules.RetentionMinDays, rules.RetentionMaxDays))
	}
	if rc.KmsKeyArn != "" {
		if reason := checkARN(rc.KmsKeyArn); reason != "" {
			return invalid("kmsKeyArn", reason)
		}
	}
	if rc.ApplicationArn != "" {
		if reason := checkARN(rc.ApplicationArn); reason != "" {
			return invalid("applicationArn", reason)
		}
	}
	return nil
}

// checkARN returns why s is not a well-formed ARN, or "" if it is one. The
// API model gives ARN members no pattern: the check is aws/arn's, no more.
// arn.IsARN accepts exactly the strings arn.Parse does (the prefix "arn:"
// and at least five colons), without allocating.
func checkARN(s string) string {
	if !arn.IsARN(s) {
		return fmt.Sprintf("is %s, want an ARN (arn:partition:service:region:account-id:resource)", quoteValue(s))
	}
	return ""
}

// quoteValue quotes a value of the caller's for an error message, cut to
// a length that keeps the message on one readable line.
func quoteValue(s string) string {
	const limit = 100
	if head, cut := truncate(s, limit); cut {
		return strconv.Quote(head) + ellipsis
	}
	return strconv.Quote(s)
}

// checkUnknownMember returns why an unknown member of a union, to be sent
// or encoded, would not read back as itself, or "" if it would: its name
// must be set, not "__type" (which the union rules set aside) and not the
// known member's, and its value one JSON object.
func checkUnknownMember(name string, value []byte, known, knownType string) string {
	switch {
	case name == "":
		return "is an unknown member with no name"
	case !utf8.ValidString(name):
		// encoding/json would send U+FFFD in place of the bad bytes: a
		// member of another name.
		return fmt.Sprintf("is an unknown member %s whose name is not valid UTF-8", quoteValue(name))
	case name == "__type":
		return `is an unknown member named "__type", which is not a member`
	case name == known:
		return fmt.Sprintf("is an unknown member named %s, a known member: use %s", known, knownType)
	case !json.Valid(value):
		return fmt.Sprintf("is an unknown member %s whose value is not valid JSON", quoteValue(name))
	case !bytes.HasPrefix(bytes.TrimLeft(value, jsonWhiteSpace), []byte("{")):
		return fmt.Sprintf("is an unknown member %s whose value is not a JSON object", quoteValue(name))
	}
	return ""
}

// jsonWhiteSpace is the white space JSON allows between tokens.
const jsonWhiteSpace = " \t\r\n"
