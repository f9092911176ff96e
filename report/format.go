package report

// The format of a Party document, from Hướng dẫn 36-HD/VPTW (3/4/2018) of
// the Party Central Office. Lengths are in twentieths of a point (dxa,
// 1 mm ≈ 56.7), font sizes in half-points, as WordprocessingML counts them.
// The sizes used by the templates are the ones below, so a change of rule
// is made here.
const (
	// The part on "phông chữ, khổ giấy, định lề trang văn bản, số trang và
	// phụ lục": paper A4, 210 × 297 mm, portrait; a wide annex may turn
	// landscape.
	pageWidth  = 11906 // 210 mm
	pageHeight = 16838 // 297 mm

	// The same part, định lề trang (the front of a sheet): top and bottom
	// 20 mm, left 30 mm (the binding), right 15 mm.
	marginTop    = 1134 // 20 mm
	marginBottom = 1134 // 20 mm
	marginLeft   = 1701 // 30 mm
	marginRight  = 850  // 15 mm

	// The same part, số trang: from the second page, in Arabic figures,
	// centred in the top margin, 10 mm from the paper's top edge.
	headerDistance = 567 // 10 mm

	// Phụ lục 3 (mẫu chữ), the sizes of each element, all Times New Roman
	// (the Unicode font of TCVN 6909:2001):
	sizeParty    = 30 // row 1, "ĐẢNG CỘNG SẢN VIỆT NAM": in hoa, 15, đứng, đậm
	sizeIssuer   = 28 // row 2, the committee above (in hoa, 14, đứng) and the issuing one (in hoa, 14, đứng, đậm)
	sizeNumber   = 28 // row 3, "Số 25-BC/QU": in thường, 14, đứng
	sizeDate     = 28 // row 4, place and date: in thường, 14, nghiêng
	sizeKind     = 32 // row 5, the document type: in hoa, 15–16, đứng, đậm
	sizeSummary  = 28 // row 5, the summary: in thường, 14–15, đứng, đậm
	sizeBody     = 28 // row 6, the body and its headings: in thường, 14–15, đứng (headings đậm)
	sizeSign     = 28 // the rows of quyền hạn and chức vụ (in hoa, đậm) and họ tên (in thường, đậm) of the signer: 14
	sizeSendTo   = 28 // the row of "Nơi nhận": in thường, 14, đứng, gạch chân
	sizeSendList = 24 // the row of the recipients' names: in thường, 12, đứng
	sizeDraft    = 28 // the row of chỉ dẫn dự thảo: in hoa, 14, đứng, đậm, in a frame
	sizeAnnex    = 28 // the rows of "PHỤ LỤC" and its title: 14, đứng, đậm
	sizePageNum  = 28 // the page number: 14, đứng

	// Not set by 36-HD: a table's text, smaller than the body's so that a
	// landscape annex holds its columns; a style the office can change.
	sizeTable = 24

	// The body's paragraphs (36-HD, nội dung văn bản): justified, the first
	// line indented 1–1.27 cm, at least 6 pt between paragraphs, lines
	// spaced from single to 1.5.
	bodyIndent = 720 // 1.27 cm
	bodyAfter  = 120 // 6 pt
	bodyLine   = 288 // 1.2 lines, in 240ths of a line
)

// The two columns of the header and of the closing blocks (Phụ lục 2, sơ
// đồ bố trí: the issuer, its number and "Nơi nhận" on the left; the Party's
// name, the date and the signature on the right), in dxa, filling the text
// width of a portrait page.
const (
	textWidth     = pageWidth - marginLeft - marginRight // 9355
	leftColumn    = 4395                                 // 7.75 cm: "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" (3990 dxa at 14 pt) on one line
	rightColumn   = textWidth - leftColumn               // 8.75 cm: "Tây Hồ, ngày 28 tháng 12 năm 2026" and longer on one line
	layoutCellMar = 57                                   // 1 mm inside each side of a layout cell

	// The rule under "ĐẢNG CỘNG SẢN VIỆT NAM" is as long as the words
	// (36-HD, tiêu đề: "phía dưới có đường kẻ ngang, độ dài bằng độ dài
	// tiêu đề"): 13,777/1000 em of Times New Roman Bold at 15 pt. It is the
	// top border of an empty paragraph under the words, cut to that length
	// by indenting both sides.
	partyTitleWidth = 4133
	partyRuleIndent = (rightColumn - 2*layoutCellMar - partyTitleWidth) / 2

	// The frame of "DỰ THẢO", a little wider than the words.
	draftFrameWidth  = 1840
	draftFrameIndent = (leftColumn - 2*layoutCellMar - draftFrameWidth) / 2
)

// facts are the numbers above, as the templates read them.
type facts struct {
	SizeParty, SizeIssuer, SizeNumber, SizeDate, SizeKind, SizeSummary int
	SizeBody, SizeSign, SizeSendTo, SizeSendList, SizeDraft, SizeAnnex int
	SizePageNum, SizeTable                                             int
	BodyIndent, BodyAfter, BodyLine                                    int
	LeftColumn, RightColumn, TextWidth, LayoutCellMar                  int
	PartyRuleIndent, DraftFrameIndent                                  int
}

func newFacts() facts {
	return facts{
		SizeParty: sizeParty, SizeIssuer: sizeIssuer, SizeNumber: sizeNumber, SizeDate: sizeDate,
		SizeKind: sizeKind, SizeSummary: sizeSummary, SizeBody: sizeBody, SizeSign: sizeSign,
		SizeSendTo: sizeSendTo, SizeSendList: sizeSendList, SizeDraft: sizeDraft, SizeAnnex: sizeAnnex,
		SizePageNum: sizePageNum, SizeTable: sizeTable,
		BodyIndent: bodyIndent, BodyAfter: bodyAfter, BodyLine: bodyLine,
		LeftColumn: leftColumn, RightColumn: rightColumn, TextWidth: textWidth, LayoutCellMar: layoutCellMar,
		PartyRuleIndent: partyRuleIndent, DraftFrameIndent: draftFrameIndent,
	}
}
