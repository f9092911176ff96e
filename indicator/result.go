package indicator

import "math"

// Grade is a result as a báo cáo words it: vượt, đạt, cơ bản đạt, không
// đạt, chưa đánh giá.
type Grade int

// The grades.
const (
	NotAssessed Grade = iota // chưa đánh giá: no figure, or not yet final
	Exceeded                 // vượt
	Met                      // đạt
	NearlyMet                // cơ bản đạt: a numeric target missed within its tolerance
	NotMet                   // không đạt
)

var gradeNames = []string{"not_assessed", "exceeded", "achieved", "basically_achieved", "missed"}

func (g Grade) String() string { return name(gradeNames, int(g)) }

// Result names the grade as a result is written in JSON: exceeded,
// achieved, missed or not_assessed; cơ bản đạt is missed, basically
// achieved.
func (g Grade) Result() (name string, basically bool) {
	switch g {
	case Exceeded:
		return "exceeded", false
	case Met:
		return "achieved", false
	case NearlyMet:
		return "missed", true
	case NotMet:
		return "missed", false
	}
	return "not_assessed", false
}

// Held reports whether the target held: vượt or đạt.
func (g Grade) Held() bool { return g == Exceeded || g == Met }

// TermRule is how a yearly indicator's years make the term's result.
type TermRule int

// The term rules.
const (
	EachYear   TermRule = iota // every year with a figure must hold
	Mean                       // the mean of the years' values against the target
	MeanGrowth                 // the compound mean of yearly growth rates, in percent
)

var termRuleNames = []string{"each_year", "mean", "mean_growth"}

func (r TermRule) String() string { return name(termRuleNames, int(r)) }

// grade words value v against target t, the band being the tolerance over
// scale: vượt past a ≥/≤ target's value, or past a >/< target's by more
// than the band; đạt when it holds otherwise; cơ bản đạt when a numeric
// target is missed by no more than the band; không đạt.
func (ind *Indicator) grade(v, t, scale float64) Grade {
	if math.IsNaN(v) || math.IsNaN(t) {
		return NotAssessed
	}
	op, band := ind.Target.Op, ind.Tol()*scale
	if op.Holds(v, t) {
		past := math.Abs(v - t)
		switch {
		case op == EQ || near(past, 0):
			return Met
		case op.Strict() && (past <= band || within(past, ind.shownStep())):
			return Met // a strict target passed by no more than its band, or than one shown step
		}
		return Exceeded
	}
	if ind.Choices() == nil && ind.Kind != Rank && within(op.shortfall(v, t), band) {
		return NearlyMet
	}
	return NotMet
}

// shownStep is the least a value moves as shown: a count's Step, a tenth
// for any other kind (14,1% against "trên 14%" is đạt, not vượt, however
// small the scale its first figure gives).
func (ind *Indicator) shownStep() float64 {
	if ind.Whole() {
		return ind.Step()
	}
	return 0.1
}

// within reports whether a shortfall lies inside the band.
func within(shortfall, band float64) bool { return shortfall <= band || near(shortfall, band) }

// Final reports whether the evaluation is a window's final result: the
// window (or its deadline) has ended and its last report has come or is
// due.
func (e Evaluation) Final() bool { return e.Ended && !e.Provisional }

// Result is the window's result, and whether it is final; a window that
// ends without a figure, or without its last period's (Incomplete), is
// not assessed.
func (e Evaluation) Result() (Grade, bool) {
	switch {
	case !e.Final():
		return NotAssessed, false
	case e.Incomplete:
		return NotAssessed, true
	}
	return e.graded(e.Actual), true
}

// Estimate is the result the window is heading for: its final result once
// it is final, else the forecast's (ước thực hiện), as the chat shows it.
func (e Evaluation) Estimate() Grade {
	if g, ok := e.Result(); ok {
		return g
	}
	if e.Status == Missed {
		return NotMet // a ceiling count past its cap
	}
	return e.graded(e.EstimateValue())
}

// EstimateValue is the value Estimate grades: the window's value once it
// is final, achieved or missed for good, else the forecast (ước thực
// hiện).
func (e Evaluation) EstimateValue() float64 {
	if e.Final() || e.Status == Achieved || e.Status == Missed {
		return e.Actual
	}
	return e.Forecast
}

func (e Evaluation) graded(v float64) Grade {
	if e.Figures == 0 {
		return NotAssessed
	}
	return e.Indicator.grade(v, e.Target, e.Scale)
}

// YearResult is one year of a yearly indicator's term.
type YearResult struct {
	Year  int
	Eval  Evaluation
	Grade Grade
}

// TermResult is a yearly indicator's result over the term (the tổng kết's
// verdict), from the years ended by the day asked.
type TermResult struct {
	Rule  TermRule
	Grade Grade
	// Years are the years of the term that have ended, in order.
	Years []YearResult
	// Mean is the mean the rule compares, NaN for each_year.
	Mean float64
	// Provisional is set while the term has not ended or a year awaits its
	// last report.
	Provisional bool
	// Estimated are the years graded by the result their forecast gives
	// (TermEstimate), not by a final result.
	Estimated []int
}

// Decided reports whether the term's grade can no longer change: every
// year it rests on is decided (final, or a count's floor reached or
// ceiling passed) and the term is not provisional, or, under each_year, a
// decided year did not hold.
func (t TermResult) Decided() bool {
	open := t.Provisional
	for _, y := range t.Years {
		decided := y.Eval.Decided()
		if t.Rule == EachYear && decided && (y.Grade == NotMet || y.Grade == NearlyMet) {
			return true
		}
		open = open || !decided
	}
	return !open
}

// Assessed are the years with a final result from a figure.
func (t TermResult) Assessed() []int {
	return t.years(func(y YearResult) bool { return y.Grade != NotAssessed })
}

// Held are the years whose target held.
func (t TermResult) Held() []int { return t.years(func(y YearResult) bool { return y.Grade.Held() }) }

// Missed are the years whose target did not hold.
func (t TermResult) Missed() []int {
	return t.years(func(y YearResult) bool { return y.Grade == NotMet || y.Grade == NearlyMet })
}

// WithoutFigure are the years that ended, final, with no figure.
func (t TermResult) WithoutFigure() []int {
	return t.years(func(y YearResult) bool { return y.Eval.Final() && y.Eval.Figures == 0 })
}

// Incomplete are the years that ended, final, without their last period's
// figure: not assessed, their figures standing for an earlier day.
func (t TermResult) Incomplete() []int {
	return t.years(func(y YearResult) bool { return y.Eval.Final() && y.Eval.Incomplete })
}

func (t TermResult) years(keep func(YearResult) bool) []int {
	var out []int
	for _, y := range t.Years {
		if keep(y) {
			out = append(out, y.Year)
		}
	}
	return out
}

// TermOf is a yearly indicator's result over the term on day d, by its
// term rule; ok is false for an indicator judged once over the term.
func TermOf(ind *Indicator, figs []Figure, d Date) (TermResult, bool) {
	return TermOfSeries(ind, seriesOf(figs), d)
}

// TermOfSeries is TermOf on a series.
func TermOfSeries(ind *Indicator, s Series, d Date) (TermResult, bool) {
	if ind.Window != Year {
		return TermResult{}, false
	}
	t := TermResult{Rule: ind.TermRule, Mean: math.NaN(), Provisional: d <= ind.Term.To}
	for w := ind.WindowOn(ind.Term.From); w.To < d; w = ind.WindowOn(w.To + 1) {
		e := ind.evaluate(s, d, frame{w: w, end: w.To, seen: w.To, ended: true, past: true})
		y := YearResult{Year: w.From.Year(), Eval: e}
		y.Grade, _ = e.Result()
		t.Provisional = t.Provisional || e.Provisional
		t.Years = append(t.Years, y)
		if w.To >= ind.Term.To {
			break
		}
	}
	ind.judgeTerm(&t)
	return t, true
}

// judgeTerm grades the term from its years, by the term rule.
func (ind *Indicator) judgeTerm(t *TermResult) {
	if ind.TermRule == EachYear {
		t.Grade = eachYear(t.Years)
		return
	}
	t.Mean, t.Grade = ind.meanResult(t.Years)
}

// eachYear is the term's grade when every year with a figure must hold:
// vượt when every such year was, đạt when each held, never cơ bản đạt.
func eachYear(years []YearResult) Grade {
	g := NotAssessed
	for _, y := range years {
		switch {
		case y.Grade == NotAssessed:
		case !y.Grade.Held():
			return NotMet
		case y.Grade == Met || g == Met:
			g = Met
		default:
			g = Exceeded
		}
	}
	return g
}

// meanResult is the mean of the assessed years' values (the compound mean
// of growth rates for mean_growth) and its grade against the target.
func (ind *Indicator) meanResult(years []YearResult) (float64, Grade) {
	var vals []float64
	for _, y := range years {
		if y.Grade != NotAssessed {
			vals = append(vals, y.Eval.EstimateValue()) // a final year's value, an estimated year's forecast
		}
	}
	if len(vals) == 0 {
		return math.NaN(), NotAssessed
	}
	m := mean(vals)
	if ind.TermRule == MeanGrowth {
		m = meanGrowth(vals)
	}
	t := ind.Target.Value
	return m, ind.grade(m, t, ind.scale(anchor{}, t))
}

func mean(vals []float64) float64 {
	var sum float64
	for _, v := range vals {
		sum += v
	}
	return sum / float64(len(vals))
}

// meanGrowth is the compound mean of yearly growth rates in percent,
// (∏(1+gᵢ/100))^(1/n) − 1, as statistics offices compute "tăng bình quân".
func meanGrowth(rates []float64) float64 {
	p := 1.0
	for _, g := range rates {
		p *= 1 + g/100
	}
	return (math.Pow(p, 1/float64(len(rates))) - 1) * 100
}
