package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/report"
	"chitieu/store"
)

// reportFile drafts the báo cáo of a period from Redis as a Word file: the
// plan file's term, or the term --term names with its own plan.
func (c *cli) reportFile(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	period := fs.String("period", "", "the period: YYYY-H1 (1/1–30/6), YYYY, mid or term")
	term := fs.String("term", "", "a term Redis keeps, by its years (2020-2025) or id (default: the current term)")
	on := fs.String("on", "", "the day the report is drawn, YYYY-MM-DD (default: today; for a finished term, the day after its end)")
	draft := fs.Bool("draft", false, "mark it DỰ THẢO and estimate the figures still to come from the forecast")
	pos, err := c.parse(cfg, fs, args, "arg.docx")
	if err != nil {
		return err
	}
	if !strings.EqualFold(filepath.Ext(pos[0]), ".docx") {
		return errors.New(c.p.T("cli.report_docx", "File", pos[0]))
	}
	if strings.TrimSpace(*period) == "" {
		return say("cli.report_period_missing")
	}
	plan, s, err := c.statusSource(ctx, cfg, *term, true)
	if err != nil {
		return err
	}
	defer s.Close()
	day, err := c.reportDay(plan, s, *on)
	if err != nil {
		return err
	}
	p, err := report.ParsePeriod(*period, plan)
	if err != nil {
		return c.periodError(err, s.Term())
	}
	in, err := reportInput(ctx, s, plan, p, day, *draft)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := report.Draw(&b, in); err != nil {
		return c.periodError(err, s.Term())
	}
	if err := os.WriteFile(pos[0], b.Bytes(), 0o644); err != nil {
		return writing(pos[0], err)
	}
	fmt.Fprintln(c.stdout, c.p.T("cli.report_done", "File", pos[0], "Period", report.PeriodName(p, in.Source), "Date", render.Date(day), "Draft", in.Drafted()))
	return nil
}

// reportDay is --on, or today in the plan's time zone; for a finished term
// the day after its end at the earliest, when every window has ended.
func (c *cli) reportDay(plan *indicator.Plan, s *store.Store, on string) (indicator.Date, error) {
	if on != "" {
		return c.day(plan, s, on)
	}
	today := indicator.DateOf(c.now().In(plan.Location))
	if t := s.Term(); t.Registered() && t.Ended(today) {
		return max(today, t.To+1), nil
	}
	return today, nil
}

// reportInput reads what a report of period p on day d is drawn from: the
// store's term's figures, and the term before's, when Redis keeps one.
func reportInput(ctx context.Context, s *store.Store, plan *indicator.Plan, p report.Period, d indicator.Date, draft bool) (report.Input, error) {
	figs, err := s.Figures.Domain(ctx, plan)
	if err != nil {
		return report.Input{}, err
	}
	in := report.Input{Source: report.Source{Plan: plan, Figures: figs, Name: s.Term().Name, EndedEarly: s.Term().EndedEarly}, Period: p, Day: d, Draft: draft}
	prev, ok, err := s.TermBefore(ctx, plan)
	if ok {
		in.Before = &report.Source{Plan: prev.Plan, Figures: prev.Figures, Name: prev.Term.Name}
	}
	return in, err
}

// periodError says in the catalog's words why a period cannot be
// reported on.
func (c *cli) periodError(err error, t store.Term) error {
	var pe *report.PeriodError
	if !errors.As(err, &pe) {
		return err
	}
	name := t.Name
	if name == "" {
		name = fmt.Sprintf("%d–%d", pe.Term.From.Year(), pe.Term.To.Year())
	}
	switch pe.Reason {
	case report.PeriodOutside:
		return errors.New(c.p.T("cli.report_period_outside", "Period", pe.Text, "Term", name,
			"From", render.Date(pe.Term.From), "To", render.Date(pe.Term.To)))
	case report.PeriodAhead:
		return errors.New(c.p.T("cli.report_period_ahead", "Period", pe.Text, "From", render.Date(pe.Span.From)))
	}
	return errors.New(c.p.T("cli.report_period_bad_in", "Period", pe.Text, "Year", pe.ExampleYear(indicator.DateOf(c.now()))))
}
