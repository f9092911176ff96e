package bot

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"golang.org/x/time/rate"

	"chitieu/locales"
	"chitieu/render"
	"chitieu/store"
)

// Request is one update as the handlers see it.
type Request struct {
	Update   tg.Update
	Chat     int64
	From     *tg.User
	Text     string // a message's text, trimmed
	Command  string // without the slash and @bot
	To       string // the bot a command names (/cmd@bot), if any
	Args     string
	Callback *tg.CallbackQuery
	Message  int          // the incoming message's id, or the pressed message's
	Group    bool         // the chat is a group, not a private chat
	Document *tg.Document // a file sent
	Title    string       // a group's title
	User     *store.User  // nil for a stranger
	P        *locales.Printer
	// handled is set by a handler whose last write also marked the update
	// handled (a script that embeds store.HandledLua with
	// Store.HandledMark's keys and arguments): Handle does not mark it
	// again, and the update costs no round trip of its own to finish.
	handled bool
	// preface is said once before the next reply: a code the person typed
	// that the plan now names otherwise.
	preface string
	// confirm has a one-line report shown as understood before it is
	// saved, however plausible: its code was guessed.
	confirm bool
	// several is set when the person belongs to several committees (the
	// desk names the committee in every reply).
	several bool
}

// maxText bounds what is read of a message: Telegram allows 4096
// characters; nothing the bot asks for is longer than a reason.
const maxText = 1000

func newRequest(u tg.Update) *Request {
	if r, ok := requestOf(u); ok {
		return &r
	}
	return nil
}

// requestOf reads an update as newRequest does, into a value: a look at
// an update (its chat, whether it is meant for the bot) costs no
// allocation.
func requestOf(u tg.Update) (Request, bool) {
	switch {
	case u.Message != nil && u.Message.From != nil && u.Message.Chat != nil:
		m := u.Message
		r := Request{Update: u, Chat: m.Chat.ID, From: m.From, Message: m.MessageID, Text: strings.TrimSpace(m.Text),
			Group: !m.Chat.IsPrivate(), Title: m.Chat.Title, Document: m.Document}
		if utf8.RuneCountInString(r.Text) > maxText {
			r.Text = string([]rune(r.Text)[:maxText])
		}
		r.Command, r.To, r.Args = splitCommand(r.Text)
		return r, true
	case u.CallbackQuery != nil && u.CallbackQuery.From != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		q := u.CallbackQuery
		return Request{Update: u, Chat: q.Message.Chat.ID, From: q.From, Callback: q, Message: q.Message.MessageID}, true
	}
	return Request{}, false
}

// splitCommand reads "/name@bot args" from a message's text. It does not trust
// the message's entities: the library's reading of them panics on a forged
// length.
func splitCommand(text string) (name, to, args string) {
	if !strings.HasPrefix(text, "/") {
		return "", "", ""
	}
	name, args, _ = strings.Cut(text[1:], " ")
	name, to, _ = strings.Cut(name, "@")
	return strings.ToLower(name), to, strings.TrimSpace(args)
}

// kind names the update for logs and metrics, from a short fixed list: a
// command by its Vietnamese name, a button's action, text or a document;
// never what was typed.
func (r *Request) kind() string {
	switch {
	case r.Command == "start":
		return "/start"
	case r.Command != "":
		if c, ok := findCommand(r.Command); ok {
			return "/" + c.name
		}
		return "/other"
	case r.Callback != nil:
		cb, err := ParseCallback(r.Callback.Data)
		if err != nil {
			return "button:bad"
		}
		return "button:" + string(cb.Action)
	case r.Document != nil:
		return "document"
	}
	return "text"
}

// Handler handles a request.
type Handler func(ctx context.Context, r *Request) error

// Middleware wraps a handler.
type Middleware func(Handler) Handler

// chain wraps h in the middleware, the first outermost.
func chain(h Handler, mw ...Middleware) Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

// recover turns a panic into a logged error and an apology; the update
// counts as handled, so it cannot loop.
func (b *Bot) recover(next Handler) Handler {
	return func(ctx context.Context, r *Request) (err error) {
		defer func() {
			if v := recover(); v != nil {
				b.Log.Error("panic handling an update", "update", r.Update.UpdateID, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				b.reply(ctx, r, b.Catalog.Printer(r.From.LanguageCode).T("bot.error"))
				err = nil
			}
		}()
		return next(ctx, r)
	}
}

func (b *Bot) logUpdate(next Handler) Handler {
	return func(ctx context.Context, r *Request) error {
		start := time.Now()
		err := next(ctx, r)
		took := time.Since(start)
		b.Log.Info("update", "id", r.Update.UpdateID, "chat", r.Chat, "kind", r.kind(), "ms", took.Milliseconds(), "err", err)
		outcome := "ok"
		switch {
		case errors.Is(err, ErrRetry):
			outcome = "retry"
		case err != nil:
			outcome = "error"
		}
		b.Observer.Update(r.kind(), outcome, took)
		return err
	}
}

// chatLocks lets one update of a chat be handled at a time.
type chatLocks struct {
	mu    sync.Mutex
	locks map[int64]*chatLock
}

type chatLock struct {
	sync.Mutex
	users int
}

func (l *chatLocks) lock(chat int64) func() {
	l.mu.Lock()
	if l.locks == nil {
		l.locks = map[int64]*chatLock{}
	}
	c := l.locks[chat]
	if c == nil {
		c = &chatLock{}
		l.locks[chat] = c
	}
	c.users++
	l.mu.Unlock()
	c.Lock()
	return func() {
		c.Unlock()
		l.mu.Lock()
		if c.users--; c.users == 0 {
			delete(l.locks, chat)
		}
		l.mu.Unlock()
	}
}

func (b *Bot) oneAtATime(next Handler) Handler {
	return func(ctx context.Context, r *Request) error {
		defer b.locks.lock(r.Chat)()
		return next(ctx, r)
	}
}

// authorise finds who is writing. A configured first admin is made one; a
// stranger or a blocked person may only /start.
func (b *Bot) authorise(next Handler) Handler {
	return func(ctx context.Context, r *Request) error {
		u, err := b.person(ctx, r.From)
		if err != nil {
			return err
		}
		lang := r.From.LanguageCode
		if u != nil && u.Lang != "" {
			lang = u.Lang
		}
		r.P = b.Catalog.Printer(lang)
		if u == nil || u.Blocked {
			if r.Group && r.Callback == nil {
				return nil // a stranger's word in a group is not for the bot
			}
			if r.Command == "start" {
				return next(ctx, r)
			}
			return b.refuseStranger(ctx, r)
		}
		r.User = u
		return next(ctx, r)
	}
}

// person is who sends the update, as the update's first round trip read
// them: a configured first admin is made one, and someone who had blocked
// the bot is active again.
func (b *Bot) person(ctx context.Context, from *tg.User) (*store.User, error) {
	u, err := b.readPerson(ctx, from.ID)
	switch {
	case (errors.Is(err, store.ErrNotFound) || err == nil && (u.Blocked || !u.Has(store.Admin))) && slices.Contains(b.Admins, from.ID):
		u, err = b.Store.People.EnsureAdmin(ctx, profile(from)) // the configuration's admins stay admins
	case errors.Is(err, store.ErrNotFound) && slices.Contains(b.CityLeaders, from.ID):
		u = store.User{ID: from.ID, Name: profile(from).Name, Lang: from.LanguageCode, Roles: []store.Role{store.Leader}, Reader: true}
		return &u, nil
	case errors.Is(err, store.ErrNotFound):
		return nil, nil
	case err == nil && u.Inactive:
		u, err = b.Store.People.SetInactive(ctx, from.ID, false)
	}
	if err != nil {
		return nil, unavailable(err)
	}
	return &u, nil
}

func profile(u *tg.User) store.Profile {
	name := render.Name(render.Name(u.FirstName) + " " + render.Name(u.LastName))
	return store.Profile{ID: u.ID, Name: name, Username: u.UserName, Lang: u.LanguageCode}
}

// FloodLimit is how many updates a person may send.
type FloodLimit struct {
	PerMinute int // 30 unless set
	Burst     int // 10 unless set
}

// flood counts each person's updates by when they were sent, not by when
// they are handled: messages held back by an outage (or waiting behind a
// slow one) and handled together were sent at their own pace, and that
// pace is what the limit judges.
type flood struct {
	mu     sync.Mutex
	limit  FloodLimit
	now    func() time.Time // the pace's clock for what carries no date of its own (a button press)
	people map[int64]*floodState
}

type floodState struct {
	limiter *rate.Limiter
	warned  bool
	at      time.Time // the latest moment charged, on Telegram's clock
	seen    time.Time // when it was charged, on ours
}

// newFlood is the limit l, judging by now what carries no date of its own.
func newFlood(l FloodLimit, now func() time.Time) *flood {
	if l.PerMinute == 0 {
		l.PerMinute = 30
	}
	if l.Burst == 0 {
		l.Burst = 10
	}
	return &flood{limit: l, now: now, people: map[int64]*floodState{}}
}

// maxFloodPeople bounds how many people the flood limit remembers; past
// it, those whose allowance has filled up again are forgotten (they are
// as new), then any.
const maxFloodPeople = 10000

// allow reports whether a person may be served for an update sent at sent
// (zero for one that carries no date: a button press is counted when it
// arrives), and whether they must be told to slow down (once each time
// they overrun). An update let through whatever its pace (free: one that
// ends a conversation, or one the person was promised would be handled)
// goes through, and spends the allowance when there is some.
func (f *flood) allow(id int64, sent time.Time, free bool) (ok, warn bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	s := f.people[id]
	if s == nil {
		f.forget(now)
		s = &floodState{limiter: rate.NewLimiter(rate.Limit(float64(f.limit.PerMinute)/60), f.limit.Burst), at: sent, seen: now}
		if sent.IsZero() {
			s.at = now
		}
		f.people[id] = s
	}
	at := s.at.Add(now.Sub(s.seen)) // no date: as long after the last as it came
	if !sent.IsZero() {
		at = sent
	}
	if at.Before(s.at) { // never back: time the limiter counted is not counted twice
		at = s.at
	}
	s.at, s.seen = at, now
	if s.limiter.AllowN(at, 1) || free {
		s.warned = false
		return true, false
	}
	warn, s.warned = !s.warned, true
	return false, warn
}

// forget makes room when the map is full: it forgets those whose
// allowance has filled up again, then any, down to nine tenths, so that
// the sweep is rare; the caller holds mu.
func (f *flood) forget(now time.Time) {
	if len(f.people) < maxFloodPeople {
		return
	}
	for id, s := range f.people {
		if s.limiter.TokensAt(s.at.Add(now.Sub(s.seen))) >= float64(f.limit.Burst) {
			delete(f.people, id)
		}
	}
	for id := range f.people {
		if len(f.people) <= maxFloodPeople*9/10 {
			return
		}
		delete(f.people, id)
	}
}

func (b *Bot) limitFlood(next Handler) Handler {
	return func(ctx context.Context, r *Request) error {
		_, promised := b.told.Load(r.Update.UpdateID) // told it would be handled: it is
		ok, warn := b.flood.allow(r.From.ID, r.sent(), r.ends() || promised)
		if warn {
			b.reply(ctx, r, r.P.T("bot.flood"))
		}
		if !ok {
			return nil
		}
		return next(ctx, r)
	}
}

// sent is when the request's message was sent, by Telegram's date; zero
// for a button press, which carries no date of its own.
func (r *Request) sent() time.Time {
	if m := r.Update.Message; m != nil && m.Date > 0 {
		return time.Unix(int64(m.Date), 0)
	}
	return time.Time{}
}

// ends reports whether the request ends a conversation (/huy or a Cancel
// button): the flood limit never drops it.
func (r *Request) ends() bool {
	if c, ok := findCommand(r.Command); ok && c.name == "huy" {
		return true
	}
	if r.Callback == nil {
		return false
	}
	cb, err := ParseCallback(r.Callback.Data)
	return err == nil && cb.Action == ActCancel
}
