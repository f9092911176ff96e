package plans

import (
	"testing"

	"chitieu/indicator"
)

func TestSampleFiguresShowEveryStanding(t *testing.T) {
	plan, err := indicator.Load(Example)
	if err != nil {
		t.Fatal(err)
	}
	day := TryDay(plan, indicator.NewDate(2026, 11, 26))
	if !plan.Term.Contains(day) {
		t.Fatalf("try day %v is outside the term %v", day, plan.Term)
	}
	if TryDay(plan, indicator.NewDate(2023, 6, 30)) != indicator.NewDate(2023, 6, 30) {
		t.Error("a day inside the term should be kept")
	}
	figs := SampleFigures(plan, day)
	seen := map[indicator.Status]int{}
	overdue := 0
	for _, ind := range plan.Indicators() {
		for _, f := range figs[ind.Code] {
			baseline := ind.Baseline != nil && f.Date == ind.Baseline.On
			if f.Date >= day || !plan.Term.Contains(f.Date) && !baseline {
				t.Errorf("%s: figure dated %v, outside the term or not before %v", ind.Code, f.Date, day)
			}
		}
		e := indicator.Evaluate(ind, figs[ind.Code], day)
		seen[e.Status]++
		if ind.Choices() != nil && e.Status == indicator.AtRisk && ind.Trajectory != indicator.End {
			t.Errorf("%s: a rating or a stage a little behind (%v against %v)", ind.Code, e.Actual, e.Expected)
		}
		if e.Overdue {
			overdue++
		}
	}
	for _, s := range []indicator.Status{indicator.OnTrack, indicator.AtRisk, indicator.OffTrack, indicator.Achieved} {
		if seen[s] < 2 {
			t.Errorf("only %d indicators %v in the sample; want a realistic mix: %v", seen[s], s, seen)
		}
	}
	if overdue < 3 {
		t.Errorf("%d overdue reports, want some", overdue)
	}
}
