package store_test

import (
	"errors"
	"testing"

	"chitieu/indicator"
	"chitieu/plans"
	"chitieu/store"
	"chitieu/store/storetest"
)

func TestOrphanedFiguresAreFoundUntilArchived(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		plan := examplePlan(t)
		save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 1, 31), Value: 8, By: 7, Key: "k1"})
		save(t, s, store.NewFigure{Indicator: "CT09.9", Date: d(2023, 1, 31), Value: 1, By: 7, Key: "k2"})
		save(t, s, store.NewFigure{Indicator: "CT09.9", Date: d(2023, 2, 28), Value: 2, By: 7, Key: "k3"})
		gaps, err := s.Plans.Compare(ctx, plan)
		if err != nil || len(gaps.Orphans) != 1 || gaps.Orphans[0] != (store.Orphan{Code: "CT09.9", Figures: 2}) || gaps.OK() {
			t.Fatalf("orphans %+v, %v; want CT09.9 with 2 figures", gaps.Orphans, err)
		}
		if err := s.Plans.Archive(ctx, "CT09.9", 0, "chỉ tiêu nhiệm kỳ trước"); err != nil {
			t.Fatal(err)
		}
		if gaps, _ := s.Plans.Compare(ctx, plan); !gaps.OK() {
			t.Errorf("archived, still %+v", gaps)
		}
		if err := s.Plans.Unarchive(ctx, "CT09.9", 0); err != nil {
			t.Fatal(err)
		}
		if gaps, _ := s.Plans.Compare(ctx, plan); len(gaps.Orphans) != 1 {
			t.Errorf("archive undone: orphans %+v, want CT09.9 again", gaps.Orphans)
		}
		if err := s.Plans.Unarchive(ctx, "CT09.9", 0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("undoing twice: %v, want not found", err)
		}
		log, _ := s.Audit.Entries(ctx, 2, "")
		if len(log) != 2 || log[0].Action != "code.unarchive" || log[1].Action != "code.archive" || log[1].Subject != "code:CT09.9" {
			t.Errorf("audit %+v", log)
		}
	})
}

func TestARenamedCodeKeepsItsFigures(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		plan := examplePlan(t)
		save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 1, 31), Value: 8, By: 7, Key: "k1"})
		save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 3, 31), Value: 6, By: 7, Key: "k3"})
		ind := plan.Indicator("CT01.1")
		ind.Code, ind.Formerly = "CT01.1a", []string{"CT01.1"}
		save(t, s, store.NewFigure{Indicator: "CT01.1a", Date: d(2023, 2, 28), Value: 7, By: 7, Key: "k2"})
		if gaps, err := s.Plans.Compare(ctx, plan); err != nil || !gaps.OK() {
			t.Fatalf("a mapped code: %+v, %v", gaps, err)
		}
		s.Follow(plan)
		figs, err := s.Figures.Records(ctx, "CT01.1a", y2023)
		if err != nil || len(figs) != 3 || figs[0].Value != 8 || figs[1].Value != 7 || figs[2].Value != 6 {
			t.Fatalf("figures %+v, %v; want 8, 7, 6 in date order", figs, err)
		}
		if plan.Indicator("CT01.1") != ind {
			t.Error("the former code does not find the indicator")
		}
	})
}

func TestAChangedKindOrUnitIsRefused(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		plan := examplePlan(t)
		if err := s.Plans.Record(ctx, plan); err != nil {
			t.Fatal(err)
		}
		save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 1, 31), Value: 8, By: 7, Key: "k1"})
		ind := plan.Indicator("CT01.1")
		ind.UnitOfMeasure = "chi bộ"
		plan.Indicator("CT01.2").Kind = indicator.Count // no figures: nothing to misread
		gaps, err := s.Plans.Compare(ctx, plan)
		if err != nil || len(gaps.Reshaped) != 1 || gaps.Reshaped[0].Code != "CT01.1" || gaps.Reshaped[0].Now.Unit != "chi bộ" {
			t.Fatalf("reshaped %+v, %v; want CT01.1's unit", gaps.Reshaped, err)
		}
	})
}

// TestAChangedKindIsRefusedWithNoServeEverRun: figures imported under an
// applied plan version, with no serve to record the plan's shapes, are
// still guarded: the version tells the kind they were saved under.
func TestAChangedKindIsRefusedWithNoServeEverRun(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, _ *storetest.Clock) {
		if _, _, err := s.Plans.Apply(ctx, plans.Example, 0, "Đại hội VI"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Figures.Import(ctx, 0, []store.NewFigure{{Indicator: "CT01.1", Date: d(2023, 1, 31), Value: 8, Key: "k1"}}); err != nil {
			t.Fatal(err)
		}
		plan := examplePlan(t)
		plan.Indicator("CT01.1").Kind = indicator.Level
		gaps, err := s.Plans.Compare(ctx, plan)
		if err != nil || len(gaps.Reshaped) != 1 || gaps.Reshaped[0].Code != "CT01.1" || gaps.Reshaped[0].Was.Kind != "count" {
			t.Fatalf("reshaped %+v, %v; want CT01.1 from count", gaps.Reshaped, err)
		}
	})
}
