package main

import (
	"context"
	"flag"
	"fmt"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
)

// try shows the example plan with sample figures on a day inside its term,
// with nothing to set up and nothing kept.
func (c *cli) try(_ context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	if _, err := c.parse(cfg, fs, args, 0); err != nil {
		return err
	}
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		return fmt.Errorf("example plan: %w", err)
	}
	day := plans.TryDay(plan, indicator.DateOf(c.now().In(plan.Location)))
	fmt.Fprintln(c.stdout, c.p.T("try.banner", "Plan", plan.Code, "Date", locales.FormatDate(day.In(plan.Location))))
	fmt.Fprintln(c.stdout, c.p.T("try.next"))
	c.writeTable(plan, day, evaluateAll(plan, plans.SampleFigures(plan, day), day))
	return nil
}
