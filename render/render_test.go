package render

import (
	"math"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/telegramtest"
)

func TestValue(t *testing.T) {
	count := &indicator.Indicator{Kind: indicator.Count, UnitOfMeasure: "đảng viên"}
	share := &indicator.Indicator{Kind: indicator.Level, UnitOfMeasure: "%"}
	rating := &indicator.Indicator{Kind: indicator.Rating, Scale: indicator.DefaultScale}
	tests := []struct {
		ind  *indicator.Indicator
		v    float64
		want string
	}{
		{count, 1234, "1.234 đảng viên"},
		{share, 93.456, "93,46%"},
		{rating, 2, "Hoàn thành tốt"},
		{share, math.NaN(), "—"},
	}
	for _, tt := range tests {
		if got := Value(tt.ind, tt.v); got != tt.want {
			t.Errorf("Value(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestPeriodAndDate(t *testing.T) {
	p := locales.MustLoad().Printer("vi")
	d := indicator.NewDate(2026, 11, 26)
	tests := map[indicator.Every]string{indicator.EveryWeek: "tuần 23/11–29/11/2026", indicator.EveryMonth: "tháng 11/2026",
		indicator.EveryQuarter: "quý IV/2026", indicator.EveryYear: "năm 2026"}
	for every, want := range tests {
		s := indicator.Schedule{Every: every, DueDay: 1}
		if got := Period(p, every, s.PeriodOf(d)); got != want {
			t.Errorf("%v: %q, want %q", every, got, want)
		}
	}
	if Date(d) != "26/11/2026" {
		t.Errorf("Date = %q", Date(d))
	}
}

func TestSplit(t *testing.T) {
	text := strings.Repeat("<b>dòng</b> chữ\n", 1000)
	parts := Split(text, 4000)
	total := 0
	for _, p := range parts {
		if len(p) > 4000 || strings.HasPrefix(p, "\n") || strings.Count(p, "<b>") != strings.Count(p, "</b>") {
			t.Errorf("a part of %d bytes", len(p))
		}
		total += strings.Count(p, "dòng")
	}
	if total != 1000 || len(parts) < 4 {
		t.Errorf("%d lines in %d parts", total, len(parts))
	}
	if got := Split(strings.Repeat("x", 9000), 4000); len(got) != 3 {
		t.Errorf("a long line in %d parts", len(got))
	}
}

func TestEscapedStatusLine(t *testing.T) {
	ind := &indicator.Indicator{Code: "X<1>", Name: "a & b", Kind: indicator.Level, UnitOfMeasure: "%",
		Target: indicator.Target{Op: indicator.GE, Value: 90}, Trajectory: indicator.Constant,
		Report: indicator.Schedule{Every: indicator.EveryYear, DueDay: 31},
		Term:   indicator.Period{From: indicator.NewDate(2020, 1, 1), To: indicator.NewDate(2025, 12, 31)}}
	ind.Window = indicator.Term
	e := indicator.Evaluate(ind, []indicator.Figure{{Date: indicator.NewDate(2022, 12, 31), Value: 80}}, indicator.NewDate(2023, 6, 30))
	line := StatusLine(locales.MustLoad().Printer("vi"), e)
	if !strings.Contains(line, "X&lt;1&gt;") || !strings.Contains(line, "a &amp; b") || !strings.Contains(line, "≥ 90%") ||
		!strings.Contains(line, "(số liệu tính đến ngày 31/12/2022)") {
		t.Errorf("line = %q", line)
	}
}

func TestCeilingTargetIsEscaped(t *testing.T) {
	ind := &indicator.Indicator{Code: "CT03.1", Name: "Tỷ suất sinh thô", Kind: indicator.Level, UnitOfMeasure: "‰",
		Target: indicator.Target{Op: indicator.LT, Value: 12.37}, Trajectory: indicator.Constant, Window: indicator.Term,
		Report: indicator.Schedule{Every: indicator.EveryYear, DueDay: 31},
		Term:   indicator.Period{From: indicator.NewDate(2020, 1, 1), To: indicator.NewDate(2025, 12, 31)}}
	e := indicator.Evaluate(ind, []indicator.Figure{{Date: indicator.NewDate(2022, 12, 31), Value: 12.2}}, indicator.NewDate(2023, 6, 30))
	if line := StatusLine(locales.MustLoad().Printer("vi"), e); !strings.Contains(line, "12,2‰ / &lt; 12,37‰") {
		t.Errorf("line = %q", line)
	}
}

func TestSplitKeepsLettersAndTagsWhole(t *testing.T) {
	tests := map[string]string{
		"a long line of Vietnamese letters": strings.Repeat("Kết nạp đảng viên ", 600),
		"a bold run across the cut":         "<b>" + strings.Repeat("Đạt ", 2000) + "</b> xong",
		"a link across lines":               `<a href="https://t.me/x?a=1&amp;b=2">` + strings.Repeat("dòng ổn\n", 900) + "</a>",
		"entities across the cut":           strings.Repeat("a &amp; b &lt; c ", 700),
	}
	for name, text := range tests {
		t.Run(name, func(t *testing.T) {
			parts := Split(text, 4000)
			if len(parts) < 2 {
				t.Fatalf("%d parts", len(parts))
			}
			var plain strings.Builder
			for _, p := range parts {
				if len(p) > 4000 || !utf8.ValidString(p) {
					t.Errorf("a part of %d bytes, valid UTF-8 %v", len(p), utf8.ValidString(p))
				}
				if err := telegramtest.CheckHTML(p); err != nil {
					t.Errorf("a part Telegram refuses: %v\n%.80q…%.80q", err, p, p[max(0, len(p)-80):])
				}
				plain.WriteString(stripTags(p))
			}
			if want := strings.ReplaceAll(stripTags(text), "\n", ""); strings.ReplaceAll(plain.String(), "\n", "") != want {
				t.Error("the parts do not hold the whole text")
			}
		})
	}
}

func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestCountsAndMomentRead(t *testing.T) {
	p := locales.MustLoad().Printer("vi")
	ind := &indicator.Indicator{Code: "A", Kind: indicator.Level, UnitOfMeasure: "%"}
	evals := []indicator.Evaluation{{Indicator: ind, Status: indicator.NoData}, {Indicator: ind, Status: indicator.NoData, Overdue: true},
		{Indicator: ind, Status: indicator.OnTrack}}
	if got, want := Counts(p, evals), "⚪ Chưa có số liệu: 2 · 🟢 Đúng tiến độ: 1 · ⏰ Quá hạn báo cáo: 1"; got != want {
		t.Errorf("Counts = %q, want %q", got, want)
	}
	at := time.Date(2025, 10, 22, 9, 4, 0, 0, time.UTC)
	if got := Moment(p, at); got != "09:04 ngày 22/10/2025" {
		t.Errorf("Moment = %q", got)
	}
	if got := Moment(locales.MustLoad().Printer("en"), at); got != "09:04 on 22/10/2025" {
		t.Errorf("Moment in English = %q", got)
	}
}

func TestDueRuleNamesTheDayOfEveryPeriod(t *testing.T) {
	p := locales.MustLoad().Printer("vi")
	tests := []struct {
		s    indicator.Schedule
		want string
	}{
		{indicator.Schedule{Every: indicator.EveryWeek, DueDay: 1}, "thứ Hai"},
		{indicator.Schedule{Every: indicator.EveryWeek, DueDay: 7}, "Chủ nhật"},
		{indicator.Schedule{Every: indicator.EveryMonth, DueDay: 25}, "ngày 25"},
		{indicator.Schedule{Every: indicator.EveryQuarter, DueDay: 20}, "ngày 20 tháng cuối quý"},
		{indicator.Schedule{Every: indicator.EveryQuarter, DueDay: 10, LagMonths: 1}, "ngày 10 tháng liền sau kỳ báo cáo"},
		{indicator.Schedule{Every: indicator.EveryMonth, DueDay: 5, LagMonths: 2}, "ngày 5 của tháng thứ 2 sau kỳ báo cáo"},
		{indicator.Schedule{Every: indicator.EveryYear, DueDay: 20}, "ngày 20/12"},
		{indicator.Schedule{Every: indicator.EveryYear, DueDay: 15, LagMonths: 3}, "ngày 15/03 năm sau"},
		{indicator.Schedule{Every: indicator.EveryYear, DueDay: 31, LagMonths: 2}, "ngày 28/02 năm sau"},
	}
	for _, tt := range tests {
		if got := DueRule(p, tt.s); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestNoDataNotYetDueSaysSo(t *testing.T) {
	ind := &indicator.Indicator{Code: "CT01.5", Name: "Xếp loại", Kind: indicator.Rating, Scale: indicator.DefaultScale,
		Target: indicator.Target{Op: indicator.GE, Value: 2}, Trajectory: indicator.Constant, Window: indicator.Year,
		Report: indicator.Schedule{Every: indicator.EveryYear, DueDay: 15, LagMonths: 3},
		Term:   indicator.Period{From: indicator.NewDate(2020, 1, 1), To: indicator.NewDate(2025, 12, 31)}}
	p := locales.MustLoad().Printer("vi")
	e := indicator.Evaluate(ind, []indicator.Figure{{Date: indicator.NewDate(2023, 12, 31), Value: 2}}, indicator.NewDate(2024, 10, 15))
	if line := StatusLine(p, e); !strings.Contains(line, "Chưa có số liệu (chưa đến hạn báo cáo, hạn ngày 17/03/2025)") {
		t.Errorf("line = %q", line)
	}
	e = indicator.Evaluate(ind, nil, indicator.NewDate(2024, 10, 15))
	if line := StatusLine(p, e); strings.Contains(line, "chưa đến hạn") || !strings.Contains(line, "Quá hạn báo cáo") {
		t.Errorf("2023's rating missing: %q", line)
	}
}

// TestAResultMissedWithinItsBandIsCoBanDat: a final result missed within
// its band reads "Cơ bản đạt" in a list and its counts, as the báo cáo
// says it, not "Không đạt" beside a "cơ bản đạt" result.
func TestAResultMissedWithinItsBandIsCoBanDat(t *testing.T) {
	p := locales.MustLoad().Printer("vi")
	members := &indicator.Indicator{Code: "CT01.1", Name: "Kết nạp đảng viên mới", Kind: indicator.Count, UnitOfMeasure: "đảng viên",
		Window: indicator.Year, Target: indicator.Target{Op: indicator.GE, Value: 90}, Trajectory: indicator.Linear,
		Report: indicator.Schedule{Every: indicator.EveryMonth, DueDay: 25},
		Term:   indicator.Period{From: indicator.NewDate(2020, 1, 1), To: indicator.NewDate(2025, 12, 31)}}
	on := indicator.NewDate(2024, 3, 1)
	nearly, _ := indicator.Ended(members, []indicator.Figure{{Date: indicator.NewDate(2023, 12, 20), Value: 85}}, on)
	missed, _ := indicator.Ended(members, []indicator.Figure{{Date: indicator.NewDate(2023, 12, 20), Value: 60}}, on)
	if line := StatusLine(p, nearly); !strings.Contains(line, "— Cơ bản đạt") || strings.Contains(line, "Không đạt") {
		t.Errorf("85 of 90: %s", line)
	}
	if line := StatusLine(p, missed); !strings.Contains(line, "❌") || !strings.Contains(line, "— Không đạt") {
		t.Errorf("60 of 90: %s", line)
	}
	if got, want := Counts(p, []indicator.Evaluation{nearly, missed}), "🟡 Cơ bản đạt: 1 · ❌ Không đạt: 1 · ⏰ Quá hạn báo cáo: 2"; got != want {
		t.Errorf("Counts = %q, want %q", got, want)
	}
}
