package bot

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"unicode"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/store"
)

var roles = []store.Role{store.Admin, store.Leader, store.Reporter}

// cmdInvite asks which role the invite grants, with a button to the
// invites not yet used (to revoke one) when there are any.
func (b *Bot) cmdInvite(ctx context.Context, r *Request) error {
	c := Conversation{Step: StepInviteRole, Nonce: newNonce()}
	var buttons []tg.InlineKeyboardButton
	for _, role := range roles {
		buttons = append(buttons, button(c, capital(r.P.T("role."+string(role))), ActRole, string(role)))
	}
	revoke, err := b.revokeButton(ctx, r, c)
	if err != nil {
		return err
	}
	kb := keyboard(3, buttons...)
	for _, row := range [][]tg.InlineKeyboardButton{revoke, {button(c, r.P.T("btn.cancel"), ActCancel, "")}} {
		if len(row) > 0 {
			kb.InlineKeyboard = append(kb.InlineKeyboard, row)
		}
	}
	return b.startConversation(ctx, r, c, r.P.T("bot.invite_role"), kb)
}

func (b *Bot) onInviteRole(ctx context.Context, r *Request, c Conversation, arg string) error {
	role, ok := store.ParseRole(arg)
	if !ok || !r.User.Has(store.Admin) {
		return b.reply(ctx, r, r.P.T("bot.button_bad"))
	}
	if role == store.Admin {
		return b.createInvite(ctx, r, c, role, "")
	}
	c.Step, c.Role = StepInviteUnit, role
	buttons := b.unitButtons(c)
	if role == store.Leader {
		buttons = append(buttons, button(c, r.P.T("btn.no_unit"), ActUnit, ""))
	}
	buttons = append(buttons, button(c, r.P.T("btn.cancel"), ActCancel, ""))
	if err := b.edit(ctx, r.Chat, c.Message, r.P.T("bot.invite_unit", "Role", r.P.T("role."+string(role))), keyboard(2, buttons...)); err != nil {
		return err
	}
	return b.saveConversation(ctx, r.Chat, c)
}

// unitButtons are a button per unit of the plan.
func (b *Bot) unitButtons(c Conversation) []tg.InlineKeyboardButton {
	var out []tg.InlineKeyboardButton
	for _, u := range b.Plan.Units {
		out = append(out, button(c, u.Code+" · "+short(u.Name, 28), ActUnit, u.Code))
	}
	return out
}

// capital writes a name with a capital first letter, for a button.
func capital(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = unicode.ToUpper(r[0])
	}
	return string(r)
}

// short cuts a name to n characters.
func short(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func (b *Bot) onInviteUnit(ctx context.Context, r *Request, c Conversation, unit string) error {
	if !r.User.Has(store.Admin) || unit != "" && !b.knownUnit(unit) || unit == "" && c.Role == store.Reporter {
		return b.reply(ctx, r, r.P.T("bot.button_bad"))
	}
	return b.createInvite(ctx, r, c, c.Role, unit)
}

func (b *Bot) knownUnit(code string) bool {
	return slices.ContainsFunc(b.Plan.Units, func(u indicator.Unit) bool { return u.Code == code })
}

// createInvite makes the invite and shows its deep link.
func (b *Bot) createInvite(ctx context.Context, r *Request, c Conversation, role store.Role, unit string) error {
	inv, err := b.Store.People.CreateInvite(ctx, r.User.ID, role, unit, b.InviteTTL)
	if err != nil {
		return unavailable(err)
	}
	link := fmt.Sprintf("https://t.me/%s?start=%s", b.API.Username(), inv.Code)
	text := r.P.T("bot.invite_done", "Role", r.P.T("role."+string(role)), "Unit", render.Esc(b.unitName(unit)), "Committee", render.Esc(b.committeeName()),
		"Expires", render.Moment(r.P, inv.Expires.In(b.Plan.Location)), "Link", render.Esc(link), "Code", inv.Code)
	if err := b.remember(ctx, r, text); err != nil { // pressed again after a lost edit: the link again
		return err
	}
	return b.edit(ctx, r.Chat, c.Message, text, nil)
}

// cmdUsers lists the people, a button each.
func (b *Bot) cmdUsers(ctx context.Context, r *Request) error {
	c := Conversation{Step: StepUsers, Nonce: newNonce()}
	text, kb, err := b.usersMessage(ctx, r, c)
	if err != nil {
		return err
	}
	return b.startConversation(ctx, r, c, text, kb)
}

func (b *Bot) usersMessage(ctx context.Context, r *Request, c Conversation) (string, *tg.InlineKeyboardMarkup, error) {
	users, err := b.Store.People.All(ctx)
	if err != nil {
		return "", nil, unavailable(err)
	}
	ls := []string{r.P.T("bot.users_title", "Count", len(users))}
	var buttons []tg.InlineKeyboardButton
	for _, u := range users {
		ls = append(ls, b.personLine(r, u))
		buttons = append(buttons, button(c, short(render.Name(u.Name), 24), ActPerson, strconv.FormatInt(u.ID, 10)))
	}
	buttons = append(buttons, button(c, r.P.T("btn.done"), ActCancel, ""))
	return render.Lines(ls...), keyboard(2, buttons...), nil
}

func (b *Bot) personLine(r *Request, u store.User) string {
	line := fmt.Sprintf("• <b>%s</b> (%d) — %s", render.Esc(render.Name(u.Name)), u.ID, b.roleNames(r, u))
	if u.Unit != "" {
		line += " · " + render.Esc(u.Unit)
	}
	if u.Blocked {
		line += " · 🚫 " + r.P.T("bot.blocked")
	}
	if u.Inactive {
		line += " · " + r.P.T("bot.inactive")
	}
	return line
}

func (b *Bot) onUsersBack(ctx context.Context, r *Request, c Conversation, _ string) error {
	c.Step, c.Person = StepUsers, 0
	text, kb, err := b.usersMessage(ctx, r, c)
	if err != nil {
		return err
	}
	if err := b.edit(ctx, r.Chat, c.Message, text, kb); err != nil {
		return err
	}
	return b.saveConversation(ctx, r.Chat, c)
}

func (b *Bot) onPerson(ctx context.Context, r *Request, c Conversation, arg string) error {
	id, _ := strconv.ParseInt(arg, 10, 64)
	c.Step, c.Person = StepUser, id
	return b.showPerson(ctx, r, c)
}

// showPerson shows one person with buttons to change their roles, unit and
// access.
func (b *Bot) showPerson(ctx context.Context, r *Request, c Conversation) error {
	u, err := b.Store.People.Get(ctx, c.Person)
	if err != nil {
		return b.reply(ctx, r, r.P.T("bot.button_old"))
	}
	var buttons []tg.InlineKeyboardButton
	for _, role := range roles {
		mark := "◻️ "
		if slices.Contains(u.Roles, role) {
			mark = "☑️ "
		}
		buttons = append(buttons, button(c, mark+capital(r.P.T("role."+string(role))), ActToggle, string(role)))
	}
	block := map[bool]string{false: "btn.block", true: "btn.unblock"}[u.Blocked]
	buttons = append(buttons, button(c, r.P.T("btn.unit"), ActSetUnit, ""), button(c, r.P.T(block), ActBlock, ""),
		button(c, r.P.T("btn.back"), ActUsersBack, ""))
	if err := b.edit(ctx, r.Chat, c.Message, b.personLine(r, u), keyboard(3, buttons...)); err != nil {
		return err
	}
	return b.saveConversation(ctx, r.Chat, c)
}

func (b *Bot) onToggleRole(ctx context.Context, r *Request, c Conversation, arg string) error {
	role, ok := store.ParseRole(arg)
	if !ok || !r.User.Has(store.Admin) {
		return b.reply(ctx, r, r.P.T("bot.button_bad"))
	}
	if c.Person == r.User.ID && role == store.Admin {
		return b.reply(ctx, r, r.P.T("bot.not_yourself"))
	}
	if role == store.Admin && slices.Contains(b.Admins, c.Person) {
		return b.reply(ctx, r, r.P.T("bot.configured_admin"))
	}
	u, err := b.Store.People.Get(ctx, c.Person)
	if err != nil {
		return unavailable(err)
	}
	next := slices.DeleteFunc(slices.Clone(u.Roles), func(x store.Role) bool { return x == role })
	if len(next) == len(u.Roles) {
		next = append(next, role)
	}
	if _, err := b.Store.People.SetAccess(ctx, r.User.ID, u.ID, next, u.Unit); err != nil {
		return unavailable(err)
	}
	return b.showPerson(ctx, r, c)
}

func (b *Bot) onBlock(ctx context.Context, r *Request, c Conversation, _ string) error {
	if !r.User.Has(store.Admin) || c.Person == r.User.ID {
		return b.reply(ctx, r, r.P.T("bot.not_yourself"))
	}
	if slices.Contains(b.Admins, c.Person) {
		return b.reply(ctx, r, r.P.T("bot.configured_admin"))
	}
	u, err := b.Store.People.Get(ctx, c.Person)
	if err == nil {
		_, err = b.Store.People.SetBlocked(ctx, r.User.ID, u.ID, !u.Blocked)
	}
	if err != nil {
		return unavailable(err)
	}
	return b.showPerson(ctx, r, c)
}

func (b *Bot) onAskPersonUnit(ctx context.Context, r *Request, c Conversation, _ string) error {
	c.Step = StepUserUnit
	buttons := append(b.unitButtons(c), button(c, r.P.T("btn.no_unit"), ActUnit, ""), button(c, r.P.T("btn.back"), ActUsersBack, ""))
	if err := b.edit(ctx, r.Chat, c.Message, r.P.T("bot.person_unit"), keyboard(2, buttons...)); err != nil {
		return err
	}
	return b.saveConversation(ctx, r.Chat, c)
}

func (b *Bot) onPersonUnit(ctx context.Context, r *Request, c Conversation, unit string) error {
	if !r.User.Has(store.Admin) || unit != "" && !b.knownUnit(unit) {
		return b.reply(ctx, r, r.P.T("bot.button_bad"))
	}
	u, err := b.Store.People.Get(ctx, c.Person)
	if err == nil {
		_, err = b.Store.People.SetAccess(ctx, r.User.ID, u.ID, u.Roles, unit)
	}
	if err != nil {
		return unavailable(err)
	}
	c.Step = StepUser
	return b.showPerson(ctx, r, c)
}
