package sheets

import (
	"archive/zip"
	"bytes"
	"io"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"chitieu/indicator"
	"chitieu/locales"
)

// The caps on a figures file, far above what a term's figures need: a
// file past them is refused before it costs much time or memory, however
// small it is zipped.
const (
	maxRows    = 20_000   // rows of a sheet or lines of a CSV
	maxUnzip   = 16 << 20 // bytes of a workbook's parts, unzipped, all in memory (no temporary files)
	maxParts   = 200      // parts in a workbook
	maxColumns = 26       // cells in a row of a sheet
)

// ReadXLSX reads figures from the sheet FiguresSheet of a workbook, or
// its first sheet, laid out as the CSV: a header row
// indicator,date,value[,note]. A number cell is taken
// as the number it holds and a date cell as its day; a text cell is read
// like a figure typed in chat. Bad rows are refused as by ReadCSV, and so
// is a workbook past the caps (maxUnzip, maxRows, maxColumns).
func ReadXLSX(r io.Reader, plan *indicator.Plan) ([]Row, error) {
	return readXLSX(r, rowReader{plans: []*indicator.Plan{plan}})
}

func readXLSX(r io.Reader, rr rowReader) ([]Row, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, openError(err)
	}
	if err := checkZip(data); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzip, UnzipXMLSizeLimit: maxUnzip})
	if err != nil {
		return nil, openError(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if idx, _ := f.GetSheetIndex(FiguresSheet); idx >= 0 {
		sheet = FiguresSheet
	}
	if err := checkSheet(f, sheet); err != nil {
		return nil, err
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, openError(err)
	}
	for i, rec := range rows {
		if len(rec) == 0 {
			continue
		}
		rr.add(cellTexts(f, sheet, i+1, rec), i+1)
	}
	return rr.result()
}

func openError(err error) error {
	return RowErrors{{Line: 1, ID: "xlsx.open", Data: map[string]any{"Detail": err.Error()}}}
}

// tooLarge refuses a file past a cap.
func tooLarge(id string) error {
	return RowErrors{{Line: 1, ID: id, Data: map[string]any{"Rows": maxRows, "Columns": maxColumns, "MB": maxUnzip >> 20}}}
}

// checkZip refuses a workbook whose parts unzip past maxUnzip, from what
// its directory says (reading a part past its stated size fails).
func checkZip(data []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return openError(err)
	}
	if len(zr.File) > maxParts {
		return tooLarge("file.too_large")
	}
	total := uint64(0)
	for _, f := range zr.File {
		if total += f.UncompressedSize64; total > maxUnzip {
			return tooLarge("file.too_large")
		}
	}
	return nil
}

// checkSheet streams through a sheet, row by row, and refuses it past
// maxRows rows or maxColumns cells in a row, before it is read whole.
func checkSheet(f *excelize.File, sheet string) error {
	rows, err := f.Rows(sheet)
	if err != nil {
		return openError(err)
	}
	defer rows.Close()
	for n := 1; rows.Next(); n++ {
		if n > maxRows {
			return tooLarge("file.too_many_rows")
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return openError(err)
		}
		if len(cols) > maxColumns {
			return tooLarge("file.too_wide")
		}
	}
	if err := rows.Error(); err != nil {
		return openError(err)
	}
	return nil
}

// cellTexts turns a row's raw cells into the text the CSV reader takes: a
// number cell into Vietnamese digits that read back as the same number (a
// number under a percent format into the percent it shows: 0,825 is
// "82,5%"), a date (a number under a date format) into YYYY-MM-DD.
func cellTexts(f *excelize.File, sheet string, row int, rec []string) []string {
	out := append([]string(nil), rec...)
	for col := 1; col <= 2 && col < len(out); col++ {
		cell, _ := excelize.CoordinatesToCellName(col+1, row)
		if t, _ := f.GetCellType(sheet, cell); t != excelize.CellTypeNumber && t != excelize.CellTypeUnset {
			continue
		}
		v, err := strconv.ParseFloat(out[col], 64)
		switch {
		case err != nil:
		case col == 1:
			out[col] = excelDate(v)
		case percentCell(f, sheet, cell):
			out[col] = locales.FormatNumber(hundredTimes(out[col]), -1) + "%"
		default:
			out[col] = locales.FormatNumber(v, -1)
		}
	}
	return out
}

// percentCell reports whether a cell's number format shows its number as
// a percent: Excel's own 0% and 0.00%, or a format of the workbook's with
// a % sign outside quotes.
func percentCell(f *excelize.File, sheet, cell string) bool {
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		return false
	}
	style, err := f.GetStyle(id)
	switch {
	case err != nil || style == nil:
		return false
	case style.CustomNumFmt != nil:
		return percentFormat(*style.CustomNumFmt)
	}
	return style.NumFmt == 9 || style.NumFmt == 10
}

// percentFormat reports whether a number format has a % sign that scales
// the number: one not in quotes, not escaped by a backslash, not in
// brackets ([Red], [$-42A]).
func percentFormat(code string) bool {
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '%':
			return true
		case '\\':
			i++
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			}
		case '[':
			if j := strings.IndexByte(code[i+1:], ']'); j >= 0 {
				i += j + 1
			}
		}
	}
	return false
}

// hundredTimes is a cell's raw number times 100, computed on its decimal
// digits (0.825 is 82.5, where 0.825*100 in floating point is not).
func hundredTimes(raw string) float64 {
	r, ok := new(big.Rat).SetString(raw)
	if !ok {
		v, _ := strconv.ParseFloat(raw, 64)
		return v * 100
	}
	v, _ := r.Mul(r, big.NewRat(100, 1)).Float64()
	return v
}

func excelDate(serial float64) string {
	t, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		return strconv.FormatFloat(serial, 'f', -1, 64)
	}
	return t.Format(time.DateOnly)
}
