package store_test

import (
	"strings"
	"testing"
	"time"

	"chitieu/store"
	"chitieu/store/storetest"
)

func TestOutbox(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		pushes := []store.Push{
			{Key: "digest:2026-W48:1", Chat: 1, Kind: "digest", Text: "<b>Tổng hợp</b>", HTML: true},
			{Key: "digest:2026-W48:2", Chat: 2, Kind: "digest", Text: "b"},
		}
		if n, err := s.Pushes.Enqueue(ctx, pushes...); n != 2 || err != nil {
			t.Fatalf("enqueue: %d, %v", n, err)
		}
		if n, _ := s.Pushes.Enqueue(ctx, pushes[0]); n != 0 {
			t.Error("a push with a known key was queued again")
		}
		got, err := s.Pushes.Claim(ctx, "a", 10, 0, time.Minute)
		if err != nil || len(got) != 2 || got[0].Text != "<b>Tổng hợp</b>" || !got[0].HTML || got[0].ID == "" {
			t.Fatalf("claim: %+v, %v", got, err)
		}
		if again, _ := s.Pushes.Claim(ctx, "b", 10, 0, time.Minute); len(again) != 0 {
			t.Errorf("claimed pushes were handed out again while fresh: %+v", again)
		}
		s.Pushes.Ack(ctx, got[0])
		if state, _ := s.Pushes.State(ctx, got[0].Key); state != store.PushSent {
			t.Errorf("after ack: %q", state)
		}
		if n, _ := s.Pushes.Enqueue(ctx, pushes[0]); n != 0 {
			t.Error("a sent push was queued again")
		}
		depth, _ := s.Pushes.Depth(ctx)
		if depth != 1 {
			t.Errorf("depth = %d, want 1 still in hand", depth)
		}
	})
}

func TestOutboxTakesOverFromADeadSender(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		s.Pushes.Enqueue(ctx, store.Push{Key: "k1", Chat: 1, Text: "x"})
		dead, _ := s.Pushes.Claim(ctx, "dead", 10, 0, time.Minute)
		if len(dead) != 1 {
			t.Fatalf("claimed %d", len(dead))
		}
		// Redis's own clock says how long the dead sender has been silent:
		// within the stale time its push is left to it, past it (here 0,
		// so that no test waits) it is taken over.
		if early, err := s.Pushes.Claim(ctx, "alive", 10, 0, time.Hour); err != nil || len(early) != 0 {
			t.Fatalf("taken before the sender was silent long enough: %+v, %v", early, err)
		}
		taken, err := s.Pushes.Claim(ctx, "alive", 10, 0, 0)
		if err != nil || len(taken) != 1 || taken[0].Key != "k1" {
			t.Fatalf("take over: %+v, %v", taken, err)
		}
		s.Pushes.Ack(ctx, taken[0])
		if depth, _ := s.Pushes.Depth(ctx); depth != 0 {
			t.Errorf("depth after ack = %d", depth)
		}
	})
}

func TestOutboxRescheduleAndFail(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		s.Pushes.Enqueue(ctx, store.Push{Key: "k1", Chat: 1, Text: "x"}, store.Push{Key: "k2", Chat: 2, Text: "y"})
		got, _ := s.Pushes.Claim(ctx, "a", 10, 0, time.Minute)
		later := start.Add(10 * time.Hour)
		if err := s.Pushes.Reschedule(ctx, got[0], later, true); err != nil {
			t.Fatal(err)
		}
		s.Pushes.Fail(ctx, got[1], "403 Forbidden: bot was blocked by the user")
		if again, _ := s.Pushes.Claim(ctx, "a", 10, 0, time.Minute); len(again) != 0 {
			t.Errorf("a deferred push was handed out before its time: %+v", again)
		}
		if depth, _ := s.Pushes.Depth(ctx); depth != 1 {
			t.Errorf("depth with one deferred = %d", depth)
		}
		if n, _ := s.Pushes.Promote(ctx, later.Add(-time.Second)); n != 0 {
			t.Errorf("promoted %d before their time", n)
		}
		if n, _ := s.Pushes.Promote(ctx, later); n != 1 {
			t.Errorf("promoted %d at their time, want 1", n)
		}
		back, _ := s.Pushes.Claim(ctx, "a", 10, 0, time.Minute)
		if len(back) != 1 || back[0].Key != "k1" || back[0].Attempts != 1 || !back[0].NotBefore.Equal(later) {
			t.Errorf("rescheduled = %+v", back)
		}
		state, _ := s.Pushes.State(ctx, "k2")
		if !strings.HasPrefix(state, store.PushFailed) || !strings.Contains(state, "403") {
			t.Errorf("failed push state = %q", state)
		}
		if state, _ := s.Pushes.State(ctx, "never"); state != "" {
			t.Errorf("unknown key state = %q", state)
		}
	})
}
