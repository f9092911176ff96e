package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"

	"chitieu/indicator"
	"chitieu/sheets"
)

// status prints every indicator's status on a day, from a figures file.
func (c *cli) status(_ context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	on := fs.String("on", "", "the day to evaluate, YYYY-MM-DD (default: today in the plan's time zone)")
	figures := fs.String("figures", "", "figures file, CSV: indicator,date,value[,note]")
	format := fs.String("format", "table", "table or json")
	if _, err := c.parse(cfg, fs, args); err != nil {
		return err
	}
	if *format != "table" && *format != "json" {
		return fmt.Errorf("--format: want table or json, have %q", *format)
	}
	if *figures == "" {
		return errors.New("--figures FILE.csv is needed: reading figures from Redis comes with the store")
	}
	plan, err := c.loadPlan(cfg.Plan)
	if err != nil {
		return err
	}
	day, err := c.day(plan, *on)
	if err != nil {
		return err
	}
	figs, err := c.readFigures(*figures, plan)
	if err != nil {
		return err
	}
	evals := evaluateAll(plan, figs, day)
	if *format == "json" {
		return writeJSON(c.stdout, evals)
	}
	c.writeTable(plan, day, evals)
	return nil
}

// day is --on, or today in the plan's time zone.
func (c *cli) day(plan *indicator.Plan, on string) (indicator.Date, error) {
	if on == "" {
		return indicator.DateOf(c.now().In(plan.Location)), nil
	}
	d, err := indicator.ParseDate(on)
	if err != nil {
		return 0, fmt.Errorf("--on: %w", err)
	}
	return d, nil
}

// readFigures reads a figures CSV, printing every bad row with its line.
func (c *cli) readFigures(path string, plan *indicator.Plan) (map[string][]indicator.Figure, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := sheets.ReadCSV(f, plan)
	var bad sheets.RowErrors
	if errors.As(err, &bad) {
		c.printRowErrors(path, bad)
		return nil, errReported
	}
	if err != nil {
		return nil, err
	}
	return sheets.ByIndicator(rows), nil
}

func (c *cli) printRowErrors(path string, bad sheets.RowErrors) {
	for _, e := range bad {
		data := map[string]any{"Line": e.Line}
		for k, v := range e.Data {
			data[k] = v
		}
		if e.Err != nil {
			data["Reason"] = c.p.Error(e.Err)
		}
		fmt.Fprintf(c.stderr, "%s: %s\n", path, c.p.TMap(e.ID, data))
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
