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
	linked := symbols(t, bin)
	// This package's test program calls every operation: each symbol
	// looked for is there, so a name that changes fails here rather than
	// passing as "not linked".
	testProgram := filepath.Join(t.TempDir(), "compat.test")
	if out, err := exec.Command("go", "test", "-c", "-o", testProgram, ".").CombinedOutput(); err != nil {
		t.Fatalf("go test -c: %v\n%s", err, out)
	}
	all := symbols(t, testProgram)
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
			if !all[pkg+tt.symbol] {
				t.Fatalf("%s is not in the test program, which calls every operation: renamed?", pkg+tt.symbol)
			}
			if got := linked[pkg+tt.symbol]; got != tt.want {
				t.Errorf("%s linked = %v, want %v", pkg+tt.symbol, got, tt.want)
			}
		})
	}
}

// symbols returns the names of the symbols of the program bin.
func symbols(t *testing.T, bin string) map[string]bool {
	t.Helper()
	out, err := exec.Command("go", "tool", "nm", bin).Output()
	if err != nil {
		t.Fatalf("go tool nm %s: %v", bin, err)
	}
	names := map[string]bool{}
	for line := range strings.Lines(string(out)) {
		if f := strings.Fields(line); len(f) >= 3 {
			names[f[len(f)-1]] = true
		}
	}
	return names
}
