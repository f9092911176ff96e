// Package retry is the one way chitieu tries a thing again: a Policy value
// says how many times and how long to wait between, and Do runs an
// operation under it on a clock (a fake one in tests).
package retry

import (
	"context"
	"errors"
	"math/rand/v2"
	"time"

	"github.com/jonboulle/clockwork"
)

// Policy says how often and how long to try again.
type Policy struct {
	Tries int // tries in all, the first included; 0: until the context ends
	// Waits are the waits after each failed try, in order, the last one
	// kept for the tries after; when empty, First doubled each try up to
	// Max.
	Waits  []time.Duration
	First  time.Duration
	Max    time.Duration
	Jitter bool // a random wait up to the one computed, so that contenders part
}

// Wait is the wait after try (0 for the first) failed.
func (p Policy) Wait(try int) time.Duration {
	var d time.Duration
	switch {
	case len(p.Waits) > 0:
		d = p.Waits[min(try, len(p.Waits)-1)]
	case p.First > 0:
		d = p.First << min(try, 30)
		if p.Max > 0 && (d > p.Max || d <= 0) {
			d = p.Max
		}
	}
	if p.Jitter && d > 0 {
		d = time.Duration(rand.Int64N(int64(d)) + 1)
	}
	return d
}

// stop is an error not to try again.
type stop struct{ err error }

func (s stop) Error() string { return s.err.Error() }
func (s stop) Unwrap() error { return s.err }

// Stop marks err as final: Do returns it at once.
func Stop(err error) error {
	if err == nil {
		return nil
	}
	return stop{err}
}

// after is an error to try again after a wait it names (Telegram's
// retry_after), not the policy's.
type after struct {
	err error
	d   time.Duration
}

func (a after) Error() string { return a.err.Error() }
func (a after) Unwrap() error { return a.err }

// After marks err as one to try again after d exactly.
func After(d time.Duration, err error) error { return after{err, d} }

// Do runs op until it returns nil or a Stop error, the policy's tries are
// spent, or ctx ends, waiting on clock (the real one when nil) between
// tries. It returns op's last error (unwrapped from Stop and After), or
// ctx's when it ended during a wait.
func Do(ctx context.Context, p Policy, clock clockwork.Clock, op func(try int) error) error {
	return DoWith(ctx, p, OnClock(clock), op)
}

// Waiter waits d, or less when ctx ends (then returning its error).
type Waiter func(ctx context.Context, d time.Duration) error

// OnClock waits on clock's timers; the real clock's when nil.
func OnClock(clock clockwork.Clock) Waiter {
	if clock == nil {
		clock = clockwork.NewRealClock()
	}
	return func(ctx context.Context, d time.Duration) error {
		t := clock.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.Chan():
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// DoWith is Do waiting with wait.
func DoWith(ctx context.Context, p Policy, wait Waiter, op func(try int) error) error {
	for try := 0; ; try++ {
		err := op(try)
		var s stop
		var a after
		switch {
		case err == nil:
			return nil
		case errors.As(err, &s):
			return s.err
		case p.Tries > 0 && try+1 >= p.Tries:
			if errors.As(err, &a) {
				return a.err
			}
			return err
		}
		d := p.Wait(try)
		if errors.As(err, &a) {
			d = a.d
		}
		if d <= 0 {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			continue
		}
		if err := wait(ctx, d); err != nil {
			return err
		}
	}
}
