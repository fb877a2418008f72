package cwlogstest_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// The canary credentials of the recorder's tests, shaped as real ones,
// with the characters a session token has (/, + and =).
var canary = aws.Credentials{
	AccessKeyID:     "ASIACANARY0000000042",
	SecretAccessKey: "canary/Secret+Key=0123456789abcdefghijkl",
	SessionToken:    "IQoJb3JpZ2luX2VjCANARY//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token+part/" + strings.Repeat("Zm9v+YmFy/", 30) + "==",
}

// The account ids of the "real" account in the recorder's tests.
const (
	realAccount  = "111122223333"
	otherAccount = "444455556666"
)

// signRaw signs req, whose body is body, with creds for the kit's region.
func signRaw(t *testing.T, req *http.Request, body string, creds aws.Credentials) {
	t.Helper()
	sum := sha256.Sum256([]byte(body))
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "logs", cwlogstest.Region, time.Now()); err != nil {
		t.Fatal(err)
	}
}

// rawRequest builds a request of op with body for base.
func rawRequest(t *testing.T, base string, op Operation, body string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", jsonType)
	req.Header.Set("X-Amz-Target", "Logs_20140328."+string(op))
	return req
}

// jsonEscapedForm returns s with '/' written \/ and '+' written \u002b,
// as some JSON encoders write them.
func jsonEscapedForm(s string) string {
	return strings.NewReplacer("/", `\/`, "+", `\u002b`).Replace(s)
}

// forms returns the forms of s a file must not hold: as it is, escaped
// for a query, a path or JSON, and its first 8 bytes.
func forms(s string) []string {
	return []string{s, url.QueryEscape(s), url.PathEscape(s), jsonEscapedForm(s), s[:8]}
}

// TestRecorderScrubsEchoes records the answers of a service that echoes
// the credentials of each request, in its headers and bodies, raw and
// escaped, whole and cut, with account ids in ARNs and text: the files
// hold none of them, and the client gets the answers as they came. Without
// Credentials, the recorder scrubs what the requests carry.
func TestRecorderScrubsEchoes(t *testing.T) {
	for _, withCreds := range []bool{true, false} {
		t.Run(fmt.Sprint("Credentials set ", withCreds), func(t *testing.T) { testRecorderScrubsEchoes(t, withCreds) })
	}
}

func testRecorderScrubsEchoes(t *testing.T, withCreds bool) {
	var mu sync.Mutex
	var signatures []string
	service := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		_, sig, _ := strings.Cut(auth, "Signature=")
		mu.Lock()
		signatures = append(signatures, sig)
		mu.Unlock()
		token := r.Header.Get("X-Amz-Security-Token")
		echo := strings.Join([]string{
			auth, token, url.QueryEscape(token), url.PathEscape(token), jsonEscapedForm(token),
			"X-Amz-Security-Token=" + url.QueryEscape(token), canary.SecretAccessKey, url.QueryEscape(canary.SecretAccessKey),
			"arn:aws:iam::" + realAccount + ":role/Admin", "account " + otherAccount, "cut " + token[:40], "signed " + sig,
			// An ARN in a URL's query and in a JSON string, escaped.
			url.QueryEscape("arn:aws:iam::" + realAccount + ":role/Q"), `arn\u003aaws\u003aiam\u003a\u003a` + otherAccount + `\u003aroot`,
		}, " | ")
		h := w.Header()
		h.Set("Content-Type", jsonType)
		h.Set("X-Amzn-RequestId", "8b2f6d04-a7c3-4e19-b58e-d0c4a1f7e326")
		h.Set("X-Echo-Token", url.QueryEscape(token))
		h.Set("X-Echo-Authorization", auth)
		h.Set("Set-Cookie", "session="+token)
		switch r.Header.Get("X-Amz-Target") {
		case "Logs_20140328.GetIntegration":
			out := &cwlogs.GetIntegrationOutput{IntegrationName: "echo", IntegrationStatus: "FAILED",
				IntegrationDetails: &cwlogs.OpenSearchIntegrationDetails{DataSource: &cwlogs.OpenSearchDataSource{
					DataSourceName: "d", Status: cwlogs.OpenSearchResourceStatus{Status: "ERROR", StatusMessage: echo}}}}
			b, _ := out.MarshalJSON()
			_, _ = w.Write(b)
		case "Logs_20140328.PutIntegration":
			h.Set("X-Amzn-ErrorType", "AccessDeniedException")
			w.WriteHeader(http.StatusForbidden)
			b, _ := json.Marshal(map[string]string{"__type": "AccessDeniedException", "Message": "User: arn:aws:sts::" + realAccount + ":assumed-role/R/s is not authorized: " + echo})
			_, _ = w.Write(b)
		default:
			h.Set("Content-Encoding", "gzip")
			zw := gzip.NewWriter(w)
			b, _ := json.Marshal(map[string]any{"sources": []map[string]string{{"identifier": "i", "statusReason": echo}}})
			_, _ = zw.Write(b)
			_ = zw.Close()
		}
	}))
	defer service.Close()

	dir := t.TempDir()
	creds := aws.NewCredentialsCache(aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) { return canary, nil }))
	rec := &cwlogstest.Recorder{Dir: dir, Transport: service.Client().Transport}
	if withCreds {
		rec.Credentials = creds
	}
	endpoint := service.URL
	client, err := cwlogs.New(cwlogs.Options{
		Region:           cwlogstest.Region,
		Credentials:      creds,
		BaseEndpoint:     &endpoint,
		HTTPClient:       &http.Client{Transport: rec},
		RetryMaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "echo"})
	if err != nil {
		t.Fatal(err)
	}
	// The client gets the answer as it came.
	if msg := out.IntegrationDetails.(*cwlogs.OpenSearchIntegrationDetails).DataSource.Status.StatusMessage; !strings.Contains(msg, canary.SessionToken) {
		t.Errorf("the client got %q, without the token the service sent", msg)
	}
	if _, err := client.PutIntegration(ctx, putInput("x")); !errors.Is(err, cwlogs.ErrAccessDenied) {
		t.Fatalf("PutIntegration: %v, want AccessDeniedException", err)
	}
	body := `{"integrationArn":"arn:aws:observabilityadmin:us-east-1:` + realAccount + `:s3tableintegration/x"}`
	req := rawRequest(t, service.URL, listSourcesOp, body)
	req.Header.Set("Accept-Encoding", "gzip") // the transport leaves it compressed
	signRaw(t, req, body, canary)
	resp, err := (&http.Client{Transport: rec}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Content-Encoding") != "gzip" {
		t.Errorf("the caller got Content-Encoding %q, want the gzip sent", resp.Header.Get("Content-Encoding"))
	}

	wantFiles := []string{"echo.http", "PutIntegration/access-denied.http", "ListSourcesForS3TableIntegration/success.http"}
	if diff := cmp.Diff(wantFiles, rec.Files()); diff != "" {
		t.Fatalf("files mismatch (-want +got):\n%s", diff)
	}
	// The secret access key, which no request carries, is known to the
	// recorder only by its Credentials.
	secrets := []string{canary.AccessKeyID, canary.SessionToken}
	if withCreds {
		secrets = append(secrets, canary.SecretAccessKey)
	}
	mu.Lock()
	secrets = append(secrets, signatures...)
	mu.Unlock()
	if len(signatures) != 3 {
		t.Fatalf("the service saw %d signatures, want 3", len(signatures))
	}
	for _, file := range wantFiles {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			for _, f := range forms(s) {
				if bytes.Contains(data, []byte(f)) {
					t.Errorf("%s holds %.12q…, a form of a credential", file, f)
				}
			}
		}
		for _, bad := range []string{realAccount, otherAccount, "Set-Cookie", "Content-Encoding"} {
			if bytes.Contains(data, []byte(bad)) {
				t.Errorf("%s holds %q", file, bad)
			}
		}
		for _, good := range []string{"[redacted]", "arn:aws:iam::123456789012:role/Admin", "account 100000000001", "X-Amzn-Requestid: 8b2f6d04-a7c3-4e19-b58e-d0c4a1f7e326"} {
			if !bytes.Contains(data, []byte(good)) {
				t.Errorf("%s does not hold %q:\n%s", file, good, data)
			}
		}
		if _, err := cwlogstest.ParseResponse(data); err != nil {
			t.Errorf("%s does not parse: %v", file, err)
		}
	}
}

// TestRecorderReplays records the answers of the kit, as the service of an
// account whose ARNs hold its own account ids, and serves the files with a
// second kit: the client decodes each to what it decoded from the first,
// the account ids replaced.
func TestRecorderReplays(t *testing.T) {
	ctx := context.Background()
	real := cwlogstest.NewServer()
	defer real.Close()
	role := "arn:aws:iam::" + realAccount + ":role/CWLOpenSearchRole"
	details := &cwlogs.OpenSearchIntegrationDetails{
		DataSource: &cwlogs.OpenSearchDataSource{DataSourceName: "cwl_vended_logs", Status: cwlogs.OpenSearchResourceStatus{
			Status: "ACTIVE", StatusMessage: "Reads log data with the role " + role + "."}},
		Application: &cwlogs.OpenSearchApplication{ApplicationArn: "arn:aws:opensearch:us-east-1:" + realAccount + ":application/app1",
			ApplicationID: "app1", Status: cwlogs.OpenSearchResourceStatus{Status: "ACTIVE"}},
		AccessPolicy: &cwlogs.OpenSearchPolicy{PolicyName: "p", Status: cwlogs.OpenSearchResourceStatus{Status: "ACTIVE",
			StatusMessage: "Grants read access to arn:aws:iam::" + otherAccount + ":root and arn:aws:iam::" + realAccount + ":role/Viewer."}},
	}
	if err := real.SeedIntegration(cwlogstest.Integration{Name: "team/logs", Details: details}); err != nil {
		t.Fatal(err)
	}
	table := "arn:aws:observabilityadmin:us-east-1:" + realAccount + ":s3tableintegration/t1"
	if err := real.AddS3TableIntegration(table); err != nil {
		t.Fatal(err)
	}
	for _, src := range []cwlogs.S3TableIntegrationSource{
		{DataSource: cwlogs.DataSource{Name: "amazon_eks", Type: "audit"}, CreatedTimeStamp: 1773300004567},
		{DataSource: cwlogs.DataSource{Name: "custom"}, Status: "FAILED", StatusReason: "Role arn:aws:iam::" + realAccount + ":role/W is denied.", CreatedTimeStamp: 1773300009012},
	} {
		if _, err := real.SeedS3TableSource(table, src); err != nil {
			t.Fatal(err)
		}
	}

	dir := t.TempDir()
	rec := &cwlogstest.Recorder{Dir: dir, Transport: http.DefaultTransport}
	recording, err := cwlogs.New(real.Options(), func(o *cwlogs.Options) { o.HTTPClient = &http.Client{Transport: rec} })
	if err != nil {
		t.Fatal(err)
	}
	got1, err := recording.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "team/logs"})
	if err != nil {
		t.Fatal(err)
	}
	list1, err := recording.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{})
	if err != nil {
		t.Fatal(err)
	}
	_, putErr1 := recording.PutIntegration(ctx, putInput("other"))
	body := `{"integrationArn":"` + table + `"}`
	req := rawRequest(t, real.URL, listSourcesOp, body)
	signRaw(t, req, body, testCreds)
	resp, err := (&http.Client{Transport: rec}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var sources1 sourcesPage
	if err := json.NewDecoder(resp.Body).Decode(&sources1); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	wantFiles := []string{"team%2Flogs.http", "ListIntegrations/success.http", "PutIntegration/limit-exceeded.http", "ListSourcesForS3TableIntegration/success.http"}
	if diff := cmp.Diff(wantFiles, rec.Files()); diff != "" {
		t.Fatalf("files mismatch (-want +got):\n%s", diff)
	}

	// The outputs as they are to replay: the account ids replaced, the
	// first met by the kit's, the second by the next fake one.
	scrubbed := func(in, out any) {
		t.Helper()
		b, err := json.Marshal(in)
		if err != nil {
			t.Fatal(err)
		}
		b = bytes.ReplaceAll(bytes.ReplaceAll(b, []byte(realAccount), []byte(cwlogstest.AccountID)), []byte(otherAccount), []byte("100000000001"))
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatal(err)
		}
	}
	var want1 cwlogs.GetIntegrationOutput
	scrubbed(got1, &want1)
	var wantSources sourcesPage
	scrubbed(sources1, &wantSources)

	replay := cwlogstest.NewServer()
	defer replay.Close()
	fsys := os.DirFS(dir)
	if err := replay.AddFS(fsys); err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		op   Operation
		name string
	}{{cwlogstest.ListIntegrations, cwlogstest.Success}, {cwlogstest.PutIntegration, cwlogstest.LimitExceeded}, {listSourcesOp, cwlogstest.Success}} {
		resp, err := cwlogstest.ReadResponse(fsys, r.op, r.name)
		if err != nil {
			t.Fatal(err)
		}
		replay.EnqueueFor(r.op, resp)
	}
	client, err := cwlogs.New(replay.Options())
	if err != nil {
		t.Fatal(err)
	}
	got2, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "team/logs"})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(&want1, got2, cwlogstest.CmpOptions()...); diff != "" {
		t.Errorf("GetIntegration replayed mismatch (-want +got):\n%s", diff)
	}
	if !strings.Contains(got2.IntegrationDetails.(*cwlogs.OpenSearchIntegrationDetails).AccessPolicy.Status.StatusMessage, "arn:aws:iam::100000000001:root") {
		t.Errorf("the second account is not the second fake one: %+v", got2.IntegrationDetails)
	}
	list2, err := client.ListIntegrations(ctx, &cwlogs.ListIntegrationsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(list1, list2, cwlogstest.CmpOptions()...); diff != "" {
		t.Errorf("ListIntegrations replayed mismatch (-want +got):\n%s", diff)
	}
	_, putErr2 := client.PutIntegration(ctx, putInput("other"))
	var api1, api2 *cwlogs.APIError
	if !errors.As(putErr1, &api1) || !errors.As(putErr2, &api2) {
		t.Fatalf("PutIntegration errors %v and %v, want API errors", putErr1, putErr2)
	}
	if diff := cmp.Diff(viewAPIError(api1), viewAPIError(api2)); diff != "" {
		t.Errorf("PutIntegration error replayed mismatch (-want +got):\n%s", diff)
	}
	body = `{"integrationArn":"` + cwlogstest.S3TableIntegrationArn + `"}`
	req = rawRequest(t, replay.URL, listSourcesOp, body)
	signRaw(t, req, body, testCreds)
	resp, body2 := send(t, req)
	var sources2 sourcesPage
	if err := json.Unmarshal(body2, &sources2); resp.StatusCode != 200 || err != nil {
		t.Fatalf("replayed ListSourcesForS3TableIntegration: %d %s (%v)", resp.StatusCode, body2, err)
	}
	if diff := cmp.Diff(wantSources, sources2); diff != "" {
		t.Errorf("ListSourcesForS3TableIntegration replayed mismatch (-want +got):\n%s", diff)
	}
}

// TestRecorderAccountsAcrossFiles records two answers into two files: the
// first holds one real account, the second another one before it. The
// same real account has the same fake id in both files, and the other
// account the next fake id, as the recorder numbers the accounts it meets
// over all its files.
func TestRecorderAccountsAcrossFiles(t *testing.T) {
	ctx := context.Background()
	real := newServer(t)
	message := func(accounts ...string) *cwlogs.OpenSearchIntegrationDetails {
		var roles []string
		for _, a := range accounts {
			roles = append(roles, "arn:aws:iam::"+a+":role/R"+a[:1])
		}
		return &cwlogs.OpenSearchIntegrationDetails{DataSource: &cwlogs.OpenSearchDataSource{DataSourceName: "d",
			Status: cwlogs.OpenSearchResourceStatus{Status: "ACTIVE", StatusMessage: "Roles " + strings.Join(roles, ", ") + "."}}}
	}
	for name, d := range map[string]*cwlogs.OpenSearchIntegrationDetails{
		"first":  message(realAccount),
		"second": message(otherAccount, realAccount),
	} {
		if err := real.SeedIntegration(cwlogstest.Integration{Name: name, Details: d}); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	rec := &cwlogstest.Recorder{Dir: dir}
	client, err := cwlogs.New(real.Options(), func(o *cwlogs.Options) {
		o.HTTPClient = &http.Client{Transport: rec}
		o.Clock = func() time.Time { return serverNow }
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"first", "second"} {
		if _, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: name}); err != nil {
			t.Fatal(err)
		}
	}
	// The role names keep the first digit of their real account: R1 is
	// the real account's role, R4 the other's.
	role := regexp.MustCompile(`arn:aws:iam::([0-9]{12}):role/(R[0-9])`)
	got := map[string][]string{}
	for _, file := range rec.Files() {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range role.FindAllStringSubmatch(string(data), -1) {
			got[file] = append(got[file], m[2]+" "+m[1])
		}
	}
	want := map[string][]string{
		"first.http":  {"R1 " + cwlogstest.AccountID},
		"second.http": {"R4 100000000001", "R1 " + cwlogstest.AccountID},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("roles and their fake accounts by file mismatch (-want +got):\n%s", diff)
	}
}

// TestRecorderFiles checks the names of the files: a number for a name
// written before, the code of an error, the status of one without a code,
// and that requests other than CloudWatch Logs operations pass unrecorded.
func TestRecorderFiles(t *testing.T) {
	srv := newServer(t)
	srv.FailNext(cwlogstest.DeleteIntegration, 1, 502, "", "")
	dir := t.TempDir()
	rec := &cwlogstest.Recorder{Dir: dir}
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
		o.HTTPClient = &http.Client{Transport: rec}
		o.Clock = func() time.Time { return serverNow }
		o.RetryMaxAttempts = 1
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for _, name := range []string{"active", "active", "no-such", "a#b.c"} {
		_, _ = client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: name})
	}
	_, _ = client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
	_, _ = client.DeleteIntegration(ctx, &cwlogs.DeleteIntegrationInput{IntegrationName: "x"})
	// Not a CloudWatch Logs operation: passed on, not recorded.
	for _, target := range []string{"", "Other_20200101.GetThing", "Logs_20140328.../../x"} {
		req := handRequest{target: "GetIntegration"}.build(t, srv.URL)
		req.Header.Set("X-Amz-Target", target)
		resp, err := (&http.Client{Transport: rec}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	// After the 502, which may have taken effect, the client reads x with
	// GetIntegration (x.http) before it answers.
	want := []string{"active.http", "active-2.http", "no-such.http", "a%23b.c.http",
		"DeleteIntegration/status-502.http", "x.http", "DeleteIntegration/resource-not-found.http"}
	if diff := cmp.Diff(want, rec.Files()); diff != "" {
		t.Errorf("files mismatch (-want +got):\n%s", diff)
	}
	var onDisk []string
	err = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			onDisk = append(onDisk, filepath.ToSlash(rel))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(onDisk) != len(want) {
		t.Errorf("files on disk %q, want %q", onDisk, want)
	}
}

// TestRecorderRefusesWhatItCannotScrub gets a body in an encoding it
// cannot read: an error, and no file.
func TestRecorderRefusesWhatItCannotScrub(t *testing.T) {
	service := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Encoding", "br")
		_, _ = w.Write([]byte("compressed " + r.Header.Get("X-Amz-Security-Token")))
	}))
	defer service.Close()
	dir := t.TempDir()
	rec := &cwlogstest.Recorder{Dir: dir}
	req := rawRequest(t, service.URL, cwlogstest.GetIntegration, activeBody)
	signRaw(t, req, activeBody, canary)
	resp, err := (&http.Client{Transport: rec}).Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatal("a body in br: no error")
	}
	if !strings.Contains(err.Error(), `cannot scrub a body with Content-Encoding "br"`) || strings.Contains(err.Error(), canary.SessionToken[:8]) {
		t.Errorf("error %q, want one naming the encoding and no credential", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 || len(rec.Files()) != 0 {
		t.Errorf("files written: %v, %q", entries, rec.Files())
	}
}

// TestRecorderConcurrent records from many goroutines: every exchange gets
// a file of its own, and the race detector sees no race.
func TestRecorderConcurrent(t *testing.T) {
	srv := newServer(t)
	rec := &cwlogstest.Recorder{Dir: t.TempDir()}
	client, err := cwlogs.New(srv.Options(), func(o *cwlogs.Options) {
		o.HTTPClient = &http.Client{Transport: rec}
		o.Clock = func() time.Time { return serverNow }
	})
	if err != nil {
		t.Fatal(err)
	}
	const n = 8
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "active"}); err != nil {
				t.Error(err)
			}
			_ = rec.Files()
		}()
	}
	wg.Wait()
	files := rec.Files()
	slices.Sort(files)
	want := []string{"active-2.http", "active-3.http", "active-4.http", "active-5.http", "active-6.http", "active-7.http", "active-8.http", "active.http"}
	if diff := cmp.Diff(want, files); diff != "" {
		t.Errorf("files mismatch (-want +got):\n%s", diff)
	}
}
