package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"strings"
	"text/tabwriter"

	"chitieu/indicator"
	"chitieu/reminders"
	"chitieu/render"
)

// replay walks every day of a span over a figures file and prints each
// change of status and of overdue, and every alert, repeat, back-on-track,
// reminder, nag and escalation that would have gone out, with a summary
// per indicator: to check a plan and its tolerances before going live.
func (c *cli) replay(_ context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	figures := fs.String("figures", "", "figures file, CSV or Excel (.xlsx): indicator,date,value[,note] (required)")
	fromFlag := fs.String("from", "", "first day, YYYY-MM-DD (default: the term's first day)")
	toFlag := fs.String("to", "", "last day, YYYY-MM-DD (default: the term's last day, or today if earlier)")
	format := fs.String("format", "table", "table or json")
	if _, err := c.parse(cfg, fs, args); err != nil {
		return err
	}
	switch {
	case *figures == "":
		return c.refuseArgs(c.p.T("cli.replay_figures"), fs.Name())
	case *format != "table" && *format != "json":
		return say("cli.bad_format", "Value", *format)
	}
	c.offline = true // a replay reads a file of figures, not Redis
	plan, err := c.openPlan(cfg)
	if err != nil {
		return err
	}
	from, to, err := c.span(plan, *fromFlag, *toFlag)
	if err != nil {
		return err
	}
	figs, err := c.readFigures(*figures, plan)
	if err != nil {
		return err
	}
	rc, cal, err := cfg.Schedule()
	if err != nil {
		return err
	}
	r := rc.Replay(plan, figs, cal, from, to)
	if *format == "json" {
		enc := json.NewEncoder(c.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(r)
	}
	c.writeReplay(plan, r)
	return nil
}

// span is --from and --to, by default the term's first day and the
// term's last day or today, whichever comes first.
func (c *cli) span(plan *indicator.Plan, fromFlag, toFlag string) (indicator.Date, indicator.Date, error) {
	from, to := plan.Term.From, min(plan.Term.To, indicator.DateOf(c.now().In(plan.Location)))
	var err error
	if fromFlag != "" {
		if from, err = dateFlag("--from", fromFlag); err != nil {
			return 0, 0, err
		}
	}
	if toFlag != "" {
		if to, err = dateFlag("--to", toFlag); err != nil {
			return 0, 0, err
		}
	}
	if to < from {
		return 0, 0, say("cli.to_before_from", "From", render.Date(from), "To", render.Date(to))
	}
	return from, to, nil
}

// writeReplay prints the events, one a line, then the summary.
func (c *cli) writeReplay(plan *indicator.Plan, r reminders.Replay) {
	fmt.Fprintln(c.stdout, c.p.T("replay.title", "From", render.Date(r.From), "To", render.Date(r.To), "Plan", plan.Title))
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "\n%s\n", c.p.T("replay.head_events"))
	for _, ev := range r.Events {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", render.Date(ev.Day), ev.Code, c.p.T("replay.kind."+ev.Kind), c.eventDetail(plan, ev))
	}
	fmt.Fprintf(tw, "\n%s\n", c.p.T("replay.head_summary"))
	for _, s := range r.Summary {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", s.Code, s.Alerts, s.Repeats, s.Backs, s.DaysOffTrack, s.DaysAtRisk,
			s.DaysOverdue, s.Nags, s.Escalations, c.p.T("status."+s.Final), c.results(plan.Indicator(s.Code), s.Results))
	}
	tw.Flush()
}

// eventDetail says what changed, or what went out, and on which figures.
func (c *cli) eventDetail(plan *indicator.Plan, ev reminders.Event) string {
	var parts []string
	switch ev.Kind {
	case reminders.EventResult:
		ind := plan.Indicator(ev.Code)
		g := c.p.T("grade." + ev.To)
		if ev.Basically {
			g = c.p.T("grade.basically_achieved")
		}
		parts = append(parts, c.p.T("replay.result", "Window", c.windowName(ind, *ev.Window), "Grade", g))
		if ev.AsOf != nil {
			parts = append(parts, c.p.T("replay.figures", "Date", render.Date(*ev.AsOf), "Actual", render.Value(ind, deref(ev.Actual)),
				"Expected", expected(ind, ev)))
		}
	case reminders.EventStatus, reminders.EventAlert, reminders.EventBack, reminders.EventRepeat, reminders.EventCorrected:
		if ev.From != "" || ev.To != "" {
			parts = append(parts, c.fromTo(ev, "status."))
		}
		if ev.AsOf != nil {
			ind := plan.Indicator(ev.Code)
			parts = append(parts, c.p.T("replay.figures", "Date", render.Date(*ev.AsOf), "Actual", render.Value(ind, deref(ev.Actual)),
				"Expected", expected(ind, ev)))
		}
	case reminders.EventOverdue:
		parts = append(parts, c.fromTo(ev, "replay.overdue_"))
	default:
		ind := plan.Indicator(ev.Code)
		per := render.Period(c.p, ind.Report.Every, *ev.Period)
		parts = append(parts, c.p.T("replay.report", "Period", per, "Due", render.Date(*ev.Due), "Late", ev.Late))
	}
	return strings.Join(parts, "; ")
}

// fromTo is "from → to", each said by its key under prefix.
func (c *cli) fromTo(ev reminders.Event, prefix string) string {
	from := "—"
	if ev.From != "" && ev.Kind != reminders.EventRepeat {
		from = c.p.T(prefix + ev.From)
	}
	if ev.Kind == reminders.EventRepeat {
		return c.p.T(prefix + ev.To)
	}
	return from + " → " + c.p.T(prefix+ev.To)
}

func deref(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v
}

// windowName names a window: "năm 2023", "cả nhiệm kỳ".
func (c *cli) windowName(ind *indicator.Indicator, w indicator.Period) string {
	if ind == nil || ind.Window == indicator.Term {
		return c.p.T("window.term")
	}
	return c.p.T("period.year", "Year", w.From.Year())
}

// results writes the windows' final results in a few words: "2021 Đạt,
// 2022 Không đạt".
func (c *cli) results(ind *indicator.Indicator, rs []reminders.WindowResult) string {
	var parts []string
	for _, r := range rs {
		g := c.p.T("grade." + r.Result)
		if r.Basically {
			g = c.p.T("grade.basically_achieved")
		}
		if ind != nil && ind.Window == indicator.Year {
			g = fmt.Sprintf("%d %s", r.Window.From.Year(), g)
		}
		parts = append(parts, g)
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, ", ")
}

// expected is an event's expected value, "" when nothing was expected (a
// trajectory judged only at its end).
func expected(ind *indicator.Indicator, ev reminders.Event) string {
	if ev.Expected == nil {
		return ""
	}
	return render.Value(ind, *ev.Expected)
}
