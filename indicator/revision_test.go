package indicator_test

import (
	"math"
	"testing"

	. "chitieu/indicator"
)

// revisedMembers is the worked example raised from 90 to 120 a year by a
// resolution in force from 1 July 2023.
func revisedMembers(t *testing.T) *Indicator {
	ind := partyMembers()
	ind.Revisions = []Revision{{From: day(t, "2023-07-01"), Target: &Target{Op: GE, Value: 120}, Note: "Nghị quyết số 15-NQ/HU"}}
	return ind
}

func TestARevisionChangesExpectedValuesFromItsDayOnly(t *testing.T) {
	first, revised := partyMembers(), revisedMembers(t)
	for d := day(t, "2023-01-01"); d <= day(t, "2023-12-31"); d++ {
		old, now := Evaluate(first, nil, d), Evaluate(revised, nil, d)
		switch {
		case d < day(t, "2023-07-01") && (old.ExpectedToday != now.ExpectedToday || old.ExpectedOn(d) != now.ExpectedOn(d)):
			t.Fatalf("%v, before the revision: expected %v, want %v as before", d, now.ExpectedToday, old.ExpectedToday)
		case d >= day(t, "2023-07-01") && now.ExpectedOn(d) <= old.ExpectedOn(d):
			t.Fatalf("%v, from the revision: expected %v, want above %v", d, now.ExpectedOn(d), old.ExpectedOn(d))
		}
	}
	if e := Evaluate(revised, nil, day(t, "2023-12-31")); e.ExpectedToday != 120 || e.Target != 120 {
		t.Errorf("31/12/2023: expected %v target %v, want 120 and 120", e.ExpectedToday, e.Target)
	}
	if e := Evaluate(revised, nil, day(t, "2024-07-01")); e.ExpectedToday != math.Floor(120*183/366.0) {
		t.Errorf("a year after: expected %v, want 120's line from 1 January", e.ExpectedToday)
	}
	if Evaluate(revised, nil, day(t, "2022-12-31")).ExpectedToday != 90 {
		t.Error("the year before the revision must expect 90")
	}
}

// TestARevisionAloneTurnsNoStatus: a figure as far behind the trajectory
// on the revision's day as on the day before keeps its status.
func TestARevisionAloneTurnsNoStatus(t *testing.T) {
	ind := revisedMembers(t)
	before, on := day(t, "2023-06-30"), day(t, "2023-07-01")
	expBefore := Evaluate(ind, figs(t, "2023-06-30", 0), before).Expected
	expOn := Evaluate(ind, figs(t, "2023-07-01", 0), on).Expected
	if expOn-expBefore > 1 {
		t.Fatalf("expected %v on the revision's day after %v the day before: a jump", expOn, expBefore)
	}
	for behind := 0.0; behind <= 30; behind++ {
		a := Evaluate(ind, figs(t, "2023-06-30", expBefore-behind), before)
		b := Evaluate(ind, figs(t, "2023-07-01", expOn-behind), on)
		if a.Status != b.Status {
			t.Errorf("%v behind: %v the day before, %v on the revision's day", behind, a.Status, b.Status)
		}
	}
}

func TestAFigureBeforeTheRevisionIsJudgedByTheOldTarget(t *testing.T) {
	ind := revisedMembers(t)
	e := Evaluate(ind, figs(t, "2023-06-30", 92), day(t, "2023-08-15"))
	if e.Status != Achieved || e.Target != 90 || e.Indicator.Revision != nil {
		t.Errorf("92 for 30/6: %v against %v (revision %v), want achieved against 90", e.Status, e.Target, e.Indicator.Revision)
	}
	e = Evaluate(ind, figs(t, "2023-06-30", 92, "2023-07-31", 0), day(t, "2023-08-15"))
	if e.Status == Achieved || e.Target != 120 || e.Indicator.Revision == nil || e.Indicator.Revision.Note != "Nghị quyết số 15-NQ/HU" {
		t.Errorf("92 for 31/7: %v against %v, want judged against 120 with the resolution", e.Status, e.Target)
	}
	if ind.Target.Value != 90 || ind.Revision != nil {
		t.Error("evaluating changed the plan's indicator")
	}
}

// TestASettledTargetRevisedIsDueAgain: a term-long floor met before a
// revision raised it stays achieved on its day, but reports are due again.
func TestASettledTargetRevisedIsDueAgain(t *testing.T) {
	ind := &Indicator{Code: "DA", Kind: Count, Window: Term, Target: Target{Op: GE, Value: 3},
		Trajectory: Linear, Report: Schedule{Every: EveryYear, DueDay: 15}, Term: term}
	done := figs(t, "2021-12-31", 3)
	if e := Evaluate(ind, done, day(t, "2023-03-01")); !e.Settled {
		t.Fatal("3 of 3 done: not settled")
	}
	ind.Revisions = []Revision{{From: day(t, "2022-06-01"), Target: &Target{Op: GE, Value: 5}, Note: "NQ"}}
	if e := Evaluate(ind, done, day(t, "2023-03-01")); e.Settled || !e.Overdue {
		t.Errorf("raised to 5 in 2022: settled %v overdue %v, want a report due", e.Settled, e.Overdue)
	}
}

func TestRevisionsOfStairsAndSteps(t *testing.T) {
	rating := &Indicator{Code: "R", Kind: Rating, Window: Term, Scale: DefaultScale, Target: Target{Op: GE, Value: 2},
		Trajectory: Linear, Report: Schedule{Every: EveryYear, DueDay: 15}, Term: term}
	rating.Revisions = []Revision{{From: day(t, "2023-01-01"), Target: &Target{Op: GE, Value: 3}, Note: "NQ"}}
	e := Evaluate(rating, nil, day(t, "2025-12-31"))
	if e.ExpectedToday != 3 || e.ExpectedOn(day(t, "2023-01-01")) != 1 {
		t.Errorf("rating: %v at the end, %v on the revision's day, want 3 and 1", e.ExpectedToday, e.ExpectedOn(day(t, "2023-01-01")))
	}
	steps := level(GE, 80, Steps, Term)
	steps.Baseline = &Baseline{Value: 50, On: day(t, "2019-12-31")}
	steps.Steps = []Step{{By: day(t, "2022-12-31"), Value: 60}, {By: day(t, "2025-12-31"), Value: 80}}
	steps.Revisions = []Revision{{From: day(t, "2023-01-01"), Steps: []Step{{By: day(t, "2024-12-31"), Value: 75}, {By: day(t, "2025-12-31"), Value: 90}},
		Target: &Target{Op: GE, Value: 90}, Note: "NQ"}}
	e = Evaluate(steps, nil, day(t, "2024-12-31"))
	if e.ExpectedToday != 75 || Evaluate(steps, nil, day(t, "2022-12-31")).ExpectedToday != 60 {
		t.Errorf("steps: %v on 31/12/2024, want 75; 60 on 31/12/2022", e.ExpectedToday)
	}
}

func TestRevisionsInThePlan(t *testing.T) {
	count := "        kind: count\n        window: year\n        trajectory: linear\n        target: {op: \">=\", value: 90}\n        report: {every: month, due_day: 25}\n"
	p, err := Load(onePlan(count + `        formerly: [CT01.0]
        revisions:
          - from: 2023-07-01
            target: {op: ">=", value: 120}
            tolerance: 0.05
            note: "Nghị quyết số 15-NQ/HU"
`))
	if err != nil {
		t.Fatal(err)
	}
	ind := p.Indicator("X")
	r := ind.Revisions[0]
	if len(ind.Revisions) != 1 || r.From != NewDate(2023, 7, 1) || r.Target.Value != 120 || r.Tolerance != 0.05 || r.Note == "" {
		t.Errorf("revisions %+v", ind.Revisions)
	}
	if len(ind.Formerly) != 1 || ind.Formerly[0] != "CT01.0" {
		t.Errorf("formerly %v", ind.Formerly)
	}
	rev := func(lines string) string { return count + "        revisions:\n" + lines }
	tests := []struct{ name, yaml, id string }{
		{"outside the term", rev("          - {from: 2026-01-01, target: {op: \">=\", value: 1}, note: N}\n"), ProblemRevisionOutside},
		{"out of order", rev("          - {from: 2023-01-01, target: {op: \">=\", value: 1}, note: N}\n          - {from: 2022-01-01, target: {op: \">=\", value: 2}, note: N}\n"), ProblemRevisionOrder},
		{"changing nothing", rev("          - {from: 2023-01-01, note: N}\n"), ProblemRevisionEmpty},
		{"the other direction", rev("          - {from: 2023-01-01, target: {op: \"<=\", value: 1}, note: N}\n"), ProblemRevisionOp},
		{"without its resolution", rev("          - {from: 2023-01-01, target: {op: \">=\", value: 1}}\n"), ProblemRequired},
		{"steps on a linear trajectory", rev("          - {from: 2023-01-01, steps: [{by: 2024-12-31, value: 5}], note: N}\n"), ProblemOnlyFor},
		{"a stage not on the list", "        kind: rating\n        window: term\n        trajectory: linear\n        target: {op: \">=\", value: Hoàn thành}\n        report: {every: year, due_day: 15}\n        revisions:\n          - {from: 2023-01-01, target: {op: \">=\", value: Giỏi}, note: N}\n", ProblemNotOnScale},
		{"a compound target", "        kind: level\n        window: term\n        trajectory: compound\n        rate: 5\n        baseline: {value: 10, on: 2019-12-31}\n        target: {op: \">=\"}\n        report: {every: year, due_day: 15}\n        revisions:\n          - {from: 2023-01-01, target: {op: \">=\", value: 20}, note: N}\n", ProblemRevisionCompound},
		{"a former code still in the plan", count + "        formerly: [U]\n", ProblemFormerlyTaken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { wantProblem(t, tt.yaml, tt.id) })
	}
}

func TestTargetOnChangesOnTheRevisionsDay(t *testing.T) {
	e := Evaluate(revisedMembers(t), figs(t, "2023-06-25", 40), day(t, "2023-08-15"))
	if got := []float64{e.TargetOn(day(t, "2023-06-30")), e.TargetOn(day(t, "2023-07-01")), e.TargetOn(day(t, "2023-12-31"))}; got[0] != 90 || got[1] != 120 || got[2] != 120 {
		t.Errorf("targets on 30/6, 1/7, 31/12: %v, want 90, 120, 120", got)
	}
	if e := Evaluate(partyMembers(), nil, day(t, "2023-08-15")); e.TargetOn(day(t, "2023-12-31")) != 90 {
		t.Errorf("without a revision: %v, want 90", e.TargetOn(day(t, "2023-12-31")))
	}
}
