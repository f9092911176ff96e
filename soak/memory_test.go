//go:build soak

package soak

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"chitieu/store"
	"chitieu/telegramtest"
)

// memReporters × memReports one-line reports are sent to serve: few
// each, within a person's flood allowance.
const memReporters, memReports = 2000, 5

// TestServeMemoryAfter10000Reports: after 10,000 one-line reports (a
// thousand reporters, ten each, within their flood allowance) serve's
// resident memory stays under 64 MB. The fake Bot API is unlimited here:
// this measures serve, not Telegram's pace.
func TestServeMemoryAfter10000Reports(t *testing.T) {
	env := newEnvWith(t, telegramtest.Options{Overall: 1e9, PerChat: 1e9, PerChatBurst: 1 << 20})
	s := env.store(t)
	for i := range memReporters {
		u := memReporter(i)
		s.People.EnsureAdmin(context.Background(), store.Profile{ID: u.ID, Name: u.FirstName, Lang: "vi"})
		s.People.SetAccess(context.Background(), 0, u.ID, []store.Role{store.Reporter}, targets[i%len(targets)].unit)
	}
	s.Close()
	env.serve.start()
	tl := &tally{keys: map[string]int{}}
	start := time.Now()
	sem := make(chan struct{}, 64)
	var wg sync.WaitGroup
	for i := range memReporters {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			for range memReports {
				env.report(t, tl, memReporter(i), targets[i%len(targets)].code+": 100%")
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	time.Sleep(time.Second)
	after := env.serve.sample(t)
	fmt.Printf("soak: %d reports confirmed in %.1f s (%.0f/s); serve's resident memory %.1f MB, heap %.1f MB, goroutines %d\n",
		tl.confirmed.Load(), took.Seconds(), float64(tl.confirmed.Load())/took.Seconds(), float64(after.rss)/(1<<20),
		float64(after.heap)/(1<<20), after.goroutines)
	if tl.confirmed.Load() != memReporters*memReports {
		t.Errorf("%d of %d reports confirmed", tl.confirmed.Load(), memReporters*memReports)
	}
	if after.rss == 0 || after.rss >= 64<<20 {
		t.Errorf("serve's resident memory after %d reports is %.1f MB, want under 64 MB", memReporters*memReports, float64(after.rss)/(1<<20))
	}
}

func memReporter(i int) telegramtest.User {
	return telegramtest.User{ID: int64(700000 + i), FirstName: fmt.Sprint("Cán bộ ", i), Lang: "vi"}
}
