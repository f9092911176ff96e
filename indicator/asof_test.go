package indicator_test

import (
	"math"
	"testing"
	"time"

	. "chitieu/indicator"
)

// TestWorkedExampleAsOf is DESIGN.md's worked example, word for word: a
// figure is judged on the day it stands for.
func TestWorkedExampleAsOf(t *testing.T) {
	may := func(total int) []Figure {
		return figs(t, "2023-01-31", 7, "2023-02-28", 7, "2023-03-31", 7, "2023-04-30", 7, "2023-05-31", total-28)
	}
	tests := []struct {
		name     string
		figs     []Figure
		on       string
		status   Status
		expected float64
		overdue  bool
	}{
		{"35 through May, on 30 June", may(35), "2023-06-30", AtRisk, 37, true},
		{"41 through May", may(41), "2023-06-30", OnTrack, 37, true},
		{"25 through May", may(25), "2023-06-30", OffTrack, 37, true},
		{"June's report not yet due on 26 June (25 is a Sunday)", may(35), "2023-06-26", AtRisk, 37, false},
		{"92 by 20 October", append(may(41), figs(t, "2023-10-20", 51)...), "2023-10-20", Achieved, 72, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Evaluate(partyMembers(), tt.figs, day(t, tt.on))
			if e.Status != tt.status || e.Expected != tt.expected || e.Overdue != tt.overdue {
				t.Errorf("status %v expected %v overdue %v, want %v %v %v", e.Status, e.Expected, e.Overdue, tt.status, tt.expected, tt.overdue)
			}
		})
	}
	e := Evaluate(partyMembers(), may(35), day(t, "2023-06-30"))
	if e.AsOf != day(t, "2023-05-31") || e.Shortfall != 2 || e.Scale != 90 {
		t.Errorf("as of %v shortfall %v scale %v, want 2023-05-31, 2, 90", e.AsOf, e.Shortfall, e.Scale)
	}
	if e.ExpectedToday != 44 { // ⌊90 × 181/365⌋
		t.Errorf("expected today %v, want 44", e.ExpectedToday)
	}
}

// TestNoSlideBetweenReports: days passing without a report never make a
// figure on its trajectory behind; that is what overdue is for.
func TestNoSlideBetweenReports(t *testing.T) {
	yearly := level(GE, 93.5, Linear, Term)
	yearly.Baseline = &Baseline{Value: 90, On: day(t, "2019-12-31")}
	onLine := figs(t, "2021-12-31", 90+3.5*731/2192.0+0.01)
	for _, on := range []string{"2022-01-01", "2022-06-30", "2022-12-31", "2023-03-01"} {
		e := Evaluate(yearly, onLine, day(t, on))
		if e.Status != OnTrack {
			t.Errorf("%s: %v (expected %v, actual %v), want on_track", on, e.Status, e.Expected, e.Actual)
		}
	}
	if e := Evaluate(yearly, onLine, day(t, "2023-03-01")); !e.Overdue {
		t.Error("2022's report missing on 1/3/2023: not overdue")
	}
}

func TestStartValues(t *testing.T) {
	rating := &Indicator{Code: "R", Kind: Rating, Window: Year, Scale: DefaultScale, Target: Target{Op: GE, Value: 2},
		Trajectory: Linear, Report: Schedule{Every: EveryQuarter, DueDay: 20}, Term: term}
	stage := &Indicator{Code: "M", Kind: Milestone, Window: Term, Stages: []string{"Xây dựng", "Phê duyệt", "Triển khai", "Hoàn thành"},
		Target: Target{Op: GE, Value: 3}, Trajectory: Linear, Report: Schedule{Every: EveryYear, DueDay: 20}, Term: term}
	lvl := level(GE, 95, Linear, Term)
	tests := []struct {
		name       string
		ind        *Indicator
		figs       []Figure
		on         string
		start      float64
		startDay   string
		expected   float64
		wantStatus Status
	}{
		{"a count from 0 on the window's first day", partyMembers(), figs(t, "2023-03-31", 30), "2023-04-01", 0, "2023-01-01", 22, OnTrack},
		{"a rating from its lowest position", rating, figs(t, "2023-06-30", 1), "2023-07-01", 0, "2023-01-01", 0, OnTrack},
		{"a milestone from its lowest stage", stage, figs(t, "2021-12-31", 1), "2022-01-01", 0, "2020-01-01", 1, OnTrack},
		{"a level from its first figure", lvl, figs(t, "2021-06-30", 80, "2022-06-30", 83), "2022-07-01", 80, "2021-06-30", 80 + 15*365/1645.0, AtRisk},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Evaluate(tt.ind, tt.figs, day(t, tt.on))
			if e.Baseline != tt.start || e.Start != day(t, tt.startDay) || math.Abs(e.Expected-tt.expected) > 1e-9 || e.Status != tt.wantStatus {
				t.Errorf("start %v on %v, expected %v, %v; want %v on %s, %v, %v", e.Baseline, e.Start, e.Expected, e.Status,
					tt.start, tt.startDay, tt.expected, tt.wantStatus)
			}
		})
	}
}

func TestStairs(t *testing.T) {
	stages := []string{"Chuẩn bị", "Xây dựng", "Phê duyệt", "Triển khai", "Hoàn thành"}
	linear := &Indicator{Code: "M", Kind: Milestone, Window: Term, Stages: stages, Target: Target{Op: GE, Value: 4},
		Trajectory: Linear, Report: Schedule{Every: EveryQuarter, DueDay: 20}, Term: term}
	// 2192 days, four stages above the start: stage k from k/4 of the way.
	for _, tt := range []struct {
		on   string
		want float64
	}{{"2020-01-01", 0}, {"2021-06-30", 0}, {"2021-07-01", 1}, {"2022-12-30", 1}, {"2022-12-31", 2}, {"2025-12-30", 3}, {"2025-12-31", 4}} {
		if got := Evaluate(linear, nil, day(t, tt.on)).ExpectedToday; got != tt.want {
			t.Errorf("linear stair on %s: %v, want %v", tt.on, got, tt.want)
		}
	}
	stepped := *linear
	stepped.Trajectory = Steps
	stepped.Steps = []Step{{By: day(t, "2020-06-30"), Value: 1}, {By: day(t, "2021-06-30"), Value: 2}, {By: day(t, "2022-12-31"), Value: 4}}
	for _, tt := range []struct {
		on   string
		want float64
	}{{"2020-06-29", 0}, {"2020-06-30", 1}, {"2021-06-29", 1}, {"2021-07-01", 2}, {"2022-12-30", 2}, {"2022-12-31", 4}, {"2024-01-01", 4}} {
		if got := Evaluate(&stepped, nil, day(t, tt.on)).ExpectedToday; got != tt.want {
			t.Errorf("steps stair on %s: %v, want %v", tt.on, got, tt.want)
		}
	}
	// At its planned stage between two checkpoints, a Đề án is on track.
	if e := Evaluate(&stepped, figs(t, "2021-07-15", 2), day(t, "2022-10-01")); e.Status != OnTrack {
		t.Errorf("at its stage: %v (expected %v), want on_track", e.Status, e.Expected)
	}
}

func TestByDeadline(t *testing.T) {
	stages := []string{"Xây dựng", "Triển khai", "Hoàn thành"}
	da := &Indicator{Code: "DA", Kind: Milestone, Window: Term, Stages: stages, Target: Target{Op: GE, Value: 2},
		Trajectory: Linear, By: day(t, "2022-12-31"), Report: Schedule{Every: EveryQuarter, DueDay: 20}, Term: term}
	if got := Evaluate(da, nil, day(t, "2022-12-31")).ExpectedToday; got != 2 {
		t.Errorf("on its deadline the stage expected is %v, want 2", got)
	}
	late := figs(t, "2021-06-30", 1, "2023-05-01", 2)
	e := Evaluate(da, late, day(t, "2023-06-01"))
	if e.Status != Missed || e.Actual != 1 {
		t.Errorf("after its deadline: %v with %v, want missed with 1 (final: a later figure does not change it)", e.Status, e.Actual)
	}
	done := figs(t, "2021-06-30", 1, "2022-11-30", 2)
	if e := Evaluate(da, done, day(t, "2024-01-01")); e.Status != Achieved {
		t.Errorf("finished in time: %v, want achieved", e.Status)
	}
	if e := Evaluate(da, done, day(t, "2024-01-01")); e.Overdue || !e.Settled {
		t.Error("a Đề án completed: no report is due any more")
	}
	if e := Evaluate(da, figs(t, "2021-06-30", 1, "2022-02-01", 2), day(t, "2022-05-01")); e.Overdue || !e.Settled {
		t.Error("a Đề án completed before its deadline: no report is due any more")
	}
	if e := Evaluate(da, late, day(t, "2023-06-01")); e.Overdue || e.Settled {
		t.Errorf("a Đề án missed at its deadline, final: overdue %v settled %v, want no report owed (none could change it)", e.Overdue, e.Settled)
	}
	if e := Evaluate(da, figs(t, "2021-06-30", 1), day(t, "2022-12-21")); !e.Overdue || e.Final() {
		t.Errorf("before its deadline, the fourth quarter's report due and missing: overdue %v final %v, want overdue, not final", e.Overdue, e.Final())
	}
	if e := Evaluate(da, figs(t, "2021-06-30", 1), day(t, "2022-06-30")); e.Status != OnTrack {
		t.Errorf("stage 1 by mid-2022 (expected %v): %v, want on_track", e.Expected, e.Status)
	}
}

func TestYearlyCompoundCount(t *testing.T) {
	firms := &Indicator{Code: "DN", Kind: Count, Window: Year, Trajectory: Compound, Rate: 10,
		Baseline: &Baseline{Value: 100, On: day(t, "2019-12-31")}, Target: Target{Op: GE},
		Report: Schedule{Every: EveryQuarter, DueDay: 20}, Term: term}
	for _, tt := range []struct {
		on     string
		target float64
	}{{"2020-06-30", 110}, {"2021-06-30", 121}, {"2023-06-30", 147}} { // 146,41 needs 147
		e := Evaluate(firms, nil, day(t, tt.on))
		if e.Target != tt.target {
			t.Errorf("%s: target %v, want %v", tt.on, e.Target, tt.target)
		}
	}
	e := Evaluate(firms, figs(t, "2021-03-31", 30), day(t, "2021-04-02"))
	if want := math.Floor(121 * 90 / 365.0); e.Expected != want || e.Status != OnTrack {
		t.Errorf("Q1 2021: expected %v, %v; want %v, on_track", e.Expected, e.Status, want)
	}
}

func TestBaselines(t *testing.T) {
	rank := &Indicator{Code: "PAR", Kind: Level, Window: Term, Trajectory: Linear,
		Target: Target{Op: LE, Change: ptr(-2)}, Baseline: &Baseline{On: day(t, "2019-12-31"), FromFigure: true},
		Report: Schedule{Every: EveryYear, DueDay: 15, LagMonths: 3}, Term: term}
	later := figs(t, "2021-12-31", 9)
	e := Evaluate(rank, later, day(t, "2022-04-01"))
	if e.Status != NoData || e.MissingBaseline == nil || *e.MissingBaseline != day(t, "2019-12-31") || !math.IsNaN(e.Forecast) {
		t.Errorf("without the 2019 figure: %v, missing %v; want no_data, missing 2019-12-31", e.Status, e.MissingBaseline)
	}
	withBase := append(figs(t, "2019-12-31", 10), later...)
	e = Evaluate(rank, withBase, day(t, "2022-04-01"))
	if e.Target != 8 || e.Baseline != 10 || e.Status != OnTrack || e.MissingBaseline != nil {
		t.Errorf("with the 2019 figure: target %v start %v %v, want 8, 10, on_track", e.Target, e.Baseline, e.Status)
	}
	before := level(LE, 6.5, Linear, Term)
	before.Baseline = &Baseline{Value: 8, On: day(t, "2019-12-31")}
	e = Evaluate(before, figs(t, "2020-12-31", 7.8), day(t, "2021-01-05"))
	if want := 8 - 1.5*366/2192.0; math.Abs(e.Expected-want) > 1e-9 || e.Status != AtRisk {
		t.Errorf("a baseline before the window: expected %v, %v; want %v, at_risk", e.Expected, e.Status, want)
	}
}

func TestWholeCounts(t *testing.T) {
	ceiling := &Indicator{Code: "C", Kind: Count, Window: Year, Target: Target{Op: LE, Value: 10}, Trajectory: Linear,
		Report: Schedule{Every: EveryMonth, DueDay: 25}, Term: term}
	e := Evaluate(ceiling, figs(t, "2023-03-31", 3), day(t, "2023-04-01"))
	if e.Expected != 3 || e.Status != OnTrack { // 10 × 90/365 = 2,47 shown as 3 for a ceiling
		t.Errorf("ceiling: expected %v %v, want 3 on_track", e.Expected, e.Status)
	}
	e = Evaluate(partyMembers(), figs(t, "2023-10-31", 78), day(t, "2023-11-01"))
	if e.Pace.Gap != 12 || e.Pace.Months != 2 || e.Pace.PerMonth != 6 {
		t.Errorf("pace %+v, want 12 in 2 months, 6 a month", e.Pace)
	}
	e = Evaluate(partyMembers(), figs(t, "2023-10-31", 77), day(t, "2023-11-01"))
	if e.Pace.Gap != 13 || e.Pace.PerMonth != 6.5 {
		t.Errorf("pace %+v, want 13 in 2 months, 6,5 a month (a rate is never rounded up)", e.Pace)
	}
	if e.Forecast != math.Round(e.Forecast) {
		t.Errorf("a whole count's forecast %v has a fraction", e.Forecast)
	}
	tenths := partyMembers()
	tenths.Decimals = 1
	if e := Evaluate(tenths, figs(t, "2023-05-31", 35), day(t, "2023-06-30")); e.Expected != 37.2 {
		t.Errorf("decimals 1: expected %v, want 37.2", e.Expected)
	}
}

func ptr(v float64) *float64 { return &v }

// TestNotFinalBeforeTheLastReportIsDue: a window or a deadline that has
// passed is not judged final while its last period's report is not yet
// due and has not come (a rating the city issues the following March).
func TestNotFinalBeforeTheLastReportIsDue(t *testing.T) {
	rating := &Indicator{Code: "R", Kind: Rating, Window: Year, Scale: DefaultScale, Target: Target{Op: GE, Value: 2},
		Trajectory: Constant, Report: Schedule{Every: EveryYear, DueDay: 15, LagMonths: 3}, Term: term}
	in2024 := figs(t, "2024-12-31", 2)
	if e := Evaluate(rating, in2024, day(t, "2026-02-01")); e.Status != NoData || e.Overdue {
		t.Errorf("before 2025's rating is due: %v overdue %v, want no_data, not overdue", e.Status, e.Overdue)
	}
	if e := Evaluate(rating, in2024, day(t, "2026-02-01")); !e.Provisional || e.Final() {
		t.Errorf("before 2025's rating is due: provisional %v final %v, want provisional", e.Provisional, e.Final())
	}
	if e := Evaluate(rating, in2024, day(t, "2026-03-17")); e.Status != NoData || !e.Overdue || !e.Final() {
		t.Errorf("after 2025's rating was due, none came: %v overdue %v final %v, want no_data (not assessed), overdue, final", e.Status, e.Overdue, e.Final())
	}
	if e := Evaluate(rating, figs(t, "2025-12-31", 1), day(t, "2026-03-17")); e.Status != Missed || e.Provisional {
		t.Errorf("after 2025's rating was due, below the target: %v provisional %v, want missed, final", e.Status, e.Provisional)
	}
	if e := Evaluate(rating, figs(t, "2025-12-31", 2), day(t, "2026-02-01")); e.Status != Achieved {
		t.Errorf("2025's rating in early: %v, want achieved", e.Status)
	}
	stages := []string{"Xây dựng", "Triển khai", "Hoàn thành"}
	da := &Indicator{Code: "DA", Kind: Milestone, Window: Term, Stages: stages, Target: Target{Op: GE, Value: 2},
		Trajectory: Linear, By: day(t, "2022-12-31"), Report: Schedule{Every: EveryQuarter, DueDay: 10, LagMonths: 1}, Term: term}
	if e := Evaluate(da, figs(t, "2022-09-30", 1), day(t, "2023-01-05")); e.Status == Missed {
		t.Errorf("before the deadline's quarter is due (10/1): %v, want not yet final", e.Status)
	}
	if e := Evaluate(da, figs(t, "2022-09-30", 1), day(t, "2023-01-11")); e.Status != Missed {
		t.Errorf("after the deadline's quarter was due: %v, want missed", e.Status)
	}
}

func TestAStrictLevelsFirstFigureIsOnTrack(t *testing.T) {
	ind := level(LT, 6.5, Linear, Term)
	if e := Evaluate(ind, figs(t, "2020-12-31", 7.2), day(t, "2021-01-05")); e.Status != OnTrack {
		t.Errorf("the first figure of a level under a strict ceiling: %v, want on_track", e.Status)
	}
	constant := level(GT, 75, Constant, Year)
	if e := Evaluate(constant, figs(t, "2023-03-31", 75), day(t, "2023-04-01")); e.Status != AtRisk {
		t.Errorf("exactly on a strict constant target: %v, want at_risk", e.Status)
	}
}

// TestAPastWindowIsJudgedInItself: the year that ended is judged final
// (a missed yearly target is told), and a figure for last year's overdue
// period is judged in last year, not against this year's window.
func TestAPastWindowIsJudgedInItself(t *testing.T) {
	var f []Figure
	for m := time.January; m <= time.December; m++ {
		f = append(f, Figure{Date: NewDate(2023, m+1, 0), Value: 5})
	}
	e, ok := Ended(partyMembers(), f, day(t, "2024-01-05"))
	if !ok || e.Status != Missed || e.Actual != 60 || e.Window.From != day(t, "2023-01-01") {
		t.Errorf("2023 ended with 60 of 90: %v %v %v (ok %v), want missed 60 in 2023", e.Status, e.Actual, e.Window, ok)
	}
	if e := Evaluate(partyMembers(), f, day(t, "2024-01-05")); e.Status != NoData {
		t.Errorf("2024 on 5 January: %v, want no_data", e.Status)
	}
	if e, ok := Ended(partyMembers(), f, day(t, "2023-06-05")); !ok || e.Status != NoData {
		t.Errorf("in 2023 the window before it, 2022, ended with no figure: %v (ok %v), want no_data: not assessed, never missed", e.Status, ok)
	}
	rate := level(GE, 75, Constant, Year)
	late := figs(t, "2022-12-31", 60)
	e = EvaluateOf(rate, late, day(t, "2022-12-31"), day(t, "2023-06-30"))
	if e.Status != Missed || e.Window.From != day(t, "2022-01-01") || e.Actual != 60 {
		t.Errorf("2022's figure reported late: %v in %v with %v, want missed in 2022 with 60", e.Status, e.Window, e.Actual)
	}
	if e := EvaluateOf(rate, late, day(t, "2023-06-30"), day(t, "2023-06-30")); e.Window.From != day(t, "2023-01-01") {
		t.Errorf("a figure of this year is judged in %v", e.Window)
	}
}

// TestAStartBeyondTheTargetAsksOnlyTheTarget: a level whose first figure
// already meets its floor is expected to hold the target, not to follow a
// line down from its start.
func TestAStartBeyondTheTargetAsksOnlyTheTarget(t *testing.T) {
	ind := level(GE, 43.5, Linear, Term)
	e := Evaluate(ind, figs(t, "2020-12-20", 50, "2025-12-20", 43.5), day(t, "2025-12-22"))
	if e.Expected != 43.5 || e.Status != OnTrack {
		t.Errorf("43,5 against ≥ 43,5 started at 50: expected %v, %v; want 43,5, on_track", e.Expected, e.Status)
	}
}
