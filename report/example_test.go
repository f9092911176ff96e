package report_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"log"

	"chitieu/report"
)

// A six-month report as the content builder would fill it: the header
// from the plan, blanks for the office, a tally, a quoted reason and an
// annex table in landscape.
func Example() {
	var b bytes.Buffer
	if err := report.Write(&b, sixMonths()); err != nil {
		log.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range z.File {
		fmt.Println(f.Name)
	}
	// Output:
	// [Content_Types].xml
	// _rels/.rels
	// docProps/core.xml
	// docProps/app.xml
	// word/_rels/document.xml.rels
	// word/document.xml
	// word/styles.xml
	// word/settings.xml
	// word/header1.xml
	// word/header2.xml
}

func sixMonths() report.Document {
	return report.Document{
		Superior: "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI",
		Issuer:   "QUẬN ỦY TÂY HỒ",
		Symbol:   "BC/QU",
		Place:    "Tây Hồ",
		Date:     report.Date{Year: 2026, Month: 6},
		Summary:  "kết quả thực hiện các chỉ tiêu Nghị quyết Đại hội Đảng bộ quận\n6 tháng đầu năm 2026",
		Draft:    true,
		Body: []report.Block{
			report.Text("Thực hiện Nghị quyết Đại hội Đảng bộ quận Tây Hồ lần thứ VI, nhiệm kỳ 2020–2025, Ban Thường vụ Quận ủy báo cáo kết quả thực hiện các chỉ tiêu 6 tháng đầu năm 2026 như sau:"),
			report.Heading{Level: 1, Text: "I. Kết quả thực hiện các chỉ tiêu"},
			report.Heading{Level: 2, Text: "1. Kết quả chung"},
			report.Paragraph{Runs: []report.Run{
				{Text: "Tổng số 18 chỉ tiêu: "},
				{Text: "đạt và vượt 15/18 chỉ tiêu", Bold: true},
				{Text: "; cơ bản đạt 1; không đạt 1; chưa đánh giá 1 ("},
				{Text: "ước", Italic: true},
				{Text: " đến hết năm 2026)."},
			}},
			report.Heading{Level: 2, Text: "2. Kết quả từng chương trình"},
			report.Heading{Level: 3, Text: "a) Chương trình 01: Nâng cao năng lực lãnh đạo, sức chiến đấu của Đảng bộ"},
			report.Text("Đạt và vượt 4/5 chỉ tiêu; chưa đánh giá 1. Kết nạp 44 đảng viên mới, bằng 49% kế hoạch năm."),
			report.Heading{Level: 1, Text: "II. Hạn chế, nguyên nhân"},
			report.Paragraph{Runs: []report.Run{
				{Text: "- Chỉ tiêu CT03.1 (tỷ suất sinh thô) chưa đạt: "},
				{Text: "“Số trẻ sinh tăng do năm Ngọ, các phường đã tăng cường tuyên truyền” ", Italic: true},
				{Text: "(Phòng Y tế, ngày 25/6/2026)."},
			}},
			report.Heading{Level: 1, Text: "III. Nhiệm vụ, giải pháp 6 tháng cuối năm 2026"},
			report.Text("Tập trung chỉ đạo các chỉ tiêu có nguy cơ không đạt; đôn đốc các đơn vị báo cáo số liệu đúng hạn./."),
		},
		Annexes: []report.Annex{{
			Title:     "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2026",
			Note:      "(Kèm theo Báo cáo số      -BC/QU, ngày … tháng 6 năm 2026 của Ban Thường vụ Quận ủy)",
			Landscape: true,
			Body:      []report.Block{annexTable()},
		}},
		Recipients: []string{"Thành ủy Hà Nội (để báo cáo)", "Các đồng chí Quận ủy viên", "Các chi bộ, đảng bộ trực thuộc", "Lưu Văn phòng Quận ủy"},
		SignFor:    "T/M BAN THƯỜNG VỤ",
		SignRole:   "BÍ THƯ",
	}
}

func annexTable() report.Table {
	c, l, r := report.AlignCenter, report.AlignLeft, report.AlignRight
	t := report.Table{
		Columns: []report.Column{{Width: 0.7, Align: c}, {Width: 4.5, Align: l}, {Width: 1.3, Align: c}, {Width: 1.6, Align: r},
			{Width: 1.4, Align: r}, {Width: 1.4, Align: r}, {Width: 1.3, Align: r}, {Width: 1.6, Align: c}},
		Header: [][]report.Cell{
			{{Text: "STT", RowSpan: 2}, {Text: "Chỉ tiêu", RowSpan: 2}, {Text: "ĐVT", RowSpan: 2}, {Text: "Kế hoạch năm 2026", RowSpan: 2},
				{Text: "Kết quả 6 tháng", Span: 2}, {Text: "% kế hoạch năm", RowSpan: 2}, {Text: "Đánh giá", RowSpan: 2}},
			{{Text: "2025"}, {Text: "2026"}},
		},
	}
	for p := 1; p <= 6; p++ {
		t.Rows = append(t.Rows, []report.Cell{{Text: fmt.Sprintf("Chương trình %02d", p), Span: 8, Bold: true, Align: l}})
		for i := 1; i <= 4; i++ {
			t.Rows = append(t.Rows, []report.Cell{
				{Text: fmt.Sprintf("%d.%d", p, i)}, {Text: "Kết nạp đảng viên mới & giữ vững <100%> tổ chức cơ sở đảng"},
				{Text: "đảng viên"}, {Text: "90"}, {Text: "41"}, {Text: "44"}, {Text: "49%"}, {Text: "Đạt\n(ước)"},
			})
		}
	}
	return t
}
