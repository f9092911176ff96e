package store_test

import (
	"testing"
	"time"

	"chitieu/store"
	"chitieu/store/storetest"
)

func TestAnUpdateIsClaimedByOneInstance(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		other := storetest.Reopen(t, s)
		if c, err := s.ClaimUpdate(ctx, 77, "a", time.Minute); c != store.Claimed || err != nil {
			t.Fatalf("first claim: %v %v", c, err)
		}
		if c, _ := other.ClaimUpdate(ctx, 77, "b", time.Minute); c != store.Busy {
			t.Errorf("a second instance's claim: %v", c)
		}
		if seen, _ := s.Handled(ctx, 77); seen {
			t.Error("a claim counted as handled")
		}
		if c, _ := s.ClaimUpdate(ctx, 77, "a", time.Minute); c != store.Held {
			t.Errorf("the holder's claim again: %v", c)
		}
		s.ReleaseUpdate(ctx, 77, "a")
		if c, _ := other.ClaimUpdate(ctx, 77, "b", time.Minute); c != store.Claimed {
			t.Errorf("a claim after a release: %v", c)
		}
		if first, err := other.MarkHandled(ctx, 77); !first || err != nil {
			t.Errorf("mark after a claim: %v %v", first, err)
		}
		s.ReleaseUpdate(ctx, 77, "b")
		if c, _ := s.ClaimUpdate(ctx, 77, "a", time.Minute); c != store.Done {
			t.Errorf("a claim after it was handled: %v", c)
		}
		if seen, _ := s.Handled(ctx, 77); !seen {
			t.Error("a handled update not seen")
		}
	})
}

func TestTheInboxKeepsUpdatesUntilHandled(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		if err := s.Receive(ctx, map[int][]byte{5: []byte(`{"update_id":5}`), 6: []byte(`{"update_id":6}`)}); err != nil {
			t.Fatal(err)
		}
		s.MarkHandled(ctx, 5)
		in, err := storetest.Reopen(t, s).Inbox(ctx)
		if err != nil || len(in) != 1 || string(in[6]) != `{"update_id":6}` {
			t.Errorf("inbox %v, %v", in, err)
		}
	})
}

func TestTriesCountTheRunsThatDied(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		s.ClaimUpdate(ctx, 9, "a", time.Minute)
		s.TryUpdate(ctx, 9)
		s.ReleaseUpdate(ctx, 9, "a") // a passing failure: not a death
		s.TryUpdate(ctx, 9)          // a run that died
		if n, err := s.TryUpdate(ctx, 9); n != 2 || err != nil {
			t.Errorf("tries %d, %v; want 2", n, err)
		}
		s.MarkHandled(ctx, 9)
		if n, _ := s.TryUpdate(ctx, 9); n != 1 {
			t.Errorf("tries after handled %d", n)
		}
	})
}
