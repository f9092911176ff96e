package report

import (
	"math"
	"strings"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
)

// column is one of the annex table's columns: its header and width, and
// what it says of a result.
type column struct {
	head  string
	width float64
	cell  func(r Result) string
}

// annexes are Phụ lục 1, every indicator's result, and for a mid-term or
// term report Phụ lục 2, each year of the yearly indicators.
func (b *builder) annexes(symbol string) []Annex {
	note := w("annex.note", "Symbol", symbol, "Year", b.in.Day.Year(), "Issuer", b.issuer)
	out := []Annex{{Title: strings.ToUpper(w("annex.title", "Period", b.periodName())), Note: note, Landscape: true,
		Body: []Block{b.table(), Paragraph{Runs: []Run{{Text: b.tableNote(), Italic: true}}}}}}
	if b.hasYears() {
		out = append(out, Annex{Title: strings.ToUpper(w("annex.years.title", "Period", b.periodName())), Note: note, Landscape: true,
			Body: []Block{b.yearsTable()}})
	}
	return out
}

// hasYears reports whether the report judges yearly indicators over the
// term (Phụ lục 2).
func (b *builder) hasYears() bool {
	for _, r := range b.results {
		if r.Term != nil {
			return true
		}
	}
	return false
}

// table is Phụ lục 1: a row per program, and under it a row per
// indicator.
func (b *builder) table() Table {
	cols := b.columns()
	t := Table{Header: [][]Cell{{}}}
	for _, c := range cols {
		align := AlignCenter
		if c.head == w("col.indicator") {
			align = AlignLeft
		}
		t.Columns = append(t.Columns, Column{Width: c.width, Align: align})
		t.Header[0] = append(t.Header[0], Cell{Text: c.head, Bold: true, Align: AlignCenter})
	}
	for i, prog := range b.in.Plan.Programs {
		title := w("row.program", "Roman", roman(i+1), "Program", programName(prog.Code), "Title", typeset(oneLine(prog.Title)))
		t.Rows = append(t.Rows, []Cell{{Text: title, Span: len(cols), Bold: true, Align: AlignLeft}})
		for _, r := range b.results {
			if r.Indicator.Program != prog.Code {
				continue
			}
			var row []Cell
			for _, c := range cols {
				row = append(row, Cell{Text: c.cell(r)})
			}
			t.Rows = append(t.Rows, row)
		}
	}
	return t
}

// columns are Phụ lục 1's columns for the report's period: the result of
// the period compared with (when Redis keeps one), the period's, how it
// stands against the target, the forecast for a period whose windows go
// on (six months, mid-term) and the result's word.
func (b *builder) columns() []column {
	p := b.in.Period
	cols := []column{
		{w("col.no"), 0.9, func(r Result) string { return b.numbers[r.Indicator.Code] }},
		{w("col.indicator"), 4.4, func(r Result) string {
			return w("row.indicator", "Code", r.Indicator.Code, "Name", typeset(oneLine(r.Indicator.Name)))
		}},
		{w("col.unit"), 1.1, func(r Result) string { return r.Indicator.Unit() }},
		{w("col.target"), 1.9, b.targetText},
	}
	if b.before != nil {
		cols = append(cols, column{b.beforeHead(), 1.8, b.beforeText})
	}
	cols = append(cols, column{b.resultHead(), 2.6, b.valueText}, column{w("col.compare"), 1.7, b.compareText})
	switch p.Kind {
	case Half:
		cols = append(cols, column{w("col.forecast.half", "Year", p.Year), 1.7, b.forecastText})
	case Mid:
		cols = append(cols, column{w("col.forecast.mid"), 1.7, b.forecastText})
	}
	return append(cols, column{w("col.grade"), 1.7, gradeText})
}

func (b *builder) resultHead() string {
	p, estimated := b.in.Period, b.in.Draft && !b.in.Period.Ended(b.in.Day)
	switch {
	case p.Kind == Half:
		return w("col.half", "Year", p.Year)
	case p.Kind == Year && estimated:
		return w("col.year.estimated", "Year", p.Year)
	case p.Kind == Year:
		return w("col.year", "Year", p.Year)
	case p.Kind == Mid:
		return w("col.mid", "Date", render.Date(p.Span.To))
	case estimated:
		return w("col.term.estimated", "Term", b.in.name())
	}
	return w("col.term", "Term", b.in.name())
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
// would state it; "—" when the earlier plan has no such indicator.
func (b *builder) beforeText(r Result) string {
	e, ok := b.before[r.Indicator.Code]
	if !ok || e.Indicator == nil {
		return "—"
	}
	if e.Term != nil {
		return render.TermYears(vi, e.Indicator, *e.Term)
	}
	s := render.Bare(e.Eval.Indicator, e.Eval.Reported())
	if !math.IsNaN(e.Eval.Reported()) && short(e.Eval, b.beforePeriod) {
		s = w("value.as_of", "Value", s, "Date", render.Date(e.Eval.AsOf))
	}
	return s
}

// targetText is the target as the resolution states it, saying when a
// target holds every year (in a term's reports) or only at the end of a
// window that goes on after the period.
func (b *builder) targetText(r Result) string {
	t := render.Stated(vi, r.Eval)
	switch {
	case r.Term != nil:
		return w("target.yearly", "Target", t)
	case !r.Ends && r.Indicator.Window == indicator.Term:
		return w("target.until", "Target", t, "End", endName(r.Eval.End))
	}
	return t
}

// compareText says how the value stands against the target, where that
// means something: a floor on a count or a level (for a yearly indicator
// over the term, its mean), as a share of it — "bằng 44% kế hoạch năm" —
// or, for a rate, in points; never for a ceiling, a rating, a stage, a
// percent of a Đề án's work or a place.
func (b *builder) compareText(r Result) string {
	ind, target := r.Eval.Indicator, r.Eval.Target
	v, _ := r.Value(b.in.Draft)
	if r.Term != nil {
		if r.Term.Rule == indicator.EachYear {
			return ""
		}
		v, target = r.Term.Mean, ind.Target.Value
	}
	op := ind.Target.Op
	if ind.Choices() != nil || ind.Kind == indicator.Rank || ind.Kind == indicator.Milestone ||
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
	of := w("compare.of.target")
	switch {
	case r.Term != nil:
	case ind.Window == indicator.Year:
		of = w("compare.of.year")
	case !r.Ends:
		of = w("compare.of.term")
	}
	return w("compare.ratio", "Percent", locales.FormatNumber(pct, digits), "Of", of)
}

// forecastText is the value the window is heading for (ước thực hiện), as
// the chat forecasts it, with the window's end when it is not the year's.
func (b *builder) forecastText(r Result) string {
	e := r.Eval
	if r.Term != nil || e.Final() || math.IsNaN(e.Forecast) {
		return ""
	}
	v := render.Bare(e.Indicator, e.Forecast)
	if r.Indicator.Window == indicator.Term {
		return w("forecast.until", "Value", v, "End", endName(e.End))
	}
	return v
}

// gradeText is the result's word, "(ước)" under an estimate (a result not
// assessed is no estimate).
func gradeText(r Result) string {
	g := render.Grade(vi, r.Grade)
	if r.Estimated && r.Grade != indicator.NotAssessed {
		return w("grade.estimated", "Grade", g)
	}
	return g
}

// tableNote explains the numbering of a group's parts and "ước".
func (b *builder) tableNote() string {
	for _, ind := range b.in.Plan.Indicators() {
		if ind.Group != "" {
			n := b.numbers[ind.Code]
			example := strings.TrimRight(n, "abcdefghijklmnopqrstuvwxyz")
			return w("annex.groups", "Example", example+"a, "+example+"b")
		}
	}
	return w("annex.estimates")
}

// yearsTable is Phụ lục 2: each yearly indicator judged over the term, a
// column per year of the period (its value and word), and the term's
// result in words.
func (b *builder) yearsTable() Table {
	from, to := b.in.Period.Span.From.Year(), b.in.Period.Span.To.Year()
	cols := []Column{{0.9, AlignCenter}, {4.2, AlignLeft}, {1.1, AlignCenter}, {1.6, AlignCenter}}
	head := []Cell{{Text: w("col.no")}, {Text: w("col.indicator")}, {Text: w("col.unit")}, {Text: w("col.target.yearly")}}
	for y := from; y <= to; y++ {
		cols = append(cols, Column{1.4, AlignCenter})
		head = append(head, Cell{Text: itoa(y)})
	}
	cols = append(cols, Column{2.6, AlignLeft})
	head = append(head, Cell{Text: w("col.grade")})
	for i := range head {
		head[i].Bold, head[i].Align = true, AlignCenter
	}
	t := Table{Columns: cols, Header: [][]Cell{head}}
	for i, prog := range b.in.Plan.Programs {
		var rows [][]Cell
		for _, r := range b.results {
			if r.Indicator.Program == prog.Code && r.Term != nil {
				rows = append(rows, b.yearsRow(r, from, to))
			}
		}
		if len(rows) > 0 {
			title := w("row.program", "Roman", roman(i+1), "Program", programName(prog.Code), "Title", typeset(oneLine(prog.Title)))
			t.Rows = append(append(t.Rows, []Cell{{Text: title, Span: len(cols), Bold: true, Align: AlignLeft}}), rows...)
		}
	}
	return t
}

func (b *builder) yearsRow(r Result, from, to int) []Cell {
	row := []Cell{{Text: b.numbers[r.Indicator.Code]}, {Text: w("row.indicator", "Code", r.Indicator.Code, "Name", typeset(oneLine(r.Indicator.Name)))},
		{Text: r.Indicator.Unit()}, {Text: render.Stated(vi, r.Eval)}}
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
	return append(row, Cell{Text: oneLine(gradeText(r)) + ": " + years})
}

// yearText is one year's value and word; a year still running is given as
// its figures stand (with their day), or estimated in a draft.
func (b *builder) yearText(y indicator.YearResult, t *indicator.TermResult) string {
	e := y.Eval
	estimated := false
	for _, ey := range t.Estimated {
		estimated = estimated || ey == y.Year
	}
	v, value := e.Reported(), ""
	switch {
	case estimated && b.in.Draft && !math.IsNaN(e.Forecast):
		value = w("value.estimated", "Value", render.Bare(e.Indicator, e.Forecast))
	case math.IsNaN(v):
		return "—" // no figure, no word: the term's words name the year
	case estimated && short(e, Period{Span: e.Window}):
		value = w("value.as_of", "Value", render.Bare(e.Indicator, v), "Date", render.Date(e.AsOf))
	default:
		value = render.Bare(e.Indicator, v)
	}
	g := render.Grade(vi, y.Grade)
	if estimated && y.Grade != indicator.NotAssessed {
		g = w("grade.estimated", "Grade", g)
	}
	return value + "\n" + g
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
