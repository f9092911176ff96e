package store

import (
	"context"
	"errors"

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
	if s.Term().ID == "" {
		return TermData{}, false, nil
	}
	if prev == nil {
		return s.predecessorTerm(ctx, inForce)
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

// predecessorTerm is, for a committee's first term, the term of the
// committee it continues (its first predecessor), read as the committee
// names its codes; ok is false when it names none.
func (s *Store) predecessorTerm(ctx context.Context, inForce *indicator.Plan) (TermData, bool, error) {
	cm, err := s.Committees.Get(ctx, s.k.c)
	if errors.Is(err, ErrNotFound) || err == nil && len(cm.Predecessors) == 0 {
		return TermData{}, false, nil
	}
	if err != nil {
		return TermData{}, false, err
	}
	p := cm.Predecessors[0]
	them, err := s.For(p.Committee)
	if err != nil {
		return TermData{}, false, err
	}
	terms, err := them.Terms(ctx)
	if err != nil {
		return TermData{}, false, err
	}
	for _, t := range terms {
		if t.ID != p.Term {
			continue
		}
		plan, err := them.Plans.ForTerm(ctx, t, inForce)
		if err != nil {
			return TermData{}, false, err
		}
		in := them.InTerm(t)
		in.Follow(plan)
		figs, err := in.Figures.Domain(ctx, plan)
		if err != nil {
			return TermData{}, false, err
		}
		own := map[string][]indicator.Figure{}
		for code, their := range p.Codes {
			if ind := plan.Indicator(their); ind != nil {
				own[code] = figs[ind.Code]
			}
		}
		if len(p.Codes) == 0 {
			own = figs
		}
		t.Name += " (" + nameOf(ctx, them, p.Committee, plan) + ")" // "2020–2025 (Quận ủy Tây Hồ)"
		return TermData{Term: t, Plan: plan.Continued(p.Codes), Figures: own}, true, nil
	}
	return TermData{}, false, nil
}

// nameOf is a committee's name as registered, else as its plan names it
// for reports, else its code.
func nameOf(ctx context.Context, s *Store, code string, plan *indicator.Plan) string {
	if cm, err := s.Committees.Get(ctx, code); err == nil && cm.Name != "" {
		return cm.Name
	}
	if plan.Committee.Name != "" {
		return plan.Committee.Name
	}
	return code
}
