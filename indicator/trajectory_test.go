package indicator_test

import (
	"math"
	"testing"

	. "chitieu/indicator"
)

func near(a, b, eps float64) bool { return math.Abs(a-b) <= eps }

func TestTrajectories(t *testing.T) {
	malnutrition := level(LT, 6.5, Linear, Term)
	malnutrition.Baseline = &Baseline{Value: 7.5, On: NewDate(2020, 1, 1)}
	revenue := level(GE, 0, Compound, Term)
	revenue.Rate = 10
	revenue.Baseline = &Baseline{Value: 1000, On: NewDate(2020, 12, 31)}
	egov := &Indicator{Kind: Milestone, Window: Term, Stages: []string{"A", "B", "C", "D"},
		Target: Target{Op: GE, Value: 3}, Trajectory: Steps, Term: term,
		Steps:  []Step{{By: NewDate(2021, 12, 31), Value: 1}, {By: NewDate(2023, 12, 31), Value: 3}},
		Report: Schedule{Every: EveryQuarter, DueDay: 20}}
	egov.Baseline = &Baseline{Value: 0, On: NewDate(2020, 12, 31)}
	firstFigure := level(GE, 80, Linear, Term)
	rank := level(LE, 0, Linear, Term)
	change := -2.0
	rank.Target = Target{Op: LE, Change: &change}
	rank.Baseline = &Baseline{Value: 15, On: NewDate(2019, 12, 31)}

	tests := []struct {
		name     string
		ind      *Indicator
		figs     []Figure
		on       string
		expected float64
		target   float64
	}{
		{"linear from a baseline, half way", malnutrition, figs(t, "2022-12-31", 7.0), "2022-12-31",
			7.5 - 1.0*float64(NewDate(2022, 12, 31)-NewDate(2020, 1, 1))/float64(NewDate(2025, 12, 31)-NewDate(2020, 1, 1)), 6.5},
		{"linear from the first figure", firstFigure, figs(t, "2021-12-31", 60, "2023-12-31", 70), "2023-12-31",
			60 + 20*float64(NewDate(2023, 12, 31)-NewDate(2021, 12, 31))/float64(NewDate(2025, 12, 31)-NewDate(2021, 12, 31)), 80},
		{"compound after two years", revenue, figs(t, "2022-12-31", 1200), "2022-12-31", 1210, 1000 * math.Pow(1.1, 5)},
		{"compound on its baseline's day", revenue, figs(t, "2020-12-31", 1000), "2020-12-31", 1000, 1000 * math.Pow(1.1, 5)},
		{"steps at a checkpoint", egov, figs(t, "2021-12-31", 1), "2021-12-31", 1, 3},
		{"a stage between checkpoints is the last one passed", egov, figs(t, "2022-12-31", 1), "2022-12-31", 1, 3},
		{"steps after the last checkpoint hold", egov, figs(t, "2024-06-30", 3), "2024-06-30", 3, 3},
		{"constant", level(GT, 75, Constant, Year), figs(t, "2023-02-01", 70), "2023-06-30", 75, 75},
		{"target relative to the baseline, judged on the figure's day", rank, figs(t, "2022-12-31", 14), "2025-12-31",
			15 - 2*float64(NewDate(2022, 12, 31)-NewDate(2019, 12, 31))/float64(NewDate(2025, 12, 31)-NewDate(2019, 12, 31)), 13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Evaluate(tt.ind, tt.figs, day(t, tt.on))
			if !near(e.Expected, tt.expected, 1e-9) || !near(e.Target, tt.target, 1e-9) {
				t.Errorf("expected %v target %v, want %v and %v", e.Expected, e.Target, tt.expected, tt.target)
			}
		})
	}
}

func TestCompoundStatus(t *testing.T) {
	revenue := level(GE, 0, Compound, Term)
	revenue.Rate = 10
	revenue.Baseline = &Baseline{Value: 1000, On: NewDate(2020, 12, 31)}
	for v, want := range map[float64]Status{1250: OnTrack, 1200: AtRisk, 1100: OffTrack} {
		if s := Evaluate(revenue, figs(t, "2022-12-31", v), day(t, "2022-12-31")).Status; s != want {
			t.Errorf("revenue %v: status %v, want %v", v, s, want)
		}
	}
}

func TestRatings(t *testing.T) {
	party := &Indicator{Kind: Rating, Window: Year, Scale: DefaultScale, Target: Target{Op: GE, Value: 2},
		Trajectory: Constant, Report: Schedule{Every: EveryYear, DueDay: 31}, Term: term}
	tests := []struct {
		rating float64
		on     string
		status Status
	}{
		{3, "2023-12-31", OnTrack},
		{2, "2023-12-31", OnTrack},
		{1, "2023-12-31", OffTrack},
		{2, "2026-01-10", Achieved},
		{1, "2026-01-10", Missed},
	}
	for _, tt := range tests {
		date := "2023-12-31"
		if tt.on > "2025" {
			date = "2025-12-31"
		}
		e := Evaluate(party, figs(t, date, tt.rating), day(t, tt.on))
		if e.Status != tt.status {
			t.Errorf("%s on %s: status %v, want %v", party.Label(tt.rating), tt.on, e.Status, tt.status)
		}
	}
	if party.Label(2) != "Hoàn thành tốt" {
		t.Errorf("label of 2 = %q", party.Label(2))
	}
}

func TestMilestones(t *testing.T) {
	scheme := &Indicator{Kind: Milestone, Window: Term, Target: Target{Op: GE, Value: 100},
		Trajectory: Steps, Steps: []Step{{By: NewDate(2023, 12, 31), Value: 100}},
		Baseline: &Baseline{Value: 0, On: NewDate(2020, 1, 1)},
		Report:   Schedule{Every: EveryQuarter, DueDay: 20}, Term: term}
	tests := []struct {
		name   string
		figs   []Figure
		on     string
		status Status
	}{
		{"done early is achieved at once", figs(t, "2022-06-20", 100), "2022-06-30", Achieved},
		{"half way on time", figs(t, "2021-12-20", 51), "2021-12-31", OnTrack},
		{"late after the deadline", figs(t, "2024-03-20", 80), "2024-03-31", OffTrack},
		{"deadline passed close", figs(t, "2024-03-20", 95), "2024-03-31", AtRisk},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if s := Evaluate(scheme, tt.figs, day(t, tt.on)).Status; s != tt.status {
				t.Errorf("status %v, want %v", s, tt.status)
			}
		})
	}
}

func TestToleranceOverride(t *testing.T) {
	ind := level(GE, 100, Constant, Year)
	f := figs(t, "2023-03-31", 96)
	if s := Evaluate(ind, f, day(t, "2023-06-30")).Status; s != OffTrack {
		t.Errorf("a kept target's default tolerance (2%%): %v, want off_track", s)
	}
	ind.Tolerance = 0.1
	if s := Evaluate(ind, f, day(t, "2023-06-30")).Status; s != AtRisk {
		t.Errorf("10%% tolerance: %v, want at_risk", s)
	}
	ind.Trajectory, ind.Tolerance = Linear, 0
	if got := ind.Tol(); got != DefaultTolerance {
		t.Errorf("a moving trajectory's default tolerance %v, want %v", got, DefaultTolerance)
	}
}
