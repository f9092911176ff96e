package sheets

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
)

// FiguresSheet is the workbook sheet in the import's shape; ReadXLSX reads
// it when a workbook has one.
const FiguresSheet = "Số liệu"

// Export is what a workbook shows: the plan's standing on a day, every
// figure with its corrections, and who reported them.
type Export struct {
	Plan    *indicator.Plan
	Day     indicator.Date
	Evals   []indicator.Evaluation
	Figures map[string][]indicator.Record
	Names   map[int64]string // Telegram id → name
	P       *locales.Printer
}

// statusFill is each status's cell colour.
var statusFill = map[indicator.Status]string{
	indicator.Achieved: "#B7E1C1", indicator.OnTrack: "#D4EDDA", indicator.AtRisk: "#FFE8A1",
	indicator.OffTrack: "#F5B7B1", indicator.Missed: "#E6A0A0", indicator.NoData: "#E0E0E0",
}

// WriteXLSX writes the workbook: a summary sheet, the figures in the
// import's shape, and a sheet per program with every figure and correction.
func (x Export) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	b := &book{f: f, p: x.P, zone: x.zone()}
	if err := b.init(); err != nil {
		return err
	}
	steps := []func(*book) error{x.summary, x.figureSheet}
	for _, prog := range x.Plan.Programs {
		steps = append(steps, func(b *book) error { return x.programSheet(b, prog) })
	}
	for _, step := range steps {
		if err := step(b); err != nil {
			return err
		}
	}
	return f.Write(w)
}

// book is a workbook being written, with its styles and the plan's time
// zone, in which every moment is written.
type book struct {
	f                              *excelize.File
	p                              *locales.Printer
	zone                           *time.Location
	head, whole, fraction, day, at int
	wrap                           int // text of several lines
	status                         map[indicator.Status]int
}

// Number formats: a whole number shows no decimal separator (Excel writes
// "#,##0.##" of 90 as "90."); other numbers keep up to two decimals.
const (
	wholeFormat    = "#,##0"
	fractionFormat = "#,##0.0#"
)

func (b *book) init() error {
	var err error
	style := func(s *excelize.Style) int {
		id, e := b.f.NewStyle(s)
		if e != nil {
			err = e
		}
		return id
	}
	b.head = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"#D9E2F3"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}})
	wholeFmt, fractionFmt, dayFmt, atFmt := wholeFormat, fractionFormat, "dd/mm/yyyy", "dd/mm/yyyy hh:mm"
	b.whole = style(&excelize.Style{CustomNumFmt: &wholeFmt})
	b.fraction = style(&excelize.Style{CustomNumFmt: &fractionFmt})
	b.day = style(&excelize.Style{CustomNumFmt: &dayFmt})
	b.at = style(&excelize.Style{CustomNumFmt: &atFmt})
	b.wrap = style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	b.status = map[indicator.Status]int{}
	for _, s := range slices.Sorted(maps.Keys(statusFill)) { // in one order: the same export is the same bytes
		b.status[s] = style(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{statusFill[s]}}})
	}
	return err
}

// number is the style of a number cell: whole or with decimals; none for
// a text cell.
func (b *book) number(v any) int {
	f, ok := v.(float64)
	switch {
	case !ok:
		return 0
	case f == math.Trunc(f):
		return b.whole
	}
	return b.fraction
}

// moment is a time as the plan's people read it, in the plan's zone.
func (b *book) moment(t time.Time) any {
	if t.IsZero() {
		return ""
	}
	return t.In(b.zone)
}

// sheet makes a sheet (the first renames the default) with its header row
// frozen and its columns sized.
func (b *book) sheet(name string, header []string, widths []float64) error {
	if b.f.GetSheetName(0) == "Sheet1" {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return err
	}
	row := make([]any, len(header))
	for i, h := range header {
		row[i] = h
	}
	if err := b.f.SetSheetRow(name, "A1", &row); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(header), 1)
	b.f.SetCellStyle(name, "A1", last, b.head)
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		b.f.SetColWidth(name, col, col, wd)
	}
	return b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// set writes a row of cells, each with its style (0 for none).
func (b *book) set(sheet string, row int, cells []any, styles []int) {
	for i, v := range cells {
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		if text, ok := v.(string); ok {
			v = quote(text)
		}
		b.f.SetCellValue(sheet, cell, v)
		if i < len(styles) && styles[i] != 0 {
			b.f.SetCellStyle(sheet, cell, cell, styles[i])
		}
	}
}

// value is a figure as a cell: a number, a name on a list, or empty.
func value(ind *indicator.Indicator, v float64) any {
	switch {
	case math.IsNaN(v):
		return ""
	case ind.Choices() != nil:
		return ind.Label(v)
	case v == 0:
		return 0.0 // not -0, which a trajectory toward ≤ 0 gives and a cell shows as such
	}
	return v
}

func excelDay(d indicator.Date) time.Time { return d.In(time.UTC) }

// zone is the plan's time zone (UTC when it has none).
func (x Export) zone() *time.Location {
	if x.Plan.Location == nil {
		return time.UTC
	}
	return x.Plan.Location
}

// summarySheet is the summary's name.
const summarySheet = "Tổng hợp"

// summary is a row per indicator: who reports it, its unit of measure, the
// target, the value on the day the figures stand for, what the trajectory
// asks on that day, the status judged on it, the last figure and who
// reported it; then what the trajectory asks today, an overdue report and
// the revisions of the target in force (a column added last, so the
// columns before keep their places).
func (x Export) summary(b *book) error {
	header := strings.Split(x.P.T("xlsx.summary_header", "Date", render.Date(x.Day)), "|")
	header = append(header, x.P.T("xlsx.summary_revisions"))
	if err := b.sheet(summarySheet, header, []float64{9, 10, 50, 24, 11, 12, 12, 13, 16, 16, 14, 20, 16, 16, 60}); err != nil {
		return err
	}
	for i, e := range x.Evals {
		cells := x.summaryRow(e)
		styles := make([]int, len(cells))
		for j, c := range cells {
			styles[j] = b.number(c)
		}
		styles[7], styles[9], styles[14] = b.day, b.status[e.Status], b.wrap
		b.set(summarySheet, i+2, cells, styles)
	}
	return nil
}

// summaryRow is an indicator's row of the summary.
func (x Export) summaryRow(e indicator.Evaluation) []any {
	ind := e.Indicator
	last, by, asOf := any(""), "", any("")
	if e.Last != nil {
		last, by = value(ind, e.Last.Value), x.lastReporter(ind.Code, *e.Last)
	}
	if e.AsOf != 0 {
		asOf = excelDay(e.AsOf)
	}
	overdue := ""
	if e.Overdue && e.Due != nil {
		overdue = render.Period(x.P, ind.Report.Every, *e.Due)
	}
	return []any{ind.Program, ind.Code, ind.Name, x.unitName(ind.Owner), measure(ind), target(ind, e.Target),
		value(ind, e.Reported()), asOf, value(ind, e.Expected), x.P.T("status." + e.Status.String()), last, by,
		value(ind, e.ExpectedToday), overdue, x.revisions(e)}
}

// unitName is the name of the unit (đơn vị báo cáo) with the code.
func (x Export) unitName(code string) string {
	for _, u := range x.Plan.Units {
		if u.Code == code {
			return u.Name
		}
	}
	return code
}

// measure is the unit of measure (đơn vị tính) of a number; a rating or a
// stage has none.
func measure(ind *indicator.Indicator) string {
	if ind.Choices() != nil {
		return ""
	}
	return ind.Unit()
}

// target writes a target with its sign: "≥ 90", "< 6,5", "≥ Hoàn thành tốt".
func target(ind *indicator.Indicator, v float64) string {
	s := locales.FormatNumber(v, 2)
	switch {
	case math.IsNaN(v):
		return ""
	case ind.Choices() != nil:
		s = ind.Label(v)
	}
	return render.Op(ind.Target.Op) + " " + s
}

// lastReporter names who reported a figure.
func (x Export) lastReporter(code string, last indicator.Figure) string {
	figs := x.Figures[code]
	for i := len(figs) - 1; i >= 0; i-- {
		if figs[i].Date == last.Date && figs[i].Value == last.Value {
			return x.name(figs[i].By)
		}
	}
	return ""
}

func (x Export) name(id int64) string {
	if id == 0 {
		return x.P.T("xlsx.imported")
	}
	if n, ok := x.Names[id]; ok {
		return n
	}
	return fmt.Sprint(id)
}

// figureSheet is every current figure in the import's shape.
func (x Export) figureSheet(b *book) error {
	if err := b.sheet(FiguresSheet, strings.Split(x.P.T("xlsx.figures_header"), "|"), []float64{12, 14, 16, 50}); err != nil {
		return err
	}
	row := 2
	for _, ind := range x.Plan.Indicators() {
		for _, f := range x.Figures[ind.Code] {
			v := value(ind, f.Value)
			b.set(FiguresSheet, row, []any{ind.Code, excelDay(f.Date), v, f.Note}, []int{0, b.day, b.number(v)})
			row++
		}
	}
	return nil
}

// programSheet is every figure of a program's indicators with its
// corrections, oldest version first.
func (x Export) programSheet(b *book, prog indicator.Program) error {
	header := strings.Split(x.P.T("xlsx.program_header"), "|")
	if err := b.sheet(prog.Code, header, []float64{10, 13, 14, 12, 40, 22, 18, 18, 9, 40}); err != nil {
		return err
	}
	row := 2
	for _, ind := range prog.Indicators {
		for _, f := range x.Figures[ind.Code] {
			for _, h := range f.History {
				state := x.P.T("xlsx.replaced", "Reason", h.Reason, "By", x.name(h.ReplacedBy))
				x.figureRow(b, prog.Code, row, ind, indicator.Record{Date: h.Date, Value: h.Value, Note: h.Note, By: h.By, At: h.At, Source: f.Source}, state)
				row++
			}
			x.figureRow(b, prog.Code, row, ind, f, x.P.T("xlsx.current"))
			row++
		}
	}
	return nil
}

// figureRow writes one version of a figure in a program's sheet.
func (x Export) figureRow(b *book, sheet string, row int, ind *indicator.Indicator, f indicator.Record, state string) {
	v := value(ind, f.Value)
	version := any("")
	if f.Version > 0 {
		version = f.Version
	}
	b.set(sheet, row, []any{ind.Code, excelDay(f.Date), v, measure(ind), f.Note, x.name(f.By), b.moment(f.At), x.source(f.Source), version, state},
		[]int{0, b.day, b.number(v), 0, 0, 0, b.at})
}

// source says where a figure came from: the bot, a file, the samples.
func (x Export) source(s string) string {
	switch {
	case s == "chat":
		return x.P.T("xlsx.source_chat")
	case s == "sample":
		return x.P.T("xlsx.source_sample")
	case strings.HasPrefix(s, "import"):
		return x.P.T("xlsx.source_import", "File", strings.TrimPrefix(strings.TrimPrefix(s, "import"), ":"))
	}
	return s
}

// WriteCSV writes every current figure in the import's shape
// (indicator,date,value,note), values the Vietnamese way.
func (x Export) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write(header)
	for _, ind := range x.Plan.Indicators() {
		for _, f := range x.Figures[ind.Code] {
			v := locales.FormatNumber(f.Value, -1)
			if ind.Choices() != nil {
				v = quote(ind.Label(f.Value))
			}
			cw.Write([]string{ind.Code, f.Date.String(), v, quote(f.Note)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// Source is where a workbook's data is read from: the store's figures and
// people's names, or anything that keeps them.
type Source struct {
	Figures func(ctx context.Context, codes []string, p indicator.Period) (map[string][]indicator.Record, error)
	Names   func(ctx context.Context) (map[int64]string, error)
}

// Gather reads what a workbook shows on a day: every figure of the plan,
// the people's names, and the indicators' standing.
func Gather(ctx context.Context, s Source, plan *indicator.Plan, day indicator.Date, p *locales.Printer) (Export, error) {
	all, err := s.Figures(ctx, plan.Codes(), plan.Span())
	if err != nil {
		return Export{}, err
	}
	names, err := s.Names(ctx)
	if err != nil {
		return Export{}, err
	}
	x := Export{Plan: plan, Day: day, Figures: all, Names: map[int64]string{}, P: p}
	for id, n := range names {
		x.Names[id] = render.Name(n)
	}
	for _, ind := range plan.Indicators() {
		x.Evals = append(x.Evals, indicator.Evaluate(ind, indicator.FiguresOf(all[ind.Code]), day))
	}
	return x, nil
}
