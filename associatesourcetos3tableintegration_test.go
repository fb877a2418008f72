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
		{dir + "internal-server", "InternalServerException", cwlogs.ErrInternalFailure},
		{dir + "resource-not-found", "ResourceNotFoundException", cwlogs.ErrResourceNotFound},
		{dir + "throttling", "ThrottlingException", cwlogs.ErrThrottling},
		{dir + "validation", "ValidationException", cwlogs.ErrValidation},
	})
	testCancelledContext(t, call, associateSuccess)
	testBadResponse(t, "AssociateSourceToS3TableIntegration", call, `{"identifier":7}`, "identifier: want a string, found a number")
	testBadResponse(t, "AssociateSourceToS3TableIntegration", call, ``, "unexpected end of JSON input")
	testBadResponse(t, "AssociateSourceToS3TableIntegration", call, `{"identifier":"x"} {}`, "invalid character '{' after top-level value at byte 19")
}

// TestAssociateSourceToS3TableIntegrationConfirm checks when a failed
// association is looked for in the integration's sources: only after an
// attempt that may have reached the service, and what the listing then
// decides.
func TestAssociateSourceToS3TableIntegrationConfirm(t *testing.T) {
	t.Parallel()
	const assoc, list = "AssociateSourceToS3TableIntegration", "ListSourcesForS3TableIntegration"
	in := validAssociate(nil)
	assocBody := map[string]any{"integrationArn": s3IntegrationARN, "dataSource": map[string]any{"name": "amazon_eks", "type": "audit"}}
	listBody := map[string]any{"integrationArn": s3IntegrationARN, "maxResults": 100.0}
	// listing answers the check with the source made now and one of
	// another type.
	listing := func(w http.ResponseWriter, r *http.Request) {
		now := time.Now()
		answerJSON(`{"sources":[`+
			`{"identifier":"other","dataSource":{"name":"amazon_eks","type":"control"},"status":"ACTIVE","createdTimeStamp":`+strconv.FormatInt(now.UnixMilli(), 10)+`},`+
			`{"identifier":"made","dataSource":{"name":"amazon_eks","type":"audit"},"status":"ACTIVE","createdTimeStamp":`+strconv.FormatInt(now.UnixMilli(), 10)+`}]}`,
			now)(w, r)
	}
	byTarget := func(associate []func(http.ResponseWriter, *http.Request), listAnswer func(http.ResponseWriter, *http.Request)) *jsonHandler {
		n := 0
		h := &jsonHandler{}
		h.answers = []func(http.ResponseWriter, *http.Request){func(w http.ResponseWriter, r *http.Request) {
			if strings.HasSuffix(r.Header.Get("X-Amz-Target"), list) {
				listAnswer(w, r)
				return
			}
			a := associate[min(n, len(associate)-1)]
			n++
			a(w, r)
		}}
		return h
	}
	tests := []struct {
		name      string
		associate []func(http.ResponseWriter, *http.Request)
		list      func(http.ResponseWriter, *http.Request)
		want      []seenRequest
		wantOut   *cwlogs.AssociateSourceToS3TableIntegrationOutput
		wantErr   error // matched with errors.Is
	}{
		{
			"5xx every attempt, found in the listing",
			[]func(http.ResponseWriter, *http.Request){answerError(500, "InternalServerException")}, listing,
			[]seenRequest{signedJSON(assoc, assocBody), signedJSON(assoc, assocBody), signedJSON(assoc, assocBody), signedJSON(list, listBody)},
			&cwlogs.AssociateSourceToS3TableIntegrationOutput{Identifier: "made",
				ResultMetadata: cwlogs.ResponseMetadata{RequestID: "req-json", StatusCode: 200, Attempts: 3, Confirmed: true}},
			nil,
		},
		{
			"5xx then refused, nothing in the listing",
			[]func(http.ResponseWriter, *http.Request){answerError(500, "InternalServerException"), answerError(400, "ValidationException")},
			answerJSON(`{"sources":[]}`, time.Now()),
			[]seenRequest{signedJSON(assoc, assocBody), signedJSON(assoc, assocBody), signedJSON(list, listBody)},
			nil, cwlogs.ErrValidation,
		},
		{
			"refused at once: no listing",
			[]func(http.ResponseWriter, *http.Request){answerError(400, "AccessDeniedException")}, listing,
			[]seenRequest{signedJSON(assoc, assocBody)},
			nil, cwlogs.ErrAccessDenied,
		},
		{
			"throttled every attempt: no listing",
			[]func(http.ResponseWriter, *http.Request){answerError(400, "ThrottlingException")}, listing,
			[]seenRequest{signedJSON(assoc, assocBody), signedJSON(assoc, assocBody), signedJSON(assoc, assocBody)},
			nil, cwlogs.ErrThrottling,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := byTarget(tt.associate, tt.list)
			client := newTestClient(t, h, func(o *cwlogs.Options) { o.RetryPolicy = fastRetry })
			out, err := client.AssociateSourceToS3TableIntegration(context.Background(), in)
			switch {
			case tt.wantErr == nil && err != nil:
				t.Fatalf("error %v, want a confirmed success", err)
			case tt.wantErr != nil && (!errors.Is(err, tt.wantErr) || out != nil):
				t.Fatalf("output %+v, error %v; want no output and an error matching %v", out, err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.wantOut, out); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
			checkSeen(t, h, tt.want)
		})
	}
}
