package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/store"
)

// cli runs one subcommand with its output, environment and clock given, so
// a test runs it as a user would.
type cli struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	now            func() time.Time
	p              *locales.Printer
	cat            *locales.Catalog
	plan           *indicator.Plan // the plan the command read, if any
	planGiven      bool            // --plan was given on the command line (CHITIEU_PLAN is the default committee's)
	planInRedis    bool            // the plan is a committee's current version in Redis, not a file
	offline        bool            // the command needs no Redis: without --committee, it reads the plan file
	serving        bool            // serve: without --committee among several, the first one (it serves them all)
	committeeName  string          // the committee --committee named, as its replies name it: "Đảng bộ phường Tây Hồ (tay-ho)"
}

// command is a subcommand: its flags are registered on fs before parse
// reads args.
type command func(c *cli, ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error

func (c *cli) commands() map[string]command {
	return map[string]command{
		"check":     (*cli).check,
		"status":    (*cli).status,
		"replay":    (*cli).replay,
		"try":       (*cli).try,
		"import":    (*cli).importFile,
		"export":    (*cli).exportFile,
		"report":    (*cli).reportFile,
		"invite":    (*cli).invite,
		"serve":     (*cli).serve,
		"archive":   (*cli).archive,
		"plan":      (*cli).planCmd,
		"term":      (*cli).termCmd,
		"migrate":   (*cli).migrate,
		"committee": (*cli).committeeCmd,
	}
}

var (
	errUsage    = errors.New("usage")    // the arguments were wrong; what and how to write them was printed
	errHelp     = errors.New("help")     // the usage was asked for, and printed
	errReported = errors.New("reported") // the problems were printed already
)

func (c *cli) run(ctx context.Context, args []string) int {
	c.p = c.catalog().Printer(c.getenv("CHITIEU_LANG"))
	if len(args) == 0 || c.commands()[args[0]] == nil {
		help := len(args) > 0 && slices.Contains([]string{"help", "-h", "-help", "--help"}, args[0])
		switch {
		case len(args) > 0 && !help && strings.HasPrefix(args[0], "-"): // a setting before the command
			fmt.Fprintln(c.stderr, "chitieu: "+c.p.T("cli.flag_first", "Flag", args[0]))
		case len(args) > 0 && !help:
			fmt.Fprintln(c.stderr, "chitieu: "+c.p.T("cli.unknown_command", "Name", args[0]))
		}
		if help { // asked for: on stdout, so that chitieu --help | less shows it
			fmt.Fprint(c.stdout, c.p.T("usage"))
			return 0
		}
		fmt.Fprint(c.stderr, c.p.T("usage"))
		return 2
	}
	fs := flag.NewFlagSet("chitieu "+args[0], flag.ContinueOnError)
	fs.SetOutput(io.Discard) // its refusals are said in the catalog's words (parse)
	fs.Usage = func() {}
	cfg, err := loadConfig(fs, c.getenv)
	if err == nil {
		err = c.commands()[args[0]](c, ctx, cfg, fs, args[1:])
	}
	switch {
	case err == nil, errors.Is(err, errHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	case !errors.Is(err, errReported):
		fmt.Fprintln(c.stderr, "chitieu:", c.words(cfg, err))
	}
	return 1
}

// parse reads flags wherever they stand among the arguments, validates the
// config, and returns the positional arguments: one for each of want, the
// catalog's name of what it is ("arg.figures_file"). A flag or an
// argument that does not fit is refused saying which and how the command
// is written.
func (c *cli) parse(cfg *Config, fs *flag.FlagSet, args []string, want ...string) ([]string, error) {
	var pos []string
	for {
		err := fs.Parse(args)
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(c.stderr, c.p.T("cli.help", "Usage", c.usageOf(fs.Name())))
			return nil, errHelp
		}
		if err != nil {
			return nil, c.refuseArgs(c.words(cfg, c.flagError(cfg, fs, err)), "")
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	switch {
	case len(pos) > len(want):
		var what string
		if len(want) > 0 {
			what = c.p.T(want[0])
		}
		return nil, c.refuseArgs(c.p.T("cli.extra_arg", "Arg", pos[len(want)], "Command", fs.Name(), "Want", what), fs.Name())
	case len(pos) < len(want):
		return nil, c.refuseArgs(c.p.T("cli.missing_arg", "Want", c.p.T(want[len(pos)])), fs.Name())
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	c.p = c.catalog().Printer(cfg.Lang)
	fs.Visit(func(f *flag.Flag) { c.planGiven = c.planGiven || f.Name == "plan" })
	return pos, nil
}

// refuseArgs says why the arguments do not fit and, for command, how it
// is written.
func (c *cli) refuseArgs(why, command string) error {
	fmt.Fprintln(c.stderr, "chitieu: "+why)
	if usage := c.usageOf(command); command != "" && usage != "" {
		fmt.Fprintln(c.stderr, c.p.T("cli.help", "Usage", usage))
	}
	return errUsage
}

// catalog is the message catalogs, read once.
func (c *cli) catalog() *locales.Catalog {
	if c.cat == nil {
		c.cat = locales.MustLoad()
	}
	return c.cat
}

// openStore connects to Redis as the settings say. When the command read
// a plan, the store reads and writes that plan's term, and a renamed
// indicator's reads include its former codes' figures; otherwise the
// current term.
func (c *cli) openStore(ctx context.Context, cfg *Config) (*store.Store, error) {
	s, err := c.openCommittee(ctx, cfg)
	if err != nil || c.plan == nil {
		return s, err
	}
	if err := scopeToPlan(ctx, s, c.plan); err != nil {
		s.Close()
		return nil, c.termError(cfg, err)
	}
	return s, nil
}

// termError says in the catalog's words why a plan file's term cannot be
// used: it is finished, or overlaps or comes before the current term.
func (c *cli) termError(cfg *Config, err error) error {
	var file string
	if cfg != nil {
		file = cfg.Plan
	}
	return c.termErrorOf(file, err)
}

// termErrorOf is termError for the plan in file.
func (c *cli) termErrorOf(file string, err error) error {
	var oe *store.OrderError
	var fe *store.FinishedError
	var pe *store.PlaceError
	switch {
	case errors.As(err, &pe):
		return errors.New(c.p.T("committee.place", "File", file, "Issuer", pe.Issuer, "Place", pe.Place, "Name", pe.Name))
	case errors.As(err, &oe) && oe.Ended && oe.Current.ID == oe.Plan.ID: // the only term known is the one that ended
		t := oe.Plan
		return errors.New(c.p.T("cli.term_ended_only", "Term", t.Name, "To", render.Date(t.To), "Early", t.EndedEarly,
			"Closed", t.Closed(t.Today(c.now())), "Closes", render.Date(t.Closes), "Stopped", render.Date(t.Closes+1),
			"Years", strings.ReplaceAll(t.Name, "–", "-")))
	case errors.As(err, &oe) && !oe.Ended && oe.Plan.To < oe.Current.From: // a plan of a term before the one Redis keeps
		return errors.New(c.p.T("cli.term_before", "File", file, "Term", oe.Plan.Name, "Current", oe.Current.Name))
	case errors.As(err, &oe):
		return errors.New(c.p.T("cli.term_order", "File", file, "Term", oe.Plan.Name, "Finished", oe.Ended,
			"Current", oe.Current.Name, "From", render.Date(oe.Plan.From), "To", render.Date(oe.Current.To)))
	case errors.As(err, &fe):
		t := fe.Term
		return errors.New(c.p.T("cli.term_finished", "Term", t.Name, "To", render.Date(t.To), "Early", t.EndedEarly,
			"Closes", render.Date(t.Closes)))
	}
	return err
}
