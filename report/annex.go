package report

import (
	"math"
	"slices"
	"strings"

	"chitieu/indicator"
	"chitieu/render"
)

// column is one of the annex table's columns: its header, its share of
// the width the columns' words leave, and what it says of a result.
type column struct {
	head   string
	weight float64
	align  Align
	cell   func(r Result) string
}

// annexes are Phụ lục 1, every indicator's result, and for a mid-term or
// term report Phụ lục 2, each year of the yearly indicators.
func (b *builder) annexes(symbol string) []Annex {
	note := w("annex.note", "Number", "số"+strings.TrimPrefix(numberLine("", symbol), "Số"), "Year", b.in.Day.Year(), "Issuer", b.issuer)
	body := []Block{b.table()}
	for _, s := range b.tableNotes() {
		body = append(body, Paragraph{Runs: []Run{{Text: s, Italic: true}}})
	}
	out := []Annex{{Title: strings.ToUpper(w("annex.title", "Period", b.periodName())), Note: note, Landscape: true, Body: body}}
	if b.hasYears() {
		out = append(out, Annex{Title: strings.ToUpper(w("annex.years.title", "Period", b.periodName())), Note: note, Landscape: true,
			Body: []Block{b.yearsTable()}})
	}
	return out
}

// hasYears reports whether the report judges yearly indicators over the
// term (Phụ lục 2).
func (b *builder) hasYears() bool {
	return slices.ContainsFunc(b.results, func(r Result) bool { return r.Term != nil })
}

// table is Phụ lục 1: a row per program, and under it a row per
// indicator, each column as wide as its longest word at least.
func (b *builder) table() Table {
	cols := b.columns()
	head := make([]Cell, len(cols))
	for i, c := range cols {
		head[i] = Cell{Text: c.head, Bold: true, Align: AlignCenter}
	}
	var rows [][]Cell
	for i, prog := range b.in.Plan.Programs {
		title := w("row.program", "Roman", roman(i+1), "Program", programName(prog.Code), "Title", typeset(oneLine(prog.Title)))
		rows = append(rows, []Cell{{Text: title, Span: len(cols), Bold: true, Align: AlignLeft}})
		for _, r := range b.ofProgram(prog.Code) {
			row := make([]Cell, len(cols))
			for j, c := range cols {
				row[j] = Cell{Text: c.cell(r)}
			}
			rows = append(rows, row)
		}
	}
	weights, aligns := make([]float64, len(cols)), make([]Align, len(cols))
	for i, c := range cols {
		weights[i], aligns[i] = c.weight, c.align
	}
	return Table{Columns: fit(weights, aligns, head, rows, annexWidth), Header: [][]Cell{head}, Rows: rows}
}

// columns are Phụ lục 1's columns for the report's period: the result of
// the period compared with (when Redis keeps one), the period's, the
// estimate where any row gives one, how each stands against its target or
// its trajectory, and the word.
func (b *builder) columns() []column {
	cols := []column{
		{w("col.no"), 0, AlignCenter, func(r Result) string { return b.numbers[r.Indicator.Code] }},
		{w("col.indicator"), 3.2, AlignLeft, func(r Result) string {
			return w("row.indicator", "Code", r.Indicator.Code, "Name", typeset(oneLine(r.Indicator.Name)))
		}},
		{w("col.unit"), 0, AlignCenter, func(r Result) string { return r.Indicator.Unit() }},
		{w("col.target"), 1.3, AlignCenter, b.targetText},
	}
	if b.before != nil {
		cols = append(cols, column{b.beforeHead(), 1.1, AlignCenter, b.beforeText})
	}
	cols = append(cols, column{b.resultHead(), 1.3, AlignCenter, b.valueText})
	if slices.ContainsFunc(b.results, func(r Result) bool { return b.forecastText(r) != "" }) {
		cols = append(cols, column{b.forecastHead(), 1.1, AlignCenter, b.forecastText})
	}
	return append(cols, column{w("col.compare"), 1.7, AlignCenter, b.compareText}, column{w("col.grade"), 1.3, AlignCenter, b.wordText})
}

func (b *builder) resultHead() string {
	p := b.in.Period
	switch p.Kind {
	case Half:
		return w("col.half", "Year", p.Year)
	case Year:
		return w("col.year", "Year", p.Year)
	case Mid:
		return w("col.mid", "Date", dmy(p.Span.To))
	}
	return w("col.term", "Term", b.in.name())
}

// forecastHead heads the estimates: of the period's windows when some row
// heads for the period's end, else only "Ước thực hiện" (each cell then
// says until when).
func (b *builder) forecastHead() string {
	p := b.in.Period
	if !slices.ContainsFunc(b.results, func(r Result) bool { return !math.IsNaN(r.Forecast()) && r.Eval.End == b.forecastEnd() }) {
		return w("col.forecast")
	}
	switch p.Kind {
	case Half:
		return w("col.forecast.half", "Year", p.Year)
	case Year:
		return w("col.forecast.year", "Year", p.Year)
	case Mid:
		return w("col.forecast.mid")
	}
	return w("col.forecast.term", "Term", b.in.name())
}

// forecastEnd is the day the estimates column speaks of: the end of the
// period's year, or the term's.
func (b *builder) forecastEnd() indicator.Date {
	if k := b.in.Period.Kind; k == Half || k == Year {
		return cut(yearDays(b.in.Period.Year), b.in.Plan.Term).To
	}
	return b.in.Plan.Term.To
}

func (b *builder) beforeHead() string {
	p := b.in.Period
	switch p.Kind {
	case Half:
		return w("col.half", "Year", p.Year-1)
	case Year:
		return w("col.year", "Year", p.Year-1)
	case Mid:
		return w("col.mid.before", "Term", b.in.Before.name())
	}
	return w("col.term", "Term", b.in.Before.name())
}

// beforeText is the result of the period compared with, as its own report
// would state it; "—" when the earlier plan has no such indicator, or no
// figure in that period.
func (b *builder) beforeText(r Result) string {
	e, ok := b.before[r.Indicator.Code]
	if !ok || e.Indicator == nil {
		return "—"
	}
	if e.Term != nil {
		return render.TermYears(vi, e.Indicator, *e.Term)
	}
	v := periodValue(e.Eval, b.beforePeriod)
	s := bare(e.Indicator, v)
	if !math.IsNaN(v) && short(e.Eval, b.beforePeriod) {
		s += "\n(" + w("as_of", "Date", dmy(e.Eval.AsOf)) + ")"
	}
	return s
}

// targetText is the target as the resolution states it, saying when a
// target holds every year (in a term's reports) or only at the end of a
// window that goes on after the period.
func (b *builder) targetText(r Result) string {
	t := render.Stated(vi, r.Eval) // the unit has its column
	if compound(r.Indicator) {
		t = stated(r.Indicator)
	}
	switch {
	case r.Term != nil:
		t = w("target.yearly", "Target", b.yearlyTarget(r.Indicator, r.Term))
	case r.Progress() && r.Indicator.Window == indicator.Term || r.Eval.End != r.Eval.Window.To:
		t = w("target.until", "Target", t, "End", endName(r.Eval.End))
	}
	return keep(t)
}

// valueText is a result's cell: a yearly indicator's term in words, or
// the period's value as its figures stand, with the day they stand for
// when they stop short of the period's end and the reports overdue; "—"
// without a figure in the period.
func (b *builder) valueText(r Result) string {
	if r.Term != nil {
		return render.TermYears(vi, r.Indicator, *r.Term)
	}
	v := periodValue(r.Eval, b.in.Period)
	if math.IsNaN(v) {
		return "—"
	}
	s := bare(r.Indicator, v)
	if note := asOf(r.Eval, b.in.Period); note != "" {
		s += "\n(" + note + ")"
	}
	return s
}

// forecastText is the estimate (ước thực hiện) a row's word rests on, or
// its progress heads for, as the chat forecasts it, rounded as the
// indicator is shown, with the window's end when it is not the column's.
func (b *builder) forecastText(r Result) string {
	if r.Term != nil {
		return strings.Join(b.termEstimates(r), "\n")
	}
	v := r.Forecast()
	if math.IsNaN(v) {
		return ""
	}
	s := estimated(r.Indicator, v)
	if r.Eval.End != b.forecastEnd() {
		s += "\n" + w("forecast.until", "End", endName(r.Eval.End))
	}
	return s
}

// compareText says how a row stands: a graded value (or the estimate its
// word rests on) against the target, where that means something; a result
// in progress against its trajectory on the day its figures stand for; a
// compound target's growth; a mean over the term against the target.
func (b *builder) compareText(r Result) string {
	ind, e := r.Indicator, r.Eval
	if r.Term != nil {
		if r.Term.Rule == indicator.EachYear {
			return ""
		}
		return keep(against(ind, r.Term.Mean, ind.Target.Value, w("compare.of.target")))
	}
	var parts []string
	if s := b.latest(r, false); s != "" && r.Progress() {
		parts = append(parts, s)
	}
	if g := growth(e); !math.IsNaN(g) {
		parts = append(parts, growthText(g))
	}
	switch v := periodValue(e, b.in.Period); {
	case r.Progress():
		if s := b.share(r, v); s != "" && math.IsNaN(growth(e)) {
			parts = append(parts, s)
		}
		if s := b.plan(r, false); s != "" {
			parts = append(parts, s)
		}
	case len(parts) > 0:
	case r.Estimated && !math.IsNaN(r.Forecast()):
		if s := b.share(r, r.Forecast()); s != "" {
			parts = append(parts, w("compare.estimated", "Compare", s))
		}
	default:
		if s := b.share(r, v); s != "" {
			parts = append(parts, s)
		}
	}
	return keep(strings.Join(parts, ";\n"))
}

// wordText is the row's word: the grade the period gives, estimated ones
// worded as estimates ("Có nguy cơ không đạt" rather than "Không đạt"),
// why a result is not assessed, or where a result in progress stands.
func (b *builder) wordText(r Result) string {
	if r.Progress() {
		return b.standWord(r.Stand())
	}
	return b.gradeWord(r.Grade, r.Estimated, r)
}

// standWord words where a result in progress stands: the chat's status,
// or that it is not yet due.
func (b *builder) standWord(s Stand) string {
	switch s {
	case StandOnTrack:
		return vi.T("status.on_track")
	case StandAtRisk:
		return vi.T("status.at_risk")
	case StandOffTrack:
		return vi.T("status.off_track")
	case StandNoData:
		return vi.T("status.no_data")
	}
	return w("word." + s.String())
}

// gradeWord words a grade: as an estimate when it is one, with why when
// there is none.
func (b *builder) gradeWord(g indicator.Grade, est bool, r Result) string {
	switch {
	case g == indicator.NotAssessed:
		if why := b.reason(r); why != "" && r.Term == nil {
			return render.Grade(vi, g) + "\n(" + why + ")"
		}
		return render.Grade(vi, g)
	case est:
		return w("grade.estimated." + g.String())
	}
	return render.Grade(vi, g)
}

// tableNotes explain the numbering of a group's parts, "ước" and "cơ bản
// đạt", as far as the table uses them.
func (b *builder) tableNotes() []string {
	var out []string
	for _, ind := range b.in.Plan.Indicators() {
		if ind.Group != "" {
			n := strings.TrimRight(b.numbers[ind.Code], "abcdefghijklmnopqrstuvwxyz")
			out = append(out, w("annex.groups", "Example", n+"a, "+n+"b"))
			break
		}
	}
	if b.estimates() {
		out = append(out, w("annex.estimates"))
	}
	if s := b.nearlyNote(); s != "" {
		out = append(out, s)
	}
	return out
}

// yearsTable is Phụ lục 2: each yearly indicator judged over the term, a
// column per year of the period (its value and word), and the term's
// result in words.
func (b *builder) yearsTable() Table {
	from, to := b.in.Period.Span.From.Year(), b.in.Period.Span.To.Year()
	weights := []float64{0, 3.2, 0, 1.3}
	aligns := []Align{AlignCenter, AlignLeft, AlignCenter, AlignCenter}
	head := []Cell{{Text: w("col.no")}, {Text: w("col.indicator")}, {Text: w("col.unit")}, {Text: w("col.target.yearly")}}
	for y := from; y <= to; y++ {
		weights, aligns = append(weights, 1), append(aligns, AlignCenter)
		head = append(head, Cell{Text: itoa(y)})
	}
	weights, aligns = append(weights, 2), append(aligns, AlignLeft)
	head = append(head, Cell{Text: w("col.grade")})
	for i := range head {
		head[i].Bold, head[i].Align = true, AlignCenter
	}
	var rows [][]Cell
	for i, prog := range b.in.Plan.Programs {
		var mine [][]Cell
		for _, r := range b.ofProgram(prog.Code) {
			if r.Term != nil {
				mine = append(mine, b.yearsRow(r, from, to))
			}
		}
		if len(mine) > 0 {
			title := w("row.program", "Roman", roman(i+1), "Program", programName(prog.Code), "Title", typeset(oneLine(prog.Title)))
			rows = append(append(rows, []Cell{{Text: title, Span: len(head), Bold: true, Align: AlignLeft}}), mine...)
		}
	}
	return Table{Columns: fit(weights, aligns, head, rows, annexWidth), Header: [][]Cell{head}, Rows: rows}
}

func (b *builder) yearsRow(r Result, from, to int) []Cell {
	row := []Cell{{Text: b.numbers[r.Indicator.Code]}, {Text: w("row.indicator", "Code", r.Indicator.Code, "Name", typeset(oneLine(r.Indicator.Name)))},
		{Text: r.Indicator.Unit()}, {Text: keep(b.yearlyTarget(r.Indicator, r.Term))}}
	byYear := map[int]indicator.YearResult{}
	for _, y := range r.Term.Years {
		byYear[y.Year] = y
	}
	for y := from; y <= to; y++ {
		yr, ok := byYear[y]
		if !ok {
			row = append(row, Cell{Text: ""})
			continue
		}
		row = append(row, Cell{Text: b.yearText(yr, r.Term)})
	}
	years := render.TermYears(vi, r.Indicator, *r.Term)
	if r.Grade == indicator.NotAssessed {
		return append(row, Cell{Text: capitalize(years)}) // "Không có số liệu để đánh giá" says it
	}
	return append(row, Cell{Text: b.gradeWord(r.Grade, r.Estimated, r) + ": " + years})
}

// yearText is one year's value and word; a year still running is given as
// its figures stand (with their day) and its estimate; a year the term
// cuts says its own target.
func (b *builder) yearText(y indicator.YearResult, t *indicator.TermResult) string {
	e := y.Eval
	est := slices.Contains(t.Estimated, y.Year) && !e.Decided()
	v := e.Reported()
	if math.IsNaN(v) && !(est && !math.IsNaN(e.Forecast)) {
		return "—" // no figure, no word: the term's words name the year
	}
	var lines []string
	if !math.IsNaN(v) {
		value := bare(e.Indicator, v)
		if short(e, Period{Span: e.Window}) {
			value += "\n(" + w("as_of", "Date", dmy(e.AsOf)) + ")"
		}
		lines = append(lines, value)
	}
	if est && !math.IsNaN(e.Forecast) && e.Indicator.Choices() == nil {
		lines = append(lines, w("detail.estimate.short", "Value", estimated(e.Indicator, e.Forecast)))
	}
	word := b.gradeWord(y.Grade, est && y.Grade != indicator.NotAssessed, Result{Indicator: e.Indicator, Eval: e, Ends: true})
	if e.Final() && e.Incomplete {
		word = render.Grade(vi, y.Grade) + "\n(" + w("reason.short.years") + ")" // its day is on the line above
	}
	lines = append(lines, word)
	if share := e.Indicator.Prorated(e.Window); share < 1 && !math.IsNaN(e.Target) {
		lines = append(lines, w("year.prorated", "Target", keep(render.Stated(vi, e))))
	}
	return strings.Join(lines, "\n")
}

// roman writes 1–39 in Roman numerals, as reports number their parts.
func roman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for ; n >= p.v; n -= p.v {
			b.WriteString(p.s)
		}
	}
	return b.String()
}
