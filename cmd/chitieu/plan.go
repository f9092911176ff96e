package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/store"
)

// planCmd keeps the plan's versions in Redis: "plan apply FILE" proposes a
// new version, shows what it changes and applies it once confirmed; "plan
// log" lists the versions.
func (c *cli) planCmd(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	switch {
	case len(args) > 0 && (args[0] == "apply" || args[0] == "log"):
		fs.Init("chitieu plan "+args[0], flag.ContinueOnError) // its refusals name "chitieu plan apply"
		if args[0] == "apply" {
			return c.planApply(ctx, cfg, fs, args[1:])
		}
		return c.planLog(ctx, cfg, fs, args[1:])
	}
	return c.refuseArgs(c.p.T("cli.subcommand", "Command", "chitieu plan", "Words", "apply, log"), "chitieu plan")
}

func (c *cli) planApply(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	why := fs.String("why", "", "why the plan changes: the resolution")
	yes := fs.Bool("yes", false, "apply without asking")
	dry := fs.Bool("dry-run", false, "only show what would change")
	pos, err := c.parse(cfg, fs, args, "arg.plan_file")
	if err != nil {
		return err
	}
	if *why == "" && !*dry {
		return errors.New(c.p.T("version.why_required"))
	}
	content, err := os.ReadFile(pos[0])
	if err != nil {
		return err // said as a file that cannot be read
	}
	next, err := c.loadPlan(pos[0])
	if err != nil {
		return err
	}
	s, err := c.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Plans.Issuer(ctx, content); err != nil {
		return c.termErrorOf(pos[0], err)
	}
	if err := c.showPlanChange(ctx, cfg, s, next); err != nil || *dry {
		return c.termErrorOf(pos[0], err)
	}
	if !*yes && !c.confirm(c.p.T("version.confirm")) {
		fmt.Fprintln(c.stdout, c.p.T("version.not_applied"))
		return errReported
	}
	return c.applyPlan(ctx, s, content, *why)
}

// showPlanChange prints what the new plan changes in the current one and
// the statuses it would change today; its error names the figures it would
// leave unread or misread.
func (c *cli) showPlanChange(ctx context.Context, cfg *Config, s *store.Store, next *indicator.Plan) error {
	cur := s.Term()
	t, err := s.PlaceTerm(ctx, next)
	if err != nil {
		return err
	}
	if !t.Registered() && cur.ID != "" {
		c.printNewTerm(t, cur)
		return c.planGaps(ctx, s.InTerm(t), next)
	}
	s.UseTerm(t)
	old, err := c.currentPlan(ctx, cfg, s)
	if err != nil {
		return err
	}
	if old.Term != next.Term { // another term: nothing of one is the other's
		c.printNewTerm(t, store.Term{Name: fmt.Sprintf("%d–%d", old.Term.From.Year(), old.Term.To.Year()), To: old.Term.To,
			Closes: old.Closes()})
		return c.planGaps(ctx, s, next)
	}
	c.printDiff(old, next)
	moved, err := c.statusChanges(ctx, s, old, next)
	if err != nil {
		return err
	}
	for _, line := range moved {
		fmt.Fprintln(c.stdout, line)
	}
	return c.planGaps(ctx, s, next)
}

// currentPlan is the current version in Redis or, before the first, the
// plan file serve runs on.
func (c *cli) currentPlan(ctx context.Context, cfg *Config, s *store.Store) (*indicator.Plan, error) {
	v, ok, err := s.Plans.Current(ctx)
	if err != nil {
		return nil, err
	}
	if !ok {
		fmt.Fprintln(c.stdout, c.p.T("version.against_file", "File", cfg.Plan))
		return indicator.LoadFile(cfg.Plan)
	}
	fmt.Fprintln(c.stdout, c.p.T("version.against", "N", v.N, "Hash", v.Hash[:12], "Why", v.Why))
	return indicator.Load([]byte(v.Content))
}

func (c *cli) printDiff(old, next *indicator.Plan) {
	lines := append(render.PlanChanges(c.p, indicator.Diff(old, next)), render.Changes(c.p, old, next)...)
	for _, line := range append(lines, render.Revisions(c.p, old, next)...) {
		fmt.Fprintln(c.stdout, line)
	}
}

// statusChanges evaluates both plans today on the figures in Redis and
// tells each indicator whose status the new plan would change.
func (c *cli) statusChanges(ctx context.Context, s *store.Store, old, next *indicator.Plan) ([]string, error) {
	was, err := c.statusesToday(ctx, s, old)
	if err != nil {
		return nil, err
	}
	now, err := c.statusesToday(ctx, s, next)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, ind := range next.Indicators() {
		before, ok := was[ind.Code]
		for _, f := range ind.Formerly {
			if b, found := was[f]; !ok && found {
				before, ok = b, true
			}
		}
		if ok && before != now[ind.Code] {
			out = append(out, c.p.T("version.status", "Code", ind.Code,
				"Was", c.p.T("status."+before.String()), "Now", c.p.T("status."+now[ind.Code].String())))
		}
	}
	return out, nil
}

// statusesToday is each indicator's status today under plan.
func (c *cli) statusesToday(ctx context.Context, s *store.Store, plan *indicator.Plan) (map[string]indicator.Status, error) {
	s.Follow(plan)
	stored, err := s.Figures.All(ctx, plan.Codes(), plan.Span())
	if err != nil {
		return nil, err
	}
	day := indicator.DateOf(c.now().In(plan.Location))
	out := map[string]indicator.Status{}
	for _, ind := range plan.Indicators() {
		out[ind.Code] = indicator.Evaluate(ind, indicator.FiguresOf(stored[ind.Code]), day).Status
	}
	return out, nil
}

// confirm asks on the terminal; only a yes applies.
func (c *cli) confirm(question string) bool {
	fmt.Fprint(c.stdout, question)
	if c.stdin == nil {
		return false
	}
	line, _ := bufio.NewReader(c.stdin).ReadString('\n')
	if !strings.HasSuffix(line, "\n") { // the input ended: no line's end echoed to close the question's
		fmt.Fprintln(c.stdout)
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "có", "co", "yes", "y":
		return true
	}
	return false
}

func (c *cli) applyPlan(ctx context.Context, s *store.Store, content []byte, why string) error {
	v, created, err := s.Plans.Apply(ctx, content, 0, why)
	if err != nil {
		return err
	}
	key := "version.applied"
	if !created {
		key = "version.same"
	}
	fmt.Fprintln(c.stdout, c.p.T(key, "N", v.N, "Hash", v.Hash[:12]))
	return nil
}

// planLog lists the plan's versions, the current one marked.
func (c *cli) planLog(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	if _, err := c.parse(cfg, fs, args); err != nil {
		return err
	}
	s, err := c.openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer s.Close()
	all, err := s.Plans.Versions(ctx)
	if err != nil {
		return err
	}
	if len(all) == 0 {
		fmt.Fprintln(c.stdout, c.p.T("version.log_empty", "File", cfg.Plan))
	}
	names := map[string]string{}
	terms, err := s.Terms(ctx)
	if err != nil {
		return err
	}
	for _, t := range terms {
		names[t.ID] = t.Name
	}
	zone, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		zone = time.UTC
	}
	for i, v := range all { // the latest is the current one: applying always makes it so
		at := v.At.In(zone)
		fmt.Fprintln(c.stdout, c.p.T("version.log", "N", v.N, "Time", at.Format("15:04"), "Date", at.Format("02/01/2006"),
			"By", v.By, "Hash", v.Hash[:12], "Why", v.Why, "Current", i == len(all)-1, "Term", cmp.Or(names[v.Term], v.Term)))
	}
	return nil
}

// printNewTerm says what applying the plan of a next term t does: t
// begins on its first day, cur running until then and taking late figures
// until it closes.
func (c *cli) printNewTerm(t, cur store.Term) {
	fmt.Fprintln(c.stdout, c.p.T("version.new_term", "Term", t.Name, "From", render.Date(t.From), "To", render.Date(t.To),
		"Old", cur.Name, "Closes", render.Date(cur.Closes), "Now", t.Started(t.Today(c.now()))))
}
