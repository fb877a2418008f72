package cwlogstest

import (
	"encoding/json"
	"testing"

	"github.com/cwlogs-go/cwlogs"
	"github.com/google/go-cmp/cmp"
)

// TestListFiltersByType checks the type filter of ListIntegrations. The
// service knows one type today, which every created integration has, so
// the test gives one integration another type (as one of a type added
// later would have) in the server's state.
func TestListFiltersByType(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	for _, name := range []string{"a", "b"} {
		srv.integrations[name] = &integration{name: name, typ: cwlogs.IntegrationTypeOpenSearch}
	}
	srv.integrations["b"].typ = "SPLUNK"
	list := func(values map[string]any) []string {
		t.Helper()
		resp := srv.listIntegrations(&request{op: ListIntegrations, values: values})
		var out struct {
			Summaries []struct{ IntegrationName string } `json:"integrationSummaries"`
		}
		if err := json.Unmarshal(resp.Body, &out); err != nil {
			t.Fatalf("%s: %v", resp.Body, err)
		}
		var names []string
		for _, s := range out.Summaries {
			names = append(names, s.IntegrationName)
		}
		return names
	}
	if diff := cmp.Diff([]string{"a"}, list(map[string]any{"integrationType": "OPENSEARCH"})); diff != "" {
		t.Errorf("type OPENSEARCH (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"a", "b"}, list(map[string]any{})); diff != "" {
		t.Errorf("no filter (-want +got):\n%s", diff)
	}
}
