// Command onecall-floor makes one GetIntegration call by hand, with
// net/http, the official SigV4 signer (aws/signer/v4), encoding/json into
// plain structs and static credentials (package floor). It is the floor
// the binary size of the one-call programs is measured against (see
// ../../bench.sh).
//
// Usage:
//
//	onecall-floor -endpoint http://127.0.0.1:4566 -name my-int
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cwlogs-go/cwlogs/internal/floor"
)

func main() {
	endpoint := flag.String("endpoint", "http://127.0.0.1:4566", "base URL of the CloudWatch Logs endpoint")
	name := flag.String("name", "my-int", "integration name")
	flag.Parse()

	creds := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}, nil
	})
	var out floor.GetIntegrationOutput
	err := floor.New(http.DefaultClient, *endpoint, "us-east-1", creds).
		Call(context.Background(), "GetIntegration", &floor.GetIntegrationInput{IntegrationName: *name}, &out)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.IntegrationName, out.IntegrationStatus)
}
