package reminders

import (
	"context"
	"sort"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"

	"chitieu/retry"
	"chitieu/store"
)

// Job is one of the scheduled jobs: daily at a time of day, or weekly on
// a weekday at a time.
type Job struct {
	Name    string
	At      time.Duration // time of day
	Weekday time.Weekday  // for a weekly job
	Weekly  bool
	Run     func(ctx context.Context, now time.Time) error
}

// Jobs are the service's jobs: the daily sweep, the daily reminders and
// nags, the weekly digest.
func (s *Service) Jobs() []Job {
	c := s.Config
	return []Job{
		{Name: "sweep", At: c.SweepAt, Run: s.Sweep},
		{Name: "remind", At: c.RemindAt, Run: s.Remind},
		{Name: "digest", At: c.DigestAt, Weekday: c.DigestDay, Weekly: true, Run: s.Digest},
	}
}

// definition is the job's schedule for gocron.
func (j Job) definition() gocron.JobDefinition {
	at := gocron.NewAtTimes(gocron.NewAtTime(uint(j.At/time.Hour), uint(j.At%time.Hour/time.Minute), 0))
	if j.Weekly {
		return gocron.WeeklyJob(1, gocron.NewWeekdays(j.Weekday), at)
	}
	return gocron.DailyJob(1, at)
}

// Occurrence is the latest time the job was due at or before now, in loc:
// the occurrence a run at now is for, the same on every instance however
// late its scheduler fired.
func (j Job) Occurrence(now time.Time, loc *time.Location) time.Time {
	now = now.In(loc)
	y, m, d := now.Date()
	due := time.Date(y, m, d, 0, 0, 0, 0, loc).Add(j.At)
	for due.After(now) || j.Weekly && due.Weekday() != j.Weekday {
		y, m, d = due.Date()
		due = time.Date(y, m, d-1, 0, 0, 0, 0, loc).Add(j.At)
	}
	return due
}

// NewScheduler is a scheduler in the plan's time zone, by clock (a fake
// one in tests). Every instance schedules every job; the claim of each
// occurrence in Redis (Schedule's runOnce) lets one of them run it.
func NewScheduler(loc *time.Location, clock clockwork.Clock) (gocron.Scheduler, error) {
	return gocron.NewScheduler(gocron.WithLocation(loc), gocron.WithClock(clock))
}

// Schedule adds jobs to a scheduler, each under a unique name and run once
// per occurrence whatever the number of instances.
func (s *Service) Schedule(ctx context.Context, sch gocron.Scheduler, jobs []Job) error {
	for _, j := range jobs {
		task := gocron.NewTask(func() { s.runOnce(ctx, j) })
		if _, err := sch.NewJob(j.definition(), task, gocron.WithName("chitieu-"+j.Name)); err != nil {
			return err
		}
	}
	return nil
}

// retries are the waits before a failed job is tried again.
var retries = retry.Policy{Tries: 4, Waits: []time.Duration{10 * time.Second, time.Minute, 5 * time.Minute}}

// claims is how a claim Redis did not answer is tried
// again, waiting 1 s, 2 s, 4 s, … up to a minute between: about five
// minutes in all, for Redis restarting or failing over at a job's minute.
var claims = retry.Policy{Tries: 10, First: time.Second, Max: time.Minute}

// settles is how the end of a run is recorded: a few tries, then the
// claim lapses by itself.
var settles = retry.Policy{Tries: 4, First: time.Second, Max: time.Minute}

// runOnce runs a job's occurrence at now unless it ran or another
// instance holds it.
func (s *Service) runOnce(ctx context.Context, j Job) {
	s.runOccurrence(ctx, j, j.Occurrence(s.Clock.Now(), s.plan().Location), false)
}

// runOccurrence claims a job's occurrence, trying again while Redis does
// not answer, and runs it, a few times when it fails (Redis restarting,
// say); a run that failed for good gives its claim up. A catch-up waits
// out a claim held by a run that may have died with its process.
func (s *Service) runOccurrence(ctx context.Context, j Job, at time.Time, catchUp bool) {
	c, err := s.claim(ctx, j, at)
	if catchUp && err == nil && !c.Mine && c.Held > 0 && s.pause(ctx, c.Held+time.Second) {
		c, err = s.claim(ctx, j, at)
	}
	if err != nil || !c.Mine {
		s.Log.Info("job skipped", "job", j.Name, "at", at, "ran", c.Held == 0 && err == nil, "err", err)
		return
	}
	if s.runWithRetries(ctx, j, at) == nil {
		s.settleRun(ctx, func(ctx context.Context) error { return s.Store.Jobs.Finish(ctx, j.Name, at) })
		return
	}
	s.settleRun(ctx, func(ctx context.Context) error { return s.Store.Jobs.Release(ctx, j.Name, at, s.Name) })
}

// claim claims an occurrence, trying again while Redis does not answer.
func (s *Service) claim(ctx context.Context, j Job, at time.Time) (store.RunClaim, error) {
	var c store.RunClaim
	err := retry.Do(ctx, claims, s.Clock, func(int) error {
		var err error
		if c, err = s.Store.Jobs.Claim(ctx, j.Name, at, s.Name, s.Config.Lease); err != nil {
			s.Log.Warn("job claim failed", "job", j.Name, "at", at, "err", err)
		}
		return err
	})
	return c, err
}

// runWithRetries runs an occurrence, again after a wait when it fails.
func (s *Service) runWithRetries(ctx context.Context, j Job, at time.Time) error {
	return retry.Do(ctx, retries, s.Clock, func(int) error {
		start := s.Clock.Now()
		err := j.Run(ctx, at)
		d := s.Clock.Since(start)
		s.Log.Info("job", "job", j.Name, "at", at, "ms", d.Milliseconds(), "err", err)
		s.Observer.Job(j.Name, err, d)
		return err
	})
}

// settleRun records the end of a run, trying a few times; when Redis stays
// away the claim lapses by itself.
func (s *Service) settleRun(ctx context.Context, record func(context.Context) error) {
	retry.Do(ctx, settles, s.Clock, func(int) error { return record(ctx) })
}

// pause waits d on the service's clock; false when ctx ended first.
func (s *Service) pause(ctx context.Context, d time.Duration) bool {
	select {
	case <-s.Clock.After(d):
		return true
	case <-ctx.Done():
		return false
	}
}

// CatchUp runs, once, what was missed while no scheduler was up: each
// job's latest occurrence within the catch-up window that did not run,
// oldest first. Runs due before the first scheduler ever started on this
// Redis were not missed. Pushes are idempotent by key, so a run that half
// happened before is finished, not doubled.
func (s *Service) CatchUp(ctx context.Context, jobs []Job) {
	now := s.Clock.Now()
	since, err := s.Store.Jobs.SchedulingSince(ctx, now)
	if err != nil {
		s.Log.Warn("catch-up skipped", "err", err)
		return
	}
	for _, m := range s.missed(jobs, now, since) {
		s.runOccurrence(ctx, m.job, m.at, true)
	}
}

type occurrence struct {
	job Job
	at  time.Time
}

// missed are the latest occurrences of jobs since since and within the
// catch-up window before now, oldest first.
func (s *Service) missed(jobs []Job, now, since time.Time) []occurrence {
	var out []occurrence
	for _, j := range jobs {
		at := j.Occurrence(now, s.plan().Location)
		if !at.Before(since) && now.Sub(at) <= s.Config.CatchUp {
			out = append(out, occurrence{j, at})
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].at.Before(out[b].at) })
	return out
}
