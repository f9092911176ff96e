package reminders

import (
	"context"
	"fmt"
	"time"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/store"
)

// termReportSnapshot marks, in a finished term's own keys, that its final
// report ("Tổng kết nhiệm kỳ") was queued.
const termReportSnapshot = "term-report"

// TermReports queues, once, the final report of each finished term to
// every leader and leaders' group. It runs in the daily sweep and when the
// instance moves to a new term; the pushes' keys name the term, so a
// restart, a second instance or a run cut off midway never sends one twice
// (the outbox remembers a key 400 days), and the term's mark spares the
// work once it went out.
func (s *Service) TermReports(ctx context.Context, now time.Time) error {
	all, err := s.Store.Terms(ctx)
	if err != nil {
		return err
	}
	for _, t := range all {
		if !t.Finished {
			continue
		}
		if err := s.termReport(ctx, t, now); err != nil {
			return fmt.Errorf("term %s: final report: %w", t.ID, err)
		}
	}
	return nil
}

// termReport queues term t's final report unless its mark says it went.
func (s *Service) termReport(ctx context.Context, t store.Term, now time.Time) error {
	in := s.Store.InTerm(t)
	var queued time.Time
	if done, err := in.LoadSnapshot(ctx, termReportSnapshot, &queued); err != nil || done {
		return err
	}
	plan, err := s.Store.TermPlan(ctx, t, s.plan())
	if err != nil {
		return err
	}
	in.Follow(plan)
	day := max(s.today(now), t.To+1) // every window of the term has ended
	evals, _, err := evaluate(ctx, in, plan, day)
	if err != nil {
		return err
	}
	err = s.toLeaders(ctx, "term:"+t.ID, "term", func(p *locales.Printer) string { return termReportText(p, t, plan, evals) })
	if err != nil {
		return err
	}
	return in.Snapshot(ctx, termReportSnapshot, now.UTC())
}

// termReportText is a finished term's final report: the counts by status
// overall and per program, as the weekly digest writes them, and under
// each program every indicator's final status against its target.
func termReportText(p *locales.Printer, t store.Term, plan *indicator.Plan, evals []indicator.Evaluation) string {
	ls := []string{p.T("push.term_report_title", "Term", render.Esc(t.Name), "From", render.Date(t.From), "To", render.Date(t.To)),
		render.Counts(p, evals)}
	for _, prog := range plan.Programs {
		ls = append(ls, "", programCounts(p, prog.Code, evals))
		for _, e := range indicator.OfProgram(evals, prog.Code) {
			ls = append(ls, render.StatusLine(p, e))
		}
	}
	return render.Lines(ls...)
}
