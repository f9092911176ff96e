package store

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"
)

// Alert is what was last told of an indicator's standing.
type Alert struct {
	Indicator     string    `json:"indicator"`
	Status        string    `json:"status"` // the status last alerted: off_track, or on_track after a recovery
	Overdue       bool      `json:"overdue,omitempty"`
	Since         time.Time `json:"since"`     // when it entered that status
	LastSent      time.Time `json:"last_sent"` // when an alert last went out
	SilencedUntil time.Time `json:"silenced_until,omitempty"`
	SilencedBy    int64     `json:"silenced_by,omitempty"`
}

// Alerts reads the alert state of every indicator that has one.
func (s *Store) Alerts(ctx context.Context) (map[string]Alert, error) {
	docs, err := s.rdb.HGetAll(ctx, s.k.alerts()).Result()
	if err != nil {
		return nil, err
	}
	out := make(map[string]Alert, len(docs))
	for code, doc := range docs {
		var a Alert
		if err := json.Unmarshal([]byte(doc), &a); err != nil {
			return nil, err
		}
		out[code] = a
	}
	return out, nil
}

// PutAlert records an indicator's alert state.
func (s *Store) PutAlert(ctx context.Context, a Alert) error {
	doc, err := json.Marshal(a)
	if err != nil {
		return err
	}
	return s.rdb.HSet(ctx, s.k.alerts(), a.Indicator, doc).Err()
}

// Silence keeps an indicator's alerts quiet until a time (zero lifts the
// silence), by a leader, with its audit entry, in one transaction.
func (s *Store) Silence(ctx context.Context, actor int64, code string, until time.Time) (Alert, error) {
	var out Alert
	err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		doc, err := tx.HGet(ctx, s.k.alerts(), code).Bytes()
		if err != nil && !errors.Is(err, redis.Nil) {
			return err
		}
		out = Alert{Indicator: code}
		if len(doc) > 0 {
			if err := json.Unmarshal(doc, &out); err != nil {
				return err
			}
		}
		out.SilencedUntil, out.SilencedBy = until.UTC(), actor
		next, _ := json.Marshal(out)
		action := map[bool]string{true: "alert.unsilence", false: "alert.silence"}[until.IsZero()]
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.HSet(ctx, s.k.alerts(), code, next)
			s.addAudit(ctx, p, Entry{At: s.now(), Actor: actor, Action: action, Subject: "indicator:" + code, Detail: until.UTC().Format(time.RFC3339)})
			return nil
		})
		return err
	}, s.k.alerts())
	return out, err
}
