package cwlogstest_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// TestRecordedNames checks that every recorded file has a constant of its
// name in names.go and every such constant names a file.
func TestRecordedNames(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "names.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var constants []string
	for _, decl := range f.Decls {
		for _, spec := range decl.(*ast.GenDecl).Specs {
			for _, v := range spec.(*ast.ValueSpec).Values {
				s, err := strconv.Unquote(v.(*ast.BasicLit).Value)
				if err != nil {
					t.Fatal(err)
				}
				constants = append(constants, s)
			}
		}
	}
	var files []string
	err = fs.WalkDir(cwlogstest.Recorded(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, strings.TrimSuffix(path.Base(p), ".http"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(constants)
	slices.Sort(files)
	if diff := cmp.Diff(slices.Compact(files), constants); diff != "" {
		t.Errorf("recorded file names and constants differ (-files +constants):\n%s", diff)
	}
}

func TestRecordedResponse(t *testing.T) {
	tests := []struct {
		op         Operation
		name       string
		wantStatus int
		wantBody   string
	}{
		{cwlogstest.GetIntegration, cwlogstest.Throttling, 400, `{"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate exceeded"}`},
		{cwlogstest.PutIntegration, cwlogstest.Success, 200, `{"integrationName":"cwl-opensearch","integrationStatus":"PROVISIONING"}`},
		{cwlogstest.ListIntegrations, cwlogstest.Empty, 200, ""},
		{cwlogstest.DeleteIntegration, cwlogstest.Success, 200, ""},
		{cwlogstest.PutIntegration, cwlogstest.LimitExceeded, 400, ""},
	}
	for _, tt := range tests {
		r, err := cwlogstest.RecordedResponse(tt.op, tt.name)
		if err != nil {
			t.Errorf("RecordedResponse(%s, %s): %v", tt.op, tt.name, err)
			continue
		}
		if r.StatusCode != tt.wantStatus || tt.wantBody != "" && string(r.Body) != tt.wantBody {
			t.Errorf("RecordedResponse(%s, %s) = %d %s, want %d %s", tt.op, tt.name, r.StatusCode, r.Body, tt.wantStatus, tt.wantBody)
		}
	}
	for _, bad := range []struct {
		op   Operation
		name string
	}{{cwlogstest.PutIntegration, cwlogstest.Active}, {cwlogstest.GetIntegration, cwlogstest.LimitExceeded}, {"Nothing", "success"}} {
		if _, err := cwlogstest.RecordedResponse(bad.op, bad.name); err == nil || !strings.HasPrefix(err.Error(), "cwlogstest: ") {
			t.Errorf("RecordedResponse(%s, %s): error %v, want one", bad.op, bad.name, err)
		}
	}
}
