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
