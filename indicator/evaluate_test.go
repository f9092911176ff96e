package indicator_test

import (
	"testing"

	. "chitieu/indicator"
)

// day reads a test's date or fails it.
func day(tb testing.TB, s string) Date {
	tb.Helper()
	d, err := ParseDate(s)
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

var term = Period{NewDate(2020, 1, 1), NewDate(2025, 12, 31)}

// partyMembers is DESIGN.md's worked example: CT01.1, ≥ 90 a year, linear.
func partyMembers() *Indicator {
	return &Indicator{Code: "CT01.1", Kind: Count, Window: Year, Target: Target{Op: GE, Value: 90},
		Trajectory: Linear, Report: Schedule{Every: EveryMonth, DueDay: 25}, Term: term}
}

func level(op Op, v float64, traj Trajectory, w Window) *Indicator {
	return &Indicator{Code: "L", Kind: Level, Window: w, Target: Target{Op: op, Value: v},
		Trajectory: traj, Report: Schedule{Every: EveryYear, DueDay: 31}, Term: term}
}

func figs(tb testing.TB, pairs ...any) []Figure {
	var out []Figure
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, Figure{Date: day(tb, pairs[i].(string)), Value: toFloat(pairs[i+1])})
	}
	return out
}

func toFloat(v any) float64 {
	if i, ok := v.(int); ok {
		return float64(i)
	}
	return v.(float64)
}

func TestWindowEnds(t *testing.T) {
	tests := []struct {
		name   string
		figs   []Figure
		on     string
		status Status
		window string
	}{
		{"last day of the year is not yet ended", figs(t, "2023-12-31", 85), "2023-12-31", AtRisk, "2023-01-01"},
		{"a new year starts from nothing", figs(t, "2023-12-01", 95), "2024-01-01", NoData, "2024-01-01"},
		{"term ended short", figs(t, "2025-12-20", 85), "2026-03-01", Missed, "2025-01-01"},
		{"term ended met", figs(t, "2025-11-25", 95), "2026-03-01", Achieved, "2025-01-01"}, // a floor reached holds whatever comes
		// Without December's report the year is judged as of its latest figure (85 by
		// 25/11 against 81 expected): on track then, and never missed on it.
		{"term ended without its last report", figs(t, "2025-11-25", 85), "2026-03-01", OnTrack, "2025-01-01"},
		{"term ended with nothing reported is not assessed", nil, "2026-03-01", NoData, "2025-01-01"},
		{"before the term", nil, "2019-06-01", NoData, "2020-01-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Evaluate(partyMembers(), tt.figs, day(t, tt.on))
			if e.Status != tt.status || e.Window.From != day(t, tt.window) {
				t.Errorf("status = %v window %v, want %v from %s", e.Status, e.Window, tt.status, tt.window)
			}
		})
	}
}

func TestTargetOps(t *testing.T) {
	tests := []struct {
		name   string
		ind    *Indicator
		value  float64
		status Status
	}{
		{"> on the boundary is at risk", level(GT, 75, Constant, Year), 75, AtRisk},
		{"> just above is on track", level(GT, 75, Constant, Year), 75.1, OnTrack},
		{">= on the boundary is on track", level(GE, 75, Constant, Year), 75, OnTrack},
		{">= within a kept target's 2%", level(GE, 75, Constant, Year), 74, AtRisk},
		{">= beyond a kept target's 2%", level(GE, 75, Constant, Year), 73, OffTrack},
		{"100% kept, 90,5% is off track", level(GE, 100, Constant, Year), 90.5, OffTrack},
		{"< 12,37‰ kept, 13,5‰ is off track", level(LT, 12.37, Constant, Term), 13.5, OffTrack},
		{">= beyond tolerance", level(GE, 75, Constant, Year), 67, OffTrack},
		{"< on the boundary is at risk", level(LT, 12.37, Constant, Term), 12.37, AtRisk},
		{"< below is on track", level(LT, 12.37, Constant, Term), 12, OnTrack},
		{"< above by more than 10%", level(LT, 12.37, Constant, Term), 13.8, OffTrack},
		{"<= on the boundary is on track", level(LE, 10, Constant, Year), 10, OnTrack},
		{"= met", level(EQ, 0, Constant, Year), 0, OnTrack},
		{"= missed by one on a scale of 1", level(EQ, 0, Constant, Year), 1, OffTrack},
		{"= within tolerance", level(EQ, 100, Constant, Year), 99, AtRisk},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := Evaluate(tt.ind, figs(t, "2023-03-31", tt.value), day(t, "2023-06-30"))
			if e.Status != tt.status {
				t.Errorf("status = %v, want %v (shortfall %v, scale %v)", e.Status, tt.status, e.Shortfall, e.Scale)
			}
		})
	}
}

func TestLevelsAreAchievedOnlyWhenTheWindowEnds(t *testing.T) {
	ind := level(GE, 75, Constant, Year)
	f := figs(t, "2023-03-31", 80)
	if s := Evaluate(ind, f, day(t, "2023-06-30")).Status; s != OnTrack {
		t.Errorf("mid-year status = %v, want on_track: a level can still fall", s)
	}
	ind.Window = Term
	if s := Evaluate(ind, figs(t, "2025-03-31", 80), day(t, "2026-01-01")).Status; s != Achieved {
		t.Errorf("after the term status = %v, want achieved", s)
	}
}

func TestCountBelowCeiling(t *testing.T) {
	fires := &Indicator{Kind: Count, Window: Year, Target: Target{Op: LE, Value: 0}, Trajectory: Constant,
		Report: Schedule{Every: EveryMonth, DueDay: 25}, Term: term}
	tests := []struct {
		figs   []Figure
		on     string
		status Status
	}{
		{nil, "2023-06-30", NoData},
		{figs(t, "2023-06-25", 0), "2023-06-30", OnTrack},
		{figs(t, "2023-05-25", 1), "2023-06-30", Missed}, // past its ceiling: it cannot hold again
		{figs(t, "2023-05-25", 0), "2024-01-01", NoData},
		{figs(t, "2025-12-20", 0), "2026-01-05", Achieved},
		{figs(t, "2025-05-25", 0), "2026-01-05", OnTrack}, // no report after May: the year is not decided
		{figs(t, "2025-05-25", 2), "2026-01-05", Missed},  // past its ceiling: decided whatever comes after
	}
	for _, tt := range tests {
		if e := Evaluate(fires, tt.figs, day(t, tt.on)); e.Status != tt.status {
			t.Errorf("%v on %s: status = %v, want %v", tt.figs, tt.on, e.Status, tt.status)
		}
	}
}
