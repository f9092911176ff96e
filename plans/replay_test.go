package plans

import (
	"math"
	"testing"

	"chitieu/indicator"
)

// reported is a figure and the day it was reported: a figure for a period
// that ends before its due day (a rating the city issues the next March)
// stands for the period's last day but is only known from its due day.
type reported struct {
	fig indicator.Figure
	on  indicator.Date
}

// TestOnScheduleReporterIsNeverBehind replays the example plan's whole term
// day by day for a reporter who reports on every due day a figure exactly on
// the trajectory, dated the day it stands for (the due day, or the period's
// last day when the figure is due after the period): each figure is judged
// on the day it comes, and no indicator may read at risk (but for work
// judged only at its end, in its last period), off track or missed, nor
// overdue, on any day of the term.
func TestOnScheduleReporterIsNeverBehind(t *testing.T) {
	plan, err := indicator.Load(Example)
	if err != nil {
		t.Fatal(err)
	}
	for _, ind := range plan.Indicators() {
		reports := onSchedule(ind)
		if len(reports) == 0 {
			t.Errorf("%s: no report in the term", ind.Code)
			continue
		}
		for _, r := range reports {
			e := indicator.Evaluate(ind, knownOn(reports, r.on), r.on)
			if r.on <= plan.Term.To && plan.Term.Contains(r.fig.Date) && e.AsOf != r.fig.Date {
				t.Errorf("%s: the figure for %v, reported on %v, is not judged that day (as of %v)", ind.Code, r.fig.Date, r.on, e.AsOf)
			}
		}
		var known []indicator.Figure
		for d, next := plan.Term.From, 0; d <= plan.Term.To; d++ {
			for ; next < len(reports) && reports[next].on <= d; next++ {
				known = append(known, reports[next].fig)
			}
			e := indicator.Evaluate(ind, known, d)
			if e.Status == indicator.AtRisk && lastPeriodOfEnd(e) {
				continue // judged only at its end: at risk from its last period until its last report says it is done
			}
			if e.Status == indicator.AtRisk || e.Status == indicator.OffTrack || e.Overdue {
				t.Errorf("%s on %v: %v (overdue %v), as of %v actual %v expected %v", ind.Code, d, e.Status, e.Overdue, e.AsOf, e.Actual, e.Expected)
				break
			}
			if e.Status == indicator.Missed {
				t.Errorf("%s on %v: missed, as of %v actual %v target %v", ind.Code, d, e.AsOf, e.Actual, e.Target)
				break
			}
		}
	}
}

// TestALevelStartsOnItsFirstFigure: a level without a baseline starts
// from its first figure, on that figure's day (DESIGN.md), so that figure
// is exactly on the trajectory: its own day expects exactly its value
// (CT03.2, CT03.4, CT03.6–03.9, CT05.12 in the example).
func TestALevelStartsOnItsFirstFigure(t *testing.T) {
	plan, err := indicator.Load(Example)
	if err != nil {
		t.Fatal(err)
	}
	ind := plan.Indicator("CT03.4")
	first := indicator.Figure{Date: indicator.NewDate(2020, 3, 20), Value: 85.5}
	e := indicator.Evaluate(ind, []indicator.Figure{first}, first.Date)
	if e.Status != indicator.OnTrack {
		t.Errorf("CT03.4's first figure %v on %v reads %v against %v expected on its own day", first.Value, first.Date, e.Status, e.Expected)
	}
}

// TestADeadlineWaitsForItsLastReport: after a deadline (by) the status is
// final only once the figure that stands for the deadline's day is due
// (CT06.2's stage on 31/12/2024 is due on 10/01/2025): a reporter on
// schedule never reads missed, and is never alerted, before it.
func TestADeadlineWaitsForItsLastReport(t *testing.T) {
	plan, err := indicator.Load(Example)
	if err != nil {
		t.Fatal(err)
	}
	ind := plan.Indicator("CT06.2")
	day := indicator.NewDate(2025, 1, 2)
	e := indicator.Evaluate(ind, knownOn(onSchedule(ind), day), day)
	if e.Status == indicator.Missed {
		t.Errorf("CT06.2 on %v reads %v as of %v, though its figure for the deadline %v is due on %v", day, e.Status, e.AsOf, ind.By, ind.Report.DueDate(ind.Report.PeriodOf(ind.By)))
	}
}

// TestAYearlyFigureDueAfterItsYearIsJudged: a yearly window's figure that
// is due after the year (a rating the city issues the next March, or a
// 31 December due day moved to 2 January) is dated in its year but comes
// in the next one: its year is judged until that report is due, so a
// rating below its target is alerted (CT01.4a–c, CT01.5; CT01.2 and
// CT01.3 in 2022 and 2023).
func TestAYearlyFigureDueAfterItsYearIsJudged(t *testing.T) {
	plan, err := indicator.Load(Example)
	if err != nil {
		t.Fatal(err)
	}
	ind := plan.Indicator("CT01.5")
	rating := indicator.Figure{Date: indicator.NewDate(2023, 12, 31), Value: 1} // Hoàn thành, below Hoàn thành tốt
	day := indicator.NewDate(2024, 3, 15)
	e := indicator.Evaluate(ind, []indicator.Figure{rating}, day)
	if e.AsOf != rating.Date {
		t.Fatalf("CT01.5's 2023 rating, due and reported on %v, is not judged (%v, window %v)", day, e.Status, e.Window)
	}
	if e.Status != indicator.Missed {
		t.Errorf("CT01.5's 2023 rating below its target reads %v", e.Status)
	}
}

// TestDoneOnceIsNotNagged: a term-long target met for good (phường
// counted, a Đề án completed, the once-a-term exercise done) settles the
// indicator: from that day to the term's end it stays achieved and no
// report is owed, though none comes.
func TestDoneOnceIsNotNagged(t *testing.T) {
	plan, err := indicator.Load(Example)
	if err != nil {
		t.Fatal(err)
	}
	done := indicator.NewDate(2023, 6, 30)
	for _, code := range []string{"CT03.10", "CT05.7", "CT02.5", "CT03.13", "CT05.5", "CT05.6"} {
		ind := plan.Indicator(code)
		var figs []indicator.Figure
		for _, r := range onSchedule(ind) {
			if r.on < done {
				figs = append(figs, r.fig)
			}
		}
		final := ind.Target.Value
		if e := indicator.Evaluate(ind, figs, done); ind.Kind == indicator.Count && e.Figures > 0 {
			final -= e.Actual
		}
		figs = append(figs, indicator.Figure{Date: done, Value: final})
		for d := done; d <= plan.Term.To; d++ {
			e := indicator.Evaluate(ind, figs, d)
			if e.Status != indicator.Achieved || !e.Settled || e.Overdue {
				t.Errorf("%s on %v: %v settled %v overdue %v, want achieved and settled", code, d, e.Status, e.Settled, e.Overdue)
				break
			}
		}
	}
}

// onSchedule is every figure an exact reporter gives over the term.
func onSchedule(ind *indicator.Indicator) []reported {
	var out []reported
	if b := ind.Baseline; b != nil && b.FromFigure && b.On < ind.Term.From {
		out = append(out, reported{indicator.Figure{Date: b.On, Value: startValue(ind)}, ind.Term.From})
	}
	last := ind.Term.To
	if ind.By != 0 {
		last = ind.By
	}
	for p := ind.Report.PeriodOf(ind.Term.From); p.From <= last; p = ind.Report.PeriodOf(p.To + 1) {
		due := ind.Report.DueDate(p)
		day := min(due, p.To)
		figs := knownOn(out, day)
		out = append(out, reported{indicator.Figure{Date: day, Value: onTrajectory(ind, figs, day, aim(ind, p, day))}, due})
	}
	return out
}

// lastPeriodOfEnd reports whether e is of an `end` trajectory in the last
// report period of its window, when DESIGN has it at risk until the target
// holds.
func lastPeriodOfEnd(e indicator.Evaluation) bool {
	ind := e.Indicator
	return ind.Trajectory == indicator.End && e.Day >= ind.LastPeriod(e.Window, e.End).From
}

// aim is the day a period's figure, dated day, is judged on: the latest
// checkpoint the plan dates in the period (a report stands for its period
// at a checkpoint), or its own day.
func aim(ind *indicator.Indicator, per indicator.Period, day indicator.Date) indicator.Date {
	at := day
	for _, c := range ind.Checkpoints() {
		if per.Contains(c) && c > at {
			at = c
		}
	}
	return at
}

// knownOn is the figures reported by day d.
func knownOn(reports []reported, d indicator.Date) []indicator.Figure {
	var figs []indicator.Figure
	for _, r := range reports {
		if r.on <= d {
			figs = append(figs, r.fig)
		}
	}
	return figs
}

// onTrajectory is the figure that puts the indicator exactly on its
// trajectory on day d (a hair on the right side of a strict target); a
// level's first figure, which anchors its trajectory, is a plausible start.
func onTrajectory(ind *indicator.Indicator, figs []indicator.Figure, d, at indicator.Date) float64 {
	e := indicator.Evaluate(ind, figs, d)
	v := e.ExpectedOn(at)
	if math.IsNaN(v) {
		v = startValue(ind)
	}
	switch ind.Target.Op {
	case indicator.GT:
		v += 1e-6
	case indicator.LT:
		v -= 1e-6
	}
	if ind.Kind == indicator.Count && e.Figures > 0 {
		return v - e.Actual
	}
	return v
}

// startValue is where a level starts when nothing anchors it yet: on a
// constant target, the target; a revenue of 1.000; a rank of 12; else a
// tenth short of the target.
func startValue(ind *indicator.Indicator) float64 {
	t := ind.Target.Value
	switch {
	case ind.Trajectory == indicator.Constant:
		return t
	case ind.Trajectory == indicator.Compound:
		return 1000
	case ind.Target.Change != nil:
		return 12
	case ind.Target.Op == indicator.LE || ind.Target.Op == indicator.LT:
		return t * 1.1
	}
	return t * 0.9
}
