package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Updater is where long polling gets updates.
type Updater interface {
	GetUpdates(ctx context.Context, offset int) (Batch, error)
}

// Batch is what one getUpdates gave: the updates that decode, each with
// its JSON as Telegram sent it, those that do not, and the offset past
// them all.
type Batch struct {
	Updates []tg.Update
	Raw     map[int][]byte
	Bad     []BadUpdate
	Next    int
}

// BadUpdate is an update that could not be decoded.
type BadUpdate struct {
	ID  int
	Err error
}

// decodeBatch reads getUpdates' result one update at a time, so that one
// that does not decode is set aside instead of failing the others.
func decodeBatch(result json.RawMessage, offset int) (Batch, error) {
	var raws []json.RawMessage
	if err := json.Unmarshal(result, &raws); err != nil {
		return Batch{}, fmt.Errorf("getUpdates: the result is not an array: %w", err)
	}
	b := Batch{Raw: make(map[int][]byte, len(raws)), Next: offset}
	for _, raw := range raws {
		var u tg.Update
		if err := json.Unmarshal(raw, &u); err != nil {
			var id struct {
				UpdateID int `json:"update_id"`
			}
			json.Unmarshal(raw, &id)
			u.UpdateID = id.UpdateID
			b.Bad = append(b.Bad, BadUpdate{ID: id.UpdateID, Err: err})
		} else {
			b.Updates = append(b.Updates, u)
			b.Raw[u.UpdateID] = raw
		}
		b.Next = max(b.Next, u.UpdateID+1)
	}
	return b, nil
}

// retryPause is how long polling waits after a failed getUpdates (unless
// Telegram says how long) or an inbox that could not keep a batch.
const retryPause = 2 * time.Second

// claimFor is how long an instance holds an update it handles; one that
// died holding it lets it go after this.
const claimFor = 2 * time.Minute

// Poll receives updates by long polling until ctx ends. Each batch is kept
// in the store's inbox before the offset moves past it, so a crash loses
// none: the next start handles what the inbox holds first. Updates are
// handled one chat at a time in order, chats side by side (at most
// MaxChats at once), so a slow or failing chat holds up only itself and
// never the next getUpdates. The updates in hand when ctx ends are
// finished first.
func (b *Bot) Poll(ctx context.Context, up Updater) error {
	d := newDispatcher(b)
	defer d.wait()
	if err := b.Store.RefreshTerms(ctx); err != nil { // the plan follower refreshes it from then on
		b.Log.Warn("the terms are not read yet", "err", err)
	}
	b.resume(ctx, d)
	offset := 0
	for ctx.Err() == nil {
		batch, err := up.GetUpdates(ctx, offset)
		if ctx.Err() != nil {
			break
		}
		if err != nil {
			b.Log.Warn("getUpdates failed", "err", err)
			b.Sleep(ctx, pollPause(err))
			continue
		}
		offset = b.take(ctx, d, batch, offset)
	}
	return nil
}

// pollPause is how long to wait after a failed getUpdates: what a 429
// says, or retryPause.
func pollPause(err error) time.Duration {
	var te *tg.Error
	if errors.As(err, &te) && te.RetryAfter > 0 {
		return time.Duration(te.RetryAfter) * time.Second
	}
	return retryPause
}

// take keeps a batch in the inbox and hands its updates to their chats. It
// returns the offset past the batch, or the same offset when the inbox
// could not keep it: Telegram keeps the batch and gives it again (the
// updates already in hand are not taken twice).
func (b *Bot) take(ctx context.Context, d *dispatcher, batch Batch, offset int) int {
	var mine []tg.Update
	for _, u := range batch.Updates {
		if b.overheard(u) {
			delete(batch.Raw, u.UpdateID)
		} else {
			mine = append(mine, u)
		}
	}
	err := b.Store.Updates.Receive(ctx, batch.Raw)
	for _, u := range mine {
		d.add(ctx, u)
	}
	if err != nil {
		b.Log.Warn("updates not kept in the inbox", "err", err)
		b.Sleep(ctx, retryPause)
		return offset
	}
	for _, bad := range batch.Bad {
		b.Log.Error("an update that does not decode is skipped", "id", bad.ID, "err", bad.Err)
		b.Observer.Update("undecodable", "skipped", 0)
	}
	return batch.Next
}

// resume hands over what the inbox holds: updates an earlier run took and
// did not finish.
func (b *Bot) resume(ctx context.Context, d *dispatcher) {
	in, err := b.Store.Updates.Inbox(ctx)
	if err != nil {
		b.Log.Warn("the inbox could not be read", "err", err)
		return
	}
	ids := make([]int, 0, len(in))
	for id := range in {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		var u tg.Update
		if err := json.Unmarshal(in[id], &u); err != nil || b.overheard(u) {
			b.Store.Updates.Finish(ctx, id)
			continue
		}
		d.add(ctx, u)
	}
}

// dispatcher hands updates to one worker per chat, at most MaxChats at
// once.
type dispatcher struct {
	b      *Bot
	slots  chan struct{}
	mu     sync.Mutex
	queues map[int64][]tg.Update // per chat: the update in hand, then those waiting
	known  map[int]bool          // the updates queued or in hand
	wg     sync.WaitGroup
}

func newDispatcher(b *Bot) *dispatcher {
	return &dispatcher{b: b, slots: make(chan struct{}, b.MaxChats), queues: map[int64][]tg.Update{}, known: map[int]bool{}}
}

// add queues an update behind its chat's, unless it is in hand already,
// and starts the chat's worker when it has none; it waits while MaxChats
// chats are busy.
func (d *dispatcher) add(ctx context.Context, u tg.Update) {
	chat := chatOf(u)
	d.mu.Lock()
	if d.known[u.UpdateID] {
		d.mu.Unlock()
		return
	}
	d.known[u.UpdateID] = true
	q, busy := d.queues[chat]
	d.queues[chat] = append(q, u)
	d.mu.Unlock()
	if busy {
		return
	}
	select {
	case d.slots <- struct{}{}:
	case <-ctx.Done():
		return // the inbox keeps it for the next start
	}
	d.wg.Add(1)
	go d.run(ctx, chat)
}

// run handles a chat's updates in order until none is left.
func (d *dispatcher) run(ctx context.Context, chat int64) {
	defer d.wg.Done()
	defer func() { <-d.slots }()
	for {
		d.mu.Lock()
		q := d.queues[chat]
		if len(q) == 0 || ctx.Err() != nil {
			delete(d.queues, chat)
			d.mu.Unlock()
			return
		}
		d.mu.Unlock()
		d.b.handleTrying(ctx, q[0])
		d.mu.Lock()
		d.queues[chat] = d.queues[chat][1:]
		delete(d.known, q[0].UpdateID)
		d.mu.Unlock()
	}
}

func (d *dispatcher) wait() { d.wg.Wait() }

// handleTrying handles an update, trying again after a passing failure
// (the store or Telegram unavailable) with growing pauses. After RetryFor
// of pauses it gives the update up. When ctx ends between two tries the
// update is left in the inbox for the next start.
func (b *Bot) handleTrying(ctx context.Context, u tg.Update) {
	waited := time.Duration(0)
	for pause := time.Second; ; pause = min(2*pause, 30*time.Second) {
		err := b.Handle(context.WithoutCancel(ctx), u)
		if err == nil {
			return
		}
		if waited >= b.RetryFor {
			b.giveUp(ctx, u, err)
			return
		}
		if b.Sleep(ctx, pause); ctx.Err() != nil {
			return
		}
		waited += pause
	}
}

// giveUp stops trying an update: it is logged, counted, its sender gets
// one apology, and it is marked handled so the chat moves on.
func (b *Bot) giveUp(ctx context.Context, u tg.Update, err error) {
	b.Log.Error("an update is given up", "id", u.UpdateID, "err", err)
	req := newRequest(u)
	if req == nil {
		b.Observer.Update("unknown", "given_up", 0)
	} else {
		b.Observer.Update(req.kind(), "given_up", 0)
		p := b.Catalog.Printer(req.From.LanguageCode)
		b.API.Send(ctx, tg.NewMessage(req.Chat, p.T("bot.gave_up")))
	}
	b.told.Delete(u.UpdateID)
	if _, err := b.Store.Updates.Finish(ctx, u.UpdateID); err != nil {
		b.Log.Warn("an update given up is not marked", "id", u.UpdateID, "err", err)
		b.givenUp.Store(u.UpdateID, true) // delivered again, it is marked then
	}
}

func chatOf(u tg.Update) int64 {
	r, _ := requestOf(u)
	return r.Chat
}

func sleep(ctx context.Context, d time.Duration) {
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}

// maxUpdate bounds a webhook request's body.
const maxUpdate = 1 << 20

// Webhook is the handler Telegram posts updates to. It checks the secret
// token in constant time and answers 503 when the update must be sent
// again (Telegram retries; it is in hand, here or in another instance, or
// the store or Telegram failed for a while), 200 once it is handled or
// when it does not decode (it never will). An update taken in hand is
// finished even when Telegram stops waiting for the answer (it sends the
// update again, and is then told it is handled).
func (b *Bot) Webhook(secret string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if r.Method != http.MethodPost || subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		var u tg.Update
		if err := json.NewDecoder(io.LimitReader(r.Body, maxUpdate)).Decode(&u); err != nil {
			// Sent again it would fail again, and hold up what follows.
			b.Log.Error("an update that does not decode is skipped", "id", u.UpdateID, "err", err)
			b.Observer.Update("undecodable", "skipped", 0)
			w.WriteHeader(http.StatusOK)
			return
		}
		if err := b.Handle(context.WithoutCancel(r.Context()), u); errors.Is(err, ErrRetry) {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// SetWebhook tells Telegram where to post updates, with the secret it must
// send back (secret_token is newer than the library: a raw parameter).
func SetWebhook(ctx context.Context, api *API, url, secret string) error {
	return api.Raw(ctx, "setWebhook", map[string]string{
		"url": url, "secret_token": secret, "allowed_updates": `["message","callback_query"]`,
	})
}

// DeleteWebhook turns webhook mode off, so long polling may start.
func DeleteWebhook(ctx context.Context, api *API) error {
	return api.Raw(ctx, "deleteWebhook", nil)
}
