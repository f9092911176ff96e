package report_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/plans"
	"chitieu/report"
)

// termPlan is a small plan of 2021–2025 with one indicator of each kind
// the report words apart: a yearly count, a rate, a group of two ratings,
// a ceiling count, a mean of growth rates, a place, a Đề án's stages and a
// term-long level renamed from a code of the term before.
const termPlan = `plan: t
title: Nghị quyết Đại hội Đảng bộ phường Thử lần thứ I, nhiệm kỳ 2021–2025
term: {from: 2021-01-01, to: 2025-12-31}
committee: {name: Đảng ủy phường Thử, superior: Đảng bộ quận Mẫu, symbol: ĐU, place: Thử}
units:
  - {code: BXD, name: Ban Xây dựng Đảng}
  - {code: VP, name: Văn phòng Đảng ủy}
  - {code: CA, name: Công an phường}
programs:
  - code: CT01
    title: Xây dựng Đảng
    indicators:
      - {code: CT01.1, name: Kết nạp đảng viên mới, unit_of_measure: đảng viên, owner: BXD, kind: count, window: year, target: {op: ">=", value: 90}, trajectory: linear, report: {every: month, due_day: 25}}
      - {code: CT01.2, name: Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ, unit_of_measure: "%", owner: BXD, kind: level, window: year, target: {op: ">", value: 75}, trajectory: constant, report: {every: year, due_day: 15, lag_months: 3}}
      - {code: CT01.3a, name: Xếp loại chính quyền, owner: VP, kind: rating, window: year, target: {op: ">=", value: Hoàn thành tốt}, trajectory: constant, report: {every: year, due_day: 20}, group: CT01.3}
      - {code: CT01.3b, name: Xếp loại Mặt trận, owner: VP, kind: rating, window: year, target: {op: ">=", value: Hoàn thành tốt}, trajectory: constant, report: {every: year, due_day: 20}, group: CT01.3}
  - code: CT02
    title: Kinh tế, an ninh
    indicators:
      - {code: CT02.1, name: Số vụ cháy, unit_of_measure: vụ, owner: CA, kind: count, window: year, target: {op: "<=", value: 12}, trajectory: linear, report: {every: month, due_day: 25}}
      - {code: CT02.2, name: Tốc độ tăng thu ngân sách, unit_of_measure: "%", owner: VP, kind: level, window: year, target: {op: ">", value: 10}, trajectory: end, report: {every: year, due_day: 20}, term_result: mean_growth, note: tăng bình quân}
      - {code: CT02.3, name: Thứ hạng cải cách hành chính, owner: VP, kind: rank, window: term, target: {op: "<=", value: 5}, trajectory: constant, report: {every: year, due_day: 20}}
      - {code: CT02.4, name: Đề án chợ, owner: VP, kind: milestone, window: term, stages: [Xây dựng, Phê duyệt, Hoàn thành], target: {op: ">=", value: Hoàn thành}, trajectory: linear, report: {every: year, due_day: 20}}
      - {code: CT02.5, name: Tỷ lệ hộ dùng nước sạch, unit_of_measure: "%", owner: VP, kind: level, window: term, target: {op: ">=", value: 98}, trajectory: linear, report: {every: year, due_day: 20}, formerly: [NS.1]}
      - {code: CT02.6, name: Số hộ được hỗ trợ nhà ở, unit_of_measure: hộ, owner: VP, kind: count, window: term, target: {op: ">=", value: 200}, trajectory: linear, report: {every: year, due_day: 20}}
`

// beforePlan is the term before, 2016–2020: the same count, and the
// water's old code.
const beforePlan = `plan: b
title: Nhiệm kỳ 2016–2020
term: {from: 2016-01-01, to: 2020-12-31}
units: [{code: VP, name: Văn phòng}]
programs:
  - code: CT01
    title: Cũ
    indicators:
      - {code: CT01.1, name: Kết nạp đảng viên mới, unit_of_measure: đảng viên, owner: VP, kind: count, window: year, target: {op: ">=", value: 80}, trajectory: linear, report: {every: month, due_day: 25}}
      - {code: NS.1, name: Tỷ lệ hộ dùng nước sạch, unit_of_measure: "%", owner: VP, kind: level, window: term, target: {op: ">=", value: 95}, trajectory: linear, report: {every: year, due_day: 20}}
`

func load(tb testing.TB, yaml string) *indicator.Plan {
	tb.Helper()
	p, err := indicator.Load([]byte(yaml))
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func d(y, m, day int) indicator.Date {
	return indicator.NewDate(y, 1, 1).AddMonths(m-1) + indicator.Date(day-1)
}

// yearly is one figure a year for each year in values, dated 20/12.
func yearly(values map[int]float64, note string) []indicator.Figure {
	var out []indicator.Figure
	for y, v := range values {
		out = append(out, indicator.Figure{Date: d(y, 12, 20), Value: v, Note: note})
	}
	return indicator.SortFigures(out)
}

// monthly is a count's figures, n a month on the 25th, for the months of
// years from..to up to the last month given.
func monthly(from, to, lastMonth int, n float64) []indicator.Figure {
	var out []indicator.Figure
	for y := from; y <= to; y++ {
		for m := 1; m <= 12 && (y < to || m <= lastMonth); m++ {
			out = append(out, indicator.Figure{Date: d(y, m, 25), Value: n})
		}
	}
	return out
}

// figures are the term's figures: CT01.1 8 a month, (96 a year, short of
// 90 in 2022 at 7); the rate over 75 but in 2023; CT01.3a held, CT01.3b
// missed in 2024; fires 1 a month (12 a year) but 2 a month in 2025; a
// mean growth of about 10,6%; a place, a Đề án, a level; and notes.
func figures() map[string][]indicator.Figure {
	ct011 := monthly(2021, 2025, 12, 8)
	for i := range ct011 {
		if ct011[i].Date.Year() == 2022 {
			ct011[i].Value = 7
			ct011[i].Note = "Nguồn phát triển đảng viên ở khu dân cư mới hạn chế"
		}
	}
	fires := monthly(2021, 2024, 12, 1)
	fires = append(fires, monthly(2025, 2025, 12, 2)...)
	return map[string][]indicator.Figure{
		"CT01.1":  ct011,
		"CT01.2":  yearly(map[int]float64{2021: 80, 2022: 78, 2023: 74, 2024: 81, 2025: 82}, ""),
		"CT01.3a": yearly(map[int]float64{2021: 2, 2022: 2, 2023: 3, 2024: 2, 2025: 2}, ""),
		"CT01.3b": yearly(map[int]float64{2021: 2, 2022: 2, 2023: 2, 2024: 1, 2025: 2}, ""),
		"CT02.1":  fires,
		"CT02.2":  yearly(map[int]float64{2021: 12, 2022: 9, 2023: 11, 2024: 10.5, 2025: 10.6}, ""),
		"CT02.3":  yearly(map[int]float64{2021: 8, 2022: 6, 2023: 5, 2024: 4, 2025: 4}, ""),
		"CT02.4":  yearly(map[int]float64{2022: 1, 2024: 1}, ""),
		"CT02.5":  yearly(map[int]float64{2021: 90, 2022: 93, 2023: 95, 2024: 96, 2025: 97.5}, "Khu tái định cư chưa có đường ống cấp nước"),
		"CT02.6":  yearly(map[int]float64{2021: 40, 2022: 40, 2023: 40, 2024: 40, 2025: 50}, ""),
	}
}

func before(tb testing.TB) *report.Source {
	return &report.Source{Plan: load(tb, beforePlan), Name: "2016–2020", Figures: map[string][]indicator.Figure{
		"CT01.1": monthly(2016, 2020, 12, 7),
		"NS.1":   yearly(map[int]float64{2020: 94}, ""),
	}}
}

// build drafts a report of the small plan.
func build(tb testing.TB, period string, day indicator.Date, draft bool, figs map[string][]indicator.Figure) report.Document {
	tb.Helper()
	plan := load(tb, termPlan)
	p, err := report.ParsePeriod(period, plan)
	if err != nil {
		tb.Fatal(err)
	}
	doc, err := report.Build(report.Input{Source: report.Source{Plan: plan, Figures: figs, Name: "2021–2025"}, Before: before(tb),
		Period: p, Day: day, Draft: draft})
	if err != nil {
		tb.Fatal(err)
	}
	return doc
}

// bodyText is the body's paragraphs and headings, a line each.
func bodyText(doc report.Document) string {
	var lines []string
	for _, b := range doc.Body {
		switch b := b.(type) {
		case report.Heading:
			lines = append(lines, b.Text)
		case report.Paragraph:
			var s strings.Builder
			for _, r := range b.Runs {
				s.WriteString(r.Text)
			}
			lines = append(lines, s.String())
		}
	}
	return strings.ReplaceAll(strings.Join(lines, "\n"), "\u00a0", " ") // TestNumbersKeepTheirUnits checks the spaces that do not break
}

// annex is Phụ lục n's table: its header and rows, by the first words of
// their "Chỉ tiêu" cell.
func annex(tb testing.TB, doc report.Document, n int) (head []string, rows map[string][]string) {
	tb.Helper()
	t, ok := doc.Annexes[n-1].Body[0].(report.Table)
	if !ok {
		tb.Fatalf("Phụ lục %d has no table first", n)
	}
	for _, c := range t.Header[0] {
		head = append(head, strings.ReplaceAll(c.Text, "\u00a0", " "))
	}
	rows = map[string][]string{}
	for _, r := range t.Rows {
		if len(r) < 2 {
			continue
		}
		var cells []string
		for _, c := range r {
			cells = append(cells, strings.ReplaceAll(c.Text, "\u00a0", " ")) // TestNumbersKeepTheirUnits checks the spaces that do not break
		}
		code, _, _ := strings.Cut(r[1].Text, " ")
		rows[code] = cells
	}
	return head, rows
}

// cell is a row's cell under the header that starts with col.
func cell(tb testing.TB, head []string, row []string, col string) string {
	tb.Helper()
	i := slices.IndexFunc(head, func(h string) bool { return strings.HasPrefix(h, col) })
	if i < 0 || row == nil {
		tb.Fatalf("no column %q in %q, or no row", col, head)
	}
	return row[i]
}

// TestTheTermReport: after the term, each indicator's final result; a
// group tallied once; the years of a yearly count; a mean judged as a
// mean; % of target only for a floor; the term before compared by the
// same code or a former one; a cadre's reason quoted.
func TestTheTermReport(t *testing.T) {
	doc := build(t, "term", d(2026, 4, 1), false, figures())
	text := bodyText(doc)
	for _, want := range []string{
		"Nghị quyết đề ra 9 chỉ tiêu. Kết quả nhiệm kỳ 2021–2025: đạt và vượt 3/9 chỉ tiêu; cơ bản đạt 1; không đạt 4; chưa đánh giá 1.",
		"a) Chương trình 01: Xây dựng Đảng\nĐạt và vượt 0/3 chỉ tiêu; không đạt 3.", // CT01.1 missed 2022, CT01.2 2023, the group 2024
		"Đạt và vượt 3/6 chỉ tiêu; cơ bản đạt 1; không đạt 1; chưa đánh giá 1.\n" +
			"- Đạt và vượt: CT02.2 Tốc độ tăng thu ngân sách; CT02.3 Thứ hạng cải cách hành chính; CT02.6 Số hộ được hỗ trợ nhà ở.\n" +
			"- Cơ bản đạt:\n+ CT02.5 Tỷ lệ hộ dùng nước sạch: 97,5%, thấp hơn mục tiêu 0,5 điểm %; mục tiêu ≥ 98%.",
		"+ CT01.3b Xếp loại Mặt trận (thuộc chỉ tiêu CT01.3): đạt 4/5 năm; 2024 không đạt; mục tiêu Hoàn thành tốt nhiệm vụ trở lên hằng năm.",
		"- Chưa đánh giá: CT02.4 Đề án chợ (thiếu số liệu kỳ cuối, số liệu đến 20/12/2024).",
		"CT01.1 Kết nạp đảng viên mới (Ban Xây dựng Đảng): “Nguồn phát triển đảng viên ở khu dân cư mới hạn chế” (số liệu ngày 25/12/2022).",
		"- CT02.5 Tỷ lệ hộ dùng nước sạch (Văn phòng Đảng ủy): “Khu tái định cư chưa có đường ống cấp nước” (số liệu ngày 20/12/2025).",
		"III. Bài học kinh nghiệm",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the body lacks %q:\n%s", want, text)
		}
	}
	if strings.Count(text, "Khu tái định cư") != 1 {
		t.Error("a reason given with five figures is not quoted once")
	}
	if strings.Contains(text, "- CT02.2") {
		t.Error("an indicator achieved has a cause")
	}
	head, rows := annex(t, doc, 1)
	for code, want := range map[string][]string{
		"CT01.1":  {"≥ 90\n(hằng năm)", "đạt 4/5 năm; 2022 cơ bản đạt", "", "Không đạt"},
		"CT01.3a": {"Hoàn thành tốt nhiệm vụ trở lên\n(hằng năm)", "đạt 5/5 năm", "", "Đạt"}, // at the target but in 2023: not every year past it
		"CT02.1":  {"≤ 12\n(hằng năm)", "đạt 4/5 năm; 2025 không đạt", "", "Không đạt"},
		"CT02.2":  {"trên 10%\n(hằng năm)", "tăng bình quân 10,62%/năm, mục tiêu trên 10%", "cao hơn mục tiêu 0,62 điểm %", "Đạt"}, // past a strict target within its band
		"CT02.3":  {"xếp thứ 5 trở lên", "xếp thứ 4", "", "Vượt"},
		"CT02.4":  {"Hoàn thành", "Phê duyệt\n(số liệu đến 20/12/2024; chưa báo cáo 1 kỳ)", "", "Chưa đánh giá\n(thiếu số liệu kỳ cuối, số liệu đến 20/12/2024)"}, // no report in 2025: 2024's stage says nothing of the term's end
		"CT02.5":  {"≥ 98%", "97,5%", "thấp hơn mục tiêu 0,5 điểm %", "Cơ bản đạt"},
		"CT02.6":  {"≥ 200", "210", "bằng 105% mục tiêu", "Vượt"},
	} {
		got := []string{cell(t, head, rows[code], "Mục tiêu"), cell(t, head, rows[code], "Nhiệm kỳ 2021"),
			cell(t, head, rows[code], "So với"), cell(t, head, rows[code], "Đánh giá")}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", code, got, want)
		}
	}
	if got := cell(t, head, rows["CT02.5"], "Nhiệm kỳ 2016"); got != "94%" {
		t.Errorf("the water's term before, by its former code NS.1: %q", got)
	}
	if got := cell(t, head, rows["CT01.1"], "Nhiệm kỳ 2016"); got != "đạt 5/5 năm" {
		t.Errorf("the count's term before: %q", got)
	}
	if got := cell(t, head, rows["CT02.3"], "Nhiệm kỳ 2016"); got != "—" {
		t.Errorf("an indicator the term before had not: %q", got)
	}
	if rows["CT01.3b"][0] != "3b" || rows["CT02.1"][0] != "1" {
		t.Errorf("STT: %q, %q", rows["CT01.3b"][0], rows["CT02.1"][0])
	}
	_, years := annex(t, doc, 2)
	if got := years["CT01.1"]; len(got) != 10 || got[5] != "84\nCơ bản đạt" || got[4] != "96\nVượt" {
		t.Errorf("Phụ lục 2's CT01.1: %q", got)
	}
	if doc.Draft || doc.Summary != "kết quả thực hiện các chỉ tiêu Nghị quyết Đại hội\nnhiệm kỳ 2021–2025" {
		t.Errorf("draft %v, summary %q", doc.Draft, doc.Summary)
	}
	if doc.Issuer != "Đảng ủy phường Thử" || doc.Superior != "Đảng bộ quận Mẫu" || doc.Symbol != "BC/ĐU" || doc.Place != "Thử" {
		t.Errorf("header %q %q %q %q", doc.Superior, doc.Issuer, doc.Symbol, doc.Place)
	}
	if want := []string{"Thường trực Đảng ủy phường Thử", "Các đồng chí Ủy viên Ban Thường vụ", "Lưu Văn phòng Đảng ủy phường Thử"}; !slices.Equal(doc.Recipients, want) {
		t.Errorf("recipients %q", doc.Recipients)
	}
}

// TestADraftBeforeTheEndEstimates: in October of the last year, a draft
// gives the figures as they stand (with their day) and, beside them, the
// estimates the words not yet final rest on; a result already decided is
// no estimate; drawn without --draft before the term's end, it is a draft
// all the same.
func TestADraftBeforeTheEndEstimates(t *testing.T) {
	figs := figures()
	for code, f := range figs {
		figs[code] = slices.DeleteFunc(slices.Clone(f), func(f indicator.Figure) bool { return f.Date > d(2025, 9, 30) })
	}
	for _, asked := range []bool{true, false} {
		draft := build(t, "term", d(2025, 10, 15), asked, figs)
		if !draft.Draft {
			t.Errorf("--draft %v: not marked as a draft before the term's end", asked)
		}
		head, rows := annex(t, draft, 1)
		if got := cell(t, head, rows["CT02.6"], "Nhiệm kỳ 2021"); got != "160\n(số liệu đến 20/12/2024)" {
			t.Errorf("CT02.6's value: %q", got)
		}
		if got := cell(t, head, rows["CT02.6"], "Ước thực hiện nhiệm kỳ"); got != "201" {
			t.Errorf("CT02.6: %q, want the forecast: 160 by 20/12/2024, the run rate to 31/12/2025", got)
		}
		if got := cell(t, head, rows["CT02.6"], "Đánh giá"); got != "Ước vượt" {
			t.Errorf("CT02.6's word: %q", got)
		}
		if got := cell(t, head, rows["CT02.4"], "Ước thực hiện"); got != "" {
			t.Errorf("a stage is never estimated: %q", got)
		}
		if got := cell(t, head, rows["CT01.1"], "Đánh giá"); got != "Không đạt" {
			t.Errorf("CT01.1, each year to hold and 2022 missed for good: %q", got)
		}
		if got := cell(t, head, rows["CT01.1"], "Ước thực hiện"); got != "năm 2025 ước 98 đảng viên" {
			t.Errorf("CT01.1's year running: %q", got)
		}
		if text := bodyText(draft); !strings.Contains(text, "Kết quả ghi “ước”") || !strings.Contains(text, "tính đến ngày 15/10/2025") {
			t.Errorf("the body does not say what “ước” is:\n%s", text)
		}
	}
}

// TestSixMonths: six months judge no yearly target — each is given its
// progress: a floor against the year's plan and its trajectory on the day
// of its figures, a ceiling against its trajectory, the year's estimate;
// a rating not yet issued has no figure; the same six months a year
// before.
func TestSixMonths(t *testing.T) {
	doc := build(t, "2024-H1", d(2024, 7, 5), false, figures())
	head, rows := annex(t, doc, 1)
	if !slices.Contains(head, "6 tháng đầu năm 2023") || !slices.Contains(head, "6 tháng đầu năm 2024") {
		t.Fatalf("header %q", head)
	}
	for code, want := range map[string][]string{
		"CT01.1":  {"48", "48", "bằng 53% kế hoạch năm;\nkế hoạch đến 25/6/2024: 43", "99", "Đúng tiến độ"}, // 48 by 25/6: 99 by the run rate
		"CT02.1":  {"6", "6", "kế hoạch đến 25/6/2024: 6", "12", "Đúng tiến độ"},
		"CT01.3a": {"—", "—", "", "", "Chưa có số liệu"},
	} {
		got := []string{cell(t, head, rows[code], "6 tháng đầu năm 2023"), cell(t, head, rows[code], "6 tháng đầu năm 2024"),
			cell(t, head, rows[code], "So với"), cell(t, head, rows[code], "Ước thực hiện cả năm"), cell(t, head, rows[code], "Đánh giá")}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", code, got, want)
		}
	}
	if got := cell(t, head, rows["CT02.5"], "Mục tiêu"); got != "≥ 98%\n(đến hết năm 2025)" {
		t.Errorf("a term-long target in a six months' report: %q", got)
	}
	if got := cell(t, head, rows["CT02.5"], "6 tháng đầu năm 2024"); got != "—" {
		t.Errorf("a figure of 2023 in the six months of 2024: %q", got)
	}
	if got := cell(t, head, rows["CT02.5"], "So với"); !strings.HasPrefix(got, "số liệu gần nhất 95% ngày 20/12/2023;\nkế hoạch đến 20/12/2023: ") {
		t.Errorf("a term-long level without a figure in the period: %q", got)
	}
	if text := bodyText(doc); !strings.Contains(text, "III. Nhiệm vụ, giải pháp 6 tháng cuối năm 2024") {
		t.Errorf("the tasks' heading:\n%s", text)
	}
}

// TestTheFirstYearComparesWithTheTermBefore: 2021's year before is 2020,
// in the term before.
func TestTheFirstYearComparesWithTheTermBefore(t *testing.T) {
	doc := build(t, "2021", d(2022, 4, 1), false, figures())
	head, rows := annex(t, doc, 1)
	if got := cell(t, head, rows["CT01.1"], "Năm 2020"); got != "84" {
		t.Errorf("2020 from the term before: %q", got)
	}
	if got := cell(t, head, rows["CT01.1"], "Năm 2021"); got != "96" {
		t.Errorf("2021: %q", got)
	}
	if got := cell(t, head, rows["CT01.1"], "So với"); got != "bằng 107% kế hoạch năm" {
		t.Errorf("2021 against its plan: %q", got)
	}
}

// TestTheMidTermReport: the years so far judged over the term, and the
// term-long windows given their progress and their estimate.
func TestTheMidTermReport(t *testing.T) {
	doc := build(t, "mid", d(2023, 8, 1), false, figures())
	text := bodyText(doc)
	if !strings.Contains(text, "giữa nhiệm kỳ 2021–2025 (từ ngày 1/1/2021 đến ngày 2/7/2023)") ||
		!strings.Contains(text, "Kết quả giữa nhiệm kỳ 2021–2025 của 5 chỉ tiêu đến hạn đánh giá: đạt và vượt") ||
		!strings.Contains(text, "Các chỉ tiêu thực hiện cả nhiệm kỳ (4 chỉ tiêu, chưa đến thời hạn đánh giá), tiến độ đến ngày 2/7/2023: ") {
		t.Errorf("the body:\n%s", text)
	}
	head, rows := annex(t, doc, 1)
	if got := cell(t, head, rows["CT02.6"], "Đến ngày 2/7/2023"); got != "80\n(số liệu đến 20/12/2022)" {
		t.Errorf("CT02.6 at mid-term: %q", got)
	}
	if got := cell(t, head, rows["CT02.6"], "Ước thực hiện đến hết nhiệm kỳ"); got != "203" {
		t.Errorf("CT02.6's forecast: %q", got)
	}
}

func TestPeriods(t *testing.T) {
	plan := load(t, termPlan)
	for _, tt := range []struct {
		text   string
		from   indicator.Date
		to     indicator.Date
		reason report.PeriodReason
	}{
		{"2024-H1", d(2024, 1, 1), d(2024, 6, 30), 0},
		{"2024-h1", d(2024, 1, 1), d(2024, 6, 30), 0},
		{"2025", d(2025, 1, 1), d(2025, 12, 31), 0},
		{"mid", d(2021, 1, 1), plan.Mid(), 0},
		{"term", d(2021, 1, 1), d(2025, 12, 31), 0},
		{"2026", 0, 0, report.PeriodOutside},
		{"2020-H1", 0, 0, report.PeriodOutside},
		{"2024-H2", 0, 0, report.PeriodSyntax},
		{"năm nay", 0, 0, report.PeriodSyntax},
	} {
		p, err := report.ParsePeriod(tt.text, plan)
		var pe *report.PeriodError
		switch {
		case tt.reason != 0 && (!errors.As(err, &pe) || pe.Reason != tt.reason):
			t.Errorf("%q: %v, want reason %d", tt.text, err, tt.reason)
		case tt.reason == 0 && (err != nil || p.Span.From != tt.from || p.Span.To != tt.to):
			t.Errorf("%q: %v %v", tt.text, p.Span, err)
		}
	}
	p, _ := report.ParsePeriod("2025", plan)
	_, err := report.Build(report.Input{Source: report.Source{Plan: plan}, Period: p, Day: d(2024, 12, 1)})
	var pe *report.PeriodError
	if !errors.As(err, &pe) || pe.Reason != report.PeriodAhead {
		t.Errorf("a period not begun: %v", err)
	}
}

func TestChoices(t *testing.T) {
	plan := load(t, termPlan) // mid-term: the term's middle day, 2023-07-02
	for day, want := range map[indicator.Date][]string{
		d(2022, 2, 10):  {"2021"},
		d(2022, 4, 10):  {"2022"},
		d(2022, 6, 10):  {"2022-H1"},
		d(2023, 6, 10):  {"2023-H1", "mid"},
		d(2024, 11, 10): {"2024"},
		d(2025, 3, 1):   {"2024", "term"},
		d(2025, 11, 20): {"2025", "term"},
	} {
		var got []string
		for _, p := range report.Choices(plan, day) {
			got = append(got, p.String())
		}
		if !slices.Equal(got, want) {
			t.Errorf("%v: %v, want %v", day, got, want)
		}
	}
}

// TestEveryNumberIsTheChats: on a day of the year, each result of the
// year's report is the chat's evaluation of that day — the value, the
// forecast and the grade it gives.
func TestEveryNumberIsTheChats(t *testing.T) {
	plan := examplePlan(t)
	day := d(2023, 11, 20)
	figs := plans.SampleFigures(plan, day)
	rs := report.Results(report.Source{Plan: plan, Figures: figs}, report.YearOf(2023, plan), day)
	if len(rs) != len(plan.Indicators()) {
		t.Fatalf("%d results", len(rs))
	}
	progress := 0
	for _, r := range rs {
		chat := indicator.Evaluate(r.Indicator, figs[r.Indicator.Code], day)
		same := func(a, b float64) bool { return a == b || a != a && b != b }
		if !same(r.Eval.Reported(), chat.Reported()) || !same(r.Eval.Forecast, chat.Forecast) || r.Eval.Status != chat.Status {
			t.Errorf("%s: %v, forecast %v, %v; the chat says %v, %v, %v", r.Indicator.Code, r.Eval.Reported(), r.Eval.Forecast,
				r.Eval.Status, chat.Reported(), chat.Forecast, chat.Status)
		}
		if r.Progress() {
			progress++ // a term-long target: its progress is the chat's status, checked above
			continue
		}
		if g := chat.Graded(); r.Grade != g.Grade || r.Estimated != g.Estimated {
			t.Errorf("%s: %v (ước %v), the chat's %v (ước %v)", r.Indicator.Code, r.Grade, r.Estimated, g.Grade, g.Estimated)
		}
	}
	if progress == 0 {
		t.Error("no result in progress: the year's report judges every term-long target")
	}
}
