package retry_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"

	"chitieu/retry"
)

func TestWaitsGrowToTheirMax(t *testing.T) {
	p := retry.Policy{First: time.Second, Max: time.Minute}
	var got []time.Duration
	for try := range 8 {
		got = append(got, p.Wait(try))
	}
	want := []time.Duration{1, 2, 4, 8, 16, 32, 60, 60}
	for i := range want {
		if got[i] != want[i]*time.Second {
			t.Fatalf("waits %v, want %v seconds", got, want)
		}
	}
	listed := retry.Policy{Waits: []time.Duration{10 * time.Second, time.Minute}}
	if listed.Wait(0) != 10*time.Second || listed.Wait(5) != time.Minute {
		t.Errorf("listed waits: %v, %v", listed.Wait(0), listed.Wait(5))
	}
	jitter := retry.Policy{First: time.Millisecond, Max: 20 * time.Millisecond, Jitter: true}
	for try := range 50 {
		if w := jitter.Wait(try); w <= 0 || w > 20*time.Millisecond {
			t.Fatalf("jittered wait %v out of (0, 20ms]", w)
		}
	}
}

// TestDoWaitsOnItsClock: Do tries again after the policy's wait on the
// clock it is given, stops at its tries, at a Stop error and at a
// context's end, and waits what After names.
func TestDoWaitsOnItsClock(t *testing.T) {
	ctx := context.Background()
	clock := clockwork.NewFakeClock()
	boom := errors.New("boom")
	done := make(chan error)
	tries := 0
	go func() {
		done <- retry.Do(ctx, retry.Policy{Tries: 3, First: time.Second}, clock, func(int) error { tries++; return boom })
	}()
	for _, d := range []time.Duration{time.Second, 2 * time.Second} {
		clock.BlockUntilContext(ctx, 1)
		clock.Advance(d)
	}
	if err := <-done; !errors.Is(err, boom) || tries != 3 {
		t.Fatalf("after %d tries: %v", tries, err)
	}
	if err := retry.Do(ctx, retry.Policy{}, clock, func(int) error { return retry.Stop(boom) }); err != boom {
		t.Errorf("a Stop error: %v", err)
	}
	go func() {
		done <- retry.Do(ctx, retry.Policy{Tries: 2, First: time.Second}, clock, func(try int) error {
			if try == 0 {
				return retry.After(time.Hour, boom)
			}
			return nil
		})
	}()
	clock.BlockUntilContext(ctx, 1)
	clock.Advance(59 * time.Minute)
	select {
	case err := <-done:
		t.Fatalf("After(1h) waited less: %v", err)
	default:
	}
	clock.Advance(time.Minute)
	if err := <-done; err != nil {
		t.Errorf("after the hour: %v", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	go func() { done <- retry.Do(cctx, retry.Policy{First: time.Hour}, clock, func(int) error { return boom }) }()
	clock.BlockUntilContext(ctx, 1)
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("a context ended in a wait: %v", err)
	}
}
