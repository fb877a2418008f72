package cwlogstest

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The canary credentials of the scrubbing tests: the shapes of real ones,
// with the characters a session token has (/, + and =).
const (
	canaryKeyID     = "ASIACANARY0000000042"
	canarySecret    = "canary/Secret+Key=0123456789abcdefghijkl"
	canaryToken     = "IQoJb3JpZ2luX2VjCANARY//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token+part=="
	canarySignature = "5f1e0c9a7b3d2e4f6a8b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f"
)

// jsonEscaped returns s with every '/' written \/ and every '+' and '='
// written \u002B and \u003d, as some JSON encoders write them.
func jsonEscaped(s string) string {
	return strings.NewReplacer("/", `\/`, "+", `\u002B`, "=", `\u003d`).Replace(s)
}

// spellings returns the forms a service may echo s in.
func spellings(s string) map[string]string {
	return map[string]string{
		"raw":                s,
		"query-escaped":      url.QueryEscape(s),
		"path-escaped":       url.PathEscape(s),
		"JSON-escaped":       jsonEscaped(s),
		"lowercase escapes":  strings.NewReplacer("%2F", "%2f", "%2B", "%2b", "%3D", "%3d").Replace(url.QueryEscape(s)),
		"every byte escaped": everyByteEscaped(s),
		"JSON-escaped twice": strings.NewReplacer("/", `\\/`, "+", `\\u002b`, "=", `\\u003D`).Replace(s),
	}
}

// everyByteEscaped returns s with every byte percent-encoded.
func everyByteEscaped(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// TestScrubSecrets scrubs text holding each canary in each spelling, at
// the start, in the middle and at the end: each is replaced whole, and no
// spelling of any canary is left.
func TestScrubSecrets(t *testing.T) {
	secrets := []string{canaryKeyID, canarySecret, canaryToken, canarySignature}
	for _, secret := range secrets {
		for form, spelt := range spellings(secret) {
			for _, tmpl := range []string{"%s", "before %s after", `{"message":"%s"}`, "%s%s"} {
				text := strings.ReplaceAll(tmpl, "%s", spelt)
				want := strings.ReplaceAll(tmpl, "%s", redacted)
				got := scrubber{secrets: secrets, accounts: map[string]string{}}.scrub(text)
				if got != want {
					t.Errorf("%.12s… %s in %q: scrubbed to %q, want %q", secret, form, text, got, want)
				}
				for _, s := range secrets {
					for f, sp := range spellings(s) {
						if strings.Contains(got, sp) || strings.Contains(got, s[:minSecretPrefix]) {
							t.Errorf("%.12s… %s in %q: scrubbed to %q, which holds it %s", secret, form, text, got, f)
						}
					}
				}
			}
		}
	}
	// A secret in a URL's query, where its parameter is named too.
	text := "https://example.com/?X-Amz-Security-Token=" + url.QueryEscape(canaryToken) + "&a=b"
	if got, want := (scrubber{secrets: secrets, accounts: map[string]string{}}).scrub(text), "https://example.com/?X-Amz-Security-Token=[redacted]&a=b"; got != want {
		t.Errorf("scrub(%q) = %q, want %q", text, got, want)
	}
}

// TestScrubCutSecrets scrubs bodies cut inside a secret: a part of
// minSecretPrefix bytes or more is scrubbed, a shorter one left, as it may
// be any text.
func TestScrubCutSecrets(t *testing.T) {
	for _, secret := range []string{canaryToken, canaryKeyID, canarySignature} {
		for n := 1; n <= len(secret); n++ {
			text := `{"message":"echo ` + secret[:n]
			got := scrubber{secrets: []string{secret}, accounts: map[string]string{}}.scrub(text)
			want := text
			if n >= minSecretPrefix {
				want = `{"message":"echo ` + redacted
			}
			if got != want {
				t.Errorf("%.12s… cut at %d: %q, want %q", secret, n, got, want)
			}
		}
	}
}

// TestScrubShapes scrubs credentials the recorder was not told of, by
// their shape.
func TestScrubShapes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"key AKIAOTHERKEY00000000 here", "key [redacted] here"},
		{"key ASIAOTHERKEY00000001.", "key [redacted]."},
		{"not a key: AKIAshort, XAKIAOTHERKEY00000000", "not a key: AKIAshort, XAKIAOTHERKEY00000000"},
		{"Credential=AKIDOTHER/20260309/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=0123abcd",
			"Credential=[redacted], SignedHeaders=host, Signature=[redacted]"},
		{"https://x/?X-Amz-Security-Token=other%2Ftoken&X-Amz-Signature=abc&a=1", "https://x/?X-Amz-Security-Token=[redacted]&X-Amz-Signature=[redacted]&a=1"},
		{`{"X-Amz-Security-Token": "other/token", "x": 1}`, `{"X-Amz-Security-Token": "[redacted]", "x": 1}`},
		{"x-amz-security-token: other/token", "x-amz-security-token: [redacted]"},
	}
	for _, tt := range tests {
		if got := (scrubber{accounts: map[string]string{}}).scrub(tt.in); got != tt.want {
			t.Errorf("scrub(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestScrubAccounts replaces 12-digit account ids, in ARNs and elsewhere,
// by fake ones, the same for the same account, and leaves other numbers.
func TestScrubAccounts(t *testing.T) {
	sc := scrubber{accounts: map[string]string{}}
	tests := []struct{ in, want string }{
		{"arn:aws:iam::111122223333:role/R", "arn:aws:iam::123456789012:role/R"},
		{`{"principals":["arn:aws:iam::444455556666:root","arn:aws:iam::111122223333:user/u"]}`,
			`{"principals":["arn:aws:iam::100000000001:root","arn:aws:iam::123456789012:user/u"]}`},
		{"account 444455556666.", "account 100000000001."},
		{`"ownerId":"777788889999"`, `"ownerId":"100000000002"`},
		{"111122223333", "123456789012"},
		{"111122223333:444455556666", "123456789012:100000000001"},
		{"time 1773300004567, id 12345678901, x111122223333, 111122223333y", "time 1773300004567, id 12345678901, x111122223333, 111122223333y"},
		{"request 8b2f6d04-a7c3-4e19-b58e-111122223333", "request 8b2f6d04-a7c3-4e19-b58e-111122223333"},
		{"role-111122223333", "role-123456789012"},
	}
	for _, tt := range tests {
		if got := sc.scrub(tt.in); got != tt.want {
			t.Errorf("scrub(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	want := map[string]string{"111122223333": AccountID, "444455556666": "100000000001", "777788889999": "100000000002"}
	if diff := cmp.Diff(want, sc.accounts); diff != "" {
		t.Errorf("accounts mismatch (-want +got):\n%s", diff)
	}
}

func TestKebab(t *testing.T) {
	for in, want := range map[string]string{
		"LimitExceededException":    "limit-exceeded",
		"ResourceNotFoundException": "resource-not-found",
		"InternalFailure":           "internal-failure",
		"ThrottlingException":       "throttling",
		"InternalServerException":   "internal-server",
		"Exception":                 "",
		"../x":                      "x",
	} {
		if got := kebab(in); got != want {
			t.Errorf("kebab(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestScrubRuns scrubs a run of a secret that does not start it, as a
// service may echo the rest of a token: 16 bytes or more are scrubbed,
// fewer left.
func TestScrubRuns(t *testing.T) {
	for _, tt := range []struct {
		from, to int
		scrubbed bool
	}{{5, 21, true}, {5, 20, false}, {30, len(canaryToken), true}, {1, len(canaryToken) - 1, true}} {
		run := canaryToken[tt.from:tt.to]
		text := "echo <" + run + ">"
		got := scrubber{secrets: []string{canaryToken}, accounts: map[string]string{}}.scrub(text)
		want := text
		if tt.scrubbed {
			want = "echo <" + redacted + ">"
		}
		if got != want {
			t.Errorf("token[%d:%d]: %q, want %q", tt.from, tt.to, got, want)
		}
	}
}
