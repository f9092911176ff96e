package indicator_test

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

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
	want := map[string]int{"CT01": 7, "CT02": 7, "CT03": 16, "CT04": 12, "CT05": 14, "CT06": 3}
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
	if ct024.Trajectory != Compound || ct024.Rate != 10 || ct024.Baseline == nil || !ct024.Baseline.FromFigure || ct024.Report.LagMonths != 1 {
		t.Errorf("CT02.4 = %+v, want compound at 10%% from the 2020 figure, due the next January", ct024)
	}
	if p.Indicator("CT01.4a").Target.Value != 2 {
		t.Errorf("CT01.4a target = %v, want position 2 (Hoàn thành tốt)", p.Indicator("CT01.4a").Target.Value)
	}
	if ind := p.Indicator("CT02.5"); ind.Owner != "VHTT" {
		t.Errorf("CT02.5, a culture and information centre, is owned by %s, want VHTT", ind.Owner)
	}
	examplePlanEncodings(t, p)
}

// examplePlanEncodings checks the encodings that make the example plan
// judged fairly: deadlines, lags, a baseline without its value, stairs for
// Đề án, year-to-date percentages, once-a-term exercises.
func examplePlanEncodings(t *testing.T, p *Plan) {
	t.Helper()
	for code, by := range map[string]Date{"CT03.11": NewDate(2023, 12, 31), "CT03.14": NewDate(2022, 12, 31), "CT06.2": NewDate(2024, 12, 31)} {
		if ind := p.Indicator(code); ind.By != by || ind.Window != Term {
			t.Errorf("%s: by %v window %v, want by %v in a term window", code, ind.By, ind.Window, by)
		}
	}
	for _, code := range []string{"CT01.4a", "CT01.4b", "CT01.4c", "CT01.5", "CT06.1"} {
		ind := p.Indicator(code)
		period := ind.Report.PeriodOf(NewDate(2022, 6, 1))
		if due := ind.Report.PlannedDue(period); due != NewDate(2023, 3, 15) {
			t.Errorf("%s: 2022's figure due %v, want 15/03/2023 (the city issues it the next March)", code, due)
		}
	}
	ct061 := p.Indicator("CT06.1")
	if b := ct061.Baseline; b == nil || !b.FromFigure || b.On != NewDate(2019, 12, 31) || ct061.Target.Change == nil || *ct061.Target.Change != -2 || ct061.Target.Op != LE {
		t.Errorf("CT06.1 baseline %+v target %+v, want the 2019 rank's figure and <= change -2", ct061.Baseline, ct061.Target)
	}
	for _, code := range []string{"CT03.13", "CT03.16", "CT06.2"} {
		ind := p.Indicator(code)
		if ind.Trajectory != Steps || len(ind.Steps) < 3 || len(ind.Stages) < 4 || !strings.Contains(ind.Note, "giả định") {
			t.Errorf("%s: %v with %d steps over %d stages, note %q; want stage checkpoints and a note on which dates are assumed", code, ind.Trajectory, len(ind.Steps), len(ind.Stages), ind.Note)
		}
	}
	for _, code := range []string{"CT02.5", "CT02.6", "CT02.7"} { // "xây dựng và triển khai thực hiện 03 Đề án mới", no date given
		ind := p.Indicator(code)
		if ind.Trajectory != End || ind.Label(ind.Target.Value) != "Triển khai thực hiện" || ind.Group != "CT02.5" {
			t.Errorf("%s: %v to %q in group %q, want achieved once implementation starts, judged at the term's end, one target of three", code, ind.Trajectory, ind.Label(ind.Target.Value), ind.Group)
		}
	}
	for _, code := range []string{"CT05.2", "CT05.3", "CT05.4", "CT05.8"} {
		ind := p.Indicator(code)
		if ind.Kind != Milestone || ind.Window != Year || ind.Trajectory != End || ind.Report.Every != EveryQuarter {
			t.Errorf("%s: %v %v %v every %v, want a year-to-date percent of work done in seasons, judged at the year's end, reported quarterly", code, ind.Kind, ind.Window, ind.Trajectory, ind.Report.Every)
		}
	}
	for _, code := range []string{"CT05.5", "CT05.6"} {
		if ind := p.Indicator(code); ind.Kind != Milestone || ind.Window != Term || ind.Trajectory != End {
			t.Errorf("%s: %v in a %v window (%v), want a once-a-term drill in a year not fixed, judged at the term's end", code, ind.Kind, ind.Window, ind.Trajectory)
		}
	}
	if ind := p.Indicator("CT06.1"); ind.Kind != Rank || ind.UnitOfMeasure != "" {
		t.Errorf("CT06.1: %v in %q, want a rank (written \"xếp thứ N\", never in bậc)", ind.Kind, ind.UnitOfMeasure)
	}
	if ind := p.Indicator("CT03.1"); ind.Trajectory == Constant {
		t.Error("CT03.1, a rate to reach by the end of 2025, is not a kept level")
	}
	for _, code := range []string{"CT01.2", "CT01.3"} { // ratings issued in January
		if ind := p.Indicator(code); ind.Report.LagMonths == 0 {
			t.Errorf("%s: due in its own year, want the lag the other ratings have", code)
		}
	}
	groups := map[string][]string{}
	for _, ind := range p.Indicators() {
		if ind.Window == Year && !strings.Contains(ind.Note, "giả định") && ind.TermRule != EachYear {
			t.Errorf("%s: term rule %v without the seed's words for it", ind.Code, ind.TermRule)
		}
		if ind.Group != "" {
			groups[ind.Group] = append(groups[ind.Group], ind.Code)
		}
	}
	if fmt.Sprint(groups["CT01.4"]) != "[CT01.4a CT01.4b CT01.4c]" {
		t.Errorf("CT01.4 split into %v, want CT01.4a–c", groups["CT01.4"])
	}
	if ind := p.Indicator("CT05.14"); ind.Kind != Count || ind.Target.Op != LE || ind.Target.Value != 0 {
		t.Errorf("CT05.14 = %+v, want a count <= 0", ind)
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
		{"syntax", "plan: x\ntitle: x\n  term: 3\n", ProblemSyntaxColon, 3},
		{"unclosed", "plan: x\ntitle: [x\n", ProblemSyntaxUnclosed, 1},
		{"tab", "plan: x\n\ttitle: y\n", ProblemSyntaxTab, 2},
		{"unclosed quote", "plan: x\ntitle: \"abc\nz: 1\n", ProblemSyntaxEnd, 2},
		{"indent", "plan:\n  a: 1\n b: 2\n", ProblemSyntaxIndent, 2},
		{"other syntax", "a: 1\nb: *x\n", ProblemSyntax, 1},
		{"bad escape", "plan: x\ntitle: \"a\\q\"\n", ProblemSyntaxQuote, 2},
		{"repeated key", "plan: x\ntitle: x\nplan: y\n", ProblemDuplicateKey, 3},
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
	p, err = Load(onePlan(rankFrom2019))
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
		t.Run(tt.name, func(t *testing.T) { wantProblem(t, tt.yaml, tt.id) })
	}
	if _, err := Load(onePlan(count + "        window: year\n        trajectory: compound\n        rate: 10\n        baseline: {value: 80, on: 2019-12-31}\n")); err != nil {
		t.Errorf("a yearly compound count with its baseline: %v", err)
	}
}

func TestABaselineFigureMayStandBeforeTheTerm(t *testing.T) {
	p, err := Load(onePlan(rankFrom2019))
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

func TestFindACodeAsTyped(t *testing.T) {
	p, err := Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	for _, typed := range []string{"CT01.1", "ct01.1", "CT 01.1", " Ct01.1 "} {
		if ind := p.Find(typed); ind == nil || ind.Code != "CT01.1" {
			t.Errorf("%q found %v", typed, ind)
		}
	}
	if p.Find("CT01.4A") != p.Indicator("CT01.4a") || p.Indicator("ct01.1") != nil || p.Find("CT99.9") != nil {
		t.Error("Find folds case and spaces; Indicator takes the code as it is")
	}
	data := strings.Replace(string(plans.Example), "code: CT01.2\n", "code: ct01.1\n", 1)
	if _, err := Load([]byte(data)); err == nil || !strings.Contains(err.Error(), ProblemDuplicate) {
		t.Errorf("codes differing only in case: %v", err)
	}
}

// wantProblem loads a plan of one indicator written as YAML lines and
// fails unless its problems hold one of kind id.
func wantProblem(t *testing.T, indicator, id string) {
	t.Helper()
	_, err := Load(onePlan(indicator))
	var probs Problems
	if !errors.As(err, &probs) {
		t.Fatalf("err = %v, want Problems", err)
	}
	for _, p := range probs {
		if p.ID == id {
			return
		}
	}
	t.Errorf("no %s in:\n%v", id, probs)
}

// rankFrom2019 is a rank to gain two places on 2019's, given by its day.
const rankFrom2019 = `        kind: level
        window: term
        target: {op: "<=", change: -2}
        trajectory: linear
        baseline: {on: 2019-12-31}
        report: {every: year, due_day: 15}
`

func TestRankTermResultAndGroupKeys(t *testing.T) {
	p, err := Load(onePlan(`        kind: rank
        window: term
        target: {op: "<=", change: -2}
        trajectory: linear
        baseline: {on: 2019-12-31}
        report: {every: year, due_day: 15}
        group: CCHC
`))
	if err != nil {
		t.Fatal(err)
	}
	if ind := p.Indicator("X"); ind.Kind != Rank || ind.Group != "CCHC" || !ind.Whole() {
		t.Errorf("kind %v group %q whole %v, want a rank in group CCHC, whole", ind.Kind, ind.Group, ind.Whole())
	}
	p, err = Load(onePlan(`        kind: count
        window: year
        target: {op: ">=", value: 90}
        trajectory: end
        term_result: mean
        report: {every: month, due_day: 25}
`))
	if err != nil {
		t.Fatal(err)
	}
	if ind := p.Indicator("X"); ind.TermRule != Mean || ind.Trajectory != End {
		t.Errorf("term rule %v trajectory %v, want mean and end", ind.TermRule, ind.Trajectory)
	}
	p, err = Load(onePlan(`        kind: rating
        window: year
        target: {op: ">=", value: Hoàn thành tốt nhiệm vụ}
        trajectory: constant
        report: {every: year, due_day: 15}
`))
	if err != nil {
		t.Fatalf("a rating named as the Party's rules write it: %v", err)
	}
	if v := p.Indicator("X").Target.Value; v != 2 {
		t.Errorf("“Hoàn thành tốt nhiệm vụ” is level %v, want 2", v)
	}
}

// TestRankAndTermResultProblemsHaveTheirLines: each problem names the
// line it is on (the plan's indicator starts on line 9: its kind is on line 12).
func TestRankAndTermResultProblemsHaveTheirLines(t *testing.T) {
	for _, tt := range []struct {
		name, yaml, id string
		line           int
	}{
		{"a rank to fall behind", "        kind: rank\n        window: term\n        target: {op: \">=\", value: 12}\n        trajectory: constant\n        report: {every: year, due_day: 15}\n", ProblemRankOp, 14},
		{"a rank with a fraction", "        kind: rank\n        window: term\n        target: {op: \"<=\", value: 12.5}\n        trajectory: constant\n        report: {every: year, due_day: 15}\n", ProblemRankWhole, 14},
		{"a mean of ratings", "        kind: rating\n        window: year\n        target: {op: \">=\", value: Hoàn thành}\n        trajectory: constant\n        term_result: mean\n        report: {every: year, due_day: 15}\n", ProblemTermMean, 16},
		{"a term result of a term window", "        kind: count\n        window: term\n        target: {op: \">=\", value: 3}\n        trajectory: linear\n        term_result: each_year\n        report: {every: year, due_day: 15}\n", ProblemOnlyFor, 16},
		{"an unknown term rule", "        kind: count\n        window: year\n        target: {op: \">=\", value: 3}\n        trajectory: linear\n        term_result: average\n        report: {every: year, due_day: 15}\n", ProblemEnum, 16},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(onePlan(tt.yaml))
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

// TestAUnitCodeInAnyCase: a unit's code, typed in any case (--unit btc, a
// plan's owner: btc), is the plan's unit, written as the plan writes it.
func TestAUnitCodeInAnyCase(t *testing.T) {
	p, err := Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	for _, typed := range []string{"BTC", "btc", " Btc "} {
		if u, ok := p.Unit(typed); !ok || u.Code != "BTC" {
			t.Errorf("%q found %+v, %v", typed, u, ok)
		}
	}
	if _, ok := p.Unit("XYZ"); ok {
		t.Error("XYZ found")
	}
	data := strings.Replace(string(plans.Example), "owner: BTC\n", "owner: btc\n", 1)
	q, err := Load([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if ind := q.Indicator("CT01.1"); ind.Owner != "BTC" {
		t.Errorf("owner: btc is %q, want BTC", ind.Owner)
	}
}

// TestACityCodeAnswersOneIndicator: city_code names the indicator the
// city sets for every ward; two indicators of a plan cannot answer the
// same one, and it is written as a code.
func TestACityCodeAnswersOneIndicator(t *testing.T) {
	one := strings.Replace(string(plans.Example), "      - code: CT01.1\n", "      - code: CT01.1\n        city_code: TP.DV01\n", 1)
	p, err := Load([]byte(one))
	if err != nil || p.Indicator("CT01.1").CityCode != "TP.DV01" {
		t.Fatalf("city_code: %v", err)
	}
	two := strings.Replace(one, "      - code: CT01.2\n", "      - code: CT01.2\n        city_code: tp.dv01\n", 1)
	if _, err := Load([]byte(two)); err == nil || !strings.Contains(err.Error(), ProblemDuplicate) {
		t.Errorf("two indicators answering one city code: %v", err)
	}
	bad := strings.Replace(one, "city_code: TP.DV01", "city_code: \"TP DV 01!\"", 1)
	if _, err := Load([]byte(bad)); err == nil || !strings.Contains(err.Error(), ProblemCode) {
		t.Errorf("a city code that is no code: %v", err)
	}
}

// TestAPlanInDecomposedFormReadsTheSame: a file whose marks are written
// decomposed (NFD, as some editors save) reads as the same plan.
func TestAPlanInDecomposedFormReadsTheSame(t *testing.T) {
	p, err := Load([]byte(norm.NFD.String(string(plans.Example))))
	if err != nil {
		t.Fatalf("the example plan in NFD: %v", err)
	}
	if got := p.Indicator("CT01.1").Name; got != "Kết nạp đảng viên mới" {
		t.Errorf("a name read from NFD: %q", got)
	}
}
