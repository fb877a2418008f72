package cwlogs

import (
	"encoding/json"
	"testing"
)

func refDisassociateOutput(data []byte) (DisassociateSourceFromS3TableIntegrationOutput, error) {
	id, err := refIdentifier(data)
	return DisassociateSourceFromS3TableIntegrationOutput{Identifier: id}, err
}

func checkDisassociateOutput(t *testing.T, data []byte) {
	checkOutputMatchesReference[DisassociateSourceFromS3TableIntegrationOutput](t, data, refDisassociateOutput, false)
}

func TestDisassociateSourceFromS3TableIntegrationOutputMatchesReference(t *testing.T) {
	t.Parallel()
	for name, data := range outputDecodeInputs(t, "DisassociateSourceFromS3TableIntegration") {
		t.Run(name, func(t *testing.T) { checkDisassociateOutput(t, data) })
	}
}

func TestDisassociateSourceFromS3TableIntegrationOutputDecodeErrors(t *testing.T) {
	t.Parallel()
	testDecodeErrors(t, func() json.Unmarshaler { return new(DisassociateSourceFromS3TableIntegrationOutput) }, []decodeErrorCase{
		{`"x"`, "want an object, found a string"},
	})
}

// FuzzDisassociateSourceFromS3TableIntegrationOutput checks the decoder
// against the reference, and its round trip, on any body.
func FuzzDisassociateSourceFromS3TableIntegrationOutput(f *testing.F) {
	fuzzOutput(f, "DisassociateSourceFromS3TableIntegration", checkDisassociateOutput)
}
