package main

import (
	"context"
	"flag"
	"fmt"
)

// stateCmd checks the evaluation state Redis keeps beside the figures
// against them, and with --rebuild sums it up again from them.
func (c *cli) stateCmd(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	rebuild := fs.Bool("rebuild", false, "sum the state up again from the figures")
	if _, err := c.parse(cfg, fs, args); err != nil {
		return err
	}
	s, err := c.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	if *rebuild {
		n, err := s.RebuildState(ctx)
		if err != nil {
			return err
		}
		fmt.Fprintln(c.stdout, c.p.T("state.rebuilt", "Count", n))
		return nil
	}
	drift, err := s.CheckState(ctx)
	if err != nil {
		return err
	}
	if len(drift) == 0 {
		fmt.Fprintln(c.stdout, c.p.T("state.ok"))
		return nil
	}
	for _, d := range drift {
		fmt.Fprintln(c.stdout, c.p.T("state.drift", "Code", d.Code, "Block", d.Block, "Stored", d.Stored, "Want", d.Want))
	}
	fmt.Fprintln(c.stderr, c.p.T("state.drifted", "Count", len(drift)))
	return errReported
}
