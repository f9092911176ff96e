package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/store"
)

// cmdFix offers the person's recent figures to correct.
func (b *Bot) cmdFix(ctx context.Context, r *Request) error {
	figs, err := b.Store.Figures.Recent(ctx, r.User.ID, 8)
	if err != nil {
		return unavailable(err)
	}
	if len(figs) == 0 {
		return b.reply(ctx, r, r.P.T("bot.fix_none"))
	}
	c := Conversation{Step: StepFixPick, Nonce: newNonce()}
	ls := []string{r.P.T("bot.fix_pick")}
	var buttons []tg.InlineKeyboardButton
	for _, f := range figs {
		ind := b.Plan.Indicator(f.Indicator)
		if ind == nil {
			continue
		}
		ls = append(ls, r.P.T("bot.fix_line", "Code", render.Esc(ind.Code), "Date", render.Date(f.Date),
			"Value", render.Esc(render.Value(ind, f.Value)), "Time", b.clock(f.At), "Day", render.Date(indicator.DateOf(f.At.In(b.Plan.Location)))))
		label := fmt.Sprintf("%s · %s · %s · %s", ind.Code, render.Date(f.Date)[:5], render.Value(ind, f.Value), b.clock(f.At))
		buttons = append(buttons, button(c, label, ActFix, strconv.FormatInt(f.ID, 10)))
	}
	buttons = append(buttons, button(c, r.P.T("btn.cancel"), ActCancel, ""))
	return b.startConversation(ctx, r, c, render.Lines(ls...), keyboard(1, buttons...))
}

// onFixPick asks for the right figure.
func (b *Bot) onFixPick(ctx context.Context, r *Request, c Conversation, arg string) error {
	id, _ := strconv.ParseInt(arg, 10, 64)
	f, err := b.Store.Figures.Get(ctx, id)
	if errors.Is(err, store.ErrNotFound) || err == nil && f.By != r.User.ID {
		return b.reply(ctx, r, r.P.T("bot.fix_not_yours"))
	}
	if err != nil {
		return unavailable(err)
	}
	ind := b.Plan.Indicator(f.Indicator)
	if ind == nil { // the plan no longer has it (archived, renamed away)
		return b.restart(ctx, r)
	}
	c.Step, c.Figure, c.Version, c.Indicator, c.Date = StepFixFigure, f.ID, f.Version, ind.Code, f.Date
	text := render.Lines(r.P.T("bot.fix_current", "Code", render.Esc(ind.Code), "Date", render.Date(f.Date), "Value", render.Esc(render.Value(ind, f.Value))),
		r.P.T("bot.fix_ask", "Value", render.Esc(render.Value(ind, f.Value))))
	if err := b.edit(ctx, r.Chat, c.Message, text, keyboard(1, button(c, r.P.T("btn.cancel"), ActCancel, ""))); err != nil {
		return err
	}
	return b.saveConversation(ctx, r.Chat, c)
}

// onFixFigure reads the right figure and asks why.
func (b *Bot) onFixFigure(ctx context.Context, r *Request, c Conversation) error {
	ind := b.Plan.Indicator(c.Indicator)
	reading, err := locales.ReadFigure(r.Text, ind)
	if err != nil {
		return b.replyFigureError(ctx, r, err)
	}
	e, err := b.evaluate(ctx, ind)
	if err != nil {
		return err
	}
	doubts := ind.Check(indicator.Arrival{Figure: indicator.Figure{Date: c.Date, Value: reading.Value}, Today: b.today(),
		Converted: reading.Converted}, e)
	if slices.Contains(doubts, indicator.FractionOfWhole) {
		return b.replyFraction(ctx, r, ind, r.Text)
	}
	b.dropButtons(ctx, r.Chat, c.Message)
	c.Step, c.Text, c.Value = StepFixReason, r.Text, reading.Value
	text := r.P.T("bot.fix_reason", "Typed", render.Esc(quote(c.Text)), "Value", render.Esc(render.Value(ind, c.Value)))
	for i := len(doubts) - 1; i >= 0; i-- {
		text = doubtNote(r.P, doubts[i], e, c.Value) + "\n" + text
	}
	return b.startConversation(ctx, r, c, text, keyboard(1, button(c, r.P.T("btn.cancel"), ActCancel, "")))
}

// onFixReason corrects the figure, keeping what it replaces.
func (b *Bot) onFixReason(ctx context.Context, r *Request, c Conversation) error {
	reason := render.Name(r.Text) // read by leaders: as clean as a name
	if len([]rune(reason)) < 3 {
		return b.reply(ctx, r, r.P.T("bot.reason_short"))
	}
	b.dropButtons(ctx, r.Chat, c.Message)
	f, err := b.Store.Figures.Correct(ctx, indicator.Correction{ID: c.Figure, Version: c.Version, Value: c.Value, Text: c.Text,
		By: r.User.ID, Reason: reason})
	if errors.Is(err, store.ErrConflict) {
		f, err = b.sameCorrection(ctx, r, c, reason)
	}
	switch {
	case errors.Is(err, store.ErrConflict):
		b.endConversation(ctx, r.Chat)
		return b.reply(ctx, r, r.P.T("bot.fix_conflict"))
	case err != nil:
		return unavailable(err)
	}
	ind := b.Plan.Indicator(f.Indicator)
	e, err := b.evaluateOf(ctx, ind, f.Date)
	if err != nil {
		return err
	}
	defer b.afterSave(ctx, e, fmt.Sprintf("fix:%d:%d", f.ID, f.Version))
	old := f.History[len(f.History)-1]
	ls := append([]string{r.P.T("bot.fixed", "Code", render.Esc(ind.Code), "Old", render.Esc(render.Value(ind, old.Value)),
		"New", render.Esc(render.Value(ind, f.Value)))}, standing(r.P, e)...)
	return b.finish(ctx, r, render.Lines(ls...))
}

// sameCorrection finds the correction c asks for already made, by the same
// person with the same reason (the update was handled before and its
// reply was lost); any other change since c began is a conflict.
func (b *Bot) sameCorrection(ctx context.Context, r *Request, c Conversation, reason string) (indicator.Record, error) {
	f, err := b.Store.Figures.Get(ctx, c.Figure)
	if err != nil {
		return f, err
	}
	if f.Version != c.Version+1 || f.Value != c.Value || len(f.History) == 0 {
		return f, store.ErrConflict
	}
	if last := f.History[len(f.History)-1]; last.ReplacedBy != r.User.ID || last.Reason != reason {
		return f, store.ErrConflict
	}
	return f, nil
}
