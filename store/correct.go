package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"chitieu/indicator"
)

// ErrConflict is returned when a figure changed after it was read.
var ErrConflict = errors.New("the figure was changed in the meantime")

var correctScript = script("audit.lua", "correct.lua")

// Correct applies a correction with its audit entry in one script,
// and returns the figure as it now is: ErrConflict when the figure was
// corrected since version c.Version was read. Figures saved meanwhile do
// not matter.
func (x Figures) Correct(ctx context.Context, c indicator.Correction) (indicator.Record, error) {
	s := x.s
	if err := s.writableNow(ctx); err != nil {
		return indicator.Record{}, fmt.Errorf("correct figure %d: %w", c.ID, err)
	}
	old, err := s.Figures.Get(ctx, c.ID)
	if err != nil {
		return indicator.Record{}, fmt.Errorf("correct figure %d: %w", c.ID, err)
	}
	if old.Version != c.Version {
		return indicator.Record{}, fmt.Errorf("correct figure %d: %w", c.ID, ErrConflict)
	}
	f := old.Corrected(c, s.now().UTC())
	doc, err := json.Marshal(f)
	if err != nil {
		return indicator.Record{}, err
	}
	detail, _ := json.Marshal(map[string]any{"indicator": f.Indicator, "from": old.Value, "to": f.Value,
		"from_date": old.Date, "date": f.Date, "reason": c.Reason, "version": f.Version})
	k := s.tk()
	ob, nb := blocks(old.Date), blocks(f.Date)
	res, err := correctScript.Run(ctx, s.rdb,
		[]string{k.figures(), k.index(f.Indicator), k.byReporter(f.By), k.sums(f.Indicator), s.k.audit()},
		member(f.ID), old.Version, doc, int(f.Date), f.At.UnixMilli(), f.At.Format(time.RFC3339Nano), f.By, detail,
		-old.Value, f.Value, ob[0], ob[1], ob[2], nb[0], nb[1], nb[2]).Int()
	switch {
	case err != nil:
		return indicator.Record{}, fmt.Errorf("correct figure %d: %w", c.ID, err)
	case res < 0:
		return indicator.Record{}, fmt.Errorf("correct figure %d: %w", c.ID, ErrNotFound)
	case res == 0:
		return indicator.Record{}, fmt.Errorf("correct figure %d: %w", c.ID, ErrConflict)
	}
	return f, nil
}
