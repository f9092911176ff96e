package report_test

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/plans"
	"chitieu/report"
)

// The findings of an office that signs these reports, each a test: nothing
// a report says may mislead the office that signs it, and every number in
// it is one the chat says for the same day.

// upTo keeps the figures dated up to day d.
func upTo(figs map[string][]indicator.Figure, day indicator.Date) map[string][]indicator.Figure {
	out := map[string][]indicator.Figure{}
	for code, f := range figs {
		out[code] = slices.DeleteFunc(slices.Clone(f), func(f indicator.Figure) bool { return f.Date > day })
	}
	return out
}

// with is the figures with those of code replaced.
func with(figs map[string][]indicator.Figure, code string, f []indicator.Figure) map[string][]indicator.Figure {
	out := map[string][]indicator.Figure{}
	for c, v := range figs {
		out[c] = v
	}
	out[code] = f
	return out
}

// slow is CT01.1 at 5 a month in 2024, through the month given.
func slow(lastMonth int) []indicator.Figure {
	return append(monthly(2021, 2023, 12, 8), monthly(2024, 2024, lastMonth, 5)...)
}

// TestAnEstimateIsPrintedBesideItsWord (H1): a word resting on an
// estimate prints the estimate beside it, in the sentence and in a column
// of its own, and an estimate to miss before the period's end is "có nguy
// cơ không đạt", never a flat "không đạt".
func TestAnEstimateIsPrintedBesideItsWord(t *testing.T) {
	figs := with(upTo(figures(), d(2024, 10, 31)), "CT01.1", slow(10))
	doc := build(t, "2024", d(2024, 11, 20), true, figs)
	text := bodyText(doc)
	for _, want := range []string{
		"- Có nguy cơ không đạt (theo kết quả ước):\n+ CT01.1 Kết nạp đảng viên mới: ước cả năm 61 đảng viên; 50 đảng viên (số liệu đến 25/10/2024), bằng 56% kế hoạch năm; mục tiêu ≥ 90 đảng viên.",
		"có nguy cơ không đạt 1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the body lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "- Không đạt:\n+ CT01.1") {
		t.Errorf("an estimate given as a flat “không đạt”:\n%s", text)
	}
	head, rows := annex(t, doc, 1)
	got := []string{cell(t, head, rows["CT01.1"], "Năm 2024"), cell(t, head, rows["CT01.1"], "Ước thực hiện năm 2024"),
		cell(t, head, rows["CT01.1"], "So với"), cell(t, head, rows["CT01.1"], "Đánh giá")}
	want := []string{"50\n(số liệu đến 25/10/2024)", "61", "ước bằng 68% kế hoạch năm", "Có nguy cơ không đạt"}
	if !slices.Equal(got, want) {
		t.Errorf("CT01.1: %q, want %q", got, want)
	}

	// Six months: the year's estimate beside the six months' figure.
	half := build(t, "2024-H1", d(2024, 7, 10), false, with(figures(), "CT01.1", slow(6)))
	if text := bodyText(half); !strings.Contains(text, "+ CT01.1 Kết nạp đảng viên mới: 30 đảng viên, bằng 33% kế hoạch năm; kế hoạch đến 25/6/2024: 43 đảng viên; ước cả năm 62 đảng viên; mục tiêu ≥ 90 đảng viên đến hết năm 2024.") {
		t.Errorf("the six months' body:\n%s", text)
	}
	head, rows = annex(t, half, 1)
	if got := cell(t, head, rows["CT01.1"], "Ước thực hiện cả năm 2024"); got != "62" {
		t.Errorf("the year's estimate: %q", got)
	}
}

// TestATargetDueLaterIsGivenItsProgress (H2): a year's report grades no
// term-long target: it gives each its progress at the year's end — the
// chat's status as of its latest figure, against the trajectory on that
// day — and counts them apart from the tally; a trajectory judged only at
// its end is not yet due.
func TestATargetDueLaterIsGivenItsProgress(t *testing.T) {
	doc := build(t, "2023", d(2024, 4, 1), false, figures())
	text := bodyText(doc)
	for _, want := range []string{
		"Nghị quyết đề ra 9 chỉ tiêu. Kết quả năm 2023 của 5 chỉ tiêu đến hạn đánh giá: đạt và vượt 4/5 chỉ tiêu; cơ bản đạt 1. " +
			"Các chỉ tiêu thực hiện cả nhiệm kỳ (4 chỉ tiêu, chưa đến thời hạn đánh giá), tiến độ đến ngày 31/12/2023: đúng tiến độ 4.",
		"- Đúng tiến độ: CT02.3 Thứ hạng cải cách hành chính; CT02.4 Đề án chợ; CT02.5 Tỷ lệ hộ dùng nước sạch; CT02.6 Số hộ được hỗ trợ nhà ở.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the body lacks %q:\n%s", want, text)
		}
	}
	head, rows := annex(t, doc, 1)
	for code, want := range map[string][]string{
		"CT02.5": {"≥ 98%\n(đến hết năm 2025)", "95%", "kế hoạch đến 20/12/2023: 93,97%", "Đúng tiến độ"},
		"CT02.6": {"≥ 200\n(đến hết năm 2025)", "120", "kế hoạch đến 20/12/2023: 118", "Đúng tiến độ"},
		"CT02.3": {"xếp thứ 5 trở lên\n(đến hết năm 2025)", "xếp thứ 5", "kế hoạch đến 20/12/2023: xếp thứ 5", "Đúng tiến độ"},
	} {
		got := []string{cell(t, head, rows[code], "Mục tiêu"), cell(t, head, rows[code], "Năm 2023"), cell(t, head, rows[code], "So với"),
			cell(t, head, rows[code], "Đánh giá")}
		if !slices.Equal(got, want) {
			t.Errorf("%s: %q, want %q", code, got, want)
		}
	}

	// Six months: a yearly `end` trajectory is not due before its last
	// report period; its figures so far are shown, never judged.
	rates := append(yearly(map[int]float64{2021: 12, 2022: 9, 2023: 11}, ""), indicator.Figure{Date: d(2024, 3, 31), Value: 4})
	half := build(t, "2024-H1", d(2024, 7, 10), false, with(figures(), "CT02.2", rates))
	head, rows = annex(t, half, 1)
	got := []string{cell(t, head, rows["CT02.2"], "6 tháng đầu năm 2024"), cell(t, head, rows["CT02.2"], "So với"), cell(t, head, rows["CT02.2"], "Đánh giá")}
	if want := []string{"4%", "hạn đánh giá 31/12/2024", "Chưa đến hạn đánh giá"}; !slices.Equal(got, want) {
		t.Errorf("CT02.2 in six months: %q, want %q", got, want)
	}
	if text := bodyText(half); regexp.MustCompile(`(?i)không đạt( \d|:)`).MatchString(text) {
		t.Errorf("six months judge a target due later:\n%s", text)
	}
}

// TestAWindowWithoutItsLastReportIsNotAssessed (H3): a window whose last
// report never came says so, with the day its figures stop — in the annex
// and in the sentences —, never "chưa có hoặc không có số liệu".
func TestAWindowWithoutItsLastReportIsNotAssessed(t *testing.T) {
	figs := with(figures(), "CT01.1", monthly(2021, 2025, 5, 8))
	doc := build(t, "2025", d(2026, 4, 1), false, figs)
	text := bodyText(doc)
	for _, want := range []string{
		"- Chưa đánh giá: CT01.1 Kết nạp đảng viên mới (thiếu số liệu kỳ cuối, số liệu đến 25/5/2025).",
		"2 chỉ tiêu chưa đánh giá được (2 chỉ tiêu thiếu số liệu kỳ cuối)",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the body lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "chưa có hoặc không có số liệu") {
		t.Errorf("a window without its last report worded as one without figures:\n%s", text)
	}
	head, rows := annex(t, doc, 1)
	if got := cell(t, head, rows["CT01.1"], "Đánh giá"); got != "Chưa đánh giá\n(thiếu số liệu kỳ cuối, số liệu đến 25/5/2025)" {
		t.Errorf("CT01.1's word: %q", got)
	}
	term := build(t, "term", d(2026, 4, 1), false, figs)
	_, years := annex(t, term, 2)
	if got := years["CT01.1"][8]; got != "40\n(số liệu đến 25/5/2025)\nChưa đánh giá\n(thiếu số liệu kỳ cuối)" {
		t.Errorf("Phụ lục 2's 2025: %q", got)
	}
}

// TestADraftSaysHowOldItsFiguresAre (H4): a draft keeps the day its
// figures stand for, and says how many reports are overdue.
func TestADraftSaysHowOldItsFiguresAre(t *testing.T) {
	figs := with(upTo(figures(), d(2024, 11, 19)), "CT01.1", monthly(2021, 2024, 8, 8))
	doc := build(t, "2024", d(2024, 11, 20), true, figs)
	head, rows := annex(t, doc, 1)
	if got := cell(t, head, rows["CT01.1"], "Năm 2024"); got != "64\n(số liệu đến 25/8/2024; chưa báo cáo 2 kỳ)" {
		t.Errorf("CT01.1 in a draft: %q", got)
	}
	if text := bodyText(doc); !strings.Contains(text, "CT01.1 Kết nạp đảng viên mới (ước cả năm 98 đảng viên; 64 đảng viên, số liệu đến 25/8/2024; chưa báo cáo 2 kỳ)") {
		t.Errorf("the body:\n%s", text)
	}
}

// TestTheEstimatesAreASentenceOfTheirOwn (H5): how many results are
// estimates is said apart, of all the targets, never attached to a count.
func TestTheEstimatesAreASentenceOfTheirOwn(t *testing.T) {
	doc := build(t, "2024", d(2024, 11, 20), true, upTo(figures(), d(2024, 11, 19)))
	text := bodyText(doc)
	if !regexp.MustCompile(`Trong tổng số 9 chỉ tiêu có \d chỉ tiêu là kết quả ước\.`).MatchString(text) || strings.Contains(text, "(trong đó") {
		t.Errorf("the estimates' count:\n%s", text)
	}
}

// TestNoParenthesesInParentheses (H5): the sentences never nest brackets,
// in any report of the example plan.
func TestNoParenthesesInParentheses(t *testing.T) {
	plan := examplePlan(t)
	for _, tt := range []struct {
		period string
		day    indicator.Date
	}{{"term", d(2026, 2, 1)}, {"term", d(2025, 10, 15)}, {"2023-H1", d(2023, 7, 10)}, {"2023", d(2023, 11, 20)}, {"mid", d(2023, 8, 1)}} {
		p, err := report.ParsePeriod(tt.period, plan)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := report.Build(report.Input{Source: report.Source{Plan: plan, Figures: plans.SampleFigures(plan, tt.day)}, Period: p, Day: tt.day})
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(bodyText(doc), "\n") {
			depth := 0
			for _, r := range line {
				switch r {
				case '(':
					depth++
				case ')':
					depth--
				}
				if depth > 1 {
					t.Errorf("%s on %v: brackets in brackets: %s", tt.period, tt.day, line)
					break
				}
			}
		}
	}
}

// TestAReportBeforeItsPeriodEndsIsADraft (H6): drawn before its period
// ends, a report is a draft whatever it was asked as.
func TestAReportBeforeItsPeriodEndsIsADraft(t *testing.T) {
	plan := load(t, termPlan)
	p, _ := report.ParsePeriod("2025", plan)
	for day, want := range map[indicator.Date]bool{d(2025, 11, 15): true, d(2025, 12, 31): true, d(2026, 1, 1): false} {
		in := report.Input{Source: report.Source{Plan: plan, Figures: figures()}, Period: p, Day: day}
		doc, err := report.Build(in)
		if err != nil {
			t.Fatal(err)
		}
		if doc.Draft != want || in.Drafted() != want {
			t.Errorf("on %v: marked %v (Drafted %v), want %v", day, doc.Draft, in.Drafted(), want)
		}
	}
}

// TestADecidedResultIsNoEstimate (M1): a result nothing to come can change
// — a floor reached, a ceiling passed — is given as it is, not "ước".
func TestADecidedResultIsNoEstimate(t *testing.T) {
	figs := upTo(figures(), d(2024, 10, 19))
	figs = with(figs, "CT01.1", append(monthly(2021, 2023, 12, 8), monthly(2024, 2024, 9, 10)...))
	figs = with(figs, "CT02.1", append(monthly(2021, 2023, 12, 1), monthly(2024, 2024, 9, 2)...))
	doc := build(t, "2024", d(2024, 10, 20), true, figs)
	head, rows := annex(t, doc, 1)
	for code, want := range map[string]string{"CT01.1": "Đạt", "CT02.1": "Không đạt"} {
		if got := cell(t, head, rows[code], "Đánh giá"); got != want {
			t.Errorf("%s: %q, want %q", code, got, want)
		}
		if got := cell(t, head, rows[code], "Ước thực hiện"); got != "" {
			t.Errorf("%s: an estimate %q for a result decided", code, got)
		}
	}
}

// TestAGroupWaitsForItsParts (M2): a target split over indicators is not
// graded while a part has no figure (unless a part's miss is final), and
// a window still running has "chưa có số liệu", never "không có".
func TestAGroupWaitsForItsParts(t *testing.T) {
	figs := upTo(figures(), d(2024, 11, 19))
	figs = with(figs, "CT01.3a", []indicator.Figure{{Date: d(2024, 6, 30), Value: 1}}) // below Hoàn thành tốt: estimated to miss
	figs = with(figs, "CT01.3b", nil)
	doc := build(t, "2024", d(2024, 11, 20), true, figs)
	head, rows := annex(t, doc, 1)
	if got := cell(t, head, rows["CT01.3b"], "Đánh giá"); got != "Chưa đánh giá\n(chưa có số liệu)" {
		t.Errorf("CT01.3b: %q", got)
	}
	text := bodyText(doc)
	if !strings.Contains(text, "; CT01.3 (gồm CT01.3a, CT01.3b; CT01.3b chưa có số liệu).") || strings.Contains(text, "không có số liệu") {
		t.Errorf("the group:\n%s", text)
	}
}

// TestNearlyMetIsExplained (M3): where "cơ bản đạt" appears, one sentence
// says the tolerance it rests on; where it does not, none.
func TestNearlyMetIsExplained(t *testing.T) {
	const note = "“Cơ bản đạt”: kết quả thấp hơn mục tiêu không quá 2% mức mục tiêu đối với chỉ tiêu giữ mức, không quá 10% mức cần tăng (giảm) trong kỳ đối với chỉ tiêu tăng (giảm) dần."
	doc := build(t, "term", d(2026, 4, 1), false, figures())
	if !strings.Contains(bodyText(doc), note) {
		t.Errorf("no note on cơ bản đạt:\n%s", bodyText(doc))
	}
	last := doc.Annexes[0].Body[len(doc.Annexes[0].Body)-1].(report.Paragraph)
	if last.Runs[0].Text != note {
		t.Errorf("the annex's last note: %q", last.Runs[0].Text)
	}
	if text := bodyText(build(t, "2021", d(2022, 4, 1), false, figures())); strings.Contains(text, "“Cơ bản đạt”") {
		t.Errorf("a note with no cơ bản đạt:\n%s", text)
	}
}

// TestAGrowthTargetIsARate (M4): "tăng bình quân 10%/năm" is stated as the
// resolution states it, and the result as the mean growth achieved.
func TestAGrowthTargetIsARate(t *testing.T) {
	plan := examplePlan(t)
	figs := plans.SampleFigures(plan, d(2026, 2, 1))
	figs["CT02.4"] = []indicator.Figure{{Date: d(2020, 12, 31), Value: 1000}, {Date: d(2021, 12, 31), Value: 1080},
		{Date: d(2022, 12, 31), Value: 1170}, {Date: d(2023, 12, 31), Value: 1260}, {Date: d(2024, 12, 31), Value: 1360}, {Date: d(2025, 12, 31), Value: 1470}}
	p, _ := report.ParsePeriod("term", plan)
	doc, err := report.Build(report.Input{Source: report.Source{Plan: plan, Figures: figs}, Period: p, Day: d(2026, 2, 1)})
	if err != nil {
		t.Fatal(err)
	}
	head, rows := annex(t, doc, 1)
	got := []string{cell(t, head, rows["CT02.4"], "Mục tiêu"), cell(t, head, rows["CT02.4"], "So với"), cell(t, head, rows["CT02.4"], "Đánh giá")}
	if want := []string{"tăng bình quân 10%/năm", "tăng bình quân 8%/năm", "Không đạt"}; !slices.Equal(got, want) {
		t.Errorf("CT02.4: %q, want %q", got, want)
	}
	if text := bodyText(doc); !strings.Contains(text, "+ CT02.4 Tổng thu ngân sách nhà nước (loại trừ tiền sử dụng đất): 1.470 tỷ đồng, tăng bình quân 8%/năm; mục tiêu tăng bình quân 10%/năm.") ||
		strings.Contains(text, "1.610,51") {
		t.Errorf("the body:\n%s", text)
	}
}

// TestEstimatesAreRoundedAsShown (M5): an estimate is as precise as the
// indicator's figures: a percent to one decimal, money whole.
func TestEstimatesAreRoundedAsShown(t *testing.T) {
	plan := examplePlan(t)
	day := d(2023, 11, 20)
	p, _ := report.ParsePeriod("2023", plan)
	doc, err := report.Build(report.Input{Source: report.Source{Plan: plan, Figures: plans.SampleFigures(plan, day)}, Period: p, Day: day})
	if err != nil {
		t.Fatal(err)
	}
	head, rows := annex(t, doc, 1)
	precise := regexp.MustCompile(`\d,\d\d`)
	n := 0
	for code, row := range rows {
		est := cell(t, head, row, "Ước thực hiện")
		if precise.MatchString(est) {
			t.Errorf("%s: an estimate of false precision %q", code, est)
		}
		n += len(est)
	}
	if n == 0 {
		t.Error("no estimate at all")
	}
	if got := cell(t, head, rows["CT02.4"], "Ước thực hiện"); strings.Contains(got, ",") {
		t.Errorf("money estimated to a fraction of a tỷ: %q", got)
	}
}

// TestDatesAsOfficesWriteThem (L1): the report's text writes a day without
// leading zeros.
func TestDatesAsOfficesWriteThem(t *testing.T) {
	doc := build(t, "2024-H1", d(2024, 7, 5), false, figures())
	zeros := regexp.MustCompile(`\b0\d/\d`)
	if text := bodyText(doc); zeros.MatchString(text) {
		t.Errorf("a day with a leading zero: %q", zeros.FindString(text))
	}
	_, rows := annex(t, doc, 1)
	for code, row := range rows {
		for _, c := range row {
			if zeros.MatchString(c) {
				t.Errorf("%s: a day with a leading zero in %q", code, c)
			}
		}
	}
}

// TestPeriodErrorsSuggestPeriodsOfTheTerm (L2): a period that does not
// read suggests periods inside the term.
func TestPeriodErrorsSuggestPeriodsOfTheTerm(t *testing.T) {
	plan := load(t, termPlan) // 2021–2025
	_, err := report.ParsePeriod("2024-H2", plan)
	var pe *report.PeriodError
	if !errors.As(err, &pe) {
		t.Fatalf("%v", err)
	}
	for day, want := range map[indicator.Date]int{d(2031, 5, 1): 2025, d(2023, 5, 1): 2023, d(2019, 5, 1): 2021} {
		if got := pe.ExampleYear(day); got != want {
			t.Errorf("on %v: %d, want %d", day, got, want)
		}
	}
}

// TestPeriodWords: the chat's and the command line's Vietnamese words for
// the periods, with or without diacritics.
func TestPeriodWords(t *testing.T) {
	plan := load(t, termPlan)
	for text, want := range map[string]string{
		"giữa kỳ": "mid", "giua ky": "mid", "giữa nhiệm kỳ": "mid", "Giữa Nhiệm Kỳ": "mid", "giữa": "mid", "sơ kết giữa nhiệm kỳ": "mid",
		"nhiemky": "term", "nhiệm kỳ": "term", "cả nhiệm kỳ": "term", "ca nhiem ky": "term", "toàn khóa": "term", "cả": "term", "tổng kết nhiệm kỳ": "term",
		"6 tháng đầu năm 2024": "2024-H1", "6 thang dau nam 2024": "2024-H1", "6 tháng 2024": "2024-H1", "sáu tháng đầu năm 2024": "2024-H1",
		"H1 2024": "2024-H1", "2024 h1": "2024-H1", "6t/2024": "2024-H1",
		"năm 2024": "2024", "nam 2024": "2024", "cả năm 2024": "2024", "tổng kết năm 2024": "2024",
	} {
		p, err := report.ParsePeriod(text, plan)
		if err != nil || p.String() != want {
			t.Errorf("%q: %v %v, want %s", text, p, err, want)
		}
	}
}

// TestATermEndedEarly: a term ended before its planned end says so and how
// its cut year is judged; every other year keeps its own target.
func TestATermEndedEarly(t *testing.T) {
	plan := load(t, termPlan)
	plan.EndOn(d(2025, 6, 30))
	p, _ := report.ParsePeriod("term", plan)
	doc, err := report.Build(report.Input{Source: report.Source{Plan: plan, Figures: upTo(figures(), d(2025, 6, 30)), Name: "2021–2025", EndedEarly: true},
		Period: p, Day: d(2025, 9, 1)})
	if err != nil {
		t.Fatal(err)
	}
	text := bodyText(doc)
	if !strings.Contains(text, "Nhiệm kỳ kết thúc trước thời hạn, vào ngày 30/6/2025. Năm 2025 được tính từ ngày 1/1/2025 đến ngày 30/6/2025: mục tiêu năm của các chỉ tiêu tính theo số lượng được tính theo tỷ lệ số ngày (chẳng hạn CT01.1: ≥ 45 đảng viên thay cho ≥ 90 đảng viên)") {
		t.Errorf("the body:\n%s", text)
	}
	head, rows := annex(t, doc, 1)
	if got := cell(t, head, rows["CT01.1"], "Mục tiêu"); got != "≥ 90\n(hằng năm)" {
		t.Errorf("CT01.1's target: %q", got)
	}
	_, years := annex(t, doc, 2)
	if got := years["CT01.1"]; got[3] != "≥ 90" || !strings.HasSuffix(got[8], "(mục tiêu năm ≥ 45)") {
		t.Errorf("Phụ lục 2's CT01.1: %q", got)
	}
}
