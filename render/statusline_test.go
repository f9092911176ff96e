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
