package cwlogs_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
)

// A tool that keeps an integration's details in its own JSON stores the
// union with MarshalIntegrationDetails and loads it with
// UnmarshalIntegrationDetails: json.Marshal of the interface would drop the
// member's name.
func ExampleMarshalIntegrationDetails() {
	type record struct {
		Name    string          `json:"name"`
		Details json.RawMessage `json:"details"`
	}
	details := &cwlogs.OpenSearchIntegrationDetails{
		Workspace: &cwlogs.OpenSearchWorkspace{WorkspaceID: "Wq8ZtL"},
	}
	raw, err := cwlogs.MarshalIntegrationDetails(details)
	if err != nil {
		log.Fatal(err)
	}
	stored, err := json.Marshal(record{Name: "cwl-opensearch", Details: raw})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(stored))

	var loaded record
	if err := json.Unmarshal(stored, &loaded); err != nil {
		log.Fatal(err)
	}
	d, err := cwlogs.UnmarshalIntegrationDetails(loaded.Details)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.(*cwlogs.OpenSearchIntegrationDetails).Workspace.WorkspaceID)
	// Output:
	// {"name":"cwl-opensearch","details":{"openSearchIntegrationDetails":{"workspace":{"workspaceId":"Wq8ZtL"}}}}
	// Wq8ZtL
}

// A resource configuration, a member this package does not know included,
// is stored and loaded the same way.
func ExampleMarshalResourceConfig() {
	rc := &cwlogs.UnknownResourceConfig{Name: "splunkResourceConfig", Value: json.RawMessage(`{"index": "aws_cwl"}`)}
	raw, err := cwlogs.MarshalResourceConfig(rc)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(raw))

	back, err := cwlogs.UnmarshalResourceConfig(raw)
	if err != nil {
		log.Fatal(err)
	}
	u := back.(*cwlogs.UnknownResourceConfig)
	fmt.Println(u.Name, string(u.Value))
	// Output:
	// {"splunkResourceConfig":{"index": "aws_cwl"}}
	// splunkResourceConfig {"index": "aws_cwl"}
}

func TestUnionHelpers(t *testing.T) {
	t.Parallel()
	roundTrips := []any{
		nil,
		&cwlogs.OpenSearchIntegrationDetails{},
		&cwlogs.OpenSearchIntegrationDetails{Collection: &cwlogs.OpenSearchCollection{CollectionArn: "a<b>",
			Status: cwlogs.OpenSearchResourceStatus{Status: "NEW", StatusMessage: "m"}}},
		&cwlogs.UnknownIntegrationDetails{Name: "x", Value: json.RawMessage("[1, {\"a\" : null}]")},
		&cwlogs.OpenSearchResourceConfig{DataSourceRoleArn: "r", DashboardViewerPrincipals: []string{"p"}, RetentionDays: 7},
		&cwlogs.UnknownResourceConfig{Name: "x", Value: json.RawMessage("{ \"a\" :\n1 }")},
	}
	for i, v := range roundTrips {
		t.Run(fmt.Sprintf("%d %T", i, v), func(t *testing.T) {
			var back any
			var raw []byte
			var err error
			switch v := v.(type) {
			case cwlogs.IntegrationDetails:
				if raw, err = cwlogs.MarshalIntegrationDetails(v); err == nil {
					back, err = cwlogs.UnmarshalIntegrationDetails(raw)
				}
			case cwlogs.ResourceConfig:
				if raw, err = cwlogs.MarshalResourceConfig(v); err == nil {
					back, err = cwlogs.UnmarshalResourceConfig(raw)
				}
			case nil:
				var d cwlogs.IntegrationDetails
				var rc cwlogs.ResourceConfig
				rawD, errD := cwlogs.MarshalIntegrationDetails(nil)
				rawRC, errRC := cwlogs.MarshalResourceConfig(nil)
				d, errD2 := cwlogs.UnmarshalIntegrationDetails(rawD)
				rc, errRC2 := cwlogs.UnmarshalResourceConfig(rawRC)
				if string(rawD) != "null" || string(rawRC) != "null" || d != nil || rc != nil || errD != nil || errRC != nil || errD2 != nil || errRC2 != nil {
					t.Fatalf("nil unions: %q %q %v %v, errors %v %v %v %v; want null and back to nil", rawD, rawRC, d, rc, errD, errRC, errD2, errRC2)
				}
				return
			}
			if err != nil {
				t.Fatalf("round trip through %q: %v", raw, err)
			}
			if diff := cmp.Diff(v, back); diff != "" {
				t.Errorf("round trip through %q (-want +got):\n%s", raw, diff)
			}
		})
	}
	errs := []struct {
		name string
		err  func() error
		want string
	}{
		{"nil details member", func() error {
			_, err := cwlogs.MarshalIntegrationDetails((*cwlogs.OpenSearchIntegrationDetails)(nil))
			return err
		}, "cwlogs: MarshalIntegrationDetails: integrationDetails is a nil *OpenSearchIntegrationDetails"},
		{"details not JSON", func() error { _, err := cwlogs.UnmarshalIntegrationDetails([]byte(`{"a":`)); return err },
			"cwlogs: UnmarshalIntegrationDetails: unexpected end of JSON input"},
		{"details empty", func() error { _, err := cwlogs.UnmarshalIntegrationDetails(nil); return err },
			"cwlogs: UnmarshalIntegrationDetails: unexpected end of JSON input"},
		{"details followed by another value", func() error { _, err := cwlogs.UnmarshalIntegrationDetails([]byte(`{"x":{}} {}`)); return err },
			"cwlogs: UnmarshalIntegrationDetails: invalid character '{' after top-level value at byte 9"},
		{"null followed by a word", func() error { _, err := cwlogs.UnmarshalIntegrationDetails([]byte(`null x`)); return err },
			"cwlogs: UnmarshalIntegrationDetails: invalid character 'x' after top-level value at byte 5"},
		{"details followed by a bracket", func() error {
			_, err := cwlogs.UnmarshalIntegrationDetails([]byte(`{"openSearchIntegrationDetails":{}}]`))
			return err
		}, "cwlogs: UnmarshalIntegrationDetails: invalid character ']' after top-level value at byte 35"},
		{"details two members", func() error { _, err := cwlogs.UnmarshalIntegrationDetails([]byte(`{"a":1,"b":2}`)); return err },
			"cwlogs: UnmarshalIntegrationDetails: integrationDetails: union has 2 members set (a, b), want exactly one"},
		{"config named __type", func() error {
			_, err := cwlogs.MarshalResourceConfig(&cwlogs.UnknownResourceConfig{Name: "__type", Value: json.RawMessage(`{}`)})
			return err
		}, `cwlogs: MarshalResourceConfig: resourceConfig is an unknown member named "__type", which is not a member`},
		{"config empty", func() error { _, err := cwlogs.UnmarshalResourceConfig(nil); return err },
			"cwlogs: UnmarshalResourceConfig: no data"},
		{"config no member", func() error { _, err := cwlogs.UnmarshalResourceConfig([]byte(`{}`)); return err },
			"cwlogs: UnmarshalResourceConfig: resourceConfig: union has no member set, want exactly one"},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.err(); err == nil || err.Error() != tt.want || strings.Contains(err.Error(), "\n") {
				t.Errorf("error = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestUnknownMemberNameNotUTF8 checks that an unknown union member whose
// name is not valid UTF-8 is refused, before any request: encoding/json
// would write its name with U+FFFD in place of the bad bytes, so the
// service would get, and a decoder give back, another name than the
// caller's, silently.
func TestUnknownMemberNameNotUTF8(t *testing.T) {
	t.Parallel()
	const name = "splunk\xffResourceConfig"
	client := newTestClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("request sent: %s", r.Header.Get("X-Amz-Target"))
	}))
	_, err := client.PutIntegration(context.Background(), &cwlogs.PutIntegrationInput{
		IntegrationName: "x", IntegrationType: "SPLUNK",
		ResourceConfig: &cwlogs.UnknownResourceConfig{Name: name, Value: []byte(`{}`)},
	})
	if !errors.Is(err, cwlogs.ErrInvalidParameter) {
		t.Errorf("PutIntegration: err = %v, want ErrInvalidParameter", err)
	}
	if raw, err := cwlogs.MarshalResourceConfig(&cwlogs.UnknownResourceConfig{Name: name, Value: []byte(`{}`)}); err == nil {
		t.Errorf("MarshalResourceConfig = %q, want an error", raw)
	}
	if raw, err := cwlogs.MarshalIntegrationDetails(&cwlogs.UnknownIntegrationDetails{Name: name, Value: []byte(`{}`)}); err == nil {
		t.Errorf("MarshalIntegrationDetails = %q, want an error", raw)
	}
}
