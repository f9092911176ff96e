package sheets

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
)

func examplePlan(tb testing.TB) *indicator.Plan {
	tb.Helper()
	p, err := indicator.Load(plans.Example)
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

func TestReadCSV(t *testing.T) {
	in := "\ufeffIndicator,Date,Value,Note\n" +
		"CT01.1,2023-01-25,8,\n" +
		"ct01.1,25/02/2023,7,tháng 2\n" + // a code in lower case is the same code
		"CT03.1,2023-12-20,\"12,37‰\"\n" +
		"CT02.3,2023-12-20,250 triệu\n" +
		"CT01.5,2023-12-31,HTT,\"Đảng bộ xếp loại \"\"tốt\"\"\"\n" +
		"CT02.4,2023-12-20,\"1.500,5\"\n"
	rows, err := ReadCSV(strings.NewReader(in), examplePlan(t))
	if err != nil {
		t.Fatal(err)
	}
	got := ByIndicator(rows)
	want := map[string]string{
		"CT01.1": "[{2023-01-25 8 } {2023-02-25 7 tháng 2}]",
		"CT03.1": "[{2023-12-20 12.37 }]",
		"CT02.3": "[{2023-12-20 250 }]",
		"CT01.5": "[{2023-12-31 2 Đảng bộ xếp loại \"tốt\"}]",
		"CT02.4": "[{2023-12-20 1500.5 }]",
	}
	for code, w := range want {
		if s := fmt.Sprint(got[code]); s != w {
			t.Errorf("%s = %s, want %s", code, s, w)
		}
	}
	if rows[1].Line != 3 {
		t.Errorf("second row's line = %d, want 3", rows[1].Line)
	}
}

// TestReadCSVRejectsTheWholeFile: a file with a bad row is refused whole,
// every bad row named: a code not in the plan, a day that is none, a value
// that does not read, a row short of a column, a name off the scale, and
// a fraction of whole things (a bad row, as the chat asks it again: never
// a doubt a file's "import them too" would take).
func TestReadCSVRejectsTheWholeFile(t *testing.T) {
	in := "indicator,date,value,note\n" +
		"CT01.1,2023-01-25,8\n" +
		"CT99.9,2023-01-25,8\n" +
		"CT01.1,2023-02-30,8\n" +
		"CT01.1,2023-03-25,\"1,2,3\"\n" +
		"CT01.1,2023-04-25\n" +
		"CT01.5,2023-12-31,tốt lắm\n" +
		"CT05.14,2023-05-25,\"1,5 vụ\"\n" +
		"CT06.1,2023-12-31,\"thứ 9,5\"\n" +
		"CT01.1,2023-05-25,5\n"
	rows, err := ReadCSV(strings.NewReader(in), examplePlan(t))
	var bad RowErrors
	if !errors.As(err, &bad) || rows != nil {
		t.Fatalf("rows %v err %v, want no rows and RowErrors", rows, err)
	}
	var got []string
	for _, e := range bad {
		reason := ""
		if e.Err != nil {
			reason = " " + e.Err.Reason.ID()
		}
		got = append(got, fmt.Sprintf("%d %s%s", e.Line, e.ID, reason))
	}
	want := "[3 csv.indicator 4 csv.date 5 csv.value figure.two_decimal_points 6 csv.columns 7 csv.value figure.not_on_scale 8 csv.fraction 9 csv.fraction]"
	if fmt.Sprint(got) != want {
		t.Errorf("errors = %v\nwant %v", got, want)
	}
	p := locales.MustLoad().Printer("vi")
	for i, w := range map[int]string{5: "dòng 8: CT05.14 “1,5 vụ”: số vụ là số nguyên, không có phần lẻ",
		6: "dòng 9: CT06.1 “thứ 9,5”: thứ hạng là số nguyên, không có phần lẻ"} {
		if msg := bad[i].Message(p); msg != w {
			t.Errorf("%q, want %q", msg, w)
		}
	}
}

func TestReadCSVFileProblems(t *testing.T) {
	tests := map[string]string{
		"":                                       "csv.empty",
		"indicator,date,value\n":                 "csv.empty",
		"code,day,figure\nCT01.1,2023-01-25,8\n": "csv.header",
		"indicator,date,value\nCT01.1,\"2023-01-25,8\n": "csv.syntax",
	}
	for in, id := range tests {
		_, err := ReadCSV(strings.NewReader(in), examplePlan(t))
		var bad RowErrors
		if !errors.As(err, &bad) || bad[0].ID != id {
			t.Errorf("%q: err %v, want %s", in, err, id)
		}
	}
}

func TestRowErrorsSpeakVietnamese(t *testing.T) {
	_, err := ReadCSV(strings.NewReader("indicator,date,value\nCT01.1,2023-01-25,\"1,2,3\"\n"), examplePlan(t))
	var bad RowErrors
	errors.As(err, &bad)
	msg := locales.MustLoad().Printer("vi").Error(bad[0].Err)
	if !strings.Contains(msg, "hai dấu phẩy thập phân") {
		t.Errorf("message = %q", msg)
	}
}

// sevenBad is a figures file with seven bad rows of two kinds: six values
// that do not read, and one day outside the term.
const sevenBad = "indicator,date,value\n" +
	"CT01.1,2023-01-25,tám\nCT01.1,2023-02-25,bảy\nCT01.1,2023-03-25,\"1,2,3\"\nCT01.1,2203-04-25,8\n" +
	"CT01.1,2023-05-25,x\nCT01.1,2023-06-25,y\nCT01.2,2023-06-25,\"1,2‰\"\nCT01.1,2023-06-26,5\n"

// TestReadImportCountsEveryBadRow: a file to import is refused with every
// bad row in line order, whatever is wrong with it (a day outside the
// term among values that do not read), from a CSV and a workbook alike,
// and each reason reads alike, without a full stop at its end.
func TestReadImportCountsEveryBadRow(t *testing.T) {
	plan := examplePlan(t)
	records := [][]any{{"indicator", "date", "value"}, {"CT01.1", "2023-01-25", "tám"}, {"CT01.1", "2023-02-25", "bảy"},
		{"CT01.1", "2023-03-25", "1,2,3"}, {"CT01.1", "2203-04-25", 8.0}, {"CT01.1", "2023-05-25", "x"}, {"CT01.1", "2023-06-25", "y"},
		{"CT01.2", "2023-06-25", "1,2‰"}, {"CT01.1", "2023-06-26", 5.0}}
	p := locales.MustLoad().Printer("vi")
	for name, data := range map[string][]byte{"so-lieu.csv": []byte(sevenBad), "so-lieu.xlsx": workbook(t, records).Bytes()} {
		rows, err := ReadImport(name, bytes.NewReader(data), plan)
		var bad RowErrors
		if !errors.As(err, &bad) || rows != nil {
			t.Fatalf("%s: rows %v err %v", name, rows, err)
		}
		var lines []int
		for _, e := range bad {
			lines = append(lines, e.Line)
			if msg := e.Message(p); strings.HasSuffix(msg, ".") || !strings.HasPrefix(msg, fmt.Sprintf("dòng %d: ", e.Line)) {
				t.Errorf("%s: %q", name, msg)
			}
		}
		if fmt.Sprint(lines) != "[2 3 4 5 6 7 8]" {
			t.Errorf("%s: bad rows on lines %v, want all seven", name, lines)
		}
	}
	if _, err := ReadImport("so-lieu.pdf", strings.NewReader("x"), plan); !errors.Is(err, ErrNotFigures) {
		t.Errorf("a .pdf: %v", err)
	}
}
