package bot

import (
	"context"
	"sync"
	"testing"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/store/storetest"
)

// gate is a Sender whose every Send waits for the test to let it through,
// counting how many wait at once.
type gate struct {
	sent
	mu      sync.Mutex
	waiting int
	most    int
	pass    chan struct{}
}

func (g *gate) Send(ctx context.Context, c tg.Chattable) (tg.Message, error) {
	g.mu.Lock()
	g.waiting++
	g.most = max(g.most, g.waiting)
	g.mu.Unlock()
	<-g.pass
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waiting--
	return g.sent.Send(ctx, c)
}

func TestChatsInFlightAreBounded(t *testing.T) {
	plan, _ := indicator.Load(plans.Example)
	g := &gate{pass: make(chan struct{})}
	b := New(Deps{Store: storetest.New(t, nil), Plan: plan, Catalog: locales.MustLoad(), API: g, MaxChats: 2})
	d := newDispatcher(b)
	go func() {
		for chat := range int64(6) { // six strangers, each in their own chat
			d.add(context.Background(), tg.Update{UpdateID: int(chat) + 1, Message: &tg.Message{MessageID: 1, Text: "xin chào",
				From: &tg.User{ID: 100 + chat}, Chat: &tg.Chat{ID: 100 + chat, Type: "private"}}})
		}
	}()
	for passed := range 6 {
		// Two chats are being answered and the next waits its turn, as
		// many as are left; no bound would let it in too.
		left := 6 - passed
		waitFor(t, "two chats answered, one waiting", func() bool {
			g.mu.Lock()
			answered := g.waiting
			g.mu.Unlock()
			d.mu.Lock()
			defer d.mu.Unlock()
			return answered == min(2, left) && len(d.queues) == min(3, left)
		})
		g.pass <- struct{}{}
	}
	d.wait()
	if g.most > 2 || len(g.texts) != 6 {
		t.Errorf("%d chats answered at once (at most 2 allowed), %d answered in all", g.most, len(g.texts))
	}
}

// TestMeantCommand: a command typed with a space inside, or one letter
// off, is matched to the command meant; anything else to none.
func TestMeantCommand(t *testing.T) {
	for _, c := range []struct{ name, args, want string }{
		{"chi", "tieu", "chitieu"}, {"xme", "CT01.1", "xem"}, {"baocoa", "", "baocao"}, {"chitie", "", "chitieu"},
		{"tonghopp", "", "tonghop"}, {"abc", "", ""}, {"x", "", ""}, {"chi", "", ""},
	} {
		if got := meantCommand(c.name, c.args); got != c.want {
			t.Errorf("/%s %s: meant %q, want %q", c.name, c.args, got, c.want)
		}
	}
}

// waitFor waits up to 10 s for ok, looking every millisecond, and fails
// the test saying what did not come.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	look := time.NewTicker(time.Millisecond)
	defer look.Stop()
	giveUp := time.After(10 * time.Second)
	for !ok() {
		select {
		case <-look.C:
		case <-giveUp:
			t.Fatalf("not so after 10 s: %s", what)
		}
	}
}
