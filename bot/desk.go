package bot

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"sync"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/render"
	"chitieu/store"
)

// Desk is the front of a deployment that serves several committees
// through one Telegram bot: each committee has its own Bot, on its own
// store and plan, and the desk hands each update to the one it speaks to.
// A person in one committee is handed to it and never asked; a person in
// several (a city admin or leader is in all) speaks to the one they chose
// (/dangbo), and is asked when a message could be for more than one.
// Every reply to such a person names the committee. A button carries its
// committee's code, a group belongs to the committee that registered it,
// an invite to the committee that made it: what one committee's bot
// handles it reads and writes in that committee's keys only.
type Desk struct {
	mu    sync.RWMutex
	front *Bot
	bots  map[string]*Bot
	names map[string]string
	codes []string
	// city are the people who read every committee: the city admins
	// (Deps.Admins) and leaders (Deps.CityLeaders).
	city []int64
	// Rollup writes the city's roll-up as it stands, in a language, for
	// a city admin or leader who asks (/thanhpho); nil for none.
	Rollup func(ctx context.Context, lang string) (string, error)
}

// chooseCommand lists a person's committees to choose from; chooseData
// starts a chooser button's data.
const (
	chooseCommand, chooseAlias = "dangbo", "committee"
	chooseData                 = "dangbo:"
	cityCommand, cityAlias     = "thanhpho", "city"
)

// NewDesk puts bots, one per committee (in the order of committees), behind
// one front: the first bot receives (Poll, Webhook) for all.
func NewDesk(committees []store.Committee, bots []*Bot) *Desk {
	d := &Desk{front: bots[0], bots: map[string]*Bot{}, names: map[string]string{}}
	d.city = append(slices.Clone(bots[0].Admins), bots[0].CityLeaders...)
	for i, c := range committees {
		d.Add(c, bots[i])
	}
	return d
}

// Add puts a committee's bot behind the desk (one made while serving).
func (d *Desk) Add(c store.Committee, b *Bot) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, x := range []*Bot{b, b.current()} {
		x.desk, x.tag, x.title = d, c.Code, c.Name
	}
	d.bots[c.Code], d.names[c.Code] = b, c.Name
	if !slices.Contains(d.codes, c.Code) {
		d.codes = append(d.codes, c.Code)
		slices.Sort(d.codes)
	}
}

// Front is the bot that receives the updates of all.
func (d *Desk) Front() *Bot { return d.front }

func (d *Desk) bot(code string) *Bot {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.bots[code]
}

func (d *Desk) list() []string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return slices.Clone(d.codes)
}

func (d *Desk) name(code string) string {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.names[code]
}

// routeKey marks a context whose update the desk has handed to its
// committee; its value is the committee's name when replies must say it.
type routeKey struct{}

type route struct{ heading string }

func routed(ctx context.Context) (route, bool) {
	r, ok := ctx.Value(routeKey{}).(route)
	return r, ok
}

// handle hands an update to the bot of its committee, or answers it at
// the desk (the chooser).
func (d *Desk) handle(ctx context.Context, u tg.Update) error {
	req := newRequest(u)
	if req == nil {
		return d.front.Handle(context.WithValue(ctx, routeKey{}, route{}), u)
	}
	to, u, heading, err := d.pick(ctx, u, req)
	if err != nil || to == nil {
		return err
	}
	r := route{}
	if heading {
		r.heading = to.title
	}
	return to.Handle(context.WithValue(ctx, routeKey{}, r), u)
}

// pick is the bot an update goes to (nil when the desk answered it), the
// update as that bot reads it (a button without its committee's code),
// and whether its replies name the committee.
func (d *Desk) pick(ctx context.Context, u tg.Update, req *Request) (*Bot, tg.Update, bool, error) {
	if len(d.list()) == 1 && !d.forDesk(req) { // one committee: as before there were several
		if cb := req.Callback; cb != nil {
			if code, data, ok := strings.Cut(cb.Data, "/"); ok && d.bot(code) != nil {
				u = withData(u, data)
			}
		}
		return d.front, u, false, nil
	}
	reg := d.front.Store.Committees
	in, err := d.mine(ctx, req.From.ID)
	if err != nil {
		return nil, u, false, unavailable(err)
	}
	mine := codesOf(in)
	several := len(mine) > 1
	if cb := req.Callback; cb != nil {
		if code, ok := strings.CutPrefix(cb.Data, chooseData); ok {
			return nil, u, false, d.chosen(ctx, u, req, mine, code)
		}
		if code, data, ok := strings.Cut(cb.Data, "/"); ok && d.bot(code) != nil {
			u = withData(u, data)
			if several && !req.Group { // what they type next follows the button they pressed
				if err := reg.Prefer(ctx, req.From.ID, code); err != nil {
					return nil, u, false, unavailable(err)
				}
			}
			return d.bot(code), u, several, nil
		}
	}
	if req.Group {
		code, err := reg.GroupHolder(ctx, req.Chat, d.list())
		if err != nil {
			return nil, u, false, unavailable(err)
		}
		if code != "" && req.Command != "" && len(mine) > 0 && !slices.Contains(mine, code) {
			return nil, u, false, d.say(ctx, u, req, d.front.Catalog.Printer(req.From.LanguageCode).T("bot.group_of",
				"Name", render.Esc(d.name(code))), nil)
		}
		if code != "" {
			return d.bot(code), u, false, nil
		}
	}
	args := strings.TrimSpace(req.Args)
	if req.Command == "start" && args != "" {
		code, err := reg.InviteHolder(ctx, args, d.list())
		if err != nil {
			return nil, u, false, unavailable(err)
		}
		if code != "" {
			if len(mine) > 0 && !slices.Contains(mine, code) { // joining another: their commands speak to it now
				if err := reg.Prefer(ctx, req.From.ID, code); err != nil {
					return nil, u, false, unavailable(err)
				}
			}
			return d.bot(code), u, len(mine) > 0 && (several || mine[0] != code), nil
		}
	}
	if (req.Command == chooseCommand || req.Command == chooseAlias) && !req.Group && len(mine) > 0 {
		if args != "" {
			return nil, u, false, d.chooseTyped(ctx, u, req, mine, args)
		}
		return nil, u, false, d.ask(ctx, u, req, mine, false)
	}
	if (req.Command == cityCommand || req.Command == cityAlias) && !req.Group && slices.Contains(d.city, req.From.ID) && d.Rollup != nil {
		return nil, u, false, d.rollup(ctx, u, req)
	}
	if !req.Group && slices.Contains(d.front.Admins, req.From.ID) { // a city admin adding a committee
		if req.Command == addCommand || req.Command == addAlias {
			return nil, u, false, d.startAdding(ctx, u, req)
		}
		if req.Document != nil && isPlanFile(req.Document.FileName) {
			code, name, err := reg.Adding(ctx, req.From.ID)
			if err != nil {
				return nil, u, false, unavailable(err)
			}
			if code != "" {
				return nil, u, false, d.addFromFile(ctx, u, req, code, name)
			}
		}
	}
	switch len(mine) {
	case 0:
		return d.front, u, false, nil // a stranger: told how to join
	case 1:
		return d.bot(mine[0]), u, false, nil
	}
	choice, err := reg.Choice(ctx, req.From.ID)
	if err != nil {
		return nil, u, false, unavailable(err)
	}
	chosen := slices.Contains(mine, choice.Committee)
	if req.Group { // a group no committee registered yet: the sender's choice
		if chosen {
			return d.bot(choice.Committee), u, false, nil
		}
		return d.front, u, false, nil
	}
	if req.Command == "" && req.Document == nil && req.Callback == nil {
		can := d.reportedIn(in, req.Text)
		switch {
		case slices.Contains(can, choice.Committee):
			return d.bot(choice.Committee), u, true, nil
		case len(can) == 1:
			return d.bot(can[0]), u, true, nil
		case len(can) > 1:
			return nil, u, false, d.ask(ctx, u, req, can, true)
		}
	}
	if chosen {
		return d.bot(choice.Committee), u, true, nil
	}
	return nil, u, false, d.ask(ctx, u, req, mine, req.Command != "start")
}

// withData is a button's update with its data as its committee's bot
// reads it (without the committee's code).
func withData(u tg.Update, data string) tg.Update {
	q := *u.CallbackQuery
	q.Data = data
	u.CallbackQuery = &q
	return u
}

// forDesk reports whether an update to a desk of one committee may be the
// desk's own: a city admin adding a committee (the command, or its plan
// file). Choosing and the roll-up mean nothing with one committee.
func (d *Desk) forDesk(req *Request) bool {
	if req.Command == addCommand || req.Command == addAlias {
		return true
	}
	return req.Document != nil && slices.Contains(d.front.Admins, req.From.ID)
}

// reportedIn are the committees of in where text is a one-line report the
// person may make: its code is one of their unit's indicators there.
func (d *Desk) reportedIn(in map[string]store.User, text string) []string {
	var out []string
	for _, c := range codesOf(in) {
		if l, ok := d.bot(c).current().findLine(text); ok && reports(in[c], l.ind) {
			out = append(out, c)
		}
	}
	return out
}

// mine are the committees a person belongs to, with who they are in each:
// where they are a member, and every one for a city admin or leader (as
// the zero User where they are no member).
func (d *Desk) mine(ctx context.Context, person int64) (map[string]store.User, error) {
	codes := d.list()
	in, err := d.front.Store.Committees.Memberships(ctx, person, codes)
	if err != nil {
		return nil, err
	}
	if slices.Contains(d.city, person) {
		for _, c := range codes {
			if _, ok := in[c]; !ok {
				in[c] = store.User{ID: person}
			}
		}
	}
	return in, nil
}

func codesOf(in map[string]store.User) []string {
	out := make([]string, 0, len(in))
	for c := range in {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// chooseTyped keeps the committee a person typed after /dangbo (its code,
// in any case): a city of more committees than a keyboard holds.
func (d *Desk) chooseTyped(ctx context.Context, u tg.Update, req *Request, mine []string, typed string) error {
	p := d.front.Catalog.Printer(req.From.LanguageCode)
	code := strings.ToLower(strings.TrimSpace(typed))
	if !slices.Contains(mine, code) {
		return d.say(ctx, u, req, p.T("bot.committee_not_yours"), nil)
	}
	done, err := d.switchTo(ctx, u, req, code)
	if err != nil || done {
		return err
	}
	return d.say(ctx, u, req, p.T("bot.committee_chosen", "Name", render.Esc(d.name(code))), nil)
}

// maxChooser is the most committees a chooser offers as buttons (Telegram
// takes about a hundred on a message); more are typed: /dangbo CODE.
const maxChooser = 40

// ask lists committees to choose from, as buttons (the one chosen marked);
// hold keeps the message that asked, to be handled in the committee
// chosen.
func (d *Desk) ask(ctx context.Context, u tg.Update, req *Request, among []string, hold bool) error {
	p := d.front.Catalog.Printer(req.From.LanguageCode)
	switch len(among) {
	case 0:
		return d.say(ctx, u, req, p.T("bot.committee_none"), nil)
	case 1:
		return d.say(ctx, u, req, p.T("bot.committee_only", "Name", render.Esc(d.name(among[0]))), nil)
	}
	choice, err := d.front.Store.Committees.Choice(ctx, req.From.ID)
	if err != nil {
		return unavailable(err)
	}
	text := p.T("bot.committee_choose")
	if hold {
		text = p.T("bot.committee_which")
	}
	var kb *tg.InlineKeyboardMarkup
	if len(among) > maxChooser {
		var ls []string
		for _, c := range among {
			ls = append(ls, "<code>/dangbo "+c+"</code> — "+render.Esc(d.name(c)))
		}
		text = render.Lines(text, p.T("bot.committee_type"), strings.Join(ls, "\n"))
	} else {
		var buttons []tg.InlineKeyboardButton
		for _, c := range among {
			label := d.name(c)
			if c == choice.Committee {
				label = "✓ " + label
			}
			buttons = append(buttons, tg.NewInlineKeyboardButtonData(label, chooseData+c))
		}
		kb = keyboard(1, buttons...)
	}
	if hold {
		doc, _ := json.Marshal(u)
		if err := d.front.Store.Committees.Hold(ctx, req.From.ID, doc); err != nil {
			return unavailable(err)
		}
	}
	return d.say(ctx, u, req, text, kb)
}

// rollup sends a city admin or leader the roll-up of every committee.
func (d *Desk) rollup(ctx context.Context, u tg.Update, req *Request) error {
	text, err := d.Rollup(ctx, req.From.LanguageCode)
	if err != nil {
		return unavailable(err)
	}
	return d.say(ctx, u, req, text, nil)
}

// say answers an update the desk handles itself, once: it is claimed,
// the text sent (in parts when long), and it is marked handled.
func (d *Desk) say(ctx context.Context, u tg.Update, req *Request, text string, kb *tg.InlineKeyboardMarkup) error {
	claimed, err := d.claim(ctx, u.UpdateID)
	if err != nil || !claimed {
		return err
	}
	for i, part := range render.Split(text, 4000) {
		m := tg.NewMessage(req.Chat, part)
		m.ParseMode = tg.ModeHTML
		if kb != nil && i == 0 {
			m.ReplyMarkup = kb
		}
		if _, err := d.front.API.Send(ctx, m); err != nil && transient(err) {
			d.front.Store.Updates.Release(ctx, u.UpdateID, d.front.instance)
			return retryError{err}
		}
	}
	d.done(ctx, u, req, "ok")
	return nil
}

// done marks an update the desk answered handled, and counts it.
func (d *Desk) done(ctx context.Context, u tg.Update, req *Request, outcome string) {
	if _, err := d.front.Store.Updates.Finish(ctx, u.UpdateID); err != nil {
		d.front.Log.Warn("an update answered is not marked", "id", u.UpdateID, "err", err)
	}
	d.front.Observer.Update(req.kind(), outcome, 0)
}

// claim takes an update the desk answers itself; false when it is
// handled already or in hand elsewhere (ErrRetry then).
func (d *Desk) claim(ctx context.Context, id int) (bool, error) {
	begun, err := d.front.Store.Updates.Begin(ctx, store.Begin{Update: id, Owner: d.front.instance, TTL: claimFor})
	switch {
	case err != nil:
		return false, unavailable(err)
	case begun.Claim == store.Busy:
		return false, ErrRetry
	}
	return begun.Claim == store.Claimed || begun.Claim == store.Held, nil
}

// switchTo keeps a person's choice of committee and hands that committee
// the message they had left waiting, as this update (handled once, as
// any); done says the message was handled so, nothing more to answer.
func (d *Desk) switchTo(ctx context.Context, u tg.Update, req *Request, code string) (done bool, err error) {
	reg := d.front.Store.Committees
	choice, err := reg.Choice(ctx, req.From.ID)
	if err != nil {
		return false, unavailable(err)
	}
	var held tg.Update
	if choice.Pending != nil && json.Unmarshal(choice.Pending, &held) == nil {
		to := d.bot(code)
		held.UpdateID = u.UpdateID
		if err := to.Handle(context.WithValue(ctx, routeKey{}, route{heading: to.title}), held); err != nil {
			return false, err
		}
		done = true
	}
	if err := reg.Choose(ctx, req.From.ID, code); err != nil {
		return done, unavailable(err)
	}
	return done, nil
}

// chosen is a press on a chooser's button: the choice kept, the message
// held handled there, the chooser saying what was chosen.
func (d *Desk) chosen(ctx context.Context, u tg.Update, req *Request, mine []string, code string) error {
	p := d.front.Catalog.Printer(req.From.LanguageCode)
	if !slices.Contains(mine, code) {
		if claimed, err := d.claim(ctx, u.UpdateID); err != nil || !claimed {
			return err
		}
		d.front.API.Request(ctx, tg.NewCallback(req.Callback.ID, p.T("bot.committee_not_yours")))
		d.done(ctx, u, req, "refused")
		return nil
	}
	done, err := d.switchTo(ctx, u, req, code)
	if err != nil {
		return err
	}
	d.front.API.Request(ctx, tg.NewCallback(req.Callback.ID, ""))
	if req.Message != 0 {
		e := tg.NewEditMessageText(req.Chat, req.Message, p.T("bot.committee_chosen", "Name", render.Esc(d.name(code))))
		e.ParseMode = tg.ModeHTML
		d.front.API.Send(ctx, e)
	}
	if !done { // nothing was waiting: the press is the update, handled here
		if claimed, err := d.claim(ctx, u.UpdateID); err != nil || !claimed {
			return err
		}
		d.done(ctx, u, req, "ok")
	}
	return nil
}

// committeeCode and committeeName are the bot's committee as its files
// and welcomes name it: "" for the committee default (a deployment from
// before committees, whose words stay as they were).
func (b *Bot) committeeCode() string {
	if b.desk == nil || b.tag == store.DefaultCommittee {
		return ""
	}
	return b.tag
}

func (b *Bot) committeeName() string {
	if b.committeeCode() == "" {
		return ""
	}
	return b.title
}

// headed is text under the committee's name, when the update's replies
// must say it (the person is in several).
func (b *Bot) headed(ctx context.Context, text string) string {
	if r, ok := routed(ctx); ok && r.heading != "" {
		return "<b>" + render.Esc(r.heading) + "</b>\n" + text
	}
	return text
}

// tagged is a keyboard whose buttons carry the committee's code, so that a
// press is handed back to it whatever the person chose since; a button
// whose data would pass Telegram's 64 bytes is left as it is (the press
// then goes to the person's choice, whose bot refuses what is not its).
func (b *Bot) tagged(kb *tg.InlineKeyboardMarkup) *tg.InlineKeyboardMarkup {
	if kb == nil || b.desk == nil {
		return kb
	}
	out := &tg.InlineKeyboardMarkup{InlineKeyboard: make([][]tg.InlineKeyboardButton, len(kb.InlineKeyboard))}
	for i, row := range kb.InlineKeyboard {
		out.InlineKeyboard[i] = slices.Clone(row)
		for j, btn := range row {
			if btn.CallbackData != nil && len(b.tag)+1+len(*btn.CallbackData) <= 64 {
				data := b.tag + "/" + *btn.CallbackData
				out.InlineKeyboard[i][j].CallbackData = &data
			}
		}
	}
	return out
}
