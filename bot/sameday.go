package bot

import (
	"context"
	"errors"
	"fmt"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/store"
)

// onReplace takes a count reported a second time the same day as the
// first's correction, not an addition: the first figure gets the new
// value, and keeps what it replaces in its history, as /sua does.
func (b *Bot) onReplace(ctx context.Context, r *Request, c Conversation, _ string) error {
	b.dropButtons(ctx, r.Chat, c.Message)
	ind := b.Plan.Indicator(c.Indicator)
	old, err := b.Store.Figures.Get(ctx, c.Figure)
	switch {
	case errors.Is(err, store.ErrNotFound) || err == nil && old.By != r.User.ID:
		b.endConversation(ctx, r.Chat)
		return b.reply(ctx, r, r.P.T("bot.fix_conflict"))
	case err != nil:
		return unavailable(err)
	case old.Version == c.Version && old.Value == c.Value:
		return b.finish(ctx, r, r.P.T("bot.replace_same", "Code", render.Esc(ind.Code), "At", b.clock(old.At),
			"Value", render.Esc(render.Value(ind, old.Value))))
	}
	reason := r.P.T("bot.replace_reason", "Old", render.Value(ind, old.Value), "New", render.Value(ind, c.Value))
	f, err := b.Store.Figures.Correct(ctx, indicator.Correction{ID: c.Figure, Version: c.Version, Value: c.Value, Text: c.Text,
		By: r.User.ID, Reason: reason})
	if errors.Is(err, store.ErrConflict) && replacedAlready(old, c, r.User.ID, reason) {
		f, err = old, nil // the update handled again: its reply was lost
	}
	switch {
	case errors.Is(err, store.ErrConflict):
		b.endConversation(ctx, r.Chat)
		return b.reply(ctx, r, r.P.T("bot.fix_conflict"))
	case err != nil:
		return unavailable(err)
	}
	e, err := b.evaluateOf(ctx, ind, f.Date)
	if err != nil {
		return err
	}
	defer b.afterSave(ctx, e, fmt.Sprintf("fix:%d:%d", f.ID, f.Version))
	was := f.History[len(f.History)-1]
	per := render.Period(r.P, ind.Report.Every, ind.Report.PeriodOf(f.Date))
	ls := append([]string{r.P.T("bot.replaced", "Code", render.Esc(ind.Code), "At", b.clock(was.At), "Period", per,
		"Old", render.Esc(render.Value(ind, was.Value)), "New", render.Esc(render.Value(ind, f.Value)))}, standing(r.P, e)...)
	return b.finish(ctx, r, render.Lines(ls...))
}

// replacedAlready reports whether f is the figure c asked to replace,
// replaced already by the same person for the same reason.
func replacedAlready(f indicator.Record, c Conversation, by int64, reason string) bool {
	if f.Version != c.Version+1 || f.Value != c.Value || len(f.History) == 0 {
		return false
	}
	last := f.History[len(f.History)-1]
	return last.ReplacedBy == by && last.Reason == reason
}
