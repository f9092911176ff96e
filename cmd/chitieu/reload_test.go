package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"chitieu/indicator"
	"chitieu/plans"
	"chitieu/store"
	"chitieu/store/storetest"
)

// follower is one running instance's plan, as a follower keeps it.
type follower struct {
	f    *planFollower
	plan atomic.Pointer[indicator.Plan]
}

// newTestFollower is a follower telling newTerm (nil for none) of a new
// term; the test looks for it (look), as its ticker does every few seconds.
func newTestFollower(t *testing.T, s *store.Store, newTerm func(context.Context) error) *follower {
	t.Helper()
	fl := &follower{}
	f, err := newFollower(context.Background(), &Config{}, s, slog.New(slog.DiscardHandler), follow{
		apply: []func(*indicator.Plan){func(p *indicator.Plan) { fl.plan.Store(p) }}, newTerm: newTerm})
	if err != nil {
		t.Fatal(err)
	}
	fl.f = f
	return fl
}

// look is one look of the follower's ticker.
func (fl *follower) look() { fl.f.check(context.Background()) }

// TestTwoInstancesTakeUpAnAppliedPlanWithinSeconds: a version applied
// while two instances run (one Redis) is taken up by both at their next
// look (every few seconds), without a restart; a version that would orphan figures is refused by
// both, which keep the plan in force.
func TestTwoInstancesTakeUpAnAppliedPlanWithinSeconds(t *testing.T) {
	s := storetest.New(t, inTheTerm)
	ctx := context.Background()
	if _, err := s.Plans.Seed(ctx, plans.Example, "seed"); err != nil {
		t.Fatal(err)
	}
	a, b := newTestFollower(t, s, nil), newTestFollower(t, s, nil)
	revised := bytes.Replace(plans.Example, []byte(`target: {op: ">=", value: 90}`), []byte(`target: {op: ">=", value: 95}`), 1)
	if _, _, err := s.Plans.Apply(ctx, revised, 1, "Nghị quyết điều chỉnh"); err != nil {
		t.Fatal(err)
	}
	target := func(fl *follower) float64 {
		if p := fl.plan.Load(); p != nil {
			return p.Indicator("CT01.1").Target.Value
		}
		return 0
	}
	a.look()
	b.look()
	if target(a) != 95 || target(b) != 95 {
		t.Fatalf("after a look the instances judge CT01.1 against %v and %v, want 95", target(a), target(b))
	}

	// A version without CT01.1, whose figures Redis holds: refused.
	if _, _, err := s.Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: indicator.NewDate(2023, 1, 25), Value: 8, Key: "k"}); err != nil {
		t.Fatal(err)
	}
	orphaning := bytes.Replace(revised, []byte("code: CT01.1\n"), []byte("code: CT01.1x\n"), 1)
	if _, _, err := s.Plans.Apply(ctx, orphaning, 1, "đổi mã"); err != nil {
		t.Fatal(err)
	}
	n, _ := s.Plans.CurrentNumber(ctx)
	looked := func(fl *follower) bool { fl.f.mu.Lock(); defer fl.f.mu.Unlock(); return fl.f.n == n }
	a.look()
	b.look()
	if !looked(a) || !looked(b) {
		t.Fatal("the orphaning version was not looked at")
	}
	if a.plan.Load().Indicator("CT01.1") == nil || b.plan.Load().Indicator("CT01.1") == nil {
		t.Error("a version that orphans CT01.1's figures was taken up")
	}
}

// onFirstTerm is a store seeded with the example plan, on its term.
// inTheTerm is a clock inside the example plan's term.
func inTheTerm() time.Time { return time.Date(2025, 6, 1, 9, 0, 0, 0, time.UTC) }

func onFirstTerm(t *testing.T) (*store.Store, context.Context) {
	return onFirstTermAt(t, inTheTerm)
}

// onFirstTermAt is a store on the first term with its own clock.
func onFirstTermAt(t *testing.T, now func() time.Time) (*store.Store, context.Context) {
	s := storetest.New(t, now)
	ctx := context.Background()
	if _, err := s.Plans.Seed(ctx, plans.Example, "seed"); err != nil {
		t.Fatal(err)
	}
	first, _, _ := s.CurrentTerm(ctx)
	s.UseTerm(first)
	return s, ctx
}

// TestARunningInstanceMovesToTheNewTerm: the next term's plan, applied
// while an instance runs, is taken up (its codes' figures of the old term
// are not orphans to it) and the instance's store moves to the new term.
func TestARunningInstanceMovesToTheNewTerm(t *testing.T) {
	clock := storetest.NewClock(inTheTerm())
	s, ctx := onFirstTermAt(t, clock.Now)
	if _, _, err := s.Figures.Save(ctx, store.NewFigure{Indicator: "CT06.1", Date: indicator.NewDate(2023, 1, 25), Value: 8, Key: "k"}); err != nil {
		t.Fatal(err)
	}
	a := newTestFollower(t, s, nil)
	next, err := os.ReadFile(nextTermPlan)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Plans.Apply(ctx, next, 1, "Đại hội VII"); err != nil {
		t.Fatal(err)
	}
	a.look()
	if p := a.plan.Load(); p != nil && p.Term.From.Year() == 2026 {
		t.Fatal("the instance took up the next term's plan before its first day")
	}
	clock.Set(time.Date(2026, 1, 1, 0, 5, 0, 0, time.FixedZone("ICT", 7*3600))) // the next term's first day
	a.look()
	if p := a.plan.Load(); p == nil || p.Term.From.Year() != 2026 {
		t.Fatal("the instance has not taken up the next term's plan on its first day")
	}
	if term := s.Term(); term.Infix != "t2" || term.Ended(term.Today(clock.Now())) {
		t.Errorf("the store reads term %+v", term)
	}
	all, _ := s.Terms(ctx)
	if _, _, err = s.InTerm(all[0]).Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: indicator.NewDate(2025, 12, 25), Value: 8, Key: "late"}); err != nil {
		t.Errorf("a late figure of the ended term, which still takes figures: %v", err)
	}
	clock.Set(all[0].Closes.In(time.UTC).Add(48 * time.Hour))
	_, _, err = s.InTerm(all[0]).Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: indicator.NewDate(2025, 1, 25), Value: 8, Key: "closed"})
	if !errors.Is(err, store.ErrTermFinished) {
		t.Errorf("a figure saved into the closed term: %v", err)
	}
}

// TestANewTermTakenUpAsksForTheFinishedTermsReport: the follower tells the
// reminders once when it moves the instance to a new term, not on a
// version of the same term.
func TestANewTermTakenUpAsksForTheFinishedTermsReport(t *testing.T) {
	clock := storetest.NewClock(inTheTerm())
	s, ctx := onFirstTermAt(t, clock.Now)
	var told atomic.Int32
	fl := newTestFollower(t, s, func(context.Context) error { told.Add(1); return nil })
	src, err := os.ReadFile(nextTermPlan)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Plans.Apply(ctx, src, 1, "Đại hội VII"); err != nil {
		t.Fatal(err)
	}
	clock.Set(time.Date(2026, 1, 1, 0, 5, 0, 0, time.FixedZone("ICT", 7*3600))) // the new term's first day
	fl.look()
	if told.Load() != 1 {
		t.Fatalf("told %d times of the new term", told.Load())
	}
	fl.look() // looks again, as its ticker does
	fl.look()
	if told.Load() != 1 || s.Term().Name != "2025–2030" {
		t.Errorf("told %d times; the store's term %q", told.Load(), s.Term().Name)
	}
}
