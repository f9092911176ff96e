package indicator

import "math"

// anchor is where a trajectory starts: a value on a day.
type anchor struct {
	day   Date
	value float64
}

// start finds the trajectory's anchor in window w from the figures (in date
// order, none after the day evaluated). A configured baseline wins unless
// its day is after the window; a count starts from 0 at the window's start;
// otherwise the first figure in the window serves. ok is false when there is
// no anchor yet.
func (ind *Indicator) start(w Period, figs []Figure) (anchor, bool) {
	if b := ind.Baseline; b != nil && b.On <= w.To {
		return anchor{b.On, b.Value}, true
	}
	if ind.Kind == Count {
		return anchor{w.From, 0}, true
	}
	for _, f := range figs {
		if w.Contains(f.Date) {
			return anchor{f.Date, f.Value}, true
		}
	}
	return anchor{}, false
}

// target returns the value the target compares against, given the anchor.
func (ind *Indicator) target(a anchor, w Period) float64 {
	switch {
	case ind.Trajectory == Compound:
		return ind.compound(a, w.To)
	case ind.Target.Change != nil:
		return a.value + *ind.Target.Change
	}
	return ind.Target.Value
}

// expected is the trajectory's value on day d of window w.
func (ind *Indicator) expected(a anchor, w Period, d Date) float64 {
	target := ind.target(a, w)
	switch ind.Trajectory {
	case Compound:
		return ind.compound(a, d)
	case Constant:
		return target
	case Steps:
		return ind.stepsAt(a, d)
	}
	return a.value + (target-a.value)*share(a.day, w.To, d)
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

// scale is the size the tolerance is a share of: |target − baseline|, or
// |target| for a constant trajectory; 1 where that is 0.
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
