package main

import (
	"fmt"
	"strings"
	"testing"

	"chitieu/bot"
	"chitieu/reminders"
)

// TestEveryReplayEventHasItsWord: a replay's event is named by an id made
// of pieces ("replay.kind."+kind); each is in both catalogs.
func TestEveryReplayEventHasItsWord(t *testing.T) {
	c := &cli{}
	for _, lang := range []string{"vi", "en"} {
		p := c.catalog().Printer(lang)
		for _, kind := range []string{reminders.EventStatus, reminders.EventOverdue, reminders.EventAlert, reminders.EventRepeat,
			reminders.EventBack, reminders.EventCorrected, reminders.EventResult, reminders.EventRemind, reminders.EventNag,
			reminders.EventEscalate} {
			if id := "replay.kind." + kind; p.T(id) == id {
				t.Errorf("%s: no message %s", lang, id)
			}
		}
	}
}

// TestRefusalsSayWhatToDo: a Bot API that does not answer and a setting
// put before the command are each said as one Vietnamese sentence.
func TestRefusalsSayWhatToDo(t *testing.T) {
	if code, _, errOut := runCLI(t, map[string]string{}, "--lang", "en", "status"); code != 2 || !strings.Contains(errOut, "Tham số --lang đặt sau tên lệnh") {
		t.Errorf("a setting before the command: exit %d, %s", code, errOut)
	}
	c := &cli{}
	c.p = c.catalog().Printer("vi")
	if got := c.words(nil, fmt.Errorf("poll: %w", bot.ErrUnreachable)); !strings.Contains(got, "Không kết nối được tới Telegram") {
		t.Errorf("an unreachable Bot API: %s", got)
	}
}
