// Package telegramtest is a fake Telegram Bot API server for tests, served
// over HTTP so the real client library talks to it. It keeps chats, answers
// the methods chitieu uses, lets a test inject users' messages and button
// presses, records what the bot sent to each chat, and enforces Telegram's
// rate limits with 429 and retry_after.
package telegramtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Token is the bot token the server accepts.
const Token = "123456:TEST-token-for-the-fake-server"

// BotID and BotName are the bot's identity.
const (
	BotID   = 123456
	BotName = "chitieu_test_bot"
)

// Options set the server's limits. Zero values take Telegram's: 30
// messages a second overall, one a second in a chat.
type Options struct {
	Overall      float64 // messages a second, all chats together
	PerChat      float64 // messages a second in one chat
	PerChatBurst int     // how many a chat may take at once before the rate applies
	// Now is the server's clock: the dates of the messages people send and
	// the limits' pace (time.Now unless set; a test may stop it or move it
	// on).
	Now func() time.Time
}

// Server is a fake Bot API.
type Server struct {
	*httptest.Server
	mu       sync.Mutex
	changed  chan struct{} // closed and replaced whenever state changes
	done     chan struct{} // closed when the server closes: held requests end
	updates  []tg.Update
	history  map[int]tg.Update       // every update injected, by id
	raw      map[int]json.RawMessage // updates written by hand, by id
	files    map[string]File         // documents people sent, by file id
	nextUpd  int
	nextMsg  int
	chats    map[int64]*Chat
	answers  []Answer
	commands map[string][]tg.BotCommand
	webhook  Webhook
	limits   *limits
	faults   []Fault
	stats    Stats
}

// Stats counts what the server saw.
type Stats struct {
	Sent      int // messages accepted: sendMessage, sendPhoto, sendDocument
	TooMany   int // 429 answers
	Faults    int // injected failures answered
	Edits     int
	GetUpdate int
}

// Webhook is what setWebhook set.
type Webhook struct {
	URL    string
	Secret string
}

// Answer is an answerCallbackQuery.
type Answer struct {
	QueryID string
	Text    string
}

// New starts a server; it stops when the test ends.
func New(tb interface{ Cleanup(func()) }, o Options) *Server {
	s := &Server{changed: make(chan struct{}), nextUpd: 1, nextMsg: 1, chats: map[int64]*Chat{},
		commands: map[string][]tg.BotCommand{}, limits: newLimits(o), history: map[int]tg.Update{}, raw: map[int]json.RawMessage{}, files: map[string]File{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	s.done = make(chan struct{})
	tb.Cleanup(func() {
		close(s.done)
		s.Close()
	})
	return s
}

// Endpoint is the Bot API base in the client library's form, for
// TELEGRAM_API_ENDPOINT.
func (s *Server) Endpoint() string { return s.URL + "/bot%s/%s" }

// Stats reads the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Commands returns the command menu set for a language ("" for the default).
func (s *Server) Commands(lang string) []tg.BotCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.commands[lang]
}

// Webhook returns what setWebhook set.
func (s *Server) Webhook() Webhook {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhook
}

// Answers returns every answerCallbackQuery so far.
func (s *Server) Answers() []Answer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Answer(nil), s.answers...)
}

// notify wakes whoever waits for a change; the caller holds mu.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if path, ok := strings.CutPrefix(r.URL.Path, "/file/bot"+Token+"/"); ok {
		s.serveFile(w, path)
		return
	}
	token, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !ok || token != Token {
		reply(w, nil, &apiError{401, "Unauthorized", 0})
		return
	}
	p, err := readParams(r)
	if err != nil {
		reply(w, nil, &apiError{400, "Bad Request: " + err.Error(), 0})
		return
	}
	f := s.fault(method, p.int64("chat_id"))
	if f != nil {
		f.wait(r.Context(), s.done)
	}
	if e := f.apiError(); e != nil {
		reply(w, nil, e)
		return
	}
	h := s.handlers()[method]
	if h == nil {
		reply(w, nil, &apiError{404, "Not Found: method not found", 0})
		return
	}
	result, e := h(r, p)
	if f != nil && f.Drop {
		panic(http.ErrAbortHandler) // the connection is cut: no answer
	}
	reply(w, result, e)
}

type handler func(r *http.Request, p params) (any, *apiError)

func (s *Server) handlers() map[string]handler {
	return map[string]handler{
		"getMe":                  s.getMe,
		"getUpdates":             s.getUpdates,
		"sendMessage":            s.sendMessage,
		"editMessageText":        s.editMessageText,
		"editMessageReplyMarkup": s.editMessageReplyMarkup,
		"answerCallbackQuery":    s.answerCallbackQuery,
		"sendPhoto":              s.sendFile("photo"),
		"sendDocument":           s.sendFile("document"),
		"setMyCommands":          s.setMyCommands,
		"setWebhook":             s.setWebhook,
		"getFile":                s.getFile,
		"deleteWebhook":          s.deleteWebhook,
	}
}

// apiError is a Bot API error answer.
type apiError struct {
	code       int
	desc       string
	retryAfter int
}

func reply(w http.ResponseWriter, result any, e *apiError) {
	w.Header().Set("Content-Type", "application/json")
	if e != nil {
		w.WriteHeader(e.code)
		body := map[string]any{"ok": false, "error_code": e.code, "description": e.desc}
		if e.retryAfter > 0 {
			body["parameters"] = map[string]any{"retry_after": e.retryAfter}
		}
		json.NewEncoder(w).Encode(body)
		return
	}
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

func (s *Server) getMe(*http.Request, params) (any, *apiError) {
	return tg.User{ID: BotID, IsBot: true, FirstName: "Chỉ tiêu", UserName: BotName}, nil
}

func (s *Server) setMyCommands(_ *http.Request, p params) (any, *apiError) {
	var cmds []tg.BotCommand
	if err := json.Unmarshal([]byte(p.get("commands")), &cmds); err != nil {
		return nil, &apiError{400, "Bad Request: can't parse commands", 0}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.commands[p.get("language_code")] = cmds
	return true, nil
}

func (s *Server) setWebhook(_ *http.Request, p params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = Webhook{URL: p.get("url"), Secret: p.get("secret_token")}
	s.notify()
	return true, nil
}

func (s *Server) deleteWebhook(*http.Request, params) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhook = Webhook{}
	return true, nil
}

// now is the time stamp of messages, by the server's clock; the caller
// holds mu.
func (s *Server) now() int { return int(s.limits.now().Unix()) }
