// Package render writes the domain for people: an indicator's values with
// their units, its status line, the pace still needed, report periods and
// days, in Telegram HTML with every text from a plan or a person escaped.
// The bot and the reminders both speak through it.
package render

import (
	"fmt"
	"html"
	"math"
	"strings"

	"chitieu/indicator"
	"chitieu/locales"
)

// Esc escapes text a person typed or a plan holds for Telegram HTML.
func Esc(s string) string { return html.EscapeString(s) }

// Marks are the signs of the statuses in lists.
var Marks = map[indicator.Status]string{
	indicator.Achieved: "✅", indicator.Missed: "❌", indicator.NoData: "⚪",
	indicator.OnTrack: "🟢", indicator.AtRisk: "🟡", indicator.OffTrack: "🔴",
}

// Value writes a value of an indicator with its unit: "41 đảng viên",
// "75,5%", "Hoàn thành tốt"; "—" when unknown. It is plain text.
func Value(ind *indicator.Indicator, v float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case ind.Choices() != nil:
		return ind.Label(v)
	}
	s := locales.FormatNumber(v, 2)
	switch u := ind.Unit(); u {
	case "":
		return s
	case "%", "‰":
		return s + u
	default:
		return s + " " + u
	}
}

// Op writes a target's comparison as a person reads it: ≥, >, ≤, <, = (plain
// text: escape it for HTML).
func Op(o indicator.Op) string {
	return map[indicator.Op]string{indicator.GE: "≥", indicator.GT: ">", indicator.LE: "≤", indicator.LT: "<", indicator.EQ: "="}[o]
}

// StatusLine is one indicator in a list: mark, code, name, actual against
// target, status, the day the figures stand for when it lies before the
// current report period (the status is judged on that day, not today),
// and the overdue flag.
func StatusLine(p *locales.Printer, e indicator.Evaluation) string {
	ind := e.Indicator
	line := fmt.Sprintf("%s <b>%s</b> %s: %s / %s %s — %s", Marks[e.Status], Esc(ind.Code), Esc(ind.Name),
		Esc(Value(ind, e.Actual)), Esc(Op(ind.Target.Op)), Esc(Value(ind, e.Target)), p.T("status."+e.Status.String()))
	switch {
	case e.MissingBaseline != nil:
		line += " (" + p.T("status.missing_baseline", "Date", Date(*e.MissingBaseline)) + ")"
	case e.AsOf != 0 && e.AsOf < e.Indicator.Report.PeriodOf(e.Day).From:
		line += " (" + p.T("status.as_of", "Date", Date(e.AsOf)) + ")"
	}
	if e.Overdue {
		line += " · ⏰ " + p.T("status.overdue")
	}
	return line
}

// Pace says what is still needed, worded by the target's direction, or ""
// when nothing is. Its parts agree: Gap in Months is PerMonth a month.
func Pace(p *locales.Printer, e indicator.Evaluation) string {
	ind, pace := e.Indicator, e.Pace
	switch {
	case e.Day >= e.End || pace.Gap == 0:
		return ""
	case ind.Increments():
		return p.T("bot.pace_count", "Gap", Esc(Value(ind, pace.Gap)), "Months", pace.Months,
			"PerMonth", Esc(locales.FormatNumber(pace.PerMonth, 1)))
	}
	return p.T("bot.pace_"+ind.Target.Op.Name(), "Target", Esc(Value(ind, e.Target)), "End", Date(e.End))
}

// Date writes a day the Vietnamese way: 26/11/2026.
func Date(d indicator.Date) string {
	y, m, day := d.Civil()
	return fmt.Sprintf("%02d/%02d/%d", day, int(m), y)
}

// Period names a report period: tháng 11/2026, quý IV/2026, năm 2026,
// tuần 23/11–29/11/2026.
func Period(p *locales.Printer, e indicator.Every, per indicator.Period) string {
	y, m, _ := per.From.Civil()
	switch e {
	case indicator.EveryWeek:
		return p.T("period.week", "From", Date(per.From)[:5], "To", Date(per.To))
	case indicator.EveryMonth:
		return p.T("period.month", "Month", int(m), "Year", y)
	case indicator.EveryQuarter:
		return p.T("period.quarter", "Quarter", []string{"I", "II", "III", "IV"}[(int(m)-1)/3], "Year", y)
	}
	return p.T("period.year", "Year", y)
}

// Counts writes how many indicators stand at each status.
func Counts(p *locales.Printer, evals []indicator.Evaluation) string {
	n := map[indicator.Status]int{}
	overdue := 0
	for _, e := range evals {
		n[e.Status]++
		if e.Overdue {
			overdue++
		}
	}
	var parts []string
	for s := indicator.Achieved; s <= indicator.OffTrack; s++ {
		if n[s] > 0 {
			parts = append(parts, fmt.Sprintf("%s %s %d", Marks[s], p.T("status."+s.String()), n[s]))
		}
	}
	if overdue > 0 {
		parts = append(parts, fmt.Sprintf("⏰ %s %d", p.T("status.overdue"), overdue))
	}
	return strings.Join(parts, " · ")
}

// Lines joins lines of a message.
func Lines(ls ...string) string { return strings.Join(ls, "\n") }

// Split cuts a message into parts of at most n bytes, between lines (a
// single longer line is cut where it must be): Telegram takes 4096
// characters a message.
func Split(text string, n int) []string {
	var parts []string
	var cur strings.Builder
	for _, line := range strings.Split(text, "\n") {
		for len(line) > n {
			parts = append(parts, line[:n])
			line = line[n:]
		}
		if cur.Len()+len(line)+1 > n && cur.Len() > 0 {
			parts = append(parts, strings.TrimRight(cur.String(), "\n"))
			cur.Reset()
		}
		cur.WriteString(line + "\n")
	}
	if s := strings.TrimRight(cur.String(), "\n"); s != "" {
		parts = append(parts, s)
	}
	return parts
}
