package bot_test

import (
	clk "chitieu/clock"
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
		s.People.EnsureAdmin(context.Background(), store.Profile{ID: u.ID, Name: u.FirstName})
		s.People.SetAccess(context.Background(), 0, u.ID, []store.Role{store.Reporter}, ind.Owner)
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
		b.Run(fmt.Sprintf("figures=%d", n), func(b *testing.B) { benchReports(b, n, asServed) })
	}
}

// asServed wires the alert check after each figure, for ten leaders, as
// serve does.
func asServed(d *bot.Deps, s *store.Store, plan *indicator.Plan) {
	for i := range 10 {
		id := int64(900000 + i)
		s.People.EnsureAdmin(context.Background(), store.Profile{ID: id, Name: fmt.Sprint("Lãnh đạo ", i)})
		s.People.SetAccess(context.Background(), 0, id, []store.Role{store.Leader}, "")
	}
	svc := reminders.New(reminders.Service{Store: s, Plan: plan, Catalog: d.Catalog, Clock: d.Clock,
		Calendar: reminders.Calendar{Loc: plan.Location}})
	d.AfterSave = svc.AfterReport
}

// benchReports runs the one-line report benchmark with n figures stored
// for each indicator, and wire's changes to the bot's dependencies.
func benchReports(b *testing.B, n int, wire func(*bot.Deps, *store.Store, *indicator.Plan)) {
	measure(b, newReportRig(b, n, wire).round)
}

// measure times b.N updates of one round, with the rate and the CPU they
// cost.
func measure(b *testing.B, round func(*testing.B, int)) {
	b.ResetTimer()
	start, cpu := time.Now(), startCPU()
	round(b, b.N)
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "updates/s")
	cpu.report(b, b.N)
}

// BenchmarkReportOverEcho is the ratio the one-line report benchmarks are
// read for, measured so that the machine's ups and downs fall on both
// sides alike: the echo bot and the reporting bot (as serve wires it) take
// turns, 1,000 updates each, and ×echo is the reports' rate over the echo's.
func BenchmarkReportOverEcho(b *testing.B) {
	for _, n := range []int{0, 1000, 10000} {
		b.Run(fmt.Sprintf("figures=%d", n), func(b *testing.B) {
			rep, echo := newReportRig(b, n, asServed), newEchoRig(b)
			var tookEcho, tookReports time.Duration
			b.ResetTimer()
			for done := 0; done < b.N; done += 1000 {
				k := min(1000, b.N-done)
				start := time.Now()
				echo.round(b, k)
				mid := time.Now()
				rep.round(b, k)
				tookEcho, tookReports = tookEcho+mid.Sub(start), tookReports+time.Since(mid)
			}
			b.ReportMetric(tookEcho.Seconds()/tookReports.Seconds(), "×echo")
		})
	}
}

// reportRig is the reporting bot of the benchmarks, running, with its
// reporters and the lines they send.
type reportRig struct {
	srv   *telegramtest.Server
	users []telegramtest.User
	texts []string
	fin   *finishes
	sent  int
}

func newReportRig(b *testing.B, n int, wire func(*bot.Deps, *store.Store, *indicator.Plan)) *reportRig {
	return newReportRigAmong(b, n, wire, 1)
}

// BenchmarkOneLineReportAmongCommittees is BenchmarkOneLineReportAsServed
// with the reporters' committee one of 2 or 100 behind the desk: each
// update first reads which committees the sender belongs to.
func BenchmarkOneLineReportAmongCommittees(b *testing.B) {
	for _, k := range []int{2, 100} {
		b.Run(fmt.Sprintf("committees=%d", k), func(b *testing.B) {
			measure(b, newReportRigAmong(b, 1000, asServed, k).round)
		})
	}
}

// newReportRigAmong is newReportRig with the reporters' committee the
// first of k behind one desk (k = 1: serve's single committee).
func newReportRigAmong(b *testing.B, n int, wire func(*bot.Deps, *store.Store, *indicator.Plan), k int) *reportRig {
	plan, _ := indicator.Load(plans.Example)
	s := storetest.New(b, func() time.Time { return today })
	r := &reportRig{srv: telegramtest.New(b, unlimited), fin: &finishes{}}
	r.users, r.texts = reporters(b, s, plan, 50)
	history(b, s, plan, r.texts, n)
	api, err := bot.NewAPI(telegramtest.Token, r.srv.Endpoint(), nil)
	if err != nil {
		b.Fatal(err)
	}
	deps := bot.Deps{Store: s, Plan: plan, Catalog: locales.MustLoad(), API: api, Clock: clk.At(func() time.Time { return today }),
		Flood: bot.FloodLimit{PerMinute: 1 << 30, Burst: 1 << 30}, Observer: r.fin}
	if wire != nil {
		wire(&deps, s, plan)
	}
	bt := bot.New(deps)
	if wire != nil { // serve puts its committees behind a desk, one or many
		committees, bots := []store.Committee{{Code: s.Committee(), Name: "Đảng bộ phường"}}, []*bot.Bot{bt}
		for i := 1; i < k; i++ {
			other, _ := s.For(fmt.Sprintf("xa-%03d", i))
			d := deps
			d.Store = other
			committees, bots = append(committees, store.Committee{Code: other.Committee(), Name: fmt.Sprint("Đảng bộ xã ", i)}), append(bots, bot.New(d))
		}
		bot.NewDesk(committees, bots)
	}
	b.Cleanup(run(func(ctx context.Context) { bt.Poll(ctx, api) }))
	return r
}

// round sends k reports and waits until the bot finished them.
func (r *reportRig) round(b *testing.B, k int) {
	for range k {
		r.srv.SendText(r.users[r.sent%len(r.users)], r.texts[r.sent%len(r.texts)])
		r.sent++
	}
	if !r.fin.await(int64(r.sent), 5*time.Minute) {
		b.Fatalf("%d of %d updates handled", r.fin.n.Load(), r.sent)
	}
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
			if _, err := s.Figures.Import(context.Background(), 0, chunk); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkEchoBot is the ceiling: a bare bot on the same library and
// server that answers each message with its text.
func BenchmarkEchoBot(b *testing.B) { measure(b, newEchoRig(b).round) }

// echoRig is the echo bot, running: it polls and answers one update at a
// time.
type echoRig struct {
	srv  *telegramtest.Server
	sent int
}

func newEchoRig(b *testing.B) *echoRig {
	e := &echoRig{srv: telegramtest.New(b, unlimited)}
	api, err := tg.NewBotAPIWithAPIEndpoint(telegramtest.Token, e.srv.Endpoint())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(run(func(ctx context.Context) {
		offset := 0
		for ctx.Err() == nil {
			ups, _ := api.GetUpdates(tg.UpdateConfig{Offset: offset, Timeout: 1})
			for _, u := range ups {
				api.Send(tg.NewMessage(u.Message.Chat.ID, u.Message.Text))
				offset = u.UpdateID + 1
			}
		}
	}))
	return e
}

// round sends k messages and waits until the echo answered them.
func (e *echoRig) round(b *testing.B, k int) {
	for range k {
		e.srv.SendText(telegramtest.User{ID: int64(10000 + e.sent%50), FirstName: "x"}, "CT01.2: 100%")
		e.sent++
	}
	drain(b, e.srv)
}

// drain waits until every update is confirmed, which happens only once
// it was handled.
func drain(b *testing.B, srv *telegramtest.Server) {
	if !srv.Until(5*time.Minute, func() bool { return srv.Pending() == 0 }) {
		b.Fatalf("%d updates still pending", srv.Pending())
	}
}

func run(f func(ctx context.Context)) func() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); f(ctx) }()
	return func() { cancel(); wg.Wait() }
}
