package store_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
	"chitieu/store"
	"chitieu/store/storetest"
)

// TestASaveFromWhatAReadSawKeepsTheState saves figures with the blocks a
// read saw (the one-line report's way), on a few days so that blocks fill
// up, and between some reads and their saves another figure of the same
// day is saved: the state stays what the figures sum up to, whether the
// blocks a save saw were still there (summed up in Go) or not (in Lua).
func TestASaveFromWhatAReadSawKeepsTheState(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		runs := storetest.ScriptRuns(s, store.SaveSeenHash)
		rng := rand.New(rand.NewPCG(5, 6))
		base := d(2023, 1, 30)
		spans := []indicator.Period{{From: d(2023, 1, 1), To: d(2023, 12, 31)}}
		for i := range 120 {
			day := base + indicator.Date(rng.IntN(4)) // across a month's end
			if i%7 == 3 {
				day -= 40 // before the blocks' latest figures
			}
			v, err := s.ReportRead("CT01.1", spans, 0, time.Time{}).At(day).View(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if i%5 == 4 { // another save after the read
				save(t, s, store.NewFigure{Indicator: "CT01.1", Date: day, Value: 1, Key: fmt.Sprint("other", i)})
			}
			save(t, s, store.NewFigure{Indicator: "CT01.1", Date: day, Value: float64(rng.IntN(40)) / 4, Note: fmt.Sprint("ghi chú # ", i),
				Key: fmt.Sprint("k", i), Seen: v.Seen(day)})
		}
		if runs() != 120 {
			t.Errorf("saves with blocks seen: %d runs, want 120", runs())
		}
		if drift, err := s.CheckState(ctx); err != nil || len(drift) != 0 {
			t.Fatalf("the state drifted from the figures: %v, %v", drift, err)
		}
		figs, _ := s.Figures(ctx, "CT01.1", spans[0])
		a, _ := s.State(ctx, "CT01.1", spans)
		got, want := a.Stats(spans[0]), indicator.Figures(indicator.FiguresOf(figs)).Stats(spans[0])
		if got.N != want.N || got.Sum != want.Sum || got.Last().Note != want.Last().Note || !slices.Equal(dates(got.Tail), dates(want.Tail)) {
			t.Errorf("the state answers %+v, the figures %+v", got, want)
		}
	})
}

// A Seen of another day or code is not used: the save sums up in Redis.
func TestASeenOfAnotherDayIsNotUsed(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		runs := storetest.ScriptRuns(s, store.SaveSeenHash)
		v, _ := s.ReportRead("CT01.1", nil, 0, time.Time{}).At(d(2023, 3, 1)).View(ctx)
		save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 3, 2), Value: 5, Key: "a", Seen: v.Seen(d(2023, 3, 1))})
		save(t, s, store.NewFigure{Indicator: "CT01.2", Date: d(2023, 3, 1), Value: 5, Key: "b", Seen: v.Seen(d(2023, 3, 1))})
		if v.Seen(d(2023, 3, 2)) != (store.Seen{}) {
			t.Error("a read saw the blocks of a day it did not read")
		}
		if runs() != 0 {
			t.Errorf("a Seen of another day or code was used %d times", runs())
		}
		if drift, err := s.CheckState(ctx); err != nil || len(drift) != 0 {
			t.Fatalf("the state drifted from the figures: %v, %v", drift, err)
		}
	})
}

// A save with the blocks a read saw sums them up in Go: its sums are
// written as Go writes numbers (0.2), not as Lua does (0.20000000000000001).
func TestASaveWithTheBlocksSeenSumsUpInGo(t *testing.T) {
	eachRaw(t, func(t *testing.T, s *store.Store, rdb redis.UniversalClient, prefix string) {
		day := d(2023, 3, 1)
		for i := range 2 {
			v, err := s.ReportRead("CT01.1", nil, 0, time.Time{}).At(day).View(ctx)
			if err != nil {
				t.Fatal(err)
			}
			save(t, s, store.NewFigure{Indicator: "CT01.1", Date: day, Value: 0.1, Key: fmt.Sprint(i), Seen: v.Seen(day)})
		}
		for _, field := range []string{"y2023", "m202303", fmt.Sprint("d", int(day))} {
			if rec, _ := rdb.HGet(ctx, "{"+prefix+"}:state:CT01.1", field).Result(); !strings.HasPrefix(rec, "2|0.2|") {
				t.Errorf("block %s: %q, not summed up in Go", field, rec)
			}
		}
	})
}

func dates(figs []indicator.Figure) []indicator.Date {
	var out []indicator.Date
	for _, f := range figs {
		out = append(out, f.Date)
	}
	return out
}
