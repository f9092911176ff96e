package bot

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/store"
)

// A finished term is read-only: /chitieu and /xem read it when asked by
// its years, with its own plan (its last version) and its own figures, in
// a copy of the bot whose term is set. The current term's button to a
// finished one carries no conversation: it only shows what cannot change.

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
	if !t.Finished {
		return then(b, ctx, r)
	}
	tb, err := b.finishedTerm(ctx, t)
	if err != nil {
		return err
	}
	return then(tb, ctx, r)
}

// findTerm finds a term by its years, or the last finished one.
func (b *Bot) findTerm(ctx context.Context, sel string) (store.Term, error) {
	if sel != previousTerm {
		return b.Store.FindTerm(ctx, sel)
	}
	finished, err := b.finishedTerms(ctx)
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

// finishedTerms are the finished terms, the latest first.
func (b *Bot) finishedTerms(ctx context.Context) ([]store.Term, error) {
	all, err := b.Store.Terms(ctx)
	var out []store.Term
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].Finished {
			out = append(out, all[i])
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
	closing, now := (t.To + 1).In(plan.Location), b.Now
	tb.Now = func() time.Time { return latest(now(), closing) }
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
	plan, err := b.Store.TermPlan(ctx, t, b.Plan)
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
	return r.P.T("bot.term_heading", "Term", render.Esc(b.term.Name), "From", render.Date(b.term.From), "To", render.Date(b.term.To))
}

// termButtons are, on the current term's list, a button to each finished
// term (the latest three); nil when there is none.
func (b *Bot) termButtons(ctx context.Context, r *Request) (*tg.InlineKeyboardMarkup, error) {
	if b.term != nil {
		return nil, nil
	}
	finished, err := b.finishedTerms(ctx)
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
	if cb.Nonce != viewNonce || errors.Is(err, store.ErrNotFound) || err == nil && !t.Finished {
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
	finished, err := b.finishedTerms(ctx)
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
