package indicator_test

import (
	"slices"
	"testing"

	. "chitieu/indicator"
)

// TestATermReportDraftedBeforeTheEndEstimatesTheLastYear: in October 2025
// the years 2020–2024 are final and 2025 is graded by its forecast, as
// the chat grades it; the term's grade takes it in.
func TestATermReportDraftedBeforeTheEndEstimatesTheLastYear(t *testing.T) {
	var f []Figure
	for y, n := range map[int]float64{2020: 95, 2021: 92, 2022: 95, 2023: 90, 2024: 100} {
		f = append(f, Figure{Date: NewDate(y, 12, 20), Value: n})
	}
	f = append(f, figs(t, "2025-03-25", 15, "2025-06-25", 20, "2025-09-25", 15)...) // 50 by September: heading for 66
	d := NewDate(2025, 10, 15)
	r, ok := TermEstimate(partyMembers(), f, d)
	if !ok || len(r.Years) != 6 || !slices.Equal(r.Estimated, []int{2025}) {
		t.Fatalf("ok %v, %d years, estimated %v; want 2020–2025 with 2025 estimated", ok, len(r.Years), r.Estimated)
	}
	chat := Evaluate(partyMembers(), f, d)
	if last := r.Years[5]; last.Grade != chat.Estimate() || last.Grade != NotMet {
		t.Errorf("2025 graded %v, the chat's estimate %v; want not met", last.Grade, chat.Estimate())
	}
	if r.Grade != NotMet || !r.Provisional {
		t.Errorf("the term heading for %v (provisional %v), want not met, provisional", r.Grade, r.Provisional)
	}
	final, _ := TermOf(partyMembers(), f, d)
	if final.Grade != Met || len(final.Years) != 5 {
		t.Errorf("TermOf: %v over %d years, want met over the 5 ended", final.Grade, len(final.Years))
	}
}

// TestAMeanTakesTheEstimatedYearsForecast: the mean of growth rates over
// a term drafted in its last year counts the running year at its forecast.
func TestAMeanTakesTheEstimatedYearsForecast(t *testing.T) {
	growth := level(GT, 10, End, Year)
	growth.Report = Schedule{Every: EveryQuarter, DueDay: 20}
	growth.TermRule = Mean
	f := figs(t, "2021-12-20", 11.0, "2022-12-20", 12.0, "2023-12-20", 9.0, "2024-12-20", 10.0, "2025-06-20", 12.0)
	d := NewDate(2025, 7, 1)
	r, _ := TermEstimate(growth, f, d)
	chat := Evaluate(growth, f, d)
	want := (11.0 + 12 + 9 + 10 + chat.EstimateValue()) / 5
	if !near(r.Mean, want, 1e-9) || !slices.Equal(r.Estimated, []int{2025}) {
		t.Errorf("mean %v estimated %v, want %v with 2025 estimated", r.Mean, r.Estimated, want)
	}
}

// TestEvaluateInJudgesTheWindowOfTheDay: on 10 January the chat still
// judges last year's rate (its report is due on 15 March); a report on a
// period ending that day speaks of the new year.
func TestEvaluateInJudgesTheWindowOfTheDay(t *testing.T) {
	rate := level(GT, 75, Constant, Year)
	rate.Report = Schedule{Every: EveryYear, DueDay: 15, LagMonths: 3}
	f := figs(t, "2023-12-31", 80.0, "2024-01-08", 70.0)
	d := NewDate(2024, 1, 10)
	if e := Evaluate(rate, f, d); e.Window.From != NewDate(2023, 1, 1) {
		t.Fatalf("Evaluate judges %v", e.Window)
	}
	e := EvaluateIn(rate, f, d)
	if e.Window.From != NewDate(2024, 1, 1) || e.Actual != 70 {
		t.Errorf("EvaluateIn judges %v with %v, want 2024 with 70", e.Window, e.Actual)
	}
	deadline := level(GE, 100, Linear, Term)
	deadline.Kind, deadline.By = Milestone, NewDate(2022, 12, 31)
	g := figs(t, "2022-12-31", 80)
	if e := EvaluateIn(deadline, g, NewDate(2023, 3, 1)); !e.Final() || e.Status != Missed {
		t.Errorf("past its deadline: %v final %v, want missed, final", e.Status, e.Final())
	}
	if end := deadline.EndOf(NewDate(2021, 5, 1)); end != deadline.By {
		t.Errorf("EndOf %v, want the deadline", end)
	}
}

func TestGroupGrade(t *testing.T) {
	for _, tt := range []struct {
		parts []Grade
		want  Grade
	}{
		{[]Grade{Exceeded, Exceeded}, Exceeded},
		{[]Grade{Exceeded, Met}, Met},
		{[]Grade{Met, NotMet, NearlyMet}, NotMet},
		{[]Grade{Met, NearlyMet}, NearlyMet},
		{[]Grade{NearlyMet, NotAssessed}, NearlyMet},
		{[]Grade{Met, NotAssessed}, NotAssessed}, // held only when every part is known to hold
		{[]Grade{NotAssessed, NotAssessed}, NotAssessed},
		{nil, NotAssessed},
	} {
		if got := GroupGrade(tt.parts); got != tt.want {
			t.Errorf("%v: %v, want %v", tt.parts, got, tt.want)
		}
	}
}

// TestATallyCountsAGroupOnce: CT01.4 split in three counts once, in its
// first part's program.
func TestATallyCountsAGroupOnce(t *testing.T) {
	ind := func(code, prog, group string) *Indicator { return &Indicator{Code: code, Program: prog, Group: group} }
	rs := []Graded{
		{ind("CT01.1", "CT01", ""), Exceeded, false},
		{ind("CT01.4a", "CT01", "CT01.4"), Met, false},
		{ind("CT01.4b", "CT01", "CT01.4"), NotMet, true},
		{ind("CT01.4c", "CT01", "CT01.4"), Met, false},
		{ind("CT02.1", "CT02", ""), NearlyMet, false},
		{ind("CT02.2", "CT02", ""), NotAssessed, true},
	}
	all, by := TallyOf(rs)
	want := Tally{Targets: 4, Held: 1, NearlyMet: 1, NotMet: 1, NotAssessed: 1, Estimated: 1} // not assessed is no estimate
	if all != want {
		t.Errorf("all %+v, want %+v", all, want)
	}
	if got := by["CT01"]; got != (Tally{Targets: 2, Held: 1, NotMet: 1, Estimated: 1}) {
		t.Errorf("CT01 %+v", got)
	}
	if targets := Targets(rs); len(targets) != 4 || targets[1].Indicator.Code != "CT01.4a" || targets[1].Grade != NotMet {
		t.Errorf("targets %v", targets)
	}
}
