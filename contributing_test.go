package cwlogs_test

import (
	"fmt"
	"go/build/constraint"
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
// have. A file with a //go:build constraint is in the map too, and its row
// names the constraint, so that the map does not pass it off as part of
// every build.
func TestContributingMap(t *testing.T) {
	doc, err := os.ReadFile("CONTRIBUTING.md")
	if err != nil {
		t.Fatal(err)
	}
	var mapped []string
	rows := map[string]string{} // what the map says of each file
	for _, m := range regexp.MustCompile("(?m)^\\| `([^`/]+\\.go)` \\|(.*)$").FindAllSubmatch(doc, -1) {
		name := string(m[1])
		if slices.Contains(mapped, name) {
			t.Errorf("CONTRIBUTING.md names %s twice", name)
		}
		mapped = append(mapped, name)
		rows[name] = string(m[2])
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var root []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		root = append(root, f)
		expr, err := buildConstraint(f)
		if err != nil {
			t.Fatal(err)
		}
		if row, ok := rows[f]; ok && expr != "" && !strings.Contains(row, "`"+expr+"`") {
			t.Errorf("%s is built only with //go:build %s; its row in CONTRIBUTING.md does not say so:%s", f, expr, row)
		}
	}
	slices.Sort(mapped)
	slices.Sort(root)
	if diff := cmp.Diff(root, mapped); diff != "" {
		t.Errorf("the map of CONTRIBUTING.md and the root's .go files differ (-root +map):\n%s", diff)
	}
}

// buildConstraint returns the expression of the //go:build line of the
// Go file name, or "" when it has none.
func buildConstraint(name string) (string, error) {
	src, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	for line := range strings.Lines(string(src)) {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "package ") {
			break
		}
		if constraint.IsGoBuild(line) {
			expr, err := constraint.Parse(line)
			if err != nil {
				return "", fmt.Errorf("%s: %w", name, err)
			}
			return expr.String(), nil
		}
	}
	return "", nil
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
	if got, want := string(m[1]), strconv.Itoa(len(hostileCases())+len(fuzzCorpusCases(t))); got != want {
		t.Errorf("CONTRIBUTING.md says TestHostileServers has %s cases; it has %s", got, want)
	}
}
