// Package compat checks package cwlogs against the official AWS SDK for Go
// v2 CloudWatch Logs client: differential conformance tests decode every
// recorded response of cwlogstest with both clients and compare the
// results, and benchmarks measure the cost of one call with each. It is a
// module of its own so that the root module does not depend on the
// official SDK.
package compat
