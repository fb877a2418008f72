package cwlogstest

import (
	"net/http"
	"time"
)

// faults are the faults set for one operation.
type faults struct {
	// queue answers the next requests, one each.
	queue []Response
	// breaks counts the next requests whose connection is broken after
	// they are processed.
	breaks int
}

// faultsOf returns the faults of op, made if needed. s.mu is held.
func (s *Server) faultsOf(op Operation) *faults {
	f := s.faults[op]
	if f == nil {
		f = &faults{}
		s.faults[op] = f
	}
	return f
}

// EnqueueFor is [Server.Enqueue] for one operation: the next requests of
// op that pass the server's checks get rs, one each and in order, instead
// of being processed (a PutIntegration answered so creates nothing). The
// responses of Enqueue come first. It panics, and enqueues none of rs, when
// op is not an operation the server serves or the StatusCode of one of rs
// is neither zero (200) nor 200 to 599.
func (s *Server) EnqueueFor(op Operation, rs ...Response) {
	mustOperation("EnqueueFor", op)
	mustResponses("EnqueueFor", rs...)
	s.mu.Lock()
	defer s.mu.Unlock()
	f := s.faultsOf(op)
	f.queue = append(f.queue, rs...)
}

// EnqueueRecorded is EnqueueFor(op, r) with r the recorded response of op
// named name (see [RecordedResponse]).
func (s *Server) EnqueueRecorded(op Operation, name string) error {
	r, err := RecordedResponse(op, name)
	if err != nil {
		return err
	}
	s.EnqueueFor(op, r)
	return nil
}

// FailNext answers the next n requests of op that pass the server's
// checks with an error in the service's format, without processing them:
// FailNext(PutIntegration, 2, 503, "ServiceUnavailableException", "") makes
// a client retry twice before its third attempt creates the integration.
// A status of zero means 400; an empty code makes an error without one, as
// a proxy in front of the service sends (see [ErrorResponse]). It panics, and sets nothing, when op is not an
// operation the server serves, n is negative or status is not that of an
// error (400 to 599): FailNext(op, 1, 200, "LimitExceededException", "")
// would make the call succeed with an empty output.
func (s *Server) FailNext(op Operation, n int, status int, code, message string) {
	mustOperation("FailNext", op)
	mustCount("FailNext", "n", n)
	mustErrorStatus("FailNext", status, code)
	r := errorResponse(status, code, message)
	rs := make([]Response, n)
	for i := range rs {
		rs[i] = r
	}
	s.EnqueueFor(op, rs...)
}

// BreakNext makes the server process the next n requests of op that pass
// its checks, and then close their connections without an answer: the
// client sees a connection error after the request took effect (a
// PutIntegration created the integration, a DeleteIntegration removed it),
// the case of a call whose outcome the client cannot know. It panics, and
// sets nothing, when op is not an operation the server serves or n is
// negative.
func (s *Server) BreakNext(op Operation, n int) {
	mustOperation("BreakNext", op)
	mustCount("BreakNext", "n", n)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faultsOf(op).breaks += n
}

// SetLatency makes the server wait d before it processes and answers each
// request that names name: an integration in its integrationName, an S3
// Table integration in its integrationArn or a source in its identifier
// (see [Server.Hang] for a request never answered). The request is processed
// after the wait even if the client has gone, as the service would; Close
// ends the wait, unprocessed. A d of zero or less removes the latency, and
// a hang.
func (s *Server) SetLatency(name string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d <= 0 {
		delete(s.latency, name)
		return
	}
	s.latency[name] = d
}

// Hang makes the server never answer the requests that name name (an
// integration, S3 Table integration or source, as for SetLatency): each is
// held, unprocessed, until the client gives up (its
// context ends or it closes the connection) or the server is closed.
// SetLatency(name, 0) ends it for the requests that come after.
func (s *Server) Hang(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency[name] = hang
}

// hang is the latency of a name whose requests are never answered.
const hang time.Duration = -1

// wait holds a request for the latency set for its integration name. It
// returns false when the request is not to be answered.
func (s *Server) wait(r *http.Request, name string) bool {
	s.mu.Lock()
	d, ok := s.latency[name]
	s.mu.Unlock()
	switch {
	case !ok || name == "":
		return true
	case d == hang:
		select {
		case <-r.Context().Done():
		case <-s.closing:
		}
		return false
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-s.closing:
		return false
	}
}

// breakConnection closes the connection of w without an answer.
func breakConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// Not an HTTP/1 connection: end the handler without a response,
		// which net/http turns into a reset stream or closed connection.
		panic(http.ErrAbortHandler)
	}
	conn.Close()
}

// Match selects the requests a targeted fault hits ([Server.FailOn],
// [Server.BreakOn], [Server.AnswerOn]): those of an operation, or that
// name an integration, S3 Table integration or source, from the Nth such
// request on. The requests it counts are those that pass the server's
// checks from when the fault is set, every attempt of a client counting as
// one: Match{Op: GetIntegration, Target: "logs", Nth: 3} hits the third
// poll of a waiter of "logs", retries included. The zero Match hits the
// next request, and Match{Nth: n + 1} the request after n more.
type Match struct {
	// Op, when not empty, limits the fault to the requests of this
	// operation.
	Op Operation
	// Target, when not empty, limits the fault to the requests that name
	// it: an integration in their integrationName, an S3 Table
	// integration in their integrationArn, or a source in their
	// identifier.
	Target string
	// Nth is the first matching request the fault hits, counted from 1:
	// 0 is the same as 1.
	Nth int
	// Times is the number of matching requests in a row it hits from the
	// Nth on: 0 is the same as 1.
	Times int
}

// targeted is a fault set with FailOn, BreakOn or AnswerOn.
type targeted struct {
	m Match
	// seen counts the requests that matched since the fault was set.
	seen int
	// resp answers the requests hit, unless brk is set: they are
	// processed, and their connections broken.
	resp Response
	brk  bool
}

// FailOn answers the requests m selects with an error in the service's
// format, without processing them, as FailNext does for the next requests
// of an operation; a status of zero means 400, and an empty code makes an
// error without one (see [ErrorResponse]). A fault set this way comes
// before those of Enqueue, EnqueueFor, FailNext and BreakNext, which are
// left for the requests after; when several hit one request, the one set
// first answers it (the others count it as hit). It panics, and sets
// nothing, when m is invalid (an operation not served, a negative Nth or
// Times) or status is not that of an error (400 to 599).
func (s *Server) FailOn(m Match, status int, code, message string) {
	mustMatch("FailOn", m)
	mustErrorStatus("FailOn", status, code)
	s.inject(&targeted{m: m, resp: errorResponse(status, code, message)})
}

// AnswerOn answers the requests m selects with r, without processing them,
// as EnqueueFor does for the next requests of an operation, in the order
// of [Server.FailOn]. It panics, and sets nothing, when m is invalid or
// r.StatusCode is neither zero (200) nor 200 to 599.
func (s *Server) AnswerOn(m Match, r Response) {
	mustMatch("AnswerOn", m)
	mustResponse("AnswerOn", "r", r)
	s.inject(&targeted{m: m, resp: r})
}

// BreakOn makes the server process the requests m selects and then close
// their connections without an answer, as BreakNext does for the next
// requests of an operation, in the order of [Server.FailOn]. It panics,
// and sets nothing, when m is invalid.
func (s *Server) BreakOn(m Match) {
	mustMatch("BreakOn", m)
	s.inject(&targeted{m: m, brk: true})
}

func (s *Server) inject(t *targeted) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.targeted = append(s.targeted, t)
}

// mustMatch panics, naming the function fn the test called, when m cannot
// select a request as meant.
func mustMatch(fn string, m Match) {
	if m.Op != "" {
		mustOperation(fn, m.Op)
	}
	mustCount(fn, "m.Nth", m.Nth)
	mustCount(fn, "m.Times", m.Times)
}

// hit counts req for every targeted fault it matches, and returns the
// first that hits it, or nil. Faults that have hit their last request are
// dropped. s.mu is held.
func (s *Server) hit(req *request) *targeted {
	target := req.target()
	var hit *targeted
	kept := s.targeted[:0]
	for _, t := range s.targeted {
		if (t.m.Op == "" || t.m.Op == req.op) && (t.m.Target == "" || t.m.Target == target) {
			t.seen++
			first := max(t.m.Nth, 1)
			last := first + max(t.m.Times, 1) - 1
			if hit == nil && t.seen >= first {
				hit = t
			}
			if t.seen >= last {
				continue // spent
			}
		}
		kept = append(kept, t)
	}
	clear(s.targeted[len(kept):])
	s.targeted = kept
	return hit
}
