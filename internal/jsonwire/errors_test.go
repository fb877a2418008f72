package jsonwire

import (
	"errors"
	"testing"
)

// TestPaths checks the paths InMember and InElement build, from the
// value in error up to the body.
func TestPaths(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		wrap func(error) error
		want string
	}{
		{"member", func(err error) error { return InMember("a", err) }, "a: m"},
		{"element", func(err error) error { return InElement(2, err) }, "[2]: m"},
		{"member of a member", func(err error) error { return InMember("a", InMember("b", err)) }, "a.b: m"},
		{"element of a member", func(err error) error { return InMember("list", InElement(2, err)) }, "list[2]: m"},
		{"member of an element", func(err error) error { return InElement(2, InMember("name", err)) }, "[2].name: m"},
		{"element of an element", func(err error) error { return InElement(1, InElement(0, err)) }, "[1].[0]: m"},
	}
	for _, tt := range tests {
		if got := tt.wrap(&ValueError{Msg: "m"}).Error(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
	other := errors.New("other")
	if InMember("a", other) != other || InElement(1, other) != other || IsValueError(other) {
		t.Error("an error that is not a ValueError is changed or taken for one")
	}
}

func TestKind(t *testing.T) {
	t.Parallel()
	for c, want := range map[byte]string{'"': "a string", '[': "an array", 't': "a boolean", 'f': "a boolean",
		'n': "null", '{': "an object", '-': "a number", '7': "a number"} {
		if got := Kind(c); got != want {
			t.Errorf("Kind(%q) = %q, want %q", c, got, want)
		}
	}
}
