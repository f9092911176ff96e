package plans

import (
	"bytes"
	"math"
	"os"
	"testing"

	"chitieu/indicator"
)

// nextTerm loads the 2025–2030 example plan.
func nextTerm(t *testing.T) (*indicator.Plan, []byte) {
	t.Helper()
	src, err := os.ReadFile(NextTermName)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := indicator.Load(src)
	if err != nil {
		t.Fatalf("%s: %v", NextTermName, err)
	}
	return plan, src
}

func TestTheNextTermsPlanSaysItIsAnExample(t *testing.T) {
	plan, src := nextTerm(t)
	first, err := indicator.Load(Example)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(src, []byte("# KẾ HOẠCH MẪU")) || !bytes.Contains(src, []byte("không lấy từ nghị quyết")) {
		t.Error("the file does not open by saying its targets are examples, not a real resolution")
	}
	if plan.Term != (indicator.Period{From: indicator.NewDate(2026, 1, 1), To: indicator.NewDate(2030, 12, 31)}) {
		t.Errorf("term %v, want 2026–2030", plan.Term)
	}
	if plan.Term.From <= first.Term.To || plan.Code == first.Code {
		t.Errorf("term %v, code %s: want the term after %v, under its own code", plan.Term, plan.Code, first.Term)
	}
}

// TestTheNextTermsPlanHasEveryKind: counts, levels, ratings, milestones,
// yearly and term windows, a baseline by its day and revisions.
func TestTheNextTermsPlanHasEveryKind(t *testing.T) {
	plan, _ := nextTerm(t)
	kinds, windows := map[indicator.Kind]int{}, map[indicator.Window]int{}
	baselines, revisions := 0, 0
	for _, ind := range plan.Indicators() {
		kinds[ind.Kind]++
		windows[ind.Window]++
		if ind.Baseline != nil && ind.Baseline.FromFigure {
			baselines++
		}
		revisions += len(ind.Revisions)
	}
	if n := len(plan.Indicators()); n < 12 || len(kinds) != 4 || len(windows) != 2 || baselines == 0 || revisions == 0 {
		t.Errorf("%d indicators, kinds %v, windows %v, %d baselines by day, %d revisions", n, kinds, windows, baselines, revisions)
	}
}

func TestTheNextTermsPlanEvaluates(t *testing.T) {
	plan, _ := nextTerm(t)
	day := indicator.NewDate(2028, 10, 15)
	figs := SampleFigures(plan, day)
	seen := map[indicator.Status]int{}
	for _, ind := range plan.Indicators() {
		e := indicator.Evaluate(ind, figs[ind.Code], day)
		seen[e.Status]++
		if e.Figures > 0 && e.MissingBaseline == nil && (math.IsNaN(e.Target) || math.IsNaN(e.Expected)) {
			t.Errorf("%s: target %v, expected %v on %v figures", ind.Code, e.Target, e.Expected, e.Figures)
		}
	}
	if seen[indicator.NoData] == len(plan.Indicators()) || len(seen) < 3 {
		t.Errorf("statuses %v: want a mix", seen)
	}
}

// TestTheNextTermsRevisionJudgesFromItsDay: CT01.1 (30 new members a
// year) is raised to 40 from 1 July 2028.
func TestTheNextTermsRevisionJudgesFromItsDay(t *testing.T) {
	plan, _ := nextTerm(t)
	ind := plan.Indicator("CT01.1")
	day := indicator.NewDate(2028, 8, 15)
	before := indicator.Evaluate(ind, []indicator.Figure{{Date: indicator.NewDate(2028, 6, 25), Value: 15}}, day)
	after := indicator.Evaluate(ind, []indicator.Figure{{Date: indicator.NewDate(2028, 7, 25), Value: 15}}, day)
	if before.Target != 30 || before.Indicator.Revision != nil {
		t.Errorf("a figure for 25/06/2028: target %v, want 30 before the revision", before.Target)
	}
	if after.Target != 40 || after.Indicator.Revision == nil || after.Indicator.Revision.Note == "" {
		t.Errorf("a figure for 25/07/2028: target %v, want 40 with its resolution", after.Target)
	}
	if e := indicator.Evaluate(ind, nil, indicator.NewDate(2029, 12, 31)); e.ExpectedToday != 40 {
		t.Errorf("31/12/2029: expected %v, want 40 in the years after", e.ExpectedToday)
	}
}
