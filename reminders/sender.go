package reminders

import (
	"context"
	"errors"
	"log/slog"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/clock"
	"chitieu/retry"
	"chitieu/store"
)

// Telegram is what the sender needs of the Bot API: a client that does not
// retry by itself, so the sender decides.
type Telegram interface {
	Send(ctx context.Context, c tg.Chattable) (tg.Message, error)
}

// PushObserver is told what became of each push: sent, deferred, retried
// or failed, and of each 429.
type PushObserver interface {
	Push(outcome string)
	TooManyRequests()
}

// JobObserver is told of each job's run.
type JobObserver interface {
	Job(name string, err error, d time.Duration)
}

type noObserver struct{}

func (noObserver) Push(string)                      {}
func (noObserver) TooManyRequests()                 {}
func (noObserver) Job(string, error, time.Duration) {}

// Sender drains the outbox within Telegram's limits: about 30 messages a
// second overall and one a second in a chat, for all senders on one Redis
// together. A push is acknowledged only
// once Telegram accepted it; a 429 waits its retry_after, a server error
// is retried with backoff, a 403 (the person blocked the bot) is final and
// marks them inactive. Pushes are held back outside working hours.
type Sender struct {
	Store    *store.Store
	API      Telegram
	Calendar Calendar
	Log      *slog.Logger
	Name     string                           // this sender's name in the consumer group
	Rate     float64                          // messages a second overall; 29 unless set (Telegram allows 30)
	ChatGap  time.Duration                    // between two messages to one chat; 1,1 s unless set
	Stale    time.Duration                    // a push claimed by a sender silent this long is taken over; 1 minute unless set
	MaxTries int                              // attempts before a failing push is given up; 10 unless set
	Backoff  func(attempts int) time.Duration // the wait before another try; 2s, 4s, … 5 minutes unless set
	Observer PushObserver                     // counts the pushes (Prometheus, in serve)
	Clock    clock.Clock                      // the one clock: the calendar's day, the pace, the waits; the real one unless set

	ready bool
}

// Run sends until ctx ends; the push in hand is finished first.
func (s *Sender) Run(ctx context.Context) error {
	s.defaults()
	for ctx.Err() == nil {
		if err := s.Drain(ctx, time.Second); err != nil {
			s.Log.Warn("outbox", "err", err)
			s.pause(ctx, time.Second)
		}
	}
	return nil
}

func (s *Sender) defaults() {
	if s.ready {
		return
	}
	s.ready = true
	if s.Rate == 0 {
		s.Rate = 29
	}
	if s.ChatGap == 0 {
		s.ChatGap = 1100 * time.Millisecond // a little over Telegram's second, for the network's jitter
	}
	if s.Stale == 0 {
		s.Stale = time.Minute
	}
	if s.MaxTries == 0 {
		s.MaxTries = 10
	}
	if s.Backoff == nil {
		s.Backoff = backoff
	}
	if s.Observer == nil {
		s.Observer = noObserver{}
	}
	if s.Log == nil {
		s.Log = slog.New(slog.DiscardHandler)
	}
	if s.Clock == nil {
		s.Clock = clock.Real()
	}
}

// batch is how many pushes are claimed at once: enough chats that, taking
// turns, none waits for its one-second gap (100 chats take 3,4 s at 29 a
// second), few enough to be sent well before another sender takes over.
const batch = 100

// Drain promotes the deferred pushes that are due, then claims and sends a
// batch, waiting up to block for one.
func (s *Sender) Drain(ctx context.Context, block time.Duration) error {
	_, err := s.drain(ctx, block)
	return err
}

// drain is Drain, saying how many pushes it claimed.
func (s *Sender) drain(ctx context.Context, block time.Duration) (int, error) {
	s.defaults()
	if _, err := s.Store.Pushes.Promote(ctx, s.Clock.Now()); err != nil {
		return 0, err
	}
	pushes, err := s.Store.Pushes.Claim(ctx, s.Name, batch, block, s.Stale)
	if err != nil {
		return 0, err
	}
	return len(pushes), s.sendAll(ctx, interleave(pushes))
}

// senderWorkers is how many outboxes RunAll drains at once: a batch
// that waits on its chats' one-second gaps (a leader's digest in parts)
// must not hold the other committees' pushes back, and a few side by
// side keep the bot at Telegram's pace.
const senderWorkers = 8

// RunAll sends the pushes of several committees' outboxes until ctx ends,
// senderWorkers outboxes at a time, each in turn a batch at a time; a
// worker pauses a second once every outbox it looked at was empty. (A
// blocking read on each would hold a connection per committee; with one
// committee, it waits on its outbox as Run does.) senders are read anew
// at each turn: a committee added while it runs is taken up. The senders
// share Telegram's pace as any senders on one Redis do.
func RunAll(ctx context.Context, senders func() []*Sender) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range senderWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			idle := 0
			for ctx.Err() == nil {
				all := senders()
				if w >= len(all) {
					if len(all) > 0 {
						all[0].pause(ctx, time.Second)
					} else {
						sleepCtx(ctx, time.Second)
					}
					continue
				}
				s, block := all[int(next.Add(1)-1)%len(all)], time.Duration(0)
				if len(all) == 1 {
					block = time.Second
				}
				n, err := s.drain(ctx, block)
				if err != nil {
					s.Log.Warn("outbox", "committee", s.Store.Committee(), "err", err)
					s.pause(ctx, time.Second)
				}
				if idle++; n > 0 {
					idle = 0
				}
				if block == 0 && idle >= len(all) {
					idle = 0
					s.pause(ctx, time.Second)
				}
			}
		}()
	}
	wg.Wait()
	return nil
}

func sleepCtx(ctx context.Context, d time.Duration) {
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}

// maxAside is the longest a push waits aside for its chat to be free;
// longer, it is deferred through the outbox.
const maxAside = 5 * time.Second

// sendAll sends the pushes, chats taking turns: a push whose chat is not
// free yet waits aside while the others go, then goes in a later pass, in
// its order.
func (s *Sender) sendAll(ctx context.Context, pushes []store.Push) error {
	for len(pushes) > 0 {
		var aside []store.Push
		soonest := maxAside
		for _, p := range pushes {
			busy, err := s.deliver(ctx, p)
			if err != nil {
				return err
			}
			if busy > 0 {
				aside, soonest = append(aside, p), min(soonest, busy)
			}
		}
		if len(aside) > 0 && !s.pause(ctx, soonest) {
			return s.putBack(context.WithoutCancel(ctx), aside)
		}
		pushes = aside
	}
	return nil
}

// putBack returns pushes to the outbox, due now: the sender is stopping.
func (s *Sender) putBack(ctx context.Context, pushes []store.Push) error {
	for _, p := range pushes {
		if err := s.Store.Pushes.Reschedule(ctx, p, s.Clock.Now(), false); err != nil {
			return err
		}
	}
	return nil
}

// interleave orders pushes so that chats take turns: the first push of
// each chat, then the second of each, so no chat's pacing holds the others.
func interleave(pushes []store.Push) []store.Push {
	turn := map[int64]int{}
	rank := make([]int, len(pushes))
	for i, p := range pushes {
		rank[i] = turn[p.Chat]
		turn[p.Chat]++
	}
	idx := make([]int, len(pushes))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return rank[idx[a]] < rank[idx[b]] })
	out := make([]store.Push, len(pushes))
	for i, j := range idx {
		out[i] = pushes[j]
	}
	return out
}

// deliver sends one push, or puts it off, or gives it up; it returns how
// long the push's chat is busy when it must wait aside.
func (s *Sender) deliver(ctx context.Context, p store.Push) (time.Duration, error) {
	now := s.Clock.Now()
	if open := s.Calendar.NextOpen(now); open.After(now) || p.NotBefore.After(now) {
		s.Observer.Push("deferred")
		return 0, s.Store.Pushes.Reschedule(ctx, p, latest(open, p.NotBefore), false)
	}
	switch busy, err := s.wait(ctx, p.Chat); {
	case err != nil && ctx.Err() != nil:
		return 0, s.Store.Pushes.Reschedule(context.WithoutCancel(ctx), p, now, false)
	case err != nil:
		return 0, err
	case busy > maxAside:
		s.Observer.Push("deferred")
		return 0, s.Store.Pushes.Reschedule(ctx, p, now.Add(busy), false)
	case busy > 0:
		return busy, nil
	}
	return 0, s.send(ctx, p)
}

// send sends a push whose slot came, unless another sender has it.
func (s *Sender) send(ctx context.Context, p store.Push) error {
	switch state, err := s.Store.Pushes.Begin(ctx, p, s.Name, s.Stale); {
	case err != nil:
		return err
	case state == store.AlreadySent:
		return s.Store.Pushes.Ack(ctx, p)
	case state == store.SendingElse:
		return nil
	}
	m := tg.NewMessage(p.Chat, p.Text)
	if p.HTML {
		m.ParseMode = tg.ModeHTML
	}
	m.DisableWebPagePreview = true
	_, err := s.API.Send(context.WithoutCancel(ctx), m)
	return s.settle(context.WithoutCancel(ctx), p, err)
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// settle records what Telegram said of a push.
func (s *Sender) settle(ctx context.Context, p store.Push, err error) error {
	var te *tg.Error
	isTG := errors.As(err, &te)
	switch {
	case err == nil:
		s.Observer.Push("sent")
		return s.Store.Pushes.Ack(ctx, p)
	case isTG && te.RetryAfter > 0:
		wait := time.Duration(te.RetryAfter) * time.Second
		s.Observer.TooManyRequests()
		s.Observer.Push("retried")
		s.Store.Pushes.Hold(ctx, wait, s.Clock.Now())
		s.Log.Warn("telegram asked to wait", "seconds", te.RetryAfter)
		return s.Store.Pushes.Reschedule(ctx, p, s.Clock.Now().Add(wait), true)
	case isTG && te.Code == 403:
		s.Observer.Push("failed")
		s.Store.People.SetInactive(ctx, p.Chat, true)
		return s.Store.Pushes.Fail(ctx, p, te.Message)
	case isTG && te.Code >= 400 && te.Code < 500, p.Attempts+1 >= s.MaxTries:
		s.Observer.Push("failed")
		s.Log.Error("push given up", "key", p.Key, "err", err)
		return s.Store.Pushes.Fail(ctx, p, err.Error())
	}
	s.Observer.Push("retried")
	return s.Store.Pushes.Reschedule(ctx, p, s.Clock.Now().Add(s.Backoff(p.Attempts)), true)
}

// backoff is the wait before a push is tried again: 2s, 4s, … up to 5
// minutes (the push waits in Redis, deferred, not in a loop here).
var backoff = retry.Policy{First: 2 * time.Second, Max: 5 * time.Minute}.Wait

// wait keeps to the limits, shared by every sender on the Redis: the
// overall rate, the gap in a chat, the pause after a 429. It waits for a
// slot booked, or returns how long the chat is busy, booking nothing.
func (s *Sender) wait(ctx context.Context, chat int64) (busy time.Duration, err error) {
	slot, err := s.Store.Pushes.Reserve(ctx, chat, time.Duration(float64(time.Second)/s.Rate), s.ChatGap, s.Clock.Now())
	switch {
	case err != nil:
		return 0, err
	case !slot.Booked:
		return max(slot.Wait, time.Millisecond), nil
	case !s.pause(ctx, slot.Wait):
		return 0, ctx.Err()
	}
	return 0, nil
}

// pause waits d on the sender's clock; false when ctx ended first.
func (s *Sender) pause(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	select {
	case <-s.Clock.After(d):
		return true
	case <-ctx.Done():
		return false
	}
}
