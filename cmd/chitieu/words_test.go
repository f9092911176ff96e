package main

import (
	"testing"

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
