//go:build soak

package soak

import (
	"context"
	"strings"
	"testing"
	"time"

	"chitieu/telegramtest"
)

// presser reports a figure that needs a press of ✅ Lưu (1.234 reads two
// ways) on an indicator of the BTC.
var presser = telegramtest.User{ID: 800999, FirstName: "Cán bộ bấm nút", Lang: "vi"}

const pressed = "CT01.1"

// faults has the Bot API refuse every answerCallbackQuery, answer one
// getUpdates 429, hand over an update that does not decode and hang one
// chat's sendMessage, while the other reporters report and a press saves a
// figure: every report is confirmed once, and none waits for the hung
// chat, which gets its reply once Telegram answers.
func (env *env) faults(t *testing.T, tl *tally) {
	env.srv.Fail(telegramtest.Fault{Method: "answerCallbackQuery", Code: 400, Times: 1000})
	env.srv.Fail(telegramtest.Fault{Method: "getUpdates", Code: 429, RetryAfter: 2})
	env.srv.SendRaw(`{"message":{"message_id":1,"date":1,"chat":{"id":"abc","type":"private"},"text":"CT04.1: 100%"}}`)
	hold := make(chan struct{})
	hung := reporterOf(0)
	env.srv.Fail(telegramtest.Fault{Method: "sendMessage", Chat: hung.ID, Hold: hold})
	hungDone := make(chan struct{})
	go func() { defer close(hungDone); env.report(t, tl, hung, targets[0].code+": 100%") }()
	var others []int
	for i := 1; i < *reporters; i++ {
		others = append(others, i)
	}
	start := time.Now()
	env.roundOf(t, tl, others, 0) // each waits up to 90 s for its reply: none may wait for the hung chat
	env.pressToSave(t, tl, presser)
	t.Logf("faults: the other chats were served in %v while one chat hung", time.Since(start).Round(time.Millisecond))
	select {
	case <-hungDone:
		t.Error("the hung chat was answered before Telegram answered")
	default:
	}
	close(hold)
	<-hungDone
}

// pressToSave reports a figure that asks to be confirmed and presses
// ✅ Lưu: the figure is saved though Telegram refuses to answer the press.
func (env *env) pressToSave(t *testing.T, tl *tally, u telegramtest.User) {
	before := len(env.srv.Sent(u.ID))
	id := env.srv.SendText(u, pressed+": 1.234")
	tl.sent.Add(1)
	var button *telegramtest.Button
	var on int
	env.srv.Wait(context.Background(), u.ID, 90*time.Second, func(ms []telegramtest.Message) bool {
		for _, m := range ms[min(before, len(ms)):] {
			for _, row := range m.Keyboard {
				for _, b := range row {
					if strings.Contains(b.Text, "Lưu") {
						button, on = &b, m.ID
						return true
					}
				}
			}
		}
		return false
	})
	if button == nil {
		t.Errorf("%s: 1.234 was not offered to confirm", pressed)
		tl.confirmed.Add(1) // counted as lost by the key, not twice
		return
	}
	now := len(env.srv.Sent(u.ID))
	env.srv.Press(u, on, button.Data)
	env.confirmed(t, tl, u, now, env.srv.MessageOf(id), "the press of ✅ Lưu")
}
