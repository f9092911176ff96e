package bot_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"chitieu/bot"
	"chitieu/store"
	"chitieu/telegramtest"
)

func TestAPressCountsWhenItsAnswerIsRefused(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 1.234")
	h.srv.Fail(telegramtest.Fault{Method: "answerCallbackQuery", Code: 400, Times: 5})
	h.press(reporter, "✅")
	if figs := h.figures("CT01.1"); len(figs) != 1 || figs[0].Value != 1234 {
		t.Errorf("saved %+v", figs)
	}
	contains(t, h.last(reporter), "Đã lưu", "1.234 đảng viên")
}

// noRetries makes the client give up at the first refusal, so the update
// itself is handled again.
var noRetries = []bot.APIOption{bot.WithRetries(0)}

func TestARetriedPressSaysSavedAgain(t *testing.T) {
	h := newHarness(t, nil)
	h.api = noRetries
	h.restart()
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 1.234")
	h.srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 502})
	h.press(reporter, "✅")
	last := h.last(reporter)
	contains(t, last, "Đã lưu", "1.234 đảng viên")
	if strings.Contains(last.Text, "hiệu lực") || strings.Contains(last.Text, "đã cũ") {
		t.Errorf("the retry said the button is old: %q", last.Text)
	}
	if figs := h.figures("CT01.1"); len(figs) != 1 {
		t.Errorf("saved %d figures", len(figs))
	}
}

func TestARetriedCorrectionIsNoConflict(t *testing.T) {
	h := newHarness(t, nil)
	h.api = noRetries
	h.restart()
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 41")
	h.say(reporter, "/sua")
	h.press(reporter, "CT01.1")
	h.say(reporter, "45")
	before, err := h.store.Chats.Conversation(context.Background(), reporter.ID)
	if err != nil {
		t.Fatal(err)
	}
	h.srv.Fail(telegramtest.Fault{Method: "sendMessage", Code: 502})
	h.say(reporter, "gõ nhầm")
	contains(t, h.last(reporter), "41 đảng viên → 45 đảng viên")

	// The conversation was not ended (Redis failed just then): the same
	// reason again is the same correction, not a conflict.
	h.store.Chats.Save(context.Background(), reporter.ID, before, time.Hour)
	h.say(reporter, "gõ nhầm")
	contains(t, h.last(reporter), "41 đảng viên → 45 đảng viên")
	figs := h.figures("CT01.1")
	if len(figs) != 1 || figs[0].Version != 2 {
		t.Errorf("after a retried correction: %+v", figs)
	}
}

func TestARetriedInviteShowsTheSameLink(t *testing.T) {
	h := newHarness(t, nil)
	h.api = noRetries
	h.restart()
	h.say(admin, "/moi")
	h.press(admin, "Cán bộ phụ trách")
	h.srv.Fail(telegramtest.Fault{Method: "editMessageText", Code: 502})
	h.press(admin, "BTC")
	contains(t, h.last(admin), "https://t.me/chitieu_test_bot?start=")
	invites := 0
	for _, m := range h.srv.Sent(admin.ID) {
		invites += strings.Count(m.Text, "?start=")
	}
	if invites != 1 {
		t.Errorf("%d invite links shown, want 1", invites)
	}
}

// TestEveryTooManyRequestsIsCounted: each 429 the Bot API answers is
// counted, whether the call is tried again after its retry_after (a
// reply) or the poll pauses (getUpdates).
func TestEveryTooManyRequestsIsCounted(t *testing.T) {
	h := newHarness(t, nil)
	var o observed
	var met atomic.Int64
	h.api = []bot.APIOption{bot.WithTooMany(func() { met.Add(1) }), bot.WithSleep(o.sleep)}
	h.tune = o.tune
	h.srv.Fail(telegramtest.Fault{Method: "getUpdates", Code: 429, RetryAfter: 10})
	h.restart()
	h.srv.Fail(telegramtest.Fault{Method: "sendMessage", Chat: admin.ID, Code: 429, RetryAfter: 3, Times: 5})
	h.say(admin, "/trogiup")
	contains(t, h.lastText(admin), "/moi")
	if n := met.Load(); n != 6 {
		t.Errorf("%d answers 429 counted, want 6 (five on a reply, one on getUpdates)", n)
	}
	if !o.paused(3 * time.Second) {
		t.Errorf("the reply did not wait its retry_after: %v", o.pauses)
	}
}
