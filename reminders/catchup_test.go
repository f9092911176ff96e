package reminders_test

import (
	"context"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jonboulle/clockwork"
	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/reminders"
	"chitieu/store"
	"chitieu/store/storetest"
)

// blip makes every Redis command fail while down, as a Redis restarting
// or failing over would.
type blip struct {
	down   atomic.Bool
	failed atomic.Int64
}

var errBlip = errors.New("redis: connection refused (blip)")

func (b *blip) DialHook(next redis.DialHook) redis.DialHook {
	return func(ctx context.Context, network, addr string) (net.Conn, error) { return next(ctx, network, addr) }
}

func (b *blip) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if b.down.Load() {
			b.failed.Add(1)
			cmd.SetErr(errBlip)
			return errBlip
		}
		return next(ctx, cmd)
	}
}

func (b *blip) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if b.down.Load() {
			b.failed.Add(1)
			return errBlip
		}
		return next(ctx, cmds)
	}
}

// runs records the occurrences each job ran for.
type runs struct {
	mu   sync.Mutex
	got  map[string][]time.Time
	fail map[string]int // the next runs of a job that fail
}

func (r *runs) jobs(svc *reminders.Service) []reminders.Job {
	var out []reminders.Job
	for _, j := range svc.Jobs() {
		j.Run = func(_ context.Context, at time.Time) error {
			r.mu.Lock()
			defer r.mu.Unlock()
			if r.fail[j.Name] > 0 {
				r.fail[j.Name]--
				return errors.New("the run failed")
			}
			r.got[j.Name] = append(r.got[j.Name], at.In(hanoi))
			return nil
		}
		out = append(out, j)
	}
	return out
}

func (r *runs) of(name string) []time.Time {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Time(nil), r.got[name]...)
}

func jobService(t *testing.T, fc *clockwork.FakeClock, s *store.Store) *reminders.Service {
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	return reminders.New(reminders.Service{Store: s, Plan: plan, Catalog: locales.MustLoad(), Now: fc.Now, Clock: fc})
}

// TestAJobRunsAfterARedisBlipAtItsMinute: Redis does not answer when the
// digest is due (Monday 08:00); the claim is tried again, and the digest
// runs once when Redis is back.
func TestAJobRunsAfterARedisBlipAtItsMinute(t *testing.T) {
	fc := clockwork.NewFakeClockAt(at(2025, 11, 24, 7, 59))
	s := storetest.New(t, fc.Now)
	svc := jobService(t, fc, s)
	r := &runs{got: map[string][]time.Time{}}
	b := &blip{}
	s.AddHook(b)
	sch, err := reminders.NewScheduler(hanoi, fc)
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.Schedule(ctx, sch, r.jobs(svc)); err != nil {
		t.Fatal(err)
	}
	sch.Start()
	defer sch.Shutdown()
	time.Sleep(20 * time.Millisecond)
	b.down.Store(true)
	fc.Advance(time.Minute)
	for deadline := time.Now().Add(10 * time.Second); b.failed.Load() == 0 && time.Now().Before(deadline); {
		time.Sleep(5 * time.Millisecond)
	}
	for range 5 { // 5 s of a Redis restarting
		fc.Advance(time.Second)
		time.Sleep(5 * time.Millisecond)
	}
	b.down.Store(false)
	for i := 0; i < 600 && len(r.of("digest")) == 0; i++ {
		fc.Advance(time.Second)
		time.Sleep(2 * time.Millisecond)
	}
	if b.failed.Load() == 0 {
		t.Fatal("Redis was never asked while down")
	}
	got := r.of("digest")
	if len(got) != 1 || !got[0].Equal(at(2025, 11, 24, 8, 0)) {
		t.Errorf("the digest ran for %v, want once for Monday 08:00", got)
	}
}

// TestAFailedRunGivesItsClaimUp: a run that fails on every try gives its
// claim up, so a later try (here, a catch-up at start) runs it.
func TestAFailedRunGivesItsClaimUp(t *testing.T) {
	fc := clockwork.NewFakeClockAt(at(2025, 11, 24, 9, 0))
	s := storetest.New(t, fc.Now)
	if _, err := s.Jobs.SchedulingSince(ctx, at(2025, 11, 20, 9, 0)); err != nil {
		t.Fatal(err)
	}
	svc := jobService(t, fc, s)
	r := &runs{got: map[string][]time.Time{}, fail: map[string]int{"digest": 4, "sweep": 0, "remind": 0}}
	jobs := r.jobs(svc)
	done := make(chan struct{})
	go func() { svc.CatchUp(ctx, jobs); close(done) }()
	for waiting := true; waiting; {
		select {
		case <-done:
			waiting = false
		case <-time.After(2 * time.Millisecond):
			fc.Advance(10 * time.Second)
		}
	}
	if len(r.of("digest")) != 0 || len(r.of("sweep")) != 1 || len(r.of("remind")) != 1 {
		t.Fatalf("runs %v", r.got)
	}
	svc.CatchUp(ctx, jobs) // a restart: the digest's claim was given up
	if got := r.of("digest"); len(got) != 1 || !got[0].Equal(at(2025, 11, 24, 8, 0)) {
		t.Errorf("the digest ran for %v after its claim was given up", got)
	}
	if len(r.of("sweep")) != 1 || len(r.of("remind")) != 1 {
		t.Errorf("the runs done were done again: %v", r.got)
	}
}

// TestCatchUpMakesUpWhatWasMissed: no instance was up across Monday
// morning; the first to start makes up the sweep, the digest and the
// reminders, oldest first, once; a first start ever makes up nothing.
func TestCatchUpMakesUpWhatWasMissed(t *testing.T) {
	fc := clockwork.NewFakeClockAt(at(2025, 11, 23, 10, 0)) // a Sunday
	s := storetest.New(t, fc.Now)
	svc := jobService(t, fc, s)
	r := &runs{got: map[string][]time.Time{}}
	jobs := r.jobs(svc)
	svc.CatchUp(ctx, jobs)
	if len(r.got) != 0 {
		t.Fatalf("a first start made up %v", r.got)
	}
	fc.Advance(24 * time.Hour) // Monday 10:00, the process down since Sunday
	svc.CatchUp(ctx, jobs)
	jobService(t, fc, s).CatchUp(ctx, jobs) // a second instance starting
	for name, want := range map[string]time.Time{"sweep": at(2025, 11, 24, 7, 30), "digest": at(2025, 11, 24, 8, 0),
		"remind": at(2025, 11, 24, 8, 30)} {
		if got := r.of(name); len(got) != 1 || !got[0].Equal(want) {
			t.Errorf("%s ran for %v, want once for %v", name, got, want)
		}
	}
	fc.Advance(3 * 24 * time.Hour) // Thursday 10:00: Monday's digest is past the window
	svc.CatchUp(ctx, jobs)
	if got := r.of("digest"); len(got) != 1 {
		t.Errorf("a digest 3 days old was made up: %v", got)
	}
	if got := r.of("remind"); len(got) != 2 {
		t.Errorf("Thursday's reminders were not made up: %v", got)
	}
}
