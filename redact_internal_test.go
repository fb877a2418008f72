package cwlogs

import (
	"net/url"
	"strings"
	"testing"
)

// TestScrubCutBoundary checks the rules for a text that holds the start of
// a secret, in each form of the secret: at the end of a text that was cut,
// or before an ellipsis, where the client cut it (of a quoted value too),
// a start of 4 bytes (minSecretStart) or more is redacted, one of 3 is
// left alone; anywhere else, followed by more text, a start of 8 bytes
// (minSecretStartAnywhere) or more is redacted, one of 7 is left alone.
func TestScrubCutBoundary(t *testing.T) {
	t.Parallel()
	const token = "TOKENcanary+FwoGZXIvYXdzEJr/abc="
	// The bounds the README states, written out: a test that read the
	// constants would follow them if they moved.
	const atCut, anywhere = 4, 8
	sec := secrets{token}
	for _, form := range append([]string{token}, escapedForms(token)...) {
		for n := 1; n < len(form); n++ {
			start := form[:n]
			want := "body: " + start
			if n >= atCut {
				want = "body: " + redacted
			}
			if got := sec.scrubText("body: "+start, true); got != want {
				t.Errorf("body cut after %q: %q, want %q", start, got, want)
			}
			if got := sec.scrubText("body: "+start+ellipsis+" more", false); got != want+ellipsis+" more" {
				t.Errorf("text cut after %q: %q, want %q", start, got, want+ellipsis+" more")
			}
			quoted := `id "` + start + `"` + ellipsis
			wantQuoted := `id "` + strings.TrimPrefix(want, "body: ") + `"` + ellipsis
			if got := sec.scrubText(quoted, false); got != wantQuoted {
				t.Errorf("quoted value cut after %q: %q, want %q", start, got, wantQuoted)
			}
			wantWhole, wantInside := "body: "+start, "the token "+start+"... is invalid"
			if n >= anywhere {
				wantWhole, wantInside = "body: "+redacted, "the token "+redacted+"... is invalid"
			}
			if got := sec.scrubText("body: "+start, false); got != wantWhole {
				t.Errorf("whole body ending in %q: %q, want %q", start, got, wantWhole)
			}
			if got := sec.scrubText("the token "+start+"... is invalid", false); got != wantInside {
				t.Errorf("text holding %q: %q, want %q", start, got, wantInside)
			}
		}
		if got := sec.scrub("a " + form + " b"); got != "a "+redacted+" b" {
			t.Errorf("%q: %q, want the form redacted", form, got)
		}
	}
}

// TestScrubEscapes checks that a secret percent-escaped is redacted
// whatever the case of the escapes' hexadecimal digits, escaped once or
// twice, and that the text around it is kept as it is.
func TestScrubEscapes(t *testing.T) {
	t.Parallel()
	const token = "TOKENcanary+FwoGZXIvYXdzEJr/abc="
	sec := secrets{token}
	q := url.QueryEscape(token) // TOKENcanary%2BFwoGZXIvYXdzEJr%2Fabc%3D
	tests := []struct{ name, form string }{
		{"query-escaped", q},
		{"path-escaped", url.PathEscape(token)},
		{"lower-case hex", "TOKENcanary%2bFwoGZXIvYXdzEJr%2fabc%3d"},
		{"mixed-case hex", strings.NewReplacer("%2B", "%2b", "%3D", "%3d").Replace(q)},
		{"query-escaped twice", url.QueryEscape(q)},
		{"query-escaped twice, lower-case hex", strings.NewReplacer("%252B", "%252b", "%252F", "%252f").Replace(url.QueryEscape(q))},
		{"path-escaped twice", url.PathEscape(url.PathEscape(token))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := "X-Amz-Security-Token=" + tt.form + "&path=%2fa%2Fb"
			want := "X-Amz-Security-Token=" + redacted + "&path=%2fa%2Fb"
			if got := sec.scrub(text); got != want {
				t.Errorf("scrub(%q) = %q, want %q", text, got, want)
			}
			// Cut, a start of the form is redacted too.
			cut := text[:len("X-Amz-Security-Token=")+14]
			if got := sec.scrubText(cut, false); got != "X-Amz-Security-Token="+redacted {
				t.Errorf("scrubText(%q) = %q, want the start redacted", cut, got)
			}
		})
	}
}
