package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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
	_, _, err := s.Figures.Save(ctx, store.NewFigure{Indicator: code, Date: day, Value: v, By: 7, Source: "chat", Key: key})
	return err
}

// TestANextTermWaitsForItsFirstDayAndTheOldTakesLateFigures: a next
// term's plan applied ahead keeps the running term current until its first
// day; then the ended term still takes figures dated inside it until it
// closes (its last report's due day and the plan's grace), and only then
// refuses them. Each term keeps its own figures.
func TestANextTermWaitsForItsFirstDayAndTheOldTakesLateFigures(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		clock.Set(time.Date(2025, 10, 15, 9, 0, 0, 0, time.UTC))
		if _, err := s.Plans.Seed(ctx, plans.Example, "seed"); err != nil {
			t.Fatal(err)
		}
		first, ok, err := s.CurrentTerm(ctx)
		if err != nil || !ok || first.ID != "2020-01-01..2025-12-31" || first.Name != "2020–2025" || first.Infix != "" {
			t.Fatalf("first term %+v %v %v", first, ok, err)
		}
		plan, _ := indicator.Load(plans.Example)
		if first.Closes != plan.Closes() || first.Closes <= first.To || first.Zone != "Asia/Ho_Chi_Minh" {
			t.Errorf("the first term closes on %v (zone %q), want %v: its last report's due day and 30 days", first.Closes, first.Zone, plan.Closes())
		}
		s.UseTerm(first)
		if err := saveOne(s, "CT01.1", indicator.NewDate(2025, 5, 31), 8, "a"); err != nil {
			t.Fatal(err)
		}
		stale := s.InTerm(first) // an instance that has not seen the next term
		v, created, err := s.Plans.Apply(ctx, nextTerm(t), 3, "Đại hội lần thứ VII")
		if err != nil || !created || v.Term != "2026-01-01..2030-12-31" {
			t.Fatalf("next term's plan: %+v %v %v", v, created, err)
		}
		all, _ := s.Terms(ctx)
		if len(all) != 2 || all[0].Plan != 1 || all[1].Infix != "t2" || all[1].Name != "2025–2030" || all[1].Plan != 2 {
			t.Fatalf("terms %+v", all)
		}
		if cur, _, _ := s.CurrentTerm(ctx); cur.ID != first.ID {
			t.Errorf("on 15/10/2025 the current term is %s, want 2020–2025 until the next one's first day", cur.Name)
		}
		if n, _ := s.Plans.CurrentNumber(ctx); n != 1 {
			t.Errorf("the version in force on 15/10/2025 is %d, want 1", n)
		}
		if err := saveOne(stale, "CT01.1", indicator.NewDate(2025, 10, 15), 5, "b"); err != nil {
			t.Errorf("a figure of the running term, after the next term's plan was applied ahead: %v", err)
		}

		clock.Set(time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC)) // the next term has begun
		if cur, _, _ := s.CurrentTerm(ctx); cur.ID != all[1].ID {
			t.Errorf("on 2/1/2026 the current term is %s, want 2025–2030", cur.Name)
		}
		if n, _ := s.Plans.CurrentNumber(ctx); n != 2 {
			t.Errorf("the version in force on 2/1/2026 is %d, want 2", n)
		}
		if open, _ := s.OpenTerms(ctx); len(open) != 1 || open[0].ID != first.ID {
			t.Errorf("terms still taking figures: %+v, want 2020–2025", open)
		}
		if err := saveOne(stale, "CT01.1", indicator.NewDate(2025, 12, 25), 6, "late"); err != nil {
			t.Errorf("a late figure of the ended term: %v", err)
		}
		s.UseTerm(all[1])
		if err := saveOne(s, "CT01.1", indicator.NewDate(2026, 2, 28), 4, "c"); err != nil {
			t.Fatal(err)
		}
		period := indicator.Period{From: indicator.NewDate(2019, 1, 1), To: indicator.NewDate(2031, 1, 1)}
		was, _ := stale.Figures.Records(ctx, "CT01.1", period)
		now, _ := s.Figures.Records(ctx, "CT01.1", period)
		if len(was) != 3 || len(now) != 1 || now[0].Value != 4 {
			t.Errorf("old term %+v, new term %+v", was, now)
		}

		clock.Set(first.Closes.In(time.UTC).Add(48 * time.Hour)) // the old term has closed
		if err := saveOne(stale, "CT01.1", indicator.NewDate(2025, 12, 30), 5, "closed"); !errors.Is(err, store.ErrTermFinished) {
			t.Errorf("a figure saved into a closed term: %v", err)
		}
		old := s.InTerm(all[0])
		if _, err := old.Figures.Import(ctx, 0, []store.NewFigure{{Indicator: "CT01.1", Date: indicator.NewDate(2025, 6, 30), Value: 1, Key: "i"}}); !errors.Is(err, store.ErrTermFinished) {
			t.Errorf("an import into a closed term: %v", err)
		}
		next, _ := indicator.Load(nextTerm(t))
		if gaps, err := s.Plans.Compare(ctx, next); err != nil || !gaps.OK() {
			t.Errorf("the new term's plan is compared with the old term's figures: %+v %v", gaps, err)
		}
		log, _ := s.Audit.Entries(ctx, 5, "")
		if !audited(log, "term.start", "term:"+all[1].ID) {
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
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		if _, err := s.Plans.Seed(ctx, plans.Example, "seed"); err != nil {
			t.Fatal(err)
		}
		overlap := []byte("plan: x\ntitle: Kế hoạch 2024–2028\nterm: {from: 2024-01-01, to: 2028-12-31}\n")
		if _, _, err := s.Plans.Apply(ctx, overlap, 1, "x"); !errors.Is(err, store.ErrTermOrder) {
			t.Errorf("an overlapping term: %v", err)
		}
		if _, _, err := s.Plans.Apply(ctx, nextTerm(t), 1, "next"); err != nil {
			t.Fatal(err)
		}
		clock.Set(time.Date(2026, 1, 2, 9, 0, 0, 0, time.UTC))
		edited := []byte(strings.Replace(string(plans.Example), "value: 90}", "value: 95}", 1))
		if _, _, err := s.Plans.Apply(ctx, edited, 1, "back"); !errors.Is(err, store.ErrTermOrder) {
			t.Errorf("a new version of the ended term: %v", err)
		}
		if cur, _, _ := s.Plans.Current(ctx); cur.N != 2 {
			t.Errorf("a refused plan became version %d", cur.N)
		}
		if found, err := s.FindTerm(ctx, "2020-2025"); err != nil || !found.Ended(found.Today(clock.Now())) {
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
		if _, _, err := s.Plans.Apply(ctx, plans.Example, 0, "seed"); err != nil {
			t.Fatal(err)
		}
		all, err := s.Terms(ctx)
		if err != nil || len(all) != 1 || all[0].Infix != "" || all[0].Plan != 1 {
			t.Fatalf("terms %+v %v", all, err)
		}
		vs, _ := s.Plans.Versions(ctx)
		if len(vs) != 1 || vs[0].Term != all[0].ID {
			t.Errorf("versions %+v", vs)
		}
		figs, err := s.InTerm(all[0]).Figures.Records(ctx, "CT01.1", all[0].Period())
		if err != nil || len(figs) != 1 {
			t.Errorf("the first term reads %+v %v", figs, err)
		}
	})
}
