package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
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

// CreateInvite makes a single-use invite that expires after ttl.
func (s *Store) CreateInvite(ctx context.Context, by int64, role Role, unit string, ttl time.Duration) (Invite, error) {
	if _, ok := ParseRole(string(role)); !ok {
		return Invite{}, fmt.Errorf("create invite: unknown role %q", role)
	}
	inv := Invite{Code: newCode(), Role: role, Unit: unit, By: by, Expires: s.now().Add(ttl).UTC()}
	doc, _ := json.Marshal(inv)
	detail, _ := json.Marshal(map[string]any{"role": role, "unit": unit, "expires": inv.Expires})
	_, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.Set(ctx, s.k.invite(inv.Code), doc, ttl)
		s.addAudit(ctx, p, Entry{At: s.now(), Actor: by, Action: "invite.create", Subject: "invite:" + inv.Code[:6], Detail: string(detail)})
		return nil
	})
	if err != nil {
		return Invite{}, fmt.Errorf("create invite: %w", err)
	}
	return inv, nil
}

// RedeemInvite admits a person with an invite: it gives them its role and
// unit (keeping roles they have) and uses the invite up, in one
// transaction. ErrInvite when the code is no good.
func (s *Store) RedeemInvite(ctx context.Context, code string, p Profile) (User, error) {
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
		extra: func(_ *redis.Tx, pl redis.Pipeliner) error { return pl.Del(ctx, key).Err() },
	})
}
