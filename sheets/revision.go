package sheets

import (
	"math"
	"strings"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
)

// revisions says, one a line, each revision of an indicator in force on
// the evaluation's day: its day, what it changed and the resolution that
// made it. The summary's last column holds it.
func (x Export) revisions(e indicator.Evaluation) string {
	var ls []string
	for _, r := range e.Indicator.Revisions {
		if r.From > e.Day {
			break
		}
		ls = append(ls, x.revision(e, r))
	}
	return strings.Join(ls, "\n")
}

// revision says one revision. Its target is the value it means in the
// evaluation's window (a target relative to the baseline worked out).
func (x Export) revision(e indicator.Evaluation, r indicator.Revision) string {
	goal, tolerance := "", ""
	if v := e.TargetOn(r.From); r.Target != nil && !math.IsNaN(v) {
		goal = target(e.Indicator.InForce(r.From), v)
	}
	if r.Tolerance != 0 {
		tolerance = locales.FormatNumber(r.Tolerance*100, 2) + "%"
	}
	return x.P.T("xlsx.revision", "Date", render.Date(r.From), "Target", goal, "Tolerance", tolerance,
		"Steps", r.Steps != nil, "Note", r.Note)
}
