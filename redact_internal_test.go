package cwlogs

import (
	"testing"
)

// TestScrubCutBoundary checks the rule for a text cut in a secret: an end
// that is the secret's first 4 bytes (minSecretStart) or more is
// redacted, one of 3 is left alone, in each form of the secret; and the
// same before an ellipsis, where the client cut a text.
func TestScrubCutBoundary(t *testing.T) {
	t.Parallel()
	const token = "TOKENcanary+FwoGZXIvYXdzEJr/abc="
	sec := secrets{token}
	for _, form := range append([]string{token}, escapedForms(token)...) {
		for n := 1; n < len(form); n++ {
			start := form[:n]
			want := "body: " + start
			if n >= minSecretStart {
				want = "body: " + redacted
			}
			if got := string(sec.scrubBytes([]byte("body: "+start), true)); got != want {
				t.Errorf("body cut after %q: %q, want %q", start, got, want)
			}
			if got := sec.scrubText("body: "+start+ellipsis+" more", false); got != want+ellipsis+" more" {
				t.Errorf("text cut after %q: %q, want %q", start, got, want+ellipsis+" more")
			}
			if got := string(sec.scrubBytes([]byte("body: "+start), false)); got != "body: "+start {
				t.Errorf("whole body ending in %q: %q, want it as it is", start, got)
			}
		}
		if got := sec.scrub("a " + form + " b"); got != "a "+redacted+" b" {
			t.Errorf("%q: %q, want the form redacted", form, got)
		}
	}
}
