package reminders_test

import (
	"testing"

	"chitieu/indicator"
)

// monthlyFigures gives every indicator of the plan one figure a month, on
// the 25th, on its trajectory.
func monthlyFigures(plan *indicator.Plan) map[string][]indicator.Figure {
	out := map[string][]indicator.Figure{}
	for _, ind := range plan.Indicators() {
		var figs []indicator.Figure
		for m := plan.Term.From + 24; m <= plan.Term.To; m = m.AddMonths(1) {
			if v, ok := onTrack(ind, indicator.Evaluate(ind, figs, m), m); ok {
				figs = append(figs, indicator.Figure{Date: m, Value: v})
			}
		}
		out[ind.Code] = figs
	}
	return out
}

// BenchmarkReplayExampleTerm replays the example plan's whole term (six
// years, 58 indicators) with monthly figures.
func BenchmarkReplayExampleTerm(b *testing.B) {
	plan := examplePlan(b)
	figs := monthlyFigures(plan)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := replayTerm(plan, figs)
		if len(r.Summary) != len(plan.Indicators()) {
			b.Fatal(len(r.Summary))
		}
	}
}
