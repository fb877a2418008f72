// Command onecall-cwlogs makes one GetIntegration call with package cwlogs
// and static credentials. It exists to measure the binary size and cold
// build time of a program that uses cwlogs (see ../../bench.sh).
//
// Usage:
//
//	onecall-cwlogs -endpoint http://127.0.0.1:4566 -name my-int
package main

import (
	"context"
	"flag"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/cwlogs-go/cwlogs"
)

func main() {
	endpoint := flag.String("endpoint", "http://127.0.0.1:4566", "base URL of the CloudWatch Logs endpoint")
	name := flag.String("name", "my-int", "integration name")
	flag.Parse()

	client, err := cwlogs.New(cwlogs.Options{
		Region: "us-east-1",
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}, nil
		}),
		BaseEndpoint: endpoint,
	})
	if err != nil {
		log.Fatal(err)
	}
	out, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: *name})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.IntegrationName, out.IntegrationStatus)
}
