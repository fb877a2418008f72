package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/cwlogs-go/cwlogs"
	"github.com/cwlogs-go/cwlogs/cwlogstest"
)

func TestScratchExample(t *testing.T) {
	remote := []string{"-role", kitRole, "-principal", kitPrincipal, "-yes", "-name", "ops", "-min-delay", "1ms", "-max-delay", "5ms"}
	for _, c := range []struct {
		name    string
		args    []string
		prepare func(*cwlogstest.Server)
	}{
		{"failed", remote, func(s *cwlogstest.Server) {
			s.SetLifecycle("ops", cwlogstest.Lifecycle{Polls: 2, Fail: map[cwlogs.ResourceKind]string{cwlogs.ResourceKindCollection: "quota\nreached", cwlogs.ResourceKindWorkspace: "x"}})
		}},
		{"timeout", append([]string{"-timeout", "30ms"}, remote...), func(s *cwlogstest.Server) {
			s.SetLifecycle("ops", cwlogstest.Lifecycle{Polls: 1000})
		}},
		{"hang delete", append([]string{"-timeout", "300ms"}, remote...), func(s *cwlogstest.Server) {
			s.SetLifecycle("ops", cwlogstest.Lifecycle{Polls: 1})
			s.SetLatency("ops", 20*time.Millisecond)
		}},
		{"list fails", remote, func(s *cwlogstest.Server) {
			s.FailNext(cwlogstest.ListIntegrations, 5, 500, "ServiceUnavailableException", "")
		}},
		{"not found grace", remote, func(s *cwlogstest.Server) {
			s.FailNext(cwlogstest.GetIntegration, 2, 400, "ResourceNotFoundException", "gone")
		}},
		{"put broken", remote, func(s *cwlogstest.Server) {
			s.BreakNext(cwlogstest.PutIntegration, 1)
		}},
	} {
		srv := cwlogstest.NewServer()
		c.prepare(srv)
		var stdout, stderr bytes.Buffer
		code := run(append([]string{"-endpoint", srv.URL}, c.args...), &stdout, &stderr, func(k string) string { return kitEnv[k] })
		t.Logf("%s: code %d\nstdout:\n%s\nstderr:\n%s", c.name, code, stdout.String(), stderr.String())
		srv.Close()
	}
}
