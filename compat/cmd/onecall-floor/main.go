// Command onecall-floor makes one GetIntegration call by hand, with
// net/http, the official SigV4 signer (aws/signer/v4), encoding/json into
// plain structs and static credentials. It is the floor the binary size of
// the one-call programs is measured against (see ../../bench.sh).
//
// Usage:
//
//	onecall-floor -endpoint http://127.0.0.1:4566 -name my-int
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

type status struct {
	Status        string `json:"status"`
	StatusMessage string `json:"statusMessage"`
}

type policy struct {
	PolicyName string `json:"policyName"`
	Status     status `json:"status"`
}

type output struct {
	IntegrationName    string `json:"integrationName"`
	IntegrationType    string `json:"integrationType"`
	IntegrationStatus  string `json:"integrationStatus"`
	IntegrationDetails struct {
		OpenSearchIntegrationDetails *struct {
			DataSource *struct {
				DataSourceName string `json:"dataSourceName"`
				Status         status `json:"status"`
			} `json:"dataSource"`
			Application *struct {
				ApplicationEndpoint string `json:"applicationEndpoint"`
				ApplicationArn      string `json:"applicationArn"`
				ApplicationID       string `json:"applicationId"`
				Status              status `json:"status"`
			} `json:"application"`
			Collection *struct {
				CollectionEndpoint string `json:"collectionEndpoint"`
				CollectionArn      string `json:"collectionArn"`
				Status             status `json:"status"`
			} `json:"collection"`
			Workspace *struct {
				WorkspaceID string `json:"workspaceId"`
				Status      status `json:"status"`
			} `json:"workspace"`
			EncryptionPolicy *policy `json:"encryptionPolicy"`
			NetworkPolicy    *policy `json:"networkPolicy"`
			AccessPolicy     *policy `json:"accessPolicy"`
			LifecyclePolicy  *policy `json:"lifecyclePolicy"`
		} `json:"openSearchIntegrationDetails"`
	} `json:"integrationDetails"`
}

func main() {
	endpoint := flag.String("endpoint", "http://127.0.0.1:4566", "base URL of the CloudWatch Logs endpoint")
	name := flag.String("name", "my-int", "integration name")
	flag.Parse()

	out, err := getIntegration(context.Background(), *endpoint, *name)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.IntegrationName, out.IntegrationStatus)
}

func getIntegration(ctx context.Context, endpoint, name string) (*output, error) {
	body, err := json.Marshal(map[string]string{"integrationName": name})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "Logs_20140328.GetIntegration")
	creds := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}
	sum := sha256.Sum256(body)
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "logs", "us-east-1", time.Now()); err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("status %d: %s", resp.StatusCode, data)
	}
	out := new(output)
	if err := json.Unmarshal(data, out); err != nil {
		return nil, err
	}
	return out, nil
}
