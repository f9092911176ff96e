package bot_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chitieu/store"
)

func TestExportWorkbook(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.join(leader, store.Leader, "")
	h.say(reporter, "CT01.1: 41")
	h.say(leader, "/xuat")
	doc := h.last(leader)
	if doc.Kind != "document" || doc.File.Name != "chitieu-tayho-2020-2025-2023-06-30.xlsx" {
		t.Fatalf("sent %+v", doc.Kind)
	}
	f, err := excelize.OpenReader(bytes.NewReader(doc.File.Data))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Tổng hợp")
	if len(rows) != 60 || rows[1][1] != "CT01.1" || rows[1][6] != "41" || rows[1][11] != "Lan Nguyễn" {
		t.Errorf("summary row %v", rows[1])
	}
	h.say(reporter, "/xuat")
	contains(t, h.last(reporter), "dành cho lãnh đạo và quản trị viên")
}

const figuresCSV = "indicator,date,value,note\nCT01.1,2023-01-25,8,\nCT01.1,2023-02-25,7,\nCT03.1,2022-12-20,\"12,1‰\",\n"

func TestImportAFileThroughTheChat(t *testing.T) {
	h := newHarness(t, nil)
	h.handled(h.srv.SendDocument(admin, "so-lieu.csv", []byte(figuresCSV)))
	contains(t, h.last(admin), "“so-lieu.csv” có 3 số liệu của 2 chỉ tiêu", "<b>CT01.1</b>: 2", "<b>CT03.1</b>: 1")
	if len(h.figures("CT01.1")) != 0 {
		t.Fatal("figures were added before the admin confirmed")
	}
	h.press(admin, "📥")
	contains(t, h.last(admin), "Đã nhập 3 số liệu mới; 0")
	h.handled(h.srv.SendDocument(admin, "lai-lan-nua.csv", []byte(figuresCSV)))
	h.press(admin, "📥")
	contains(t, h.last(admin), "Đã nhập 0 số liệu mới; 3")
	if figs := h.figures("CT01.1"); len(figs) != 2 || figs[0].By != admin.ID || figs[0].Source != "import:so-lieu.csv" {
		t.Errorf("imported %+v", figs)
	}
}

func TestMalformedFilesChangeNothing(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	tests := []struct {
		name, data, want string
	}{
		{"cot.csv", "ma,ngay\nCT01.1,2023-01-25\n", "dòng 1"},
		{"chi-tieu.csv", "indicator,date,value\nCT99.9,2023-01-25,8\n", "không có chỉ tiêu “CT99.9”"},
		{"so.csv", "indicator,date,value\nCT01.1,2023-01-25,tám\nCT01.1,2023-02-25,\"1,2,3\"\n", "Tệp “so.csv” có 2 dòng không hợp lệ"},
		{"trong.csv", "", "Chưa có số liệu nào được nhập từ tệp “trong.csv”: tệp số liệu trống."},
		{"bao-cao.pdf", "%PDF-1.4", "Tệp “bao-cao.pdf” không được đọc: hệ thống nhận tệp số liệu dạng .xlsx hoặc .csv"},
		{"hong.xlsx", "PK not a workbook", "Excel"},
	}
	for _, tt := range tests {
		h.handled(h.srv.SendDocument(admin, tt.name, []byte(tt.data)))
		contains(t, h.last(admin), tt.want)
	}
	big := bytes.Repeat([]byte("x"), 10<<20+1)
	h.handled(h.srv.SendDocument(admin, "lon.csv", big))
	contains(t, h.last(admin), "Tệp “lon.csv” vượt quá dung lượng cho phép")
	h.handled(h.srv.SendDocument(reporter, "so-lieu.csv", []byte(figuresCSV)))
	contains(t, h.last(reporter), "Chỉ quản trị viên mới gửi được tệp số liệu", "tệp “so-lieu.csv” không được đọc")
	if n := len(h.figures("CT01.1")); n != 0 {
		t.Errorf("%d figures after refused files", n)
	}
	if strings.Contains(h.last(admin).Text, "<") && !strings.Contains(h.last(admin).Text, "<b>") {
		t.Error("unescaped text")
	}
}

func TestAFileOverTheCapsIsRefusedClearly(t *testing.T) {
	h := newHarness(t, nil)
	var b strings.Builder
	b.WriteString("indicator,date,value\n")
	for range 30_000 {
		b.WriteString("CT01.1,2023-01-25,1\n")
	}
	h.handled(h.srv.SendDocument(admin, "qua-nhieu.csv", []byte(b.String())))
	last := h.last(admin)
	contains(t, last, "20000 dòng", "Chưa có số liệu nào được nhập")
	if len(last.Keyboard) != 0 || len(h.figures("CT01.1")) != 0 {
		t.Errorf("a file over the caps was offered for import: %+v", last)
	}
}

// TestAFileWhileSomethingIsPendingSaysWhatWasLeft: an admin who sends a
// file while an import waits for their word is told the import was set
// aside, and its buttons go, as a command would; a file refused changes
// nothing (the import still waits), and a reporter's file, refused, leaves
// the report they are typing as it was.
func TestAFileWhileSomethingIsPendingSaysWhatWasLeft(t *testing.T) {
	h := newHarness(t, nil)
	h.handled(h.srv.SendDocument(admin, "so-lieu.csv", []byte(figuresCSV)))
	first := h.last(admin)
	for _, bad := range []struct{ name, data string }{
		{"so.csv", "indicator,date,value\nCT01.1,2023-01-25,tám\n"}, {"ghi-chu.txt", "x"}, {"trong.csv", ""},
	} {
		h.handled(h.srv.SendDocument(admin, bad.name, []byte(bad.data)))
		if m := h.message(admin, first.ID); len(m.Keyboard) == 0 {
			t.Fatalf("a refused file (%s) took the waiting import's buttons", bad.name)
		}
		contains(t, h.last(admin), "“"+bad.name+"”", "Tệp “so-lieu.csv” gửi trước vẫn đang chờ xác nhận")
	}
	since := h.last(admin).ID
	h.handled(h.srv.SendDocument(admin, "so-lieu-moi.csv", []byte(figuresCSV)))
	var said []string
	for _, m := range h.srv.Sent(admin.ID) {
		if m.ID > since {
			said = append(said, m.Text)
		}
	}
	if len(said) != 2 || !strings.Contains(said[0], "Đã bỏ qua tệp số liệu “so-lieu.csv” đang chờ xác nhận") ||
		!strings.Contains(said[1], "“so-lieu-moi.csv” có 3 số liệu") {
		t.Errorf("after a second file the admin read %q", said)
	}
	if m := h.message(admin, first.ID); len(m.Keyboard) != 0 {
		t.Errorf("the import set aside kept its buttons: %+v", m.Keyboard)
	}
	h.press(admin, "📥")
	if figs := h.figures("CT01.1"); len(figs) != 2 || figs[0].Source != "import:so-lieu-moi.csv" {
		t.Errorf("imported %+v", figs)
	}

	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "/baocao CT01.2")
	h.handled(h.srv.SendDocument(reporter, "so-lieu.csv", []byte(figuresCSV)))
	contains(t, h.last(reporter), "Chỉ quản trị viên mới gửi được tệp")
	h.say(reporter, "90%")
	contains(t, h.last(reporter), "<b>CT01.2</b>", "Đã nhập “90%”")
}

// TestTextWhileButtonsWaitSaysSo: words typed while a message waits for a
// button (an import's preview) are told so, not given the general hint,
// and the import still waits.
func TestTextWhileButtonsWaitSaysSo(t *testing.T) {
	h := newHarness(t, nil)
	h.handled(h.srv.SendDocument(admin, "so-lieu.csv", []byte(figuresCSV)))
	h.say(admin, "9")
	contains(t, h.last(admin), "đang chờ đồng chí chọn", "/huy")
	h.press(admin, "📥")
	contains(t, h.last(admin), "Đã nhập 3 số liệu mới")
}

// TestEveryBadRowIsCountedAndListed: a file with bad rows of two kinds
// (values that do not read, a day outside the term) is refused with all
// of them counted and listed, each reason alike, without "đầu tiên" when
// the list is whole; past twenty rows the list says how many it left out.
func TestEveryBadRowIsCountedAndListed(t *testing.T) {
	h := newHarness(t, nil)
	bad := "indicator,date,value\n" +
		"CT01.1,2023-01-25,tám\nCT01.1,2023-02-25,bảy\nCT01.1,2023-03-25,\"1,2,3\"\nCT01.1,2203-04-25,8\n" +
		"CT01.1,2023-05-25,x\nCT01.1,2023-06-25,y\nCT01.2,2023-06-25,\"1,2‰\"\nCT01.1,2023-06-26,5\n"
	h.handled(h.srv.SendDocument(admin, "so.csv", []byte(bad)))
	last := h.last(admin)
	contains(t, last, "Tệp “so.csv” có 7 dòng không hợp lệ nên chưa nhập số liệu nào. Các dòng lỗi:", "• dòng 5: ngày 2203-04-25 nằm ngoài nhiệm kỳ",
		"• dòng 8: “1,2‰”: chỉ tiêu này tính bằng “%”, không tính bằng “‰”")
	if strings.Contains(last.Text, "đầu tiên") || strings.Count(last.Text, "• dòng") != 7 {
		t.Errorf("the list of bad rows:\n%s", last.Text)
	}
	for _, line := range strings.Split(last.Text, "\n")[1:] {
		if strings.HasSuffix(line, ".") {
			t.Errorf("a reason ends with a full stop, unlike the others: %q", line)
		}
	}
	many := "indicator,date,value\n" + strings.Repeat("CT01.1,2023-01-25,tám\n", 30)
	h.handled(h.srv.SendDocument(admin, "nhieu.csv", []byte(many)))
	last = h.last(admin)
	contains(t, last, "có 30 dòng không hợp lệ", "20 dòng lỗi đầu tiên:", "… và 10 dòng lỗi khác.")
	if n := strings.Count(last.Text, "• dòng"); n != 20 {
		t.Errorf("%d rows listed, want 20", n)
	}
}
