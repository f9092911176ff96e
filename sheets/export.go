package sheets

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/store"
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
	Figures map[string][]store.Figure
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
	b := &book{f: f, p: x.P}
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

// book is a workbook being written, with its styles.
type book struct {
	f                     *excelize.File
	p                     *locales.Printer
	head, number, day, at int
	status                map[indicator.Status]int
}

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
	numFmt, dayFmt, atFmt := "#,##0.##", "dd/mm/yyyy", "dd/mm/yyyy hh:mm"
	b.number = style(&excelize.Style{CustomNumFmt: &numFmt})
	b.day = style(&excelize.Style{CustomNumFmt: &dayFmt})
	b.at = style(&excelize.Style{CustomNumFmt: &atFmt})
	b.status = map[indicator.Status]int{}
	for s, c := range statusFill {
		b.status[s] = style(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}}})
	}
	return err
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
	}
	return v
}

func excelDay(d indicator.Date) time.Time { return d.In(time.UTC) }

func (x Export) summary(b *book) error {
	p := x.P
	const name = "Tổng hợp"
	header := strings.Split(p.T("xlsx.summary_header"), "|")
	if err := b.sheet(name, header, []float64{9, 10, 50, 12, 18, 14, 14, 18, 14, 16, 13, 22}); err != nil {
		return err
	}
	for i, e := range x.Evals {
		ind := e.Indicator
		last, lastDay, by := any(""), any(""), ""
		if e.Last != nil {
			last, lastDay = value(ind, e.Last.Value), excelDay(e.Last.Date)
			by = x.lastReporter(ind.Code, *e.Last)
		}
		overdue := ""
		if e.Overdue {
			overdue = p.T("status.overdue")
		}
		cells := []any{ind.Program, ind.Code, ind.Name, ind.Owner, ind.Target.Op.String() + " " + fmt.Sprint(value(ind, e.Target)),
			value(ind, e.Expected), value(ind, e.Actual), p.T("status." + e.Status.String()), overdue, last, lastDay, by}
		b.set(name, i+2, cells, []int{0, 0, 0, 0, 0, b.number, b.number, b.status[e.Status], 0, b.number, b.day})
	}
	return nil
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
	if err := b.sheet(FiguresSheet, header, []float64{10, 13, 16, 50}); err != nil {
		return err
	}
	row := 2
	for _, ind := range x.Plan.Indicators() {
		for _, f := range x.Figures[ind.Code] {
			b.set(FiguresSheet, row, []any{ind.Code, excelDay(f.Date), value(ind, f.Value), f.Note}, []int{0, b.day, b.number})
			row++
		}
	}
	return nil
}

// programSheet is every figure of a program's indicators with its
// corrections, oldest version first.
func (x Export) programSheet(b *book, prog indicator.Program) error {
	header := strings.Split(x.P.T("xlsx.program_header"), "|")
	if err := b.sheet(prog.Code, header, []float64{10, 13, 16, 40, 22, 18, 14, 9, 40}); err != nil {
		return err
	}
	row := 2
	for _, ind := range prog.Indicators {
		for _, f := range x.Figures[ind.Code] {
			for _, h := range f.History {
				state := x.P.T("xlsx.replaced", "Reason", h.Reason, "By", x.name(h.ReplacedBy))
				b.set(prog.Code, row, []any{ind.Code, excelDay(h.Date), value(ind, h.Value), h.Note, x.name(h.By), h.At, f.Source, "", state},
					[]int{0, b.day, b.number, 0, 0, b.at})
				row++
			}
			b.set(prog.Code, row, []any{ind.Code, excelDay(f.Date), value(ind, f.Value), f.Note, x.name(f.By), f.At, f.Source, f.Version, x.P.T("xlsx.current")},
				[]int{0, b.day, b.number, 0, 0, b.at})
			row++
		}
	}
	return nil
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

// Gather reads from the store what a workbook shows on a day: every
// figure of the plan in one round trip, the people's names, and the
// indicators' standing.
func Gather(ctx context.Context, s *store.Store, plan *indicator.Plan, day indicator.Date, p *locales.Printer) (Export, error) {
	all, err := s.AllFigures(ctx, plan.Codes(), plan.Term)
	if err != nil {
		return Export{}, err
	}
	users, err := s.Users(ctx)
	if err != nil {
		return Export{}, err
	}
	x := Export{Plan: plan, Day: day, Figures: all, Names: map[int64]string{}, P: p}
	for _, u := range users {
		x.Names[u.ID] = render.Name(u.Name)
	}
	for _, ind := range plan.Indicators() {
		x.Evals = append(x.Evals, indicator.Evaluate(ind, store.Domain(all[ind.Code]), day))
	}
	return x, nil
}
