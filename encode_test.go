package cwlogs

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// referenceEncode is what encoding/json writes for v, with HTML escaping
// or without.
func referenceEncode(t *testing.T, v any, escapeHTML bool) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(v); err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// putReference is PutIntegrationInput in its wire shape, for
// encoding/json, with the openSearchResourceConfig member.
type putReference struct {
	IntegrationName string          `json:"integrationName,omitzero"`
	IntegrationType IntegrationType `json:"integrationType,omitzero"`
	ResourceConfig  *struct {
		OpenSearch *OpenSearchResourceConfig `json:"openSearchResourceConfig"`
	} `json:"resourceConfig,omitempty"`
}

// FuzzRequestEncodingMatchesJSON checks the request bodies against
// encoding/json, byte for byte: GetIntegration, ListIntegrations and
// DeleteIntegration as json.Marshal writes them (HTML escaped),
// PutIntegration's hand-written encoder as an encoder without HTML
// escaping writes it, its unknown union member's value as it is.
func FuzzRequestEncodingMatchesJSON(f *testing.F) {
	f.Add("cwl-opensearch", "OPENSEARCH", "ACTIVE", "arn:aws:iam::123456789012:role/r", "splunkResourceConfig", int32(30), uint8(2), true)
	f.Add("a<b>&c", "T\u2028\u2029", "\"\\/\b\f\n\r\t\x00\x1f\x7f", "\xff\xfe é 日本", "", int32(-1), uint8(0), false)
	f.Add("", "", "", "", "__type", int32(0), uint8(1), false)
	f.Add("x", "y", "z", "\xed\xa0\x80", "openSearchResourceConfig", int32(2147483647), uint8(3), true)
	f.Fuzz(func(t *testing.T, name, typ, status, arn, member string, days int32, principals uint8, force bool) {
		check := func(what string, got []byte, err error, want []byte) {
			t.Helper()
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", what, diff)
			}
		}
		for _, html := range []bool{true, false} {
			check("appendJSONString", appendJSONString(nil, name+arn, html), nil, referenceEncode(t, name+arn, html))
		}

		get := GetIntegrationInput{IntegrationName: name}
		b, err := encodeRequest(&get)
		check("GetIntegration", b, err, referenceEncode(t, get, true))

		list := ListIntegrationsInput{IntegrationNamePrefix: name, IntegrationType: IntegrationType(typ), IntegrationStatus: IntegrationStatus(status)}
		b, err = encodeRequest(&list)
		check("ListIntegrations", b, err, referenceEncode(t, list, true))

		del := DeleteIntegrationInput{IntegrationName: name, Force: force}
		b, err = encodeRequest(&del)
		check("DeleteIntegration", b, err, referenceEncode(t, del, true))

		rc := &OpenSearchResourceConfig{DataSourceRoleArn: arn, RetentionDays: days, KmsKeyArn: status, ApplicationArn: typ}
		for i := range int(principals % 4) {
			rc.DashboardViewerPrincipals = append(rc.DashboardViewerPrincipals, arn[:len(arn)*i/3])
		}
		put := PutIntegrationInput{IntegrationName: name, IntegrationType: IntegrationType(typ), ResourceConfig: rc}
		ref := putReference{IntegrationName: name, IntegrationType: IntegrationType(typ)}
		ref.ResourceConfig = &struct {
			OpenSearch *OpenSearchResourceConfig `json:"openSearchResourceConfig"`
		}{rc}
		want := referenceEncode(t, ref, false)
		b, err = put.appendRequest(nil)
		check("PutIntegration", b, err, want)
		b, err = put.MarshalJSON()
		check("PutIntegrationInput.MarshalJSON", b, err, want)
		b, err = (&PutIntegrationInput{IntegrationName: name}).appendRequest(nil)
		check("PutIntegration without a union", b, err, referenceEncode(t, putReference{IntegrationName: name}, false))

		// An unknown member goes with its value byte for byte, when it
		// would decode back as itself; else the encoder refuses it.
		value := " {\"k\" : \"<&>\u2028\"}\n"
		put.ResourceConfig = &UnknownResourceConfig{Name: member, Value: json.RawMessage(value)}
		b, err = put.appendRequest(nil)
		if checkUnknownMember(member, []byte(value), memberOpenSearchResourceConfig, "") != "" {
			if err == nil {
				t.Errorf("PutIntegration with the unknown member %q: no error", member)
			}
			return
		}
		head := referenceEncode(t, putReference{IntegrationName: name, IntegrationType: IntegrationType(typ)}, false)
		want = append(head[:len(head)-1:len(head)-1], ',')
		if len(head) == 2 {
			want = want[:1]
		}
		want = append(append(append(append(want, `"resourceConfig":{`...), referenceEncode(t, member, false)...), ':'), value...)
		check("PutIntegration with an unknown member", b, err, append(want, '}', '}'))
	})
}
