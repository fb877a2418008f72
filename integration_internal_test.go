package cwlogs

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestIntegrationEnumValues(t *testing.T) {
	got := []any{IntegrationType("").Values(), IntegrationStatus("").Values()}
	want := []any{
		[]IntegrationType{"OPENSEARCH"},
		[]IntegrationStatus{"PROVISIONING", "ACTIVE", "FAILED"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("enum values mismatch (-want +got):\n%s", diff)
	}
}

// TestValidateNameAllocs checks that checking a good name costs no
// allocation: every call of GetIntegration pays for it.
func TestValidateNameAllocs(t *testing.T) {
	long := strings.Repeat("n", 50)
	tests := []struct {
		name string
		call func() error
	}{
		{"name", func() error { return validateIntegrationName("GetIntegration", "cwl-opensearch/a.b_c#1") }},
		{"50 characters", func() error { return validateIntegrationName("GetIntegration", long) }},
		{"prefix", func() error { return validateNameChars("ListIntegrations", "IntegrationNamePrefix", "cwl-") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.call(); err != nil {
				t.Fatal(err)
			}
			if allocs := testing.AllocsPerRun(100, func() { _ = tt.call() }); allocs != 0 {
				t.Errorf("validating a good %s took %v allocations, want 0", tt.name, allocs)
			}
		})
	}
}
