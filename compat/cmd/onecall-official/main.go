// Command onecall-official makes one GetIntegration call with the official
// AWS SDK for Go v2 client and static credentials. It exists to measure the
// binary size and cold build time of a program that uses the official
// client (see ../../bench.sh).
//
// Usage:
//
//	onecall-official -endpoint http://127.0.0.1:4566 -name my-int
package main

import (
	"context"
	"flag"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchlogs"
)

func main() {
	endpoint := flag.String("endpoint", "http://127.0.0.1:4566", "base URL of the CloudWatch Logs endpoint")
	name := flag.String("name", "my-int", "integration name")
	flag.Parse()

	client := cloudwatchlogs.New(cloudwatchlogs.Options{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
		BaseEndpoint: endpoint,
	})
	out, err := client.GetIntegration(context.Background(), &cloudwatchlogs.GetIntegrationInput{IntegrationName: name})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(aws.ToString(out.IntegrationName), out.IntegrationStatus)
}
