package store_test

import (
	"testing"
	"time"

	"chitieu/store"
	"chitieu/store/storetest"
)

func TestJobsRunOncePerOccurrence(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		at := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
		first, err := s.Jobs.Claim(ctx, "digest", at, "a", time.Minute)
		second, _ := s.Jobs.Claim(ctx, "digest", at.Add(20*time.Second), "b", time.Minute)
		next, _ := s.Jobs.Claim(ctx, "digest", at.AddDate(0, 0, 7), "b", time.Minute)
		if !first.Mine || err != nil || second.Mine || second.Held <= 0 || second.Held > time.Minute || !next.Mine {
			t.Errorf("claims: %+v %+v %+v (%v)", first, second, next, err)
		}
		s.Jobs.Release(ctx, "digest", at, "b") // not b's: nothing happens
		if c, _ := s.Jobs.Claim(ctx, "digest", at, "b", time.Minute); c.Mine {
			t.Error("a claim was released by another owner")
		}
		s.Jobs.Release(ctx, "digest", at, "a")
		if c, _ := s.Jobs.Claim(ctx, "digest", at, "b", time.Minute); !c.Mine {
			t.Error("a released claim cannot be taken again")
		}
		s.Jobs.Finish(ctx, "digest", at)
		if c, _ := s.Jobs.Claim(ctx, "digest", at, "c", time.Minute); c.Mine || c.Held != 0 {
			t.Errorf("a run that is done: %+v", c)
		}
	})
}

func TestSchedulingSince(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		first, err := s.Jobs.SchedulingSince(ctx, start)
		later, _ := s.Jobs.SchedulingSince(ctx, start.Add(time.Hour))
		if err != nil || !first.Equal(start) || !later.Equal(start) {
			t.Errorf("since %v then %v (%v)", first, later, err)
		}
	})
}

func TestSnapshotsAndGroups(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		var got map[string]string
		if ok, _ := s.Jobs.LoadSnapshot(ctx, "digest", &got); ok {
			t.Error("a snapshot before any was kept")
		}
		s.Jobs.Snapshot(ctx, "digest", map[string]string{"CT01.1": "at_risk"})
		if ok, err := s.Jobs.LoadSnapshot(ctx, "digest", &got); !ok || err != nil || got["CT01.1"] != "at_risk" {
			t.Errorf("snapshot %v %v %v", ok, got, err)
		}
		s.People.AddGroup(ctx, 1, -100123, "Thường trực Quận ủy")
		s.People.AddGroup(ctx, 1, -100456, "Lãnh đạo UBND")
		s.People.RemoveGroup(ctx, 1, -100456)
		groups, err := s.People.Groups(ctx)
		if err != nil || len(groups) != 1 || groups[-100123] != "Thường trực Quận ủy" {
			t.Errorf("groups %v %v", groups, err)
		}
		entries, _ := s.Audit.Entries(ctx, 5, "")
		if len(entries) != 3 || entries[0].Action != "group.remove" {
			t.Errorf("audit %+v", entries)
		}
	})
}
