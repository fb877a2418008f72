package cwlogs

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file decodes response bodies in one pass, straight into the typed
// values, without reflection. The reader checks the JSON grammar of RFC 8259
// as it goes (members it skips included), so a body it accepts is a body
// encoding/json accepts, and the reverse. Strings decode as in encoding/json:
// escapes are undone and invalid UTF-8 becomes U+FFFD.
//
// The reader works on one string copy of the body, and a decoded string
// without escapes is a part of that copy: decoding makes one copy of the
// body instead of one allocation per string, and a value kept from the
// output keeps the body's copy alive with it.

// maxDepth is the deepest nesting of arrays and objects the reader takes,
// as in encoding/json.
const maxDepth = 10000

// reader reads one JSON value from s.
type reader struct {
	s     string
	i     int // the next byte to read
	depth int // of the arrays and objects open at i
}

// jsonSyntaxError is the error of a body that is not valid JSON.
type jsonSyntaxError struct {
	msg    string
	offset int // of the byte where the error was found
}

func (e *jsonSyntaxError) Error() string {
	if e.msg == "" {
		return "unexpected end of JSON input"
	}
	return fmt.Sprintf("%s at byte %d", e.msg, e.offset)
}

// valueError is the error of a valid JSON value that does not fit the
// response's shape, such as a number where a string is due. path names
// the value, as dotted wire names.
type valueError struct {
	path string
	msg  string
}

func (e *valueError) Error() string {
	if e.path == "" {
		return e.msg
	}
	return e.path + ": " + e.msg
}

// isValueError reports whether err is a valueError: the value, read to its
// end, has the wrong shape.
func isValueError(err error) bool {
	_, ok := err.(*valueError)
	return ok
}

// inMember adds the name of the member that held the value in error to
// the path of a valueError.
func inMember(name string, err error) error {
	if e, ok := err.(*valueError); ok {
		switch {
		case e.path == "":
			e.path = name
		case e.path[0] == '[': // an array element: name[2]
			e.path = name + e.path
		default:
			e.path = name + "." + e.path
		}
	}
	return err
}

// jsonKind names the kind of JSON value that starts with c.
func jsonKind(c byte) string {
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

func (r *reader) eof() error { return &jsonSyntaxError{offset: len(r.s)} }

// invalid reports the byte at r.i as invalid where what was expected.
func (r *reader) invalid(what string) error {
	if r.i >= len(r.s) {
		return r.eof()
	}
	return &jsonSyntaxError{msg: fmt.Sprintf("invalid character %s %s", quoteByte(r.s[r.i]), what), offset: r.i}
}

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

// space skips white space and returns the next byte, or 0 at the end (a
// NUL byte in the input is 0 as well: callers tell them apart by r.i).
func (r *reader) space() byte {
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

// end checks that nothing but white space follows the value read.
func (r *reader) end() error {
	if r.space() != 0 || r.i < len(r.s) {
		return r.invalid("after top-level value")
	}
	return nil
}

// null reads a null if one comes next.
func (r *reader) null() bool {
	if r.space() == 'n' && strings.HasPrefix(r.s[r.i:], "null") {
		r.i += len("null")
		return true
	}
	return false
}

// object reads an object, calling member with the name of each member,
// which must read the member's value. The value must be an object.
func (r *reader) object(member func(name string) error) error {
	return r.members(true, member)
}

// members is object; the names are decoded only if names is set, and are
// "" otherwise.
func (r *reader) members(names bool, member func(name string) error) error {
	if r.space() != '{' {
		return r.invalid("looking for beginning of object")
	}
	r.i++
	if r.depth++; r.depth > maxDepth {
		return &jsonSyntaxError{msg: "exceeded max depth", offset: r.i - 1}
	}
	if r.space() == '}' {
		r.i++
		r.depth--
		return nil
	}
	for {
		if r.space() != '"' {
			return r.invalid("looking for beginning of object key string")
		}
		var name string
		var err error
		if names {
			name, err = r.str()
		} else {
			_, err = r.scanString()
		}
		if err != nil {
			return err
		}
		if r.space() != ':' {
			return r.invalid("after object key")
		}
		r.i++
		if err := member(name); err != nil {
			return err
		}
		switch r.space() {
		case ',':
			r.i++
		case '}':
			r.i++
			r.depth--
			return nil
		default:
			return r.invalid("after object key:value pair")
		}
	}
}

// fields reads an object, or null, whose members are read by field; any
// other value is a valueError.
//
// A member named twice counts with its last value, as in the official SDKs,
// which read an object into a map before they look at its members: a value
// of the wrong shape is an error only if no later member of the same name
// replaces it. field must read the whole value even when it reports a
// valueError, as every reader method does.
func (r *reader) fields(field func(name string) error) error {
	if r.null() {
		return nil
	}
	if c := r.space(); c != '{' && r.i < len(r.s) {
		if err := r.skip(); err != nil {
			return err
		}
		return &valueError{msg: "want an object, found " + jsonKind(c)}
	}
	type wrong struct {
		name string
		err  error
	}
	var pending []wrong // members whose last value had the wrong shape
	err := r.object(func(name string) error {
		err := field(name)
		if err != nil && !isValueError(err) {
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
		return inMember(pending[0].name, pending[0].err)
	}
	return nil
}

// str reads a string; r.s[r.i] is its opening quote.
func (r *reader) str() (string, error) {
	start := r.i
	plain, err := r.scanString()
	if err != nil {
		return "", err
	}
	if plain {
		return r.s[start+1 : r.i-1], nil
	}
	// Escapes or invalid UTF-8, rare in a response: encoding/json decodes
	// the string, now known to be valid.
	var s string
	if err := json.Unmarshal([]byte(r.s[start:r.i]), &s); err != nil {
		return "", &jsonSyntaxError{msg: err.Error(), offset: start}
	}
	return s, nil
}

// scanString checks the string whose opening quote is at r.i and moves past
// it. plain reports that the string means its bytes as they are: no
// escapes, valid UTF-8.
func (r *reader) scanString() (plain bool, err error) {
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

// stringValue reads a string, or null as "".
func (r *reader) stringValue() (string, error) {
	if r.null() {
		return "", nil
	}
	if c := r.space(); c != '"' && r.i < len(r.s) {
		if err := r.skip(); err != nil {
			return "", err
		}
		return "", &valueError{msg: "want a string, found " + jsonKind(c)}
	}
	return r.str()
}

// skip reads any value, checking its grammar, and decodes nothing.
func (r *reader) skip() error {
	switch r.space() {
	case '{':
		return r.members(false, func(string) error { return r.skip() })
	case '[':
		return r.elements(func(int) error { return r.skip() })
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

// elements reads an array, which starts at r.i, calling elem with the
// index of each element, which elem must read.
func (r *reader) elements(elem func(i int) error) error {
	if r.space() != '[' {
		return r.invalid("looking for beginning of array")
	}
	r.i++
	if r.depth++; r.depth > maxDepth {
		return &jsonSyntaxError{msg: "exceeded max depth", offset: r.i - 1}
	}
	if r.space() == ']' {
		r.i++
		r.depth--
		return nil
	}
	for i := 0; ; i++ {
		if err := elem(i); err != nil {
			return err
		}
		switch r.space() {
		case ',':
			r.i++
		case ']':
			r.i++
			r.depth--
			return nil
		default:
			return r.invalid("after array element")
		}
	}
}

// literal reads true, false or null, which starts at r.i.
func (r *reader) literal(lit string) error {
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
func (r *reader) number() error {
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

func (r *reader) peek() byte {
	if r.i < len(r.s) {
		return r.s[r.i]
	}
	return 0
}

func (r *reader) digits() {
	for r.i < len(r.s) && '0' <= r.s[r.i] && r.s[r.i] <= '9' {
		r.i++
	}
}

func (r *reader) someDigits(where string) error {
	start := r.i
	r.digits()
	if r.i == start {
		return r.invalid(where)
	}
	return nil
}

// resourceStatus reads an OpenSearchResourceStatus.
func (r *reader) resourceStatus(s *OpenSearchResourceStatus) error {
	*s = OpenSearchResourceStatus{}
	return r.fields(func(name string) (err error) {
		switch name {
		case "status":
			var v string
			v, err = r.stringValue()
			s.Status = OpenSearchResourceStatusType(v)
		case "statusMessage":
			s.StatusMessage, err = r.stringValue()
		default:
			err = r.skip()
		}
		return err
	})
}

// openSearchResources holds an OpenSearchIntegrationDetails and the
// resources it points to, so that decoding them takes one allocation.
type openSearchResources struct {
	details     OpenSearchIntegrationDetails
	dataSource  OpenSearchDataSource
	application OpenSearchApplication
	collection  OpenSearchCollection
	workspace   OpenSearchWorkspace
	policies    [4]OpenSearchPolicy // encryption, network, access, lifecycle
}

// openSearchDetails reads the openSearchIntegrationDetails member of the
// integrationDetails union, which is not null.
func (r *reader) openSearchDetails() (*OpenSearchIntegrationDetails, error) {
	res := new(openSearchResources)
	d := &res.details
	err := r.fields(func(name string) (err error) {
		switch name {
		case "dataSource":
			d.DataSource, err = r.dataSource(&res.dataSource)
		case "application":
			d.Application, err = r.application(&res.application)
		case "collection":
			d.Collection, err = r.collection(&res.collection)
		case "workspace":
			d.Workspace, err = r.workspace(&res.workspace)
		case "encryptionPolicy":
			d.EncryptionPolicy, err = r.policy(&res.policies[0])
		case "networkPolicy":
			d.NetworkPolicy, err = r.policy(&res.policies[1])
		case "accessPolicy":
			d.AccessPolicy, err = r.policy(&res.policies[2])
		case "lifecyclePolicy":
			d.LifecyclePolicy, err = r.policy(&res.policies[3])
		default:
			err = r.skip()
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

func (r *reader) dataSource(v *OpenSearchDataSource) (*OpenSearchDataSource, error) {
	if r.null() {
		return nil, nil
	}
	*v = OpenSearchDataSource{}
	return v, r.fields(func(name string) (err error) {
		switch name {
		case "dataSourceName":
			v.DataSourceName, err = r.stringValue()
		case "status":
			err = r.resourceStatus(&v.Status)
		default:
			err = r.skip()
		}
		return err
	})
}

func (r *reader) application(v *OpenSearchApplication) (*OpenSearchApplication, error) {
	if r.null() {
		return nil, nil
	}
	*v = OpenSearchApplication{}
	return v, r.fields(func(name string) (err error) {
		switch name {
		case "applicationEndpoint":
			v.ApplicationEndpoint, err = r.stringValue()
		case "applicationArn":
			v.ApplicationArn, err = r.stringValue()
		case "applicationId":
			v.ApplicationID, err = r.stringValue()
		case "status":
			err = r.resourceStatus(&v.Status)
		default:
			err = r.skip()
		}
		return err
	})
}

func (r *reader) collection(v *OpenSearchCollection) (*OpenSearchCollection, error) {
	if r.null() {
		return nil, nil
	}
	*v = OpenSearchCollection{}
	return v, r.fields(func(name string) (err error) {
		switch name {
		case "collectionEndpoint":
			v.CollectionEndpoint, err = r.stringValue()
		case "collectionArn":
			v.CollectionArn, err = r.stringValue()
		case "status":
			err = r.resourceStatus(&v.Status)
		default:
			err = r.skip()
		}
		return err
	})
}

func (r *reader) workspace(v *OpenSearchWorkspace) (*OpenSearchWorkspace, error) {
	if r.null() {
		return nil, nil
	}
	*v = OpenSearchWorkspace{}
	return v, r.fields(func(name string) (err error) {
		switch name {
		case "workspaceId":
			v.WorkspaceID, err = r.stringValue()
		case "status":
			err = r.resourceStatus(&v.Status)
		default:
			err = r.skip()
		}
		return err
	})
}

// The resource readers below read a resource into the place given, and
// return it; null gives nil.

// policy reads one of the four policies.
func (r *reader) policy(p *OpenSearchPolicy) (*OpenSearchPolicy, error) {
	if r.null() {
		return nil, nil
	}
	*p = OpenSearchPolicy{}
	return p, r.fields(func(name string) (err error) {
		switch name {
		case "policyName":
			p.PolicyName, err = r.stringValue()
		case "status":
			err = r.resourceStatus(&p.Status)
		default:
			err = r.skip()
		}
		return err
	})
}
