package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Role is what a person may do; a person may hold several.
type Role string

// The roles.
const (
	Admin    Role = "admin"
	Leader   Role = "leader"
	Reporter Role = "reporter"
)

// ParseRole reads a role's name.
func ParseRole(s string) (Role, bool) {
	r := Role(s)
	return r, r == Admin || r == Leader || r == Reporter
}

// User is a person the bot knows.
type User struct {
	ID       int64     `json:"id"` // Telegram user id
	Name     string    `json:"name"`
	Username string    `json:"username,omitempty"`
	Lang     string    `json:"lang,omitempty"`
	Roles    []Role    `json:"roles"`
	Unit     string    `json:"unit,omitempty"`
	Blocked  bool      `json:"blocked,omitempty"`  // by an admin: the bot ignores them
	Inactive bool      `json:"inactive,omitempty"` // they blocked the bot: nothing is pushed
	Joined   time.Time `json:"joined"`
	// Reader is a city leader reading a committee they are no member of:
	// a leader's reads, none of its writes. Never stored.
	Reader bool `json:"-"`
}

// Has reports whether the person holds the role and is not blocked.
func (u User) Has(r Role) bool { return !u.Blocked && slices.Contains(u.Roles, r) }

// Profile is what Telegram says of a person.
type Profile struct {
	ID       int64
	Name     string
	Username string
	Lang     string
}

// Get reads a person; ErrNotFound for a stranger.
func (x People) Get(ctx context.Context, id int64) (User, error) {
	s := x.s
	doc, err := s.rdb.HGet(ctx, s.k.users(), userField(id)).Result()
	return decodeUser(id, doc, err)
}

// userField is a person's field in the users' hash.
func userField(id int64) string { return strconv.FormatInt(id, 10) }

// decodeUser reads a person's document as HGET gave it.
func decodeUser(id int64, doc string, err error) (User, error) {
	if errors.Is(err, redis.Nil) {
		return User{}, fmt.Errorf("user %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return User{}, err
	}
	return people.decode(doc)
}

// peopleCache keeps people as decoded from their documents, by the
// document: a person is read with every update and changes seldom, and
// decoding the document (its time above all) was a good part of what an
// update cost. A changed document is another key. It forgets everything
// when it grows past its size.
type peopleCache struct {
	mu   sync.Mutex
	size int
	m    map[string]User
}

var people = &peopleCache{size: 10000}

func (c *peopleCache) decode(doc string) (User, error) {
	c.mu.Lock()
	u, ok := c.m[doc]
	c.mu.Unlock()
	if ok {
		u.Roles = slices.Clone(u.Roles) // the caller's to change
		return u, nil
	}
	if err := json.Unmarshal([]byte(doc), &u); err != nil {
		return User{}, err
	}
	c.mu.Lock()
	if c.m == nil || len(c.m) >= c.size {
		c.m = make(map[string]User)
	}
	c.m[doc] = u
	c.mu.Unlock()
	u.Roles = slices.Clone(u.Roles)
	return u, nil
}

// All reads everyone, by name.
func (x People) All(ctx context.Context) ([]User, error) {
	s := x.s
	docs, err := s.rdb.HGetAll(ctx, s.k.users()).Result()
	if err != nil {
		return nil, err
	}
	out, err := decodeUsers(docs)
	sort.Slice(out, func(i, j int) bool {
		return out[i].Name < out[j].Name || out[i].Name == out[j].Name && out[i].ID < out[j].ID
	})
	return out, err
}

// Names is everyone's name by Telegram id.
func (x People) Names(ctx context.Context) (map[int64]string, error) {
	s := x.s
	users, err := s.People.All(ctx)
	out := make(map[int64]string, len(users))
	for _, u := range users {
		out[u.ID] = u.Name
	}
	return out, err
}

// WithGroups reads everyone (in no order) and the registered group
// chats (id → title) in one round trip: who the leaders' pushes go to.
func (x People) WithGroups(ctx context.Context) ([]User, map[int64]string, error) {
	s := x.s
	var users, groups *redis.MapStringStringCmd
	_, err := s.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		users, groups = p.HGetAll(ctx, s.k.users()), p.HGetAll(ctx, s.k.groups())
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	out, err := decodeUsers(users.Val())
	return out, decodeGroups(groups.Val()), err
}

func decodeUsers(docs map[string]string) ([]User, error) {
	out := make([]User, 0, len(docs))
	for _, doc := range docs {
		var u User
		if err := json.Unmarshal([]byte(doc), &u); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, nil
}

// change is a read-modify-write of one person, with its audit entry, in one
// transaction; extra runs inside it too (an invite's removal).
type change struct {
	actor   int64
	action  string
	id      int64
	apply   func(u *User, found bool) error
	watch   []string
	extra   func(tx *redis.Tx, p redis.Pipeliner) error
	precond func(tx *redis.Tx) error
}

func (s *Store) changeUser(ctx context.Context, c change) (User, error) {
	var out User
	field := strconv.FormatInt(c.id, 10)
	err := s.watch(ctx, func(tx *redis.Tx) error {
		if c.precond != nil {
			if err := c.precond(tx); err != nil {
				return err
			}
		}
		u, found, err := s.userIn(ctx, tx, field)
		if err != nil {
			return err
		}
		if err := c.apply(&u, found); err != nil {
			return err
		}
		out = u
		doc, _ := json.Marshal(u)
		detail, _ := json.Marshal(u)
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, s.k.users(), field, doc)
			s.addAudit(ctx, p, Entry{At: s.now(), Actor: c.actor, Action: c.action, Subject: "user:" + field, Detail: string(detail)})
			if c.extra != nil {
				return c.extra(tx, p)
			}
			return nil
		})
		return err
	}, append([]string{s.k.users()}, c.watch...)...)
	return out, err
}

func (s *Store) userIn(ctx context.Context, tx *redis.Tx, field string) (User, bool, error) {
	doc, err := tx.HGet(ctx, s.k.users(), field).Result()
	if errors.Is(err, redis.Nil) {
		return User{}, false, nil
	}
	var u User
	if err == nil {
		err = json.Unmarshal([]byte(doc), &u)
	}
	return u, err == nil, err
}

// EnsureAdmin makes a configured first admin an admin, creating them if
// need be. Nothing changes for someone who is an admin already.
func (x People) EnsureAdmin(ctx context.Context, p Profile) (User, error) {
	s := x.s
	if u, err := s.People.Get(ctx, p.ID); err == nil && slices.Contains(u.Roles, Admin) && !u.Blocked {
		return u, nil
	}
	return s.changeUser(ctx, change{action: "user.admin_from_config", id: p.ID, apply: func(u *User, found bool) error {
		if !found {
			*u = s.newUser(p)
		}
		u.Roles, u.Blocked = addRole(u.Roles, Admin), false
		return nil
	}})
}

// SetAccess sets a person's roles and unit, by an admin.
func (x People) SetAccess(ctx context.Context, actor, id int64, roles []Role, unit string) (User, error) {
	s := x.s
	return s.changeUser(ctx, change{actor: actor, action: "user.access", id: id, apply: func(u *User, found bool) error {
		if !found {
			return fmt.Errorf("user %d: %w", id, ErrNotFound)
		}
		u.Roles, u.Unit = slices.Clone(roles), unit
		return nil
	}})
}

// SetBlocked blocks or unblocks a person, by an admin.
func (x People) SetBlocked(ctx context.Context, actor, id int64, blocked bool) (User, error) {
	s := x.s
	action := map[bool]string{true: "user.block", false: "user.unblock"}[blocked]
	return s.changeUser(ctx, change{actor: actor, action: action, id: id, apply: func(u *User, found bool) error {
		if !found {
			return fmt.Errorf("user %d: %w", id, ErrNotFound)
		}
		u.Blocked = blocked
		return nil
	}})
}

// SetInactive records that a person blocked the bot (Telegram's 403), or
// came back.
func (x People) SetInactive(ctx context.Context, id int64, inactive bool) (User, error) {
	s := x.s
	return s.changeUser(ctx, change{action: "user.inactive", id: id, apply: func(u *User, found bool) error {
		if !found {
			return fmt.Errorf("user %d: %w", id, ErrNotFound)
		}
		u.Inactive = inactive
		return nil
	}})
}

func (s *Store) newUser(p Profile) User {
	return User{ID: p.ID, Name: p.Name, Username: p.Username, Lang: p.Lang, Joined: s.now().UTC()}
}

func addRole(roles []Role, r Role) []Role {
	if slices.Contains(roles, r) {
		return roles
	}
	return append(roles, r)
}

// AddGroup registers a group chat of leaders for the digest and alerts;
// RemoveGroup forgets it. Both are audited.
func (x People) AddGroup(ctx context.Context, actor, chat int64, title string) error {
	s := x.s
	return s.group(ctx, actor, chat, title, true)
}

// RemoveGroup forgets a group chat.
func (x People) RemoveGroup(ctx context.Context, actor, chat int64) error {
	s := x.s
	return s.group(ctx, actor, chat, "", false)
}

// Groups reads the registered group chats: id → title.
func (x People) Groups(ctx context.Context) (map[int64]string, error) {
	s := x.s
	m, err := s.rdb.HGetAll(ctx, s.k.groups()).Result()
	if err != nil {
		return nil, err
	}
	return decodeGroups(m), nil
}

// decodeGroups reads the groups' hash: chat id → title.
func decodeGroups(m map[string]string) map[int64]string {
	out := make(map[int64]string, len(m))
	for k, v := range m {
		id, _ := strconv.ParseInt(k, 10, 64)
		out[id] = v
	}
	return out
}
