package sheets

import (
	"bytes"
	"errors"
	"fmt"
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
	rows, _ := ReadXLSX(workbook(t, [][]any{{"indicator", "date", "value"}, {"CT01.1", "2023-01-25", 8.0}, {"CT01.1", "2019-01-25", 8.0}}), examplePlan(t))
	if err := InTerm(rows, examplePlan(t)); !errors.As(err, &bad) || bad[0].Line != 3 || bad[0].ID != "csv.outside_term" {
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
