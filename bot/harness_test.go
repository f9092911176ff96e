package bot_test

import (
	clk "chitieu/clock"
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"chitieu/bot"
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/store"
	"chitieu/store/storetest"
	"chitieu/telegramtest"

	"github.com/redis/go-redis/v9"
)

// today is the bot's clock in every test: inside the term, so the worked
// example of DESIGN.md holds (CT01.1 expects 44,6 by 30 June 2023).
var today = time.Date(2023, 6, 30, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))

var (
	admin    = telegramtest.User{ID: 1, FirstName: "Quản", LastName: "Trị", Lang: "vi"}
	reporter = telegramtest.User{ID: 7, FirstName: "Lan", LastName: "Nguyễn", Lang: "vi"}
	leader   = telegramtest.User{ID: 8, FirstName: "Minh", Lang: "en"}
	stranger = telegramtest.User{ID: 99, FirstName: "Lạ", Lang: "vi"}
)

// harness is a bot on the real client library talking to the fake Bot API
// server, with a store on Redis (or miniredis).
type harness struct {
	t     *testing.T
	srv   *telegramtest.Server
	store *store.Store
	plan  *indicator.Plan
	stop  func()
	// api are the client's options and tune, when set, changes the bot's
	// dependencies before an instance starts (h.restart() applies them).
	api  []bot.APIOption
	tune func(*bot.Deps)
	fin  finishes
	// redis wakes a wait for what Redis holds at each command the bot's
	// store sends.
	redis *storeActivity
	bot   *bot.Bot // the instance running
	// clock is the day the bot and its store live on: today unless a test
	// moves it.
	clock *storetest.Clock
}

func newHarness(t *testing.T, s *store.Store) *harness {
	t.Helper()
	return newHarnessWith(t, s, telegramtest.Options{PerChatBurst: 100})
}

// newHarnessWith is newHarness on a fake Bot API with options of its own
// (a clock for the dates of the messages people send).
func newHarnessWith(t *testing.T, s *store.Store, o telegramtest.Options) *harness {
	t.Helper()
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	clock := storetest.NewClock(today)
	if s == nil {
		s = storetest.New(t, clock.Now)
	}
	h := &harness{t: t, srv: telegramtest.New(t, o), store: s, plan: plan, clock: clock, redis: &storeActivity{}}
	s.AddHook(h.redis)
	h.start()
	t.Cleanup(func() { h.stop() })
	return h
}

// start runs a bot instance on the harness's server and store.
func (h *harness) start() {
	api, err := bot.NewAPI(telegramtest.Token, h.srv.Endpoint(), nil, h.api...)
	if err != nil {
		h.t.Fatal(err)
	}
	d := bot.Deps{Store: h.store, Plan: h.plan, Catalog: locales.MustLoad(), API: api,
		Clock: clk.At(h.clock.Now), Admins: []int64{admin.ID},
		Digest: func(_ context.Context, lang string) (string, error) { return "the digest in " + lang, nil }}
	if h.tune != nil {
		h.tune(&d)
	}
	h.fin.Observer = d.Observer
	d.Observer = &h.fin
	b := bot.New(d)
	h.bot = b
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		b.Poll(ctx, api)
	}()
	h.stop = func() { cancel(); wg.Wait() }
}

// restart stops the bot and starts a new instance, as a restart would.
func (h *harness) restart() {
	h.stop()
	h.start()
}

// handled waits until the bot has handled an update.
func (h *harness) handled(id int) {
	h.t.Helper()
	if !h.redis.Until(10*time.Second, func() bool { ok, _ := h.store.Updates.Handled(context.Background(), id); return ok }) {
		h.t.Fatalf("update %d was not handled in 10s", id)
	}
}

// replied waits until the bot handled an update and its latest message to
// u says want: a figure's save records its update handled before the
// reply goes.
func (h *harness) replied(u telegramtest.User, id int, want string) {
	h.t.Helper()
	h.handled(id)
	h.srv.Wait(context.Background(), u.ID, 10*time.Second, func(ms []telegramtest.Message) bool {
		return len(ms) > 0 && strings.Contains(ms[len(ms)-1].Text, want)
	})
}

// say sends text as u and returns what the bot sent to u's chat by the
// time it was handled.
func (h *harness) say(u telegramtest.User, text string) []telegramtest.Message {
	h.t.Helper()
	before := h.fin.n.Load()
	h.handled(h.srv.SendText(u, text))
	h.finished(before)
	return h.srv.Sent(u.ID)
}

// finishes counts the updates the bot finished handling (an update is
// recorded handled by the write that saves its figure, before the reply:
// the reply is awaited here).
type finishes struct {
	bot.Observer
	n atomic.Int64
	telegramtest.Signal
}

func (f *finishes) Update(kind, outcome string, d time.Duration) {
	if f.Observer != nil {
		f.Observer.Update(kind, outcome, d)
	}
	if outcome != "retry" {
		f.n.Add(1)
		f.Notify()
	}
}

// storeActivity is a hook that notifies after each write the store sends
// (a command or pipeline that is not only reads): a wait for what Redis
// holds looks again then, and its own reads wake nobody.
type storeActivity struct{ telegramtest.Signal }

var readOnly = map[string]bool{"get": true, "hget": true, "hgetall": true, "hmget": true, "hexists": true, "exists": true,
	"zcard": true, "zcount": true, "zrange": true, "zrangebyscore": true, "zrevrange": true, "zrevrangebyscore": true,
	"xlen": true, "xrange": true, "pttl": true, "ttl": true, "type": true, "scan": true, "ping": true}

func writes(cmds ...redis.Cmder) bool {
	for _, c := range cmds {
		if !readOnly[c.Name()] {
			return true
		}
	}
	return false
}

func (a *storeActivity) DialHook(next redis.DialHook) redis.DialHook { return next }
func (a *storeActivity) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		err := next(ctx, cmd)
		if writes(cmd) {
			a.Notify()
		}
		return err
	}
}
func (a *storeActivity) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		err := next(ctx, cmds)
		if writes(cmds...) {
			a.Notify()
		}
		return err
	}
}

// await waits until the bot finished want updates in all, at most for a
// while; false when it did not.
func (f *finishes) await(want int64, within time.Duration) bool {
	return f.Until(within, func() bool { return f.n.Load() >= want })
}

// finished waits until the bot finished an update more than before.
func (h *harness) finished(before int64) {
	h.t.Helper()
	if !h.fin.Until(10*time.Second, func() bool { return h.fin.n.Load() > before }) {
		h.t.Fatal("the bot did not finish the update in 10s")
	}
}

// last is the bot's latest message to u.
func (h *harness) last(u telegramtest.User) telegramtest.Message {
	h.t.Helper()
	sent := h.srv.Sent(u.ID)
	if len(sent) == 0 {
		h.t.Fatalf("the bot sent nothing to %d", u.ID)
	}
	return sent[len(sent)-1]
}

// lastText is the bot's latest text message to u (a chart may follow it).
func (h *harness) lastText(u telegramtest.User) telegramtest.Message {
	h.t.Helper()
	return lastTextIn(h.t, h.srv, u.ID)
}

// lastTextIn is the bot's latest text message in a chat.
func lastTextIn(t *testing.T, srv *telegramtest.Server, chat int64) telegramtest.Message {
	t.Helper()
	sent := srv.Sent(chat)
	for i := len(sent) - 1; i >= 0; i-- {
		if sent[i].Kind == "text" {
			return sent[i]
		}
	}
	t.Fatalf("the bot sent no text to %d", chat)
	return telegramtest.Message{}
}

// press presses the button labelled with text (a prefix will do) on the
// bot's latest message with buttons to u.
func (h *harness) press(u telegramtest.User, label string) telegramtest.Message {
	h.t.Helper()
	return h.pressIn(u.ID, u, label)
}

// pressIn is u pressing a button on the bot's latest message with buttons
// in a chat (telegramtest.GroupID for the group).
func (h *harness) pressIn(chat int64, u telegramtest.User, label string) telegramtest.Message {
	h.t.Helper()
	sent := h.srv.Sent(chat)
	for i := len(sent) - 1; i >= 0; i-- {
		for _, row := range sent[i].Keyboard {
			for _, b := range row {
				if strings.HasPrefix(b.Text, label) {
					h.handled(h.srv.PressIn(chat, u, sent[i].ID, b.Data))
					return h.messageIn(chat, sent[i].ID)
				}
			}
		}
	}
	h.t.Fatalf("no button %q in the chat %d", label, chat)
	return telegramtest.Message{}
}

// sayInGroup sends text as u in the test group and returns what the bot
// sent there by the time it was handled, or (talk the bot lets go without
// handling) once polling moved past it.
func (h *harness) sayInGroup(u telegramtest.User, text string) []telegramtest.Message {
	h.t.Helper()
	id := h.srv.SendInGroup(u, text)
	if name, _, _ := strings.Cut(text, " "); strings.HasPrefix(text, "/") && (!strings.Contains(name, "@") || strings.HasSuffix(name, "@"+telegramtest.BotName)) {
		h.handled(id)
	} else {
		h.confirmed()
	}
	return h.srv.Sent(telegramtest.GroupID)
}

// confirmed waits until polling has moved past every update sent.
func (h *harness) confirmed() {
	h.t.Helper()
	if !h.srv.Until(10*time.Second, func() bool { return h.srv.Pending() == 0 }) {
		h.t.Fatal("polling did not move past the updates in 10s")
	}
}

func (h *harness) pressData(u telegramtest.User, msg int, data string) {
	h.t.Helper()
	h.handled(h.srv.Press(u, msg, data))
}

func (h *harness) message(u telegramtest.User, id int) telegramtest.Message {
	return h.messageIn(u.ID, id)
}

func (h *harness) messageIn(chat int64, id int) telegramtest.Message {
	for _, m := range h.srv.Sent(chat) {
		if m.ID == id {
			return m
		}
	}
	return telegramtest.Message{}
}

// join makes u a member with role and unit through an invite, as /start
// with a code does.
func (h *harness) join(u telegramtest.User, role store.Role, unit string) {
	h.t.Helper()
	inv, err := h.store.People.CreateInvite(context.Background(), admin.ID, role, unit, time.Hour)
	if err != nil {
		h.t.Fatal(err)
	}
	h.say(u, "/start "+inv.Code)
}

// figures reads what the store holds for an indicator.
func (h *harness) figures(code string) []indicator.Record {
	figs, err := h.store.Figures.Records(context.Background(), code, h.plan.Term)
	if err != nil {
		h.t.Fatal(err)
	}
	return figs
}

func contains(t *testing.T, m telegramtest.Message, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(m.Text, w) {
			t.Errorf("message lacks %q:\n%s", w, m.Text)
		}
	}
}
