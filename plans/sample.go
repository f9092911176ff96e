package plans

import (
	"math"

	"chitieu/indicator"
)

// TryDay is the day `chitieu try` pretends it is: today when today lies in
// the plan's term, else mid-October of the term's last year, when most
// yearly reports are in and the year is not yet over.
func TryDay(plan *indicator.Plan, today indicator.Date) indicator.Date {
	if plan.Term.Contains(today) {
		return today
	}
	return plan.Term.To - 77
}

// profile is how a sample indicator behaves against its trajectory.
type profile int

const (
	ahead profile = iota
	onTrack
	onTrackToo
	atRisk
	offTrack
	silent // on track, but its last report has not come
)

// drift is how far each profile lies behind its trajectory, as a share of
// the indicator's scale.
var drift = map[profile]float64{ahead: -0.05, onTrack: -0.01, onTrackToo: -0.01, atRisk: 0.05, offTrack: 0.3, silent: -0.01}

// SampleFigures makes a realistic set of figures for every indicator of the
// plan up to day: reported on each due day and dated the day they stand
// for (the due day, or the period's last day for a figure due after its
// period), some indicators ahead, some on track, some at risk, some off
// track and some with a report overdue. A baseline the plan gives without
// its value gets its figure, dated the baseline's day.
func SampleFigures(plan *indicator.Plan, day indicator.Date) map[string][]indicator.Figure {
	out := map[string][]indicator.Figure{}
	var numbers, stages int
	for _, ind := range plan.Indicators() {
		if ind.Choices() != nil {
			out[ind.Code] = sample(ind, day, stageProfiles[stages%len(stageProfiles)])
			stages++
			continue
		}
		out[ind.Code] = sample(ind, day, numberProfiles[numbers%len(numberProfiles)])
		numbers++
	}
	return out
}

// numberProfiles are taken in turn by indicators of numbers; a rating or a
// stage cannot be a little behind (a stage behind is off track), so
// stageProfiles have no atRisk.
var (
	numberProfiles = []profile{ahead, atRisk, onTrack, offTrack, silent, onTrackToo}
	stageProfiles  = []profile{onTrack, offTrack, ahead, silent}
)

func sample(ind *indicator.Indicator, day indicator.Date, prof profile) []indicator.Figure {
	figs := baselineFigure(ind)
	skip, _ := ind.Report.LastDue(ind.Term, day)
	for p := ind.Report.PeriodOf(ind.Term.From); p.From <= reportEnd(ind); p = ind.Report.PeriodOf(p.To + 1) {
		due := ind.Report.DueDate(p)
		if due >= day {
			break
		}
		if prof == silent && p.From == skip.From {
			continue
		}
		d, aim := min(due, p.To), min(due, p.To)
		if p.To >= reportEnd(ind) {
			aim = reportEnd(ind) // the last report gives the result due at the end
		}
		figs = append(figs, indicator.Figure{Date: d, Value: sampleValue(ind, figs, d, aim, prof)})
	}
	return figs
}

// baselineFigure is the figure a baseline without its value waits for,
// when its day lies before the term (CT06.1's 2019 rank); none otherwise.
func baselineFigure(ind *indicator.Indicator) []indicator.Figure {
	b := ind.Baseline
	if b == nil || !b.FromFigure || b.On >= ind.Term.From {
		return nil
	}
	return []indicator.Figure{{Date: b.On, Value: firstValue(ind)}}
}

// reportEnd is the last day figures are reported for: the deadline, or
// the term's end.
func reportEnd(ind *indicator.Indicator) indicator.Date {
	if ind.By != 0 {
		return ind.By
	}
	return ind.Term.To
}

// sampleValue is the figure an indicator of the profile reports on day d,
// aiming at the trajectory on day aim.
func sampleValue(ind *indicator.Indicator, figs []indicator.Figure, d, aim indicator.Date, prof profile) float64 {
	e := indicator.Evaluate(ind, figs, d)
	expected, scale := e.ExpectedOn(aim), e.Scale
	if math.IsNaN(expected) {
		expected = firstValue(ind)
	}
	if math.IsNaN(scale) {
		scale = math.Max(1, math.Abs(ind.Target.Value))
	}
	shift := drift[prof] * scale
	switch ind.Target.Op {
	case indicator.LE, indicator.LT:
		shift = -shift
	case indicator.EQ:
		shift = -math.Abs(shift)
	}
	return shape(ind, expected-shift, e.Actual, drift[prof] <= 0)
}

// firstValue is where a trajectory without a baseline starts: a level a
// quarter short of its target, a revenue of 1.000.
func firstValue(ind *indicator.Indicator) float64 {
	t := ind.Target.Value
	switch {
	case ind.Trajectory == indicator.Compound:
		return 1000
	case ind.Choices() != nil:
		return 0
	case ind.Kind == indicator.Milestone:
		return 10
	case ind.Target.Change != nil:
		return 12 // a rank
	case ind.Target.Op == indicator.LE || ind.Target.Op == indicator.LT:
		return t * 1.3
	}
	return t * 0.75
}

// shape makes a value look reported: a count's increment in whole units, a
// position on a list, a percent within 0–100, a number of things whole
// (rounded to the target's side when the reporter is not behind: a rank of
// 10,7 on track is 10), a level to one decimal.
func shape(ind *indicator.Indicator, v, actual float64, fine bool) float64 {
	switch {
	case ind.Kind == indicator.Count:
		return math.Max(0, math.Round(v)-actual)
	case ind.Choices() != nil:
		return math.Min(math.Max(math.Round(v), 0), float64(len(ind.Choices())-1))
	case ind.Unit() == "%":
		v = math.Min(math.Max(v, 0), 100)
	case ind.Unit() != "‰" && ind.Target.Value == math.Trunc(ind.Target.Value):
		return whole(ind.Target.Op, v, fine)
	}
	return math.Round(v*10) / 10
}

// whole rounds a number of things, to the target's side when fine.
func whole(op indicator.Op, v float64, fine bool) float64 {
	switch {
	case fine && (op == indicator.LE || op == indicator.LT):
		return math.Floor(v)
	case fine && (op == indicator.GE || op == indicator.GT):
		return math.Ceil(v)
	}
	return math.Round(v)
}
