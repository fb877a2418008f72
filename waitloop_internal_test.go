package cwlogs

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a waiter's clock that moves only when the waiter sleeps or
// a poll takes time. Its contexts (see context) end when it reaches their
// deadline, on the goroutine that moves it.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
	// oversleep is added to every sleep, as a machine that was suspended
	// wakes late.
	oversleep time.Duration
	contexts  []*clockContext
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 9, 15, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// advance moves the clock by d and ends the contexts whose deadline it
// reaches.
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
	c.fire()
}

// fire ends the contexts whose deadline has come. c.mu is held.
func (c *fakeClock) fire() {
	for _, ctx := range c.contexts {
		if !ctx.ended && !c.t.Before(ctx.deadline.Add(ctx.lag)) {
			ctx.ended = true
			ctx.close()
		}
	}
}

func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.advance(d + c.oversleep)
	return ctx.Err()
}

// withDeadline returns a context that ends at t on the clock, or when ctx
// ends.
func (c *fakeClock) withDeadline(ctx context.Context, t time.Time) (context.Context, context.CancelFunc) {
	return c.contextIn(ctx, t), func() {}
}

// contextIn returns a context that ends when parent ends, or when the
// clock reaches deadline (or the parent's deadline on the clock, if that
// comes first). A parent that is not of the clock must have no deadline:
// it ends only when it is cancelled.
func (c *fakeClock) contextIn(parent context.Context, deadline time.Time) *clockContext {
	root := parent
	if p, ok := parent.(*clockContext); ok {
		root = p.root
		if p.deadline.Before(deadline) {
			deadline = p.deadline
		}
	} else if _, ok := parent.Deadline(); ok {
		panic("fakeClock.contextIn: a parent with a deadline on the real clock")
	}
	c.mu.Lock()
	ctx := &clockContext{clock: c, root: root, deadline: deadline, done: make(chan struct{})}
	c.contexts = append(c.contexts, ctx)
	c.fire()
	c.mu.Unlock()
	if root.Done() != nil {
		context.AfterFunc(root, func() {
			c.mu.Lock()
			defer c.mu.Unlock()
			ctx.close()
		})
	}
	return ctx
}

// clockContext is a context whose deadline is on a fakeClock, under a
// root context that is not of the clock and may be cancelled.
type clockContext struct {
	clock    *fakeClock
	root     context.Context
	deadline time.Time
	done     chan struct{}
	// lag is how long after its deadline the context ends, as a timer
	// fires late: contexts derived from it may end first.
	lag    time.Duration
	ended  bool // the clock reached the deadline; guarded by clock.mu
	closed bool // done is closed; guarded by clock.mu
}

func (c *clockContext) Deadline() (time.Time, bool) { return c.deadline, true }
func (c *clockContext) Done() <-chan struct{}       { return c.done }
func (c *clockContext) Value(key any) any           { return c.root.Value(key) }

func (c *clockContext) Err() error {
	c.clock.mu.Lock()
	ended := c.ended
	c.clock.mu.Unlock()
	if ended {
		return context.DeadlineExceeded
	}
	return c.root.Err()
}

// close closes done once. clock.mu is held.
func (c *clockContext) close() {
	if !c.closed {
		c.closed = true
		close(c.done)
	}
}

// waitBound bounds, on the real clock, how long a waiter test lets one wait
// run. A wait of these tests ends well within a second (on the fake clock,
// within microseconds); one that runs on, as a waiter that no longer stops
// on FAILED would, fails its test, by name, at this bound, instead of
// hanging until the test binary's timeout.
const waitBound = 10 * time.Second

// waitWithin runs wait with a context that is cancelled after waitBound,
// and returns its error. A wait that has not returned by then fails the
// test.
func waitWithin(t testing.TB, wait func(ctx context.Context) error) error {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- wait(ctx) }()
	timer := time.NewTimer(waitBound)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		cancel()
		t.Fatalf("%s: the wait did not end within %v: the waiter polls on", t.Name(), waitBound)
		return nil
	}
}

// WaitWithin is waitWithin, for the tests of package cwlogs_test.
func WaitWithin(t testing.TB, wait func(ctx context.Context) error) error {
	t.Helper()
	return waitWithin(t, wait)
}

// TestWaiterDelays records the delays of a long wait: each is within
// [MinDelay, MaxDelay] and below the exponential ceiling of its poll, the
// longest come close to MaxDelay, and no poll is past the deadline.
func TestWaiterDelays(t *testing.T) {
	t.Parallel()
	const s = time.Second
	tests := []struct {
		name               string
		minDelay, maxDelay time.Duration // as set; zero means the default
		wantMin, wantMax   time.Duration
		maxWait            time.Duration
	}{
		{"set", 2 * s, 16 * s, 2 * s, 16 * s, 30 * time.Minute},
		{"defaults", 0, 0, 10 * s, 60 * s, 4 * time.Hour},
		{"MaxDelay follows a long MinDelay", 2 * time.Minute, 0, 2 * time.Minute, 2 * time.Minute, 3 * time.Hour},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			start := clock.now()
			deadline := start.Add(tt.maxWait)
			api := &scriptedAPI{clock: clock, answers: []answer{{status: IntegrationStatusProvisioning, took: 100 * time.Millisecond}}}
			p := &polls{clock: clock}
			err := waitWithin(t, func(ctx context.Context) error {
				return NewIntegrationActiveWaiter(api).Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait,
					func(o *IntegrationActiveWaiterOptions) {
						o.MinDelay, o.MaxDelay, o.OnPoll, o.clock = tt.minDelay, tt.maxDelay, p.onPoll, clock
					})
			})
			if !errors.Is(err, ErrWaitTimeout) {
				t.Fatalf("err = %v, want ErrWaitTimeout", err)
			}
			if len(p.got) < 40 {
				t.Fatalf("%d polls, want 40 or more for the test to mean something", len(p.got))
			}
			var longest time.Duration
			for i, w := range p.got {
				if api.calls[i].After(deadline) {
					t.Errorf("poll %d at %v, past the deadline %v", i+1, api.calls[i].Sub(start), tt.maxWait)
				}
				if i == len(p.got)-1 {
					if w.Next != 0 {
						t.Errorf("last poll's Next = %v, want 0", w.Next)
					}
					if left := deadline.Sub(p.at[i]); left > tt.wantMin {
						t.Errorf("timed out with %v left, more than MinDelay %v", left, tt.wantMin)
					}
					continue
				}
				ceiling := tt.wantMax
				if shift := w.Attempt - 1; shift < 20 && tt.wantMin<<shift < ceiling {
					ceiling = tt.wantMin << shift
				}
				if w.Next < tt.wantMin || w.Next > ceiling {
					t.Errorf("poll %d: Next = %v, want within [%v, %v]", w.Attempt, w.Next, tt.wantMin, ceiling)
				}
				if p.at[i].Add(w.Next).After(deadline) {
					t.Errorf("poll %d: Next = %v goes %v past the deadline", w.Attempt, w.Next, p.at[i].Add(w.Next).Sub(deadline))
				}
				longest = max(longest, w.Next)
			}
			// Uniform draws over more than 40 polls: one at least falls in
			// the top sixth of the range but for a chance under 1e-3.
			if limit := tt.wantMax - (tt.wantMax-tt.wantMin)/6; longest < limit {
				t.Errorf("longest delay %v, want one of %v or more (MaxDelay %v)", longest, limit, tt.wantMax)
			}
			if first := p.got[0].Next; first != tt.wantMin {
				t.Errorf("first delay %v, want MinDelay %v", first, tt.wantMin)
			}
		})
	}
}

// TestWaiterDelayNearDeadline checks the delay when little time is left:
// shortened so that the next poll starts MinDelay before the deadline, but
// never below MinDelay, and never past the deadline.
func TestWaiterDelayNearDeadline(t *testing.T) {
	t.Parallel()
	const s = time.Second
	l := &waitLoop[GetIntegrationOutput]{minDelay: 10 * s, maxDelay: 10 * s}
	for _, tt := range []struct{ left, want time.Duration }{
		{100 * s, 10 * s},
		{25 * s, 10 * s},
		{20 * s, 10 * s},
		{15 * s, 10 * s},
		{10 * s, 10 * s},
	} {
		if got := l.delay(1, tt.left); got != tt.want {
			t.Errorf("delay with %v left = %v, want %v", tt.left, got, tt.want)
		}
	}
	l = &waitLoop[GetIntegrationOutput]{minDelay: 10 * s, maxDelay: 60 * s}
	for range 200 {
		if got := l.delay(10, 35*s); got < 10*s || got > 25*s {
			t.Fatalf("delay with 35s left = %v, want within [10s, 25s]", got)
		}
	}
}

// TestWaiterBadInput checks the errors given before any request.
func TestWaiterBadInput(t *testing.T) {
	t.Parallel()
	const s = time.Second
	tests := []struct {
		name    string
		maxWait time.Duration
		opt     func(*IntegrationActiveWaiterOptions)
		want    string
	}{
		{"zero maxWaitDur", 0, nil, "cwlogs: IntegrationActiveWaiter.Wait: invalid input: maxWaitDur is 0s, want more than zero"},
		{"negative maxWaitDur", -s, nil, "cwlogs: IntegrationActiveWaiter.Wait: invalid input: maxWaitDur is -1s, want more than zero"},
		{"negative MinDelay", time.Hour, func(o *IntegrationActiveWaiterOptions) { o.MinDelay = -s },
			"cwlogs: IntegrationActiveWaiter.Wait: invalid input: MinDelay is -1s, want zero or more"},
		{"negative MaxDelay", time.Hour, func(o *IntegrationActiveWaiterOptions) { o.MaxDelay = -s },
			"cwlogs: IntegrationActiveWaiter.Wait: invalid input: MaxDelay is -1s, want zero or more"},
		{"MinDelay over MaxDelay", time.Hour, func(o *IntegrationActiveWaiterOptions) { o.MinDelay, o.MaxDelay = 2*s, s },
			"cwlogs: IntegrationActiveWaiter.Wait: invalid input: MinDelay is 2s, more than MaxDelay (1s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			api := &scriptedAPI{clock: newFakeClock(), answers: []answer{activeAnswer}}
			var opts []func(*IntegrationActiveWaiterOptions)
			if tt.opt != nil {
				opts = append(opts, tt.opt)
			}
			err := waitWithin(t, func(ctx context.Context) error {
				return NewIntegrationActiveWaiter(api).Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait, opts...)
			})
			if err == nil || err.Error() != tt.want || !errors.Is(err, ErrInvalidParameter) {
				t.Errorf("err = %v\nwant   %s (ErrInvalidParameter)", err, tt.want)
			}
			if len(api.calls) != 0 {
				t.Errorf("%d requests, want none", len(api.calls))
			}
		})
	}
	err := NewIntegrationDeletedWaiter(nil).Wait(context.Background(), &GetIntegrationInput{IntegrationName: "x"}, time.Hour)
	if want := "cwlogs: IntegrationDeletedWaiter.Wait: invalid input: client is nil"; err == nil || err.Error() != want {
		t.Errorf("nil client: err = %v, want %s", err, want)
	}
	api := &scriptedAPI{clock: newFakeClock(), answers: []answer{activeAnswer}}
	if err := NewIntegrationDeletedWaiter(api).Wait(context.Background(), nil, 0); err == nil || len(api.calls) != 0 {
		t.Errorf("deleted waiter, zero maxWaitDur: err = %v after %d requests, want an error and none", err, len(api.calls))
	}
}

// blockingAPI answers GetIntegration with PROVISIONING, or err if set, or,
// once block is set, only when the call's context ends, with its error (or
// after 20 s with an error a test does not expect).
type blockingAPI struct {
	mu    sync.Mutex
	calls int
	block bool
	err   error
}

func (b *blockingAPI) GetIntegration(ctx context.Context, params *GetIntegrationInput, _ ...func(*Options)) (*GetIntegrationOutput, error) {
	b.mu.Lock()
	b.calls++
	block := b.block
	b.mu.Unlock()
	if block {
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(20 * time.Second):
			return nil, errors.New("the poll was not cut") // fails the test
		}
	}
	if b.err != nil {
		return nil, b.err
	}
	return &GetIntegrationOutput{IntegrationName: params.IntegrationName, IntegrationStatus: IntegrationStatusProvisioning}, nil
}

// TestWaiterCancelDuringDelay cancels the context during an hour's delay,
// on the real clock: the waiter returns at once with the context's error
// and the last status.
func TestWaiterCancelDuringDelay(t *testing.T) {
	t.Parallel()
	var got []WaitPoll
	err := waitWithin(t, func(ctx context.Context) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		return NewIntegrationActiveWaiter(&blockingAPI{}).Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, 3*time.Hour,
			func(o *IntegrationActiveWaiterOptions) {
				o.MinDelay = time.Hour
				o.OnPoll = func(p WaitPoll) {
					got = append(got, p)
					time.AfterFunc(10*time.Millisecond, cancel) // during the delay that follows
				}
			})
	})
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrWaitTimeout) {
		t.Errorf("err = %v, want context.Canceled and not ErrWaitTimeout", err)
	}
	if want := `cwlogs: wait for integration "x" to be ACTIVE: context canceled after 1 poll; last status PROVISIONING`; err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant  %s", err, want)
	}
	if len(got) != 1 || got[0].Next != time.Hour {
		t.Errorf("polls = %+v, want one with Next 1h", got)
	}
}

// TestWaiterPollCut checks that a poll in flight is cut at the deadline
// (maxWaitDur's, or the context's) or by a cancellation, and that its
// OnPoll has Next 0. Cut by maxWaitDur while the caller's context is alive,
// the error does not match context.DeadlineExceeded, which would read as
// the caller's own deadline, and it wraps the error of the poll before
// (here: the not-found grace).
func TestWaiterPollCut(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		ctx      func(parent context.Context) (context.Context, context.CancelFunc)
		maxWait  time.Duration
		firstErr error // of the first poll; PROVISIONING if nil
		wantIs   []error
		wantNot  []error
	}{
		{"maxWaitDur", func(p context.Context) (context.Context, context.CancelFunc) { return context.WithCancel(p) },
			50 * time.Millisecond, nil, []error{ErrWaitTimeout}, []error{context.Canceled, context.DeadlineExceeded}},
		{"maxWaitDur after a not-found poll", func(p context.Context) (context.Context, context.CancelFunc) { return context.WithCancel(p) },
			50 * time.Millisecond, errNotFound, []error{ErrWaitTimeout, ErrResourceNotFound}, []error{context.Canceled, context.DeadlineExceeded}},
		{"context deadline", func(p context.Context) (context.Context, context.CancelFunc) {
			return context.WithTimeout(p, 50*time.Millisecond)
		}, time.Hour, nil, []error{ErrWaitTimeout, context.DeadlineExceeded}, []error{context.Canceled}},
		{"cancelled", func(p context.Context) (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(p)
			time.AfterFunc(50*time.Millisecond, cancel)
			return ctx, cancel
		}, time.Hour, nil, []error{context.Canceled}, []error{ErrWaitTimeout}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			api := &blockingAPI{err: tt.firstErr}
			var got []WaitPoll
			err := waitWithin(t, func(ctx context.Context) error {
				ctx, cancel := tt.ctx(ctx)
				defer cancel()
				return NewIntegrationActiveWaiter(api).Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait,
					func(o *IntegrationActiveWaiterOptions) {
						o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
						o.OnPoll = func(p WaitPoll) {
							got = append(got, p)
							api.mu.Lock()
							api.block = true // the next poll hangs
							api.mu.Unlock()
						}
					})
			})
			checkIs(t, err, tt.wantIs, tt.wantNot)
			want := "after 2 polls; last status PROVISIONING"
			if tt.firstErr != nil {
				want = "after 2 polls; no status seen; last error: GetIntegration: ResourceNotFoundException"
			}
			if err != nil && !strings.Contains(err.Error(), want) {
				t.Errorf("err = %v, want it to say %q", err, want)
			}
			if len(got) != 2 || got[0].Next != time.Millisecond || got[1].Next != 0 || got[1].Err == nil {
				t.Errorf("polls = %+v, want 2, the second cut, with Next 0", got)
			}
		})
	}
}

// TestWaiterContextDeadlineFirst checks, on the real clock, that a context
// deadline sooner than maxWaitDur bounds the delays too: with less than
// MinDelay left before it, the waiter times out at once, without waiting
// for it, and the error matches context.DeadlineExceeded: the context's
// deadline ended the wait.
func TestWaiterContextDeadlineFirst(t *testing.T) {
	t.Parallel()
	var got []WaitPoll
	api := &blockingAPI{}
	err := waitWithin(t, func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, time.Minute)
		defer cancel()
		return NewIntegrationActiveWaiter(api).Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, 3*time.Hour,
			func(o *IntegrationActiveWaiterOptions) {
				o.MinDelay = time.Hour
				o.OnPoll = func(p WaitPoll) { got = append(got, p) }
			})
	})
	if want := `cwlogs: wait for integration "x" to be ACTIVE: context deadline exceeded after 1 poll; last status PROVISIONING`; err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant  %s", err, want)
	}
	checkIs(t, err, []error{ErrWaitTimeout, context.DeadlineExceeded}, []error{context.Canceled})
	if len(got) != 1 || got[0].Next != 0 {
		t.Errorf("polls = %+v, want one with Next 0", got)
	}
}

// TestWaiterDeadlinePhases ends waits at a deadline in each phase of the
// loop, on the fake clock: during a poll, during a delay, and after a poll
// that leaves no room for another (at the first poll, and at a later one).
// When the deadline is the context's, the error matches
// context.DeadlineExceeded and says so; when it is maxWaitDur's, it does
// not.
func TestWaiterDeadlinePhases(t *testing.T) {
	t.Parallel()
	const s = time.Second
	pending := answer{status: IntegrationStatusProvisioning}
	tests := []struct {
		name string
		// ctxAfter is when the context's deadline comes, 0 for none;
		// maxWait is maxWaitDur.
		ctxAfter, maxWait time.Duration
		ctxLag            time.Duration // how late the context ends after its deadline
		answers           []answer
		oversleep         time.Duration
		wantPolls         int
		wantLastNext      time.Duration // the last poll's Next: the delay the deadline ended
		wantDeadline      bool          // matches context.DeadlineExceeded
		wantText          string
	}{
		{name: "context, during a poll", ctxAfter: 15 * s, maxWait: time.Hour,
			answers: []answer{pending, {status: IntegrationStatusProvisioning, took: 30 * s}}, wantPolls: 2, wantDeadline: true,
			wantText: "context deadline exceeded after 2 polls; last status PROVISIONING"},
		{name: "context, poll cut before the context ends", ctxAfter: 15 * s, ctxLag: time.Nanosecond, maxWait: time.Hour,
			answers: []answer{pending, {status: IntegrationStatusProvisioning, took: 5 * s}}, wantPolls: 2, wantDeadline: true,
			wantText: "context deadline exceeded after 2 polls; last status PROVISIONING"},
		{name: "context, during a delay", ctxAfter: 15 * s, maxWait: time.Hour, answers: []answer{pending}, oversleep: 10 * s,
			wantPolls: 1, wantLastNext: 10 * s, wantDeadline: true, wantText: "context deadline exceeded after 1 poll; last status PROVISIONING"},
		{name: "context, before the second poll", ctxAfter: 5 * s, maxWait: time.Hour, answers: []answer{pending},
			wantPolls: 1, wantDeadline: true, wantText: "context deadline exceeded after 1 poll; last status PROVISIONING"},
		{name: "context, before the third poll", ctxAfter: 15 * s, maxWait: time.Hour, answers: []answer{pending},
			wantPolls: 2, wantDeadline: true, wantText: "context deadline exceeded after 2 polls; last status PROVISIONING"},
		{name: "context and maxWaitDur at once", ctxAfter: 15 * s, maxWait: 15 * s, answers: []answer{pending},
			wantPolls: 2, wantDeadline: true, wantText: "context deadline exceeded after 2 polls; last status PROVISIONING"},
		{name: "maxWaitDur, during a poll", ctxAfter: time.Hour, maxWait: 15 * s,
			answers: []answer{pending, {status: IntegrationStatusProvisioning, took: 30 * s}}, wantPolls: 2,
			wantText: "timed out after 2 polls; last status PROVISIONING"},
		{name: "maxWaitDur, before the third poll", maxWait: 15 * s, answers: []answer{pending},
			wantPolls: 2, wantText: "timed out after 2 polls; last status PROVISIONING"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := newFakeClock()
			clock.oversleep = tt.oversleep
			api := &scriptedAPI{clock: clock, answers: tt.answers}
			p := &polls{clock: clock}
			err := waitWithin(t, func(ctx context.Context) error {
				if tt.ctxAfter > 0 {
					c := clock.contextIn(ctx, clock.now().Add(tt.ctxAfter))
					c.lag = tt.ctxLag
					ctx = c
				}
				return NewIntegrationActiveWaiter(api).Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait,
					func(o *IntegrationActiveWaiterOptions) {
						o.MinDelay, o.MaxDelay, o.OnPoll, o.clock = 10*s, 10*s, p.onPoll, clock
					})
			})
			wantIs, wantNot := []error{ErrWaitTimeout}, []error{context.Canceled}
			if tt.wantDeadline {
				wantIs = append(wantIs, context.DeadlineExceeded)
			} else {
				wantNot = append(wantNot, context.DeadlineExceeded)
			}
			checkIs(t, err, wantIs, wantNot)
			if want := `cwlogs: wait for integration "x" to be ACTIVE: ` + tt.wantText; err == nil || err.Error() != want {
				t.Errorf("err = %v\nwant  %s", err, want)
			}
			if len(api.calls) != tt.wantPolls || len(p.got) != tt.wantPolls || p.got[len(p.got)-1].Next != tt.wantLastNext {
				t.Errorf("%d polls, OnPoll %+v; want %d, the last with Next %v", len(api.calls), p.got, tt.wantPolls, tt.wantLastNext)
			}
		})
	}
}

// TestWaiterValidate checks the options each waiter's Validate refuses,
// and that Wait refuses them too, with the same reason, before any poll.
func TestWaiterValidate(t *testing.T) {
	t.Parallel()
	const s = time.Second
	tests := []struct {
		name               string
		nilClient          bool
		minDelay, maxDelay time.Duration
		want               string // "" when valid: field and reason
	}{
		{name: "defaults"},
		{name: "set", minDelay: s, maxDelay: 2 * s},
		{name: "equal", minDelay: s, maxDelay: s},
		{name: "MinDelay over the default MaxDelay", minDelay: 2 * time.Minute},
		{name: "MaxDelay under the default MinDelay", maxDelay: s, want: "MinDelay is 10s, more than MaxDelay (1s)"},
		{name: "MinDelay over MaxDelay", minDelay: 2 * s, maxDelay: s, want: "MinDelay is 2s, more than MaxDelay (1s)"},
		{name: "negative MinDelay", minDelay: -s, want: "MinDelay is -1s, want zero or more"},
		{name: "negative MaxDelay", maxDelay: -s, want: "MaxDelay is -1s, want zero or more"},
		{name: "nil client", nilClient: true, want: "client is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			api := &scriptedAPI{clock: newFakeClock(), answers: []answer{activeAnswer}}
			var client GetIntegrationAPI = api
			if tt.nilClient {
				client = (*Client)(nil)
			}
			active := NewIntegrationActiveWaiter(client, func(o *IntegrationActiveWaiterOptions) {
				o.MinDelay, o.MaxDelay, o.clock = tt.minDelay, tt.maxDelay, api.clock
			})
			deleted := NewIntegrationDeletedWaiter(client, func(o *IntegrationDeletedWaiterOptions) {
				o.MinDelay, o.MaxDelay, o.clock = tt.minDelay, tt.maxDelay, api.clock
			})
			in := &GetIntegrationInput{IntegrationName: "x"}
			for _, w := range []struct {
				name           string
				validate, wait func() error
			}{
				{"IntegrationActiveWaiter", active.Validate, func() error {
					return waitWithin(t, func(ctx context.Context) error { return active.Wait(ctx, in, time.Hour) })
				}},
				{"IntegrationDeletedWaiter", deleted.Validate, func() error {
					return waitWithin(t, func(ctx context.Context) error { return deleted.Wait(ctx, in, time.Hour) })
				}},
			} {
				err := w.validate()
				if tt.want == "" {
					if err != nil {
						t.Errorf("%s.Validate() = %v, want nil", w.name, err)
					}
					continue
				}
				var inErr *InvalidInputError
				if want := "cwlogs: " + w.name + ": invalid input: " + tt.want; err == nil || err.Error() != want || !errors.As(err, &inErr) {
					t.Errorf("%s.Validate() = %v, want an InvalidInputError %s", w.name, err, want)
				}
				before := len(api.calls)
				err = w.wait()
				if want := "cwlogs: " + w.name + ".Wait: invalid input: " + tt.want; err == nil || err.Error() != want {
					t.Errorf("%s.Wait() = %v, want %s", w.name, err, want)
				}
				if len(api.calls) != before {
					t.Errorf("%s.Wait polled with options it refuses", w.name)
				}
			}
		})
	}
	var nilWaiter *IntegrationActiveWaiter
	if err := nilWaiter.Validate(); err == nil || !errors.Is(err, ErrInvalidParameter) {
		t.Errorf("nil waiter: Validate() = %v, want an invalid input", err)
	}
}

// TestWaiterInputRefused checks that Wait refuses, before any poll, an
// input whose poll would send nothing: a nil params or a name that
// GetIntegration refuses. The error is the name's, not a wait "stopped by
// an error after 1 poll".
func TestWaiterInputRefused(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   *GetIntegrationInput
		want string
	}{
		{"nil params", nil, "IntegrationName is required"},
		{"no name", &GetIntegrationInput{}, "IntegrationName is required"},
		{"bad name", &GetIntegrationInput{IntegrationName: "a b"}, "IntegrationName has ' ' at byte 1, want only letters, digits and . - _ / #"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			api := &scriptedAPI{clock: newFakeClock(), answers: []answer{activeAnswer}}
			errs := map[string]error{
				"IntegrationActiveWaiter": waitWithin(t, func(ctx context.Context) error {
					return NewIntegrationActiveWaiter(api, func(o *IntegrationActiveWaiterOptions) { o.clock = api.clock }).Wait(ctx, tt.in, time.Hour)
				}),
				"IntegrationDeletedWaiter": waitWithin(t, func(ctx context.Context) error {
					return NewIntegrationDeletedWaiter(api, func(o *IntegrationDeletedWaiterOptions) { o.clock = api.clock }).Wait(ctx, tt.in, time.Hour)
				}),
			}
			for waiter, err := range errs {
				if want := "cwlogs: " + waiter + ".Wait: invalid input: " + tt.want; err == nil || err.Error() != want || !errors.Is(err, ErrInvalidParameter) {
					t.Errorf("%s: err = %v, want %s", waiter, err, want)
				}
			}
			if len(api.calls) != 0 {
				t.Errorf("%d polls, want none", len(api.calls))
			}
		})
	}
}
