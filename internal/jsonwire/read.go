// Package jsonwire reads and writes the JSON of the AWS JSON protocol
// without reflection: a Reader that checks the grammar of RFC 8259 as it
// reads a body straight into typed values, and appenders that write JSON
// strings as encoding/json does.
//
// A body the Reader accepts is a body encoding/json accepts, and the
// reverse. Strings decode as in encoding/json: escapes are undone and
// invalid UTF-8 becomes U+FFFD. A string without escapes is a part of the
// input string, so decoding a body makes no copy per string.
//
// The readers of the package's users follow one shape: a value that is
// valid JSON but of the wrong shape (a number where a string is due) is a
// [ValueError], reported only after the value has been read to its end,
// so that a body that is not JSON says so rather than what shape it has.
package jsonwire

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// WhiteSpace is the white space JSON allows between tokens.
const WhiteSpace = " \t\r\n"

// maxDepth is the deepest nesting of arrays and objects the reader takes,
// as in encoding/json.
const maxDepth = 10000

// Reader reads one JSON value from a string. Its methods read the value
// that comes next; each reads it whole, even when it reports a
// [ValueError].
type Reader struct {
	s     string
	i     int // the next byte to read
	depth int // of the arrays and objects open at i
}

// NewReader returns a Reader of s. Callers keep it on their stack and pass
// its address to the functions that read parts of the value.
func NewReader(s string) Reader { return Reader{s: s} }

// Next skips white space and returns the next byte, or 0 at the end of
// the input. A NUL byte in the input is 0 as well: AtEnd tells them apart.
func (r *Reader) Next() byte {
	for r.i < len(r.s) {
		switch c := r.s[r.i]; c {
		case ' ', '\t', '\n', '\r':
			r.i++
		default:
			return c
		}
	}
	return 0
}

// AtEnd reports whether the whole input has been read.
func (r *Reader) AtEnd() bool { return r.i >= len(r.s) }

// Mark skips white space and returns the offset of the next value, for
// Since.
func (r *Reader) Mark() int {
	r.Next()
	return r.i
}

// Since returns the input from mark, an offset Mark returned, to the
// reader's position: the JSON of the values read since, as written.
func (r *Reader) Since(mark int) string { return r.s[mark:r.i] }

// End checks that nothing but white space follows the value read.
func (r *Reader) End() error {
	if r.Next() != 0 || r.i < len(r.s) {
		return r.invalid("after top-level value")
	}
	return nil
}

// Finish returns the error of a body whose top-level value was read with
// the result err: err, unless err is nil or a ValueError and something
// other than white space follows the value. A body that is not JSON says
// so rather than what shape it has.
func (r *Reader) Finish(err error) error {
	if err == nil || IsValueError(err) {
		if endErr := r.End(); endErr != nil {
			return endErr
		}
	}
	return err
}

// Null reads a null if one comes next, and reports whether it did.
func (r *Reader) Null() bool {
	if r.Next() == 'n' && strings.HasPrefix(r.s[r.i:], "null") {
		r.i += len("null")
		return true
	}
	return false
}

// Expect checks that the next value starts with c. If it starts with
// another byte, Expect reads that value and returns a ValueError whose
// message is want followed by the kind of value found ("want an object,
// found a string"), or the syntax error met reading it. At the end of the
// input it returns nil: the caller's grammar reports the end.
func (r *Reader) Expect(c byte, want string) error {
	found := r.Next()
	if found == c || r.i >= len(r.s) {
		return nil
	}
	if err := r.Skip(); err != nil {
		return err
	}
	return &ValueError{Msg: want + ", found " + Kind(found)}
}

// Object reads an object, calling member with the name of each member,
// which must read the member's value.
func (r *Reader) Object(member func(name string) error) error {
	return r.members(true, member)
}

// members is Object; the names are decoded only if names is set, and are
// "" otherwise.
func (r *Reader) members(names bool, member func(name string) error) error {
	more, err := r.open('{', '}', "looking for beginning of object")
	for more && err == nil {
		if r.Next() != '"' {
			return r.invalid("looking for beginning of object key string")
		}
		var name string
		if names {
			name, err = r.str()
		} else {
			_, err = r.scanString()
		}
		if err != nil {
			return err
		}
		if r.Next() != ':' {
			return r.invalid("after object key")
		}
		r.i++
		if err := member(name); err != nil {
			return err
		}
		more, err = r.next('}', "after object key:value pair")
	}
	return err
}

// open reads the opening byte of an array or an object, and its closing
// byte if the value is empty: more reports that an element or a member
// comes next.
func (r *Reader) open(opening, closing byte, what string) (more bool, err error) {
	if r.Next() != opening {
		return false, r.invalid(what)
	}
	r.i++
	if r.depth++; r.depth > maxDepth {
		return false, &SyntaxError{msg: "exceeded max depth", offset: r.i - 1}
	}
	if r.Next() == closing {
		r.i++
		r.depth--
		return false, nil
	}
	return true, nil
}

// next reads what follows an element or a member: a comma, and more
// reports that another comes, or the closing byte of the array or the
// object.
func (r *Reader) next(closing byte, what string) (more bool, err error) {
	switch r.Next() {
	case ',':
		r.i++
		return true, nil
	case closing:
		r.i++
		r.depth--
		return false, nil
	}
	return false, r.invalid(what)
}

// Fields reads an object, or null, whose members field reads; any other
// value is a ValueError.
//
// A member named twice counts with its last value, as in the official
// SDKs, which read an object into a map before they look at its members.
// So a value of the wrong shape is an error only if no later member of
// the same name replaces it. field must read the whole value even when it
// reports a ValueError, as every Reader method does.
func (r *Reader) Fields(field func(name string) error) error {
	if r.Null() {
		return nil
	}
	if err := r.Expect('{', "want an object"); err != nil {
		return err
	}
	type wrong struct {
		name string
		err  error
	}
	var pending []wrong // members whose last value had the wrong shape
	err := r.Object(func(name string) error {
		err := field(name)
		if err != nil && !IsValueError(err) {
			return err
		}
		if len(pending) > 0 {
			pending = slices.DeleteFunc(pending, func(w wrong) bool { return w.name == name })
		}
		if err != nil {
			pending = append(pending, wrong{name, err})
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(pending) > 0 {
		return InMember(pending[0].name, pending[0].err)
	}
	return nil
}

// Elements reads an array, calling elem with the index of each element,
// which elem must read.
func (r *Reader) Elements(elem func(i int) error) error {
	more, err := r.open('[', ']', "looking for beginning of array")
	for i := 0; more && err == nil; i++ {
		if err := elem(i); err != nil {
			return err
		}
		more, err = r.next(']', "after array element")
	}
	return err
}

// Array reads an array, or null, whose elements elem reads; any other
// value is a ValueError. Every element is read, so that an element of
// the wrong shape is reported, with its index, once the array has been
// read to its end.
func (r *Reader) Array(elem func(i int) error) error {
	if r.Null() {
		return nil
	}
	if err := r.Expect('[', "want an array"); err != nil {
		return err
	}
	var wrong error // the first element of the wrong shape
	err := r.Elements(func(i int) error {
		err := elem(i)
		switch {
		case err == nil:
		case !IsValueError(err):
			return err
		case wrong == nil:
			wrong = InElement(i, err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	return wrong
}

// List reads an array, or null, as Array does, elem reading each element
// into an element of its own, and returns the elements: an empty list for
// null or [], never nil. When an element is of the wrong shape it returns
// Array's error and no list.
func List[T any](r *Reader, elem func(*T) error) ([]T, error) {
	list := []T{}
	err := r.Array(func(int) error {
		var zero T
		list = append(list, zero)
		return elem(&list[len(list)-1])
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// StringValue reads a string, or null as "". Any other value is a
// ValueError.
func (r *Reader) StringValue() (string, error) {
	if r.Null() {
		return "", nil
	}
	if err := r.Expect('"', "want a string"); err != nil {
		return "", err
	}
	return r.str()
}

// Enum reads a string, or null as "", as a value of the string type T,
// such as an enum of the API.
func Enum[T ~string](r *Reader) (T, error) {
	v, err := r.StringValue()
	return T(v), err
}

// maxNumberText bounds the text of a number quoted in a ValueError.
const maxNumberText = 32

// Int64 reads an integer that fits an int64, or null as 0. A number with
// a fraction or an exponent, or out of range, is a ValueError, as
// encoding/json finds it when it decodes into an int64; so is any value
// that is not a number.
func (r *Reader) Int64() (int64, error) {
	if r.Null() {
		return 0, nil
	}
	if c := r.Next(); c != '-' && (c < '0' || c > '9') && r.i < len(r.s) {
		if err := r.Skip(); err != nil {
			return 0, err
		}
		return 0, &ValueError{Msg: "want a number, found " + Kind(c)}
	}
	start := r.i
	if err := r.number(); err != nil {
		return 0, err
	}
	text := r.s[start:r.i]
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		if len(text) > maxNumberText {
			text = text[:maxNumberText] + "…"
		}
		return 0, &ValueError{Msg: "want an integer of 64 bits, found " + text}
	}
	return n, nil
}

// Skip reads any value, checking its grammar, and decodes nothing.
func (r *Reader) Skip() error {
	switch r.Next() {
	case '{':
		return r.members(false, func(string) error { return r.Skip() })
	case '[':
		return r.Elements(func(int) error { return r.Skip() })
	case '"':
		_, err := r.scanString()
		return err
	case 't':
		return r.literal("true")
	case 'f':
		return r.literal("false")
	case 'n':
		return r.literal("null")
	default:
		return r.number() // or the end of the input, or an invalid byte
	}
}

// str reads a string; r.s[r.i] is its opening quote.
func (r *Reader) str() (string, error) {
	start := r.i
	plain, err := r.scanString()
	if err != nil {
		return "", err
	}
	if plain {
		return r.s[start+1 : r.i-1], nil
	}
	// Escapes or invalid UTF-8 are rare in a response: encoding/json
	// decodes the string, now known to be valid.
	var s string
	if err := json.Unmarshal([]byte(r.s[start:r.i]), &s); err != nil {
		return "", &SyntaxError{msg: err.Error(), offset: start}
	}
	return s, nil
}

// scanString checks the string whose opening quote is at r.i and moves past
// it. plain reports that the string means its bytes as they are: no
// escapes, valid UTF-8.
func (r *Reader) scanString() (plain bool, err error) {
	start := r.i
	// Most strings are printable ASCII to their closing quote.
	i := start + 1
	for i < len(r.s) {
		if c := r.s[i]; c < ' ' || c == '"' || c == '\\' || c >= utf8.RuneSelf {
			break
		}
		i++
	}
	if i < len(r.s) && r.s[i] == '"' {
		r.i = i + 1
		return true, nil
	}
	ascii, escapes := true, false
	for i < len(r.s) {
		switch c := r.s[i]; {
		case c == '"':
			r.i = i + 1
			return !escapes && (ascii || utf8.ValidString(r.s[start+1:i])), nil
		case c < ' ':
			r.i = i
			return false, r.invalid("in string literal")
		case c == '\\':
			escapes = true
			i++
			if i >= len(r.s) {
				r.i = i
				return false, r.eof()
			}
			switch r.s[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				for j := 1; j <= 4; j++ {
					if i+j >= len(r.s) {
						r.i = len(r.s)
						return false, r.eof()
					}
					if !isHex(r.s[i+j]) {
						r.i = i + j
						return false, r.invalid("in \\u hexadecimal character escape")
					}
				}
				i += 5
			default:
				r.i = i
				return false, r.invalid("in string escape code")
			}
		default:
			if c >= utf8.RuneSelf {
				ascii = false
			}
			i++
		}
	}
	r.i = len(r.s)
	return false, r.eof()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// literal reads true, false or null, which starts at r.i.
func (r *Reader) literal(lit string) error {
	for j := 0; j < len(lit); j++ {
		if r.i >= len(r.s) {
			return r.eof()
		}
		if r.s[r.i] != lit[j] {
			return r.invalid("in literal " + lit + " (expecting " + quoteByte(lit[j]) + ")")
		}
		r.i++
	}
	return nil
}

// number reads a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (r *Reader) number() error {
	if r.peek() == '-' {
		r.i++
	}
	switch c := r.peek(); {
	case c == '0':
		r.i++
	case '1' <= c && c <= '9':
		r.digits()
	case r.i >= len(r.s):
		return r.eof()
	default:
		return r.invalid("looking for beginning of value")
	}
	if r.peek() == '.' {
		r.i++
		if err := r.someDigits("after decimal point in numeric literal"); err != nil {
			return err
		}
	}
	if c := r.peek(); c == 'e' || c == 'E' {
		r.i++
		if c := r.peek(); c == '+' || c == '-' {
			r.i++
		}
		if err := r.someDigits("in exponent of numeric literal"); err != nil {
			return err
		}
	}
	return nil
}

func (r *Reader) peek() byte {
	if r.i < len(r.s) {
		return r.s[r.i]
	}
	return 0
}

func (r *Reader) digits() {
	for r.i < len(r.s) && '0' <= r.s[r.i] && r.s[r.i] <= '9' {
		r.i++
	}
}

func (r *Reader) someDigits(where string) error {
	start := r.i
	r.digits()
	if r.i == start {
		return r.invalid(where)
	}
	return nil
}

func (r *Reader) eof() error { return &SyntaxError{offset: len(r.s)} }

// invalid reports the byte at r.i as invalid where what was expected.
func (r *Reader) invalid(what string) error {
	if r.i >= len(r.s) {
		return r.eof()
	}
	return &SyntaxError{msg: fmt.Sprintf("invalid character %s %s", quoteByte(r.s[r.i]), what), offset: r.i}
}

// quoteByte quotes c as encoding/json's syntax errors do.
func quoteByte(c byte) string {
	if c == '\'' {
		return `'\''`
	}
	if c == '"' {
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}
