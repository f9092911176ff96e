package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"

	"chitieu/bot"
	"chitieu/clock"
	"chitieu/indicator"
	"chitieu/metrics"
	"chitieu/reminders"
	"chitieu/store"
)

// App is the running bot: its store, its Telegram client and its HTTP
// server, made from the configuration.
type App struct {
	Config    *Config
	Plan      *indicator.Plan
	Store     *store.Store
	API       *bot.API
	Bot       *bot.Bot
	Reminders *reminders.Service
	Sender    *reminders.Sender
	Metrics   *metrics.Metrics
	Log       *slog.Logger
	Limits    httpLimits
	follower  *planFollower // takes up the plan versions applied while it runs
	// committees are every committee served, this one first, with the
	// desk in front of their bots.
	committees *committees
	ready      readiness
	listenLn   listener // CHITIEU_LISTEN, bound
	metricsLn  listener // CHITIEU_METRICS_LISTEN, bound when set
}

// serve runs the bot until SIGINT or SIGTERM.
func (c *cli) serve(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	if _, err := c.parse(cfg, fs, args); err != nil {
		return err
	}
	if cfg.TelegramToken == "" {
		return say("cfg.token_required")
	}
	main, metrics, err := bind(cfg)
	if err != nil {
		return err
	}
	c.serving = true
	plan, err := c.openPlan(cfg)
	var app *App
	if err == nil {
		app, err = c.newApp(ctx, cfg, plan, main, metrics)
	}
	if err != nil {
		closeAll(main, metrics)
		return err
	}
	defer app.Close()
	return app.Run(ctx)
}

// bind takes the addresses to listen on before anything else, so serve
// stops at once, saying which, when one is taken.
func bind(cfg *Config) (main, metrics listener, err error) {
	if main, err = listen("CHITIEU_LISTEN", cfg.Listen); err != nil || cfg.MetricsListen == "" {
		return main, metrics, err
	}
	if metrics, err = listen("CHITIEU_METRICS_LISTEN", cfg.MetricsListen); err != nil {
		closeAll(main)
	}
	return main, metrics, err
}

func closeAll(ls ...listener) {
	for _, l := range ls {
		if l.ln != nil {
			l.ln.Close()
		}
	}
}

// newApp makes the app of cfg and plan, to serve on the addresses bound
// (bind): the committee cfg names (the plan file's), and beside it every
// other committee registered, each on its current plan version.
func (c *cli) newApp(ctx context.Context, cfg *Config, plan *indicator.Plan, main, metricsLn listener) (*App, error) {
	log := slog.New(slog.NewJSONHandler(c.stderr, nil))
	s, err := c.openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := c.startPlan(ctx, cfg, s, plan); err != nil {
		s.Close()
		return nil, err
	}
	var set *committees // made below; the metrics are read once serve runs
	m := metrics.New(metrics.Sources{OutboxDepth: func(ctx context.Context) (int64, error) { return set.depth(ctx) },
		Pool: func() metrics.Pool { return metrics.Pool(s.Pool()) }})
	// The bot's client counts its answers 429; the sender counts the
	// pushes' own, as pushAPI tries no call again.
	api, err := bot.NewAPI(cfg.TelegramToken, cfg.TelegramEndpoint, nil, bot.WithTooMany(m.TooManyRequests))
	if err != nil {
		s.Close()
		return nil, err
	}
	pushAPI, err := bot.NewAPI(cfg.TelegramToken, cfg.TelegramEndpoint, nil, bot.WithRetries(0))
	if err != nil {
		s.Close()
		return nil, err
	}
	admins, _ := cfg.AdminIDs()
	leaders, _ := cfg.CityLeaderIDs()
	sv := served{cfg: cfg, api: api, pushAPI: pushAPI, log: log, m: m, admins: admins, leaders: leaders,
		clk: clock.At(c.now)} // the one clock: the store's, the bot's, the reminders' and the sender's
	home, err := c.serveCommittee(ctx, sv, s, plan)
	if err == nil {
		set, err = c.serveAll(ctx, sv, home)
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	return &App{Config: cfg, Plan: plan, Store: s, API: api, Bot: home.bot, Reminders: home.svc, Sender: home.sender, Metrics: m, Log: log,
		Limits: defaultLimits(), follower: home.follower, committees: set, listenLn: main, metricsLn: metricsLn}, nil
}

// served is what every committee's part of serve shares.
type served struct {
	cfg          *Config
	api, pushAPI *bot.API
	log          *slog.Logger
	m            *metrics.Metrics
	admins       []int64 // city admins: admins of every committee
	leaders      []int64 // city leaders: readers of every committee
	clk          clock.Clock
}

// committeePart is one committee as serve runs it: its bot, its
// reminders and their sender, and the follower of its plan versions.
type committeePart struct {
	committee store.Committee
	store     *store.Store
	plan      *indicator.Plan
	bot       *bot.Bot
	svc       *reminders.Service
	sender    *reminders.Sender
	follower  *planFollower
}

// serveCommittee makes the parts of one committee, on its store and plan
// (its term in use already).
func (c *cli) serveCommittee(ctx context.Context, sv served, s *store.Store, plan *indicator.Plan) (*committeePart, error) {
	svc, sender := c.pushes(sv.cfg, s, plan, sv.pushAPI, sv.log, sv.clk, sv.m)
	b, follower, err := followedBot(ctx, sv.cfg, s, sv.log, bot.Deps{Store: s, Plan: plan, Catalog: c.catalog(), API: sv.api, Log: sv.log,
		Clock: sv.clk, Admins: sv.admins, CityLeaders: sv.leaders, Digest: svc.DigestText, AfterSave: svc.AfterReport, Observer: sv.m}, svc, planEvery)
	if err != nil {
		return nil, err
	}
	cm := store.Committee{Code: s.Committee(), Name: cmp.Or(plan.Committee.Name, plan.Title)} // the committee from before: as its reports name it
	if reg, err := s.Committees.Get(ctx, s.Committee()); err == nil {
		cm, svc.Heading = reg, reg.Name // a registered committee's pushes say whose they are
	}
	return &committeePart{committee: cm, store: s, plan: plan, bot: b, svc: svc, sender: sender, follower: follower}, nil
}

// committees are the committees serve runs, the desk that hands each its
// updates, and the city they make together (its roll-up).
type committees struct {
	cli   *cli
	sv    served
	desk  *bot.Desk
	city  *reminders.City
	mu    sync.Mutex
	parts []*committeePart // the committee cfg names first
}

// serveAll makes the committees serve runs: home, and every other
// committee registered, each on its current plan version, behind one
// desk: one Telegram bot for all.
func (c *cli) serveAll(ctx context.Context, sv served, home *committeePart) (*committees, error) {
	set := &committees{cli: c, sv: sv, parts: []*committeePart{home}, city: &reminders.City{Leaders: sv.leaders}}
	set.city.Add(reminders.CityCommittee{Name: home.committee.Name, Service: home.svc})
	set.desk = bot.NewDesk([]store.Committee{home.committee}, []*bot.Bot{home.bot})
	set.desk.Rollup = set.city.RollupNow
	if _, err := set.look(ctx, true); err != nil {
		return nil, err
	}
	return set, nil
}

// look takes up the committees registered and not served yet, and returns
// them. At start (strict) one that cannot be served stops serve; later it
// is logged and looked at again next time.
func (set *committees) look(ctx context.Context, strict bool) ([]*committeePart, error) {
	home := set.all()[0]
	list, err := home.store.Committees.List(ctx)
	if err != nil {
		if strict {
			return nil, err
		}
		set.sv.log.Warn("the committees are not read", "err", err)
		return nil, nil
	}
	var added []*committeePart
	for _, cm := range list {
		if set.serves(cm.Code) {
			continue
		}
		p, err := set.cli.otherCommittee(ctx, set.sv, home.store, cm)
		if err != nil && strict {
			return nil, fmt.Errorf("committee %s: %w", cm.Code, err)
		}
		if err != nil {
			set.sv.log.Warn("a committee is not served yet", "committee", cm.Code, "err", err)
			continue
		}
		set.mu.Lock()
		set.parts = append(set.parts, p)
		set.mu.Unlock()
		set.desk.Add(p.committee, p.bot)
		set.city.Add(reminders.CityCommittee{Name: p.committee.Name, Service: p.svc})
		added = append(added, p)
		if !strict {
			set.sv.log.Info("a committee registered is served", "committee", cm.Code, "name", cm.Name)
		}
	}
	return added, nil
}

func (set *committees) serves(code string) bool {
	for _, p := range set.all() {
		if p.committee.Code == code {
			return true
		}
	}
	return false
}

func (set *committees) all() []*committeePart {
	set.mu.Lock()
	defer set.mu.Unlock()
	return slices.Clone(set.parts)
}

// depth is how many pushes the committees' outboxes hold, all together.
func (set *committees) depth(ctx context.Context) (int64, error) {
	var n int64
	for _, p := range set.all() {
		d, err := p.store.Pushes.Depth(ctx)
		if err != nil {
			return n, err
		}
		n += d
	}
	return n, nil
}

func (set *committees) senders() []*reminders.Sender {
	var out []*reminders.Sender
	for _, p := range set.all() {
		out = append(out, p.sender)
	}
	return out
}

// committeesEvery is how often serve looks for a committee registered
// while it runs.
const committeesEvery = 2 * time.Second

// run runs each committee's scheduler and plan follower and the sender of
// all their outboxes, and takes up each committee registered while it
// runs, until ctx ends or one of them fails (it is returned).
func (set *committees) run(ctx context.Context, a *App) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	failed := make(chan error, 1)
	start := func(name string, run func(context.Context) error) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(ctx); err != nil {
				select {
				case failed <- fmt.Errorf("%s: %w", name, err):
				default:
				}
				cancel()
			}
		}()
	}
	begin := func(p *committeePart) error {
		jobs := p.svc.Jobs()
		if p == set.all()[0] && len(set.city.Leaders) > 0 {
			jobs = append(jobs, set.city.Job())
		}
		sch, err := a.scheduler(ctx, p.svc, p.plan, jobs)
		if err != nil {
			return err
		}
		start("scheduler "+p.committee.Code, sch)
		start("plan "+p.committee.Code, p.follower.run)
		return nil
	}
	for _, p := range set.all() {
		if err := begin(p); err != nil {
			return err
		}
	}
	start("sender", func(ctx context.Context) error { return reminders.RunAll(ctx, set.senders) })
	t := time.NewTicker(committeesEvery)
	defer t.Stop()
	for ctx.Err() == nil {
		select {
		case <-ctx.Done():
		case <-t.C:
			added, _ := set.look(ctx, false)
			for _, p := range added {
				if err := begin(p); err != nil {
					a.Log.Warn("a committee added is not scheduled", "committee", p.committee.Code, "err", err)
				}
			}
		}
	}
	wg.Wait()
	select {
	case err := <-failed:
		return err
	default:
		return nil
	}
}

// otherCommittee makes the parts of a committee registered beside the one
// cfg names, on its plan's current version in Redis.
func (c *cli) otherCommittee(ctx context.Context, sv served, home *store.Store, cm store.Committee) (*committeePart, error) {
	s, err := home.For(cm.Code)
	if err != nil {
		return nil, err
	}
	plan, err := c.committeesPlan(ctx, s)
	if err != nil {
		return nil, err
	}
	w, err := sv.cfg.WorkDays()
	if err != nil {
		return nil, err
	}
	plan.SetWorkDays(w)
	if err := s.Init(ctx); err != nil {
		return nil, err
	}
	if err := scopeToPlan(ctx, s, plan); err != nil {
		return nil, c.termErrorOf(cm.Code, err)
	}
	if err := startTerm(ctx, s, plan); err != nil {
		return nil, err
	}
	p, err := c.serveCommittee(ctx, sv, s, plan)
	if err == nil {
		p.committee = cm
	}
	return p, err
}

// Run receives updates, by webhook or by long polling, runs the jobs and
// sends the pushes until ctx ends or one of these fails; what is in hand
// is finished first. A failure of any part stops them all and is returned.
func (a *App) Run(ctx context.Context) error {
	if a.listenLn.ln == nil {
		var err error
		if a.listenLn, a.metricsLn, err = bind(a.Config); err != nil {
			return err
		}
	}
	servers, err := a.servers()
	if err != nil {
		return err
	}
	parts := append(servers, part{"receiver", a.receive}, part{"committees", func(ctx context.Context) error { return a.committees.run(ctx, a) }})
	a.Bot.SetCommands(ctx)
	a.Log.Info("chitieu started", "plan", a.Plan.Code, "committees", len(a.committees.all()), "bot", a.API.Username(), "listen", a.Config.Listen,
		"metrics_listen", a.Config.MetricsListen, "webhook", a.Config.WebhookURL != "")
	err = supervise(ctx, parts...)
	a.Log.Info("chitieu stopped", "err", err)
	return err
}

// servers are the HTTP servers on their bound addresses: webhooks and
// /healthz on CHITIEU_LISTEN, with /readyz and /metrics there too unless
// CHITIEU_METRICS_LISTEN gives them an address of their own.
func (a *App) servers() ([]part, error) {
	main := http.NewServeMux()
	main.HandleFunc("GET /healthz", healthz)
	if a.Config.WebhookURL != "" {
		u, err := url.Parse(a.Config.WebhookURL)
		if err != nil {
			return nil, err
		}
		main.Handle("POST "+u.Path, a.Bot.Webhook(a.Config.WebhookSecret))
	}
	watch := main
	if a.metricsLn.ln != nil {
		watch = http.NewServeMux()
		watch.HandleFunc("GET /healthz", healthz)
	}
	watch.HandleFunc("GET /readyz", a.readyz)
	watch.Handle("GET /metrics", a.Metrics.Handler())
	parts := []part{a.httpPart(a.listenLn, main)}
	if a.metricsLn.ln != nil {
		parts = append(parts, a.httpPart(a.metricsLn, watch))
	}
	return parts, nil
}

func (a *App) httpPart(l listener, h http.Handler) part {
	return part{"http " + l.ln.Addr().String(), func(ctx context.Context) error {
		return l.serve(ctx, h, a.Limits, 30*time.Second)
	}}
}

func healthz(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok\n")) }

// receive gets updates until ctx ends: in webhook mode it tells Telegram
// where to post them (the HTTP server takes them), otherwise it polls.
func (a *App) receive(ctx context.Context) error {
	if a.Config.WebhookURL != "" {
		if err := bot.SetWebhook(ctx, a.API, a.Config.WebhookURL, a.Config.WebhookSecret); err != nil {
			return err
		}
		<-ctx.Done()
		return nil
	}
	if err := bot.DeleteWebhook(ctx, a.API); err != nil {
		return err
	}
	return a.Bot.Poll(ctx, a.API)
}

// pushObserver counts the job runs and the pushes (the metrics, in serve).
type pushObserver interface {
	reminders.JobObserver
	reminders.PushObserver
}

// pushes makes the reminders' service and the outbox's sender, counted by
// obs (nil for none); pushAPI is made with bot.WithRetries(0): the sender
// retries through the outbox.
func (c *cli) pushes(cfg *Config, s *store.Store, plan *indicator.Plan, pushAPI *bot.API, log *slog.Logger, clk clock.Clock, obs pushObserver) (*reminders.Service, *reminders.Sender) {
	rc, cal, _ := cfg.Schedule()
	cal.Loc = plan.Location
	host, _ := os.Hostname()
	name := fmt.Sprintf("%s-%d", host, os.Getpid())
	svc := reminders.New(reminders.Service{Store: s, Plan: plan, Catalog: c.catalog(), Calendar: cal, Clock: clk, Log: log,
		Config: rc, Name: name, Observer: obs})
	sender := &reminders.Sender{Store: s, API: pushAPI, Calendar: cal, Clock: clk, Log: log, Name: name, Observer: obs}
	return svc, sender
}

// scheduler makes the scheduler of the jobs (reminders, digest, sweep)
// and returns it as a part: it makes up the runs missed while no instance
// was up, runs the jobs until ctx ends, then lets the runs in hand finish.
func (a *App) scheduler(ctx context.Context, svc *reminders.Service, plan *indicator.Plan, jobs []reminders.Job) (func(context.Context) error, error) {
	sch, err := reminders.NewScheduler(plan.Location, clockwork.NewRealClock())
	if err != nil {
		return nil, err
	}
	jobCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	if err := svc.Schedule(jobCtx, sch, jobs); err != nil {
		cancel()
		return nil, err
	}
	return func(ctx context.Context) error {
		sch.Start()
		caughtUp := make(chan struct{})
		go func() { svc.CatchUp(jobCtx, jobs); close(caughtUp) }()
		<-ctx.Done()
		if err := sch.Shutdown(); err != nil {
			a.Log.Warn("scheduler shutdown", "err", err)
		}
		cancel()
		<-caughtUp
		return nil
	}, nil
}

// readiness remembers Telegram's last answer for a while, so a prober
// does not call getMe each second.
type readiness struct {
	mu      sync.Mutex
	checked time.Time
	err     error
}

// readyz answers 200 when Redis and the Bot API both answer, 503 saying
// which does not otherwise.
func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	var problems []string
	if err := a.Store.Ping(ctx); err != nil {
		problems = append(problems, "redis: "+err.Error())
	}
	if err := a.telegramReady(); err != nil {
		problems = append(problems, "telegram: "+err.Error())
	}
	if len(problems) > 0 {
		http.Error(w, strings.Join(problems, "\n"), http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok\n"))
}

func (a *App) telegramReady() error {
	a.ready.mu.Lock()
	defer a.ready.mu.Unlock()
	if time.Since(a.ready.checked) > 15*time.Second {
		a.ready.err, a.ready.checked = a.API.Check(), time.Now()
	}
	return a.ready.err
}

// Close lets go of Redis and of the addresses listened on.
func (a *App) Close() error {
	closeAll(a.listenLn, a.metricsLn)
	return a.Store.Close()
}
