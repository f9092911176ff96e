package bot_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/jonboulle/clockwork"
	"github.com/redis/go-redis/v9"

	"chitieu/bot"
	"chitieu/store"
	"chitieu/telegramtest"
)

// webhook is a bot's webhook on a test server that tells, for each
// delivery, the answer it gave once its handling is over (Telegram may
// have stopped waiting for it long before).
type webhook struct {
	url      string
	finished chan int
}

func newWebhook(t *testing.T, b *bot.Bot) *webhook {
	w := &webhook{finished: make(chan int, 100)}
	h := b.Webhook("s")
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: rw, code: http.StatusOK}
		h.ServeHTTP(sw, r)
		w.finished <- sw.code
	}))
	t.Cleanup(srv.Close)
	w.url = srv.URL
	return w
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

// deliver posts an update, as Telegram does, without waiting for the
// answer; ctx ending is Telegram giving up on the connection.
func (w *webhook) deliver(t *testing.T, ctx context.Context, u tg.Update) {
	go func() {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, w.url, strings.NewReader(updateJSON(t, u)))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s")
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	}()
}

// answered waits for the next delivery to be over and returns its answer;
// it fails the test when none is over within 10s.
func (w *webhook) answered(t *testing.T, what string) int {
	t.Helper()
	select {
	case code := <-w.finished:
		return code
	case <-time.After(10 * time.Second):
		t.Errorf("%s: not answered in 10s", what)
		return 0
	}
}

func updateJSON(t *testing.T, u tg.Update) string {
	body, err := json.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

// TestAnUpdateInHandIsAnsweredOnce: Telegram sends an update again when
// its answer is slow. Delivered again while the bot still handles it
// (here, its reply hangs), to the same instance or to another, at once
// or ten times, or after Telegram gave up on the first connection, it is
// answered once; the delivery that comes while it is in hand is told to
// come back (503), and the one after it is done is taken as done (200).
func TestAnUpdateInHandIsAnsweredOnce(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		instances int  // the deliveries after the first go to the second instance when 2
		again     int  // deliveries while the first is in hand
		cut       bool // Telegram gives up on the first delivery's connection
	}{
		{"delivered again to the same instance", "/trogiup", 1, 1, false},
		{"delivered ten times at once", "/chitieu", 1, 9, false},
		{"delivered again to another instance", "/trogiup", 2, 1, false},
		{"delivered again after Telegram gave up waiting", "/trogiup", 1, 0, true},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.stop()
			first := newWebhook(t, webhookBot(h, nil))
			other := first
			if tt.instances == 2 {
				other = newWebhook(t, webhookBot(h, nil))
			}
			first.deliver(t, context.Background(), textUpdate(7000+i, admin, tt.text))
			first.answered(t, "the same command once")
			once := len(h.srv.Sent(admin.ID)) // what the command says, answered once
			hold, release := holding(t)
			h.srv.Fail(telegramtest.Fault{Method: "sendMessage", Chat: admin.ID, Hold: hold})
			u := textUpdate(7100+i, admin, tt.text)
			ctx, giveUp := context.WithCancel(context.Background())
			defer giveUp()
			first.deliver(t, ctx, u)
			faulted(t, h.srv, 1) // its reply hangs
			if tt.cut {
				giveUp()
			}
			var wg sync.WaitGroup
			for range tt.again {
				wg.Add(1)
				go func() { defer wg.Done(); other.deliver(t, context.Background(), u) }()
			}
			wg.Wait()
			for range tt.again {
				if code := other.answered(t, "a delivery while the update is in hand"); code != http.StatusServiceUnavailable {
					t.Errorf("a delivery while the update is in hand answered %d, want 503", code)
				}
			}
			release()
			first.answered(t, "the first delivery")
			other.deliver(t, context.Background(), u)
			if code := other.answered(t, "a delivery once handled"); code != http.StatusOK {
				t.Errorf("a delivery once handled answered %d, want 200", code)
			}
			if n := len(h.srv.Sent(admin.ID)) - once; n != once {
				t.Errorf("%s delivered %d times: %d messages, want %d (answered once)", tt.text, 2+tt.again, n, once)
			}
			if ok, err := h.store.Updates.Handled(context.Background(), u.UpdateID); !ok || err != nil {
				t.Errorf("the update is not recorded handled (%v)", err)
			}
		})
	}
}

// TestAClaimOutlivesASlowHandling: an update whose handling takes longer
// than its claim's two minutes (Telegram answering slowly) keeps its
// claim while in hand, so that another instance given it meanwhile does
// not answer it again.
func TestAClaimOutlivesASlowHandling(t *testing.T) {
	mr := miniredis.RunT(t)
	s, err := store.New(redis.NewClient(&redis.Options{Addr: mr.Addr(), DisableIdentity: true}), store.Options{Prefix: "slow", Now: func() time.Time { return today }})
	if err == nil {
		err = s.Init(context.Background())
	}
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s)
	h.stop()
	clock := clockwork.NewFakeClock()
	first := newWebhook(t, webhookBot(h, nil, func(d *bot.Deps) { d.Clock = clock }))
	other := newWebhook(t, webhookBot(h, nil))
	hold, release := holding(t)
	h.srv.Fail(telegramtest.Fault{Method: "sendMessage", Chat: admin.ID, Hold: hold})
	u := textUpdate(7200, admin, "/trogiup")
	first.deliver(t, context.Background(), u)
	faulted(t, h.srv, 1) // its reply hangs
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	renewing := func() { // the renewal's timer is set: the claim was taken, or renewed
		if err := clock.BlockUntilContext(ctx, 1); err != nil {
			t.Error("no renewal of the claim is waiting: ", err)
		}
	}
	for range 3 { // three minutes in hand, the claim renewed every 40 s
		renewing()
		mr.FastForward(time.Minute)
		clock.Advance(time.Minute)
	}
	renewing()
	other.deliver(t, context.Background(), u)
	if code := other.answered(t, "another instance's delivery"); code != http.StatusServiceUnavailable {
		t.Errorf("another instance given the update three minutes into its handling answered %d, want 503", code)
	}
	release()
	first.answered(t, "the first delivery")
	if n := strings.Count(joined(h.srv.Sent(admin.ID)), "/moi"); n != 1 {
		t.Errorf("/trogiup answered %d times, want once", n)
	}
}
