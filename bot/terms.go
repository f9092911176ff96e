package bot

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/clock"
	"chitieu/indicator"
	"chitieu/render"
	"chitieu/store"
)

// A term that has ended reads as finished: /chitieu and /xem read it when
// asked by its years, with its own plan (its last version) and its own
// figures, in a copy of the bot whose term is set. The current term's
// button to an ended one carries no conversation: it only shows it.
//
// An ended term still takes figures dated inside it until its last
// report's due day and the plan's grace (store.Term.Closes): a report of
// a code whose report there is missing goes to it, through a copy of the
// bot on that term's plan and store, and says so.

// termYearsArg is a term's years in a command's arguments: 2020-2025,
// 2020–2025, 2020 - 2025, after "nhiệm kỳ" or not.
var termYearsArg = regexp.MustCompile(`(?i)(?:nhi[eệ]m\s+k[yỳ]\s+)?\b((?:19|20)\d\d)\s*[-–—]\s*((?:19|20)\d\d)\b`)

// previousArg is "nhiệm kỳ trước" (the term before the current one).
var previousArg = regexp.MustCompile(`(?i)nhi[eệ]m\s+k[yỳ]\s+tr[uư][oớ]c|previous\s+term`)

// previousTerm is the selector termArg gives "nhiệm kỳ trước".
const previousTerm = "previous"

// viewNonce is the nonce of a button that only shows a finished term: it
// belongs to no conversation, and pressing an old one shows the same.
const viewNonce = "readonly"

// termArg takes a term's selector out of a command's arguments: its years
// ("2020-2025") or previousTerm; ok is false when they name none.
func termArg(args string) (rest, sel string, ok bool) {
	if m := termYearsArg.FindStringSubmatchIndex(args); m != nil {
		sel = args[m[2]:m[3]] + "-" + args[m[4]:m[5]]
		return strings.TrimSpace(args[:m[0]] + " " + args[m[1]:]), sel, true
	}
	if m := previousArg.FindStringIndex(args); m != nil {
		return strings.TrimSpace(args[:m[0]] + " " + args[m[1]:]), previousTerm, true
	}
	return args, "", false
}

// inTerm runs a reading command in the term its arguments name: the
// current one's as ever, a finished one's with its own plan and figures.
func (b *Bot) inTerm(ctx context.Context, r *Request, then func(*Bot, context.Context, *Request) error) error {
	rest, sel, ok := termArg(r.Args)
	if !ok {
		return then(b, ctx, r)
	}
	t, err := b.findTerm(ctx, sel)
	if errors.Is(err, store.ErrNotFound) {
		return b.replyUnknownTerm(ctx, r, sel)
	}
	if err != nil {
		return unavailable(err)
	}
	r.Args = rest
	switch today := t.Today(b.Clock.Now()); {
	case t.ID == b.Store.Term().ID:
		return then(b, ctx, r)
	case !t.Started(today):
		return b.reply(ctx, r, r.P.T("bot.term_upcoming", "Term", render.Esc(t.Name), "From", render.Date(t.From)))
	}
	tb, err := b.finishedTerm(ctx, t)
	if err != nil {
		return err
	}
	return then(tb, ctx, r)
}

// findTerm finds a term by its years, or the last that has ended.
func (b *Bot) findTerm(ctx context.Context, sel string) (store.Term, error) {
	if sel != previousTerm {
		return b.Store.FindTerm(ctx, sel)
	}
	finished, err := b.endedTerms(ctx)
	if err != nil || len(finished) == 0 {
		return store.Term{}, cmpErr(err, store.ErrNotFound)
	}
	return finished[0], nil
}

func cmpErr(err, otherwise error) error {
	if err != nil {
		return err
	}
	return otherwise
}

// endedTerms are the terms before the current one that have ended, the
// latest first.
func (b *Bot) endedTerms(ctx context.Context) ([]store.Term, error) {
	all, err := b.Store.Terms(ctx)
	var out []store.Term
	for i := len(all) - 1; i >= 0; i-- {
		if t := all[i]; t.Ended(t.Today(b.Clock.Now())) && t.ID != b.Store.Term().ID {
			out = append(out, t)
		}
	}
	return out, err
}

// replyUnknownTerm answers a term Redis does not keep with those it keeps.
func (b *Bot) replyUnknownTerm(ctx context.Context, r *Request, sel string) error {
	all, err := b.Store.Terms(ctx)
	if err != nil {
		return unavailable(err)
	}
	names := make([]string, len(all))
	for i, t := range all {
		names[i] = t.Name
	}
	if sel == previousTerm {
		return b.reply(ctx, r, r.P.T("bot.term_no_previous", "Known", strings.Join(names, ", ")))
	}
	return b.reply(ctx, r, r.P.T("bot.term_unknown", "Term", strings.Replace(sel, "-", "–", 1), "Known", strings.Join(names, ", ")))
}

// finishedTerm is the bot reading finished term t: its plan, its figures,
// judged on the day after its end (or today, when later), so that every
// window of the term has ended.
func (b *Bot) finishedTerm(ctx context.Context, t store.Term) (*Bot, error) {
	plan, err := b.termPlan(ctx, t)
	if err != nil {
		return nil, err
	}
	tb := *b
	tb.Plan, tb.Store, tb.term = plan, b.Store.InTerm(t), &t
	tb.Store.Follow(plan)
	closing, now := (t.To + 1).In(plan.Location), b.Clock.Now
	tb.Clock = clock.Shift(b.Clock, func() time.Time { return latest(now(), closing) })
	return &tb, nil
}

func latest(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// termPlan loads a finished term's last plan version once: it never
// changes. Its due days move past the same days off as the plan in force.
func (b *Bot) termPlan(ctx context.Context, t store.Term) (*indicator.Plan, error) {
	key := fmt.Sprintf("%s#%d", t.ID, t.Plan)
	if p, ok := b.termPlans.Load(key); ok {
		return p.(*indicator.Plan), nil
	}
	plan, err := b.Store.Plans.ForTerm(ctx, t, b.Plan)
	if errors.Is(err, store.ErrPlanUnreadable) {
		return nil, err
	}
	if err != nil {
		return nil, unavailable(err)
	}
	b.termPlans.Store(key, plan)
	return plan, nil
}

// termHeading is the first line of a reply about a finished term; "" for
// the current one.
func (b *Bot) termHeading(r *Request) string {
	if b.term == nil {
		return ""
	}
	t := *b.term
	return r.P.T("bot.term_heading", "Term", render.Esc(t.Name), "From", render.Date(t.From), "To", render.Date(t.To),
		"Open", !t.Closed(t.Today(b.Clock.Now())), "Closes", render.Date(t.Closes))
}

// termButtons are, on the current term's list, a button to each finished
// term (the latest three); nil when there is none.
func (b *Bot) termButtons(ctx context.Context, r *Request) (*tg.InlineKeyboardMarkup, error) {
	if b.term != nil {
		return nil, nil
	}
	finished, err := b.endedTerms(ctx)
	if err != nil || len(finished) == 0 {
		return nil, unavailable(err)
	}
	var buttons []tg.InlineKeyboardButton
	for _, t := range finished[:min(3, len(finished))] {
		data := Callback{Nonce: viewNonce, Action: ActTerm, Arg: t.ID}.String()
		buttons = append(buttons, tg.NewInlineKeyboardButtonData(r.P.T("btn.term", "Term", t.Name), data))
	}
	return keyboard(1, buttons...), nil
}

// onTermButton shows the finished term a button names: it needs no
// conversation, and an old button shows the same.
func (b *Bot) onTermButton(ctx context.Context, r *Request, cb Callback) error {
	t, err := b.Store.FindTerm(ctx, cb.Arg)
	if cb.Nonce != viewNonce || errors.Is(err, store.ErrNotFound) || err == nil && !t.Ended(t.Today(b.Clock.Now())) {
		b.answerSoftly(ctx, r, r.P.T("bot.button_old"))
		return nil
	}
	if err != nil {
		return unavailable(err)
	}
	b.answerSoftly(ctx, r, "")
	tb, err := b.finishedTerm(ctx, t)
	if err != nil {
		return err
	}
	r.Args = ""
	return tb.list(ctx, r)
}

// fromFinishedTerm reports whether a conversation speaks of a figure dated
// before the plan's term that the plan would not take (a report or a
// correction begun before a new term started).
func (b *Bot) fromFinishedTerm(c Conversation) bool {
	if c.Date == 0 || c.Date >= b.Plan.Term.From || c.Indicator == "" {
		return false
	}
	ind := b.Plan.Indicator(c.Indicator)
	return ind == nil || !ind.Dated(c.Date)
}

// replyTermFinished ends a conversation whose figure belongs to a finished
// term, saying so; a day no finished term holds is a stale conversation.
func (b *Bot) replyTermFinished(ctx context.Context, r *Request, day indicator.Date) error {
	finished, err := b.endedTerms(ctx)
	if err != nil {
		return unavailable(err)
	}
	for _, t := range finished {
		if t.Period().Contains(day) {
			if err := b.endConversation(ctx, r.Chat); err != nil {
				return err
			}
			return b.tellTermFinished(ctx, r, t)
		}
	}
	return b.restart(ctx, r)
}

// tellTermFinished says a figure or a correction cannot go into finished
// term t, and that figures go to the current term.
func (b *Bot) tellTermFinished(ctx context.Context, r *Request, t store.Term) error {
	cur, _, err := b.Store.CurrentTerm(ctx)
	if err != nil || cur.ID == t.ID {
		cur = store.Term{}
	}
	return b.reply(ctx, r, r.P.T("bot.term_finished", "Term", render.Esc(t.Name), "Current", render.Esc(cur.Name)))
}

// refusedAsFinished answers a write the store refused because its term is
// finished (another instance started a new term meanwhile): the
// conversation ends and the person is told where figures go.
func (b *Bot) refusedAsFinished(ctx context.Context, r *Request, err error) (bool, error) {
	var fe *store.FinishedError
	if !errors.As(err, &fe) {
		return false, nil
	}
	b.Log.Info("a write into a finished term refused", "id", r.Update.UpdateID, "term", fe.Term.ID)
	if err := b.endConversation(ctx, r.Chat); err != nil {
		return true, err
	}
	return true, b.tellTermFinished(ctx, r, fe.Term)
}

// openTerm is the bot of term t, ended but still taking figures: its own
// plan and store, today as it is. It tells no alert after a save: a late
// figure's change to a result goes out as the term report's addendum.
func (b *Bot) openTerm(ctx context.Context, t store.Term) (*Bot, error) {
	plan, err := b.termPlan(ctx, t)
	if err != nil {
		return nil, err
	}
	tb := *b
	tb.Plan, tb.Store, tb.term, tb.AfterSave = plan, b.Store.InTerm(t), &t, nil
	tb.Store.Follow(plan)
	return &tb, nil
}

// reportTarget is where a report of code typed today goes, and the
// indicator it is there: the current term's (cur, nil when its plan lacks
// the code) when its report is missing or no ended term awaits one; else
// the ended term, still taking figures, whose report of the code is
// missing (the 2025 rating reported in March 2026). nil when no term
// knows the code.
func (b *Bot) reportTarget(ctx context.Context, code string, cur *indicator.Indicator) (*Bot, *indicator.Indicator, error) {
	if cur != nil {
		e, err := b.evaluate(ctx, cur)
		if err != nil {
			return nil, nil, err
		}
		if _, _, missing := e.ReportDay(b.today()); missing {
			return b, cur, nil
		}
	}
	tb, ind, err := b.lateTarget(ctx, code)
	if err != nil || tb != nil || cur == nil {
		return tb, ind, err
	}
	return b, cur, nil
}

// lateTarget is the ended term, still taking figures, whose report of
// code is missing, and the indicator there; nil when there is none.
func (b *Bot) lateTarget(ctx context.Context, code string) (*Bot, *indicator.Indicator, error) {
	open, err := b.Store.OpenTerms(ctx)
	if err != nil {
		return nil, nil, unavailable(err)
	}
	for _, t := range open {
		if t.ID == b.Store.Term().ID {
			continue // the current term itself, ended with no next one begun
		}
		tb, err := b.openTerm(ctx, t)
		if err != nil {
			return nil, nil, err
		}
		ind := tb.Plan.Find(code)
		if ind == nil {
			continue
		}
		e, err := tb.evaluate(ctx, ind)
		if err != nil {
			return nil, nil, err
		}
		if day, _, missing := e.ReportDay(tb.today()); missing && t.Period().Contains(day) {
			return tb, ind, nil
		}
	}
	return nil, nil, nil
}

// lateNote is said before a reply about a figure that goes to an ended
// term: the term, that it has ended, and until when it takes figures.
func (b *Bot) lateNote(r *Request) string {
	if b.term == nil {
		return ""
	}
	t := *b.term
	return r.P.T("bot.term_late", "Term", render.Esc(t.Name), "To", render.Date(t.To), "Closes", render.Date(t.Closes))
}

// conversationBot is the bot a conversation's step speaks through: the
// current term's, or an ended term's that still takes figures; ok is false
// when the conversation cannot go on (its term takes no more figures, or
// is unknown), and the person was told.
func (b *Bot) conversationBot(ctx context.Context, r *Request, conv Conversation) (*Bot, bool, error) {
	if conv.Term == "" || conv.Term == b.Store.Term().ID {
		if !b.fromFinishedTerm(conv) {
			return b, true, nil
		}
		t, ok, err := b.termOfDay(ctx, conv.Date) // begun before a new term began: its figure goes to its own term
		if err != nil || !ok {
			return nil, false, cmpErr(err, b.replyTermFinished(ctx, r, conv.Date))
		}
		conv.Term = t.ID
	}
	t, err := b.Store.FindTerm(ctx, conv.Term)
	if errors.Is(err, store.ErrNotFound) {
		return nil, false, b.restart(ctx, r)
	}
	if err != nil {
		return nil, false, unavailable(err)
	}
	if t.Closed(t.Today(b.Clock.Now())) {
		if err := b.endConversation(ctx, r.Chat); err != nil {
			return nil, false, err
		}
		return nil, false, b.tellTermFinished(ctx, r, t)
	}
	tb, err := b.openTerm(ctx, t)
	return tb, err == nil, err
}

// routeReport is reportTarget when an ended term other than the current
// one still takes figures, else this bot and cur: most days no other term
// takes figures, and a report reads nothing more. A report routed to an
// ended term is told so before its reply.
func (b *Bot) routeReport(ctx context.Context, r *Request, code string, cur *indicator.Indicator) (*Bot, *indicator.Indicator, error) {
	open, err := b.Store.OpenTerms(ctx)
	if err != nil {
		return nil, nil, unavailable(err)
	}
	if !slices.ContainsFunc(open, func(t store.Term) bool { return t.ID != b.Store.Term().ID }) {
		return b, cur, nil
	}
	tb, ind, err := b.reportTarget(ctx, code, cur)
	switch {
	case err != nil:
		return nil, nil, err
	case tb == nil:
		return b, nil, nil
	case tb != b:
		r.preface = tb.lateNote(r)
	}
	return tb, ind, nil
}

// termID is the id of the ended term this bot reports into, "" for the
// current term.
func (b *Bot) termID() string {
	if b.term == nil {
		return ""
	}
	return b.term.ID
}

// termOfDay is the ended term holding day that still takes figures; ok is
// false when there is none.
func (b *Bot) termOfDay(ctx context.Context, day indicator.Date) (store.Term, bool, error) {
	open, err := b.Store.OpenTerms(ctx)
	if err != nil {
		return store.Term{}, false, unavailable(err)
	}
	for _, t := range open {
		if t.Period().Contains(day) && t.ID != b.Store.Term().ID {
			return t, true, nil
		}
	}
	return store.Term{}, false, nil
}
