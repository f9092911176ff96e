package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"chitieu/indicator"
	"chitieu/sheets"
	"chitieu/store"
)

// importFile loads past figures from a CSV or Excel file into Redis: the
// rows that are not saved figures already, all of them or, when any row is
// bad, none. A row that deserves a second look (the checks a typed figure
// meets) is refused, with the file, unless acceptDoubtful.
func (c *cli) importFile(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	acceptDoubtful := fs.Bool("accept-doubtful", false,
		"also import the rows that deserve a second look (a fraction of a whole count, a share over 100%, 10 times the target or the figure before, money in another unit, a day after today, a second count for a day), listed otherwise and refused")
	pos, err := c.parse(cfg, fs, args, 1)
	if err != nil {
		return err
	}
	plan, err := c.openPlan(cfg)
	if err != nil {
		return err
	}
	rows, err := c.readImport(pos[0], plan)
	if err != nil {
		return err
	}
	s, err := c.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	saved, err := s.AllFigures(ctx, sheets.Codes(rows), plan.Span())
	if err != nil {
		return err
	}
	checked := sheets.Check(rows, saved, indicator.DateOf(c.now().In(plan.Location)))
	if len(checked.Doubtful) > 0 && !*acceptDoubtful {
		for _, d := range checked.Doubtful {
			fmt.Fprintf(c.stderr, "%s: %s\n", pos[0], d.Message(c.p))
		}
		fmt.Fprintln(c.stderr, c.p.T("import.doubtful", "File", pos[0], "Count", len(checked.Doubtful)))
		return errReported
	}
	take := checked.New
	for _, d := range checked.Doubtful {
		take = append(take, d.Row)
	}
	added, err := s.ImportFigures(ctx, 0, newFigures(take, "import:"+filepath.Base(pos[0])))
	if err != nil {
		return err
	}
	if added == 0 {
		fmt.Fprintln(c.stdout, c.p.T("import.nothing_new", "File", pos[0], "Known", len(rows)))
		return nil
	}
	fmt.Fprintln(c.stdout, c.p.T("import.done", "File", pos[0], "Added", added, "Doubtful", len(checked.Doubtful), "Known", len(rows)-added))
	return nil
}

// readImport reads a figures file to import, printing every bad row and
// how many there are.
func (c *cli) readImport(path string, plan *indicator.Plan) ([]sheets.Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := sheets.ReadImport(path, f, plan)
	var bad sheets.RowErrors
	switch {
	case errors.Is(err, sheets.ErrNotFigures):
		return nil, errors.New(c.p.T("cli.not_figures", "File", path))
	case errors.As(err, &bad):
		c.printRowErrors(path, bad)
		fmt.Fprintln(c.stderr, c.p.T("import.bad_rows", "File", path, "Count", len(bad)))
		return nil, errReported
	}
	return rows, err
}

// readRows reads a figures file by its extension, printing its bad rows.
func (c *cli) readRows(path string, plan *indicator.Plan) ([]sheets.Row, error) {
	read := sheets.ReadCSV
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx":
		read = sheets.ReadXLSX
	case ".csv":
	default:
		return nil, errors.New(c.p.T("cli.not_figures", "File", path))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := read(f, plan)
	var bad sheets.RowErrors
	if errors.As(err, &bad) {
		c.printRowErrors(path, bad)
		return nil, errReported
	}
	return rows, err
}

func newFigures(rows []sheets.Row, source string) []store.NewFigure {
	out := make([]store.NewFigure, len(rows))
	for i, r := range rows {
		out[i] = store.NewFigure{Indicator: r.Indicator.Code, Date: r.Figure.Date, Value: r.Figure.Value,
			Text: r.Text, Note: r.Figure.Note, Source: source, Key: r.Key}
	}
	return out
}
