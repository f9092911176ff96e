package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/jonboulle/clockwork"

	"chitieu/bot"
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
	ready     readiness
}

// serve runs the bot until SIGINT or SIGTERM.
func (c *cli) serve(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	if _, err := c.parse(cfg, fs, args, 0); err != nil {
		return err
	}
	if cfg.TelegramToken == "" {
		return errors.New("TELEGRAM_BOT_TOKEN (or TELEGRAM_BOT_TOKEN_FILE) is required")
	}
	plan, err := c.openPlan(cfg)
	if err != nil {
		return err
	}
	app, err := c.newApp(ctx, cfg, plan)
	if err != nil {
		return err
	}
	defer app.Close()
	return app.Run(ctx)
}

func (c *cli) newApp(ctx context.Context, cfg *Config, plan *indicator.Plan) (*App, error) {
	log := slog.New(slog.NewJSONHandler(c.stderr, nil))
	s, err := c.openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := c.startPlan(ctx, cfg, s, plan); err != nil {
		s.Close()
		return nil, err
	}
	api, err := bot.NewAPI(cfg.TelegramToken, cfg.TelegramEndpoint, nil)
	if err != nil {
		s.Close()
		return nil, err
	}
	pushAPI, err := bot.NewAPI(cfg.TelegramToken, cfg.TelegramEndpoint, nil)
	if err != nil {
		s.Close()
		return nil, err
	}
	svc, sender := c.pushes(cfg, s, plan, pushAPI, log, c.now)
	m := metrics.New(metrics.Sources{OutboxDepth: s.OutboxDepth, Pool: func() metrics.Pool { return metrics.Pool(s.Pool()) }})
	svc.Observer, sender.Observer = m, m
	admins, _ := cfg.AdminIDs()
	b := bot.New(bot.Deps{Store: s, Plan: plan, Catalog: c.catalog(), API: api, Log: log, Now: c.now, Admins: admins,
		Digest: svc.DigestText, AfterSave: svc.Check, Observer: m})
	return &App{Config: cfg, Plan: plan, Store: s, API: api, Bot: b, Reminders: svc, Sender: sender, Metrics: m, Log: log}, nil
}

// Run receives updates, by webhook or by long polling, until ctx ends; the
// updates in hand are finished first.
func (a *App) Run(ctx context.Context) error {
	a.Bot.SetCommands(ctx)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /readyz", a.readyz)
	mux.Handle("GET /metrics", a.Metrics.Handler())
	if a.Config.WebhookURL != "" {
		u, err := url.Parse(a.Config.WebhookURL)
		if err != nil {
			return err
		}
		mux.Handle("POST "+u.Path, a.Bot.Webhook(a.Config.WebhookSecret))
	}
	srv := &http.Server{Addr: a.Config.Listen, Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	errs := make(chan error, 1)
	go func() { errs <- srv.ListenAndServe() }()
	stopJobs, err := a.startJobs(ctx)
	if err != nil {
		srv.Close()
		return err
	}
	a.Log.Info("chitieu started", "plan", a.Plan.Code, "bot", a.API.Username(), "listen", a.Config.Listen, "webhook", a.Config.WebhookURL != "")
	err = a.receive(ctx, errs)
	stopJobs()
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	srv.Shutdown(shutdown)
	a.Log.Info("chitieu stopped")
	return err
}

func (a *App) receive(ctx context.Context, httpErrs <-chan error) error {
	if a.Config.WebhookURL != "" {
		if err := bot.SetWebhook(ctx, a.API, a.Config.WebhookURL, a.Config.WebhookSecret); err != nil {
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case err := <-httpErrs:
			return err
		}
	}
	if err := bot.DeleteWebhook(ctx, a.API); err != nil {
		return err
	}
	return a.Bot.Poll(ctx, a.API)
}

// pushes makes the reminders' service and the outbox's sender; pushAPI
// must not retry by itself (the sender retries through the outbox).
func (c *cli) pushes(cfg *Config, s *store.Store, plan *indicator.Plan, pushAPI *bot.API, log *slog.Logger, now func() time.Time) (*reminders.Service, *reminders.Sender) {
	pushAPI.MaxRetries = 0
	rc, cal, _ := cfg.Schedule()
	cal.Loc = plan.Location
	svc := reminders.New(reminders.Service{Store: s, Plan: plan, Catalog: c.catalog(), Calendar: cal, Now: now, Log: log, Config: rc})
	host, _ := os.Hostname()
	sender := &reminders.Sender{Store: s, API: pushAPI, Calendar: cal, Now: now, Log: log, Name: fmt.Sprintf("%s-%d", host, os.Getpid())}
	return svc, sender
}

// startJobs starts the scheduler (reminders, digest, sweep) and the outbox
// sender; the function returned stops both.
func (a *App) startJobs(ctx context.Context) (func(), error) {
	locker, err := a.Store.JobLocker()
	if err != nil {
		return nil, err
	}
	sch, err := reminders.NewScheduler(a.Plan.Location, clockwork.NewRealClock(), locker)
	if err != nil {
		return nil, err
	}
	jobCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	if err := a.Reminders.Schedule(jobCtx, sch, a.Reminders.Jobs()); err != nil {
		cancel()
		return nil, err
	}
	sch.Start()
	done := make(chan struct{})
	go func() { a.Sender.Run(jobCtx); close(done) }()
	return func() {
		sch.Shutdown()
		cancel()
		<-done
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

// Close lets go of Redis.
func (a *App) Close() error { return a.Store.Close() }
