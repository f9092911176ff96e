package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
	"chitieu/store"
	"chitieu/store/storetest"
)

// spansOf are spans of every shape over days 0…n: single days, blocks'
// edges, long runs.
func spansOf(rng *rand.Rand, base indicator.Date, n int) []indicator.Period {
	out := []indicator.Period{{From: base, To: base + indicator.Date(n)}, {From: base - 2000, To: base + 5000},
		{From: base + 31, To: base + 30}} // an empty span
	for range 60 {
		a := base + indicator.Date(rng.IntN(n))
		out = append(out, indicator.Period{From: a, To: a + indicator.Date(rng.IntN(n/2+1))})
	}
	return out
}

// sameAsFigures checks that Series answers every span as the figures
// held whole do.
func sameAsFigures(t *testing.T, s *store.Store, code string, spans []indicator.Period) {
	t.Helper()
	figs, err := s.Figures.Records(ctx, code, indicator.Period{From: -1 << 20, To: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	whole := indicator.Figures(indicator.FiguresOf(figs))
	a, err := s.Figures.Series(ctx, code, spans)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range spans {
		got, want := a.Stats(p), whole.Stats(p)
		if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
			t.Fatalf("span %v:\n got %+v\nwant %+v", p, got, want)
		}
	}
	if !a.Complete() {
		t.Fatal("a span asked was not answered")
	}
}

// TestSeriesAnswersAsTheFigures saves and corrects figures at random (a
// day's several, moved across years and months, values with decimals) and
// checks that Series answers every span as the figures do; then with the
// sums lost (a store from before them), EnsureSums sums them up again.
func TestSeriesAnswersAsTheFigures(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		rng := rand.New(rand.NewPCG(3, 4))
		base := d(2020, 1, 1)
		const days = 2200
		var saved []indicator.Record
		for i := range 400 {
			day := base + indicator.Date(rng.IntN(days))
			f := save(t, s, store.NewFigure{Indicator: "CT01.1", Date: day, Value: float64(rng.IntN(40)) / 10,
				Note: fmt.Sprint("lý do | ", i), By: 7, Key: fmt.Sprint("k", i)})
			saved = append(saved, f)
			if i%10 == 9 { // a correction, half of them to another day
				c := saved[rng.IntN(len(saved))]
				cur, _ := s.Figures.Get(ctx, c.ID)
				to := cur.Date
				if rng.IntN(2) == 0 {
					to = base + indicator.Date(rng.IntN(days))
				}
				if _, err := s.Figures.Correct(ctx, indicator.Correction{ID: c.ID, Version: cur.Version, Date: to, Value: 0.3, By: 8, Reason: "sửa"}); err != nil {
					t.Fatal(err)
				}
			}
		}
		spans := spansOf(rng, base, days)
		sameAsFigures(t, s, "CT01.1", spans)
		if err := s.DropSums(ctx, "CT01.1"); err != nil {
			t.Fatal(err)
		}
		if n, err := s.Figures.EnsureSums(ctx); err != nil || n != 1 {
			t.Fatalf("sum up: %d codes, %v", n, err)
		}
		sameAsFigures(t, s, "CT01.1", spans)
		if n, err := s.Figures.EnsureSums(ctx); err != nil || n != 0 {
			t.Fatalf("summed up again: %d codes, %v", n, err)
		}
	})
}

// TestImportKeepsTheSums: figures imported (twice, the second time adding
// nothing) are read as the figures say.
func TestImportKeepsTheSums(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		var figs []store.NewFigure
		for i := range 300 {
			figs = append(figs, store.NewFigure{Indicator: fmt.Sprint("CT0", i%3), Date: d(2021, 1, 1) + indicator.Date(i*7%900),
				Value: float64(i % 13), Note: fmt.Sprint("ghi chú ", i), Key: fmt.Sprint("f", i)})
		}
		for range 2 {
			if _, err := s.Figures.Import(ctx, 0, figs); err != nil {
				t.Fatal(err)
			}
		}
		spans := spansOf(rand.New(rand.NewPCG(5, 6)), d(2021, 1, 1), 900)
		for i := range 3 {
			sameAsFigures(t, s, fmt.Sprint("CT0", i), spans)
		}
	})
}

// TestASumOfDecimalsStaysWhole: a count corrected from 0,1 to 0,2 and
// figures added and taken away leave a year's sum as typed, never a hair
// over a ceiling.
func TestASumOfDecimalsStaysWhole(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		year := indicator.Period{From: d(2023, 1, 1), To: d(2023, 12, 31)}
		var ids []indicator.Record
		for i, v := range []float64{0.1, 0.2, 0.7, 11} {
			ids = append(ids, save(t, s, store.NewFigure{Indicator: "CT04.4", Date: d(2023, 3, 1+i), Value: v, By: 7, Key: fmt.Sprint("k", i)}))
		}
		if _, err := s.Figures.Correct(ctx, indicator.Correction{ID: ids[0].ID, Version: 1, Value: 0.3, By: 7, Reason: "sửa"}); err != nil {
			t.Fatal(err)
		}
		a, err := s.Figures.Series(ctx, "CT04.4", []indicator.Period{year})
		if err != nil {
			t.Fatal(err)
		}
		if got := a.Stats(year).Sum; got != 12.2 {
			t.Fatalf("the year's sum is %v, want 12.2", got)
		}
	})
}

// saveBetween is a hook that saves another indicator's figure just before
// the correction script runs: between the correction's read and its write.
type saveBetween struct {
	s    *store.Store
	done bool
}

func (h *saveBetween) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *saveBetween) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}
func (h *saveBetween) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		args := cmd.Args()
		if name := cmd.Name(); !h.done && (name == "evalsha" || name == "eval") && len(args) > 3 && fmt.Sprint(args[2]) == "5" {
			if k, _ := args[3].(string); strings.HasSuffix(k, ":figures") { // correct.lua's first key
				h.done = true
				if _, _, err := h.s.Figures.Save(ctx, store.NewFigure{Indicator: "CT02.1", Date: d(2023, 5, 1), Value: 1, By: 9, Key: "other"}); err != nil {
					return err
				}
			}
		}
		return next(ctx, cmd)
	}
}

// TestACorrectionIsNotFailedByAnotherSave: a figure of another indicator
// saved between a correction's read and its write leaves the correction
// done (it used to fail: "redis: transaction failed").
func TestACorrectionIsNotFailedByAnotherSave(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		f := save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 5, 1), Value: 8, By: 7, Key: "mine"})
		h := &saveBetween{s: s}
		s.AddHook(h)
		got, err := s.Figures.Correct(ctx, indicator.Correction{ID: f.ID, Version: 1, Value: 9, By: 7, Reason: "sửa"})
		if err != nil {
			t.Fatalf("a correction failed because another figure was saved: %v", err)
		}
		if !h.done {
			t.Fatal("the hook saved nothing between the read and the write: the test tests nothing")
		}
		if got.Value != 9 || got.Version != 2 {
			t.Fatalf("corrected to %+v", got)
		}
		if _, err := s.Figures.Correct(ctx, indicator.Correction{ID: f.ID, Version: 1, Value: 10, By: 7}); err == nil {
			t.Fatal("a correction of a version corrected since was taken")
		}
	})
}

// BenchmarkSeries reads what judging a report needs (the spans of a yearly
// level's evaluation in mid-2023) with 0, 1,000 and 10,000 figures stored
// over the term before it.
func BenchmarkSeries(b *testing.B) {
	for _, n := range []int{0, 1000, 10000} {
		b.Run(fmt.Sprint("figures=", n), func(b *testing.B) {
			s := storetest.New(b, nil)
			from, today := d(2020, 1, 1), d(2023, 6, 30)
			figs := make([]store.NewFigure, n)
			for i := range figs {
				figs[i] = store.NewFigure{Indicator: "CT04.1", Date: from + indicator.Date(i*int(today-from)/max(n, 1)), Value: 90, Key: fmt.Sprint(i)}
			}
			if _, err := s.Figures.Import(ctx, 0, figs); err != nil {
				b.Fatal(err)
			}
			spans := []indicator.Period{{From: d(2023, 1, 1), To: today}, {From: d(2023, 5, 1), To: d(2023, 5, 31)},
				{From: d(2023, 6, 1), To: today}, {From: d(2022, 1, 1), To: d(2022, 12, 31)}}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Figures.Series(ctx, "CT04.1", spans); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
