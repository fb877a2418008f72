package main

import "testing"

// TestValue checks how the summary prints a value: "-" stands for an empty
// one, so a value that is "-" itself is quoted, as are values with spaces,
// quotes, '=' or characters that are not printable.
func TestValue(t *testing.T) {
	for in, want := range map[string]string{
		"":         "-",
		"-":        `"-"`,
		"--":       "--",
		"ACTIVE":   "ACTIVE",
		"a b":      `"a b"`,
		`a"b`:      `"a\"b"`,
		"a=b":      `"a=b"`,
		"a\nb":     `"a\nb"`,
		"café":     "café",
		"\xff":     `"\xff"`,
		"splunk-x": "splunk-x",
	} {
		if got := value(in); got != want {
			t.Errorf("value(%q) = %s, want %s", in, got, want)
		}
	}
}
