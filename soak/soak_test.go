//go:build soak

// Package soak is the load and fault suite: simulated reporters talk to a
// real `chitieu serve` process over the fake Bot API server and a Redis of
// its own, while Redis is stopped and restarted and the serve process is
// killed with SIGKILL and restarted, and while Redis is away across the
// minute the weekly digest is due. At the end every figure a reporter saw
// confirmed is in Redis exactly once, every push sent went out once, the
// digest whose minute Redis missed reached each leader once, and the
// process's goroutines and memory have not grown without bound.
//
//	go test -tags=soak -count=1 ./soak/ [-soak.reporters 40 -soak.reports 8]
package soak

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"chitieu/store"
	"chitieu/telegramtest"
)

var (
	reporters = flag.Int("soak.reporters", 16, "simulated reporters")
	reports   = flag.Int("soak.reports", 4, "reports each sends, in each of two rounds")
)

// targets are the indicators the reporters report: levels of ≥ 100% or so,
// reported monthly, each owned by a unit.
var targets = []struct{ unit, code string }{
	{"TTXD", "CT04.1"}, {"TNMT", "CT04.6"}, {"BCHQS", "CT05.1"},
}

const leaderA, leaderB = 900001, 900002

// tally is what the suite counts.
type tally struct {
	sent, confirmed, busy atomic.Int64
	mu                    sync.Mutex
	keys                  map[string]int // figure keys the reporters saw confirmed
}

func TestSoak(t *testing.T) {
	env := newEnv(t)
	people(t, env)
	env.serve.start()
	tl := &tally{keys: map[string]int{}}

	chaosDone := make(chan struct{})
	var outages, kills atomic.Int64
	go func() { defer close(chaosDone); env.chaos(t, &outages, &kills) }()
	env.round(t, tl, 0)
	<-chaosDone
	env.drain(t)

	due := env.digestSoon(t, 20*time.Second) // Redis away across the digest's minute
	env.redisDownAcross(t, due, 3*time.Second, 12*time.Second)
	outages.Add(1)
	env.digestsOnce(t, due)
	env.drain(t)

	env.faults(t, tl) // a Bot API that misbehaves
	env.drain(t)

	env.round(t, tl, *reports) // a calm round: the process reaches its working size
	env.drain(t)
	time.Sleep(2 * time.Second)
	before := env.serve.sample(t)
	env.round(t, tl, 2*(*reports)) // and another: it must not grow again
	env.drain(t)
	time.Sleep(2 * time.Second)
	after := env.serve.sample(t)

	figures, dups, losses := env.checkFigures(t, tl)
	delivered, pushDups, pushLost := env.checkPushes(t)
	t.Logf("soak: updates handled %d, figures saved %d, pushes delivered %d, duplicates %d, losses %d, Redis outages survived %d, serve kills survived %d, busy replies %d",
		tl.sent.Load(), figures, delivered, dups+pushDups, losses+pushLost, outages.Load(), kills.Load(), tl.busy.Load())
	fmt.Printf("soak: updates handled %d, figures saved %d, pushes delivered %d, duplicates %d, losses %d, Redis outages survived %d, serve kills survived %d\n",
		tl.sent.Load(), figures, delivered, dups+pushDups, losses+pushLost, outages.Load(), kills.Load())
	if dups+pushDups != 0 || losses+pushLost != 0 {
		t.Errorf("duplicates %d (figures %d, pushes %d), losses %d (figures %d, pushes %d)", dups+pushDups, dups, pushDups, losses+pushLost, losses, pushLost)
	}
	if after.goroutines > before.goroutines+10 || after.heap > before.heap*3/2+16<<20 {
		t.Errorf("the process grew: goroutines %d → %d, heap %d → %d", before.goroutines, after.goroutines, before.heap, after.heap)
	}
	if outages.Load() < 3 || kills.Load() < 2 {
		t.Errorf("the chaos did not happen: %d outages, %d kills", outages.Load(), kills.Load())
	}
}

// people makes the reporters and two leaders.
func people(t *testing.T, env *env) {
	s := env.store(t)
	defer s.Close()
	for i := range *reporters {
		u := reporterOf(i)
		s.People.EnsureAdmin(context.Background(), store.Profile{ID: u.ID, Name: u.FirstName, Lang: "vi"})
		s.People.SetAccess(context.Background(), 0, u.ID, []store.Role{store.Reporter}, targets[i%len(targets)].unit)
	}
	s.People.EnsureAdmin(context.Background(), store.Profile{ID: presser.ID, Name: presser.FirstName, Lang: "vi"})
	s.People.SetAccess(context.Background(), 0, presser.ID, []store.Role{store.Reporter}, "BTC")
	for _, id := range []int64{leaderA, leaderB} {
		s.People.EnsureAdmin(context.Background(), store.Profile{ID: id, Name: fmt.Sprint("Lãnh đạo ", id), Lang: "vi"})
		s.People.SetAccess(context.Background(), 0, id, []store.Role{store.Leader}, "")
	}
}

func reporterOf(i int) telegramtest.User {
	return telegramtest.User{ID: int64(800000 + i), FirstName: fmt.Sprint("Cán bộ ", i), Lang: "vi"}
}

// round has every reporter send its reports, one at a time, waiting for
// each to be confirmed.
func (env *env) round(t *testing.T, tl *tally, offset int) {
	var all []int
	for i := range *reporters {
		all = append(all, i)
	}
	env.roundOf(t, tl, all, offset)
}

// roundOf is a round of some reporters.
func (env *env) roundOf(t *testing.T, tl *tally, who []int, offset int) {
	var wg sync.WaitGroup
	for _, i := range who {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := reporterOf(i)
			for r := range *reports {
				value := "100%"
				if (r+offset)%4 == 2 { // every reporter of an indicator at once: an alert, then back on track
					value = "50%"
				}
				env.report(t, tl, u, targets[i%len(targets)].code+": "+value)
			}
		}()
	}
	wg.Wait()
}

// report sends one line and waits until the bot confirms it; a figure
// that puts its indicator off track is saved with the reason the bot asks
// for, as a cadre gives it.
func (env *env) report(t *testing.T, tl *tally, u telegramtest.User, line string) {
	before := len(env.srv.Sent(u.ID))
	id := env.srv.SendText(u, line)
	tl.sent.Add(1)
	asked := func(ms []telegramtest.Message) bool {
		return strings.Contains(joined(ms[min(before, len(ms)):]), "nêu ngắn gọn nguyên nhân")
	}
	if asked(env.srv.Wait(context.Background(), u.ID, 90*time.Second, func(ms []telegramtest.Message) bool {
		rest := joined(ms[min(before, len(ms)):])
		return strings.Contains(rest, "Đã lưu") || strings.Contains(rest, "nêu ngắn gọn nguyên nhân")
	})) {
		env.srv.SendText(u, "Công trình mới khởi công, chưa kiểm tra kịp")
	}
	env.confirmed(t, tl, u, before, env.srv.MessageOf(id), line)
}

// confirmed waits until the bot says a report was saved.
func (env *env) confirmed(t *testing.T, tl *tally, u telegramtest.User, before, msg int, line string) {
	sent := env.srv.Wait(context.Background(), u.ID, 90*time.Second, func(ms []telegramtest.Message) bool {
		for _, m := range ms[min(before, len(ms)):] {
			if strings.Contains(m.Text, "Đã lưu") {
				return true
			}
		}
		return false
	})
	for _, m := range sent[min(before, len(sent)):] {
		if strings.Contains(m.Text, "Hệ thống đang bận") {
			tl.busy.Add(1)
		}
		if strings.Contains(m.Text, "Đã lưu") {
			tl.confirmed.Add(1)
			tl.mu.Lock()
			tl.keys[fmt.Sprintf("tg:%d:m%d", u.ID, msg)]++
			tl.mu.Unlock()
			return
		}
	}
	var said []string
	for _, m := range sent[min(before, len(sent)):] {
		said = append(said, m.Text)
	}
	t.Errorf("%s from %d was never confirmed; the bot said %q", line, u.ID, said)
}

// joined is the texts of messages, one after another.
func joined(ms []telegramtest.Message) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(m.Text)
		b.WriteByte('\n')
	}
	return b.String()
}
