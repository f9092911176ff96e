package telegramtest

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
	"unicode/utf8"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Chat is one chat as the server keeps it.
type Chat struct {
	ID   int64
	Sent []Message // what the bot sent, edits applied, oldest first
}

// Message is one message the bot sent.
type Message struct {
	ID        int
	Chat      int64
	Text      string // or a file's caption
	ParseMode string
	Keyboard  [][]Button
	File      *File  // a photo or document
	Kind      string // text, photo or document
	Edits     int
	At        time.Time
}

// Button is one inline keyboard button.
type Button struct {
	Text string
	Data string
	URL  string
}

// Sent returns what the bot sent to a chat, oldest first.
func (s *Server) Sent(chat int64) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c := s.chats[chat]; c != nil {
		return append([]Message(nil), c.Sent...)
	}
	return nil
}

// Until waits until ok holds of the server's state (what it holds, its
// counters), looking again whenever the state changes — a message sent,
// updates confirmed, a fault answered — never on a timer; false when the
// time-out came first. ok must not be called with the server locked: it
// may read the server.
func (s *Server) Until(timeout time.Duration, ok func() bool) bool {
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		changed := s.changed // taken before ok looks: a change after it is not missed
		s.mu.Unlock()
		if ok() {
			return true
		}
		select {
		case <-changed:
		case <-deadline:
			return ok()
		}
	}
}

// Wait waits until ok holds of what the bot sent to the chat, and returns
// it; after the time-out it returns what there is.
func (s *Server) Wait(ctx context.Context, chat int64, timeout time.Duration, ok func([]Message) bool) []Message {
	deadline := time.After(timeout)
	for {
		s.mu.Lock()
		var sent []Message
		if c := s.chats[chat]; c != nil {
			sent = append(sent, c.Sent...)
		}
		changed := s.changed
		s.mu.Unlock()
		if ok(sent) {
			return sent
		}
		select {
		case <-changed:
		case <-deadline:
			return sent
		case <-ctx.Done():
			return sent
		}
	}
}

func (s *Server) chat(id int64) *Chat {
	c := s.chats[id]
	if c == nil {
		c = &Chat{ID: id}
		s.chats[id] = c
	}
	return c
}

func (s *Server) sendMessage(_ *http.Request, p params) (any, *apiError) {
	m, e := message(p, "text")
	if e != nil {
		return nil, e
	}
	return s.deliver(m)
}

// deliver records a new message after the rate limits let it through.
func (s *Server) deliver(m Message) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if wait := s.limits.take(m.Chat); wait > 0 {
		s.stats.TooMany++
		return nil, &apiError{429, "Too Many Requests: retry after " + itoa(wait), wait}
	}
	m.ID, m.At = s.nextMsg, time.Now()
	s.nextMsg++
	c := s.chat(m.Chat)
	c.Sent = append(c.Sent, m)
	s.stats.Sent++
	s.notify()
	return tgMessage(m), nil
}

// message reads a message to send and checks it as Telegram does.
func message(p params, textField string) (Message, *apiError) {
	m := Message{Chat: p.int64("chat_id"), Text: p.get(textField), ParseMode: p.get("parse_mode"), Kind: "text"}
	if m.Chat == 0 {
		return m, &apiError{400, "Bad Request: chat not found", 0}
	}
	if e := checkText(m.Text, m.ParseMode, textField == "text"); e != nil {
		return m, e
	}
	kb, e := keyboard(p.get("reply_markup"))
	m.Keyboard = kb
	return m, e
}

func checkText(text, mode string, required bool) *apiError {
	limit := 4096
	if !required {
		limit = 1024 // a caption
	}
	switch {
	case required && text == "":
		return &apiError{400, "Bad Request: message text is empty", 0}
	case utf8.RuneCountInString(text) > limit:
		return &apiError{400, "Bad Request: message is too long", 0}
	case mode == "HTML":
		if err := CheckHTML(text); err != nil {
			return &apiError{400, "Bad Request: can't parse entities: " + err.Error(), 0}
		}
	}
	return nil
}

func keyboard(markup string) ([][]Button, *apiError) {
	if markup == "" {
		return nil, nil
	}
	var kb tg.InlineKeyboardMarkup
	if err := json.Unmarshal([]byte(markup), &kb); err != nil {
		return nil, &apiError{400, "Bad Request: can't parse reply keyboard markup JSON object", 0}
	}
	var out [][]Button
	for _, row := range kb.InlineKeyboard {
		var r []Button
		for _, b := range row {
			btn := Button{Text: b.Text}
			if b.CallbackData != nil {
				btn.Data = *b.CallbackData
			}
			if b.URL != nil {
				btn.URL = *b.URL
			}
			if len(btn.Data) > 64 || btn.Data == "" && btn.URL == "" {
				return nil, &apiError{400, "Bad Request: BUTTON_DATA_INVALID", 0}
			}
			r = append(r, btn)
		}
		out = append(out, r)
	}
	return out, nil
}

func (s *Server) editMessageText(_ *http.Request, p params) (any, *apiError) {
	m, e := message(p, "text")
	if e != nil {
		return nil, e
	}
	return s.edit(m.Chat, int(p.int64("message_id")), func(old *Message) {
		old.Text, old.ParseMode, old.Keyboard = m.Text, m.ParseMode, m.Keyboard
	})
}

func (s *Server) editMessageReplyMarkup(_ *http.Request, p params) (any, *apiError) {
	kb, e := keyboard(p.get("reply_markup"))
	if e != nil {
		return nil, e
	}
	return s.edit(p.int64("chat_id"), int(p.int64("message_id")), func(old *Message) { old.Keyboard = kb })
}

func (s *Server) edit(chat int64, id int, change func(*Message)) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.chats[chat]
	if c == nil {
		return nil, &apiError{400, "Bad Request: message to edit not found", 0}
	}
	for i := range c.Sent {
		if c.Sent[i].ID == id {
			change(&c.Sent[i])
			c.Sent[i].Edits++
			s.stats.Edits++
			s.notify()
			return tgMessage(c.Sent[i]), nil
		}
	}
	return nil, &apiError{400, "Bad Request: message to edit not found", 0}
}

func (s *Server) sendFile(field string) handler {
	return func(_ *http.Request, p params) (any, *apiError) {
		m, e := message(p, "caption")
		if e != nil {
			return nil, e
		}
		f, ok := p.files[field]
		if !ok {
			return nil, &apiError{400, "Bad Request: there is no " + field + " in the request", 0}
		}
		if len(f.Data) > maxUpload {
			return nil, &apiError{413, "Request Entity Too Large", 0}
		}
		m.File, m.Kind = &f, field
		return s.deliver(m)
	}
}

func (s *Server) answerCallbackQuery(_ *http.Request, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.answers = append(s.answers, Answer{QueryID: p.get("callback_query_id"), Text: p.get("text")})
	s.notify()
	return true, nil
}

func tgMessage(m Message) tg.Message {
	msg := tg.Message{MessageID: m.ID, Chat: &tg.Chat{ID: m.Chat, Type: "private"}, Date: int(m.At.Unix())}
	if m.Kind == "text" {
		msg.Text = m.Text
	} else {
		msg.Caption = m.Text
	}
	return msg
}
