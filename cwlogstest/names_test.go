package cwlogstest_test

import (
	"encoding/json"
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
		{cwlogstest.AssociateSourceToS3TableIntegration, cwlogstest.Success, 200, `{"identifier":"9f3c1a7e-4b2d-4e85-a6f0-3d8b2c1e7a54"}`},
		{cwlogstest.DisassociateSourceFromS3TableIntegration, cwlogstest.InternalServer, 500, ""},
		{cwlogstest.ListSourcesForS3TableIntegration, cwlogstest.Validation, 400,
			`{"__type":"com.amazonaws.logs#ValidationException","message":"Integration not found"}`},
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

// TestRecordedS3TableSources checks the recorded responses of the S3 Table
// integration operations: each declared error in each operation's folder,
// with its code and status, and pages of sources that chain.
func TestRecordedS3TableSources(t *testing.T) {
	declared := map[string]struct {
		code   string
		status int
	}{
		cwlogstest.AccessDenied:     {"AccessDeniedException", 400},
		cwlogstest.InternalServer:   {"InternalServerException", 500},
		cwlogstest.ResourceNotFound: {"ResourceNotFoundException", 400},
		cwlogstest.Throttling:       {"ThrottlingException", 400},
		cwlogstest.Validation:       {"ValidationException", 400},
	}
	for _, op := range []Operation{associateOp, disassociateOp, listSourcesOp} {
		for name, want := range declared {
			r, err := cwlogstest.RecordedResponse(op, name)
			if err != nil {
				t.Errorf("%s: %v", op, err)
				continue
			}
			if got := errorCode(r.Header, r.Body); r.StatusCode != want.status || got != want.code {
				t.Errorf("%s/%s: %d %s, want %d %s", op, name, r.StatusCode, got, want.status, want.code)
			}
		}
	}
	type view struct {
		Statuses  []string
		NextToken string
	}
	var pages []view
	for _, name := range []string{cwlogstest.FirstPage, cwlogstest.MiddlePage, cwlogstest.LastPage, cwlogstest.UnknownValues, cwlogstest.Empty, cwlogstest.Success} {
		r, err := cwlogstest.RecordedResponse(listSourcesOp, name)
		if err != nil {
			t.Fatal(err)
		}
		var p sourcesPage
		if err := json.Unmarshal(r.Body, &p); err != nil || p.Sources == nil {
			t.Fatalf("%s: %s (%v)", name, r.Body, err)
		}
		pages = append(pages, view{statusesOf(p.Sources), p.NextToken})
	}
	for i := range 2 {
		if pages[i].NextToken == "" || pages[i].NextToken == pages[i+1].NextToken {
			t.Errorf("page %d: token %q, want one of its own", i, pages[i].NextToken)
		}
		pages[i].NextToken = ""
	}
	want := []view{
		{Statuses: []string{"ACTIVE", "ACTIVE"}},
		{Statuses: []string{"UNHEALTHY: Log delivery is delayed.", "FAILED: The table bucket aws-cloudwatch is not reachable."}},
		{Statuses: []string{"DATA_SOURCE_DELETE_IN_PROGRESS"}},
		{Statuses: []string{"DELETING", "SUSPENDED: Paused by the account owner."}},
		{},
		{Statuses: []string{"ACTIVE", "UNHEALTHY: Log delivery is delayed."}},
	}
	if diff := cmp.Diff(want, pages); diff != "" {
		t.Errorf("pages mismatch (-want +got):\n%s", diff)
	}
}
