package cwlogs_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
)

func status(s cwlogs.OpenSearchResourceStatusType, msg string) cwlogs.OpenSearchResourceStatus {
	return cwlogs.OpenSearchResourceStatus{Status: s, StatusMessage: msg}
}

const (
	active   = cwlogs.OpenSearchResourceStatusTypeActive
	notFound = cwlogs.OpenSearchResourceStatusTypeNotFound
	failed   = cwlogs.OpenSearchResourceStatusTypeError
)

func meta(id string) cwlogs.ResponseMetadata {
	return cwlogs.ResponseMetadata{RequestID: id, StatusCode: 200, Attempts: 1}
}

// activeDetails is what active.http holds, written out by hand.
var activeDetails = &cwlogs.OpenSearchIntegrationDetails{
	DataSource: &cwlogs.OpenSearchDataSource{DataSourceName: "cwl_vended_logs_active_7v2x0hq4", Status: status(active, "")},
	Application: &cwlogs.OpenSearchApplication{
		ApplicationEndpoint: "https://application-cwl-active-k3x9q2m7vd.us-east-1.opensearch.amazonaws.com",
		ApplicationArn:      "arn:aws:opensearch:us-east-1:123456789012:application/k3x9q2m7vd",
		ApplicationID:       "k3x9q2m7vd",
		Status:              status(active, ""),
	},
	Collection: &cwlogs.OpenSearchCollection{
		CollectionEndpoint: "https://7v2x0hq4kzr1m8n3b5ta.us-east-1.aoss.amazonaws.com",
		CollectionArn:      "arn:aws:aoss:us-east-1:123456789012:collection/7v2x0hq4kzr1m8n3b5ta",
		Status:             status(active, "Collection cwl-active-logs (TIMESERIES) is active; 2 OCUs for indexing and 2 OCUs for search are in use."),
	},
	Workspace:        &cwlogs.OpenSearchWorkspace{WorkspaceID: "Wq8ZtL", Status: status(active, "")},
	EncryptionPolicy: &cwlogs.OpenSearchPolicy{PolicyName: "cwl-active-encryption", Status: status(active, "")},
	NetworkPolicy:    &cwlogs.OpenSearchPolicy{PolicyName: "cwl-active-network", Status: status(active, "")},
	AccessPolicy: &cwlogs.OpenSearchPolicy{PolicyName: "cwl-active-access",
		Status: status(active, "Data access policy grants 2 principals (role/CWLDashboardViewer, role/CWLOpenSearchRole) read access to indexes cwl-*.")},
	LifecyclePolicy: &cwlogs.OpenSearchPolicy{PolicyName: "cwl-active-lifecycle", Status: status(active, "")},
}

func TestGetIntegrationRecordedSuccesses(t *testing.T) {
	tests := []struct {
		name string
		want *cwlogs.GetIntegrationOutput
	}{
		{"active", &cwlogs.GetIntegrationOutput{
			IntegrationName:    "active",
			IntegrationType:    cwlogs.IntegrationTypeOpenSearch,
			IntegrationStatus:  cwlogs.IntegrationStatusActive,
			IntegrationDetails: activeDetails,
			ResultMetadata:     meta("4f0c9a27-6e3b-4d81-9b52-0e7a3c5d18f4"),
		}},
		{"provisioning", &cwlogs.GetIntegrationOutput{
			IntegrationName:   "provisioning",
			IntegrationType:   cwlogs.IntegrationTypeOpenSearch,
			IntegrationStatus: cwlogs.IntegrationStatusProvisioning,
			IntegrationDetails: &cwlogs.OpenSearchIntegrationDetails{
				DataSource: &cwlogs.OpenSearchDataSource{DataSourceName: "cwl_provisioning_m4p8s1", Status: status(active, "")},
				Collection: &cwlogs.OpenSearchCollection{
					CollectionArn: "arn:aws:aoss:us-east-1:123456789012:collection/q9d3n6w2c8f1h5j7k0lz",
					Status:        status(notFound, "Collection cwl-provisioning is being created."),
				},
				EncryptionPolicy: &cwlogs.OpenSearchPolicy{PolicyName: "cwl-provisioning-encryption", Status: status(active, "")},
				NetworkPolicy:    &cwlogs.OpenSearchPolicy{PolicyName: "cwl-provisioning-network", Status: status(active, "")},
				AccessPolicy:     &cwlogs.OpenSearchPolicy{PolicyName: "cwl-provisioning-access"},
			},
			ResultMetadata: meta("b81e36d2-0f45-4c7a-a3e9-5d26f1c07b93"),
		}},
		{"failed", &cwlogs.GetIntegrationOutput{
			IntegrationName:   "failed",
			IntegrationType:   cwlogs.IntegrationTypeOpenSearch,
			IntegrationStatus: cwlogs.IntegrationStatusFailed,
			IntegrationDetails: &cwlogs.OpenSearchIntegrationDetails{
				DataSource: &cwlogs.OpenSearchDataSource{DataSourceName: "cwl_failed_z7r2", Status: status(failed,
					"Data source \"cwl_failed_z7r2\" could not be created:\nAccessDeniedException: role arn:aws:iam::123456789012:role/CWLOpenSearchRole is not authorized to perform aoss:APIAccessAll")},
				Application: &cwlogs.OpenSearchApplication{ApplicationID: "p0w4t8y2ua", Status: status(notFound,
					"Application introuvable dans la région us-east-1 — アプリケーションが見つかりません (日本語)")},
				Collection: &cwlogs.OpenSearchCollection{
					CollectionArn: "arn:aws:aoss:us-east-1:123456789012:collection/x5c7v9b1n3m6k8j0h2gf",
					Status:        status(failed, "Collection creation failed\tcode=409\treason=ConflictException 🚀 retry after C:\\tmp cleanup"),
				},
				Workspace: &cwlogs.OpenSearchWorkspace{WorkspaceID: "Kp3Rx9", Status: status(notFound, "Workspace 🚀 launch aborted: café dashboards missing")},
				EncryptionPolicy: &cwlogs.OpenSearchPolicy{PolicyName: "cwl-failed-encryption", Status: status(failed,
					"Policy \"cwl-failed-encryption\" references KMS key arn:aws:kms:us-east-1:123456789012:key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d, which is pending deletion.\nRéessayez après avoir réactivé la clé.")},
				NetworkPolicy:   &cwlogs.OpenSearchPolicy{PolicyName: "cwl-failed-network", Status: status(active, "")},
				AccessPolicy:    &cwlogs.OpenSearchPolicy{PolicyName: "cwl-failed-access", Status: status(failed, "Line 1:\r\n\t\"Principal\": [] must not be empty!")},
				LifecyclePolicy: &cwlogs.OpenSearchPolicy{PolicyName: "cwl-failed-lifecycle", Status: status(notFound, "")},
			},
			ResultMetadata: meta("2d7a5f90-c3e1-48b6-8f04-a19e6b3c5d72"),
		}},
		{"unknown-enums", &cwlogs.GetIntegrationOutput{
			IntegrationName:   "unknown-enums",
			IntegrationType:   "OPENSEARCH_SERVERLESS",
			IntegrationStatus: "DEGRADED",
			IntegrationDetails: &cwlogs.OpenSearchIntegrationDetails{
				DataSource: &cwlogs.OpenSearchDataSource{DataSourceName: "cwl_unknown_enums_r5t1", Status: status(active, "")},
				Application: &cwlogs.OpenSearchApplication{
					ApplicationEndpoint: "https://application-cwl-enums-b6n2m8q4zx.us-east-1.opensearch.amazonaws.com",
					ApplicationArn:      "arn:aws:opensearch:us-east-1:123456789012:application/b6n2m8q4zx",
					ApplicationID:       "b6n2m8q4zx",
					Status:              status("UPDATING", "Application configuration is being updated."),
				},
				Collection: &cwlogs.OpenSearchCollection{
					CollectionEndpoint: "https://f3g5h7j9k1l2z4x6c8v0.us-east-1.aoss.amazonaws.com",
					CollectionArn:      "arn:aws:aoss:us-east-1:123456789012:collection/f3g5h7j9k1l2z4x6c8v0",
					Status:             status("UPDATING", ""),
				},
				Workspace:        &cwlogs.OpenSearchWorkspace{WorkspaceID: "Tn4Vb7", Status: status(active, "")},
				EncryptionPolicy: &cwlogs.OpenSearchPolicy{PolicyName: "cwl-enums-encryption", Status: status(active, "")},
				NetworkPolicy:    &cwlogs.OpenSearchPolicy{PolicyName: "cwl-enums-network", Status: status("DELETING", "")},
			},
			ResultMetadata: meta("0b9d7e25-c64a-4183-a2f6-58e1b0c3d9a7"),
		}},
		{"unknown-member-type", &cwlogs.GetIntegrationOutput{
			IntegrationName:    "unknown-member-type",
			IntegrationType:    cwlogs.IntegrationTypeOpenSearch,
			IntegrationStatus:  cwlogs.IntegrationStatusActive,
			IntegrationDetails: &cwlogs.UnknownIntegrationDetails{Name: "newThing", Value: json.RawMessage(`{"a":1}`)},
			ResultMetadata:     meta("e5a08d3c-7b19-4f62-9d4e-0c8b36a1f275"),
		}},
		{"unknown-member-null", &cwlogs.GetIntegrationOutput{
			IntegrationName:    "unknown-member-null",
			IntegrationType:    cwlogs.IntegrationTypeOpenSearch,
			IntegrationStatus:  cwlogs.IntegrationStatusActive,
			IntegrationDetails: &cwlogs.UnknownIntegrationDetails{Name: "newThing", Value: json.RawMessage(`{"b":[1,2]}`)},
			ResultMetadata:     meta("61f4c2b8-3a9e-4d05-8b7f-e2c91d6a40b3"),
		}},
		{"null-details", &cwlogs.GetIntegrationOutput{
			IntegrationName:   "null-details",
			IntegrationType:   cwlogs.IntegrationTypeOpenSearch,
			IntegrationStatus: cwlogs.IntegrationStatusActive,
			ResultMetadata:    meta("5a1d8c63-e27f-4b90-a4c5-9f0e3b7d2c18"),
		}},
		{"no-details", &cwlogs.GetIntegrationOutput{
			IntegrationName:   "no-details",
			IntegrationType:   cwlogs.IntegrationTypeOpenSearch,
			IntegrationStatus: cwlogs.IntegrationStatusProvisioning,
			ResultMetadata:    meta("d3f6b0a1-94c7-4e28-b15d-6c2a8e0f7b94"),
		}},
	}
	client, _ := newKitClient(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := get(context.Background(), client, tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("output mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGetIntegrationRecordedRoundTrip checks that encoding an output gives back
// the members of the recorded body: all of them, unknown union members
// with their data included, and nothing else.
func TestGetIntegrationRecordedRoundTrip(t *testing.T) {
	client, _ := newKitClient(t)
	for _, name := range []string{"active", "provisioning", "failed", "unknown-enums", "unknown-member",
		"unknown-member-null", "null-details", "no-details"} {
		t.Run(name, func(t *testing.T) {
			out, err := get(context.Background(), client, name)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.Marshal(out)
			if err != nil {
				t.Fatal(err)
			}
			want := decodeJSON(t, recordedBody(t, name)).(map[string]any)
			if details, ok := want["integrationDetails"].(map[string]any); ok {
				for k, v := range details { // the protocol skips null members
					if v == nil {
						delete(details, k)
					}
				}
			}
			if want["integrationDetails"] == nil {
				delete(want, "integrationDetails")
			}
			if diff := cmp.Diff(any(want), decodeJSON(t, got)); diff != "" {
				t.Errorf("re-encoded output mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestGetIntegrationUnknownMember checks that an unknown union member
// reaches the caller with its name and its data whole.
func TestGetIntegrationUnknownMember(t *testing.T) {
	client, _ := newKitClient(t)
	out, err := get(context.Background(), client, "unknown-member")
	if err != nil {
		t.Fatal(err)
	}
	u, ok := out.IntegrationDetails.(*cwlogs.UnknownIntegrationDetails)
	if !ok {
		t.Fatalf("details are %T, want *cwlogs.UnknownIntegrationDetails", out.IntegrationDetails)
	}
	var body struct {
		IntegrationDetails struct {
			Splunk json.RawMessage `json:"splunkIntegrationDetails"`
		} `json:"integrationDetails"`
	}
	if err := json.Unmarshal(recordedBody(t, "unknown-member"), &body); err != nil {
		t.Fatal(err)
	}
	if u.Name != "splunkIntegrationDetails" || string(u.Value) != string(body.IntegrationDetails.Splunk) {
		t.Errorf("unknown member = %s %s, want splunkIntegrationDetails %s", u.Name, u.Value, body.IntegrationDetails.Splunk)
	}
	if !strings.Contains(string(u.Value), "9007199254740993") {
		t.Error("a large integer lost precision")
	}
	boto, err := u.MarshalBoto3()
	if err != nil || string(boto) != `{"SDK_UNKNOWN_MEMBER":{"name":"splunkIntegrationDetails"}}` {
		t.Errorf("MarshalBoto3 = %s, %v", boto, err)
	}
}

// TestGetIntegrationExtraMembers checks that members the library does
// not know are skipped, and the others read.
func TestGetIntegrationExtraMembers(t *testing.T) {
	client, _ := newKitClient(t)
	out, err := get(context.Background(), client, "extra-fields")
	if err != nil {
		t.Fatal(err)
	}
	d, ok := out.IntegrationDetails.(*cwlogs.OpenSearchIntegrationDetails)
	if !ok {
		t.Fatalf("details are %T", out.IntegrationDetails)
	}
	got := []string{out.IntegrationName, string(out.IntegrationStatus), d.DataSource.DataSourceName,
		string(d.DataSource.Status.Status), d.Collection.CollectionArn, d.Workspace.WorkspaceID, d.LifecyclePolicy.PolicyName}
	want := []string{"extra-fields", "ACTIVE", "cwl_extra_fields_w2e4", "ACTIVE",
		"arn:aws:aoss:us-east-1:123456789012:collection/m1n3b5v7c9x2z4l6k8j0", "Hc6Ya2", "cwl-extra-lifecycle"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("members mismatch (-want +got):\n%s", diff)
	}
}

func TestGetIntegrationRecordedErrors(t *testing.T) {
	tests := []struct {
		name     string
		code     string
		message  string
		status   int
		id       string
		sentinel error
	}{
		{"invalid-parameter", "InvalidParameterException",
			`1 validation error detected: Value 'cwl logs' at 'integrationName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+`,
			400, "3c9e7a15-d04b-4f86-a2e3-91b6c8d0f5a4", cwlogs.ErrInvalidParameter},
		{"resource-not-found", "ResourceNotFoundException", "Integration resource-not-found does not exist.",
			400, "8b2f6d04-a7c3-4e19-b58e-d0c4a1f7e326", cwlogs.ErrResourceNotFound},
		{"service-unavailable", "ServiceUnavailableException", "The service cannot complete the request.",
			500, "e0a3c7f2-69b4-4d18-8f5c-2b7e9d1a4c60", cwlogs.ErrServiceUnavailable},
		{"access-denied", "AccessDeniedException",
			"User: arn:aws:sts::123456789012:assumed-role/ReadOnlyAccess/dev-session is not authorized to perform: logs:GetIntegration because no identity-based policy allows the logs:GetIntegration action",
			400, "6d1b9e48-0c3a-4f75-a6e2-c8f4b2d07a91", cwlogs.ErrAccessDenied},
		{"unrecognized-client", "UnrecognizedClientException", "The security token included in the request is invalid.",
			400, "b5e8c2a7-4f19-4d3b-9e06-a1c7d3f5b820", cwlogs.ErrInvalidCredentials},
		{"expired-token", "ExpiredTokenException", "The security token included in the request is expired",
			400, "c1f4a8d6-3b7e-4052-9c8f-e5a2b0d6c419", cwlogs.ErrInvalidCredentials},
		{"throttling", "ThrottlingException", "Rate exceeded", 400, "47d0b3e9-8a2c-4f61-b7d5-0e9c3a6f1b28", cwlogs.ErrThrottling},
		{"validation", "ValidationException",
			"1 validation error detected: Value null at 'integrationName' failed to satisfy constraint: Member must not be null",
			400, "90e6c3b1-f5a8-4d27-8e4b-3c1d7a9f0e52", cwlogs.ErrValidation},
		{"internal-failure", "InternalFailure", "The request processing has failed because of an unknown error, exception or failure.",
			500, "f8b2d5a0-1c6e-4b93-a7f0-d4e8c1b5a362", cwlogs.ErrInternalFailure},
		{"code-field", "InvalidParameterException", "Integration name code-field is not valid for this operation.",
			400, "3e7a1c94-b0d2-4f58-96c3-a8f5e2d0b714", cwlogs.ErrInvalidParameter},
		{"header-only-code", "ResourceNotFoundException", "Integration header-only-code does not exist.",
			400, "d6c9f2b4-7e01-4a3d-b8e5-1f4a7c0d3e96", cwlogs.ErrResourceNotFound},
		{"request-id-fallback", "ResourceNotFoundException", "Integration request-id-fallback does not exist.",
			400, "0f5e8b2d-c4a7-4193-8d60-b3e9f1a7c254", cwlogs.ErrResourceNotFound},
		{"html-502", "502", "502 Bad Gateway", 502, "", nil},
	}
	client, srv := newKitClient(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := len(srv.Requests())
			out, err := get(context.Background(), client, tt.name)
			attempts := len(srv.Requests()) - before
			if want := map[bool]int{true: 3, false: 1}[cwlogs.IsRetryable(err)]; attempts != want {
				t.Errorf("server saw %d attempts, want %d", attempts, want)
			}
			if retryable := tt.status >= 500 || tt.sentinel == cwlogs.ErrThrottling; retryable != cwlogs.IsRetryable(err) {
				t.Errorf("IsRetryable = %v, want %v", !retryable, retryable)
			}
			if out != nil {
				t.Errorf("output = %+v, want nil", out)
			}
			var got *cwlogs.APIError
			if !errors.As(err, &got) {
				t.Fatalf("error = %v (%T), want *cwlogs.APIError", err, err)
			}
			fault := smithy.FaultClient
			if tt.status >= 500 {
				fault = smithy.FaultServer
			}
			want := &cwlogs.APIError{Operation: "GetIntegration", Code: tt.code, Message: tt.message,
				StatusCode: tt.status, RequestID: tt.id, Fault: fault}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("errors.Is(err, %v) = false", tt.sentinel)
			}
			var apiErr smithy.APIError
			if !errors.As(err, &apiErr) || apiErr.ErrorCode() != tt.code {
				t.Errorf("smithy.APIError code = %v, want %s", apiErr, tt.code)
			}
			if s := err.Error(); strings.ContainsAny(s, "\n\r") || !strings.HasPrefix(s, "cwlogs: GetIntegration: "+tt.code) {
				t.Errorf("error string %q is not one line starting with the package, operation and code", s)
			}
		})
	}
	t.Run("unknown integration", func(t *testing.T) {
		_, err := get(context.Background(), client, "no-such-integration")
		if !errors.Is(err, cwlogs.ErrResourceNotFound) || !strings.Contains(err.Error(), "no-such-integration") {
			t.Errorf("error = %v, want ResourceNotFoundException naming the integration", err)
		}
	})
}

func TestGetIntegrationRecordedInvalidUnions(t *testing.T) {
	tests := []struct{ name, wantErr string }{
		{"union-two-members", "integrationDetails: union has 2 members set (openSearchIntegrationDetails, splunkIntegrationDetails), want exactly one"},
		{"union-empty", "integrationDetails: union has no member set, want exactly one"},
		{"union-string", "integrationDetails: union must be a JSON object, found a string"},
		{"union-array", "integrationDetails: union must be a JSON object, found an array"},
	}
	client, _ := newKitClient(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := get(context.Background(), client, tt.name)
			var respErr *cwlogs.ResponseError
			if !errors.As(err, &respErr) || !errors.Is(err, cwlogs.ErrInvalidResponse) {
				t.Fatalf("error = %v, want a ResponseError", err)
			}
			if !strings.Contains(err.Error(), "cwlogs: GetIntegration: invalid response: "+tt.wantErr+" (status 200, request id ") {
				t.Errorf("error = %q, want it to contain %q", err, tt.wantErr)
			}
			if respErr.RequestID == "" || respErr.StatusCode != 200 {
				t.Errorf("response error lacks status or request id: %+v", respErr)
			}
		})
	}
}

// TestGetIntegrationOperation runs the checks every operation passes: the
// request sent, the input refused before I/O, each declared error and a
// cancelled context.
func TestGetIntegrationOperation(t *testing.T) {
	t.Parallel()
	call := func(name string) opCall {
		return func(ctx context.Context, c *cwlogs.Client) (any, error) {
			return c.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: name})
		}
	}
	testRequest(t, "GetIntegration", call("active"), "active", `{"integrationName":"active"}`)
	testInput(t, call(strings.Repeat("a", 51)), "active",
		"cwlogs: GetIntegration: invalid input: IntegrationName is 51 characters long, want at most 50")
	testDeclaredErrors(t, "GetIntegration", call("x"), []declaredError{
		{"invalid-parameter", "InvalidParameterException", cwlogs.ErrInvalidParameter},
		{"resource-not-found", "ResourceNotFoundException", cwlogs.ErrResourceNotFound},
		{"service-unavailable", "ServiceUnavailableException", cwlogs.ErrServiceUnavailable},
	})
	testCancelledContext(t, call("active"), "active")
}

func TestInvalidNamesAreRefusedBeforeSending(t *testing.T) {
	tests := []struct {
		name    string
		input   *cwlogs.GetIntegrationInput
		wantErr string
	}{
		{"nil input", nil, "cwlogs: GetIntegration: invalid input: IntegrationName is required"},
		{"empty", &cwlogs.GetIntegrationInput{}, "cwlogs: GetIntegration: invalid input: IntegrationName is required"},
		{"too long", &cwlogs.GetIntegrationInput{IntegrationName: strings.Repeat("a", 51)}, "IntegrationName is 51 characters long, want at most 50"},
		{"space", &cwlogs.GetIntegrationInput{IntegrationName: "bad name"}, `IntegrationName has ' ' at byte 3, want only letters, digits and . - _ / #`},
		{"non-ASCII", &cwlogs.GetIntegrationInput{IntegrationName: "café"}, `has 'é' at byte 3`},
		{"invalid UTF-8", &cwlogs.GetIntegrationInput{IntegrationName: "a\xff"}, `IntegrationName is "a\xff", which is not valid UTF-8 (byte 1)`},
		{"long non-ASCII", &cwlogs.GetIntegrationInput{IntegrationName: strings.Repeat("é", 51)}, "is 51 characters long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client, srv := newKitClient(t)
			_, err := client.GetIntegration(context.Background(), tt.input)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			var inErr *cwlogs.InvalidInputError
			if !errors.As(err, &inErr) || inErr.Field != "IntegrationName" || !errors.Is(err, cwlogs.ErrInvalidParameter) {
				t.Errorf("error %v is not an InvalidInputError on IntegrationName matching ErrInvalidParameter", err)
			}
			if n := len(srv.Requests()); n != 0 {
				t.Errorf("server saw %d requests, want none", n)
			}
		})
	}
	t.Run("longest and every allowed character", func(t *testing.T) {
		client, srv := newKitClient(t)
		name := "Az09.-_/#" + strings.Repeat("x", 41)
		_, err := get(context.Background(), client, name)
		if !errors.Is(err, cwlogs.ErrResourceNotFound) || len(srv.Requests()) != 1 {
			t.Fatalf("error = %v, want the server's ResourceNotFoundException", err)
		}
	})
}
