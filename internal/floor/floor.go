// Package floor makes CloudWatch Logs calls by hand, with net/http, the
// official SigV4 signer (aws/signer/v4) and encoding/json into plain
// structs. It checks nothing a real client must (input, error bodies,
// unions, unknown members): it is the floor that the library's
// allocations, speed and binary size are measured against.
package floor

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// Client sends calls to one endpoint, signed for one region.
type Client struct {
	hc       *http.Client
	endpoint string
	region   string
	creds    aws.CredentialsProvider
	signer   *v4.Signer
}

// New returns a client that sends through hc to endpoint, signed with
// creds for region.
func New(hc *http.Client, endpoint, region string, creds aws.CredentialsProvider) *Client {
	return &Client{hc: hc, endpoint: endpoint, region: region, creds: creds, signer: v4.NewSigner()}
}

// Call sends the operation op with the body json.Marshal writes for in,
// and decodes a non-empty answer into out with json.Unmarshal. An answer
// whose status is not 200 is an error.
func (c *Client) Call(ctx context.Context, op string, in, out any) error {
	body, err := json.Marshal(in)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.Header.Set("X-Amz-Target", "Logs_20140328."+op)
	creds, err := c.creds.Retrieve(ctx)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(body)
	if err := c.signer.SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "logs", c.region, time.Now()); err != nil {
		return err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("floor: %s: status %d: %s", op, resp.StatusCode, data)
	}
	if len(data) == 0 {
		return nil
	}
	return json.Unmarshal(data, out)
}

// GetIntegrationInput is the input of GetIntegration, and of
// DeleteIntegration without force.
type GetIntegrationInput struct {
	IntegrationName string `json:"integrationName"`
}

// Status is the status of a resource of an integration.
type Status struct {
	Status        string `json:"status"`
	StatusMessage string `json:"statusMessage"`
}

// Policy is a policy of an integration.
type Policy struct {
	PolicyName string `json:"policyName"`
	Status     Status `json:"status"`
}

// GetIntegrationOutput is the answer of GetIntegration, with the one
// member of its union that the service sends today.
type GetIntegrationOutput struct {
	IntegrationName    string `json:"integrationName"`
	IntegrationType    string `json:"integrationType"`
	IntegrationStatus  string `json:"integrationStatus"`
	IntegrationDetails struct {
		OpenSearchIntegrationDetails *struct {
			DataSource *struct {
				DataSourceName string `json:"dataSourceName"`
				Status         Status `json:"status"`
			} `json:"dataSource"`
			Application *struct {
				ApplicationEndpoint string `json:"applicationEndpoint"`
				ApplicationArn      string `json:"applicationArn"`
				ApplicationID       string `json:"applicationId"`
				Status              Status `json:"status"`
			} `json:"application"`
			Collection *struct {
				CollectionEndpoint string `json:"collectionEndpoint"`
				CollectionArn      string `json:"collectionArn"`
				Status             Status `json:"status"`
			} `json:"collection"`
			Workspace *struct {
				WorkspaceID string `json:"workspaceId"`
				Status      Status `json:"status"`
			} `json:"workspace"`
			EncryptionPolicy *Policy `json:"encryptionPolicy"`
			NetworkPolicy    *Policy `json:"networkPolicy"`
			AccessPolicy     *Policy `json:"accessPolicy"`
			LifecyclePolicy  *Policy `json:"lifecyclePolicy"`
		} `json:"openSearchIntegrationDetails"`
	} `json:"integrationDetails"`
}

// PutIntegrationInput is the input of PutIntegration with the
// openSearchResourceConfig member of its union.
type PutIntegrationInput struct {
	IntegrationName string `json:"integrationName"`
	IntegrationType string `json:"integrationType"`
	ResourceConfig  struct {
		OpenSearchResourceConfig OpenSearchResourceConfig `json:"openSearchResourceConfig"`
	} `json:"resourceConfig"`
}

// OpenSearchResourceConfig configures the resources of an OpenSearch
// integration.
type OpenSearchResourceConfig struct {
	DataSourceRoleArn         string   `json:"dataSourceRoleArn"`
	DashboardViewerPrincipals []string `json:"dashboardViewerPrincipals"`
	RetentionDays             int32    `json:"retentionDays"`
	KmsKeyArn                 string   `json:"kmsKeyArn,omitempty"`
	ApplicationArn            string   `json:"applicationArn,omitempty"`
}

// PutIntegrationOutput is the answer of PutIntegration.
type PutIntegrationOutput struct {
	IntegrationName   string `json:"integrationName"`
	IntegrationStatus string `json:"integrationStatus"`
}

// ListIntegrationsInput is the input of ListIntegrations.
type ListIntegrationsInput struct {
	IntegrationNamePrefix string `json:"integrationNamePrefix,omitempty"`
	IntegrationType       string `json:"integrationType,omitempty"`
	IntegrationStatus     string `json:"integrationStatus,omitempty"`
}

// ListIntegrationsOutput is the answer of ListIntegrations.
type ListIntegrationsOutput struct {
	IntegrationSummaries []struct {
		IntegrationName   string `json:"integrationName"`
		IntegrationType   string `json:"integrationType"`
		IntegrationStatus string `json:"integrationStatus"`
	} `json:"integrationSummaries"`
}

// DeleteIntegrationInput is the input of DeleteIntegration.
type DeleteIntegrationInput struct {
	IntegrationName string `json:"integrationName"`
	Force           bool   `json:"force,omitempty"`
}

// DataSource is a data source of an S3 Table integration.
type DataSource struct {
	Name string `json:"name"`
	Type string `json:"type,omitempty"`
}

// AssociateSourceToS3TableIntegrationInput is the input of
// AssociateSourceToS3TableIntegration.
type AssociateSourceToS3TableIntegrationInput struct {
	IntegrationArn string     `json:"integrationArn"`
	DataSource     DataSource `json:"dataSource"`
}

// SourceIdentifier is the input of DisassociateSourceFromS3TableIntegration
// and the answer of it and of AssociateSourceToS3TableIntegration.
type SourceIdentifier struct {
	Identifier string `json:"identifier"`
}

// ListSourcesForS3TableIntegrationInput is the input of
// ListSourcesForS3TableIntegration.
type ListSourcesForS3TableIntegrationInput struct {
	IntegrationArn string `json:"integrationArn"`
	MaxResults     int32  `json:"maxResults,omitempty"`
	NextToken      string `json:"nextToken,omitempty"`
}

// ListSourcesForS3TableIntegrationOutput is the answer of
// ListSourcesForS3TableIntegration.
type ListSourcesForS3TableIntegrationOutput struct {
	Sources []struct {
		Identifier             string     `json:"identifier"`
		DataSource             DataSource `json:"dataSource"`
		Status                 string     `json:"status"`
		StatusReason           string     `json:"statusReason"`
		CreatedTimeStamp       int64      `json:"createdTimeStamp"`
		ParentSourceIdentifier string     `json:"parentSourceIdentifier"`
	} `json:"sources"`
	NextToken string `json:"nextToken"`
}
