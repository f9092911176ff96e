package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/store"
)

// termCmd is "term end": an admin's explicit act that ends the current
// term (or --term) before its planned end, confirmed once the days left
// and the indicators not yet final are said.
func (c *cli) termCmd(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	if len(args) == 0 || args[0] != "end" {
		return c.refuseArgs(c.p.T("cli.subcommand", "Command", "chitieu term", "Words", "end"), "chitieu term")
	}
	fs.Init("chitieu term end", flag.ContinueOnError)
	on := fs.String("on", "", "the term's last day, YYYY-MM-DD (default: today)")
	why := fs.String("why", "", "why the term ends early: the decision")
	sel := fs.String("term", "", "the term to end, by its years (default: the current term)")
	yes := fs.Bool("yes", false, "end it without asking")
	dry := fs.Bool("dry-run", false, "only say what ending it would do")
	if _, err := c.parse(cfg, fs, args[1:]); err != nil {
		return err
	}
	if *why == "" && !*dry {
		return errors.New(c.p.T("term_end.why_required"))
	}
	s, err := c.openCommittee(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	t, err := c.termToEnd(ctx, s, *sel)
	if err != nil {
		return err
	}
	day, err := c.endDay(t, *on)
	if err != nil {
		return err
	}
	plan, err := c.planOfTerm(ctx, cfg, s, t)
	if err != nil {
		return err
	}
	plan.EndOn(day)
	if err := c.sayTermEnd(ctx, s.InTerm(t), t, plan, day); err != nil || *dry {
		return err
	}
	if !*yes && !c.confirm(c.p.T("term_end.confirm", "Term", t.Name, "Date", render.Date(day))) {
		fmt.Fprintln(c.stdout, c.p.T("term_end.not_done"))
		return errReported
	}
	ended, err := s.EndTerm(ctx, t, day, plan.Closes(), 0, *why)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, c.p.T("term_end.done", "Term", ended.Name, "To", render.Date(ended.To), "Closes", render.Date(ended.Closes)))
	return nil
}

// termToEnd is the term --term names, or the current one.
func (c *cli) termToEnd(ctx context.Context, s *store.Store, sel string) (store.Term, error) {
	if sel != "" {
		t, err := s.FindTerm(ctx, sel)
		if errors.Is(err, store.ErrNotFound) {
			return t, errors.New(c.p.T("term.unknown", "Term", sel, "Known", c.termNames(ctx, s)))
		}
		return t, err
	}
	t, ok, err := s.CurrentTerm(ctx)
	if err == nil && !ok {
		err = errors.New(c.p.T("term_end.no_term"))
	}
	return t, err
}

// endDay is --on, or today; it must fall inside the term, before its end.
func (c *cli) endDay(t store.Term, on string) (indicator.Date, error) {
	day := t.Today(c.now())
	if on != "" {
		d, err := dateFlag("--on", on)
		if err != nil {
			return 0, err
		}
		day = d
	}
	if day < t.From || day >= t.To {
		return 0, errors.New(c.p.T("term_end.bad_day", "Date", render.Date(day), "Term", t.Name, "From", render.Date(t.From), "To", render.Date(t.To)))
	}
	return day, nil
}

// planOfTerm loads term t's last plan version, with the configured days
// off.
func (c *cli) planOfTerm(ctx context.Context, cfg *Config, s *store.Store, t store.Term) (*indicator.Plan, error) {
	plan, err := s.Plans.ForTerm(ctx, t, nil)
	if err != nil {
		return nil, err
	}
	w, err := cfg.WorkDays()
	if err != nil {
		return nil, err
	}
	plan.SetWorkDays(w)
	return plan, nil
}

// sayTermEnd says what ending term t on day does, plan being its plan
// ended on that day: the days it loses, the indicators whose result is not
// final by then, until when it takes late figures; and refuses when
// figures are dated after the day (they would leave the term).
func (c *cli) sayTermEnd(ctx context.Context, in *store.Store, t store.Term, plan *indicator.Plan, day indicator.Date) error {
	stored, err := in.Figures.All(ctx, plan.Codes(), indicator.Period{From: plan.Span().From, To: t.To})
	if err != nil {
		return err
	}
	after, open := 0, 0
	var codes []string
	var latest indicator.Date
	for _, ind := range plan.Indicators() {
		figs := indicator.FiguresOf(stored[ind.Code])
		n := 0
		for _, f := range figs {
			if f.Date > day {
				n++
				latest = max(latest, f.Date)
			}
		}
		if n > 0 {
			after += n
			codes = append(codes, fmt.Sprintf("%s: %d", ind.Code, n))
		}
		if !indicator.Evaluate(ind, figs, day).Final() {
			open++
		}
	}
	if after > 0 {
		const named = 5 // codes named; the others counted
		more := max(0, len(codes)-named)
		return errors.New(c.p.T("term_end.figures_after", "Term", t.Name, "Date", render.Date(day), "Count", after,
			"Codes", strings.Join(codes[:len(codes)-more], "; "), "More", more, "Latest", render.Date(latest)))
	}
	fmt.Fprintln(c.stdout, c.p.T("term_end.what", "Term", t.Name, "Date", render.Date(day), "To", render.Date(t.To),
		"Left", int(t.To-day), "Open", open, "All", len(plan.Indicators()), "Closes", render.Date(plan.Closes())))
	return nil
}
