package bot_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/bot"
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/reminders"
	"chitieu/store"
	"chitieu/store/storetest"
	"chitieu/telegramtest"
)

// unlimited is a fake server that lets everything through, so the
// benchmarks measure the bot, not Telegram's limits.
var unlimited = telegramtest.Options{Overall: 1e9, PerChat: 1e9, PerChatBurst: 1 << 20}

// reporters makes n reporters, each of a unit with a level indicator, and
// returns them with the line each sends.
func reporters(b *testing.B, s *store.Store, plan *indicator.Plan, n int) ([]telegramtest.User, []string) {
	var levels []*indicator.Indicator
	for _, ind := range plan.Indicators() {
		if ind.Kind == indicator.Level && ind.Unit() == "%" {
			levels = append(levels, ind)
		}
	}
	var users []telegramtest.User
	var texts []string
	for i := range n {
		ind := levels[i%len(levels)]
		u := telegramtest.User{ID: int64(10000 + i), FirstName: fmt.Sprint("Cán bộ ", i), Lang: "vi"}
		s.EnsureAdmin(context.Background(), store.Profile{ID: u.ID, Name: u.FirstName})
		s.SetAccess(context.Background(), 0, u.ID, []store.Role{store.Reporter}, ind.Owner)
		users = append(users, u)
		texts = append(texts, ind.Code+": 100%")
	}
	return users, texts
}

// BenchmarkOneLineReport measures updates handled a second end to end: a
// one-line report through the real client library, the fake Bot API
// server and the store, from 50 reporters at once, with 0, 1,000 and
// 10,000 figures already stored for each indicator reported.
func BenchmarkOneLineReport(b *testing.B) {
	for _, n := range []int{0, 1000, 10000} {
		b.Run(fmt.Sprintf("figures=%d", n), func(b *testing.B) { benchReports(b, n, nil) })
	}
}

// BenchmarkOneLineReportAsServed is BenchmarkOneLineReport as serve wires
// the bot: the alert check after each figure, for ten leaders.
func BenchmarkOneLineReportAsServed(b *testing.B) {
	for _, n := range []int{0, 1000, 10000} {
		b.Run(fmt.Sprintf("figures=%d", n), func(b *testing.B) {
			benchReports(b, n, func(d *bot.Deps, s *store.Store, plan *indicator.Plan) {
				for i := range 10 {
					id := int64(900000 + i)
					s.EnsureAdmin(context.Background(), store.Profile{ID: id, Name: fmt.Sprint("Lãnh đạo ", i)})
					s.SetAccess(context.Background(), 0, id, []store.Role{store.Leader}, "")
				}
				svc := reminders.New(reminders.Service{Store: s, Plan: plan, Catalog: d.Catalog, Now: d.Now,
					Calendar: reminders.Calendar{Loc: plan.Location}})
				d.AfterSave = svc.AfterReport
			})
		})
	}
}

// benchReports runs the one-line report benchmark with n figures stored
// for each indicator, and wire's changes to the bot's dependencies.
func benchReports(b *testing.B, n int, wire func(*bot.Deps, *store.Store, *indicator.Plan)) {
	plan, _ := indicator.Load(plans.Example)
	s := storetest.New(b, func() time.Time { return today })
	srv := telegramtest.New(b, unlimited)
	users, texts := reporters(b, s, plan, 50)
	history(b, s, plan, texts, n)
	api, err := bot.NewAPI(telegramtest.Token, srv.Endpoint(), nil)
	if err != nil {
		b.Fatal(err)
	}
	var fin finishes
	deps := bot.Deps{Store: s, Plan: plan, Catalog: locales.MustLoad(), API: api, Now: func() time.Time { return today },
		Flood: bot.FloodLimit{PerMinute: 1 << 30, Burst: 1 << 30}, Observer: &fin}
	if wire != nil {
		wire(&deps, s, plan)
	}
	bt := bot.New(deps)
	stop := run(func(ctx context.Context) { bt.Poll(ctx, api) })
	defer stop()
	b.ResetTimer()
	start, cpu := time.Now(), startCPU()
	for i := range b.N {
		srv.SendText(users[i%len(users)], texts[i%len(texts)])
	}
	for deadline := time.Now().Add(5 * time.Minute); fin.n.Load() < int64(b.N); time.Sleep(100 * time.Microsecond) {
		if time.Now().After(deadline) {
			b.Fatalf("%d of %d updates handled", fin.n.Load(), b.N)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "updates/s")
	cpu.report(b, b.N)
}

// history stores n figures for each indicator the lines report, spread
// over the term before today, as years of reports would leave them.
func history(b *testing.B, s *store.Store, plan *indicator.Plan, lines []string, n int) {
	seen := map[string]bool{}
	for _, line := range lines {
		code, _, _ := strings.Cut(line, ":")
		if seen[code] || n == 0 {
			continue
		}
		seen[code] = true
		ind := plan.Indicator(code)
		days := int(indicator.DateOf(today) - ind.Term.From)
		figs := make([]store.NewFigure, n)
		for i := range figs {
			figs[i] = store.NewFigure{Indicator: code, Date: ind.Term.From + indicator.Date(i*days/n), Value: float64(90 + i%10),
				Key: fmt.Sprint("h:", code, ":", i)}
		}
		for chunk := range slices.Chunk(figs, 2000) {
			if _, err := s.ImportFigures(context.Background(), 0, chunk); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkEchoBot is the ceiling: a bare bot on the same library and
// server that answers each message with its text.
func BenchmarkEchoBot(b *testing.B) {
	srv := telegramtest.New(b, unlimited)
	api, err := tg.NewBotAPIWithAPIEndpoint(telegramtest.Token, srv.Endpoint())
	if err != nil {
		b.Fatal(err)
	}
	stop := run(func(ctx context.Context) {
		offset := 0
		for ctx.Err() == nil {
			ups, _ := api.GetUpdates(tg.UpdateConfig{Offset: offset, Timeout: 1})
			for _, u := range ups {
				api.Send(tg.NewMessage(u.Message.Chat.ID, u.Message.Text))
				offset = u.UpdateID + 1
			}
		}
	})
	defer stop()
	b.ResetTimer()
	start, cpu := time.Now(), startCPU()
	for i := range b.N {
		srv.SendText(telegramtest.User{ID: int64(10000 + i%50), FirstName: "x"}, "CT01.2: 100%")
	}
	drain(b, srv)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "updates/s")
	cpu.report(b, b.N)
}

// drain waits until every update is confirmed, which happens only once
// it was handled.
func drain(b *testing.B, srv *telegramtest.Server) {
	for deadline := time.Now().Add(5 * time.Minute); srv.Pending() > 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			b.Fatalf("%d updates still pending", srv.Pending())
		}
	}
}

func run(f func(ctx context.Context)) func() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); f(ctx) }()
	return func() { cancel(); wg.Wait() }
}
