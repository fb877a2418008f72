package cwlogs

import (
	"strings"
	"unicode/utf8"
)

// snippetLen bounds the part of a non-JSON error body kept as the message.
const snippetLen = 200

// snippet returns the start of a body that is not JSON, as readable text on
// one line: markup tags are dropped, and so is what the head, a title, a
// style sheet or a script holds (a proxy's title repeats its heading),
// unless the page shows nothing else; white space is folded.
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
		r, size := utf8.DecodeRuneInString(s)
		s = s[size:]
		switch {
		case r == utf8.RuneError || r == ' ' || isControl(r):
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
			break
		}
		if sep == 1 {
			b.WriteByte(' ')
		}
		b.WriteRune(r)
	}
	return b.String()
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
