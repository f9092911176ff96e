package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"chitieu/indicator"
	"chitieu/store"
	"chitieu/store/storetest"
)

// TestCommitteesSpreadOverTheCluster: eight committees on the real
// three-master Cluster, each saving, correcting, reading and queueing a
// push with no cross-slot error, keep their keys on more than one master,
// and none reads another's figure of the same code.
func TestCommitteesSpreadOverTheCluster(t *testing.T) {
	if cluster == nil {
		t.Skip("no redis-server binary on PATH: cannot start a Redis Cluster")
	}
	prefix := storetest.Prefix()
	masters := map[string]bool{}
	rdb := redis.NewClusterClient(&redis.ClusterOptions{Addrs: cluster.Addrs, DisableIdentity: true})
	defer rdb.Close()
	for i := range 8 {
		code := fmt.Sprintf("phuong-%d", i)
		s := storetest.Open(t, store.Options{ClusterAddrs: cluster.Addrs, Prefix: prefix, Committee: code,
			Now: func() time.Time { return start }})
		f, _, err := s.Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: d(2026, 3, 1), Value: float64(i), By: 7, Key: "k"},
			s.Updates.Mark(100+i))
		if err != nil {
			t.Fatalf("%s: save: %v", code, err)
		}
		if _, err := s.Figures.Correct(ctx, indicator.Correction{ID: f.ID, Version: 1, Value: float64(10 + i), By: 7, Reason: "sửa"}); err != nil {
			t.Fatalf("%s: correct: %v", code, err)
		}
		a, err := s.Figures.Series(ctx, "CT01.1", []indicator.Period{{From: d(2026, 1, 1), To: d(2026, 12, 31)}})
		if err != nil {
			t.Fatalf("%s: read: %v", code, err)
		}
		if st := a.Stats(indicator.Period{From: d(2026, 1, 1), To: d(2026, 12, 31)}); st.N != 1 || st.Sum != float64(10+i) {
			t.Errorf("%s reads %+v: another committee's figure, or none", code, st)
		}
		if _, err := s.Pushes.Enqueue(ctx, store.Push{Key: "digest:" + code, Chat: 9, Text: "tổng hợp", Created: start}); err != nil {
			t.Fatalf("%s: enqueue: %v", code, err)
		}
		if got, err := s.Pushes.Claim(ctx, "sender", 5, 0, time.Minute); err != nil || len(got) != 1 || got[0].Key != "digest:"+code {
			t.Fatalf("%s: claimed %+v, %v", code, got, err)
		}
		if _, err := s.Updates.Finish(ctx, 100+i); err != nil {
			t.Fatalf("%s: finish: %v", code, err)
		}
		m, err := rdb.MasterForKey(ctx, "{"+prefix+"/"+code+"}:figures")
		if err != nil {
			t.Fatal(err)
		}
		masters[m.Options().Addr] = true
	}
	if len(masters) < 2 {
		t.Errorf("eight committees' figures sit on %d master(s): %v", len(masters), masters)
	}
}
