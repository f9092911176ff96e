package indicator

import (
	"cmp"
	"slices"
	"strings"
)

// Nearest returns at most n of the indicators whose codes are nearest to
// code as typed (fewest letters to change, case and spaces aside), in
// plan order among equals.
func Nearest(code string, among []*Indicator, n int) []*Indicator {
	typed := foldCode(code)
	out := slices.Clone(among)
	slices.SortStableFunc(out, func(a, b *Indicator) int {
		return cmp.Compare(distance(typed, foldCode(a.Code)), distance(typed, foldCode(b.Code)))
	})
	return out[:min(n, len(out))]
}

// distance is the Levenshtein distance between two codes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// Unpadded is the one indicator among whose code reads as code does when
// the numbers of both are read without their leading zeros ("ct1.1" for
// CT01.1, "CT 1.4a" for CT01.4a), or nil when none or more than one does.
func Unpadded(code string, among []*Indicator) *Indicator {
	typed := unpadded(foldCode(code))
	var found *Indicator
	for _, ind := range among {
		if unpadded(foldCode(ind.Code)) != typed {
			continue
		}
		if found != nil {
			return nil
		}
		found = ind
	}
	return found
}

// unpadded is a folded code with the leading zeros of its numbers taken
// away: CT01.01 → CT1.1.
func unpadded(code string) string {
	var b strings.Builder
	inNumber := false
	for i := 0; i < len(code); i++ {
		c := code[i]
		if c == '0' && !inNumber && i+1 < len(code) && isDigit(code[i+1]) {
			continue // a leading zero, not the number's only digit
		}
		inNumber = isDigit(c)
		b.WriteByte(c)
	}
	return b.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
