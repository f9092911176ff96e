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
	m := map[string][]string{}
	for _, ind := range plan.Indicators() {
		if len(ind.Formerly) > 0 {
			m[ind.Code] = ind.Formerly
		}
	}
	s.following.Store(&m)
}

// formerly are the codes code had before, under the plan followed.
func (s *Store) formerly(code string) []string {
	if m := s.following.Load(); m != nil {
		return (*m)[code]
	}
	return nil
}

// mergeFigures joins two lists in date order; figures of one day in the
// order they were saved.
func mergeFigures(a, b []indicator.Record) []indicator.Record {
	if len(a) == 0 {
		return b
	}
	all := append(slices.Clip(a), b...)
	slices.SortStableFunc(all, func(x, y indicator.Record) int {
		return cmp.Or(cmp.Compare(x.Date, y.Date), cmp.Compare(x.ID, y.ID))
	})
	return all
}
