package bot_test

import (
	"bytes"
	clk "chitieu/clock"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"chitieu/bot"
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/store"
	"chitieu/telegramtest"
)

// observed records the updates the bot counted, and the pauses it took.
type observed struct {
	mu       sync.Mutex
	outcomes map[string]int // kind/outcome → count
	pauses   []time.Duration
}

func (o *observed) Update(kind, outcome string, _ time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.outcomes == nil {
		o.outcomes = map[string]int{}
	}
	o.outcomes[kind+"/"+outcome]++
}

func (o *observed) count(key string) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.outcomes[key]
}

// sleep takes no time and remembers how long it was asked to wait.
func (o *observed) sleep(ctx context.Context, d time.Duration) {
	o.mu.Lock()
	o.pauses = append(o.pauses, d)
	o.mu.Unlock()
	select {
	case <-time.After(time.Millisecond):
	case <-ctx.Done():
	}
}

func (o *observed) paused(d time.Duration) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, p := range o.pauses {
		if p == d {
			return true
		}
	}
	return false
}

func (o *observed) tune(d *bot.Deps) { d.Observer, d.Sleep = o, o.sleep }

// holding makes a channel for Fault.Hold and a release that may be
// called more than once (the test's end releases it too).
func holding(t *testing.T) (chan struct{}, func()) {
	hold := make(chan struct{})
	var once sync.Once
	release := func() { once.Do(func() { close(hold) }) }
	t.Cleanup(release)
	return hold, release
}

// faulted waits until the server has answered n injected faults.
func faulted(t *testing.T, srv *telegramtest.Server, n int) {
	t.Helper()
	if !srv.Until(10*time.Second, func() bool { return srv.Stats().Faults >= n }) {
		t.Fatalf("the server answered %d faults, want %d", srv.Stats().Faults, n)
	}
}

func TestAnUndecodableUpdateIsSkipped(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.stop()
	var o observed
	h.tune = o.tune
	first := h.srv.SendText(reporter, "CT01.1: 41")
	h.srv.SendRaw(`{"message":{"message_id":900,"from":{"id":5,"first_name":"X"},"chat":{"id":"abc","type":"private"},"date":1,"text":"hi"}}`)
	last := h.srv.SendText(admin, "/trogiup")
	h.start()
	h.replied(reporter, first, "Đã lưu")
	h.handled(last)
	contains(t, h.last(reporter), "Đã lưu")
	if n := o.count("undecodable/skipped"); n != 1 {
		t.Errorf("counted %d undecodable updates, want 1", n)
	}
}

func TestGetUpdatesObeysRetryAfter(t *testing.T) {
	h := newHarness(t, nil)
	var o observed
	h.tune = o.tune
	h.srv.Fail(telegramtest.Fault{Method: "getUpdates", Code: 429, RetryAfter: 10})
	h.restart()
	h.join(reporter, store.Reporter, "BTC")
	if !o.paused(10 * time.Second) {
		t.Errorf("after a 429 with retry_after 10 the poller paused %v", o.pauses)
	}
}

func TestASlowChatHoldsNoOtherChat(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	hold, release := holding(t)
	h.srv.Fail(telegramtest.Fault{Method: "sendMessage", Chat: reporter.ID, Hold: hold})
	slow := h.srv.SendText(reporter, "CT01.1: 41")
	faulted(t, h.srv, 1)
	h.say(admin, "/trogiup") // answered while the reporter's reply hangs
	contains(t, h.last(admin), "/moi")
	release()
	h.replied(reporter, slow, "Đã lưu")
	if n := strings.Count(joined(h.srv.Sent(reporter.ID)), "Đã lưu"); n != 1 {
		t.Errorf("%d confirmations, want 1", n)
	}
}

func TestAMessageThatMayHaveGoneOutIsNotSentAgain(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.srv.Fail(telegramtest.Fault{Method: "sendMessage", Chat: reporter.ID, Drop: true})
	h.say(reporter, "CT01.1: 41")
	if n := strings.Count(joined(h.srv.Sent(reporter.ID)), "Đã lưu"); n != 1 {
		t.Errorf("%d confirmations, want 1", n)
	}
}

func TestTwoWebhooksAnswerAnUpdateOnce(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.stop()
	post := func() int {
		api, _ := bot.NewAPI(telegramtest.Token, h.srv.Endpoint(), nil)
		b := bot.New(bot.Deps{Store: h.store, Plan: h.plan, Catalog: locales.MustLoad(), API: api, Clock: clk.At(func() time.Time { return today })})
		srv := httptest.NewServer(b.Webhook("s"))
		defer srv.Close()
		body := `{"update_id":7000,"message":{"message_id":70,"from":{"id":7,"first_name":"Lan"},"chat":{"id":7,"type":"private"},"date":1,"text":"CT01.1: 41"}}`
		req, _ := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Error(err)
			return 0
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	hold, release := holding(t)
	h.srv.Fail(telegramtest.Fault{Method: "sendMessage", Chat: reporter.ID, Hold: hold})
	done := make(chan int)
	go func() { done <- post() }()
	faulted(t, h.srv, 1)
	// The first has saved the figure and recorded the update handled in the
	// same write; it holds the reply. The second takes the update as
	// handled: should the first's reply fail, the first answers 503 and
	// Telegram sends the update again.
	if code := post(); code != http.StatusOK {
		t.Errorf("the second instance, while the first replies to the figure it saved, answered %d", code)
	}
	release()
	if code := <-done; code != http.StatusOK {
		t.Errorf("the first instance answered %d", code)
	}
	if code := post(); code != http.StatusOK {
		t.Errorf("the update sent again once handled got %d", code)
	}
	if n := strings.Count(joined(h.srv.Sent(reporter.ID)), "Đã lưu"); n != 1 {
		t.Errorf("%d confirmations, want 1", n)
	}
}

func TestAnOutageLongerThanTheRetriesIsGivenUpOnce(t *testing.T) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr(), DisableIdentity: true, MaxRetries: -1})
	s, _ := store.New(rdb, store.Options{Prefix: "down", Now: func() time.Time { return today }})
	s.Init(context.Background())
	h := newHarness(t, s)
	var o observed
	h.tune = o.tune
	h.restart()
	h.join(reporter, store.Reporter, "BTC")
	mr.SetError("LOADING Redis is loading the dataset in memory")
	h.srv.SendText(reporter, "CT01.1: 41")
	sent := h.srv.Wait(context.Background(), reporter.ID, 10*time.Second, func(ms []telegramtest.Message) bool {
		return strings.Contains(joined(ms), "Xin lỗi")
	})
	mr.SetError("")
	if n := strings.Count(joined(sent), "Xin lỗi"); n != 1 {
		t.Errorf("apologised %d times, want once:\n%s", n, joined(sent))
	}
	if n := o.count("text/given_up"); n != 1 {
		t.Errorf("counted %d updates given up, want 1", n)
	}
	h.say(reporter, "CT01.1: 45")
	contains(t, h.last(reporter), "Đã lưu")
}

func TestAnUpdateThatKilledTheBotTwiceIsGivenUp(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.stop()
	id := h.srv.SendText(reporter, "CT01.1: 41")
	for range 2 { // two runs took it in hand and died
		h.store.Updates.Try(context.Background(), id)
	}
	h.start()
	h.handled(id)
	contains(t, h.last(reporter), "Xin lỗi")
	if n := len(h.figures("CT01.1")); n != 0 {
		t.Errorf("the update that killed the bot was handled: %d figures", n)
	}
	h.say(reporter, "CT01.1: 45")
	contains(t, h.last(reporter), "Đã lưu")
}

// TestAReportInFlightKeepsItsPlan: a plan version taken up while a report
// is in hand does not touch it — judged and answered by the version it
// started with — and the next report is judged by the new one.
func TestAReportInFlightKeepsItsPlan(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	revised, err := indicator.Load(bytes.Replace(plans.Example, []byte(`target: {op: ">=", value: 90}`), []byte(`target: {op: ">=", value: 95}`), 1))
	if err != nil {
		t.Fatal(err)
	}
	hold, release := holding(t)
	h.srv.Fail(telegramtest.Fault{Method: "sendMessage", Chat: reporter.ID, Hold: hold})
	id := h.srv.SendText(reporter, "CT01.1: 41")
	faulted(t, h.srv, 1)
	h.bot.SetPlan(revised)
	release()
	h.replied(reporter, id, "Đã lưu")
	if got := h.last(reporter).Text; !strings.Contains(got, "≥ 90") || strings.Contains(got, "95") {
		t.Errorf("the report in flight was answered by the new plan: %s", got)
	}
	h.say(reporter, "CT01.1: 4")
	h.press(reporter, "➕") // a second count today: added to the first
	contains(t, h.last(reporter), "≥ 95")
}
