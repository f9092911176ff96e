package bot

import (
	"context"
	"regexp"
	"strings"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/store"
)

// lineCode is a one-line report as people type it: a code in any case and
// spacing, then ":" or "=" or a space, then the figure ("CT01.1: 8",
// "ct01.1 = 8", "CT 01.1: 8", "CT01.1 8"); a comma typed for the code's
// dot ("CT01,1: 3") is read as part of the code, to be asked about.
var lineCode = regexp.MustCompile(`^\s*([A-Za-z]{1,8}\s?\d[A-Za-z0-9._,-]*)(\s*[:=]\s*|\s+)(\S.*)$`)

// line is a one-line report found in a text.
type line struct {
	ind     *indicator.Indicator
	code    string // as typed
	figure  string
	marked  bool // written with ":" or "=": meant as a report even for an unknown code
	guessed bool // the code was typed without its numbers' leading zeros ("ct1.1")
}

// findLine reads text as a one-line report: ok when it names one of the
// plan's indicators, or is written as one ("XX: 8") with an unknown code.
func (b *Bot) findLine(text string) (line, bool) {
	m := lineCode.FindStringSubmatch(text)
	if m == nil {
		return line{}, false
	}
	l := line{code: strings.TrimSpace(m[1]), figure: m[3], marked: strings.TrimSpace(m[2]) != ""}
	l.ind, l.guessed = b.findCode(l.code)
	return l, l.ind != nil || l.marked
}

// findCode finds the indicator a typed code names: its code or one it had
// before, in any case and spacing; else the one code it can be without
// its numbers' leading zeros ("ct1.1" for CT01.1), guessed.
func (b *Bot) findCode(typed string) (ind *indicator.Indicator, guessed bool) {
	if ind := b.Plan.Find(typed); ind != nil {
		return ind, false
	}
	ind = indicator.Unpadded(typed, b.Plan.Indicators())
	return ind, ind != nil
}

// sayGuessed has the reply say how a guessed code was read; a figure
// reported with it is shown as understood before it is saved.
func (r *Request) sayGuessed(typed string, ind *indicator.Indicator) {
	r.preface, r.confirm = r.P.T("bot.code_guessed", "Typed", render.Esc(quote(typed)), "Code", render.Esc(ind.Code)), true
}

// onLine handles a one-line report typed at any step: the person's
// unfinished conversation ends with a word, and the report proceeds; an
// unknown code is answered with the codes nearest to it.
func (b *Bot) onLine(ctx context.Context, r *Request, conv Conversation, l line) error {
	if err := b.abandon(ctx, r, conv); err != nil {
		return err
	}
	if l.ind == nil {
		return b.reportLine(ctx, r, l.code, l.figure) // an ended term's code, or an unknown one
	}
	if l.guessed {
		r.sayGuessed(l.code, l.ind)
	} else if renamed(l.code, l.ind) {
		r.preface = r.P.T("bot.code_renamed", "Old", render.Esc(l.code), "New", render.Esc(l.ind.Code))
	}
	return b.reportLine(ctx, r, l.ind.Code, l.figure)
}

// abandon ends the person's unfinished conversation when they start
// something else, and says what was left.
func (b *Bot) abandon(ctx context.Context, r *Request, conv Conversation) error {
	if conv.Step == StepNone || conv.Owner != r.From.ID {
		return nil
	}
	b.dropButtons(ctx, r.Chat, conv.Message)
	if err := b.endConversation(ctx, r.Chat); err != nil {
		return err
	}
	switch conv.Step.family() {
	case "users": // each change was saved as it was pressed
		return b.reply(ctx, r, r.P.T("bot.users_done"))
	case "plan":
		return b.reply(ctx, r, r.P.T("bot.plan_left"))
	case "import":
		return b.reply(ctx, r, r.P.T("bot.import_left", "File", render.Esc(conv.FileName)))
	}
	if conv.Step == StepConfirm || conv.Step == StepReason { // a figure typed waits: it is named
		return b.reply(ctx, r, r.P.T("bot.abandoned_figure", "Code", render.Esc(conv.Indicator), "Text", render.Esc(conv.Text)))
	}
	what := r.P.T("bot.left."+conv.Step.family(), "Code", render.Esc(conv.Indicator))
	return b.reply(ctx, r, r.P.T("bot.abandoned", "What", what))
}

// abandonForCommand ends the person's unfinished conversation before a
// command other than /huy (which cancels it with its own word).
func (b *Bot) abandonForCommand(ctx context.Context, r *Request) error {
	if c, ok := findCommand(r.Command); !ok || c.name == "huy" {
		return nil
	}
	return b.abandonCurrent(ctx, r)
}

// abandonCurrent ends the person's unfinished conversation, if any, and
// says what was left.
func (b *Bot) abandonCurrent(ctx context.Context, r *Request) error {
	conv, err := b.loadConversation(ctx, r.Chat)
	if err != nil {
		return err
	}
	return b.abandon(ctx, r, conv)
}

// family names what a step belongs to, for "Đã bỏ … đang dở".
func (s Step) family() string {
	switch s {
	case StepPick:
		return "pick"
	case StepFigure, StepConfirm, StepReason:
		return "report"
	case StepFixPick, StepFixFigure, StepFixReason:
		return "fix"
	case StepInviteRole, StepInviteUnit:
		return "invite"
	case StepRevoke:
		return "revoke"
	case StepImport:
		return "import"
	case StepPlan:
		return "plan"
	}
	return "users"
}

// replyUnknownCode answers a code the plan does not have with the nearest
// codes the person may report (or, for anyone else, of the whole plan); a
// code written with a comma for its dot ("CT01,1") is asked about, with
// the line as it should be typed.
func (b *Bot) replyUnknownCode(ctx context.Context, r *Request, code, figure string) error {
	if ind := b.Plan.Find(strings.ReplaceAll(code, ",", ".")); ind != nil && strings.Contains(code, ",") {
		return b.reply(ctx, r, r.P.T("bot.code_comma", "Code", render.Esc(quote(code)), "Meant", render.Esc(ind.Code),
			"Figure", render.Esc(quote(strings.TrimSpace(figure)))))
	}
	among := b.Plan.Indicators()
	if r.User.Has(store.Reporter) && len(b.unitIndicators(r.User.Unit)) > 0 {
		among = b.unitIndicators(r.User.Unit)
	}
	var codes []string
	for _, ind := range indicator.Nearest(code, among, 5) {
		codes = append(codes, "<code>"+render.Esc(ind.Code)+"</code>")
	}
	return b.reply(ctx, r, r.P.T("bot.unknown_code", "Code", render.Esc(quote(code)), "Nearest", strings.Join(codes, ", ")))
}

// quote keeps at most about 60 letters of what was typed, for a message.
func quote(s string) string { return locales.Clip(s, 60) }

// renamed reports whether typed names ind by a code it had before, not
// its own (written in any case, with any spaces).
func renamed(typed string, ind *indicator.Indicator) bool {
	return !strings.EqualFold(strings.Join(strings.Fields(typed), ""), ind.Code)
}
