package reminders_test

import (
	clk "chitieu/clock"
	"os"
	"strings"
	"testing"
	"time"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/reminders"
)

// finishFirstTerm keeps the 2020–2025 plan, saves CT01.1's 95 and CT01.2's
// 70% in it, then
// applies the 2025–2030 plan: the service and its store move to the new
// term as the plan follower moves them.
func finishFirstTerm(t *testing.T, svc *reminders.Service) {
	t.Helper()
	s := svc.Store
	if _, err := s.Plans.Seed(ctx, plans.Example, "seed"); err != nil {
		t.Fatal(err)
	}
	first, _, _ := s.CurrentTerm(ctx)
	s.UseTerm(first)
	save(t, s, "CT01.1", indicator.NewDate(2025, 11, 25), 95, "a")
	save(t, s, "CT01.2", indicator.NewDate(2025, 12, 31), 70, "b") // below "trên 75%"
	src, err := os.ReadFile("../plans/" + plans.NextTermName)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Plans.Apply(ctx, src, 1, "Đại hội VII"); err != nil {
		t.Fatal(err)
	}
	next, _ := indicator.Load(src)
	cur, _, _ := s.CurrentTerm(ctx)
	s.UseTerm(cur)
	svc.SetPlan(next)
}

// TestTheFinishedTermsReportGoesOnce: once a term is finished, leaders get
// its final report once, whoever runs the check and however often: each
// indicator's final status against its target, counts by status per
// program.
func TestTheFinishedTermsReportGoesOnce(t *testing.T) {
	svc, clock := setup(t, at(2025, 12, 20, 9, 0))
	if err := svc.TermReports(ctx, clock.Now()); err != nil {
		t.Fatal(err)
	}
	if got := outbox(t, svc.Store); len(got) != 0 {
		t.Fatalf("a report with no finished term: %v", got)
	}
	finishFirstTerm(t, svc)
	clock.Advance(14 * 24 * 3600e9)
	other := reminders.New(reminders.Service{Store: svc.Store, Plan: svc.Plan, Catalog: locales.MustLoad(), Clock: clk.At(clock.Now),
		Calendar: reminders.Calendar{Loc: hanoi}})
	for _, run := range []*reminders.Service{svc, other, svc} {
		if err := run.TermReports(ctx, clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	sent := outbox(t, svc.Store)
	text := strings.Join(sent[leader], "\n")
	if strings.Count(text, "Tổng kết nhiệm kỳ 2020–2025") != 1 {
		t.Fatalf("the final report, %d times:\n%s", strings.Count(text, "Tổng kết nhiệm kỳ"), text)
	}
	for _, want := range []string{"01/01/2020", "31/12/2025", "<b>Kết quả:</b> đạt và vượt 1/50 chỉ tiêu; không đạt 1; chưa đánh giá 48.",
		"<b>CT01</b>: đạt và vượt 1/5 chỉ tiêu; không đạt 1; chưa đánh giá 3", "<b>CT06</b>:",
		"✅ <b>CT01.1</b> Kết nạp đảng viên mới: đạt 1/1 năm; 2020, 2021, 2022, 2023, 2024 không có số liệu — Vượt",
		"❌ <b>CT01.2</b> Tỷ lệ đảng viên", "đạt 0/1 năm; 2025 không đạt; 2020, 2021, 2022, 2023, 2024 không có số liệu — Không đạt"} {
		if !strings.Contains(text, want) {
			t.Errorf("the final report lacks %q:\n%s", want, text)
		}
	}
	if len(sent[reporter]) != 0 || len(sent[unitHead]) == 0 {
		t.Errorf("sent to %v", sent)
	}
	if err := svc.Sweep(ctx, clock.Now()); err != nil {
		t.Fatal(err)
	}
	if again := strings.Join(outbox(t, svc.Store)[leader], "\n"); strings.Contains(again, "Tổng kết nhiệm kỳ") {
		t.Errorf("sent again by the sweep:\n%s", again)
	}
}

// TestTheDailySweepSendsAFinishedTermsReport: a term finished while no
// instance ran (plan apply on the command line) is reported by the next
// sweep.
func TestTheDailySweepSendsAFinishedTermsReport(t *testing.T) {
	svc, clock := setup(t, at(2025, 12, 20, 9, 0))
	finishFirstTerm(t, svc)
	clock.Advance(14 * 24 * 3600e9)
	if err := svc.Sweep(ctx, clock.Now()); err != nil {
		t.Fatal(err)
	}
	if text := strings.Join(outbox(t, svc.Store)[leader], "\n"); !strings.Contains(text, "Tổng kết nhiệm kỳ 2020–2025") {
		t.Errorf("the sweep sent no final report:\n%s", text)
	}
}

// TestTheTermReportWaitsForItsLastReport: at the term's end the leaders
// get a preliminary report (sơ bộ) saying when the final one comes; the
// final one goes once the last report (a rating due the next March) was
// due; a late figure that changes a result afterwards sends a short
// addendum, once; after the term closes, nothing more.
func TestTheTermReportWaitsForItsLastReport(t *testing.T) {
	svc, clock := setup(t, at(2025, 12, 20, 9, 0))
	finishFirstTerm(t, svc)
	first, _ := svc.Store.FindTerm(ctx, "2020-2025")
	clock.Set(at(2026, 1, 5, 9, 0))
	for range 2 {
		if err := svc.TermReports(ctx, clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	prelim := strings.Join(outbox(t, svc.Store)[leader], "\n")
	if strings.Count(prelim, "Tổng kết nhiệm kỳ 2020–2025 — sơ bộ") != 1 || !strings.Contains(prelim, "16/03/2026") {
		t.Fatalf("the preliminary report, once, naming the last due day:\n%s", prelim)
	}
	clock.Set(at(2026, 3, 17, 9, 0))
	if err := svc.TermReports(ctx, clock.Now()); err != nil {
		t.Fatal(err)
	}
	final := strings.Join(outbox(t, svc.Store)[leader], "\n")
	if !strings.Contains(final, "Tổng kết nhiệm kỳ 2020–2025</b>") || strings.Contains(final, "sơ bộ") {
		t.Fatalf("the final report:\n%s", final)
	}
	save(t, svc.Store.InTerm(first), "CT01.5", indicator.NewDate(2025, 12, 31), 1, "late") // Hoàn thành, below its target
	clock.Set(at(2026, 3, 20, 9, 0))
	for range 2 {
		if err := svc.TermReports(ctx, clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
	addendum := strings.Join(outbox(t, svc.Store)[leader], "\n")
	if strings.Count(addendum, "Bổ sung Tổng kết nhiệm kỳ 2020–2025") != 1 || !strings.Contains(addendum, "<b>CT01.5</b>") ||
		!strings.Contains(addendum, "Chưa đánh giá → <b>Không đạt</b>") || strings.Contains(addendum, "CT01.1") {
		t.Fatalf("the addendum, once, of CT01.5 alone:\n%s", addendum)
	}
	clock.Set(first.Closes.In(time.UTC).Add(48 * time.Hour))
	if err := svc.TermReports(ctx, clock.Now()); err != nil {
		t.Fatal(err)
	}
	if more := outbox(t, svc.Store)[leader]; len(more) != 0 {
		t.Errorf("after the term closed: %v", more)
	}
}
