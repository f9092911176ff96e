package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
)

// Correction replaces a figure's value (and, if set, its day and note),
// keeping what it replaces in the figure's history.
type Correction struct {
	ID      int64
	Version int // the version being corrected; a figure corrected since is a conflict
	Date    indicator.Date
	Value   float64
	Text    string
	Note    string
	By      int64
	Reason  string
}

// ErrConflict is returned when a figure changed after it was read.
var ErrConflict = errors.New("the figure was changed in the meantime")

// CorrectFigure applies a correction with its audit entry in one
// transaction, and returns the figure as it now is.
func (s *Store) CorrectFigure(ctx context.Context, c Correction) (Figure, error) {
	if err := s.writableNow(ctx); err != nil {
		return Figure{}, fmt.Errorf("correct figure %d: %w", c.ID, err)
	}
	figs := s.tk().figures()
	var out Figure
	err := s.rdb.Watch(ctx, func(tx *redis.Tx) error {
		doc, err := tx.HGet(ctx, figs, member(c.ID)).Result()
		if errors.Is(err, redis.Nil) {
			return fmt.Errorf("figure %d: %w", c.ID, ErrNotFound)
		}
		if err != nil {
			return err
		}
		f, err := decodeFigure(member(c.ID), doc)
		if err != nil {
			return err
		}
		if f.Version != c.Version {
			return ErrConflict
		}
		out = s.corrected(f, c)
		return s.writeCorrection(ctx, tx, f, out, c.Reason)
	}, figs)
	if err != nil {
		return Figure{}, fmt.Errorf("correct figure %d: %w", c.ID, err)
	}
	return out, nil
}

// corrected is f after c, its old state pushed onto its history.
func (s *Store) corrected(f Figure, c Correction) Figure {
	now := s.now().UTC()
	f.History = append(f.History, Revision{Date: f.Date, Value: f.Value, Text: f.Text, Note: f.Note, By: f.By, At: f.At,
		ReplacedBy: c.By, ReplacedAt: now, Reason: c.Reason})
	if c.Date != 0 {
		f.Date = c.Date
	}
	// The note explained the old value (an off-track reason): it stays in
	// the history with it, and the corrected figure carries its own.
	f.Value, f.Text, f.By, f.At, f.Note = c.Value, c.Text, c.By, now, c.Note
	f.Version++
	return f
}

func (s *Store) writeCorrection(ctx context.Context, tx *redis.Tx, old, f Figure, reason string) error {
	doc, err := json.Marshal(f)
	if err != nil {
		return err
	}
	detail, _ := json.Marshal(map[string]any{"indicator": f.Indicator, "from": old.Value, "to": f.Value,
		"from_date": old.Date, "date": f.Date, "reason": reason, "version": f.Version})
	_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
		m := member(f.ID)
		p.HSet(ctx, s.tk().figures(), m, doc)
		p.ZAdd(ctx, s.tk().index(f.Indicator), redis.Z{Score: float64(f.Date), Member: m})
		p.ZAdd(ctx, s.tk().byReporter(f.By), redis.Z{Score: float64(f.At.UnixMilli()), Member: m})
		refreshState.Eval(ctx, p, []string{s.tk().state(f.Indicator), s.tk().index(f.Indicator), s.tk().figures()}, int(old.Date), int(f.Date))
		s.addAudit(ctx, p, Entry{At: f.At, Actor: f.By, Action: "figure.correct", Subject: fmt.Sprintf("figure:%d", f.ID), Detail: string(detail)})
		return nil
	})
	return err
}
