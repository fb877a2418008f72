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
// a poll takes time.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 9, 15, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.advance(d)
	return nil
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
			err := NewIntegrationActiveWaiter(api).Wait(context.Background(), &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait,
				func(o *IntegrationActiveWaiterOptions) {
					o.MinDelay, o.MaxDelay, o.OnPoll, o.clock = tt.minDelay, tt.maxDelay, p.onPoll, clock
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
			err := NewIntegrationActiveWaiter(api).Wait(context.Background(), &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait, opts...)
			if err == nil || err.Error() != tt.want || !errors.Is(err, ErrInvalidParameter) {
				t.Errorf("err = %v\nwant   %s (ErrInvalidParameter)", err, tt.want)
			}
			if len(api.calls) != 0 {
				t.Errorf("%d requests, want none", len(api.calls))
			}
		})
	}
	err := NewIntegrationDeletedWaiter(nil).Wait(context.Background(), nil, time.Hour)
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
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []WaitPoll
	start := time.Now()
	err := NewIntegrationActiveWaiter(&blockingAPI{}).Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, 3*time.Hour,
		func(o *IntegrationActiveWaiterOptions) {
			o.MinDelay = time.Hour
			o.OnPoll = func(p WaitPoll) {
				got = append(got, p)
				time.AfterFunc(10*time.Millisecond, cancel) // during the delay that follows
			}
		})
	if elapsed := time.Since(start); elapsed > time.Minute {
		t.Errorf("Wait returned after %v, want at once", elapsed)
	}
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
		ctx      func() (context.Context, context.CancelFunc)
		maxWait  time.Duration
		firstErr error // of the first poll; PROVISIONING if nil
		wantIs   []error
		wantNot  []error
	}{
		{"maxWaitDur", func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) },
			50 * time.Millisecond, nil, []error{ErrWaitTimeout}, []error{context.Canceled, context.DeadlineExceeded}},
		{"maxWaitDur after a not-found poll", func() (context.Context, context.CancelFunc) { return context.WithCancel(context.Background()) },
			50 * time.Millisecond, errNotFound, []error{ErrWaitTimeout, ErrResourceNotFound}, []error{context.Canceled, context.DeadlineExceeded}},
		{"context deadline", func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 50*time.Millisecond)
		}, time.Hour, nil, []error{ErrWaitTimeout, context.DeadlineExceeded}, []error{context.Canceled}},
		{"cancelled", func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(50*time.Millisecond, cancel)
			return ctx, cancel
		}, time.Hour, nil, []error{context.Canceled}, []error{ErrWaitTimeout}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := tt.ctx()
			defer cancel()
			api := &blockingAPI{err: tt.firstErr}
			var got []WaitPoll
			err := NewIntegrationActiveWaiter(api).Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, tt.maxWait,
				func(o *IntegrationActiveWaiterOptions) {
					o.MinDelay, o.MaxDelay = time.Millisecond, time.Millisecond
					o.OnPoll = func(p WaitPoll) {
						got = append(got, p)
						api.mu.Lock()
						api.block = true // the next poll hangs
						api.mu.Unlock()
					}
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

// TestWaiterContextDeadlineFirst checks that a context deadline sooner than
// maxWaitDur bounds the delays too: with less than MinDelay left before it,
// the waiter times out at once, without waiting for it.
func TestWaiterContextDeadlineFirst(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var got []WaitPoll
	api := &blockingAPI{}
	err := NewIntegrationActiveWaiter(api).Wait(ctx, &GetIntegrationInput{IntegrationName: "x"}, 3*time.Hour,
		func(o *IntegrationActiveWaiterOptions) {
			o.MinDelay = time.Hour
			o.OnPoll = func(p WaitPoll) { got = append(got, p) }
		})
	if ctx.Err() != nil {
		t.Errorf("Wait returned at the context's deadline, want before")
	}
	if want := `cwlogs: wait for integration "x" to be ACTIVE: timed out after 1 poll; last status PROVISIONING`; err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant  %s", err, want)
	}
	checkIs(t, err, []error{ErrWaitTimeout}, []error{context.DeadlineExceeded})
	if len(got) != 1 || got[0].Next != 0 {
		t.Errorf("polls = %+v, want one with Next 0", got)
	}
}
