package cwlogs

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
)

func TestCheckARN(t *testing.T) {
	t.Parallel()
	const want = ", want an ARN (arn:partition:service:region:account-id:resource)"
	tests := []struct{ in, want string }{
		{"arn:aws:iam::123456789012:role/r", ""},
		{"arn:::::", ""}, // five colons: aws/arn's rule, no more
		{"arn::::", `is "arn::::"` + want},
		{"ARN:aws:iam::1:role/r", `is "ARN:aws:iam::1:role/r"` + want},
		{"", `is ""` + want},
	}
	for _, tt := range tests {
		if got := checkARN(tt.in); got != tt.want {
			t.Errorf("checkARN(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestQuoteValue(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"a\nb", `"a\nb"`},
		{strings.Repeat("x", 100), `"` + strings.Repeat("x", 100) + `"`},
		{strings.Repeat("x", 101), `"` + strings.Repeat("x", 100) + `"…`},
		{strings.Repeat("x", 98) + "é", `"` + strings.Repeat("x", 98) + `é"`},
		// The cut keeps whole characters: this é is bytes 100 and 101.
		{strings.Repeat("x", 99) + "é", `"` + strings.Repeat("x", 99) + `"…`},
		{strings.Repeat("x", 98) + "éz", `"` + strings.Repeat("x", 98) + `é"…`},
	}
	for _, tt := range tests {
		if got := quoteValue(tt.in); got != tt.want {
			t.Errorf("quoteValue(%.20q…) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestInputStringsUTF8 puts a byte that is not UTF-8 in each string that
// an input sends, found by reflection over valid inputs of every
// operation, so that a field added later is covered too: each call is
// refused before any request, with an *InvalidInputError that names the
// field (the union, for a member this package does not know) and says
// that the value is not valid UTF-8.
func TestInputStringsUTF8(t *testing.T) {
	t.Parallel()
	var sent atomic.Int64
	client, err := New(Options{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}, RetryMaxAttempts: 1,
		HTTPClient: doerFunc(func(*http.Request) (*http.Response, error) {
			sent.Add(1)
			return nil, errors.New("sent")
		})})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	openSearch := func() ResourceConfig {
		return &OpenSearchResourceConfig{DataSourceRoleArn: "arn:aws:iam::1:role/r", DashboardViewerPrincipals: []string{"arn:aws:iam::1:role/v", "arn:aws:iam::1:role/w"},
			RetentionDays: 1, KmsKeyArn: "arn:aws:kms:us-east-1:1:key/k", ApplicationArn: "arn:aws:opensearch:us-east-1:1:application/a"}
	}
	inputs := []struct {
		op    string
		valid func() any
		call  func(in any) error
	}{
		{"GetIntegration", func() any { return &GetIntegrationInput{IntegrationName: "x"} },
			func(in any) error { _, err := client.GetIntegration(ctx, in.(*GetIntegrationInput)); return err }},
		{"ListIntegrations", func() any {
			return &ListIntegrationsInput{IntegrationNamePrefix: "x", IntegrationType: "OPENSEARCH", IntegrationStatus: "ACTIVE"}
		}, func(in any) error { _, err := client.ListIntegrations(ctx, in.(*ListIntegrationsInput)); return err }},
		{"DeleteIntegration", func() any { return &DeleteIntegrationInput{IntegrationName: "x"} },
			func(in any) error { _, err := client.DeleteIntegration(ctx, in.(*DeleteIntegrationInput)); return err }},
		{"PutIntegration", func() any {
			return &PutIntegrationInput{IntegrationName: "x", IntegrationType: "OPENSEARCH", ResourceConfig: openSearch()}
		},
			func(in any) error { _, err := client.PutIntegration(ctx, in.(*PutIntegrationInput)); return err }},
		{"PutIntegration", func() any {
			return &PutIntegrationInput{IntegrationName: "x", IntegrationType: "SPLUNK",
				ResourceConfig: &UnknownResourceConfig{Name: "splunkResourceConfig", Value: json.RawMessage(`{"index":"i"}`)}}
		}, func(in any) error { _, err := client.PutIntegration(ctx, in.(*PutIntegrationInput)); return err }},
	}
	const arn = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/x"
	inputs = append(inputs, []struct {
		op    string
		valid func() any
		call  func(in any) error
	}{
		{"AssociateSourceToS3TableIntegration", func() any {
			return &AssociateSourceToS3TableIntegrationInput{IntegrationArn: arn, DataSource: DataSource{Name: "amazon_eks", Type: "audit"}}
		}, func(in any) error {
			_, err := client.AssociateSourceToS3TableIntegration(ctx, in.(*AssociateSourceToS3TableIntegrationInput))
			return err
		}},
		{"DisassociateSourceFromS3TableIntegration", func() any { return &DisassociateSourceFromS3TableIntegrationInput{Identifier: "id"} },
			func(in any) error {
				_, err := client.DisassociateSourceFromS3TableIntegration(ctx, in.(*DisassociateSourceFromS3TableIntegrationInput))
				return err
			}},
		{"ListSourcesForS3TableIntegration", func() any {
			return &ListSourcesForS3TableIntegrationInput{IntegrationArn: arn, MaxResults: 10, NextToken: "t"}
		}, func(in any) error {
			_, err := client.ListSourcesForS3TableIntegration(ctx, in.(*ListSourcesForS3TableIntegrationInput))
			return err
		}},
	}...)
	for _, in := range inputs {
		var fields []string
		walkStrings(reflect.ValueOf(in.valid()), "", func(field string, _ func()) { fields = append(fields, field) })
		if len(fields) == 0 {
			t.Fatalf("%s: no string found", in.op)
		}
		for i, field := range fields {
			t.Run(in.op+"/"+field, func(t *testing.T) {
				v := in.valid()
				n := 0
				walkStrings(reflect.ValueOf(v), "", func(_ string, set func()) {
					if n == i {
						set()
					}
					n++
				})
				before := sent.Load()
				err := in.call(v)
				var inErr *InvalidInputError
				if !errors.As(err, &inErr) || !errors.Is(err, ErrInvalidParameter) || !strings.Contains(err.Error(), "not valid UTF-8") {
					t.Fatalf("error = %v, want an InvalidInputError saying the value is not valid UTF-8", err)
				}
				if inErr.Field != field || inErr.Operation != in.op {
					t.Errorf("error on %s of %s, want %s of %s", inErr.Field, inErr.Operation, field, in.op)
				}
				if sent.Load() != before {
					t.Errorf("a request was sent")
				}
			})
		}
	}
}

// walkStrings calls visit for each string v holds, with the Go path of its
// field and a function that puts a byte that is not UTF-8 in it: fields of
// structs, elements of lists, the member a union holds (whose path is its
// field's), the JSON of an unknown member (the union's path too).
func walkStrings(v reflect.Value, path string, visit func(field string, set func())) {
	join := func(name string) string {
		if path == "" {
			return name
		}
		return path + "." + name
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return
		}
		e := v.Elem()
		if v.Kind() == reflect.Interface && e.Type() == reflect.TypeFor[*UnknownResourceConfig]() {
			u := e.Interface().(*UnknownResourceConfig)
			visit(path, func() { u.Name += "\xff" })
			visit(path, func() { u.Value = json.RawMessage("{\"index\":\"\xff\"}") })
			return
		}
		walkStrings(e, path, visit)
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Type().Field(i); f.IsExported() {
				walkStrings(v.Field(i), join(f.Name), visit)
			}
		}
	case reflect.Slice:
		for i := range v.Len() {
			walkStrings(v.Index(i), path+"["+strconv.Itoa(i)+"]", visit)
		}
	case reflect.String:
		visit(path, func() { v.SetString(v.String() + "\xff") })
	}
}

type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }
