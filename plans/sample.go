package plans

import (
	"math"

	"chitieu/indicator"
)

// TryDay is the day `chitieu try` pretends it is: today when today lies in
// the plan's term, else 16 June of the term's last year — the office
// drafting the six-month report and the term's tổng kết, every earlier
// year's result final. (For the example, the district's last weeks: its
// level ended on 1/7/2025.)
func TryDay(plan *indicator.Plan, today indicator.Date) indicator.Date {
	if plan.Term.Contains(today) {
		return today
	}
	if d := indicator.NewDate(plan.Term.To.Year(), 6, 16); plan.Term.Contains(d) {
		return d
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

// drift is how far each profile lies behind its trajectory, in the
// indicator's tolerances (a kept target's is narrower than a moving one's).
var drift = map[profile]float64{ahead: -0.5, onTrack: -0.1, onTrackToo: -0.1, atRisk: 0.5, offTrack: 3, silent: -0.1}

// SampleFigures makes a realistic set of figures for every indicator of the
// plan up to day: reported on each due day and dated the day they stand
// for (the due day, or the period's last day for a figure due after its
// period), some indicators ahead, some on track, some at risk, some off
// track and some with a report overdue. A baseline the plan gives without
// its value gets its figure, dated the baseline's day.
func SampleFigures(plan *indicator.Plan, day indicator.Date) map[string][]indicator.Figure {
	out := map[string][]indicator.Figure{}
	for code, prof := range sampleProfiles(plan) {
		out[code] = sample(plan.Indicator(code), day, prof)
	}
	return out
}

// sampleProfiles gives each indicator its profile, in turn by kind.
func sampleProfiles(plan *indicator.Plan) map[string]profile {
	out := map[string]profile{}
	var numbers, stages int
	for _, ind := range plan.Indicators() {
		if ind.Choices() != nil {
			out[ind.Code] = stageProfiles[stages%len(stageProfiles)]
			stages++
			continue
		}
		out[ind.Code] = numberProfiles[numbers%len(numberProfiles)]
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
		d := min(due, p.To)
		figs = append(figs, indicator.Figure{Date: d, Value: sampleValue(ind, figs, d, aimOf(ind, p, d), prof)})
	}
	return figs
}

// aimOf is the day a period's figure, dated d, answers for: the end of its
// window or a checkpoint the plan dates, when the period holds one after
// d (a report stands for its period there), else d itself.
func aimOf(ind *indicator.Indicator, p indicator.Period, d indicator.Date) indicator.Date {
	aim := d
	ends := append(ind.Checkpoints(), min(ind.WindowOn(d).To, reportEnd(ind)))
	for _, c := range ends {
		if p.Contains(c) && c > aim {
			aim = c
		}
	}
	return aim
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
	switch {
	case math.IsNaN(expected) && ind.Trajectory == indicator.End:
		expected = seasonal(ind, e, aim)
	case math.IsNaN(expected) && ind.Trajectory == indicator.Constant:
		expected = ind.Target.Value // a kept target, before its first figure
	case math.IsNaN(expected):
		expected = firstValue(ind)
	}
	if math.IsNaN(scale) || ind.Trajectory == indicator.End || ind.Trajectory == indicator.Constant {
		scale = math.Max(1, math.Abs(ind.Target.Value)) // the scale of a kept target, or of one judged at its end
	}
	shift := drift[prof] * ind.Tol() * scale
	if prof == offTrack && ind.Whole() || prof == offTrack && ind.Choices() != nil {
		shift = math.Max(shift, 1) // far behind is a whole stage, or a whole thing, at least
	}
	switch ind.Target.Op {
	case indicator.LE, indicator.LT:
		shift = -shift
	case indicator.EQ:
		shift = -math.Abs(shift)
	}
	have := e.Actual
	if math.IsNaN(have) {
		have = 0 // a count's first figure of its window
	}
	v := shape(ind, expected-shift, have, drift[prof] <= 0)
	if drift[prof] <= 0 && ind.Kind == indicator.Level && !ind.Target.Op.Holds(v, expected) && ind.Target.Op.Strict() {
		v += map[bool]float64{true: 0.1, false: -0.1}[ind.Target.Op == indicator.GT] // a hair on the right side of a strict target
	}
	return v
}

// seasonal is where work judged only at its end stands on day d before
// then: a percent of the year's plan done in seasons climbs with the
// year, a stage waits at the first until the work is done, a rate
// computed year to date hovers near its target.
func seasonal(ind *indicator.Indicator, e indicator.Evaluation, d indicator.Date) float64 {
	switch {
	case ind.Choices() != nil:
		return 0
	case ind.Kind == indicator.Milestone:
		done := float64(d-e.Window.From+1) / float64(e.End-e.Window.From+1)
		return math.Round(ind.Target.Value * done * done) // slow at first: the seasons come late in the year
	}
	return ind.Target.Value
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
