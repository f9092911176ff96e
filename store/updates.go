package store

import (
	"context"
	"errors"
	"fmt"
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

// Claim is what claiming an update found.
type Claim int

// What claiming an update finds.
const (
	Claimed Claim = iota // it is this instance's to handle, newly
	Busy                 // another instance is handling it
	Done                 // it was handled before
	Held                 // this instance holds it already (a try again)
)

// claimUpdate takes an update's key for an owner; its keys and arguments are
// in lua/claim_update.lua.
var claimUpdate = script("claim_update.lua")

// Claim takes an update for an owner (an instance) for ttl,
// atomically, so that two instances given the same update (two webhooks,
// a redelivery racing a retry) never both handle it. An owner that holds
// it already (its earlier try failed and could not give it back) holds it
// again. It counts no try: Begin does both at once.
func (x Updates) Claim(ctx context.Context, update int, owner string, ttl time.Duration) (Claim, error) {
	s := x.s
	keys, args := s.claimArgs(update, owner, ttl, false)
	c, _, err := readClaim(claimUpdate.Run(ctx, s.rdb, keys, args...))
	return c, err
}

// claimArgs are claimUpdate's keys and arguments; try counts a try of a
// new claim.
func (s *Store) claimArgs(update int, owner string, ttl time.Duration, try bool) ([]string, []any) {
	keep := int64(0)
	if try {
		keep = updateMemory.Milliseconds()
	}
	return []string{s.k.update(update), s.k.tries(update)}, []any{claimMark + owner, ttl.Milliseconds(), claimMark, keep}
}

func readClaim(cmd *redis.Cmd) (Claim, int, error) {
	v, err := cmd.Int64Slice()
	if err != nil {
		return 0, 0, err
	}
	if len(v) != 2 {
		return 0, 0, fmt.Errorf("claim: unexpected reply %v", v)
	}
	return Claim(v[0]), int(v[1]), nil
}

// releaseClaim deletes an update's key only while it is the owner's claim,
// and uncounts the try (a try that is still counted); its keys and arguments
// are in lua/release_claim.lua.
var releaseClaim = script("release_claim.lua")

// renewClaim makes an owner's claim of an update last ttl more, while it is
// still theirs; its keys and arguments are in lua/renew_claim.lua.
var renewClaim = script("renew_claim.lua")

// Renew makes the owner's claim of an update last ttl more, so that
// a handling slower than the claim is not taken by another instance
// meanwhile; false when the claim is no longer the owner's (the update
// was handled, given back, or its claim ran out and another took it).
func (x Updates) Renew(ctx context.Context, update int, owner string, ttl time.Duration) (bool, error) {
	s := x.s
	n, err := renewClaim.Run(ctx, s.rdb, []string{s.k.update(update)}, claimMark+owner, ttl.Milliseconds()).Int()
	return n == 1, err
}

// Try counts one more try of a claimed update and returns how many
// there were, this one included. Giving it back (ReleaseUpdate) uncounts
// the try and finishing it (MarkHandled) forgets them, so a count above
// one means earlier runs died handling it: an update that kills the
// process must not come back after each restart. Begin counts the try of
// a new claim by itself.
func (x Updates) Try(ctx context.Context, update int) (int, error) {
	s := x.s
	n, err := s.rdb.Incr(ctx, s.k.tries(update)).Result()
	if err == nil && n == 1 {
		err = s.rdb.Expire(ctx, s.k.tries(update), updateMemory).Err()
	}
	return int(n), err
}

// Release gives an update the owner claimed up, so that it may be
// handled again (here or by another instance); a handled update stays
// handled, and another's claim stays theirs.
func (x Updates) Release(ctx context.Context, update int, owner string) error {
	s := x.s
	return releaseClaim.Run(ctx, s.rdb, []string{s.k.update(update), s.k.tries(update)}, claimMark+owner).Err()
}

// Handled reports whether an update was handled already (a claim is
// not): finished, or marked in the committee's keys by its handler's save.
func (x Updates) Handled(ctx context.Context, update int) (bool, error) {
	s := x.s
	var claim, mark *redis.StringCmd
	s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error { // each command's error is read below
		claim, mark = p.Get(ctx, s.k.update(update)), p.Get(ctx, s.k.handled(update))
		return nil
	})
	for _, c := range []*redis.StringCmd{claim, mark} {
		v, err := c.Result()
		if err != nil && !errors.Is(err, redis.Nil) {
			return false, err
		}
		if err == nil && !strings.HasPrefix(v, claimMark) {
			return true, nil
		}
	}
	return false, nil
}

// markHandled marks an update handled in the committee's keys on its own;
// its keys and arguments are in lua/mark_handled.lua.
var markHandled = script("handled.lua", "mark_handled.lua")

// HandledMark is what a script needs to mark an update handled with
// lua/handled.lua: keys and arguments to append to its own, in this order.
type HandledMark struct {
	Keys []string // the committee's mark of the update
	Args []any    // the mark (the time it was handled), its ttl in ms
}

// Mark returns the keys and arguments that mark an update handled in
// the committee's keys, in a script that starts with lua/handled.lua.
func (x Updates) Mark(update int) HandledMark {
	s := x.s
	return HandledMark{Keys: []string{s.k.handled(update)}, Args: []any{x.mark(), updateMemory.Milliseconds()}}
}

// mark is what a handled update's keys hold: when it was handled.
func (x Updates) mark() string { return x.s.now().UTC().Format(time.RFC3339) }

// Unmark forgets that an update was handled, so that it is handled
// again: a handler's write marked it, and what followed (the reply)
// failed.
func (x Updates) Unmark(ctx context.Context, update int) error {
	s := x.s
	return s.rdb.Del(ctx, s.k.handled(update)).Err()
}

// Finish records that an update was handled, in the committee's keys and
// in its own (replacing its claim), forgets its tries and takes it out of
// the inbox, in one round trip; first is false when the committee's mark
// was there before (its handler's save made it).
func (x Updates) Finish(ctx context.Context, update int) (first bool, err error) {
	return x.FinishWith(ctx, update, ConversationWrite{})
}

// ConversationWrite is a chat's conversation to keep (State, for TTL) or,
// when State is nil, to end; the zero ConversationWrite writes nothing.
type ConversationWrite struct {
	Chat  int64
	State []byte
	TTL   time.Duration
}

// FinishWith writes a chat's conversation and finishes an update (see
// Finish), in one round trip: what a handler whose last write was the
// conversation leaves to do. err is the conversation's failure first: the
// update must be handled again when it was not kept.
func (x Updates) FinishWith(ctx context.Context, update int, w ConversationWrite) (first bool, err error) {
	s := x.s
	var conv redis.Cmder
	var mark *redis.Cmd
	var finish []redis.Cmder
	m := x.Mark(update)
	s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error { // each command's error is read below
		mark = markHandled.EvalSha(ctx, p, m.Keys, m.Args...)
		switch {
		case w.Chat == 0:
		case w.State == nil:
			conv = p.Del(ctx, s.k.conversation(w.Chat))
		default:
			conv = p.Set(ctx, s.k.conversation(w.Chat), w.State, w.TTL)
		}
		finish = append(finish, p.Set(ctx, s.k.update(update), x.mark(), updateMemory), p.Del(ctx, s.k.tries(update)))
		finish = append(finish, p.HDel(ctx, s.k.inbox(), strconv.Itoa(update)))
		return nil
	})
	if conv != nil && conv.Err() != nil {
		return false, conv.Err()
	}
	if redis.HasErrorPrefix(mark.Err(), "NOSCRIPT") { // Redis lost its scripts: sent whole
		mark = markHandled.Eval(ctx, s.rdb, m.Keys, m.Args...)
	}
	for _, c := range finish {
		if err := c.Err(); err != nil {
			return false, err
		}
	}
	n, err := mark.Int()
	return n == 1, err
}

// Receive keeps updates taken from Telegram (by id, as Telegram sent them)
// until each is handled, so that moving past them in Telegram's queue
// loses none to a crash.
func (x Updates) Receive(ctx context.Context, updates map[int][]byte) error {
	s := x.s
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
func (x Updates) Inbox(ctx context.Context) (map[int][]byte, error) {
	s := x.s
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
