package indicator

import (
	"cmp"
	"slices"
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
