package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"chitieu/bot"
	"chitieu/clock"
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/reminders"
	"chitieu/store"
)

// tryUnit is the unit the person trying the bot reports for.
const tryUnit = "BTC"

// try runs the bot with nothing set up: an in-memory Redis, the example
// plan with sample figures, a clock inside the term, and a chat in the
// terminal (or real Telegram when a token is given). Nothing is kept.
func (c *cli) try(ctx context.Context, cfg *Config, fs *flag.FlagSet, args []string) error {
	if _, err := c.parse(cfg, fs, args); err != nil {
		return err
	}
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		return fmt.Errorf("example plan: %w", err)
	}
	w, err := cfg.WorkDays()
	if err != nil {
		return err
	}
	plan.SetWorkDays(w)
	day := plans.TryDay(plan, indicator.DateOf(c.now().In(plan.Location)))
	start, wall := day.In(plan.Location).Add(9*time.Hour), c.now()
	now := func() time.Time { return start.Add(c.now().Sub(wall)) }
	mr := miniredis.NewMiniRedis()
	if err := mr.Start(); err != nil {
		return err
	}
	defer mr.Close()
	s, err := c.sampleStore(ctx, mr, plan, day, now)
	if err != nil {
		return err
	}
	defer s.Close()
	fmt.Fprintln(c.stdout, c.p.T("try.banner", "Plan", plan.Code, "Date", locales.FormatDate(start)))
	if cfg.TelegramToken != "" {
		return c.tryTelegram(ctx, cfg, plan, s, now)
	}
	return c.tryTerminal(ctx, cfg, plan, s, now)
}

// tryBot is the trial's bot with its reminders, and the outbox's sender.
func (c *cli) tryBot(ctx context.Context, cfg *Config, plan *indicator.Plan, s *store.Store, token, endpoint string, now func() time.Time) (*bot.Bot, *reminders.Sender, error) {
	api, err := bot.NewAPI(token, endpoint, nil)
	if err != nil {
		return nil, nil, err
	}
	pushAPI, err := bot.NewAPI(token, endpoint, nil, bot.WithRetries(0))
	if err != nil {
		return nil, nil, err
	}
	log := slog.New(slog.DiscardHandler)
	clk := clock.At(now) // the one clock, on the example's day
	svc, sender := c.pushes(cfg, s, plan, pushAPI, log, clk, nil)
	admins, _ := cfg.AdminIDs()
	// The versions applied in the trial (a plan file sent with @PATH) are
	// followed as serve does, at a shorter interval.
	b, f, err := followedBot(ctx, cfg, s, log, bot.Deps{Store: s, Plan: plan, Catalog: c.catalog(), API: api, Clock: clk,
		Admins: admins, Digest: svc.DigestText, AfterSave: svc.AfterReport,
		Flood: bot.FloodLimit{PerMinute: 600, Burst: 200}}, // one person trying, who may paste many lines at once
		svc, 200*time.Millisecond)
	if err != nil {
		return nil, nil, err
	}
	go f.run(ctx)
	return b, sender, nil
}

// sampleStore is an in-memory store holding the example plan as its
// first version, its term the store's, and the sample figures.
func (c *cli) sampleStore(ctx context.Context, mr *miniredis.Miniredis, plan *indicator.Plan, day indicator.Date, now func() time.Time) (*store.Store, error) {
	s, err := store.New(redis.NewClient(&redis.Options{Addr: mr.Addr(), DisableIdentity: true}), store.Options{Prefix: "try", Now: now})
	if err == nil {
		err = s.Init(ctx)
	}
	if err == nil {
		_, err = s.Plans.Seed(ctx, plans.Example, c.p.T("version.seeded", "File", plans.ExampleName))
	}
	if err == nil {
		err = scopeToPlan(ctx, s, plan)
	}
	if err != nil {
		return nil, err
	}
	var figs []store.NewFigure
	for code, list := range plans.SampleFigures(plan, day) {
		for i, f := range list {
			figs = append(figs, store.NewFigure{Indicator: code, Date: f.Date, Value: f.Value, Source: "sample", Key: fmt.Sprintf("sample:%s:%d", code, i)})
		}
	}
	_, err = s.Figures.Import(ctx, 0, figs)
	return s, err
}

// tryTelegram runs the trial bot on real Telegram.
func (c *cli) tryTelegram(ctx context.Context, cfg *Config, plan *indicator.Plan, s *store.Store, now func() time.Time) error {
	b, sender, err := c.tryBot(ctx, cfg, plan, s, cfg.TelegramToken, cfg.TelegramEndpoint, now)
	if err != nil {
		return err
	}
	api := b.API.(*bot.API)
	if err := bot.DeleteWebhook(ctx, api); err != nil {
		return err
	}
	b.SetCommands(ctx)
	fmt.Fprintln(c.stdout, c.p.T("try.telegram", "Bot", api.Username()))
	go sender.Run(ctx)
	return b.Poll(ctx, api)
}
