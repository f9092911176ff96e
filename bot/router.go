package bot

import (
	"context"
	"strings"

	"chitieu/render"
	"chitieu/store"
)

// command is a chat command: its Vietnamese name, its English alias, who
// may use it, and its handler.
type command struct {
	name, alias string
	role        store.Role // "" for anyone the bot knows
	handle      func(b *Bot, ctx context.Context, r *Request) error
	private     bool // answered in a private chat only: it shows people, ids or invites
}

// commandTable is every command, in the menu's order (shared: not to be
// changed).
func commandTable() []command { return commands }

// commands is made once, in init: the handlers refer back to the table.
var commands []command

func init() { commands = makeCommands() }

func makeCommands() []command {
	return []command{
		{"baocao", "report", store.Reporter, (*Bot).cmdReport, false},
		{"chitieu", "list", "", (*Bot).cmdList, false},
		{"xem", "show", "", (*Bot).cmdShow, false},
		{"sua", "fix", store.Reporter, (*Bot).cmdFix, false},
		{"tonghop", "digest", "", (*Bot).cmdDigest, false},
		{"xuat", "export", "", (*Bot).cmdExport, false},
		{"soanbaocao", "draftreport", "", (*Bot).cmdDraftReport, false},
		{"huy", "cancel", "", (*Bot).cmdCancel, false},
		{"trogiup", "help", "", (*Bot).cmdHelp, false},
		{"moi", "invite", store.Admin, (*Bot).cmdInvite, true},
		{"nguoidung", "users", store.Admin, (*Bot).cmdUsers, true},
		{"tat", "mute", store.Leader, (*Bot).cmdMute, false},
		{"bat", "unmute", store.Leader, (*Bot).cmdUnmute, false},
		{"nhom", "group", store.Admin, (*Bot).cmdGroup, false},
	}
}

// meantCommand is the command a mistyped one most likely meant ("/chi
// tieu", "/xme"): its words joined, or one letter off, added, dropped or
// swapped; "" when none is that near.
func meantCommand(name, args string) string {
	first, _, _ := strings.Cut(args, " ")
	if c, ok := findCommand(strings.ToLower(name + first)); ok {
		return c.name
	}
	for _, c := range commandTable() {
		if nearWord(name, c.name) {
			return c.name
		}
	}
	return ""
}

// nearWord reports whether a and b differ by one letter changed, added,
// dropped, or two neighbours swapped.
func nearWord(a, b string) bool {
	if a == b || len(a) < 2 {
		return false
	}
	if len(a) == len(b) {
		diff := []int{}
		for i := range len(a) {
			if a[i] != b[i] {
				diff = append(diff, i)
			}
		}
		return len(diff) == 1 || len(diff) == 2 && diff[1] == diff[0]+1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]
	}
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a) != len(b)+1 {
		return false
	}
	for i := range len(b) {
		if a[i] != b[i] {
			return a[i+1:] == b[i:]
		}
	}
	return true
}

func findCommand(name string) (command, bool) {
	for _, c := range commandTable() {
		if c.name == name || c.alias == name {
			return c, true
		}
	}
	return command{}, false
}

// route sends a request to its handler: a button, a command, a step of the
// conversation, a one-line report, or a hint.
func (b *Bot) route(ctx context.Context, r *Request) error {
	switch {
	case r.Callback != nil:
		return b.onButton(ctx, r)
	case r.Command == "start" && r.Group:
		return b.reply(ctx, r, r.P.T("bot.private_only"))
	case r.Command == "start":
		return b.cmdStart(ctx, r)
	case r.Command != "" && !r.Group:
		if err := b.abandonForCommand(ctx, r); err != nil {
			return err
		}
		return b.onCommand(ctx, r)
	case r.Command != "":
		return b.onCommand(ctx, r)
	case r.Document != nil && !r.Group:
		return b.onDocument(ctx, r)
	case r.Group:
		return nil // a group's talk is not for the bot
	}
	conv, err := b.loadConversation(ctx, r.Chat)
	if err != nil {
		return err
	}
	if again, err := b.again(ctx, r, conv); again {
		return err
	}
	if b.stale(conv) {
		return b.restart(ctx, r)
	}
	if l, ok := b.findLine(r.Text); ok { // a report at any step is what it looks like
		return b.onLine(ctx, r, conv, l)
	}
	if h := textSteps[conv.Step]; h != nil && conv.Owner == r.From.ID {
		tb, ok, err := b.conversationBot(ctx, r, conv)
		if !ok {
			return err
		}
		if why := tb.refusal(ctx, r, conv); why != "" {
			return tb.refuseStep(ctx, r, why)
		}
		r.preface = tb.lateNote(r)
		return h(tb, ctx, r, conv)
	}
	if conv.Step != StepNone && conv.Owner == r.From.ID { // a step answered by its buttons
		return b.reply(ctx, r, r.P.T("bot.hint_buttons"))
	}
	return b.reply(ctx, r, r.P.T("bot.hint"))
}

func (b *Bot) onCommand(ctx context.Context, r *Request) error {
	c, ok := findCommand(r.Command)
	switch {
	case !ok && r.Group:
		return nil // perhaps another bot's
	case !ok:
		return b.reply(ctx, r, r.P.T("bot.unknown_command", "Command", render.Esc(r.Command), "Meant", meantCommand(r.Command, r.Args)))
	case c.private && r.Group:
		return b.reply(ctx, r, r.P.T("bot.private_only"))
	}
	if c.role != "" && !r.User.Has(c.role) {
		return b.reply(ctx, r, r.P.T("bot.not_allowed", "Role", r.P.T("role."+string(c.role))))
	}
	if c.role != "" && r.User.Reader { // a leader's command that writes (a silence)
		return b.reply(ctx, r, r.P.T("bot.city_reader"))
	}
	return c.handle(b, ctx, r)
}

// textSteps are the steps that wait for typed text.
var textSteps = map[Step]func(b *Bot, ctx context.Context, r *Request, c Conversation) error{
	StepFigure:    (*Bot).onFigure,
	StepConfirm:   (*Bot).onFigure,
	StepReason:    (*Bot).onReason,
	StepFixFigure: (*Bot).onFixFigure,
	StepFixReason: (*Bot).onFixReason,
}

type buttonHandler func(b *Bot, ctx context.Context, r *Request, c Conversation, arg string) error

// buttonSteps are, for each step, the buttons it shows and what they do; a
// button of another step is refused.
var buttonSteps = map[Step]map[Action]buttonHandler{
	StepPick:       {ActPick: (*Bot).onPick, ActCancel: (*Bot).onCancelButton},
	StepFigure:     {ActCancel: (*Bot).onCancelButton},
	StepConfirm:    {ActOK: (*Bot).onConfirm, ActReplace: (*Bot).onReplace, ActAgain: (*Bot).onAgain, ActCancel: (*Bot).onCancelButton},
	StepReason:     {ActAgain: (*Bot).onAgain, ActCancel: (*Bot).onCancelButton},
	StepFixPick:    {ActFix: (*Bot).onFixPick, ActCancel: (*Bot).onCancelButton},
	StepFixFigure:  {ActCancel: (*Bot).onCancelButton},
	StepFixReason:  {ActCancel: (*Bot).onCancelButton},
	StepInviteRole: {ActRole: (*Bot).onInviteRole, ActOpen: (*Bot).onRevokeList, ActCancel: (*Bot).onCancelButton},
	StepInviteUnit: {ActUnit: (*Bot).onInviteUnit, ActCancel: (*Bot).onCancelButton},
	StepUsers:      {ActPerson: (*Bot).onPerson, ActCancel: (*Bot).onCancelButton},
	StepUser: {ActToggle: (*Bot).onToggleRole, ActBlock: (*Bot).onBlock, ActSetUnit: (*Bot).onAskPersonUnit,
		ActUsersBack: (*Bot).onUsersBack, ActCancel: (*Bot).onCancelButton},
	StepUserUnit: {ActUnit: (*Bot).onPersonUnit, ActUsersBack: (*Bot).onUsersBack, ActCancel: (*Bot).onCancelButton},
	StepImport:   {ActOK: (*Bot).onImport, ActCancel: (*Bot).onCancelButton},
	StepPlan:     {ActOK: (*Bot).onApplyPlan, ActCancel: (*Bot).onCancelButton},
	StepRevoke:   {ActRevoke: (*Bot).onRevoke, ActCancel: (*Bot).onCancelButton},
}

// onButton checks a button press against the chat's conversation: a
// forged, foreign or old button changes nothing.
func (b *Bot) onButton(ctx context.Context, r *Request) error {
	cb, err := ParseCallback(r.Callback.Data)
	if err != nil {
		b.answerSoftly(ctx, r, r.P.T("bot.button_bad"))
		return nil
	}
	switch cb.Action {
	case ActTerm:
		return b.onTermButton(ctx, r, cb)
	case ActDraft:
		return b.onDraftButton(ctx, r, cb)
	}
	conv, err := b.loadConversation(ctx, r.Chat)
	if err != nil {
		return err
	}
	if again, err := b.again(ctx, r, conv); again {
		return err
	}
	h := buttonSteps[conv.Step][cb.Action]
	if h == nil || cb.Nonce != conv.Nonce || r.Message != conv.Message || conv.Owner == 0 {
		b.answerSoftly(ctx, r, r.P.T("bot.button_old"))
		return nil
	}
	if conv.Owner != r.From.ID {
		b.answerSoftly(ctx, r, r.P.T("bot.button_not_yours"))
		return nil
	}
	b.answerSoftly(ctx, r, "")
	tb, ok, err := b.conversationBot(ctx, r, conv)
	if !ok {
		return err
	}
	if why := tb.refusal(ctx, r, conv); why != "" {
		return tb.refuseStep(ctx, r, why)
	}
	if tb.stale(conv) {
		return tb.restart(ctx, r)
	}
	r.preface = tb.lateNote(r)
	return h(tb, ctx, r, conv, cb.Arg)
}

// stale reports whether a conversation of this bot's term speaks of an
// indicator the plan no longer has (the plan changed while it waited).
func (b *Bot) stale(c Conversation) bool {
	mine := c.Term == "" && b.term == nil || b.term != nil && c.Term == b.term.ID
	return mine && c.Indicator != "" && b.Plan.Indicator(c.Indicator) == nil
}

// restart ends a stale conversation and says to start again.
func (b *Bot) restart(ctx context.Context, r *Request) error {
	if err := b.endConversation(ctx, r.Chat); err != nil {
		return err
	}
	return b.reply(ctx, r, r.P.T("bot.button_old"))
}
