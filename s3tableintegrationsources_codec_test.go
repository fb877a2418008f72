package cwlogs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The reference decoders below decode the outputs of the S3 Table
// integration source operations the slow, obvious way, as refListOutput
// does ListIntegrations': encoding/json reads each object into a map of raw
// members, and the rules are applied to the maps.

func refIdentifier(data []byte) (string, error) {
	m, err := refTop(data)
	if err != nil || m == nil {
		return "", err
	}
	var id string
	err = refString(m["identifier"], &id)
	return id, err
}

func refAssociateOutput(data []byte) (AssociateSourceToS3TableIntegrationOutput, error) {
	id, err := refIdentifier(data)
	return AssociateSourceToS3TableIntegrationOutput{Identifier: id}, err
}

func refDisassociateOutput(data []byte) (DisassociateSourceFromS3TableIntegrationOutput, error) {
	id, err := refIdentifier(data)
	return DisassociateSourceFromS3TableIntegrationOutput{Identifier: id}, err
}

func refInt64(data json.RawMessage, n *int64) error {
	if data == nil || string(data) == "null" {
		return nil
	}
	return json.Unmarshal(data, n)
}

func refListSourcesOutput(data []byte) (ListSourcesForS3TableIntegrationOutput, error) {
	out := ListSourcesForS3TableIntegrationOutput{Sources: []S3TableIntegrationSource{}}
	m, err := refTop(data)
	if err != nil || m == nil {
		return out, err
	}
	if err := refString(m["nextToken"], &out.NextToken); err != nil {
		return out, err
	}
	var elems []json.RawMessage // null gives none
	if raw := m["sources"]; raw != nil {
		if err := json.Unmarshal(raw, &elems); err != nil {
			return out, err
		}
	}
	for _, e := range elems {
		em, err := refObject(e)
		if err != nil {
			return out, err
		}
		var s S3TableIntegrationSource
		var status string
		ds, err := refObject(em["dataSource"])
		if err != nil {
			return out, err
		}
		err = errors.Join(refString(em["identifier"], &s.Identifier), refString(em["status"], &status),
			refString(em["statusReason"], &s.StatusReason), refInt64(em["createdTimeStamp"], &s.CreatedTimeStamp),
			refString(em["parentSourceIdentifier"], &s.ParentSourceIdentifier),
			refString(ds["name"], &s.DataSource.Name), refString(ds["type"], &s.DataSource.Type))
		if err != nil {
			return out, err
		}
		s.Status = S3TableIntegrationSourceStatus(status)
		out.Sources = append(out.Sources, s)
	}
	return out, nil
}

// s3DecodeCases are bodies of the S3 Table integration source outputs that
// the tests and the fuzz targets compare with the references, beside
// decodeCases and opsDecodeCases.
var s3DecodeCases = []string{
	`{"identifier":"a"}`, `{"identifier":null}`, `{"identifier":1}`, `{"identifier":"a","identifier":2}`,
	`{"identifier":2,"identifier":"a"}`, `{"identifier":"\u00e9\ud800"}`, `{"identifier":"a"}]`,
	`{"sources":[]}`, `{"sources":null}`, `{"sources":{}}`, `{"sources":[null]}`, `{"sources":[1]}`, `{"sources":[[]]}`,
	`{"sources":[{}],"nextToken":"t"}`, `{"nextToken":null}`, `{"nextToken":7}`, `{"nextToken":""}`,
	`{"sources":[{"identifier":"i","dataSource":{"name":"n","type":"t","x":1},"status":"NEW","statusReason":"r",` +
		`"createdTimeStamp":1773310532000,"parentSourceIdentifier":"p","future":{"a":[1]}}]}`,
	`{"sources":[{"dataSource":null}]}`, `{"sources":[{"dataSource":"x"}]}`, `{"sources":[{"dataSource":[]}]}`,
	`{"sources":[{"dataSource":{"name":1}}]}`, `{"sources":[{"dataSource":{"name":"a"},"dataSource":{"type":"b"}}]}`,
	`{"sources":[{"dataSource":{"name":1},"dataSource":{"type":"b"}}]}`,
	`{"sources":[{"dataSource":{"name":"a"},"dataSource":null}]}`,
	`{"sources":[{"createdTimeStamp":0}]}`, `{"sources":[{"createdTimeStamp":-0}]}`, `{"sources":[{"createdTimeStamp":-1}]}`,
	`{"sources":[{"createdTimeStamp":1.5}]}`, `{"sources":[{"createdTimeStamp":1.0}]}`, `{"sources":[{"createdTimeStamp":1e3}]}`,
	`{"sources":[{"createdTimeStamp":1E+3}]}`, `{"sources":[{"createdTimeStamp":9223372036854775807}]}`,
	`{"sources":[{"createdTimeStamp":9223372036854775808}]}`, `{"sources":[{"createdTimeStamp":-9223372036854775808}]}`,
	`{"sources":[{"createdTimeStamp":-9223372036854775809}]}`, `{"sources":[{"createdTimeStamp":"1"}]}`,
	`{"sources":[{"createdTimeStamp":null}]}`, `{"sources":[{"createdTimeStamp":true}]}`, `{"sources":[{"createdTimeStamp":[]}]}`,
	`{"sources":[{"createdTimeStamp":01}]}`, `{"sources":[{"createdTimeStamp":-}]}`, `{"sources":[{"createdTimeStamp":x}]}`,
	`{"sources":[{"createdTimeStamp":1.5},{"createdTimeStamp":"x"}]}`, `{"sources":[{"createdTimeStamp":1.5,"createdTimeStamp":2}]}`,
	`{"sources":[{"createdTimeStamp":` + strings.Repeat("9", 400) + `}]}`,
	`{"sources":[{"status":7}],"sources":[]}`, `{"sources":[{"identifier":"a"}],"sources":null}`,
	`{"sources":[{"identifier":"a"}]} x`, `{"sources":[{"identifier":"a"}]`, `{"sources":[{} {}]}`,
	"{\"sources\":[{\"createdTimeStamp\":1\x00}]}",
}

// s3RecordedBodies returns the bodies of the recorded responses of op in
// the root's testdata folder, by file name.
func s3RecordedBodies(tb testing.TB, op string) map[string][]byte {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", op, "*.http"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("no recorded responses of %s (%v)", op, err)
	}
	bodies := map[string][]byte{}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			tb.Fatal(err)
		}
		_, body, ok := bytes.Cut(data, []byte("\n\n"))
		if !ok {
			tb.Fatalf("%s: no empty line after the headers", file)
		}
		bodies[filepath.Base(file)] = body
	}
	return bodies
}

// s3DecodeInputs returns every case and the recorded bodies of op.
func s3DecodeInputs(tb testing.TB, op string) map[string][]byte {
	inputs := map[string][]byte{}
	cases := append(append(append([]string{}, decodeCases...), outputDecodeCases...), s3DecodeCases...)
	for i, c := range cases {
		inputs[fmt.Sprintf("case %d %.40q", i, c)] = []byte(c)
	}
	for name, body := range s3RecordedBodies(tb, op) {
		inputs[name] = body
	}
	return inputs
}

func checkAssociateOutput(t *testing.T, data []byte) {
	checkOutputMatchesReference[AssociateSourceToS3TableIntegrationOutput](t, data, refAssociateOutput, false)
}

func checkDisassociateOutput(t *testing.T, data []byte) {
	checkOutputMatchesReference[DisassociateSourceFromS3TableIntegrationOutput](t, data, refDisassociateOutput, false)
}

func checkListSourcesOutput(t *testing.T, data []byte) {
	checkOutputMatchesReference[ListSourcesForS3TableIntegrationOutput](t, data, refListSourcesOutput, false)
}

var s3OutputChecks = map[string]func(*testing.T, []byte){
	"AssociateSourceToS3TableIntegration":      checkAssociateOutput,
	"DisassociateSourceFromS3TableIntegration": checkDisassociateOutput,
	"ListSourcesForS3TableIntegration":         checkListSourcesOutput,
}

func TestS3SourcesDecodeMatchesReference(t *testing.T) {
	for op, check := range s3OutputChecks {
		t.Run(op, func(t *testing.T) {
			t.Parallel()
			for name, data := range s3DecodeInputs(t, op) {
				t.Run(name, func(t *testing.T) { check(t, data) })
			}
		})
	}
}

func TestS3SourcesDecodeErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		out  json.Unmarshaler
		in   string
		want string // the whole error; empty for none
	}{
		{"associate", new(AssociateSourceToS3TableIntegrationOutput), `{"identifier":true}`, "identifier: want a string, found a boolean"},
		{"associate", new(AssociateSourceToS3TableIntegrationOutput), ``, "unexpected end of JSON input"},
		{"disassociate", new(DisassociateSourceFromS3TableIntegrationOutput), `"x"`, "want an object, found a string"},
		{"list", new(ListSourcesForS3TableIntegrationOutput), `{"sources":[{},{},{"status":7}]}`, "sources[2].status: want a string, found a number"},
		{"list", new(ListSourcesForS3TableIntegrationOutput), `{"sources":[{},1]}`, "sources[1]: want an object, found a number"},
		{"list", new(ListSourcesForS3TableIntegrationOutput), `{"sources":{}}`, "sources: want an array, found an object"},
		{"list", new(ListSourcesForS3TableIntegrationOutput), `{"sources":[{"dataSource":{"name":1}}]}`,
			"sources[0].dataSource.name: want a string, found a number"},
		{"list", new(ListSourcesForS3TableIntegrationOutput), `{"sources":[{"createdTimeStamp":"1"}]}`,
			"sources[0].createdTimeStamp: want a number, found a string"},
		{"list", new(ListSourcesForS3TableIntegrationOutput), `{"sources":[{"createdTimeStamp":1e3}]}`,
			"sources[0].createdTimeStamp: want an integer of 64 bits, found 1e3"},
		{"list", new(ListSourcesForS3TableIntegrationOutput), `{"sources":[{"createdTimeStamp":` + strings.Repeat("9", 40) + `}]}`,
			"sources[0].createdTimeStamp: want an integer of 64 bits, found " + strings.Repeat("9", 32) + "…"},
		{"list", new(ListSourcesForS3TableIntegrationOutput), `{"sources":[{"createdTimeStamp":-}]}`,
			"invalid character '}' looking for beginning of value at byte 33"},
		{"list", new(ListSourcesForS3TableIntegrationOutput), `{"sources":[{"createdTimeStamp":1.5,"createdTimeStamp":2}]}`, ""},
		{"list", new(ListSourcesForS3TableIntegrationOutput), `{"nextToken":"t","sources":null}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.in, func(t *testing.T) {
			err := tt.out.UnmarshalJSON([]byte(tt.in))
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tt.want {
				t.Fatalf("UnmarshalJSON(%q) error = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestS3SourcesDecodeKeepsNoInput checks that a decoded list does not share
// memory with the body, which the caller may reuse.
func TestS3SourcesDecodeKeepsNoInput(t *testing.T) {
	t.Parallel()
	body := []byte(`{"sources":[{"identifier":"i","dataSource":{"name":"n","type":"t"},"status":"ACTIVE"}],"nextToken":"tok"}`)
	var out ListSourcesForS3TableIntegrationOutput
	if err := out.UnmarshalJSON(body); err != nil {
		t.Fatal(err)
	}
	for i := range body {
		body[i] = ' '
	}
	want := ListSourcesForS3TableIntegrationOutput{NextToken: "tok", Sources: []S3TableIntegrationSource{
		{Identifier: "i", DataSource: DataSource{Name: "n", Type: "t"}, Status: S3TableIntegrationSourceStatusActive}}}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("output after the body was overwritten (-want +got):\n%s", diff)
	}
}

// TestS3SourcesDecodeKeepsMetadata checks that decoding a body into an
// output keeps its ResultMetadata, which is not part of the body.
func TestS3SourcesDecodeKeepsMetadata(t *testing.T) {
	t.Parallel()
	meta := ResponseMetadata{RequestID: "r", StatusCode: 200, Attempts: 2}
	a := AssociateSourceToS3TableIntegrationOutput{Identifier: "old", ResultMetadata: meta}
	l := ListSourcesForS3TableIntegrationOutput{NextToken: "old", ResultMetadata: meta}
	if err := errors.Join(a.UnmarshalJSON([]byte(`{}`)), l.UnmarshalJSON([]byte(`{}`))); err != nil {
		t.Fatal(err)
	}
	want := []any{AssociateSourceToS3TableIntegrationOutput{ResultMetadata: meta},
		ListSourcesForS3TableIntegrationOutput{Sources: []S3TableIntegrationSource{}, ResultMetadata: meta}}
	if diff := cmp.Diff(want, []any{a, l}); diff != "" {
		t.Errorf("outputs (-want +got):\n%s", diff)
	}
}

// fuzzS3Output seeds a fuzz target of op's output with the recorded bodies
// and the cases, and runs check.
func fuzzS3Output(f *testing.F, op string) {
	for _, data := range s3DecodeInputs(f, op) {
		if len(data) < 1000 {
			f.Add(data)
		}
	}
	f.Fuzz(s3OutputChecks[op])
}

func FuzzAssociateSourceToS3TableIntegrationOutput(f *testing.F) {
	fuzzS3Output(f, "AssociateSourceToS3TableIntegration")
}

func FuzzDisassociateSourceFromS3TableIntegrationOutput(f *testing.F) {
	fuzzS3Output(f, "DisassociateSourceFromS3TableIntegration")
}

func FuzzListSourcesForS3TableIntegrationOutput(f *testing.F) {
	fuzzS3Output(f, "ListSourcesForS3TableIntegration")
}

// TestS3SourcesDecodeAllocations checks that the outputs decode in a
// handful of allocations: the body's copy, the closures of the reader and
// the list's backing array.
func TestS3SourcesDecodeAllocations(t *testing.T) {
	tests := []struct {
		name string
		out  json.Unmarshaler
		body string
		max  float64
	}{
		{"associate", new(AssociateSourceToS3TableIntegrationOutput), `{"identifier":"6f1c2a9e-4b7d-4e30-9a85-2d1f0c7e5b43"}`, 1},
		{"list", new(ListSourcesForS3TableIntegrationOutput), `{"sources":[{"identifier":"a","dataSource":{"name":"n","type":"t"},` +
			`"status":"ACTIVE","createdTimeStamp":1773310532000},{"identifier":"b","status":"FAILED","statusReason":"r"}],"nextToken":"t"}`, 6},
	}
	for _, tt := range tests {
		body := []byte(tt.body)
		allocs := testing.AllocsPerRun(100, func() {
			if err := tt.out.UnmarshalJSON(body); err != nil {
				t.Fatal(err)
			}
		})
		if allocs > tt.max {
			t.Errorf("decoding the %s output took %v allocations, want at most %v", tt.name, allocs, tt.max)
		}
	}
}
