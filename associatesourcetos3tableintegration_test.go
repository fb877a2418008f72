package cwlogs_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
)

func associateCall(in *cwlogs.AssociateSourceToS3TableIntegrationInput) opCall {
	return func(ctx context.Context, c *cwlogs.Client) (any, error) {
		return c.AssociateSourceToS3TableIntegration(ctx, in)
	}
}

// validAssociate returns a valid input, changed by change.
func validAssociate(change func(in *cwlogs.AssociateSourceToS3TableIntegrationInput)) *cwlogs.AssociateSourceToS3TableIntegrationInput {
	in := &cwlogs.AssociateSourceToS3TableIntegrationInput{
		IntegrationArn: s3IntegrationARN,
		DataSource:     cwlogs.DataSource{Name: "amazon_eks", Type: "audit"},
	}
	if change != nil {
		change(in)
	}
	return in
}

const associateSuccess = "AssociateSourceToS3TableIntegration/success"

func TestAssociateSourceToS3TableIntegrationRequest(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   *cwlogs.AssociateSourceToS3TableIntegrationInput
		want string
	}{
		{"name and type", validAssociate(nil),
			`{"integrationArn":"` + s3IntegrationARN + `","dataSource":{"name":"amazon_eks","type":"audit"}}`},
		{"type left out", validAssociate(func(in *cwlogs.AssociateSourceToS3TableIntegrationInput) { in.DataSource.Type = "" }),
			`{"integrationArn":"` + s3IntegrationARN + `","dataSource":{"name":"amazon_eks"}}`},
		{"wildcard, escapes", validAssociate(func(in *cwlogs.AssociateSourceToS3TableIntegrationInput) {
			in.DataSource = cwlogs.DataSource{Name: "*", Type: "a\"<b>\u2028"}
		}),
			`{"integrationArn":"` + s3IntegrationARN + `","dataSource":{"name":"*","type":"a\"\u003cb\u003e\u2028"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			testRequest(t, "AssociateSourceToS3TableIntegration", associateCall(tt.in), associateSuccess, tt.want)
		})
	}
}

func TestAssociateSourceToS3TableIntegrationValidation(t *testing.T) {
	t.Parallel()
	const prefix = "cwlogs: AssociateSourceToS3TableIntegration: invalid input: "
	const wantARN = `, want an ARN (arn:partition:service:region:account-id:resource)`
	type in = cwlogs.AssociateSourceToS3TableIntegrationInput
	tests := []struct {
		name    string
		in      *in
		wantErr string // "" for a valid input
	}{
		{"valid", validAssociate(nil), ""},
		{"nil input", nil, prefix + "IntegrationArn is required"},
		{"ARN missing", validAssociate(func(in *in) { in.IntegrationArn = "" }), prefix + "IntegrationArn is required"},
		{"ARN not an ARN", validAssociate(func(in *in) { in.IntegrationArn = "s3tableintegration/3g50" }),
			prefix + `IntegrationArn is "s3tableintegration/3g50"` + wantARN},
		{"ARN of five sections", validAssociate(func(in *in) { in.IntegrationArn = "arn:aws:observabilityadmin:us-west-2:123456789012" }),
			prefix + `IntegrationArn is "arn:aws:observabilityadmin:us-west-2:123456789012"` + wantARN},
		{"ARN of six empty sections", validAssociate(func(in *in) { in.IntegrationArn = "arn:::::" }), ""},
		{"ARN long", validAssociate(func(in *in) { in.IntegrationArn += strings.Repeat("x", 5000) }), ""},
		{"ARN not UTF-8", validAssociate(func(in *in) { in.IntegrationArn += "\xff" }),
			prefix + `IntegrationArn is "` + s3IntegrationARN + `\xff", which is not valid UTF-8 (byte 94)`},
		{"name missing", validAssociate(func(in *in) { in.DataSource.Name = "" }), prefix + "DataSource.Name is required"},
		{"name missing, type set", validAssociate(func(in *in) { in.DataSource = cwlogs.DataSource{Type: "audit"} }),
			prefix + "DataSource.Name is required"},
		{"name not UTF-8", validAssociate(func(in *in) { in.DataSource.Name = "eks\xc3" }),
			prefix + `DataSource.Name is "eks\xc3", which is not valid UTF-8 (byte 3)`},
		{"type not UTF-8", validAssociate(func(in *in) { in.DataSource.Type = "\xed\xa0\x80" }),
			prefix + `DataSource.Type is "\xed\xa0\x80", which is not valid UTF-8 (byte 0)`},
		// The API documents no other rule for the name and the type.
		{"type left out", validAssociate(func(in *in) { in.DataSource.Type = "" }), ""},
		{"name of any characters and length", validAssociate(func(in *in) {
			in.DataSource = cwlogs.DataSource{Name: "Amazon EKS/é " + strings.Repeat("n", 3000), Type: "*"}
		}), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			testInput(t, associateCall(tt.in), associateSuccess, tt.wantErr)
		})
	}
}

func TestAssociateSourceToS3TableIntegrationResponses(t *testing.T) {
	t.Parallel()
	call := associateCall(validAssociate(nil))
	const dir = "AssociateSourceToS3TableIntegration/"
	testDecodes(t, call, associateSuccess, &cwlogs.AssociateSourceToS3TableIntegrationOutput{
		Identifier:     "9f3c1a7e-4b2d-4e85-a6f0-3d8b2c1e7a54",
		ResultMetadata: recordedMeta(t, associateSuccess),
	})
	testDeclaredErrors(t, "AssociateSourceToS3TableIntegration", call, []declaredError{
		{dir + "access-denied", "AccessDeniedException", cwlogs.ErrAccessDenied},
		{dir + "resource-not-found", "ResourceNotFoundException", cwlogs.ErrResourceNotFound},
		{dir + "throttling", "ThrottlingException", cwlogs.ErrThrottling},
		{dir + "validation", "ValidationException", cwlogs.ErrValidation},
	})
	const op, list = "AssociateSourceToS3TableIntegration", "ListSourcesForS3TableIntegration"
	testUnknownDeclaredError(t, op, "association", []string{list}, call,
		declaredError{dir + "internal-server", "InternalServerException", cwlogs.ErrInternalFailure})
	testCancelledContext(t, call, associateSuccess)
	// Answered to the check, this body is a listing with no source: the
	// service answered 200, so the association is not refused, but
	// unknown.
	testBadSuccessUnknown(t, op, "association", []string{list}, call, `{"identifier":7}`, "identifier: want a string, found a number")
	testBadSuccessUnknown(t, op, "association", []string{list}, call, ``, "unexpected end of JSON input")
	testBadSuccessUnknown(t, op, "association", []string{list}, call, `{"identifier":"x"} {}`, "invalid character '{' after top-level value at byte 19")
}

// TestAssociateSourceToS3TableIntegrationConfirm checks when an
// association is looked for in the integration's sources: after an attempt
// that may have reached the service, before any further attempt and before
// the call would end in an error; what the listing then decides
// (confirmed, sent again, refused, unknown); and that nothing is listed
// after attempts that did not reach the service.
func TestAssociateSourceToS3TableIntegrationConfirm(t *testing.T) {
	t.Parallel()
	const assoc, list = "AssociateSourceToS3TableIntegration", "ListSourcesForS3TableIntegration"
	in := validAssociate(nil)
	assocBody := map[string]any{"integrationArn": s3IntegrationARN, "dataSource": map[string]any{"name": "amazon_eks", "type": "audit"}}
	listBody := map[string]any{"integrationArn": s3IntegrationARN, "maxResults": 100.0}
	a, l := signedJSON(assoc, assocBody), signedJSON(list, listBody)
	type answers = []func(http.ResponseWriter, *http.Request)
	// listing answers with the source made now and one of another type.
	listing := func(w http.ResponseWriter, r *http.Request) {
		now := time.Now()
		answerJSON(`{"sources":[`+
			`{"identifier":"other","dataSource":{"name":"amazon_eks","type":"control"},"status":"ACTIVE","createdTimeStamp":`+strconv.FormatInt(now.UnixMilli(), 10)+`},`+
			`{"identifier":"made","dataSource":{"name":"amazon_eks","type":"audit"},"status":"ACTIVE","createdTimeStamp":`+strconv.FormatInt(now.UnixMilli(), 10)+`}]}`,
			now)(w, r)
	}
	none := answerJSON(`{"sources":[]}`, time.Now())
	// byTarget answers the associations and the listings each in turn,
	// the last answer of each repeated.
	byTarget := func(associate, lists answers) *jsonHandler {
		var na, nl int
		h := &jsonHandler{}
		h.answers = answers{func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.Header.Get("X-Amz-Target"), list) {
				lists[min(nl, len(lists)-1)](w, r)
				nl++
				return
			}
			associate[min(na, len(associate)-1)](w, r)
			na++
		}}
		return h
	}
	found := func(attempts int) *cwlogs.AssociateSourceToS3TableIntegrationOutput {
		return &cwlogs.AssociateSourceToS3TableIntegrationOutput{Identifier: "made",
			ResultMetadata: cwlogs.ResponseMetadata{RequestID: "req-json", StatusCode: 200, Attempts: attempts, Confirmed: true}}
	}
	tests := []struct {
		name      string
		associate answers
		lists     answers
		// cancelInList ends the call's context when the listing is asked.
		cancelInList bool
		want         []seenRequest
		wantOut      *cwlogs.AssociateSourceToS3TableIntegrationOutput
		wantErr      error // matched with errors.Is
		notErr       error // not matched
	}{
		{
			name:      "5xx, found in the listing before a retry: not sent again",
			associate: answers{answerError(500, "InternalServerException")}, lists: answers{listing},
			want:    []seenRequest{a, l},
			wantOut: found(1),
		},
		{
			name:      "5xx, nothing listed: sent again, then made",
			associate: answers{answerError(500, "InternalServerException"), answerJSON(`{"identifier":"second"}`, time.Time{})}, lists: answers{none},
			want: []seenRequest{a, l, a},
			wantOut: &cwlogs.AssociateSourceToS3TableIntegrationOutput{Identifier: "second",
				ResultMetadata: cwlogs.ResponseMetadata{RequestID: "req-json", StatusCode: 200, Attempts: 2}},
		},
		{
			// The call's start, which the request path gives the check,
			// tells the older association from this call's.
			name:      "5xx, an older association of the same source listed: not this call's, sent again",
			associate: answers{answerError(500, "InternalServerException"), answerJSON(`{"identifier":"second"}`, time.Time{})},
			lists: answers{func(w http.ResponseWriter, r *http.Request) {
				now := time.Now()
				answerJSON(`{"sources":[{"identifier":"older","dataSource":{"name":"amazon_eks","type":"audit"},"status":"ACTIVE","createdTimeStamp":`+
					strconv.FormatInt(now.Add(-time.Hour).UnixMilli(), 10)+`}]}`, now)(w, r)
			}},
			want: []seenRequest{a, l, a},
			wantOut: &cwlogs.AssociateSourceToS3TableIntegrationOutput{Identifier: "second",
				ResultMetadata: cwlogs.ResponseMetadata{RequestID: "req-json", StatusCode: 200, Attempts: 2}},
		},
		{
			name:      "5xx twice, the second made it: found before the third attempt",
			associate: answers{answerError(500, "InternalServerException")}, lists: answers{none, listing},
			want:    []seenRequest{a, l, a, l},
			wantOut: found(2),
		},
		{
			name:      "5xx every attempt, nothing listed: the service's error",
			associate: answers{answerError(500, "InternalServerException")}, lists: answers{none},
			want:    []seenRequest{a, l, a, l, a, l},
			wantErr: cwlogs.ErrInternalFailure, notErr: cwlogs.ErrOutcomeUnknown,
		},
		{
			name:      "5xx, nothing listed, then refused: listed again, the refusal",
			associate: answers{answerError(500, "InternalServerException"), answerError(400, "ValidationException")}, lists: answers{none},
			want:    []seenRequest{a, l, a, l},
			wantErr: cwlogs.ErrValidation, notErr: cwlogs.ErrOutcomeUnknown,
		},
		{
			name:      "5xx, the listing fails: unknown, not sent again",
			associate: answers{answerError(500, "InternalServerException")}, lists: answers{answerError(400, "AccessDeniedException")},
			want:    []seenRequest{a, l},
			wantErr: cwlogs.ErrOutcomeUnknown, notErr: cwlogs.ErrAccessDenied,
		},
		{
			name:      "5xx, the context ends in the listing: unknown",
			associate: answers{answerError(500, "InternalServerException")}, lists: answers{listing}, cancelInList: true,
			want:    []seenRequest{a},
			wantErr: context.Canceled, notErr: cwlogs.ErrInternalFailure,
		},
		{
			name:      "refused at once: no listing",
			associate: answers{answerError(400, "AccessDeniedException")}, lists: answers{listing},
			want:    []seenRequest{a},
			wantErr: cwlogs.ErrAccessDenied, notErr: cwlogs.ErrOutcomeUnknown,
		},
		{
			name:      "throttled every attempt: no listing",
			associate: answers{answerError(400, "ThrottlingException")}, lists: answers{listing},
			want:    []seenRequest{a, a, a},
			wantErr: cwlogs.ErrThrottling, notErr: cwlogs.ErrOutcomeUnknown,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			h := byTarget(tt.associate, tt.lists)
			client := newTestClient(t, h, func(o *cwlogs.Options) {
				o.RetryPolicy = fastRetry
				if tt.cancelInList {
					o.HTTPClient = onRequest(o.HTTPClient, func(op string) {
						if op == list {
							cancel()
						}
					})
				}
			})
			out, err := client.AssociateSourceToS3TableIntegration(ctx, in)
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("error %v, want a success", err)
			case tt.wantErr != nil && (!errors.Is(err, tt.wantErr) || out != nil):
				t.Fatalf("output %+v, error %v; want no output and an error matching %v", out, err, tt.wantErr)
			case tt.notErr != nil && errors.Is(err, tt.notErr):
				t.Errorf("error %v matches %v, want it not to", err, tt.notErr)
			}
			if diff := cmp.Diff(tt.wantOut, out); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
			checkSeen(t, h, tt.want)
		})
	}
}
