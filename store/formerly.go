package store

import (
	"cmp"
	"slices"

	"chitieu/indicator"
)

// Follow makes reads of each plan indicator include the figures saved
// under the codes it had before ("formerly"), so a renamed indicator
// keeps its history. Call it once, before the store is used.
func (s *Store) Follow(plan *indicator.Plan) {
	s.formerly = map[string][]string{}
	for _, ind := range plan.Indicators() {
		if len(ind.Formerly) > 0 {
			s.formerly[ind.Code] = ind.Formerly
		}
	}
}

// mergeFigures joins two lists in date order; figures of one day in the
// order they were saved.
func mergeFigures(a, b []Figure) []Figure {
	if len(a) == 0 {
		return b
	}
	all := append(slices.Clip(a), b...)
	slices.SortStableFunc(all, func(x, y Figure) int {
		return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.ID, y.ID))
	})
	return all
}
