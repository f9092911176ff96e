package report

import (
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/plans"
)

// exampleDoc is a report of the example plan with its sample figures.
func exampleDoc(tb testing.TB, period string, day indicator.Date) Document {
	tb.Helper()
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		tb.Fatal(err)
	}
	p, err := ParsePeriod(period, plan)
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := Build(Input{Source: Source{Plan: plan, Figures: plans.SampleFigures(plan, day)}, Period: p, Day: day})
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// TestAnnexColumnsHoldTheirWords (M6): every column of the annexes is at
// least as wide as its widest word — a unit ("đồng/ha", "phường"), a day,
// a year's value — so that no word breaks inside a cell.
func TestAnnexColumnsHoldTheirWords(t *testing.T) {
	for _, tt := range []struct {
		period string
		day    indicator.Date
	}{{"term", indicator.NewDate(2026, 2, 1)}, {"2023", indicator.NewDate(2023, 11, 20)}, {"2023-H1", indicator.NewDate(2023, 7, 10)}} {
		doc := exampleDoc(t, tt.period, tt.day)
		for n, a := range doc.Annexes {
			table := a.Body[0].(Table)
			grid, err := gridWidths(table.Columns, annexWidth)
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range append(table.Header, table.Rows...) {
				if len(row) != len(grid) {
					continue
				}
				for i, c := range row {
					if need := longestWord(c.Text, c.Bold) + 2*85; need > grid[i] {
						t.Errorf("%s, Phụ lục %d, column %d (%d dxa): %q needs %d", tt.period, n+1, i+1, grid[i], c.Text, need)
					}
				}
			}
		}
	}
}

// TestNumbersKeepTheirUnits (M6, L1): a number never breaks from its unit
// ("7,8 điểm %") nor a sign from its number ("≥ 8"), and the annex's note
// leaves the number's room as the header does.
func TestNumbersKeepTheirUnits(t *testing.T) {
	doc := exampleDoc(t, "2023", indicator.NewDate(2023, 11, 20))
	seen := map[string]bool{}
	for _, row := range doc.Annexes[0].Body[0].(Table).Rows {
		for _, c := range row {
			for _, bad := range []string{" điểm", "điểm %", "≥ ", "≤ "} {
				if strings.Contains(c.Text, bad) {
					t.Errorf("%q breaks at %q", c.Text, bad)
				}
			}
			seen["points"] = seen["points"] || strings.Contains(c.Text, "\u00a0điểm\u00a0%")
			seen["sign"] = seen["sign"] || strings.Contains(c.Text, "≥\u00a0")
		}
	}
	if !seen["points"] || !seen["sign"] {
		t.Errorf("no points or no sign in the table: %v", seen)
	}
	var body strings.Builder
	for _, b := range doc.Body {
		if p, ok := b.(Paragraph); ok {
			for _, r := range p.Runs {
				body.WriteString(r.Text)
			}
		}
	}
	if text := body.String(); strings.Contains(text, "≥ ") || strings.Contains(text, " điểm %") || !strings.Contains(text, "≥\u00a0") {
		t.Error("the body breaks a sign from its number, or a number from “điểm %”")
	}
	if note := doc.Annexes[0].Note; !strings.Contains(note, "Báo cáo số "+numberBlank+"-BC/QU") {
		t.Errorf("the annex's note: %q", note)
	}
}

// TestAYearWithoutAFigureShowsNone (M6): a year's column never shows a
// figure of another year.
func TestAYearWithoutAFigureShowsNone(t *testing.T) {
	plan, _ := indicator.Load(plans.Example)
	figs := map[string][]indicator.Figure{"CT03.9": {{Date: indicator.NewDate(2023, 12, 20), Value: 90.5}}}
	p, _ := ParsePeriod("2025", plan)
	doc, err := Build(Input{Source: Source{Plan: plan, Figures: figs}, Period: p, Day: indicator.NewDate(2025, 11, 1)})
	if err != nil {
		t.Fatal(err)
	}
	table := doc.Annexes[0].Body[0].(Table)
	for _, row := range table.Rows {
		if len(row) > 1 && strings.HasPrefix(row[1].Text, "CT03.9 ") {
			for i, h := range table.Header[0] {
				if strings.HasPrefix(h.Text, "Năm 202") && row[i].Text != "—" {
					t.Errorf("%s: %q", h.Text, row[i].Text)
				}
			}
			return
		}
	}
	t.Fatal("no row of CT03.9")
}
