package sheets

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chitieu/indicator"
	"chitieu/locales"
)

// layoutBook writes the workbook of two figures of CT01.1 (one corrected)
// and one of CT03.1, reported at 09:00 in Hà Nội, evaluated on 15/10/2025.
func layoutBook(t *testing.T) *excelize.File {
	t.Helper()
	plan := examplePlan(t)
	day := indicator.NewDate(2025, 10, 15)
	at := time.Date(2025, 9, 25, 2, 0, 0, 0, time.UTC) // 09:00 in Asia/Ho_Chi_Minh
	figs := map[string][]indicator.Record{
		"CT01.1": {
			{Indicator: "CT01.1", Date: indicator.NewDate(2025, 6, 25), Value: 40, By: 7, At: at, Source: "chat", Version: 1},
			{Indicator: "CT01.1", Date: indicator.NewDate(2025, 9, 25), Value: 30, By: 7, At: at, Source: "chat", Version: 2,
				History: []indicator.Replaced{{Date: indicator.NewDate(2025, 9, 25), Value: 300, By: 7, At: at, ReplacedBy: 7, ReplacedAt: at, Reason: "gõ thừa số 0"}}},
		},
		"CT03.1": {{Indicator: "CT03.1", Date: indicator.NewDate(2024, 12, 20), Value: 12.5, By: 7, At: at, Source: "chat", Version: 1}},
	}
	x := Export{Plan: plan, Day: day, Figures: figs, Names: map[int64]string{7: "Lan"}, P: locales.MustLoad().Printer("vi")}
	for _, ind := range plan.Indicators() {
		x.Evals = append(x.Evals, indicator.Evaluate(ind, indicator.FiguresOf(figs[ind.Code]), day))
	}
	var buf bytes.Buffer
	if err := x.WriteXLSX(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// row returns a sheet's row whose column col holds s, as displayed.
func row(t *testing.T, f *excelize.File, sheet string, col int, s string) []string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) > col && r[col] == s {
			return r
		}
	}
	t.Fatalf("%s: no row with %q in column %d: %q", sheet, s, col+1, rows)
	return nil
}

func TestWorkbookHeadersAreVietnamese(t *testing.T) {
	f := layoutBook(t)
	want := map[string]string{
		"Tổng hợp":   "Chương trình|Mã|Chỉ tiêu|Đơn vị báo cáo|ĐVT|Mục tiêu|Thực hiện|Số liệu đến ngày|Theo lộ trình (đến ngày số liệu)|Tình trạng|Số liệu gần nhất|Người báo cáo|Theo lộ trình (đến ngày 15/10/2025)|Quá hạn báo cáo|Điều chỉnh chỉ tiêu",
		FiguresSheet: "Mã chỉ tiêu|Ngày số liệu|Số liệu|Ghi chú",
		"CT01":       "Mã|Ngày số liệu|Số liệu|ĐVT|Ghi chú|Người báo cáo|Thời điểm ghi nhận|Nguồn|Phiên bản|Trạng thái",
	}
	for sheet, header := range want {
		if got := strings.Join(row(t, f, sheet, 0, strings.Split(header, "|")[0]), "|"); got != header {
			t.Errorf("%s header\n%s\nwant\n%s", sheet, got, header)
		}
	}
}

func TestWorkbookTimesAreThePlansTime(t *testing.T) {
	f := layoutBook(t)
	r := row(t, f, "CT01", 2, "30")
	if r[6] != "25/09/2025 09:00" {
		t.Errorf("reported at 09:00 in Hà Nội, the workbook says %q", r[6])
	}
}

func TestWorkbookNumbersAndUnits(t *testing.T) {
	f := layoutBook(t)
	sum := row(t, f, "Tổng hợp", 1, "CT01.1")
	// Đơn vị báo cáo, ĐVT, Mục tiêu, Thực hiện, Số liệu đến ngày, lộ trình
	// then, status, last figure, by, lộ trình today.
	got := strings.Join(sum[3:13], "|")
	if got != "Ban Tổ chức Quận ủy|đảng viên|≥ 90|70|25/09/2025|66|Đúng tiến độ|30|Lan|71" {
		t.Errorf("CT01.1 in the summary: %s", got)
	}
	if r := row(t, f, "Tổng hợp", 1, "CT03.1"); r[4] != "‰" && r[4] != "%" || r[6] != "12.5" {
		t.Errorf("CT03.1 in the summary: %q", r)
	}
	if r := row(t, f, "Tổng hợp", 1, "CT01.2"); len(r) < 14 || r[13] != "năm 2024" {
		t.Errorf("CT01.2's report for 2024 never came: %q", r)
	}
	if r := row(t, f, "CT01", 3, "đảng viên"); r[2] != "300" && r[2] != "40" {
		t.Errorf("CT01 row %q", r)
	}
	for sheet, cells := range map[string][]string{"Tổng hợp": {"G2", "I2", "K2", "M2"}, "CT01": {"C2", "C3"}, FiguresSheet: {"C2"}} {
		for _, cell := range cells {
			if format := numberFormat(t, f, sheet, cell); strings.HasSuffix(strings.TrimRight(format, "#"), ".") {
				t.Errorf("%s!%s holds a whole number in %q: Excel shows it with a trailing separator", sheet, cell, format)
			}
		}
	}
}

// numberFormat is the custom number format of a cell.
func numberFormat(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, _ := f.GetCellStyle(sheet, cell)
	st, err := f.GetStyle(id)
	if err != nil || st.CustomNumFmt == nil {
		t.Fatalf("%s!%s has no number format", sheet, cell)
	}
	return *st.CustomNumFmt
}

func TestImportTakesVietnameseOrEnglishHeaders(t *testing.T) {
	for _, head := range []string{"indicator,date,value,note", "INDICATOR,Date,Value", "Mã chỉ tiêu,Ngày số liệu,Số liệu,Ghi chú",
		"ma chi tieu,ngay so lieu,so lieu", "Mã,Ngày,Giá trị,Ghi chú"} {
		rows, err := ReadCSV(strings.NewReader(head+"\nCT01.1,2023-01-25,8\n"), examplePlan(t))
		if err != nil || len(rows) != 1 {
			t.Errorf("%q: %v", head, err)
		}
	}
	buf := workbook(t, [][]any{{"Mã chỉ tiêu", "Ngày số liệu", "Số liệu", "Ghi chú"}, {"CT01.1", "2023-01-25", 8.0}})
	if rows, err := ReadXLSX(buf, examplePlan(t)); err != nil || len(rows) != 1 {
		t.Errorf("a workbook with Vietnamese headers: %v", err)
	}
}
