package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Updater is where long polling gets updates.
type Updater interface {
	GetUpdates(ctx context.Context, offset int) ([]tg.Update, error)
}

// retryPause is how long an update that could not be handled waits before
// it is tried again.
var retryPause = 2 * time.Second

// Poll receives updates by long polling until ctx ends. A batch is handled
// (chats side by side, each chat's updates in order) before the offset
// moves past it, so an update is confirmed only once handled; one that
// cannot be handled now is tried again and the offset waits for it. The
// updates in hand when ctx ends are finished first.
func (b *Bot) Poll(ctx context.Context, up Updater) error {
	offset := 0
	for ctx.Err() == nil {
		updates, err := up.GetUpdates(ctx, offset)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			b.Log.Warn("getUpdates failed", "err", err)
			sleep(ctx, retryPause)
			continue
		}
		offset = b.handleAll(ctx, updates, offset)
	}
	return nil
}

// handleAll handles a batch until every update is handled or ctx ends,
// and returns the next offset: past the batch, or at the first update
// still to handle.
func (b *Bot) handleAll(ctx context.Context, updates []tg.Update, offset int) int {
	if len(updates) == 0 {
		return offset
	}
	next := updates[len(updates)-1].UpdateID + 1
	for pending := updates; len(pending) > 0; {
		if pending = b.handleBatch(context.WithoutCancel(ctx), pending); len(pending) == 0 {
			break
		}
		if sleep(ctx, retryPause); ctx.Err() != nil {
			return pending[0].UpdateID
		}
	}
	return next
}

// handleBatch handles updates, one goroutine per chat, and returns those
// that must be tried again, in order.
func (b *Bot) handleBatch(ctx context.Context, updates []tg.Update) []tg.Update {
	byChat := map[int64][]tg.Update{}
	var chats []int64
	for _, u := range updates {
		chat := chatOf(u)
		if _, ok := byChat[chat]; !ok {
			chats = append(chats, chat)
		}
		byChat[chat] = append(byChat[chat], u)
	}
	var mu sync.Mutex
	var failed []tg.Update
	var wg sync.WaitGroup
	for _, chat := range chats {
		wg.Add(1)
		go func(us []tg.Update) {
			defer wg.Done()
			for i, u := range us {
				if err := b.Handle(ctx, u); errors.Is(err, ErrRetry) {
					mu.Lock()
					failed = append(failed, us[i:]...)
					mu.Unlock()
					return
				}
			}
		}(byChat[chat])
	}
	wg.Wait()
	sortUpdates(failed)
	return failed
}

func chatOf(u tg.Update) int64 {
	if r := newRequest(u); r != nil {
		return r.Chat
	}
	return 0
}

func sortUpdates(us []tg.Update) {
	for i := 1; i < len(us); i++ {
		for j := i; j > 0 && us[j].UpdateID < us[j-1].UpdateID; j-- {
			us[j], us[j-1] = us[j-1], us[j]
		}
	}
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
// again (Telegram retries), 200 once it is handled.
func (b *Bot) Webhook(secret string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if r.Method != http.MethodPost || subtle.ConstantTimeCompare([]byte(got), []byte(secret)) != 1 {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		var u tg.Update
		if err := json.NewDecoder(io.LimitReader(r.Body, maxUpdate)).Decode(&u); err != nil {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		if err := b.Handle(r.Context(), u); errors.Is(err, ErrRetry) {
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
