package cwlogstest

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

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

// TestScrubAccountsAround replaces an account id whatever character
// stands before it, a character of several bytes or one that is escaped
// (an ARN in a URL's query or path, or in a JSON string), and leaves a
// number that an escaped letter or digit makes part of a longer word. The
// scrubbed text differs from the text only in digits, so that it stays
// valid UTF-8 and the same account gets the same fake id.
func TestScrubAccountsAround(t *testing.T) {
	const id, fake = "111122223333", AccountID
	tests := []struct{ name, in, want string }{
		{"after a no-break space", "compte\u00a0" + id, "compte\u00a0" + fake},
		{"between non-ASCII characters", "日本" + id + "日本", "日本" + fake + "日本"},
		{"after a non-ASCII letter", "é" + id, "é" + fake},
		{"after a byte that is not UTF-8", "\xff" + id + "\xfe", "\xff" + fake + "\xfe"},
		{"twice after no-break spaces", "\u00a0" + id + " and\u00a0" + id, "\u00a0" + fake + " and\u00a0" + fake},
		{"percent-encoded ARN", "arn%3Aaws%3Aiam%3A%3A" + id + "%3Arole%2FR", "arn%3Aaws%3Aiam%3A%3A" + fake + "%3Arole%2FR"},
		{"percent-encoded, lowercase", "arn%3aaws%3aiam%3a%3a" + id + "%3arole", "arn%3aaws%3aiam%3a%3a" + fake + "%3arole"},
		{"percent-encoded twice", "arn%253Aaws%253Aiam%253A%253A" + id + "%253Arole", "arn%253Aaws%253Aiam%253A%253A" + fake + "%253Arole"},
		{"in a path", "/accounts%2F" + id + "%2Froles", "/accounts%2F" + fake + "%2Froles"},
		{"after an escape whose hex digits are digits", "q=%20" + id + "%20x", "q=%20" + fake + "%20x"},
		{"after a percent-encoded no-break space", "%C2%A0" + id, "%C2%A0" + fake},
		{"JSON-escaped ARN", `arn\u003aaws\u003aiam\u003a\u003a` + id + `\u003arole`, `arn\u003aaws\u003aiam\u003a\u003a` + fake + `\u003arole`},
		{"JSON-escaped, uppercase", `iam\u003A\u003A` + id, `iam\u003A\u003A` + fake},
		{"JSON-escaped twice", `iam\\u003a\\u003a` + id + `\\u003arole`, `iam\\u003a\\u003a` + fake + `\\u003arole`},
		{"after an escaped quote", `\u0022` + id + `\u0022`, `\u0022` + fake + `\u0022`},
		{"after a literal percent sign", "100%" + id, "100%" + fake},
		{"after a percent-encoded letter: part of a word", "x%41" + id, "x%41" + id},
		{"after a JSON-escaped letter: part of a word", `x\u0041` + id, `x\u0041` + id},
		{"after a percent-encoded digit: 13 digits", "x%31" + id, "x%31" + id},
		{"13 digits after an escape", "%3A" + id + "4", "%3A" + id + "4"},
		{"14 digits", "x 20" + id, "x 20" + id},
		{"last group of a UUID", "8b2f6d04-a7c3-4e19-b58e-" + id, "8b2f6d04-a7c3-4e19-b58e-" + id},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := scrubber{accounts: map[string]string{}}
			got := sc.scrub(tt.in)
			if got != tt.want {
				t.Errorf("scrub(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if utf8.ValidString(tt.in) && !utf8.ValidString(got) {
				t.Errorf("scrub(%q) = %q, which is not valid UTF-8", tt.in, got)
			}
			want := map[string]string{}
			if tt.in != tt.want {
				want = map[string]string{id: fake}
			}
			if diff := cmp.Diff(want, sc.accounts); diff != "" {
				t.Errorf("accounts mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzScrubAccounts checks that replacing account ids changes digits
// alone: the text keeps its length, its other bytes and its validity as
// UTF-8, and what it replaces is 12 digits, by 12 digits.
func FuzzScrubAccounts(f *testing.F) {
	for _, s := range []string{"compte\u00a0111122223333", "arn%3Aaws%3Aiam%3A%3A111122223333%3Arole",
		`iam\u003a\u003a111122223333`, "\xff111122223333 111122223333", "8b2f6d04-a7c3-4e19-b58e-111122223333"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sc := scrubber{accounts: map[string]string{}}
		got := sc.scrubAccounts(s)
		if len(got) != len(s) {
			t.Fatalf("scrubAccounts(%q) = %q: %d bytes, want %d", s, got, len(got), len(s))
		}
		for i := range len(s) {
			if got[i] != s[i] && !(isDigit(got[i]) && isDigit(s[i])) {
				t.Fatalf("scrubAccounts(%q) = %q: byte %d changed from %q to %q, not a digit for a digit", s, got, i, s[i], got[i])
			}
		}
		if utf8.ValidString(s) != utf8.ValidString(got) {
			t.Fatalf("scrubAccounts(%q) = %q: valid UTF-8 %v, want %v", s, got, utf8.ValidString(got), utf8.ValidString(s))
		}
		for real, fake := range sc.accounts {
			if len(real) != 12 || len(fake) != 12 {
				t.Fatalf("scrubAccounts(%q): %q replaced by %q, want 12 digits each", s, real, fake)
			}
		}
	})
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
