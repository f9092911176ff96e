package sheets

import (
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"chitieu/indicator"
	"chitieu/locales"
)

// ReadXLSX reads figures from the sheet FiguresSheet of a workbook, or
// its first sheet, laid out as the CSV: a header row
// indicator,date,value[,note]. A number cell is taken
// as the number it holds and a date cell as its day; a text cell is read
// like a figure typed in chat. Bad rows are refused as by ReadCSV.
func ReadXLSX(r io.Reader, plan *indicator.Plan) ([]Row, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, RowErrors{{Line: 1, ID: "xlsx.open", Data: map[string]any{"Detail": err.Error()}}}
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if idx, _ := f.GetSheetIndex(FiguresSheet); idx >= 0 {
		sheet = FiguresSheet
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, RowErrors{{Line: 1, ID: "xlsx.open", Data: map[string]any{"Detail": err.Error()}}}
	}
	var rr rowReader
	for i, rec := range rows {
		if len(rr.errs) >= maxErrors {
			break
		}
		if len(rec) == 0 {
			continue
		}
		rr.add(cellTexts(f, sheet, i+1, rec), i+1, plan)
	}
	return rr.result()
}

// cellTexts turns a row's raw cells into the text the CSV reader takes: a
// number cell into Vietnamese digits that read back as the same number, a
// date (a number under a date format) into YYYY-MM-DD.
func cellTexts(f *excelize.File, sheet string, row int, rec []string) []string {
	out := append([]string(nil), rec...)
	for col := 1; col <= 2 && col < len(out); col++ {
		cell, _ := excelize.CoordinatesToCellName(col+1, row)
		if t, _ := f.GetCellType(sheet, cell); t != excelize.CellTypeNumber && t != excelize.CellTypeUnset {
			continue
		}
		v, err := strconv.ParseFloat(out[col], 64)
		if err != nil {
			continue
		}
		if col == 1 {
			out[col] = excelDate(v)
		} else {
			out[col] = locales.FormatNumber(v, -1)
		}
	}
	return out
}

func excelDate(serial float64) string {
	t, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		return strconv.FormatFloat(serial, 'f', -1, 64)
	}
	return t.Format(time.DateOnly)
}
