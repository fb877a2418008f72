package cwlogstest_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// A test starts a server, tells it what to answer, and points a client at
// it with the server's options.
func Example() {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	err := srv.AddOutput(&cwlogs.GetIntegrationOutput{
		IntegrationName:   "my-int",
		IntegrationType:   cwlogs.IntegrationTypeOpenSearch,
		IntegrationStatus: cwlogs.IntegrationStatusActive,
	})
	if err != nil {
		log.Fatal(err)
	}

	client, err := cwlogs.New(srv.Options())
	if err != nil {
		log.Fatal(err)
	}
	out, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: "my-int"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(out.IntegrationName, out.IntegrationStatus)
	// Output: my-int ACTIVE
}

// AddError makes the server answer an integration name with an error in
// the service's format; a name the server does not know gets
// ResourceNotFoundException.
func ExampleServer_AddError() {
	srv := cwlogstest.NewServer()
	defer srv.Close()
	srv.AddError("locked", 400, "AccessDeniedException", "not allowed")

	client, err := cwlogs.New(srv.Options())
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"locked", "missing"} {
		_, err := client.GetIntegration(context.Background(), &cwlogs.GetIntegrationInput{IntegrationName: name})
		var apiErr *cwlogs.APIError
		if errors.As(err, &apiErr) {
			fmt.Println(name, apiErr.StatusCode, apiErr.Code,
				errors.Is(err, cwlogs.ErrAccessDenied), errors.Is(err, cwlogs.ErrResourceNotFound))
		}
	}
	// Output:
	// locked 400 AccessDeniedException true false
	// missing 400 ResourceNotFoundException false true
}
