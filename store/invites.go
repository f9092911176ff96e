package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Invite admits one person with a role and a unit, once, before it expires.
type Invite struct {
	Code    string    `json:"code"`
	Role    Role      `json:"role"`
	Unit    string    `json:"unit,omitempty"`
	By      int64     `json:"by"`
	Expires time.Time `json:"expires"`
}

// ErrInvite is returned for an invite that is unknown, used or expired.
var ErrInvite = errors.New("the invite is unknown, used or expired")

// newCode is 128 random bits, URL-safe: 22 characters, fit for a
// Telegram deep link (/start CODE).
func newCode() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// CreateInvite makes a single-use invite that expires after ttl, listed
// among the open ones until it is used, revoked or expires.
func (x People) CreateInvite(ctx context.Context, by int64, role Role, unit string, ttl time.Duration) (Invite, error) {
	s := x.s
	if _, ok := ParseRole(string(role)); !ok {
		return Invite{}, fmt.Errorf("create invite: unknown role %q", role)
	}
	now := s.now()
	inv := Invite{Code: newCode(), Role: role, Unit: unit, By: by, Expires: now.Add(ttl).UTC()}
	doc, _ := json.Marshal(inv)
	detail, _ := json.Marshal(map[string]any{"role": role, "unit": unit, "expires": inv.Expires})
	err := inviteCreate.Run(ctx, s.rdb, []string{s.k.invite(inv.Code), s.k.invites(), s.k.audit()},
		doc, ttl.Milliseconds(), now.UnixMilli(), inv.Code, inv.Expires.UnixMilli(),
		now.UTC().Format(time.RFC3339Nano), by, inviteSubject(inv.Code), detail).Err()
	if err != nil {
		return Invite{}, fmt.Errorf("create invite: %w", err)
	}
	return inv, nil
}

var inviteCreate = script("audit.lua", "invite_create.lua")

// RedeemInvite admits a person with an invite: it gives them its role and
// unit (keeping roles they have) and uses the invite up, in one
// transaction. ErrInvite when the code is no good.
func (x People) RedeemInvite(ctx context.Context, code string, p Profile) (User, error) {
	s := x.s
	key := s.k.invite(code)
	var inv Invite
	return s.changeUser(ctx, change{
		actor: p.ID, action: "invite.use", id: p.ID, watch: []string{key},
		precond: func(tx *redis.Tx) error {
			doc, err := tx.Get(ctx, key).Result()
			if errors.Is(err, redis.Nil) || err == nil && json.Unmarshal([]byte(doc), &inv) != nil {
				return ErrInvite
			}
			if err == nil && !s.now().Before(inv.Expires) {
				return ErrInvite
			}
			return err
		},
		apply: func(u *User, found bool) error {
			if !found {
				*u = s.newUser(p)
			}
			u.Roles = addRole(u.Roles, inv.Role)
			if inv.Unit != "" {
				u.Unit = inv.Unit
			}
			return nil
		},
		extra: func(_ *redis.Tx, pl redis.Pipeliner) error {
			pl.ZRem(ctx, s.k.invites(), code)
			return pl.Del(ctx, key).Err()
		},
	})
}

// inviteSubject names an invite in the audit log by the start of its code:
// enough to tell it from the others, not enough to use it.
func inviteSubject(code string) string { return "invite:" + code[:min(6, len(code))] }

// OpenInvites are the invites not yet used, revoked or expired, the
// soonest to expire first. An invite made before they were listed (by an
// earlier version) is not among them: RevokeInvite takes it by its code.
func (x People) OpenInvites(ctx context.Context) ([]Invite, error) {
	s := x.s
	now := s.now()
	codes, err := s.rdb.ZRangeByScore(ctx, s.k.invites(), &redis.ZRangeBy{Min: "(" + strconv.FormatInt(now.UnixMilli(), 10), Max: "+inf"}).Result()
	if err != nil {
		return nil, fmt.Errorf("open invites: %w", err)
	}
	if len(codes) == 0 {
		return nil, nil
	}
	keys := make([]string, len(codes))
	for i, code := range codes {
		keys[i] = s.k.invite(code)
	}
	docs, err := s.rdb.MGet(ctx, keys...).Result()
	if err != nil {
		return nil, fmt.Errorf("open invites: %w", err)
	}
	var out []Invite
	for _, doc := range docs {
		var inv Invite
		if d, ok := doc.(string); ok && json.Unmarshal([]byte(d), &inv) == nil && now.Before(inv.Expires) {
			out = append(out, inv)
		}
	}
	return out, nil
}

// RevokeInvite makes an invite not yet used unusable before it expires,
// with its audit entry, and returns it: a link that leaked admits no one.
// ErrInvite when the code is unknown, used, revoked or expired.
func (x People) RevokeInvite(ctx context.Context, by int64, code string) (Invite, error) {
	s := x.s
	key := s.k.invite(code)
	var inv Invite
	err := s.watch(ctx, func(tx *redis.Tx) error {
		doc, err := tx.Get(ctx, key).Result()
		switch {
		case errors.Is(err, redis.Nil):
			return ErrInvite
		case err != nil:
			return err
		case json.Unmarshal([]byte(doc), &inv) != nil || !s.now().Before(inv.Expires):
			return ErrInvite
		}
		detail, _ := json.Marshal(map[string]any{"role": inv.Role, "unit": inv.Unit, "expires": inv.Expires, "by": inv.By})
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Del(ctx, key)
			p.ZRem(ctx, s.k.invites(), code)
			s.addAudit(ctx, p, Entry{At: s.now(), Actor: by, Action: "invite.revoke", Subject: inviteSubject(code), Detail: string(detail)})
			return nil
		})
		return err
	}, key)
	if err != nil && !errors.Is(err, ErrInvite) {
		return Invite{}, fmt.Errorf("revoke invite: %w", err)
	}
	return inv, err
}
