package indicator

import (
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// valueNodes are the values that may be a name on a scale or stage list,
// read once the indicator's lists are known.
type valueNodes struct {
	target, baseline *yaml.Node
	steps            []*yaml.Node
}

func (l *loader) indicator(n *yaml.Node, prog string) *Indicator {
	f := newFields(l.ps, n, "", "")
	ind := &Indicator{Program: prog, Term: l.term}
	ind.Code = l.code(f)
	ind.Name = f.str("name", true)
	ind.UnitOfMeasure = f.str("unit_of_measure", false)
	ind.Note = f.str("note", false)
	ind.Group = f.str("group", false)
	l.owner(f, ind)
	l.enums(f, ind)
	ind.Scale, ind.Stages = f.strs("scale"), f.strs("stages")
	if ind.Kind == Rating && f.vals["scale"] == nil {
		ind.Scale = DefaultScale
	}
	var vals valueNodes
	l.target(f, ind, &vals)
	l.report(f, ind)
	l.baseline(f, ind, &vals)
	vals.steps = l.steps(f, ind)
	l.numbers(f, ind)
	revs := l.revisions(f, ind)
	ind.Formerly = l.formerly(f)
	ind.CityCode = l.cityCode(f)
	f.done()
	l.values(f, ind, vals)
	l.revisionValues(ind, revs)
	l.check(f, ind)
	l.checkRevisions(ind, revs)
	return ind
}

func (l *loader) owner(f *fields, ind *Indicator) {
	ind.Owner = f.str("owner", true)
	if code, ok := l.units[foldCode(ind.Owner)]; ok {
		ind.Owner = code // in any case, as the units write it
	} else if ind.Owner != "" {
		f.problem("owner", ProblemOwner, "code", ind.Owner)
	}
}

func (l *loader) enums(f *fields, ind *Indicator) {
	k, _ := f.enum("kind", kindNames)
	w, _ := f.enum("window", windowNames)
	t, _ := f.enum("trajectory", trajectoryNames)
	ind.Kind, ind.Window, ind.Trajectory = Kind(k), Window(w), Trajectory(t)
	if f.vals["term_result"] != nil {
		r, _ := f.enum("term_result", termRuleNames)
		ind.TermRule = TermRule(r)
	}
}

func (l *loader) target(f *fields, ind *Indicator, vals *valueNodes) {
	t := f.sub("target", true)
	if t == nil {
		return
	}
	needed := f.vals["trajectory"] != nil && ind.Trajectory != Compound
	ind.Target, vals.target = l.targetFields(t, needed)
}

// targetFields reads a target's op and its value (a node, read once the
// lists are known) or change; needed says one of them must be there.
func (l *loader) targetFields(t *fields, needed bool) (Target, *yaml.Node) {
	var tg Target
	op, _ := t.enum("op", opNames)
	tg.Op = Op(op)
	value := t.node("value", false)
	if c, ok := t.num("change"); ok {
		tg.Change = &c
	}
	t.done()
	switch {
	case value != nil && tg.Change != nil:
		t.problem("change", ProblemValueAndChange)
	case value == nil && tg.Change == nil && needed:
		t.problem("value", ProblemRequired)
	}
	return tg, value
}

func (l *loader) report(f *fields, ind *Indicator) {
	r := f.sub("report", true)
	if r == nil {
		return
	}
	e, _ := r.enum("every", everyNames)
	ind.Report.Every = Every(e)
	d, ok := r.num("due_day")
	if !ok && r.vals["due_day"] == nil {
		r.problem("due_day", ProblemRequired)
	}
	ind.Report.DueDay = int(d)
	if lag, ok := r.num("lag_months"); ok {
		ind.Report.LagMonths = int(lag)
		if lag != float64(int(lag)) || lag < 0 || lag > 12 {
			r.problem("lag_months", ProblemRange, "min", 0, "max", 12)
		}
	}
	r.done()
	hi := 31
	if ind.Report.Every == EveryWeek {
		hi = 7
	}
	if ok && (d != float64(int(d)) || d < 1 || int(d) > hi) {
		r.problem("due_day", ProblemDueDay, "max", hi)
	}
}

func (l *loader) baseline(f *fields, ind *Indicator, vals *valueNodes) {
	b := f.sub("baseline", false)
	if b == nil {
		return
	}
	ind.Baseline = &Baseline{}
	vals.baseline = b.node("value", false)
	ind.Baseline.FromFigure = vals.baseline == nil
	on, ok := b.date("on", true)
	ind.Baseline.On = on
	b.done()
	if ok && l.term.To != 0 && on > l.term.To {
		b.problem("on", ProblemBaselineOutside)
	}
}

func (l *loader) steps(f *fields, ind *Indicator) []*yaml.Node {
	var nodes []*yaml.Node
	ind.Steps, nodes = l.stepList(f, ind.Code)
	return nodes
}

// stepList reads the checkpoints under f's "steps", their value nodes read
// once the lists are known.
func (l *loader) stepList(f *fields, code string) ([]Step, []*yaml.Node) {
	var steps []Step
	var nodes []*yaml.Node
	for i, n := range f.list("steps", false) {
		s := newFields(l.ps, n, code, f.name("steps"))
		by, ok := s.date("by", true)
		nodes = append(nodes, s.node("value", true))
		s.done()
		steps = append(steps, Step{By: by})
		switch {
		case !ok:
		case !l.term.Contains(by):
			s.problem("by", ProblemStepOutside, "date", by.String())
		case i > 0 && by <= steps[i-1].By:
			s.problem("by", ProblemStepOrder)
		}
	}
	return steps, nodes
}

func (l *loader) numbers(f *fields, ind *Indicator) {
	if by, ok := f.date("by", false); ok {
		ind.By = by
		if !l.term.Contains(by) {
			f.problem("by", ProblemByOutside, "date", by.String())
		}
	}
	if d, ok := f.num("decimals"); ok {
		ind.Decimals = int(d)
		if d != float64(int(d)) || d < 0 || d > 6 {
			f.problem("decimals", ProblemRange, "min", 0, "max", 6)
		}
	}
	if t, ok := f.num("tolerance"); ok {
		ind.Tolerance = t
		if t <= 0 || t >= 1 {
			f.problem("tolerance", ProblemTolerance)
		}
	}
	if r, ok := f.num("rate"); ok {
		ind.Rate = r
		if r <= -100 {
			f.problem("rate", ProblemRate)
		}
	}
}

// values reads the target, baseline and step values, which for a rating
// or a staged milestone are names (or positions) on its list.
func (l *loader) values(f *fields, ind *Indicator, vals valueNodes) {
	if vals.target != nil {
		ind.Target.Value, _ = l.value(f, "target.value", ind, vals.target)
	}
	if vals.baseline != nil {
		ind.Baseline.Value, _ = l.value(f, "baseline.value", ind, vals.baseline)
	}
	for i, n := range vals.steps {
		if n != nil {
			ind.Steps[i].Value, _ = l.value(f, "steps.value", ind, n)
		}
	}
}

func (l *loader) value(f *fields, field string, ind *Indicator, n *yaml.Node) (float64, bool) {
	choices := ind.Choices()
	if v, ok := number(n); ok {
		if choices != nil && (v != float64(int(v)) || v < 0 || int(v) >= len(choices)) {
			l.ps.add(n.Line, ind.Code, field, ProblemNotOnScale, "value", n.Value, "allowed", listed(choices))
			return 0, false
		}
		return v, true
	}
	if i := ChoiceIndex(choices, n.Value); i >= 0 && n.Kind == yaml.ScalarNode {
		return float64(i), true
	}
	if choices != nil {
		l.ps.add(n.Line, ind.Code, field, ProblemNotOnScale, "value", n.Value, "allowed", listed(choices))
	} else {
		l.ps.add(n.Line, ind.Code, field, ProblemType, "want", "number", "value", n.Value)
	}
	return 0, false
}

// listed writes names for a message: “A”, “B”, “C”.
func listed(names []string) string {
	return "“" + strings.Join(names, "”, “") + "”"
}

// cityCode reads the code of the city's indicator this one answers: a
// code, given to one indicator of the plan only.
func (l *loader) cityCode(f *fields) string {
	c := f.str("city_code", false)
	unique(f, "city_code", c, l.city)
	return c
}
