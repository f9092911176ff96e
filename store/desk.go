package store

import (
	"context"
	"errors"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// What the bot reads across committees to know which one an update
// speaks to: each a pipeline of one read per committee, in its own slot
// (go-redis sends each master its part), never a script or transaction
// spanning two.

// Memberships is the person as each committee of codes knows them: the
// committees where they are a member and not blocked.
func (x Committees) Memberships(ctx context.Context, person int64, codes []string) (map[string]User, error) {
	s := x.s
	cmds := make([]*redis.StringCmd, len(codes))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, c := range codes {
			cmds[i] = p.HGet(ctx, keys{s.k.p, c}.users(), userField(person))
		}
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, err
	}
	out := map[string]User{}
	for i, cmd := range cmds {
		u, err := decodeUser(person, cmd.Val(), cmd.Err())
		switch {
		case errors.Is(err, ErrNotFound):
		case err != nil:
			return nil, err
		case !u.Blocked:
			out[codes[i]] = u
		}
	}
	return out, nil
}

// InviteHolder is the committee of codes whose open invite this is; ""
// when none holds it.
func (x Committees) InviteHolder(ctx context.Context, invite string, codes []string) (string, error) {
	return x.holder(ctx, codes, func(p redis.Pipeliner, k keys) func() bool {
		cmd := p.Exists(ctx, k.invite(invite))
		return func() bool { return cmd.Val() == 1 }
	})
}

// GroupHolder is the committee of codes that registered this group chat;
// "" when none did.
func (x Committees) GroupHolder(ctx context.Context, chat int64, codes []string) (string, error) {
	return x.holder(ctx, codes, func(p redis.Pipeliner, k keys) func() bool {
		cmd := p.HExists(ctx, k.groups(), strconv.FormatInt(chat, 10))
		return func() bool { return cmd.Val() }
	})
}

// holder is the first committee of codes whose keys has says hold the
// thing looked for, every committee asked in one pipeline; "" for none.
func (x Committees) holder(ctx context.Context, codes []string, has func(p redis.Pipeliner, k keys) func() bool) (string, error) {
	s := x.s
	found := make([]func() bool, len(codes))
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		for i, c := range codes {
			found[i] = has(p, keys{s.k.p, c})
		}
		return nil
	})
	for i, ok := range found {
		if ok() {
			return codes[i], nil
		}
	}
	return "", err
}

// Choice is what a person in several committees chose: the committee
// their commands speak to ("" before they chose), and the message they
// sent before choosing, kept to be handled once they do (nil for none).
type Choice struct {
	Committee string
	Pending   []byte
}

// Choice reads a person's choice, kept under their own id ({P:person:ID}).
func (x Committees) Choice(ctx context.Context, person int64) (Choice, error) {
	s := x.s
	var committee, pending *redis.StringCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		committee = p.HGet(ctx, s.k.person(person), "committee")
		pending = p.Get(ctx, s.k.pending(person))
		return nil
	})
	if err != nil && !errors.Is(err, redis.Nil) {
		return Choice{}, err
	}
	c := Choice{Committee: committee.Val()}
	if pending.Err() == nil {
		c.Pending = []byte(pending.Val())
	}
	return c, nil
}

// Choose keeps the committee a person's commands speak to, and forgets
// the message they had left pending.
func (x Committees) Choose(ctx context.Context, person int64, committee string) error {
	s := x.s
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, s.k.person(person), "committee", committee)
		p.Del(ctx, s.k.pending(person))
		return nil
	})
	return err
}

// Prefer keeps the committee a person's commands speak to, leaving the
// message they left waiting as it is: they pressed one of its buttons.
func (x Committees) Prefer(ctx context.Context, person int64, committee string) error {
	s := x.s
	return s.rdb.HSet(ctx, s.k.person(person), "committee", committee).Err()
}

// pendingFor is how long a message waits for its sender to say which
// committee it is for.
const pendingFor = 24 * time.Hour

// Hold keeps a message a person sent before saying which committee it is
// for, until they choose (a day at most).
func (x Committees) Hold(ctx context.Context, person int64, update []byte) error {
	s := x.s
	return s.rdb.Set(ctx, s.k.pending(person), update, pendingFor).Err()
}

// addingFor is how long a city admin's new committee waits for its plan
// file.
const addingFor = time.Hour

// StartAdding keeps the committee a city admin is adding in the chat, its
// code and name, until its plan file comes (an hour at most).
func (x Committees) StartAdding(ctx context.Context, person int64, code, name string) error {
	s := x.s
	key := s.k.adding(person)
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.HSet(ctx, key, "code", code, "name", name)
		p.Expire(ctx, key, addingFor)
		return nil
	})
	return err
}

// Adding is the committee a city admin is adding: "" for none.
func (x Committees) Adding(ctx context.Context, person int64) (code, name string, err error) {
	s := x.s
	v, err := s.rdb.HMGet(ctx, s.k.adding(person), "code", "name").Result()
	if err != nil {
		return "", "", err
	}
	code, _ = v[0].(string)
	name, _ = v[1].(string)
	return code, name, nil
}

// StopAdding forgets the committee a city admin was adding.
func (x Committees) StopAdding(ctx context.Context, person int64) error {
	s := x.s
	return s.rdb.Del(ctx, s.k.adding(person)).Err()
}
