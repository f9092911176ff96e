package indicator_test

import (
	"math"
	"testing"

	"chitieu/calendar"

	. "chitieu/indicator"
)

func TestOverdue(t *testing.T) {
	monthly := partyMembers()
	quarterly := level(GE, 95, Linear, Term)
	quarterly.Report = Schedule{Every: EveryQuarter, DueDay: 20}
	weekly := level(GE, 95, Constant, Year)
	weekly.Report = Schedule{Every: EveryWeek, DueDay: 1}
	yearly := level(GE, 100, Constant, Year)
	tet := partyMembers()
	tet.Report.DueDay = 28
	late := partyMembers()
	late.Term = Period{NewDate(2020, 3, 15), NewDate(2025, 12, 31)}
	tests := []struct {
		name    string
		ind     *Indicator
		figs    []Figure
		on      string
		overdue bool
		due     string // the overdue period's first day
	}{
		{"due day not passed yet", monthly, figs(t, "2023-06-25", 5), "2023-07-25", false, ""},
		{"day after the due day", monthly, figs(t, "2023-06-25", 5), "2023-07-26", true, "2023-07-01"},
		{"reported for the month", monthly, figs(t, "2023-07-02", 5), "2023-07-26", false, ""},
		{"a figure dated after the day does not count", monthly, figs(t, "2023-07-30", 5), "2023-07-26", true, "2023-07-01"},
		{"quarter due in its last month", quarterly, figs(t, "2023-03-20", 90), "2023-06-21", true, "2023-04-01"},
		{"quarter reported", quarterly, figs(t, "2023-05-01", 90), "2023-06-21", false, ""},
		{"week due on Monday", weekly, figs(t, "2023-06-20", 90), "2023-06-27", true, "2023-06-26"},
		{"week reported", weekly, figs(t, "2023-06-26", 90), "2023-06-27", false, ""},
		{"year due on 31 December", yearly, figs(t, "2022-12-31", 100), "2023-12-31", false, ""},
		{"a due day on Sunday 31/12 moves past New Year", yearly, figs(t, "2022-12-31", 100), "2024-01-02", false, ""},
		{"year overdue after the moved due day", yearly, figs(t, "2022-12-31", 100), "2024-01-03", true, "2023-01-01"},
		{"June 2023 is due on Monday 26 (25 is a Sunday)", monthly, figs(t, "2023-05-31", 5), "2023-06-26", false, ""},
		{"June 2023 overdue on 27", monthly, figs(t, "2023-05-31", 5), "2023-06-27", true, "2023-06-01"},
		{"January 2025 due on 28/1, in Tết, moves past it", tet, figs(t, "2024-12-31", 5), "2025-02-03", false, ""},
		{"January 2025 overdue after Tết", tet, figs(t, "2024-12-31", 5), "2025-02-04", true, "2025-01-01"},
		{"after the term: its last period", yearly, figs(t, "2024-12-31", 100), "2026-05-01", true, "2025-01-01"},
		{"first period of a term that starts mid-month", late, nil, "2020-03-26", true, "2020-03-15"},
		{"before the first due day", late, nil, "2020-03-20", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Evaluate(tt.ind, tt.figs, day(t, tt.on))
			if e.Overdue != tt.overdue {
				t.Fatalf("overdue = %v, want %v", e.Overdue, tt.overdue)
			}
			if tt.overdue && e.Due.From != day(t, tt.due) {
				t.Errorf("overdue period %v, want from %s", *e.Due, tt.due)
			}
		})
	}
}

func TestDueDaysLagAndDaysOff(t *testing.T) {
	rating := Schedule{Every: EveryYear, DueDay: 15, LagMonths: 3}
	if got := rating.DueDate(rating.PeriodOf(NewDate(2023, 6, 1))); got != NewDate(2024, 3, 15) {
		t.Errorf("2023's rating due %v, want 2024-03-15", got)
	}
	term := Period{NewDate(2020, 1, 1), NewDate(2025, 12, 31)}
	if p, ok := rating.LastDue(term, NewDate(2024, 3, 14)); !ok || p.From != NewDate(2022, 1, 1) {
		t.Errorf("on 14/3/2024 the last period due is %v (%v), want 2022", p, ok)
	}
	if p, ok := rating.LastDue(term, NewDate(2026, 3, 17)); !ok || p.From != NewDate(2025, 1, 1) {
		t.Errorf("after the term the last period due is %v (%v), want 2025", p, ok)
	}
	bridge := calendar.WorkDays{DaysOff: []Date{NewDate(2025, 9, 1)}}
	monthly := Schedule{Every: EveryMonth, DueDay: 30, Days: &bridge}
	if got := monthly.DueDate(monthly.PeriodOf(NewDate(2025, 8, 5))); got != NewDate(2025, 9, 3) {
		t.Errorf("August 2025 due %v, want 2025-09-03 (30/8 Saturday, 1/9 bridge day, 2/9 holiday)", got)
	}
}

func TestDueDateInShortMonth(t *testing.T) {
	s := Schedule{Every: EveryMonth, DueDay: 31}
	if got := s.DueDate(s.PeriodOf(NewDate(2023, 2, 10))); got != NewDate(2023, 2, 28) {
		t.Errorf("due in February = %v, want 2023-02-28", got)
	}
}

func TestForecastAndPace(t *testing.T) {
	e := Evaluate(partyMembers(), figs(t, "2023-06-25", 41), day(t, "2023-06-30"))
	// 41 members by 25 June (176 days of 365): the run-rate up to the day the
	// figure stands for, not up to today (5 days without a figure are not 5
	// days without members).
	if want := math.Round(41.0 * 365 / 176); e.Forecast != want { // whole members
		t.Errorf("count forecast = %v, want run-rate %v", e.Forecast, want)
	}
	e = Evaluate(partyMembers(), figs(t, "2023-09-25", 78), day(t, "2023-10-31"))
	if e.Pace.Gap != 12 || e.Pace.DaysLeft != 61 || !near(e.Pace.PerMonth, 6, 0.05) {
		t.Errorf("pace = %+v, want 12 in 61 days, 6 a month", e.Pace)
	}
	e = Evaluate(partyMembers(), figs(t, "2023-09-25", 95), day(t, "2023-10-31"))
	if e.Pace.Gap != 0 {
		t.Errorf("pace after the target is met = %+v, want no gap", e.Pace)
	}

	insured := level(GE, 95, Linear, Term)
	e = Evaluate(insured, figs(t, "2023-03-31", 80, "2023-06-30", 81, "2023-09-30", 82), day(t, "2023-10-01"))
	slope := 1.0 / 91.5
	if want := 82 + slope*float64(NewDate(2025, 12, 31)-NewDate(2023, 9, 30)); !near(e.Forecast, want, 0.05) {
		t.Errorf("level forecast = %v, want the trend %v", e.Forecast, want)
	}
	e = Evaluate(insured, figs(t, "2023-03-31", 80), day(t, "2023-10-01"))
	if e.Forecast != 80 {
		t.Errorf("forecast from one figure = %v, want it held flat", e.Forecast)
	}
	e = Evaluate(insured, nil, day(t, "2023-10-01"))
	if !math.IsNaN(e.Forecast) || !math.IsNaN(e.Expected) || e.Status != NoData {
		t.Errorf("with no figure: forecast %v expected %v status %v, want unknowns and no_data", e.Forecast, e.Expected, e.Status)
	}
}

func TestUnsortedFiguresAndFutureFigures(t *testing.T) {
	ind := level(GE, 75, Constant, Year)
	f := figs(t, "2023-05-31", 80, "2023-02-28", 60, "2023-08-31", 10)
	e := Evaluate(ind, f, day(t, "2023-06-30"))
	if e.Actual != 80 || e.Figures != 2 {
		t.Errorf("actual %v from %d figures, want the latest up to the day, 80 from 2", e.Actual, e.Figures)
	}
	if f[0].Value != 80 {
		t.Error("Evaluate reordered the caller's slice")
	}
}
