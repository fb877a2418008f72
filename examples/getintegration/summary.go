package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/cwlogs-go/cwlogs"
)

// printSummary writes out as text: the name, type and status, then its
// details.
func printSummary(w io.Writer, out *cwlogs.GetIntegrationOutput) error {
	var b strings.Builder
	fmt.Fprintf(&b, "name:    %s\n", value(out.IntegrationName))
	fmt.Fprintf(&b, "type:    %s\n", value(string(out.IntegrationType)))
	fmt.Fprintf(&b, "status:  %s\n", value(string(out.IntegrationStatus)))
	switch d := out.IntegrationDetails.(type) {
	case nil:
		b.WriteString("details: not reported\n")
	case *cwlogs.OpenSearchIntegrationDetails:
		b.WriteString("details: OpenSearch\n")
		writeOpenSearch(&b, d)
	case *cwlogs.UnknownIntegrationDetails:
		fmt.Fprintf(&b, "details: %s (a member this client does not know; its JSON follows)\n", value(d.Name))
		if err := indentJSON(&b, d.Value); err != nil {
			return fmt.Errorf("details %s: %w", d.Name, err)
		}
	default:
		fmt.Fprintf(&b, "details: %T (not shown by this example)\n", d)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// labels are the summary's names of the OpenSearch resources.
var labels = map[cwlogs.ResourceKind]string{
	cwlogs.ResourceKindDataSource:       "data source",
	cwlogs.ResourceKindApplication:      "application",
	cwlogs.ResourceKindCollection:       "collection",
	cwlogs.ResourceKindWorkspace:        "workspace",
	cwlogs.ResourceKindEncryptionPolicy: "encryption policy",
	cwlogs.ResourceKindNetworkPolicy:    "network policy",
	cwlogs.ResourceKindAccessPolicy:     "access policy",
	cwlogs.ResourceKindLifecyclePolicy:  "lifecycle policy",
}

// writeOpenSearch writes one line for each of the eight OpenSearch
// resources, in the fixed order of the library's health report.
func writeOpenSearch(b *strings.Builder, d *cwlogs.OpenSearchIntegrationDetails) {
	for _, r := range d.Resources() {
		fmt.Fprintf(b, "  %-18s ", labels[r.Kind]+":")
		if !r.Reported {
			b.WriteString("not reported\n")
			continue
		}
		// ids holds key, value pairs; empty values are left out, and the
		// first key stands for all of them when none is set.
		ids := identifiers(d, r)
		n := 0
		for i := 0; i+1 < len(ids); i += 2 {
			if ids[i+1] != "" {
				fmt.Fprintf(b, "%s=%s ", ids[i], value(ids[i+1]))
				n++
			}
		}
		if n == 0 {
			fmt.Fprintf(b, "%s=- ", ids[0])
		}
		fmt.Fprintf(b, "status=%s", value(string(r.Status)))
		if r.Message != "" {
			fmt.Fprintf(b, " message=%s", strconv.Quote(r.Message))
		}
		b.WriteByte('\n')
	}
}

// identifiers returns the identifiers the summary shows for a reported
// resource, as key, value pairs: all those the service sends for an
// application or a collection, the one it names the others by.
func identifiers(d *cwlogs.OpenSearchIntegrationDetails, r cwlogs.ResourceHealth) []string {
	switch r.Kind {
	case cwlogs.ResourceKindApplication:
		a := d.Application
		return []string{"id", a.ApplicationID, "arn", a.ApplicationArn, "endpoint", a.ApplicationEndpoint}
	case cwlogs.ResourceKindCollection:
		c := d.Collection
		return []string{"arn", c.CollectionArn, "endpoint", c.CollectionEndpoint}
	case cwlogs.ResourceKindWorkspace:
		return []string{"id", r.ID}
	}
	return []string{"name", r.ID} // the data source and the policies
}

// indentJSON writes data to b indented by two spaces, under the details
// line. Numbers, escapes and member order are kept as they arrived.
func indentJSON(b *strings.Builder, data json.RawMessage) error {
	var buf bytes.Buffer
	if err := json.Indent(&buf, data, "  ", "  "); err != nil {
		return err
	}
	b.WriteString("  ")
	b.Write(buf.Bytes())
	b.WriteByte('\n')
	return nil
}

// value returns s as printed in the summary: "-" when empty, quoted when it
// holds spaces, quotes, '=', or characters that are not printable, and
// as it is otherwise.
func value(s string) string {
	if s == "" {
		return "-"
	}
	if s == "-" || strings.ContainsFunc(s, func(r rune) bool { // "-" stands for empty
		return r == ' ' || r == '"' || r == '=' || r == '\\' || r == unicode.ReplacementChar || !unicode.IsPrint(r)
	}) {
		return strconv.Quote(s)
	}
	return s
}
