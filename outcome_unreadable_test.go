package cwlogs_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

func TestOutcomeOfUnreadableSuccess(t *testing.T) {
	t.Parallel()
	provisioning := answer(200, `{"integrationName":"x","integrationType":"OPENSEARCH","integrationStatus":"PROVISIONING"}`)
	active := answer(200, `{"integrationName":"x","integrationType":"OPENSEARCH","integrationStatus":"ACTIVE"}`)
	notFound := answer(400, `{"__type":"ResourceNotFoundException","message":"Integration x does not exist."}`)
	huge := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", strconv.Itoa(cwlogs.DefaultMaxResponseBytes+1))
		w.WriteHeader(200)
		_, _ = io.WriteString(w, `{"integrationName":"x",`)
	}
	put := func(ctx context.Context, c *cwlogs.Client) (any, error) { return c.PutIntegration(ctx, kitPut("x")) }
	del := func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
	}
	associate := func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.AssociateSourceToS3TableIntegration(ctx, &cwlogs.AssociateSourceToS3TableIntegrationInput{
			IntegrationArn: cwlogstest.S3TableIntegrationArn, DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}})
	}
	disassociate := func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.DisassociateSourceFromS3TableIntegration(ctx, &cwlogs.DisassociateSourceFromS3TableIntegrationInput{Identifier: "src-1"})
	}
	// listed answers a listing with the source of the association, made
	// just now on the service's clock.
	listed := func(w http.ResponseWriter, r *http.Request) {
		answer(200, `{"sources":[{"identifier":"src-1","dataSource":{"name":"amazon_eks","type":"audit"},"status":"ACTIVE",`+
			`"createdTimeStamp":`+strconv.FormatInt(time.Now().UnixMilli(), 10)+`}]}`)(w, r)
	}
	created := func(attempts int) *cwlogs.PutIntegrationOutput {
		return &cwlogs.PutIntegrationOutput{IntegrationName: "x", IntegrationStatus: cwlogs.IntegrationStatusProvisioning,
			ResultMetadata: cwlogs.ResponseMetadata{RequestID: "GetIntegration-1", StatusCode: 200, Attempts: attempts, Confirmed: true}}
	}
	tests := []struct {
		name    string
		scripts map[string][]http.HandlerFunc
		call    func(ctx context.Context, c *cwlogs.Client) (any, error)
		want    any
		// wantUnknown is the effect of an unknown outcome, whose text
		// holds wantText.
		wantUnknown string
		wantText    string
		wantOps     []string
	}{
		{
			name:    "create: JSON cut short",
			scripts: map[string][]http.HandlerFunc{"PutIntegration": {answer(200, `{"integrationName":"x","integra`)}, "GetIntegration": {provisioning}},
			call:    put,
			want:    created(1),
			wantOps: []string{"PutIntegration", "GetIntegration"},
		},
		{
			name: "create: connection closed inside the body: not sent again, confirmed",
			scripts: map[string][]http.HandlerFunc{
				"PutIntegration": {bodyCutShort(`{"integrationName":"x"`)},
				"GetIntegration": {provisioning},
			},
			call:    put,
			want:    created(1),
			wantOps: []string{"PutIntegration", "GetIntegration"},
		},
		{
			name: "create: connection closed inside the body, the check finds none yet: unknown, not sent again",
			scripts: map[string][]http.HandlerFunc{
				"PutIntegration": {bodyCutShort(`{"integrationName":"x"`)},
				"GetIntegration": {notFound},
			},
			call:        put,
			wantUnknown: "create",
			wantOps:     []string{"PutIntegration", "GetIntegration"},
		},
		{
			name:        "create: JSON cut short, the check finds none yet: unknown, not refused",
			scripts:     map[string][]http.HandlerFunc{"PutIntegration": {answer(200, `{"integrationName":"x","integra`)}, "GetIntegration": {notFound}},
			call:        put,
			wantUnknown: "create",
			wantText:    "check: cwlogs: the state does not show the create, which the service answered with status 200: it may not show it yet",
			wantOps:     []string{"PutIntegration", "GetIntegration"},
		},
		{
			name:        "create: not its answer, the check finds an ACTIVE one: unknown, not refused",
			scripts:     map[string][]http.HandlerFunc{"PutIntegration": {answer(200, `[]`)}, "GetIntegration": {active}},
			call:        put,
			wantUnknown: "create",
			wantOps:     []string{"PutIntegration", "GetIntegration"},
		},
		{
			name:    "create: over MaxResponseBytes",
			scripts: map[string][]http.HandlerFunc{"PutIntegration": {huge}, "GetIntegration": {provisioning}},
			call:    put,
			want:    created(1),
			wantOps: []string{"PutIntegration", "GetIntegration"},
		},
		{
			name:    "create: not its answer",
			scripts: map[string][]http.HandlerFunc{"PutIntegration": {answer(200, `[]`)}, "GetIntegration": {provisioning}},
			call:    put,
			want:    created(1),
			wantOps: []string{"PutIntegration", "GetIntegration"},
		},
		{
			name: "create: the check answers another integration's name: unknown",
			scripts: map[string][]http.HandlerFunc{
				"PutIntegration": {answer(200, `[]`)},
				"GetIntegration": {answer(200, `{"integrationName":"someone-else","integrationType":"OPENSEARCH","integrationStatus":"PROVISIONING"}`)},
			},
			call:        put,
			wantUnknown: "create",
			wantOps:     []string{"PutIntegration", "GetIntegration"},
		},
		{
			name: "create: the check answers a status this package does not know: unknown",
			scripts: map[string][]http.HandlerFunc{
				"PutIntegration": {answer(200, `[]`)},
				"GetIntegration": {answer(200, `{"integrationName":"x","integrationType":"OPENSEARCH","integrationStatus":"DELETING"}`)},
			},
			call:        put,
			wantUnknown: "create",
			wantOps:     []string{"PutIntegration", "GetIntegration"},
		},
		{
			name: "create: the check answers no type: unknown",
			scripts: map[string][]http.HandlerFunc{
				"PutIntegration": {answer(200, `[]`)},
				"GetIntegration": {answer(200, `{"integrationName":"x","integrationStatus":"PROVISIONING"}`)},
			},
			call:        put,
			wantUnknown: "create",
			wantOps:     []string{"PutIntegration", "GetIntegration"},
		},
		{
			name:    "delete: answered 200 with []",
			scripts: map[string][]http.HandlerFunc{"DeleteIntegration": {answer(200, `[]`)}, "GetIntegration": {notFound}},
			call:    del,
			want: &cwlogs.DeleteIntegrationOutput{
				ResultMetadata: cwlogs.ResponseMetadata{RequestID: "GetIntegration-1", StatusCode: 400, Attempts: 1, Confirmed: true}},
			wantOps: []string{"DeleteIntegration", "GetIntegration"},
		},
		{
			name:        "delete: answered 200 with [], the integration still there: unknown",
			scripts:     map[string][]http.HandlerFunc{"DeleteIntegration": {answer(200, `[]`)}, "GetIntegration": {provisioning}},
			call:        del,
			wantUnknown: "delete",
			wantOps:     []string{"DeleteIntegration", "GetIntegration"},
		},
		{
			name:    "delete: connection closed inside the body: not sent again, confirmed by the read",
			scripts: map[string][]http.HandlerFunc{"DeleteIntegration": {bodyCutShort(`{`)}, "GetIntegration": {notFound}},
			call:    del,
			want: &cwlogs.DeleteIntegrationOutput{
				ResultMetadata: cwlogs.ResponseMetadata{RequestID: "GetIntegration-1", StatusCode: 400, Attempts: 1, Confirmed: true}},
			wantOps: []string{"DeleteIntegration", "GetIntegration"},
		},
		{
			name: "association: connection closed inside the body: not sent again, confirmed by the listing",
			scripts: map[string][]http.HandlerFunc{
				"AssociateSourceToS3TableIntegration": {bodyCutShort(`{"identifier":"src-1"`)},
				"ListSourcesForS3TableIntegration":    {listed},
			},
			call: associate,
			want: &cwlogs.AssociateSourceToS3TableIntegrationOutput{Identifier: "src-1",
				ResultMetadata: cwlogs.ResponseMetadata{RequestID: "ListSourcesForS3TableIntegration-1", StatusCode: 200, Attempts: 1, Confirmed: true}},
			wantOps: []string{"AssociateSourceToS3TableIntegration", "ListSourcesForS3TableIntegration"},
		},
		{
			name: "association: not its answer, none listed yet: unknown, not sent again",
			scripts: map[string][]http.HandlerFunc{
				"AssociateSourceToS3TableIntegration": {answer(200, `[]`)},
				"ListSourcesForS3TableIntegration":    {answer(200, `{"sources":[]}`)},
			},
			call:        associate,
			wantUnknown: "association",
			wantOps:     []string{"AssociateSourceToS3TableIntegration", "ListSourcesForS3TableIntegration"},
		},
		{
			name:        "disassociation: connection closed inside the body: unknown, not sent again",
			scripts:     map[string][]http.HandlerFunc{"DisassociateSourceFromS3TableIntegration": {bodyCutShort(`{"identifier":"src-1"`)}},
			call:        disassociate,
			wantUnknown: "disassociation",
			wantOps:     []string{"DisassociateSourceFromS3TableIntegration"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			svc := &fakeService{scripts: tt.scripts}
			client := newTestClient(t, svc, func(o *cwlogs.Options) { o.RetryPolicy = fastRetry })
			out, err := tt.call(context.Background(), client)
			if tt.wantUnknown != "" {
				op := map[string]string{"create": "PutIntegration", "delete": "DeleteIntegration",
					"association": "AssociateSourceToS3TableIntegration", "disassociation": "DisassociateSourceFromS3TableIntegration"}[tt.wantUnknown]
				checkUnknown(t, err, op, tt.wantUnknown, nil, tt.wantText)
			} else {
				if err != nil {
					t.Fatalf("call: %v, want a confirmed success", err)
				}
				if diff := cmp.Diff(tt.want, out); diff != "" {
					t.Errorf("output mismatch (-want +got):\n%s", diff)
				}
			}
			if diff := cmp.Diff(tt.wantOps, svc.requests()); diff != "" {
				t.Errorf("requests mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestOutcomeDeadlineDuringCheck checks that a create whose check is cut
// short by the caller's deadline is unknown and matches
// context.DeadlineExceeded.

// TestEnsureDoesNotResendWhatTheServiceTook checks that EnsureIntegration
// and EnsureS3TableIntegrationSource, whose create or association the
// service answered 200 with a body the client could not read, do not send
// it again when their own read does not show it yet: the service took it,
// and the read may only lag. A second association would make a second
// source.
func TestEnsureDoesNotResendWhatTheServiceTook(t *testing.T) {
	t.Parallel()
	notFound := answer(400, `{"__type":"ResourceNotFoundException","message":"Integration x does not exist."}`)
	noSources := answer(200, `{"sources":[]}`)
	tests := []struct {
		name    string
		scripts map[string][]http.HandlerFunc
		ensure  func(ctx context.Context, c *cwlogs.Client) error
		wantOps []string
	}{
		{
			name:    "create",
			scripts: map[string][]http.HandlerFunc{"GetIntegration": {notFound}, "PutIntegration": {answer(200, `[]`)}},
			ensure: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := cwlogs.EnsureIntegration(ctx, c, kitPut("x"), func(o *cwlogs.EnsureIntegrationOptions) { o.NoWait = true })
				return err
			},
			// The lookup, the create, the client's check, Ensure's read.
			wantOps: []string{"GetIntegration", "PutIntegration", "GetIntegration", "GetIntegration"},
		},
		{
			name: "association",
			scripts: map[string][]http.HandlerFunc{"ListSourcesForS3TableIntegration": {noSources},
				"AssociateSourceToS3TableIntegration": {answer(200, `[]`)}},
			ensure: func(ctx context.Context, c *cwlogs.Client) error {
				_, err := cwlogs.EnsureS3TableIntegrationSource(ctx, c, &cwlogs.AssociateSourceToS3TableIntegrationInput{
					IntegrationArn: cwlogstest.S3TableIntegrationArn, DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}},
					func(o *cwlogs.EnsureS3TableIntegrationSourceOptions) { o.NoWait = true })
				return err
			},
			wantOps: []string{"ListSourcesForS3TableIntegration", "AssociateSourceToS3TableIntegration",
				"ListSourcesForS3TableIntegration", "ListSourcesForS3TableIntegration"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			svc := &fakeService{scripts: tt.scripts}
			client := newTestClient(t, svc, func(o *cwlogs.Options) { o.RetryPolicy = fastRetry })
			err := tt.ensure(context.Background(), client)
			if !errors.Is(err, cwlogs.ErrOutcomeUnknown) {
				t.Errorf("err = %v, want one matching ErrOutcomeUnknown", err)
			}
			if diff := cmp.Diff(tt.wantOps, svc.requests()); diff != "" {
				t.Errorf("requests mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
