package telegramtest

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// User is a person talking to the bot in a private chat (its id is the
// chat's).
type User struct {
	ID        int64
	FirstName string
	LastName  string
	Username  string
	Lang      string // language_code: "vi", "en"
}

func (u User) tg() *tg.User {
	return &tg.User{ID: u.ID, FirstName: u.FirstName, LastName: u.LastName, UserName: u.Username, LanguageCode: u.Lang}
}

// SendText injects a message from a user in their private chat and
// returns its update id.
func (s *Server) SendText(u User, text string) int {
	return s.send(&tg.Chat{ID: u.ID, Type: "private", FirstName: u.FirstName}, u, text)
}

// GroupID is the chat id of the test group (negative, as Telegram's are).
const GroupID = -100500

// SendInGroup injects a message from a user in the test group and returns
// its update id; what the bot sends there is Sent(GroupID).
func (s *Server) SendInGroup(u User, text string) int {
	return s.send(&tg.Chat{ID: GroupID, Type: "supergroup", Title: "Thường trực"}, u, text)
}

func (s *Server) send(chat *tg.Chat, u User, text string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	msg := &tg.Message{MessageID: s.nextMsg, From: u.tg(), Chat: chat, Date: s.now(), Text: text}
	s.nextMsg++
	if strings.HasPrefix(text, "/") {
		cmd, _, _ := strings.Cut(text, " ")
		msg.Entities = []tg.MessageEntity{{Type: "bot_command", Offset: 0, Length: len([]rune(cmd))}}
	}
	return s.push(tg.Update{Message: msg})
}

// Press injects a press of a button with data on one of the bot's messages
// in u's private chat and returns the update's id.
func (s *Server) Press(u User, messageID int, data string) int {
	return s.PressIn(u.ID, u, messageID, data)
}

// PressIn injects a press by u of a button on one of the bot's messages
// in a chat (GroupID for the group) and returns the update's id.
func (s *Server) PressIn(chat int64, u User, messageID int, data string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := "cq" + strconv.Itoa(s.nextUpd)
	typ := "private"
	if chat < 0 {
		typ = "supergroup"
	}
	msg := &tg.Message{MessageID: messageID, Chat: &tg.Chat{ID: chat, Type: typ}, Date: s.now()}
	if c := s.chats[chat]; c != nil {
		for _, m := range c.Sent {
			if m.ID == messageID {
				msg.Text = m.Text
			}
		}
	}
	return s.push(tg.Update{CallbackQuery: &tg.CallbackQuery{ID: id, From: u.tg(), Message: msg, ChatInstance: "ci", Data: data}})
}

// SendRaw injects an update written by hand, as JSON without its
// update_id (which the server adds), and returns its id: an update the
// client cannot decode, such as one whose chat id is a string.
func (s *Server) SendRaw(body string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextUpd
	s.raw[id] = json.RawMessage(`{"update_id":` + strconv.Itoa(id) + `,` + strings.TrimPrefix(strings.TrimSpace(body), "{"))
	return s.push(tg.Update{})
}

// Redeliver queues an injected update again with the same id, as Telegram
// does when an offset was not confirmed.
func (s *Server) Redeliver(id int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updates = append(s.updates, s.history[id])
	s.notify()
}

// push queues an update; the caller holds mu.
func (s *Server) push(u tg.Update) int {
	u.UpdateID = s.nextUpd
	s.nextUpd++
	s.updates = append(s.updates, u)
	s.history[u.UpdateID] = u
	s.notify()
	return u.UpdateID
}

// Pending counts the updates not yet confirmed by an offset.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.updates)
}

// getUpdates confirms the updates before offset and returns the rest,
// waiting up to timeout seconds for one to come.
func (s *Server) getUpdates(r *http.Request, p params) (any, *apiError) {
	offset := int(p.int64("offset"))
	limit := int(p.int64("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	deadline := time.After(time.Duration(p.int64("timeout")) * time.Second)
	for {
		s.mu.Lock()
		s.stats.GetUpdate++
		s.confirm(offset)
		out := s.encoded(s.updates[:min(limit, len(s.updates))])
		changed := s.changed
		s.mu.Unlock()
		if len(out) > 0 {
			return out, nil
		}
		select {
		case <-changed:
		case <-deadline:
			return []any{}, nil
		case <-r.Context().Done():
			return []any{}, nil
		}
	}
}

// encoded is updates as they go out, the ones written by hand as written;
// the caller holds mu.
func (s *Server) encoded(updates []tg.Update) []any {
	out := make([]any, len(updates))
	for i, u := range updates {
		out[i] = u
		if raw, ok := s.raw[u.UpdateID]; ok {
			out[i] = raw
		}
	}
	return out
}

// confirm drops the updates before offset; the caller holds mu.
func (s *Server) confirm(offset int) {
	was := len(s.updates)
	kept := s.updates[:0]
	for _, u := range s.updates {
		if u.UpdateID >= offset {
			kept = append(kept, u)
		}
	}
	s.updates = kept
	if len(kept) < was {
		s.notify() // Until waits for it
	}
}

// MessageOf is the message id of an injected update's message (0 for a
// button press).
func (s *Server) MessageOf(update int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m := s.history[update].Message; m != nil {
		return m.MessageID
	}
	return 0
}
