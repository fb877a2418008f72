package cwlogs

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
)

// This file holds the input rules that several operations share. The
// client checks them before it sends a request: a value the service would
// reject costs no request, and the error names the field and the rule.
// The facts of the rules (bounds, the characters of names, the members of
// unions) are in package rules, which the test kit's checks share.

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

// validateUTF8 checks that a string to send is valid UTF-8: encoding/json
// would send U+FFFD in place of the bad bytes, another value.
func validateUTF8(op, field, s string) error {
	if utf8.ValidString(s) {
		return nil
	}
	return &InvalidInputError{Operation: op, Field: field, Reason: fmt.Sprintf("is %s, not valid UTF-8", quoteValue(s))}
}
