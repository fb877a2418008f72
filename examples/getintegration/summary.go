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

// writeOpenSearch writes one line for each of the eight OpenSearch
// resources, in a fixed order.
func writeOpenSearch(b *strings.Builder, d *cwlogs.OpenSearchIntegrationDetails) {
	line := func(label string, reported bool, status cwlogs.OpenSearchResourceStatus, ids ...string) {
		fmt.Fprintf(b, "  %-18s ", label+":")
		if !reported {
			b.WriteString("not reported\n")
			return
		}
		// ids holds key, value pairs; empty values are left out.
		n := 0
		for i := 0; i+1 < len(ids); i += 2 {
			if ids[i+1] != "" {
				fmt.Fprintf(b, "%s=%s ", ids[i], value(ids[i+1]))
				n++
			}
		}
		if n == 0 && len(ids) >= 2 {
			fmt.Fprintf(b, "%s=- ", ids[0])
		}
		fmt.Fprintf(b, "status=%s", value(string(status.Status)))
		if status.StatusMessage != "" {
			fmt.Fprintf(b, " message=%s", strconv.Quote(status.StatusMessage))
		}
		b.WriteByte('\n')
	}

	if r := d.DataSource; r != nil {
		line("data source", true, r.Status, "name", r.DataSourceName)
	} else {
		line("data source", false, cwlogs.OpenSearchResourceStatus{})
	}
	if r := d.Application; r != nil {
		line("application", true, r.Status,
			"id", r.ApplicationID, "arn", r.ApplicationArn, "endpoint", r.ApplicationEndpoint)
	} else {
		line("application", false, cwlogs.OpenSearchResourceStatus{})
	}
	if r := d.Collection; r != nil {
		line("collection", true, r.Status, "arn", r.CollectionArn, "endpoint", r.CollectionEndpoint)
	} else {
		line("collection", false, cwlogs.OpenSearchResourceStatus{})
	}
	if r := d.Workspace; r != nil {
		line("workspace", true, r.Status, "id", r.WorkspaceID)
	} else {
		line("workspace", false, cwlogs.OpenSearchResourceStatus{})
	}
	policies := []struct {
		label string
		p     *cwlogs.OpenSearchPolicy
	}{
		{"encryption policy", d.EncryptionPolicy},
		{"network policy", d.NetworkPolicy},
		{"access policy", d.AccessPolicy},
		{"lifecycle policy", d.LifecyclePolicy},
	}
	for _, p := range policies {
		if p.p != nil {
			line(p.label, true, p.p.Status, "name", p.p.PolicyName)
		} else {
			line(p.label, false, cwlogs.OpenSearchResourceStatus{})
		}
	}
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
