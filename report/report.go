// Package report writes the báo cáo — a committee's periodic report on its
// targets — as a Word document (.docx) in the Party's document format,
// Hướng dẫn 36-HD/VPTW (2018) "về thể thức và kỹ thuật trình bày văn bản
// của Đảng": A4 with its margins, Times New Roman, the two-column header,
// "BÁO CÁO" and its summary line, the body with its headings and tables,
// "Nơi nhận" and the signature block, and the annexes (phụ lục).
//
// It knows nothing of indicators or storage: a content builder fills a
// Document and Write lays it out. What the caller leaves empty (the number,
// the date, the signer) is left blank for the committee's office to fill.
// The file is WordprocessingML written from the embedded templates under
// templates/, with real Word tables and named styles, so that it opens, and
// can be edited and restyled, in Word and LibreOffice alike.
package report

import (
	"fmt"
	"io"
	"time"
)

// Document is one report: its header, its body, its annexes and the blocks
// the office signs and sends.
type Document struct {
	Superior string // the committee directly above, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI"; "" for none
	Issuer   string // the issuing committee, "QUẬN ỦY TÂY HỒ"
	Number   string // the report's number, "25"; "" leaves it blank for the office
	Symbol   string // what follows the number, "BC/QU": "Số 25-BC/QU"
	Place    string // the place of the date line, "Tây Hồ"
	Date     Date   // the issue date; a zero part is left blank

	Kind    string // the document type, "BÁO CÁO" when empty
	Summary string // the trích yếu, as it should read: "kết quả thực hiện các chỉ tiêu … 6 tháng đầu năm 2026"
	Draft   bool   // marked "DỰ THẢO"

	Body    []Block
	Annexes []Annex // each on pages of its own, after the signature

	Recipients []string // "Thành ủy Hà Nội (để báo cáo)", …, "Lưu Văn phòng Quận ủy"
	SignFor    string   // "T/M BAN THƯỜNG VỤ"
	SignRole   string   // "BÍ THƯ", "PHÓ BÍ THƯ"
	Signer     string   // the signer's full name; "" leaves it blank
}

// Date is a civil issue date; a zero Day, Month or Year is left blank
// ("ngày … tháng … năm 2026"), as an office fills the day when it signs.
type Date struct{ Year, Month, Day int }

// DateOf is the civil date of t in its own location.
func DateOf(t time.Time) Date { return Date{t.Year(), int(t.Month()), t.Day()} }

// Block is one element of a body: a Heading, a Paragraph, a Table or a
// PageBreak.
type Block interface{ block() }

// Heading is a numbered heading, its number part of its text: level 1
// "I. KẾT QUẢ …" (set in capitals), level 2 "1. …", level 3 "a) …".
type Heading struct {
	Level int
	Text  string
}

// Paragraph is a body paragraph made of runs, justified unless Align says
// otherwise.
type Paragraph struct {
	Runs  []Run
	Align Align
}

// Run is a span of text with one style. A "\n" in Text breaks the line.
type Run struct {
	Text         string
	Bold, Italic bool
}

// PageBreak starts a new page.
type PageBreak struct{}

// Table is a real Word table: a grid of Columns, header rows repeated at
// the top of every page, and body rows that never split across pages. A
// body row of one cell across the whole table (a program's title) is kept
// on the page of the row after it.
type Table struct {
	Columns []Column
	Header  [][]Cell
	Rows    [][]Cell
}

// Column is a column of a table's grid: its width as a share of the
// table's (relative to the other columns'), and its cells' alignment.
type Column struct {
	Width float64
	Align Align
}

// Cell is a table cell. Span > 1 spans that many grid columns (a program's
// row across the table); RowSpan > 1 spans rows downwards, and the rows
// below then leave that place out. A "\n" in Text breaks the line.
type Cell struct {
	Text          string
	Span, RowSpan int
	Bold, Italic  bool
	Align         Align // the column's when AlignDefault
}

// Annex is a phụ lục: on pages of its own after the signature, headed
// "PHỤ LỤC" (numbered when there are several), its title and an optional
// note ("(Kèm theo Báo cáo số …)"), landscape for a wide table.
type Annex struct {
	Title     string
	Note      string
	Landscape bool
	Body      []Block
}

// Align is a paragraph's or a cell's horizontal alignment.
type Align int

const (
	AlignDefault Align = iota // justified for a paragraph, the column's for a cell (left when the column says nothing)
	AlignLeft
	AlignCenter
	AlignRight
	AlignJustify
)

func (Heading) block()   {}
func (Paragraph) block() {}
func (Table) block()     {}
func (PageBreak) block() {}

// Text is a paragraph of plain text.
func Text(s string) Paragraph { return Paragraph{Runs: []Run{{Text: s}}} }

// Write writes d as a .docx to w. It fails on a block it cannot lay out
// (a heading's level, a table whose rows do not fit its grid) or on w's
// error.
func Write(w io.Writer, d Document) error {
	v, err := newDocView(d)
	if err != nil {
		return fmt.Errorf("report: %w", err)
	}
	if err := writePackage(w, v); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}
