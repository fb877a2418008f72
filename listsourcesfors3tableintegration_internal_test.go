package cwlogs

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

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

func checkListSourcesOutput(t *testing.T, data []byte) {
	checkOutputMatchesReference[ListSourcesForS3TableIntegrationOutput](t, data, refListSourcesOutput, false)
}

func TestListSourcesForS3TableIntegrationOutputMatchesReference(t *testing.T) {
	t.Parallel()
	for name, data := range outputDecodeInputs(t, "ListSourcesForS3TableIntegration") {
		t.Run(name, func(t *testing.T) { checkListSourcesOutput(t, data) })
	}
}

func TestListSourcesForS3TableIntegrationOutputDecodeErrors(t *testing.T) {
	t.Parallel()
	testDecodeErrors(t, func() json.Unmarshaler { return new(ListSourcesForS3TableIntegrationOutput) }, []decodeErrorCase{
		{`{"sources":[{},{},{"status":7}]}`, "sources[2].status: want a string, found a number"},
		{`{"sources":[{},1]}`, "sources[1]: want an object, found a number"},
		{`{"sources":{}}`, "sources: want an array, found an object"},
		{`{"sources":[{"dataSource":{"name":1}}]}`, "sources[0].dataSource.name: want a string, found a number"},
		{`{"sources":[{"createdTimeStamp":"1"}]}`, "sources[0].createdTimeStamp: want a number, found a string"},
		{`{"sources":[{"createdTimeStamp":1e3}]}`, "sources[0].createdTimeStamp: want an integer of 64 bits, found 1e3"},
		{`{"sources":[{"createdTimeStamp":` + strings.Repeat("9", 40) + `}]}`,
			"sources[0].createdTimeStamp: want an integer of 64 bits, found " + strings.Repeat("9", 32) + "…"},
		{`{"sources":[{"createdTimeStamp":-}]}`, "invalid character '}' looking for beginning of value at byte 33"},
		{`{"sources":[{"createdTimeStamp":1.5,"createdTimeStamp":2}]}`, ""},
		{`{"nextToken":"t","sources":null}`, ""},
	})
}

// TestListSourcesForS3TableIntegrationOutputKeepsNoInput checks that a
// decoded list does not share memory with the body, which the caller may
// reuse.
func TestListSourcesForS3TableIntegrationOutputKeepsNoInput(t *testing.T) {
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

// TestListSourcesForS3TableIntegrationOutputKeepsMetadata checks that
// decoding a body into an output keeps its ResultMetadata, which is not
// part of the body.
func TestListSourcesForS3TableIntegrationOutputKeepsMetadata(t *testing.T) {
	t.Parallel()
	meta := ResponseMetadata{RequestID: "r", StatusCode: 200, Attempts: 2}
	out := ListSourcesForS3TableIntegrationOutput{NextToken: "old", ResultMetadata: meta}
	if err := out.UnmarshalJSON([]byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	want := ListSourcesForS3TableIntegrationOutput{Sources: []S3TableIntegrationSource{}, ResultMetadata: meta}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("output (-want +got):\n%s", diff)
	}
}

// FuzzListSourcesForS3TableIntegrationOutput checks the decoder against the
// reference, and its round trip, on any body.
func FuzzListSourcesForS3TableIntegrationOutput(f *testing.F) {
	fuzzOutput(f, "ListSourcesForS3TableIntegration", checkListSourcesOutput)
}

// TestListSourcesForS3TableIntegrationOutputAllocations checks that a page
// decodes in a handful of allocations: the body's copy, the closures of
// the reader and the list's backing array.
func TestListSourcesForS3TableIntegrationOutputAllocations(t *testing.T) {
	testDecodeAllocations(t, new(ListSourcesForS3TableIntegrationOutput), `{"sources":[{"identifier":"a","dataSource":{"name":"n","type":"t"},`+
		`"status":"ACTIVE","createdTimeStamp":1773310532000},{"identifier":"b","status":"FAILED","statusReason":"r"}],"nextToken":"t"}`, 6)
}
