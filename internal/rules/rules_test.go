package rules

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// modelName is the API model's whole rule of an integration name, written
// here from the model and not from the package's constants: length 1 to
// 50 and its pattern.
var modelName = regexp.MustCompile(`^[\.\-_/#A-Za-z0-9]{1,50}$`)

// TestNameBounds checks names at each boundary of the model's rule: the
// package's bounds and character set accept exactly what the model does.
func TestNameBounds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"empty", "", false},
		{"1 character", "a", true},
		{"49 characters", strings.Repeat("n", 49), true},
		{"50 characters", strings.Repeat("n", 50), true},
		{"51 characters", strings.Repeat("n", 51), false},
		{"each allowed kind of character", "azAZ09.-_/#", true},
		{"comma, before -", "a,", false},
		{"colon, after 9", "a:", false},
		{"at sign, before A", "a@", false},
		{"bracket, after Z", "a[", false},
		{"backquote, before a", "a`", false},
		{"brace, after z", "a{", false},
		{"backslash, which the pattern quotes with", `a\.`, false},
		{"plus", "a+", false},
		{"space", "a b", false},
		{"a letter that is not ASCII", "é", false},
		{"fullwidth letter", "ａ", false},
		{"Kelvin sign, which folds to K", "\u212a", false},
		{"invalid UTF-8", "a\xff", false},
		{"50 characters of 2 bytes", strings.Repeat("é", 50), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			n := utf8.RuneCountInString(tt.in)
			got := NameMinLen <= n && n <= NameMaxLen && BadNameChar(tt.in) < 0
			if got != tt.want {
				t.Errorf("name %q valid by the package's rules: %v, want %v", tt.in, got, tt.want)
			}
			if model := utf8.ValidString(tt.in) && modelName.MatchString(tt.in); model != tt.want {
				t.Errorf("name %q valid by the model: %v, want %v (the test's table is wrong)", tt.in, model, tt.want)
			}
		})
	}
}

// TestNameChars checks that IsNameChar and NamePattern are the model's
// character set, for every character up to U+FFFF and a few beyond.
func TestNameChars(t *testing.T) {
	t.Parallel()
	if want := `[\.\-_/#A-Za-z0-9]+`; NamePattern != want {
		t.Errorf("NamePattern = %s, want the model's %s", NamePattern, want)
	}
	pattern := regexp.MustCompile(`^` + NamePattern + `$`)
	for r := rune(0); r <= 0x10000; r++ {
		if got, want := IsNameChar(r), modelName.MatchString(string(r)); got != want {
			t.Errorf("IsNameChar(%q) = %v, want %v", r, got, want)
		}
		if got, want := pattern.MatchString(string(r)), IsNameChar(r); got != want {
			t.Errorf("NamePattern matches %q: %v, want %v", r, got, want)
		}
	}
	for _, r := range []rune{utf8.RuneError, utf8.MaxRune, -1} {
		if IsNameChar(r) {
			t.Errorf("IsNameChar(%q) = true, want false", r)
		}
	}
}

// TestBadNameChar checks the offset of the first refused character.
func TestBadNameChar(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want int
	}{
		{"", -1},
		{"a", -1},
		{"azAZ09.-_/#", -1},
		{" a", 0},
		{"a b", 1},
		{"ab*", 2},
		{"éa", 0},
		{"a/é", 2},
		{"aé b", 1},
		{"ab\xff", 2},
	}
	for _, tt := range tests {
		if got := BadNameChar(tt.in); got != tt.want {
			t.Errorf("BadNameChar(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestInvalidUTF8At(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int{"": -1, "abc": -1, "é\uFFFD": -1, "\xff": 0, "a\xffb": 1, "é\xe9": 2, "ab\xe2\x82": 2} {
		if got := InvalidUTF8At(in); got != want {
			t.Errorf("InvalidUTF8At(%q) = %d, want %d", in, got, want)
		}
	}
}

// TestModelBounds checks the bounds against the API model's values, each
// of which a test of the library and of the kit pins in its own wording.
func TestModelBounds(t *testing.T) {
	t.Parallel()
	type bounds struct {
		NameMin, NameMax, RetentionMin, RetentionMax               int
		ResourceConfigMembers                                      []string
		IdentifierMin, IdentifierMax, MaxResultsMin, MaxResultsMax int
	}
	want := bounds{1, 50, 1, 30, []string{"openSearchResourceConfig"}, 1, 2048, 1, 100}
	got := bounds{NameMinLen, NameMaxLen, RetentionMinDays, RetentionMaxDays, ResourceConfigMembers(),
		IdentifierMinLen, IdentifierMaxLen, MaxResultsMin, MaxResultsMax}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("bounds mismatch (-want +got):\n%s", diff)
	}
	// Each call returns its own list: a caller that changes one changes
	// no other.
	ResourceConfigMembers()[0] = "changed"
	if got := ResourceConfigMembers(); got[0] != MemberOpenSearchResourceConfig {
		t.Errorf("ResourceConfigMembers() = %q after a caller changed its list", got)
	}
}
