package bot

import (
	"context"
	"strings"

	"chitieu/render"
	"chitieu/store"
)

// stepRoles is the role each step of a conversation needs: a person who
// lost it since the conversation began cannot take the next step.
var stepRoles = map[Step]store.Role{
	StepPick: store.Reporter, StepFigure: store.Reporter, StepConfirm: store.Reporter, StepReason: store.Reporter,
	StepFixPick: store.Reporter, StepFixFigure: store.Reporter, StepFixReason: store.Reporter,
	StepInviteRole: store.Admin, StepInviteUnit: store.Admin, StepUsers: store.Admin, StepUser: store.Admin,
	StepUserUnit: store.Admin, StepImport: store.Admin, StepPlan: store.Admin, StepRevoke: store.Admin,
}

// refusal says why the person may no longer take the conversation's next
// step (their role or unit changed since it began), or "" when they may.
// Who they are now is r.User, read afresh for each update; a blocked
// person never gets this far.
func (b *Bot) refusal(ctx context.Context, r *Request, c Conversation) string {
	role, ok := stepRoles[c.Step]
	if ok && !r.User.Has(role) {
		return r.P.T("bot.not_allowed", "Role", r.P.T("role."+string(role)))
	}
	ind := b.Plan.Indicator(c.Indicator)
	if role == store.Reporter && ind != nil && ind.Owner != r.User.Unit && r.User.Unit != "" && !b.knownUnit(r.User.Unit) {
		return r.P.T("bot.unit_left", "Unit", render.Esc(b.formerUnitName(ctx, r.User.Unit)))
	}
	if role == store.Reporter && ind != nil && ind.Owner != r.User.Unit {
		return r.P.T("bot.not_your_unit", "Code", render.Esc(ind.Code), "Owner", render.Esc(b.unitName(ind.Owner)),
			"Unit", render.Esc(b.unitName(r.User.Unit)))
	}
	return ""
}

// refuseStep ends a conversation its person may no longer take further,
// and says why.
func (b *Bot) refuseStep(ctx context.Context, r *Request, why string) error {
	if err := b.endConversation(ctx, r.Chat); err != nil {
		return err
	}
	return b.reply(ctx, r, why)
}

// forBot reports whether a message in a group is meant for the bot: a
// command with no bot named, or with this bot's name. Everything else said
// in a group is people talking to each other.
func (r *Request) forBot(username string) bool {
	if r.Command == "" {
		return false
	}
	return r.To == "" || strings.EqualFold(r.To, username)
}

// groupManners keeps the bot quiet in groups: it hears only the commands
// meant for it and button presses there.
func (b *Bot) groupManners(next Handler) Handler {
	return func(ctx context.Context, r *Request) error {
		if r.Group && r.Callback == nil && !r.forBot(b.API.Username()) {
			return nil
		}
		return next(ctx, r)
	}
}
