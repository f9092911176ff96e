package bot

import (
	"context"
	"errors"
	"strings"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/render"
	"chitieu/store"
)

// An invite not yet used can be revoked under /moi: a link that leaked
// admits no one afterwards. The list names each invite by the start of its
// code (codeShown characters), enough to tell them apart and too little
// to use; its button carries that start, found again among the open
// invites when pressed.

// codeShown is how much of an invite's code the list shows.
const codeShown = 6

// revokeButton is /moi's button to the list of open invites, or nothing
// when none is open.
func (b *Bot) revokeButton(ctx context.Context, r *Request, c Conversation) ([]tg.InlineKeyboardButton, error) {
	open, err := b.Store.People.OpenInvites(ctx)
	if err != nil || len(open) == 0 {
		return nil, unavailable(err)
	}
	return []tg.InlineKeyboardButton{button(c, r.P.T("btn.revoke_list", "Count", len(open)), ActOpen, "")}, nil
}

// onRevokeList shows the open invites, a button each to revoke it.
func (b *Bot) onRevokeList(ctx context.Context, r *Request, c Conversation, _ string) error {
	c.Step = StepRevoke
	return b.showOpenInvites(ctx, r, c, "")
}

// onRevoke revokes the invite a button names and shows the list again. An
// invite used, expired or revoked meanwhile is said to be so.
func (b *Bot) onRevoke(ctx context.Context, r *Request, c Conversation, start string) error {
	inv, err := b.findOpenInvite(ctx, start)
	if err == nil {
		inv, err = b.Store.People.RevokeInvite(ctx, r.User.ID, inv.Code)
	}
	if errors.Is(err, store.ErrInvite) {
		return b.showOpenInvites(ctx, r, c, r.P.T("bot.revoke_gone", "Code", render.Esc(start)))
	}
	if err != nil {
		return unavailable(err)
	}
	b.Log.Info("an invite revoked", "by", r.User.ID, "invite", inv.Code[:codeShown])
	said := r.P.T("bot.revoked", "Code", render.Esc(inv.Code[:codeShown]), "Role", r.P.T("role."+string(inv.Role)),
		"Unit", render.Esc(b.unitName(inv.Unit)))
	c.Done = r.Update.UpdateID // pressed again after a lost edit: it says the same
	return b.showOpenInvites(ctx, r, c, said)
}

// findOpenInvite finds the open invite whose code starts with start:
// ErrInvite when none does, or more than one.
func (b *Bot) findOpenInvite(ctx context.Context, start string) (store.Invite, error) {
	open, err := b.Store.People.OpenInvites(ctx)
	if err != nil {
		return store.Invite{}, err
	}
	var found []store.Invite
	for _, inv := range open {
		if len(start) >= codeShown && strings.HasPrefix(inv.Code, start) {
			found = append(found, inv)
		}
	}
	if len(found) != 1 {
		return store.Invite{}, store.ErrInvite
	}
	return found[0], nil
}

// showOpenInvites puts the list of open invites on the conversation's
// message, after what was just said (said, "" for nothing), and keeps the
// conversation; with none left it ends it.
func (b *Bot) showOpenInvites(ctx context.Context, r *Request, c Conversation, said string) error {
	open, err := b.Store.People.OpenInvites(ctx)
	if err != nil {
		return unavailable(err)
	}
	names, err := b.creators(ctx, open)
	if err != nil {
		return err
	}
	var ls []string
	if said != "" {
		ls = append(ls, said, "")
	}
	if len(open) == 0 {
		text := render.Lines(append(ls, r.P.T("bot.revoke_none"))...)
		if err := b.remember(ctx, r, text); err != nil {
			return err
		}
		return b.edit(ctx, r.Chat, c.Message, text, nil)
	}
	ls = append(ls, r.P.T("bot.revoke_list", "Count", len(open)))
	var buttons []tg.InlineKeyboardButton
	for _, inv := range open {
		role := r.P.T("role." + string(inv.Role))
		ls = append(ls, r.P.T("bot.revoke_line", "Code", render.Esc(inv.Code[:codeShown]), "Role", role,
			"Unit", render.Esc(b.unitName(inv.Unit)), "Expires", render.Moment(r.P, inv.Expires.In(b.Plan.Location)),
			"By", render.Esc(names[inv.By])))
		label := r.P.T("btn.revoke", "Code", inv.Code[:codeShown], "Role", capital(role), "Unit", inv.Unit)
		buttons = append(buttons, button(c, label, ActRevoke, inv.Code[:codeShown]))
	}
	buttons = append(buttons, button(c, r.P.T("btn.done"), ActCancel, ""))
	text := render.Lines(ls...)
	if c.Done != 0 {
		c.Reply = text
	}
	if err := b.edit(ctx, r.Chat, c.Message, text, keyboard(1, buttons...)); err != nil {
		return err
	}
	return b.saveConversation(ctx, r.Chat, c)
}

// creators are the names of who made the invites, by Telegram id ("" for
// the command line, 0).
func (b *Bot) creators(ctx context.Context, invites []store.Invite) (map[int64]string, error) {
	names := map[int64]string{}
	for _, inv := range invites {
		if _, ok := names[inv.By]; ok || inv.By == 0 {
			continue
		}
		u, err := b.Store.People.Get(ctx, inv.By)
		switch {
		case errors.Is(err, store.ErrNotFound):
			names[inv.By] = ""
		case err != nil:
			return nil, unavailable(err)
		default:
			names[inv.By] = render.Name(u.Name)
		}
	}
	return names, nil
}
