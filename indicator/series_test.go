package indicator_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	. "chitieu/indicator"
	"chitieu/plans"
)

// randomFigures makes n figures of ind dated in its span, some days with
// several, values around the target; in date then save order.
func randomFigures(rng *rand.Rand, ind *Indicator, span Period, n int) []Figure {
	figs := make([]Figure, n)
	scale := max(1, ind.Target.Value)
	for i := range figs {
		d := span.From + Date(rng.IntN(span.Days()))
		v := float64(rng.IntN(int(scale*1.5)+2)) + float64(rng.IntN(4))/4 // dyadic: sums exact in any order
		if c := ind.Choices(); c != nil {
			v = float64(rng.IntN(len(c)))
		}
		figs[i] = Figure{Date: d, Value: v, Note: fmt.Sprint("n", i)}
	}
	return SortFigures(figs)
}

// answered answers the spans ind.Reads(d) lists from the figures.
func answered(ind *Indicator, figs []Figure, d Date) *Answered {
	a := &Answered{Spans: map[Period]Stats{}}
	for _, p := range ind.Reads(d) {
		a.Spans[p] = Figures(figs).Stats(p)
	}
	return a
}

// show writes an evaluation with what its pointers point to, so two equal
// evaluations read the same (NaN included).
func show(e Evaluation) string {
	deref := func(p any) string { return fmt.Sprintf("%+v", p) }
	s := fmt.Sprintf("%s|%s|%+v|%s|%s|%s", e.Indicator.Code, deref(e.Last), derefP(e.Due), derefP(e.Pending), derefD(e.MissingBaseline), fmt.Sprint(e.Indicator.Revision))
	e.Indicator, e.Last, e.Due, e.Pending, e.MissingBaseline = nil, nil, nil, nil, nil
	return s + fmt.Sprintf("%+v", e)
}

func derefP(p *Period) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprint(*p)
}

func derefD(d *Date) string {
	if d == nil {
		return "nil"
	}
	return fmt.Sprint(*d)
}

// TestAnsweredSpansJudgeAsTheFigures: an evaluation from the spans Reads
// lists, answered in advance, is the evaluation from the whole figures, on
// any day, for every day a report may stand for, before and after a
// figure is added; and it never asks a span Reads did not list.
func TestAnsweredSpansJudgeAsTheFigures(t *testing.T) {
	p, err := Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 13))
	span := p.Span()
	checked := 0
	for _, ind := range p.Indicators() {
		for round := range 12 {
			figs := randomFigures(rng, ind, span, []int{0, 1, 3, 20, 200}[round%5])
			for range 15 {
				d := span.From + Date(rng.IntN(span.Days()+400))
				whole := Evaluate(ind, figs, d)
				ofs := []Date{d}
				if whole.MissingBaseline != nil {
					ofs = append(ofs, *whole.MissingBaseline)
				}
				if whole.Due != nil {
					ofs = append(ofs, min(d, whole.Due.To))
				}
				if whole.Pending != nil {
					ofs = append(ofs, whole.Pending.To)
				}
				for _, of := range ofs {
					extra := Figure{Date: of, Value: float64(rng.IntN(100))}
					a := answered(ind, figs, d)
					want := EvaluateOf(ind, append(append([]Figure{}, figs...), extra), of, d)
					got := EvaluateSeriesOf(ind, With(a, extra), of, d)
					if !a.Complete() {
						t.Fatalf("%s on %s (of %s): a span was asked that Reads does not list", ind.Code, d, of)
					}
					if show(got) != show(want) {
						t.Fatalf("%s on %s (of %s), %d figures:\n got %s\nwant %s", ind.Code, d, of, len(figs), show(got), show(want))
					}
					if b := EvaluateSeriesOf(ind, answered(ind, figs, d), of, d); show(b) != show(EvaluateOf(ind, figs, of, d)) {
						t.Fatalf("%s on %s (of %s) before the figure differs", ind.Code, d, of)
					}
					checked++
				}
			}
		}
	}
	t.Logf("%d evaluations compared", checked)
}

// TestStatsInsert: a figure inserted into a span's stats gives the stats
// of the figures with it, wherever its day falls.
func TestStatsInsert(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := rng.IntN(9)
		figs := make([]Figure, n)
		for i := range figs {
			figs[i] = Figure{Date: Date(rng.IntN(10)), Value: float64(i + 1)}
		}
		figs = SortFigures(figs)
		f := Figure{Date: Date(rng.IntN(10)), Value: 100}
		all := Figures(figs).Stats(Period{0, 20})
		got := fmt.Sprintf("%+v", all.Insert(f))
		want := fmt.Sprintf("%+v", Figures(SortFigures(append(append([]Figure{}, figs...), f))).Stats(Period{0, 20}))
		if got != want {
			t.Fatalf("insert %+v into %+v:\n got %s\nwant %s", f, figs, got, want)
		}
	}
}
