package main

import (
	"bytes"
	"testing"

	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

func TestScratchEcho(t *testing.T) {
	remote := []string{"-role", kitRole, "-principal", kitPrincipal, "-yes", "-name", "ops", "-min-delay", "1ms", "-max-delay", "5ms"}
	srv := cwlogstest.NewServer()
	defer srv.Close()
	srv.FailNext(cwlogstest.GetIntegration, 1, 503, "ServiceUnavailableException", "echo "+cwlogstest.SessionToken+" and "+cwlogstest.SecretAccessKey+"\u2028line")
	srv.FailNext(cwlogstest.DeleteIntegration, 3, 503, "ServiceUnavailableException", "echo "+cwlogstest.SessionToken+" and "+cwlogstest.SecretAccessKey+"\nline")
	var stdout, stderr bytes.Buffer
	code := run(append([]string{"-endpoint", srv.URL}, remote...), &stdout, &stderr, func(k string) string { return kitEnv[k] })
	t.Logf("code %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
}
