package cwlogstest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// This file checks SigV4 signatures on its own, from the specification,
// rather than with the signer the client uses, so that the two check each
// other.

const (
	sigAlgorithm = "AWS4-HMAC-SHA256"
	sigService   = "logs"
	// maxSkew is how far the signing time may be from the server's clock.
	maxSkew = 5 * time.Minute
)

// authError is a request the server refuses for its signature.
type authError struct {
	status  int
	code    string
	message string
}

func (e *authError) response() Response { return ErrorResponse(e.status, e.code, e.message) }

func invalidSignature(msg string) *authError {
	return &authError{400, "InvalidSignatureException", msg}
}

// verifySignature checks the SigV4 signature of r, whose body is body,
// against the test credentials and the server's clock.
func verifySignature(r *http.Request, body []byte, now time.Time) *authError {
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return &authError{400, "MissingAuthenticationTokenException", "Missing Authentication Token"}
	}
	algorithm, fields, _ := strings.Cut(auth, " ")
	if algorithm != sigAlgorithm {
		return &authError{400, "IncompleteSignatureException", "Unsupported signing algorithm " + strconv.Quote(algorithm)}
	}
	var credential, signedHeaders, signature string
	for _, f := range strings.Split(fields, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(f), "=")
		switch k {
		case "Credential":
			credential = v
		case "SignedHeaders":
			signedHeaders = v
		case "Signature":
			signature = v
		}
	}
	if credential == "" || signedHeaders == "" || signature == "" {
		return &authError{400, "IncompleteSignatureException", "Authorization header requires Credential, SignedHeaders and Signature"}
	}
	scope := strings.Split(credential, "/")
	if len(scope) != 5 || scope[4] != "aws4_request" {
		return &authError{400, "IncompleteSignatureException", "Credential should be scoped to a valid region, not " + strconv.Quote(credential)}
	}
	keyID, date, region, service := scope[0], scope[1], scope[2], scope[3]
	if keyID != AccessKeyID {
		return &authError{400, "UnrecognizedClientException", "The security token included in the request is invalid."}
	}
	if token := r.Header.Get("X-Amz-Security-Token"); token != "" && token != SessionToken {
		return &authError{400, "UnrecognizedClientException", "The security token included in the request is invalid."}
	}
	if region != Region {
		return invalidSignature("Credential should be scoped to a valid region: " + strconv.Quote(region) + " is wrong; expecting " + strconv.Quote(Region))
	}
	if service != sigService {
		return invalidSignature("Credential should be scoped to correct service: " + strconv.Quote(sigService))
	}
	amzDate := r.Header.Get("X-Amz-Date")
	signedAt, err := time.Parse("20060102T150405Z", amzDate)
	if err != nil {
		return &authError{400, "IncompleteSignatureException", "X-Amz-Date header is missing or invalid"}
	}
	if date != signedAt.Format("20060102") {
		return invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP")
	}
	const stamp = "20060102T150405Z"
	switch d := now.Sub(signedAt); {
	case d > maxSkew:
		return invalidSignature("Signature expired: " + amzDate + " is now earlier than " +
			now.UTC().Add(-maxSkew).Format(stamp) + " (" + now.UTC().Format(stamp) + " - 5 min.)")
	case d < -maxSkew:
		return invalidSignature("Signature not yet current: " + amzDate + " is still later than " +
			now.UTC().Add(maxSkew).Format(stamp) + " (" + now.UTC().Format(stamp) + " + 5 min.)")
	}
	names := strings.Split(signedHeaders, ";")
	if !slices.IsSorted(names) || !slices.Contains(names, "host") {
		return invalidSignature("SignedHeaders must be sorted and include host")
	}
	canonical := canonicalRequest(r, names, body)
	digest := sha256.Sum256([]byte(canonical))
	stringToSign := sigAlgorithm + "\n" + amzDate + "\n" +
		date + "/" + region + "/" + service + "/aws4_request\n" + hex.EncodeToString(digest[:])
	key := hmacSHA256([]byte("AWS4"+SecretAccessKey), date)
	key = hmacSHA256(key, region)
	key = hmacSHA256(key, service)
	key = hmacSHA256(key, "aws4_request")
	want := hex.EncodeToString(hmacSHA256(key, stringToSign))
	if !hmac.Equal([]byte(want), []byte(signature)) {
		return invalidSignature("The request signature we calculated does not match the signature you provided. " +
			"Check your AWS Secret Access Key and signing method. Consult the service documentation for details.")
	}
	return nil
}

// canonicalRequest builds the SigV4 canonical request of r with the named
// headers signed.
func canonicalRequest(r *http.Request, names []string, body []byte) string {
	var b strings.Builder
	b.WriteString(r.Method)
	b.WriteByte('\n')
	b.WriteString(canonicalPath(r.URL))
	b.WriteByte('\n')
	b.WriteString(canonicalQuery(r.URL))
	b.WriteByte('\n')
	for _, name := range names {
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(headerValue(r, name))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.WriteString(strings.Join(names, ";"))
	b.WriteByte('\n')
	sum := sha256.Sum256(body)
	b.WriteString(hex.EncodeToString(sum[:]))
	return b.String()
}

// headerValue returns the canonical value of a signed header: its values
// trimmed, runs of spaces folded, joined by commas.
func headerValue(r *http.Request, name string) string {
	var values []string
	switch name {
	case "host":
		values = []string{r.Host}
	case "content-length":
		values = []string{strconv.FormatInt(r.ContentLength, 10)}
	default:
		values = r.Header.Values(name)
	}
	for i, v := range values {
		values[i] = strings.Join(strings.Fields(v), " ")
	}
	return strings.Join(values, ",")
}

// canonicalPath is the URI-encoded path, each segment encoded once more as
// services other than S3 expect.
func canonicalPath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		return "/"
	}
	return uriEncode(p, false)
}

// canonicalQuery is the query, its parameters encoded, then sorted by
// name and value: SigV4 sorts the encoded forms.
func canonicalQuery(u *url.URL) string {
	type pair struct{ k, v string }
	var pairs []pair
	for k, vs := range u.Query() {
		for _, v := range vs {
			pairs = append(pairs, pair{uriEncode(k, true), uriEncode(v, true)})
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = p.k + "=" + p.v
	}
	return strings.Join(parts, "&")
}

// uriEncode percent-encodes every byte but the unreserved ones, and '/'
// unless encodeSlash is set.
func uriEncode(s string, encodeSlash bool) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~', c == '/' && !encodeSlash:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
	return b.String()
}

func hmacSHA256(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}
