package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/store"
)

// committeeCmd keeps the deployment's committees: "committee add CODE
// --name NAME --plan FILE.yaml" makes one with its first plan, "committee
// list" lists them.
func (c *cli) committeeCmd(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	switch {
	case len(args) > 0 && args[0] == "add":
		fs.Init("chitieu committee add", flag.ContinueOnError)
		return c.committeeAdd(ctx, cfg, fs, args[1:])
	case len(args) > 0 && args[0] == "list":
		fs.Init("chitieu committee list", flag.ContinueOnError)
		return c.committeeList(ctx, cfg, fs, args[1:])
	}
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
		fmt.Fprintln(c.stdout, c.usageOf("chitieu committee"))
		return nil
	}
	return c.refuseArgs(c.p.T("cli.subcommand", "Command", "chitieu committee", "Words", "add, list"), "chitieu committee")
}

// committeeAdd registers a committee and applies its plan file as the
// first version of its own plan: a ward's 2025–2030 plan is its first
// term, not the district's next one.
func (c *cli) committeeAdd(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	name := fs.String("name", "", "the committee's name: Đảng bộ phường Tây Hồ")
	continues := fs.String("continues", "", "the committee and term it continues, COMMITTEE:TERM (default:2020-2025): its first term's report compares with that term")
	codes := fs.String("codes", "", "with --continues, which of its codes continue which of that term's: OWN=THEIRS,… (the codes both plans share unless set)")
	pos, err := c.parse(cfg, fs, args, "arg.committee")
	if err != nil {
		return err
	}
	code := strings.ToLower(pos[0])
	*name = strings.Join(strings.Fields(*name), " ")
	switch {
	case !store.ValidCommittee(code):
		return errors.New(c.p.T("committee.bad_code", "Value", code))
	case code == store.DefaultCommittee:
		return errors.New(c.p.T("committee.reserved", "Code", code))
	case *name == "":
		return errors.New(c.p.T("committee.name_required", "Code", code))
	case !c.planGiven:
		return errors.New(c.p.T("committee.plan_required", "Code", code))
	case *codes != "" && *continues == "":
		return errors.New(c.p.T("committee.codes_alone"))
	}
	content, err := os.ReadFile(cfg.Plan)
	if err != nil {
		return err // said as a file that cannot be read
	}
	plan, err := c.loadPlan(cfg.Plan)
	if err != nil {
		return err
	}
	own := *cfg
	own.Committee = code
	s, err := c.open(ctx, &own)
	if err != nil {
		return err
	}
	defer s.Close()
	var before []store.Predecessor
	if *continues != "" || *codes != "" {
		p, err := c.predecessor(ctx, s, plan, cfg.Plan, *continues, *codes)
		if err != nil {
			return err
		}
		before = append(before, p)
	}
	v, err := s.Committees.Create(ctx, store.Committee{Code: code, Name: *name, Predecessors: before}, content, 0,
		c.p.T("committee.plan_why", "Name", *name))
	var closed *store.ClosedTermError
	switch {
	case errors.As(err, &closed):
		t := closed.Term
		return errors.New(c.p.T("committee.ended", "File", cfg.Plan, "Term", t.Name, "Closes", render.Date(t.Closes)))
	case errors.Is(err, store.ErrCommitteeExists):
		return errors.New(c.p.T("committee.exists", "Code", code))
	case err != nil:
		return c.termErrorOf(cfg.Plan, err)
	}
	fmt.Fprintln(c.stdout, c.p.T("version.applied", "N", v.N, "Hash", v.Hash[:12]))
	fmt.Fprintln(c.stdout, c.p.T("committee.added", "Code", code, "Name", *name, "Count", len(plan.Indicators()),
		"Plan", plan.Title))
	return nil
}

// committeeList lists the committees, each with its code and name.
func (c *cli) committeeList(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	if _, err := c.parse(cfg, fs, args); err != nil {
		return err
	}
	s, err := c.open(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	all, err := s.Committees.List(ctx)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		fmt.Fprintln(c.stdout, c.p.T("committee.none"))
	}
	for _, cm := range all {
		line := fmt.Sprintf("%-16s %s", cm.Code, cm.Name)
		for _, p := range cm.Predecessors {
			line += " " + c.p.T("committee.continues", "Committee", p.Committee, "Term", p.TermName)
		}
		fmt.Fprintln(c.stdout, line)
	}
	return nil
}

// predecessor reads --continues COMMITTEE:TERM and --codes OWN=THEIRS,…:
// the committee must be known with that term (by its years, "2020-2025",
// or its id), and each code a code of the new plan and of that term's.
func (c *cli) predecessor(ctx context.Context, s *store.Store, plan *indicator.Plan, file, continues, codes string) (store.Predecessor, error) {
	committee, term, ok := strings.Cut(continues, ":")
	committee = strings.ToLower(strings.TrimSpace(committee))
	if !ok || !store.ValidCommittee(committee) || strings.TrimSpace(term) == "" {
		return store.Predecessor{}, errors.New(c.p.T("committee.continues_bad", "Value", continues))
	}
	if known, err := s.Committees.Known(ctx, committee); err != nil || !known {
		if err == nil {
			err = c.unknownCommittee(ctx, s, committee)
		}
		return store.Predecessor{}, err
	}
	them, err := s.For(committee)
	if err != nil {
		return store.Predecessor{}, err
	}
	terms, err := them.Terms(ctx)
	if err != nil {
		return store.Predecessor{}, err
	}
	want := strings.ReplaceAll(strings.TrimSpace(term), "-", "–")
	var found *store.Term
	var names []string
	for i, t := range terms {
		names = append(names, t.Name)
		if t.ID == strings.TrimSpace(term) || t.Name == want {
			found = &terms[i]
		}
	}
	if found == nil {
		return store.Predecessor{}, errors.New(c.p.T("committee.continues_unknown", "Committee", committee, "Term", term,
			"Terms", strings.Join(names, ", ")))
	}
	p := store.Predecessor{Committee: committee, Term: found.ID, TermName: found.Name}
	if codes == "" {
		return p, nil
	}
	theirPlan, err := them.Plans.ForTerm(ctx, *found, plan)
	if err != nil {
		return store.Predecessor{}, err
	}
	p.Codes = map[string]string{}
	for _, pair := range list(codes) {
		own, their, ok := strings.Cut(pair, "=")
		if !ok {
			their = own
		}
		mine, theirs := plan.Find(strings.TrimSpace(own)), theirPlan.Find(strings.TrimSpace(their))
		switch {
		case mine == nil:
			return store.Predecessor{}, errors.New(c.p.T("committee.codes_own", "Code", own, "File", file))
		case theirs == nil:
			return store.Predecessor{}, errors.New(c.p.T("committee.codes_theirs", "Code", their, "Committee", committee, "Term", found.Name))
		}
		p.Codes[mine.Code] = theirs.Code
	}
	return p, nil
}
