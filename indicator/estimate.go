package indicator

// A report drawn before its period ends (a term report is drafted months
// before the congress) judges what has ended and estimates the rest as the
// chat does: by the result the forecast gives (Estimate, ước thực hiện).

// EvaluateIn says where the indicator stands on day d in the window that
// holds d itself, even while the window before still awaits its last
// report (Evaluate then judges that one): what a report on a period
// ending on d says of it. Past a deadline it is Evaluate.
func EvaluateIn(ind *Indicator, figs []Figure, d Date) Evaluation {
	f := ind.frameOn(d)
	if ind.By == 0 || d <= ind.By {
		f = ind.frameIn(ind.WindowOn(d), d)
	}
	return ind.evaluate(seriesOf(figs), d, f)
}

// EndOf is the last day of the trajectory of the window holding d: the
// deadline when it falls in that window, else the window's end. A report
// on a period ending on or after it judges the window's result.
func (ind *Indicator) EndOf(d Date) Date { return ind.endIn(ind.WindowOn(d)) }

// TermEstimate is a yearly indicator's term result as it is heading on day
// d: TermOf, with every year not yet final — a year still awaiting its
// last report, and the year running on d — graded by the result its
// forecast gives (Estimate) and named in Estimated, the term's grade and
// mean taken over them too. ok is false for an indicator judged once over
// the term.
func TermEstimate(ind *Indicator, figs []Figure, d Date) (TermResult, bool) {
	s := seriesOf(figs)
	t, ok := TermOfSeries(ind, s, d)
	if !ok {
		return t, false
	}
	for i := range t.Years {
		if y := &t.Years[i]; !y.Eval.Final() {
			y.Grade = y.Eval.Estimate()
			t.Estimated = append(t.Estimated, y.Year)
		}
	}
	if w := ind.WindowOn(d); ind.Term.Contains(d) && !t.has(w.From.Year()) {
		e := ind.evaluate(s, d, ind.frameIn(w, d))
		t.Years = append(t.Years, YearResult{Year: w.From.Year(), Eval: e, Grade: e.Estimate()})
		t.Estimated = append(t.Estimated, w.From.Year())
	}
	ind.judgeTerm(&t)
	return t, true
}

func (t TermResult) has(year int) bool {
	for _, y := range t.Years {
		if y.Year == year {
			return true
		}
	}
	return false
}
