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
	mu      sync.Mutex
	got     map[string][]time.Time
	fail    map[string]int           // the next runs of a job that fail
	awaited map[string]chan struct{} // closed when the job runs (ran)
}

// ran is closed once job has run.
func (r *runs) ran(job string) <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	ch := make(chan struct{})
	if len(r.got[job]) > 0 {
		close(ch)
		return ch
	}
	if r.awaited == nil {
		r.awaited = map[string]chan struct{}{}
	}
	r.awaited[job] = ch
	return ch
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
			if ch := r.awaited[j.Name]; ch != nil {
				close(ch)
				delete(r.awaited, j.Name)
			}
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
	return reminders.New(reminders.Service{Store: s, Plan: plan, Catalog: locales.MustLoad(), Clock: fc})
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
	settle(t, fc, 3) // the three jobs wait for their time
	b.down.Store(true)
	fc.Advance(time.Minute)
	for range 5 { // 5 s of a Redis restarting
		settle(t, fc, 4) // the digest's claim failed and waits to be tried again
		fc.Advance(time.Second)
	}
	b.down.Store(false)
	walk(t, fc, 4, time.Second, r.ran("digest"))
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
	walk(t, fc, 1, 10*time.Second, done) // the digest's runs wait between tries
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

// settle waits until n timers or waits are set on fc: what runs on it
// waits for it to move. It fails the test after a minute.
func settle(t *testing.T, fc *clockwork.FakeClock, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := fc.BlockUntilContext(ctx, n); err != nil {
		t.Fatalf("fewer than %d waits on the clock after a minute", n)
	}
}

// walk moves fc on by step whenever n timers or waits are set on it, until
// done is closed. It fails the test when neither comes within a minute.
func walk(t *testing.T, fc *clockwork.FakeClock, n int, step time.Duration, done <-chan struct{}) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	for {
		waiting := make(chan error, 1)
		go func() { waiting <- fc.BlockUntilContext(ctx, n) }()
		select {
		case <-done:
			return
		case err := <-waiting:
			select {
			case <-done:
				return
			default:
			}
			if err != nil {
				t.Fatalf("neither done nor %d waits on the clock after a minute", n)
			}
			fc.Advance(step)
		}
	}
}
