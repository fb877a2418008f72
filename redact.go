package cwlogs

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// redacted replaces a credential the service echoed.
const redacted = "[redacted]"

// minSecretStart is the shortest start of a secret that is taken out of a
// text where the text was cut: a shorter one tells nothing of the secret,
// and is too likely to be text of the message.
const minSecretStart = 4

// secrets are the credentials a request was signed with and its
// signature, which no error or log record may show: the session token, the
// signature, the secret key and the access key id (the longest first, so
// that one holding another is replaced whole).
//
// A service may echo them in any part of a response, success bodies
// included, in several forms: as they are, JSON-escaped (a '/' written
// "\/"), or query- or path-escaped (url.QueryEscape, url.PathEscape; real
// tokens hold '/', '+' and '='), with upper- or lower-case hexadecimal. Every
// text the client makes from a response is scrubbed of each form, and of
// the start of one where the text was cut: at its end, when the body, or
// the value, it came from may have been cut, and before an ellipsis, where
// the client cut it.
type secrets [4]string

func newSecrets(c aws.Credentials, signature string) secrets {
	return secrets{c.SessionToken, signature, c.SecretAccessKey, c.AccessKeyID}
}

// scrub returns s, a text that came in a response, with every secret
// replaced by "[redacted]", in every form, and the start of one at the end
// of s and before an ellipsis.
func (sec secrets) scrub(s string) string { return sec.scrubText(s, true) }

// scrubAll returns s, a text that came in a response, scrubbed of each of
// secs, as scrub does.
func scrubAll(secs []secrets, s string) string {
	for _, sec := range secs {
		s = sec.scrub(s)
	}
	return s
}

// scrubText returns s with every secret replaced by "[redacted]", in every
// form, and the start of one before an ellipsis and, if cut, at the end of
// s.
func (sec secrets) scrubText(s string, cut bool) string {
	if sec == (secrets{}) {
		return s
	}
	for _, v := range sec {
		if v != "" && strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, redacted)
		}
	}
	// An escaped form differs from the secret only where it holds a '\'
	// or a '%': a text with neither holds none.
	if strings.ContainsAny(s, `\%`) {
		for _, v := range sec {
			for _, f := range escapedForms(v) {
				if strings.Contains(s, f) {
					s = strings.ReplaceAll(s, f, redacted)
				}
			}
		}
	}
	if strings.Contains(s, ellipsis) {
		parts := strings.Split(s, ellipsis)
		for i := range parts[:len(parts)-1] {
			parts[i] = sec.scrubEnd(parts[i])
		}
		s = strings.Join(parts, ellipsis)
	}
	if cut {
		s = sec.scrubEnd(s)
	}
	return s
}

// scrubEnd returns s with the start of a secret, in any form, that ends s
// replaced by "[redacted]": the longest such start of at least
// minSecretStart bytes, but not a whole secret.
func (sec secrets) scrubEnd(s string) string {
	escaped := strings.ContainsAny(s, `\%`)
	for _, v := range sec {
		if v == "" {
			continue
		}
		if n := startAtEnd(s, v); n > 0 {
			return s[:len(s)-n] + redacted
		}
		if !escaped {
			continue
		}
		for _, f := range escapedForms(v) {
			if n := startAtEnd(s, f); n > 0 {
				return s[:len(s)-n] + redacted
			}
		}
	}
	return s
}

// startAtEnd returns the length of the longest start of f, of at least
// minSecretStart bytes and shorter than f, that ends s, or 0 if there is
// none.
func startAtEnd(s, f string) int {
	for p := max(0, len(s)-len(f)+1); p <= len(s)-minSecretStart; p++ {
		if s[p] == f[0] && strings.HasPrefix(f, s[p:]) {
			return len(s) - p
		}
	}
	return 0
}

// escapedForms returns the forms of v other than v itself that a response
// may hold it in: JSON-escaped, and query- and path-escaped with upper- and
// lower-case hexadecimal.
func escapedForms(v string) []string {
	var forms []string
	add := func(f string) {
		if f != v && !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	add(strings.ReplaceAll(v, "/", `\/`))
	for _, f := range []string{url.QueryEscape(v), url.PathEscape(v)} {
		add(f)
		add(lowerHex(f))
	}
	return forms
}

// lowerHex returns s, percent-escaped, with the hexadecimal digits of its
// escapes in lower case.
func lowerHex(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			for j := i + 1; j <= i+2; j++ {
				if 'A' <= b[j] && b[j] <= 'F' {
					b[j] += 'a' - 'A'
				}
			}
		}
	}
	return string(b)
}

// keepingClient is a *Client whose GetIntegration, ListIntegrations,
// ListSourcesForS3TableIntegration and AssociateSourceToS3TableIntegration
// give keep the secrets of the request whose response each output holds, for the texts made from the outputs
// later (a waiter's, EnsureIntegration's); its other methods are the
// client's.
type keepingClient struct {
	*Client
	keep func(secrets)
}

func (k keepingClient) GetIntegration(ctx context.Context, params *GetIntegrationInput, optFns ...func(*Options)) (*GetIntegrationOutput, error) {
	var sec secrets
	out, err := k.getIntegration(ctx, params, optFns, &sec)
	if err == nil {
		k.keep(sec)
	}
	return out, err
}

func (k keepingClient) ListIntegrations(ctx context.Context, params *ListIntegrationsInput, optFns ...func(*Options)) (*ListIntegrationsOutput, error) {
	var sec secrets
	out, err := k.listIntegrations(ctx, params, optFns, &sec)
	if err == nil {
		k.keep(sec)
	}
	return out, err
}

func (k keepingClient) AssociateSourceToS3TableIntegration(ctx context.Context, params *AssociateSourceToS3TableIntegrationInput, optFns ...func(*Options)) (*AssociateSourceToS3TableIntegrationOutput, error) {
	var sec secrets
	out, err := k.associateSource(ctx, params, optFns, &sec)
	if err == nil {
		k.keep(sec)
	}
	return out, err
}

func (k keepingClient) ListSourcesForS3TableIntegration(ctx context.Context, params *ListSourcesForS3TableIntegrationInput, optFns ...func(*Options)) (*ListSourcesForS3TableIntegrationOutput, error) {
	var sec secrets
	out, err := k.listSources(ctx, params, optFns, &sec)
	if err == nil {
		k.keep(sec)
	}
	return out, err
}

// keepSecrets returns api, or, when it is a *Client, a keepingClient that
// gives keep the secrets of each output. Any other implementation signs
// nothing of this package's: its outputs need no scrubbing.
func keepSecrets[API any](api API, keep func(secrets)) API {
	if c, ok := any(api).(*Client); ok && c != nil {
		if k, ok := any(keepingClient{c, keep}).(API); ok {
			return k
		}
	}
	return api
}

// keepLast returns a function that keeps in *sec the last secrets it is
// given, for keepSecrets.
func keepLast(sec *secrets) func(secrets) { return func(s secrets) { *sec = s } }

// scrubBytes is scrub for a body: when the body was cut short (cut), its
// end may be the start of a secret, which is replaced too.
func (sec secrets) scrubBytes(b []byte, cut bool) []byte {
	if sec == (secrets{}) {
		return b
	}
	s := string(b)
	if t := sec.scrubText(s, cut); t != s {
		return []byte(t)
	}
	return b
}

// redact returns the cause err with every secret replaced in its text. An
// error whose text holds none is returned as it is; one that does is
// replaced by its text, scrubbed, but for the wrapper that tells a body
// read failed, which is kept.
func (sec secrets) redact(err error) error {
	if be, ok := err.(*bodyReadError); ok {
		return &bodyReadError{sec.redact(be.err)}
	}
	msg := err.Error()
	if scrubbed := sec.scrubText(msg, false); scrubbed != msg {
		return errors.New(scrubbed)
	}
	return err
}
