package indicator_test

import (
	"math"
	"slices"
	"testing"
	"time"

	. "chitieu/indicator"
	"chitieu/plans"
)

// The rules of DESIGN.md's "Evaluation" where a district planner would
// dispute a status: each test fails on the rules before them.

// seasonal is CT05.3: the reserve training, done in seasons through the
// year (0, 35, 90, 100% of the year's plan by quarter), judged at the end.
func seasonal() *Indicator {
	return &Indicator{Code: "CT05.3", Kind: Milestone, Window: Year, Target: Target{Op: GE, Value: 100},
		Trajectory: End, Report: Schedule{Every: EveryQuarter, DueDay: 25}, Term: term}
}

func TestAnEndTrajectoryExpectsNothingBeforeItsLastPeriod(t *testing.T) {
	f := figs(t, "2023-03-25", 0, "2023-06-25", 35, "2023-09-25", 90)
	for _, tt := range []struct {
		on     string
		upTo   int // figures known
		status Status
	}{
		{"2023-03-31", 1, OnTrack},
		{"2023-07-01", 2, OnTrack},
		{"2023-09-30", 3, OnTrack},
		{"2023-10-01", 3, AtRisk}, // the last quarter began: 90 of 100
		{"2023-12-20", 3, AtRisk},
	} {
		e := Evaluate(seasonal(), f[:tt.upTo], day(t, tt.on))
		if e.Status != tt.status {
			t.Errorf("%s: %v (expected %v), want %v", tt.on, e.Status, e.Expected, tt.status)
		}
		if tt.status == OnTrack && !math.IsNaN(e.Expected) {
			t.Errorf("%s: expected %v before the end, want none", tt.on, e.Expected)
		}
	}
	done := append(f, Figure{Date: day(t, "2023-12-25"), Value: 100})
	if e := Evaluate(seasonal(), done, day(t, "2023-12-26")); e.Status != Achieved {
		t.Errorf("100%% by the last report: %v, want achieved", e.Status)
	}
	short := append(f, Figure{Date: day(t, "2023-12-25"), Value: 95})
	if e, _ := Ended(seasonal(), short, day(t, "2024-01-02")); e.Status != Missed || !e.Final() {
		t.Errorf("95%% at the year's end: %v final %v, want missed, final", e.Status, e.Final())
	}
}

// TestAReportStandsForItsPeriodAtACheckpoint: an approval due 31/12/2021,
// with the fourth quarter's report "Xây dựng" dated 20/12, is judged at
// 31/12 from 1/1, not left on track until the next quarter's report; so
// is one whose fourth-quarter report never came, once it was due.
func TestAReportStandsForItsPeriodAtACheckpoint(t *testing.T) {
	stages := []string{"Xây dựng đề án", "Phê duyệt", "Triển khai thực hiện", "Hoàn thành"}
	da := &Indicator{Code: "CT02.5", Kind: Milestone, Window: Term, Stages: stages, Target: Target{Op: GE, Value: 3},
		Trajectory: Steps, Steps: []Step{{By: day(t, "2021-12-31"), Value: 1}, {By: day(t, "2022-12-31"), Value: 2}, {By: day(t, "2025-12-31"), Value: 3}},
		Report: Schedule{Every: EveryQuarter, DueDay: 20}, Term: term}
	f := figs(t, "2021-09-20", 0, "2021-12-20", 0)
	if e := Evaluate(da, f, day(t, "2021-12-31")); e.Status != OnTrack {
		t.Errorf("on the checkpoint's day: %v, want on_track", e.Status)
	}
	for _, on := range []string{"2022-01-01", "2022-01-15", "2022-03-01"} {
		e := Evaluate(da, f, day(t, on))
		if e.Status != OffTrack || e.Judged != day(t, "2021-12-31") || e.AsOf != day(t, "2021-12-20") || e.Expected != 1 {
			t.Errorf("%s: %v judged on %v (as of %v) expected %v, want off_track judged on 31/12/2021 with the figure of 20/12, expected Phê duyệt", on, e.Status, e.Judged, e.AsOf, e.Expected)
		}
	}
	noQ4 := f[:1]
	if e := Evaluate(da, noQ4, day(t, "2021-12-25")); e.AsOf != day(t, "2021-09-20") {
		t.Errorf("before the checkpoint: as of %v, want the figure's day", e.AsOf)
	}
	if e := Evaluate(da, noQ4, day(t, "2022-01-05")); e.Status != OffTrack || e.Judged != day(t, "2021-12-31") {
		t.Errorf("Q4's report overdue past the checkpoint: %v judged on %v, want off_track judged on 31/12/2021", e.Status, e.Judged)
	}
	approved := append(f, Figure{Date: day(t, "2022-02-10"), Value: 1})
	if e := Evaluate(da, approved, day(t, "2022-03-01")); e.Status != OnTrack || e.AsOf != day(t, "2022-02-10") {
		t.Errorf("approved late: %v as of %v, want on_track on its own day", e.Status, e.AsOf)
	}
}

// fires is a ceiling count: CT04.4 of the 2025–2030 plan, ≤ 12 vụ a year.
func fires() *Indicator {
	return &Indicator{Code: "CT04.4", Kind: Count, UnitOfMeasure: "vụ", Window: Year, Target: Target{Op: LE, Value: 12},
		Trajectory: Linear, Report: Schedule{Every: EveryMonth, DueDay: 25}, Term: term}
}

func TestACeilingCountPastItsCapIsMissed(t *testing.T) {
	e := Evaluate(fires(), figs(t, "2023-10-25", 18), day(t, "2023-11-20"))
	if e.Status != Missed || e.Provisional {
		t.Errorf("18 against ≤ 12 in November: %v provisional %v, want missed, final", e.Status, e.Provisional)
	}
	if e.Pace.Needed || e.Pace.Gap != 0 || !e.Pace.Ceiling || e.Pace.Over != 6 {
		t.Errorf("pace %+v: a count past its cap cannot come down; want over 6, nothing needed", e.Pace)
	}
	if g := e.Estimate(); g != NotMet {
		t.Errorf("estimate %v, want missed", g)
	}
	e = Evaluate(fires(), figs(t, "2023-10-25", 9), day(t, "2023-11-20"))
	if !e.Pace.Ceiling || e.Pace.Room != 3 || e.Pace.Over != 0 || e.Pace.Needed {
		t.Errorf("pace %+v under the cap, want room for 3", e.Pace)
	}
	strict := fires()
	strict.Target.Op = LT
	if e := Evaluate(strict, figs(t, "2023-10-25", 9), day(t, "2023-11-20")); e.Pace.Room != 2 {
		t.Errorf("< 12 with 9: room %v, want 2", e.Pace.Room)
	}
}

func TestAWindowWithoutAFigureIsNotAssessed(t *testing.T) {
	burning := &Indicator{Code: "CT04.11", Kind: Count, Window: Year, Target: Target{Op: LE, Value: 0},
		Trajectory: Constant, Report: Schedule{Every: EveryMonth, DueDay: 25}, Term: term}
	e := Evaluate(burning, nil, day(t, "2026-02-01"))
	if e.Status != NoData || !math.IsNaN(e.Actual) || !math.IsNaN(e.Reported()) || !math.IsNaN(e.Forecast) {
		t.Errorf("no report at all: %v actual %v forecast %v, want no_data with no value", e.Status, e.Actual, e.Forecast)
	}
	if g, ok := e.Result(); !ok || g != NotAssessed {
		t.Errorf("result %v (final %v), want not assessed, final", g, ok)
	}
	rating := &Indicator{Code: "CT01.5", Kind: Rating, Window: Year, Scale: DefaultScale, Target: Target{Op: GE, Value: 2},
		Trajectory: Constant, Report: Schedule{Every: EveryYear, DueDay: 15, LagMonths: 3}, Term: term}
	e = Evaluate(rating, figs(t, "2024-12-31", 2), day(t, "2026-03-17"))
	if e.Status != NoData || !e.Overdue {
		t.Errorf("the 2025 rating never came: %v overdue %v, want no_data, overdue", e.Status, e.Overdue)
	}
}

func TestPaceIsNeverRoundedUpToAWhole(t *testing.T) {
	wards := &Indicator{Code: "CT03.10", Kind: Count, Window: Term, Target: Target{Op: GE, Value: 3},
		Trajectory: Linear, Report: Schedule{Every: EveryYear, DueDay: 20}, Term: term}
	e := Evaluate(wards, figs(t, "2022-12-20", 0), day(t, "2023-06-30"))
	if e.Pace.Gap != 3 || e.Pace.Months != 30 || !near(e.Pace.PerMonth, 0.1, 1e-9) {
		t.Errorf("3 in 30 months: %+v, want 0,1 a month", e.Pace)
	}
	e = Evaluate(partyMembers(), figs(t, "2023-06-25", 40), day(t, "2023-06-30"))
	if e.Pace.Gap != 50 || e.Pace.Months != 6 || !near(e.Pace.PerMonth, 50.0/6, 1e-9) {
		t.Errorf("50 in 6 months: %+v, want 8,33 a month", e.Pace)
	}
}

// par is CT06.1: the PAR INDEX place, at least 2 places up on 2019's.
func par() *Indicator {
	change := -2.0
	return &Indicator{Code: "CT06.1", Kind: Rank, Window: Term, Target: Target{Op: LE, Change: &change},
		Baseline: &Baseline{On: day2(2019, 12, 31), FromFigure: true}, Trajectory: Linear, Tolerance: 0.5,
		Report: Schedule{Every: EveryYear, DueDay: 15, LagMonths: 3}, Term: term}
}

func day2(y int, m time.Month, d int) Date { return NewDate(y, m, d) }

func TestARankIsAWholePlace(t *testing.T) {
	f := figs(t, "2019-12-31", 14, "2020-12-31", 14, "2021-12-31", 13)
	e := Evaluate(par(), f, day(t, "2022-03-20"))
	if e.Target != 12 {
		t.Errorf("target %v, want place 12 (2019's 14 less 2)", e.Target)
	}
	for name, v := range map[string]float64{"expected": e.Expected, "expected today": e.ExpectedToday, "forecast": e.Forecast} {
		if v != math.Trunc(v) {
			t.Errorf("%s %v: a place is whole", name, v)
		}
	}
	if e.Expected != 14 { // 14 − 2 × 2/6 of the way = 13,33: 14 in the reporter's favour
		t.Errorf("expected place %v on %v, want 14 (rounded in the reporter's favour)", e.Expected, e.AsOf)
	}
	if d := par().Doubt(12.5, e); d != FractionOfWhole {
		t.Errorf("place 12,5: doubt %v, want a fraction of a whole", d)
	}
}

func TestGrades(t *testing.T) {
	members := partyMembers()
	for _, tt := range []struct {
		ind   *Indicator
		v     float64
		grade Grade
	}{
		{members, 92, Exceeded},
		{members, 90, Met},
		{members, 85, NearlyMet}, // within 10% of 90
		{members, 80, NotMet},
		{level(GT, 75, Constant, Year), 75.5, Met}, // past a strict target by less than 2% of 75
		{level(GT, 75, Constant, Year), 80, Exceeded},
		{level(GT, 75, Constant, Year), 75, NearlyMet},
		{fires(), 12, Met},
		{fires(), 10, Exceeded},
	} {
		year := NewDate(2023, 1, 1)
		var f []Figure
		if !math.IsNaN(tt.v) {
			f = []Figure{{Date: year + 340, Value: tt.v}} // December's report
		}
		e, _ := Ended(tt.ind, f, NewDate(2024, 3, 1))
		if g, ok := e.Result(); !ok || g != tt.grade {
			t.Errorf("%s %v: %v (final %v), want %v", tt.ind.Code, tt.v, g, ok, tt.grade)
		}
	}
}

func TestTheTermResultOfAYearlyIndicator(t *testing.T) {
	var f []Figure
	for y, n := range map[int]float64{2021: 80, 2022: 95, 2023: 90, 2024: 100, 2025: 92} {
		f = append(f, Figure{Date: NewDate(y, 12, 20), Value: n})
	}
	r, ok := TermOf(partyMembers(), f, NewDate(2026, 2, 1))
	if !ok || r.Grade != NotMet || r.Provisional {
		t.Fatalf("%v (ok %v, provisional %v), want missed, final", r.Grade, ok, r.Provisional)
	}
	if got := r.Assessed(); !slices.Equal(got, []int{2021, 2022, 2023, 2024, 2025}) {
		t.Errorf("assessed %v", got)
	}
	if got := r.Missed(); !slices.Equal(got, []int{2021}) {
		t.Errorf("missed %v, want 2021", got)
	}
	if got := r.WithoutFigure(); !slices.Equal(got, []int{2020}) {
		t.Errorf("without a figure %v, want 2020", got)
	}
	if len(r.Held()) != 4 {
		t.Errorf("held %v, want 4 years", r.Held())
	}
	growth := level(GT, 14, End, Year)
	growth.Report = Schedule{Every: EveryQuarter, DueDay: 20}
	growth.TermRule = Mean
	g := figs(t, "2020-12-20", 7.8, "2021-12-20", 11.3, "2022-12-20", 15, "2023-12-20", 15.9, "2024-12-20", 15, "2025-12-20", 14.1)
	r, _ = TermOf(growth, g, NewDate(2026, 1, 10))
	if !near(r.Mean, (7.8+11.3+15+15.9+15+14.1)/6, 1e-9) || r.Grade == Met || r.Grade == Exceeded {
		t.Errorf("mean %v graded %v, want 13,18, not met", r.Mean, r.Grade)
	}
	growth.TermRule = EachYear
	if r, _ := TermOf(growth, g, NewDate(2026, 1, 10)); r.Grade != NotMet || !slices.Equal(r.Missed(), []int{2020, 2021}) {
		t.Errorf("each year: %v missed %v, want missed in 2020 and 2021", r.Grade, r.Missed())
	}
	growth.TermRule = MeanGrowth
	if r, _ := TermOf(growth, figs(t, "2024-12-20", 10, "2025-12-20", 21), NewDate(2026, 1, 10)); !near(r.Mean, 15.368973, 1e-5) {
		t.Errorf("compound mean of 10%% and 21%%: %v, want 15,37", r.Mean)
	}
	if r, _ := TermOf(partyMembers(), f, NewDate(2025, 6, 1)); !r.Provisional || len(r.Years) != 5 {
		t.Errorf("mid-2025: provisional %v with %d years, want provisional over 2020–2024", r.Provisional, len(r.Years))
	}
}

func TestTheOfficialRatingNamesAreTheScale(t *testing.T) {
	if i := ChoiceIndex(DefaultScale, "Hoàn thành tốt nhiệm vụ"); i != 2 {
		t.Errorf("“Hoàn thành tốt nhiệm vụ” is level %d, want 2", i)
	}
	if i := ChoiceIndex(DefaultScale, "Hoàn thành tốt hơn"); i != -1 {
		t.Errorf("a name not on the scale found at %d", i)
	}
}

func TestReportDay(t *testing.T) {
	rating := &Indicator{Code: "CT01.5", Kind: Rating, Window: Year, Scale: DefaultScale, Target: Target{Op: GE, Value: 2},
		Trajectory: Constant, Report: Schedule{Every: EveryYear, DueDay: 15, LagMonths: 3}, Term: term}
	rank := par()
	for _, tt := range []struct {
		ind     *Indicator
		figs    []Figure
		today   Date
		want    Date
		period  Period
		missing bool
	}{
		{rating, figs(t, "2022-12-31", 2), day(t, "2024-02-10"), day(t, "2023-12-31"), Period{day(t, "2023-01-01"), day(t, "2023-12-31")}, true},
		{partyMembers(), nil, day(t, "2023-06-30"), day(t, "2023-06-30"), Period{day(t, "2023-06-01"), day(t, "2023-06-30")}, true}, // June overdue since 26/6
		{partyMembers(), figs(t, "2023-06-25", 8), day(t, "2023-06-30"), day(t, "2023-06-30"), Period{day(t, "2023-06-01"), day(t, "2023-06-30")}, false},
		{rank, nil, day(t, "2021-05-03"), day(t, "2019-12-31"), Period{day(t, "2019-01-01"), day(t, "2019-12-31")}, true},
	} {
		e := Evaluate(tt.ind, tt.figs, tt.today)
		got, per, missing := e.ReportDay(tt.today)
		if got != tt.want || per != tt.period || missing != tt.missing {
			t.Errorf("%s on %v: a figure stands for %v (%v, missing %v), want %v (%v, %v)", tt.ind.Code, tt.today, got, per, missing, tt.want, tt.period, tt.missing)
		}
	}
}

func TestATermClosesAfterItsLastReportIsDue(t *testing.T) {
	p := &Plan{Term: term}
	p.Programs = []Program{{Code: "P", Indicators: []*Indicator{partyMembers(), par()}}}
	if got := p.LastDue(); got != NewDate(2026, 3, 16) { // 15/3/2026 is a Sunday
		t.Errorf("last due %v, want 16/3/2026 (the 2025 place, due the next March)", got)
	}
	if got := p.Closes(); got != NewDate(2026, 4, 15) {
		t.Errorf("closes %v, want 30 days after", got)
	}
	p.EndOn(NewDate(2025, 6, 30))
	if p.Term.To != NewDate(2025, 6, 30) || p.Programs[0].Indicators[0].Term.To != NewDate(2025, 6, 30) {
		t.Errorf("ended on %v / %v, want 30/6/2025", p.Term.To, p.Programs[0].Indicators[0].Term.To)
	}
}

// TestAYearTheTermCutsAsksItsShare: a term ended on 30/6/2025 asks of its
// last year half a year's count (90 → 45 party members) and expects it on
// a line over those days; a kept level and a rating hold as they are.
func TestAYearTheTermCutsAsksItsShare(t *testing.T) {
	members := partyMembers()
	members.Term.To = NewDate(2025, 6, 30)
	e := Evaluate(members, figs(t, "2025-03-25", 22), NewDate(2025, 3, 31))
	if e.Target != 45 || e.Window.To != NewDate(2025, 6, 30) || e.Status != OnTrack {
		t.Errorf("a half year's target %v over %v: %v, want ≥ 45 by 30/6 and 22 by March on track", e.Target, e.Window, e.Status)
	}
	kept := level(GE, 100, Constant, Year)
	kept.Term.To = NewDate(2025, 6, 30)
	if e := Evaluate(kept, figs(t, "2025-03-25", 100), NewDate(2025, 3, 31)); e.Target != 100 {
		t.Errorf("a kept 100%% is %v in a cut year, want 100", e.Target)
	}
	if p := partyMembers().Prorated(Period{NewDate(2023, 1, 1), NewDate(2023, 12, 31)}); p != 1 {
		t.Errorf("a whole year's share %v", p)
	}
}

// TestNoReportIsOwedOnceTheTermCloses: a missing report stays overdue
// until it comes or the term stops taking figures (its last report's due
// day and the plan's grace).
func TestNoReportIsOwedOnceTheTermCloses(t *testing.T) {
	p, err := Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	ind := p.Indicator("CT01.1")
	if e := Evaluate(ind, nil, p.Closes()); !e.Overdue {
		t.Errorf("on the day the term closes, December 2025's missing report is not overdue")
	}
	if e := Evaluate(ind, nil, p.Closes()+1); e.Overdue {
		t.Errorf("after the term closed, a report is still owed: %v", e.Due)
	}
}

// A window judged only on figures that stand for an earlier day than its
// end — the reports after May never came, the district having ended on
// 1/7/2025 — is not assessed once final: never missed, nor achieved, on a
// figure of May for the year. Its status is what the figures said on
// their day; the term's result names the year.
func TestAWindowWithoutItsLastReportIsNotAssessed(t *testing.T) {
	members := partyMembers()
	upToMay := figs(t, "2025-01-25", 8, "2025-02-25", 8, "2025-03-25", 8, "2025-04-25", 8, "2025-05-25", 8)
	e := Evaluate(members, upToMay, day(t, "2026-03-01"))
	if g, final := e.Result(); !final || g != NotAssessed || !e.Incomplete {
		t.Errorf("40 by May, nothing after: %v (final %v, incomplete %v), want not assessed, final, incomplete", g, final, e.Incomplete)
	}
	if e.Status == Missed || e.Status == Achieved || e.AsOf != day(t, "2025-05-25") {
		t.Errorf("status %v as of %v, want judged as of 25/05 against the trajectory", e.Status, e.AsOf)
	}
	if e.Status != OnTrack {
		t.Errorf("status %v, want on_track (40 against 35 expected on 25/05)", e.Status)
	}
	withDecember := append(slices.Clone(upToMay), figs(t, "2025-12-20", 30)...)
	if g, _ := Evaluate(members, withDecember, day(t, "2026-03-01")).Result(); g != NotMet {
		t.Errorf("70 with December's report: %v, want không đạt", g)
	}
	tr, _ := TermOf(members, upToMay, day(t, "2026-03-01"))
	if got := tr.Incomplete(); !slices.Equal(got, []int{2025}) {
		t.Errorf("the term's incomplete years: %v, want [2025]", got)
	}
	// A rate computed year to date and judged at the year's end: June's 24%
	// says nothing of December's.
	rate := &Indicator{Code: "CT05.2", Kind: Level, UnitOfMeasure: "%", Window: Year, Target: Target{Op: GE, Value: 100},
		Trajectory: End, Report: Schedule{Every: EveryQuarter, DueDay: 20}, Term: term}
	if g, final := Evaluate(rate, figs(t, "2025-06-30", 24), day(t, "2026-03-01")).Result(); !final || g != NotAssessed {
		t.Errorf("a year-to-date rate of June: %v (final %v), want not assessed", g, final)
	}
	// A floor reached, or a ceiling passed, is decided whatever comes after.
	if g, _ := Evaluate(members, figs(t, "2025-05-25", 95), day(t, "2026-03-01")).Result(); g != Exceeded {
		t.Errorf("95 by May: %v, want vượt", g)
	}
	if g, _ := Evaluate(fires(), figs(t, "2025-05-25", 18), day(t, "2026-03-01")).Result(); g != NotMet {
		t.Errorf("18 incidents by May against at most 12: %v, want không đạt", g)
	}
}

// A rank's forecast is its latest place, as a rating's is: a trend through
// two places is no estimate of the next.
func TestARankIsForecastAtItsLatestPlace(t *testing.T) {
	e := Evaluate(par(), figs(t, "2019-12-31", 14, "2021-12-31", 12, "2022-12-31", 9), day(t, "2023-06-01"))
	if e.Forecast != 9 {
		t.Errorf("forecast %v, want 9 (the latest place)", e.Forecast)
	}
}

// A strict target passed by one shown step is đạt, not vượt, however small
// the scale its first figure gives (13,9% to "trên 14%": a scale of 0,1).
func TestVuotNeedsMoreThanOneStep(t *testing.T) {
	share := level(GT, 14, Linear, Year)
	for v, want := range map[float64]Grade{14.1: Met, 15: Exceeded} {
		e, _ := Ended(share, figs(t, "2023-01-31", 13.9, "2023-12-20", v), NewDate(2024, 3, 1))
		if g, _ := e.Result(); g != want {
			t.Errorf("%v against > 14 (scale %v): %v, want %v", v, e.Scale, g, want)
		}
	}
}
