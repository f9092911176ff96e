package store_test

import (
	"testing"
	"time"

	"chitieu/store"
	"chitieu/store/storetest"
)

func TestAlerts(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		a := store.Alert{Indicator: "CT01.1", Status: "off_track", Since: start, LastSent: start}
		s.Alerts.Put(ctx, a)
		s.Alerts.Put(ctx, store.Alert{Indicator: "CT03.1", Status: "on_track"})
		got, err := s.Alerts.All(ctx)
		if err != nil || len(got) != 2 || !got["CT01.1"].LastSent.Equal(start) || got["CT03.1"].Status != "on_track" {
			t.Errorf("alerts = %+v, %v", got, err)
		}
	})
}

// TestSwapAlertLosesToAnEarlierWriter: two checks read the same state; the
// first to write wins, the second is told to read again.
func TestSwapAlertLosesToAnEarlierWriter(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		first, _ := s.Alerts.Of(ctx, "CT01.1")
		second, _ := s.Alerts.Of(ctx, "CT01.1")
		off := store.Alert{Indicator: "CT01.1", Status: "off_track", Since: start, LastSent: start}
		stored, ok, err := s.Alerts.Swap(ctx, first, off)
		if !ok || err != nil {
			t.Fatalf("first swap: %v %v", ok, err)
		}
		if _, ok, err := s.Alerts.Swap(ctx, second, off); ok || err != nil {
			t.Errorf("a swap from a stale read won: %v %v", ok, err)
		}
		again, _ := s.Alerts.Of(ctx, "CT01.1")
		if again.Status != "off_track" {
			t.Errorf("read again: %+v", again)
		}
		back := store.Alert{Indicator: "CT01.1", Status: "on_track", Since: start.Add(time.Hour)}
		if _, ok, _ := s.Alerts.Swap(ctx, stored, back); !ok {
			t.Error("a swap from the state as written lost")
		}
	})
}

// TestASilenceMadeDuringACheckSurvives: a leader silences an indicator
// between a check's read and its write; the check's write keeps it.
func TestASilenceMadeDuringACheckSurvives(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		read, _ := s.Alerts.Of(ctx, "CT01.1")
		until := start.AddDate(0, 0, 7)
		if err := s.Alerts.Silence(ctx, store.Silence{Indicator: "CT01.1", Leader: 8, Until: until, By: 8}); err != nil {
			t.Fatal(err)
		}
		s.Alerts.Swap(ctx, read, store.Alert{Indicator: "CT01.1", Status: "off_track", Since: start})
		qs, err := s.Alerts.Silences(ctx, start)
		if err != nil || len(qs["CT01.1"]) != 1 || !store.Silenced(qs["CT01.1"], 8, start) || store.Silenced(qs["CT01.1"], 9, start) {
			t.Fatalf("silences after the check wrote: %+v %v", qs, err)
		}
		if store.Silenced(qs["CT01.1"], store.Everyone, start) {
			t.Error("one leader's silence silenced everyone")
		}
		s.Alerts.Silence(ctx, store.Silence{Indicator: "CT01.1", Leader: 8, By: 8})
		if qs, _ := s.Alerts.Silences(ctx, start); len(qs["CT01.1"]) != 0 {
			t.Errorf("the silence was not lifted: %+v", qs)
		}
		entries, _ := s.Audit.Entries(ctx, 10, "")
		if len(entries) != 2 || entries[1].Action != "alert.silence" || entries[0].Action != "alert.unsilence" {
			t.Errorf("audit: %+v", entries)
		}
	})
}
