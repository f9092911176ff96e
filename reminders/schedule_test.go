package reminders_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/reminders"
	"chitieu/store/storetest"
)

// TestTwoSchedulersWalkAWeek walks eight days of Asia/Ho_Chi_Minh on a fake
// clock with two schedulers on one Redis: each job runs once per
// occurrence, at its local time.
func TestTwoSchedulersWalkAWeek(t *testing.T) {
	start := at(2025, 11, 23, 0, 0) // a Sunday
	fc := clockwork.NewFakeClockAt(start)
	s := storetest.New(t, fc.Now)
	plan, _ := indicator.Load(plans.Example)
	svc := reminders.New(reminders.Service{Store: s, Plan: plan, Catalog: locales.MustLoad(), Clock: fc})
	var mu sync.Mutex
	runs := map[string][]time.Time{}
	var jobs []reminders.Job
	for _, j := range svc.Jobs() {
		j.Run = func(_ context.Context, now time.Time) error {
			mu.Lock()
			defer mu.Unlock()
			runs[j.Name] = append(runs[j.Name], now.In(hanoi))
			return nil
		}
		jobs = append(jobs, j)
	}
	var schedulers []gocron.Scheduler
	for range 2 {
		sch, err := reminders.NewScheduler(hanoi, fc)
		if err != nil {
			t.Fatal(err)
		}
		if err := svc.Schedule(ctx, sch, jobs); err != nil {
			t.Fatal(err)
		}
		sch.Start()
		defer sch.Shutdown()
		schedulers = append(schedulers, sch)
	}
	for fc.Now().Before(start.AddDate(0, 0, 8)) {
		settle(t, fc, 6) // each scheduler's three jobs wait for their time
		fc.Advance(15 * time.Minute)
	}
	for _, sch := range schedulers {
		if err := sch.Shutdown(); err != nil { // it waits for the runs in hand
			t.Fatal(err)
		}
	}
	mu.Lock()
	defer mu.Unlock()
	check := func(name string, n int, hour, min int, weekday time.Weekday) {
		if len(runs[name]) != n {
			t.Errorf("%s ran %d times, want %d: %v", name, len(runs[name]), n, runs[name])
		}
		for _, r := range runs[name] {
			if r.Hour() != hour || r.Minute() != min || weekday >= 0 && r.Weekday() != weekday {
				t.Errorf("%s ran at %v", name, r)
			}
		}
	}
	check("digest", 1, 8, 0, time.Monday)
	check("remind", 8, 8, 30, -1)
	check("sweep", 8, 7, 30, -1)
}

func TestOccurrence(t *testing.T) {
	daily := reminders.Job{At: 8*time.Hour + 30*time.Minute}
	weekly := reminders.Job{At: 8 * time.Hour, Weekday: time.Monday, Weekly: true}
	tests := []struct {
		j        reminders.Job
		now, due time.Time
	}{
		{daily, at(2025, 11, 27, 8, 45), at(2025, 11, 27, 8, 30)},
		{daily, at(2025, 11, 27, 8, 29), at(2025, 11, 26, 8, 30)},
		{daily, at(2025, 12, 1, 0, 10), at(2025, 11, 30, 8, 30)},
		{weekly, at(2025, 11, 24, 8, 0), at(2025, 11, 24, 8, 0)},
		{weekly, at(2025, 11, 30, 23, 0), at(2025, 11, 24, 8, 0)},
		{weekly, at(2025, 11, 24, 7, 59), at(2025, 11, 17, 8, 0)},
		{daily, time.Date(2025, 11, 27, 1, 45, 0, 0, time.UTC), at(2025, 11, 27, 8, 30)}, // 08:45 in Hà Nội
	}
	for _, tt := range tests {
		if got := tt.j.Occurrence(tt.now, hanoi); !got.Equal(tt.due) {
			t.Errorf("Occurrence(%v) = %v, want %v", tt.now, got, tt.due)
		}
	}
}
