package report

import (
	"bytes"
	"errors"
	"path"
	"strconv"
	"strings"
	"testing"
)

// small is a short report with every element of the format once.
func small() Document {
	return Document{
		Superior: "Đảng bộ thành phố Hà Nội",
		Issuer:   "Quận ủy Tây Hồ",
		Number:   "25",
		Symbol:   "BC/QU",
		Place:    "Tây Hồ",
		Date:     Date{2026, 7, 5},
		Summary:  "kết quả thực hiện các chỉ tiêu Nghị quyết Đại hội 6 tháng đầu năm 2026",
		Body: []Block{
			Heading{Level: 1, Text: "I. Kết quả thực hiện"},
			Text("Ban Thường vụ Quận ủy báo cáo kết quả 6 tháng đầu năm 2026 như sau."),
			Heading{Level: 2, Text: "1. Chương trình 01"},
			Paragraph{Runs: []Run{{Text: "Đạt và vượt ", Bold: true}, {Text: "15/18 chỉ tiêu; "}, {Text: "ước", Italic: true}}},
			smallTable(),
			Heading{Level: 3, Text: "a) Hạn chế, nguyên nhân"},
		},
		Recipients: []string{"Thành ủy Hà Nội (để báo cáo)", "Các đồng chí Quận ủy viên;", "Lưu Văn phòng Quận ủy"},
		SignFor:    "T/M Ban Thường vụ",
		SignRole:   "Bí thư",
		Signer:     "Nguyễn Văn A",
	}
}

// smallTable has a two-row header (cells spanning down and across), a
// program's row across the table and an indicator's row.
func smallTable() Table {
	return Table{
		Columns: []Column{{0.6, AlignCenter}, {3, AlignLeft}, {1, AlignCenter}, {1, AlignRight}, {1, AlignRight}, {1, AlignRight}, {1.2, AlignCenter}},
		Header: [][]Cell{
			{{Text: "STT", RowSpan: 2}, {Text: "Chỉ tiêu", RowSpan: 2}, {Text: "ĐVT", RowSpan: 2}, {Text: "Kế hoạch năm 2026", RowSpan: 2}, {Text: "Kết quả", Span: 2}, {Text: "Đánh giá", RowSpan: 2}},
			{{Text: "6 tháng 2025"}, {Text: "6 tháng 2026"}},
		},
		Rows: [][]Cell{
			{{Text: "Chương trình 01: Nâng cao năng lực lãnh đạo", Span: 7, Bold: true, Align: AlignLeft}},
			{{Text: "1"}, {Text: "Kết nạp đảng viên mới"}, {Text: "đảng viên"}, {Text: "90"}, {Text: "41"}, {Text: "44"}, {Text: "Đạt\n(ước)"}},
		},
	}
}

func write(tb testing.TB, d Document) []byte {
	tb.Helper()
	var b bytes.Buffer
	if err := Write(&b, d); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// body is the parsed word/document.xml's w:body.
func body(tb testing.TB, d Document) *node {
	tb.Helper()
	parts := unzip(tb, write(tb, d))
	return parseXML(tb, "document.xml", parts["word/document.xml"]).first("body")
}

// TestParts checks that the package holds every part a reader needs, each
// named in [Content_Types].xml, and every relationship's target.
func TestParts(t *testing.T) {
	parts := unzip(t, write(t, small()))
	types := parseXML(t, "types", parts["[Content_Types].xml"])
	typed := map[string]bool{}
	for _, o := range types.all("Override") {
		typed[strings.TrimPrefix(o.attr("PartName"), "/")] = true
	}
	for name := range parts {
		if strings.HasSuffix(name, ".xml") && name != "[Content_Types].xml" && !typed[name] {
			t.Errorf("%s has no content type", name)
		}
	}
	for rels, dir := range map[string]string{"_rels/.rels": "", "word/_rels/document.xml.rels": "word"} {
		for _, r := range parseXML(t, rels, parts[rels]).all("Relationship") {
			if target := path.Join(dir, r.attr("Target")); parts[target] == nil {
				t.Errorf("%s: %s points at %s, not in the package", rels, r.attr("Id"), target)
			}
		}
	}
	for _, want := range []string{"word/document.xml", "word/styles.xml", "word/settings.xml", "docProps/core.xml", "docProps/app.xml"} {
		if parts[want] == nil {
			t.Errorf("no %s", want)
		}
	}
}

// TestPage checks A4, the margins of 36-HD and the page numbers from the
// second page.
func TestPage(t *testing.T) {
	parts := unzip(t, write(t, small()))
	b := parseXML(t, "document.xml", parts["word/document.xml"]).first("body")
	sect := b.kids("sectPr")
	if len(sect) != 1 {
		t.Fatalf("%d sectPr at the body's end", len(sect))
	}
	size, mar := sect[0].first("pgSz"), sect[0].first("pgMar")
	got := map[string]string{"w": size.attr("w"), "h": size.attr("h"), "orient": size.attr("orient"),
		"top": mar.attr("top"), "bottom": mar.attr("bottom"), "left": mar.attr("left"), "right": mar.attr("right"), "header": mar.attr("header")}
	want := map[string]string{"w": "11906", "h": "16838", "orient": "", // 210 × 297 mm
		"top": "1134", "bottom": "1134", "left": "1701", "right": "850", "header": "567"} // 20, 20, 30, 15, 10 mm
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if !sect[0].has("titlePg") {
		t.Error("the first page is numbered")
	}
	refs := map[string]string{}
	for _, h := range sect[0].kids("headerReference") {
		refs[h.attr("type")] = h.attr("id")
	}
	rels := map[string]string{}
	for _, r := range parseXML(t, "rels", parts["word/_rels/document.xml.rels"]).all("Relationship") {
		rels[r.attr("Id")] = r.attr("Target")
	}
	if h := parts["word/"+rels[refs["default"]]]; !strings.Contains(string(h), " PAGE ") {
		t.Errorf("the pages' header %q has no page number", rels[refs["default"]])
	}
	if h := parts["word/"+rels[refs["first"]]]; h == nil || strings.Contains(string(h), "PAGE") {
		t.Errorf("the first page's header %q is missing or numbered", rels[refs["first"]])
	}
}

// TestFont checks the Unicode font and the body's size, set once for the
// whole document in styles.xml.
func TestFont(t *testing.T) {
	styles := parseXML(t, "styles.xml", unzip(t, write(t, small()))["word/styles.xml"])
	def := styles.first("rPrDefault")
	fonts := def.first("rFonts")
	for _, a := range []string{"ascii", "hAnsi", "cs", "eastAsia"} {
		if got := fonts.attr(a); got != "Times New Roman" {
			t.Errorf("the default %s font is %q", a, got)
		}
	}
	if got := def.first("sz").attr("val"); got != "28" {
		t.Errorf("the default size is %s half-points, want 28 (14 pt)", got)
	}
	if got := def.first("lang").attr("val"); got != "vi-VN" {
		t.Errorf("the language is %q", got)
	}
	ids := map[string]bool{}
	for _, s := range styles.all("style") {
		ids[s.attr("styleId")] = true
	}
	for _, id := range []string{"BodyText", "Heading1", "Heading2", "Heading3", "TableText", "TableHeading", "Recipients", "TableGrid"} {
		if !ids[id] {
			t.Errorf("no style %s for the office to restyle", id)
		}
	}
}

// TestElements checks each element's text, size and style against
// 36-HD/VPTW's Phụ lục 3, and its alignment.
func TestElements(t *testing.T) {
	b := body(t, small())
	for _, c := range []struct {
		text  string
		style runStyle
		align string
	}{
		{"ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", runStyle{Size: "28"}, "center"},
		{"QUẬN ỦY TÂY HỒ", runStyle{Size: "28", Bold: true}, "center"},
		{"*", runStyle{Size: "28"}, "center"},
		{"Số 25-BC/QU", runStyle{Size: "28"}, "center"},
		{"ĐẢNG CỘNG SẢN VIỆT NAM", runStyle{Size: "30", Bold: true}, "center"},
		{"Tây Hồ, ngày 05 tháng 7 năm 2026", runStyle{Size: "28", Italic: true}, "center"},
		{"BÁO CÁO", runStyle{Size: "32", Bold: true}, "center"},
		{"kết quả thực hiện các chỉ tiêu Nghị quyết Đại hội 6 tháng đầu năm 2026", runStyle{Size: "28", Bold: true}, "center"},
		{"-----", runStyle{Size: "28"}, "center"},
		{"Nơi nhận:", runStyle{Size: "28", Underline: true}, ""},
		{"T/M BAN THƯỜNG VỤ", runStyle{Size: "28", Bold: true}, "center"},
		{"BÍ THƯ", runStyle{Size: "28", Bold: true}, "center"}, // chức vụ: in hoa, đậm
		{"Nguyễn Văn A", runStyle{Size: "28", Bold: true}, "center"},
	} {
		p := paragraph(t, b, c.text)
		if got := styleOf(p.first("r")); got != c.style {
			t.Errorf("%q: %+v, want %+v", c.text, got, c.style)
		}
		if jc := p.first("jc"); c.align != "" && (jc == nil || jc.attr("val") != c.align) {
			t.Errorf("%q is not aligned %s", c.text, c.align)
		}
	}
	// The rule: the next paragraph's top border, centred, as long as the
	// words at 15 pt bold (4133 dxa), in the right column's width.
	cell := b.kids("tbl")[0].kids("tr")[0].kids("tc")[1]
	ps := cell.kids("p")
	if len(ps) != 2 || ps[0].text() != "ĐẢNG CỘNG SẢN VIỆT NAM" || ps[1].first("top") == nil || ps[1].first("top").attr("val") != "single" {
		t.Fatal("no rule under ĐẢNG CỘNG SẢN VIỆT NAM")
	}
	ind := ps[1].first("ind")
	left, _ := strconv.Atoi(ind.attr("left"))
	right, _ := strconv.Atoi(ind.attr("right"))
	width, _ := strconv.Atoi(cell.first("tcW").attr("w"))
	if rule := width - 2*layoutCellMar - left - right; left != right || rule < 4100 || rule > 4200 {
		t.Errorf("the rule is %d dxa long, indented %d and %d", rule, left, right)
	}
}

// TestHeaderColumns checks the header's two columns: the committee on the
// left, the Party's name on the right, and the number level with the date.
func TestHeaderColumns(t *testing.T) {
	b := body(t, small())
	header := b.kids("tbl")[0]
	rows := header.kids("tr")
	if len(rows) != 2 {
		t.Fatalf("the header has %d rows", len(rows))
	}
	want := [][]string{
		{"ĐẢNG BỘ THÀNH PHỐ HÀ NỘI\nQUẬN ỦY TÂY HỒ\n*", "ĐẢNG CỘNG SẢN VIỆT NAM\n"},
		{"Số 25-BC/QU", "Tây Hồ, ngày 05 tháng 7 năm 2026"},
	}
	for i, r := range rows {
		for j, c := range r.kids("tc") {
			if got := strings.Join(texts(c), "\n"); got != want[i][j] {
				t.Errorf("row %d, column %d: %q, want %q", i+1, j+1, got, want[i][j])
			}
		}
	}
	if b.kids("tbl")[0] != b.Kids[0] {
		t.Error("the header is not the first thing on the page")
	}
}

// TestBody checks the headings' styles and a paragraph's runs.
func TestBody(t *testing.T) {
	b := body(t, small())
	for text, style := range map[string]string{
		"I. KẾT QUẢ THỰC HIỆN":    "Heading1",
		"1. Chương trình 01":      "Heading2",
		"a) Hạn chế, nguyên nhân": "Heading3",
		"Ban Thường vụ Quận ủy báo cáo kết quả 6 tháng đầu năm 2026 như sau.": "BodyText",
	} {
		if got := paragraph(t, b, text).first("pStyle").attr("val"); got != style {
			t.Errorf("%q has style %s, want %s", text, got, style)
		}
	}
	runs := paragraph(t, b, "Đạt và vượt 15/18 chỉ tiêu; ước").kids("r")
	want := []runStyle{{Bold: true}, {}, {Italic: true}}
	for i, r := range runs {
		if got := styleOf(r); got != want[i] {
			t.Errorf("run %d: %+v, want %+v", i+1, got, want[i])
		}
	}
}

// TestClosing checks "Nơi nhận" on the left and the signature on the
// right of one row that never splits.
func TestClosing(t *testing.T) {
	b := body(t, small())
	tables := b.kids("tbl")
	closing := tables[len(tables)-1]
	if !closing.first("trPr").has("cantSplit") {
		t.Error("the closing row may split across pages")
	}
	cells := closing.first("tr").kids("tc")
	left := []string{"Nơi nhận:", "- Thành ủy Hà Nội (để báo cáo);", "- Các đồng chí Quận ủy viên;", "- Lưu Văn phòng Quận ủy."}
	right := []string{"T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Văn A"}
	if got := texts(cells[0]); strings.Join(got, "|") != strings.Join(left, "|") {
		t.Errorf("left: %q, want %q", got, left)
	}
	if got := texts(cells[1]); strings.Join(got, "|") != strings.Join(right, "|") {
		t.Errorf("right: %q, want %q", got, right)
	}
	for _, p := range cells[0].all("p")[1:] {
		if p.first("pStyle").attr("val") != "Recipients" {
			t.Errorf("%q is not in the recipients' style", p.text())
		}
	}
	if space, _ := strconv.Atoi(paragraph(t, cells[1], "Nguyễn Văn A").first("spacing").attr("before")); space < 1400 {
		t.Errorf("%d dxa left to sign and seal, want 25 mm at least", space)
	}
}

// TestBlanks checks what the office fills by hand: the number, the day and
// month, the signer.
func TestBlanks(t *testing.T) {
	d := small()
	d.Number, d.Date, d.Signer, d.SignRole, d.Recipients = "", Date{Year: 2026}, "", "", nil
	b := body(t, d)
	for _, want := range []string{"Số " + strings.Repeat("\u00a0", 8) + "-BC/QU", "Tây Hồ, ngày … tháng … năm 2026", "- …"} {
		paragraph(t, b, want)
	}
	tables := b.kids("tbl")
	if got := texts(tables[len(tables)-1].kids("tr")[0].kids("tc")[1]); strings.Join(got, "|") != "T/M BAN THƯỜNG VỤ|…|…" {
		t.Errorf("the signature reads %q", got)
	}
}

func TestDateLine(t *testing.T) {
	for _, c := range []struct {
		d    Date
		want string
	}{
		{Date{2026, 7, 5}, "Tây Hồ, ngày 05 tháng 7 năm 2026"},
		{Date{2026, 2, 28}, "Tây Hồ, ngày 28 tháng 02 năm 2026"},
		{Date{2026, 1, 9}, "Tây Hồ, ngày 09 tháng 01 năm 2026"},
		{Date{2026, 12, 31}, "Tây Hồ, ngày 31 tháng 12 năm 2026"},
		{Date{2026, 6, 0}, "Tây Hồ, ngày … tháng 6 năm 2026"},
		{Date{}, "Tây Hồ, ngày … tháng … năm …"},
	} {
		if got := dateLine("Tây Hồ", c.d); got != c.want {
			t.Errorf("%v: %q, want %q", c.d, got, c.want)
		}
	}
}

// TestTable checks a real Word table: a grid in dxa filling the text
// width, borders, the header rows repeated on every page, cells spanning
// across and down, no row split across pages.
func TestTable(t *testing.T) {
	b := body(t, small())
	var tbl *node
	for _, x := range b.kids("tbl") {
		if s := x.first("tblStyle"); s != nil && s.attr("val") == "TableGrid" {
			tbl = x
		}
	}
	if tbl == nil {
		t.Fatal("no table")
	}
	var grid []int
	for _, g := range tbl.first("tblGrid").kids("gridCol") {
		w, _ := strconv.Atoi(g.attr("w"))
		grid = append(grid, w)
	}
	if len(grid) != 7 || sum(grid) != textWidth {
		t.Fatalf("grid %v, want 7 columns filling %d dxa", grid, textWidth)
	}
	if tbl.first("tblLayout").attr("type") != "fixed" || tbl.first("tblW").attr("type") != "dxa" {
		t.Error("the table's widths are not fixed in dxa")
	}
	borders := tbl.first("tblBorders")
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		if b := borders.first(side); b == nil || b.attr("val") != "single" {
			t.Errorf("no %s border", side)
		}
	}
	rows := tbl.kids("tr")
	if len(rows) != 4 {
		t.Fatalf("%d rows", len(rows))
	}
	for i, r := range rows {
		pr := r.first("trPr")
		if !pr.has("cantSplit") {
			t.Errorf("row %d may split across pages", i+1)
		}
		if header := i < 2; pr.has("tblHeader") != header {
			t.Errorf("row %d: repeated as a header %v, want %v", i+1, !header, header)
		}
		width := 0
		for _, c := range r.kids("tc") {
			w, _ := strconv.Atoi(c.first("tcW").attr("w"))
			width += w
		}
		if width != textWidth {
			t.Errorf("row %d's cells are %d dxa wide, want %d", i+1, width, textWidth)
		}
	}
	top, second := rows[0].kids("tc"), rows[1].kids("tc")
	if v := top[0].first("vMerge"); v == nil || v.attr("val") != "restart" {
		t.Error("STT does not span down")
	}
	if len(second) != 7 || second[0].first("vMerge") == nil || second[0].first("vMerge").attr("val") != "" {
		t.Errorf("the header's second row has %d cells, its first not continuing STT", len(second))
	}
	if got := second[4].text() + "|" + second[5].text(); got != "6 tháng 2025|6 tháng 2026" {
		t.Errorf("the header's second row reads %q", got)
	}
	if top[4].text() != "Kết quả" || top[4].first("gridSpan").attr("val") != "2" {
		t.Error("Kết quả does not span its two columns")
	}
	program := rows[2].kids("tc")
	if len(program) != 1 || program[0].first("gridSpan").attr("val") != "7" || !styleOf(program[0].first("r")).Bold {
		t.Error("the program's row is not one bold cell across the table")
	}
	for i, r := range rows {
		if keep := r.first("keepNext") != nil; keep != (i == 2) {
			t.Errorf("row %d: kept with the next %v, want only the program's row", i+1, keep)
		}
	}
	if got := rows[3].kids("tc")[6].text(); got != "Đạt\n(ước)" {
		t.Errorf("a cell's line break reads %q", got)
	}
	if got := rows[3].kids("tc")[3].first("jc").attr("val"); got != "right" {
		t.Errorf("a number is aligned %s", got)
	}
}

// TestTableErrors checks that a table whose rows do not fit its grid, or
// a heading of no level, is refused rather than written broken.
func TestTableErrors(t *testing.T) {
	cols := []Column{{1, 0}, {1, 0}, {1, 0}}
	for name, c := range map[string]struct {
		block Block
		want  error
	}{
		"no columns":        {Table{Rows: [][]Cell{{{Text: "a"}}}}, errTable},
		"a zero width":      {Table{Columns: []Column{{0, 0}}}, errTable},
		"a short row":       {Table{Columns: cols, Rows: [][]Cell{{{}, {}}}}, errTable},
		"a long row":        {Table{Columns: cols, Rows: [][]Cell{{{}, {}, {}, {}}}}, errTable},
		"a span too wide":   {Table{Columns: cols, Rows: [][]Cell{{{}, {Span: 3}}}}, errTable},
		"a span down past":  {Table{Columns: cols, Rows: [][]Cell{{{RowSpan: 2}, {}, {}}}}, errTable},
		"across a down one": {Table{Columns: cols, Rows: [][]Cell{{{}, {RowSpan: 2}, {}}, {{Span: 2}, {}}}}, errTable},
		"a heading level 4": {Heading{Level: 4, Text: "x"}, errHeading},
	} {
		d := small()
		d.Body = []Block{c.block}
		if err := Write(&bytes.Buffer{}, d); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
}

// TestDraft checks the framed "DỰ THẢO" under the number, and none on a
// final report.
func TestDraft(t *testing.T) {
	d := small()
	d.Draft = true
	b := body(t, d)
	left := b.kids("tbl")[0].kids("tr")[1].kids("tc")[0]
	p := paragraph(t, left, "DỰ THẢO")
	for _, side := range []string{"top", "left", "bottom", "right"} {
		if p.first("pBdr").first(side) == nil {
			t.Errorf("the draft's mark has no %s edge", side)
		}
	}
	if got := styleOf(p.first("r")); got != (runStyle{Size: "28", Bold: true}) {
		t.Errorf("the draft's mark is %+v", got)
	}
	for _, text := range texts(body(t, small())) {
		if strings.Contains(text, "DỰ THẢO") {
			t.Error("a final report is marked a draft")
		}
	}
}

// TestAnnexes checks the annexes after the signature, each a section of
// its own, numbered when there are several, landscape when asked.
func TestAnnexes(t *testing.T) {
	d := small()
	d.Annexes = []Annex{
		{Title: "TỔNG HỢP KẾT QUẢ", Note: "(Kèm theo Báo cáo số 25-BC/QU)", Body: []Block{Text("Một.")}},
		{Title: "KẾT QUẢ TỪNG CHỈ TIÊU", Landscape: true, Body: []Block{smallTable()}},
	}
	b := body(t, d)
	var sects []*node
	for _, p := range b.kids("p") {
		if s := p.first("sectPr"); s != nil {
			sects = append(sects, s)
		}
	}
	sects = append(sects, b.kids("sectPr")...)
	if len(sects) != 3 {
		t.Fatalf("%d sections, want 3", len(sects))
	}
	for i, want := range []struct{ w, h, orient string }{{"11906", "16838", ""}, {"11906", "16838", ""}, {"16838", "11906", "landscape"}} {
		sz := sects[i].first("pgSz")
		if got := (struct{ w, h, orient string }{sz.attr("w"), sz.attr("h"), sz.attr("orient")}); got != want {
			t.Errorf("section %d's page is %v, want %v", i+1, got, want)
		}
		if sects[i].has("titlePg") != (i == 0) {
			t.Errorf("section %d's first page numbered wrong", i+1)
		}
	}
	all := texts(b)
	order := []string{"Nguyễn Văn A", "PHỤ LỤC 1", "TỔNG HỢP KẾT QUẢ", "(Kèm theo Báo cáo số 25-BC/QU)", "Một.", "PHỤ LỤC 2", "KẾT QUẢ TỪNG CHỈ TIÊU"}
	at := 0
	for _, text := range all {
		if at < len(order) && text == order[at] {
			at++
		}
	}
	if at != len(order) {
		t.Errorf("the annexes do not read %q in order after the signature (stopped at %q)", order, order[at])
	}
	tables := b.all("tbl")
	if got := tables[len(tables)-1].first("tblW").attr("w"); got != strconv.Itoa(pageHeight-marginLeft-marginRight) {
		t.Errorf("the landscape annex's table is %s dxa wide", got)
	}
	d.Annexes = d.Annexes[:1]
	paragraph(t, body(t, d), "PHỤ LỤC")
}

// TestSameBytes checks that a document is written the same way twice.
func TestSameBytes(t *testing.T) {
	if !bytes.Equal(write(t, small()), write(t, small())) {
		t.Error("two writes differ")
	}
}
