package report

import (
	"slices"
	"testing"
)

// schemaOrder is the order WordprocessingML's schema sets for the children
// of the property elements this package writes (ECMA-376, part 1, §17):
// Word refuses a file whose children stand out of order, LibreOffice
// does not, so only this test would tell.
var schemaOrder = map[string][]string{
	"pPr": {"pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr", "suppressLineNumbers",
		"pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
		"autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents",
		"suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
		"rPr", "sectPr", "pPrChange"},
	"rPr": {"rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
		"emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern", "position",
		"sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
		"eastAsianLayout", "specVanish", "oMath"},
	"tblPr": {"tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW", "jc",
		"tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook"},
	"tcPr": {"cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar", "textDirection",
		"tcFitText", "vAlign", "hideMark"},
	"sectPr": {"headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
		"pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
		"bidi", "rtlGutter", "docGrid", "printerSettings"},
	"pBdr":       {"top", "left", "bottom", "right", "between", "bar"},
	"tblBorders": {"top", "left", "bottom", "right", "insideH", "insideV"},
	"tblCellMar": {"top", "left", "bottom", "right"},
	"style": {"name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
		"unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr", "rPr",
		"tblPr", "trPr", "tcPr", "tblStylePr"},
	"docDefaults": {"rPrDefault", "pPrDefault"},
	"settings": {"zoom", "defaultTabStop", "characterSpacingControl", "compat", "themeFontLang", "decimalSymbol",
		"listSeparator"},
	"tbl": {"tblPr", "tblGrid", "tr"},
	"tr":  {"tblPrEx", "trPr", "tc"},
}

// firstChild names the child that must come first when present.
var firstChild = map[string]string{"p": "pPr", "r": "rPr", "tc": "tcPr"}

func TestSchemaOrder(t *testing.T) {
	d := small()
	d.Draft = true
	d.Annexes = []Annex{{Title: "A", Note: "B", Landscape: true, Body: []Block{smallTable()}}}
	parts := unzip(t, write(t, d))
	for _, name := range []string{"word/document.xml", "word/styles.xml", "word/settings.xml", "word/header1.xml", "word/header2.xml"} {
		checkOrder(t, name, parseXML(t, name, parts[name]))
	}
}

func checkOrder(t *testing.T, part string, n *node) {
	if order, ok := schemaOrder[n.Name.Local]; ok {
		at := 0
		for _, k := range n.Kids {
			i := slices.Index(order, k.Name.Local)
			if i < 0 {
				t.Errorf("%s: %s holds %s, unknown here", part, n.Name.Local, k.Name.Local)
			} else if i < at {
				t.Errorf("%s: in %s, %s after %s", part, n.Name.Local, k.Name.Local, order[at])
			}
			at = max(at, i)
		}
	}
	if first, ok := firstChild[n.Name.Local]; ok {
		for i, k := range n.Kids {
			if k.Name.Local == first && i != 0 {
				t.Errorf("%s: %s's %s is not its first child", part, n.Name.Local, first)
			}
		}
	}
	if n.Name.Local == "body" && n.Kids[len(n.Kids)-1].Name.Local != "sectPr" {
		t.Errorf("%s: the body does not end with its sectPr", part)
	}
	for _, k := range n.Kids {
		checkOrder(t, part, k)
	}
}
