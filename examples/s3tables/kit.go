package main

import (
	"fmt"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

// This file sets up the stateful test kit (package cwlogstest) that the
// program runs against by default: its ready-made S3 Table integration
// with three sources, and the lives of the sources the program
// associates.

// kitLifecycle is how a source the program associates goes in the kit:
// listed UNHEALTHY (being associated) at the first poll and ACTIVE after,
// and listed DATA_SOURCE_DELETE_IN_PROGRESS for two polls once
// disassociated.
var kitLifecycle = cwlogstest.SourceLifecycle{Polls: 1, DeletePolls: 2}

// kitSources are the sources the kit's integration holds before the
// program runs.
var kitSources = []cwlogs.S3TableIntegrationSource{
	{Identifier: "1c2d3e4f-0000-4000-8000-000000000001", DataSource: cwlogs.DataSource{Name: "amazon_cloudfront", Type: "access"}},
	{Identifier: "1c2d3e4f-0000-4000-8000-000000000002", DataSource: cwlogs.DataSource{Name: "amazon_vpc", Type: "flow"}},
	{Identifier: "1c2d3e4f-0000-4000-8000-000000000003", DataSource: cwlogs.DataSource{Name: "custom_app"},
		Status: cwlogs.S3TableIntegrationSourceStatusUnhealthy, StatusReason: "no log group is tagged with this data source"},
}

// setUpKit seeds srv's S3 Table integration with kitSources and sets the
// life of the sources of data source ds.
func setUpKit(srv *cwlogstest.Server, ds cwlogs.DataSource) error {
	for _, s := range kitSources {
		if _, err := srv.SeedS3TableSource(cwlogstest.S3TableIntegrationArn, s); err != nil {
			return err
		}
	}
	return srv.SetSourceLifecycle(ds, kitLifecycle)
}

// kitClient starts the kit and returns a client for it, and a function
// that stops it.
func kitClient(ds cwlogs.DataSource) (client *cwlogs.Client, closeServer func(), err error) {
	// NewServer panics when it cannot listen on 127.0.0.1, as httptest
	// does; report that as an error line like any other.
	defer func() {
		if r := recover(); r != nil {
			client, closeServer, err = nil, nil, fmt.Errorf("start the test kit: %v", r)
		}
	}()
	srv := cwlogstest.NewServer()
	if err := setUpKit(srv, ds); err != nil {
		return nil, srv.Close, err
	}
	client, err = cwlogs.New(srv.Options())
	return client, srv.Close, err
}
