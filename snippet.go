package cwlogs

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"unicode/utf8"
)

// snippetLen bounds the part of a non-JSON error body kept as the message.
const snippetLen = 200

// snippet returns the start of a body that is not JSON, as readable text on
// one line: markup tags are dropped, and so is what the head, a title, a
// style sheet or a script holds (a proxy's title repeats its heading),
// unless the page shows nothing else; character references (&#43;,
// &#x2F;, &amp;) are replaced by what they stand for, as a browser shows
// them, and so are JSON escapes (\u002b, \/), as a JSON reader reads
// them; white space is folded.
func snippet(body []byte) string {
	if s := pageText(body, hiddenElement); s != "" {
		return s
	}
	return pageText(body, codeElement)
}

// pageText is snippet, dropping the content of the elements in hidden.
func pageText(body []byte, hidden map[string]bool) string {
	var b strings.Builder
	space := false
	for s := string(body); s != ""; {
		if s[0] == '<' {
			end := strings.IndexByte(s, '>')
			if end < 0 {
				break
			}
			name, closing := tagName(s[1:end])
			s, space = s[end+1:], true
			if !closing && hidden[name] {
				// Its content is text of another kind ('<' in a script
				// is no tag): the next tag read is its closing one.
				s = s[closingTag(s, name):]
			}
			continue
		}
		// What the page shows next: what a character reference or a JSON
		// escape stands for, or one character.
		text, n := charRef(s)
		if n == 0 {
			text, n = jsonEscape(s)
		}
		if n == 0 {
			_, n = utf8.DecodeRuneInString(s)
			text = s[:n]
		}
		s = s[n:]
		for _, r := range text {
			if r == utf8.RuneError || r == ' ' || isControl(r) {
				space = true
				continue
			}
			sep := 0
			if space && b.Len() > 0 {
				sep = 1
			}
			space = false
			if b.Len()+sep+utf8.RuneLen(r) > snippetLen {
				b.WriteString("…")
				return b.String()
			}
			if sep == 1 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// maxCharRef bounds the length of a character reference: the longest
// names of HTML are 32 bytes with their '&' and ';'.
const maxCharRef = 40

// charRef returns what the character reference at the start of s (such
// as "&#43;", "&#x2b;" or "&amp;") stands for, and its length; 0 if s
// does not start with one. A numeric reference may lack its ';', as
// browsers read it ("&#43b" shows "+b"): a secret written so is found
// once its references are read.
func charRef(s string) (string, int) {
	if s[0] != '&' {
		return "", 0
	}
	end := numericRefLen(s)
	if end == 0 {
		end = namedRefLen(s)
	}
	if end < 3 {
		return "", 0
	}
	ref := s[:end]
	if text := html.UnescapeString(ref); text != ref {
		return text, len(ref)
	}
	return "", 0
}

// namedRefLen returns the length of the named character reference at the
// start of s ('&', letters and digits, ';'), or 0 if s does not start
// with one. Anything else between '&' and a ';' is text: "R&D \u0072…;"
// is no reference, and its escapes are read.
func namedRefLen(s string) int {
	for i := 1; i < len(s) && i < maxCharRef; i++ {
		switch c := s[i]; {
		case c == ';':
			return i + 1
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		default:
			return 0
		}
	}
	return 0
}

// numericRefLen returns the length of the numeric character reference at
// the start of s ("&#" and decimal digits, or "&#x" and hexadecimal
// ones, then ';' if there is one), or 0 if s does not start with one.
func numericRefLen(s string) int {
	if len(s) < 3 || s[1] != '#' {
		return 0
	}
	i := 2
	digit := func(c byte) bool { return '0' <= c && c <= '9' }
	if s[i] == 'x' || s[i] == 'X' {
		i++
		digit = isHex
	}
	start := i
	for i < len(s) && digit(s[i]) {
		i++
	}
	if i == start {
		return 0
	}
	if i < len(s) && s[i] == ';' {
		i++
	}
	return i
}

// jsonEscape returns what the JSON escape at the start of s (such as
// "\u002b" or "\/") stands for, and its length; 0 if s does not start
// with one. A body that is JSON but not an error body the client can read
// is shown as text: its escapes may spell a secret, which is found once
// they are read.
func jsonEscape(s string) (string, int) {
	if len(s) < 2 || s[0] != '\\' {
		return "", 0
	}
	// Only the escapes a secret or a quoted text may be written with: a
	// page's "C:\temp" keeps its "\t".
	switch c := s[1]; c {
	case '"', '\\', '/':
		return s[1:2], 2
	case 'u':
		if len(s) < 6 {
			return "", 0
		}
		r, err := strconv.ParseUint(s[2:6], 16, 16)
		if err != nil {
			return "", 0
		}
		return string(rune(r)), 6
	}
	return "", 0
}

// dropPartialEscape returns body, which was cut, without the character
// reference or JSON escape it may end in the middle of ("&#", "\u00"):
// shown as text, it would stand between the text before it, which may be
// the start of a secret, and the ellipsis that marks the cut.
func dropPartialEscape(body []byte) []byte {
	tail := body[max(0, len(body)-maxCharRef):]
	i := bytes.LastIndexAny(tail, `&\`)
	if i < 0 || bytes.ContainsAny(tail[i:], "; \t\r\n<>") {
		return body
	}
	return body[:len(body)-len(tail)+i]
}

// hiddenElement lists the HTML elements whose content a page does not show
// as its text.
var hiddenElement = map[string]bool{"head": true, "title": true, "style": true, "script": true}

// codeElement lists the HTML elements whose content is code, never text.
var codeElement = map[string]bool{"style": true, "script": true}

// closingTag returns the index in s of the tag that closes the element
// name, or len(s) if there is none.
func closingTag(s, name string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return len(s)
		}
		i += j
		if rest := s[i+2:]; len(rest) >= len(name) && strings.EqualFold(rest[:len(name)], name) {
			return i
		}
		i += 2
	}
}

// tagName returns the lower-case name of the tag whose text, between '<'
// and '>', is tag, and whether it closes an element.
func tagName(tag string) (string, bool) {
	closing := strings.HasPrefix(tag, "/")
	tag = strings.TrimPrefix(tag, "/")
	if i := strings.IndexAny(tag, " \t\r\n/"); i >= 0 {
		tag = tag[:i]
	}
	return strings.ToLower(tag), closing
}
