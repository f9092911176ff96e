package reminders_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"chitieu/indicator"
)

// TestGeneratedIndicatorsJudgedFromTheirSpans: for every generated shape
// (kinds, windows, cadences, deadlines, steps, compound), an evaluation
// from the spans Reads lists, answered in advance as a store answers
// them, is the evaluation from the whole figures, before and after a
// figure is added for each day a report may stand for.
func TestGeneratedIndicatorsJudgedFromTheirSpans(t *testing.T) {
	plan := generated(t)
	rng := rand.New(rand.NewPCG(11, 17))
	span := plan.Span()
	for _, ind := range plan.Indicators() {
		for round := range 6 {
			figs := make([]indicator.Figure, []int{0, 2, 30}[round%3])
			for i := range figs {
				figs[i] = indicator.Figure{Date: span.From + indicator.Date(rng.IntN(span.Days())), Value: float64(rng.IntN(200)) / 2}
			}
			figs = indicator.SortFigures(figs)
			for range 10 {
				d := span.From + indicator.Date(rng.IntN(span.Days()+300))
				whole := indicator.Evaluate(ind, figs, d)
				ofs := []indicator.Date{d}
				if whole.Due != nil {
					ofs = append(ofs, min(d, whole.Due.To))
				}
				if whole.Pending != nil {
					ofs = append(ofs, whole.Pending.To)
				}
				for _, of := range ofs {
					a := &indicator.Answered{Spans: map[indicator.Period]indicator.Stats{}}
					for _, p := range ind.Reads(d) {
						a.Spans[p] = indicator.Figures(figs).Stats(p)
					}
					extra := indicator.Figure{Date: of, Value: 7}
					got := indicator.EvaluateSeriesOf(ind, indicator.With(a, extra), of, d)
					want := indicator.EvaluateOf(ind, append(append([]indicator.Figure{}, figs...), extra), of, d)
					if !a.Complete() || brief(got) != brief(want) {
						t.Fatalf("%s on %s (of %s), complete %v:\n got %s\nwant %s", ind.Code, d, of, a.Complete(), brief(got), brief(want))
					}
				}
			}
		}
	}
}

// brief is what an evaluation says, comparable (NaN included).
func brief(e indicator.Evaluation) string {
	last := "-"
	if e.Last != nil {
		last = fmt.Sprint(*e.Last)
	}
	return fmt.Sprintf("%s %v %v %v %v %v %v %v %v %v %v %v %v %s", e.Status, e.AsOf, e.Actual, e.Expected, e.Target, e.Figures,
		e.Overdue, e.Settled, e.Forecast, e.Pace, e.Window, e.Start, e.Baseline, last)
}
