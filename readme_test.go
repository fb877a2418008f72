package cwlogs_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cwlogs-go/cwlogs"
)

// normalizeCode drops indentation and blank lines, so that a snippet of
// the README and the same lines in a function body compare equal.
func normalizeCode(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			b.WriteString(line)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// exampleBodies returns the bodies of the functions declared in the
// example files of the repository (the root package, the test kit and the
// compat module), normalized.
func exampleBodies(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"example*_test.go", "cwlogstest/example*_test.go", "compat/example*_test.go"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	var bodies []string
	for _, name := range files {
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && fn.Body != nil {
				body := src[fset.Position(fn.Body.Lbrace).Offset+1 : fset.Position(fn.Body.Rbrace).Offset]
				bodies = append(bodies, normalizeCode(string(body)))
			}
		}
	}
	return bodies
}

// TestREADMESnippets checks that every Go snippet of README.md is, word for
// word, part of the body of a function in an example file, where the
// compiler checks it and, for most, an Output comment checks what it
// prints.
func TestREADMESnippets(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	snippets := regexp.MustCompile("(?s)```go\n(.*?)```").FindAllSubmatch(readme, -1)
	if len(snippets) < 6 {
		t.Fatalf("README.md has %d Go snippets, want at least 6", len(snippets))
	}
	bodies := exampleBodies(t)
	for _, m := range snippets {
		snippet := normalizeCode(string(m[1]))
		found := false
		for _, b := range bodies {
			found = found || strings.Contains(b, snippet)
		}
		if !found {
			first, _, _ := strings.Cut(snippet, "\n")
			t.Errorf("README snippet starting %q is in no function of an example file", first)
		}
	}
}

// TestREADMEUsageError checks the error text that the README's usage
// snippet promises for an aws.Config without a region.
func TestREADMEUsageError(t *testing.T) {
	const want = "cwlogs: Options.Region is required when Options.BaseEndpoint is not set"
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), `"`+want+`"`) {
		t.Fatalf("README.md no longer quotes %q: update this test with it", want)
	}
	_, err = cwlogs.NewFromConfig(aws.Config{Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{}, nil
	})})
	if err == nil || err.Error() != want {
		t.Errorf("NewFromConfig without a region: %v, want %q", err, want)
	}
}
