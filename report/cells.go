package report

import (
	"fmt"
	"math"
	"strings"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
)

// What a report says of one result, in the words its table's cells and
// its sentences share: the value and the day its figures stand for, the
// reports missing, the estimate, how it stands against its target or its
// trajectory, and its word.

// nbsp keeps a number with its unit or its sign: a line never breaks
// between them.
const nbsp = "\u00a0"

// dmy writes a day as offices write it in a report's text: 20/6/2025,
// without leading zeros (the header's date line has its own rule).
func dmy(d indicator.Date) string {
	y, m, day := d.Civil()
	return fmt.Sprintf("%d/%d/%d", day, int(m), y)
}

// periodValue is the window's value as the period's column states it: NaN
// without a figure, or when its latest figure stands for a day before the
// period (a year with no figure shows none, never a figure of another
// year).
func periodValue(e indicator.Evaluation, p Period) float64 {
	if e.AsOf != 0 && e.AsOf < p.Span.From {
		return math.NaN()
	}
	return e.Reported()
}

// short reports whether the figures stop before the period's last report
// (cut to the window's trajectory): the value is as of an earlier day.
func short(e indicator.Evaluation, p Period) bool {
	if e.AsOf == 0 {
		return false
	}
	return e.Indicator.Report.PeriodOf(e.AsOf).To < min(p.Span.To, e.End)
}

// missedReports is how many reports of the window are overdue on the day
// judged: from the period after its latest figure's to the one overdue.
func missedReports(e indicator.Evaluation) int {
	if !e.Overdue || e.Due == nil {
		return 0
	}
	s := e.Indicator.Report
	from := e.Window.From
	if e.AsOf != 0 {
		from = s.PeriodOf(e.AsOf).To + 1
	}
	n := 0
	for q := s.PeriodOf(from); q.From <= e.Due.From && n < 1000; q = s.PeriodOf(q.To + 1) {
		n++
	}
	return max(n, 1)
}

// asOf is the note on a value's age: the day its figures stand for when
// they stop short of the period's last report, and the reports overdue;
// "" when there is nothing to say.
func asOf(e indicator.Evaluation, p Period) string {
	var parts []string
	if short(e, p) {
		parts = append(parts, w("as_of", "Date", dmy(e.AsOf)))
	}
	if n := missedReports(e); n > 0 {
		parts = append(parts, w("overdue", "N", n))
	}
	return strings.Join(parts, "; ")
}

// bare writes a value without its unit, the unit kept to its column or
// its sentence; a number and its unit never break apart.
func bare(ind *indicator.Indicator, v float64) string { return render.Bare(ind, v) }

// estimated writes an estimate as precisely as the indicator is shown: a
// count whole (as the domain forecasts it), a percent or a per mille to
// one decimal, an amount of money whole, anything else to one decimal.
func estimated(ind *indicator.Indicator, v float64) string {
	if math.IsNaN(v) || ind.Whole() || ind.Choices() != nil {
		return bare(ind, v)
	}
	digits := 1
	if strings.Contains(ind.Unit(), "đồng") {
		digits = 0
	}
	p := math.Pow10(digits)
	return bare(ind, math.Round(v*p)/p)
}

// withUnit is a number as a sentence states it, with its unit of measure
// ("≥ 90 đảng viên", "201 hộ"); a percent, a level's name or a place
// already says what it is.
func withUnit(ind *indicator.Indicator, s string) string {
	u := ind.Unit()
	if u == "" || u == "%" || u == "‰" || ind.Choices() != nil || ind.Ranked() || s == "—" || s == "" {
		return s
	}
	return s + " " + u
}

// keep joins a comparison's sign to its number ("≥ 8"), so that a narrow
// cell never breaks them apart.
func keep(s string) string {
	for _, sign := range []string{"≥ ", "≤ ", "> ", "< "} {
		s = strings.ReplaceAll(s, sign, strings.TrimSpace(sign)+nbsp)
	}
	return s
}

// against says how value v stands against the target where that means
// something: a floor on a count or a level, as a share of it — "bằng 44%
// kế hoạch năm" — or, for a rate, in points; "" for a ceiling, a rating,
// a stage, a percent of a Đề án's work or a place. of names the target.
func against(ind *indicator.Indicator, v, target float64, of string) string {
	op := ind.Target.Op
	if ind.Choices() != nil || ind.Ranked() || ind.Kind == indicator.Milestone ||
		op != indicator.GE && op != indicator.GT || !(target > 0) || math.IsNaN(v) {
		return ""
	}
	if u := ind.Unit(); u == "%" || u == "‰" {
		d := v - target
		if math.Abs(d) < 0.005 {
			return w("compare.same")
		}
		return w("compare.points", "Up", d > 0, "Points", locales.FormatNumber(math.Abs(d), 2), "Unit", u)
	}
	pct := v / target * 100
	digits := 0
	if pct < 10 {
		digits = 1
	}
	return w("compare.ratio", "Percent", locales.FormatNumber(pct, digits), "Of", of)
}

// growth is the mean yearly growth a compound target's value has made
// since its baseline, in percent, as statistics offices compute "tăng
// bình quân"; NaN where it means nothing.
func growth(e indicator.Evaluation) float64 {
	ind := e.Indicator
	if ind.Trajectory != indicator.Compound || ind.Kind == indicator.Count || !(e.Baseline > 0) || e.AsOf <= e.Start ||
		math.IsNaN(e.Actual) {
		return math.NaN()
	}
	years := float64(e.AsOf-e.Start) / 365.25
	return (math.Pow(e.Actual/e.Baseline, 1/years) - 1) * 100
}

// growthText words growth: "tăng bình quân 8,2%/năm".
func growthText(g float64) string {
	return w("growth", "Up", g >= 0, "Rate", locales.FormatNumber(math.Abs(g), 1))
}

// compound reports whether the indicator's target is a rate of growth
// ("tăng bình quân 10%/năm"), stated as the resolution does.
func compound(ind *indicator.Indicator) bool {
	return ind.Trajectory == indicator.Compound && ind.Kind != indicator.Count
}

// endName names the last day of a trajectory: "hết năm 2030", or the day.
func endName(d indicator.Date) string {
	if _, m, day := d.Civil(); m == 12 && day == 31 {
		return w("end.year", "Year", d.Year())
	}
	return w("end.day", "Date", dmy(d))
}
