package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Begin is what handling an update starts with. Store.Begin does all of
// it in one round trip, so that an update's cost before its handler runs
// is one wait on Redis, not one per read.
type Begin struct {
	Update int           // the update's id
	Owner  string        // the instance claiming it
	TTL    time.Duration // how long the claim holds
	Person int64         // the sender, read as User reads; 0 reads no one
	Chat   int64         // the chat whose conversation is read; 0 reads none
}

// read is a read that rides in Begin's round trip. Queue adds its
// commands to the pipeline and keeps them; once Begin returns, the read's
// own methods decode what they found (a failed command is that read's
// error, not Begin's).
type read interface {
	Queue(ctx context.Context, p redis.Pipeliner)
}

// Begun is what Begin found.
type Begun struct {
	Claim Claim
	// Tries is how many runs took the update in hand, this one included,
	// counted when Claim is Claimed (a new claim); 0 otherwise.
	Tries  int
	person *personRead
	conv   *conversationRead
}

// Person is the sender as User reads them: ErrNotFound for a stranger.
func (b Begun) Person() (User, error) {
	if b.person == nil || b.person.cmd == nil {
		return User{}, ErrNotFound
	}
	return b.person.result()
}

// Conversation is the chat's conversation as Conversation reads it:
// ErrNotFound when there is none.
func (b Begun) Conversation() ([]byte, error) {
	if b.conv == nil || b.conv.cmd == nil {
		return nil, ErrNotFound
	}
	return b.conv.result()
}

// Begin claims an update for its owner and counts the try, as ClaimUpdate
// then TryUpdate did, and reads the sender and the chat's conversation,
// all in one pipeline. The claim is a script on the
// update's keys (the data's hash tag); the reads go wherever their keys
// are. The first call on a server that lacks the script takes a second
// round trip to load it.
func (x Updates) Begin(ctx context.Context, b Begin) (Begun, error) {
	s := x.s
	out := Begun{person: &personRead{s: s, id: b.Person}, conv: &conversationRead{s: s, chat: b.Chat}}
	reads := []read{out.person, out.conv}
	claim, marks, err := s.begin(ctx, b, reads, false)
	if err == nil && redis.HasErrorPrefix(claim.Err(), "NOSCRIPT") {
		claim, marks, err = s.begin(ctx, b, reads, true)
	}
	if err != nil {
		return Begun{}, err
	}
	if out.Claim, out.Tries, err = readClaim(claim); err != nil {
		return Begun{}, err
	}
	for _, m := range marks {
		if err := out.marked(m); err != nil {
			return Begun{}, err
		}
	}
	return out, nil
}

// begin sends Begin's pipeline: the claim (by its hash, or by its text
// when the server must load it) and the reads, with the other updates'
// err is not nil when ctx ended or the store was
// closed first: then nothing it queued may be read.
func (s *Store) begin(ctx context.Context, b Begin, reads []read, load bool) (claim *redis.Cmd, marks []*redis.StringCmd, err error) {
	p := s.rdb.Pipeline()
	keys, args := s.claimArgs(b.Update, b.Owner, b.TTL, true)
	if load {
		claim = claimUpdate.Eval(ctx, p, keys, args...)
	} else {
		claim = claimUpdate.EvalSha(ctx, p, keys, args...)
	}
	marks = []*redis.StringCmd{p.Get(ctx, s.k.handled(b.Update)), p.Get(ctx, s.k.legacyUpdate(b.Update))}
	for _, r := range reads {
		r.Queue(ctx, p)
	}
	_, err = p.Exec(ctx)
	if err != nil && !errors.Is(err, redis.Nil) && ctx.Err() != nil {
		return nil, nil, err
	}
	return claim, marks, nil
}

// marked reads a key that may say the update was handled: the
// committee's mark (its handler's save made it, and the process died
// before it finished the update), or the update's key as it was kept
// before it moved into a hash tag (an update handled there is Done, and
// one another instance holds there is Busy).
func (b *Begun) marked(mark *redis.StringCmd) error {
	v, err := mark.Result()
	switch {
	case errors.Is(err, redis.Nil):
		return nil
	case err != nil:
		return err
	case !strings.HasPrefix(v, claimMark):
		b.Claim = Done // handled, whoever holds its claim now
	case b.Claim == Claimed || b.Claim == Held:
		b.Claim = Busy // held under the old key
	}
	return nil
}

// personRead reads one person for Begin.
type personRead struct {
	s   *Store
	id  int64
	cmd *redis.StringCmd
}

func (r *personRead) Queue(ctx context.Context, p redis.Pipeliner) {
	if r.id != 0 {
		r.cmd = p.HGet(ctx, r.s.k.users(), userField(r.id))
	}
}

func (r *personRead) result() (User, error) {
	doc, err := r.cmd.Result()
	return decodeUser(r.id, doc, err)
}

// conversationRead reads one chat's conversation for Begin.
type conversationRead struct {
	s    *Store
	chat int64
	cmd  *redis.StringCmd
}

func (r *conversationRead) Queue(ctx context.Context, p redis.Pipeliner) {
	if r.chat != 0 {
		r.cmd = p.Get(ctx, r.s.k.conversation(r.chat))
	}
}

func (r *conversationRead) result() ([]byte, error) {
	b, err := r.cmd.Bytes()
	return conversationOf(r.chat, b, err)
}
