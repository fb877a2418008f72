// Package cwlogs is a typed client for the seven operations of the Amazon
// CloudWatch Logs integrations API. PutIntegration, GetIntegration,
// ListIntegrations and DeleteIntegration manage an OpenSearch integration.
// AssociateSourceToS3TableIntegration,
// DisassociateSourceFromS3TableIntegration and
// ListSourcesForS3TableIntegration manage the data sources of an S3 Table
// integration.
//
// It signs requests with the SigV4 signer of aws-sdk-go-v2, speaks the
// AWS JSON 1.1 protocol, and depends on nothing else of the SDK but its
// root module and smithy-go. The shortest useful program:
//
//	cfg, err := config.LoadDefaultConfig(ctx)
//	if err != nil {
//		log.Fatal(err)
//	}
//	client, err := cwlogs.NewFromConfig(cfg)
//	if err != nil {
//		log.Fatal(err)
//	}
//	out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: "my-integration"})
//	if errors.Is(err, cwlogs.ErrResourceNotFound) {
//		log.Fatal("no such integration")
//	} else if err != nil {
//		log.Fatal(err)
//	}
//	fmt.Println(out.IntegrationName, out.IntegrationStatus)
//
// The details of an integration are the union [IntegrationDetails]: a type
// switch on it finds [*OpenSearchIntegrationDetails] or, for a member the
// service added after this package was written, [*UnknownIntegrationDetails]
// with the member's name and data. Errors from the service are
// [*APIError] values that match sentinels such as [ErrResourceNotFound] and
// [ErrThrottling] with errors.Is.
//
// [NewIntegrationActiveWaiter] and [NewIntegrationDeletedWaiter] poll until
// an integration is ACTIVE or gone, with a progress hook;
// [GetIntegrationOutput.Problems] tells which of its eight OpenSearch
// resources are not active. Options.Logger, a *slog.Logger, records
// retries, failed calls and waiter polls.
//
// [NewListSourcesForS3TableIntegrationPaginator] reads the sources of an S3
// Table integration page by page, or all of them with a Go iterator (All);
// [NewS3TableIntegrationSourceActiveWaiter] and
// [NewS3TableIntegrationSourceDisassociatedWaiter] poll until a source is
// ACTIVE or gone.
//
// Package [github.com/cwlogs-go/cwlogs/cwlogstest] is a small stateful
// CloudWatch Logs on 127.0.0.1, with recorded responses and injected
// faults, for tests of code that uses this package.
package cwlogs
