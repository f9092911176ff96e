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
