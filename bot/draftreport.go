package bot

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/report"
	"chitieu/store"
)

// The báo cáo in the chat: /soanbaocao (/draftreport) offers the periods
// a report is drafted for today, or takes one (/soanbaocao 2026-H1,
// /soanbaocao term 2020-2025), and sends the .docx `chitieu report` writes
// for that day — a draft (DỰ THẢO, the figures still to come estimated)
// while the period runs. The period's buttons belong to no conversation:
// each press is checked anew and drafts the report as of its own day.

// ActDraft is a period's button: its argument is the period, and for a
// finished term "term@" and the term's id.
const ActDraft Action = "draft"

// finishedArg marks a finished term's button: "term@2020-01-01..2025-12-31".
const finishedArg = "term@"

// cmdDraftReport drafts the report of the period the arguments name, or
// offers the periods that make sense today.
func (b *Bot) cmdDraftReport(ctx context.Context, r *Request) error {
	if !mayDraft(r.User) {
		return b.reply(ctx, r, r.P.T("bot.draft_not_allowed"))
	}
	rest, sel, ok := termArg(r.Args)
	if !ok && strings.TrimSpace(rest) == "" {
		return b.offerPeriods(ctx, r)
	}
	if !ok {
		return b.draftReport(ctx, r, rest)
	}
	t, err := b.findTerm(ctx, sel)
	if errors.Is(err, store.ErrNotFound) {
		return b.replyUnknownTerm(ctx, r, sel)
	}
	if err != nil {
		return unavailable(err)
	}
	return b.draftInTerm(ctx, r, t, or(strings.TrimSpace(rest), "term"))
}

func mayDraft(u *store.User) bool { return u != nil && (u.Has(store.Leader) || u.Has(store.Admin)) }

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// draftInTerm drafts a report of term t: the current one's, or a finished
// one's with its own plan and figures.
func (b *Bot) draftInTerm(ctx context.Context, r *Request, t store.Term, period string) error {
	if t.ID == b.Store.Term().ID || !t.Ended(t.Today(b.Clock.Now())) {
		return b.draftReport(ctx, r, period)
	}
	tb, err := b.finishedTerm(ctx, t)
	if err != nil {
		return err
	}
	return tb.draftReport(ctx, r, period)
}

// offerPeriods shows a button for each period a report is drafted for
// around today, and for the term last finished within the year.
func (b *Bot) offerPeriods(ctx context.Context, r *Request) error {
	today := b.today()
	var buttons []tg.InlineKeyboardButton
	for _, p := range report.Choices(b.Plan, today) {
		buttons = append(buttons, draftButton(b.periodLabel(r, p), p.String()))
	}
	finished, err := b.endedTerms(ctx)
	if err != nil {
		return unavailable(err)
	}
	if len(finished) > 0 && today <= finished[0].To.AddYears(1) {
		t := finished[0]
		buttons = append(buttons, draftButton(r.P.T("btn.draft_finished", "Term", t.Name), finishedArg+t.ID))
	}
	_, err = b.send(ctx, r.Chat, r.prefaced(r.P.T("bot.draft_choose", "Date", render.Date(today))), keyboard(1, buttons...))
	return err
}

func draftButton(label, arg string) tg.InlineKeyboardButton {
	return tg.NewInlineKeyboardButtonData(label, Callback{Nonce: viewNonce, Action: ActDraft, Arg: arg}.String())
}

// periodLabel names a period on its button and in the file's caption.
func (b *Bot) periodLabel(r *Request, p report.Period) string {
	switch p.Kind {
	case report.Half:
		return r.P.T("btn.draft_half", "Year", p.Year)
	case report.Year:
		return r.P.T("btn.draft_year", "Year", p.Year)
	case report.Mid:
		return r.P.T("btn.draft_mid", "Term", b.termName())
	}
	return r.P.T("btn.draft_term", "Term", b.termName())
}

// termName is the name of the term the bot reads.
func (b *Bot) termName() string {
	if t := b.Store.Term(); t.Name != "" {
		return t.Name
	}
	return fmt.Sprintf("%d–%d", b.Plan.Term.From.Year(), b.Plan.Term.To.Year())
}

// onDraftButton drafts the report of a period's button, for a leader or an
// admin; a button of a term no longer kept is old.
func (b *Bot) onDraftButton(ctx context.Context, r *Request, cb Callback) error {
	if cb.Nonce != viewNonce {
		b.answerSoftly(ctx, r, r.P.T("bot.button_old"))
		return nil
	}
	b.answerSoftly(ctx, r, "")
	if !mayDraft(r.User) {
		return b.reply(ctx, r, r.P.T("bot.draft_not_allowed"))
	}
	id, finished := strings.CutPrefix(cb.Arg, finishedArg)
	if !finished {
		return b.draftReport(ctx, r, cb.Arg)
	}
	t, err := b.Store.FindTerm(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return b.reply(ctx, r, r.P.T("bot.button_old"))
	}
	if err != nil {
		return unavailable(err)
	}
	return b.draftInTerm(ctx, r, t, "term")
}

// draftReport sends the report of the period text names, drawn today as
// `chitieu report` draws it: a draft while the period runs.
func (b *Bot) draftReport(ctx context.Context, r *Request, text string) error {
	p, err := report.ParsePeriod(text, b.Plan)
	if err != nil {
		return b.replyPeriodError(ctx, r, err)
	}
	day := b.today()
	in, err := b.reportInput(ctx, p, day, !p.Ended(day))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := report.Draw(&buf, in); err != nil {
		return b.replyPeriodError(ctx, r, err)
	}
	name := fmt.Sprintf("bao-cao-%s-%v.docx", p, day)
	if c := b.committeeCode(); c != "" {
		name = fmt.Sprintf("bao-cao-%s-%s-%v.docx", c, p, day)
	}
	caption := r.P.T("bot.draft_caption", "Draft", in.Draft, "Period", b.periodLabel(r, p), "Date", render.Date(day))
	return b.sendFile(ctx, r.Chat, name, buf.Bytes(), caption)
}

// reportInput reads what the report is drawn from: the term's figures, and
// the term before's when Redis keeps one.
func (b *Bot) reportInput(ctx context.Context, p report.Period, day indicator.Date, draft bool) (report.Input, error) {
	figs, err := b.Store.Figures.Domain(ctx, b.Plan)
	if err != nil {
		return report.Input{}, unavailable(err)
	}
	t := b.Store.Term()
	in := report.Input{Source: report.Source{Plan: b.Plan, Figures: figs, Name: t.Name, EndedEarly: t.EndedEarly}, Period: p, Day: day, Draft: draft}
	prev, ok, err := b.Store.TermBefore(ctx, b.Plan)
	if errors.Is(err, store.ErrPlanUnreadable) {
		return in, nil // the term before's plan no longer loads: no comparison
	}
	if ok {
		in.Before = &report.Source{Plan: prev.Plan, Figures: prev.Figures, Name: prev.Term.Name}
	}
	return in, unavailable(err)
}

// replyPeriodError says why a period cannot be reported on.
func (b *Bot) replyPeriodError(ctx context.Context, r *Request, err error) error {
	var pe *report.PeriodError
	if !errors.As(err, &pe) {
		return err
	}
	text := render.Esc(pe.Text)
	switch pe.Reason {
	case report.PeriodOutside:
		return b.reply(ctx, r, r.P.T("bot.draft_period_outside", "Period", text, "Term", b.termName(),
			"From", render.Date(pe.Term.From), "To", render.Date(pe.Term.To)))
	case report.PeriodAhead:
		return b.reply(ctx, r, r.P.T("bot.draft_period_ahead", "Period", text, "From", render.Date(pe.Span.From)))
	}
	return b.reply(ctx, r, r.P.T("bot.draft_period_bad_in", "Period", text, "Year", pe.ExampleYear(b.today())))
}

// exampleYear is the year an example period names: this year, kept within
// the term (a term that ended names its last year).
func (b *Bot) exampleYear() int {
	y, _, _ := b.today().Civil()
	from, _, _ := b.Plan.Term.From.Civil()
	to, _, _ := b.Plan.Term.To.Civil()
	return min(max(y, from), to)
}
