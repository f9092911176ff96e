package bot

import (
	"context"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// reply sends an HTML message to the request's chat.
func (b *Bot) reply(ctx context.Context, r *Request, text string) error {
	_, err := b.send(ctx, r.Chat, r.prefaced(text), nil)
	return err
}

// prefaced is text with the request's preface before it, once.
func (r *Request) prefaced(text string) string {
	if r.preface == "" {
		return text
	}
	text, r.preface = r.preface+"\n"+text, ""
	return text
}

// send sends an HTML message, with buttons when kb is not nil, and returns
// its id.
func (b *Bot) send(ctx context.Context, chat int64, text string, kb *tg.InlineKeyboardMarkup) (int, error) {
	if err := b.flush(ctx); err != nil {
		return 0, err
	}
	m := tg.NewMessage(chat, b.headed(ctx, text))
	m.ParseMode = tg.ModeHTML
	m.DisableWebPagePreview = true
	if kb != nil {
		m.ReplyMarkup = b.tagged(kb)
	}
	sent, err := b.API.Send(ctx, m)
	return sent.MessageID, err
}

// edit replaces a message's text and buttons (none when kb is nil).
func (b *Bot) edit(ctx context.Context, chat int64, id int, text string, kb *tg.InlineKeyboardMarkup) error {
	if err := b.flush(ctx); err != nil {
		return err
	}
	e := tg.NewEditMessageText(chat, id, b.headed(ctx, text))
	e.ParseMode = tg.ModeHTML
	e.DisableWebPagePreview = true
	e.ReplyMarkup = b.tagged(kb)
	_, err := b.API.Send(ctx, e)
	return err
}

// answerSoftly answers a button press, with a short notice when text is
// set. Answering only stops the button's spinner: a refusal (after a
// restart Telegram says the query is too old) is logged and the press is
// still acted on.
func (b *Bot) answerSoftly(ctx context.Context, r *Request, text string) {
	b.flush(ctx) // a failure is the next call's to report
	if err := b.API.Request(ctx, tg.NewCallback(r.Callback.ID, text)); err != nil {
		b.Log.Info("a button press not answered", "update", r.Update.UpdateID, "err", err)
	}
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
