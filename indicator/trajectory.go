package indicator

import "math"

// anchor is where a trajectory starts: a value on a day. A figure or a
// baseline is the value at the end of its day (ofDay), so the climb starts
// the day after it and its own day expects exactly its value; a window's
// start value holds before its first day, which is 1/n of the way.
type anchor struct {
	day   Date
	value float64
	ofDay bool
}

// share is the elapsed part of the way from the anchor to end on day d.
func (a anchor) share(end, d Date) float64 {
	if a.ofDay {
		return share(a.day+1, end, d)
	}
	return share(a.day, end, d)
}

// start finds the trajectory's anchor in window w from the figures (in date
// order, none after the day evaluated). A count starts from 0 on the
// window's first day; otherwise a configured baseline wins unless its day
// is after the window; a rating or a milestone starts from its lowest
// position on the window's first day, and a level from its first figure in
// the window. ok is false when there is no anchor yet: a level without a
// figure, or a baseline whose figure has not come.
func (ind *Indicator) start(w Period, s Series, d Date) (anchor, bool) {
	b := ind.Baseline
	switch {
	case ind.Kind == Count:
		return anchor{w.From, 0, false}, true
	case b != nil && b.On <= w.To && b.FromFigure:
		v, ok := ind.baselineFigure(s, d)
		return anchor{b.On, v, true}, ok
	case b != nil && b.On <= w.To:
		return anchor{b.On, b.Value, true}, true
	case ind.Kind == Rating || ind.Kind == Milestone:
		return anchor{w.From, 0, false}, true
	}
	if in := s.Stats(upToDay(w, d)); in.N > 0 {
		return anchor{in.First.Date, in.First.Value, true}, true
	}
	return anchor{}, false
}

// baselineFigure is the latest figure reported for the period holding the
// baseline's day, when the plan gives the day without the value.
func (ind *Indicator) baselineFigure(s Series, d Date) (float64, bool) {
	in := s.Stats(upToDay(*ind.baselinePeriod(), d))
	if in.N == 0 {
		return 0, false
	}
	return in.Last().Value, true
}

// missingBaseline is the day whose figure the trajectory waits for, or nil.
func (ind *Indicator) missingBaseline() *Date {
	if b := ind.Baseline; b != nil && b.FromFigure {
		return &b.On
	}
	return nil
}

// targetOf returns the value the target compares against, given the
// anchor, as it is shown (a whole count's target is whole).
func (ind *Indicator) targetOf(a anchor, f frame) float64 {
	var t float64
	switch {
	case ind.Trajectory == Compound && ind.Kind == Count:
		t = ind.yearlyCompound(f.w)
	case ind.Trajectory == Compound:
		t = ind.compound(a, f.end)
	case ind.Target.Change != nil:
		t = a.value + *ind.Target.Change
	default:
		t = ind.Target.Value * ind.Prorated(f.w)
	}
	return ind.shown(t, ind.Target.Op.strictest())
}

// Prorated is the share of its calendar year a yearly window the term
// cuts covers, by which a count's target, or a percent of the year's plan,
// shrinks (a term that ends on 30/6 asks half a year's count of its last
// year); 1 for a whole year, a term window, or a kept level or a rating,
// which hold as they are.
func (ind *Indicator) Prorated(w Period) float64 {
	full := yearOf(w.From)
	switch {
	case ind.Window != Year || w == full:
		return 1
	case ind.Kind == Count, ind.Kind == Milestone && ind.Choices() == nil && ind.Trajectory != Constant:
		return float64(w.Days()) / float64(full.Days())
	}
	return 1
}

// trajectoryFrom is the trajectory's value on day d: a stair for ratings
// and stages, a line or a curve otherwise. The target is set from the
// window's anchor a; the shape starts from the anchor from (a itself, or
// where a revision took the trajectory on).
func (ind *Indicator) trajectoryFrom(a, from anchor, f frame, d Date) float64 {
	target := ind.targetOf(a, f)
	a = from
	switch {
	case ind.Trajectory == Constant:
		return target
	case ind.Trajectory == End && d < f.end:
		return math.NaN() // nothing is expected before the end
	case ind.Trajectory == End:
		return target
	case ind.Choices() != nil:
		return ind.stair(a, f, target, d)
	case ind.Trajectory == Compound && ind.Kind != Count:
		return ind.compound(a, d)
	case ind.Trajectory == Steps:
		return ind.stepsAt(a, d)
	case ind.Kind != Count && ind.Target.Op.Holds(a.value, target):
		return target // a level already meeting its target: nothing to climb, and no decline asked
	}
	return a.value + (target-a.value)*a.share(f.end, d)
}

// stair is the stage a rating or a milestone is expected at on day d: the
// last checkpoint passed, or with N stages between the start and the
// target, stage k from k/N of the way to the end. Never a fraction.
func (ind *Indicator) stair(a anchor, f frame, target float64, d Date) float64 {
	if ind.Trajectory == Steps {
		v := a.value
		for _, s := range ind.Steps {
			if s.By > a.day && s.By <= d {
				v = s.Value
			}
		}
		return v
	}
	n := target - a.value
	if n <= 0 {
		return target
	}
	return a.value + math.Floor(a.share(f.end, d)*n+1e-9)
}

// share is the elapsed part of the days from start through end on day d,
// counting both ends: day start itself is 1/n.
func share(start, end, d Date) float64 {
	switch {
	case d < start:
		return 0
	case d >= end:
		return 1
	}
	return float64(d-start+1) / float64(end-start+1)
}

// compound grows the anchor's value by Rate percent a year up to day d.
func (ind *Indicator) compound(a anchor, d Date) float64 {
	return a.value * math.Pow(1+ind.Rate/100, years(a.day, d))
}

// yearlyCompound is the target of a count whose yearly figure grows by Rate
// percent a year: year n after the baseline's year must reach
// baseline × (1+r)^n.
func (ind *Indicator) yearlyCompound(w Period) float64 {
	b := ind.Baseline
	if b == nil {
		return ind.Target.Value
	}
	n := w.From.Year() - b.On.Year()
	return b.Value * math.Pow(1+ind.Rate/100, float64(n))
}

// years counts calendar years from a to b, the part-year as a share of the
// year it is in: 2020-06-30 to 2023-06-30 is exactly 3.
func years(a, b Date) float64 {
	if b <= a {
		return 0
	}
	n := b.Year() - a.Year()
	if a.AddYears(n) > b {
		n--
	}
	from, to := a.AddYears(n), a.AddYears(n+1)
	return float64(n) + float64(b-from)/float64(to-from)
}

// stepsAt interpolates linearly from the anchor through the checkpoints
// after it; each segment after a checkpoint starts the day after it, so a
// checkpoint's own day expects exactly its value. After the last
// checkpoint its value holds.
func (ind *Indicator) stepsAt(a anchor, d Date) float64 {
	from, value := a.day, a.value
	if a.ofDay {
		from++
	}
	for _, s := range ind.Steps {
		if s.By <= a.day {
			continue
		}
		if d < s.By {
			return value + (s.Value-value)*share(from, s.By, d)
		}
		from, value = s.By+1, s.Value
	}
	return value
}

// scale is the size the tolerance is a share of: |target − start value|,
// or |target| for a constant trajectory; 1 where that is 0.
func (ind *Indicator) scale(a anchor, target float64) float64 {
	s := math.Abs(target - a.value)
	if ind.Trajectory == Constant {
		s = math.Abs(target)
	}
	if near(s, 0) {
		return 1
	}
	return s
}

// near reports whether a and b are equal but for floating-point noise.
func near(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}
