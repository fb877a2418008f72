package cwlogs

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file makes the text of errors and log records: one line, of bounded
// length, whatever a server or a caller sent.

// ellipsis stands for the part of a text that was cut.
const ellipsis = "…"

// truncate returns the start of s that fits in n bytes, cut at a
// character boundary, and whether it cut anything.
func truncate(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i], true
}

// bounded returns s cut to n bytes at a character boundary, with an
// ellipsis in place of what was cut.
func bounded(s string, n int) string {
	if head, cut := truncate(s, n); cut {
		return head + ellipsis
	}
	return s
}

// boundedChars is bounded with n counted in characters, for the texts
// whose bound is documented in characters.
func boundedChars(s string, n int) string {
	i := 0
	for range n {
		if i == len(s) {
			return s
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return bounded(s, i)
}

// oneLine replaces line breaks and other control characters with spaces,
// and bytes that are not UTF-8 with U+FFFD.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return isControl(r) || r == utf8.RuneError }) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, s)
}

// isControl reports whether r is a control character (C0, DEL or C1, which
// holds a line break and terminal escapes) or a line or paragraph separator.
func isControl(r rune) bool {
	return r < ' ' || 0x7f <= r && r <= 0x9f || r == '\u2028' || r == '\u2029'
}

// nounCount returns n and noun, with an s when n is not 1.
func nounCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
