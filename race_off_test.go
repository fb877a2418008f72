//go:build !race

package cwlogs_test

// raceEnabled tells that the tests run under the race detector, which
// changes allocation counts.
const raceEnabled = false
