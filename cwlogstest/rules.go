package cwlogstest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cwlogs-go/cwlogs/internal/rules"
)

// This file reads request bodies by a table of members, one per operation,
// and checks them against the constraints of the service's API model,
// answering as the service does, in its "N validation errors detected"
// format: with InvalidParameterException when only strings of the wrong
// length or characters broke a rule, else (a member missing, a number, a
// list, an enum value or a union out of its rule) with
// ValidationException. The facts of the rules (bounds, the characters of
// names, the members of unions) are package rules', which the library's
// own checks share.

// kind is the JSON type of a request member.
type kind int

const (
	kindString kind = iota
	kindInt
	kindBool
	kindStrings // a list of strings
	kindObject  // a structure, whose members have their own rules
	kindUnion   // a structure of which exactly one known member is set
)

// member is a request member and its constraints in the API model.
type member struct {
	// path names the member as the service does in its errors, such as
	// "resourceConfig.openSearchResourceConfig.retentionDays". A member is
	// read only when the structure that holds it was sent.
	path     string
	kind     kind
	required bool
	// minLen and maxLen bound the length of a string (in characters) or a
	// list; zero is no bound.
	minLen, maxLen int
	// min and max bound an integer when max is not zero.
	min, max int64
	// namePattern requires the characters of integration names.
	namePattern bool
	// enum lists the values the service accepts, if it lists any.
	enum []string
	// members are the members a union knows.
	members []string
}

// nameRule is the rule of integration names and their prefixes, with its
// path.
func nameRule(path string, required bool) member {
	return member{path: path, kind: kindString, required: required,
		minLen: rules.NameMinLen, maxLen: rules.NameMaxLen, namePattern: true}
}

// request is a request body read by its operation's members.
type request struct {
	op Operation
	// values holds each member sent, by path: a string, an int64, a bool,
	// a []string, or the members of a structure.
	values map[string]any
}

func (r *request) str(path string) string {
	s, _ := r.values[path].(string)
	return s
}

func (r *request) integer(path string) int64 {
	n, _ := r.values[path].(int64)
	return n
}

func (r *request) boolean(path string) bool {
	b, _ := r.values[path].(bool)
	return b
}

func (r *request) strs(path string) []string {
	l, _ := r.values[path].([]string)
	return l
}

// target returns what the request names: its integration name, S3 Table
// integration ARN or source identifier, the first sent.
func (r *request) target() string {
	for _, path := range []string{pathName, pathIntegrationArn, pathIdentifier} {
		if s := r.str(path); s != "" {
			return s
		}
	}
	return ""
}

// has reports whether the member at path was sent, not null.
func (r *request) has(path string) bool {
	_, ok := r.values[path]
	return ok
}

// readRequest reads body by members, which list every structure before
// its members. It returns the error response of a body the service would
// refuse, or a zero Response. With validationOnly set, every broken rule
// is a ValidationException.
func readRequest(members []member, body []byte, validationOnly bool) (*request, Response) {
	req := &request{values: map[string]any{}}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(body, &top); err != nil {
		return req, ErrorResponse(400, "SerializationException", "request body is not a JSON object: "+err.Error())
	}
	objects := map[string]map[string]json.RawMessage{"": top}
	var violations []string
	code := "InvalidParameterException"
	if validationOnly {
		code = "ValidationException"
	}
	for _, m := range members {
		parent, name := "", m.path
		if i := strings.LastIndexByte(m.path, '.'); i >= 0 {
			parent, name = m.path[:i], m.path[i+1:]
		}
		obj, ok := objects[parent]
		if !ok {
			continue // the structure that holds it was not sent
		}
		raw, ok := obj[name]
		if !ok || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
			if m.required {
				violations = append(violations, violation("null", m.path, "Member must not be null"))
				code = "ValidationException"
			}
			continue
		}
		v, err := m.decode(raw)
		if err != nil {
			return req, ErrorResponse(400, "SerializationException", "cannot read member '"+m.path+"': "+err.Error())
		}
		req.values[m.path] = v
		if o, ok := v.(map[string]json.RawMessage); ok {
			objects[m.path] = o
		}
		if msg := m.check(v); msg != "" {
			violations = append(violations, violation(quote(v), m.path, msg))
			if m.kind != kindString || m.enum != nil {
				code = "ValidationException"
			}
		}
	}
	if len(violations) == 0 {
		return req, Response{}
	}
	plural := "s"
	if len(violations) == 1 {
		plural = ""
	}
	return req, ErrorResponse(400, code,
		fmt.Sprintf("%d validation error%s detected: %s", len(violations), plural, strings.Join(violations, "; ")))
}

// violation words a broken constraint as the service does.
func violation(value, path, constraint string) string {
	return "Value " + value + " at '" + path + "' failed to satisfy constraint: " + constraint
}

// quote shows a value as the service's errors do: 'text', '45', '[a, b]'.
func quote(v any) string {
	switch v := v.(type) {
	case []string:
		return "'[" + strings.Join(v, ", ") + "]'"
	case map[string]json.RawMessage:
		return "'{" + strings.Join(sortedMembers(v), ", ") + "}'"
	}
	return fmt.Sprintf("'%v'", v)
}

func sortedMembers(o map[string]json.RawMessage) []string {
	names := make([]string, 0, len(o))
	for k := range o {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

// decode reads a member's JSON value as its kind.
func (m member) decode(raw json.RawMessage) (any, error) {
	var err error
	switch m.kind {
	case kindString:
		var s string
		if err = json.Unmarshal(raw, &s); err == nil {
			return s, nil
		}
	case kindInt:
		var n int64
		if err = json.Unmarshal(raw, &n); err == nil {
			return n, nil
		}
	case kindBool:
		var b bool
		if err = json.Unmarshal(raw, &b); err == nil {
			return b, nil
		}
	case kindStrings:
		var l []string
		if err = json.Unmarshal(raw, &l); err == nil {
			return l, nil
		}
	case kindObject, kindUnion:
		var o map[string]json.RawMessage
		if err = json.Unmarshal(raw, &o); err == nil {
			return o, nil
		}
	}
	return nil, err
}

// check returns the constraint v breaks, as the service words it, or "".
func (m member) check(v any) string {
	switch v := v.(type) {
	case string:
		if msg := m.checkLength(utf8.RuneCountInString(v)); msg != "" {
			return msg
		}
		if m.namePattern && rules.BadNameChar(v) >= 0 {
			return "Member must satisfy regular expression pattern: " + rules.NamePattern
		}
		if m.enum != nil && !slices.Contains(m.enum, v) {
			return "Member must satisfy enum value set: [" + strings.Join(m.enum, ", ") + "]"
		}
	case []string:
		return m.checkLength(len(v))
	case int64:
		switch {
		case m.max == 0:
		case v < m.min:
			return "Member must have value greater than or equal to " + strconv.FormatInt(m.min, 10)
		case v > m.max:
			return "Member must have value less than or equal to " + strconv.FormatInt(m.max, 10)
		}
	case map[string]json.RawMessage:
		if m.kind != kindUnion {
			return ""
		}
		set := 0
		for _, name := range m.members {
			if raw, ok := v[name]; ok && !bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
				set++
			}
		}
		if set != 1 {
			return "Member must have exactly one of [" + strings.Join(m.members, ", ") + "] set"
		}
	}
	return ""
}

func (m member) checkLength(n int) string {
	switch {
	case m.minLen > 0 && n < m.minLen:
		return "Member must have length greater than or equal to " + strconv.Itoa(m.minLen)
	case m.maxLen > 0 && n > m.maxLen:
		return "Member must have length less than or equal to " + strconv.Itoa(m.maxLen)
	}
	return ""
}

// invalidName returns the constraint an integration name breaks, as the
// service words it, or "" for a valid name.
func invalidName(name string) string {
	return nameRule(pathName, true).check(name)
}
