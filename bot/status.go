package bot

import (
	"context"
	"fmt"
	"math"
	"strings"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
)

// maxMessage is how long one message may be; Telegram's limit is 4096.
const maxMessage = 4000

// sendLong sends text in as many messages as it needs, cut between lines.
func (b *Bot) sendLong(ctx context.Context, r *Request, text string) error {
	for _, part := range render.Split(text, maxMessage) {
		if err := b.reply(ctx, r, part); err != nil {
			return err
		}
	}
	return nil
}

// sendLongWith is sendLong with buttons on its last message.
func (b *Bot) sendLongWith(ctx context.Context, r *Request, text string, kb *tg.InlineKeyboardMarkup) error {
	parts := render.Split(text, maxMessage)
	for i, part := range parts {
		var with *tg.InlineKeyboardMarkup
		if i == len(parts)-1 {
			with = kb
		}
		if _, err := b.send(ctx, r.Chat, part, with); err != nil {
			return err
		}
	}
	return nil
}

// cmdList lists every indicator's status by program, or one program's, in
// the current term or the finished one its arguments name.
func (b *Bot) cmdList(ctx context.Context, r *Request) error { return b.inTerm(ctx, r, (*Bot).list) }

// cmdShow tells everything about one indicator, in the current term or
// the finished one its arguments name.
func (b *Bot) cmdShow(ctx context.Context, r *Request) error { return b.inTerm(ctx, r, (*Bot).show) }

// list lists every indicator's status by program, or one program's; the
// current term's list has a button to each finished term.
func (b *Bot) list(ctx context.Context, r *Request) error {
	evals, err := b.evaluateAll(ctx)
	if err != nil {
		return err
	}
	program := strings.ToUpper(strings.TrimSpace(r.Args))
	if program != "" {
		evals = indicator.OfProgram(evals, program)
		if len(evals) == 0 {
			return b.reply(ctx, r, r.P.T("bot.no_such_program", "Code", render.Esc(program)))
		}
	}
	ls := []string{r.P.T("bot.list_title", "Date", render.Date(b.today())), render.Counts(r.P, evals)}
	if h := b.termHeading(r); h != "" {
		ls = append([]string{h}, ls...)
	}
	current := ""
	for _, e := range evals {
		if e.Indicator.Program != current {
			current = e.Indicator.Program
			ls = append(ls, "", "<b>"+render.Esc(current)+"</b>")
		}
		ls = append(ls, render.StatusLine(r.P, e))
	}
	kb, err := b.termButtons(ctx, r)
	if err != nil {
		return err
	}
	if err := b.sendLongWith(ctx, r, render.Lines(ls...), kb); err != nil || program == "" {
		return err
	}
	return b.sendProgramChart(ctx, r, program, evals)
}

// show tells everything about one indicator.
func (b *Bot) show(ctx context.Context, r *Request) error {
	ind, guessed := b.findCode(r.Args)
	if r.Args == "" {
		return b.reply(ctx, r, r.P.T("bot.show_usage"))
	}
	if ind == nil {
		return b.replyUnknownCode(ctx, r, r.Args, "")
	}
	figs, err := b.figures(ctx, ind)
	if err != nil {
		return err
	}
	domain := indicator.FiguresOf(figs)
	e := indicator.Evaluate(ind, domain, b.today())
	text := b.showText(r, e, figs)
	if guessed {
		text = r.P.T("bot.code_guessed", "Typed", render.Esc(quote(strings.TrimSpace(r.Args))), "Code", render.Esc(ind.Code)) + "\n" + text
	} else if renamed(r.Args, ind) {
		text = r.P.T("bot.code_renamed_show", "Old", render.Esc(strings.TrimSpace(r.Args)), "New", render.Esc(ind.Code)) + "\n" + text
	}
	if err := b.sendLong(ctx, r, text); err != nil {
		return err
	}
	return b.sendChart(ctx, r, e, domain)
}

func (b *Bot) showText(r *Request, e indicator.Evaluation, figs []indicator.Record) string {
	p, ind := r.P, e.Indicator
	ls := []string{b.indicatorHeader(p, e),
		p.T("bot.show_target", "Target", render.Esc(render.Target(p, e)),
			"Window", p.T("window."+ind.Window.String()), "From", render.Date(e.Window.From), "To", render.Date(e.End)),
		p.T("bot.show_trajectory", "Trajectory", p.T("trajectory."+ind.Trajectory.String()),
			"ExpectedToday", render.Esc(render.Value(ind, e.ExpectedToday)), "End", render.Date(e.End),
			"Forecast", render.Esc(render.Value(ind, e.Forecast)), "Ended", e.Ended),
	}
	ls = append(ls[:2], append(revisionLines(p, e), ls[2:]...)...)
	if e.AsOf != 0 {
		ls = append(ls, p.T("bot.show_as_of", "Date", render.Date(e.AsOf), "Actual", render.Esc(render.Value(ind, e.Actual)),
			"Expected", expectedText(e)))
	}
	ls = append(ls, p.T("bot.show_owner", "Owner", render.Esc(b.unitName(ind.Owner)), "Every", p.T("every."+ind.Report.Every.String()), "Due", render.DueRule(p, ind.Report)))
	if pace := render.Pace(p, e); pace != "" {
		ls = append(ls, pace)
	}
	if ind.Note != "" {
		ls = append(ls, p.T("bot.show_note", "Note", render.Esc(ind.Note), "Revised", ind.Revision != nil))
	}
	if e.Figures == 0 {
		ls = append(ls, "", p.T("bot.show_no_figures"))
	} else {
		ls = append(ls, "", p.T("bot.show_figures", "Count", e.Figures))
	}
	for _, f := range inWindow(figs, e.Window) {
		ls = append(ls, b.figureLine(p, ind, f))
	}
	if h := b.termHeading(r); h != "" {
		ls = append([]string{h}, ls...)
	}
	return render.Lines(ls...)
}

// inWindow keeps the latest figures of the window, newest first, at most 12.
func inWindow(figs []indicator.Record, w indicator.Period) []indicator.Record {
	var out []indicator.Record
	for i := len(figs) - 1; i >= 0 && len(out) < 12; i-- {
		if w.Contains(figs[i].Date) {
			out = append(out, figs[i])
		}
	}
	return out
}

// figureLine is one saved figure with its corrections.
func (b *Bot) figureLine(p *locales.Printer, ind *indicator.Indicator, f indicator.Record) string {
	line := fmt.Sprintf("• %s: <b>%s</b>", render.Date(f.Date), render.Esc(render.Value(ind, f.Value)))
	if note := render.Name(f.Note); note != "" { // a note from a file, or kept before notes were cleaned
		line += " — <i>" + render.Esc(note) + "</i>"
	}
	for _, h := range f.History {
		line += "\n   " + p.T("bot.corrected", "Old", render.Esc(render.Value(ind, h.Value)), "Date", render.Date(indicator.DateOf(h.ReplacedAt.In(b.Plan.Location))),
			"Reason", render.Esc(render.Name(h.Reason)))
	}
	return line
}

// cmdDigest sends the leaders' digest as it stands now.
func (b *Bot) cmdDigest(ctx context.Context, r *Request) error {
	if b.Digest == nil {
		return b.reply(ctx, r, r.P.T("bot.no_digest"))
	}
	text, err := b.Digest(ctx, r.P.Lang())
	if err != nil {
		return unavailable(err)
	}
	return b.sendLong(ctx, r, text)
}

// expectedText is the trajectory's value on the day the figures are
// judged, "" when nothing was expected then (judged only at its end).
func expectedText(e indicator.Evaluation) string {
	if math.IsNaN(e.Expected) {
		return ""
	}
	return render.Esc(render.Value(e.Indicator, e.Expected))
}
