package indicator_test

import (
	"fmt"
	"testing"

	. "chitieu/indicator"
)

func TestDoubts(t *testing.T) {
	members := partyMembers()
	share := level(GE, 75, Constant, Year)
	share.UnitOfMeasure = "%"
	growth := level(GT, 14, Constant, Year)
	growth.UnitOfMeasure = "%"
	rank := level(LE, 0, Linear, Term)
	rank.Target = Target{Op: LE, Change: ptr(-2)}
	ceilingShare := level(LT, 6.5, Linear, Term)
	ceilingShare.UnitOfMeasure = "%"
	wards := &Indicator{Code: "CT03.10", Kind: Count, Window: Term, Target: Target{Op: GE, Value: 3}, UnitOfMeasure: "phường",
		Trajectory: Linear, Report: Schedule{Every: EveryYear, DueDay: 20}, Term: term}
	project := &Indicator{Code: "CT03.14", Kind: Milestone, Window: Term, Target: Target{Op: GE, Value: 100},
		Trajectory: Linear, Report: Schedule{Every: EveryQuarter, DueDay: 10}, Term: term}
	eight := &Figure{Value: 8}
	tests := []struct {
		name   string
		ind    *Indicator
		v      float64
		latest *Figure
		want   Doubt
		actual float64
	}{
		{"8 members", members, 8, eight, Plausible, 0},
		{"240 million members", members, 240e6, eight, FarAboveTarget, 0},
		{"2,5 members", members, 2.5, nil, FractionOfWhole, 0},
		{"80 after 8", members, 81, eight, FarAboveLatest, 0},
		{"1.234,5%", share, 1234.5, nil, OverHundred, 0},
		{"100%", share, 100, nil, Plausible, 0},
		{"-3% of members", share, -3, nil, NegativeMeasure, 0},
		{"a growth rate below zero", growth, -2, nil, NegativeMeasure, 0},
		{"a rank of 9", rank, 9, &Figure{Value: 10}, Plausible, 0},
		{"0,8% after 78%", share, 0.8, &Figure{Value: 78}, FarBelowLatest, 0},
		{"71 members when 71 are in so far", members, 71, eight, LooksCumulative, 71},
		{"8 members when 71 are in so far", members, 8, eight, Plausible, 71},
		{"79 members when 71 are in so far", members, 79, eight, LooksCumulative, 71},
		{"0,8% with no figure before, for ≥ 75%", share, 0.8, nil, FarBelowTarget, 0},
		{"7% with no figure before, for ≥ 75%", share, 7, nil, FarBelowTarget, 0},
		{"80% with no figure before, for ≥ 75%", share, 80, nil, Plausible, 0},
		{"0,8% for below 6,5%", ceilingShare, 0.8, nil, Plausible, 0},
		{"1,2% growth for over 14%", growth, 1.2, nil, FarBelowTarget, 0},
		{"1 ward when 1 is in so far", wards, 1, &Figure{Value: 0}, Plausible, 1},
		{"2 wards when 1 is in so far", wards, 2, &Figure{Value: 0}, LooksCumulative, 1},
		{"13,3% done after 1%", project, 13.3, &Figure{Value: 1}, Plausible, 0},
		{"130% done after 1%", project, 130, &Figure{Value: 1}, OverHundred, 0},
	}
	for _, tt := range tests {
		e := Evaluation{Last: tt.latest, Actual: tt.actual, Figures: 9}
		if got := tt.ind.Doubt(tt.v, e); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	tenths := partyMembers()
	tenths.Decimals = 1
	if d := tenths.Doubt(2.5, Evaluation{}); d != Plausible {
		t.Errorf("2,5 with one decimal: %v", d)
	}
}

// TestCheckAFigureHoweverItArrives: the one set of checks a figure meets
// (typed, in a file, on the command line) names every doubt that applies:
// the value's, money converted from another magnitude, a day after
// today, a count's second figure for a day that has one.
func TestCheckAFigureHoweverItArrives(t *testing.T) {
	members := partyMembers()
	revenue := level(GE, 1000, Constant, Year)
	revenue.UnitOfMeasure = "tỷ đồng"
	today := NewDate(2023, 6, 30)
	eight := Figure{Date: today, Value: 8}
	tests := []struct {
		name string
		ind  *Indicator
		a    Arrival
		want string
	}{
		{"8 members today", members, Arrival{Figure: Figure{Date: today, Value: 8}, Today: today}, "[]"},
		{"2,5 members", members, Arrival{Figure: Figure{Date: today, Value: 2.5}, Today: today}, "[fraction]"},
		{"a second count the same day", members, Arrival{Figure: Figure{Date: today, Value: 5}, Today: today, Earlier: &eight}, "[same_day]"},
		{"the same count again the same day", members, Arrival{Figure: Figure{Date: today, Value: 8}, Today: today, Earlier: &eight}, "[same_day]"},
		{"a level again the same day", revenue, Arrival{Figure: Figure{Date: today, Value: 1200}, Today: today, Earlier: &Figure{Date: today, Value: 1100}}, "[]"},
		{"1,7 nghìn tỷ", revenue, Arrival{Figure: Figure{Date: today, Value: 1700}, Today: today, Converted: true}, "[converted]"},
		{"a day after today", members, Arrival{Figure: Figure{Date: today + 1, Value: 8}, Today: today}, "[after_today]"},
		{"everything at once", members, Arrival{Figure: Figure{Date: today + 1, Value: 2000}, Today: today, Earlier: &eight}, "[far_above_target after_today same_day]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(tt.ind.Check(tt.a, Evaluation{})); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestADoubtWeighsTheTargetOfTheWindow: a target the trajectory computes
// (a compound growth from a baseline) is the one a figure is weighed
// against, not the plan's empty value.
func TestADoubtWeighsTheTargetOfTheWindow(t *testing.T) {
	revenue := level(GE, 0, Constant, Year)
	revenue.UnitOfMeasure = "tỷ đồng"
	if d := revenue.Doubt(16200, Evaluation{Target: 1610.51}); d != FarAboveTarget {
		t.Errorf("16.200 against 1.610,51: %v", d)
	}
	if got := revenue.DoubtTarget(Evaluation{Target: 1610.51}); got != 1610.51 {
		t.Errorf("the target shown: %v", got)
	}
}
