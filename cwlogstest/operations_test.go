package cwlogstest_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// servedOperations is every operation the kit serves, by its constant.
var servedOperations = []Operation{
	cwlogstest.GetIntegration,
	cwlogstest.PutIntegration,
	cwlogstest.ListIntegrations,
	cwlogstest.DeleteIntegration,
	cwlogstest.AssociateSourceToS3TableIntegration,
	cwlogstest.DisassociateSourceFromS3TableIntegration,
	cwlogstest.ListSourcesForS3TableIntegration,
}

// TestOperationsDispatch sends a request of each operation with an empty
// body: each reaches its own rules (the server records its operation and
// answers with the error of its required members, or a success for one
// that has none), none is an unknown operation.
func TestOperationsDispatch(t *testing.T) {
	want := map[Operation]answer{
		cwlogstest.GetIntegration:    {400, "ValidationException", "1 validation error detected: Value null at 'integrationName' failed to satisfy constraint: Member must not be null"},
		cwlogstest.PutIntegration:    {Status: 400, Code: "ValidationException"},
		cwlogstest.ListIntegrations:  {Status: 200},
		cwlogstest.DeleteIntegration: {400, "ValidationException", "1 validation error detected: Value null at 'integrationName' failed to satisfy constraint: Member must not be null"},
		cwlogstest.AssociateSourceToS3TableIntegration: {400, "ValidationException", "2 validation errors detected: " +
			"Value null at 'integrationArn' failed to satisfy constraint: Member must not be null; " +
			"Value null at 'dataSource' failed to satisfy constraint: Member must not be null"},
		cwlogstest.DisassociateSourceFromS3TableIntegration: {400, "ValidationException", "1 validation error detected: Value null at 'identifier' failed to satisfy constraint: Member must not be null"},
		cwlogstest.ListSourcesForS3TableIntegration:         {400, "ValidationException", "1 validation error detected: Value null at 'integrationArn' failed to satisfy constraint: Member must not be null"},
	}
	if len(want) != len(servedOperations) {
		t.Fatalf("the test knows %d operations, the kit serves %d", len(want), len(servedOperations))
	}
	for _, op := range servedOperations {
		t.Run(string(op), func(t *testing.T) {
			t.Parallel()
			srv := newServer(t)
			got, _ := call(t, srv, op, `{}`)
			if want[op].Message == "" {
				got.Message = ""
			}
			if diff := cmp.Diff(want[op], got); diff != "" {
				t.Errorf("answer mismatch (-want +got):\n%s", diff)
			}
			if reqs := srv.Requests(); len(reqs) != 1 || reqs[0].Operation != op {
				t.Errorf("Requests() = %+v, want one %s request", reqs, op)
			}
		})
	}
}
