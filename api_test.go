package cwlogs_test

import (
	"flag"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var updateAPI = flag.Bool("update-api", false, "rewrite api/*.txt with the exported API of the packages")

// TestExportedAPI checks that the exported API of each package is the one
// its api/PACKAGE.txt file lists: every exported name with its signature,
// one a line, sorted. A change to the API then shows in review as an edit
// of that file: run go test -run TestExportedAPI -update-api to make it.
func TestExportedAPI(t *testing.T) {
	for _, dir := range []string{".", "cwlogstest"} {
		lines, name, err := exportedAPI(dir)
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		file := filepath.Join("api", name+".txt")
		got := strings.Join(lines, "\n") + "\n"
		if *updateAPI {
			if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test -run TestExportedAPI -update-api to make it)", err)
		}
		if diff := cmp.Diff(string(want), got); diff != "" {
			t.Errorf("the exported API of package %s is not the one %s lists (-want +got):\n%s\n"+
				"If the change is meant, run go test -run TestExportedAPI -update-api and note it in CHANGELOG.md.", name, file, diff)
		}
	}
}

// exportedAPI type-checks the package in dir from its source files (tests
// left out) and returns its exported API, one declaration a line, sorted,
// and the package's name.
func exportedAPI(dir string) ([]string, string, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, "", err
	}
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, "", err
		}
		files = append(files, f)
	}
	if len(files) == 0 {
		return nil, "", fmt.Errorf("no Go files in %s", dir)
	}
	imp, err := exportDataImporter(fset, dir)
	if err != nil {
		return nil, "", err
	}
	conf := types.Config{Importer: imp}
	pkg, err := conf.Check(files[0].Name.Name, fset, files, nil)
	if err != nil {
		return nil, "", err
	}
	return apiLines(pkg), pkg.Name(), nil
}

// exportDataImporter returns an importer of the packages that the package
// in dir imports, from the export data the go command compiles them to
// (go list -export), which its build cache keeps: type-checking them from
// source would take most of a minute.
func exportDataImporter(fset *token.FileSet, dir string) (types.Importer, error) {
	cmd := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}={{.Export}}", ".")
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -export: %w", err)
	}
	exports := map[string]string{}
	for line := range strings.Lines(string(out)) {
		if path, file, ok := strings.Cut(strings.TrimSpace(line), "="); ok && file != "" {
			exports[path] = file
		}
	}
	return importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	}), nil
}

// apiLines lists the exported declarations of pkg, as Go's api/*.txt
// files do: constants, variables, functions, types, the exported fields of
// structs, the methods of interfaces, and the exported methods of types.
func apiLines(pkg *types.Package) []string {
	qual := func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
	typeString := func(t types.Type) string { return types.TypeString(t, qual) }
	prefix := "pkg " + pkg.Name() + ", "
	var lines []string
	add := func(format string, args ...any) { lines = append(lines, prefix+fmt.Sprintf(format, args...)) }
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch obj := obj.(type) {
		case *types.Const:
			add("const %s %s = %s", name, typeString(obj.Type()), obj.Val().ExactString())
		case *types.Var:
			add("var %s %s", name, typeString(obj.Type()))
		case *types.Func:
			add("func %s%s", name, strings.TrimPrefix(typeString(obj.Type()), "func"))
		case *types.TypeName:
			if obj.IsAlias() {
				add("type %s = %s", name, typeString(obj.Type()))
				continue
			}
			named := obj.Type().(*types.Named)
			switch u := named.Underlying().(type) {
			case *types.Struct:
				add("type %s struct", name)
				for f := range u.Fields() {
					if !f.Exported() {
						continue
					}
					if f.Embedded() {
						add("type %s struct, embedded %s", name, typeString(f.Type()))
					} else {
						add("type %s struct, %s %s", name, f.Name(), typeString(f.Type()))
					}
				}
			case *types.Interface:
				var methods []string
				sealed := false // has unexported methods: only the package implements it
				for m := range u.Methods() {
					if m.Exported() {
						methods = append(methods, m.Name())
					} else {
						sealed = true
					}
				}
				if sealed {
					methods = append(methods, "unexported methods")
				}
				slices.Sort(methods)
				add("type %s interface { %s }", name, strings.Join(methods, ", "))
				for m := range u.Methods() {
					if m.Exported() {
						add("type %s interface, %s%s", name, m.Name(), strings.TrimPrefix(typeString(m.Type()), "func"))
					}
				}
				for e := range u.EmbeddedTypes() {
					add("type %s interface, embedded %s", name, typeString(e))
				}
			default:
				add("type %s %s", name, typeString(u))
			}
			for m := range named.Methods() {
				if !m.Exported() {
					continue
				}
				sig := m.Type().(*types.Signature)
				add("method (%s) %s%s", typeString(sig.Recv().Type()), m.Name(), strings.TrimPrefix(types.TypeString(sig, qual), "func"))
			}
		}
	}
	slices.Sort(lines)
	return lines
}
