// Package sheets reads and writes the files offices exchange figures in:
// CSV and Excel workbooks with the columns indicator,date,value[,note].
package sheets

import (
	"chitieu/render"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"chitieu/indicator"
	"chitieu/locales"
)

// Row is one figure read from a file, with the line it stands on.
type Row struct {
	Line      int
	Indicator *indicator.Indicator
	Figure    indicator.Figure
	Text      string // the value as written
	Key       string // the same figure in any file has the same key
	Converted bool   // money written in another magnitude than the unit's, converted
	// Plan is the plan of the term the row's date falls in, of those it was
	// read with.
	Plan *indicator.Plan
}

// RowError is one bad row: its line, the catalog message id and its data.
type RowError struct {
	Line int
	ID   string
	Data map[string]any
	Err  *locales.FigureError // the figure's own error, for csv.value
}

func (e RowError) Error() string { return fmt.Sprintf("line %d: %s %v", e.Line, e.ID, e.Data) }

// Message says what is wrong with the row in p's language ("dòng 3: …"),
// as one item of a list: without a full stop at its end, whether its
// reason is the row's or the figure's.
func (e RowError) Message(p *locales.Printer) string {
	data := map[string]any{"Line": e.Line}
	for k, v := range e.Data {
		data[k] = v
	}
	if e.Err != nil {
		data["Reason"] = p.Error(e.Err)
	}
	return strings.TrimSuffix(p.TMap(e.ID, data), ".")
}

// RowErrors is every bad row of a file, in line order.
type RowErrors []RowError

func (es RowErrors) Error() string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "\n")
}

// header is the first row of a figures file the command line writes.
var header = []string{"indicator", "date", "value", "note"}

// headerNames are the names each column of a figures file may have, folded
// (lower case, without diacritics): English, or Vietnamese as the workbook
// writes them ("Mã chỉ tiêu", "Ngày số liệu", "Số liệu", "Ghi chú").
var headerNames = [][]string{
	{"indicator", "ma chi tieu", "ma"},
	{"date", "ngay so lieu", "ngay"},
	{"value", "so lieu", "gia tri"},
	{"note", "ghi chu"},
}

// ErrNotFigures is a file whose name says it is neither CSV nor a workbook.
var ErrNotFigures = errors.New("not a figures file: want .csv or .xlsx")

// ReadImport reads a figures file to import, CSV or a workbook by its
// name's extension. Besides the rows ReadCSV and ReadXLSX refuse, it
// refuses the rows dated outside the plan's term (a year typed wrong), but
// a baseline's figure ("so với năm 2019"): the error is RowErrors with
// every bad row, in line order, and no row is returned.
//
// Besides plan, the plans of other terms that still take figures may be
// given: a row dated inside one of them is read with it (a late figure of
// an ended term goes to that term).
func ReadImport(name string, r io.Reader, plan *indicator.Plan, others ...*indicator.Plan) ([]Row, error) {
	return readFile(name, r, rowReader{plans: append([]*indicator.Plan{plan}, others...), inTerm: true})
}

// Read reads a figures file, CSV or a workbook by its name's extension, as
// ReadCSV or ReadXLSX do; ErrNotFigures for another name.
func Read(name string, r io.Reader, plan *indicator.Plan) ([]Row, error) {
	return readFile(name, r, rowReader{plans: []*indicator.Plan{plan}})
}

// FiguresFile reports whether a file's name says it is a figures file: the
// one place the formats are told apart.
func FiguresFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv", ".xlsx":
		return true
	}
	return false
}

func readFile(name string, r io.Reader, rr rowReader) ([]Row, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return readCSV(r, rr)
	case ".xlsx":
		return readXLSX(r, rr)
	}
	return nil, ErrNotFigures
}

// ReadCSV reads figures from RFC 4180 CSV with a header row. A value is read
// as in chat ("12,37", "240 triệu", "HTT"). When any row is bad, the error is
// RowErrors, with every bad row, and no row is returned: a file is taken
// whole or not at all. Evaluating a file needs no more: a window never
// sees a figure dated outside the term.
func ReadCSV(r io.Reader, plan *indicator.Plan) ([]Row, error) {
	return readCSV(r, rowReader{plans: []*indicator.Plan{plan}})
}

func readCSV(r io.Reader, rr rowReader) ([]Row, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	for n := 0; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if n > maxRows {
			return nil, tooLarge("file.too_many_rows")
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			rr.errs = append(rr.errs, syntaxError(err, line))
			break
		}
		rr.add(rec, line)
	}
	return rr.result()
}

// rowReader collects a file's rows and its bad rows; the first row is the
// header.
type rowReader struct {
	plans  []*indicator.Plan // the first the file's own; others of terms still taking figures
	inTerm bool              // a row dated outside the plans' terms is bad
	rows   []Row
	errs   RowErrors
	header bool
}

func (rr *rowReader) add(rec []string, line int) {
	if !rr.header {
		rr.header = true
		if e, ok := checkHeader(rec, line); !ok {
			rr.errs = append(rr.errs, e)
		}
		return
	}
	row, e, ok := readRow(rec, line, rr.plans)
	if ok && rr.inTerm && !row.Indicator.Dated(row.Figure.Date) {
		t := row.Indicator.Term
		e, ok = RowError{Line: line, ID: "csv.outside_term", Data: map[string]any{"Line": line, "Value": render.Date(row.Figure.Date),
			"From": render.Date(t.From), "To": render.Date(t.To)}}, false
	}
	if !ok {
		rr.errs = append(rr.errs, e)
		return
	}
	rr.rows = append(rr.rows, row)
}

func (rr *rowReader) result() ([]Row, error) {
	switch {
	case len(rr.errs) > 0:
		return nil, rr.errs
	case len(rr.rows) == 0:
		return nil, RowErrors{{Line: 1, ID: "csv.empty"}}
	}
	assignKeys(rr.rows)
	return rr.rows, nil
}

// assignKeys gives each row a key made of what it says, so the same file
// imported twice, or the same figures in another file, add nothing new; the
// k-th of several identical rows gets its own key.
func assignKeys(rows []Row) {
	seen := map[string]int{}
	for i := range rows {
		r := &rows[i]
		sum := sha256.Sum256([]byte(fmt.Sprintf("%s|%v|%v|%s", r.Indicator.Code, r.Figure.Date, r.Figure.Value, r.Figure.Note)))
		base := "import:" + hex.EncodeToString(sum[:10])
		seen[base]++
		r.Key = fmt.Sprintf("%s:%d", base, seen[base])
	}
}

func syntaxError(err error, line int) RowError {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		line = pe.Line
		err = pe.Err
	}
	return RowError{Line: line, ID: "csv.syntax", Data: map[string]any{"Detail": err.Error()}}
}

func checkHeader(rec []string, line int) (RowError, bool) {
	if len(rec) > 0 {
		rec[0] = strings.TrimPrefix(rec[0], "\ufeff")
	}
	ok := len(rec) == 3 || len(rec) == 4
	for i := 0; ok && i < len(rec); i++ {
		ok = slices.Contains(headerNames[i], locales.Fold(rec[i]))
	}
	return RowError{Line: line, ID: "csv.header"}, ok
}

func readRow(rec []string, line int, plans []*indicator.Plan) (Row, RowError, bool) {
	bad := func(id string, data ...any) (Row, RowError, bool) {
		e := RowError{Line: line, ID: id, Data: map[string]any{"Line": line}}
		for i := 0; i+1 < len(data); i += 2 {
			e.Data[data[i].(string)] = data[i+1]
		}
		return Row{}, e, false
	}
	if len(rec) != 3 && len(rec) != 4 {
		return bad("csv.columns", "Count", len(rec))
	}
	code := strings.TrimSpace(rec[0])
	day, err := indicator.ParseDate(strings.TrimSpace(rec[1]))
	plan := planOf(plans, code, day, err == nil)
	ind := plan.Find(code)
	if ind == nil {
		return bad("csv.indicator", "Code", code)
	}
	if err != nil {
		return bad("csv.date", "Value", rec[1])
	}
	reading, err := locales.ReadFigure(rec[2], ind)
	if err != nil {
		_, e, _ := bad("csv.value")
		e.Err, _ = err.(*locales.FigureError)
		return Row{}, e, false
	}
	if ind.Fraction(reading.Value) {
		return bad("csv.fraction", "Code", ind.Code, "Text", strings.TrimSpace(rec[2]), "Unit", ind.Unit(), "Rank", ind.Ranked())
	}
	f := indicator.Figure{Date: day, Value: reading.Value}
	if len(rec) == 4 {
		f.Note = unquote(strings.TrimSpace(rec[3]))
	}
	return Row{Line: line, Indicator: ind, Figure: f, Text: rec[2], Converted: reading.Converted, Plan: plan}, RowError{}, true
}

// planOf is the plan a row of code dated day is read with: the first whose
// term holds the day and that has the code, else the file's own.
func planOf(plans []*indicator.Plan, code string, day indicator.Date, dated bool) *indicator.Plan {
	for _, p := range plans {
		if ind := p.Find(code); dated && ind != nil && ind.Dated(day) {
			return p
		}
	}
	return plans[0]
}

// ByPlan groups rows by the plan of their term, the file's own first.
func ByPlan(rows []Row) map[*indicator.Plan][]Row {
	out := map[*indicator.Plan][]Row{}
	for _, r := range rows {
		out[r.Plan] = append(out[r.Plan], r)
	}
	return out
}

// ByIndicator groups rows' figures by indicator code, each in date order
// (rows of one day keep the file's order, so the later row is the latest).
func ByIndicator(rows []Row) map[string][]indicator.Figure {
	out := map[string][]indicator.Figure{}
	for _, r := range rows {
		out[r.Indicator.Code] = append(out[r.Indicator.Code], r.Figure)
	}
	for code, figs := range out {
		out[code] = indicator.SortFigures(figs)
	}
	return out
}

// quote keeps a spreadsheet from reading text as a formula: text that
// starts with = + - @ (or a tab or a return) gets an apostrophe before it,
// which spreadsheets take as "this is text".
func quote(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// unquote reads back text that quote wrote.
func unquote(s string) string {
	if len(s) > 1 && s[0] == '\'' && quote(s[1:]) != s[1:] {
		return s[1:]
	}
	return s
}
