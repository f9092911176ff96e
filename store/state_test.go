package store_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"chitieu/indicator"
	"chitieu/store"
	"chitieu/store/storetest"
)

// spansOf are spans of every shape over days 0…n: single days, blocks'
// edges, long runs.
func spansOf(rng *rand.Rand, base indicator.Date, n int) []indicator.Period {
	out := []indicator.Period{{From: base, To: base + indicator.Date(n)}, {From: base - 2000, To: base + 5000}}
	for range 60 {
		a := base + indicator.Date(rng.IntN(n))
		out = append(out, indicator.Period{From: a, To: a + indicator.Date(rng.IntN(n/2+1))})
	}
	return out
}

// TestStateAnswersAsTheFigures saves and corrects figures at random (a
// day's several, moved across blocks) and checks that the state answers
// every span as the figures do, that it matches a rebuild from the
// figures, and that drift is found and rebuilt away.
func TestStateAnswersAsTheFigures(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		rng := rand.New(rand.NewPCG(3, 4))
		base := d(2020, 1, 1)
		const days = 2200
		var saved []indicator.Record
		for i := range 400 {
			day := base + indicator.Date(rng.IntN(days))
			f := save(t, s, store.NewFigure{Indicator: "CT01.1", Date: day, Value: float64(rng.IntN(40)) / 4,
				Note: fmt.Sprint("lý do | ", i), By: 7, Key: fmt.Sprint("k", i)})
			saved = append(saved, f)
			if i%10 == 9 { // a correction, half of them to another day
				c := saved[rng.IntN(len(saved))]
				cur, _ := s.Figure(ctx, c.ID)
				to := cur.Date
				if rng.IntN(2) == 0 {
					to = base + indicator.Date(rng.IntN(days))
				}
				if _, err := s.CorrectFigure(ctx, indicator.Correction{ID: c.ID, Version: cur.Version, Date: to, Value: 99.5, By: 8, Reason: "sửa"}); err != nil {
					t.Fatal(err)
				}
			}
		}
		figs, err := s.Figures(ctx, "CT01.1", indicator.Period{From: base - 9999, To: base + 9999})
		if err != nil {
			t.Fatal(err)
		}
		whole := indicator.Figures(indicator.FiguresOf(figs))
		spans := spansOf(rng, base, days)
		a, err := s.State(ctx, "CT01.1", spans)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range spans {
			got, want := a.Stats(p), whole.Stats(p)
			want.First.Note = got.First.Note    // the state keeps the latest figure's note only
			want.Tail = slices.Clone(want.Tail) // it shares the figures' array
			for i := range max(0, len(want.Tail)-1) {
				want.Tail[i].Note = ""
			}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
				t.Fatalf("span %v:\n got %+v\nwant %+v", p, got, want)
			}
		}
		if drift, err := s.CheckState(ctx); err != nil || len(drift) != 0 {
			t.Fatalf("the state drifted from the figures: %v, %v", drift, err)
		}
		if err := s.DropStateBlock(ctx, "CT01.1", "y2021"); err != nil {
			t.Fatal(err)
		}
		if drift, _ := s.CheckState(ctx); len(drift) != 1 {
			t.Fatalf("a lost block is not found: %v", drift)
		}
		if n, err := s.RebuildState(ctx); err != nil || n != 1 {
			t.Fatalf("rebuild: %d codes, %v", n, err)
		}
		if drift, err := s.CheckState(ctx); err != nil || len(drift) != 0 {
			t.Fatalf("after a rebuild the state still drifts: %v, %v", drift, err)
		}
	})
}

// TestImportKeepsTheState: figures imported (twice, the second time
// adding nothing) leave the state as the figures say.
func TestImportKeepsTheState(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		var figs []store.NewFigure
		for i := range 300 {
			figs = append(figs, store.NewFigure{Indicator: fmt.Sprint("CT0", i%3), Date: d(2021, 1, 1) + indicator.Date(i*7%900),
				Value: float64(i % 13), Note: fmt.Sprint("ghi chú ", i), Key: fmt.Sprint("f", i)})
		}
		for range 2 {
			if _, err := s.ImportFigures(ctx, 0, figs); err != nil {
				t.Fatal(err)
			}
		}
		if drift, err := s.CheckState(ctx); err != nil || len(drift) != 0 {
			t.Fatalf("the state drifted from the imported figures: %v, %v", drift, err)
		}
	})
}

// BenchmarkReportRead reads what judging a report needs (the spans of a
// yearly level's evaluation in mid-2023) with 0, 1,000 and 10,000 figures
// stored over the term before it.
func BenchmarkReportRead(b *testing.B) {
	for _, n := range []int{0, 1000, 10000} {
		b.Run(fmt.Sprint("figures=", n), func(b *testing.B) {
			s := storetest.New(b, nil)
			from, today := d(2020, 1, 1), d(2023, 6, 30)
			figs := make([]store.NewFigure, n)
			for i := range figs {
				figs[i] = store.NewFigure{Indicator: "CT04.1", Date: from + indicator.Date(i*int(today-from)/max(n, 1)), Value: 90, Key: fmt.Sprint(i)}
			}
			if _, err := s.ImportFigures(ctx, 0, figs); err != nil {
				b.Fatal(err)
			}
			spans := []indicator.Period{{From: d(2023, 1, 1), To: today}, {From: d(2023, 5, 1), To: d(2023, 5, 31)},
				{From: d(2023, 6, 1), To: today}, {From: d(2022, 1, 1), To: d(2022, 12, 31)}}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.ReportRead("CT04.1", spans, 0, time.Time{}).View(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
