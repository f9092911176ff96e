package store

import (
	"context"
	"encoding/json"
	"time"
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
