package indicator

import "encoding/json"

// PlanDiff is what a new plan changes in the old one, by indicator code.
type PlanDiff struct {
	Added   []string
	Removed []string
	Renamed [][2]string // old code, new code (the new one lists the old under formerly)
	Changed []string    // in both, with any field changed
	Term    bool        // the term, the title or the plan's code changed
}

// Empty reports whether the plans agree.
func (d PlanDiff) Empty() bool {
	return len(d.Added)+len(d.Removed)+len(d.Renamed)+len(d.Changed) == 0 && !d.Term
}

// Diff compares two plans indicator by indicator; an indicator that lists
// an old code under formerly is renamed, not added.
func Diff(old, new *Plan) PlanDiff {
	d := PlanDiff{Term: old.Code != new.Code || old.Title != new.Title || old.Term != new.Term}
	renamedFrom := map[string]bool{}
	for _, ind := range new.Indicators() {
		was := exactly(old, ind.Code)
		switch {
		case was != nil && !sameIndicator(was, ind):
			d.Changed = append(d.Changed, ind.Code)
		case was != nil:
		case formerIn(old, ind) != "":
			d.Renamed = append(d.Renamed, [2]string{formerIn(old, ind), ind.Code})
			renamedFrom[formerIn(old, ind)] = true
		default:
			d.Added = append(d.Added, ind.Code)
		}
	}
	for _, ind := range old.Indicators() {
		if exactly(new, ind.Code) == nil && !renamedFrom[ind.Code] {
			d.Removed = append(d.Removed, ind.Code)
		}
	}
	return d
}

// exactly is plan's indicator whose code is code now, not one that had it
// before (a code renamed back is a rename, not a change).
func exactly(plan *Plan, code string) *Indicator {
	if ind := plan.Indicator(code); ind != nil && ind.Code == code {
		return ind
	}
	return nil
}

// formerIn is the first of ind's former codes that plan has as its own
// code, or "".
func formerIn(plan *Plan, ind *Indicator) string {
	for _, c := range ind.Formerly {
		if exactly(plan, c) != nil {
			return c
		}
	}
	return ""
}

// sameIndicator compares every field a plan sets.
func sameIndicator(a, b *Indicator) bool {
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}
