package indicator_test

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	. "chitieu/indicator"
	"chitieu/plans"
)

func TestExamplePlan(t *testing.T) {
	p, err := Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, prog := range p.Programs {
		counts[prog.Code] = len(prog.Indicators)
	}
	want := map[string]int{"CT01": 7, "CT02": 7, "CT03": 16, "CT04": 12, "CT05": 13, "CT06": 3}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("indicators per program = %v, want %v", counts, want)
	}
	if p.Location.String() != "Asia/Ho_Chi_Minh" || p.Term.From != NewDate(2020, 1, 1) || p.Term.To != NewDate(2025, 12, 31) {
		t.Errorf("plan header: %v %v", p.Location, p.Term)
	}
	kinds := map[Kind]int{}
	for _, ind := range p.Indicators() {
		kinds[ind.Kind]++
		if ind.Term != p.Term || ind.Program == "" {
			t.Errorf("%s: term %v program %q", ind.Code, ind.Term, ind.Program)
		}
	}
	if kinds[Count] == 0 || kinds[Level] == 0 || kinds[Rating] == 0 || kinds[Milestone] < 9 {
		t.Errorf("kinds = %v, want every kind and the nine Đề án as milestones", kinds)
	}
	ct024 := p.Indicator("CT02.4")
	if ct024.Trajectory != Compound || ct024.Rate != 10 {
		t.Errorf("CT02.4 = %+v, want compound at 10%%", ct024)
	}
	if p.Indicator("CT01.4a").Target.Value != 2 {
		t.Errorf("CT01.4a target = %v, want position 2 (Hoàn thành tốt)", p.Indicator("CT01.4a").Target.Value)
	}
}

func TestBrokenPlanReportsEveryProblemWithItsLine(t *testing.T) {
	data, err := os.ReadFile("testdata/broken.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Load(data)
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("err = %v, want Problems", err)
	}
	var got []string
	for _, p := range probs {
		got = append(got, fmt.Sprintf("%d %s %s %s", p.Line, p.Where, p.Field, p.ID))
	}
	want := []string{
		"4  timezone plan.timezone",
		"19 CT01.1 code plan.duplicate",
		"21 CT01.1 owner plan.unknown_owner",
		"23 CT01.1 window plan.enum",
		"24 CT01.1 target.op plan.enum",
		"26 CT01.1 report.due_day plan.due_day",
		"27 CT01.3 rate plan.needs_rate",
		"41 CT01.4 target.value plan.not_on_scale",
		"45 CT01.4 steps.by plan.step_outside_term",
		"54 CT01.5 report.due_day plan.due_day",
		"55 CT01.5 tolerence plan.unknown_field",
		"56  code plan.required",
		"60  target.value plan.type",
	}
	for _, w := range want {
		if !slices.Contains(got, w) {
			t.Errorf("missing problem %q", w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d:\n%s", len(got), len(want), probs)
	}
}

func TestPlanProblems(t *testing.T) {
	tests := []struct {
		name, yaml, id string
		line           int
	}{
		{"syntax", "plan: x\ntitle: x\n  term: 3\n", ProblemSyntax, 3},
		{"empty", "", ProblemEmpty, 1},
		{"term backwards", "plan: x\ntitle: x\nterm: {from: 2025-01-01, to: 2020-01-01}\nunits: []\nprograms: []\n", ProblemTermOrder, 3},
		{"bad date", "plan: x\ntitle: x\nterm: {from: 2020-13-01, to: 2025-01-01}\nunits: []\nprograms: []\n", ProblemDate, 3},
		{"missing title", "plan: x\nterm: {from: 2020-01-01, to: 2025-01-01}\nunits: []\nprograms: []\n", ProblemRequired, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load([]byte(tt.yaml))
			var probs Problems
			if !errors.As(err, &probs) {
				t.Fatalf("err = %v, want Problems", err)
			}
			for _, p := range probs {
				if p.ID == tt.id && p.Line == tt.line {
					return
				}
			}
			t.Errorf("no %s on line %d in:\n%v", tt.id, tt.line, probs)
		})
	}
}

func TestCodesFitInAButton(t *testing.T) {
	long := "CT01." + strings.Repeat("9", 30)
	data := strings.Replace(string(plans.Example), "code: CT01.1\n", "code: "+long+"\n", 1)
	_, err := Load([]byte(data))
	var probs Problems
	if !errors.As(err, &probs) || probs[0].ID != ProblemCode {
		t.Errorf("a 35-character code: %v", err)
	}
}

// onePlan is a plan holding one indicator written as YAML lines.
func onePlan(indicator string) []byte {
	return []byte(`plan: t
title: t
term: {from: 2020-01-01, to: 2025-12-31}
units: [{code: U, name: U}]
programs:
  - code: P
    title: P
    indicators:
      - code: X
        name: X
        owner: U
` + indicator)
}

func TestNewPlanKeys(t *testing.T) {
	p, err := Load(onePlan(`        kind: milestone
        window: term
        stages: [Xây dựng, Triển khai, Hoàn thành]
        target: {op: ">=", value: Hoàn thành}
        trajectory: linear
        by: 2022-12-31
        report: {every: year, due_day: 15, lag_months: 3}
`))
	if err != nil {
		t.Fatal(err)
	}
	ind := p.Indicator("X")
	if ind.By != NewDate(2022, 12, 31) || ind.Report.LagMonths != 3 {
		t.Errorf("by %v lag %d, want 2022-12-31 and 3", ind.By, ind.Report.LagMonths)
	}
	p, err = Load(onePlan(`        kind: level
        window: term
        target: {op: "<=", change: -2}
        trajectory: linear
        baseline: {on: 2019-12-31}
        report: {every: year, due_day: 15}
`))
	if err != nil {
		t.Fatal(err)
	}
	if b := p.Indicator("X").Baseline; b == nil || !b.FromFigure || b.On != NewDate(2019, 12, 31) {
		t.Errorf("a baseline with only its day: %+v", b)
	}
}

func TestNewPlanProblems(t *testing.T) {
	count := "        kind: count\n        target: {op: \">=\", value: 90}\n        report: {every: month, due_day: 25}\n"
	tests := []struct {
		name, yaml, id string
	}{
		{"a baseline on a linear count", count + "        window: year\n        trajectory: linear\n        baseline: {value: 5, on: 2019-12-31}\n", ProblemCountBaseline},
		{"a baseline on a term compound count", count + "        window: term\n        trajectory: compound\n        rate: 10\n        baseline: {value: 5, on: 2019-12-31}\n", ProblemCountBaseline},
		{"a yearly compound count's baseline without value", count + "        window: year\n        trajectory: compound\n        rate: 10\n        baseline: {on: 2019-12-31}\n", ProblemCountBaseValue},
		{"by outside the term", count + "        window: term\n        trajectory: linear\n        by: 2027-01-01\n", ProblemByOutside},
		{"by in a yearly window", count + "        window: year\n        trajectory: linear\n        by: 2022-06-30\n", ProblemOnlyFor},
		{"decimals on a level", "        kind: level\n        window: year\n        trajectory: constant\n        target: {op: \">=\", value: 90}\n        report: {every: month, due_day: 25}\n        decimals: 1\n", ProblemOnlyFor},
		{"decimals not whole", count + "        window: year\n        trajectory: linear\n        decimals: 1.5\n", ProblemRange},
		{"lag of 13 months", "        kind: count\n        window: year\n        trajectory: linear\n        target: {op: \">=\", value: 90}\n        report: {every: year, due_day: 15, lag_months: 13}\n", ProblemRange},
		{"a compound rating", "        kind: rating\n        window: year\n        trajectory: compound\n        rate: 5\n        target: {op: \">=\", value: Hoàn thành}\n        report: {every: year, due_day: 15}\n", ProblemStairTrajectory},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(onePlan(tt.yaml))
			var probs Problems
			if !errors.As(err, &probs) {
				t.Fatalf("err = %v, want Problems", err)
			}
			for _, p := range probs {
				if p.ID == tt.id {
					return
				}
			}
			t.Errorf("no %s in:\n%v", tt.id, probs)
		})
	}
	if _, err := Load(onePlan(count + "        window: year\n        trajectory: compound\n        rate: 10\n        baseline: {value: 80, on: 2019-12-31}\n")); err != nil {
		t.Errorf("a yearly compound count with its baseline: %v", err)
	}
}

func TestABaselineFigureMayStandBeforeTheTerm(t *testing.T) {
	p, err := Load(onePlan(`        kind: level
        window: term
        target: {op: "<=", change: -2}
        trajectory: linear
        baseline: {on: 2019-12-31}
        report: {every: year, due_day: 15}
`))
	if err != nil {
		t.Fatal(err)
	}
	ind := p.Indicator("X")
	if !ind.Dated(NewDate(2019, 12, 31)) || !ind.Dated(NewDate(2019, 6, 30)) || ind.Dated(NewDate(2018, 12, 31)) {
		t.Error("a figure for 2019, the baseline's year, may be kept; one for 2018 not")
	}
	if s := p.Span(); s.From != NewDate(2019, 1, 1) || s.To != NewDate(2025, 12, 31) {
		t.Errorf("span %v, want 2019-01-01 to 2025-12-31", s)
	}
}
