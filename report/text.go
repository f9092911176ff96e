package report

import (
	"encoding/xml"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// clean makes s fit to print: composed (NFC, as Vietnamese keyboards do
// not all type it), without the characters XML 1.0 refuses (C0 controls
// other than tab and line feed, lone bytes of broken UTF-8, U+FFFE/FFFF),
// and without those that would garble a line unseen (C1 controls, the
// bidirectional overrides and isolates, a byte-order mark). A tab becomes
// a space and "\r\n" or "\r" a "\n".
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				continue // a byte of broken UTF-8, not a real U+FFFD
			}
		}
		switch {
		case r == '\t':
			b.WriteByte(' ')
		case r == '\r':
			b.WriteByte('\n')
		case dropped(r):
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// dropped says whether r is left out of the document.
func dropped(r rune) bool {
	switch {
	case r < 0x20:
		return r != '\n'
	case r >= 0x7f && r <= 0x9f: // DEL and the C1 controls
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f: // the bidi marks
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	case r == 0xfeff, r == 0xfffe, r == 0xffff:
		return true
	case r >= 0xd800 && r <= 0xdfff: // surrogates (cannot come from a Go string, kept for completeness)
		return true
	}
	return false
}

// esc is s cleaned and escaped as XML character data or an attribute's
// value: the one way the templates print a caller's text.
func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(clean(s))) // never fails on a strings.Builder
	return b.String()
}

// lines splits s at its line breaks, for runs separated by <w:br/>.
func lines(s string) []string { return strings.Split(clean(s), "\n") }
