package main

import (
	"context"
	"errors"

	"chitieu/indicator"
	"chitieu/store"
)

// termPlan is the store and plan of the term --term names (its id, or its
// years: 2020-2025): the term's own figures, read with its last plan
// version. A finished term only reads.
func (c *cli) termPlan(ctx context.Context, cfg *Config, sel string) (*indicator.Plan, *store.Store, error) {
	s, err := c.openCommittee(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	plan, ts, err := c.termOf(ctx, cfg, s, sel)
	if err != nil {
		s.Close()
		return nil, nil, err
	}
	return plan, ts, nil
}

func (c *cli) termOf(ctx context.Context, cfg *Config, s *store.Store, sel string) (*indicator.Plan, *store.Store, error) {
	t, err := s.FindTerm(ctx, sel)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, errors.New(c.p.T("term.unknown", "Term", sel, "Known", c.termNames(ctx, s)))
	}
	if err != nil {
		return nil, nil, err
	}
	plan, err := s.Plans.ForTerm(ctx, t, nil) // ended early, its windows stop on its last day
	if err != nil {
		return nil, nil, err
	}
	w, err := cfg.WorkDays()
	if err != nil {
		return nil, nil, err
	}
	plan.SetWorkDays(w)
	c.plan = plan
	ts := s.InTerm(t)
	ts.Follow(plan)
	return plan, ts, nil
}

// termNames lists the terms Redis knows, for a --term that names none.
func (c *cli) termNames(ctx context.Context, s *store.Store) string {
	all, _ := s.Terms(ctx)
	out := ""
	for i, t := range all {
		if i > 0 {
			out += ", "
		}
		out += t.Name
	}
	return out
}

// scopeToPlan makes s read and write the term plan belongs to, and cuts
// plan where an admin ended that term early: its last window stops there,
// and a figure dated after it belongs to no term.
func scopeToPlan(ctx context.Context, s *store.Store, plan *indicator.Plan) error {
	t, err := s.ForPlan(ctx, plan)
	if err != nil {
		return err
	}
	plan.EndOn(t.To)
	s.UseTerm(t)
	s.Follow(plan)
	return nil
}
