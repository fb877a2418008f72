package cwlogs

import (
	"strings"
	"testing"
)

func TestSnippetIsShortAndOneLine(t *testing.T) {
	got := snippet([]byte("<p>" + strings.Repeat("word\n", 200) + "</p>"))
	if len(got) > snippetLen+len("…") || strings.ContainsAny(got, "\n<>") {
		t.Errorf("snippet = %q (%d bytes), want one line of at most %d bytes", got, len(got), snippetLen)
	}
	if !strings.HasSuffix(got, "…") {
		t.Errorf("snippet = %q, want it marked as cut", got)
	}
}

// TestSnippetCharacterReferences checks that a page's character
// references are shown as what they stand for, as a browser shows them,
// and that an '&' that starts none is kept.
func TestSnippetCharacterReferences(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, body, want string }{
		{"decimal", "<p>a&#43;b</p>", "a+b"},
		{"hexadecimal, either case", "<p>a&#x2f;b&#X2F;c</p>", "a/b/c"},
		{"named", "<p>Tom &amp; Jerry &lt;3</p>", "Tom & Jerry <3"},
		{"a line break is white space", "<p>a&#10;b</p>", "a b"},
		{"not a reference", "<p>a & b &nope; &#;</p>", "a & b &nope; &#;"},
		{"numeric, no end, as browsers read it", "<p>a&#43b&#x2F-c&#X2f</p>", "a+b/-c/"},
		{"named, no end", "<p>a &amp b</p>", "a &amp b"},
		{"numeric, longer than a name", "<p>a&#" + strings.Repeat("0", 40) + "47;b</p>", "a/b"},
		{"JSON escapes", `{"code":5,"message":"a\u002Bb\/c\"d\\e"}`, `{"code":5,"message":"a+b/c"d\e"}`},
		{"a path is not escapes", `<p>C:\temp\new\file</p>`, `C:\temp\new\file`},
		{"an ampersand in text, escapes after it", `R&D a\u0072b&#47;c`, `R&D arb/c`},
		{"not a JSON escape", `a\u00 b\x c\`, `a\u00 b\x c\`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := snippet([]byte(tt.body)); got != tt.want {
				t.Errorf("snippet(%q) = %q, want %q", tt.body, got, tt.want)
			}
		})
	}
}
