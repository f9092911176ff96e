package reminders

import (
	"context"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"
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

// NewScheduler is a scheduler in the plan's time zone that runs a job on
// one of several instances (locker) by clock (a fake one in tests).
func NewScheduler(loc *time.Location, clock clockwork.Clock, locker gocron.Locker) (gocron.Scheduler, error) {
	opts := []gocron.SchedulerOption{gocron.WithLocation(loc), gocron.WithClock(clock)}
	if locker != nil {
		opts = append(opts, gocron.WithDistributedLocker(locker))
	}
	return gocron.NewScheduler(opts...)
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
var retries = []time.Duration{10 * time.Second, time.Minute, 5 * time.Minute}

// runOnce runs a job's occurrence unless another instance claimed it, and
// tries again a few times when it fails (Redis restarting, say). The job
// runs for its occurrence's time.
func (s *Service) runOnce(ctx context.Context, j Job) {
	now := j.Occurrence(s.Now(), s.Plan.Location)
	ok, err := s.Store.ClaimRun(ctx, j.Name, now)
	if err != nil || !ok {
		s.Log.Info("job skipped", "job", j.Name, "claimed_elsewhere", !ok, "err", err)
		return
	}
	for i := 0; ; i++ {
		start := time.Now()
		err := j.Run(ctx, now)
		s.Log.Info("job", "job", j.Name, "ms", time.Since(start).Milliseconds(), "err", err)
		s.Observer.Job(j.Name, err, time.Since(start))
		if err == nil || i == len(retries) || ctx.Err() != nil {
			return
		}
		sleep(ctx, retries[i])
	}
}
