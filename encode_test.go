package cwlogs

import "testing"

// FuzzRequestEncodingMatchesJSON checks the request encoders of
// GetIntegration, ListIntegrations and DeleteIntegration against
// json.Marshal, byte for byte.
func FuzzRequestEncodingMatchesJSON(f *testing.F) {
	f.Add("cwl-opensearch", "OPENSEARCH", "ACTIVE", true)
	f.Add("a<b>&c", "T\u2028\u2029", "\"\\/\b\f\n\r\t\x00\x1f\x7f", false)
	f.Add("", "", "", false)
	f.Add("\xff\xfe é 日本", "y", "\xed\xa0\x80", true)
	f.Fuzz(func(t *testing.T, name, typ, status string, force bool) {
		get := GetIntegrationInput{IntegrationName: name}
		b, err := get.appendRequest(nil)
		checkEncoding(t, "GetIntegration", b, err, referenceEncode(t, get, true))

		list := ListIntegrationsInput{IntegrationNamePrefix: name, IntegrationType: IntegrationType(typ), IntegrationStatus: IntegrationStatus(status)}
		b, err = list.appendRequest(nil)
		checkEncoding(t, "ListIntegrations", b, err, referenceEncode(t, list, true))

		del := DeleteIntegrationInput{IntegrationName: name, Force: force}
		b, err = del.appendRequest(nil)
		checkEncoding(t, "DeleteIntegration", b, err, referenceEncode(t, del, true))
	})
}
