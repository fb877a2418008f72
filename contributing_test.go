package cwlogs_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestContributingMap checks that the map of the tree in CONTRIBUTING.md
// names every non-test .go file of the root, and no file the root does not
// have.
func TestContributingMap(t *testing.T) {
	doc, err := os.ReadFile("CONTRIBUTING.md")
	if err != nil {
		t.Fatal(err)
	}
	var mapped []string
	for _, m := range regexp.MustCompile("(?m)^\\| `([^`/]+\\.go)` \\|").FindAllSubmatch(doc, -1) {
		name := string(m[1])
		if slices.Contains(mapped, name) {
			t.Errorf("CONTRIBUTING.md names %s twice", name)
		}
		mapped = append(mapped, name)
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var root []string
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			root = append(root, f)
		}
	}
	slices.Sort(mapped)
	slices.Sort(root)
	if diff := cmp.Diff(root, mapped); diff != "" {
		t.Errorf("the map of CONTRIBUTING.md and the root's .go files differ (-root +map):\n%s", diff)
	}
}

// TestContributingHostileCount checks the number of cases CONTRIBUTING.md
// gives for the hostile-server suite.
func TestContributingHostileCount(t *testing.T) {
	doc, err := os.ReadFile("CONTRIBUTING.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("`TestHostileServers` is a table of (\\d+) cases").FindSubmatch(doc)
	if m == nil {
		t.Fatal("CONTRIBUTING.md no longer gives the number of cases of TestHostileServers")
	}
	if got, want := string(m[1]), strconv.Itoa(len(hostileServerCases(t))); got != want {
		t.Errorf("CONTRIBUTING.md says TestHostileServers has %s cases; it has %s", got, want)
	}
}

// TestContributingTestPackages checks the convention CONTRIBUTING.md
// states for the root's test files: x_internal_test.go is package cwlogs,
// every other _test.go file package cwlogs_test.
func TestContributingTestPackages(t *testing.T) {
	files, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	clause := regexp.MustCompile(`(?m)^package (\w+)$`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m := clause.FindSubmatch(data)
		if m == nil {
			t.Errorf("%s: no package clause", f)
			continue
		}
		want := "cwlogs_test"
		if strings.HasSuffix(f, "_internal_test.go") {
			want = "cwlogs"
		}
		if got := string(m[1]); got != want {
			t.Errorf("%s is package %s, want %s", f, got, want)
		}
	}
}
