package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"chitieu/store"
)

// migrate moves a store written before committees to their layout (what
// every command's open does by itself), or with --dry-run counts what it
// would move.
func (c *cli) migrate(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	dry := fs.Bool("dry-run", false, "count the keys to move, move nothing")
	if _, err := c.parse(cfg, fs, args); err != nil {
		return err
	}
	o := cfg.StoreOptions(c.now)
	o.KeepLayout = true
	s, err := store.Open(ctx, o)
	if err != nil {
		return err
	}
	defer s.Close()
	m, err := s.Migrate(ctx, *dry)
	switch {
	case errors.Is(err, store.ErrWrittenAfterMove):
		return errors.New(c.p.T("cli.written_after_move"))
	case err != nil:
		return err
	case m.Keys+m.Dropped == 0:
		fmt.Fprintln(c.stdout, c.p.T("cli.migrate_none"))
	case *dry:
		fmt.Fprintln(c.stdout, c.p.T("cli.migrate_plan", "Keys", m.Keys, "Dropped", m.Dropped))
	default:
		fmt.Fprintln(c.stdout, c.movedSummary(ctx, s))
	}
	return nil
}

// movedSummary says what a store moved from the layout before committees
// holds, in what people keep there: figures, people, invites, plans.
func (c *cli) movedSummary(ctx context.Context, s *store.Store) string {
	stores := []*store.Store{s} // a store whose plan recorded no term yet has its figures under its own keys
	if terms, _ := s.Terms(ctx); len(terms) > 0 {
		stores = stores[:0]
		for _, t := range terms {
			stores = append(stores, s.InTerm(t))
		}
	}
	figures := 0
	for _, in := range stores {
		counts, _ := in.Figures.Codes(ctx)
		for _, n := range counts {
			figures += n
		}
	}
	people, _ := s.People.All(ctx)
	invites, _ := s.People.OpenInvites(ctx)
	versions, _ := s.Plans.Versions(ctx)
	return c.p.T("cli.moved", "Figures", figures, "People", len(people), "Invites", len(invites), "Versions", len(versions))
}

// open connects to Redis as the settings say, moving a store written
// before committees to their layout first and saying so.
func (c *cli) open(ctx context.Context, cfg *Config) (*store.Store, error) {
	s, err := store.Open(ctx, cfg.StoreOptions(c.now))
	if errors.Is(err, store.ErrWrittenAfterMove) {
		return nil, errors.New(c.p.T("cli.written_after_move"))
	}
	if err == nil {
		if m := s.Moved(); m.Keys+m.Dropped > 0 {
			fmt.Fprintln(c.stderr, c.movedSummary(ctx, s))
		}
	}
	return s, err
}
