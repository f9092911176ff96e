// Package locales speaks Vietnamese (first) and English: it reads figures
// the way Vietnamese offices write them, writes numbers and dates the same
// way, folds text for matching without diacritics, and holds the message
// catalogs.
package locales

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold lowers s, drops its diacritics (đ becomes d) and collapses its
// spaces, so "Hoàn thành TỐT" and "hoan thanh tot" compare equal.
func Fold(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case r == 'đ' || r == 'Đ':
			r = 'd'
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// initials returns the first letter of each word of a folded text:
// "hoan thanh tot" gives "htt".
func initials(folded string) string {
	var b strings.Builder
	for _, w := range strings.Fields(folded) {
		b.WriteByte(w[0])
	}
	return b.String()
}
