package bot_test

import (
	"context"
	"testing"
	"time"

	"chitieu/store"
)

// TestASilenceIsOneLeadersAndEndsWithTheTerm: /tat 31/12/9999 silences
// the leader's alerts through the term's last day, not forever and not
// for anyone else; only an admin silences for all.
func TestASilenceIsOneLeadersAndEndsWithTheTerm(t *testing.T) {
	h := newHarness(t, nil)
	h.join(leader, store.Leader, "")
	h.say(leader, "/tat CT01.1 31/12/9999")
	contains(t, h.last(leader), "through 31/12/2025, the term's last day")
	silences, _ := h.store.Alerts.Silences(context.Background(), today)
	end := time.Date(2026, 1, 1, 0, 0, 0, 0, h.plan.Location)
	if qs := silences["CT01.1"]; len(qs) != 1 || qs[0].Leader != leader.ID || !qs[0].Until.Equal(end) {
		t.Fatalf("silences after /tat 31/12/9999: %+v", qs)
	}
	if store.Silenced(silences["CT01.1"], store.Everyone, today) || store.Silenced(silences["CT01.1"], 1234, today) {
		t.Error("one leader's silence keeps others' alerts quiet")
	}
	h.say(leader, "/tat CT01.1 31/12 tatca")
	contains(t, h.last(leader), "Only an admin")
	if silences, _ = h.store.Alerts.Silences(context.Background(), today); len(silences["CT01.1"]) != 1 {
		t.Errorf("a leader silenced for all: %+v", silences["CT01.1"])
	}

	h.say(admin, "/start")
	h.store.People.SetAccess(context.Background(), 0, admin.ID, []store.Role{store.Admin, store.Leader}, "")
	h.say(admin, "/tat CT01.1 31/12 tatca")
	contains(t, h.last(admin), "cho mọi lãnh đạo")
	silences, _ = h.store.Alerts.Silences(context.Background(), today)
	if !store.Silenced(silences["CT01.1"], store.Everyone, today) {
		t.Errorf("an admin's /tat … tatca did not silence everyone: %+v", silences["CT01.1"])
	}
	h.say(admin, "/bat CT01.1 tatca")
	silences, _ = h.store.Alerts.Silences(context.Background(), today)
	if store.Silenced(silences["CT01.1"], store.Everyone, today) || !store.Silenced(silences["CT01.1"], leader.ID, today) {
		t.Errorf("after /bat … tatca: %+v", silences["CT01.1"])
	}
}
