package indicator

import (
	"cmp"
	"math"
	"slices"
)

// recent is how many of the latest levels make a trend.
const recent = 4

// forecast is the value the window is heading for at the trajectory's end:
// a count's run-rate up to the day its figures stand for, a rating's or a
// stage's latest, the trend of recent levels otherwise, the value itself
// once the end has come. NaN with nothing to go on.
func (ind *Indicator) forecast(e Evaluation, tail []Figure) float64 {
	switch {
	case e.Day >= e.End:
		return e.Actual
	case ind.Kind == Count:
		elapsed := e.from.share(e.End, cmp.Or(e.Judged, e.Day)) // the run-rate up to the day the figures stand for
		if elapsed == 0 {
			return math.NaN()
		}
		return ind.shown(e.Baseline+(e.Actual-e.Baseline)/elapsed, roundNear)
	case len(tail) == 0:
		return math.NaN()
	case ind.Choices() != nil, ind.Kind == Rank, ind.Trajectory == End && ind.Kind == Level:
		return e.Actual // a rating, a stage, a rank, or a rate computed year to date: the latest is the best guess
	}
	v := ind.bound(trend(tail, e.End))
	if v < 0 && slices.IndexFunc(tail, func(f Figure) bool { return f.Value < 0 }) < 0 {
		return 0 // a trend of figures that are never negative does not run below 0
	}
	return v
}

// pace is what still has to happen between the day and the trajectory's
// end, in parts that agree: Gap over Months is PerMonth.
func (ind *Indicator) pace(e Evaluation) Pace {
	p := Pace{DaysLeft: max(0, int(e.End-e.Day))}
	switch {
	case math.IsNaN(e.Actual) || math.IsNaN(e.Target):
		return p
	case ind.Ceiling():
		return ind.ceilingPace(p, e)
	case ind.Target.Op.Holds(e.Actual, e.Target):
		return p
	}
	p.Needed = true
	p.Gap = clean(math.Abs(e.Target - e.Actual))
	if ind.Target.Op.Strict() {
		p.Gap += ind.Step()
	}
	if p.DaysLeft == 0 {
		return p
	}
	p.Months = max(1, int(math.Round(float64(p.DaysLeft)/daysPerMonth)))
	p.PerMonth = p.Gap / float64(p.Months)
	return p
}

// ceilingPace is a ceiling count's pace: how many more its window may
// take under the cap, or how far it has passed it (it cannot come down).
func (ind *Indicator) ceilingPace(p Pace, e Evaluation) Pace {
	p.Ceiling = true
	if p.DaysLeft > 0 {
		p.Months = max(1, int(math.Round(float64(p.DaysLeft)/daysPerMonth)))
	}
	limit := e.Target
	if ind.Target.Op == LT {
		limit -= ind.Step()
	}
	if e.Actual > limit && !near(e.Actual, limit) {
		p.Over = e.Actual - limit
	} else {
		p.Room = limit - e.Actual
	}
	return p
}

// clean drops the noise of floating-point subtraction: 133,1375 not
// 133,13750000000073.
func clean(v float64) float64 { return math.Round(v*1e9) / 1e9 }

// trend fits a least-squares line through the figures and reads it at day
// end; a single day's figures give a flat line.
func trend(figs []Figure, end Date) float64 {
	n := float64(len(figs))
	var sx, sy, sxx, sxy float64
	x0 := figs[0].Date
	for _, f := range figs {
		x := float64(f.Date - x0)
		sx, sy, sxx, sxy = sx+x, sy+f.Value, sxx+x*x, sxy+x*f.Value
	}
	last := figs[len(figs)-1].Value
	den := n*sxx - sx*sx
	if den == 0 {
		return last
	}
	slope := (n*sxy - sx*sy) / den
	intercept := (sy - slope*sx) / n
	return intercept + slope*float64(end-x0)
}

// bound keeps a forecast inside what the indicator can take: a rating or a
// stage on its list, a percent milestone or a share in % within 0–100.
func (ind *Indicator) bound(v float64) float64 {
	if c := ind.Choices(); c != nil {
		return math.Round(math.Min(math.Max(v, 0), float64(len(c)-1)))
	}
	if ind.Kind == Rank {
		return math.Max(1, math.Round(v)) // a place: whole, 1 the best
	}
	if ind.Kind == Milestone || ind.Unit() == "%" && ind.Target.Value <= 100 && ind.Target.Change == nil {
		return math.Min(math.Max(v, 0), 100)
	}
	return v
}
