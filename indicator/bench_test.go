package indicator_test

import (
	"fmt"
	"testing"

	. "chitieu/indicator"
	"chitieu/plans"
)

// monthly makes n monthly figures ending before the term's end.
func monthly(n int, v float64) []Figure {
	out := make([]Figure, n)
	for i := range out {
		out[i] = Figure{Date: NewDate(2021, 1+12, 25) + Date(i*30), Value: v + float64(i%7)}
	}
	return out
}

func BenchmarkEvaluateExamplePlan(b *testing.B) {
	p, err := Load(plans.Example)
	if err != nil {
		b.Fatal(err)
	}
	inds := p.Indicators()
	figs := make([][]Figure, len(inds))
	for i := range inds {
		figs[i] = monthly(60, 50)
	}
	on := NewDate(2025, 10, 15)
	b.ReportAllocs()
	for b.Loop() {
		for i, ind := range inds {
			Evaluate(ind, figs[i], on)
		}
	}
}

func Benchmark1000IndicatorsWith60Figures(b *testing.B) {
	kinds := []Kind{Count, Level, Rating, Milestone}
	trajs := []Trajectory{Linear, Compound, Constant, Steps}
	inds := make([]*Indicator, 1000)
	for i := range inds {
		inds[i] = &Indicator{Code: fmt.Sprint(i), Kind: kinds[i%4], Window: Window(i % 2), Term: term,
			Target: Target{Op: Op(i % 5), Value: 80}, Trajectory: trajs[(i/4)%4], Rate: 5,
			Baseline: &Baseline{Value: 40, On: NewDate(2020, 1, 1)}, Scale: DefaultScale,
			Steps:  []Step{{By: NewDate(2022, 12, 31), Value: 60}, {By: NewDate(2025, 12, 31), Value: 80}},
			Report: Schedule{Every: Every(i % 4), DueDay: 5}}
	}
	figs := monthly(60, 50)
	on := NewDate(2025, 10, 15)
	b.ReportAllocs()
	for b.Loop() {
		for _, ind := range inds {
			Evaluate(ind, figs, on)
		}
	}
}

func BenchmarkLoadExamplePlan(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(plans.Example); err != nil {
			b.Fatal(err)
		}
	}
}
