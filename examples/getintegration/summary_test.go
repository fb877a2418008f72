package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
)

// TestValue checks how the summary prints a value: "-" stands for an empty
// one, so a value that is "-" itself is quoted, as are values with spaces,
// quotes, '=' or characters that are not printable.
func TestValue(t *testing.T) {
	for in, want := range map[string]string{
		"":         "-",
		"-":        `"-"`,
		"--":       "--",
		"ACTIVE":   "ACTIVE",
		"a b":      `"a b"`,
		`a"b`:      `"a\"b"`,
		"a=b":      `"a=b"`,
		"a\nb":     `"a\nb"`,
		"café":     "café",
		"\xff":     `"\xff"`,
		"splunk-x": "splunk-x",
	} {
		if got := value(in); got != want {
			t.Errorf("value(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestLabels checks that every resource kind of the library has its own
// label in the summary.
func TestLabels(t *testing.T) {
	seen := map[string]bool{}
	for _, k := range cwlogs.ResourceKind("").Values() {
		l := labels[k]
		if l == "" || seen[l] {
			t.Errorf("kind %s: label %q, want one of its own", k, l)
		}
		seen[l] = true
	}
}

// TestWriteOpenSearch checks the identifiers shown for each kind: all those
// of an application or a collection, "-" for the first key when none is
// sent, and the one identifier of the others.
func TestWriteOpenSearch(t *testing.T) {
	d := &cwlogs.OpenSearchIntegrationDetails{
		DataSource:      &cwlogs.OpenSearchDataSource{DataSourceName: "ds"},
		Application:     &cwlogs.OpenSearchApplication{Status: cwlogs.OpenSearchResourceStatus{Status: "ACTIVE"}},
		Collection:      &cwlogs.OpenSearchCollection{CollectionEndpoint: "https://c", Status: cwlogs.OpenSearchResourceStatus{Status: "ERROR", StatusMessage: "a\nb"}},
		Workspace:       &cwlogs.OpenSearchWorkspace{WorkspaceID: "w s"},
		NetworkPolicy:   &cwlogs.OpenSearchPolicy{},
		LifecyclePolicy: &cwlogs.OpenSearchPolicy{PolicyName: "life"},
	}
	want := `  data source:       name=ds status=-
  application:       id=- status=ACTIVE
  collection:        endpoint=https://c status=ERROR message="a\nb"
  workspace:         id="w s" status=-
  encryption policy: not reported
  network policy:    name=- status=-
  access policy:     not reported
  lifecycle policy:  name=life status=-
`
	var b strings.Builder
	writeOpenSearch(&b, d)
	if diff := cmp.Diff(want, b.String()); diff != "" {
		t.Errorf("summary mismatch (-want +got):\n%s", diff)
	}
}
