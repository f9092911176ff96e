package report

import (
	"strings"
	"testing"
)

// hostile is what a plan or a cadre may type: markup, an entity, quotes,
// a control character, a bidi override, a byte-order mark, a C1 control,
// a broken UTF-8 byte, a tab, a Windows line break and decomposed "ồ".
const hostile = "a<b>&amp;\"'\x01\u202e\ufeff\u0085\xffo\u0302\u0300\tz\r\nx"

// tame is hostile as the document must show it.
const tame = "a<b>&amp;\"'ồ z\nx"

func TestClean(t *testing.T) {
	if got := clean(hostile); got != tame {
		t.Errorf("clean = %q, want %q", got, tame)
	}
	if got := esc("<&>\"'"); got != "&lt;&amp;&gt;&#34;&#39;" {
		t.Errorf("esc = %q", got)
	}
}

// TestHostileText puts hostile text in every field and checks that every
// part still parses (unzip parses them) and that the text reads back tamed,
// never as markup.
func TestHostileText(t *testing.T) {
	h := hostile
	cell := []Cell{{Text: h}, {Text: h}, {Text: h}}
	table := Table{Columns: []Column{{1, 0}, {1, 0}, {1, 0}}, Header: [][]Cell{cell}, Rows: [][]Cell{cell}}
	d := Document{
		Superior: h, Issuer: h, Number: h, Symbol: h, Place: h, Kind: h, Summary: h,
		Body:       []Block{Heading{Level: 1, Text: h}, Heading{Level: 2, Text: h}, Paragraph{Runs: []Run{{Text: h, Bold: true}}}, table},
		Annexes:    []Annex{{Title: h, Note: h, Body: []Block{Text(h)}}},
		Recipients: []string{h, h},
		SignFor:    h, SignRole: h, Signer: h,
	}
	parts := unzip(t, write(t, d))
	b := parseXML(t, "document.xml", parts["word/document.xml"]).first("body")
	upper := strings.ToUpper(tame)
	count := map[string]int{}
	for _, text := range texts(b) {
		switch {
		case text == tame, text == upper:
			count["whole"]++
		case strings.Contains(text, tame) || strings.Contains(text, upper):
			count["within"]++
		}
		if strings.ContainsAny(text, "\x01\u202e\ufeff\u0085\t\r") {
			t.Errorf("%q keeps a character it should drop", text)
		}
	}
	// Superior, Issuer, Kind, Summary, two headings, the run, six cells,
	// the annex's title, note and paragraph, SignFor, SignRole and Signer
	// (19) stand alone; the number, the date and two recipients hold it.
	if count["whole"] != 19 || count["within"] != 4 {
		t.Errorf("the text reads back tamed %v times, want 19 whole and 4 within a line", count)
	}
	if got := parseXML(t, "core.xml", parts["docProps/core.xml"]).first("title").text(); got != upper+" "+tame {
		t.Errorf("the file's title reads %q", got)
	}
}
