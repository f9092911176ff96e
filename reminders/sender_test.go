package reminders_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/reminders"
	"chitieu/store"
	"chitieu/store/storetest"
	"chitieu/telegramtest"
)

// openAt is a clock inside working hours that moves with real time, as
// the sender's waits do.
func openAt() time.Time { return working.Add(time.Since(started)) }

var working, started = at(2025, 11, 26, 9, 0), time.Now()

func newSenderB(b *testing.B, s *store.Store, srv *telegramtest.Server) *reminders.Sender {
	return newSender(b, s, srv, "bench", openAt)
}

func newSender(t testing.TB, s *store.Store, srv *telegramtest.Server, name string, now func() time.Time) *reminders.Sender {
	api, err := tg.NewBotAPIWithAPIEndpoint(telegramtest.Token, srv.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	return &reminders.Sender{Store: s, API: client{api}, Calendar: reminders.Calendar{Loc: hanoi}, Now: now, Name: name,
		Stale: 200 * time.Millisecond, Backoff: func(int) time.Duration { return 50 * time.Millisecond }}
}

func pushesTo(chats int, perChat int) []store.Push {
	var out []store.Push
	for c := 1; c <= chats; c++ {
		for i := 1; i <= perChat; i++ {
			out = append(out, store.Push{Key: fmt.Sprintf("digest:%d:%d", c, i), Chat: int64(c), Kind: "digest", Text: fmt.Sprintf("tin %d", i)})
		}
	}
	return out
}

func drainB(b *testing.B, s *store.Store, senders ...*reminders.Sender) { drain(b, s, senders...) }

// drain runs senders until the outbox is empty.
func drain(t testing.TB, s *store.Store, senders ...*reminders.Sender) {
	t.Helper()
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, snd := range senders {
		wg.Add(1)
		go func() { defer wg.Done(); snd.Run(ctx) }()
	}
	for deadline := time.Now().Add(30 * time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if n, _ := s.OutboxDepth(ctx); n == 0 {
			break
		}
	}
	cancel()
	wg.Wait()
}

// once checks that every chat got each of its messages exactly once.
func once(t *testing.T, srv *telegramtest.Server, chats, perChat int) {
	t.Helper()
	for c := 1; c <= chats; c++ {
		seen := map[string]int{}
		for _, m := range srv.Sent(int64(c)) {
			seen[m.Text]++
		}
		for i := 1; i <= perChat; i++ {
			if n := seen[fmt.Sprintf("tin %d", i)]; n != 1 {
				t.Errorf("chat %d got message %d %d times", c, i, n)
			}
		}
	}
}

func TestSenderKeepsToTelegramsLimits(t *testing.T) {
	s := storetest.New(t, nil)
	srv := telegramtest.New(t, telegramtest.Options{})
	s.Enqueue(ctx, pushesTo(3, 3)...)
	drain(t, s, newSender(t, s, srv, "a", openAt))
	once(t, srv, 3, 3)
	if st := srv.Stats(); st.TooMany != 0 {
		t.Errorf("%d answers 429: the sender broke Telegram's limits", st.TooMany)
	}
	sent := srv.Sent(1)
	for i := 1; i < len(sent); i++ {
		if gap := sent[i].At.Sub(sent[i-1].At); gap < 900*time.Millisecond {
			t.Errorf("two messages to one chat %v apart", gap)
		}
	}
}

func TestSenderRidesOutTooManyRequestsAndServerErrors(t *testing.T) {
	s := storetest.New(t, nil)
	srv := telegramtest.New(t, telegramtest.Options{Overall: 1000, PerChatBurst: 100})
	s.Enqueue(ctx, pushesTo(5, 2)...)
	srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 429, RetryAfter: 1})
	srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 500, Times: 3})
	srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 502})
	drain(t, s, newSender(t, s, srv, "a", openAt))
	once(t, srv, 5, 2)
	if st := srv.Stats(); st.Faults != 5 {
		t.Errorf("%d faults answered, want 5", st.Faults)
	}
}

func TestABlockedBotMarksThePersonInactive(t *testing.T) {
	s := storetest.New(t, nil)
	srv := telegramtest.New(t, telegramtest.Options{})
	s.EnsureAdmin(ctx, store.Profile{ID: 1, Name: "Lan"})
	s.Enqueue(ctx, store.Push{Key: "k", Chat: 1, Text: "x"})
	srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 403})
	drain(t, s, newSender(t, s, srv, "a", openAt))
	u, _ := s.User(ctx, 1)
	state, _ := s.PushState(ctx, "k")
	if !u.Inactive || state[:6] != "failed" || len(srv.Sent(1)) != 0 {
		t.Errorf("user %+v, push %q", u, state)
	}
}

func TestQuietHoursDeferPushes(t *testing.T) {
	s := storetest.New(t, nil)
	srv := telegramtest.New(t, telegramtest.Options{})
	clock := storetest.NewClock(at(2025, 11, 28, 22, 0)) // a Friday night
	snd := newSender(t, s, srv, "a", clock.Now)
	s.Enqueue(ctx, store.Push{Key: "k", Chat: 1, Text: "tin 1"})
	if err := snd.Drain(ctx, 0); err != nil {
		t.Fatal(err)
	}
	for _, h := range []time.Duration{9, 33, 56} { // Saturday 07:00, Sunday 07:00, Monday 06:00
		clock.Advance(h*time.Hour - clock.Now().Sub(at(2025, 11, 28, 22, 0)))
		snd.Drain(ctx, 0)
		if len(srv.Sent(1)) != 0 {
			t.Fatalf("sent at %v", clock.Now())
		}
	}
	if n, _ := s.OutboxDepth(ctx); n != 1 {
		t.Fatalf("the deferred push is gone: depth %d", n)
	}
	clock.Advance(time.Hour) // Monday 07:00
	snd.Drain(ctx, 0)
	once(t, srv, 1, 1)
}

func TestASenderKilledMidDigestAndRestarted(t *testing.T) {
	s := storetest.New(t, nil)
	srv := telegramtest.New(t, telegramtest.Options{})
	s.Enqueue(ctx, pushesTo(40, 1)...)
	first := newSender(t, s, srv, "first", openAt)
	runCtx, kill := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { first.Run(runCtx); close(done) }()
	srv.Wait(ctx, 10, 10*time.Second, func([]telegramtest.Message) bool { return srv.Stats().Sent >= 10 })
	kill()
	<-done
	if srv.Stats().Sent >= 40 {
		t.Fatal("the digest was done before the kill")
	}
	drain(t, s, newSender(t, s, srv, "second", openAt))
	once(t, srv, 40, 1)
}

func TestTwoSendersShareTheOutbox(t *testing.T) {
	s := storetest.New(t, nil)
	srv := telegramtest.New(t, telegramtest.Options{})
	s.Enqueue(ctx, pushesTo(30, 2)...)
	now := openAt
	drain(t, s, newSender(t, s, srv, "a", now), newSender(t, s, srv, "b", now))
	once(t, srv, 30, 2)
}
