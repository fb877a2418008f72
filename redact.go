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
// text where the text was cut: at its end, when the body or the value it
// came from may have been cut, and before an ellipsis, where the client
// cut it. A shorter one tells nothing of the secret, and is too likely to
// be text of the message.
const minSecretStart = 4

// minSecretStartAnywhere is the shortest start of a secret that is taken
// out of a text wherever it is, followed by more text: a start the server
// cut itself, as in "The security token ABCDEFGH... is invalid". Eight
// bytes of a secret (48 bits of a key or token, 32 of a hexadecimal
// signature) do not come in a message by chance; fewer might.
const minSecretStartAnywhere = 8

// secrets are the credentials a request was signed with and its
// signature, which no error or log record may show: the session token, the
// signature, the secret key and the access key id.
//
// A service may echo them in any part of a response, success bodies
// included, in several forms: as they are, JSON-escaped (a '/' written
// "\/"), or query- or path-escaped once or twice (url.QueryEscape,
// url.PathEscape; real tokens hold '/', '+' and '='), the hexadecimal
// digits of the escapes in any case. Every text the client makes from a
// response is scrubbed of each form, whole, and of a start of one: of at
// least minSecretStartAnywhere (8) bytes anywhere, and of at least
// minSecretStart (4) bytes where the text was cut, at its end when the
// body, or the value, it came from may have been cut, and before an
// ellipsis (or a quote and an ellipsis), where the client cut it.
type secrets [4]string

func newSecrets(c aws.Credentials, signature string) secrets {
	return secrets{c.SessionToken, signature, c.SecretAccessKey, c.AccessKeyID}
}

// scrub returns s, a text that came in a response, with every secret
// replaced by "[redacted]", in every form, and the start of one anywhere,
// at the end of s and before an ellipsis.
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
// form, and the start of one anywhere (of minSecretStartAnywhere bytes or
// more), before an ellipsis and, if cut, at the end of s (of
// minSecretStart bytes or more). Parts of s that overlap are replaced by
// one "[redacted]".
func (sec secrets) scrubText(s string, cut bool) string {
	if sec == (secrets{}) || s == "" {
		return s
	}
	var found spans
	// An escaped form differs from the secret only where it holds a '\'
	// or a '%': a text with neither holds none. Percent-escaped forms are
	// looked for in s with the hexadecimal digits of its escapes in upper
	// case, as url.QueryEscape writes them: the same length as s, so that
	// what is found there is found at the same place in s.
	escaped := strings.ContainsAny(s, `\%`)
	folded := s
	if escaped {
		folded = upperEscapes(s)
	}
	for _, v := range sec {
		if v == "" {
			continue
		}
		found.find(s, v, cut)
		if !escaped {
			continue
		}
		for _, f := range escapedForms(v) {
			if strings.IndexByte(f, '%') >= 0 {
				found.find(folded, f, cut)
			} else {
				found.find(s, f, cut)
			}
		}
	}
	return found.replace(s)
}

// spans are the parts of a text to replace by "[redacted]", as [start,
// end) byte offsets.
type spans [][2]int

// find adds to sp the parts of t that are f, a form of a secret, or a
// start of it: whole, a start of at least minSecretStartAnywhere bytes
// anywhere, and a start of at least minSecretStart bytes before an
// ellipsis (or a quote that closes a value before one) and, if cut, at
// the end of t.
func (sp *spans) find(t, f string, cut bool) {
	k := min(len(f), minSecretStartAnywhere)
	for i := 0; i <= len(t)-k; {
		j := strings.Index(t[i:], f[:k])
		if j < 0 {
			break
		}
		p := i + j
		n := k
		for n < len(f) && p+n < len(t) && t[p+n] == f[n] {
			n++
		}
		*sp = append(*sp, [2]int{p, p + n})
		i = p + n
	}
	if cut {
		sp.addStartAt(t, len(t), f)
	}
	for i := 0; ; {
		j := strings.Index(t[i:], ellipsis)
		if j < 0 {
			break
		}
		e := i + j
		sp.addStartAt(t, e, f)
		if e > 0 && t[e-1] == '"' {
			sp.addStartAt(t, e-1, f) // a value quoted, cut
		}
		i = e + len(ellipsis)
	}
}

// addStartAt adds to sp the longest start of f, of at least
// minSecretStart bytes and shorter than f, that ends t[:end], if any.
func (sp *spans) addStartAt(t string, end int, f string) {
	if n := startAtEnd(t[:end], f); n > 0 {
		*sp = append(*sp, [2]int{end - n, end})
	}
}

// replace returns t with each of its parts in sp replaced by
// "[redacted]", those that overlap or touch replaced together.
func (sp spans) replace(t string) string {
	if len(sp) == 0 {
		return t
	}
	slices.SortFunc(sp, func(a, b [2]int) int { return a[0] - b[0] })
	var b strings.Builder
	at := 0 // the end of what is written of t
	for i := 0; i < len(sp); {
		start, end := sp[i][0], sp[i][1]
		for i++; i < len(sp) && sp[i][0] <= end; i++ {
			end = max(end, sp[i][1])
		}
		b.WriteString(t[at:start])
		b.WriteString(redacted)
		at = end
	}
	b.WriteString(t[at:])
	return b.String()
}

// startAtEnd returns the length of the longest start of f, of at least
// minSecretStart bytes and shorter than f, that ends s, or 0 if there is
// none.
func startAtEnd(s, f string) int {
	last := len(s) - minSecretStart // the last place a start can begin
	for p := max(0, len(s)-len(f)+1); p <= last; p++ {
		// Only where f's first byte is: a text of a megabyte of
		// ellipses, each of which is looked before, stays fast.
		i := strings.IndexByte(s[p:last+1], f[0])
		if i < 0 {
			return 0
		}
		p += i
		if strings.HasPrefix(f, s[p:]) {
			return len(s) - p
		}
	}
	return 0
}

// escapedForms returns the forms of v other than v itself that a response
// may hold it in: JSON-escaped, and query- and path-escaped, once and
// twice (by either escape each time), with the upper-case hexadecimal
// digits url.QueryEscape writes.
func escapedForms(v string) []string {
	var forms []string
	add := func(f string) {
		if f != v && !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	add(strings.ReplaceAll(v, "/", `\/`))
	q, p := url.QueryEscape(v), url.PathEscape(v)
	add(q)
	add(p)
	add(url.QueryEscape(q))
	add(url.PathEscape(p))
	add(url.PathEscape(q))
	add(url.QueryEscape(p))
	return forms
}

// upperEscapes returns s with the hexadecimal digits of its percent
// escapes in upper case, those of an escape escaped again ("%252b")
// included: a text of the same length.
func upperEscapes(s string) string {
	var b []byte
	upper := func(i int) {
		if c := s[i]; 'a' <= c && c <= 'f' {
			if b == nil {
				b = []byte(s)
			}
			b[i] = c - ('a' - 'A')
		}
	}
	for i := 0; i+2 < len(s); i++ {
		if s[i] != '%' || !isHex(s[i+1]) || !isHex(s[i+2]) {
			continue
		}
		upper(i + 1)
		upper(i + 2)
		if s[i+1:i+3] == "25" && i+4 < len(s) && isHex(s[i+3]) && isHex(s[i+4]) {
			upper(i + 3)
			upper(i + 4)
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

// isHex reports whether c is a hexadecimal digit.
func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
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
