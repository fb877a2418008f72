package jsonwire

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// referenceString is what encoding/json writes for s, with HTML escaping
// or without.
func referenceString(t *testing.T, s string, escapeHTML bool) string {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(s); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	return string(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

func checkAppendString(t *testing.T, s string) {
	t.Helper()
	for _, html := range []bool{true, false} {
		got := string(AppendString([]byte("x"), s, html))
		if want := "x" + referenceString(t, s, html); got != want {
			t.Fatalf("AppendString(%q, escapeHTML %v) = %q, want %q", s, html, got, want)
		}
	}
}

func TestAppendString(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"", "plain", "a<b>&c", "\"\\/\b\f\n\r\t\x00\x1f\x7f", "T\u2028\u2029",
		"\xff\xfe é 日本", "\xed\xa0\x80", "caf\xc3", "🚀"} {
		checkAppendString(t, s)
	}
}

// FuzzAppendStringMatchesJSON checks AppendString against encoding/json,
// with HTML escaping and without, on any string.
func FuzzAppendStringMatchesJSON(f *testing.F) {
	f.Add("cwl-opensearch")
	f.Add("a<b>&c\u2028\u2029")
	f.Add("\"\\/\b\f\n\r\t\x00\x1f\x7f")
	f.Add("\xff\xfe é 日本\xed\xa0\x80")
	f.Fuzz(checkAppendString)
}

func TestAppendMembers(t *testing.T) {
	t.Parallel()
	b := []byte("{")
	b = AppendStringMember(b, "a", "x<", true)
	b = AppendStringMember(b, "empty", "", true)
	b = AppendStringMember(b, "b", "y<", false)
	b = append(AppendKey(b, "n"), '1')
	b = append(b, '}')
	if diff := cmp.Diff(`{"a":"x\u003c","b":"y<","n":1}`, string(b)); diff != "" {
		t.Errorf("object (-want +got):\n%s", diff)
	}
	if got := string(append(AppendStringMember([]byte("{"), "a", "", true), '}')); got != "{}" {
		t.Errorf("object of an empty member = %s, want {}", got)
	}
}

func TestMarshalNoEscape(t *testing.T) {
	t.Parallel()
	got, err := MarshalNoEscape(map[string]string{"a": "<&>"})
	if err != nil || string(got) != `{"a":"<&>"}` {
		t.Errorf("MarshalNoEscape = %s, %v; want {\"a\":\"<&>\"}", got, err)
	}
	if _, err := MarshalNoEscape(func() {}); err == nil {
		t.Error("MarshalNoEscape of a func: no error")
	}
}
