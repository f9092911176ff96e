package report

import (
	"chitieu/indicator"
)

// Stand is where a result in progress stands at the period's end: the
// chat's status on that day, as of its latest figure, its window going on
// after the period. In order of concern, the least first.
type Stand int

// The stands.
const (
	StandDone     Stand = iota // đã đạt: the target holds and nothing to come can undo it
	StandOnTrack               // đúng tiến độ
	StandNotDue                // chưa đến hạn đánh giá: an `end` trajectory is judged only at its end
	StandNoData                // chưa có số liệu
	StandAtRisk                // có nguy cơ
	StandOffTrack              // chậm tiến độ
	StandPassed                // đã vượt mức tối đa: a ceiling count passed its cap, it cannot hold any more
)

var standNames = []string{"done", "on_track", "not_due", "no_data", "at_risk", "off_track", "passed"}

func (s Stand) String() string { return standNames[s] }

// standsShown are the stands in the order a report counts and lists them.
var standsShown = []Stand{StandDone, StandOnTrack, StandAtRisk, StandOffTrack, StandPassed, StandNotDue, StandNoData}

// Stand is the result's progress at the period's end (Progress).
func (r Result) Stand() Stand {
	e := r.Eval
	switch e.Status {
	case indicator.Achieved:
		return StandDone
	case indicator.Missed:
		return StandPassed
	case indicator.NoData:
		return StandNoData
	}
	if e.Indicator.Trajectory == indicator.End && e.Day < e.End {
		return StandNotDue // judged only at its end, after the period: the forecast is shown, never judged
	}
	switch e.Status {
	case indicator.AtRisk:
		return StandAtRisk
	case indicator.OffTrack:
		return StandOffTrack
	}
	return StandOnTrack
}

// standOfGrade is where a part already graded stands among parts in
// progress (a group whose parts end apart).
func standOfGrade(g indicator.Grade) Stand {
	switch g {
	case indicator.Exceeded, indicator.Met:
		return StandDone
	case indicator.NearlyMet:
		return StandAtRisk
	case indicator.NotMet:
		return StandOffTrack
	}
	return StandNoData
}

// target is one of the resolution's targets in a program: an indicator,
// or the parts of a group. It is graded when every part's window ends
// within the period, else it is in progress, standing where its part of
// most concern stands.
type target struct {
	name     string // the indicator's code, or the group's
	parts    []Result
	graded   indicator.Graded
	progress bool
	stand    Stand
}

// targetsOf joins results into targets, in plan order: a group's parts
// into one, the others as they are.
func targetsOf(rs []Result) []target {
	var out []target
	at := map[string]int{}
	for _, r := range rs {
		g := r.Indicator.Group
		if i, ok := at[g]; ok && g != "" {
			out[i].parts = append(out[i].parts, r)
			continue
		}
		name := r.Indicator.Code
		if g != "" {
			at[g], name = len(out), g
		}
		out = append(out, target{name: name, parts: []Result{r}})
	}
	for i := range out {
		out[i].judge()
	}
	return out
}

// judge grades the target, or finds where it stands.
func (t *target) judge() {
	var graded []indicator.Graded
	for _, r := range t.parts {
		t.progress = t.progress || r.Progress()
		graded = append(graded, r.graded())
	}
	if !t.progress {
		t.graded = indicator.GroupOf(graded)
		return
	}
	for i, r := range t.parts {
		s := standOfGrade(r.Grade)
		if r.Progress() {
			s = r.Stand()
		}
		if i == 0 || s > t.stand {
			t.stand = s
		}
	}
}

// count is a tally as the report writes it: the graded targets by grade,
// those estimated to miss apart (có nguy cơ không đạt), the targets not
// assessed by why, and those in progress by where they stand.
type count struct {
	indicator.Tally
	AtRisk     int // of NotMet, estimated
	Unassessed map[unassessed]int
	InProgress int
	Stands     map[Stand]int
	Windows    map[indicator.Window]bool // of the targets in progress
}

func newCount() count {
	return count{Unassessed: map[unassessed]int{}, Stands: map[Stand]int{}, Windows: map[indicator.Window]bool{}}
}

// add counts one target.
func (c *count) add(t target) {
	if t.progress {
		c.InProgress++
		c.Stands[t.stand]++
		c.Windows[t.parts[0].Indicator.Window] = true
		return
	}
	c.Tally.Add(t.graded)
	switch {
	case t.graded.Grade == indicator.NotMet && t.graded.Estimated:
		c.AtRisk++
	case t.graded.Grade == indicator.NotAssessed:
		c.Unassessed[t.why()]++
	}
}

// unassessed is why a graded target has no result.
type unassessed int

const (
	unassessedNotYet  unassessed = iota // chưa có số liệu: the window's figures are still to come
	unassessedWaiting                   // chờ số liệu kỳ cuối: ended, its last report not yet due
	unassessedShort                     // thiếu số liệu kỳ cuối: ended, final, without its last report
	unassessedNone                      // không có số liệu: ended, final, with no figure
)

// why is why the target is not assessed: its first part's reason that is
// not assessed.
func (t target) why() unassessed {
	for _, r := range t.parts {
		if r.Grade == indicator.NotAssessed {
			return r.why()
		}
	}
	return unassessedNotYet
}

// why is why a graded result is not assessed.
func (r Result) why() unassessed {
	if t := r.Term; t != nil {
		switch {
		case len(t.Incomplete()) > 0:
			return unassessedShort
		case !t.Provisional && len(t.WithoutFigure()) == len(t.Years):
			return unassessedNone
		}
		return unassessedNotYet
	}
	e := r.Eval
	switch {
	case e.Final() && e.Incomplete:
		return unassessedShort
	case e.Final():
		return unassessedNone
	case e.Provisional:
		return unassessedWaiting
	}
	return unassessedNotYet
}
