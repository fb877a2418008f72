package cwlogs

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
)

func refDeleteOutput(data []byte) (DeleteIntegrationOutput, error) {
	if len(bytes.Trim(data, jsonwire.WhiteSpace)) == 0 {
		return DeleteIntegrationOutput{}, nil
	}
	_, err := refTop(data)
	return DeleteIntegrationOutput{}, err
}

func checkDeleteOutput(t *testing.T, data []byte) {
	checkOutputMatchesReference[DeleteIntegrationOutput](t, data, refDeleteOutput, true)
}

func TestDeleteIntegrationOutputMatchesReference(t *testing.T) {
	t.Parallel()
	for name, data := range outputDecodeInputs(t, "DeleteIntegration") {
		t.Run(name, func(t *testing.T) { checkDeleteOutput(t, data) })
	}
}

func TestDeleteIntegrationOutputDecodeErrors(t *testing.T) {
	t.Parallel()
	testDecodeErrors(t, func() json.Unmarshaler { return new(DeleteIntegrationOutput) }, []decodeErrorCase{
		{``, ""},
		{" \n", ""},
		{`{"anything":[1,{"x":null}]}`, ""},
		{`null`, ""},
		{`[]`, "want an object, found an array"},
		{`{"a":}`, "invalid character '}' looking for beginning of value at byte 5"},
	})
}

// FuzzDeleteIntegrationOutput checks the decoder against the reference,
// and its round trip, on any body.
func FuzzDeleteIntegrationOutput(f *testing.F) { fuzzOutput(f, "DeleteIntegration", checkDeleteOutput) }

func TestDeleteIntegrationJSON(t *testing.T) {
	t.Parallel()
	meta := ResponseMetadata{RequestID: "id", StatusCode: 200, Attempts: 2}
	testWireJSON(t, []wireCase{
		{"output", DeleteIntegrationOutput{ResultMetadata: meta}, `{}`},
		{"input", DeleteIntegrationInput{IntegrationName: "n", Force: true}, `{"integrationName":"n","force":true}`},
	})
}

// TestDeleteIntegrationOutputAllocations checks that an empty body
// decodes without an allocation.
func TestDeleteIntegrationOutputAllocations(t *testing.T) {
	testDecodeAllocations(t, new(DeleteIntegrationOutput), ``, 0)
}
