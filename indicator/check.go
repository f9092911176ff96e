package indicator

import "math"

// check finds what is wrong in an indicator as a whole, once its fields
// are read.
func (l *loader) check(f *fields, ind *Indicator) {
	l.checkLists(f, ind)
	l.checkTrajectory(f, ind)
	l.checkCount(f, ind)
	l.checkBy(f, ind)
	l.checkRank(f, ind)
	l.checkTermRule(f, ind)
	if ind.Kind == Milestone && ind.Stages == nil && f.vals["target"] != nil && ind.Target.Change == nil {
		if v := ind.Target.Value; v < 0 || v > 100 {
			f.problem("target", ProblemPercent)
		}
	}
}

func (l *loader) checkLists(f *fields, ind *Indicator) {
	if f.vals["scale"] != nil && ind.Kind != Rating {
		f.problem("scale", ProblemOnlyFor, "kind", Rating.String())
	}
	if f.vals["stages"] != nil && ind.Kind != Milestone {
		f.problem("stages", ProblemOnlyFor, "kind", Milestone.String())
	}
	if f.vals["scale"] != nil && !distinct(ind.Scale) {
		f.problem("scale", ProblemScale)
	}
	if f.vals["stages"] != nil && !distinct(ind.Stages) {
		f.problem("stages", ProblemScale)
	}
	if ind.Choices() != nil && ind.Target.Change != nil {
		f.problem("target", ProblemOnlyFor, "kind", Level.String())
	}
}

func (l *loader) checkTrajectory(f *fields, ind *Indicator) {
	if f.vals["trajectory"] == nil {
		return
	}
	switch {
	case ind.Trajectory == Compound && f.vals["rate"] == nil:
		f.problem("rate", ProblemNeedsRate)
	case ind.Trajectory != Compound && f.vals["rate"] != nil:
		f.problem("rate", ProblemOnlyFor, "trajectory", Compound.String())
	}
	switch {
	case ind.Trajectory == Steps && len(ind.Steps) == 0:
		f.problem("steps", ProblemNeedsSteps)
	case ind.Trajectory != Steps && f.vals["steps"] != nil:
		f.problem("steps", ProblemOnlyFor, "trajectory", Steps.String())
	}
	if ind.Trajectory == Compound && ind.Kind == Count && ind.Baseline == nil {
		f.problem("baseline", ProblemNeedsBaseline)
	}
	if ind.Choices() != nil && ind.Trajectory == Compound {
		f.problem("trajectory", ProblemStairTrajectory, "trajectory", Compound.String())
	}
}

// checkCount refuses what a count cannot take: a baseline (it starts from
// 0 in each window) but the one a yearly compound count grows from, and
// decimals on any other kind.
func (l *loader) checkCount(f *fields, ind *Indicator) {
	if f.vals["decimals"] != nil && ind.Kind != Count {
		f.problem("decimals", ProblemOnlyFor, "kind", Count.String())
	}
	if ind.Kind != Count || ind.Baseline == nil {
		return
	}
	switch {
	case ind.Trajectory != Compound || ind.Window != Year:
		f.problem("baseline", ProblemCountBaseline)
	case ind.Baseline.FromFigure:
		f.problem("baseline", ProblemCountBaseValue)
	}
}

// checkBy refuses a deadline in a yearly window: each year's window
// already ends on 31 December.
func (l *loader) checkBy(f *fields, ind *Indicator) {
	if ind.By != 0 && ind.Window != Term {
		f.problem("by", ProblemOnlyFor, "window", Term.String())
	}
}

// distinct reports whether a list has at least two names, none twice.
func distinct(names []string) bool {
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			return false
		}
		seen[n] = true
	}
	return len(names) >= 2
}

// checkRank refuses what a place in a league table cannot be: a fraction,
// a place below 1, a target that asks to fall behind.
func (l *loader) checkRank(f *fields, ind *Indicator) {
	if ind.Kind != Rank || f.vals["target"] == nil {
		return
	}
	t := ind.Target
	switch {
	case t.Op == GE || t.Op == GT:
		f.problem("target", ProblemRankOp)
	case t.Change != nil && *t.Change != math.Trunc(*t.Change):
		f.problem("target", ProblemRankWhole)
	case t.Change == nil && (t.Value < 1 || t.Value != math.Trunc(t.Value)):
		f.problem("target", ProblemRankWhole)
	}
}

// checkTermRule refuses a term rule where there are no years to combine,
// and a mean of what has no mean: a rating, a stage or a place.
func (l *loader) checkTermRule(f *fields, ind *Indicator) {
	if f.vals["term_result"] == nil {
		return
	}
	switch {
	case ind.Window != Year:
		f.problem("term_result", ProblemOnlyFor, "window", Year.String())
	case ind.TermRule != EachYear && (ind.Kind == Rating || ind.Kind == Milestone || ind.Kind == Rank):
		f.problem("term_result", ProblemTermMean, "kind", ind.Kind.String())
	}
}
