package indicator

import "math"

// Doubt is why a figure deserves a second look before it is saved: the
// chat shows it as understood and asks to confirm (or, for a fraction of
// a whole count, to type it again); a file's preview lists it apart, and
// the command line refuses it unless told to take it.
type Doubt int

// The doubts, in the order they are looked for.
const (
	Plausible       Doubt = iota
	FractionOfWhole       // 2,5 đảng viên
	NegativeMeasure       // below 0 where the target is not
	OverHundred           // a share above 100%
	FarAboveTarget        // more than 10× the target
	FarAboveLatest        // more than 10× the latest figure (not a percent complete: it climbs from next to nothing)
	FarBelowLatest        // less than a tenth of the latest figure (0,8 for 80%)
	FarBelowTarget        // a share less than a tenth of the floor it must reach (0,8 for 80%, with no figure before)
	LooksCumulative       // a count's increment above the window's total so far, or equal to a total of more than one
	Converted             // money written in another magnitude than the unit's ("245.000.000 đồng" in triệu đồng/ha)
	AfterToday            // dated after the day it arrives
	SameDay               // a count's second figure for a day (a report) that has one: added to it, or replacing it?
)

// implausibly is how many times the target or the latest figure a figure
// may be before it is doubted.
const implausibly = 10

// Doubt says whether value v, as a new figure of the indicator, is
// implausible, given where the indicator stands now (e: its latest
// figure, its window's value, its target).
func (ind *Indicator) Doubt(v float64, e Evaluation) Doubt {
	target := math.Abs(ind.DoubtTarget(e))
	latest := e.Last
	switch {
	case ind.Choices() != nil:
		return Plausible
	case ind.Fraction(v):
		return FractionOfWhole
	case v < 0 && ind.Target.Value >= 0 && ind.Target.Change == nil:
		return NegativeMeasure
	case ind.Unit() == "%" && v > 100 && ind.Target.Value <= 100:
		return OverHundred
	case target > 0 && math.Abs(v) > implausibly*target:
		return FarAboveTarget
	case ind.Kind != Milestone && latest != nil && latest.Value != 0 && math.Abs(v) > implausibly*math.Abs(latest.Value):
		return FarAboveLatest
	case ind.Kind == Level && latest != nil && v != 0 && math.Abs(v)*implausibly < math.Abs(latest.Value):
		return FarBelowLatest
	case ind.shareFloor() && v > 0 && v*implausibly < target:
		return FarBelowTarget
	case ind.Increments() && e.Figures > 1 && e.Actual > 0 && (v > e.Actual || near(v, e.Actual) && e.Actual > ind.Step()):
		return LooksCumulative
	}
	return Plausible
}

// shareFloor reports whether the indicator is a level in percent or per
// mille that must reach a floor: a figure far under it was most likely
// written as a fraction (0,8 for 80%).
func (ind *Indicator) shareFloor() bool {
	u := ind.Unit()
	return ind.Kind == Level && (u == "%" || u == "‰") && (ind.Target.Op == GE || ind.Target.Op == GT)
}

// Meant is what a percent written as a fraction most likely meant (80
// for 0,8), and whether there is such a reading: a figure below 1 of a
// share in percent that must reach a floor.
func (ind *Indicator) Meant(v float64) (float64, bool) {
	if !ind.shareFloor() || ind.Unit() != "%" || v <= 0 || v >= 1 {
		return 0, false
	}
	return v * 100, true
}

// Fraction reports whether v is a fraction of whole things (2,5 đảng
// viên, thứ 9,5): never a figure, however it arrives — the chat asks it
// again, a file refuses its row.
func (ind *Indicator) Fraction(v float64) bool {
	return ind.Whole() && !near(ind.shown(v, roundNear), v)
}

// DoubtTarget is the target a figure is weighed against: the window's, as
// the evaluation computed it (a compound growth from its baseline), else
// the plan's value.
func (ind *Indicator) DoubtTarget(e Evaluation) float64 {
	if !math.IsNaN(e.Target) && e.Target != 0 {
		return e.Target
	}
	return ind.Target.Value
}

// Arrival is a new figure with what is known of how it arrives: the facts
// Check looks at besides its value and where the indicator stands.
type Arrival struct {
	Figure
	Today     Date    // the day it arrives
	Converted bool    // money written in another magnitude than the unit's, and converted
	Earlier   *Figure // a figure already saved for the same day (in the chat: the same person's report today); nil when none
}

// Check is the one set of checks a new figure meets before it is saved,
// however it arrives — typed in the chat, a row of a file sent to the
// bot, or `chitieu import`: every doubt that applies, the value's first
// (Doubt), none when the figure is plausible. e is where the indicator
// stands before the figure, on its day.
func (ind *Indicator) Check(a Arrival, e Evaluation) []Doubt {
	var out []Doubt
	if d := ind.Doubt(a.Value, e); d != Plausible {
		out = append(out, d)
	}
	if a.Converted {
		out = append(out, Converted)
	}
	if a.Date > a.Today {
		out = append(out, AfterToday)
	}
	if a.Earlier != nil && ind.Increments() { // a level saved again changes nothing
		out = append(out, SameDay)
	}
	return out
}

// String names a doubt in message keys: figure.doubt_NAME.
func (d Doubt) String() string {
	return name([]string{"plausible", "fraction", "negative", "over_hundred", "far_above_target", "far_above_latest",
		"far_below_latest", "far_below_target", "cumulative", "converted", "after_today", "same_day"}, int(d))
}
