package bot

import (
	"context"
	"strings"
	"time"

	"chitieu/indicator"
	"chitieu/render"
)

// cmdMute silences an indicator's alerts until a day: /tat CT01.1 31/12.
func (b *Bot) cmdMute(ctx context.Context, r *Request) error {
	code, day, ok := strings.Cut(r.Args, " ")
	ind := b.Plan.Indicator(strings.TrimSpace(code))
	until, err := b.parseDay(strings.TrimSpace(day))
	if !ok || ind == nil || err != nil || until <= b.today() {
		return b.reply(ctx, r, r.P.T("bot.mute_usage"))
	}
	if _, err := b.Store.Silence(ctx, r.User.ID, ind.Code, until.In(b.Plan.Location).Add(24*time.Hour)); err != nil {
		return unavailable(err)
	}
	return b.reply(ctx, r, r.P.T("bot.muted", "Code", render.Esc(ind.Code), "Date", render.Date(until)))
}

// cmdUnmute lifts an indicator's silence: /bat CT01.1.
func (b *Bot) cmdUnmute(ctx context.Context, r *Request) error {
	ind := b.Plan.Indicator(strings.TrimSpace(r.Args))
	if ind == nil {
		return b.reply(ctx, r, r.P.T("bot.unmute_usage"))
	}
	if _, err := b.Store.Silence(ctx, r.User.ID, ind.Code, time.Time{}); err != nil {
		return unavailable(err)
	}
	return b.reply(ctx, r, r.P.T("bot.unmuted", "Code", render.Esc(ind.Code)))
}

// parseDay reads a day as 31/12 (this year), 31/12/2026 or 2026-12-31.
func (b *Bot) parseDay(s string) (indicator.Date, error) {
	if strings.Count(s, "/") == 1 {
		s += "/" + strings.TrimLeft(render.Date(b.today())[6:], "0")
	}
	return indicator.ParseDate(s)
}

// cmdGroup registers the group chat it is sent in for the leaders' digest
// and alerts (/nhom), or forgets it (/nhom huy).
func (b *Bot) cmdGroup(ctx context.Context, r *Request) error {
	if !r.Group {
		return b.reply(ctx, r, r.P.T("bot.group_only"))
	}
	if arg := strings.ToLower(strings.TrimSpace(r.Args)); arg == "huy" || arg == "hủy" || arg == "off" {
		if err := b.Store.RemoveGroup(ctx, r.User.ID, r.Chat); err != nil {
			return unavailable(err)
		}
		return b.reply(ctx, r, r.P.T("bot.group_removed"))
	}
	if err := b.Store.AddGroup(ctx, r.User.ID, r.Chat, r.Title); err != nil {
		return unavailable(err)
	}
	return b.reply(ctx, r, r.P.T("bot.group_added", "Title", render.Esc(r.Title)))
}
