package reminders_test

import (
	clk "chitieu/clock"
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/jonboulle/clockwork"

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
	return newSender(b, s, srv, "bench", nil)
}

// fastClock is a fake clock inside working hours that runs four times
// faster than real time: the sender waits on it, and paces on it, so a
// test of Telegram's limits takes a quarter of their time.
func fastClock(t testing.TB) *clockwork.FakeClock {
	fc := clockwork.NewFakeClockAt(working)
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				fc.Advance(4 * time.Millisecond)
			}
		}
	}()
	t.Cleanup(func() { close(stop); <-done })
	return fc
}

// loose is a fake Bot API that does not keep Telegram's limits itself in
// real time: the tests check them on the fake clock.
var loose = telegramtest.Options{Overall: 1000, PerChatBurst: 100}

// newSender is a sender through the real client library; on fc when it is
// given, on real time otherwise.
func newSender(t testing.TB, s *store.Store, srv *telegramtest.Server, name string, fc *clockwork.FakeClock) *reminders.Sender {
	api, err := tg.NewBotAPIWithAPIEndpoint(telegramtest.Token, srv.Endpoint())
	if err != nil {
		t.Fatal(err)
	}
	snd := &reminders.Sender{Store: s, API: client{api}, Calendar: reminders.Calendar{Loc: hanoi}, Clock: clk.At(openAt), Name: name,
		Stale: 200 * time.Millisecond, Backoff: func(int) time.Duration { return 50 * time.Millisecond }}
	if fc != nil {
		snd.Clock = fc
		snd.API = &clocked{Telegram: snd.API, now: fc.Now, at: map[int64][]time.Time{}}
	}
	return snd
}

// clocked records when, on the fake clock, each chat was sent a message.
type clocked struct {
	reminders.Telegram
	now func() time.Time
	mu  sync.Mutex
	at  map[int64][]time.Time
}

func (c *clocked) Send(ctx context.Context, m tg.Chattable) (tg.Message, error) {
	at := c.now()
	msg, err := c.Telegram.Send(ctx, m)
	if err == nil {
		c.mu.Lock()
		c.at[msg.Chat.ID] = append(c.at[msg.Chat.ID], at)
		c.mu.Unlock()
	}
	return msg, err
}

func (c *clocked) times(chat int64) []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Time(nil), c.at[chat]...)
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

// drainB is drain for a benchmark, given a minute more for each 1,000
// pushes it finds (the sender keeps to Telegram's 30 a second).
func drainB(b *testing.B, s *store.Store, senders ...*reminders.Sender) {
	depth, err := s.Pushes.Depth(ctx)
	if err != nil {
		b.Fatal(err)
	}
	drainWithin(b, time.Minute+time.Duration(depth)*time.Minute/1000, s, senders...)
}

// drain runs senders until the outbox is empty, and fails the test when
// it is not within a minute.
func drain(t testing.TB, s *store.Store, senders ...*reminders.Sender) {
	t.Helper()
	drainWithin(t, time.Minute, s, senders...)
}

// drainWithin runs senders until the outbox is empty; after limit it
// fails the test with what is left. The outbox is looked at every few
// milliseconds while they run, and once more when they have stopped: a
// look reads its stream and its deferred pushes one after the other, and
// only with the senders stopped does no push move between the two.
func drainWithin(t testing.TB, limit time.Duration, s *store.Store, senders ...*reminders.Sender) {
	t.Helper()
	giveUp := time.After(limit)
	for {
		late := sendUntilEmpty(s, giveUp, senders)
		n, err := s.Pushes.Depth(ctx)
		if err == nil && n == 0 {
			return
		}
		if late {
			t.Fatalf("after %v the outbox still holds %d pushes (%v)", limit, n, err)
		}
	}
}

// sendUntilEmpty runs senders until a look finds the outbox empty, or
// until giveUp (true), then stops them.
func sendUntilEmpty(s *store.Store, giveUp <-chan time.Time, senders []*reminders.Sender) bool {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() { cancel(); wg.Wait() }()
	for _, snd := range senders {
		wg.Add(1)
		go func() { defer wg.Done(); snd.Run(ctx) }()
	}
	look := time.NewTicker(2 * time.Millisecond)
	defer look.Stop()
	for {
		if n, err := s.Pushes.Depth(ctx); err == nil && n == 0 {
			return false
		}
		select {
		case <-look.C:
		case <-giveUp:
			return true
		}
	}
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
	srv := telegramtest.New(t, loose)
	s.Pushes.Enqueue(ctx, pushesTo(3, 3)...)
	snd := newSender(t, s, srv, "a", fastClock(t))
	drain(t, s, snd)
	once(t, srv, 3, 3)
	sent := snd.API.(*clocked).times(1)
	for i := 1; i < len(sent); i++ {
		if gap := sent[i].Sub(sent[i-1]); gap < time.Second {
			t.Errorf("two messages to one chat %v apart", gap)
		}
	}
}

// TestABusyChatHoldsNoOther: a sender has two pushes to one chat; while
// the second waits for the chat's gap, another sender's push to another
// chat goes at once, not after it. The clock moves only when told.
func TestABusyChatHoldsNoOther(t *testing.T) {
	s := storetest.New(t, nil)
	srv := telegramtest.New(t, loose)
	fc := clockwork.NewFakeClockAt(working)
	a, b := newSender(t, s, srv, "a", fc), newSender(t, s, srv, "b", fc)
	a.Stale, b.Stale = time.Minute, time.Minute
	s.Pushes.Enqueue(ctx, pushesTo(1, 2)...)
	aDone, bDone := make(chan error, 1), make(chan error, 1)
	go func() { aDone <- a.Drain(ctx, 0) }()
	fc.BlockUntilContext(ctx, 1) // a has sent the first and waits for chat 1's gap
	s.Pushes.Enqueue(ctx, store.Push{Key: "other", Chat: 2, Text: "tin 1"})
	go func() { bDone <- b.Drain(ctx, 0) }()
	fc.BlockUntilContext(ctx, 2) // b waits for its slot
	fc.Advance(100 * time.Millisecond)
	select {
	case err := <-bDone:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second): // b waits for chat 1's gap too
	}
	fc.Advance(2 * time.Second)
	if err := <-aDone; err != nil {
		t.Fatal(err)
	}
	one := append(a.API.(*clocked).times(1), b.API.(*clocked).times(1)...)
	two := append(a.API.(*clocked).times(2), b.API.(*clocked).times(2)...)
	slices.SortFunc(one, time.Time.Compare)
	if len(one) != 2 || len(two) != 1 || !two[0].Before(one[1]) || two[0].Sub(one[0]) > 100*time.Millisecond {
		t.Errorf("chat 1 at %v, chat 2 at %v: chat 2 waited for chat 1", one, two)
	}
}

func TestSenderRidesOutTooManyRequestsAndServerErrors(t *testing.T) {
	s := storetest.New(t, nil)
	srv := telegramtest.New(t, telegramtest.Options{Overall: 1000, PerChatBurst: 100})
	s.Pushes.Enqueue(ctx, pushesTo(5, 2)...)
	srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 429, RetryAfter: 1})
	srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 500, Times: 3})
	srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 502})
	drain(t, s, newSender(t, s, srv, "a", fastClock(t)))
	once(t, srv, 5, 2)
	if st := srv.Stats(); st.Faults != 5 {
		t.Errorf("%d faults answered, want 5", st.Faults)
	}
}

func TestABlockedBotMarksThePersonInactive(t *testing.T) {
	s := storetest.New(t, nil)
	srv := telegramtest.New(t, loose)
	s.People.EnsureAdmin(ctx, store.Profile{ID: 1, Name: "Lan"})
	s.Pushes.Enqueue(ctx, store.Push{Key: "k", Chat: 1, Text: "x"})
	srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 403})
	drain(t, s, newSender(t, s, srv, "a", fastClock(t)))
	u, _ := s.People.Get(ctx, 1)
	state, _ := s.Pushes.State(ctx, "k")
	if !u.Inactive || state[:6] != "failed" || len(srv.Sent(1)) != 0 {
		t.Errorf("user %+v, push %q", u, state)
	}
}

func TestQuietHoursDeferPushes(t *testing.T) {
	s := storetest.New(t, nil)
	srv := telegramtest.New(t, loose)
	clock := storetest.NewClock(at(2025, 11, 28, 22, 0)) // a Friday night
	snd := newSender(t, s, srv, "a", fastClock(t))
	snd.Clock = clk.At(clock.Now)
	s.Pushes.Enqueue(ctx, store.Push{Key: "k", Chat: 1, Text: "tin 1"})
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
	if n, _ := s.Pushes.Depth(ctx); n != 1 {
		t.Fatalf("the deferred push is gone: depth %d", n)
	}
	clock.Advance(time.Hour) // Monday 07:00
	snd.Drain(ctx, 0)
	once(t, srv, 1, 1)
}

func TestASenderKilledMidDigestAndRestarted(t *testing.T) {
	s := storetest.New(t, nil)
	srv := telegramtest.New(t, loose)
	s.Pushes.Enqueue(ctx, pushesTo(40, 1)...)
	fc := fastClock(t)
	first := newSender(t, s, srv, "first", fc)
	runCtx, kill := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { first.Run(runCtx); close(done) }()
	srv.Wait(ctx, 10, 10*time.Second, func([]telegramtest.Message) bool { return srv.Stats().Sent >= 10 })
	kill()
	<-done
	if srv.Stats().Sent >= 40 {
		t.Fatal("the digest was done before the kill")
	}
	drain(t, s, newSender(t, s, srv, "second", fc))
	once(t, srv, 40, 1)
}

func TestTwoSendersShareTheOutbox(t *testing.T) {
	s := storetest.New(t, nil)
	srv := telegramtest.New(t, loose)
	s.Pushes.Enqueue(ctx, pushesTo(30, 2)...)
	fc := fastClock(t)
	a, b := newSender(t, s, srv, "a", fc), newSender(t, s, srv, "b", fc)
	drain(t, s, a, b)
	once(t, srv, 30, 2)
	var all []time.Time
	for c := range int64(31) {
		all = append(all, a.API.(*clocked).times(c)...)
		all = append(all, b.API.(*clocked).times(c)...)
	}
	slices.SortFunc(all, time.Time.Compare)
	for i := 30; i < len(all); i++ {
		if all[i].Sub(all[i-30]) < time.Second {
			t.Errorf("31 messages within %v", all[i].Sub(all[i-30]))
		}
	}
}
