package sheets

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"chitieu/indicator"
	"chitieu/locales"
)

// revisedPlan is the example plan with CT01.1 raised to 120 from 1 July
// 2025 (and to 130 from 1 December, not yet in force on 15 October), and
// CT06.1 asked to climb 3 places instead of 2 from 2024.
func revisedPlan(t *testing.T) *indicator.Plan {
	plan := examplePlan(t)
	change := -3.0
	plan.Indicator("CT01.1").Revisions = []indicator.Revision{
		{From: indicator.NewDate(2025, 7, 1), Target: &indicator.Target{Op: indicator.GE, Value: 120}, Tolerance: 0.05, Note: "Nghị quyết số 15-NQ/HU"},
		{From: indicator.NewDate(2025, 12, 1), Target: &indicator.Target{Op: indicator.GE, Value: 130}, Note: "Nghị quyết số 20-NQ/HU"},
	}
	plan.Indicator("CT06.1").Revisions = []indicator.Revision{
		{From: indicator.NewDate(2024, 1, 1), Target: &indicator.Target{Op: indicator.LE, Change: &change}, Note: "Nghị quyết số 12-NQ/HU"},
	}
	return plan
}

// revisionFigures are a few figures of the revised indicators.
func revisionFigures() map[string][]indicator.Record {
	return map[string][]indicator.Record{
		"CT01.1": {{Indicator: "CT01.1", Date: indicator.NewDate(2025, 9, 25), Value: 70, By: 7, Source: "chat", Version: 1}},
		"CT06.1": {{Indicator: "CT06.1", Date: indicator.NewDate(2019, 12, 31), Value: 13, Source: "import", Version: 1},
			{Indicator: "CT06.1", Date: indicator.NewDate(2024, 12, 31), Value: 11, Source: "import", Version: 1}},
	}
}

// exportOf is the export of a plan's figures on 15/10/2025.
func exportOf(plan *indicator.Plan, figs map[string][]indicator.Record) Export {
	day := indicator.NewDate(2025, 10, 15)
	x := Export{Plan: plan, Day: day, Figures: figs, Names: map[int64]string{7: "Lan"}, P: locales.MustLoad().Printer("vi")}
	for _, ind := range plan.Indicators() {
		x.Evals = append(x.Evals, indicator.Evaluate(ind, indicator.FiguresOf(figs[ind.Code]), day))
	}
	return x
}

func TestWorkbookSaysEachRevisionInForce(t *testing.T) {
	var buf bytes.Buffer
	if err := exportOf(revisedPlan(t), revisionFigures()).WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for code, want := range map[string]string{
		"CT01.1": "Từ ngày 01/07/2025: mục tiêu ≥ 120; mức chênh lệch cho phép 5% — Nghị quyết số 15-NQ/HU",
		"CT06.1": "Từ ngày 01/01/2024: mục tiêu ≤ 10 — Nghị quyết số 12-NQ/HU",
		"CT01.2": "",
	} {
		r := row(t, f, summarySheet, 1, code)
		got := ""
		if len(r) > 14 {
			got = r[14]
		}
		if got != want {
			t.Errorf("%s's revisions: %q, want %q", code, got, want)
		}
	}
	if r := row(t, f, summarySheet, 1, "CT01.1"); r[5] != "≥ 120" {
		t.Errorf("CT01.1's target %q, want the revised ≥ 120", r[5])
	}
}

func TestRevisionsLeaveTheCSVAsItWas(t *testing.T) {
	var plain, revised bytes.Buffer
	if err := exportOf(examplePlan(t), revisionFigures()).WriteCSV(&plain); err != nil {
		t.Fatal(err)
	}
	if err := exportOf(revisedPlan(t), revisionFigures()).WriteCSV(&revised); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(plain.Bytes(), []byte("indicator,date,value,note\n")) || !bytes.Equal(plain.Bytes(), revised.Bytes()) {
		t.Errorf("the CSV changed with the revisions:\n%s\nwant\n%s", revised.String(), plain.String())
	}
}
