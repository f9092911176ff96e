package store

import (
	"chitieu/indicator"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// importChunk is how many figures one call of an import adds at most: a
// chunk this size takes Redis about a millisecond (well under 50 even on
// a busy machine), so an import of any size never stalls it for others.
const importChunk = 25

// importRow is a figure ready to send: its document and audit detail made.
type importRow struct {
	indicator, key, detail string
	doc                    []byte
	day                    int
	value                  float64
}

// Import saves many figures, each unless its key is known, with an
// audit entry each, and returns how many were added. It checks every
// figure before it writes any, then writes them in chunks of importChunk,
// each atomic: a file imported twice adds nothing the second time, and an
// import cut off midway adds, when run again, what it had not added yet.
// On an error the count is what was added before it.
func (x Figures) Import(ctx context.Context, by int64, figs []NewFigure) (int, error) {
	s := x.s
	if err := s.writableNow(ctx); err != nil {
		return 0, fmt.Errorf("import figures: %w", err)
	}
	rows, err := s.importRows(by, figs)
	if err != nil {
		return 0, err
	}
	now := s.now().UTC()
	added := 0
	for len(rows) > 0 {
		chunk := rows[:min(importChunk, len(rows))]
		n, err := s.importChunk(ctx, now, by, chunk)
		added += n
		if err != nil {
			return added, fmt.Errorf("import figures: %d added, then: %w", added, err)
		}
		rows = rows[len(chunk):]
	}
	return added, nil
}

// importRows checks and encodes the figures of an import.
func (s *Store) importRows(by int64, figs []NewFigure) ([]importRow, error) {
	rows := make([]importRow, len(figs))
	for i, nf := range figs {
		if nf.Key == "" || nf.Indicator == "" {
			return nil, errors.New("import figures: every figure needs an indicator and a key")
		}
		nf.By = by
		f := s.newFigure(nf)
		doc, err := json.Marshal(f)
		if err != nil {
			return nil, err
		}
		rows[i] = importRow{indicator: f.Indicator, key: f.Key, detail: auditDetail(f), doc: doc, day: int(f.Date),
			value: f.Value}
	}
	return rows, nil
}

var importScript = script("audit.lua", "import.lua")

// importChunk adds a chunk of figures in one call of import.lua.
func (s *Store) importChunk(ctx context.Context, now time.Time, by int64, rows []importRow) (int, error) {
	keys := []string{s.tk().figureKeys(), s.k.figureSeq(), s.tk().figures(), s.tk().byReporter(by), s.k.audit()}
	slot := map[string]int{}
	args := make([]any, 0, 3+9*len(rows))
	args = append(args, now.UnixMilli(), now.Format(time.RFC3339Nano), by)
	for _, r := range rows {
		if slot[r.indicator] == 0 {
			slot[r.indicator] = len(keys) + 1 // Lua counts from 1
			keys = append(keys, s.indicatorKeys(r.indicator)...)
		}
		b := blocks(indicator.Date(r.day))
		args = append(args, r.key, r.doc, r.day, slot[r.indicator], r.detail, r.value, b[0], b[1], b[2])
	}
	return importScript.Run(ctx, s.rdb, keys, args...).Int()
}

// indicatorKeys are the keys import.lua writes for each indicator, in the
// order it reads them.
func (s *Store) indicatorKeys(code string) []string {
	return []string{s.tk().index(code), s.tk().sums(code)}
}
