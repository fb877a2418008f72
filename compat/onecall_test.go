package compat

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOneCallLinksOnlyItsOperation builds cmd/onecall-cwlogs, which calls
// GetIntegration alone, and checks that it links GetIntegration's code but
// none of the effect checks of the operations that are not idempotent,
// nor the source listing that one of them calls: a program links an
// operation's check only when it calls that operation.
func TestOneCallLinksOnlyItsOperation(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	bin := filepath.Join(t.TempDir(), "onecall-cwlogs")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/onecall-cwlogs").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	out, err := exec.Command("go", "tool", "nm", bin).Output()
	if err != nil {
		t.Fatalf("go tool nm: %v", err)
	}
	linked := map[string]bool{}
	for line := range strings.Lines(string(out)) {
		if f := strings.Fields(line); len(f) >= 3 {
			linked[f[len(f)-1]] = true
		}
	}
	const pkg = "github.com/cwlogs-go/cwlogs."
	tests := []struct {
		symbol string
		want   bool
	}{
		{"(*Client).getIntegration", true},
		{"checkPut", false},
		{"checkDelete", false},
		{"checkAssociateSource", false},
		{"checkDisassociateSource", false},
		{"(*Client).findAssociatedSource", false},
		{"(*ListSourcesForS3TableIntegrationPaginator).NextPage", false},
	}
	for _, tt := range tests {
		t.Run(tt.symbol, func(t *testing.T) {
			if got := linked[pkg+tt.symbol]; got != tt.want {
				t.Errorf("%s linked = %v, want %v", pkg+tt.symbol, got, tt.want)
			}
		})
	}
}
