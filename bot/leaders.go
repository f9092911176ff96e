package bot

import (
	"context"
	"strings"
	"time"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/store"
)

// cmdMute silences an indicator's alerts to the leader who asks until a
// day, at most the term's last day: /tat CT01.1 31/12. An admin silences
// them for every leader and group with "tatca": /tat CT01.1 31/12 tatca.
func (b *Bot) cmdMute(ctx context.Context, r *Request) error {
	ind, until, all := b.muteArgs(r.Args)
	capped := until > b.Plan.Term.To
	until = min(until, b.Plan.Term.To)
	if ind == nil || until <= b.today() {
		return b.reply(ctx, r, r.P.T("bot.mute_usage"))
	}
	who, ok := b.silencer(r, all)
	if !ok {
		return b.reply(ctx, r, r.P.T("bot.mute_all_admin"))
	}
	q := store.Silence{Indicator: ind.Code, Leader: who, Until: until.In(b.Plan.Location).Add(24 * time.Hour), By: r.User.ID}
	if err := b.Store.Alerts.Silence(ctx, q); err != nil {
		return unavailable(err)
	}
	text := r.P.T(map[bool]string{false: "bot.muted", true: "bot.muted_all"}[all], "Code", render.Esc(ind.Code), "Date", render.Date(until))
	if capped {
		text += "\n" + r.P.T("bot.mute_capped", "Date", render.Date(until))
	}
	return b.reply(ctx, r, text)
}

// cmdUnmute lifts the silence the leader made on an indicator: /bat
// CT01.1; an admin lifts the one made for all: /bat CT01.1 tatca.
func (b *Bot) cmdUnmute(ctx context.Context, r *Request) error {
	args := strings.Fields(r.Args)
	all := len(args) == 2 && forAll(args[1])
	var ind *indicator.Indicator
	if len(args) == 1 || all {
		ind = b.Plan.Find(args[0])
	}
	if ind == nil {
		return b.reply(ctx, r, r.P.T("bot.unmute_usage"))
	}
	who, ok := b.silencer(r, all)
	if !ok {
		return b.reply(ctx, r, r.P.T("bot.mute_all_admin"))
	}
	if err := b.Store.Alerts.Silence(ctx, store.Silence{Indicator: ind.Code, Leader: who, By: r.User.ID}); err != nil {
		return unavailable(err)
	}
	return b.reply(ctx, r, r.P.T(map[bool]string{false: "bot.unmuted", true: "bot.unmuted_all"}[all], "Code", render.Esc(ind.Code)))
}

// muteArgs reads "CODE DAY [tatca]"; ind is nil when they are not that.
func (b *Bot) muteArgs(s string) (*indicator.Indicator, indicator.Date, bool) {
	args := strings.Fields(s)
	all := len(args) == 3 && forAll(args[2])
	if len(args) != 2 && !all {
		return nil, 0, false
	}
	until, err := b.parseDay(args[1])
	if err != nil {
		return nil, 0, false
	}
	return b.Plan.Find(args[0]), until, all
}

// forAll reports whether a /tat or /bat argument asks for every leader.
func forAll(arg string) bool {
	switch strings.ToLower(arg) {
	case "tatca", "tấtcả", "all":
		return true
	}
	return false
}

// silencer is whose alerts a silence keeps quiet: the leader's own, or
// everyone's when an admin asks for all (ok is false when a non-admin
// does).
func (b *Bot) silencer(r *Request, all bool) (int64, bool) {
	if !all {
		return r.User.ID, true
	}
	return store.Everyone, r.User.Has(store.Admin)
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
		if err := b.Store.People.RemoveGroup(ctx, r.User.ID, r.Chat); err != nil {
			return unavailable(err)
		}
		return b.reply(ctx, r, r.P.T("bot.group_removed"))
	}
	if err := b.Store.People.AddGroup(ctx, r.User.ID, r.Chat, r.Title); err != nil {
		return unavailable(err)
	}
	return b.reply(ctx, r, r.P.T("bot.group_added", "Title", render.Esc(r.Title)))
}
