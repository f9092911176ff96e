package store

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// updateMemory is how long a handled update's id is remembered; Telegram
// keeps an unconfirmed update for 24 hours.
const updateMemory = 7 * 24 * time.Hour

// claimMark starts the value of an update's key while an instance handles
// it; a handled update's value is the time it was handled.
const claimMark = "claim:"

// inbox is where updates taken from Telegram wait until handled.
func (k keys) inbox() string { return k.data("inbox") } // hash: update id → update JSON

// Claim is what claiming an update found.
type Claim int

// What claiming an update finds.
const (
	Claimed Claim = iota // it is this instance's to handle, newly
	Busy                 // another instance is handling it
	Done                 // it was handled before
	Held                 // this instance holds it already (a try again)
)

// claimUpdate takes an update's key for an owner unless another holds it
// or it was handled.
//
// KEYS: the update's key. ARGV: the owner's claim, ttl ms, the claim mark.
// Returns a Claim.
var claimUpdate = redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 0
end
if v == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 3
end
if string.sub(v, 1, #ARGV[3]) == ARGV[3] then return 1 end
return 2
`)

// ClaimUpdate takes an update for an owner (an instance) for ttl,
// atomically, so that two instances given the same update (two webhooks,
// a redelivery racing a retry) never both handle it. An owner that holds
// it already (its earlier try failed and could not give it back) holds it
// again.
func (s *Store) ClaimUpdate(ctx context.Context, update int, owner string, ttl time.Duration) (Claim, error) {
	n, err := claimUpdate.Run(ctx, s.rdb, []string{s.k.update(update)}, claimMark+owner, ttl.Milliseconds(), claimMark).Int()
	return Claim(n), err
}

// releaseClaim deletes an update's key only while it is the owner's claim.
var releaseClaim = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`)

// tries counts the times an update was taken in hand and neither given
// back nor finished: the runs that died handling it.
func (k keys) tries(update int) string { return k.update(update) + ":tries" }

// TryUpdate counts one more try of a claimed update and returns how many
// there were, this one included. Giving it back (ReleaseUpdate) uncounts
// the try and finishing it (MarkHandled) forgets them, so a count above
// one means earlier runs died handling it: an update that kills the
// process must not come back after each restart.
func (s *Store) TryUpdate(ctx context.Context, update int) (int, error) {
	n, err := s.rdb.Incr(ctx, s.k.tries(update)).Result()
	if err == nil && n == 1 {
		err = s.rdb.Expire(ctx, s.k.tries(update), updateMemory).Err()
	}
	return int(n), err
}

// ReleaseUpdate gives an update the owner claimed up, so that it may be
// handled again (here or by another instance); a handled update stays
// handled, and another's claim stays theirs.
func (s *Store) ReleaseUpdate(ctx context.Context, update int, owner string) error {
	if err := releaseClaim.Run(ctx, s.rdb, []string{s.k.update(update)}, claimMark+owner).Err(); err != nil {
		return err
	}
	return s.rdb.Decr(ctx, s.k.tries(update)).Err()
}

// Handled reports whether an update was handled already (a claim is not).
func (s *Store) Handled(ctx context.Context, update int) (bool, error) {
	v, err := s.rdb.Get(ctx, s.k.update(update)).Result()
	if errors.Is(err, redis.Nil) {
		return false, nil
	}
	return err == nil && !strings.HasPrefix(v, claimMark), err
}

// MarkHandled records that an update was handled, replacing its claim,
// and takes it out of the inbox; first is false when it had been recorded
// before.
func (s *Store) MarkHandled(ctx context.Context, update int) (first bool, err error) {
	prev, err := s.rdb.SetArgs(ctx, s.k.update(update), s.now().UTC().Format(time.RFC3339),
		redis.SetArgs{TTL: updateMemory, Get: true}).Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, err
	}
	first = errors.Is(err, redis.Nil) || strings.HasPrefix(prev, claimMark)
	if err := s.rdb.Del(ctx, s.k.tries(update)).Err(); err != nil {
		return first, err
	}
	return first, s.rdb.HDel(ctx, s.k.inbox(), strconv.Itoa(update)).Err()
}

// Receive keeps updates taken from Telegram (by id, as Telegram sent them)
// until each is handled, so that moving past them in Telegram's queue
// loses none to a crash.
func (s *Store) Receive(ctx context.Context, updates map[int][]byte) error {
	if len(updates) == 0 {
		return nil
	}
	fields := make([]any, 0, 2*len(updates))
	for id, raw := range updates {
		fields = append(fields, strconv.Itoa(id), raw)
	}
	return s.rdb.HSet(ctx, s.k.inbox(), fields...).Err()
}

// Inbox is every update received and not yet handled, by id.
func (s *Store) Inbox(ctx context.Context) (map[int][]byte, error) {
	all, err := s.rdb.HGetAll(ctx, s.k.inbox()).Result()
	if err != nil {
		return nil, err
	}
	out := make(map[int][]byte, len(all))
	for k, v := range all {
		if id, err := strconv.Atoi(k); err == nil {
			out[id] = []byte(v)
		}
	}
	return out, nil
}
