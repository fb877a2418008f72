package cwlogs

import "github.com/cwlogs-go/cwlogs/internal/jsonwire"

// This file writes the request bodies of GetIntegration, ListIntegrations
// and DeleteIntegration, member by member, byte for byte as json.Marshal
// writes them (FuzzRequestEncodingMatchesJSON checks it).

// appendRequest appends the GetIntegration request body.
func (in *GetIntegrationInput) appendRequest(b []byte) ([]byte, error) {
	b = jsonwire.AppendStringMember(append(b, '{'), "integrationName", in.IntegrationName, true)
	return append(b, '}'), nil
}

func (in *GetIntegrationInput) requestSize() int {
	return len(`{"integrationName":""}`) + len(in.IntegrationName)
}

// appendRequest appends the ListIntegrations request body: only the
// filters that are set.
func (in *ListIntegrationsInput) appendRequest(b []byte) ([]byte, error) {
	b = jsonwire.AppendStringMember(append(b, '{'), "integrationNamePrefix", in.IntegrationNamePrefix, true)
	b = jsonwire.AppendStringMember(b, "integrationType", string(in.IntegrationType), true)
	b = jsonwire.AppendStringMember(b, "integrationStatus", string(in.IntegrationStatus), true)
	return append(b, '}'), nil
}

func (in *ListIntegrationsInput) requestSize() int {
	const members = `{"integrationNamePrefix":"","integrationType":"","integrationStatus":""}`
	return len(members) + len(in.IntegrationNamePrefix) + len(in.IntegrationType) + len(in.IntegrationStatus)
}

// appendRequest appends the DeleteIntegration request body; force is left
// out when false.
func (in *DeleteIntegrationInput) appendRequest(b []byte) ([]byte, error) {
	b = jsonwire.AppendStringMember(append(b, '{'), "integrationName", in.IntegrationName, true)
	if in.Force {
		b = append(jsonwire.AppendKey(b, "force"), "true"...)
	}
	return append(b, '}'), nil
}

func (in *DeleteIntegrationInput) requestSize() int {
	return len(`{"integrationName":"","force":true}`) + len(in.IntegrationName)
}
