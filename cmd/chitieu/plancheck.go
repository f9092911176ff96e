package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/store"
)

// startPlan is serve's check before it starts: the plan must read every
// figure Redis holds, as it was saved, and be the current plan version
// (the first start seeds it). Then the store reads a renamed code's
// figures with its own, and the plan's kinds and units are kept as the
// ones last seen.
func (c *cli) startPlan(ctx context.Context, cfg *Config, s *store.Store, plan *indicator.Plan) error {
	if !c.planInRedis { // a committee's plan read from Redis is its current version already
		if err := c.planGaps(ctx, s, plan); err != nil {
			return err
		}
		if err := c.onePlan(ctx, cfg, s); err != nil {
			return err
		}
	}
	if err := scopeToPlan(ctx, s, plan); err != nil { // the plan's term, registered now
		return c.termError(cfg, err)
	}
	return startTerm(ctx, s, plan)
}

// startTerm readies a store scoped to its plan's term: the sums of figures
// written before sums were kept, and the plan's kinds and units kept as
// the ones last seen.
func startTerm(ctx context.Context, s *store.Store, plan *indicator.Plan) error {
	if _, err := s.Figures.EnsureSums(ctx); err != nil {
		return err
	}
	return s.Plans.Record(ctx, plan)
}

// onePlan keeps the plan serve runs as the current version in Redis: the
// first start seeds it, and a file that differs from the current version
// (and orphans nothing: planGaps has passed) is applied as a new version,
// audited and said on stderr, so the plan log tells which plan ran when.
func (c *cli) onePlan(ctx context.Context, cfg *Config, s *store.Store) error {
	content, err := os.ReadFile(cfg.Plan)
	if err != nil {
		return err
	}
	cur, err := s.Plans.Seed(ctx, content, c.p.T("version.seeded", "File", filepath.Base(cfg.Plan)))
	if err != nil || cur.Hash == store.PlanHash(content) {
		return err
	}
	if err := c.fileOfCurrentTerm(ctx, s, content); err != nil {
		return err
	}
	v, _, err := s.Plans.Apply(ctx, content, 0, c.p.T("version.at_start", "File", filepath.Base(cfg.Plan), "N", cur.N))
	if err == nil {
		fmt.Fprintln(c.stderr, c.p.T("version.applied_at_start", "File", cfg.Plan, "N", v.N, "Was", cur.N))
	}
	return err
}

// planGaps compares the plan with what Redis holds; its error names every
// code whose figures the plan would leave unread or misread.
func (c *cli) planGaps(ctx context.Context, s *store.Store, plan *indicator.Plan) error {
	gaps, err := s.Plans.Compare(ctx, plan)
	if err != nil || gaps.OK() {
		return err
	}
	var ls []string
	if len(gaps.Orphans) > 0 {
		var codes []string
		for _, o := range gaps.Orphans {
			codes = append(codes, c.p.T("gaps.orphan", "Code", o.Code, "Count", o.Figures))
		}
		ls = append(ls, c.p.T("gaps.orphans", "Count", len(codes), "Codes", strings.Join(codes, ", ")))
	}
	for _, r := range gaps.Reshaped {
		ls = append(ls, c.p.T("gaps.reshaped", "Indicator", r.Indicator, "Code", r.Code, "WasKind", r.Was.Kind,
			"WasUnit", r.Was.Unit, "Kind", r.Now.Kind, "Unit", r.Now.Unit))
	}
	return errors.New(strings.Join(ls, "\n"))
}

// fileOfCurrentTerm refuses a plan file of a term other than the current
// one that Redis keeps already: one that has ended, or a next one applied
// ahead, which begins on its first day.
func (c *cli) fileOfCurrentTerm(ctx context.Context, s *store.Store, content []byte) error {
	plan, err := indicator.Load(content)
	if err != nil {
		return nil // the version's own checks say why
	}
	t, err := s.ForPlan(ctx, plan)
	if err != nil {
		return err
	}
	cur, ok, err := s.CurrentTerm(ctx)
	if err != nil || !ok || !t.Registered() || t.ID == cur.ID {
		return err
	}
	if today := t.Today(c.now()); !t.Started(today) {
		return errors.New(c.p.T("cli.term_upcoming", "Term", t.Name, "From", render.Date(t.From), "Current", cur.Name))
	}
	return &store.OrderError{Plan: t, Current: cur, Ended: true}
}
