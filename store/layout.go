package store

import (
	"chitieu/retry"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// layoutVersion names how the keys are laid out: 2 is a committee's keys
// under its own hash tag {P/C} (keys.go). A store written before (layout
// 1: every committee key under {P} and {P:push}) is moved by Migrate.
const layoutVersion = "2"

// Moved is what Migrate moved from the layout before committees.
type Moved struct {
	Keys    int // keys moved to the default committee's tags or the bot's own
	Dropped int // keys not kept: the schedulers' old locks, the pace of sending
}

// Migrate moves a store written before committees (layout 1) to the
// layout of keys.go, as the committee "default": serve calls it on start
// and says what it moved. It is idempotent (a run cut off midway goes on
// where it stopped), moves a big key in pieces (no call holds Redis long)
// and lets one process at a time move; the others wait for it. With
// dryRun it moves nothing and counts what it would move.
func (s *Store) Migrate(ctx context.Context, dryRun bool) (Moved, error) {
	if need, err := s.NeedsMigration(ctx); err != nil || !need {
		return Moved{}, err // a store new or moved already: nothing is read further, nothing written
	}
	old, err := s.oldKeys(ctx)
	if err != nil || dryRun {
		return countMoves(old, s.k), err
	}
	lock := s.k.migrating()
	ok, err := s.rdb.SetNX(ctx, lock, "1", 10*time.Minute).Result()
	if err != nil {
		return Moved{}, err
	}
	if !ok {
		return Moved{}, s.waitForLayout(ctx)
	}
	defer s.rdb.Del(context.WithoutCancel(ctx), lock)
	var m Moved
	for _, k := range old {
		to := newKey(k, s.k)
		if to == "" {
			m.Dropped++
			err = s.rdb.Del(ctx, k).Err()
		} else {
			m.Keys++
			err = s.move(ctx, k, to)
		}
		if err != nil {
			return m, fmt.Errorf("move %s: %w", k, err)
		}
	}
	_, err = s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, s.k.layout(), layoutVersion, 0)
		p.Del(ctx, s.k.moving())
		return nil
	})
	return m, err
}

// NeedsMigration reports whether Redis holds the default committee's data
// in the layout before committees, not moved yet (Migrate). Such data
// beside a store moved already was written by an older version after the
// move (an instance not upgraded, a rollback): ErrWrittenAfterMove, as
// moving it would meet what is there and reading on would leave it unseen.
func (s *Store) NeedsMigration(ctx context.Context) (bool, error) {
	if s.k.c != DefaultCommittee {
		return false, nil
	}
	root := "{" + s.k.p + "}:"
	var layout *redis.StringCmd
	var old *redis.IntCmd
	s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error { // each command's error is read below
		layout = p.Get(ctx, s.k.layout())
		old = p.Exists(ctx, root+"terms", root+"users", root+"figures", root+"plan:current", root+"audit")
		return nil
	})
	v, err := layout.Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, err
	}
	n, err := old.Result()
	switch {
	case err != nil:
		return false, err
	case n > 0 && v == layoutVersion:
		if moving, _ := s.rdb.Get(ctx, s.k.moving()).Result(); moving != "" {
			return true, nil // a move cut off midway: it goes on
		}
		return false, ErrWrittenAfterMove
	}
	return n > 0, nil
}

// ErrWrittenAfterMove is Redis holding data of the layout before
// committees beside a store moved already.
var ErrWrittenAfterMove = errors.New("an older version of chitieu wrote to Redis after its keys were moved to the committees' layout")

// countMoves is what moving old would do.
func countMoves(old []string, k keys) Moved {
	var m Moved
	for _, o := range old {
		if newKey(o, k) == "" {
			m.Dropped++
		} else {
			m.Keys++
		}
	}
	return m
}

// waitForLayout waits, ten minutes at most, while another process moves
// the keys.
func (s *Store) waitForLayout(ctx context.Context) error {
	notYet := errors.New("another process has been moving the keys to the new layout for ten minutes")
	return retry.Do(ctx, retry.Policy{Tries: 6000, Waits: []time.Duration{100 * time.Millisecond}}, nil, func(int) error {
		if v, _ := s.rdb.Get(ctx, s.k.layout()).Result(); v == layoutVersion {
			return nil
		}
		return notYet
	})
}

// oldKeys are the keys of layout 1 under the store's prefix, on every
// master.
func (s *Store) oldKeys(ctx context.Context) ([]string, error) {
	p := s.k.p
	var out []string
	var mu sync.Mutex
	scan := func(ctx context.Context, c *redis.Client) error {
		for _, pattern := range []string{"{" + p + "}:*", "{" + p + ":push}:*", p + ":conversation:*", p + ":lock:*"} {
			iter := c.Scan(ctx, 0, pattern, 500).Iterator()
			for iter.Next(ctx) {
				mu.Lock()
				out = append(out, iter.Val())
				mu.Unlock()
			}
			if err := iter.Err(); err != nil {
				return err
			}
		}
		return nil
	}
	var err error
	switch c := s.rdb.(type) {
	case *redis.ClusterClient:
		err = c.ForEachMaster(ctx, scan)
	case *redis.Client:
		err = scan(ctx, c)
	default:
		err = fmt.Errorf("cannot list the keys of a %T", s.rdb)
	}
	return out, err
}

// newKey is where a key of layout 1 goes; "" for one not kept.
func newKey(old string, k keys) string {
	p := k.p
	data, push := "{"+p+"}:", "{"+p+":push}:"
	switch {
	case strings.HasPrefix(old, data):
		name := old[len(data):]
		switch {
		case name == "inbox":
			return k.inbox()
		case strings.HasPrefix(name, "update:"):
			id, tries := strings.CutSuffix(name[len("update:"):], ":tries")
			if tries {
				return "{" + p + ":update:" + id + "}:tries"
			}
			return "{" + p + ":update:" + id + "}"
		}
		return k.data(name)
	case strings.HasPrefix(old, push):
		name := old[len(push):]
		if name == "pace" || strings.HasPrefix(name, "pace:") {
			return "" // a few seconds of pacing, made again
		}
		return k.push(name)
	case strings.HasPrefix(old, p+":conversation:"):
		return k.data("conversation:" + old[len(p+":conversation:"):])
	}
	return "" // p:lock:…, the locks of a scheduler no longer used
}

// move moves one key, its time to live kept: renamed on one Redis; on a
// Cluster (another slot) copied, a small key whole (DUMP and RESTORE), a
// big one in pieces into a key beside its new name, then renamed there.
// A key already at its new name was moved by a run cut off before it
// deleted the old one.
func (s *Store) move(ctx context.Context, from, to string) error {
	was, err := s.rdb.Get(ctx, s.k.moving()).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return err
	}
	if n, err := s.rdb.Exists(ctx, to).Result(); err != nil || n == 1 {
		if err == nil && was != from {
			return fmt.Errorf("%s is there already: %w", to, ErrWrittenAfterMove) // never overwritten, never lost
		}
		if err == nil {
			err = s.rdb.Del(ctx, from).Err() // the move of this key was cut off after its copy
		}
		return err
	}
	if err := s.rdb.Set(ctx, s.k.moving(), from, 0).Err(); err != nil {
		return err
	}
	if _, cluster := s.rdb.(*redis.ClusterClient); !cluster {
		return s.rdb.Rename(ctx, from, to).Err()
	}
	ttl, err := s.rdb.PTTL(ctx, from).Result()
	if err != nil {
		return err
	}
	size, kind, err := s.sizeOf(ctx, from)
	if err != nil {
		return err
	}
	if size <= movePiece {
		data, err := s.rdb.Dump(ctx, from).Result()
		if err != nil {
			return err
		}
		if err := s.rdb.Restore(ctx, to, max(ttl, 0), data).Err(); err != nil {
			return err
		}
		return s.rdb.Del(ctx, from).Err()
	}
	tmp := to + ":moving"
	if err := s.rdb.Del(ctx, tmp).Err(); err != nil {
		return err
	}
	if err := s.copyInPieces(ctx, kind, from, tmp); err != nil {
		return err
	}
	if err := s.rdb.Rename(ctx, tmp, to).Err(); err != nil {
		return err
	}
	if ttl > 0 {
		if err := s.rdb.PExpire(ctx, to, ttl).Err(); err != nil {
			return err
		}
	}
	return s.rdb.Del(ctx, from).Err()
}

// movePiece is how many elements a key is moved whole up to, and how many
// go in one call of a move in pieces.
const movePiece = 500

func (s *Store) sizeOf(ctx context.Context, key string) (int64, string, error) {
	kind, err := s.rdb.Type(ctx, key).Result()
	if err != nil {
		return 0, "", err
	}
	var n *redis.IntCmd
	switch kind {
	case "hash":
		n = s.rdb.HLen(ctx, key)
	case "zset":
		n = s.rdb.ZCard(ctx, key)
	case "set":
		n = s.rdb.SCard(ctx, key)
	case "list":
		n = s.rdb.LLen(ctx, key)
	case "stream":
		n = s.rdb.XLen(ctx, key)
	default:
		return 0, kind, nil
	}
	v, err := n.Result()
	return v, kind, err
}

// copyInPieces copies a big hash, sorted set, set, list or stream (with
// its consumer groups, which read it again from its start: a push's key
// keeps it from going twice) movePiece elements a call.
func (s *Store) copyInPieces(ctx context.Context, kind, from, to string) error {
	switch kind {
	case "hash", "zset", "set":
		for cursor := uint64(0); ; {
			var items []string
			var err error
			switch kind {
			case "hash":
				items, cursor, err = s.rdb.HScan(ctx, from, cursor, "", movePiece).Result()
			case "zset":
				items, cursor, err = s.rdb.ZScan(ctx, from, cursor, "", movePiece).Result()
			default:
				items, cursor, err = s.rdb.SScan(ctx, from, cursor, "", movePiece).Result()
			}
			if err == nil && len(items) > 0 {
				err = s.addPiece(ctx, kind, to, items)
			}
			if err != nil || cursor == 0 {
				return err
			}
		}
	case "list":
		for at := int64(0); ; at += movePiece {
			items, err := s.rdb.LRange(ctx, from, at, at+movePiece-1).Result()
			if err != nil || len(items) == 0 {
				return err
			}
			if err := s.rdb.RPush(ctx, to, toAny(items)...).Err(); err != nil {
				return err
			}
		}
	case "stream":
		return s.copyStream(ctx, from, to)
	}
	return fmt.Errorf("a %s key is not moved in pieces", kind)
}

func (s *Store) addPiece(ctx context.Context, kind, to string, items []string) error {
	switch kind {
	case "hash":
		return s.rdb.HSet(ctx, to, toAny(items)...).Err()
	case "zset":
		zs := make([]redis.Z, 0, len(items)/2)
		for i := 0; i+1 < len(items); i += 2 {
			var score float64
			fmt.Sscan(items[i+1], &score)
			zs = append(zs, redis.Z{Member: items[i], Score: score})
		}
		return s.rdb.ZAdd(ctx, to, zs...).Err()
	}
	return s.rdb.SAdd(ctx, to, toAny(items)...).Err()
}

func (s *Store) copyStream(ctx context.Context, from, to string) error {
	for start := "-"; ; {
		msgs, err := s.rdb.XRangeN(ctx, from, start, "+", movePiece).Result()
		if err != nil {
			return err
		}
		if len(msgs) == 0 {
			break
		}
		for _, m := range msgs {
			if err := s.rdb.XAdd(ctx, &redis.XAddArgs{Stream: to, ID: m.ID, Values: m.Values}).Err(); err != nil {
				return err
			}
		}
		start = "(" + msgs[len(msgs)-1].ID
	}
	groups, err := s.rdb.XInfoGroups(ctx, from).Result()
	if err != nil {
		return err
	}
	for _, g := range groups {
		if err := s.rdb.XGroupCreateMkStream(ctx, to, g.Name, "0").Err(); err != nil {
			return err
		}
	}
	return nil
}

func toAny(items []string) []any {
	out := make([]any, len(items))
	for i, v := range items {
		out[i] = v
	}
	return out
}
