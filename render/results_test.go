package render

import (
	"math"
	"testing"

	"chitieu/indicator"
	"chitieu/locales"
)

func TestTally(t *testing.T) {
	p := locales.MustLoad().Printer("vi")
	for _, tt := range []struct {
		t    indicator.Tally
		want string
	}{
		{indicator.Tally{Targets: 18, Held: 15, NearlyMet: 1, NotMet: 1, NotAssessed: 1},
			"đạt và vượt 15/18 chỉ tiêu; cơ bản đạt 1; không đạt 1; chưa đánh giá 1"},
		{indicator.Tally{Targets: 5, Held: 4, NotMet: 1, Estimated: 5}, "ước đạt và vượt 4/5 chỉ tiêu; không đạt 1"},
		{indicator.Tally{Targets: 5, Held: 5, Estimated: 2}, "đạt và vượt 5/5 chỉ tiêu; 2/5 chỉ tiêu là kết quả ước"},
	} {
		if got := Tally(p, tt.t); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.t, got, tt.want)
		}
	}
}

func TestStated(t *testing.T) {
	p := locales.MustLoad().Printer("vi")
	ind := func(k indicator.Kind, op indicator.Op, unit string) *indicator.Indicator {
		return &indicator.Indicator{Kind: k, UnitOfMeasure: unit, Target: indicator.Target{Op: op}, Scale: indicator.DefaultScale}
	}
	change := -2.0
	par := &indicator.Indicator{Kind: indicator.Rank, Target: indicator.Target{Op: indicator.LE, Change: &change},
		Baseline: &indicator.Baseline{On: indicator.NewDate(2019, 12, 31), FromFigure: true}}
	revenue := &indicator.Indicator{Kind: indicator.Level, UnitOfMeasure: "tỷ đồng", Trajectory: indicator.Compound, Rate: 10,
		Target: indicator.Target{Op: indicator.GE}}
	for _, tt := range []struct {
		ind    *indicator.Indicator
		target float64
		want   string
	}{
		{ind(indicator.Count, indicator.GE, "đảng viên"), 90, "≥ 90"},
		{ind(indicator.Level, indicator.GT, "%"), 75, "trên 75%"},
		{ind(indicator.Level, indicator.LT, "‰"), 12.37, "dưới 12,37‰"},
		{ind(indicator.Level, indicator.GE, "%"), 100, "100%"},
		{ind(indicator.Level, indicator.EQ, "hộ"), 0, "0"},
		{ind(indicator.Rating, indicator.GE, ""), 2, "Hoàn thành tốt nhiệm vụ trở lên"},
		{par, 12, "xếp thứ 12 trở lên (tăng ít nhất 2 bậc so với năm 2019)"},
		{par, math.NaN(), "tăng ít nhất 2 bậc so với năm 2019"},
		{revenue, math.NaN(), "tăng bình quân 10%/năm"},
		{revenue, 1234.5, "≥ 1.234,5"},
	} {
		if got := Stated(p, indicator.Evaluation{Indicator: tt.ind, Target: tt.target}); got != tt.want {
			t.Errorf("%v %v: %q, want %q", tt.ind.Kind, tt.target, got, tt.want)
		}
	}
}

// TestTermYears words DESIGN's examples.
func TestTermYears(t *testing.T) {
	p := locales.MustLoad().Printer("vi")
	ind := &indicator.Indicator{Kind: indicator.Level, UnitOfMeasure: "%", Target: indicator.Target{Op: indicator.GT, Value: 10}}
	year := func(y int, g indicator.Grade, figures int) indicator.YearResult {
		e := indicator.Evaluation{Figures: figures, Ended: true}
		return indicator.YearResult{Year: y, Eval: e, Grade: g}
	}
	each := indicator.TermResult{Rule: indicator.EachYear, Mean: math.NaN(), Years: []indicator.YearResult{
		year(2020, indicator.NotAssessed, 0), year(2021, indicator.NotMet, 1), year(2022, indicator.Met, 1),
		year(2023, indicator.NearlyMet, 1), year(2024, indicator.Exceeded, 1), year(2025, indicator.Met, 1)}}
	if got, want := TermYears(p, ind, each), "đạt 3/5 năm; 2023 cơ bản đạt; 2021 không đạt; 2020 không có số liệu"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	growth := indicator.TermResult{Rule: indicator.MeanGrowth, Mean: 10.6, Years: each.Years[1:], Estimated: []int{2025}}
	if got, want := TermYears(p, ind, growth), "tăng bình quân 10,6%/năm, mục tiêu trên 10% (năm 2025 là kết quả ước)"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
