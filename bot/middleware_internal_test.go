package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/locales"
	"chitieu/render"
)

// sent records what the bot sends.
type sent struct{ texts []string }

func (s *sent) Send(_ context.Context, c tg.Chattable) (tg.Message, error) {
	if m, ok := c.(tg.MessageConfig); ok {
		s.texts = append(s.texts, m.Text)
	}
	return tg.Message{MessageID: 1}, nil
}
func (s *sent) Request(context.Context, tg.Chattable) error { return nil }
func (s *sent) Username() string                            { return "bot" }
func (s *sent) Download(context.Context, string, int64) ([]byte, error) {
	return nil, nil
}

func TestRecoverTurnsAPanicIntoAnApology(t *testing.T) {
	var logs strings.Builder
	out := &sent{}
	b := New(Deps{Catalog: locales.MustLoad(), API: out, Log: slog.New(slog.NewTextHandler(&logs, nil))})
	h := b.recover(func(context.Context, *Request) error { panic("boom") })
	r := &Request{Chat: 7, From: &tg.User{ID: 7, LanguageCode: "vi"}}
	if err := h(context.Background(), r); err != nil {
		t.Errorf("err = %v, want the update counted as handled", err)
	}
	if len(out.texts) != 1 || !strings.Contains(out.texts[0], "Xin lỗi") || !strings.Contains(logs.String(), "boom") {
		t.Errorf("replies %q, logs %q", out.texts, logs.String())
	}
}

func TestCallbackData(t *testing.T) {
	good := Callback{Nonce: "abcdefgh", Action: ActPick, Arg: "CT01.1"}
	if got, err := ParseCallback(good.String()); err != nil || got != good {
		t.Errorf("round trip: %+v %v", got, err)
	}
	for _, bad := range []string{"", "abcdefgh:pick", "abc:pick:x", "abcdefgh:nuke:x", "abcdefgh:pick:" + strings.Repeat("x", 60)} {
		if _, err := ParseCallback(bad); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func TestSplitLines(t *testing.T) {
	text := strings.Repeat("dòng chữ\n", 1000)
	parts := render.Split(text, 4000)
	total := 0
	for _, p := range parts {
		if len(p) > 4000 || strings.HasPrefix(p, "\n") {
			t.Errorf("a part of %d bytes", len(p))
		}
		total += strings.Count(p, "dòng chữ")
	}
	if total != 1000 || len(parts) < 3 {
		t.Errorf("%d lines in %d parts", total, len(parts))
	}
}

func TestFloodMemoryIsBounded(t *testing.T) {
	f := newFlood(FloodLimit{PerMinute: 1, Burst: 1}, time.Now)
	for id := range int64(3 * maxFloodPeople) {
		f.allow(id, time.Time{}, false)
	}
	if n := len(f.people); n > maxFloodPeople {
		t.Errorf("the flood limit keeps %d people, more than %d", n, maxFloodPeople)
	}
}

func TestFloodLetsAnEndThrough(t *testing.T) {
	f := newFlood(FloodLimit{PerMinute: 1, Burst: 1}, time.Now)
	f.allow(7, time.Time{}, false)
	if ok, _ := f.allow(7, time.Time{}, false); ok {
		t.Fatal("the second message went through")
	}
	if ok, _ := f.allow(7, time.Time{}, true); !ok {
		t.Error("a /huy over the limit was dropped")
	}
}

// TestFloodCountsAMessageWhenItWasSent: messages handled together (held
// by an outage, or behind a slow one) are judged by the pace they were
// sent at, and a burst sent at once is still a burst.
func TestFloodCountsAMessageWhenItWasSent(t *testing.T) {
	handled := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	// Every one is handled at the same moment, sent one every two seconds
	// (the limit's own pace).
	f := newFlood(FloodLimit{PerMinute: 30, Burst: 10}, func() time.Time { return handled })
	for i := range 40 {
		sent := handled.Add(time.Duration(i-40) * 2 * time.Second)
		if ok, _ := f.allow(7, sent, false); !ok {
			t.Fatalf("message %d, sent at the limit's pace, was refused", i+1)
		}
	}
	var refused, warned int
	for range 12 { // twelve sent in one second
		ok, warn := f.allow(8, handled, false)
		refused += map[bool]int{false: 1}[ok]
		warned += map[bool]int{true: 1}[warn]
	}
	if refused != 2 || warned != 1 {
		t.Errorf("twelve messages sent at once: %d refused, %d warnings; want 2 and 1", refused, warned)
	}
}

// TestFloodCountsAPressWhenItComes: a button press carries no date; it is
// counted as long after the last update as it arrived.
func TestFloodCountsAPressWhenItComes(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	f := newFlood(FloodLimit{PerMinute: 30, Burst: 2}, func() time.Time { return now })
	f.allow(7, now.Add(-time.Hour), false) // a message dated by a clock an hour behind ours
	f.allow(7, time.Time{}, false)
	if ok, _ := f.allow(7, time.Time{}, false); ok {
		t.Fatal("a third press at once went through a burst of two")
	}
	now = now.Add(2 * time.Second)
	if ok, _ := f.allow(7, time.Time{}, false); !ok {
		t.Error("a press two seconds later was refused")
	}
}

func TestOnlyPassingFailuresAreTriedAgain(t *testing.T) {
	dial := &url.Error{Op: "Post", URL: "https://api.telegram.org/bot123:secret/sendMessage", Err: errors.New("connection refused")}
	tests := []struct {
		name string
		err  error
		want bool
	}{
		{"the store unavailable", unavailable(errors.New("LOADING")), true},
		{"Telegram failing", &tg.Error{Code: 502, Message: "Bad Gateway"}, true},
		{"Telegram busy", &tg.Error{Code: 429, ResponseParameters: tg.ResponseParameters{RetryAfter: 3}}, true},
		{"a person who blocked the bot", &tg.Error{Code: 403, Message: "Forbidden"}, false},
		{"a refused message", &tg.Error{Code: 400, Message: "Bad Request"}, false},
		{"the network, before sending", redact(dial, "123:secret"), true},
		{"the network, after sending", redact(maybeSent{dial}, "123:secret"), false},
		{"a bug", errors.New("index out of range"), false},
	}
	for _, tt := range tests {
		if got := transient(tt.err); got != tt.want {
			t.Errorf("%s: transient %v, want %v", tt.name, got, tt.want)
		}
		if strings.Contains(fmt.Sprint(redact(tt.err, "123:secret")), "secret") {
			t.Errorf("%s: the token shows", tt.name)
		}
	}
}
