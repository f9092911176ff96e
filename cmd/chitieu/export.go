package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"chitieu/render"
	"chitieu/sheets"
)

// exportFile writes the plan's standing and every figure from Redis to an
// Excel workbook, or every figure to a CSV in the import's shape.
func (c *cli) exportFile(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	on := fs.String("on", "", "the day of the standing, YYYY-MM-DD (default: today)")
	term := fs.String("term", "", "a term Redis keeps, by its years (2020-2025) or id (default: the current term)")
	pos, err := c.parse(cfg, fs, args, "arg.export_file")
	if err != nil {
		return err
	}
	ext := strings.ToLower(filepath.Ext(pos[0]))
	if ext != ".xlsx" && ext != ".csv" {
		return say("cli.export_type", "File", pos[0])
	}
	plan, s, err := c.statusSource(ctx, cfg, *term, true)
	if err != nil {
		return err
	}
	defer s.Close()
	day, err := c.day(plan, s, *on)
	if err != nil {
		return err
	}
	x, err := sheets.Gather(ctx, sheets.Source{Figures: s.Figures.All, Names: s.People.Names}, plan, day, c.p)
	if err != nil {
		return err
	}
	f, err := os.Create(pos[0])
	if err != nil {
		return writing(pos[0], err)
	}
	write := x.WriteXLSX
	if ext == ".csv" {
		write = x.WriteCSV
	}
	if err := write(f); err != nil {
		f.Close()
		return writing(pos[0], err)
	}
	if err := f.Close(); err != nil {
		return writing(pos[0], err)
	}
	var standing string // a workbook's summary stands on a day; a CSV is every figure
	if ext == ".xlsx" {
		standing = render.Date(day)
	}
	fmt.Fprintln(c.stdout, c.p.T("cli.exported", "File", pos[0], "Date", standing))
	return nil
}
