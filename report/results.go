package report

import (
	"math"

	"chitieu/indicator"
)

// Source is a term's plan and its figures, as the builder reads them.
type Source struct {
	Plan    *indicator.Plan
	Figures map[string][]indicator.Figure // by indicator code, in the domain's form
	Name    string                        // the term as people name it, "2020–2025"; from the plan's years when empty
	// EndedEarly is set when an admin ended the term before its planned
	// end (the plan's term then stops on that day): the report says so.
	EndedEarly bool
}

// name is the term's name: the source's, or its plan's years.
func (s Source) name() string {
	if s.Name != "" {
		return s.Name
	}
	return termName(s.Plan.Term)
}

func termName(t indicator.Period) string {
	return itoa(t.From.Year()) + "–" + itoa(t.To.Year())
}

// Result is an indicator's result for a report's period, from the one
// evaluation the chat makes: the evaluation of the window the period
// judges, on the report's day (or, for a period that ends before that
// day's window does, on its last day).
type Result struct {
	Indicator *indicator.Indicator
	Eval      indicator.Evaluation
	// Term is a yearly indicator's term (mid-term and term reports): its
	// years, and the rule that makes them one result.
	Term *indicator.TermResult
	// Ends is set when the window's trajectory (or its deadline) ends
	// within the period, so that the period judges its result: Grade.
	// Otherwise the period gives its progress (Progress): the status the
	// chat gives on the period's last day, never a grade of a target due
	// later.
	Ends      bool
	Grade     indicator.Grade
	Estimated bool // the grade is the forecast's (ước), not final nor decided
}

// Results are the results of every indicator of src's plan for period p on
// day d, in plan order.
func Results(src Source, p Period, d indicator.Date) []Result {
	var out []Result
	for _, ind := range src.Plan.Indicators() {
		out = append(out, resultOf(ind, src.Figures[ind.Code], p, d))
	}
	return out
}

// resultOf is one indicator's result. A yearly indicator in a mid-term or
// term report is judged over the term's years (each year final once it
// is, the year still running estimated); any other is judged in the
// window holding the period's last day: on the report's day when that
// window ends within the period (its result may be final), else on the
// period's last day at the latest, as progress toward its window's end.
func resultOf(ind *indicator.Indicator, figs []indicator.Figure, p Period, d indicator.Date) Result {
	last := min(d, p.Span.To)
	if ind.Window == indicator.Year && (p.Kind == Mid || p.Kind == Term) {
		on := last
		if p.Kind == Term && d > p.Span.To {
			on = d // every year has ended: judged as the chat judges the finished term
		}
		t, _ := indicator.TermEstimate(ind, figs, on)
		return Result{Indicator: ind, Eval: indicator.EvaluateIn(ind, figs, last), Term: &t, Ends: true,
			Grade: t.Grade, Estimated: !t.Decided() && t.Grade != indicator.NotAssessed}
	}
	r := Result{Indicator: ind, Ends: ind.EndOf(p.Span.To) <= p.Span.To}
	if r.Ends && d > p.Span.To {
		r.Eval = indicator.EvaluateOf(ind, figs, p.Span.To, d)
	} else {
		r.Eval = indicator.EvaluateIn(ind, figs, last)
	}
	if r.Ends {
		g := r.Eval.Graded()
		r.Grade, r.Estimated = g.Grade, g.Estimated
	}
	return r
}

// Progress reports whether the period gives the result's progress rather
// than a grade: its window (or deadline) ends after the period.
func (r Result) Progress() bool { return !r.Ends }

// Graded are the results as the tallies count them: the graded ones (a
// result in progress is counted apart).
func Graded(rs []Result) []indicator.Graded {
	var out []indicator.Graded
	for _, r := range rs {
		if r.Ends {
			out = append(out, r.graded())
		}
	}
	return out
}

func (r Result) graded() indicator.Graded {
	return indicator.Graded{Indicator: r.Indicator, Grade: r.Grade, Estimated: r.Estimated}
}

// Value is the window's value on the day its figures stand for, NaN
// without a figure.
func (r Result) Value() float64 { return r.Eval.Reported() }

// Forecast is the value the window is heading for at its end (ước thực
// hiện) while its result is open, as the chat forecasts it; NaN once the
// result is decided, for a rating or a stage (whose forecast is its latest
// figure, never given as an estimate), or with nothing to go on.
func (r Result) Forecast() float64 {
	e := r.Eval
	if r.Term != nil || e.Decided() || e.Indicator.Choices() != nil || e.Indicator.Ranked() {
		return math.NaN()
	}
	return e.Forecast
}

// Behind reports whether the result belongs under "Hạn chế": not achieved,
// or off track, at risk or missed on the day judged; for a yearly
// indicator over the term, any year missed too.
func (r Result) Behind() bool {
	switch {
	case r.Ends && (r.Grade == indicator.NotMet || r.Grade == indicator.NearlyMet):
		return true
	case r.Term != nil:
		return len(r.Term.Missed()) > 0
	}
	s := r.Eval.Status
	return s == indicator.OffTrack || s == indicator.AtRisk || s == indicator.Missed
}

// spans are the days whose figures' notes explain a result behind: the
// period's part of the judged window, or for a yearly indicator over the
// term the years that did not hold.
func (r Result) spans(p Period) []indicator.Period {
	if r.Term == nil {
		w := r.Eval.Window
		return []indicator.Period{cut(p.Span, w)}
	}
	var out []indicator.Period
	for _, y := range r.Term.Years {
		if y.Grade == indicator.NotMet || y.Grade == indicator.NearlyMet {
			out = append(out, cut(p.Span, y.Eval.Window))
		}
	}
	return out
}
