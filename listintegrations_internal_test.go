package cwlogs

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func refListOutput(data []byte) (ListIntegrationsOutput, error) {
	out := ListIntegrationsOutput{IntegrationSummaries: []IntegrationSummary{}}
	m, err := refTop(data)
	if err != nil || m == nil {
		return out, err
	}
	var elems []json.RawMessage // null gives none
	if raw := m["integrationSummaries"]; raw != nil {
		if err := json.Unmarshal(raw, &elems); err != nil {
			return out, err
		}
	}
	for _, e := range elems {
		em, err := refObject(e)
		if err != nil {
			return out, err
		}
		var s IntegrationSummary
		var typ, status string
		err = errors.Join(refString(em["integrationName"], &s.IntegrationName),
			refString(em["integrationType"], &typ), refString(em["integrationStatus"], &status))
		if err != nil {
			return out, err
		}
		s.IntegrationType, s.IntegrationStatus = IntegrationType(typ), IntegrationStatus(status)
		out.IntegrationSummaries = append(out.IntegrationSummaries, s)
	}
	return out, nil
}

func checkListOutput(t *testing.T, data []byte) {
	checkOutputMatchesReference[ListIntegrationsOutput](t, data, refListOutput, false)
}

func TestListIntegrationsOutputMatchesReference(t *testing.T) {
	t.Parallel()
	for name, data := range outputDecodeInputs(t, "ListIntegrations") {
		t.Run(name, func(t *testing.T) { checkListOutput(t, data) })
	}
}

func TestListIntegrationsOutputDecodeErrors(t *testing.T) {
	t.Parallel()
	testDecodeErrors(t, func() json.Unmarshaler { return new(ListIntegrationsOutput) }, []decodeErrorCase{
		{`{"integrationSummaries":[{},{},{"integrationStatus":7}]}`, "integrationSummaries[2].integrationStatus: want a string, found a number"},
		{`{"integrationSummaries":[{},1,{"integrationStatus":7}]}`, "integrationSummaries[1]: want an object, found a number"},
		{`{"integrationSummaries":{}}`, "integrationSummaries: want an array, found an object"},
		{`{"integrationSummaries":[{"integrationName":1}]} x`, "invalid character 'x' after top-level value at byte 49"},
		{`{"integrationSummaries":[{} {}]}`, "invalid character '{' after array element at byte 28"},
		{`{"integrationSummaries":[{"integrationStatus":7}],"integrationSummaries":null}`, ""},
	})
}

// TestListIntegrationsOutputKeepsNoInput checks that a decoded list does not share
// memory with the body, which the caller may reuse.
func TestListIntegrationsOutputKeepsNoInput(t *testing.T) {
	t.Parallel()
	body := []byte(`{"integrationSummaries":[{"integrationName":"n","integrationType":"T","integrationStatus":"S"}]}`)
	var out ListIntegrationsOutput
	if err := out.UnmarshalJSON(body); err != nil {
		t.Fatal(err)
	}
	for i := range body {
		body[i] = ' '
	}
	want := ListIntegrationsOutput{IntegrationSummaries: []IntegrationSummary{{"n", "T", "S"}}}
	if diff := cmp.Diff(want, out); diff != "" {
		t.Errorf("output after the body was overwritten (-want +got):\n%s", diff)
	}
}

// FuzzListIntegrationsOutput checks the decoder against the reference,
// and its round trip, on any body.
func FuzzListIntegrationsOutput(f *testing.F) { fuzzOutput(f, "ListIntegrations", checkListOutput) }

func TestListIntegrationsJSON(t *testing.T) {
	t.Parallel()
	meta := ResponseMetadata{RequestID: "id", StatusCode: 200, Attempts: 2}
	testWireJSON(t, []wireCase{
		{"output", ListIntegrationsOutput{IntegrationSummaries: []IntegrationSummary{{IntegrationName: "n", IntegrationType: "T"}}, ResultMetadata: meta},
			`{"integrationSummaries":[{"integrationName":"n","integrationType":"T"}]}`},
		{"output empty", ListIntegrationsOutput{IntegrationSummaries: []IntegrationSummary{}}, `{"integrationSummaries":[]}`},
		{"output nil", ListIntegrationsOutput{}, `{"integrationSummaries":null}`},
		{"input", ListIntegrationsInput{IntegrationStatus: "ACTIVE"}, `{"integrationStatus":"ACTIVE"}`},
	})
}

// TestListIntegrationsOutputAllocations checks that a list decodes in a
// handful of allocations: the body's copy, the closures of the reader
// and the list's backing array.
func TestListIntegrationsOutputAllocations(t *testing.T) {
	testDecodeAllocations(t, new(ListIntegrationsOutput),
		`{"integrationSummaries":[{"integrationName":"a","integrationType":"OPENSEARCH","integrationStatus":"ACTIVE"},`+
			`{"integrationName":"b","integrationType":"OPENSEARCH","integrationStatus":"FAILED"}]}`, 4)
}
