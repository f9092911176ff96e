package indicator

// Graded is an indicator's result in a report: its grade, and whether it
// is an estimate (ước: the result its forecast gives) rather than final.
type Graded struct {
	Indicator *Indicator
	Grade     Grade
	Estimated bool
}

// Graded is the evaluation's result: final once the window is, else the
// result its forecast gives, marked as an estimate — unless nothing to come
// can change it (a count that reached its floor, or passed its ceiling):
// a result decided is no estimate.
func (e Evaluation) Graded() Graded {
	g, final := e.Result()
	if !final {
		g = e.Estimate()
	}
	return Graded{Indicator: e.Indicator, Grade: g, Estimated: !final && !e.Decided()}
}

// Decided reports whether the window's result can no longer change: it is
// final, or the target's condition holds and cannot be undone (a count
// that reached its floor), or can no longer hold (a count past its
// ceiling).
func (e Evaluation) Decided() bool {
	return e.Final() || e.Status == Achieved || e.Status == Missed
}

// Tally counts results as a report does — "đạt và vượt 15/18 chỉ tiêu; cơ
// bản đạt 1; không đạt 1; chưa đánh giá 1" — the indicators that split one
// of the resolution's targets (a group) counted once.
type Tally struct {
	Targets     int
	Held        int // vượt or đạt
	NearlyMet   int // cơ bản đạt
	NotMet      int // không đạt
	NotAssessed int // chưa đánh giá
	Estimated   int // targets assessed by an estimate (ước)
}

// Add counts one target's result.
func (t *Tally) Add(g Graded) {
	t.Targets++
	switch {
	case g.Grade.Held():
		t.Held++
	case g.Grade == NearlyMet:
		t.NearlyMet++
	case g.Grade == NotMet:
		t.NotMet++
	default:
		t.NotAssessed++
	}
	if g.Estimated && g.Grade != NotAssessed {
		t.Estimated++
	}
}

// TallyOf counts the results of the targets, overall and by the program
// of each target's first indicator.
func TallyOf(rs []Graded) (all Tally, byProgram map[string]Tally) {
	byProgram = map[string]Tally{}
	for _, g := range Targets(rs) {
		all.Add(g)
		t := byProgram[g.Indicator.Program]
		t.Add(g)
		byProgram[g.Indicator.Program] = t
	}
	return all, byProgram
}

// Targets joins the indicators of each group into one target, in the order
// of its first indicator, which stands for it; the others are as given.
// A group's result is an estimate when any part's is.
func Targets(rs []Graded) []Graded {
	var out []Graded
	parts := map[string][]Graded{}
	at := map[string]int{}
	for _, g := range rs {
		key := g.Indicator.Group
		if key == "" {
			out = append(out, g)
			continue
		}
		if _, ok := at[key]; !ok {
			at[key] = len(out)
			out = append(out, g)
		}
		parts[key] = append(parts[key], g)
	}
	for key, i := range at {
		out[i] = GroupOf(parts[key])
	}
	return out
}

// GroupOf is the result of a target split over several indicators (parts,
// the first standing for it): GroupGrade's, but graded only once every
// part has a result — a part not yet assessed leaves the target
// unassessed, unless another part's miss is final and the target can no
// longer hold. It is an estimate when a part's grade is one.
func GroupOf(parts []Graded) Graded {
	if len(parts) == 0 {
		return Graded{}
	}
	out := parts[0]
	grades := make([]Grade, len(parts))
	var finalMiss, missing, estimated bool
	for i, g := range parts {
		grades[i] = g.Grade
		switch {
		case g.Grade == NotMet && !g.Estimated:
			finalMiss = true
		case g.Grade == NotAssessed:
			missing = true
		}
		estimated = estimated || g.Estimated && g.Grade != NotAssessed
	}
	switch {
	case finalMiss:
		out.Grade, out.Estimated = NotMet, false
	case missing:
		out.Grade, out.Estimated = NotAssessed, false
	default:
		out.Grade, out.Estimated = GroupGrade(grades), estimated
	}
	return out
}

// GroupGrade is the result of a target split over several indicators:
// không đạt when any part is; else cơ bản đạt when any part is; else chưa
// đánh giá when any part is not assessed (a target is held only when every
// part is known to hold, so one part without a figure leaves it
// unassessed, as it does when none has one); else vượt when every part
// is, đạt otherwise.
func GroupGrade(parts []Grade) Grade {
	has := map[Grade]bool{}
	for _, g := range parts {
		has[g] = true
	}
	switch {
	case len(parts) == 0:
		return NotAssessed
	case has[NotMet]:
		return NotMet
	case has[NearlyMet]:
		return NearlyMet
	case has[NotAssessed]:
		return NotAssessed
	case has[Met]:
		return Met
	}
	return Exceeded
}
