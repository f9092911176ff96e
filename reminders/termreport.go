package reminders

import (
	"context"
	"fmt"
	"time"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/render"
	"chitieu/report"
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
	_, figs, err := evaluate(ctx, in, plan, day)
	if err != nil {
		return err
	}
	err = s.toLeaders(ctx, "term:"+t.ID, "term", func(p *locales.Printer) string { return termReportText(p, t, plan, figs, day) })
	if err != nil {
		return err
	}
	return in.Snapshot(ctx, termReportSnapshot, now.UTC())
}

// termReportText is a finished term's final report: its results tallied
// overall and per program as the báo cáo tallies them, and under each
// program every indicator's result against its target — a yearly
// indicator's years, the word the báo cáo gives it, "(ước)" while a
// result awaits its last report.
func termReportText(p *locales.Printer, t store.Term, plan *indicator.Plan, figs map[string][]indicator.Figure, day indicator.Date) string {
	rs := report.Results(report.Source{Plan: plan, Figures: figs, Name: t.Name}, report.TermOf(plan), day)
	all, byProgram := indicator.TallyOf(report.Graded(rs))
	ls := []string{p.T("push.term_report_title", "Term", render.Esc(t.Name), "From", render.Date(t.From), "To", render.Date(t.To)),
		p.T("push.term_report_tally", "Tally", render.Tally(p, all))}
	for _, prog := range plan.Programs {
		ls = append(ls, "", fmt.Sprintf("<b>%s</b>: %s", render.Esc(prog.Code), render.Tally(p, byProgram[prog.Code])))
		for _, r := range rs {
			if r.Indicator.Program == prog.Code {
				ls = append(ls, resultLine(p, r))
			}
		}
	}
	return render.Lines(ls...)
}

// resultLine is an indicator's result in the term report: mark, code,
// name, its years (or its value against its target) and the word.
func resultLine(p *locales.Printer, r report.Result) string {
	e := r.Eval
	result := render.Esc(render.Value(e.Indicator, e.Reported())) + " / " + render.Esc(render.Stated(p, e))
	if r.Term != nil {
		result = render.Esc(render.TermYears(p, r.Indicator, *r.Term))
	}
	word := render.Grade(p, r.Grade)
	if r.Estimated && r.Grade != indicator.NotAssessed {
		word = p.T("push.grade_estimated", "Grade", word)
	}
	return fmt.Sprintf("%s <b>%s</b> %s: %s — %s", render.GradeMarks[r.Grade], render.Esc(r.Indicator.Code), render.Esc(r.Indicator.Name), result, word)
}
