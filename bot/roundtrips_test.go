package bot_test

import (
	clk "chitieu/clock"
	"context"
	"testing"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/bot"
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/store"
	"chitieu/store/storetest"
	"chitieu/telegramtest"
)

// direct is a bot that handles the fake server's updates one at a time,
// as a webhook does, so that a test can count what one update costs.
type direct struct {
	t      *testing.T
	srv    *telegramtest.Server
	api    *bot.API
	bot    *bot.Bot
	store  *store.Store
	trips  func() int
	offset int
}

func newDirect(t *testing.T) *direct {
	t.Helper()
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	s := storetest.New(t, func() time.Time { return today })
	if err := s.RefreshTerms(context.Background()); err != nil { // as a running instance's plan follower keeps it
		t.Fatal(err)
	}
	srv := telegramtest.New(t, telegramtest.Options{PerChatBurst: 100})
	api, err := bot.NewAPI(telegramtest.Token, srv.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(bot.Deps{Store: s, Plan: plan, Catalog: locales.MustLoad(), API: api,
		Clock: clk.At(func() time.Time { return today }), Admins: []int64{admin.ID}})
	return &direct{t: t, srv: srv, api: api, bot: b, store: s, trips: storetest.RoundTrips(s)}
}

// member makes u a person of the bot with a role in a unit.
func (d *direct) member(u telegramtest.User, role store.Role, unit string) {
	d.t.Helper()
	ctx := context.Background()
	if _, err := d.store.People.EnsureAdmin(ctx, store.Profile{ID: u.ID, Name: u.FirstName, Lang: u.Lang}); err != nil {
		d.t.Fatal(err)
	}
	if _, err := d.store.People.SetAccess(ctx, 0, u.ID, []store.Role{role}, unit); err != nil {
		d.t.Fatal(err)
	}
}

// handle handles the update the server holds with id and returns the
// round trips to Redis it took.
func (d *direct) handle(id int) int {
	d.t.Helper()
	ctx := context.Background()
	batch, err := d.api.GetUpdates(ctx, d.offset)
	if err != nil {
		d.t.Fatal(err)
	}
	d.offset = batch.Next
	for _, u := range batch.Updates {
		if u.UpdateID == id {
			return d.count(u)
		}
	}
	d.t.Fatalf("the server did not give update %d", id)
	return 0
}

func (d *direct) count(u tg.Update) int {
	d.t.Helper()
	before := d.trips()
	if err := d.bot.Handle(context.Background(), u); err != nil {
		d.t.Fatalf("update %d: %v", u.UpdateID, err)
	}
	return d.trips() - before
}

// say sends text as u and returns the round trips its handling took.
func (d *direct) say(u telegramtest.User, text string) int {
	return d.handle(d.srv.SendText(u, text))
}

// press presses the button whose label starts with label on the bot's
// latest message with buttons to u, and returns the round trips.
func (d *direct) press(u telegramtest.User, label string) int {
	d.t.Helper()
	sent := d.srv.Sent(u.ID)
	for i := len(sent) - 1; i >= 0; i-- {
		for _, row := range sent[i].Keyboard {
			for _, b := range row {
				if len(b.Text) >= len(label) && b.Text[:len(label)] == label {
					return d.handle(d.srv.Press(u, sent[i].ID, b.Data))
				}
			}
		}
	}
	d.t.Fatalf("no button %q", label)
	return 0
}

// TestRoundTripsPerUpdate counts the round trips to Redis of the updates
// that come most: a one-line report, /start of a known person, a button.
// Each is measured warm (the scripts loaded, the connections made).
func TestRoundTripsPerUpdate(t *testing.T) {
	d := newDirect(t)
	d.member(reporter, store.Reporter, "BTC")
	d.say(reporter, "CT01.3: 90%") // warm up: the scripts loaded
	d.say(reporter, "/start")

	if n := d.say(reporter, "CT01.2: 100%"); n > oneLineReportTrips {
		t.Errorf("a one-line report took %d round trips, want at most %d", n, oneLineReportTrips)
	}
	contains(t, d.srv.Sent(reporter.ID)[len(d.srv.Sent(reporter.ID))-1], "CT01.2")
	if n := d.say(reporter, "/start"); n != 2 {
		t.Errorf("/start of a known person took %d round trips, want 2", n)
	}
	d.say(reporter, "/baocao")
	if n := d.press(reporter, "CT01.1"); n != 3 {
		t.Errorf("a button press took %d round trips, want 3", n)
	}
	contains(t, d.srv.Sent(reporter.ID)[len(d.srv.Sent(reporter.ID))-1], "CT01.1")
}

// oneLineReportTrips is what a one-line report takes: the update's first
// read (its claim, the sender, the conversation), the indicator's figures
// in the spans its evaluation reads, the save that also marks it handled
// in the committee's keys, and the update's own keys finished (its claim
// replaced, out of the inbox).
const oneLineReportTrips = 4
