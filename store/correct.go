package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
)

// ErrConflict is returned when a figure changed after it was read.
var ErrConflict = errors.New("the figure was changed in the meantime")

// CorrectFigure applies a correction with its audit entry in one
// transaction, and returns the figure as it now is.
func (s *Store) CorrectFigure(ctx context.Context, c indicator.Correction) (indicator.Record, error) {
	if err := s.writableNow(ctx); err != nil {
		return indicator.Record{}, fmt.Errorf("correct figure %d: %w", c.ID, err)
	}
	figs := s.tk().figures()
	var out indicator.Record
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
		out = f.Corrected(c, s.now().UTC())
		return s.writeCorrection(ctx, tx, f, out, c.Reason)
	}, figs)
	if err != nil {
		return indicator.Record{}, fmt.Errorf("correct figure %d: %w", c.ID, err)
	}
	return out, nil
}

func (s *Store) writeCorrection(ctx context.Context, tx *redis.Tx, old, f indicator.Record, reason string) error {
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
