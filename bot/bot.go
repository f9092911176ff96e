// Package bot is chitieu's Telegram side: it receives updates (long polling
// or webhook) without losing or repeating one, routes them through
// middleware (recover, log, one at a time per chat, flood limit,
// authorisation) to the conversations, and renders the replies.
package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/jonboulle/clockwork"

	"chitieu/clock"
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/store"
)

// Sender is the part of the Bot API the handlers use.
type Sender interface {
	Send(ctx context.Context, c tg.Chattable) (tg.Message, error)
	Request(ctx context.Context, c tg.Chattable) error
	Username() string
	Download(ctx context.Context, fileID string, limit int64) ([]byte, error)
}

// Deps are what the bot works with.
type Deps struct {
	Store           *store.Store
	Plan            *indicator.Plan
	Catalog         *locales.Catalog
	API             Sender
	Log             *slog.Logger
	Admins          []int64       // the first admins, from configuration
	ConversationTTL time.Duration // a conversation left alone this long is forgotten
	InviteTTL       time.Duration
	Flood           FloodLimit
	// Digest writes the leaders' digest as it stands, in a language (the
	// reminders' own, for /tonghop).
	Digest func(ctx context.Context, lang string) (string, error)
	// AfterSave is told of each figure saved or corrected, once its reply
	// is sent (the reminders check the indicator's alerts and fan them
	// out): e is the indicator's evaluation with the figure (its window,
	// judged today), key names the figure.
	AfterSave func(ctx context.Context, e indicator.Evaluation, key string) error
	// PlanApplied is told when an admin applied a plan version through the
	// bot, so that this instance takes it up at once (the others within
	// seconds); nil for none.
	PlanApplied func(ctx context.Context)
	// Observer counts the updates handled (Prometheus, in serve).
	Observer Observer
	// Sleep waits d or until ctx ends: the pauses of polling and of
	// updates tried again (a test takes no time).
	Sleep func(ctx context.Context, d time.Duration)
	// MaxChats bounds how many chats' updates are handled at once (64
	// unless set).
	MaxChats int
	// RetryFor is how long, in pauses, an update that meets a passing
	// failure is tried again before it is given up with an apology (5
	// minutes unless set).
	RetryFor time.Duration
	// CityLeaders read every committee of the deployment and write none
	// (from configuration).
	CityLeaders []int64
	// Clock is the one clock (package clock): its Now is the plan's day,
	// its timers renew an update's claim while it is in hand and pace a
	// person's button presses for the flood limit. The real clock unless
	// set.
	Clock clock.Clock
}

// Observer is told of each update handled: its kind (a command, a
// button's action, text, a document), its outcome (ok, retry, error) and
// how long it took.
type Observer interface {
	Update(kind, outcome string, d time.Duration)
}

type noObserver struct{}

func (noObserver) Update(string, string, time.Duration) {}

// Bot handles updates.
type Bot struct {
	Deps
	handler Handler
	locks   *chatLocks
	flood   *flood
	told    *sync.Map // update ids whose sender was told the system is busy
	// givenUp are the updates given up with an apology whose mark did not
	// reach Redis (it was away): delivered again, they are marked, not
	// handled, so that what the apology said stays true.
	givenUp *sync.Map
	// inHand are the updates this process is handling: a delivery of one
	// of them (Telegram sends an update again when its answer is slow)
	// is told to come back, not handled a second time. Another instance
	// sees the update's claim in Redis instead.
	inHand *sync.Map
	// live is the bot of the plan in force, shared by every copy: a plan
	// reloaded makes a new one (SetPlan), and each update is handled by
	// the one it started with, so it is judged by one version throughout.
	live *atomic.Pointer[Bot]
	// instance names this bot in the claims of the updates it handles.
	instance string
	// term is the finished term a copy of the bot reads (nil: the
	// current one); termPlans are the finished terms' plans, loaded once.
	term      *store.Term
	termPlans *sync.Map
	// desk is the front of a deployment of several committees (nil for
	// one); tag and title are this bot's committee's code and name.
	desk       *Desk
	tag, title string
}

var (
	// ErrRetry means the update could not be handled now and must be
	// handled again later, not dropped.
	ErrRetry = errors.New("handle the update again later")
	// ErrUnavailable means a store call failed (a kind of ErrRetry).
	ErrUnavailable = errors.New("the store is unavailable")
)

type unavailableError struct{ err error }

func (e unavailableError) Error() string   { return ErrUnavailable.Error() + ": " + e.err.Error() }
func (e unavailableError) Unwrap() []error { return []error{ErrUnavailable, ErrRetry, e.err} }

type retryError struct{ err error }

func (e retryError) Error() string   { return "telegram: " + e.err.Error() }
func (e retryError) Unwrap() []error { return []error{ErrRetry, e.err} }

// transient reports whether a handler's error may pass if the update is
// handled again: the store unavailable, Telegram failing or refusing for
// now (5xx, 429), or the network failing before a request went out. A
// request that may have reached Telegram is not made again.
func transient(err error) bool {
	code := Code(err)
	switch {
	case errors.Is(err, ErrRetry):
		return true
	case errors.Is(err, ErrMaybeSent):
		return false
	case code == 429 || code >= 500:
		return true
	}
	return code == 0 && errors.Is(err, ErrUnreachable)
}

// unavailable marks a store error as one to retry; a write refused
// because its term is finished is not one (failed answers it).
func unavailable(err error) error {
	if err == nil || errors.Is(err, store.ErrTermFinished) {
		return err
	}
	return unavailableError{err}
}

// New makes a bot; Deps' zero values take defaults.
func New(d Deps) *Bot {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.ConversationTTL == 0 {
		d.ConversationTTL = 30 * time.Minute
	}
	if d.InviteTTL == 0 {
		d.InviteTTL = 7 * 24 * time.Hour
	}
	if d.Observer == nil {
		d.Observer = noObserver{}
	}
	if d.Sleep == nil {
		d.Sleep = sleep
	}
	if d.MaxChats == 0 {
		d.MaxChats = 64
	}
	if d.RetryFor == 0 {
		d.RetryFor = 5 * time.Minute
	}
	if d.Clock == nil {
		d.Clock = clock.Real()
	}
	b := &Bot{Deps: d, flood: newFlood(d.Flood, d.Clock.Now), instance: newNonce(), locks: &chatLocks{}, told: &sync.Map{}, givenUp: &sync.Map{},
		inHand: &sync.Map{}, live: &atomic.Pointer[Bot]{}, termPlans: &sync.Map{}}
	b.handler = chain(b.route, b.recover, b.logUpdate, b.groupManners, b.oneAtATime, b.limitFlood, b.authorise)
	b.live.Store(b)
	return b
}

// SetPlan makes the bot judge the updates that start from now on by plan
// (a version applied while it runs); updates in hand finish with the
// plan they started with.
func (b *Bot) SetPlan(plan *indicator.Plan) {
	nb := *b.live.Load()
	nb.Plan = plan
	nb.handler = chain(nb.route, nb.recover, nb.logUpdate, nb.groupManners, nb.oneAtATime, nb.limitFlood, nb.authorise)
	b.live.Store(&nb)
}

// current is the bot of the plan in force.
func (b *Bot) current() *Bot {
	if b.live == nil {
		return b
	}
	return b.live.Load()
}

// Handle handles one update unless it was handled before or is in hand
// (here or in another instance), and records it as handled. ErrRetry
// means it must be handled again later: a passing failure, or it is in
// hand. Its claim, the sender and the chat's conversation are one round
// trip (store.Begin); marking it handled is one more, unless the
// handler's last write did it (Request.handled).
func (b *Bot) Handle(ctx context.Context, u tg.Update) error {
	if _, gave := b.givenUp.Load(u.UpdateID); gave {
		if _, err := b.Store.Updates.Finish(ctx, u.UpdateID); err != nil {
			return unavailable(err)
		}
		b.givenUp.Delete(u.UpdateID)
		return nil
	}
	if _, ok := routed(ctx); b.desk != nil && !ok {
		return b.desk.handle(ctx, u)
	}
	b = b.current() // one plan for the whole update
	if b.overheard(u) {
		return nil
	}
	if _, busy := b.inHand.LoadOrStore(u.UpdateID, true); busy {
		b.Log.Info("an update delivered again while in hand", "id", u.UpdateID)
		return fmt.Errorf("%w: update %d is in hand", ErrRetry, u.UpdateID)
	}
	defer b.inHand.Delete(u.UpdateID)
	req := newRequest(u)
	if rt, ok := routed(ctx); ok && rt.heading != "" && req != nil {
		req.several = true
	}
	bg := b.begin(u, req)
	begun, err := b.Store.Updates.Begin(ctx, bg)
	var left leftOver
	switch {
	case err != nil:
		b.tellBusy(ctx, u)
		return unavailable(err)
	case begun.Claim == store.Busy:
		return fmt.Errorf("%w: update %d is in hand elsewhere", ErrRetry, u.UpdateID)
	case begun.Claim == store.Claimed && begun.Tries > maxDeaths: // a new claim counts a try
		b.giveUp(ctx, u, errors.New("earlier runs died handling it"))
		return nil
	case begun.Claim == store.Claimed || begun.Claim == store.Held:
		defer b.keepClaim(u.UpdateID)()
		left, err = b.handleUpdate(ctx, req, begun)
	}
	if err == nil {
		err = b.finishUpdate(ctx, u.UpdateID, left)
	}
	if err != nil && left.marked { // the save marked it, what followed failed: it is to handle again
		b.Store.Updates.Unmark(ctx, u.UpdateID)
	}
	if err != nil {
		b.Store.Updates.Release(ctx, u.UpdateID, b.instance)
	}
	return err
}

// keepClaim renews the update's claim every third of claimFor while it is
// in hand, so that a handling slower than the claim (Telegram answering
// slowly, its retry_after obeyed) is not taken by another instance
// meanwhile; the function it returns stops it. It stops by itself once
// the claim is no longer this instance's (the handler's save marked the
// update handled).
func (b *Bot) keepClaim(id int) (stop func()) {
	var mu sync.Mutex
	var timer clockwork.Timer
	stopped := false
	var renew func()
	renew = func() {
		held, err := b.Store.Updates.Renew(context.Background(), id, b.instance, claimFor)
		if err != nil {
			b.Log.Warn("the claim of an update in hand is not renewed", "id", id, "err", err)
		}
		mu.Lock()
		defer mu.Unlock()
		if !stopped && (held || err != nil) {
			timer = b.Clock.AfterFunc(claimFor/3, renew)
		}
	}
	mu.Lock()
	timer = b.Clock.AfterFunc(claimFor/3, renew)
	mu.Unlock()
	return func() {
		mu.Lock()
		defer mu.Unlock()
		stopped = true
		timer.Stop()
	}
}

// leftOver is what an update's handler leaves to write: the conversation's
// last write, held back to share the mark's round trip, and the mark
// itself unless the handler's last write made it.
type leftOver struct {
	conv   *store.ConversationWrite
	marked bool
}

// finishUpdate writes what the handler left and records that the update
// was handled, in one round trip. Only a conversation not kept makes the
// update one to handle again; a mark not made is logged (the update may
// come again, and what it did is idempotent).
func (b *Bot) finishUpdate(ctx context.Context, id int, left leftOver) error {
	b.told.Delete(id)
	if left.conv != nil {
		if _, err := b.Store.Updates.FinishWith(ctx, id, *left.conv); err == nil {
			return nil
		}
		if err := b.sendWrite(ctx, *left.conv); err != nil {
			return err
		}
	}
	if _, err := b.Store.Updates.Finish(ctx, id); err != nil {
		b.Log.Warn("a handled update is not marked", "id", id, "err", err)
	}
	return nil
}

// begin is what the update's first round trip claims and reads: the
// sender and the chat's conversation, which nearly every handler needs;
// r is the update as a request (nil for one no handler reads).
func (b *Bot) begin(u tg.Update, r *Request) store.Begin {
	begin := store.Begin{Update: u.UpdateID, Owner: b.instance, TTL: claimFor}
	if r != nil {
		begin.Person, begin.Chat = r.From.ID, r.Chat
	}
	return begin
}

// maxDeaths is how many runs may die handling one update before it is
// given up: a file or a message that kills the process must not come back
// after each restart.
const maxDeaths = 2

// handleUpdate runs an update (as a request: nil for one no handler reads)
// through the middleware to its handler, with what Begin read, and returns
// what the handler left to write. A passing failure is returned to try
// again; any other is logged and, when it is the bot's own (not a refusal
// by Telegram), apologised for.
func (b *Bot) handleUpdate(ctx context.Context, req *Request, begun store.Begun) (leftOver, error) {
	if req == nil {
		return leftOver{}, nil
	}
	req.P = b.Catalog.Printer(req.From.LanguageCode)
	f := &firstRead{begun: begun, person: req.From.ID, chat: req.Chat}
	ctx = withFirstRead(ctx, f)
	err := b.handler(ctx, req)
	if err == nil {
		return leftOver{conv: f.pending, marked: req.handled}, nil
	}
	if err := b.flush(ctx); err != nil { // what the handler wrote before it failed stays written
		b.Log.Warn("a conversation is not kept", "id", req.Update.UpdateID, "err", err)
	}
	return leftOver{marked: req.handled}, b.failed(ctx, req, err)
}

// failed tells what a handler's error means: a passing failure is returned
// to try again; any other is logged and, when it is the bot's own (not a
// refusal by Telegram), apologised for.
func (b *Bot) failed(ctx context.Context, req *Request, err error) error {
	id := req.Update.UpdateID
	if ok, err := b.refusedAsFinished(ctx, req, err); ok {
		return err
	}
	if errors.Is(err, ErrUnavailable) {
		b.tellBusy(ctx, req.Update)
	}
	if transient(err) {
		b.Log.Warn("update to handle again", "id", id, "err", err)
		return retryError{err}
	}
	if Code(err) != 0 || errors.Is(err, ErrMaybeSent) { // Telegram refused, or may have taken it
		b.Log.Warn("update not answered", "id", id, "err", err)
		return nil
	}
	b.Log.Error("update not handled", "id", id, "err", err)
	b.reply(ctx, req, req.P.T("bot.error"))
	return nil
}

// overheard reports whether an update is talk in a group not meant for the
// bot: it is let go at once, without a word and without the store.
func (b *Bot) overheard(u tg.Update) bool {
	req, ok := requestOf(u)
	return ok && req.Group && req.Callback == nil && !req.forBot(b.API.Username())
}

// tellBusy tells the sender, once per update, that the system is busy and
// their message will be handled shortly (a press in a group is not
// answered in the group).
func (b *Bot) tellBusy(ctx context.Context, u tg.Update) {
	req := newRequest(u)
	if req == nil || req.Group && req.Callback != nil {
		return
	}
	if _, told := b.told.LoadOrStore(u.UpdateID, true); told {
		return
	}
	p := b.Catalog.Printer(req.From.LanguageCode)
	b.API.Send(ctx, tg.NewMessage(req.Chat, p.T("bot.busy")))
}

// Commands returns the command menu in a language.
func Commands(p *locales.Printer) []tg.BotCommand {
	var out []tg.BotCommand
	for _, c := range commandTable() {
		out = append(out, tg.BotCommand{Command: c.name, Description: p.T("cmd." + c.name)})
	}
	return out
}

// SetCommands sets the command menu in Vietnamese (the default) and
// English. A server that refuses is logged and does not stop the bot.
func (b *Bot) SetCommands(ctx context.Context) {
	for _, lang := range []string{"", "en"} {
		cfg := tg.NewSetMyCommands(Commands(b.Catalog.Printer(lang))...)
		cfg.LanguageCode = lang
		if err := b.API.Request(ctx, cfg); err != nil {
			b.Log.Warn("setMyCommands refused", "lang", lang, "err", err)
		}
	}
}
