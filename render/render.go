// Package render writes the domain for people: an indicator's values with
// their units, its status line, the pace still needed, report periods and
// days, in Telegram HTML with every text from a plan or a person escaped.
// The bot and the reminders both speak through it.
package render

import (
	"fmt"
	"html"
	"math"
	"reflect"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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
	case ind.Ranked():
		return rank(v)
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
	mark, word := StatusWord(p, e)
	line := fmt.Sprintf("%s <b>%s</b> %s: %s / %s — %s", mark, Esc(ind.Code), Esc(ind.Name),
		Esc(Value(ind, e.Reported())), Esc(Target(p, e)), word)
	switch {
	case e.Provisional:
		line += " (" + p.T("status.provisional", "Date", Date(lastDue(e))) + ")"
	case e.Final() && e.Figures == 0:
		line += " (" + p.T("status.not_assessed") + ")"
	case e.Final() && e.Incomplete:
		line += " (" + p.T("status.incomplete", "Date", Date(e.AsOf), "Window", WindowName(p, e)) + ")"
	case e.MissingBaseline != nil:
		line += " (" + p.T("status.missing_baseline", "Date", Date(*e.MissingBaseline)) + ")"
	case e.Status == indicator.NoData && !e.Overdue && firstDue(e) > e.Day:
		line += " (" + p.T("status.not_yet_due", "Date", Date(firstDue(e))) + ")"
	case e.AsOf != 0 && e.AsOf < e.Indicator.Report.PeriodOf(e.Day).From:
		line += " (" + p.T("status.as_of", "Date", Date(e.AsOf)) + ")"
	}
	if share := ind.Prorated(e.Window); share < 1 {
		line += " (" + p.T("status.prorated", "From", Date(e.Window.From), "To", Date(e.Window.To)) + ")"
	}
	if e.Overdue {
		line += " · ⏰ " + p.T("status.overdue")
	}
	return line
}

// firstDue is the due day of the first report of the evaluation's window:
// until then "no data" is no neglect.
func firstDue(e indicator.Evaluation) indicator.Date {
	s := e.Indicator.Report
	return s.DueDate(s.PeriodOf(e.Window.From))
}

// Pace says what is still needed, worded by the target's direction, or ""
// when nothing is: a floor count's gap and its monthly rate (never rounded
// up to a whole: 3 in 30 months is one in 10 months), a ceiling count's
// room under its cap or that it is past it, a level's or a place's aim.
// A trajectory judged only at its end says how many days are left.
func Pace(p *locales.Printer, e indicator.Evaluation) string {
	ind, pace := e.Indicator, e.Pace
	switch {
	case pace.Ceiling && pace.Over > 0:
		return p.T("bot.pace_over", "Target", Esc(Value(ind, e.Target)), "Window", WindowName(p, e), "None", e.Target == 0,
			"Actual", Esc(Value(ind, e.Actual)), "Unit", Esc(ind.Unit()))
	case e.Day >= e.End:
		return ""
	case pace.Ceiling:
		return p.T("bot.pace_room", "Room", Esc(Value(ind, pace.Room)), "Months", pace.Months, "Zero", pace.Room == 0,
			"Target", Esc(Value(ind, e.Target)), "None", e.Target == 0, "Unit", Esc(ind.Unit()))
	case !pace.Needed:
		return ""
	case ind.Increments():
		return countPace(p, ind, pace)
	}
	aim := Target(p, e)
	if !ind.Ranked() {
		aim = Aim(p, ind, e.Target)
	}
	var days int
	if ind.Trajectory == indicator.End {
		days = pace.DaysLeft
	}
	return p.T("bot.pace_level", "Aim", Esc(aim), "End", Date(e.End), "Days", days)
}

// countPace is a floor count's gap in the months left and its rate: about
// N a month, or one in N months when less than one a month is needed.
func countPace(p *locales.Printer, ind *indicator.Indicator, pace indicator.Pace) string {
	gap := Esc(Value(ind, pace.Gap))
	if pace.PerMonth >= 1 || pace.PerMonth == 0 {
		return p.T("bot.pace_count", "Gap", gap, "Months", pace.Months, "PerMonth", locales.FormatNumber(pace.PerMonth, 1))
	}
	every := float64(pace.Months) / pace.Gap
	digits := 0
	if every < 2 {
		digits = 1
	}
	return p.T("bot.pace_count_slow", "Gap", gap, "Months", pace.Months, "Every", locales.FormatNumber(every, digits))
}

// Date writes a day the Vietnamese way: 26/11/2026.
func Date(d indicator.Date) string {
	y, m, day := d.Civil()
	return fmt.Sprintf("%02d/%02d/%d", day, int(m), y)
}

// DueRule says when a schedule's report is due, in words that hold for
// every period: thứ Hai; ngày 25; ngày 20 tháng cuối quý; ngày 20/12;
// ngày 15/03 năm sau; ngày 10 tháng liền sau kỳ báo cáo. (A due day on a
// day off moves to the next working day.)
func DueRule(p *locales.Printer, s indicator.Schedule) string {
	switch {
	case s.Every == indicator.EveryWeek:
		return strings.Split(p.T("due.weekdays"), "|")[(s.DueDay+6)%7]
	case s.Every == indicator.EveryYear:
		m := time.Month((11+s.LagMonths)%12 + 1)
		day := min(s.DueDay, time.Date(2001, m+1, 0, 0, 0, 0, 0, time.UTC).Day())
		return p.T("due.year", "Date", fmt.Sprintf("%02d/%02d", day, int(m)), "Later", s.LagMonths > 0)
	case s.LagMonths > 0:
		return p.T("due.after", "Day", s.DueDay, "Lag", s.LagMonths)
	}
	return p.T("due."+s.Every.String(), "Day", s.DueDay)
}

// Moment writes a time of day and its day as running text reads them:
// 09:04 ngày 22/10/2025 (in the time zone t is in).
func Moment(p *locales.Printer, t time.Time) string {
	return p.T("time.at", "Time", t.Format("15:04"), "Date", t.Format("02/01/2006"))
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

// nearlyMet reports whether e is a final result missed within its band:
// cơ bản đạt, which a list words as a báo cáo does, not as "Không đạt".
func nearlyMet(e indicator.Evaluation) bool {
	g, final := e.Result()
	return final && e.Status == indicator.Missed && g == indicator.NearlyMet
}

// StatusWord is the mark and word of an indicator's status in a list: the
// status, or for a final result missed within its band, cơ bản đạt.
func StatusWord(p *locales.Printer, e indicator.Evaluation) (mark, word string) {
	if nearlyMet(e) {
		return GradeMarks[indicator.NearlyMet], Grade(p, indicator.NearlyMet)
	}
	return Marks[e.Status], p.T("status." + e.Status.String())
}

// Counts writes how many indicators stand at each status, the final
// results missed within their band apart as cơ bản đạt.
func Counts(p *locales.Printer, evals []indicator.Evaluation) string {
	n := map[indicator.Status]int{}
	overdue, nearly := 0, 0
	for _, e := range evals {
		if nearlyMet(e) {
			nearly++
		} else {
			n[e.Status]++
		}
		if e.Overdue {
			overdue++
		}
	}
	var parts []string
	for s := indicator.Achieved; s <= indicator.OffTrack; s++ {
		if s == indicator.Missed && nearly > 0 {
			parts = append(parts, fmt.Sprintf("%s %s: %d", GradeMarks[indicator.NearlyMet], Grade(p, indicator.NearlyMet), nearly))
		}
		if n[s] > 0 {
			parts = append(parts, fmt.Sprintf("%s %s: %d", Marks[s], p.T("status."+s.String()), n[s]))
		}
	}
	if overdue > 0 {
		parts = append(parts, fmt.Sprintf("⏰ %s: %d", p.T("status.overdue"), overdue))
	}
	return strings.Join(parts, " · ")
}

// Lines joins lines of a message.
func Lines(ls ...string) string { return strings.Join(ls, "\n") }

// Split cuts a message into parts of at most n bytes, between lines where
// it can (a single longer line is cut where it must be): Telegram takes
// 4096 characters a message. A cut never falls inside a letter, a tag or
// an entity, and a tag open at a cut is closed before it and opened again
// after it, so each part is valid Telegram HTML on its own.
func Split(text string, n int) []string {
	toks := htmlTokens(text)
	var parts []string
	var open []string
	for i := 0; i < len(toks); {
		var part string
		part, i, open = fill(toks, i, open, n)
		if strings.TrimSpace(part) != "" {
			parts = append(parts, part)
		}
	}
	return parts
}

// fill makes one part from toks[i:], with the tags open before it opened
// again; it returns the part, where the next starts and the tags open
// there.
func fill(toks []string, i int, open []string, n int) (string, int, []string) {
	var b strings.Builder
	b.WriteString(strings.Join(open, ""))
	open = slices.Clone(open)
	cut := -1 // the last line break: its place in b, its token, the tags open there
	var cutAt int
	var cutOpen []string
	for j := i; j < len(toks); j++ {
		next := withTag(open, toks[j])
		if b.Len()+len(toks[j])+len(closers(next)) > n && j > i {
			if cut >= 0 {
				return strings.TrimRight(b.String()[:cut], "\n") + closers(cutOpen), cutAt + 1, cutOpen
			}
			return b.String() + closers(open), j, open
		}
		if toks[j] == "\n" {
			cut, cutAt, cutOpen = b.Len(), j, slices.Clone(open)
		}
		b.WriteString(toks[j])
		open = next
	}
	return strings.TrimRight(b.String(), "\n") + closers(open), len(toks), open
}

// htmlTokens cuts Telegram HTML into tags, entities, line breaks and
// letters: the pieces a cut may fall between.
func htmlTokens(text string) []string {
	var toks []string
	for len(text) > 0 {
		end := 0
		switch text[0] {
		case '<':
			end = strings.IndexByte(text, '>') + 1
		case '&':
			end = strings.IndexByte(text, ';') + 1
			if end > 12 { // not an entity: a bare ampersand
				end = 0
			}
		}
		if end <= 0 {
			_, end = utf8.DecodeRuneInString(text)
		}
		toks = append(toks, text[:end])
		text = text[end:]
	}
	return toks
}

// withTag is the tags open after tok.
func withTag(open []string, tok string) []string {
	switch {
	case !strings.HasPrefix(tok, "<") || len(tok) < 3:
		return open
	case tok[1] == '/':
		if len(open) > 0 {
			return open[: len(open)-1 : len(open)-1]
		}
		return open
	}
	return append(open[:len(open):len(open)], tok)
}

// closers closes the open tags, the innermost first.
func closers(open []string) string {
	var b strings.Builder
	for i := len(open) - 1; i >= 0; i-- {
		name, _, _ := strings.Cut(strings.Trim(open[i], "<>"), " ")
		b.WriteString("</" + name + ">")
	}
	return b.String()
}

// Name is a person's name as shown and kept: without the invisible
// characters (bidi controls, zero-width marks, other controls) that could
// make it read as something else. What a person types for others to read
// beside a figure (its note, a correction's reason) is cleaned by it too.
func Name(s string) string {
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r) && unicode.IsSpace(r): // a line break keeps the words apart
			return ' '
		case unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
			return -1
		}
		return r
	}, s))
}

// PlanChanges says what a plan version changes, a line per kind of change:
// the indicators added, removed, renamed (old → new) and changed, and the
// term; one line saying nothing changes when nothing does.
func PlanChanges(p *locales.Printer, d indicator.PlanDiff) []string {
	if d.Empty() {
		return []string{p.T("version.no_change")}
	}
	var renamed, out []string
	for _, r := range d.Renamed {
		renamed = append(renamed, r[0]+" → "+r[1])
	}
	for _, part := range []struct {
		key   string
		codes []string
	}{{"version.added", d.Added}, {"version.removed", d.Removed}, {"version.renamed", renamed}, {"version.changed", d.Changed}} {
		if len(part.codes) > 0 {
			out = append(out, p.T(part.key, "Count", len(part.codes), "Codes", strings.Join(part.codes, ", ")))
		}
	}
	if d.Term {
		out = append(out, p.T("version.term"))
	}
	return out
}

// Problem is a plan problem said in words: where in the plan ("CT01.1: ",
// or "") and what is wrong; its line is the caller's to add.
func Problem(p *locales.Printer, pr indicator.Problem) (where, message string) {
	data := map[string]any{"Field": pr.Field}
	for k, v := range pr.Args {
		data[k] = v
	}
	if w, ok := data["want"].(string); ok {
		data["want"] = p.T("want." + w)
	}
	if pr.Where != "" {
		where = pr.Where + ": "
	}
	message = p.TMap(pr.ID, data)
	if s, ok := pr.Args["value"].(string); ok && strings.ContainsAny(s, "“”‘’") { // what the file says
		return where, message + " " + p.T("plan.curly_quotes")
	}
	return where, message
}

// Revisions says, for each indicator in both plans of one term, each
// revision the new plan adds: its day, the target before (as the new plan
// has it) and after, and its resolution.
func Revisions(p *locales.Printer, old, next *indicator.Plan) []string {
	var out []string
	kept(old, next, func(was, ind *indicator.Indicator) {
		for _, r := range ind.Revisions {
			if !slices.ContainsFunc(was.Revisions, func(w indicator.Revision) bool { return w.From == r.From }) {
				out = append(out, Revision(p, ind, r))
			}
		}
	})
	return out
}

// kept calls f with each indicator of next that old has under the same
// code, when both plans are of one term.
func kept(old, next *indicator.Plan, f func(was, ind *indicator.Indicator)) {
	if old.Term != next.Term {
		return
	}
	for _, ind := range next.Indicators() {
		if was := old.Indicator(ind.Code); was != nil && was.Code == ind.Code {
			f(was, ind)
		}
	}
}

// Revision says one of ind's revisions: its day, the target before and
// after, and its resolution.
func Revision(p *locales.Printer, ind *indicator.Indicator, r indicator.Revision) string {
	return p.T("version.revised", "Code", ind.Code, "Date", Date(r.From),
		"Before", targetText(ind.InForce(r.From-1)), "After", revisedTarget(ind, r), "Note", r.Note)
}

// targetText is an indicator's target as a reader writes it ("≥ 95%"), or
// "" for a change from the baseline.
func targetText(ind *indicator.Indicator) string {
	if ind.Target.Change != nil {
		return ""
	}
	return Op(ind.Target.Op) + " " + Value(ind, ind.Target.Value)
}

func revisedTarget(ind *indicator.Indicator, r indicator.Revision) string {
	if r.Target == nil || r.Target.Change != nil {
		return ""
	}
	return Op(r.Target.Op) + " " + Value(ind, r.Target.Value)
}

// Changes says, for each indicator in both plans of one term that the new
// plan changes other than by adding revisions, what changed: the target
// and the unit before and after (a target changed without a revision
// judges the whole term anew), and the names of the other fields changed.
func Changes(p *locales.Printer, old, next *indicator.Plan) []string {
	var out []string
	kept(old, next, func(was, ind *indicator.Indicator) { out = append(out, fieldChanges(p, was, ind)...) })
	return out
}

func fieldChanges(p *locales.Printer, was, ind *indicator.Indicator) []string {
	var out []string
	if before, after := targetText(was), targetText(ind); before != after || !reflect.DeepEqual(was.Target, ind.Target) {
		out = append(out, p.T("version.target_changed", "Code", ind.Code, "Before", before, "After", after))
	}
	if was.UnitOfMeasure != ind.UnitOfMeasure {
		out = append(out, p.T("version.unit_changed", "Code", ind.Code, "Before", was.UnitOfMeasure, "After", ind.UnitOfMeasure))
	}
	var other []string
	for _, f := range []struct {
		name string
		same bool
	}{{"name", was.Name == ind.Name}, {"owner", was.Owner == ind.Owner}, {"window", was.Window == ind.Window},
		{"trajectory", was.Trajectory == ind.Trajectory && reflect.DeepEqual(was.Steps, ind.Steps) && was.Rate == ind.Rate},
		{"report", was.Report.Every == ind.Report.Every && was.Report.DueDay == ind.Report.DueDay && was.Report.LagMonths == ind.Report.LagMonths},
		{"tolerance", was.Tolerance == ind.Tolerance},
		{"baseline", reflect.DeepEqual(was.Baseline, ind.Baseline)}, {"by", was.By == ind.By}} {
		if !f.same {
			other = append(other, p.T("plan_key."+f.name)+" ("+f.name+")")
		}
	}
	if len(other) > 0 {
		out = append(out, p.T("version.fields_changed", "Code", ind.Code, "Fields", strings.Join(other, ", ")))
	}
	return out
}
