package cwlogstest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// TestLatencyOutlivesTheClient serves a create of a name with a latency
// whose client has gone before the server read it (its context has
// ended): the server waits, then processes it, as the service would.
// serveHTTP runs in the test's goroutine, so that the test learns without
// a poll that the request has been processed.
func TestLatencyOutlivesTheClient(t *testing.T) {
	s := NewServer()
	defer s.Close()
	s.SetLatency("x", time.Millisecond)
	body := `{"integrationName":"x","integrationType":"OPENSEARCH","resourceConfig":{"openSearchResourceConfig":{` +
		`"dataSourceRoleArn":"` + seedRole + `","dashboardViewerPrincipals":["` + seedViewer + `"],"retentionDays":7}}}`
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequestWithContext(ctx, http.MethodPost, s.URL+"/", strings.NewReader(body))
	r.Header.Set("Content-Type", "application/x-amz-json-1.1")
	r.Header.Set("X-Amz-Target", targetPrefix+string(PutIntegration))
	sum := sha256.Sum256([]byte(body))
	creds := aws.Credentials{AccessKeyID: AccessKeyID, SecretAccessKey: SecretAccessKey}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, r, hex.EncodeToString(sum[:]), "logs", Region, time.Now()); err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	s.serveHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Errorf("answer %d %s, want 200", w.Code, w.Body)
	}
	s.mu.Lock()
	_, created := s.integrations["x"]
	s.mu.Unlock()
	if !created {
		t.Error("the create whose client had gone was not processed")
	}
}
