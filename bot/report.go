package bot

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/store"
)

// cmdReport starts a report: "/baocao CODE FIGURE" in one line, or the
// choice of one of the unit's indicators.
func (b *Bot) cmdReport(ctx context.Context, r *Request) error {
	if r.Args != "" {
		return b.reportArgs(ctx, r)
	}
	inds := b.unitIndicators(r.User.Unit)
	if r.User.Unit == "" {
		return b.reply(ctx, r, r.P.T("bot.no_unit"))
	}
	if len(inds) == 0 {
		return b.replyNoIndicators(ctx, r)
	}
	conv := Conversation{Step: StepPick, Nonce: newNonce()}
	text, kb, err := b.pickMessage(ctx, r, conv, inds)
	if err != nil {
		return err
	}
	return b.startConversation(ctx, r, conv, text, kb)
}

// reportArgs is "/baocao CODE FIGURE" in one line, or "/baocao CODE",
// which asks for the figure.
func (b *Bot) reportArgs(ctx context.Context, r *Request) error {
	args := strings.TrimSpace(r.Args)
	if l, _ := b.findLine(args); l.ind != nil {
		if l.guessed {
			r.sayGuessed(l.code, l.ind)
		}
		return b.reportLine(ctx, r, l.ind.Code, l.figure)
	} else if l.code != "" {
		return b.reportLine(ctx, r, l.code, l.figure) // a code the plan lacks: an ended term's, or unknown
	}
	if strings.Contains(args, " ") {
		return b.reply(ctx, r, r.P.T("bot.report_usage"))
	}
	cur, guessed := b.findCode(args)
	if guessed {
		r.sayGuessed(args, cur)
	}
	tb, ind, err := b.routeReport(ctx, r, args, cur)
	switch {
	case err != nil:
		return err
	case ind == nil:
		return b.replyUnknownCode(ctx, r, args, "")
	}
	return tb.askFor(ctx, r, Conversation{Nonce: newNonce()}, ind, false)
}

// startConversation sends the conversation's first message and keeps it.
func (b *Bot) startConversation(ctx context.Context, r *Request, c Conversation, text string, kb *tg.InlineKeyboardMarkup) error {
	id, err := b.send(ctx, r.Chat, r.prefaced(text), kb)
	if err != nil {
		return err
	}
	if c.Owner == 0 {
		c.Owner = r.From.ID
	}
	c.Message = id
	return b.saveConversation(ctx, r.Chat, c)
}

func (b *Bot) unitIndicators(unit string) []*indicator.Indicator {
	var out []*indicator.Indicator
	for _, ind := range b.Plan.Indicators() {
		if ind.Owner == unit {
			out = append(out, ind)
		}
	}
	return out
}

// pickMessage lists the unit's indicators by program, each with the period
// its next figure is for, and a button each.
func (b *Bot) pickMessage(ctx context.Context, r *Request, c Conversation, inds []*indicator.Indicator) (string, *tg.InlineKeyboardMarkup, error) {
	codes := make([]string, len(inds))
	for i, ind := range inds {
		codes[i] = ind.Code
	}
	all, err := b.Store.Figures.All(ctx, codes, b.Plan.Span()) // one round trip for the unit
	if err != nil {
		return "", nil, unavailable(err)
	}
	ls := []string{r.P.T("bot.pick")}
	var buttons []tg.InlineKeyboardButton
	program := ""
	for _, ind := range inds {
		e := indicator.Evaluate(ind, indicator.FiguresOf(all[ind.Code]), b.today())
		if ind.Program != program {
			program = ind.Program
			ls = append(ls, "", "<b>"+render.Esc(program)+"</b>")
		}
		_, per, _ := e.ReportDay(b.today())
		name := render.Period(r.P, ind.Report.Every, per)
		ls = append(ls, fmt.Sprintf("%s <b>%s</b> %s — %s", render.Marks[e.Status], render.Esc(ind.Code), render.Esc(ind.Name), name))
		buttons = append(buttons, button(c, ind.Code+" · "+name, ActPick, ind.Code))
	}
	buttons = append(buttons, button(c, r.P.T("btn.cancel"), ActCancel, ""))
	return render.Lines(ls...), keyboard(2, buttons...), nil
}

// reports reports whether a person reports the indicator's figures: a
// reporter of its unit.
func reports(u store.User, ind *indicator.Indicator) bool {
	return ind != nil && u.Has(store.Reporter) && ind.Owner == u.Unit
}

// mayReport checks that the person reports for the indicator's unit.
func (b *Bot) mayReport(ctx context.Context, r *Request, ind *indicator.Indicator) (bool, error) {
	switch {
	case reports(*r.User, ind):
		return true, nil
	case ind == nil:
		return false, b.reply(ctx, r, r.P.T("bot.no_such_indicator"))
	case !r.User.Has(store.Reporter):
		return false, b.reply(ctx, r, r.P.T("bot.not_allowed", "Role", r.P.T("role."+string(store.Reporter))))
	case r.User.Unit == "":
		return false, b.reply(ctx, r, r.P.T("bot.no_unit"))
	case !b.knownUnit(r.User.Unit):
		return false, b.replyNoIndicators(ctx, r)
	}
	return false, b.reply(ctx, r, r.P.T("bot.not_your_unit", "Code", render.Esc(ind.Code),
		"Owner", render.Esc(b.unitName(ind.Owner)), "Unit", render.Esc(b.unitName(r.User.Unit))))
}

// onPick asks for the figure of the chosen indicator.
func (b *Bot) onPick(ctx context.Context, r *Request, c Conversation, code string) error {
	return b.askFor(ctx, r, c, b.Plan.Indicator(code), true)
}

// askFor asks for the figure of an indicator: in the conversation's own
// message (edit), or in a new one.
func (b *Bot) askFor(ctx context.Context, r *Request, c Conversation, ind *indicator.Indicator, edit bool) error {
	if ok, err := b.mayReport(ctx, r, ind); !ok {
		return err
	}
	e, err := b.evaluate(ctx, ind)
	if err != nil {
		return err
	}
	day, per, _ := e.ReportDay(b.today())
	if ind.By != 0 && day > ind.By {
		return b.replyAfterDeadline(ctx, r, ind)
	}
	c.Step, c.Indicator, c.Date, c.Term = StepFigure, ind.Code, day, b.termID()
	text := render.Lines(b.indicatorHeader(r.P, e), r.P.T("bot.period", "Period", render.Period(r.P, ind.Report.Every, per)), "",
		b.askFigure(r.P, ind))
	kb := keyboard(1, button(c, r.P.T("btn.cancel"), ActCancel, ""))
	if !edit {
		return b.startConversation(ctx, r, c, text, kb)
	}
	if err := b.edit(ctx, r.Chat, c.Message, text, kb); err != nil {
		return err
	}
	return b.saveConversation(ctx, r.Chat, c)
}

// indicatorHeader names an indicator with its target and where it stands.
func (b *Bot) indicatorHeader(p *locales.Printer, e indicator.Evaluation) string {
	ind := e.Indicator
	return render.Lines(fmt.Sprintf("<b>%s</b> %s", render.Esc(ind.Code), render.Esc(ind.Name)), render.StatusLine(p, e))
}

// askFigure says what to type: an increment, a level, or a name on a list.
func (b *Bot) askFigure(p *locales.Printer, ind *indicator.Indicator) string {
	switch {
	case ind.Choices() != nil:
		return p.T("bot.ask_choice", "Choices", render.Esc(strings.Join(ind.Choices(), "; ")))
	case ind.Increments():
		return p.T("bot.ask_count", "Unit", render.Esc(ind.Unit()))
	}
	return p.T("bot.ask_level", "Unit", render.Esc(ind.Unit()))
}

// onFigure reads a typed figure and asks to confirm it as understood; a
// fraction of a whole count is asked again.
func (b *Bot) onFigure(ctx context.Context, r *Request, c Conversation) error {
	ind := b.Plan.Indicator(c.Indicator)
	reading, err := locales.ReadFigure(r.Text, ind)
	if err != nil {
		return b.replyFigureError(ctx, r, err)
	}
	v, now, err := b.standingToday(ctx, r, ind)
	if err != nil {
		return err
	}
	c.Text, c.Value, c.Key = r.Text, reading.Value, fmt.Sprintf("tg:%d:%s", r.Chat, c.Nonce)
	c.Figure, c.Version = 0, 0
	doubts, earlier := b.check(r, c, reading, now, v.mine)
	if slices.Contains(doubts, indicator.FractionOfWhole) {
		return b.replyFraction(ctx, r, ind, r.Text)
	}
	return b.askConfirm(ctx, r, b.withEarlier(c, earlier), ind, b.secondLook(r, c, doubts, now, earlier))
}

// check is the checks a figure c typed in the chat meets (the same as a
// file's rows): its doubts, and the person's figure it would be the second
// of today, for a count.
func (b *Bot) check(r *Request, c Conversation, reading locales.Reading, now indicator.Evaluation, mine []indicator.Record) ([]indicator.Doubt, *indicator.Record) {
	ind := now.Indicator
	a := indicator.Arrival{Figure: indicator.Figure{Date: c.Date, Value: c.Value}, Today: b.today(), Converted: reading.Converted}
	earlier := b.sameToday(r, ind, c, mine)
	if earlier != nil {
		a.Earlier = &indicator.FiguresOf([]indicator.Record{*earlier})[0]
	}
	doubts := ind.Check(a, now)
	if !slices.Contains(doubts, indicator.SameDay) {
		earlier = nil // a level saved again changes nothing
	}
	return doubts, earlier
}

// withEarlier is c asking whether its figure adds to earlier, or replaces
// it (a correction of that figure's version).
func (b *Bot) withEarlier(c Conversation, earlier *indicator.Record) Conversation {
	if earlier != nil {
		c.Figure, c.Version = earlier.ID, earlier.Version
	}
	return c
}

// secondLook says why a figure deserves a second look before it is
// saved, or "": each doubt, and, when the same person reported the same
// count for the same period earlier today, the question whether it adds
// to that figure or replaces it.
func (b *Bot) secondLook(r *Request, c Conversation, doubts []indicator.Doubt, now indicator.Evaluation, earlier *indicator.Record) string {
	ind := now.Indicator
	var ls []string
	for _, d := range doubts {
		if d != indicator.SameDay {
			ls = append(ls, doubtNote(r.P, d, now, c.Value))
		}
	}
	if earlier != nil {
		ls = append(ls, r.P.T("bot.same_today", "Earlier", render.Esc(render.Value(ind, earlier.Value)), "At", b.clock(earlier.At),
			"Sum", render.Esc(render.Value(ind, earlier.Value+c.Value))))
	}
	return render.Lines(ls...)
}

// doubtNote is the chat's word on a doubt about value v, given where the
// indicator stands (e).
func doubtNote(p *locales.Printer, d indicator.Doubt, e indicator.Evaluation, v float64) string {
	ind := e.Indicator
	var meant string
	if m, ok := ind.Meant(v); ok {
		meant = render.Value(ind, m)
	}
	return p.T("figure.doubt_"+d.String(), "Target", render.Esc(render.Goal(ind, ind.DoubtTarget(e))),
		"Actual", render.Esc(render.Value(ind, e.Actual)), "Value", render.Esc(render.Value(ind, v)), "Unit", render.Esc(ind.Unit()),
		"Meant", render.Esc(meant))
}

// sameToday finds the latest figure of the indicator the same person
// saved today (mine: what they saved today, newest first) for the same
// period, or nil; the figure this very message saved (its update handled
// again) is not another.
func (b *Bot) sameToday(r *Request, ind *indicator.Indicator, c Conversation, mine []indicator.Record) *indicator.Record {
	per := ind.Report.PeriodOf(c.Date)
	for i, f := range mine {
		if f.Key != c.Key && f.By == r.User.ID && ind.Report.PeriodOf(f.Date) == per &&
			(f.Indicator == ind.Code || slices.Contains(ind.Formerly, f.Indicator)) &&
			indicator.DateOf(f.At.In(b.Plan.Location)) == b.today() {
			return &mine[i]
		}
	}
	return nil
}

// standingToday reads what judging a report of ind needs and judges where the
// indicator stands today, before the figure.
func (b *Bot) standingToday(ctx context.Context, r *Request, ind *indicator.Indicator) (view, indicator.Evaluation, error) {
	v, err := b.view(ctx, ind, b.sameTodayOf(r, ind))
	if err != nil {
		return v, indicator.Evaluation{}, err
	}
	now, err := b.judge(ctx, ind, v, b.today())
	return v, now, err
}

// sameTodayOf is the person whose figures of today a report of ind is
// checked against: a count's reporter (the same increment twice would
// count twice); nobody for a level (saved again, it changes nothing).
func (b *Bot) sameTodayOf(r *Request, ind *indicator.Indicator) *store.User {
	if ind.Increments() {
		return r.User
	}
	return nil
}

// clock writes an instant's time of day in the plan's zone: 09:12.
func (b *Bot) clock(t time.Time) string { return t.In(b.Plan.Location).Format("15:04") }

// replyAfterDeadline says a figure for after an indicator's deadline
// cannot change its final status, and saves nothing.
func (b *Bot) replyAfterDeadline(ctx context.Context, r *Request, ind *indicator.Indicator) error {
	return b.reply(ctx, r, r.P.T("bot.after_deadline", "Code", render.Esc(ind.Code), "By", render.Date(ind.By)))
}

// replyFraction asks again for a count of whole things, or a place,
// typed with a fraction.
func (b *Bot) replyFraction(ctx context.Context, r *Request, ind *indicator.Indicator, typed string) error {
	return b.reply(ctx, r, r.P.T("figure.doubt_fraction", "Text", render.Esc(quote(strings.TrimSpace(typed))), "Unit", render.Esc(ind.Unit()),
		"Rank", ind.Ranked()))
}

func (b *Bot) replyFigureError(ctx context.Context, r *Request, err error) error {
	var fe *locales.FigureError
	if errors.As(err, &fe) {
		return b.reply(ctx, r, render.Esc(r.P.Error(fe)))
	}
	return err
}

// askConfirm shows the figure as understood with Save, Again and Cancel,
// and why it deserves a second look when it does; a second count of the
// day (c.Figure: the first) has Add and Replace instead of Save.
func (b *Bot) askConfirm(ctx context.Context, r *Request, c Conversation, ind *indicator.Indicator, note string) error {
	b.dropButtons(ctx, r.Chat, c.Message)
	c.Step = StepConfirm
	per := render.Period(r.P, ind.Report.Every, ind.Report.PeriodOf(c.Date))
	text := r.P.T("bot.confirm", "Code", render.Esc(ind.Code), "Name", render.Esc(ind.Name), "Typed", render.Esc(quote(c.Text)),
		"Value", render.Esc(render.Value(ind, c.Value)), "Period", per)
	if note != "" {
		text += "\n" + note
	}
	kb := keyboard(3, button(c, r.P.T("btn.save"), ActOK, ""), button(c, r.P.T("btn.again"), ActAgain, ""),
		button(c, r.P.T("btn.cancel"), ActCancel, ""))
	if c.Figure != 0 {
		kb = keyboard(2, button(c, r.P.T("btn.add"), ActOK, ""), button(c, r.P.T("btn.replace"), ActReplace, ""),
			button(c, r.P.T("btn.again"), ActAgain, ""), button(c, r.P.T("btn.cancel"), ActCancel, ""))
	}
	return b.startConversation(ctx, r, c, text, kb)
}

// dropButtons takes the buttons off a message the conversation moved past.
func (b *Bot) dropButtons(ctx context.Context, chat int64, id int) {
	if id != 0 {
		b.API.Request(ctx, tg.NewEditMessageReplyMarkup(chat, id, tg.InlineKeyboardMarkup{InlineKeyboard: [][]tg.InlineKeyboardButton{}}))
	}
}

func (b *Bot) onAgain(ctx context.Context, r *Request, c Conversation, _ string) error {
	ind := b.Plan.Indicator(c.Indicator)
	c.Step = StepFigure
	if err := b.edit(ctx, r.Chat, c.Message, b.askFigure(r.P, ind), keyboard(1, button(c, r.P.T("btn.cancel"), ActCancel, ""))); err != nil {
		return err
	}
	return b.saveConversation(ctx, r.Chat, c)
}

// onConfirm saves the confirmed figure, or first asks why it puts the
// indicator off track.
func (b *Bot) onConfirm(ctx context.Context, r *Request, c Conversation, _ string) error {
	b.dropButtons(ctx, r.Chat, c.Message)
	return b.commit(ctx, r, c)
}

// commit saves a figure unless it puts the indicator off track, in which
// case it asks for a reason first.
func (b *Bot) commit(ctx context.Context, r *Request, c Conversation) error {
	ind := b.Plan.Indicator(c.Indicator)
	after, err := b.evaluateOf(ctx, ind, c.Date, indicator.Figure{Date: c.Date, Value: c.Value})
	if err != nil {
		return err
	}
	if after.Status != indicator.OffTrack {
		return b.save(ctx, r, c, "", after)
	}
	c.Step = StepReason
	text := r.P.T("bot.ask_reason_figure", "Code", render.Esc(ind.Code), "Figure", render.Esc(render.Value(ind, c.Value)),
		"Actual", render.Esc(render.Value(ind, after.Actual)), "Expected", render.Esc(render.Aim(r.P, after.Indicator, after.Expected)),
		"Date", render.Date(after.AsOf), "Count", ind.Increments())
	return b.startConversation(ctx, r, c, text, keyboard(2, button(c, r.P.T("btn.again"), ActAgain, ""), button(c, r.P.T("btn.cancel"), ActCancel, "")))
}

// onReason saves the figure with the reason it is off track.
func (b *Bot) onReason(ctx context.Context, r *Request, c Conversation) error {
	if _, err := locales.ReadFigure(r.Text, b.Plan.Indicator(c.Indicator)); err == nil {
		return b.reply(ctx, r, r.P.T("bot.reason_is_figure", "Text", render.Esc(quote(r.Text))))
	}
	note := render.Name(r.Text) // read by leaders: as clean as a name
	if len([]rune(note)) < 3 {
		return b.reply(ctx, r, r.P.T("bot.reason_short"))
	}
	b.dropButtons(ctx, r.Chat, c.Message)
	after, err := b.evaluateOf(ctx, b.Plan.Indicator(c.Indicator), c.Date, indicator.Figure{Date: c.Date, Value: c.Value, Note: note})
	if err != nil {
		return err
	}
	return b.save(ctx, r, c, note, after)
}

// save stores the figure, ends the conversation it came from and shows the
// indicator's new standing, after: evaluated with the figure added.
func (b *Bot) save(ctx context.Context, r *Request, c Conversation, note string, after indicator.Evaluation) error {
	ind := after.Indicator
	mark := b.markWithSave(ctx, r, c)
	_, created, err := b.Store.Figures.Save(ctx, store.NewFigure{Indicator: ind.Code, Date: c.Date, Value: c.Value, Text: c.Text,
		Note: note, By: r.User.ID, Source: "chat", Key: c.Key}, mark...)
	if err != nil {
		return unavailable(err)
	}
	r.handled = r.handled || len(mark) > 0
	if !created { // saved before (a message delivered twice): after counted it twice
		if after, err = b.evaluateOf(ctx, ind, c.Date); err != nil {
			return err
		}
	}
	defer b.afterSave(ctx, after, c.Key) // once the reporter has the reply
	per := render.Period(r.P, ind.Report.Every, ind.Report.PeriodOf(c.Date))
	ls := append([]string{r.P.T("bot.saved", "Code", render.Esc(ind.Code), "Value", render.Esc(render.Value(ind, c.Value)), "Period", per)},
		standing(r.P, after)...)
	if c.Step == StepNone { // a one-line report: its key makes it safe to handle again
		return b.reply(ctx, r, render.Lines(ls...))
	}
	return b.finish(ctx, r, render.Lines(ls...))
}

// markWithSave is the mark that makes the save of a one-line report also
// record its update handled, sparing the update a round trip: nothing
// else is written after it (a conversation's figure ends the conversation
// after the save, and marks it then). A reply that fails after it unmarks
// the update, which is handled again (the save is idempotent).
func (b *Bot) markWithSave(ctx context.Context, r *Request, c Conversation) []store.HandledMark {
	if c.Step != StepNone || firstReadOf(ctx) == nil || r.Update.UpdateID == 0 {
		return nil
	}
	return []store.HandledMark{b.Store.Updates.Mark(r.Update.UpdateID)}
}

// standing is what a reply to a figure says of the indicator: its status,
// what it is judged against and as of which day, and the pace still
// needed, whatever the status.
func standing(p *locales.Printer, e indicator.Evaluation) []string {
	ls := []string{render.StatusLine(p, e)}
	if e.AsOf != 0 && !math.IsNaN(e.Expected) {
		ls = append(ls, p.T("bot.show_as_of", "Date", render.Date(e.AsOf), "Actual", render.Esc(render.Value(e.Indicator, e.Actual)),
			"Expected", render.Esc(render.Value(e.Indicator, e.Expected))))
	}
	if pace := render.Pace(p, e); pace != "" {
		ls = append(ls, pace)
	}
	return ls
}

// reportLine is a figure reported in one line. It is saved at once when
// it reads unambiguously and keeps the indicator on track; otherwise the
// conversation confirms it or asks for a reason.
func (b *Bot) reportLine(ctx context.Context, r *Request, code, text string) error {
	code = strings.TrimSpace(code)
	tb, ind, err := b.routeReport(ctx, r, code, b.Plan.Find(code))
	switch {
	case err != nil:
		return err
	case ind == nil:
		return b.replyUnknownCode(ctx, r, code, text)
	}
	return tb.reportLineIn(ctx, r, ind, text)
}

// reportLineIn is a one-line report of ind (nil: not in the plan) in this
// bot's term.
func (b *Bot) reportLineIn(ctx context.Context, r *Request, ind *indicator.Indicator, text string) error {
	if ok, err := b.mayReport(ctx, r, ind); !ok {
		return err
	}
	reading, err := locales.ReadFigure(text, ind)
	if err != nil {
		return b.replyFigureError(ctx, r, err)
	}
	v, now, err := b.standingToday(ctx, r, ind)
	if err != nil {
		return err
	}
	day, _, _ := now.ReportDay(b.today())
	if ind.By != 0 && day > ind.By {
		return b.replyAfterDeadline(ctx, r, ind)
	}
	c := Conversation{Nonce: newNonce(), Indicator: ind.Code, Date: day, Term: b.termID(), Text: strings.TrimSpace(text), Value: reading.Value,
		Key: fmt.Sprintf("tg:%d:m%d", r.Chat, r.Message)}
	doubts, earlier := b.check(r, c, reading, now, v.mine)
	if slices.Contains(doubts, indicator.FractionOfWhole) {
		return b.replyFraction(ctx, r, ind, text)
	}
	if reading.Ambiguous || len(doubts) > 0 || r.confirm {
		return b.askConfirm(ctx, r, b.withEarlier(c, earlier), ind, b.secondLook(r, c, doubts, now, earlier))
	}
	after, err := b.judge(ctx, ind, v, day, indicator.Figure{Date: day, Value: reading.Value})
	if err != nil {
		return err
	}
	if after.Status != indicator.OffTrack {
		return b.save(ctx, r, c, "", after)
	}
	return b.commit(ctx, r, c)
}

// afterSave tells the reminders of a new figure and the evaluation it
// made, e; an alert that fails here is caught by the next sweep, so a
// failure is only logged.
func (b *Bot) afterSave(ctx context.Context, e indicator.Evaluation, key string) {
	if b.AfterSave == nil {
		return
	}
	if err := b.AfterSave(ctx, e, key); err != nil {
		b.Log.Warn("alert check after a figure", "indicator", e.Indicator.Code, "err", err)
	}
}
