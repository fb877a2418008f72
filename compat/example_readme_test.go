package compat_test

// This example holds the README's usage snippet, word for word
// (TestREADMESnippets of the root package checks it): it needs the
// official config module, which only this module may import. It has no
// Output comment, so it is compiled, not run: it would read the machine's
// AWS configuration.

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/cwlogs-go/cwlogs"
)

// readmeUsage is the README's usage snippet.
func readmeUsage(ctx context.Context) error {
	cfg, err := config.LoadDefaultConfig(ctx) // or build an aws.Config yourself
	if err != nil {
		return err
	}
	client, err := cwlogs.NewFromConfig(cfg) // region, credentials, HTTP client, retry and endpoint settings, as the official client reads them
	if err != nil {
		return err // an invalid option, named: "cwlogs: Options.Region is required when Options.BaseEndpoint is not set"
	}
	out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "my-integration"})
	if err != nil {
		return err
	}
	fmt.Println(out.IntegrationStatus)
	return nil
}

// A client made from the AWS configuration of the machine, as the
// official SDK's clients are.
func Example_newFromConfig() {
	if err := readmeUsage(context.Background()); err != nil {
		fmt.Println(err)
	}
}
