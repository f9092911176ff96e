package bot

import (
	"context"
	"fmt"
	"strings"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/store"
)

// maxMessage is how long one message may be; Telegram's limit is 4096.
const maxMessage = 4000

// sendLong sends text in as many messages as it needs, cut between lines.
func (b *Bot) sendLong(ctx context.Context, r *Request, text string) error {
	for _, part := range splitLines(text, maxMessage) {
		if err := b.reply(ctx, r, part); err != nil {
			return err
		}
	}
	return nil
}

// splitLines cuts text into parts of at most n bytes, between lines (a
// single longer line is cut where it must be).
func splitLines(text string, n int) []string {
	var parts []string
	var cur strings.Builder
	for _, line := range strings.Split(text, "\n") {
		for len(line) > n {
			parts = append(parts, line[:n])
			line = line[n:]
		}
		if cur.Len()+len(line)+1 > n && cur.Len() > 0 {
			parts = append(parts, strings.TrimRight(cur.String(), "\n"))
			cur.Reset()
		}
		cur.WriteString(line + "\n")
	}
	if s := strings.TrimRight(cur.String(), "\n"); s != "" {
		parts = append(parts, s)
	}
	return parts
}

// cmdList lists every indicator's status by program, or one program's.
func (b *Bot) cmdList(ctx context.Context, r *Request) error {
	evals, err := b.evaluateAll(ctx)
	if err != nil {
		return err
	}
	program := strings.ToUpper(strings.TrimSpace(r.Args))
	if program != "" {
		evals = ofProgram(evals, program)
		if len(evals) == 0 {
			return b.reply(ctx, r, r.P.T("bot.no_such_program", "Code", esc(program)))
		}
	}
	ls := []string{r.P.T("bot.list_title", "Date", formatDate(b.today())), counts(r.P, evals)}
	current := ""
	for _, e := range evals {
		if e.Indicator.Program != current {
			current = e.Indicator.Program
			ls = append(ls, "", "<b>"+esc(current)+"</b>")
		}
		ls = append(ls, statusLine(r.P, e))
	}
	return b.sendLong(ctx, r, lines(ls...))
}

func ofProgram(evals []indicator.Evaluation, program string) []indicator.Evaluation {
	var out []indicator.Evaluation
	for _, e := range evals {
		if e.Indicator.Program == program {
			out = append(out, e)
		}
	}
	return out
}

// counts writes how many indicators stand at each status.
func counts(p *locales.Printer, evals []indicator.Evaluation) string {
	n := map[indicator.Status]int{}
	overdue := 0
	for _, e := range evals {
		n[e.Status]++
		if e.Overdue {
			overdue++
		}
	}
	var parts []string
	for s := indicator.Achieved; s <= indicator.OffTrack; s++ {
		if n[s] > 0 {
			parts = append(parts, fmt.Sprintf("%s %s %d", marks[s], p.T("status."+s.String()), n[s]))
		}
	}
	if overdue > 0 {
		parts = append(parts, fmt.Sprintf("⏰ %s %d", p.T("status.overdue"), overdue))
	}
	return strings.Join(parts, " · ")
}

// cmdShow tells everything about one indicator.
func (b *Bot) cmdShow(ctx context.Context, r *Request) error {
	ind := b.Plan.Indicator(strings.TrimSpace(r.Args))
	if r.Args == "" {
		return b.reply(ctx, r, r.P.T("bot.show_usage"))
	}
	if ind == nil {
		return b.reply(ctx, r, r.P.T("bot.no_such_indicator"))
	}
	figs, err := b.figures(ctx, ind)
	if err != nil {
		return err
	}
	e := indicator.Evaluate(ind, store.Domain(figs), b.today())
	return b.sendLong(ctx, r, b.showText(r.P, e, figs))
}

func (b *Bot) showText(p *locales.Printer, e indicator.Evaluation, figs []store.Figure) string {
	ind := e.Indicator
	ls := []string{b.indicatorHeader(p, e),
		p.T("bot.show_target", "Op", esc(ind.Target.Op.String()), "Target", esc(value(ind, e.Target)),
			"Window", p.T("window."+ind.Window.String()), "From", formatDate(e.Window.From), "To", formatDate(e.Window.To)),
		p.T("bot.show_trajectory", "Trajectory", p.T("trajectory."+ind.Trajectory.String()), "Expected", esc(value(ind, e.Expected)),
			"Forecast", esc(value(ind, e.Forecast))),
		p.T("bot.show_owner", "Owner", esc(b.unitName(ind.Owner)), "Every", p.T("every."+ind.Report.Every.String()), "Due", ind.Report.DueDay),
	}
	if pace := paceText(p, e); pace != "" {
		ls = append(ls, pace)
	}
	if ind.Note != "" {
		ls = append(ls, "<i>"+esc(ind.Note)+"</i>")
	}
	ls = append(ls, "", p.T("bot.show_figures", "Count", e.Figures))
	for _, f := range inWindow(figs, e.Window) {
		ls = append(ls, b.figureLine(p, ind, f))
	}
	return lines(ls...)
}

// inWindow keeps the latest figures of the window, newest first, at most 12.
func inWindow(figs []store.Figure, w indicator.Period) []store.Figure {
	var out []store.Figure
	for i := len(figs) - 1; i >= 0 && len(out) < 12; i-- {
		if w.Contains(figs[i].Date) {
			out = append(out, figs[i])
		}
	}
	return out
}

// figureLine is one saved figure with its corrections.
func (b *Bot) figureLine(p *locales.Printer, ind *indicator.Indicator, f store.Figure) string {
	line := fmt.Sprintf("• %s: <b>%s</b>", formatDate(f.Date), esc(value(ind, f.Value)))
	if f.Note != "" {
		line += " — <i>" + esc(f.Note) + "</i>"
	}
	for _, h := range f.History {
		line += "\n   " + p.T("bot.corrected", "Old", esc(value(ind, h.Value)), "Date", formatDate(indicator.DateOf(h.ReplacedAt.In(b.Plan.Location))),
			"Reason", esc(h.Reason))
	}
	return line
}

// cmdDigest sums up the plan: per program the counts by status, then
// every indicator off track or overdue with its pace.
func (b *Bot) cmdDigest(ctx context.Context, r *Request) error {
	evals, err := b.evaluateAll(ctx)
	if err != nil {
		return err
	}
	ls := []string{r.P.T("bot.digest_title", "Date", formatDate(b.today())), counts(r.P, evals)}
	for _, prog := range b.Plan.Programs {
		ls = append(ls, fmt.Sprintf("<b>%s</b>: %s", esc(prog.Code), counts(r.P, ofProgram(evals, prog.Code))))
	}
	var behind []string
	for _, e := range evals {
		if e.Status == indicator.OffTrack || e.Status == indicator.Missed || e.Overdue {
			line := statusLine(r.P, e)
			if pace := paceText(r.P, e); pace != "" {
				line += "\n   " + pace
			}
			behind = append(behind, line)
		}
	}
	if len(behind) > 0 {
		ls = append(ls, "", r.P.T("bot.digest_behind"))
		ls = append(ls, behind...)
	}
	return b.sendLong(ctx, r, lines(ls...))
}
