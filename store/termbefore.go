package store

import (
	"context"

	"chitieu/indicator"
)

// TermData is a term read whole for a report: the term, its plan and its
// figures in the domain's form, by indicator code.
type TermData struct {
	Term    Term
	Plan    *indicator.Plan
	Figures map[string][]indicator.Figure
}

// TermBefore reads the term before the store's, with its own plan (its
// last version, its due days moved as inForce's) and its figures; ok is
// false when Redis keeps none (the store's term is the first, or Redis
// keeps no registry).
func (s *Store) TermBefore(ctx context.Context, inForce *indicator.Plan) (TermData, bool, error) {
	all, err := s.Terms(ctx)
	if err != nil {
		return TermData{}, false, err
	}
	var prev *Term
	for i := range all {
		if all[i].To < s.Term().From {
			prev = &all[i]
		}
	}
	if prev == nil || s.Term().ID == "" {
		return TermData{}, false, nil
	}
	plan, err := s.Plans.ForTerm(ctx, *prev, inForce)
	if err != nil {
		return TermData{}, false, err
	}
	in := s.InTerm(*prev)
	in.Follow(plan)
	figs, err := in.Figures.Domain(ctx, plan)
	return TermData{Term: *prev, Plan: plan, Figures: figs}, err == nil, err
}
