package store

import (
	"context"
	"errors"
	"fmt"

	"chitieu/indicator"
)

// ErrPlanUnreadable is a term's plan version that no longer loads.
var ErrPlanUnreadable = errors.New("the term's plan does not load")

// ForTerm loads term t's last plan version, its due days moved past the
// same days off as the plan in force (inForce, nil for the law's only).
func (x Plans) ForTerm(ctx context.Context, t Term, inForce *indicator.Plan) (*indicator.Plan, error) {
	s := x.s
	v, err := s.Plans.Version(ctx, t.Plan)
	if err != nil {
		return nil, err
	}
	plan, err := indicator.Load([]byte(v.Content))
	if err != nil {
		return nil, fmt.Errorf("term %s: plan version %d: %w: %w", t.Name, v.N, ErrPlanUnreadable, err)
	}
	if inForce != nil {
		if w, ok := inForce.WorkDays(); ok {
			plan.SetWorkDays(w)
		}
	}
	plan.EndOn(t.To) // a term an admin ended early stops there
	return plan, nil
}
