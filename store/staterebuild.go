package store

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
)

// allTime is every day a figure may carry.
var allTime = indicator.Period{From: -1 << 30, To: 1 << 30}

// stateVersion names the state's layout; a store whose state was built
// under another (or none) rebuilds it (EnsureState).
const stateVersion = "1"

func (k termKeys) stateVersion() string { return k.data("state:version") }

// figuresUnder reads the figures saved under code itself (not those of the
// codes it had before).
func (s *Store) figuresUnder(ctx context.Context, code string) ([]indicator.Record, error) {
	all, err := s.AllFigures(ctx, []string{code}, allTime)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all[code], func(f indicator.Record) bool { return f.Indicator != code }), nil
}

// RebuildState sums up every code's evaluation state again from its
// figures, replacing what was there, and returns how many codes it
// rebuilt. A code written to while it is rebuilt is rebuilt again.
func (s *Store) RebuildState(ctx context.Context) (int, error) {
	counts, err := s.FigureCodes(ctx)
	if err != nil {
		return 0, err
	}
	for code := range counts {
		if err := s.rebuildCode(ctx, code); err != nil {
			return 0, fmt.Errorf("rebuild the evaluation state of %s: %w", code, err)
		}
	}
	return len(counts), s.rdb.Set(ctx, s.tk().stateVersion(), stateVersion, 0).Err()
}

// rebuildCode replaces a code's state, unless a figure of it was saved or
// corrected in the meantime (its index or the figures changed): then again.
func (s *Store) rebuildCode(ctx context.Context, code string) error {
	return s.watch(ctx, func(tx *redis.Tx) error {
		figs, err := s.figuresUnder(ctx, code)
		if err != nil {
			return err
		}
		blocks := blocksOf(figs)
		_, err = tx.TxPipelined(ctx, func(p redis.Pipeliner) error {
			p.Del(ctx, s.tk().state(code))
			fields := make([]any, 0, 2*len(blocks))
			for field, r := range blocks {
				fields = append(fields, field, r.String())
			}
			for chunk := range slices.Chunk(fields, 2000) {
				p.HSet(ctx, s.tk().state(code), chunk...)
			}
			return nil
		})
		return err
	}, s.tk().index(code), s.tk().state(code)) // a save or a correction writes the state
}

// EnsureState rebuilds the evaluation state when it was built under
// another layout, or never (a store from before it): serve calls it on
// start. It reports whether it rebuilt.
func (s *Store) EnsureState(ctx context.Context) (bool, error) {
	v, err := s.rdb.Get(ctx, s.tk().stateVersion()).Result()
	if err == nil && v == stateVersion {
		return false, nil
	}
	if err != nil && err != redis.Nil {
		return false, err
	}
	_, err = s.RebuildState(ctx)
	return err == nil, err
}

// StateDrift is a block whose stored record differs from the figures'.
type StateDrift struct {
	Code, Block string
	Stored      string // "" when missing
	Want        string // "" when there should be none
}

// CheckState compares every code's evaluation state with its figures and
// returns the blocks that differ (a sum may differ in its last bits: the
// order of additions differs).
func (s *Store) CheckState(ctx context.Context) ([]StateDrift, error) {
	counts, err := s.FigureCodes(ctx)
	if err != nil {
		return nil, err
	}
	var out []StateDrift
	for code := range counts {
		d, err := s.checkCode(ctx, code)
		if err != nil {
			return nil, err
		}
		out = append(out, d...)
	}
	slices.SortFunc(out, func(a, b StateDrift) int {
		if a.Code != b.Code {
			return cmpStr(a.Code, b.Code)
		}
		return cmpStr(a.Block, b.Block)
	})
	return out, nil
}

func cmpStr(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (s *Store) checkCode(ctx context.Context, code string) ([]StateDrift, error) {
	figs, err := s.figuresUnder(ctx, code)
	if err != nil {
		return nil, err
	}
	stored, err := s.rdb.HGetAll(ctx, s.tk().state(code)).Result()
	if err != nil {
		return nil, err
	}
	var out []StateDrift
	want := blocksOf(figs)
	for field, r := range want {
		got, err := parseRecord(stored[field])
		if err != nil || !sameRecord(got, r) {
			out = append(out, StateDrift{Code: code, Block: field, Stored: stored[field], Want: r.String()})
		}
	}
	for field, raw := range stored {
		if _, ok := want[field]; !ok {
			out = append(out, StateDrift{Code: code, Block: field, Stored: raw})
		}
	}
	return out, nil
}

// sameRecord compares two records, their sums to a relative 1e-9.
func sameRecord(a, b record) bool {
	sumA, sumB := a.Sum, b.Sum
	a.Sum, b.Sum = 0, 0
	return a.String() == b.String() && math.Abs(sumA-sumB) <= 1e-9*max(1, math.Abs(sumA), math.Abs(sumB))
}

// DeleteStateOf forgets a code's evaluation state (a rebuild makes it
// again): for a state known to be wrong, and for tests of drift.
func (s *Store) DeleteStateOf(ctx context.Context, code string) error {
	return s.rdb.Del(ctx, s.tk().state(code)).Err()
}
