package indicator

import (
	"cmp"
	"math"
	"slices"
)

// Figure is one reported value of an indicator, dated to the day it speaks
// for. A count's figure is an increment; any other kind's is a level (a
// position for ratings and stages).
type Figure struct {
	Date  Date
	Value float64
	Note  string
}

// Evaluation is an indicator's standing on a day and the figures behind it.
// A value that cannot be known yet (no figure to anchor it) is NaN.
type Evaluation struct {
	Indicator *Indicator
	Day       Date
	Window    Period
	Start     Date    // the trajectory's first day
	Baseline  float64 // the trajectory's starting value
	Target    float64
	Expected  float64
	Actual    float64
	Shortfall float64 // > 0: behind the trajectory
	Scale     float64
	Status    Status
	Figures   int     // figures in the window up to Day
	Last      *Figure // the latest of them
	Overdue   bool
	Due       *Period // the period whose report is overdue
	Forecast  float64 // the value expected at the window's end
	Pace      Pace
	anchored  bool // Start and Baseline are known
}

// Pace is what is still needed to meet the target by the window's end.
type Pace struct {
	Gap      float64 // how far the value must still move; 0 when the target holds
	DaysLeft int     // days after Day through the window's end
	PerMonth float64 // Gap spread over the months left
}

// daysPerMonth is the mean length of a month.
const daysPerMonth = 365.25 / 12

// WindowOn returns the window holding day d: its calendar year cut to the
// term, or the whole term. A day outside the term falls in the term's first
// or last window.
func (ind *Indicator) WindowOn(d Date) Period {
	if ind.Window == Term {
		return ind.Term
	}
	d = min(max(d, ind.Term.From), ind.Term.To)
	return yearOf(d).clip(ind.Term)
}

// Evaluate says where the indicator stands on day d, given its figures in
// date order (an unsorted slice is sorted in a copy). Figures after d are
// not seen.
func Evaluate(ind *Indicator, figs []Figure, d Date) Evaluation {
	figs = upTo(SortFigures(figs), d)
	w := ind.WindowOn(d)
	in := inside(figs, w)
	e := Evaluation{Indicator: ind, Day: d, Window: w, Figures: len(in)}
	e.Actual = ind.actual(in)
	if len(in) > 0 {
		e.Last = &in[len(in)-1]
	}
	e.Overdue, e.Due = ind.overdue(figs, d)
	a, ok := ind.start(w, figs)
	e.Start, e.Baseline, e.anchored = a.day, a.value, ok
	e.Target, e.Expected, e.Shortfall, e.Scale = math.NaN(), math.NaN(), math.NaN(), math.NaN()
	if ok {
		e.Target = ind.target(a, w)
		e.Expected = ind.expected(a, w, d)
		e.Scale = ind.scale(a, e.Target)
	} else if ind.Target.Change == nil {
		e.Target = ind.Target.Value
	}
	if ind.Trajectory == Constant {
		e.Expected = e.Target
	}
	if !math.IsNaN(e.Actual) {
		e.Shortfall = ind.Target.Op.shortfall(e.Actual, e.Expected)
	}
	e.Status = ind.status(e)
	e.Forecast = ind.forecast(e, a, in)
	e.Pace = ind.pace(e)
	return e
}

// ExpectedOn is the trajectory's value on day d of the evaluation's window
// (a chart draws it day by day); NaN while the trajectory has no anchor.
func (e Evaluation) ExpectedOn(d Date) float64 {
	switch {
	case e.Indicator.Trajectory == Constant:
		return e.Target
	case !e.anchored:
		return math.NaN()
	}
	return e.Indicator.expected(anchor{e.Start, e.Baseline}, e.Window, d)
}

// status decides in DESIGN.md's order: achieved, missed, no_data, on_track,
// at_risk, off_track.
func (ind *Indicator) status(e Evaluation) Status {
	op := ind.Target.Op
	holds := !math.IsNaN(e.Actual) && !math.IsNaN(e.Target) && op.Holds(e.Actual, e.Target)
	ended := e.Day > e.Window.To
	switch {
	case holds && (ended || ind.monotone()):
		return Achieved
	case ended:
		return Missed
	case e.Figures == 0 || math.IsNaN(e.Shortfall):
		return NoData
	case e.Shortfall < 0 && !near(e.Shortfall, 0):
		return OnTrack
	case near(e.Shortfall, 0) && !op.Strict():
		return OnTrack
	case e.Shortfall <= ind.tolerance()*e.Scale || near(e.Shortfall, ind.tolerance()*e.Scale):
		return AtRisk
	}
	return OffTrack
}

// shortfall is how far v lies on the wrong side of the expected value.
func (o Op) shortfall(v, expected float64) float64 {
	switch o {
	case GE, GT:
		return expected - v
	case LE, LT:
		return v - expected
	}
	return math.Abs(v - expected)
}

func (ind *Indicator) tolerance() float64 {
	if ind.Tolerance > 0 {
		return ind.Tolerance
	}
	return DefaultTolerance
}

// actual is the window's value: the sum of a count's figures (0 without
// any), the latest figure otherwise (NaN without any).
func (ind *Indicator) actual(in []Figure) float64 {
	if ind.Kind == Count {
		sum := 0.0
		for _, f := range in {
			sum += f.Value
		}
		return sum
	}
	if len(in) == 0 {
		return math.NaN()
	}
	return in[len(in)-1].Value
}

// pace is what still has to happen between the day and the window's end.
func (ind *Indicator) pace(e Evaluation) Pace {
	p := Pace{DaysLeft: max(0, int(e.Window.To-e.Day))}
	if math.IsNaN(e.Actual) || math.IsNaN(e.Target) || ind.Target.Op.Holds(e.Actual, e.Target) {
		return p
	}
	p.Gap = math.Abs(e.Target - e.Actual)
	p.PerMonth = p.Gap / math.Max(1, float64(p.DaysLeft)/daysPerMonth)
	return p
}

// OfProgram keeps the evaluations of one program's indicators.
func OfProgram(evals []Evaluation, program string) []Evaluation {
	var out []Evaluation
	for _, e := range evals {
		if e.Indicator.Program == program {
			out = append(out, e)
		}
	}
	return out
}

// SortFigures returns the figures in date order, figures of one day in the
// order given; an already sorted slice is returned as it is.
func SortFigures(figs []Figure) []Figure {
	byDate := func(a, b Figure) int { return cmp.Compare(a.Date, b.Date) }
	if slices.IsSortedFunc(figs, byDate) {
		return figs
	}
	figs = slices.Clone(figs)
	slices.SortStableFunc(figs, byDate)
	return figs
}

// upTo cuts sorted figures after day d.
func upTo(figs []Figure, d Date) []Figure {
	i, _ := slices.BinarySearchFunc(figs, d+1, func(f Figure, d Date) int { return cmp.Compare(f.Date, d) })
	return figs[:i]
}

// inside returns the sorted figures dated in w.
func inside(figs []Figure, w Period) []Figure {
	i, _ := slices.BinarySearchFunc(figs, w.From, func(f Figure, d Date) int { return cmp.Compare(f.Date, d) })
	return upTo(figs[i:], w.To)
}
