package cwlogstest_test

import (
	"encoding/json"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// TestCmpOptions compares values of every output type, and of the inputs
// that hold raw JSON, with CmpOptions: it must never panic, ignore the
// response metadata, take an empty list for a missing one and compare raw
// JSON by value, an empty or missing one included.
func TestCmpOptions(t *testing.T) {
	t.Parallel()
	meta := func(id string) cwlogs.ResponseMetadata { return cwlogs.ResponseMetadata{RequestID: id, Attempts: 2} }
	unknown := func(v string) *cwlogs.GetIntegrationOutput {
		var raw json.RawMessage
		if v != "-" {
			raw = json.RawMessage(v)
		}
		return &cwlogs.GetIntegrationOutput{IntegrationName: "x", IntegrationDetails: &cwlogs.UnknownIntegrationDetails{Name: "newThing", Value: raw}}
	}
	config := func(v string) *cwlogs.PutIntegrationInput {
		var raw json.RawMessage
		if v != "-" {
			raw = json.RawMessage(v)
		}
		return &cwlogs.PutIntegrationInput{IntegrationName: "x", ResourceConfig: &cwlogs.UnknownResourceConfig{Name: "newConfig", Value: raw}}
	}
	tests := []struct {
		name      string
		a, b      any
		wantEqual bool
	}{
		{"get: metadata differs", &cwlogs.GetIntegrationOutput{IntegrationName: "x", ResultMetadata: meta("a")},
			&cwlogs.GetIntegrationOutput{IntegrationName: "x", ResultMetadata: meta("b")}, true},
		{"get: name differs", &cwlogs.GetIntegrationOutput{IntegrationName: "x"}, &cwlogs.GetIntegrationOutput{IntegrationName: "y"}, false},
		{"get: unknown member spaced otherwise", unknown(`{"a":1,"b":[2]}`), unknown(` { "b" : [2], "a" : 1 } `), true},
		{"get: unknown member values differ", unknown(`{"a":1}`), unknown(`{"a":2}`), false},
		{"get: unknown member string escapes", unknown(`{"a":"\u0041"}`), unknown(`{"a":"A"}`), true},
		{"get: unknown member numbers as written", unknown(`{"a":1.0}`), unknown(`{"a":1}`), false},
		{"get: unknown member without value on both sides", unknown("-"), unknown("-"), true},
		{"get: unknown member nil and empty value", unknown("-"), unknown(""), true},
		{"get: unknown member nil and {}", unknown("-"), unknown("{}"), false},
		{"put input: unknown config without value on both sides", config("-"), config("-"), true},
		{"put input: unknown config nil and {}", config("-"), config("{}"), false},
		{"put", &cwlogs.PutIntegrationOutput{IntegrationName: "x", IntegrationStatus: cwlogs.IntegrationStatusProvisioning, ResultMetadata: meta("a")},
			&cwlogs.PutIntegrationOutput{IntegrationName: "x", IntegrationStatus: cwlogs.IntegrationStatusProvisioning}, true},
		{"put: status differs", &cwlogs.PutIntegrationOutput{IntegrationStatus: cwlogs.IntegrationStatusProvisioning},
			&cwlogs.PutIntegrationOutput{IntegrationStatus: cwlogs.IntegrationStatusActive}, false},
		{"list: empty and nil", &cwlogs.ListIntegrationsOutput{IntegrationSummaries: []cwlogs.IntegrationSummary{}, ResultMetadata: meta("a")},
			&cwlogs.ListIntegrationsOutput{}, true},
		{"list: one and none", &cwlogs.ListIntegrationsOutput{IntegrationSummaries: []cwlogs.IntegrationSummary{{IntegrationName: "x"}}},
			&cwlogs.ListIntegrationsOutput{}, false},
		{"delete", &cwlogs.DeleteIntegrationOutput{ResultMetadata: meta("a")}, &cwlogs.DeleteIntegrationOutput{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("cmp.Equal with CmpOptions panicked: %v", r)
				}
			}()
			if got := cmp.Equal(tt.a, tt.b, cwlogstest.CmpOptions()...); got != tt.wantEqual {
				t.Errorf("cmp.Equal = %v, want %v; diff (-a +b):\n%s", got, tt.wantEqual, cmp.Diff(tt.a, tt.b, cwlogstest.CmpOptions()...))
			}
		})
	}
}
