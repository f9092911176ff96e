package sheets

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// workbook makes an .xlsx whose first sheet holds rows; a time.Time cell is
// written as a date, a float as a number.
func workbook(tb testing.TB, rows [][]any) *bytes.Buffer {
	f := excelize.NewFile()
	defer f.Close()
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellValue("Sheet1", cell, v)
			if _, ok := v.(time.Time); ok {
				f.SetCellStyle("Sheet1", cell, cell, style)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		tb.Fatal(err)
	}
	return &buf
}

func TestReadXLSX(t *testing.T) {
	day := time.Date(2023, 3, 25, 0, 0, 0, 0, time.UTC)
	buf := workbook(t, [][]any{
		{"indicator", "date", "value", "note"},
		{"CT01.1", day, 8.0},
		{"CT01.1", "25/04/2023", "9", "tháng 4"},
		{"CT03.1", "2023-12-20", 12.37},
		{"CT02.4", "2023-12-20", 1234.5},
		{"CT02.4", "2024-12-20", "1.500,5"},
		{"CT01.5", "2023-12-31", "HTT"},
	})
	rows, err := ReadXLSX(buf, examplePlan(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%s %v %v %s", r.Indicator.Code, r.Figure.Date, r.Figure.Value, r.Figure.Note))
	}
	want := "[CT01.1 2023-03-25 8  CT01.1 2023-04-25 9 tháng 4 CT03.1 2023-12-20 12.37  CT02.4 2023-12-20 1234.5  CT02.4 2024-12-20 1500.5  CT01.5 2023-12-31 2 ]"
	if fmt.Sprint(got) != want {
		t.Errorf("rows = %v\nwant %s", got, want)
	}
}

func TestReadXLSXRefusesBadRows(t *testing.T) {
	buf := workbook(t, [][]any{
		{"indicator", "date", "value"},
		{"CT01.1", "2023-01-25", 8.0},
		{"CT01.1", "2019-01-25", 8.0},
		{"CT01.1", "2023-02-25", "tám"},
	})
	_, err := ReadXLSX(buf, examplePlan(t))
	var bad RowErrors
	if !errors.As(err, &bad) || len(bad) != 1 || bad[0].Line != 4 {
		t.Errorf("err = %v", err)
	}
	if _, err := ReadImport("so-lieu.xlsx", workbook(t, [][]any{{"indicator", "date", "value"}, {"CT01.1", "2023-01-25", 8.0}, {"CT01.1", "2019-01-25", 8.0}}), examplePlan(t)); !errors.As(err, &bad) || bad[0].Line != 3 || bad[0].ID != "csv.outside_term" {
		t.Errorf("a day before the term: %v", err)
	}
	if _, err := ReadXLSX(bytes.NewBufferString("not a workbook"), examplePlan(t)); !errors.As(err, &bad) || bad[0].ID != "xlsx.open" {
		t.Errorf("a file that is no workbook: %v", err)
	}
}

func TestKeysNameTheContent(t *testing.T) {
	plan := examplePlan(t)
	a, _ := ReadCSV(bytes.NewBufferString("indicator,date,value\nCT01.1,2023-01-25,8\nCT01.1,2023-01-25,8\nCT01.1,2023-02-25,8\n"), plan)
	b, _ := ReadXLSX(workbook(t, [][]any{{"indicator", "date", "value"}, {"CT01.1", "2023-02-25", 8.0}, {"CT01.1", "25/01/2023", "8"}}), plan)
	if a[0].Key == a[1].Key || a[0].Key == a[2].Key {
		t.Errorf("keys %s %s %s: two rows alike must differ, and differ from another", a[0].Key, a[1].Key, a[2].Key)
	}
	if b[0].Key != a[2].Key || b[1].Key != a[0].Key {
		t.Errorf("the same figures in another file must have the same keys: %v %v", a, b)
	}
}

// withSheet is a workbook whose first sheet's XML is written by fill: a
// few kilobytes of zip that may unpack to anything.
func withSheet(t testing.TB, fill func(w io.Writer)) *bytes.Buffer {
	t.Helper()
	base := workbook(t, [][]any{{"indicator", "date", "value"}})
	zr, err := zip.NewReader(bytes.NewReader(base.Bytes()), int64(base.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if f.Name == "xl/worksheets/sheet1.xml" {
			fill(w)
			continue
		}
		r, _ := f.Open()
		io.Copy(w, r)
		r.Close()
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return &out
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`

// manyRows is a workbook of 200k short rows, a couple of hundred KB zipped.
func manyRows(tb testing.TB) *bytes.Buffer {
	return withSheet(tb, func(w io.Writer) {
		io.WriteString(w, sheetHead)
		io.WriteString(w, `<row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c><c r="B1" t="inlineStr"><is><t>date</t></is></c><c r="C1" t="inlineStr"><is><t>value</t></is></c></row>`)
		for range 200_000 {
			io.WriteString(w, `<row><c><v>1</v></c><c><v>45000</v></c><c><v>1</v></c></row>`)
		}
		io.WriteString(w, `</sheetData></worksheet>`)
	})
}

func BenchmarkReadXLSXOfManyRows(b *testing.B) {
	data := manyRows(b).Bytes()
	plan := examplePlan(b)
	for b.Loop() {
		ReadXLSX(bytes.NewReader(data), plan)
	}
}

func TestSpreadsheetBombsAreRefusedByTheirCaps(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	rows := manyRows(t)
	padded := withSheet(t, func(w io.Writer) {
		io.WriteString(w, sheetHead)
		pad := bytes.Repeat([]byte(" "), 1<<20)
		for range 200 { // 200 MB of nothing
			w.Write(pad)
		}
		io.WriteString(w, `</sheetData></worksheet>`)
	})
	t.Logf("a sheet of 200k rows is %d KB, a padded one %d KB", rows.Len()>>10, padded.Len()>>10)
	for name, tt := range map[string]struct {
		file *bytes.Buffer
		want string
	}{
		"200k rows":          {rows, "file.too_many_rows"},
		"a compressed sheet": {padded, "file.too_large"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ReadXLSX(tt.file, examplePlan(t))
			var bad RowErrors
			if !errors.As(err, &bad) || bad[0].ID != tt.want {
				t.Fatalf("got %v, want %s", err, tt.want)
			}
		})
	}
	if left, _ := os.ReadDir(os.Getenv("TMPDIR")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestACSVOfTooManyRowsIsRefused(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("indicator,date,value\n")
	for range 200_000 {
		b.WriteString("CT01.1,2023-03-25,1\n")
	}
	_, err := ReadCSV(&b, examplePlan(t))
	var bad RowErrors
	if !errors.As(err, &bad) || bad[0].ID != "file.too_many_rows" {
		t.Fatalf("got %.200v", err)
	}
}

// TestAPercentCellIsThePercentItShows: 0,825 under a percent format (Excel
// shows 82,50%) is 82,5%, whether the format is built in or custom; a
// number without one stays the number it holds, and a percent sign in
// quotes is text, not a percent.
func TestAPercentCellIsThePercentItShows(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	custom := "0.0%"
	quoted := `0.0" %"`
	styles := map[string]*excelize.Style{"builtin": {NumFmt: 10}, "whole": {NumFmt: 9}, "custom": {CustomNumFmt: &custom}, "quoted": {CustomNumFmt: &quoted}}
	f.SetSheetRow("Sheet1", "A1", &[]any{"indicator", "date", "value"})
	cells := []struct {
		code  string
		value float64
		style string
	}{{"CT01.2", 0.825, "builtin"}, {"CT01.3", 0.8, "whole"}, {"CT02.1", 0.1485, "custom"}, {"CT02.2", 70, "quoted"}, {"CT03.2", 5.9, ""}}
	for i, c := range cells {
		row := i + 2
		f.SetSheetRow("Sheet1", fmt.Sprintf("A%d", row), &[]any{c.code, "2023-06-30", c.value})
		if c.style != "" {
			id, err := f.NewStyle(styles[c.style])
			if err != nil {
				t.Fatal(err)
			}
			f.SetCellStyle("Sheet1", fmt.Sprintf("C%d", row), fmt.Sprintf("C%d", row), id)
		}
	}
	var buf bytes.Buffer
	f.Write(&buf)
	rows, err := ReadXLSX(&buf, examplePlan(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rows {
		got = append(got, fmt.Sprintf("%s %v %q", r.Indicator.Code, r.Figure.Value, r.Text))
	}
	want := `[CT01.2 82.5 "82,5%" CT01.3 80 "80%" CT02.1 14.85 "14,85%" CT02.2 70 "70" CT03.2 5.9 "5,9"]`
	if fmt.Sprint(got) != want {
		t.Errorf("read %v\nwant %s", got, want)
	}
}

func TestPercentFormat(t *testing.T) {
	for code, want := range map[string]bool{"0%": true, "0.00%": true, "#,##0.0%;[Red]-#,##0.0%": true, `0.0" %"`: false,
		`0.0\%`: false, "[$%-42A]0.0": false, "#,##0": false, `"%"0%`: true} {
		if got := percentFormat(code); got != want {
			t.Errorf("%s: %v, want %v", code, got, want)
		}
	}
}
