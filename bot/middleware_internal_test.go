package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"testing"

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
	f := newFlood(FloodLimit{PerMinute: 1, Burst: 1})
	for id := range int64(3 * maxFloodPeople) {
		f.allow(id, false)
	}
	if n := len(f.people); n > maxFloodPeople {
		t.Errorf("the flood limit keeps %d people, more than %d", n, maxFloodPeople)
	}
}

func TestFloodLetsAnEndThrough(t *testing.T) {
	f := newFlood(FloodLimit{PerMinute: 1, Burst: 1})
	f.allow(7, false)
	if ok, _ := f.allow(7, false); ok {
		t.Fatal("the second message went through")
	}
	if ok, _ := f.allow(7, true); !ok {
		t.Error("a /huy over the limit was dropped")
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
