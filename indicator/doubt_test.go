package indicator_test

import (
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
