package cwlogstest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// The operations of S3 Table integration sources, short.
const (
	associateOp    = cwlogstest.AssociateSourceToS3TableIntegration
	disassociateOp = cwlogstest.DisassociateSourceFromS3TableIntegration
	listSourcesOp  = cwlogstest.ListSourcesForS3TableIntegration
)

// tableArn is the kit's ready-made S3 Table integration.
const tableArn = cwlogstest.S3TableIntegrationArn

// uuidPattern matches a version 4 UUID in lowercase.
var uuidPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// sourcesPage is a ListSourcesForS3TableIntegration answer.
type sourcesPage struct {
	Sources   []cwlogs.S3TableIntegrationSource `json:"sources"`
	NextToken string                            `json:"nextToken"`
}

// mustJSONString returns v encoded with encoding/json.
func mustJSONString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// associate associates ds with the integration arn through a raw request,
// and returns the identifier of the source.
func associate(t *testing.T, srv *cwlogstest.Server, arn string, ds cwlogs.DataSource) string {
	t.Helper()
	got, body := call(t, srv, associateOp, mustJSONString(map[string]any{"integrationArn": arn, "dataSource": ds}))
	var out struct {
		Identifier string `json:"identifier"`
	}
	if err := json.Unmarshal(body, &out); got.Status != 200 || err != nil {
		t.Fatalf("associate %+v: %+v %s", ds, got, body)
	}
	return out.Identifier
}

// disassociate disassociates the source id through a raw request.
func disassociate(t *testing.T, srv *cwlogstest.Server, id string) answer {
	t.Helper()
	got, body := call(t, srv, disassociateOp, mustJSONString(map[string]string{"identifier": id}))
	if got.Status == 200 && string(body) != mustJSONString(map[string]string{"identifier": id}) {
		t.Errorf("disassociate %s: body %s, want the identifier", id, body)
	}
	return got
}

// listSources asks for a page of the sources of arn through a raw request,
// with maxResults when it is not zero and nextToken when it is not empty.
func listSources(t *testing.T, srv *cwlogstest.Server, arn string, maxResults int, token string) (answer, sourcesPage) {
	t.Helper()
	in := map[string]any{"integrationArn": arn}
	if maxResults != 0 {
		in["maxResults"] = maxResults
	}
	if token != "" {
		in["nextToken"] = token
	}
	got, body := call(t, srv, listSourcesOp, mustJSONString(in))
	var page sourcesPage
	if got.Status == 200 {
		if err := json.Unmarshal(body, &page); err != nil || page.Sources == nil {
			t.Fatalf("list: %s (%v), want a list of sources", body, err)
		}
	}
	return got, page
}

// statusesOf returns the status of each source, with its reason after a
// colon when it has one.
func statusesOf(sources []cwlogs.S3TableIntegrationSource) []string {
	var out []string
	for _, s := range sources {
		st := string(s.Status)
		if s.StatusReason != "" {
			st += ": " + s.StatusReason
		}
		out = append(out, st)
	}
	return out
}

// TestS3TableSourceLifecycle associates a source, lists it as its
// lifecycle goes, disassociates it and lists it until it is gone.
func TestS3TableSourceLifecycle(t *testing.T) {
	const (
		pending  = "UNHEALTHY: The data source is being associated."
		deleting = "DATA_SOURCE_DELETE_IN_PROGRESS"
	)
	ds := cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}
	tests := []struct {
		name string
		set  *cwlogstest.SourceLifecycle
		// before and after are the statuses listed before and after the
		// disassociation, one a List ("" for gone); each List advances
		// the clock by step.
		before, after []string
		step          time.Duration
	}{
		{name: "default: ACTIVE at once, gone after one List", before: []string{"ACTIVE", "ACTIVE"}, after: []string{deleting, ""}},
		{name: "zero lifecycle set", set: &cwlogstest.SourceLifecycle{}, before: []string{"ACTIVE"}, after: []string{deleting, ""}},
		{name: "two polls pending", set: &cwlogstest.SourceLifecycle{Polls: 2},
			before: []string{pending, pending, "ACTIVE"}, after: []string{deleting, ""}},
		{name: "FAILED with a reason", set: &cwlogstest.SourceLifecycle{Polls: 1, Status: "FAILED", Reason: "Access denied to the table bucket."},
			before: []string{pending, "FAILED: Access denied to the table bucket."}, after: []string{deleting, ""}},
		{name: "UNHEALTHY with a reason", set: &cwlogstest.SourceLifecycle{Status: "UNHEALTHY", Reason: "Throttled."},
			before: []string{"UNHEALTHY: Throttled.", "UNHEALTHY: Throttled."}, after: []string{deleting, ""}},
		{name: "another pending status", set: &cwlogstest.SourceLifecycle{Polls: 1, Pending: "CREATING"},
			before: []string{"CREATING: The data source is being associated.", "ACTIVE"}, after: []string{deleting, ""}},
		{name: "three delete polls", set: &cwlogstest.SourceLifecycle{DeletePolls: 3},
			before: []string{"ACTIVE"}, after: []string{deleting, deleting, deleting, ""}},
		{name: "by time", set: &cwlogstest.SourceLifecycle{Duration: 25 * time.Second, DeleteDuration: 35 * time.Second}, step: 10 * time.Second,
			before: []string{pending, pending, pending, "ACTIVE"}, after: []string{deleting, deleting, deleting, deleting, ""}},
		{name: "polls and time", set: &cwlogstest.SourceLifecycle{Polls: 3, Duration: 15 * time.Second}, step: 10 * time.Second,
			before: []string{pending, pending, pending, "ACTIVE"}, after: []string{deleting, ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			var mu sync.Mutex
			now := serverNow
			srv.SetClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
			if tt.set != nil {
				if err := srv.SetSourceLifecycle(ds, *tt.set); err != nil {
					t.Fatal(err)
				}
			}
			id := associate(t, srv, tableArn, ds)
			if !uuidPattern.MatchString(id) {
				t.Errorf("identifier %q is not a UUID", id)
			}
			list := func(want []string) {
				t.Helper()
				var got []string
				for range want {
					a, page := listSources(t, srv, tableArn, 0, "")
					if a.Status != 200 || page.NextToken != "" {
						t.Fatalf("list: %+v, next token %q", a, page.NextToken)
					}
					st := ""
					if len(page.Sources) == 1 {
						st = statusesOf(page.Sources)[0]
						want := cwlogs.S3TableIntegrationSource{Identifier: id, DataSource: ds, CreatedTimeStamp: serverNow.UnixMilli()}
						if diff := cmp.Diff(want, page.Sources[0], cmpopts.IgnoreFields(want, "Status", "StatusReason")); diff != "" {
							t.Errorf("source mismatch (-want +got):\n%s", diff)
						}
					}
					got = append(got, st)
					mu.Lock()
					now = now.Add(tt.step)
					mu.Unlock()
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("statuses listed mismatch (-want +got):\n%s", diff)
				}
			}
			list(tt.before)
			if got := disassociate(t, srv, id); got.Status != 200 {
				t.Fatalf("disassociate: %+v", got)
			}
			list(tt.after)
		})
	}
}

// TestS3TableSourceAssociate checks what an association makes: a source
// per call, a type left out when not sent, the time stamp of the server's
// clock in milliseconds, and identifiers that differ.
func TestS3TableSourceAssociate(t *testing.T) {
	srv := newServer(t)
	at := serverNow.Add(1234 * time.Millisecond)
	srv.SetClock(func() time.Time { return at })
	eks := cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}
	ids := []string{
		associate(t, srv, tableArn, eks),
		associate(t, srv, tableArn, eks), // a second association of the same data source
		associate(t, srv, tableArn, cwlogs.DataSource{Name: "*"}),
	}
	if ids[0] == ids[1] || ids[1] == ids[2] || ids[0] == ids[2] {
		t.Errorf("identifiers %q are not distinct", ids)
	}
	_, body := call(t, srv, listSourcesOp, `{"integrationArn":"`+tableArn+`"}`)
	ms := at.UnixMilli()
	want := fmt.Sprintf(`{"sources":[`+
		`{"identifier":%q,"dataSource":{"name":"amazon_eks","type":"audit"},"status":"ACTIVE","createdTimeStamp":%d},`+
		`{"identifier":%q,"dataSource":{"name":"amazon_eks","type":"audit"},"status":"ACTIVE","createdTimeStamp":%d},`+
		`{"identifier":%q,"dataSource":{"name":"*"},"status":"ACTIVE","createdTimeStamp":%d}]}`, ids[0], ms, ids[1], ms, ids[2], ms)
	if diff := cmp.Diff(want, string(body)); diff != "" {
		t.Errorf("list body mismatch (-want +got):\n%s", diff)
	}
	if ms%1000 != 234 {
		t.Fatalf("the test's clock has no milliseconds: %d", ms)
	}
}

// TestS3TableSourcesPaging pages through 25 sources with opaque tokens:
// every source once, in order, whatever page size.
func TestS3TableSourcesPaging(t *testing.T) {
	srv := newServer(t)
	var all []string
	for i := range 25 {
		all = append(all, associate(t, srv, tableArn, cwlogs.DataSource{Name: fmt.Sprintf("s%02d", i)}))
	}
	for _, tt := range []struct {
		maxResults int
		sizes      []int
	}{
		{0, []int{cwlogstest.DefaultMaxResults, cwlogstest.DefaultMaxResults, 25 - 2*cwlogstest.DefaultMaxResults}},
		{1, slices25(1)},
		{7, []int{7, 7, 7, 4}},
		{25, []int{25}},
		{24, []int{24, 1}},
		{100, []int{25}},
	} {
		t.Run(fmt.Sprint("maxResults ", tt.maxResults), func(t *testing.T) {
			var got []string
			var sizes []int
			tokens := map[string]bool{}
			token := ""
			for page := 0; ; page++ {
				if page > 30 {
					t.Fatal("paging does not end")
				}
				a, p := listSources(t, srv, tableArn, tt.maxResults, token)
				if a.Status != 200 {
					t.Fatalf("page %d: %+v", page, a)
				}
				sizes = append(sizes, len(p.Sources))
				for _, s := range p.Sources {
					got = append(got, s.Identifier)
				}
				if p.NextToken == "" {
					break
				}
				if tokens[p.NextToken] || strings.Contains(p.NextToken, all[len(got)-1]) {
					t.Errorf("page %d: token %q repeated or not opaque", page, p.NextToken)
				}
				tokens[p.NextToken] = true
				token = p.NextToken
			}
			if diff := cmp.Diff(all, got); diff != "" {
				t.Errorf("sources mismatch (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.sizes, sizes); diff != "" {
				t.Errorf("page sizes mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// slices25 returns 25 pages of n.
func slices25(n int) []int {
	out := make([]int, 25/n)
	for i := range out {
		out[i] = n
	}
	return out
}

// TestS3TableSourcesPagingWhileChanging pages while sources come and go:
// a token goes on after the last source it followed, so that no source
// listed before is listed again, none that stays is skipped, and a new one
// comes last.
func TestS3TableSourcesPagingWhileChanging(t *testing.T) {
	srv := newServer(t)
	var ids []string
	for i := range 4 {
		ids = append(ids, associate(t, srv, tableArn, cwlogs.DataSource{Name: fmt.Sprintf("s%d", i)}))
	}
	_, p1 := listSources(t, srv, tableArn, 2, "")
	disassociate(t, srv, ids[1]) // listed: DATA_SOURCE_DELETE_IN_PROGRESS on the next List that lists it
	disassociate(t, srv, ids[2]) // not listed yet
	late := associate(t, srv, tableArn, cwlogs.DataSource{Name: "late"})
	_, p2 := listSources(t, srv, tableArn, 2, p1.NextToken)
	_, p3 := listSources(t, srv, tableArn, 2, p2.NextToken)
	type seen struct{ ID, Status string }
	var got []seen
	for _, p := range []sourcesPage{p1, p2, p3} {
		for _, s := range p.Sources {
			got = append(got, seen{s.Identifier, string(s.Status)})
		}
	}
	want := []seen{{ids[0], "ACTIVE"}, {ids[1], "ACTIVE"}, {ids[2], "DATA_SOURCE_DELETE_IN_PROGRESS"}, {ids[3], "ACTIVE"}, {late, "ACTIVE"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("sources mismatch (-want +got):\n%s", diff)
	}
	if p3.NextToken != "" {
		t.Errorf("last page has a token %q", p3.NextToken)
	}
	// From the start again: s1, disassociated after p1 listed it, is listed
	// DATA_SOURCE_DELETE_IN_PROGRESS once; s2 has had its List in that
	// status and is gone.
	_, again := listSources(t, srv, tableArn, 0, "")
	var gotAgain []seen
	for _, s := range again.Sources {
		gotAgain = append(gotAgain, seen{s.Identifier, string(s.Status)})
	}
	wantAgain := []seen{{ids[0], "ACTIVE"}, {ids[1], "DATA_SOURCE_DELETE_IN_PROGRESS"}, {ids[3], "ACTIVE"}, {late, "ACTIVE"}}
	if diff := cmp.Diff(wantAgain, gotAgain); diff != "" {
		t.Errorf("sources listed again mismatch (-want +got):\n%s", diff)
	}
}

// TestS3TableSourcesTokens sends tokens the kit did not give, or gave for
// another integration, or long ago: each is a ValidationException, and
// changes nothing; a token may be sent again, as a retried page does.
func TestS3TableSourcesTokens(t *testing.T) {
	const other = "arn:aws:observabilityadmin:us-west-2:123456789012:s3tableintegration/other"
	srv := newServer(t)
	var mu sync.Mutex
	now := serverNow
	srv.SetClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now })
	if err := srv.AddS3TableIntegration(other); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		associate(t, srv, tableArn, cwlogs.DataSource{Name: fmt.Sprint("t", i)})
		associate(t, srv, other, cwlogs.DataSource{Name: fmt.Sprint("o", i)})
	}
	_, first := listSources(t, srv, tableArn, 1, "")
	_, otherFirst := listSources(t, srv, other, 1, "")
	invalid := answer{400, "ValidationException", "Invalid nextToken"}
	for _, tt := range []struct {
		name, arn, token string
		want             answer
	}{
		{"forged", tableArn, "forged-token", invalid},
		{"a token changed by one character", tableArn, first.NextToken[:len(first.NextToken)-1] + "x", invalid},
		{"another integration's", tableArn, otherFirst.NextToken, invalid},
		{"for another integration", other, first.NextToken, invalid},
		{"the kit's own", tableArn, first.NextToken, answer{Status: 200}},
		{"the same again", tableArn, first.NextToken, answer{Status: 200}},
	} {
		got, page := listSources(t, srv, tt.arn, 1, tt.token)
		if diff := cmp.Diff(tt.want, got); diff != "" {
			t.Errorf("%s: answer mismatch (-want +got):\n%s", tt.name, diff)
		}
		if got.Status == 200 && (len(page.Sources) != 1 || page.Sources[0].DataSource.Name != "t1") {
			t.Errorf("%s: page %+v, want the second source", tt.name, page)
		}
	}
	// Stale: a token expires 24 hours after it was given. The requests are
	// signed at the server's time.
	late := func(d time.Duration) answer {
		t.Helper()
		mu.Lock()
		now = serverNow.Add(d)
		mu.Unlock()
		resp, body := do(t, srv, handRequest{target: listSourcesOp, skew: d,
			body: mustJSONString(map[string]any{"integrationArn": tableArn, "maxResults": 1, "nextToken": first.NextToken})})
		a := answer{Status: resp.StatusCode}
		if a.Status != 200 {
			var b struct{ Message string }
			_ = json.Unmarshal(body, &b)
			a.Code, a.Message = errorCode(resp.Header, body), b.Message
		}
		return a
	}
	if got := late(24*time.Hour - time.Second); got.Status != 200 {
		t.Errorf("token of 23:59:59: %+v, want a page", got)
	}
	want := answer{400, "ValidationException", "The nextToken has expired"}
	if got := late(24 * time.Hour); got != want {
		t.Errorf("token of 24 hours: %+v, want %+v", got, want)
	}
}

// TestS3TableValidation sends requests the service refuses: each answer is
// the service's error, the request is recorded with its members, and no
// source is made.
func TestS3TableValidation(t *testing.T) {
	const (
		validation = "ValidationException"
		notFound   = "Integration not found"
		badArn     = "Invalid integration ARN"
		unknownArn = "arn:aws:observabilityadmin:us-east-1:123456789012:s3tableintegration/nothing"
	)
	one := func(v string) string { return "1 validation error detected: " + v }
	assoc := func(arn any, ds any) string {
		m := map[string]any{}
		if arn != nil {
			m["integrationArn"] = arn
		}
		if ds != nil {
			m["dataSource"] = ds
		}
		return mustJSONString(m)
	}
	tests := []struct {
		name     string
		op       Operation
		body     string
		want     answer
		rejected string // the code Requests records, for a request refused by the model's rules
	}{
		{"associate: valid", associateOp, assoc(tableArn, map[string]string{"name": "amazon_eks", "type": "audit"}), answer{Status: 200}, ""},
		{"associate: no type", associateOp, assoc(tableArn, map[string]string{"name": "amazon_eks"}), answer{Status: 200}, ""},
		{"associate: no integrationArn", associateOp, assoc(nil, map[string]string{"name": "n"}),
			answer{400, validation, one("Value null at 'integrationArn' failed to satisfy constraint: Member must not be null")}, validation},
		{"associate: no dataSource", associateOp, assoc(tableArn, nil),
			answer{400, validation, one("Value null at 'dataSource' failed to satisfy constraint: Member must not be null")}, validation},
		{"associate: no name", associateOp, assoc(tableArn, map[string]string{"type": "t"}),
			answer{400, validation, one("Value null at 'dataSource.name' failed to satisfy constraint: Member must not be null")}, validation},
		{"associate: name null", associateOp, assoc(tableArn, map[string]any{"name": nil}),
			answer{400, validation, one("Value null at 'dataSource.name' failed to satisfy constraint: Member must not be null")}, validation},
		{"associate: dataSource not an object", associateOp, assoc(tableArn, "amazon_eks"), answer{Status: 400, Code: "SerializationException"}, "SerializationException"},
		{"associate: ARN not an ARN", associateOp, assoc("s3tableintegration/x", map[string]string{"name": "n"}), answer{400, validation, badArn}, ""},
		{"associate: empty ARN", associateOp, assoc("", map[string]string{"name": "n"}), answer{400, validation, badArn}, ""},
		{"associate: unknown integration", associateOp, assoc(unknownArn, map[string]string{"name": "n"}), answer{400, validation, notFound}, ""},

		{"disassociate: no identifier", disassociateOp, `{}`,
			answer{400, validation, one("Value null at 'identifier' failed to satisfy constraint: Member must not be null")}, validation},
		{"disassociate: empty identifier", disassociateOp, `{"identifier":""}`,
			answer{400, validation, one("Value '' at 'identifier' failed to satisfy constraint: Member must have length greater than or equal to 1")}, validation},
		{"disassociate: 2049 characters", disassociateOp, `{"identifier":"` + strings.Repeat("i", 2049) + `"}`,
			answer{400, validation, one("Value '" + strings.Repeat("i", 2049) + "' at 'identifier' failed to satisfy constraint: Member must have length less than or equal to 2048")}, validation},
		{"disassociate: 2048 characters, unknown", disassociateOp, `{"identifier":"` + strings.Repeat("i", 2048) + `"}`,
			answer{400, "ResourceNotFoundException", "Source " + strings.Repeat("i", 2048) + " not found."}, ""},

		{"list: valid", listSourcesOp, `{"integrationArn":"` + tableArn + `","maxResults":1}`, answer{Status: 200}, ""},
		{"list: maxResults 100", listSourcesOp, `{"integrationArn":"` + tableArn + `","maxResults":100}`, answer{Status: 200}, ""},
		{"list: no integrationArn", listSourcesOp, `{"maxResults":5}`,
			answer{400, validation, one("Value null at 'integrationArn' failed to satisfy constraint: Member must not be null")}, validation},
		{"list: maxResults 0", listSourcesOp, `{"integrationArn":"` + tableArn + `","maxResults":0}`,
			answer{400, validation, one("Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")}, validation},
		{"list: maxResults 101", listSourcesOp, `{"integrationArn":"` + tableArn + `","maxResults":101}`,
			answer{400, validation, one("Value '101' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100")}, validation},
		{"list: maxResults a string", listSourcesOp, `{"integrationArn":"` + tableArn + `","maxResults":"5"}`, answer{Status: 400, Code: "SerializationException"}, "SerializationException"},
		{"list: empty nextToken", listSourcesOp, `{"integrationArn":"` + tableArn + `","nextToken":""}`,
			answer{400, validation, one("Value '' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 1")}, validation},
		{"list: unknown integration", listSourcesOp, `{"integrationArn":"` + unknownArn + `"}`, answer{400, validation, notFound}, ""},
		{"list: ARN not an ARN", listSourcesOp, `{"integrationArn":"arn:aws"}`, answer{400, validation, badArn}, ""},
		{"list: two errors", listSourcesOp, `{"maxResults":0,"nextToken":""}`, answer{400, validation, "3 validation errors detected: " +
			"Value null at 'integrationArn' failed to satisfy constraint: Member must not be null; " +
			"Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
			"Value '' at 'nextToken' failed to satisfy constraint: Member must have length greater than or equal to 1"}, validation},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			got, _ := call(t, srv, tt.op, tt.body)
			if tt.want.Message == "" {
				got.Message = ""
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("answer mismatch (-want +got):\n%s", diff)
			}
			reqs := srv.Requests()
			if len(reqs) != 1 || reqs[0].Operation != tt.op || reqs[0].Rejected != tt.rejected {
				t.Errorf("Requests() = %+v, want one %s request rejected with %q", reqs, tt.op, tt.rejected)
			}
			if n := len(srv.S3TableSources(tableArn)); tt.want.Status != 200 && n != 0 {
				t.Errorf("a refused request made %d sources", n)
			}
		})
	}
}

// TestS3TableDisassociateNotFound disassociates sources the kit does not
// have: one never associated, one being disassociated, one gone.
func TestS3TableDisassociateNotFound(t *testing.T) {
	srv := newServer(t)
	id := associate(t, srv, tableArn, cwlogs.DataSource{Name: "n"})
	notFound := func(id string) answer {
		return answer{400, "ResourceNotFoundException", "Source " + id + " not found."}
	}
	steps := []struct {
		name string
		id   string
		list bool // list the sources first
		want answer
	}{
		{"never associated", "3f2b8c1e-0000-4000-8000-000000000000", false, notFound("3f2b8c1e-0000-4000-8000-000000000000")},
		{"associated", id, false, answer{Status: 200}},
		{"being disassociated", id, false, notFound(id)},
		{"still listed, being disassociated", id, true, notFound(id)},
		{"gone", id, true, notFound(id)},
	}
	for _, st := range steps {
		if st.list {
			listSources(t, srv, tableArn, 0, "")
		}
		if diff := cmp.Diff(st.want, disassociate(t, srv, st.id)); diff != "" {
			t.Errorf("%s: answer mismatch (-want +got):\n%s", st.name, diff)
		}
	}
}

// TestS3TableRequestRecords checks what Requests records of the three
// operations.
func TestS3TableRequestRecords(t *testing.T) {
	srv := newServer(t)
	ds := cwlogs.DataSource{Name: "amazon_cloudfront", Type: "access"}
	id := associate(t, srv, tableArn, ds)
	associate(t, srv, tableArn, ds)
	_, page := listSources(t, srv, tableArn, 1, "")
	listSources(t, srv, tableArn, 1, page.NextToken)
	disassociate(t, srv, id)
	type record struct {
		Operation      Operation
		IntegrationArn string
		Identifier     string
		DataSource     cwlogs.DataSource
		MaxResults     int64
		NextToken      string
	}
	want := []record{
		{Operation: associateOp, IntegrationArn: tableArn, DataSource: ds},
		{Operation: associateOp, IntegrationArn: tableArn, DataSource: ds},
		{Operation: listSourcesOp, IntegrationArn: tableArn, MaxResults: 1},
		{Operation: listSourcesOp, IntegrationArn: tableArn, MaxResults: 1, NextToken: page.NextToken},
		{Operation: disassociateOp, Identifier: id},
	}
	var got []record
	for _, r := range srv.Requests() {
		got = append(got, record{r.Operation, r.IntegrationArn, r.Identifier, r.DataSource, r.MaxResults, r.NextToken})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("records mismatch (-want +got):\n%s", diff)
	}
}

// TestS3TableFaults sets the faults of the other operations on the three:
// an error answered unprocessed, a connection broken after the request
// took effect, a recorded response, latency and hangs by ARN and
// identifier.
func TestS3TableFaults(t *testing.T) {
	ds := cwlogs.DataSource{Name: "n"}
	body := mustJSONString(map[string]any{"integrationArn": tableArn, "dataSource": ds})
	t.Run("FailNext", func(t *testing.T) {
		srv := newServer(t)
		srv.FailNext(associateOp, 1, 500, "InternalServerException", "oops")
		if got, _ := call(t, srv, associateOp, body); got != (answer{500, "InternalServerException", "oops"}) {
			t.Errorf("associate: %+v, want the fault", got)
		}
		if n := len(srv.S3TableSources(tableArn)); n != 0 {
			t.Errorf("the failed associate made %d sources", n)
		}
		if got, _ := call(t, srv, associateOp, body); got.Status != 200 {
			t.Errorf("associate after: %+v", got)
		}
	})
	t.Run("BreakNext", func(t *testing.T) {
		srv := newServer(t)
		srv.BreakNext(associateOp, 1)
		req := handRequest{target: associateOp, body: body}.build(t, srv.URL)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			t.Fatalf("associate on a broken connection: status %d, want a connection error", resp.StatusCode)
		}
		if n := len(srv.S3TableSources(tableArn)); n != 1 {
			t.Errorf("the broken associate made %d sources, want 1", n)
		}
	})
	t.Run("EnqueueRecorded", func(t *testing.T) {
		srv := newServer(t)
		for _, op := range []Operation{associateOp, disassociateOp, listSourcesOp} {
			if err := srv.EnqueueRecorded(op, cwlogstest.Throttling); err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []struct {
			op   Operation
			body string
		}{{associateOp, body}, {disassociateOp, `{"identifier":"x"}`}, {listSourcesOp, `{"integrationArn":"` + tableArn + `"}`}} {
			if got, _ := call(t, srv, c.op, c.body); got.Code != "ThrottlingException" {
				t.Errorf("%s: %+v, want the recorded ThrottlingException", c.op, got)
			}
		}
	})
	t.Run("latency and hang by ARN and identifier", func(t *testing.T) {
		srv := newServer(t)
		id := associate(t, srv, tableArn, ds)
		srv.Hang(tableArn)
		srv.Hang(id)
		for _, c := range []struct {
			op   Operation
			body string
		}{{listSourcesOp, `{"integrationArn":"` + tableArn + `"}`}, {disassociateOp, `{"identifier":"` + id + `"}`}} {
			req := handRequest{target: c.op, body: c.body}.build(t, srv.URL)
			ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
			resp, err := http.DefaultClient.Do(req.WithContext(ctx))
			cancel()
			if err == nil {
				resp.Body.Close()
				t.Errorf("%s of a hung target: status %d, want no answer", c.op, resp.StatusCode)
			}
		}
		// Held, not processed.
		if got := srv.S3TableSources(tableArn); len(got) != 1 || got[0].Status != cwlogs.S3TableIntegrationSourceStatusActive {
			t.Errorf("after a hung disassociate: %+v, want the source ACTIVE", got)
		}
		srv.SetLatency(tableArn, 0)
		if got, _ := listSources(t, srv, tableArn, 0, ""); got.Status != 200 {
			t.Errorf("list after SetLatency(arn, 0): %+v", got)
		}
	})
}

// TestS3TableConcurrent associates, lists and disassociates from many
// goroutines while the test's setters run: every source is made once and
// goes, and the race detector sees no race.
func TestS3TableConcurrent(t *testing.T) {
	srv := newServer(t)
	const n = 16
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ds := cwlogs.DataSource{Name: fmt.Sprint("c", i)}
			_ = srv.SetSourceLifecycle(ds, cwlogstest.SourceLifecycle{Polls: 1})
			id := associate(t, srv, tableArn, ds)
			listSources(t, srv, tableArn, 3, "")
			_ = srv.S3TableSources(tableArn)
			if got := disassociate(t, srv, id); got.Status != 200 {
				t.Errorf("disassociate %s: %+v", id, got)
			}
		}()
	}
	wg.Wait()
	// Every source is being disassociated: two lists see them go.
	for range 2 {
		listSources(t, srv, tableArn, 100, "")
	}
	if got := srv.S3TableSources(tableArn); len(got) != 0 {
		t.Errorf("after every disassociation: %d sources left", len(got))
	}
}
