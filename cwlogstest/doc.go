// Package cwlogstest provides a fake CloudWatch Logs endpoint for tests of
// code that uses package cwlogs, as net/http/httptest does for net/http.
//
// A [Server] listens on 127.0.0.1 and checks every request as the service
// would: its target, content type, SigV4 signature (computed anew from what
// it received with the test credentials) and JSON body, by the rules of
// the API model, answering a request that breaks them with the service's
// error. It serves the seven operations of the integrations API:
// GetIntegration, PutIntegration, ListIntegrations, DeleteIntegration,
// AssociateSourceToS3TableIntegration,
// DisassociateSourceFromS3TableIntegration and
// ListSourcesForS3TableIntegration:
//
//   - as a small stateful service: PutIntegration creates an integration
//     (one per account, [Server.SetIntegrationLimit]), GetIntegration shows
//     it PROVISIONING on its first read, then as [Server.SetLifecycle]
//     says, ACTIVE or FAILED, ListIntegrations lists it, DeleteIntegration
//     removes it ([Server.SetDashboards] makes it need force);
//   - with S3 Table integrations ([S3TableIntegrationArn], ready-made, and
//     [Server.AddS3TableIntegration]) and their sources:
//     AssociateSourceToS3TableIntegration creates a source that goes as
//     [Server.SetSourceLifecycle] says, DisassociateSourceFromS3TableIntegration
//     removes it after a while, ListSourcesForS3TableIntegration lists them
//     by pages, with page tokens it checks ([Server.S3TableSources] shows
//     them to the test);
//   - with state seeded without a request, so that [Server.Requests] holds
//     the requests of the code under test alone: integrations of any
//     status, details or dashboards ([Server.SeedIntegration]) and sources
//     ([Server.SeedS3TableSource]);
//   - with recorded or built responses by integration name ([Server.AddFS],
//     [Server.AddOutput], [Server.AddError]) or in turn ([Server.Enqueue],
//     [Server.EnqueueFor], [Server.EnqueueRecorded]), those that ship with
//     this package ([Recorded]) or a team's own, written by a [Recorder]
//     from the service's answers, scrubbed of credentials and account ids;
//   - with faults: errors ([Server.FailNext]), connections broken after a
//     request took effect ([Server.BreakNext]), latency and requests never
//     answered ([Server.SetLatency], [Server.Hang]), and faults that hit
//     the requests a [Match] selects, by operation, integration name, S3
//     Table integration ARN or source identifier, from the Nth on
//     ([Server.FailOn], [Server.AnswerOn], [Server.BreakOn]).
//
// Misuse that a test cannot mean, such as FailNext with a 200 status, is
// refused where the test sets it, with a panic that names the argument.
//
// A typical test:
//
//	srv := cwlogstest.NewServer()
//	defer srv.Close()
//	if err := srv.AddFS(cwlogstest.Recorded()); err != nil {
//		t.Fatal(err)
//	}
//	client, err := cwlogs.New(srv.Options()) // retries with millisecond delays
//	...
//	out, err := client.GetIntegration(ctx, &cwlogs.GetIntegrationInput{IntegrationName: cwlogstest.Active})
//	...
//	if diff := cmp.Diff(want, out, cwlogstest.CmpOptions()...); diff != "" {
//		t.Errorf("mismatch (-want +got):\n%s", diff)
//	}
package cwlogstest
