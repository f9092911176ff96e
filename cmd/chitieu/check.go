package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"strings"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/store"
)

// check validates a plan file: every problem with its line, or a line per
// program with its indicator count.
// With --redis it also compares the plan with the figures Redis holds.
func (c *cli) check(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	withRedis := fs.Bool("redis", false, "also compare the plan with the figures in Redis")
	pos, err := c.parse(cfg, fs, args, "arg.plan_file")
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
	c.printChanges(plan)
	fmt.Fprintln(c.stdout, c.p.T("check.ok", "Plan", plan.Code, "Indicators", n, "Programs", len(plan.Programs)))
	if *withRedis {
		return c.checkRedis(ctx, cfg, plan)
	}
	return nil
}

// printChanges lists each indicator's revisions and former codes.
func (c *cli) printChanges(plan *indicator.Plan) {
	for _, ind := range plan.Indicators() {
		for _, r := range ind.Revisions {
			fmt.Fprintln(c.stdout, render.Revision(c.p, ind, r))
		}
		if len(ind.Formerly) > 0 {
			fmt.Fprintln(c.stdout, c.p.T("check.formerly", "Code", ind.Code, "Codes", strings.Join(ind.Formerly, ", ")))
		}
	}
}

// checkRedis compares the plan with the figures Redis holds.
func (c *cli) checkRedis(ctx context.Context, cfg *Config, plan *indicator.Plan) error {
	s, err := c.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := c.planGaps(ctx, s, plan); err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, c.p.T("gaps.ok"))
	return nil
}

// openPlan reads the configured plan; its due days move past the
// configured days off.
func (c *cli) openPlan(cfg *Config) (*indicator.Plan, error) {
	plan, err := c.committeePlan(cfg)
	if err != nil {
		return nil, err
	}
	w, err := cfg.WorkDays()
	if err != nil {
		return nil, err
	}
	plan.SetWorkDays(w)
	c.plan = plan
	return plan, nil
}

// committeePlan is the plan a command works on: the plan file, or for a
// committee made with "committee add" (its plan kept in Redis, not in a
// file) its current version, unless a plan file was given.
func (c *cli) committeePlan(cfg *Config) (*indicator.Plan, error) {
	if cfg.Committee == store.DefaultCommittee || c.planGiven || cfg.Committee == "" && c.offline {
		return c.loadPlan(cfg.Plan)
	}
	ctx := context.Background()
	s, err := c.openCommittee(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if cfg.Committee == "" { // the committee default: its plan file
		return c.loadPlan(cfg.Plan)
	}
	plan, err := c.committeesPlan(ctx, s)
	c.planInRedis = err == nil
	return plan, err
}

// committeesPlan is a committee's plan as Redis keeps it: its current
// version (a committee made with "committee add" has no plan file).
func (c *cli) committeesPlan(ctx context.Context, s *store.Store) (*indicator.Plan, error) {
	v, ok, err := s.Plans.Current(ctx)
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, errors.New(c.p.T("committee.no_plan", "Code", s.Committee()))
	}
	plan, err := indicator.Load([]byte(v.Content))
	if err != nil {
		return nil, fmt.Errorf("committee %s, plan version %d: %w", s.Committee(), v.N, err)
	}
	return plan, nil
}

// openCommittee opens the store of the committee a command speaks to:
// the one --committee names (refused when unknown), else the only one
// (onlyCommittee), else the committee default (cfg.Committee left "").
func (c *cli) openCommittee(ctx context.Context, cfg *Config) (*store.Store, error) {
	s, err := c.open(ctx, cfg)
	if err != nil || cfg.Committee == store.DefaultCommittee || c.committeeName != "" {
		return s, err
	}
	if cfg.Committee == "" {
		only, err := c.onlyCommittee(ctx, s)
		if err != nil || only == "" {
			if err != nil {
				s.Close()
				return nil, err
			}
			return s, nil
		}
		cfg.Committee = only
		if s, err = s.For(only); err != nil {
			return nil, err
		}
	}
	cm, err := s.Committees.Get(ctx, cfg.Committee)
	if errors.Is(err, store.ErrNotFound) {
		err = c.unknownCommittee(ctx, s, cfg.Committee)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	c.committeeName = cm.Name + " (" + cm.Code + ")"
	return s, nil
}

func (c *cli) onlyCommittee(ctx context.Context, s *store.Store) (string, error) {
	if known, err := s.Committees.Known(ctx, store.DefaultCommittee); err != nil || known {
		return "", err
	}
	all, err := s.Committees.List(ctx)
	switch {
	case err != nil:
		return "", err
	case len(all) == 1 || len(all) > 1 && c.serving:
		return all[0].Code, nil
	case len(all) > 1:
		codes := make([]string, len(all))
		for i, cm := range all {
			codes[i] = cm.Code
		}
		return "", errors.New(c.p.T("committee.name_one", "Codes", strings.Join(codes, ", ")))
	}
	return "", nil
}

// unknownCommittee says a committee is not one of the deployment's,
// naming those that are.
func (c *cli) unknownCommittee(ctx context.Context, s *store.Store, code string) error {
	all, err := s.Committees.List(ctx)
	if err != nil {
		return err
	}
	codes := make([]string, 0, len(all))
	for _, cm := range all {
		codes = append(codes, cm.Code)
	}
	return errors.New(c.p.T("committee.unknown", "Code", code, "Codes", strings.Join(codes, ", ")))
}

// loadPlan reads a plan and prints its problems, each with its line.
func (c *cli) loadPlan(path string) (*indicator.Plan, error) {
	plan, err := indicator.LoadFile(path)
	var probs indicator.Problems
	var pathErr *fs.PathError
	switch {
	case errors.As(err, &pathErr) && errors.Is(err, fs.ErrNotExist):
		return nil, errors.New(c.p.T("cli.plan_missing", "File", path))
	case errors.As(err, &pathErr):
		return nil, errors.New(c.p.T("cli.plan_unreadable", "File", path, "Reason", pathErr.Err.Error()))
	case !errors.As(err, &probs):
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
	where, msg := render.Problem(c.p, pr)
	return c.p.T("plan.problem", "File", path, "Line", pr.Line, "Where", where, "Message", msg)
}
