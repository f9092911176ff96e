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
// The figures are judged on the day they stand for (AsOf), never on a later
// day: days passing without a report only make it Overdue. A value that
// cannot be known yet is NaN.
type Evaluation struct {
	// Indicator is the indicator as in force on AsOf (on Day without a
	// figure): its Revision is the revision that judged the figures.
	Indicator *Indicator
	Day       Date   // the day evaluated (today)
	Window    Period // the window holding Day (or the deadline, once it passed)
	End       Date   // the trajectory's last day: the window's end, or the deadline
	AsOf      Date   // the latest figure's day; 0 without one
	// Judged is the day the figures are judged on: AsOf, or a checkpoint
	// the plan dates after it whose period's report they stand for.
	Judged   Date
	Start    Date // the trajectory's first day
	Baseline float64
	Target   float64
	Expected float64 // the trajectory on Judged
	// ExpectedToday is the trajectory on Day, shown as context.
	ExpectedToday float64
	Actual        float64 // the window's value on AsOf
	Shortfall     float64 // > 0: behind the trajectory on Judged
	Scale         float64
	Status        Status
	Figures       int     // figures in the window up to AsOf
	Last          *Figure // the latest of them
	Overdue       bool
	// Due is the period whose report is missing: overdue, or past a
	// deadline whose result is final, taken if it comes but not chased.
	Due *Period
	// Ended is set once the window (or its deadline) has ended; Provisional
	// while such a window still awaits its last report ("chờ số liệu"):
	// its status is then judged on the figures so far, and no result is
	// final. A count past its ceiling is final at once.
	Ended, Provisional bool
	// Incomplete is set for an ended window whose last period has no
	// figure while its figures leave the result open: they stand for an
	// earlier day (AsOf), not the window's end, so its status is judged as
	// of that day and, once final, it is not assessed — never achieved or
	// missed on a figure of June for the year. A count that reached its
	// floor, or passed its ceiling, is decided whatever comes after.
	Incomplete bool
	// Past is set when the window is an earlier one than the window of Day
	// (a late figure for last year is judged in last year).
	Past bool
	// Settled is set when no report can change the status any more: a
	// term-long target that cannot be undone is met (a Đề án completed, a
	// once-a-term exercise done). No report is then due: nothing to remind
	// or nag.
	Settled bool
	// MissingBaseline is the day whose figure the trajectory waits for.
	MissingBaseline *Date
	// Pending is a period that has ended and whose figure is not yet due
	// nor come (a rating the city issues the next March): a figure
	// reported now stands for it.
	Pending  *Period
	Forecast float64 // the value expected at the trajectory's end, from Day
	Pace     Pace
	from     anchor // where the trajectory starts
	anchored bool   // from is known
}

// Pace is what is still needed to meet the target by the trajectory's end.
// Its parts agree: Gap spread over Months is PerMonth.
type Pace struct {
	Gap      float64 // how far the value must still move; 0 when the target holds
	DaysLeft int     // days after Day through the end
	Months   int     // DaysLeft in whole months, at least 1 while days are left
	PerMonth float64 // Gap / Months, never rounded up: 3 in 30 months is 0,1
	Needed   bool    // the target does not hold yet (a strict one sitting on its value too)
	// Ceiling is set for a count with a ceiling, which cannot come down:
	// Room is how many more the window may take under its cap, Over how
	// far it has passed the cap.
	Ceiling    bool
	Room, Over float64
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
	return yearOf(d).Clip(ind.Term)
}

// frame is what an evaluation on a day looks at: the window, the day its
// trajectory ends, and the last day whose figures count.
type frame struct {
	w     Period
	end   Date
	seen  Date // figures after it are not seen
	ended bool // the window (or deadline) has ended
	past  bool // an earlier window than the day's
}

// frameOn finds the frame of day d: the window holding it, or the window
// before while that window's last report is not yet due (a yearly figure
// the city issues the next March is judged in its own year). Once a
// deadline (By) has passed, the status is final: judged in the deadline's
// window on the figures through the deadline.
func (ind *Indicator) frameOn(d Date) frame {
	if ind.By != 0 && d > ind.By {
		return frame{w: ind.WindowOn(ind.By), end: ind.By, seen: ind.By, ended: true}
	}
	w := ind.WindowOn(d)
	if prev := ind.WindowOn(w.From - 1); prev != w && d <= ind.Report.DueDate(ind.Report.PeriodOf(prev.To)) {
		w = prev // judged until its last report is due
	}
	return ind.frameIn(w, d)
}

// frameIn is the frame of day d in window w.
func (ind *Indicator) frameIn(w Period, d Date) frame {
	return frame{w: w, end: ind.endIn(w), seen: d, ended: d > w.To}
}

// endIn is the last day of window w's trajectory: the deadline when it
// falls in w, else w's end.
func (ind *Indicator) endIn(w Period) Date {
	if ind.By != 0 && w.Contains(ind.By) {
		return ind.By
	}
	return w.To
}

// closed reports whether an ended window (or deadline) can be judged
// final on day d: its last period's figure has come (complete), or was
// due before d. Until then the figures are judged as of their day, like
// any other.
func (ind *Indicator) closed(s Series, in Period, f frame, d Date) (final, complete bool) {
	last := ind.Report.PeriodOf(f.end).Clip(in)
	complete = last.From <= last.To && s.Stats(last).N > 0
	return complete || ind.Report.DueDate(ind.Report.PeriodOf(f.end)) < d, complete
}

// Reported is the actual value as a list shows it: NaN when no figure
// stands behind it (a count's window with no report sums to 0, which
// would read as "none done").
func (e Evaluation) Reported() float64 {
	if e.AsOf == 0 {
		return math.NaN()
	}
	return e.Actual
}

// Evaluate says where the indicator stands on day d, given its figures in
// date order (an unsorted slice is sorted in a copy). Figures after d are
// not seen.
func Evaluate(ind *Indicator, figs []Figure, d Date) Evaluation {
	return ind.evaluate(seriesOf(figs), d, ind.frameOn(d))
}

// EvaluateOf says where the indicator stands on day d in the window that
// holds day of: a figure for an earlier window (last year's overdue
// report) is judged in its own window, final once that window is closed,
// not against the window of today.
func EvaluateOf(ind *Indicator, figs []Figure, of, d Date) Evaluation {
	return EvaluateSeriesOf(ind, seriesOf(figs), of, d)
}

// EvaluateSeriesOf is EvaluateOf on a series: a store's summary of the
// figures, whose cost does not grow with them.
func EvaluateSeriesOf(ind *Indicator, s Series, of, d Date) Evaluation {
	return ind.evaluate(s, d, ind.frameOf(of, d))
}

// frameOf is the frame of day d, or of the earlier window holding day of.
func (ind *Indicator) frameOf(of, d Date) frame {
	f := ind.frameOn(d)
	if w := ind.WindowOn(min(of, d)); w.To < f.w.From {
		f = frame{w: w, end: w.To, seen: min(d, w.To), ended: true, past: true}
	}
	return f
}

// Ended is the final evaluation, on day d, of the window before the one
// holding d; ok is false when there is none (a term window, the first
// window) or it is not yet final (its last report is still awaited).
func Ended(ind *Indicator, figs []Figure, d Date) (Evaluation, bool) {
	cur := ind.frameOn(d).w
	if cur.From <= ind.Term.From {
		return Evaluation{}, false
	}
	e := EvaluateOf(ind, figs, cur.From-1, d)
	return e, e.Final()
}

func (ind *Indicator) evaluate(s Series, d Date, f frame) Evaluation {
	span := Period{f.w.From, min(f.w.To, f.seen, d)}
	in := s.Stats(span)
	closed, complete := ind.closed(s, span, f, d)
	final := f.ended && closed
	if ind.By != 0 && f.end == ind.By {
		complete = closed // a deadline is judged at its checkpoint, its period's report come or due
	}
	e := Evaluation{Indicator: ind, Day: d, Window: f.w, End: f.end, Figures: in.N, Ended: f.ended, Past: f.past}
	e.Actual = ind.actual(in)
	if in.N > 0 {
		last := in.Last()
		e.Last = &last
		e.AsOf = last.Date
	}
	e.Overdue, e.Due = ind.overdue(s, d)
	e.Pending = ind.pending(s, d)
	v := ind.InForce(cmp.Or(e.AsOf, d))
	e.Judged = e.AsOf
	if c, ok := v.checkpoint(s, f, e.AsOf, d); ok {
		e.Judged, v = c, ind.InForce(c) // the report stands for its period at the checkpoint
	}
	e.Indicator = v
	v.judge(&e, f, s)
	e.Status = v.status(e, final && complete)
	e.Provisional = f.ended && !final && e.Status != Missed
	e.Incomplete = f.ended && !complete && in.N > 0 && e.Status != Achieved && e.Status != Missed
	e.Settled = v.settled(e)
	switch {
	case e.Settled:
		e.Overdue, e.Due = false, nil // nothing a report could change: none is owed
	case final && v.By != 0 && d > v.By:
		e.Overdue = false // the deadline's result is final: its missing report is taken if it comes, not chased
	}
	e.Forecast = v.forecast(e, in.Tail)
	if e.MissingBaseline != nil {
		e.Forecast = math.NaN() // nothing to forecast against until the baseline's figure comes
	}
	e.Pace = v.pace(e)
	return e
}

// checkpoint is the latest checkpoint the plan dates (a step's day, the
// deadline) that lies after the as-of day and before d, and whose period's
// report has come or is due: the figures through it stand for it, so an
// approval due 31/12 with the fourth quarter's report dated 20/12 is
// judged at 31/12 from 1/1. (Each checkpoint's span is read whatever the
// figures, so the spans a day reads do not depend on them.)
func (ind *Indicator) checkpoint(s Series, f frame, asOf, d Date) (Date, bool) {
	var best Date
	for _, c := range ind.Checkpoints() {
		if c >= d || c > f.end || !f.w.Contains(c) {
			continue
		}
		p := ind.Report.PeriodOf(c)
		come := s.Stats(upToDay(p.Clip(f.w), min(f.seen, d))).N > 0
		if c > asOf && asOf != 0 && (come || ind.Report.DueDate(p) < d) {
			best = max(best, c)
		}
	}
	return best, best != 0
}

// Checkpoints are the days the plan dates: each step's, and the deadline.
func (ind *Indicator) Checkpoints() []Date {
	var out []Date
	if ind.Trajectory == Steps {
		for _, st := range ind.Steps {
			out = append(out, st.By)
		}
	}
	if ind.By != 0 {
		out = append(out, ind.By)
	}
	return out
}

// judge sets the trajectory's anchor, the target, the expected values on
// the as-of day and today, and the shortfall.
func (ind *Indicator) judge(e *Evaluation, f frame, s Series) {
	e.Target, e.Expected, e.ExpectedToday, e.Shortfall, e.Scale = math.NaN(), math.NaN(), math.NaN(), math.NaN(), math.NaN()
	a, ok := ind.start(f.w, s, e.Day)
	e.Start, e.Baseline, e.from, e.anchored = a.day, a.value, a, ok
	if !ok {
		e.MissingBaseline = ind.missingBaseline()
		if ind.Target.Change == nil && ind.Trajectory != Compound {
			e.Target = ind.shown(ind.Target.Value, ind.Target.Op.strictest())
		}
		return
	}
	e.Target = ind.targetOf(a, f)
	e.Scale = ind.windowScale(a, f)
	e.ExpectedToday = ind.expectedOn(a, f, min(e.Day, f.end))
	if e.Judged != 0 {
		e.Expected = ind.expectedOn(a, f, e.Judged)
	}
	if !math.IsNaN(e.Actual) {
		e.Shortfall = ind.Target.Op.shortfall(e.Actual, e.Expected)
	}
}

// ExpectedOn is the trajectory's value on day d of the evaluation's window
// as a chart draws it day by day: a stair for ratings and stages, a smooth
// line for counts (not rounded), bent where a revision took it on; NaN
// while the trajectory has no anchor.
func (e Evaluation) ExpectedOn(d Date) float64 {
	if !e.anchored {
		return math.NaN()
	}
	f := frame{w: e.Window, end: e.End}
	v, _ := e.Indicator.lineOn(e.from, f, min(d, e.End))
	return v
}

// status decides in DESIGN.md's order: no_data without a figure (even once
// the window has ended: not assessed, never missed), achieved, missed,
// then for a window still open on_track, at_risk, off_track.
func (ind *Indicator) status(e Evaluation, final bool) Status {
	op := ind.Target.Op
	known := !math.IsNaN(e.Actual) && !math.IsNaN(e.Target)
	holds := known && op.Holds(e.Actual, e.Target)
	switch {
	case e.Figures == 0:
		return NoData
	case holds && (final || ind.monotone()):
		return Achieved
	case known && (final || ind.Ceiling() && !holds):
		return Missed // a count past its ceiling can no longer hold
	case ind.Trajectory == End && known:
		return ind.endStatus(e, holds)
	case math.IsNaN(e.Shortfall):
		return NoData
	case e.Shortfall < 0 && !near(e.Shortfall, 0):
		return OnTrack
	case near(e.Shortfall, 0) && (!op.Strict() || e.onAnchor()):
		return OnTrack
	case within(e.Shortfall, ind.Tol()*e.Scale):
		return AtRisk
	}
	return OffTrack
}

// endStatus is the status of an `end` trajectory before its end: on track
// until the last report period of the window (or of its deadline) begins,
// then at risk while the target does not hold.
func (ind *Indicator) endStatus(e Evaluation, holds bool) Status {
	if holds || e.Day < ind.LastPeriod(e.Window, e.End).From {
		return OnTrack
	}
	return AtRisk
}

// LastPeriod is the report period that ends a window whose trajectory
// ends on end (the window's end, or a deadline), cut to the window.
func (ind *Indicator) LastPeriod(w Period, end Date) Period {
	return ind.Report.PeriodOf(end).Clip(w)
}

// settled reports whether reports can no longer change the status: a
// term-long floor on a count or a milestone is met, and cannot be undone.
// (A late report can still change a missed target, so it stays owed.)
// A revision in force since the figure's day makes reports due again.
func (ind *Indicator) settled(e Evaluation) bool {
	return e.Status == Achieved && ind.Window == Term && ind.monotone() && ind.InForce(e.Day).Revision == ind.Revision
}

// onAnchor reports whether the figures are judged on the day of the
// figure that anchors a moving trajectory: a level's first figure is its
// own start, never behind it, whatever the target's strictness. (A
// constant trajectory expects the target itself, from any anchor.)
func (e Evaluation) onAnchor() bool {
	return e.anchored && e.from.ofDay && e.Judged == e.from.day && e.Indicator.Trajectory != Constant
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

// actual is the window's value: the sum of a count's figures, the latest
// figure otherwise; NaN without any (a count with no figure has no value,
// not 0).
func (ind *Indicator) actual(in Stats) float64 {
	switch {
	case in.N == 0:
		return math.NaN()
	case ind.Kind == Count:
		return in.Sum
	}
	return in.Last().Value
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
