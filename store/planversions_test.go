package store_test

import (
	"testing"

	"chitieu/store"
	"chitieu/store/storetest"
)

func TestPlanVersions(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		if _, ok, err := s.Plans.Current(ctx); ok || err != nil {
			t.Fatalf("a new Redis has a plan: %v %v", ok, err)
		}
		v1, created, err := s.Plans.Apply(ctx, []byte("plan: a\n"), 0, "nhiệm kỳ 2020–2025")
		if err != nil || !created || v1.N != 1 || v1.Hash != store.PlanHash([]byte("plan: a\n")) {
			t.Fatalf("first version %+v %v %v", v1, created, err)
		}
		if v, created, _ := s.Plans.Apply(ctx, []byte("plan: a\n"), 5, "again"); created || v.N != 1 || v.Why != "nhiệm kỳ 2020–2025" {
			t.Errorf("the same content again made %+v", v)
		}
		v2, _, _ := s.Plans.Apply(ctx, []byte("plan: b\n"), 7, "Nghị quyết số 15")
		cur, ok, err := s.Plans.Current(ctx)
		if !ok || err != nil || cur.N != 2 || cur.Content != "plan: b\n" || cur.By != 7 || v2.N != 2 {
			t.Errorf("current %+v %v %v", cur, ok, err)
		}
		all, err := s.Plans.Versions(ctx)
		if err != nil || len(all) != 2 || all[0].Why != "nhiệm kỳ 2020–2025" || all[1].N != 2 || all[1].Content != "" {
			t.Errorf("versions %+v %v", all, err)
		}
		log, _ := s.Audit.Entries(ctx, 1, "")
		if len(log) != 1 || log[0].Action != "plan.apply" || log[0].Subject != "plan:2" || log[0].Actor != 7 {
			t.Errorf("audit %+v", log)
		}
	})
}

func TestSeedPlanKeepsTheFirst(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		a, err := s.Plans.Seed(ctx, []byte("plan: a\n"), "seed")
		if err != nil || a.N != 1 {
			t.Fatalf("seed %+v %v", a, err)
		}
		b, err := s.Plans.Seed(ctx, []byte("plan: b\n"), "seed")
		if err != nil || b.N != 1 || b.Hash != a.Hash {
			t.Errorf("a second seed replaced the first: %+v %v", b, err)
		}
	})
}
