package cwlogs

import (
	"strings"
	"testing"
)

// TestC1ControlsAreFolded checks that C1 control characters, which hold a
// line break (U+0085) and terminal escapes (U+009B), are folded like the
// others in messages and snippets.
func TestC1ControlsAreFolded(t *testing.T) {
	e := &APIError{Operation: "GetIntegration", Code: "X\u0085Y", Message: "a\u0085b\u009b[31mc", StatusCode: 400}
	if got := e.Error(); strings.ContainsAny(got, "\u0085\u009b") {
		t.Errorf("Error() = %q, want no C1 control", got)
	}
	if got := snippet([]byte("<p>a\u0085b\u009bc</p>")); got != "a b c" {
		t.Errorf("snippet = %q, want %q", got, "a b c")
	}
}

// TestBounded checks the one truncation rule of messages: at most n bytes,
// cut at a character boundary, with an ellipsis in place of what was cut.
func TestBounded(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		s    string
		n    int
		want string
	}{
		{"shorter", "abc", 4, "abc"},
		{"exactly n bytes", "abcd", 4, "abcd"},
		{"one byte more", "abcde", 4, "abcd…"},
		{"cut inside a character: before it", "abcé", 4, "abc…"},
		{"a character that fits whole", "abé", 4, "abé"},
		{"nothing fits", "日本", 2, "…"},
		{"empty", "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bounded(tt.s, tt.n); got != tt.want {
				t.Errorf("bounded(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
			}
		})
	}
}

func TestBoundedChars(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		s    string
		n    int
		want string
	}{
		{"shorter", "héé", 4, "héé"},
		{"exactly n characters", "éééé", 4, "éééé"},
		{"one character more", "ééééé", 4, "éééé…"},
		{"ASCII", "abcde", 4, "abcd…"},
		{"none kept", "ab", 0, "…"},
		{"empty", "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := boundedChars(tt.s, tt.n); got != tt.want {
				t.Errorf("boundedChars(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
			}
		})
	}
}

// TestQuoteValueCutsWithTheSameRule checks that a value of the caller's,
// quoted in an input error, is cut by the same rule, with the ellipsis
// after the closing quote.
func TestQuoteValueCutsWithTheSameRule(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 99) + "é"
	if got, want := quoteValue(long), `"`+strings.Repeat("x", 99)+`"…`; got != want {
		t.Errorf("quoteValue = %s, want %s", got, want)
	}
	if got, want := quoteValue("a\"b"), `"a\"b"`; got != want {
		t.Errorf("quoteValue = %s, want %s", got, want)
	}
}

// TestNounCount checks the plural of the counts in messages.
func TestNounCount(t *testing.T) {
	t.Parallel()
	for n, want := range map[int]string{0: "0 polls", 1: "1 poll", 2: "2 polls"} {
		if got := nounCount(n, "poll"); got != want {
			t.Errorf("nounCount(%d) = %q, want %q", n, got, want)
		}
	}
}
