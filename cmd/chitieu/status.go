package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"chitieu/indicator"
	"chitieu/sheets"
	"chitieu/store"
)

// status prints every indicator's status on a day, from a figures file.
func (c *cli) status(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	on := fs.String("on", "", "the day to evaluate, YYYY-MM-DD (default: today in the plan's time zone)")
	figures := fs.String("figures", "", "figures file, CSV or Excel (.xlsx): indicator,date,value[,note]")
	format := fs.String("format", "table", "table or json")
	term := fs.String("term", "", "a term Redis keeps, by its years (2020-2025) or id: its figures with its own plan (default: the current term)")
	if _, err := c.parse(cfg, fs, args); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return say("cli.bad_format", "Value", *format)
	}
	plan, s, err := c.statusSource(ctx, cfg, *term, *figures == "")
	if err != nil {
		return err
	}
	if s != nil {
		defer s.Close()
	}
	day, err := c.day(plan, s, *on)
	if err != nil {
		return err
	}
	var figs map[string][]indicator.Figure
	if *figures != "" {
		figs, err = c.readFigures(*figures, plan)
	} else {
		figs, err = storedFigures(ctx, s, plan)
	}
	if err != nil {
		return err
	}
	evals := evaluateAll(plan, figs, day)
	if *format == "json" {
		return writeJSON(c.stdout, evals, figs)
	}
	c.writeTable(plan, day, evals, figs)
	return nil
}

// day is --on, or today in the plan's time zone: for a term that has
// ended, its results as they stand today (final once its last report was
// due).
func (c *cli) day(plan *indicator.Plan, s *store.Store, on string) (indicator.Date, error) {
	if on == "" {
		return indicator.DateOf(c.now().In(plan.Location)), nil
	}
	return dateFlag("--on", on)
}

// dateFlag reads the day a flag gives, or says that it is none and how a
// day is written.
func dateFlag(name, value string) (indicator.Date, error) {
	d, err := indicator.ParseDate(value)
	if err != nil {
		return 0, say("cli.bad_date", "Flag", name, "Value", value)
	}
	return d, nil
}

// statusSource is the plan (and, when Redis is read, the store) of a
// status or an export: the term --term names, with its own plan; else the
// plan file's, with its term's figures.
func (c *cli) statusSource(ctx context.Context, cfg *Config, term string, redis bool) (*indicator.Plan, *store.Store, error) {
	if term != "" {
		return c.termPlan(ctx, cfg, term)
	}
	plan, err := c.openPlan(cfg)
	if err != nil || !redis {
		return plan, nil, err
	}
	s, err := c.openStore(ctx, cfg)
	if err == nil {
		c.warnIfNotApplied(ctx, cfg, s)
	}
	return plan, s, err
}

// warnIfNotApplied says when the plan file is not the version Redis keeps
// for its term: what follows is judged by the file, which no instance
// uses until it is applied.
func (c *cli) warnIfNotApplied(ctx context.Context, cfg *Config, s *store.Store) {
	if c.planInRedis {
		return
	}
	n := s.Term().Plan
	if n == 0 {
		n, _ = s.Plans.CurrentNumber(ctx)
	}
	content, err := os.ReadFile(cfg.Plan)
	if n == 0 || err != nil {
		return
	}
	if v, err := s.Plans.Version(ctx, n); err == nil && v.Hash != store.PlanHash(content) {
		fmt.Fprintln(c.stderr, c.p.T("cli.file_not_applied", "File", cfg.Plan, "N", v.N))
	}
}

// storedFigures reads every indicator's figures from Redis.
func storedFigures(ctx context.Context, s *store.Store, plan *indicator.Plan) (map[string][]indicator.Figure, error) {
	stored, err := s.Figures.All(ctx, plan.Codes(), plan.Span())
	if err != nil {
		return nil, err
	}
	figs := make(map[string][]indicator.Figure, len(stored))
	for code, f := range stored {
		figs[code] = indicator.FiguresOf(f)
	}
	return figs, nil
}

// readFigures reads a figures file, printing every bad row with its line.
func (c *cli) readFigures(path string, plan *indicator.Plan) (map[string][]indicator.Figure, error) {
	rows, err := c.readRows(path, plan)
	if err != nil {
		return nil, err
	}
	return sheets.ByIndicator(rows), nil
}

func (c *cli) printRowErrors(path string, bad sheets.RowErrors) {
	for _, e := range bad {
		fmt.Fprintf(c.stderr, "%s: %s\n", path, e.Message(c.p))
	}
}

// evaluateAll evaluates every indicator of the plan, in plan order.
func evaluateAll(plan *indicator.Plan, figs map[string][]indicator.Figure, day indicator.Date) []indicator.Evaluation {
	var out []indicator.Evaluation
	for _, ind := range plan.Indicators() {
		out = append(out, indicator.Evaluate(ind, figs[ind.Code], day))
	}
	return out
}
