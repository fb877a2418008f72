package jsonwire

import (
	"fmt"
	"strconv"
)

// SyntaxError is the error of an input that is not valid JSON. Its text
// is encoding/json's, with the offset of the byte where the error was
// found.
type SyntaxError struct {
	msg    string // "" for the end of the input
	offset int
}

// Error returns the text of the error, as encoding/json words it.
func (e *SyntaxError) Error() string {
	if e.msg == "" {
		return "unexpected end of JSON input"
	}
	return fmt.Sprintf("%s at byte %d", e.msg, e.offset)
}

// ValueError is the error of a valid JSON value that does not fit the
// shape the reader wants, such as a number where a string is due.
type ValueError struct {
	// Path names the value, as dotted wire names with array indexes:
	// "integrationSummaries[2].integrationStatus". InMember and InElement
	// build it as the error goes up.
	Path string
	// Msg says what is wrong: "want a string, found a number".
	Msg string
}

// Error returns the path and the message: "a.b: want a string, found a
// number".
func (e *ValueError) Error() string {
	if e.Path == "" {
		return e.Msg
	}
	return e.Path + ": " + e.Msg
}

// IsValueError reports whether err is a *ValueError: the value, read to
// its end, has the wrong shape.
func IsValueError(err error) bool {
	_, ok := err.(*ValueError)
	return ok
}

// InMember adds the name of the object member that held the value in
// error to the path of a *ValueError, and returns err. Other errors are
// returned as they are.
func InMember(name string, err error) error {
	if e, ok := err.(*ValueError); ok {
		switch {
		case e.Path == "":
			e.Path = name
		case e.Path[0] == '[': // an array element: name[2]
			e.Path = name + e.Path
		default:
			e.Path = name + "." + e.Path
		}
	}
	return err
}

// InElement adds the index of the array element that held the value in
// error to the path of a *ValueError, as "[2]" or "[2].name", and
// returns err. Other errors are returned as they are.
func InElement(i int, err error) error {
	if e, ok := err.(*ValueError); ok {
		index := "[" + strconv.Itoa(i) + "]"
		if e.Path == "" {
			e.Path = index
		} else {
			e.Path = index + "." + e.Path
		}
	}
	return err
}

// Kind names the kind of JSON value that starts with c, for messages:
// "a string", "an array", "null".
func Kind(c byte) string {
	switch c {
	case '"':
		return "a string"
	case '[':
		return "an array"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '{':
		return "an object"
	default:
		return "a number"
	}
}
