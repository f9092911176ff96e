package telegramtest

import (
	"context"
	"time"
)

// Fault makes the server fail a method, as Telegram does now and then.
type Fault struct {
	Method     string // "" for every method but getUpdates
	Chat       int64  // only requests to this chat (chat_id); 0 for any
	Code       int    // 429, 500, 502, 403, …; 0 to only hold or drop
	RetryAfter int    // seconds, for 429
	Times      int    // how many requests fail; 0 for one
	// Hold, when set, keeps the request waiting until it is closed (a
	// chat whose sendMessage hangs); the request is then answered as
	// usual.
	Hold <-chan struct{}
	// Delay keeps the request waiting this long (or until the client
	// gives up) before it is answered as usual.
	Delay time.Duration
	// Drop handles the request and then cuts the connection before the
	// answer: the client cannot know the message went out.
	Drop bool
}

// Fail queues a fault; faults apply in the order they were queued.
func (s *Server) Fail(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.Times == 0 {
		f.Times = 1
	}
	s.faults = append(s.faults, f)
}

// fault finds the fault that applies to a request to method for chat, if
// any, and counts it.
func (s *Server) fault(method string, chat int64) *Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.faults {
		f := &s.faults[i]
		if f.Times == 0 || f.Method != method && (f.Method != "" || method == "getUpdates") || f.Chat != 0 && f.Chat != chat {
			continue
		}
		f.Times--
		s.stats.Faults++
		s.notify() // Until waits for it
		if f.Code == 429 {
			s.stats.TooMany++
		}
		copied := *f
		return &copied
	}
	return nil
}

// apiError is the answer a fault gives, if it refuses.
func (f *Fault) apiError() *apiError {
	if f == nil || f.Code == 0 {
		return nil
	}
	return &apiError{f.Code, faultText[f.Code], f.RetryAfter}
}

var faultText = map[int]string{
	400: "Bad Request: query is too old and response timeout expired or query ID is invalid",
	403: "Forbidden: bot was blocked by the user",
	429: "Too Many Requests: retry later",
	500: "Internal Server Error",
	502: "Bad Gateway",
}

// wait keeps a request as the fault says: until Hold is closed, Delay has
// passed, the client gave up or the server closes (done).
func (f *Fault) wait(ctx context.Context, done <-chan struct{}) {
	if f.Hold != nil {
		select {
		case <-f.Hold:
		case <-ctx.Done():
		case <-done:
		}
	}
	if f.Delay > 0 {
		select {
		case <-time.After(f.Delay):
		case <-ctx.Done():
		case <-done:
		}
	}
}
