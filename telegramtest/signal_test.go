package telegramtest_test

import (
	"sync/atomic"
	"testing"
	"time"

	"chitieu/telegramtest"
)

// TestSignalWakesAtTheChange: Until looks again when notified, and gives
// up at its time-out when nothing changes.
func TestSignalWakesAtTheChange(t *testing.T) {
	var s telegramtest.Signal
	var n atomic.Int32
	go func() {
		for range 3 {
			n.Add(1)
			s.Notify()
		}
	}()
	if !s.Until(time.Minute, func() bool { return n.Load() == 3 }) {
		t.Fatal("three changes were not seen")
	}
	if s.Until(time.Millisecond, func() bool { return false }) {
		t.Fatal("a condition that never holds was said to hold")
	}
}
