package render_test

import (
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/render"
)

// TestNoReportIsNotZero: a count with no figure in its window shows "—",
// not 0, which would read as none done; one with figures shows their sum.
func TestNoReportIsNotZero(t *testing.T) {
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	p := locales.MustLoad().Printer("vi")
	ind, day := plan.Indicator("CT01.1"), indicator.NewDate(2023, 6, 30)
	none := render.StatusLine(p, indicator.Evaluate(ind, nil, day))
	if !strings.Contains(none, ": — / ") {
		t.Errorf("no figure: %q", none)
	}
	some := render.StatusLine(p, indicator.Evaluate(ind, []indicator.Figure{{Date: indicator.NewDate(2023, 2, 25), Value: 0}}, day))
	if !strings.Contains(some, ": 0 đảng viên / ") {
		t.Errorf("a figure of 0: %q", some)
	}
}

// TestPaceReadsAsOneSentence: the days left of a target judged at its end
// sit inside the sentence ("… đến ngày 31/12/2023 (còn 77 ngày)."), and a
// ceiling of none says what happened against it, not "mức tối đa 0 vụ".
func TestPaceReadsAsOneSentence(t *testing.T) {
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	p := locales.MustLoad().Printer("vi")
	day := indicator.NewDate(2023, 10, 15)
	drill := render.Pace(p, indicator.Evaluate(plan.Indicator("CT05.4"), []indicator.Figure{{Date: indicator.NewDate(2023, 9, 25), Value: 49}}, day))
	if drill != "Cần đạt từ 100% trở lên đến ngày 31/12/2023 (còn 77 ngày)." {
		t.Errorf("a target judged at its end: %q", drill)
	}
	riots := plan.Indicator("CT05.14")
	two := []indicator.Figure{{Date: indicator.NewDate(2023, 3, 25), Value: 1}, {Date: indicator.NewDate(2023, 8, 25), Value: 1}}
	if got := render.Pace(p, indicator.Evaluate(riots, two, day)); got != "Đã xảy ra 2 vụ trong năm 2023 (chỉ tiêu: không để xảy ra vụ nào)." {
		t.Errorf("a ceiling of none, passed: %q", got)
	}
	none := []indicator.Figure{{Date: indicator.NewDate(2023, 9, 25), Value: 0}}
	if got := render.Pace(p, indicator.Evaluate(riots, none, day)); got != "Tiếp tục không để xảy ra vụ nào trong 3 tháng còn lại." {
		t.Errorf("a ceiling of none, held: %q", got)
	}
}

// TestADerivedMoneyTargetShowsNoFalsePrecision: CT02.4's target, grown
// 10% a year from its 2020 figure, is 1.610,51 tỷ đồng; the chat and the
// status table show it to a tenth of a tỷ, rounded so that a figure that
// meets the target shown meets the real one.
func TestADerivedMoneyTargetShowsNoFalsePrecision(t *testing.T) {
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	p := locales.MustLoad().Printer("vi")
	revenue := plan.Indicator("CT02.4")
	e := indicator.Evaluate(revenue, []indicator.Figure{{Date: indicator.NewDate(2020, 12, 31), Value: 1000},
		{Date: indicator.NewDate(2022, 12, 31), Value: 1300}}, indicator.NewDate(2023, 6, 30))
	if got := render.Target(p, e); got != "≥ 1.610,6 tỷ đồng" {
		t.Errorf("target %q", got)
	}
	if line := render.StatusLine(p, e); !strings.Contains(line, "/ ≥ 1.610,6 tỷ đồng —") {
		t.Errorf("status line %q", line)
	}
	if got := render.Aim(p, revenue, e.Target); got != "từ 1.610,6 tỷ đồng trở lên" {
		t.Errorf("aim %q", got)
	}
	if got := render.Value(revenue, 1610.51); got != "1.610,51 tỷ đồng" {
		t.Errorf("a figure keeps its digits: %q", got)
	}
}
