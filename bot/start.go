package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"chitieu/indicator"
	"chitieu/render"
	"chitieu/store"
)

// cmdStart joins with an invite code, or greets.
func (b *Bot) cmdStart(ctx context.Context, r *Request) error {
	code := strings.TrimSpace(r.Args)
	switch {
	case r.User != nil && r.User.Blocked:
		return b.refuseStranger(ctx, r)
	case code != "":
		return b.join(ctx, r, code)
	case r.User == nil:
		return b.refuseStranger(ctx, r)
	}
	return b.reply(ctx, r, render.Lines(r.P.T("bot.welcome_back", "Name", render.Esc(render.Name(r.User.Name))), "", b.helpText(r)))
}

func (b *Bot) join(ctx context.Context, r *Request, code string) error {
	u, err := b.Store.People.RedeemInvite(ctx, code, profile(r.From))
	if errors.Is(err, store.ErrInvite) {
		return b.reply(ctx, r, r.P.T("bot.invite_bad", "ID", r.From.ID))
	}
	if err != nil {
		return unavailable(err)
	}
	r.User = &u
	r.P = b.Catalog.Printer(u.Lang)
	return b.reply(ctx, r, render.Lines(r.P.T("bot.joined", "Name", render.Esc(render.Name(u.Name)), "Roles", b.roleNames(r, u), "Unit", render.Esc(b.unitName(u.Unit)),
		"Committee", render.Esc(b.committeeName())),
		"", b.helpText(r)))
}

// refuseStranger tells someone the bot does not know that they need an
// invite, and their id to pass on — nothing more.
func (b *Bot) refuseStranger(ctx context.Context, r *Request) error {
	if r.Callback != nil {
		b.answerSoftly(ctx, r, r.P.T("bot.stranger_short"))
		return nil
	}
	return b.reply(ctx, r, r.P.T("bot.stranger", "ID", r.From.ID))
}

// cmdHelp explains what this person may do.
func (b *Bot) cmdHelp(ctx context.Context, r *Request) error {
	return b.reply(ctx, r, b.helpText(r))
}

func (b *Bot) helpText(r *Request) string {
	ls := []string{r.P.T("bot.help_intro", "Roles", b.roleNames(r, *r.User))}
	for _, c := range commandTable() {
		if c.role == "" || r.User.Has(c.role) && !r.User.Reader {
			ls = append(ls, "/"+c.name+" (/"+c.alias+") — "+r.P.T("help."+c.name, "Year", b.exampleYear()))
		}
	}
	if r.User.Has(store.Reporter) {
		ls = append(ls, "", r.P.T("bot.help_oneline"))
	}
	if r.several {
		ls = append(ls, "", r.P.T("bot.help_committees", "Name", render.Esc(b.title)))
	}
	if b.desk != nil && len(b.desk.list()) > 1 && slices.Contains(b.desk.city, r.From.ID) {
		ls = append(ls, r.P.T("bot.help_city"))
	}
	if b.committeeCode() != "" && slices.Contains(b.Admins, r.From.ID) { // a deployment of committees, not the one from before
		ls = append(ls, r.P.T("bot.help_add_committee"))
	}
	return render.Lines(ls...)
}

func (b *Bot) roleNames(r *Request, u store.User) string {
	if u.Reader {
		return r.P.T("role.city_leader")
	}
	var names []string
	for _, role := range u.Roles {
		names = append(names, r.P.T("role."+string(role)))
	}
	if len(names) == 0 {
		return r.P.T("role.none")
	}
	return strings.Join(names, ", ")
}

func (b *Bot) unitName(code string) string {
	for _, u := range b.Plan.Units {
		if u.Code == code {
			return u.Name
		}
	}
	return code
}

// replyNoIndicators tells a reporter whose unit has no indicator in the
// plan in force (none was given it, or the unit left the plan: a new term,
// a new version) what to do: ask an admin for their unit. The unit is
// named as a plan names it.
func (b *Bot) replyNoIndicators(ctx context.Context, r *Request) error {
	key := "bot.no_indicators"
	if !b.knownUnit(r.User.Unit) {
		key = "bot.unit_left"
	}
	return b.reply(ctx, r, r.P.T(key, "Unit", render.Esc(b.formerUnitName(ctx, r.User.Unit))))
}

// formerUnitName is a unit's name: the plan in force's, or, for a unit it
// no longer has, the name the latest plan version that had it gave it (a
// finished term's, or an earlier version of this one); its code when none
// has.
func (b *Bot) formerUnitName(ctx context.Context, code string) string {
	if b.knownUnit(code) {
		return b.unitName(code)
	}
	versions, err := b.Store.Plans.Versions(ctx)
	if err != nil {
		b.Log.Warn("the plan versions could not be read", "err", err)
	}
	for i := len(versions) - 1; i >= 0; i-- {
		plan, err := b.versionPlan(ctx, versions[i].N)
		if err != nil {
			continue // a version that no longer loads, or unread: the code will do
		}
		for _, u := range plan.Units {
			if u.Code == code {
				return u.Name
			}
		}
	}
	return code
}

// versionPlan loads plan version n once: a version never changes.
func (b *Bot) versionPlan(ctx context.Context, n int) (*indicator.Plan, error) {
	key := fmt.Sprintf("version#%d", n)
	if p, ok := b.termPlans.Load(key); ok {
		return p.(*indicator.Plan), nil
	}
	v, err := b.Store.Plans.Version(ctx, n)
	if err != nil {
		return nil, err
	}
	plan, err := indicator.Load([]byte(v.Content))
	if err != nil {
		return nil, err
	}
	b.termPlans.Store(key, plan)
	return plan, nil
}

// cmdCancel ends any conversation.
func (b *Bot) cmdCancel(ctx context.Context, r *Request) error {
	conv, err := b.loadConversation(ctx, r.Chat)
	if err != nil {
		return err
	}
	if conv.Step == StepNone {
		return b.reply(ctx, r, r.P.T("bot.nothing_to_cancel"))
	}
	return b.cancel(ctx, r, conv)
}

func (b *Bot) onCancelButton(ctx context.Context, r *Request, c Conversation, _ string) error {
	return b.cancel(ctx, r, c)
}

// cancel ends the conversation and takes the buttons off its message. A
// change to people is saved as it is made, so ending that one (✔ Xong or
// /huy) says so instead of "nothing saved".
func (b *Bot) cancel(ctx context.Context, r *Request, c Conversation) error {
	if err := b.endConversation(ctx, r.Chat); err != nil {
		return err
	}
	text := r.P.T("bot.cancelled")
	switch c.Step.family() { // what these change is saved as it is made
	case "users":
		text = r.P.T("bot.users_done")
	case "revoke":
		text = r.P.T("bot.revoke_done")
	}
	if c.Message != 0 {
		b.edit(ctx, r.Chat, c.Message, text, nil)
		return nil
	}
	return b.reply(ctx, r, text)
}
