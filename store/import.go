package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// ImportFigures saves many figures in one atomic step: each is added
// unless its key is known, with an audit entry each. It returns how many
// were added; a file imported twice adds nothing the second time.
func (s *Store) ImportFigures(ctx context.Context, by int64, figs []NewFigure) (int, error) {
	if len(figs) == 0 {
		return 0, nil
	}
	now := s.now().UTC()
	keys := []string{s.k.figureKeys(), s.k.figureSeq(), s.k.figures(), s.k.byReporter(by), s.k.audit()}
	slot := map[string]int{}
	args := []any{now.UnixMilli(), now.Format(time.RFC3339Nano), by}
	for _, nf := range figs {
		if nf.Key == "" || nf.Indicator == "" {
			return 0, errors.New("import figures: every figure needs an indicator and a key")
		}
		if slot[nf.Indicator] == 0 {
			keys = append(keys, s.k.index(nf.Indicator), s.k.state(nf.Indicator))
			slot[nf.Indicator] = len(keys) - 1
		}
		nf.By = by
		f := s.newFigure(nf)
		doc, err := json.Marshal(f)
		if err != nil {
			return 0, err
		}
		args = append(args, f.Key, doc, int(f.Date), slot[nf.Indicator], auditDetail(f), strconv.FormatFloat(f.Value, 'g', -1, 64), f.Note)
	}
	n, err := importFigures.Run(ctx, s.rdb, keys, args...).Int()
	if err != nil {
		return 0, fmt.Errorf("import figures: %w", err)
	}
	return n, nil
}
