package indicator

import "math"

// Doubt is why a figure deserves a second look before it is saved: the
// chat shows it as understood and asks to confirm (or, for a fraction of
// a whole count, to type it again).
type Doubt int

// The doubts, in the order they are looked for.
const (
	Plausible       Doubt = iota
	FractionOfWhole       // 2,5 đảng viên
	NegativeMeasure       // below 0 where the target is not
	OverHundred           // a share above 100%
	FarAboveTarget        // more than 10× the target
	FarAboveLatest        // more than 10× the latest figure
	FarBelowLatest        // less than a tenth of the latest figure (0,8 for 80%)
	LooksCumulative       // a count's increment at or above the window's total so far
)

// implausibly is how many times the target or the latest figure a figure
// may be before it is doubted.
const implausibly = 10

// Doubt says whether value v, as a new figure of the indicator, is
// implausible, given where the indicator stands now (e: its latest
// figure, its window's value).
func (ind *Indicator) Doubt(v float64, e Evaluation) Doubt {
	target := math.Abs(ind.Target.Value)
	latest := e.Last
	switch {
	case ind.Choices() != nil:
		return Plausible
	case ind.Whole() && !near(ind.shown(v, roundNear), v):
		return FractionOfWhole
	case v < 0 && ind.Target.Value >= 0 && ind.Target.Change == nil:
		return NegativeMeasure
	case ind.Unit() == "%" && v > 100 && ind.Target.Value <= 100:
		return OverHundred
	case target > 0 && math.Abs(v) > implausibly*target:
		return FarAboveTarget
	case latest != nil && latest.Value != 0 && math.Abs(v) > implausibly*math.Abs(latest.Value):
		return FarAboveLatest
	case ind.Kind == Level && latest != nil && v != 0 && math.Abs(v)*implausibly < math.Abs(latest.Value):
		return FarBelowLatest
	case ind.Increments() && e.Figures > 1 && e.Actual > 0 && (v > e.Actual || near(v, e.Actual)):
		return LooksCumulative
	}
	return Plausible
}

// String names a doubt in message keys: figure.doubt_NAME.
func (d Doubt) String() string {
	return name([]string{"plausible", "fraction", "negative", "over_hundred", "far_above_target", "far_above_latest",
		"far_below_latest", "cumulative"}, int(d))
}
