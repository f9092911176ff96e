package reminders_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/plans"
	"chitieu/reminders"
)

// The properties of issue 10, checked through the replay (the live jobs'
// own rules) over the example plan and over generated plans of every
// kind × window × trajectory × cadence:
//   - a reporter who reports on every due day a value on the trajectory (a
//     hair on the right side for strict targets) sees no at_risk, no
//     off_track and no alert on any day of the term;
//   - one who reports 30% behind is off track and alerted within one
//     report period of the first figure that far behind;
//   - one who stops reporting turns overdue and is nagged, and is never
//     alerted for it.

// figureRule writes the figure of an indicator's period, given what the
// domain says of it on the figure's day.
type figureRule func(ind *indicator.Indicator, e indicator.Evaluation, day indicator.Date) (float64, bool)

// onTrack reports the trajectory's value on the day, a hair to the right
// side of a strict target; whole things for counts and positions.
func onTrack(ind *indicator.Indicator, e indicator.Evaluation, day indicator.Date) (float64, bool) {
	return want(ind, e, day, 0)
}

// behind reports 30% of the indicator's scale behind the trajectory.
func behind(ind *indicator.Indicator, e indicator.Evaluation, day indicator.Date) (float64, bool) {
	return want(ind, e, day, 0.3)
}

// stopping reports on the trajectory through the middle of the term, then
// nothing.
func stopping(ind *indicator.Indicator, e indicator.Evaluation, day indicator.Date) (float64, bool) {
	if day > midTerm(ind) {
		return 0, false
	}
	return want(ind, e, day, 0)
}

func midTerm(ind *indicator.Indicator) indicator.Date {
	return ind.Term.From + (ind.Term.To-ind.Term.From)/2
}

// want is the figure that puts the indicator's value `lag` of its scale
// behind its trajectory on day (0: on it): the level itself, or for a
// count the increment that brings the window's sum there.
func want(ind *indicator.Indicator, e indicator.Evaluation, day indicator.Date, lag float64) (float64, bool) {
	exp := e.ExpectedOn(day)
	switch {
	case day == e.End && !math.IsNaN(e.Target): // the last report of a window: the target itself
		exp = e.Target
	case day == e.End && ind.Target.Change == nil && ind.Trajectory != indicator.Compound:
		exp = ind.Target.Value
	case math.IsNaN(exp) && ind.Trajectory == indicator.Constant:
		exp = ind.Target.Value
	case math.IsNaN(exp): // a level's first figure anchors its trajectory
		exp = firstLevel(ind)
	}
	up := ind.Target.Op.String() == ">=" || ind.Target.Op.String() == ">"
	sign := map[bool]float64{true: 1, false: -1}[up]
	scale := e.Scale
	if math.IsNaN(scale) || scale == 0 {
		scale = math.Max(math.Abs(exp), 1)
	}
	v := exp - sign*lag*scale
	if lag == 0 && strings.ContainsAny(ind.Target.Op.String(), "<>") && !strings.Contains(ind.Target.Op.String(), "=") {
		v += sign * hair(ind, scale)
	}
	if ind.Kind != indicator.Level {
		v = whole(v, up, lag > 0)
	}
	if ind.Kind == indicator.Count {
		have := 0.0
		if !math.IsNaN(e.Actual) && e.Figures > 0 {
			have = e.Actual
		}
		return math.Max(0, v-have), true
	}
	if ind.Choices() != nil {
		v = math.Min(math.Max(v, 0), float64(len(ind.Choices())-1))
	}
	return math.Max(v, 0), true
}

// whole rounds to the reporter's side: up for a floor, down for a ceiling
// when on track, the other way when behind.
func whole(v float64, up, behind bool) float64 {
	if up != behind {
		return math.Ceil(v - 1e-9)
	}
	return math.Floor(v + 1e-9)
}

func hair(ind *indicator.Indicator, scale float64) float64 {
	if ind.Kind != indicator.Level {
		return 1
	}
	return 0.01 * scale
}

func firstLevel(ind *indicator.Indicator) float64 {
	if ind.Target.Op.String() == "<" || ind.Target.Op.String() == "<=" {
		return 20
	}
	return 50
}

// figuresOf writes every period's figure of every indicator as rep does,
// dated on the period's due day (or its last day when due later), each
// computed from the figures before it.
func figuresOf(plan *indicator.Plan, rep figureRule) map[string][]indicator.Figure {
	out := map[string][]indicator.Figure{}
	for _, ind := range plan.Indicators() {
		var figs []indicator.Figure
		for per := ind.Report.PeriodOf(ind.Term.From); per.From <= ind.Term.To; per = ind.Report.PeriodOf(per.To + 1) {
			day := min(ind.Report.DueDate(per), per.To, ind.Term.To)
			if day < ind.Term.From {
				continue
			}
			at := day // the trajectory's value on the figure's day, or at its window's end or a deadline in its period
			if w := ind.WindowOn(day); per.Contains(w.To) {
				at = w.To
			}
			for _, c := range ind.Checkpoints() { // a report stands for its period at a checkpoint in it
				if per.Contains(c) && c > at {
					at = c
				}
			}
			e := indicator.Evaluate(ind, figs, day)
			if v, ok := rep(ind, e, at); ok {
				figs = append(figs, indicator.Figure{Date: day, Value: v})
			}
		}
		out[ind.Code] = figs
	}
	return out
}

func replayTerm(plan *indicator.Plan, figs map[string][]indicator.Figure) reminders.Replay {
	return reminders.Config{}.Replay(plan, figs, reminders.Calendar{Loc: plan.Location}, plan.Term.From, plan.Term.To)
}

// byCode are a replay's events per indicator.
func byCode(r reminders.Replay) map[string][]reminders.Event {
	out := map[string][]reminders.Event{}
	for _, ev := range r.Events {
		out[ev.Code] = append(out[ev.Code], ev)
	}
	return out
}

func checkOnTrack(t *testing.T, plan *indicator.Plan) {
	r := replayTerm(plan, figuresOf(plan, onTrack))
	events := byCode(r)
	for _, ind := range plan.Indicators() {
		for _, ev := range events[ind.Code] {
			endsAtRisk := ind.Trajectory == indicator.End && ev.To == "at_risk" // judged at its end: at risk in its last period until done
			bad := ev.Kind == reminders.EventAlert || ev.Kind == reminders.EventRepeat ||
				ev.Kind == reminders.EventStatus && (ev.To == "at_risk" && !endsAtRisk || ev.To == "off_track" || ev.To == "missed")
			if bad {
				t.Errorf("%s (%s): reported on its trajectory, yet %s", ind.Code, describe(ind), say(ev))
				break
			}
		}
	}
}

func checkBehind(t *testing.T, plan *indicator.Plan) {
	figs := figuresOf(plan, behind)
	events := byCode(replayTerm(plan, figs))
	checked := 0
	defer func() {
		t.Logf("%d of %d indicators fell 25%% behind and were checked", checked, len(plan.Indicators()))
	}()
	for _, ind := range plan.Indicators() {
		first, ok := firstBehind(ind, figs[ind.Code])
		if !ok {
			continue
		}
		checked++
		per := ind.Report.PeriodOf(first)
		by := first + (per.To - per.From + 1)
		standing, fresh := false, false // an alert made before and not yet taken back; one made since
		for _, ev := range events[ind.Code] {
			switch {
			case ev.Day < first && ev.Kind == reminders.EventAlert:
				standing = true
			case ev.Day < first && ev.Kind == reminders.EventBack:
				standing = false
			case ev.Day <= by && ev.Kind == reminders.EventAlert:
				fresh = true
			}
		}
		alerted := standing || fresh
		if !alerted {
			t.Errorf("%s (%s): 30%% behind from %v, no alert by %v; its events: %s", ind.Code, describe(ind), first, by, sayAll(events[ind.Code], 6))
		}
	}
}

// firstBehind is the day of the first figure that leaves the indicator at
// least 25% of its scale behind its trajectory (a figure clamped at zero
// may be less).
func firstBehind(ind *indicator.Indicator, figs []indicator.Figure) (indicator.Date, bool) {
	for i, f := range figs {
		e := indicator.Evaluate(ind, figs[:i+1], f.Date)
		exp := e.ExpectedOn(f.Date)
		if math.IsNaN(exp) || math.IsNaN(e.Actual) || math.IsNaN(e.Scale) || f.Date > e.Window.To {
			continue
		}
		gap := exp - e.Actual
		if s := ind.Target.Op.String(); s == "<" || s == "<=" {
			gap = -gap
		}
		if gap >= 0.25*e.Scale && gap > 0 {
			return f.Date, true
		}
	}
	return 0, false
}

func checkStopping(t *testing.T, plan *indicator.Plan) {
	figs := figuresOf(plan, stopping)
	events := byCode(replayTerm(plan, figs))
	for _, ind := range plan.Indicators() {
		if indicator.Evaluate(ind, figs[ind.Code], midTerm(ind)+1).Settled {
			continue // done before it stopped: nothing more is owed
		}
		overdue, nagged, alerted := false, false, false
		for _, ev := range events[ind.Code] {
			after := ev.Day > midTerm(ind)
			overdue = overdue || after && ev.Kind == reminders.EventOverdue && ev.To == "yes"
			nagged = nagged || after && ev.Kind == reminders.EventNag
			offTrack := ev.Kind == reminders.EventAlert && ev.To == "off_track" || ev.Kind == reminders.EventRepeat
			if after && !alerted && offTrack && !atCheckpoint(ind, ev) { // a deadline passed without the target is "missed", another matter
				t.Errorf("%s (%s): stopped reporting after %v, and was alerted: %s", ind.Code, describe(ind), midTerm(ind), say(ev))
				alerted = true
			}
		}
		if dueAfter(ind, midTerm(ind)) && (!overdue || !nagged) {
			t.Errorf("%s (%s): stopped reporting after %v: overdue %v, nagged %v", ind.Code, describe(ind), midTerm(ind), overdue, nagged)
		}
	}
}

// atCheckpoint reports whether an alert judged the figures at a checkpoint
// the plan dates (a step's day, a deadline) whose period's report was due:
// a reporter who stops is then judged on the figures they gave, as
// DESIGN's checkpoint rule says, not only nagged.
func atCheckpoint(ind *indicator.Indicator, ev reminders.Event) bool {
	for _, c := range ind.Checkpoints() {
		if ev.AsOf != nil && *ev.AsOf <= c && ev.Day > c {
			return true
		}
	}
	return false
}

// dueAfter reports whether a report falls due after day and before the
// term's end, with a working day after it to nag on.
func dueAfter(ind *indicator.Indicator, day indicator.Date) bool {
	per := ind.Report.PeriodOf(day)
	return ind.Report.DueDate(per) > day && ind.Report.DueDate(per)+5 < ind.Term.To
}

func describe(ind *indicator.Indicator) string {
	return fmt.Sprintf("%s %s %s, %s %v, every %s", ind.Kind, ind.Window, ind.Trajectory, ind.Target.Op, ind.Target.Value, ind.Report.Every)
}

func say(ev reminders.Event) string {
	s := fmt.Sprintf("%v %s %s→%s", ev.Day, ev.Kind, ev.From, ev.To)
	if ev.AsOf != nil && ev.Actual != nil && ev.Expected != nil {
		s += fmt.Sprintf(" (as of %v: %.4g, expected %.4g)", *ev.AsOf, *ev.Actual, *ev.Expected)
	}
	return s
}

func sayAll(evs []reminders.Event, n int) string {
	var out []string
	for _, ev := range evs {
		if ev.Kind != reminders.EventNag && ev.Kind != reminders.EventRemind && ev.Kind != reminders.EventEscalate && len(out) < n {
			out = append(out, say(ev))
		}
	}
	return strings.Join(out, "; ")
}

func examplePlan(t testing.TB) *indicator.Plan {
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func TestExamplePlanOnTrackIsNeverBehind(t *testing.T)       { checkOnTrack(t, examplePlan(t)) }
func TestExamplePlanBehindIsAlerted(t *testing.T)            { checkBehind(t, examplePlan(t)) }
func TestExamplePlanStoppingIsNaggedNotAlerted(t *testing.T) { checkStopping(t, examplePlan(t)) }

func TestGeneratedPlansOnTrackAreNeverBehind(t *testing.T) { checkOnTrack(t, generated(t)) }
func TestGeneratedPlansBehindAreAlerted(t *testing.T)      { checkBehind(t, generated(t)) }
func TestGeneratedPlansStoppingAreNaggedNotAlerted(t *testing.T) {
	checkStopping(t, generated(t))
}
