package main

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"chitieu/bot"
	"chitieu/calendar"
	"chitieu/indicator"
	"chitieu/reminders"
	"chitieu/store"
)

// planEvery is how often a running instance looks for a new plan version.
const planEvery = 2 * time.Second

// planFollower keeps a running instance on the plan version Redis holds as
// current: a version applied by `chitieu plan apply`, or by another
// instance started on a new file, is taken up within planEvery, without a
// restart. A version that would orphan or misread figures is refused (and
// logged) as serve refuses it at start.
type planFollower struct {
	follow
	store *store.Store
	work  calendar.WorkDays
	log   *slog.Logger
	mu    sync.Mutex // check runs on the ticker and when the bot applied a version
	n     int        // the version in force, or the last one refused
}

// follow is who a planFollower tells of what, and how often it looks.
type follow struct {
	apply []func(*indicator.Plan) // who takes the plan up: the bot, the reminders
	// newTerm is told when the instance moves to a new term (the final
	// report of the one finished); nil for none.
	newTerm func(ctx context.Context) error
	every   time.Duration // planEvery unless set
}

// newFollower follows the plan from the version current now (the one
// serve started with), handing each new one to fw.apply.
func newFollower(ctx context.Context, cfg *Config, s *store.Store, log *slog.Logger, fw follow) (*planFollower, error) {
	work, err := cfg.WorkDays()
	if err != nil {
		return nil, err
	}
	n, err := s.Plans.CurrentNumber(ctx)
	if err != nil {
		return nil, err
	}
	if fw.every == 0 {
		fw.every = planEvery
	}
	return &planFollower{follow: fw, store: s, work: work, log: log, n: n}, nil
}

// followedBot makes the bot of d and the follower that keeps it and svc on
// the current plan version, checking every so often (planEvery when 0).
// Each tells the other: the follower hands the bot each version it takes
// up, the bot tells the follower of one an admin applied through it.
func followedBot(ctx context.Context, cfg *Config, s *store.Store, log *slog.Logger, d bot.Deps, svc *reminders.Service, every time.Duration) (*bot.Bot, *planFollower, error) {
	var b *bot.Bot // made once the follower it tells is
	f, err := newFollower(ctx, cfg, s, log, follow{every: every,
		apply:   []func(*indicator.Plan){func(p *indicator.Plan) { b.SetPlan(p) }, svc.SetPlan},
		newTerm: func(ctx context.Context) error { return svc.TermReports(ctx, svc.Clock.Now()) }})
	if err != nil {
		return nil, nil, err
	}
	d.PlanApplied = f.check
	b = bot.New(d)
	return b, f, nil
}

func (f *planFollower) run(ctx context.Context) error {
	t := time.NewTicker(f.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
			f.check(ctx)
		}
	}
}

// check takes up the current version when it is not the one in force.
func (f *planFollower) check(ctx context.Context) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.store.RefreshTerms(ctx); err != nil {
		return // Redis away: the next look tries again
	}
	n, err := f.store.Plans.CurrentNumber(ctx)
	if err != nil || n == f.n || n == 0 {
		return // Redis away: the next look tries again
	}
	v, ok, err := f.store.Plans.Current(ctx)
	if err != nil || !ok {
		return
	}
	plan, err := indicator.Load([]byte(v.Content))
	if err != nil {
		f.log.Error("a plan version does not load: the plan in force stays", "version", v.N, "err", err)
		f.n = v.N
		return
	}
	plan.SetWorkDays(f.work)
	term, err := f.store.ForPlan(ctx, plan)
	if err != nil {
		f.log.Error("a plan version's term is not the current one: the plan in force stays", "version", v.N, "err", err)
		f.n = v.N
		return
	}
	in := f.store.InTerm(term) // a new term's plan reads the new term's figures only
	in.Follow(plan)
	if gaps, err := in.Plans.Compare(ctx, plan); err != nil || !gaps.OK() {
		if err == nil {
			f.log.Error("a plan version would orphan or misread figures: the plan in force stays", "version", v.N,
				"orphans", len(gaps.Orphans), "reshaped", len(gaps.Reshaped))
			f.n = v.N
		}
		return
	}
	f.takeUp(ctx, plan, term, v.N)
}

func (f *planFollower) takeUp(ctx context.Context, plan *indicator.Plan, term store.Term, n int) {
	was := f.store.Term()
	if was.ID != term.ID {
		f.log.Info("a new term starts: the store moves to its figures", "term", term.ID, "from", was.ID)
	}
	f.store.UseTerm(term)
	f.store.Follow(plan)
	if err := f.store.Plans.Record(ctx, plan); err != nil {
		f.log.Warn("the shapes of a new plan version are not recorded", "err", err)
	}
	for _, apply := range f.apply {
		apply(plan)
	}
	f.log.Info("plan version taken up", "version", n, "from", f.n, "indicators", len(plan.Indicators()))
	f.n = n
	if was.ID != term.ID && f.newTerm != nil {
		if err := f.newTerm(ctx); err != nil { // the daily sweep sends it then
			f.log.Warn("the finished term's report is not queued yet", "err", err)
		}
	}
}
