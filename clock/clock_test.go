package clock_test

import (
	"testing"
	"time"

	"chitieu/clock"
)

func TestAtTellsItsDayAndWaitsInRealTime(t *testing.T) {
	day := time.Date(2025, 6, 16, 9, 0, 0, 0, time.UTC)
	c := clock.At(func() time.Time { return day })
	if !c.Now().Equal(day) || c.Since(day) != 0 || c.Until(day.Add(time.Hour)) != time.Hour {
		t.Fatalf("now %v, since %v", c.Now(), c.Since(day))
	}
	select {
	case <-c.After(time.Millisecond):
	case <-time.After(10 * time.Second):
		t.Fatal("a millisecond's timer did not fire in real time")
	}
}
