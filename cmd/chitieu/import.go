package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/sheets"
	"chitieu/store"
)

// importFile loads past figures from a CSV or Excel file into Redis: the
// rows that are not saved figures already, all of them or, when any row is
// bad, none. A row that deserves a second look (the checks a typed figure
// meets) is refused, with the file, unless acceptDoubtful. A row dated in
// an ended term that still takes figures goes to that term. A refused
// import writes nothing: the plan file is kept as the first version only
// with the figures.
func (c *cli) importFile(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	acceptDoubtful := fs.Bool("accept-doubtful", false,
		"also import the rows that deserve a second look (a fraction of a whole count, a share over 100%, 10 times the target or the figure before, money in another unit, a day after today, a second count for a day), listed otherwise and refused")
	pos, err := c.parse(cfg, fs, args, "arg.figures_file")
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
	if t := s.Term(); t.Closed(t.Today(c.now())) { // registered, or as the plan file would register it
		return &store.FinishedError{Term: t}
	}
	terms, err := c.takingTerms(ctx, cfg, s, plan)
	if err != nil {
		return err
	}
	rows, err := c.readImport(pos[0], plan, terms.others()...)
	if err != nil {
		return err
	}
	checked, err := terms.check(ctx, rows, indicator.DateOf(c.now().In(plan.Location)))
	if err != nil {
		return err
	}
	var doubtful int
	for _, ch := range checked {
		doubtful += len(ch.Doubtful)
		for _, d := range ch.Doubtful {
			if !*acceptDoubtful {
				fmt.Fprintf(c.stderr, "%s: %s\n", pos[0], d.Message(c.p))
			}
		}
	}
	if doubtful > 0 && !*acceptDoubtful {
		fmt.Fprintln(c.stderr, c.p.T("import.doubtful", "File", pos[0], "Count", doubtful))
		return errReported
	}
	if err := c.recordTerm(ctx, cfg, s); err != nil {
		return err
	}
	added, late, err := terms.save(ctx, checked, "import:"+filepath.Base(pos[0]))
	if err != nil {
		return err
	}
	if added == 0 {
		fmt.Fprintln(c.stdout, c.p.T("import.nothing_new", "File", pos[0], "Known", len(rows)))
		return nil
	}
	fmt.Fprintln(c.stdout, c.p.T("import.done", "File", pos[0], "Added", added, "Doubtful", doubtful, "Known", len(rows)-added,
		"Committee", c.committeeName))
	for _, l := range late {
		fmt.Fprintln(c.stdout, c.p.T("import.late", "Count", l.count, "Term", l.term.Name, "Closes", render.Date(l.term.Closes)))
	}
	return nil
}

// termStores are the stores of the terms a file's rows may go to: the
// plan file's term first, then each ended term that still takes figures,
// with their plans.
type termStores struct {
	plans  []*indicator.Plan
	stores []*store.Store
}

// others are the plans besides the plan file's.
func (ts termStores) others() []*indicator.Plan { return ts.plans[1:] }

// takingTerms are the plan file's term and the ended terms that still
// take figures.
func (c *cli) takingTerms(ctx context.Context, cfg *Config, s *store.Store, plan *indicator.Plan) (termStores, error) {
	ts := termStores{plans: []*indicator.Plan{plan}, stores: []*store.Store{s}}
	open, err := s.OpenTerms(ctx)
	if err != nil {
		return ts, err
	}
	w, err := cfg.WorkDays()
	if err != nil {
		return ts, err
	}
	for _, t := range open {
		if t.ID == s.Term().ID {
			continue
		}
		p, err := s.Plans.ForTerm(ctx, t, nil)
		if err != nil {
			return ts, err
		}
		p.SetWorkDays(w)
		in := s.InTerm(t)
		in.Follow(p)
		ts.plans, ts.stores = append(ts.plans, p), append(ts.stores, in)
	}
	return ts, nil
}

// check sorts each term's rows against the figures it keeps.
func (ts termStores) check(ctx context.Context, rows []sheets.Row, today indicator.Date) ([]sheets.Checked, error) {
	by := sheets.ByPlan(rows)
	out := make([]sheets.Checked, len(ts.plans))
	for i, p := range ts.plans {
		if len(by[p]) == 0 {
			continue
		}
		saved, err := ts.stores[i].Figures.All(ctx, sheets.Codes(by[p]), p.Span())
		if err != nil {
			return nil, err
		}
		out[i] = sheets.Check(by[p], saved, today)
	}
	return out, nil
}

// lateRows is how many rows went to an ended term.
type lateRows struct {
	term  store.Term
	count int
}

// save imports each term's new and doubtful rows into its own store.
func (ts termStores) save(ctx context.Context, checked []sheets.Checked, source string) (int, []lateRows, error) {
	var added int
	var late []lateRows
	for i, ch := range checked {
		take := ch.New
		for _, d := range ch.Doubtful {
			take = append(take, d.Row)
		}
		if len(take) == 0 {
			continue
		}
		n, err := ts.stores[i].Figures.Import(ctx, 0, newFigures(take, source))
		if err != nil {
			return added, late, err
		}
		added += n
		if i > 0 && n > 0 {
			late = append(late, lateRows{ts.stores[i].Term(), n})
		}
	}
	return added, late, nil
}

// recordTerm keeps the plan file as the first version when Redis has none,
// so that the term of the figures written now is recorded before another
// term's plan is applied.
func (c *cli) recordTerm(ctx context.Context, cfg *Config, s *store.Store) error {
	if n, err := s.Plans.CurrentNumber(ctx); err != nil || n != 0 {
		return err
	}
	content, err := os.ReadFile(cfg.Plan)
	if err != nil {
		return err
	}
	if _, err := s.Plans.Seed(ctx, content, c.p.T("import.seed_why")); err != nil {
		return err
	}
	return scopeToPlan(ctx, s, c.plan)
}

// readImport reads a figures file to import, printing every bad row and
// how many there are.
func (c *cli) readImport(path string, plan *indicator.Plan, others ...*indicator.Plan) ([]sheets.Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := sheets.ReadImport(path, f, plan, others...)
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
	if !sheets.FiguresFile(path) {
		return nil, errors.New(c.p.T("cli.not_figures", "File", path))
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := sheets.Read(path, f, plan)
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
