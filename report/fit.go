package report

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// annexWidth is the text width of a landscape annex, in dxa.
const annexWidth = pageHeight - marginLeft - marginRight

// tableCellMargins is what a table cell keeps on its left and right (the
// table template's tblCellMar), with a little to spare.
const tableCellMargins = 2*85 + 40

// fit gives a table's columns their widths: each at least as wide as the
// longest word (or number with its unit, or date) it holds, so that a
// reader never sees "phườn/g"; the width left is shared by weight.
func fit(weights []float64, aligns []Align, head []Cell, rows [][]Cell, total int) []Column {
	mins := make([]float64, len(weights))
	for i, c := range head {
		mins[i] = float64(longestWord(c.Text, true))
	}
	for _, row := range rows {
		if len(row) != len(weights) {
			continue // a program's row across the table
		}
		for i, c := range row {
			mins[i] = max(mins[i], float64(longestWord(c.Text, c.Bold)))
		}
	}
	for i := range mins {
		mins[i] += tableCellMargins
	}
	widths := share(mins, weights, float64(total))
	out := make([]Column, len(widths))
	for i, wd := range widths {
		out[i] = Column{Width: wd, Align: aligns[i]}
	}
	return out
}

// share divides total among columns by weight, none below its minimum: a
// column its weight would leave too narrow gets its minimum, and the rest
// is shared again among the others.
func share(mins, weights []float64, total float64) []float64 {
	out := make([]float64, len(mins))
	fixed := make([]bool, len(mins))
	for {
		free, sum := total, 0.0
		for i := range out {
			if fixed[i] {
				free -= out[i]
			} else {
				sum += weights[i]
			}
		}
		changed := false
		for i := range out {
			if fixed[i] {
				continue
			}
			if sum > 0 {
				out[i] = max(free, 0) * weights[i] / sum
			}
			if out[i] < mins[i] {
				out[i], fixed[i], changed = mins[i], true, true
			}
		}
		if !changed {
			return out
		}
	}
}

// longestWord is the width in dxa of the widest word of s set in the
// table's type: the words a line may break between, a non-breaking space
// joining a number to its unit.
func longestWord(s string, bold bool) int {
	most := 0
	for _, word := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\n' }) {
		most = max(most, wordWidth(word, bold))
	}
	return most
}

// wordWidth is a word's width in dxa at the table's size, from the advance
// widths of Times New Roman in thousandths of an em (a letter with its
// diacritics as wide as its base letter); bold a little wider.
func wordWidth(word string, bold bool) int {
	thousandths := 0
	for _, r := range norm.NFD.String(word) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		thousandths += advance(r)
	}
	if bold {
		thousandths = thousandths * 108 / 100
	}
	em := sizeTable * 10 // dxa per em: a half-point size is ten dxa per em
	return thousandths * em / 1000
}

// advance is a character's advance width in Times New Roman, in
// thousandths of an em.
func advance(r rune) int {
	switch {
	case strings.ContainsRune("iljt", r), r == '\u00a0', r == ' ', r == '.', r == ',', r == '/', r == ':', r == ';':
		return 278
	case strings.ContainsRune("frI()-", r):
		return 333
	case r == 's':
		return 389
	case strings.ContainsRune("acezđ“”", r):
		return 444
	case r == 'm':
		return 778
	case r == 'w':
		return 722
	case r == 'M' || r == 'W':
		return 944
	case r == '%':
		return 833
	case r == '‰' || r == '—':
		return 1000
	case r == '≥' || r == '≤':
		return 549
	case unicode.IsUpper(r):
		return 722
	}
	return 500
}
