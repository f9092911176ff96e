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
	changed chan struct{}
}

func (g *gate) Send(ctx context.Context, c tg.Chattable) (tg.Message, error) {
	g.mu.Lock()
	g.waiting++
	g.most = max(g.most, g.waiting)
	g.mu.Unlock()
	g.changed <- struct{}{}
	<-g.pass
	g.mu.Lock()
	defer g.mu.Unlock()
	g.waiting--
	return g.sent.Send(ctx, c)
}

func TestChatsInFlightAreBounded(t *testing.T) {
	plan, _ := indicator.Load(plans.Example)
	g := &gate{pass: make(chan struct{}), changed: make(chan struct{}, 100)}
	b := New(Deps{Store: storetest.New(t, nil), Plan: plan, Catalog: locales.MustLoad(), API: g, MaxChats: 2})
	d := newDispatcher(b)
	go func() {
		for chat := range int64(6) { // six strangers, each in their own chat
			d.add(context.Background(), tg.Update{UpdateID: int(chat) + 1, Message: &tg.Message{MessageID: 1, Text: "xin chào",
				From: &tg.User{ID: 100 + chat}, Chat: &tg.Chat{ID: 100 + chat, Type: "private"}}})
		}
	}()
	for range 6 {
		select {
		case <-g.changed:
		case <-time.After(10 * time.Second):
			t.Fatal("no chat is being answered")
		}
		// Give the other chats time to come (no bound would let all six
		// wait here); the bound holds however long this takes.
		time.Sleep(20 * time.Millisecond)
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
