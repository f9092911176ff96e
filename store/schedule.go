package store

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"time"

	redislock "github.com/go-co-op/gocron-redis-lock/v2"
	"github.com/go-co-op/gocron/v2"
	"github.com/redis/go-redis/v9"
)

// runMemory is how long a job's run is remembered.
const runMemory = 8 * 24 * time.Hour

// ClaimRun records that a job's occurrence is running; false means another
// instance ran it already, so a job runs once per occurrence even when two
// schedulers fire it one after the other.
func (s *Store) ClaimRun(ctx context.Context, job string, at time.Time) (bool, error) {
	return s.rdb.SetNX(ctx, s.k.run(job, at.UTC().Format("2006-01-02T15:04")), s.now().UTC().Format(time.RFC3339), runMemory).Result()
}

// Snapshot keeps a small named state of the jobs' (the statuses at the
// last digest, to tell what changed since).
func (s *Store) Snapshot(ctx context.Context, name string, v any) error {
	doc, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return s.rdb.Set(ctx, s.k.snapshot(name), doc, 0).Err()
}

// LoadSnapshot reads a named state into v; false when there is none.
func (s *Store) LoadSnapshot(ctx context.Context, name string, v any) (bool, error) {
	doc, err := s.rdb.Get(ctx, s.k.snapshot(name)).Bytes()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, json.Unmarshal(doc, v)
}

// AddGroup registers a group chat of leaders for the digest and alerts;
// RemoveGroup forgets it. Both are audited.
func (s *Store) AddGroup(ctx context.Context, actor, chat int64, title string) error {
	return s.group(ctx, actor, chat, title, true)
}

// RemoveGroup forgets a group chat.
func (s *Store) RemoveGroup(ctx context.Context, actor, chat int64) error {
	return s.group(ctx, actor, chat, "", false)
}

func (s *Store) group(ctx context.Context, actor, chat int64, title string, add bool) error {
	id := strconv.FormatInt(chat, 10)
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		action := "group.remove"
		if add {
			action = "group.add"
			p.HSet(ctx, s.k.groups(), id, title)
		} else {
			p.HDel(ctx, s.k.groups(), id)
		}
		s.addAudit(ctx, p, Entry{At: s.now(), Actor: actor, Action: action, Subject: "chat:" + id, Detail: title})
		return nil
	})
	return err
}

// Groups reads the registered group chats: id → title.
func (s *Store) Groups(ctx context.Context) (map[int64]string, error) {
	m, err := s.rdb.HGetAll(ctx, s.k.groups()).Result()
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(m))
	for k, v := range m {
		id, _ := strconv.ParseInt(k, 10, 64)
		out[id] = v
	}
	return out, nil
}

// JobLocker is a gocron distributed locker on this Redis, so that of
// several schedulers one runs each job.
func (s *Store) JobLocker() (gocron.Locker, error) {
	return redislock.NewRedisLockerWithOptions(s.rdb, redislock.WithKeyPrefix(s.k.p+":lock:"),
		redislock.WithRedsyncOptions(redislock.WithTries(1), redislock.WithExpiry(10*time.Minute)))
}
