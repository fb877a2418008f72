package cwlogs

import (
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/cwlogs-go/cwlogs/internal/rules"
)

// This file holds the input rules that several operations share. The
// client checks them before it sends a request: a value the service would
// reject costs no request, and the error names the field and the rule.
// The facts of the rules (bounds, the characters of names, the members of
// unions) are in package rules, which the test kit's checks share.

// checkUTF8 returns why s, a string an input sends, is refused, or "" if
// it is not. It is the one rule every string of every input follows, and
// is checked first: s must be valid UTF-8. encoding/json would send U+FFFD
// in place of the bad bytes, silently, and the service would act on a
// value other than the caller's.
func checkUTF8(s string) string {
	i := rules.InvalidUTF8At(s)
	if i < 0 {
		return ""
	}
	return fmt.Sprintf("is %s, which is not valid UTF-8 (byte %d)", quoteValue(s), i)
}

// validateUTF8 checks a string field of an input by checkUTF8's rule, the
// only one of a field such as an open enum.
func validateUTF8(op, field, s string) error {
	if reason := checkUTF8(s); reason != "" {
		return &InvalidInputError{Operation: op, Field: field, Reason: reason}
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
