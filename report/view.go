package report

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// errHeading is a heading of a level other than 1, 2 or 3.
var errHeading = errors.New("a heading's level must be 1, 2 or 3")

// blank stands where the office writes by hand: a part of the date, the
// signer's name, a missing name of the committee.
const blank = "…"

// docView is a Document as the templates print it: every line composed,
// every table laid out on its page.
type docView struct {
	Doc        Document
	Superior   string
	Issuer     string
	NumberLine string
	DateLine   string
	Kind       string
	Body       []blockView
	Recipients []string
	SignFor    string
	SignRole   string
	Signer     string
	Main       sectView // the report's pages
	Annexes    []annexView
	Last       sectView // the last section's, closed by the body's sectPr
	F          facts
}

type blockView struct {
	Heading   *headingView
	Para      *Paragraph
	Table     *tableView
	PageBreak bool
}

type headingView struct{ Style, Text string }

type annexView struct {
	Label, Title, Note string
	Size               int // of the label, title and note
	Body               []blockView
	Sect               sectView // the annex's pages
	Before             sectView // the section before it, closed where it starts
}

// sectView is a section's page: its size, margins and whether its first
// page goes without a number.
type sectView struct {
	Width, Height                    int
	Landscape                        bool
	Top, Bottom, Left, Right, Header int
	TitlePage                        bool
}

func newDocView(d Document) (docView, error) {
	v := docView{
		Doc:        d,
		Superior:   upper(d.Superior),
		Issuer:     orBlank(upper(d.Issuer)),
		NumberLine: numberLine(d.Number, d.Symbol),
		DateLine:   dateLine(d.Place, d.Date),
		Kind:       upper(or(d.Kind, "BÁO CÁO")),
		Recipients: recipients(d.Recipients),
		SignFor:    upper(d.SignFor),
		SignRole:   orBlank(upper(d.SignRole)),
		Signer:     orBlank(d.Signer),
		Main:       page(false),
		F:          newFacts(),
	}
	v.Main.TitlePage = true
	var err error
	if v.Body, err = blocks(d.Body, textWidth); err != nil {
		return docView{}, err
	}
	v.Annexes, v.Last, err = annexes(d.Annexes, v.Main)
	return v, err
}

// annexes lays out the annexes, each a section after the one before it,
// the first after the report's; last is the last section.
func annexes(as []Annex, main sectView) (out []annexView, last sectView, err error) {
	last = main
	for i, a := range as {
		av, err := annex(a, i, len(as))
		if err != nil {
			return nil, sectView{}, fmt.Errorf("annex %d: %w", i+1, err)
		}
		av.Before, last = last, av.Sect
		out = append(out, av)
	}
	return out, last, nil
}

func annex(a Annex, i, n int) (annexView, error) {
	av := annexView{Label: "PHỤ LỤC", Title: a.Title, Note: a.Note, Size: sizeAnnex, Sect: page(a.Landscape)}
	if n > 1 { // 36-HD, phụ lục: several annexes are numbered in Arabic figures
		av.Label += " " + strconv.Itoa(i+1)
	}
	var err error
	av.Body, err = blocks(a.Body, av.Sect.Width-marginLeft-marginRight)
	return av, err
}

// page is a section's A4 page, portrait or landscape, with the margins of
// 36-HD as they stand on the page turned.
func page(landscape bool) sectView {
	s := sectView{Width: pageWidth, Height: pageHeight, Top: marginTop, Bottom: marginBottom,
		Left: marginLeft, Right: marginRight, Header: headerDistance}
	if landscape {
		s.Width, s.Height, s.Landscape = pageHeight, pageWidth, true
	}
	return s
}

// blocks lays out a body on a text width of width dxa.
func blocks(bs []Block, width int) ([]blockView, error) {
	var out []blockView
	for i, b := range bs {
		v, err := blockOf(b, width)
		if err != nil {
			return nil, fmt.Errorf("block %d: %w", i+1, err)
		}
		out = append(out, v)
	}
	return out, nil
}

func blockOf(b Block, width int) (blockView, error) {
	switch b := b.(type) {
	case Heading:
		h, err := heading(b)
		return blockView{Heading: h}, err
	case Paragraph:
		return blockView{Para: &b}, nil
	case Table:
		t, err := layoutTable(b, width)
		return blockView{Table: &t}, err
	case PageBreak:
		return blockView{PageBreak: true}, nil
	}
	return blockView{}, fmt.Errorf("a block of type %T", b)
}

// heading styles a heading by its level; level 1 is set in capitals
// (36-HD, Phụ lục 3, row 6: the names of parts in hoa, đậm).
func heading(h Heading) (*headingView, error) {
	if h.Level < 1 || h.Level > 3 {
		return nil, fmt.Errorf("%w: %d", errHeading, h.Level)
	}
	text := h.Text
	if h.Level == 1 {
		text = upper(text)
	}
	return &headingView{Style: "Heading" + strconv.Itoa(h.Level), Text: text}, nil
}

// numberLine is "Số 25-BC/QU" (36-HD writes no colon after "Số"), with
// a blank where the office writes a number not yet given.
func numberLine(number, symbol string) string {
	return "Số " + or(strings.TrimSpace(number), numberBlank) + "-" + or(symbol, "BC")
}

// numberBlank is the room left for a number not yet given: spaces that
// neither collapse nor break the line, the same in the header and in an
// annex's note.
var numberBlank = strings.Repeat("\u00a0", 8)

// dateLine is "Tây Hồ, ngày 05 tháng 02 năm 2026": a day below 10 and the
// months 1 and 2 with a leading zero (36-HD, địa danh và ngày, tháng, năm),
// a part not given left blank.
func dateLine(place string, d Date) string {
	day, month, year := blank, blank, blank
	if d.Day > 0 {
		day = fmt.Sprintf("%02d", d.Day)
	}
	if d.Month > 0 {
		month = strconv.Itoa(d.Month)
		if d.Month <= 2 {
			month = "0" + month
		}
	}
	if d.Year > 0 {
		year = strconv.Itoa(d.Year)
	}
	return fmt.Sprintf("%s, ngày %s tháng %s năm %s", orBlank(place), day, month, year)
}

// recipients are the lines of "Nơi nhận", each after a dash, ended by a
// semicolon and the last by a full stop; one blank line when none is given.
func recipients(rs []string) []string {
	var out []string
	for _, r := range rs {
		if r = strings.TrimRight(strings.TrimSpace(r), ";.,"); r != "" {
			out = append(out, "- "+r+";")
		}
	}
	if len(out) == 0 {
		return []string{"- " + blank}
	}
	last := &out[len(out)-1]
	*last = strings.TrimSuffix(*last, ";") + "."
	return out
}

func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

func orBlank(s string) string { return or(s, blank) }

// upper is s in capitals, as 36-HD sets the names in the header and the
// signature; cleaned first, as casing a broken byte would make it a real
// U+FFFD.
func upper(s string) string { return strings.ToUpper(clean(s)) }
