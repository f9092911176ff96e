package store_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
	"chitieu/plans"
	"chitieu/store"
	"chitieu/store/storetest"
)

// roundTrips counts the commands and pipelines sent to Redis.
type roundTrips struct{ n atomic.Int64 }

func (r *roundTrips) DialHook(next redis.DialHook) redis.DialHook { return next }
func (r *roundTrips) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error { r.n.Add(1); return next(ctx, cmd) }
}
func (r *roundTrips) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error { r.n.Add(1); return next(ctx, cmds) }
}

// count runs fn and returns how many round trips it made.
func (r *roundTrips) count(fn func()) int64 {
	before := r.n.Load()
	fn()
	return r.n.Load() - before
}

func examplePlan(tb testing.TB) *indicator.Plan {
	p, err := indicator.Load(plans.Example)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// fiveYears saves monthly figures for every indicator of the example plan.
func fiveYears(tb testing.TB, s *store.Store, codes []string) {
	var figs []store.NewFigure
	for _, code := range codes {
		for m := range 60 {
			figs = append(figs, store.NewFigure{Indicator: code, Date: indicator.NewDate(2021, time.Month(1+m), 25),
				Value: float64(m), Key: fmt.Sprintf("%s:%d", code, m)})
		}
	}
	if _, err := s.Figures.Import(ctx, 0, figs); err != nil {
		tb.Fatal(err)
	}
}

func TestRoundTrips(t *testing.T) {
	s := storetest.New(t, nil)
	rt := &roundTrips{}
	s.AddHook(rt)
	codes := codesOf(examplePlan(t))
	fiveYears(t, s, codes)
	save := func(key string) func() {
		return func() {
			s.Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: indicator.NewDate(2026, 1, 25), Value: 1, Key: key})
		}
	}
	if n := rt.count(save("cold")); n > 2 {
		t.Errorf("saving a figure took %d round trips, want at most 2", n)
	}
	if n := rt.count(save("warm")); n != 1 {
		t.Errorf("saving a figure took %d round trips once the script is loaded, want 1", n)
	}
	term := indicator.Period{From: indicator.NewDate(2020, 1, 1), To: indicator.NewDate(2025, 12, 31)}
	rt.count(func() { s.Figures.All(ctx, codes, term) })
	var all map[string][]indicator.Record
	pieces := int64((len(codes)*60 + store.ReadBudget - 1) / store.ReadBudget)
	if n := rt.count(func() { all, _ = s.Figures.All(ctx, codes, term) }); n != pieces {
		t.Errorf("loading every indicator's %d figures took %d round trips, want %d", len(codes)*60, n, pieces)
	}
	if n := rt.count(func() { s.Figures.All(ctx, codes[:10], term) }); n != 1 {
		t.Errorf("loading 600 figures took %d round trips, want 1", n)
	}
	if len(all) != 59 || len(all["CT06.3"]) != 60 {
		t.Errorf("loaded %d indicators, %d figures for CT06.3", len(all), len(all["CT06.3"]))
	}
}

func codesOf(p *indicator.Plan) []string {
	var codes []string
	for _, ind := range p.Indicators() {
		codes = append(codes, ind.Code)
	}
	return codes
}

func BenchmarkSaveFigure(b *testing.B) {
	s := storetest.New(b, nil)
	var i atomic.Int64
	b.ReportAllocs()
	b.SetParallelism(8) // 16 callers on 2 cores
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := i.Add(1)
			_, _, err := s.Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: indicator.NewDate(2023, 1, 1) + indicator.Date(n%365),
				Value: 1, By: n % 50, Key: fmt.Sprint(n)})
			if err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkReadYearOfDailyFigures(b *testing.B) {
	s := storetest.New(b, nil)
	var figs []store.NewFigure
	for i := range 365 {
		figs = append(figs, store.NewFigure{Indicator: "CT01.1", Date: indicator.NewDate(2023, 1, 1) + indicator.Date(i), Value: 1, Key: fmt.Sprint(i)})
	}
	s.Figures.Import(ctx, 0, figs)
	b.ReportAllocs()
	for b.Loop() {
		got, err := s.Figures.Records(ctx, "CT01.1", y2023)
		if err != nil || len(got) != 365 {
			b.Fatal(len(got), err)
		}
	}
}

func BenchmarkLoadDigestFigures(b *testing.B) {
	s := storetest.New(b, nil)
	codes := codesOf(examplePlan(b))
	fiveYears(b, s, codes)
	term := indicator.Period{From: indicator.NewDate(2020, 1, 1), To: indicator.NewDate(2025, 12, 31)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Figures.All(ctx, codes, term); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkComparePlan is serve's start-up check on five years of monthly
// figures for the 58 indicators (3 480 figures).
func BenchmarkComparePlan(b *testing.B) {
	s := storetest.New(b, nil)
	plan := examplePlan(b)
	fiveYears(b, s, codesOf(plan))
	b.ReportAllocs()
	for b.Loop() {
		if gaps, err := s.Plans.Compare(ctx, plan); err != nil || !gaps.OK() {
			b.Fatal(gaps, err)
		}
	}
}

// BenchmarkImport100k imports 100,000 new figures per operation.
func BenchmarkImport100k(b *testing.B) {
	s := storetest.New(b, nil)
	rt := &roundTrips{}
	s.AddHook(rt)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		b.StopTimer()
		figs := bigHistory(fmt.Sprint("b", i), 100_000)
		i++
		b.StartTimer()
		if n, err := s.Figures.Import(ctx, 0, figs); err != nil || n != len(figs) {
			b.Fatal(n, err)
		}
	}
	b.ReportMetric(float64(rt.n.Load())/float64(b.N), "calls/op")
}

// BenchmarkRead100k reads 100,000 figures of three indicators, 60,000 of
// them of one.
func BenchmarkRead100k(b *testing.B) {
	s := storetest.New(b, nil)
	if _, err := s.Figures.Import(ctx, 0, bigHistory("b", 100_000)); err != nil {
		b.Fatal(err)
	}
	codes := []string{"CT01.1", "CT02.1", "CT03.1"}
	rt := &roundTrips{}
	s.AddHook(rt)
	b.ReportAllocs()
	for b.Loop() {
		all, err := s.Figures.All(ctx, codes, bigSpan)
		if err != nil || count(all) != 100_000 {
			b.Fatal(count(all), err)
		}
	}
	b.ReportMetric(float64(rt.n.Load())/float64(b.N), "calls/op")
}

// BenchmarkFigureCodes100k counts 100,000 figures by code.
func BenchmarkFigureCodes100k(b *testing.B) {
	s := storetest.New(b, nil)
	if _, err := s.Figures.Import(ctx, 0, bigHistory("b", 100_000)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if codes, err := s.Figures.Codes(ctx); err != nil || codes["CT01.1"] != 60_000 {
			b.Fatal(codes, err)
		}
	}
}
