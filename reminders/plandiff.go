package reminders

import (
	"context"
	"slices"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/store"
)

// planChange is a plan version applied since the last digest, as it
// differs from the version before it.
type planChange struct {
	day      indicator.Date
	why      string
	diff     indicator.PlanDiff
	old, new *indicator.Plan // nil when a version could not be read
}

// maxPlanLines is how many indicators the digest names across the plan's
// changes; the rest are counted.
const maxPlanLines = 10

// planChanges reads, in one round trip, the plan versions applied after
// version after (the last one a digest told), or from day since on when
// after is unknown (-1), each against the version before it; the first
// version, which seeded the plan, changes nothing. latest is the newest
// version there is, for the next digest to start after.
func (s *Service) planChanges(ctx context.Context, after int, since indicator.Date) (changes []planChange, latest int, err error) {
	vs, err := s.Store.Plans.VersionsFrom(ctx, after)
	if err != nil || len(vs) == 0 { // none, or fewer than the last digest told: Redis was emptied
		return nil, 0, err
	}
	plans := s.planReader(vs)
	for i := 1; i < len(vs); i++ {
		day := s.today(vs[i].At)
		if vs[i].N <= after || after < 0 && day < since || termOf(vs[i]) != termOf(vs[i-1]) {
			continue // a version of another term changes nothing of this one's plan
		}
		changes = append(changes, newPlanChange(day, vs[i].Why, plans(i-1), plans(i)))
	}
	return changes, vs[len(vs)-1].N, nil
}

// planReader loads the plan of the i-th version when first asked: a
// version told nothing about is not loaded.
func (s *Service) planReader(vs []store.PlanVersion) func(i int) *indicator.Plan {
	loaded := map[int]*indicator.Plan{}
	return func(i int) *indicator.Plan {
		p, ok := loaded[i]
		if !ok {
			p = s.readPlan(vs[i])
			loaded[i] = p
		}
		return p
	}
}

// readPlan is a version's plan, or nil (logged) when it does not load: the
// digest then tells the version's day and why only.
func (s *Service) readPlan(v store.PlanVersion) *indicator.Plan {
	p, err := indicator.Load([]byte(v.Content))
	if err != nil {
		s.Log.Warn("digest: a plan version does not load", "version", v.N, "err", err)
		return nil
	}
	return p
}

func newPlanChange(day indicator.Date, why string, old, new *indicator.Plan) planChange {
	c := planChange{day: day, why: why, old: old, new: new}
	if old != nil && new != nil {
		c.diff = indicator.Diff(old, new)
	}
	return c
}

// planLines say what each change did: its day and why, then a line for
// each indicator added, removed, renamed or changed, at most maxPlanLines
// in all; the rest of a version's are counted on one line.
func planLines(p *locales.Printer, changes []planChange) []string {
	if len(changes) == 0 {
		return nil
	}
	ls, left := []string{p.T("push.digest_plan")}, maxPlanLines
	for _, c := range changes {
		ls = append(ls, p.T("push.digest_plan_version", "Date", render.Date(c.day), "Why", render.Esc(c.why)))
		if c.diff.Term {
			ls = append(ls, p.T("push.digest_plan_term"))
		}
		items := c.items(p)
		shown := min(left, len(items))
		ls, left = append(ls, items[:shown]...), left-shown
		if rest := len(items) - shown; rest > 0 {
			ls = append(ls, p.T("push.digest_plan_more", "Count", rest))
		}
	}
	return ls
}

// items are the change's lines, one per indicator it touches.
func (c planChange) items(p *locales.Printer) []string {
	var ls []string
	for _, code := range c.diff.Added {
		ls = append(ls, p.T("push.digest_plan_added", "Code", render.Esc(code)))
	}
	for _, code := range c.diff.Removed {
		ls = append(ls, p.T("push.digest_plan_removed", "Code", render.Esc(code)))
	}
	for _, r := range c.diff.Renamed {
		ls = append(ls, p.T("push.digest_plan_renamed", "Old", render.Esc(r[0]), "New", render.Esc(r[1])))
	}
	for _, code := range c.diff.Changed {
		ls = append(ls, c.changedLine(p, code))
	}
	return ls
}

// changedLine tells a changed indicator: the revision it gained, with its
// day, target and resolution, or only that it changed.
func (c planChange) changedLine(p *locales.Printer, code string) string {
	ind := c.new.Indicator(code)
	r := gainedRevision(c.old.Indicator(code), ind)
	if r == nil {
		return p.T("push.digest_plan_changed", "Code", render.Esc(code))
	}
	target := ""
	if r.Target != nil && r.Target.Change == nil {
		target = render.Op(r.Target.Op) + " " + render.Value(ind, r.Target.Value)
	}
	return p.T("push.digest_plan_revised", "Code", render.Esc(code), "From", render.Date(r.From),
		"Target", render.Esc(target), "Note", render.Esc(r.Note))
}

// gainedRevision is the latest revision new has that old has not (same
// day and resolution), or nil.
func gainedRevision(old, new *indicator.Indicator) *indicator.Revision {
	for i := len(new.Revisions) - 1; i >= 0; i-- {
		r := &new.Revisions[i]
		if !slices.ContainsFunc(old.Revisions, func(o indicator.Revision) bool { return o.From == r.From && o.Note == r.Note }) {
			return r
		}
	}
	return nil
}

// termOf is the id of the term a version is for.
func termOf(v store.PlanVersion) string {
	if v.Term != "" {
		return v.Term
	}
	t, _ := store.TermOfVersion(v)
	return t.ID
}
