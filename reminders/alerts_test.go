package reminders_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"chitieu/indicator"
	"chitieu/store"
)

func sweep(t *testing.T, svc interface {
	Sweep(context.Context, time.Time) error
}, now time.Time) {
	t.Helper()
	if err := svc.Sweep(ctx, now); err != nil {
		t.Fatal(err)
	}
}

// TestAlertLifecycle: CT01.1 (≥ 90 a year) turns off track, stays so for
// ten days (one repeat, on the seventh), then a report brings it back.
func TestAlertLifecycle(t *testing.T) {
	svc, clock := setup(t, at(2025, 6, 30, 7, 30))
	s := svc.Store
	save(t, s, "CT01.1", indicator.NewDate(2025, 6, 25), 30, "jun") // 30 where 44,6 is expected
	for day := 0; day <= 10; day++ {
		sweep(t, svc, clock.Now())
		text := strings.Join(outbox(t, s)[leader], "\n")
		off := strings.Contains(text, "Chuyển sang chậm tiến độ") && strings.Contains(text, "<b>CT01.1</b>")
		repeat := strings.Contains(text, "Vẫn chậm tiến độ") && strings.Contains(text, "<b>CT01.1</b>")
		if (day == 0) != off || (day == 7) != repeat {
			t.Errorf("day %d: off %v repeat %v: %q", day, off, repeat, text)
		}
		clock.Advance(24 * time.Hour)
	}
	save(t, s, "CT01.1", indicator.NewDate(2025, 7, 10), 40, "jul")
	if err := svc.Check(ctx, "CT01.1", "jul"); err != nil {
		t.Fatal(err)
	}
	svc.Check(ctx, "CT01.1", "jul") // the same figure checked twice
	back := outbox(t, s)[leader]
	if len(back) != 1 || !strings.Contains(back[0], "Đã trở lại đúng tiến độ") {
		t.Errorf("after the report: %q", back)
	}
	sweep(t, svc, clock.Now())
	if text := strings.Join(outbox(t, s)[leader], ""); strings.Contains(text, "<b>CT01.1</b>") {
		t.Errorf("an indicator back on track was alerted again: %q", text)
	}
}

func TestSilencedIndicatorsStayQuietUntilTheDate(t *testing.T) {
	svc, clock := setup(t, at(2025, 6, 30, 7, 30))
	s := svc.Store
	save(t, s, "CT01.1", indicator.NewDate(2025, 6, 25), 30, "jun")
	if err := s.Alerts.Silence(ctx, store.Silence{Indicator: "CT01.1", Leader: leader, Until: at(2025, 7, 3, 0, 0), By: leader}); err != nil {
		t.Fatal(err)
	}
	for day := 0; day <= 4; day++ {
		sweep(t, svc, clock.Now())
		pushed := outbox(t, s)
		text := strings.Join(pushed[leader], "")
		if mentioned := strings.Contains(text, "<b>CT01.1</b>"); mentioned != (day == 7) {
			t.Errorf("day %d: CT01.1 mentioned %v (silenced until 3/7, alerted on 30/6, repeat on 7/7)", day, mentioned)
		}
		if day == 0 && !strings.Contains(strings.Join(pushed[unitHead], ""), "<b>CT01.1</b>") {
			t.Error("one leader's silence kept the alert from another leader")
		}
		clock.Advance(24 * time.Hour)
	}
	entries, _ := s.Audit.Entries(ctx, 10, "")
	found := false
	for _, e := range entries {
		found = found || e.Action == "alert.silence" && e.Actor == leader
	}
	if !found {
		t.Error("the silence is not in the audit log")
	}
}

func TestAnOverdueAlertSaysTheReportIsMissing(t *testing.T) {
	svc, clock := setup(t, at(2025, 6, 30, 7, 30))
	save(t, svc.Store, "CT04.1", indicator.NewDate(2025, 5, 25), 80, "may") // ≥ 100%, monthly, June's missing
	sweep(t, svc, clock.Now())
	line := ""
	for _, text := range outbox(t, svc.Store)[leader] {
		if i := strings.Index(text, "<b>CT04.1</b>"); i >= 0 {
			line = text[i:]
		}
	}
	if !strings.Contains(line, "Chưa có báo cáo tháng 6/2025") || strings.Contains(line, "Cần đạt") {
		t.Errorf("alert for an overdue indicator: %q", line)
	}
}

func TestSeveralAlertsForOneLeaderAreOneMessage(t *testing.T) {
	svc, clock := setup(t, at(2025, 6, 30, 7, 30))
	save(t, svc.Store, "CT01.1", indicator.NewDate(2025, 6, 25), 30, "a")
	save(t, svc.Store, "CT04.1", indicator.NewDate(2025, 6, 25), 80, "b")
	sweep(t, svc, clock.Now())
	texts := outbox(t, svc.Store)[leader]
	if len(texts) != 1 || !strings.Contains(texts[0], "<b>CT01.1</b>") || !strings.Contains(texts[0], "<b>CT04.1</b>") {
		t.Errorf("%d messages: %q", len(texts), texts)
	}
}

// TestRacingChecksAlertOnce: a report's check and the sweep, or two
// reports' checks, racing on an indicator that turns off track send one
// alert between them.
func TestRacingChecksAlertOnce(t *testing.T) {
	for round := 0; round < 8; round++ {
		svc, clock := setup(t, at(2025, 6, 30, 7, 30))
		save(t, svc.Store, "CT01.1", indicator.NewDate(2025, 6, 25), 30, "jun")
		var wg sync.WaitGroup
		for i := 0; i < 3; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if i == 0 {
					svc.Sweep(ctx, clock.Now())
				} else {
					svc.Check(ctx, "CT01.1", fmt.Sprint("k", i))
				}
			}()
		}
		wg.Wait()
		if n := strings.Count(strings.Join(outbox(t, svc.Store)[leader], ""), "<b>CT01.1</b>"); n != 1 {
			t.Fatalf("round %d: CT01.1 alerted %d times by racing checks, want 1", round, n)
		}
	}
}

// TestAYearMissedIsToldOnce: when a yearly window ends with its target
// missed, the sweep tells it once, though today's evaluation speaks of the
// new year (no figure yet).
func TestAYearMissedIsToldOnce(t *testing.T) {
	svc, clock := setup(t, at(2024, 1, 2, 7, 30))
	s := svc.Store
	save(t, s, "CT01.1", indicator.NewDate(2023, 11, 25), 50, "nov")
	save(t, s, "CT01.1", indicator.NewDate(2023, 12, 25), 10, "dec")
	for day := 0; day < 3; day++ {
		sweep(t, svc, clock.Now())
		clock.Advance(24 * time.Hour)
	}
	text := strings.Join(outbox(t, s)[leader], "\n")
	if strings.Count(text, "<b>CT01.1</b>") != 1 || !strings.Contains(text, "Không đạt") || !strings.Contains(text, "60 đảng viên") {
		t.Errorf("the leader's alerts: %q", text)
	}
}
