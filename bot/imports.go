package bot

import (
	"cmp"
	"context"
	"slices"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/sheets"
	"chitieu/store"
)

// The bounds of an import's preview: past maxPreviewParts messages it
// sums the new rows up per indicator, and it lists at most
// maxDoubtfulListed doubtful rows then.
const (
	maxPreviewParts   = 3
	maxDoubtfulListed = 100
)

// importAll is the argument of the button that imports the doubtful rows
// too.
const importAll = "all"

// checkDocument reads a figures file and sorts its rows against the
// figures saved: new, doubtful, known; each row against the figures of
// its own term (a late one of an ended term that still takes figures).
func (b *Bot) checkDocument(ctx context.Context, doc *tg.Document) (sheets.Checked, error) {
	late, err := b.lateBots(ctx)
	if err != nil {
		return sheets.Checked{}, err
	}
	rows, err := b.readDocument(ctx, doc, late)
	if err != nil {
		return sheets.Checked{}, err
	}
	var out sheets.Checked
	for plan, rs := range sheets.ByPlan(rows) {
		tb := b.botOf(plan, late)
		saved, err := tb.Store.Figures.All(ctx, sheets.Codes(rs), plan.Span())
		if err != nil {
			return sheets.Checked{}, unavailable(err)
		}
		c := sheets.Check(rs, saved, b.today())
		out.New, out.Doubtful, out.Known = append(out.New, c.New...), append(out.Doubtful, c.Doubtful...), append(out.Known, c.Known...)
	}
	return out, nil
}

// lateBots are the bots of the ended terms that still take figures, but
// the current one.
func (b *Bot) lateBots(ctx context.Context) ([]*Bot, error) {
	open, err := b.Store.OpenTerms(ctx)
	if err != nil {
		return nil, unavailable(err)
	}
	var out []*Bot
	for _, t := range open {
		if t.ID == b.Store.Term().ID {
			continue
		}
		tb, err := b.openTerm(ctx, t)
		if err != nil {
			return nil, err
		}
		out = append(out, tb)
	}
	return out, nil
}

// botOf is the bot whose plan is plan: this one, or a late term's.
func (b *Bot) botOf(plan *indicator.Plan, late []*Bot) *Bot {
	for _, tb := range late {
		if tb.Plan == plan {
			return tb
		}
	}
	return b
}

// previewImport shows what importing a file would do, in as many messages
// as it takes, the buttons on the last: import the new rows, import the
// doubtful ones too, or cancel.
func (b *Bot) previewImport(ctx context.Context, r *Request, c Conversation, checked sheets.Checked) error {
	var buttons []tg.InlineKeyboardButton
	if n := len(checked.New); n > 0 {
		buttons = append(buttons, button(c, r.P.T("btn.import_new", "Count", n), ActOK, ""))
	}
	if n := len(checked.Doubtful); n > 0 {
		buttons = append(buttons, button(c, r.P.T("btn.import_all", "Count", n), ActOK, importAll))
	}
	buttons = append(buttons, button(c, r.P.T("btn.cancel"), ActCancel, ""))
	parts := render.Split(b.importPreview(r.P, c.FileName, checked), maxMessage)
	for _, part := range parts[:len(parts)-1] {
		if _, err := b.send(ctx, r.Chat, r.prefaced(part), nil); err != nil {
			return err
		}
	}
	return b.startConversation(ctx, r, c, parts[len(parts)-1], keyboard(1, buttons...))
}

// importPreview says what importing a file would do: how many rows are
// new, doubtful and saved already; every new row by indicator, with its
// day and its value as understood (or, past maxPreviewParts messages,
// how many per indicator and their days); the doubtful rows apart, each
// with why.
func (b *Bot) importPreview(p *locales.Printer, name string, c sheets.Checked) string {
	rows := len(c.New) + len(c.Doubtful) + len(c.Known)
	head := []string{p.T("bot.import_preview", "File", render.Esc(name), "Rows", rows, "Indicators", len(sheets.Codes(allRows(c))))}
	for _, n := range []struct {
		id    string
		count int
	}{{"bot.import_new", len(c.New)}, {"bot.import_doubtful", len(c.Doubtful)}, {"bot.import_known", len(c.Known)}} {
		if n.count > 0 {
			head = append(head, "• "+p.T(n.id, "Count", n.count))
		}
	}
	full := sections(head, b.newRows(p, c.New, false), doubtfulRows(p, c.Doubtful, len(c.Doubtful)))
	if len(render.Split(full, maxMessage)) <= maxPreviewParts {
		return full
	}
	return sections(head, b.newRows(p, c.New, true), doubtfulRows(p, c.Doubtful, maxDoubtfulListed))
}

// sections joins a message's head and its sections that are not empty,
// a blank line between them.
func sections(head []string, parts ...string) string {
	ls := head
	for _, s := range parts {
		if s != "" {
			ls = append(ls, "", s)
		}
	}
	return render.Lines(ls...)
}

// allRows is every row of a checked file.
func allRows(c sheets.Checked) []sheets.Row {
	out := slices.Concat(c.New, c.Known)
	for _, d := range c.Doubtful {
		out = append(out, d.Row)
	}
	return out
}

// newRows lists the new rows under their indicator, in the plan's order,
// each indicator's by day: every row, or (sum) how many and their days.
func (b *Bot) newRows(p *locales.Printer, rows []sheets.Row, sum bool) string {
	if len(rows) == 0 {
		return ""
	}
	byInd := map[*indicator.Indicator][]sheets.Row{}
	for _, r := range rows {
		byInd[r.Indicator] = append(byInd[r.Indicator], r)
	}
	ls := []string{p.T("bot.import_new_title")}
	for _, ind := range rowIndicators(b.Plan, rows) {
		rs := byInd[ind]
		if len(rs) == 0 {
			continue
		}
		slices.SortStableFunc(rs, func(a, b sheets.Row) int { return cmp.Compare(a.Figure.Date, b.Figure.Date) })
		if sum {
			ls = append(ls, p.T("bot.import_summary", "Code", render.Esc(ind.Code), "Name", render.Esc(ind.Name), "Count", len(rs),
				"From", render.Date(rs[0].Figure.Date), "To", render.Date(rs[len(rs)-1].Figure.Date)))
			continue
		}
		ls = append(ls, "<b>"+render.Esc(ind.Code)+"</b> "+render.Esc(ind.Name))
		for _, r := range rs {
			ls = append(ls, p.T("bot.import_row", "Date", render.Date(r.Figure.Date), "Value", render.Esc(render.Value(ind, r.Figure.Value)),
				"Note", render.Esc(quote(r.Figure.Note))))
		}
	}
	return render.Lines(ls...)
}

// doubtfulRows lists the doubtful rows, each with why: at most limit, and
// how many more.
func doubtfulRows(p *locales.Printer, rows []sheets.Doubtful, limit int) string {
	if len(rows) == 0 {
		return ""
	}
	ls := []string{p.T("bot.import_doubtful_title")}
	for _, d := range rows[:min(limit, len(rows))] {
		ls = append(ls, "• "+render.Esc(d.Message(p)))
	}
	if more := len(rows) - limit; more > 0 {
		ls = append(ls, p.T("bot.import_doubtful_more", "Count", more))
	}
	return render.Lines(ls...)
}

// onImport adds the confirmed file's new figures, all at once, and its
// doubtful ones too when that was the button pressed. The file is read
// and checked again: what was saved since is not added twice.
func (b *Bot) onImport(ctx context.Context, r *Request, c Conversation, arg string) error {
	b.dropButtons(ctx, r.Chat, c.Message)
	checked, err := b.checkDocument(ctx, &tg.Document{FileID: c.File, FileName: c.FileName})
	if err != nil {
		b.endConversation(ctx, r.Chat)
		return b.refuseFile(ctx, r, c.FileName, err)
	}
	take, skipped := checked.New, len(checked.Doubtful)
	if arg == importAll {
		for _, d := range checked.Doubtful {
			take = append(take, d.Row)
		}
		skipped = 0
	}
	late, err := b.lateBots(ctx)
	if err != nil {
		return err
	}
	added := 0
	for plan, rows := range sheets.ByPlan(take) { // each row into its own term
		n, err := b.botOf(plan, late).Store.Figures.Import(ctx, r.User.ID, newFigures(rows, "import:"+c.FileName))
		if err != nil {
			return unavailable(err)
		}
		added += n
	}
	if err := b.endConversation(ctx, r.Chat); err != nil {
		return err
	}
	rows := len(checked.New) + len(checked.Doubtful) + len(checked.Known)
	if added == 0 && skipped == 0 {
		return b.reply(ctx, r, r.P.T("bot.import_nothing_new", "File", render.Esc(c.FileName), "Known", rows))
	}
	return b.reply(ctx, r, r.P.T("bot.imported", "File", render.Esc(c.FileName), "Added", added,
		"Doubtful", len(checked.Doubtful)-skipped, "Skipped", skipped, "Known", rows-added-skipped))
}

// newFigures are a file's rows as figures to save, by the one who sent it.
func newFigures(rows []sheets.Row, source string) []store.NewFigure {
	out := make([]store.NewFigure, len(rows))
	for i, row := range rows {
		out[i] = store.NewFigure{Indicator: row.Indicator.Code, Date: row.Figure.Date, Value: row.Figure.Value, Text: row.Text,
			Note: row.Figure.Note, Source: source, Key: row.Key}
	}
	return out
}

// rowIndicators are the indicators of the rows, in the plan's order, then
// those of another term's plan (late rows) in theirs.
func rowIndicators(plan *indicator.Plan, rows []sheets.Row) []*indicator.Indicator {
	out := plan.Indicators()
	seen := map[*indicator.Plan]bool{plan: true}
	for _, r := range rows {
		if r.Plan != nil && !seen[r.Plan] {
			seen[r.Plan] = true
			out = append(out, r.Plan.Indicators()...)
		}
	}
	return out
}
