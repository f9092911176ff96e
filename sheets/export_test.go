package sheets

import (
	"bytes"
	"context"
	"math"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/store"
	"chitieu/store/storetest"
)

var ctx = context.Background()

// sampled is a store holding the example plan's sample figures and one
// correction.
func sampled(t *testing.T, plan *indicator.Plan, day indicator.Date) *store.Store {
	s := storetest.New(t, nil)
	var figs []store.NewFigure
	for code, list := range plans.SampleFigures(plan, day) {
		for i, f := range list {
			figs = append(figs, store.NewFigure{Indicator: code, Date: f.Date, Value: f.Value, Key: code + time.Duration(i).String()})
		}
	}
	if _, err := s.Figures.Import(ctx, 0, figs); err != nil {
		t.Fatal(err)
	}
	return s
}

func export(t *testing.T, s *store.Store, plan *indicator.Plan, day indicator.Date) Export {
	all, err := s.Figures.All(ctx, codesOf(plan), plan.Term)
	if err != nil {
		t.Fatal(err)
	}
	x := Export{Plan: plan, Day: day, Figures: all, Names: map[int64]string{7: "Lan"}, P: locales.MustLoad().Printer("vi")}
	for _, ind := range plan.Indicators() {
		x.Evals = append(x.Evals, indicator.Evaluate(ind, indicator.FiguresOf(all[ind.Code]), day))
	}
	return x
}

func codesOf(plan *indicator.Plan) []string {
	var out []string
	for _, ind := range plan.Indicators() {
		out = append(out, ind.Code)
	}
	return out
}

func TestExportThenImportGivesTheSameStatuses(t *testing.T) {
	plan := examplePlan(t)
	day := indicator.NewDate(2025, 10, 15)
	s := sampled(t, plan, day)
	f, _, _ := s.Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: day - 2, Value: 50, By: 7, Key: "x"})
	s.Figures.Correct(ctx, indicator.Correction{ID: f.ID, Version: 1, Value: 5, By: 7, Reason: "gõ thừa số 0"})
	x := export(t, s, plan, day)
	var buf bytes.Buffer
	if err := x.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	checkWorkbook(t, buf.Bytes())
	rows, err := ReadXLSX(bytes.NewReader(buf.Bytes()), plan)
	if err != nil {
		t.Fatal(err)
	}
	fresh := storetest.New(t, nil)
	var figs []store.NewFigure
	for _, r := range rows {
		figs = append(figs, store.NewFigure{Indicator: r.Indicator.Code, Date: r.Figure.Date, Value: r.Figure.Value, Note: r.Figure.Note, Key: r.Key})
	}
	if _, err := fresh.Figures.Import(ctx, 0, figs); err != nil {
		t.Fatal(err)
	}
	again := export(t, fresh, plan, day)
	for i := range x.Evals {
		a, b := x.Evals[i], again.Evals[i]
		if a.Status != b.Status || a.Overdue != b.Overdue || a.Figures != b.Figures {
			t.Errorf("%s: %v %v %d, after the round trip %v %v %d", a.Indicator.Code, a.Status, a.Overdue, a.Figures, b.Status, b.Overdue, b.Figures)
		}
	}
}

func checkWorkbook(t *testing.T, data []byte) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"Tổng hợp", FiguresSheet, "CT01", "CT02", "CT03", "CT04", "CT05", "CT06"}
	if got := f.GetSheetList(); len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[7] != want[7] {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	rows, _ := f.GetRows("Tổng hợp")
	if len(rows) != 60 || rows[0][1] != "Mã" || rows[1][1] != "CT01.1" || rows[1][7] == "" {
		t.Errorf("summary: %d rows, first %v", len(rows), rows[:2])
	}
	if typ, _ := f.GetCellType("Tổng hợp", "G2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Error("an actual value is written as text, not a number")
	}
	if fill := fillOf(t, f, "Tổng hợp", "J2"); fill == "" {
		t.Error("the status cell has no colour")
	}
	if panes, _ := f.GetPanes("Tổng hợp"); !panes.Freeze {
		t.Error("the header row is not frozen")
	}
	ct01, _ := f.GetRows("CT01")
	found := false
	for _, r := range ct01 {
		found = found || len(r) > 9 && r[9] == "đã được Lan sửa: gõ thừa số 0"
	}
	if !found {
		t.Error("the correction is not in the program's sheet")
	}
}

func fillOf(t *testing.T, f *excelize.File, sheet, cell string) string {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil || len(st.Fill.Color) == 0 {
		return ""
	}
	return st.Fill.Color[0]
}

func TestCSVExportReadsBack(t *testing.T) {
	plan := examplePlan(t)
	day := indicator.NewDate(2025, 10, 15)
	s := sampled(t, plan, day)
	var buf bytes.Buffer
	if err := export(t, s, plan, day).WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	rows, err := ReadCSV(&buf, plan)
	all, _ := s.Figures.All(ctx, codesOf(plan), plan.Term)
	n := 0
	for _, f := range all {
		n += len(f)
	}
	if err != nil || len(rows) != n {
		t.Errorf("%d rows read back of %d, %v", len(rows), n, err)
	}
}

func BenchmarkExportFiveYears(b *testing.B) {
	plan, _ := indicator.Load(plans.Example)
	s := storetest.New(b, nil)
	var figs []store.NewFigure
	for _, ind := range plan.Indicators() {
		for m := range 60 {
			figs = append(figs, store.NewFigure{Indicator: ind.Code, Date: indicator.NewDate(2021, time.Month(1+m), 25), Value: float64(m % 4), Key: ind.Code + time.Duration(m).String()})
		}
	}
	s.Figures.Import(ctx, 0, figs)
	all, _ := s.Figures.All(ctx, codesOf(plan), plan.Term)
	x := Export{Plan: plan, Day: indicator.NewDate(2025, 12, 1), Figures: all, P: locales.MustLoad().Printer("vi")}
	for _, ind := range plan.Indicators() {
		x.Evals = append(x.Evals, indicator.Evaluate(ind, indicator.FiguresOf(all[ind.Code]), x.Day))
	}
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := x.WriteXLSX(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

func TestExportNeutralisesFormulas(t *testing.T) {
	plan := examplePlan(t)
	day := indicator.NewDate(2025, 10, 15)
	s := storetest.New(t, nil)
	notes := []string{"=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "bình thường"}
	var figs []store.NewFigure
	for i, n := range notes {
		figs = append(figs, store.NewFigure{Indicator: "CT01.1", Date: indicator.NewDate(2025, time.Month(1+i), 25), Value: 1, Note: n, Key: n})
	}
	if _, err := s.Figures.Import(ctx, 7, figs); err != nil {
		t.Fatal(err)
	}
	x := export(t, s, plan, day)
	x.Names[7] = "=cmd|' /C calc'!A0"
	var csvBuf, xlsxBuf bytes.Buffer
	if err := x.WriteCSV(&csvBuf); err != nil {
		t.Fatal(err)
	}
	if err := x.WriteXLSX(&xlsxBuf); err != nil {
		t.Fatal(err)
	}
	out := csvBuf.String()
	for _, bad := range []string{",=HYP", ",\"=HYP", ",+1", ",-2", ",@SUM"} {
		if bytes.Contains([]byte(out), []byte(bad)) {
			t.Errorf("the CSV writes %q raw:\n%s", bad, out)
		}
	}
	f, err := excelize.OpenReader(&xlsxBuf)
	if err != nil {
		t.Fatal(err)
	}
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for _, row := range rows {
			for _, cell := range row {
				if cell != "" && (cell[0] == '=' || cell[0] == '+' || cell[0] == '@' || cell[0] == '-' && len(cell) > 1 && cell[1] != ' ' && (cell[1] < '0' || cell[1] > '9')) {
					t.Errorf("sheet %s holds %q raw", sheet, cell)
				}
			}
		}
	}
	rows, err := ReadCSV(bytes.NewReader(csvBuf.Bytes()), plan)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, r := range rows {
		got[r.Figure.Note] = true
	}
	for _, n := range notes {
		if !got[n] {
			t.Errorf("the note %q does not read back as it was: %v", n, got)
		}
	}
}

// TestNoNegativeZeroInCells: a trajectory toward "≤ 0" expects -0 on its
// way; a cell shows 0.
func TestNoNegativeZeroInCells(t *testing.T) {
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	ind := plan.Indicator("CT05.14")
	if v := value(ind, math.Copysign(0, -1)); math.Signbit(v.(float64)) {
		t.Errorf("the cell holds %v", v)
	}
}

// TestTheSameExportIsTheSameBytes: a workbook written twice from the same
// figures is byte for byte the same, so an export can be compared.
func TestTheSameExportIsTheSameBytes(t *testing.T) {
	plan := examplePlan(t)
	day := indicator.NewDate(2025, 10, 15)
	x := export(t, sampled(t, plan, day), plan, day)
	var first bytes.Buffer
	if err := x.WriteXLSX(&first); err != nil {
		t.Fatal(err)
	}
	for range 5 {
		var again bytes.Buffer
		if err := x.WriteXLSX(&again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), again.Bytes()) {
			t.Fatal("two writes of one export differ")
		}
	}
}
