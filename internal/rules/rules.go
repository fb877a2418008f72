// Package rules holds, once, the facts of the API model's input rules that
// both the library and its test kit check: the library refuses a bad input
// before it sends it, the kit cwlogstest refuses a bad request as the
// service does. Each words its errors its own way; the bounds, character
// sets and member names live here, so that the two cannot drift apart.
package rules

import "unicode/utf8"

// Integration names (the model's IntegrationName shape), which the name
// prefix of ListIntegrations shares: NameMinLen to NameMaxLen characters
// (not bytes), each one that IsNameChar accepts.
const (
	NameMinLen = 1
	NameMaxLen = 50
	// NamePattern is the model's pattern of a name, as the service quotes
	// it in its errors; IsNameChar is its character set.
	NamePattern = `[\.\-_/#A-Za-z0-9]+`
)

// IsNameChar reports whether r may appear in an integration name: an ASCII
// letter or digit, or one of . - _ / #.
func IsNameChar(r rune) bool {
	switch {
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		return true
	}
	switch r {
	case '.', '-', '_', '/', '#':
		return true
	}
	return false
}

// BadNameChar returns the byte offset in s of the first character that
// IsNameChar refuses, or -1 if there is none. A byte that is not valid
// UTF-8 is refused.
func BadNameChar(s string) int {
	for i, r := range s {
		if !IsNameChar(r) {
			return i
		}
	}
	return -1
}

// InvalidUTF8At returns the byte offset of the first byte of s that is not
// valid UTF-8, or -1 if s is valid UTF-8: every string a request carries
// must be, as its JSON must.
func InvalidUTF8At(s string) int {
	if utf8.ValidString(s) {
		return -1
	}
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return i
			}
		}
	}
	return -1
}

// The bounds of the members of openSearchResourceConfig: retentionDays
// (the model's CollectionRetentionDays). The model sets no bound on the
// number of dashboardViewerPrincipals.
const (
	RetentionMinDays = 1
	RetentionMaxDays = 30
)

// The bounds of the members of the S3 Table integration source operations.
const (
	// IdentifierMinLen and IdentifierMaxLen bound the identifier of a
	// source, in characters.
	IdentifierMinLen = 1
	IdentifierMaxLen = 2048
	// MaxResultsMin and MaxResultsMax bound the page size of
	// ListSourcesForS3TableIntegration (maxResults).
	MaxResultsMin = 1
	MaxResultsMax = 100
)

// MemberOpenSearchResourceConfig is the wire name of the OpenSearch member
// of the resourceConfig union.
const MemberOpenSearchResourceConfig = "openSearchResourceConfig"

// ResourceConfigMembers returns the wire names of the members of the
// resourceConfig union that the model lists, in its order.
func ResourceConfigMembers() []string {
	return []string{MemberOpenSearchResourceConfig}
}
