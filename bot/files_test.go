package bot_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chitieu/indicator"
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

// TestImportAFileThroughTheChat: the preview lists every row it would
// save, by indicator, with its day and its value as understood; the same
// file sent again is nothing new, and says so without buttons.
func TestImportAFileThroughTheChat(t *testing.T) {
	h := newHarness(t, nil)
	h.handled(h.srv.SendDocument(admin, "so-lieu.csv", []byte(figuresCSV)))
	preview := h.last(admin)
	contains(t, preview, "Tệp “so-lieu.csv”: 3 dòng số liệu của 2 chỉ tiêu", "• 3 số liệu mới sẽ được nhập",
		"<b>CT01.1</b> Kết nạp đảng viên mới\n25/01/2023: 8 đảng viên\n25/02/2023: 7 đảng viên\n",
		"<b>CT03.1</b> Tỷ suất sinh thô\n20/12/2022: 12,1‰")
	if strings.Contains(preview.Text, "bỏ qua") || strings.Contains(preview.Text, "trùng") || len(preview.Keyboard) == 0 ||
		preview.Keyboard[0][0].Text != "📥 Nhập 3 số liệu mới" {
		t.Errorf("the preview promises what it does not do, or lacks its button: %+v", preview)
	}
	if len(h.figures("CT01.1")) != 0 {
		t.Fatal("figures were added before the admin confirmed")
	}
	h.press(admin, "📥")
	done := h.last(admin)
	contains(t, done, "📥 Đã nhập 3 số liệu mới từ tệp “so-lieu.csv”.")
	if strings.Contains(done.Text, " 0 ") {
		t.Errorf("a clause of zero: %s", done.Text)
	}
	h.handled(h.srv.SendDocument(admin, "lai-lan-nua.csv", []byte(figuresCSV)))
	again := h.last(admin)
	contains(t, again, "Tệp “lai-lan-nua.csv” không có số liệu mới; cả 3 dòng đều trùng với số liệu đã lưu (cùng chỉ tiêu, ngày và giá trị)")
	if len(again.Keyboard) != 0 {
		t.Errorf("a file with nothing new offers to import it: %+v", again.Keyboard)
	}
	if figs := h.figures("CT01.1"); len(figs) != 2 || figs[0].By != admin.ID || figs[0].Source != "import:so-lieu.csv" {
		t.Errorf("imported %+v", figs)
	}
}

// TestDoubtfulRowsOfAFileAreListedApart: a file's rows that deserve a
// second look (shares over 100%, a second count of a day the file already
// has one for: added to it, or replacing it?) are listed apart with why,
// and saved only when the admin says so; the others can be imported
// without them.
func TestDoubtfulRowsOfAFileAreListedApart(t *testing.T) {
	h := newHarness(t, nil)
	file := "indicator,date,value\nCT01.1,2023-04-25,6\nCT04.4,2023-05-25,120\nCT02.2,2023-05-25,\"950%\"\nCT01.1,2023-04-25,3\n"
	h.handled(h.srv.SendDocument(admin, "nghi-van.csv", []byte(file)))
	preview := h.last(admin)
	contains(t, preview, "• 1 số liệu mới sẽ được nhập", "• 3 dòng cần kiểm tra",
		"<b>CT01.1</b> Kết nạp đảng viên mới\n25/04/2023: 6 đảng viên", "⚠️ <b>Các dòng cần kiểm tra:</b>",
		"• dòng 5: CT01.1 ngày 25/04/2023: 3 đảng viên — dòng 2 cùng ngày có số liệu 6 đảng viên: nếu nhập cả hai dòng, hai số liệu được cộng với nhau",
		"• dòng 3: CT04.4 ngày 25/05/2023: 120% — tỷ lệ vượt quá 100%", "• dòng 4: CT02.2 ngày 25/05/2023: 950% — tỷ lệ vượt quá 100%")
	if strings.Contains(preview.Text, "25/04/2023: 3 đảng viên\n") {
		t.Errorf("a doubtful row is listed among the new ones:\n%s", preview.Text)
	}
	h.press(admin, "📥 Nhập 1 số liệu mới")
	contains(t, h.last(admin), "Đã nhập 1 số liệu mới từ tệp “nghi-van.csv”; 3 dòng cần kiểm tra chưa được nhập.")
	if len(h.figures("CT01.1")) != 1 || len(h.figures("CT04.4")) != 0 {
		t.Fatalf("saved %v and %v", h.figures("CT01.1"), h.figures("CT04.4"))
	}
	h.handled(h.srv.SendDocument(admin, "nghi-van.csv", []byte(file)))
	contains(t, h.last(admin), "• 3 dòng cần kiểm tra", "• dòng 5: CT01.1 ngày 25/04/2023: 3 đảng viên — ngày này đã có số liệu 6 đảng viên", "• 1 dòng trùng với số liệu đã lưu (cùng chỉ tiêu, ngày và giá trị) nên không nhập lại")
	h.press(admin, "⚠️ Nhập cả 3 dòng cần kiểm tra")
	contains(t, h.last(admin), "Đã nhập 3 số liệu mới từ tệp “nghi-van.csv”, kể cả 3 dòng cần kiểm tra; 1 dòng trùng với số liệu đã lưu nên không nhập lại.")
	if len(h.figures("CT01.1")) != 2 || len(h.figures("CT04.4")) != 1 || len(h.figures("CT02.2")) != 1 {
		t.Errorf("saved %v", h.figures("CT01.1"))
	}
}

// TestAWorkbookSentToTheBotIsReadByItsFormats: a percent-formatted cell
// is the percent it shows (0,825 is 82,5%), and 950 đảng viên in a number
// cell is doubted as in the chat.
func TestAWorkbookSentToTheBotIsReadByItsFormats(t *testing.T) {
	h := newHarness(t, nil)
	f := excelize.NewFile()
	percent, _ := f.NewStyle(&excelize.Style{NumFmt: 10})
	f.SetSheetRow("Sheet1", "A1", &[]any{"Mã chỉ tiêu", "Ngày số liệu", "Số liệu"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"CT01.2", "2022-12-31", 0.825})
	f.SetCellStyle("Sheet1", "C2", "C2", percent)
	f.SetSheetRow("Sheet1", "A3", &[]any{"CT01.1", "2023-05-25", 950})
	var buf bytes.Buffer
	f.Write(&buf)
	h.handled(h.srv.SendDocument(admin, "so-lieu.xlsx", buf.Bytes()))
	contains(t, h.last(admin), "31/12/2022: 82,5%", "• dòng 3: CT01.1 ngày 25/05/2023: 950 đảng viên — gấp hơn 10 lần mục tiêu")
	h.press(admin, "📥")
	if figs := h.figures("CT01.2"); len(figs) != 1 || figs[0].Value != 82.5 {
		t.Errorf("saved %+v, want 82,5%%", figs)
	}
}

// TestAFractionOfWholeThingsInAFileIsABadRow: "1,5 vụ" in a file, a CSV
// or a workbook, is a bad row as the chat asks it again: the file is
// refused naming it, with nothing to import, never taken by "Nhập cả".
func TestAFractionOfWholeThingsInAFileIsABadRow(t *testing.T) {
	h := newHarness(t, nil)
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Mã chỉ tiêu", "Ngày số liệu", "Số liệu"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"CT05.14", "2023-05-25", 1.5})
	f.SetSheetRow("Sheet1", "A3", &[]any{"CT01.1", "2023-05-25", 6})
	var buf bytes.Buffer
	f.Write(&buf)
	csv := "indicator,date,value\nCT05.14,2023-05-25,\"1,5 vụ\"\nCT01.1,2023-05-25,6\n"
	for name, data := range map[string][]byte{"vu.csv": []byte(csv), "vu.xlsx": buf.Bytes()} {
		h.handled(h.srv.SendDocument(admin, name, data))
		m := h.last(admin)
		contains(t, m, "có 1 dòng không hợp lệ nên chưa nhập số liệu nào", "dòng 2: CT05.14 “1,5", "số vụ là số nguyên, không có phần lẻ")
		if len(m.Keyboard) != 0 {
			t.Errorf("%s: a file with a fraction of whole things offers to import it: %s", name, buttonLabels(m))
		}
	}
	if n := len(h.figures("CT05.14")) + len(h.figures("CT01.1")); n != 0 {
		t.Errorf("%d figures saved", n)
	}
}

// TestAWorkbookOfXuatSentBackAddsNothing: /xuat's own workbook, sent back,
// holds the figures saved (by the chat and by a file alike): nothing new,
// no button, no count doubled.
func TestAWorkbookOfXuatSentBackAddsNothing(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 41")
	h.handled(h.srv.SendDocument(admin, "so-lieu.csv", []byte(figuresCSV)))
	h.press(admin, "📥")
	h.say(admin, "/xuat")
	doc := h.last(admin)
	if doc.Kind != "document" {
		t.Fatalf("sent %s", doc.Kind)
	}
	h.handled(h.srv.SendDocument(admin, doc.File.Name, doc.File.Data))
	back := h.last(admin)
	contains(t, back, "không có số liệu mới; cả 4 dòng đều trùng với số liệu đã lưu")
	if len(back.Keyboard) != 0 || len(h.figures("CT01.1")) != 3 {
		t.Errorf("the workbook sent back: %+v, CT01.1 has %d figures", back, len(h.figures("CT01.1")))
	}
}

// TestALongPreviewIsSplit: a preview longer than a message is sent in
// parts, the buttons on the last; one longer than three messages sums up
// the new rows per indicator instead.
func TestALongPreviewIsSplit(t *testing.T) {
	h := newHarness(t, nil)
	rows := func(n int) []byte {
		var b strings.Builder
		b.WriteString("indicator,date,value\n")
		for i := range n {
			fmt.Fprintf(&b, "CT04.4,%s,%d\n", indicator.NewDate(2020, 1, 1)+indicator.Date(i), 95+i%5)
		}
		return []byte(b.String())
	}
	before := len(h.srv.Sent(admin.ID))
	h.handled(h.srv.SendDocument(admin, "dai.csv", rows(300)))
	parts := h.srv.Sent(admin.ID)[before:]
	if len(parts) < 2 || len(parts[len(parts)-1].Keyboard) == 0 {
		t.Fatalf("a long preview came in %d parts", len(parts))
	}
	all := ""
	for _, m := range parts {
		all += m.Text + "\n"
	}
	if n := strings.Count(all, "%\n"); n != 300 {
		t.Errorf("%d rows listed, want 300", n)
	}
	h.press(admin, "📥")
	before = len(h.srv.Sent(admin.ID))
	h.handled(h.srv.SendDocument(admin, "rat-dai.csv", rows(1200)))
	parts = h.srv.Sent(admin.ID)[before:]
	if len(parts) != 1 {
		t.Fatalf("a very long preview came in %d parts", len(parts))
	}
	contains(t, parts[0], "• 900 số liệu mới sẽ được nhập", "• 300 dòng trùng", "<b>CT04.4</b> Tỷ lệ rác thải được thu gom và vận chuyển trong ngày: 900 số liệu, từ ngày 27/10/2020 đến ngày 14/04/2023")
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
		{"bao-cao.pdf", "%PDF-1.4", "Tệp “bao-cao.pdf” không được đọc: hệ thống chỉ nhận tệp số liệu dạng .xlsx hoặc .csv"},
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
		!strings.Contains(said[1], "“so-lieu-moi.csv”: 3 dòng số liệu") {
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
	contains(t, last, "Tệp “so.csv” có 7 dòng không hợp lệ nên chưa nhập số liệu nào. Các dòng lỗi:", "• dòng 5: ngày 25/04/2203 nằm ngoài nhiệm kỳ",
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
