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
		first, err := s.ClaimRun(ctx, "digest", at)
		second, _ := s.ClaimRun(ctx, "digest", at.Add(20*time.Second))
		next, _ := s.ClaimRun(ctx, "digest", at.AddDate(0, 0, 7))
		if !first || err != nil || second || !next {
			t.Errorf("claims: %v %v %v (%v)", first, second, next, err)
		}
	})
}

func TestSnapshotsAndGroups(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		var got map[string]string
		if ok, _ := s.LoadSnapshot(ctx, "digest", &got); ok {
			t.Error("a snapshot before any was kept")
		}
		s.Snapshot(ctx, "digest", map[string]string{"CT01.1": "at_risk"})
		if ok, err := s.LoadSnapshot(ctx, "digest", &got); !ok || err != nil || got["CT01.1"] != "at_risk" {
			t.Errorf("snapshot %v %v %v", ok, got, err)
		}
		s.AddGroup(ctx, 1, -100123, "Thường trực Quận ủy")
		s.AddGroup(ctx, 1, -100456, "Lãnh đạo UBND")
		s.RemoveGroup(ctx, 1, -100456)
		groups, err := s.Groups(ctx)
		if err != nil || len(groups) != 1 || groups[-100123] != "Thường trực Quận ủy" {
			t.Errorf("groups %v %v", groups, err)
		}
		entries, _ := s.Audit(ctx, 5, "")
		if len(entries) != 3 || entries[0].Action != "group.remove" {
			t.Errorf("audit %+v", entries)
		}
	})
}
