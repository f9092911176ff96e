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

// The marks, in a term's own keys, of its term report ("Tổng kết nhiệm
// kỳ"): the preliminary one sent at the term's end, and the final one
// with the results it told (a late figure that changes one sends an
// addendum). A mark from before results were kept holds only the time.
const (
	termReportSnapshot = "term-report-results"
	termPrelimSnapshot = "term-report-prelim"
	termLegacySnapshot = "term-report"
)

// termTold is what the final term report told: when, and each
// indicator's result.
type termTold struct {
	At      time.Time         `json:"at"`
	Results map[string]string `json:"results"`
}

// TermReports sends each ended term's report to every leader and leaders'
// group: a preliminary one (sơ bộ) once the term has ended while reports
// are still due, the final one once its last report was due, and while
// the term still takes late figures, a short addendum for each result a
// late figure changed. It runs in the daily sweep and when the instance
// moves to a new term; the pushes' keys name the term and the marks keep
// what was sent, so a restart, a second instance or a run cut off midway
// never sends one twice.
func (s *Service) TermReports(ctx context.Context, now time.Time) error {
	all, err := s.Store.Terms(ctx)
	if err != nil {
		return err
	}
	for _, t := range all {
		if !t.Ended(t.Today(now)) {
			continue
		}
		if err := s.termReport(ctx, t, now); err != nil {
			return fmt.Errorf("term %s: term report: %w", t.ID, err)
		}
	}
	return nil
}

// termReport sends what term t's report owes today, if anything.
func (s *Service) termReport(ctx context.Context, t store.Term, now time.Time) error {
	in := s.Store.InTerm(t)
	today := t.Today(now)
	var told termTold
	final, err := in.Jobs.LoadSnapshot(ctx, termReportSnapshot, &told)
	if err != nil || final && t.Closed(today) {
		return err // nothing can change any more
	}
	if !final {
		var at time.Time
		if legacy, err := in.Jobs.LoadSnapshot(ctx, termLegacySnapshot, &at); err != nil || legacy {
			return err // sent before results were kept: no addendum to compare with
		}
	}
	plan, err := s.Store.Plans.ForTerm(ctx, t, s.plan())
	if err != nil {
		return err
	}
	in.Follow(plan)
	evals, figs, err := evaluate(ctx, in, plan, day(t, now))
	if err != nil {
		return err
	}
	results := termResults(plan, t, figs, day(t, now))
	switch {
	case final:
		return s.termAddendum(ctx, in, t, plan, told, evals, results, now)
	case today > plan.LastDue():
		return s.termFinal(ctx, in, t, plan, evals, figs, results, now)
	}
	return s.termPrelim(ctx, in, t, plan, evals, figs, now)
}

// termPrelim sends, once, the preliminary report of a term that has
// ended while some of its reports are still due.
func (s *Service) termPrelim(ctx context.Context, in *store.Store, t store.Term, plan *indicator.Plan, evals []indicator.Evaluation,
	figs map[string][]indicator.Figure, now time.Time) error {
	var at time.Time
	if done, err := in.Jobs.LoadSnapshot(ctx, termPrelimSnapshot, &at); err != nil || done {
		return err
	}
	err := s.toLeaders(ctx, "term-prelim:"+t.ID, "term", func(p *locales.Printer) string {
		return termReportText(p, t, plan, figs, day(t, now), plan.LastDue())
	})
	if err != nil {
		return err
	}
	return in.Jobs.Snapshot(ctx, termPrelimSnapshot, now.UTC())
}

// termFinal sends, once, the final report, and keeps its results.
func (s *Service) termFinal(ctx context.Context, in *store.Store, t store.Term, plan *indicator.Plan, evals []indicator.Evaluation,
	figs map[string][]indicator.Figure, results map[string]string, now time.Time) error {
	err := s.toLeaders(ctx, "term:"+t.ID, "term", func(p *locales.Printer) string {
		return termReportText(p, t, plan, figs, day(t, now), 0)
	})
	if err != nil {
		return err
	}
	return in.Jobs.Snapshot(ctx, termReportSnapshot, termTold{At: now.UTC(), Results: results})
}

// termAddendum sends a short addendum for the results a late figure
// changed since the final report (or the last addendum), and keeps them.
func (s *Service) termAddendum(ctx context.Context, in *store.Store, t store.Term, plan *indicator.Plan, told termTold,
	evals []indicator.Evaluation, results map[string]string, now time.Time) error {
	var changed []indicator.Evaluation
	for _, e := range evals {
		if r := results[e.Indicator.Code]; r != told.Results[e.Indicator.Code] {
			changed = append(changed, e)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	key := fmt.Sprintf("term-addendum:%s:%s", t.ID, now.UTC().Format(time.DateOnly))
	err := s.toLeaders(ctx, key, "term", func(p *locales.Printer) string {
		return termAddendumText(p, t, plan, told.Results, changed, results)
	})
	if err != nil {
		return err
	}
	return in.Jobs.Snapshot(ctx, termReportSnapshot, termTold{At: now.UTC(), Results: results})
}

// termResults is each indicator's result over the term on day, as the
// báo cáo says it (a yearly indicator by its years): one evaluation.
func termResults(plan *indicator.Plan, t store.Term, figs map[string][]indicator.Figure, day indicator.Date) map[string]string {
	rs := report.Results(report.Source{Plan: plan, Figures: figs, Name: t.Name}, report.TermOf(plan), day)
	out := make(map[string]string, len(rs))
	for _, r := range rs {
		out[r.Indicator.Code] = r.Grade.String()
	}
	return out
}

// termReportText is an ended term's report: its results tallied overall
// and per program as the báo cáo tallies them, and under each program
// every indicator's result against its target — a yearly indicator's
// years, the word the báo cáo gives it, "(ước)" while a result awaits its
// last report. A preliminary one (pending: the day its last report is
// due) says so and when the final one comes.
func termReportText(p *locales.Printer, t store.Term, plan *indicator.Plan, figs map[string][]indicator.Figure, day, pending indicator.Date) string {
	rs := report.Results(report.Source{Plan: plan, Figures: figs, Name: t.Name}, report.TermOf(plan), day)
	all, byProgram := indicator.TallyOf(report.Graded(rs))
	title := p.T("push.term_report_title", "Term", render.Esc(t.Name), "From", render.Date(t.From), "To", render.Date(t.To),
		"Early", t.EndedEarly)
	if pending != 0 {
		title = p.T("push.term_report_prelim", "Term", render.Esc(t.Name), "From", render.Date(t.From), "To", render.Date(t.To),
			"Due", render.Date(pending))
	}
	ls := []string{title, p.T("push.term_report_tally", "Tally", render.Tally(p, all))}
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

// termAddendumText names the results a late figure changed.
func termAddendumText(p *locales.Printer, t store.Term, plan *indicator.Plan, was map[string]string, changed []indicator.Evaluation,
	now map[string]string) string {
	ls := []string{p.T("push.term_addendum_title", "Term", render.Esc(t.Name))}
	for _, e := range changed {
		code := e.Indicator.Code
		ls = append(ls, p.T("push.term_addendum_line", "Code", render.Esc(code), "Name", render.Esc(e.Indicator.Name),
			"Was", gradeWord(p, was[code]), "Now", gradeWord(p, now[code])))
	}
	return render.Lines(ls...)
}

// gradeWord words a grade kept by its name.
func gradeWord(p *locales.Printer, name string) string {
	for g := indicator.NotAssessed; g <= indicator.NotMet; g++ {
		if g.String() == name {
			return render.Grade(p, g)
		}
	}
	return render.Grade(p, indicator.NotAssessed)
}

// day is the day a term's report reads it on: today, or the day after its
// end, when every window of the term has ended.
func day(t store.Term, now time.Time) indicator.Date { return max(t.Today(now), t.To+1) }
