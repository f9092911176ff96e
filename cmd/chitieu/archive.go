package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"chitieu/store"
)

// archive sets aside the figures of a code the plan no longer has, so they
// stop holding back serve; --undo brings them back. Both are audited.
func (c *cli) archive(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	undo := fs.Bool("undo", false, "undo an archive")
	reason := fs.String("reason", "", "why the figures are set aside")
	pos, err := c.parse(cfg, fs, args, "arg.code")
	if err != nil {
		return err
	}
	plan, err := c.openPlan(cfg)
	if err != nil {
		return err
	}
	s, err := c.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	code := pos[0]
	if *undo {
		return c.unarchive(ctx, s, code)
	}
	if plan.Indicator(code) != nil {
		return fmt.Errorf("%s", c.p.T("archive.in_plan", "Code", code))
	}
	return c.archiveCode(ctx, s, code, *reason)
}

func (c *cli) archiveCode(ctx context.Context, s *store.Store, code, reason string) error {
	counts, err := s.Figures.Codes(ctx)
	if err != nil {
		return err
	}
	if counts[code] == 0 {
		return fmt.Errorf("%s", c.p.T("archive.no_figures", "Code", code))
	}
	if err := s.Plans.Archive(ctx, code, 0, reason); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, c.p.T("archive.done", "Code", code, "Count", counts[code]))
	return nil
}

func (c *cli) unarchive(ctx context.Context, s *store.Store, code string) error {
	err := s.Plans.Unarchive(ctx, code, 0)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("%s", c.p.T("archive.not_archived", "Code", code))
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, c.p.T("archive.undone", "Code", code))
	return nil
}
