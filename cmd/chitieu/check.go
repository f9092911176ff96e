package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"chitieu/indicator"
)

// check validates a plan file: every problem with its line, or a line per
// program with its indicator count.
func (c *cli) check(_ context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	pos, err := c.parse(cfg, fs, args, 1)
	if err != nil {
		return err
	}
	plan, err := c.loadPlan(pos[0])
	if err != nil {
		return err
	}
	n := 0
	for _, prog := range plan.Programs {
		n += len(prog.Indicators)
		fmt.Fprintln(c.stdout, c.p.T("check.program", "Code", prog.Code, "Count", len(prog.Indicators), "Title", prog.Title))
	}
	fmt.Fprintln(c.stdout, c.p.T("check.ok", "Plan", plan.Code, "Indicators", n, "Programs", len(plan.Programs)))
	return nil
}

// openPlan reads the configured plan; its due days move past the
// configured days off.
func (c *cli) openPlan(cfg *Config) (*indicator.Plan, error) {
	plan, err := c.loadPlan(cfg.Plan)
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

// loadPlan reads a plan and prints its problems, each with its line.
func (c *cli) loadPlan(path string) (*indicator.Plan, error) {
	plan, err := indicator.LoadFile(path)
	var probs indicator.Problems
	if !errors.As(err, &probs) {
		return plan, err
	}
	for _, pr := range probs {
		fmt.Fprintln(c.stderr, c.problem(path, pr))
	}
	fmt.Fprintln(c.stderr, c.p.T("check.failed", "Count", len(probs), "File", path))
	return nil, errReported
}

// problem writes one plan problem in the reader's language.
func (c *cli) problem(path string, pr indicator.Problem) string {
	data := map[string]any{"Field": pr.Field}
	for k, v := range pr.Args {
		data[k] = v
	}
	if w, ok := data["want"].(string); ok {
		data["want"] = c.p.T("want." + w)
	}
	where := ""
	if pr.Where != "" {
		where = pr.Where + ": "
	}
	return c.p.T("plan.problem", "File", path, "Line", pr.Line, "Where", where, "Message", c.p.TMap(pr.ID, data))
}
