package indicator

import (
	"maps"
	"slices"

	yaml "go.yaml.in/yaml/v3"
)

// revisionNodes are what a revision leaves to read once the indicator's
// lists are known: its target's value and its checkpoints' values.
type revisionNodes struct {
	f      *fields
	target *yaml.Node
	steps  []*yaml.Node
}

// revisions reads the indicator's later changes, each from a day of the
// term after the one before it.
func (l *loader) revisions(f *fields, ind *Indicator) []revisionNodes {
	var nodes []revisionNodes
	for _, n := range f.list("revisions", false) {
		r := newFields(l.ps, n, ind.Code, f.name("revisions"))
		rev, vals := l.revision(r, ind)
		if k := len(ind.Revisions); k > 0 && rev.From != 0 && rev.From <= ind.Revisions[k-1].From {
			r.problem("from", ProblemRevisionOrder)
		}
		ind.Revisions = append(ind.Revisions, rev)
		nodes = append(nodes, vals)
	}
	return nodes
}

func (l *loader) revision(r *fields, ind *Indicator) (Revision, revisionNodes) {
	rev := Revision{Note: r.str("note", true)}
	vals := revisionNodes{f: r}
	from, ok := r.date("from", true)
	rev.From = from
	if ok && !l.term.Contains(from) {
		r.problem("from", ProblemRevisionOutside, "date", from.String())
	}
	if t := r.sub("target", false); t != nil {
		tg, value := l.targetFields(t, ind.Trajectory != Compound)
		rev.Target, vals.target = &tg, value
	}
	if t, ok := r.num("tolerance"); ok {
		rev.Tolerance = t
		if t <= 0 || t >= 1 {
			r.problem("tolerance", ProblemTolerance)
		}
	}
	rev.Steps, vals.steps = l.stepList(r, ind.Code)
	r.done()
	return rev, vals
}

// revisionValues reads each revision's target and checkpoint values, names
// on the indicator's list for a rating or a staged milestone.
func (l *loader) revisionValues(ind *Indicator, revs []revisionNodes) {
	for i, rn := range revs {
		r := &ind.Revisions[i]
		if rn.target != nil {
			r.Target.Value, _ = l.value(rn.f, "revisions.target.value", ind, rn.target)
		}
		for j, n := range rn.steps {
			if n != nil {
				r.Steps[j].Value, _ = l.value(rn.f, "revisions.steps.value", ind, n)
			}
		}
	}
}

// checkRevisions refuses a revision that changes nothing, or what the
// indicator's kind and trajectory cannot take.
func (l *loader) checkRevisions(ind *Indicator, revs []revisionNodes) {
	for i, rn := range revs {
		r, f := &ind.Revisions[i], rn.f
		if r.Target == nil && f.vals["tolerance"] == nil && f.vals["steps"] == nil {
			f.problem("from", ProblemRevisionEmpty)
		}
		if r.Target != nil {
			checkRevisedTarget(f, ind, r.Target)
		}
		switch {
		case f.vals["steps"] != nil && ind.Trajectory != Steps:
			f.problem("steps", ProblemOnlyFor, "trajectory", Steps.String())
		case len(r.Steps) > 0 && r.Steps[0].By != 0 && r.From != 0 && r.Steps[0].By < r.From:
			f.problem("steps", ProblemRevisionStep, "date", r.From.String())
		}
	}
}

// checkRevisedTarget keeps a revised target of the same kind as the
// first: the same direction, a change only on a level, a percent within
// 0–100; a compound trajectory's target follows its rate.
func checkRevisedTarget(f *fields, ind *Indicator, t *Target) {
	switch {
	case ind.Trajectory == Compound:
		f.problem("target", ProblemRevisionCompound)
	case t.Op.side() != ind.Target.Op.side() && int(ind.Target.Op) >= 0 && int(t.Op) >= 0: // a bad op is said where it stands
		f.problem("target", ProblemRevisionOp, "op", ind.Target.Op.String())
	case t.Change != nil && ind.Choices() != nil:
		f.problem("target", ProblemOnlyFor, "kind", Level.String())
	case ind.Kind == Milestone && ind.Stages == nil && t.Change == nil && (t.Value < 0 || t.Value > 100):
		f.problem("target", ProblemPercent)
	}
}

// side is the direction a target holds in: at least, at most, or exactly.
func (o Op) side() int {
	switch o {
	case GE, GT:
		return 0
	case LE, LT:
		return 1
	}
	return 2
}

// formerly reads the codes the indicator had before, each claimed once.
func (l *loader) formerly(f *fields) []string {
	codes := f.strs("formerly")
	for _, c := range codes {
		switch {
		case !codePattern.MatchString(c):
			f.problem("formerly", ProblemCode, "value", c)
		case l.former[c] != 0:
			f.problem("formerly", ProblemDuplicate, "code", c, "first", l.former[c])
		default:
			l.former[c] = f.at("formerly")
		}
	}
	return codes
}

// checkFormerly refuses a former code that is still a code of the plan:
// its figures cannot be two indicators' at once.
func (l *loader) checkFormerly() {
	for _, c := range slices.Sorted(maps.Keys(l.former)) {
		if l.codes[c] != 0 {
			l.ps.add(l.former[c], "", "formerly", ProblemFormerlyTaken, "code", c)
		}
	}
}
