package indicator

import "math"

// Revision is a later resolution's change to an indicator ("điều chỉnh chỉ
// tiêu"), in force from its day on. What it leaves out stays as it was.
type Revision struct {
	From      Date
	Target    *Target // nil: unchanged
	Tolerance float64 // 0: unchanged
	Steps     []Step  // nil: unchanged
	Note      string  // the resolution that made it: "Nghị quyết số …"
}

// InForce returns the indicator as it stands on day d: the plan's first
// version with every revision from d or before applied. It is the
// indicator itself when no revision is in force; otherwise a copy whose
// Revision is the latest one applied.
func (ind *Indicator) InForce(d Date) *Indicator {
	o := ind.origin()
	v := o
	for i := range o.Revisions {
		r := &o.Revisions[i]
		if r.From > d {
			break
		}
		v = v.revised(r)
	}
	return v
}

// origin is the indicator as the plan first set it.
func (ind *Indicator) origin() *Indicator {
	if ind.first != nil {
		return ind.first
	}
	return ind
}

// revised is a copy of the indicator with the revision applied.
func (ind *Indicator) revised(r *Revision) *Indicator {
	c := *ind
	c.first, c.Revision = ind.origin(), r
	if r.Target != nil {
		c.Target = *r.Target
	}
	if r.Tolerance != 0 {
		c.Tolerance = r.Tolerance
	}
	if r.Steps != nil {
		c.Steps = r.Steps
	}
	return &c
}

// lineOn is the trajectory on day d as the revisions in force then shape
// it, from the window's anchor a. A revision inside the window takes the
// trajectory on from the value expected the day before it, so its own day
// brings no jump; the target it sets is reached by the trajectory's end.
// It returns the version in force on d.
func (ind *Indicator) lineOn(a anchor, f frame, d Date) (float64, *Indicator) {
	o := ind.origin()
	v, from := o, a
	for i := range o.Revisions {
		r := &o.Revisions[i]
		if r.From > d {
			break
		}
		if r.From > from.day {
			from = anchor{r.From - 1, v.trajectoryFrom(a, from, f, r.From-1), true}
		}
		v = v.revised(r)
	}
	return v.trajectoryFrom(a, from, f, d), v
}

// expectedOn is the trajectory's value on day d (not after its end), as it
// is shown and compared: rounded in the reporter's favour for a whole
// count.
func (ind *Indicator) expectedOn(a anchor, f frame, d Date) float64 {
	v, in := ind.lineOn(a, f, d)
	return in.shown(v, in.Target.Op.favour())
}

// windowScale is the size the tolerance is a share of, set by the version
// in force where the window's trajectory starts: a revision inside the
// window moves no band, so it alone turns no status.
func (ind *Indicator) windowScale(a anchor, f frame) float64 {
	v := ind.InForce(a.day)
	return v.scale(a, v.targetOf(a, f))
}

// TargetOn is the target in force on day d of the evaluation's window, as
// a chart draws it: a revision inside the window changes it from its day.
// It is NaN while a target set from the baseline awaits it.
func (e Evaluation) TargetOn(d Date) float64 {
	v := e.Indicator.InForce(d)
	if !e.anchored {
		if v.Target.Change != nil || v.Trajectory == Compound {
			return math.NaN()
		}
		return v.shown(v.Target.Value, v.Target.Op.strictest())
	}
	return v.targetOf(e.from, frame{w: e.Window, end: e.End})
}
