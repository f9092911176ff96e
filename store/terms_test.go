package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"chitieu/indicator"
	"chitieu/plans"
	"chitieu/store"
	"chitieu/store/storetest"
)

// nextTerm is the 2025–2030 example plan's file.
func nextTerm(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "plans", plans.NextTermName))
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func saveOne(s *store.Store, code string, day indicator.Date, v float64, key string) error {
	_, _, err := s.SaveFigure(ctx, store.NewFigure{Indicator: code, Date: day, Value: v, By: 7, Source: "chat", Key: key})
	return err
}

func TestANewTermKeepsItsOwnFiguresAndFinishesTheOld(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		if _, err := s.SeedPlan(ctx, plans.Example, "seed"); err != nil {
			t.Fatal(err)
		}
		first, ok, err := s.CurrentTerm(ctx)
		if err != nil || !ok || first.ID != "2020-01-01..2025-12-31" || first.Name != "2020–2025" || first.Infix != "" {
			t.Fatalf("first term %+v %v %v", first, ok, err)
		}
		s.UseTerm(first)
		if err := saveOne(s, "CT01.1", indicator.NewDate(2025, 5, 31), 8, "a"); err != nil {
			t.Fatal(err)
		}
		stale := s.InTerm(first) // an instance that has not yet seen the next term
		v, created, err := s.ApplyPlan(ctx, nextTerm(t), 3, "Đại hội lần thứ VII")
		if err != nil || !created || v.Term != "2026-01-01..2030-12-31" {
			t.Fatalf("next term's plan: %+v %v %v", v, created, err)
		}
		all, _ := s.Terms(ctx)
		if len(all) != 2 || !all[0].Finished || all[0].Plan != 1 || all[1].Finished || all[1].Infix != "t2" || all[1].Name != "2025–2030" || all[1].Plan != 2 {
			t.Fatalf("terms %+v", all)
		}
		if err := saveOne(stale, "CT01.1", indicator.NewDate(2025, 6, 29), 5, "stale"); !errors.Is(err, store.ErrTermFinished) {
			t.Errorf("a figure saved into the finished term by an instance that did not see it finish: %v", err)
		}
		// The store still on the old term refuses a figure and an import.
		old := s.InTerm(all[0])
		if err := saveOne(old, "CT01.1", indicator.NewDate(2025, 6, 30), 5, "b"); !errors.Is(err, store.ErrTermFinished) {
			t.Errorf("a figure saved into the finished term: %v", err)
		}
		if _, err := s.ImportFigures(ctx, 0, []store.NewFigure{{Indicator: "CT01.1", Date: indicator.NewDate(2025, 6, 30), Value: 1, Key: "i"}}); !errors.Is(err, store.ErrTermFinished) {
			t.Errorf("an import into the finished term: %v", err)
		}
		s.UseTerm(all[1])
		if err := saveOne(s, "CT01.1", indicator.NewDate(2026, 2, 28), 4, "c"); err != nil {
			t.Fatal(err)
		}
		period := indicator.Period{From: indicator.NewDate(2019, 1, 1), To: indicator.NewDate(2031, 1, 1)}
		was, _ := old.Figures(ctx, "CT01.1", period)
		now, _ := s.Figures(ctx, "CT01.1", period)
		if len(was) != 1 || was[0].Value != 8 || len(now) != 1 || now[0].Value != 4 || now[0].ID == was[0].ID {
			t.Errorf("old term %+v, new term %+v", was, now)
		}
		plan, _ := indicator.Load(nextTerm(t))
		if gaps, err := s.ComparePlan(ctx, plan); err != nil || !gaps.OK() {
			t.Errorf("the new term's plan is compared with the old term's figures: %+v %v", gaps, err)
		}
		log, _ := s.Audit(ctx, 5, "")
		if !audited(log, "term.finish", "term:"+all[0].ID) || !audited(log, "term.start", "term:"+all[1].ID) {
			t.Errorf("audit %+v", log)
		}
	})
}

func audited(log []store.Entry, action, subject string) bool {
	for _, e := range log {
		if e.Action == action && e.Subject == subject {
			return true
		}
	}
	return false
}

func TestATermGoesOnlyForward(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		if _, err := s.SeedPlan(ctx, plans.Example, "seed"); err != nil {
			t.Fatal(err)
		}
		overlap := []byte("plan: x\ntitle: Kế hoạch 2024–2028\nterm: {from: 2024-01-01, to: 2028-12-31}\n")
		if _, _, err := s.ApplyPlan(ctx, overlap, 1, "x"); !errors.Is(err, store.ErrTermOrder) {
			t.Errorf("an overlapping term: %v", err)
		}
		if _, _, err := s.ApplyPlan(ctx, nextTerm(t), 1, "next"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.ApplyPlan(ctx, plans.Example, 1, "back"); !errors.Is(err, store.ErrTermOrder) {
			t.Errorf("going back to the finished term: %v", err)
		}
		if cur, _, _ := s.CurrentPlan(ctx); cur.N != 2 {
			t.Errorf("a refused plan became version %d", cur.N)
		}
		if found, err := s.FindTerm(ctx, "2020-2025"); err != nil || !found.Finished {
			t.Errorf("find 2020-2025: %+v %v", found, err)
		}
		if found, err := s.FindTerm(ctx, "2026–2030"); err != nil || found.Infix != "t2" {
			t.Errorf("find 2026–2030: %+v %v", found, err)
		}
	})
}

// Figures saved before the first plan version are the first term's: it
// keeps the keys from before terms.
func TestTheFirstTermKeepsTheKeysFromBeforeTerms(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		if err := saveOne(s, "CT01.1", indicator.NewDate(2025, 5, 31), 8, "a"); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.ApplyPlan(ctx, plans.Example, 0, "seed"); err != nil {
			t.Fatal(err)
		}
		all, err := s.Terms(ctx)
		if err != nil || len(all) != 1 || all[0].Infix != "" || all[0].Plan != 1 {
			t.Fatalf("terms %+v %v", all, err)
		}
		vs, _ := s.PlanVersions(ctx)
		if len(vs) != 1 || vs[0].Term != all[0].ID {
			t.Errorf("versions %+v", vs)
		}
		figs, err := s.InTerm(all[0]).Figures(ctx, "CT01.1", all[0].Period())
		if err != nil || len(figs) != 1 {
			t.Errorf("the first term reads %+v %v", figs, err)
		}
	})
}
