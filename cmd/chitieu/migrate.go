package main

import (
	"context"
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
	case err != nil:
		return err
	case m.Keys+m.Dropped == 0:
		fmt.Fprintln(c.stdout, c.p.T("cli.migrate_none"))
	case *dry:
		fmt.Fprintln(c.stdout, c.p.T("cli.migrate_plan", "Keys", m.Keys, "Dropped", m.Dropped))
	default:
		fmt.Fprintln(c.stdout, c.p.T("cli.moved", "Keys", m.Keys, "Dropped", m.Dropped))
	}
	return nil
}

// open connects to Redis as the settings say, moving a store written
// before committees to their layout first and saying so.
func (c *cli) open(ctx context.Context, cfg *Config) (*store.Store, error) {
	s, err := store.Open(ctx, cfg.StoreOptions(c.now))
	if err == nil {
		if m := s.Moved(); m.Keys+m.Dropped > 0 {
			fmt.Fprintln(c.stderr, c.p.T("cli.moved", "Keys", m.Keys, "Dropped", m.Dropped))
		}
	}
	return s, err
}
