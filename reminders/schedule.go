package reminders

import (
	"context"
	"time"

	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"
)

// Job is one of the scheduled jobs.
type Job struct {
	Name string
	When gocron.JobDefinition
	Run  func(ctx context.Context, now time.Time) error
}

// Jobs are the service's jobs: the daily sweep, the daily reminders and
// nags, the weekly digest.
func (s *Service) Jobs() []Job {
	c := s.Config
	return []Job{
		{"sweep", gocron.DailyJob(1, at(c.SweepAt)), s.Sweep},
		{"remind", gocron.DailyJob(1, at(c.RemindAt)), s.Remind},
		{"digest", gocron.WeeklyJob(1, gocron.NewWeekdays(c.DigestDay), at(c.DigestAt)), s.Digest},
	}
}

func at(d time.Duration) gocron.AtTimes {
	return gocron.NewAtTimes(gocron.NewAtTime(uint(d/time.Hour), uint(d%time.Hour/time.Minute), 0))
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
		if _, err := sch.NewJob(j.When, task, gocron.WithName("chitieu-"+j.Name)); err != nil {
			return err
		}
	}
	return nil
}

// retries are the waits before a failed job is tried again.
var retries = []time.Duration{10 * time.Second, time.Minute, 5 * time.Minute}

// runOnce runs a job's occurrence unless another instance claimed it, and
// tries again a few times when it fails (Redis restarting, say).
func (s *Service) runOnce(ctx context.Context, j Job) {
	now := s.Now()
	ok, err := s.Store.ClaimRun(ctx, j.Name, now.Truncate(time.Minute))
	if err != nil || !ok {
		s.Log.Info("job skipped", "job", j.Name, "claimed_elsewhere", !ok, "err", err)
		return
	}
	for i := 0; ; i++ {
		start := time.Now()
		err := j.Run(ctx, now)
		s.Log.Info("job", "job", j.Name, "ms", time.Since(start).Milliseconds(), "err", err)
		if err == nil || i == len(retries) || ctx.Err() != nil {
			return
		}
		sleep(ctx, retries[i])
	}
}
