package cwlogstest

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Recorder is an [http.RoundTripper] that passes requests on to Transport
// and writes each CloudWatch Logs response it gets into a file of Dir,
// scrubbed of credentials and account ids, in the layout of [Recorded]:
// so a team records once against its account and replays the files with
// [Server.AddFS] and [ReadResponse]. Set it as the Transport of the HTTP
// client of the client under test:
//
//	rec := &cwlogstest.Recorder{Dir: "testdata"}
//	client, err := cwlogs.NewFromConfig(cfg, func(o *cwlogs.Options) {
//		o.HTTPClient = &http.Client{Transport: rec}
//	})
//
// A GetIntegration response is written at the top of Dir, named after the
// integration (my-int.http; a '/' or '#' in the name is written %2F or
// %23, which ReadResponses decodes), so that AddFS serves it for that name; the
// responses of the other operations are written in a folder named after
// the operation, named "success" or after the error code as [Recorded]
// names them (PutIntegration/limit-exceeded.http, from
// LimitExceededException), or status-N for an error without a code. A
// name already written by the recorder gets a number: my-int-2.http.
// Requests that are not CloudWatch Logs operations pass unrecorded.
//
// What a file holds, headers and body, is scrubbed:
//
//   - of the access key id, session token and signature of the request
//     (and of the secret access key when Credentials is set), raw,
//     percent-encoded or JSON-escaped, of any part of one from its start
//     of 8 bytes or more (a body cut short), and of any run of 16 bytes or
//     more of one;
//   - of anything shaped like an access key id, or like the value of a
//     signature, credential or session token parameter or header;
//   - of account ids: every run of exactly 12 ASCII digits that no ASCII
//     letter or digit touches on either side, but the last group of a UUID
//     (a request id), is replaced by a fake account id. The character
//     before the digits may be percent-encoded, once or more, or
//     JSON-escaped, as in an ARN in a URL or in a JSON string
//     (arn%3Aaws%3Aiam%3A%3A111122223333, iam\u003a\u003a111122223333): it
//     counts as the character it encodes. Digits written as escapes are
//     not read. The fake id is the same for the same account in every file
//     of the recorder: [AccountID] for the first met, then 100000000001,
//     100000000002, ...; only the digits change.
//
// Cookies and the headers of the connection are left out. The caller gets
// the response as it came. A response whose body the recorder cannot read
// (a Content-Encoding other than gzip) is an error, not a file.
//
// Its methods are safe for concurrent use.
type Recorder struct {
	// Dir is the directory the files are written in, made if needed.
	Dir string
	// Transport sends the requests. If nil, http.DefaultTransport is used.
	Transport http.RoundTripper
	// Credentials, if set, are the credentials the requests are signed
	// with: their secret access key, which no request carries, is scrubbed
	// too, should a service ever echo it.
	Credentials aws.CredentialsProvider

	mu       sync.Mutex
	written  map[string]int
	files    []string
	accounts map[string]string
}

// redacted replaces what the recorder scrubs.
const redacted = "[redacted]"

// minSecretPrefix is the shortest part of a secret, from its start, that
// the recorder scrubs where it does not find the whole: a body cut short
// may end in one.
const minSecretPrefix = 8

// Files returns the files written so far, relative to Dir with forward
// slashes, in the order written.
func (r *Recorder) Files() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.files)
}

// RoundTrip sends req with Transport and records the response.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	transport := r.Transport
	if transport == nil {
		transport = http.DefaultTransport
	}
	op, ok := strings.CutPrefix(req.Header.Get("X-Amz-Target"), targetPrefix)
	if !ok || !isOperationName(op) {
		return transport.RoundTrip(req)
	}
	var reqBody []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("cwlogstest: Recorder: read the request body: %w", err)
		}
		reqBody = b
		clone := req.Clone(req.Context())
		clone.Body = io.NopCloser(bytes.NewReader(b))
		clone.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
		req = clone
	}
	secrets := requestSecrets(req)
	if r.Credentials != nil {
		if c, err := r.Credentials.Retrieve(req.Context()); err == nil {
			secrets = append(secrets, c.AccessKeyID, c.SecretAccessKey, c.SessionToken)
		}
	}

	resp, err := transport.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("cwlogstest: Recorder: read the response body: %w", err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err := r.record(Operation(op), reqBody, resp, body, secrets); err != nil {
		return nil, err
	}
	return resp, nil
}

// record writes the response of op, whose body is body, scrubbed.
func (r *Recorder) record(op Operation, reqBody []byte, resp *http.Response, body []byte, secrets []string) error {
	header := resp.Header.Clone()
	switch enc := strings.ToLower(header.Get("Content-Encoding")); enc {
	case "", "identity":
	case "gzip":
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err == nil {
			body, err = io.ReadAll(zr)
		}
		if err != nil {
			return fmt.Errorf("cwlogstest: Recorder: %s: read the gzip body: %w", op, err)
		}
	default:
		return fmt.Errorf("cwlogstest: Recorder: %s: cannot scrub a body with Content-Encoding %q", op, enc)
	}
	for _, h := range []string{"Content-Encoding", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Set-Cookie"} {
		header.Del(h)
	}

	r.mu.Lock()
	defer r.mu.Unlock()
	s := scrubber{secrets: secrets, accounts: r.accountMap()}
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\n", resp.StatusCode, http.StatusText(resp.StatusCode))
	for _, k := range slices.Sorted(maps.Keys(header)) {
		for _, v := range header[k] {
			fmt.Fprintf(&b, "%s: %s\n", k, s.scrub(v))
		}
	}
	b.WriteString("\n")
	b.WriteString(s.scrub(string(body)))

	name := s.scrub(fileName(op, reqBody, resp.StatusCode, resp.Header, body))
	if r.written == nil {
		r.written = map[string]int{}
	}
	r.written[name]++
	if n := r.written[name]; n > 1 {
		name += "-" + strconv.Itoa(n)
	}
	file := name + ".http"
	path := filepath.Join(r.Dir, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("cwlogstest: Recorder: %w", err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("cwlogstest: Recorder: %w", err)
	}
	r.files = append(r.files, file)
	return nil
}

// accountMap returns the recorder's map of account ids, made if needed.
// r.mu is held.
func (r *Recorder) accountMap() map[string]string {
	if r.accounts == nil {
		r.accounts = map[string]string{}
	}
	return r.accounts
}

// fileName returns the name, without ".http", of the file of a response of
// op: the integration name for GetIntegration, else the operation's folder
// and "success" or the error's code.
func fileName(op Operation, reqBody []byte, status int, h http.Header, body []byte) string {
	if op == GetIntegration {
		var in struct {
			Name string `json:"integrationName"`
		}
		_ = json.Unmarshal(reqBody, &in)
		if in.Name != "" {
			return uriEncode(in.Name, true)
		}
	}
	folder := string(op) + "/"
	if op == GetIntegration {
		folder = ""
	}
	if status < 300 {
		return folder + "success"
	}
	if code := kebab(responseCode(h, body)); code != "" {
		return folder + code
	}
	return folder + "status-" + strconv.Itoa(status)
}

// isOperationName reports whether op can name an operation, and a folder:
// ASCII letters and digits.
func isOperationName(op string) bool {
	for _, c := range []byte(op) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return op != ""
}

// kebab returns an error code as the recorded files are named:
// LimitExceededException is limit-exceeded. Characters other than ASCII
// letters and digits are left out.
func kebab(code string) string {
	code = strings.TrimSuffix(code, "Exception")
	var b strings.Builder
	for i, c := range code {
		switch {
		case 'A' <= c && c <= 'Z':
			if i > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(unicode.ToLower(c))
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			b.WriteRune(c)
		}
	}
	return b.String()
}

// requestSecrets returns the credentials a signed request carries: the
// access key id, the session token and the signature, from its headers or
// its query.
func requestSecrets(req *http.Request) []string {
	var out []string
	auth := req.Header.Get("Authorization")
	if _, rest, ok := strings.Cut(auth, "Credential="); ok {
		id, _, _ := strings.Cut(rest, "/")
		out = append(out, id)
	}
	if _, rest, ok := strings.Cut(auth, "Signature="); ok {
		sig, _, _ := strings.Cut(rest, ",")
		out = append(out, strings.TrimSpace(sig))
	}
	out = append(out, req.Header.Values("X-Amz-Security-Token")...)
	if req.URL != nil {
		q := req.URL.Query()
		if id, _, _ := strings.Cut(q.Get("X-Amz-Credential"), "/"); id != "" {
			out = append(out, id)
		}
		out = append(out, q.Get("X-Amz-Signature"), q.Get("X-Amz-Security-Token"))
	}
	return out
}

// scrubber scrubs text of secrets and account ids.
type scrubber struct {
	secrets  []string
	accounts map[string]string
}

// Shapes of credentials the recorder scrubs whatever the request carried:
// access key ids, and the values of signature, credential and session
// token parameters or headers.
var (
	accessKeyIDPattern = regexp.MustCompile(`\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)[A-Z0-9]{16}\b`)
	credentialPattern  = regexp.MustCompile(`(?i)((?:X-Amz-)?(?:Signature|Credential|Security-Token)(?:=|"?\s*:\s*"?))([^\s&"',;<>]+)`)
	// uuidHeadPattern matches what comes before the last group of a UUID,
	// whose 12 digits are no account id.
	uuidHeadPattern = regexp.MustCompile(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-$`)
)

// scrub returns s without the scrubber's secrets, the shapes of
// credentials, and with every account id replaced.
func (sc scrubber) scrub(s string) string {
	for _, secret := range sc.secrets {
		s = scrubSecret(s, secret)
	}
	s = accessKeyIDPattern.ReplaceAllString(s, redacted)
	s = credentialPattern.ReplaceAllString(s, "${1}"+redacted)
	return sc.scrubAccounts(s)
}

// scrubAccounts replaces each account id in s by its fake one: a run of
// exactly 12 ASCII digits that stands alone, other than the last group of
// a UUID (such as a request id). A run stands alone when neither the
// character before it nor the one after it is an ASCII letter or digit
// (the start or end of s will do). The character before
// may be escaped, as in an ARN in a URL or a JSON string: percent-encoded
// (%3A, or %253A when encoded twice) or JSON-escaped (\u003a, its
// backslash escaped any number of times), and then its decoded value
// counts. Only digits change: the text keeps its length and its other
// bytes.
func (sc scrubber) scrubAccounts(s string) string {
	var b strings.Builder
	done := 0 // s[:done] is written to b
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		// The id is the run's last 12 digits: digits before them can stand
		// apart only as the hex digits of an escape (%20, \u0022).
		if p := j - 12; p >= i && standsAfter(s[:p]) && standsBefore(s[j:]) && !isUUIDTail(s[:p]) {
			b.WriteString(s[done:p])
			b.WriteString(sc.fakeAccount(s[p:j]))
			done = j
		}
		i = j
	}
	if done == 0 {
		return s
	}
	b.WriteString(s[done:])
	return b.String()
}

// standsAfter reports whether what follows head stands apart from it:
// head is empty or ends with a character other than an ASCII letter or
// digit, written as itself or escaped.
func standsAfter(head string) bool {
	if c, ok := escapedSuffix(head); ok {
		return !isAlnum(c)
	}
	if head == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(head)
	return !isAlnum(r)
}

// standsBefore reports whether tail starts with something that stands
// apart from what precedes it: tail is empty or starts with a character
// other than an ASCII letter or digit (the '%' or '\' of an escape is
// one).
func standsBefore(tail string) bool {
	return tail == "" || !isAlnum(rune(tail[0]))
}

// escapedSuffix returns the character that an escape at the end of head
// encodes: %XX, the percent sign itself encoded any number of times
// (%25XX), or \uXXXX after any number of backslashes. It reports false
// when head does not end with one.
func escapedSuffix(head string) (rune, bool) {
	n := len(head)
	if n >= 6 && head[n-6] == '\\' && head[n-5] == 'u' {
		if v := unhex(head[n-4:]); v >= 0 {
			return rune(v), true
		}
	}
	if n < 3 {
		return 0, false
	}
	v := unhex(head[n-2:])
	if v < 0 {
		return 0, false
	}
	k := n - 2 // the start of the hex digits of the innermost escape
	for k >= 3 && head[k-1] != '%' && head[k-2:k] == "25" {
		k -= 2
	}
	if head[k-1] != '%' {
		return 0, false
	}
	return rune(v), true
}

// isUUIDTail reports whether what follows head is the last group of a
// UUID, whose 12 digits are no account id.
func isUUIDTail(head string) bool {
	return uuidHeadPattern.MatchString(head[max(len(head)-len("01234567-0123-0123-0123-"), 0):])
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isAlnum reports whether r is an ASCII letter or digit.
func isAlnum(r rune) bool {
	return '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
}

// fakeAccount returns the fake account id of id, made if needed.
func (sc scrubber) fakeAccount(id string) string {
	if fake, ok := sc.accounts[id]; ok {
		return fake
	}
	fake := AccountID
	if n := len(sc.accounts); n > 0 {
		fake = fmt.Sprintf("%012d", 100000000000+n)
	}
	sc.accounts[id] = fake
	return fake
}

// scrubSecret returns s with every spelling of secret, and of each part of
// it from its start of minSecretPrefix bytes or more, replaced; then any
// run of minSecretRun bytes or more of it, wherever it starts in secret.
func scrubSecret(s, secret string) string {
	if secret == "" {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		end, n := spell(s, i, secret)
		if n == len(secret) || n >= minSecretPrefix {
			b.WriteString(redacted)
			i = end
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return scrubRuns(b.String(), secret)
}

// minSecretRun is the shortest run of bytes from inside a secret that the
// recorder scrubs: what is left of a secret that a service spelt in a way
// spell does not read.
const minSecretRun = 16

// scrubRuns returns s with every run of minSecretRun bytes or more of
// secret replaced.
func scrubRuns(s, secret string) string {
	if len(secret) < minSecretRun {
		return s
	}
	at := map[string][]int{}
	for j := 0; j+minSecretRun <= len(secret); j++ {
		w := secret[j : j+minSecretRun]
		at[w] = append(at[w], j)
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		end := i
		if i+minSecretRun <= len(s) {
			for _, j := range at[s[i:i+minSecretRun]] {
				k := minSecretRun
				for i+k < len(s) && j+k < len(secret) && s[i+k] == secret[j+k] {
					k++
				}
				end = max(end, i+k)
			}
		}
		if end > i {
			b.WriteString(redacted)
			i = end
			continue
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// spell reads s from i as far as it spells secret from its start, each
// byte as it is, percent-encoded, JSON-escaped (\u00XX, or \/ for a slash,
// the backslash itself escaped any number of times) or, for a space, as a
// plus sign. It returns where it stopped and the number of bytes of secret
// spelt.
func spell(s string, i int, secret string) (end, n int) {
	for n < len(secret) && i < len(s) {
		c := secret[n]
		k := i // past the backslashes at i
		for k < len(s) && s[k] == '\\' {
			k++
		}
		switch {
		case s[i] == c:
			i++
		case s[i] == '%' && i+3 <= len(s) && unhex(s[i+1:i+3]) == int(c):
			i += 3
		case k > i && k+5 <= len(s) && s[k] == 'u' && unhex(s[k+1:k+5]) == int(c):
			i = k + 5
		case k > i && k < len(s) && c == '/' && s[k] == '/':
			i = k + 1
		case c == ' ' && s[i] == '+':
			i++
		default:
			return i, n
		}
		n++
	}
	return i, n
}

// unhex returns the value of the hex digits h, of either case, or -1.
func unhex(h string) int {
	v, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return -1
	}
	return int(v)
}
