package reminders

import (
	"math"
	"slices"
	"time"

	"chitieu/indicator"
	"chitieu/store"
)

// The kinds of a replay's events.
const (
	EventStatus    = "status"    // the status changed
	EventOverdue   = "overdue"   // the report became overdue, or came
	EventAlert     = "alert"     // an alert: turned off track (to off_track) or missed (to missed)
	EventRepeat    = "repeat"    // the alert repeated while it stays off track
	EventBack      = "back"      // back on track or achieved
	EventCorrected = "corrected" // a window told missed no longer is
	EventResult    = "result"    // a window's result became final (or changed after): exceeded, achieved, missed or not_assessed
	EventRemind    = "remind"    // a reminder before the due day, to the unit's reporters
	EventNag       = "nag"       // a nag while the report is overdue, to the unit's reporters
	EventEscalate  = "escalate"  // the overdue report told to the unit's leaders
)

// Event is one thing that happened to an indicator on a day of a replay,
// or went out about it.
type Event struct {
	Day      indicator.Date    `json:"day"`
	Code     string            `json:"code"`
	Kind     string            `json:"kind"`
	From     string            `json:"from,omitempty"`
	To       string            `json:"to,omitempty"`
	AsOf     *indicator.Date   `json:"as_of,omitempty"`    // status and alerts: the latest figure's day
	Actual   *float64          `json:"actual,omitempty"`   // status and alerts
	Expected *float64          `json:"expected,omitempty"` // status and alerts: on the as-of day
	Period   *indicator.Period `json:"period,omitempty"`   // reminders, nags, escalations: the report's period
	Due      *indicator.Date   `json:"due,omitempty"`      // the report's due day
	Late     int               `json:"days_late,omitempty"`
	// Window is the window a result speaks of; Basically marks a missed
	// result within the tolerance (cơ bản đạt).
	Window    *indicator.Period `json:"window,omitempty"`
	Basically bool              `json:"basically_achieved,omitempty"`
}

// WindowResult is a window's final result, as a báo cáo records it.
type WindowResult struct {
	Window    indicator.Period `json:"window"`
	Result    string           `json:"result"`
	Basically bool             `json:"basically_achieved,omitempty"`
}

// Summary is what a replay found of one indicator.
type Summary struct {
	Code         string `json:"code"`
	Alerts       int    `json:"alerts"` // off track or missed
	Repeats      int    `json:"repeats"`
	Backs        int    `json:"backs"`
	Reminders    int    `json:"reminders"`
	Nags         int    `json:"nags"`
	Escalations  int    `json:"escalations"`
	DaysOffTrack int    `json:"days_off_track"`
	DaysAtRisk   int    `json:"days_at_risk"`
	DaysOverdue  int    `json:"days_overdue"`
	Final        string `json:"final_status"` // on the last day
	// Results are the final results of the windows that ended in the
	// span, each as last known.
	Results []WindowResult `json:"results"`
}

// Replay is every event of a span of days, in day then plan order, and a
// summary per indicator in plan order.
type Replay struct {
	From    indicator.Date `json:"from"`
	To      indicator.Date `json:"to"`
	Events  []Event        `json:"events"`
	Summary []Summary      `json:"summary"`
}

// Replay walks every day from from to to as the live service would: each
// day the sweep at SweepAt evaluates every indicator and follows its alert
// state with NextAlert (no silences), and on a working day the reminders
// at RemindAt chase what chase says. A figure is taken as known from the
// day it is dated (the file says nothing of when it came), before the
// day's jobs. It reads nothing and writes nothing: a pure walk.
func (c Config) Replay(plan *indicator.Plan, figs map[string][]indicator.Figure, cal Calendar, from, to indicator.Date) Replay {
	c = c.withDefaults()
	inds := plan.Indicators()
	walks := make([]walk, len(inds))
	for i, ind := range inds {
		walks[i] = walk{ind: ind, figs: indicator.SortFigures(figs[ind.Code]), st: store.Alert{Indicator: ind.Code},
			known: map[indicator.Date]WindowResult{}, sum: Summary{Code: ind.Code, Results: []WindowResult{}}}
	}
	r := Replay{From: from, To: to}
	open := openDays(cal, from, to)
	for day := from; day <= to; day++ {
		now := day.In(plan.Location).Add(c.SweepAt)
		for i := range walks {
			r.Events = walks[i].step(r.Events, c, open, day, now)
		}
	}
	for _, w := range walks {
		r.Summary = append(r.Summary, w.sum)
	}
	return r
}

// walk is one indicator's state along a replay.
type walk struct {
	ind     *indicator.Indicator
	figs    []indicator.Figure // sorted; known up to seen
	seen    int
	st      store.Alert
	status  indicator.Status
	overdue bool
	started bool
	sum     Summary
	known   map[indicator.Date]WindowResult // each window's final result as last known, by its first day
}

// step is one day of an indicator: its evaluation, changes, alerts and
// reminders, added to events.
func (w *walk) step(events []Event, c Config, open func(indicator.Date) bool, day indicator.Date, now time.Time) []Event {
	for w.seen < len(w.figs) && w.figs[w.seen].Date <= day {
		w.seen++
	}
	known := w.figs[:w.seen]
	e := indicator.Evaluate(w.ind, known, day)
	started := w.started
	events = w.changes(events, e)
	checked := Checked(w.ind, known, e)
	events = w.finals(events, checked, !started)
	if !started && len(checked) > 1 { // a window that ended before the span was told then
		_, w.st = decide(w.st, checked[:1], now, time.Duration(c.RepeatDays)*24*time.Hour, false)
		checked = checked[1:]
	}
	events = w.alerted(events, c, checked, now)
	if open(day) {
		events = w.chased(events, c.chase(open, e, known, day), c.EscalateAfter, day)
	}
	w.tally(e)
	return events
}

// finals adds each window's result when it becomes final, and again when
// a later figure changes it; on the span's first day, the results already
// final before it are known, not told.
func (w *walk) finals(events []Event, evals []indicator.Evaluation, first bool) []Event {
	for _, e := range evals {
		g, ok := e.Result()
		if !ok {
			continue
		}
		name, basically := g.Result()
		r := WindowResult{Window: e.Window, Result: name, Basically: basically}
		if prev, seen := w.known[e.Window.From]; first || seen && prev == r {
			w.known[e.Window.From] = r
			continue
		}
		w.known[e.Window.From] = r
		if i := slices.IndexFunc(w.sum.Results, func(x WindowResult) bool { return x.Window == r.Window }); i >= 0 {
			w.sum.Results[i] = r
		} else {
			w.sum.Results = append(w.sum.Results, r)
		}
		ev := w.event(e, EventResult, "", name)
		ev.Window, ev.Basically = &r.Window, basically
		events = append(events, ev)
	}
	return events
}

// alerted follows the alert state as the sweep does, adding what it sends.
func (w *walk) alerted(events []Event, c Config, evals []indicator.Evaluation, now time.Time) []Event {
	told, next := decide(w.st, evals, now, time.Duration(c.RepeatDays)*24*time.Hour, false)
	for _, n := range told {
		events = append(events, w.event(n.e, alertEvent[n.kind], w.st.Status, n.e.Status.String()))
		w.count(n.kind)
	}
	w.st = next
	return events
}

// openDays is cal.pushDay with its answers kept for the days of a replay
// (a reminder looks back at most a few weeks before a due day).
func openDays(cal Calendar, from, to indicator.Date) func(indicator.Date) bool {
	first := from - 62
	known := make([]bool, to-first+1)
	for d := first; d <= to; d++ {
		known[d-first] = cal.pushDay(d)
	}
	return func(d indicator.Date) bool {
		if d < first || d > to {
			return cal.pushDay(d)
		}
		return known[d-first]
	}
}

var alertEvent = map[AlertKind]string{AlertOff: EventAlert, AlertMissed: EventAlert, AlertRepeat: EventRepeat, AlertBack: EventBack,
	AlertCorrected: EventCorrected}

// changes adds the day's changes of status and of overdue.
func (w *walk) changes(events []Event, e indicator.Evaluation) []Event {
	if !w.started || e.Status != w.status {
		from := ""
		if w.started {
			from = w.status.String()
		}
		events = append(events, w.event(e, EventStatus, from, e.Status.String()))
	}
	if w.started && e.Overdue != w.overdue || !w.started && e.Overdue {
		ev := Event{Day: e.Day, Code: w.ind.Code, Kind: EventOverdue, To: yesNo(e.Overdue)}
		if e.Overdue {
			ev.Period = e.Due
		}
		if w.started {
			ev.From = yesNo(w.overdue)
		}
		events = append(events, ev)
	}
	w.started, w.status, w.overdue = true, e.Status, e.Overdue
	return events
}

func yesNo(b bool) string { return map[bool]string{true: "yes", false: "no"}[b] }

// event is an event about e with its figures.
func (w *walk) event(e indicator.Evaluation, kind, from, to string) Event {
	ev := Event{Day: e.Day, Code: w.ind.Code, Kind: kind, From: from, To: to, Actual: num(e.Actual), Expected: num(e.Expected)}
	if e.AsOf != 0 {
		d := e.AsOf // the latest figure's day (judged, past a checkpoint, on that checkpoint)
		ev.AsOf = &d
	}
	return ev
}

// chased adds the day's reminders, nags and escalations.
func (w *walk) chased(events []Event, items []item, escalateAfter int, day indicator.Date) []Event {
	for _, it := range items {
		per, due := it.per, it.due
		ev := Event{Day: day, Code: w.ind.Code, Kind: EventRemind, Period: &per, Due: &due, Late: it.late}
		if it.late > 0 {
			ev.Kind = EventNag
			w.sum.Nags++
		} else {
			w.sum.Reminders++
		}
		events = append(events, ev)
		if it.late >= escalateAfter {
			ev.Kind = EventEscalate
			events = append(events, ev)
			w.sum.Escalations++
		}
	}
	return events
}

func (w *walk) count(kind AlertKind) {
	switch kind {
	case AlertOff, AlertMissed:
		w.sum.Alerts++
	case AlertRepeat:
		w.sum.Repeats++
	case AlertBack, AlertCorrected:
		w.sum.Backs++
	}
}

// tally counts the day in the summary.
func (w *walk) tally(e indicator.Evaluation) {
	w.sum.Final = e.Status.String()
	if e.Status == indicator.OffTrack {
		w.sum.DaysOffTrack++
	}
	if e.Status == indicator.AtRisk {
		w.sum.DaysAtRisk++
	}
	if e.Overdue {
		w.sum.DaysOverdue++
	}
}

// num is v, or nil when it is not a number.
func num(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}
