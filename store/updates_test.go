package store_test

import (
	"errors"
	"testing"
	"time"

	"chitieu/store"
	"chitieu/store/storetest"
)

func TestAnUpdateIsClaimedByOneInstance(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		other := storetest.Reopen(t, s)
		if c, err := s.Updates.Claim(ctx, 77, "a", time.Minute); c != store.Claimed || err != nil {
			t.Fatalf("first claim: %v %v", c, err)
		}
		if c, _ := other.Updates.Claim(ctx, 77, "b", time.Minute); c != store.Busy {
			t.Errorf("a second instance's claim: %v", c)
		}
		if seen, _ := s.Updates.Handled(ctx, 77); seen {
			t.Error("a claim counted as handled")
		}
		if c, _ := s.Updates.Claim(ctx, 77, "a", time.Minute); c != store.Held {
			t.Errorf("the holder's claim again: %v", c)
		}
		s.Updates.Release(ctx, 77, "a")
		if c, _ := other.Updates.Claim(ctx, 77, "b", time.Minute); c != store.Claimed {
			t.Errorf("a claim after a release: %v", c)
		}
		if first, err := other.Updates.Finish(ctx, 77); !first || err != nil {
			t.Errorf("mark after a claim: %v %v", first, err)
		}
		s.Updates.Release(ctx, 77, "b")
		if c, _ := s.Updates.Claim(ctx, 77, "a", time.Minute); c != store.Done {
			t.Errorf("a claim after it was handled: %v", c)
		}
		if seen, _ := s.Updates.Handled(ctx, 77); !seen {
			t.Error("a handled update not seen")
		}
	})
}

func TestOnlyItsOwnerRenewsAClaim(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		s.Updates.Claim(ctx, 78, "a", time.Minute)
		if held, err := s.Updates.Renew(ctx, 78, "a", time.Hour); !held || err != nil {
			t.Errorf("the owner's renewal: %v %v", held, err)
		}
		if held, _ := s.Updates.Renew(ctx, 78, "b", time.Hour); held {
			t.Error("another instance renewed the claim")
		}
		s.Updates.Finish(ctx, 78)
		if held, _ := s.Updates.Renew(ctx, 78, "a", time.Hour); held {
			t.Error("a handled update's mark was renewed as a claim")
		}
		if seen, _ := s.Updates.Handled(ctx, 78); !seen {
			t.Error("a renewal undid the mark")
		}
		if held, _ := s.Updates.Renew(ctx, 79, "a", time.Hour); held {
			t.Error("an update never claimed was renewed")
		}
	})
}

func TestTheInboxKeepsUpdatesUntilHandled(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		if err := s.Updates.Receive(ctx, map[int][]byte{5: []byte(`{"update_id":5}`), 6: []byte(`{"update_id":6}`)}); err != nil {
			t.Fatal(err)
		}
		s.Updates.Finish(ctx, 5)
		in, err := storetest.Reopen(t, s).Updates.Inbox(ctx)
		if err != nil || len(in) != 1 || string(in[6]) != `{"update_id":6}` {
			t.Errorf("inbox %v, %v", in, err)
		}
	})
}

func TestTriesCountTheRunsThatDied(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		s.Updates.Claim(ctx, 9, "a", time.Minute)
		s.Updates.Try(ctx, 9)
		s.Updates.Release(ctx, 9, "a") // a passing failure: not a death
		s.Updates.Try(ctx, 9)          // a run that died
		if n, err := s.Updates.Try(ctx, 9); n != 2 || err != nil {
			t.Errorf("tries %d, %v; want 2", n, err)
		}
		s.Updates.Finish(ctx, 9)
		if n, _ := s.Updates.Try(ctx, 9); n != 1 {
			t.Errorf("tries after handled %d", n)
		}
	})
}

func TestBeginClaimsCountsTheTryAndReads(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		other := storetest.Reopen(t, s)
		begin := store.Begin{Update: 31, Owner: "a", TTL: time.Minute, Person: 7, Chat: 7}
		got, err := s.Updates.Begin(ctx, begin)
		if err != nil || got.Claim != store.Claimed || got.Tries != 1 {
			t.Fatalf("first: %+v %v", got, err)
		}
		if _, err := got.Person(); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a stranger: %v", err)
		}
		if _, err := got.Conversation(); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("no conversation: %v", err)
		}
		s.People.EnsureAdmin(ctx, store.Profile{ID: 7, Name: "Lan"})
		s.Chats.Save(ctx, 7, []byte(`{"step":2}`), time.Minute)
		if got, _ := other.Updates.Begin(ctx, store.Begin{Update: 31, Owner: "b", TTL: time.Minute}); got.Claim != store.Busy {
			t.Errorf("another instance's: %+v", got)
		}
		got, err = s.Updates.Begin(ctx, begin)
		if err != nil || got.Claim != store.Held || got.Tries != 0 {
			t.Errorf("the holder's again: %+v %v", got, err)
		}
		if u, err := got.Person(); u.Name != "Lan" || err != nil {
			t.Errorf("person %+v %v", u, err)
		}
		if c, err := got.Conversation(); string(c) != `{"step":2}` || err != nil {
			t.Errorf("conversation %q %v", c, err)
		}
		s.Updates.Finish(ctx, 31)
		if got, _ := other.Updates.Begin(ctx, store.Begin{Update: 31, Owner: "b", TTL: time.Minute}); got.Claim != store.Done {
			t.Errorf("after it was handled: %+v", got)
		}
	})
}

func TestBeginCountsTheRunsThatDied(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		begin := store.Begin{Update: 32, Owner: "a", TTL: time.Minute}
		s.Updates.Begin(ctx, begin)
		s.Updates.Release(ctx, 32, "a") // a passing failure: not a death
		s.Updates.Try(ctx, 32)          // a run that died
		if got, err := s.Updates.Begin(ctx, begin); got.Claim != store.Claimed || got.Tries != 2 || err != nil {
			t.Errorf("after a death: %+v %v; want claimed, 2 tries", got, err)
		}
		s.Updates.Finish(ctx, 32)
		if n, _ := s.Updates.Try(ctx, 32); n != 1 {
			t.Errorf("tries after handled %d", n)
		}
	})
}

func TestAReleaseAfterTheMarkLeavesNoCount(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		s.Updates.Begin(ctx, store.Begin{Update: 33, Owner: "a", TTL: time.Minute})
		s.Updates.Finish(ctx, 33)
		s.Updates.Release(ctx, 33, "a")
		if n, _ := s.Updates.Try(ctx, 33); n != 1 {
			t.Errorf("a try after a release of a finished update is %d, want 1", n)
		}
	})
}

func TestMarkingHandledIsOneRoundTrip(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		trips := storetest.RoundTrips(s)
		s.Updates.Finish(ctx, 1) // loads the script
		s.Updates.Begin(ctx, store.Begin{Update: 34, Owner: "a", TTL: time.Minute, Person: 7, Chat: 7})
		before := trips()
		s.Updates.Begin(ctx, store.Begin{Update: 35, Owner: "a", TTL: time.Minute, Person: 7, Chat: 7})
		if n := trips() - before; n != 1 {
			t.Errorf("Begin took %d round trips, want 1", n)
		}
		before = trips()
		if first, err := s.Updates.Finish(ctx, 35); !first || err != nil {
			t.Errorf("mark: %v %v", first, err)
		}
		if n := trips() - before; n != 1 {
			t.Errorf("MarkHandled took %d round trips, want 1", n)
		}
	})
}

func TestAConversationAndTheMarkShareARoundTrip(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		trips := storetest.RoundTrips(s)
		keep := store.ConversationWrite{Chat: 7, State: []byte(`{"step":2}`), TTL: time.Minute}
		if first, err := s.Updates.FinishWith(ctx, 36, keep); !first || err != nil { // loads the script
			t.Fatalf("first: %v %v", first, err)
		}
		if c, _ := s.Chats.Conversation(ctx, 7); string(c) != `{"step":2}` {
			t.Errorf("conversation kept: %q", c)
		}
		before := trips()
		if first, err := s.Updates.FinishWith(ctx, 37, store.ConversationWrite{Chat: 7}); !first || err != nil {
			t.Errorf("ending: %v %v", first, err)
		}
		if n := trips() - before; n != 1 {
			t.Errorf("%d round trips, want 1", n)
		}
		if _, err := s.Chats.Conversation(ctx, 7); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("conversation not ended: %v", err)
		}
		for _, id := range []int{36, 37} {
			if seen, _ := s.Updates.Handled(ctx, id); !seen {
				t.Errorf("update %d not marked", id)
			}
		}
	})
}
