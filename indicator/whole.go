package indicator

import "math"

// rounding is the way a count's value is rounded to the digits it is shown
// with.
type rounding int

const (
	roundNear rounding = iota
	roundDown
	roundUp
)

// favour is how an expected value rounds in the reporter's favour: down
// for a floor, up for a ceiling.
func (o Op) favour() rounding {
	switch o {
	case GE, GT:
		return roundDown
	case LE, LT:
		return roundUp
	}
	return roundNear
}

// strictest is how a target rounds so that a whole value meets the shown
// target exactly when it meets the real one: ≥ 133,1 is ≥ 134, > 133,1 is
// > 133, ≤ 10,5 is ≤ 10, < 10,5 is < 11.
func (o Op) strictest() rounding {
	switch o {
	case GE, LT:
		return roundUp
	case GT, LE:
		return roundDown
	}
	return roundNear
}

// Whole reports whether the indicator's values are rounded to Decimals
// digits: a count is of whole things unless it sets decimals, and a rank
// is a whole place.
func (ind *Indicator) Whole() bool { return ind.Kind == Count || ind.Kind == Rank }

// Step is the smallest change a count's value can make: 1 for whole
// things, 0,1 with one decimal; 0 for any other kind.
func (ind *Indicator) Step() float64 {
	if !ind.Whole() {
		return 0
	}
	return math.Pow10(-ind.Decimals)
}

// shown rounds a count's value to the digits it is shown with; any other
// kind's value is returned as it is.
func (ind *Indicator) shown(v float64, r rounding) float64 {
	if !ind.Whole() || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow10(ind.Decimals)
	x := v * p
	noise := 1e-9 * math.Max(1, math.Abs(x))
	switch r {
	case roundDown:
		x = math.Floor(x + noise)
	case roundUp:
		x = math.Ceil(x - noise)
	default:
		x = math.Round(x)
	}
	return x / p
}
