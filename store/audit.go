package store

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/redis/go-redis/v9"
)

// Entry is one line of the audit log.
type Entry struct {
	ID      string // the stream id; newer entries have greater ids
	At      time.Time
	Actor   int64 // Telegram id of who did it; 0 for the command line or the system
	Action  string
	Subject string // figure:12, user:345, invite:…
	Detail  string // JSON
}

// addAudit queues an audit entry on a transaction's pipeline.
// hashAudit sets a hash's field (removes it when value is "") with its
// audit entry e, at the store's now, in one script (lua/hash_audit.lua).
func (s *Store) hashAudit(ctx context.Context, hash, field, value string, e Entry) error {
	return hashAudit.Run(ctx, s.rdb, []string{hash, s.k.audit()}, field, value,
		s.now().UTC().Format(time.RFC3339Nano), e.Actor, e.Action, e.Subject, e.Detail).Err()
}

var hashAudit = script("audit.lua", "hash_audit.lua")

func (s *Store) addAudit(ctx context.Context, p redis.Pipeliner, e Entry) {
	p.XAdd(ctx, &redis.XAddArgs{Stream: s.k.audit(), Values: []any{
		"at", e.At.UTC().Format(time.RFC3339Nano), "actor", e.Actor, "action", e.Action, "subject", e.Subject, "detail", e.Detail,
	}})
}

// Entries reads up to n entries, newest first, older than the entry before
// (all when before is "").
func (x AuditLog) Entries(ctx context.Context, n int, before string) ([]Entry, error) {
	s := x.s
	end := "+"
	if before != "" {
		end = "(" + before
	}
	msgs, err := s.rdb.XRevRangeN(ctx, s.k.audit(), end, "-", int64(n)).Result()
	if err != nil {
		return nil, fmt.Errorf("read audit: %w", err)
	}
	out := make([]Entry, len(msgs))
	for i, m := range msgs {
		out[i] = entryOf(m)
	}
	return out, nil
}

func entryOf(m redis.XMessage) Entry {
	str := func(k string) string { v, _ := m.Values[k].(string); return v }
	e := Entry{ID: m.ID, Action: str("action"), Subject: str("subject"), Detail: str("detail")}
	e.At, _ = time.Parse(time.RFC3339Nano, str("at"))
	e.Actor, _ = strconv.ParseInt(str("actor"), 10, 64)
	return e
}
