package jsonwire

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// grammarCases are inputs whose acceptance the tests and the fuzz target
// compare with encoding/json's.
var grammarCases = []string{
	``, ` `, `null`, ` null `, `{}`, `[]`, `"x"`, `1`, `true`, `nul`, `{`, `}`, `{"a"}`, `{"a":}`, `{"a":1,}`,
	`{,}`, `{"a":1 "b":2}`, `{} {}`, `{}x`, `{"a":[1,2,]}`, `{"a":[,]}`, `{"a":[]}`, `{"a":[[[]]]}`,
	`{"a":01}`, `{"a":-}`, `{"a":-0}`, `{"a":1.}`, `{"a":.5}`, `{"a":1e}`, `{"a":1e+}`, `{"a":1E-7}`,
	`{"a":-12.5e+3}`, `{"a":+1}`, `{"a":tru}`, `{"a":trux}`, `{"a":nullx}`, `{"a":falsey}`, `{"a":NaN}`,
	`{"a":"\u00e9\ud83d\ude00"}`, `{"a":"\ud800"}`, `{"a":"\x"}`, `{"a":"\u12"}`, `{"a":"\u12G4"}`,
	"{\"a\":\"tab\there\"}", "{\"a\":\"\xff\"}", "\"caf\xc3\"", "\x00", "{\"a\":[\x00]}", "{\"a\":\x00}",
	`"a\"b\\c\/d\b\f\n\r\t"`, `[1, "a", {"b": [true, false, null]}]`, "\t\r\n[ ]\n",
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
	strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	`{"a":` + strings.Repeat(`{"b":`, 9999) + `1` + strings.Repeat("}", 9999) + `}`,
	`{"a":` + strings.Repeat(`{"b":`, 10000) + `1` + strings.Repeat("}", 10000) + `}`,
}

// checkMatchesJSON checks that the reader accepts data, as one value read
// with Skip and then End, exactly when json.Valid does; and that a string
// reads as json.Unmarshal decodes it.
func checkMatchesJSON(t *testing.T, data []byte) {
	t.Helper()
	r := NewReader(string(data))
	err := r.Skip()
	if err == nil {
		err = r.End()
	}
	if valid := json.Valid(data); (err == nil) != valid {
		t.Fatalf("reading %q: error %v; json.Valid = %v", data, err, valid)
	}
	var want string
	if json.Unmarshal(data, &want) != nil {
		return
	}
	r = NewReader(string(data))
	got, err := r.StringValue()
	if err != nil {
		t.Fatalf("StringValue(%q): %v", data, err)
	}
	if got != want {
		t.Fatalf("StringValue(%q) = %q; json.Unmarshal gives %q", data, got, want)
	}
}

func TestReaderMatchesJSON(t *testing.T) {
	t.Parallel()
	for i, c := range grammarCases {
		t.Run(fmt.Sprintf("%d %.30q", i, c), func(t *testing.T) { checkMatchesJSON(t, []byte(c)) })
	}
}

// FuzzReaderMatchesJSON checks the reader's grammar and its strings
// against encoding/json on any input.
func FuzzReaderMatchesJSON(f *testing.F) {
	for _, c := range grammarCases {
		if len(c) < 1000 {
			f.Add([]byte(c))
		}
	}
	f.Fuzz(checkMatchesJSON)
}

// TestReaderErrors checks the text of each syntax error: encoding/json's,
// with the offset of the byte.
func TestReaderErrors(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{``, "unexpected end of JSON input"},
		{`{"a":"x"`, "unexpected end of JSON input"},
		{`{"a":"x`, "unexpected end of JSON input"},
		{`"\u12`, "unexpected end of JSON input"},
		{`<html>`, "invalid character '<' looking for beginning of value at byte 0"},
		{`{"a":1}x`, "invalid character 'x' after top-level value at byte 7"},
		{`{"a" 1}`, "invalid character '1' after object key at byte 5"},
		{`{"a":1 2}`, "invalid character '2' after object key:value pair at byte 7"},
		{`{1:2}`, "invalid character '1' looking for beginning of object key string at byte 1"},
		{`{"a":[1 2]}`, "invalid character '2' after array element at byte 8"},
		{`{"a":tx}`, "invalid character 'x' in literal true (expecting 'r') at byte 6"},
		{`{"a":1.x}`, "invalid character 'x' after decimal point in numeric literal at byte 7"},
		{`{"a":1ex}`, "invalid character 'x' in exponent of numeric literal at byte 7"},
		{"{\"a\":\"\n\"}", `invalid character '\n' in string literal at byte 6`},
		{`{"a":"\q"}`, `invalid character 'q' in string escape code at byte 7`},
		{`{"a":"\u12x4"}`, `invalid character 'x' in \u hexadecimal character escape at byte 10`},
		{`'a'`, `invalid character '\'' looking for beginning of value at byte 0`},
		{`{"a":` + strings.Repeat("[", 10001), "exceeded max depth at byte 10004"},
		{strings.Repeat(`{"a":`, 10001), "exceeded max depth at byte 50000"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%.30s", tt.in), func(t *testing.T) {
			r := NewReader(tt.in)
			err := r.Skip()
			if err == nil {
				err = r.End()
			}
			var syntax *SyntaxError
			if !errors.As(err, &syntax) || err.Error() != tt.want {
				t.Fatalf("error = %v, want the *SyntaxError %q", err, tt.want)
			}
		})
	}
}

// TestReaderValues checks the readers of typed values: what each takes,
// and the ValueError of a value of another kind, read to its end.
func TestReaderValues(t *testing.T) {
	t.Parallel()
	str := func(r *Reader) (any, error) { return r.StringValue() }
	enum := func(r *Reader) (any, error) {
		type color string
		v, err := Enum[color](r)
		return string(v), err
	}
	// fields collects an object's members as Fields gives them; a member
	// named "bad" is of the wrong shape unless it is a string.
	fields := func(r *Reader) (any, error) {
		var got []string
		err := r.Fields(func(name string) error {
			if name == "bad" {
				v, err := r.StringValue()
				got = append(got, name+"="+v)
				return err
			}
			got = append(got, name)
			return r.Skip()
		})
		return got, err
	}
	int64v := func(r *Reader) (any, error) { return r.Int64() }
	array := func(r *Reader) (any, error) {
		var got []string
		err := r.Array(func(int) error {
			v, err := r.StringValue()
			got = append(got, v)
			return err
		})
		return got, err
	}
	list := func(r *Reader) (any, error) {
		return List(r, func(s *string) (err error) {
			*s, err = r.StringValue()
			return err
		})
	}
	tests := []struct {
		name    string
		read    func(*Reader) (any, error)
		in      string
		want    any
		wantErr string
	}{
		{"string", str, `"a\u00e9"`, "aé", ""},
		{"string null", str, `null`, "", ""},
		{"string of a number", str, `12.5`, "", "want a string, found a number"},
		{"string of an object", str, `{"a":[1]}`, "", "want a string, found an object"},
		{"string of a broken object", str, `{"a":[1}`, "", "invalid character '}' after array element at byte 7"},
		{"enum", enum, `"RED"`, "RED", ""},
		{"fields", fields, `{"a":1,"b":{}}`, []string{"a", "b"}, ""},
		{"fields null", fields, `null`, []string(nil), ""},
		{"fields of an array", fields, `[1]`, []string(nil), "want an object, found an array"},
		{"fields, wrong then replaced", fields, `{"bad":1,"bad":"x"}`, []string{"bad=", "bad=x"}, ""},
		{"fields, replaced then wrong", fields, `{"bad":"x","bad":true}`, []string{"bad=x", "bad="}, "bad: want a string, found a boolean"},
		{"fields, one wrong among others", fields, `{"bad":1,"a":2}`, []string{"bad=", "a"}, "bad: want a string, found a number"},
		{"int64", int64v, `1773310532000`, int64(1773310532000), ""},
		{"int64 negative", int64v, `-1`, int64(-1), ""},
		{"int64 null", int64v, `null`, int64(0), ""},
		{"int64 largest", int64v, `9223372036854775807`, int64(9223372036854775807), ""},
		{"int64 smallest", int64v, `-9223372036854775808`, int64(-9223372036854775808), ""},
		{"int64 too large", int64v, `9223372036854775808`, int64(0), "want an integer of 64 bits, found 9223372036854775808"},
		{"int64 fraction", int64v, `1.0`, int64(0), "want an integer of 64 bits, found 1.0"},
		{"int64 exponent", int64v, `1e3`, int64(0), "want an integer of 64 bits, found 1e3"},
		{"int64 cut text", int64v, strings.Repeat("9", 40), int64(0), "want an integer of 64 bits, found " + strings.Repeat("9", 32) + "…"},
		{"int64 of a string", int64v, `"1"`, int64(0), "want a number, found a string"},
		{"int64 of an array", int64v, `[1,2]`, int64(0), "want a number, found an array"},
		{"int64 of a broken array", int64v, `[1,}`, int64(0), "invalid character '}' looking for beginning of value at byte 3"},
		{"int64 minus zero", int64v, `-0`, int64(0), ""},
		{"int64 minus alone", int64v, `-`, int64(0), "unexpected end of JSON input"},
		{"array", array, `["a",null,"b"]`, []string{"a", "", "b"}, ""},
		{"array null", array, `null`, []string(nil), ""},
		{"array of a boolean", array, `true`, []string(nil), "want an array, found a boolean"},
		{"array, every element read", array, `["a",1,2,"b"]`, []string{"a", "", "", "b"}, "[1]: want a string, found a number"},
		{"list", list, `["a",null,"b"]`, []string{"a", "", "b"}, ""},
		{"list null", list, `null`, []string{}, ""},
		{"list empty", list, `[]`, []string{}, ""},
		{"list of a boolean", list, `true`, []string(nil), "want an array, found a boolean"},
		{"list, an element of the wrong shape", list, `["a",1,"b"]`, []string(nil), "[1]: want a string, found a number"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(tt.in)
			got, err := tt.read(&r)
			if err == nil || IsValueError(err) {
				// A value of the wrong shape is read to its end.
				if endErr := r.End(); endErr != nil {
					t.Fatalf("after reading %q: %v", tt.in, endErr)
				}
			}
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.wantErr {
				t.Fatalf("error = %q, want %q", gotErr, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("read %q (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

// TestFinish checks that a body that is not JSON after its value says so,
// rather than what shape its value has.
func TestFinish(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{`{"a":1}`, ""},
		{`[]`, "want an object, found an array"},
		{`[] x`, "invalid character 'x' after top-level value at byte 3"},
		{`{"a":1} x`, "invalid character 'x' after top-level value at byte 8"},
		{`{"a":1`, "unexpected end of JSON input"},
	}
	for _, tt := range tests {
		r := NewReader(tt.in)
		err := r.Finish(r.Fields(func(string) error { return r.Skip() }))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Finish after %q = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestMarkSince checks that Since gives a value as it is written, white
// space inside it kept and around it left out.
func TestMarkSince(t *testing.T) {
	r := NewReader(` { "a" : [ 1 , {"b":null} ] } `)
	var got string
	err := r.Object(func(string) error {
		start := r.Mark()
		err := r.Skip()
		got = r.Since(start)
		return err
	})
	if err != nil || got != `[ 1 , {"b":null} ]` {
		t.Errorf("Since = %q, %v; want the array as written", got, err)
	}
}

// TestNextAtEnd checks that a NUL byte and the end of the input, which
// Next gives both as 0, are told apart by AtEnd.
func TestNextAtEnd(t *testing.T) {
	r := NewReader(" \x00")
	if c := r.Next(); c != 0 || r.AtEnd() {
		t.Errorf("at a NUL byte: Next = %q, AtEnd = %v; want 0 and false", c, r.AtEnd())
	}
	r = NewReader(" \n")
	if c := r.Next(); c != 0 || !r.AtEnd() {
		t.Errorf("at the end: Next = %q, AtEnd = %v; want 0 and true", c, r.AtEnd())
	}
}

// TestReadKeepsNoCopy checks that a plain string is a part of the input:
// decoding makes no copy per string.
func TestReadKeepsNoCopy(t *testing.T) {
	r := NewReader(`{"a":"plain","b":"esc\n"}`)
	allocs := testing.AllocsPerRun(100, func() {
		r = NewReader(`{"a":"plain"}`)
		_ = r.Fields(func(string) error {
			_, err := r.StringValue()
			return err
		})
	})
	if allocs != 0 {
		t.Errorf("reading an object of a plain string took %v allocations, want 0", allocs)
	}
}
