package cwlogs

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs/internal/jsonwire"
)

func TestOpenSearchResourceStatusTypeValues(t *testing.T) {
	got := OpenSearchResourceStatusType("").Values()
	want := []OpenSearchResourceStatusType{"ACTIVE", "NOT_FOUND", "ERROR"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("enum values mismatch (-want +got):\n%s", diff)
	}
}

// TestReadOpenSearchDetails reads every member of every resource, each
// with a value of its own, so that a member read into the wrong field
// shows.
func TestReadOpenSearchDetails(t *testing.T) {
	t.Parallel()
	st := func(s, m string) OpenSearchResourceStatus {
		return OpenSearchResourceStatus{Status: OpenSearchResourceStatusType(s), StatusMessage: m}
	}
	tests := []struct {
		name, in string
		want     *OpenSearchIntegrationDetails
		wantErr  string // the whole error; empty for none
	}{
		{name: "every member",
			in: `{"dataSource":{"dataSourceName":"ds","status":{"status":"S1","statusMessage":"m1"}},` +
				`"application":{"applicationEndpoint":"ae","applicationArn":"aa","applicationId":"ai","status":{"status":"S2"}},` +
				`"collection":{"collectionEndpoint":"ce","collectionArn":"ca","status":{"statusMessage":"m3"}},` +
				`"workspace":{"workspaceId":"wi","status":{"status":"S4","statusMessage":"m4"}},` +
				`"encryptionPolicy":{"policyName":"p1","status":{"status":"S5"}},"networkPolicy":{"policyName":"p2"},` +
				`"accessPolicy":{"policyName":"p3","status":null},"lifecyclePolicy":{"policyName":"p4","extra":[1]}}`,
			want: &OpenSearchIntegrationDetails{
				DataSource:       &OpenSearchDataSource{DataSourceName: "ds", Status: st("S1", "m1")},
				Application:      &OpenSearchApplication{ApplicationEndpoint: "ae", ApplicationArn: "aa", ApplicationID: "ai", Status: st("S2", "")},
				Collection:       &OpenSearchCollection{CollectionEndpoint: "ce", CollectionArn: "ca", Status: st("", "m3")},
				Workspace:        &OpenSearchWorkspace{WorkspaceID: "wi", Status: st("S4", "m4")},
				EncryptionPolicy: &OpenSearchPolicy{PolicyName: "p1", Status: st("S5", "")},
				NetworkPolicy:    &OpenSearchPolicy{PolicyName: "p2"},
				AccessPolicy:     &OpenSearchPolicy{PolicyName: "p3"},
				LifecyclePolicy:  &OpenSearchPolicy{PolicyName: "p4"},
			}},
		{name: "null and absent resources", in: `{"dataSource":null,"workspace":{}}`,
			want: &OpenSearchIntegrationDetails{Workspace: &OpenSearchWorkspace{}}},
		{name: "member of another resource is skipped", in: `{"workspace":{"policyName":"p","dataSourceName":"d"}}`,
			want: &OpenSearchIntegrationDetails{Workspace: &OpenSearchWorkspace{}}},
		{name: "a later value replaces an earlier one", in: `{"collection":{"collectionArn":"a"},"collection":{"collectionEndpoint":"e"}}`,
			want: &OpenSearchIntegrationDetails{Collection: &OpenSearchCollection{CollectionEndpoint: "e"}}},
		{name: "string member of the wrong shape", in: `{"application":{"applicationId":1}}`,
			wantErr: "application.applicationId: want a string, found a number"},
		{name: "status of the wrong shape", in: `{"lifecyclePolicy":{"status":{"status":[]}}}`,
			wantErr: "lifecyclePolicy.status.status: want a string, found an array"},
		{name: "resource of the wrong shape", in: `{"dataSource":"x"}`, wantErr: "dataSource: want an object, found a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := jsonwire.NewReader(tt.in)
			got, err := readOpenSearchDetails(&r)
			if err == nil {
				err = r.End()
			}
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.wantErr {
				t.Fatalf("error = %q, want %q", gotErr, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("details (-want +got):\n%s", diff)
			}
		})
	}
}
