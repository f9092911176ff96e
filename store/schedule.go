package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// runMemory is how long a job's run is remembered.
const runMemory = 8 * 24 * time.Hour

// claimRun claims a job's occurrence for one owner for a lease, unless it
// ran or another holds it; its keys and arguments are in lua/claim_run.lua.
var claimRun = script("claim_run.lua")

// RunClaim is what ClaimRun found of a job's occurrence.
type RunClaim struct {
	Mine bool          // claimed for the caller: run it
	Held time.Duration // another run holds it for at most this long; 0 when it ran already
}

// Claim claims a job's occurrence for owner for lease, so a job runs
// once per occurrence whatever the number of schedulers. The claim of a
// run that dies with its process lapses after lease; FinishRun keeps it
// for good, ReleaseRun gives it up.
func (x Jobs) Claim(ctx context.Context, job string, at time.Time, owner string, lease time.Duration) (RunClaim, error) {
	s := x.s
	r, err := claimRun.Run(ctx, s.rdb, []string{s.k.run(job, runAt(at))}, owner, lease.Milliseconds()).Int64Slice()
	if err != nil {
		return RunClaim{}, fmt.Errorf("claim %s at %s: %w", job, runAt(at), err)
	}
	return RunClaim{Mine: r[0] == 1, Held: time.Duration(max(r[1], 0)) * time.Millisecond}, nil
}

// Finish records that owner's run of a job's occurrence is done.
func (x Jobs) Finish(ctx context.Context, job string, at time.Time) error {
	s := x.s
	return s.rdb.Set(ctx, s.k.run(job, runAt(at)), "done:"+s.now().UTC().Format(time.RFC3339), runMemory).Err()
}

// releaseRun deletes a claim if owner holds it; its keys and arguments are
// in lua/release_run.lua.
var releaseRun = script("release_run.lua")

// Release gives up owner's claim of an occurrence whose run failed, so
// another try (another instance, a catch-up) may run it.
func (x Jobs) Release(ctx context.Context, job string, at time.Time, owner string) error {
	s := x.s
	return releaseRun.Run(ctx, s.rdb, []string{s.k.run(job, runAt(at))}, owner).Err()
}

// SchedulingSince records now as the first time a scheduler ran on this
// Redis, unless one did before, and returns that first time: runs due
// before it were never missed, there was nothing to run them.
func (x Jobs) SchedulingSince(ctx context.Context, now time.Time) (time.Time, error) {
	s := x.s
	v := now.UTC().Format(time.RFC3339)
	old, err := s.rdb.SetArgs(ctx, s.k.schedulingSince(), v, redis.SetArgs{Mode: "NX", Get: true}).Result()
	if errors.Is(err, redis.Nil) {
		return now, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339, old)
}

func runAt(at time.Time) string { return at.UTC().Format("2006-01-02T15:04") }

// Snapshot keeps a small named state of the jobs' (the statuses at the
// last digest, to tell what changed since).
func (x Jobs) Snapshot(ctx context.Context, name string, v any) error {
	s := x.s
	doc, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.rdb.Set(ctx, s.tk().snapshot(name), doc, 0).Err()
}

// LoadSnapshot reads a named state into v; false when there is none.
func (x Jobs) LoadSnapshot(ctx context.Context, name string, v any) (bool, error) {
	s := x.s
	doc, err := s.rdb.Get(ctx, s.tk().snapshot(name)).Bytes()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal(doc, v)
}

func (s *Store) group(ctx context.Context, actor, chat int64, title string, add bool) error {
	id := strconv.FormatInt(chat, 10)
	action, value := "group.remove", ""
	if add {
		action, value = "group.add", title
	}
	return s.hashAudit(ctx, s.k.groups(), id, value, Entry{Actor: actor, Action: action, Subject: "chat:" + id, Detail: title})
}
