package bot_test

import (
	clk "chitieu/clock"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/bot"
	"chitieu/locales"
	"chitieu/store"
	"chitieu/store/storetest"
	"chitieu/telegramtest"
)

// outageReporters are six reporters of three units, each unit's
// indicator a level reported as 100%: nothing in the figure itself is
// asked about.
var outageReporters = []struct {
	user       telegramtest.User
	unit, code string
}{
	{telegramtest.User{ID: 401, FirstName: "Một", Lang: "vi"}, "TTXD", "CT04.1"},
	{telegramtest.User{ID: 402, FirstName: "Hai", Lang: "vi"}, "TTXD", "CT04.1"},
	{telegramtest.User{ID: 403, FirstName: "Ba", Lang: "vi"}, "TNMT", "CT04.6"},
	{telegramtest.User{ID: 404, FirstName: "Bốn", Lang: "vi"}, "TNMT", "CT04.6"},
	{telegramtest.User{ID: 405, FirstName: "Năm", Lang: "vi"}, "BCHQS", "CT05.1"},
	{telegramtest.User{ID: 406, FirstName: "Sáu", Lang: "vi"}, "BCHQS", "CT05.1"},
}

// outage is a Redis taken away and brought back, and the bot's pauses
// while it is away: a pause lasts until Redis is back (the outage is
// shorter than the bot tries for), and takes no time otherwise.
type outage struct {
	proxy *storetest.Proxy
	met   chan struct{} // closed when the bot first pauses while Redis is away
	once  sync.Once
}

func (o *outage) sleep(ctx context.Context, _ time.Duration) {
	if o.proxy.IsCut() {
		o.once.Do(func() { close(o.met) })
		o.proxy.WaitRestored(ctx)
	}
}

// waitMet waits until the bot has met the outage.
func (o *outage) waitMet(t *testing.T) {
	t.Helper()
	select {
	case <-o.met:
	case <-time.After(10 * time.Second):
		t.Fatal("the bot did not meet the outage in 10s")
	}
}

// outageHarness is a bot whose Redis sits behind a proxy, on a fake Bot API
// whose clock dates the messages people send (moved on by the test, not by
// waiting).
func outageHarness(t *testing.T) (*harness, *outage, *storetest.Clock) {
	clock := storetest.NewClock(today)
	s, proxy := storetest.NewBehindProxy(t, func() time.Time { return today })
	h := newHarnessWith(t, s, telegramtest.Options{Overall: 1e9, PerChatBurst: 100, Now: clock.Now})
	o := &outage{proxy: proxy, met: make(chan struct{})}
	h.tune = func(d *bot.Deps) { d.Sleep = o.sleep }
	h.restart()
	for _, r := range outageReporters {
		h.join(r.user, store.Reporter, r.unit)
	}
	return h, o, clock
}

// Reports sent across an outage at a pace within the flood limit (one
// every two seconds each: a reporter waits for the answer) are all saved
// once Redis is back, however many were held and then handled together:
// what the bot said it would handle, it handles.
const (
	reportsEach = 15
	cutAt       = 3  // the round sent first after Redis went away
	restoreAt   = 12 // the round sent first after it came back
)

func TestReportsAcrossAnOutageAreAllSaved(t *testing.T) {
	t.Run("polling", func(t *testing.T) {
		h, o, clock := outageHarness(t)
		var ids []int
		for round := range reportsEach {
			switch round {
			case cutAt:
				o.proxy.Cut()
			case restoreAt:
				o.waitMet(t)
				o.proxy.Restore()
			}
			for _, r := range outageReporters {
				id := h.srv.SendText(r.user, r.code+": 100%")
				ids = append(ids, id)
				if round < cutAt {
					h.handled(id)
				}
			}
			clock.Advance(2 * time.Second)
		}
		for _, id := range ids {
			h.handled(id)
		}
		allSaved(t, h)
	})
	t.Run("webhook", func(t *testing.T) {
		h, o, clock := outageHarness(t)
		h.stop()
		srv := httptest.NewServer(webhookBot(h, o.sleep).Webhook("s"))
		defer srv.Close()
		var held []tg.Update // answered 503: Telegram sends them again
		for round := range reportsEach {
			switch round {
			case cutAt:
				o.proxy.Cut()
			case restoreAt:
				o.proxy.Restore()
				held = redeliver(t, srv.URL, held)
			}
			for i, r := range outageReporters {
				u := textUpdate(9000+round*len(outageReporters)+i, r.user, r.code+": 100%")
				u.Message.Date = int(clock.Now().Unix())
				if code := post(t, srv.URL, u); code != http.StatusOK {
					held = append(held, u)
				}
			}
			clock.Advance(2 * time.Second)
		}
		if len(held) != 0 {
			t.Errorf("%d reports answered 503 with Redis up", len(held))
		}
		allSaved(t, h)
	})
}

// allSaved checks that every reporter's every report was saved and
// confirmed, and no one was told they sent too much. A figure's save marks
// its update handled before the confirmation goes, so the confirmations
// are waited for.
func allSaved(t *testing.T, h *harness) {
	t.Helper()
	for _, r := range outageReporters {
		ms := h.srv.Wait(context.Background(), r.user.ID, 10*time.Second, func(ms []telegramtest.Message) bool {
			return strings.Count(joined(ms), "Đã lưu") >= reportsEach
		})
		sent := joined(ms)
		if n := strings.Count(sent, "Đã lưu"); n != reportsEach {
			t.Errorf("%d: %d reports confirmed, want %d", r.user.ID, n, reportsEach)
		}
		if strings.Contains(sent, "trong thời gian ngắn") {
			t.Errorf("%d was told they sent too many messages", r.user.ID)
		}
	}
	for _, code := range []string{"CT04.1", "CT04.6", "CT05.1"} {
		if n := len(h.figures(code)); n != 2*reportsEach {
			t.Errorf("%s: %d figures saved, want %d", code, n, 2*reportsEach)
		}
	}
}

// webhookBot is a bot on the harness's store and Bot API that receives by
// webhook, pausing with sleep; tune changes its dependencies.
func webhookBot(h *harness, sleep func(context.Context, time.Duration), tune ...func(*bot.Deps)) *bot.Bot {
	api, err := bot.NewAPI(telegramtest.Token, h.srv.Endpoint(), nil)
	if err != nil {
		h.t.Fatal(err)
	}
	d := bot.Deps{Store: h.store, Plan: h.plan, Catalog: locales.MustLoad(), API: api,
		Clock: clk.At(func() time.Time { return today }), Admins: []int64{admin.ID}, Sleep: sleep}
	for _, f := range tune {
		f(&d)
	}
	return bot.New(d)
}

// post delivers an update to a webhook, as Telegram does, and returns the
// answer's status.
func post(t *testing.T, url string, u tg.Update) int {
	body, err := json.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(string(body)))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0
	}
	resp.Body.Close()
	return resp.StatusCode
}

// redeliver sends the held updates again, all at once, as Telegram does
// once the webhook answers again, until each is taken (a connection the
// outage broke may fail one more time); it returns those never taken.
func redeliver(t *testing.T, url string, held []tg.Update) []tg.Update {
	for range 5 {
		if len(held) == 0 {
			return nil
		}
		codes := make([]int, len(held))
		var wg sync.WaitGroup
		for i, u := range held {
			wg.Add(1)
			go func() { defer wg.Done(); codes[i] = post(t, url, u) }()
		}
		wg.Wait()
		var again []tg.Update
		for i, u := range held {
			if codes[i] != http.StatusOK {
				again = append(again, u)
			}
		}
		held = again
	}
	t.Errorf("updates still refused after five deliveries: %s", fmt.Sprint(len(held)))
	return held
}

// TestAMessageToldToWaitIsHandledWhateverItsPace: a person told that the
// system is busy and their message will be handled is not refused it
// afterwards, even when they sent more at once than the flood limit takes.
func TestAMessageToldToWaitIsHandledWhateverItsPace(t *testing.T) {
	h, o, clock := outageHarness(t)
	h.stop()
	srv := httptest.NewServer(webhookBot(h, o.sleep).Webhook("s"))
	defer srv.Close()
	r := outageReporters[0]
	o.proxy.Cut()
	var held []tg.Update
	for i := range 14 { // all in one second: more than the ten at once the limit takes
		u := textUpdate(9500+i, r.user, r.code+": 100%")
		u.Message.Date = int(clock.Now().Unix())
		if code := post(t, srv.URL, u); code != http.StatusServiceUnavailable {
			t.Fatalf("a report with Redis away answered %d", code)
		}
		held = append(held, u)
	}
	if n := strings.Count(joined(h.srv.Sent(r.user.ID)), "Hệ thống đang bận"); n != len(held) {
		t.Fatalf("%d of %d told the system is busy", n, len(held))
	}
	o.proxy.Restore()
	if left := redeliver(t, srv.URL, held); len(left) != 0 {
		t.Fatalf("%d never taken", len(left))
	}
	sent := joined(h.srv.Sent(r.user.ID))
	if n := strings.Count(sent, "Đã lưu"); n != len(held) || strings.Contains(sent, "trong thời gian ngắn") {
		t.Errorf("%d of %d reports the bot said it would handle were saved:\n%s", n, len(held), sent)
	}
}
