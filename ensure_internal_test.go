package cwlogs

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// ensureAPI is an IntegrationsAPI whose GetIntegration is scriptedAPI's,
// on its fake clock, and whose creates and deletes succeed and are
// counted.
type ensureAPI struct {
	*scriptedAPI
	puts, deletes int
}

func (a *ensureAPI) PutIntegration(_ context.Context, in *PutIntegrationInput, _ ...func(*Options)) (*PutIntegrationOutput, error) {
	a.puts++
	return &PutIntegrationOutput{IntegrationName: in.IntegrationName, IntegrationStatus: IntegrationStatusProvisioning}, nil
}

func (a *ensureAPI) DeleteIntegration(_ context.Context, _ *DeleteIntegrationInput, _ ...func(*Options)) (*DeleteIntegrationOutput, error) {
	a.deletes++
	return &DeleteIntegrationOutput{}, nil
}

func (a *ensureAPI) ListIntegrations(context.Context, *ListIntegrationsInput, ...func(*Options)) (*ListIntegrationsOutput, error) {
	return nil, errors.New("unexpected ListIntegrations")
}

// TestEnsureIntegrationMaxWait checks that MaxWait bounds the wait of
// EnsureIntegration and of TeardownIntegration, below and above the
// default, and that zero is 30 minutes. On a fake clock, with a poll a
// minute and an integration that never gets there, the wait polls at
// minutes 0, 1, … up to one minute before its bound, then times out.
func TestEnsureIntegrationMaxWait(t *testing.T) {
	t.Parallel()
	const delay = time.Minute
	in := &PutIntegrationInput{IntegrationName: "x", IntegrationType: IntegrationTypeOpenSearch,
		ResourceConfig: &OpenSearchResourceConfig{DataSourceRoleArn: "arn:aws:iam::123456789012:role/r",
			DashboardViewerPrincipals: []string{"arn:aws:iam::123456789012:role/v"}, RetentionDays: 30}}
	runs := []struct {
		name string
		// answers are the GetIntegration answers: the lookup's, then the
		// polls' (the last one again and again).
		answers []answer
		// run runs the function, and tells its result in a few words.
		run        func(ctx context.Context, api *ensureAPI, maxWait time.Duration, clock *fakeClock) (string, error)
		wantResult string
		want       string // the WaitError's Want
		// wantPuts and wantDeletes are the creates and deletes made.
		wantPuts, wantDeletes int
	}{
		{
			name:    "EnsureIntegration",
			answers: []answer{{err: errNotFound}, provisioning},
			run: func(ctx context.Context, api *ensureAPI, maxWait time.Duration, clock *fakeClock) (string, error) {
				res, err := EnsureIntegration(ctx, api, in, func(o *EnsureIntegrationOptions) {
					o.MaxWait = maxWait
					o.Waiter.MinDelay, o.Waiter.MaxDelay, o.Waiter.clock = delay, delay, clock
				})
				if res == nil || res.Integration == nil {
					return "no integration", err
				}
				return fmt.Sprintf("Created %v, %s", res.Created, res.Integration.IntegrationStatus), err
			},
			wantResult: "Created true, PROVISIONING",
			want:       "ACTIVE",
			wantPuts:   1,
		},
		{
			name:    "TeardownIntegration",
			answers: []answer{activeAnswer},
			run: func(ctx context.Context, api *ensureAPI, maxWait time.Duration, clock *fakeClock) (string, error) {
				res, err := TeardownIntegration(ctx, api, &DeleteIntegrationInput{IntegrationName: "x"}, func(o *TeardownIntegrationOptions) {
					o.MaxWait = maxWait
					o.Waiter.MinDelay, o.Waiter.MaxDelay, o.Waiter.clock = delay, delay, clock
				})
				if res == nil {
					return "no result", err
				}
				return fmt.Sprintf("Deleted %v", res.Deleted), err
			},
			wantResult:  "Deleted true",
			want:        "deleted",
			wantDeletes: 1,
		},
	}
	bounds := []struct {
		name      string
		maxWait   time.Duration
		wantPolls int // one a minute of the bound
	}{
		{"MaxWait below the default", 10 * time.Minute, 10},
		{"MaxWait above the default", 45 * time.Minute, 45},
		{"zero MaxWait: 30 minutes", 0, 30},
	}
	for _, r := range runs {
		for _, b := range bounds {
			t.Run(r.name+"/"+b.name, func(t *testing.T) {
				t.Parallel()
				clock := newFakeClock()
				start := clock.now()
				api := &ensureAPI{scriptedAPI: &scriptedAPI{clock: clock, answers: r.answers}}
				var result string
				err := waitWithin(t, func(ctx context.Context) (err error) {
					result, err = r.run(ctx, api, b.maxWait, clock)
					return err
				})
				if result != r.wantResult {
					t.Errorf("result: %s, want %s", result, r.wantResult)
				}

				var werr *WaitError
				if !errors.As(err, &werr) || !errors.Is(err, ErrWaitTimeout) {
					t.Fatalf("err = %v, want a *WaitError matching ErrWaitTimeout", err)
				}
				if werr.Want != r.want || !werr.Timeout || werr.Attempts != b.wantPolls {
					t.Errorf("Want %q, Timeout %v, Attempts %d; want %q, true, %d", werr.Want, werr.Timeout, werr.Attempts, r.want, b.wantPolls)
				}
				// The lookup, then the polls, a minute apart.
				wantAt := []time.Duration{0}
				for i := range b.wantPolls {
					wantAt = append(wantAt, time.Duration(i)*delay)
				}
				var at []time.Duration
				for _, c := range api.calls {
					at = append(at, c.Sub(start))
				}
				if diff := cmp.Diff(wantAt, at); diff != "" {
					t.Errorf("GetIntegration calls, from the start, mismatch (-want +got):\n%s", diff)
				}
				if api.puts != r.wantPuts || api.deletes != r.wantDeletes {
					t.Errorf("%d creates, %d deletes; want %d, %d", api.puts, api.deletes, r.wantPuts, r.wantDeletes)
				}
			})
		}
	}
}

// TestIntegrationDrift checks what EnsureIntegration reports as drift:
// the type, and the application ARN when the input sets one and the
// service reports one; never what cannot be read back.
func TestIntegrationDrift(t *testing.T) {
	t.Parallel()
	const (
		mine  = "arn:aws:opensearch:us-east-1:123456789012:application/mine"
		other = "arn:aws:opensearch:us-east-1:123456789012:application/other"
	)
	input := func(app string) *PutIntegrationInput {
		return &PutIntegrationInput{IntegrationName: "x", IntegrationType: IntegrationTypeOpenSearch,
			ResourceConfig: &OpenSearchResourceConfig{DataSourceRoleArn: "arn:aws:iam::123456789012:role/mine",
				DashboardViewerPrincipals: []string{"arn:aws:iam::123456789012:role/viewer"}, RetentionDays: 30,
				KmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/mine", ApplicationArn: app}}
	}
	found := func(typ IntegrationType, app string) *GetIntegrationOutput {
		return &GetIntegrationOutput{IntegrationName: "x", IntegrationType: typ, IntegrationStatus: IntegrationStatusActive,
			IntegrationDetails: &OpenSearchIntegrationDetails{Application: &OpenSearchApplication{ApplicationArn: app}}}
	}
	tests := []struct {
		name  string
		in    *PutIntegrationInput
		found *GetIntegrationOutput
		want  []IntegrationDrift
	}{
		// The output holds no role, principals, retention or KMS key:
		// whatever they were made with, they are not compared.
		{"the same type and application", input(mine), found(IntegrationTypeOpenSearch, mine), nil},
		{"another type", input(mine), found("OTHER", mine),
			[]IntegrationDrift{{Field: "IntegrationType", Wanted: "OPENSEARCH", Found: "OTHER"}}},
		{"another application", input(mine), found(IntegrationTypeOpenSearch, other),
			[]IntegrationDrift{{Field: "ResourceConfig.ApplicationArn", Wanted: mine, Found: other}}},
		{"both", input(mine), found("OTHER", other), []IntegrationDrift{
			{Field: "IntegrationType", Wanted: "OPENSEARCH", Found: "OTHER"},
			{Field: "ResourceConfig.ApplicationArn", Wanted: mine, Found: other}}},
		{"no application asked for", input(""), found(IntegrationTypeOpenSearch, other), nil},
		{"no application reported yet", input(mine), found(IntegrationTypeOpenSearch, ""), nil},
		{"no type reported", input(mine), found("", mine), nil},
		{"no details", input(mine), &GetIntegrationOutput{IntegrationName: "x", IntegrationType: IntegrationTypeOpenSearch}, nil},
		{"nothing found", input(mine), nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tt.want, integrationDrift(tt.in, tt.found)); diff != "" {
				t.Errorf("drift mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestEnsureIntegrationDoc checks that EnsureIntegration's doc comment
// tells what it cannot compare: drift is reported only in what can be
// read back.
func TestEnsureIntegrationDoc(t *testing.T) {
	t.Parallel()
	f, err := parser.ParseFile(token.NewFileSet(), "ensure.go", nil, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		t.Fatal(err)
	}
	var doc string
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Name.Name == "EnsureIntegration" {
			doc = strings.Join(strings.Fields(fn.Doc.Text()), " ")
		}
	}
	const want = "the role, the principals, the retention and the KMS key cannot be read back through this API"
	if !strings.Contains(doc, want) {
		t.Errorf("EnsureIntegration's doc does not say %q:\n%s", want, doc)
	}
}
