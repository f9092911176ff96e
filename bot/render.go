package bot

import (
	"context"
	"fmt"
	"html"
	"math"
	"strings"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/indicator"
	"chitieu/locales"
)

// esc escapes text a person typed or a plan holds for Telegram HTML.
func esc(s string) string { return html.EscapeString(s) }

// reply sends an HTML message to the request's chat.
func (b *Bot) reply(ctx context.Context, r *Request, text string) error {
	_, err := b.send(ctx, r.Chat, text, nil)
	return err
}

// send sends an HTML message, with buttons when kb is not nil, and returns
// its id.
func (b *Bot) send(ctx context.Context, chat int64, text string, kb *tg.InlineKeyboardMarkup) (int, error) {
	m := tg.NewMessage(chat, text)
	m.ParseMode = tg.ModeHTML
	m.DisableWebPagePreview = true
	if kb != nil {
		m.ReplyMarkup = kb
	}
	sent, err := b.API.Send(ctx, m)
	return sent.MessageID, err
}

// edit replaces a message's text and buttons (none when kb is nil).
func (b *Bot) edit(ctx context.Context, chat int64, id int, text string, kb *tg.InlineKeyboardMarkup) error {
	e := tg.NewEditMessageText(chat, id, text)
	e.ParseMode = tg.ModeHTML
	e.DisableWebPagePreview = true
	e.ReplyMarkup = kb
	_, err := b.API.Send(ctx, e)
	return err
}

// answer answers a button press, with a short notice when text is set.
func (b *Bot) answer(ctx context.Context, r *Request, text string) error {
	return b.API.Request(ctx, tg.NewCallback(r.Callback.ID, text))
}

// button makes a button of the conversation.
func button(c Conversation, label string, a Action, arg string) tg.InlineKeyboardButton {
	return tg.NewInlineKeyboardButtonData(label, Callback{Nonce: c.Nonce, Action: a, Arg: arg}.String())
}

// keyboard lays buttons out, perRow to a row.
func keyboard(perRow int, buttons ...tg.InlineKeyboardButton) *tg.InlineKeyboardMarkup {
	var rows [][]tg.InlineKeyboardButton
	for i := 0; i < len(buttons); i += perRow {
		rows = append(rows, buttons[i:min(i+perRow, len(buttons))])
	}
	kb := tg.NewInlineKeyboardMarkup(rows...)
	return &kb
}

// marks are the signs of the statuses in lists.
var marks = map[indicator.Status]string{
	indicator.Achieved: "✅", indicator.Missed: "❌", indicator.NoData: "⚪",
	indicator.OnTrack: "🟢", indicator.AtRisk: "🟡", indicator.OffTrack: "🔴",
}

// value writes a value of an indicator with its unit: "41 đảng viên",
// "75,5%", "Hoàn thành tốt"; "—" when unknown.
func value(ind *indicator.Indicator, v float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case ind.Choices() != nil:
		return ind.Label(v)
	}
	s := locales.FormatNumber(v, 2)
	switch u := ind.Unit(); u {
	case "":
		return s
	case "%", "‰":
		return s + u
	default:
		return s + " " + u
	}
}

// statusLine is one indicator in a list: mark, code, name, actual against
// target, status, and the overdue flag.
func statusLine(p *locales.Printer, e indicator.Evaluation) string {
	ind := e.Indicator
	line := fmt.Sprintf("%s <b>%s</b> %s: %s / %s %s — %s", marks[e.Status], esc(ind.Code), esc(ind.Name),
		esc(value(ind, e.Actual)), esc(ind.Target.Op.String()), esc(value(ind, e.Target)), p.T("status."+e.Status.String()))
	if e.Overdue {
		line += " · ⏰ " + p.T("status.overdue")
	}
	return line
}

// paceText says what is still needed, or "" when nothing is.
func paceText(p *locales.Printer, e indicator.Evaluation) string {
	ind, pace := e.Indicator, e.Pace
	switch {
	case e.Day > e.Window.To || pace.Gap == 0:
		return ""
	case ind.Increments():
		months := max(1, int(math.Round(float64(pace.DaysLeft)/(365.25/12))))
		return p.T("bot.pace_count", "Gap", esc(value(ind, pace.Gap)), "Months", months,
			"PerMonth", esc(locales.FormatNumber(pace.PerMonth, 1)))
	}
	return p.T("bot.pace_level", "Target", esc(value(ind, e.Target)), "End", formatDate(e.Window.To))
}

// formatDate writes a day the Vietnamese way.
func formatDate(d indicator.Date) string {
	y, m, day := d.Civil()
	return fmt.Sprintf("%02d/%02d/%d", day, int(m), y)
}

// periodName names a report period: tháng 11/2026, quý IV/2026, năm 2026,
// tuần 23/11–29/11/2026.
func periodName(p *locales.Printer, e indicator.Every, per indicator.Period) string {
	y, m, _ := per.From.Civil()
	switch e {
	case indicator.EveryWeek:
		return p.T("period.week", "From", formatDate(per.From)[:5], "To", formatDate(per.To))
	case indicator.EveryMonth:
		return p.T("period.month", "Month", int(m), "Year", y)
	case indicator.EveryQuarter:
		return p.T("period.quarter", "Quarter", []string{"I", "II", "III", "IV"}[(int(m)-1)/3], "Year", y)
	}
	return p.T("period.year", "Year", y)
}

// lines joins lines of a message.
func lines(ls ...string) string { return strings.Join(ls, "\n") }
