package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
)

// statusJSON is one indicator in `status --format json`.
type statusJSON struct {
	Code          string            `json:"code"`
	Program       string            `json:"program"`
	Name          string            `json:"name"`
	Owner         string            `json:"owner"`
	Kind          string            `json:"kind"`
	Status        indicator.Status  `json:"status"`
	Overdue       bool              `json:"overdue"`
	OverdueFor    *indicator.Period `json:"overdue_period,omitempty"`
	AsOf          *indicator.Date   `json:"as_of"`
	JudgedOn      *indicator.Date   `json:"judged_on,omitempty"` // a checkpoint after as_of that the figures stand for
	Expected      *float64          `json:"expected"`
	ExpectedToday *float64          `json:"expected_today"`
	MissingBase   *indicator.Date   `json:"missing_baseline,omitempty"`
	Actual        *float64          `json:"actual"`
	Op            string            `json:"op"`
	Target        *float64          `json:"target"`
	Forecast      *float64          `json:"forecast"`
	Shortfall     *float64          `json:"shortfall"`
	Baseline      *float64          `json:"baseline"`
	TrajectoryDay *indicator.Date   `json:"trajectory_start"`
	Window        indicator.Period  `json:"window"`
	End           indicator.Date    `json:"end"`
	Figures       int               `json:"figures"`
	Labels        map[string]string `json:"labels,omitempty"`
	Pace          paceJSON          `json:"pace"`
	// Result is an ended window's final result; Provisional is set while
	// it awaits its last report ("chờ số liệu").
	Result      string          `json:"result,omitempty"`
	Basically   bool            `json:"basically_achieved,omitempty"`
	Incomplete  bool            `json:"incomplete,omitempty"` // final without its last report: not assessed
	Provisional bool            `json:"provisional"`
	TermResult  *termResultJSON `json:"term_result,omitempty"`
	// Prorated is the share of its year a yearly window the term cuts
	// covers, by which its count's target shrinks; absent for a whole one.
	Prorated *float64 `json:"prorated,omitempty"`
}

type paceJSON struct {
	Gap      float64  `json:"gap"`
	DaysLeft int      `json:"days_left"`
	Months   int      `json:"months"`
	PerMonth float64  `json:"per_month"`
	Room     *float64 `json:"room,omitempty"` // a ceiling count under its cap: how many more it may take
	Over     *float64 `json:"over,omitempty"` // a ceiling count past its cap: by how much
}

// termResultJSON is a yearly indicator's result over the term.
type termResultJSON struct {
	Rule               string   `json:"rule"`
	Result             string   `json:"result"`
	Basically          bool     `json:"basically_achieved,omitempty"`
	YearsHeld          int      `json:"years_held"`
	YearsAssessed      int      `json:"years_assessed"`
	YearsMissed        []int    `json:"years_missed"`
	YearsWithoutFigure []int    `json:"years_without_figure"`
	YearsIncomplete    []int    `json:"years_incomplete"`
	Mean               *float64 `json:"mean,omitempty"`
	Provisional        bool     `json:"provisional"`
}

func termJSON(t indicator.TermResult) *termResultJSON {
	j := &termResultJSON{Rule: t.Rule.String(), YearsHeld: len(t.Held()), YearsAssessed: len(t.Assessed()),
		YearsMissed: orEmpty(t.Missed()), YearsWithoutFigure: orEmpty(t.WithoutFigure()),
		YearsIncomplete: orEmpty(t.Incomplete()), Mean: opt(t.Mean), Provisional: t.Provisional}
	j.Result, j.Basically = t.Grade.Result()
	return j
}

func orEmpty(years []int) []int {
	if years == nil {
		return []int{}
	}
	return years
}

func toJSON(e indicator.Evaluation) statusJSON {
	ind := e.Indicator
	s := statusJSON{
		Code: ind.Code, Program: ind.Program, Name: ind.Name, Owner: ind.Owner, Kind: ind.Kind.String(),
		Status: e.Status, Overdue: e.Overdue,
		Expected: opt(e.Expected), ExpectedToday: opt(e.ExpectedToday), MissingBase: e.MissingBaseline,
		Actual: opt(e.Actual), Op: ind.Target.Op.String(), Target: opt(e.Target),
		Forecast: opt(e.Forecast), Shortfall: opt(e.Shortfall), Window: e.Window, End: e.End, Figures: e.Figures,
		Pace:        paceJSON{Gap: e.Pace.Gap, DaysLeft: e.Pace.DaysLeft, Months: e.Pace.Months, PerMonth: e.Pace.PerMonth},
		Provisional: e.Provisional,
	}
	if e.Pace.Ceiling && e.Pace.Over > 0 {
		s.Pace.Over = &e.Pace.Over
	} else if e.Pace.Ceiling {
		s.Pace.Room = &e.Pace.Room
	}
	if g, ok := e.Result(); ok {
		s.Result, s.Basically = g.Result()
		s.Incomplete = e.Incomplete
	}
	if share := ind.Prorated(e.Window); share < 1 {
		s.Prorated = &share
	}
	if e.Overdue {
		s.OverdueFor = e.Due
	}
	if e.AsOf != 0 {
		s.AsOf = &e.AsOf
	}
	if e.Judged != e.AsOf {
		s.JudgedOn = &e.Judged
	}
	if ind.Baseline != nil || e.Figures > 0 && ind.Kind != indicator.Count {
		s.Baseline = opt(e.Baseline)
		if !math.IsNaN(e.Baseline) {
			s.TrajectoryDay = &e.Start
		}
	}
	if ind.Choices() != nil {
		s.Labels = map[string]string{"actual": ind.Label(e.Actual), "target": ind.Label(e.Target), "expected": ind.Label(e.Expected),
			"expected_today": ind.Label(e.ExpectedToday)}
	}
	return s
}

// opt is nil for an unknown (NaN) value.
func opt(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// writeJSON writes the evaluations, each yearly indicator with its result
// over the term from its figures.
func writeJSON(w io.Writer, evals []indicator.Evaluation, figs map[string][]indicator.Figure) error {
	out := make([]statusJSON, len(evals))
	for i, e := range evals {
		out[i] = toJSON(e)
		if t, ok := indicator.TermOf(e.Indicator, figs[e.Indicator.Code], e.Day); ok {
			out[i].TermResult = termJSON(t)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// writeTable prints the statuses program by program, for a terminal: each
// indicator's window result once it has ended (its term result too, for a
// yearly one once the term has ended).
func (c *cli) writeTable(plan *indicator.Plan, day indicator.Date, evals []indicator.Evaluation, figs map[string][]indicator.Figure) {
	fmt.Fprintln(c.stdout, c.p.T("table.on", "Date", locales.FormatDate(day.In(plan.Location)), "Plan", plan.Title, "Committee", c.committeeName))
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	program := ""
	for _, e := range evals {
		ind := e.Indicator
		if ind.Program != program {
			program = ind.Program
			fmt.Fprintf(tw, "\n%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", program, c.p.T("table.status"), c.p.T("table.result"),
				c.p.T("table.as_of"), c.p.T("table.actual"), c.p.T("table.expected"), c.p.T("table.target"), c.p.T("table.forecast"),
				c.p.T("table.overdue"), c.p.T("table.name"))
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", ind.Code, c.statusName(e), c.result(e, figs[ind.Code], plan.Term.To),
			asOf(e), render.Value(ind, e.Reported()), c.expected(e), render.Target(c.p, e), render.Value(ind, e.Forecast),
			c.overdue(e), ind.Name)
	}
	tw.Flush()
	fmt.Fprintln(c.stdout)
	fmt.Fprintln(c.stdout, c.p.T("table.summary", "Counts", render.Counts(c.p, evals)))
}

// result is an indicator's result as the table says it: its window's,
// once final ("chờ số liệu" while the window awaits its last report), and
// for a yearly indicator past the term's end, its years.
func (c *cli) result(e indicator.Evaluation, figs []indicator.Figure, termEnd indicator.Date) string {
	s := "—"
	if g, ok := e.Result(); ok && e.Incomplete {
		s = render.WindowName(c.p, e) + ": " + c.p.T("status.incomplete", "Date", render.Date(e.AsOf), "Window", render.WindowName(c.p, e))
	} else if ok {
		s = render.WindowName(c.p, e) + ": " + render.Grade(c.p, g)
	} else if e.Provisional {
		s = render.WindowName(c.p, e) + ": " + c.p.T("table.awaiting")
	}
	if t, ok := indicator.TermOf(e.Indicator, figs, e.Day); ok && e.Day > termEnd {
		s += "; " + c.p.T("table.term") + ": " + render.TermYears(c.p, e.Indicator, t)
	}
	return s
}

// statusName names the status as a list does (a final result missed
// within its band is cơ bản đạt), and the baseline's figure it waits for.
func (c *cli) statusName(e indicator.Evaluation) string {
	_, word := render.StatusWord(c.p, e)
	if b := e.MissingBaseline; b != nil {
		return word + " (" + c.p.T("status.missing_baseline", "Date", render.Date(*b)) + ")"
	}
	return word
}

// expected is the trajectory's value the figures are judged against, and
// the checkpoint it stands on when that is later than the figures' day
// (a stage due 31/12 judged on the report of 20/12).
func (c *cli) expected(e indicator.Evaluation) string {
	v := render.Value(e.Indicator, e.Expected)
	if e.Judged != e.AsOf && e.Judged != 0 && !math.IsNaN(e.Expected) {
		v += " (" + c.p.T("table.judged_on", "Date", render.Date(e.Judged)) + ")"
	}
	return v
}

// asOf is the day the figures stand for, or "—".
func asOf(e indicator.Evaluation) string {
	if e.AsOf == 0 {
		return "—"
	}
	return render.Date(e.AsOf)
}

func (c *cli) overdue(e indicator.Evaluation) string {
	if e.Overdue {
		return c.p.T("status.overdue")
	}
	return ""
}
