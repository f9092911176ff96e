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

// item is one report to remind of: due soon, or overdue by some days.
type item struct {
	ind  *indicator.Indicator
	per  indicator.Period
	due  indicator.Date // moved to a working day
	late int            // days overdue; 0 when not yet due
}

// Remind sends the day's reminders: to each reporter, the reports due in
// RemindBefore days or today and those overdue (a daily nag); to the
// unit's leaders, the reports overdue EscalateAfter days or more.
func (s *Service) Remind(ctx context.Context, now time.Time) error {
	day := s.today(now)
	_, figs, err := s.evaluations(ctx, day)
	if err != nil {
		return err
	}
	ps, err := s.people(ctx)
	if err != nil {
		return err
	}
	byUnit := map[string][]item{}
	for _, ind := range s.Plan.Indicators() {
		byUnit[ind.Owner] = append(byUnit[ind.Owner], s.items(ind, figs[ind.Code], day)...)
	}
	for unit, items := range byUnit {
		if err := s.remindUnit(ctx, ps, unit, items, day); err != nil {
			return err
		}
	}
	return nil
}

// items are what to remind of an indicator on day.
func (s *Service) items(ind *indicator.Indicator, figs []indicator.Figure, day indicator.Date) []item {
	if !ind.Term.Contains(day) {
		return nil
	}
	var out []item
	cur := ind.Report.PeriodOf(day)
	prev := ind.Report.PeriodOf(cur.From - 1)
	for _, per := range []indicator.Period{prev, cur} {
		per = clip(per, ind.Term)
		if per.From > per.To || reported(figs, per) {
			continue
		}
		due := ind.Report.DueDate(ind.Report.PeriodOf(per.To))
		switch {
		case due < day:
			out = append(out, item{ind, per, due, int(day - due)})
		case s.remindOn(due, day):
			out = append(out, item{ind, per, due, 0})
		}
	}
	return out
}

// remindOn reports whether day is one of the days to remind of a report
// due on due.
func (s *Service) remindOn(due, day indicator.Date) bool {
	for _, n := range s.Config.RemindBefore {
		if due-indicator.Date(n) == day {
			return true
		}
	}
	return false
}

func clip(p, term indicator.Period) indicator.Period {
	return indicator.Period{From: max(p.From, term.From), To: min(p.To, term.To)}
}

func reported(figs []indicator.Figure, p indicator.Period) bool {
	for _, f := range figs {
		if p.Contains(f.Date) {
			return true
		}
	}
	return false
}

func (s *Service) remindUnit(ctx context.Context, ps people, unit string, items []item, day indicator.Date) error {
	if len(items) == 0 {
		return nil
	}
	for _, u := range ps.with(store.Reporter, unit) {
		p := s.Catalog.Printer(u.Lang)
		key := fmt.Sprintf("remind:%v:%d", day, u.ID)
		if err := s.enqueue(ctx, key, u.ID, "remind", s.remindText(p, items)); err != nil {
			return err
		}
	}
	var late []item
	for _, it := range items {
		if it.late >= s.Config.EscalateAfter {
			late = append(late, it)
		}
	}
	if len(late) == 0 {
		return nil
	}
	for _, u := range ps.unitLeaders(unit) {
		p := s.Catalog.Printer(u.Lang)
		text := render.Lines(p.T("push.escalate", "Unit", render.Esc(s.unitName(unit))), s.itemLines(p, late))
		if err := s.enqueue(ctx, fmt.Sprintf("escalate:%v:%s:%d", day, unit, u.ID), u.ID, "escalate", text); err != nil {
			return err
		}
	}
	return nil
}

func (s *Service) remindText(p *locales.Printer, items []item) string {
	var soon, late []item
	for _, it := range items {
		if it.late > 0 {
			late = append(late, it)
		} else {
			soon = append(soon, it)
		}
	}
	ls := []string{p.T("push.remind_title")}
	if len(soon) > 0 {
		ls = append(ls, p.T("push.remind_soon"), s.itemLines(p, soon))
	}
	if len(late) > 0 {
		ls = append(ls, p.T("push.remind_late"), s.itemLines(p, late))
	}
	return render.Lines(append(ls, "", p.T("push.remind_how"))...)
}

func (s *Service) itemLines(p *locales.Printer, items []item) string {
	var ls []string
	for _, it := range items {
		per := render.Period(p, it.ind.Report.Every, it.per)
		line := fmt.Sprintf("• <b>%s</b> %s — %s, ", render.Esc(it.ind.Code), render.Esc(it.ind.Name), per)
		if it.late > 0 {
			line += p.T("push.late", "Days", it.late)
		} else {
			line += p.T("push.due", "Date", render.Date(it.due))
		}
		ls = append(ls, line)
	}
	return render.Lines(ls...)
}

func (s *Service) unitName(code string) string {
	for _, u := range s.Plan.Units {
		if u.Code == code {
			return u.Name
		}
	}
	return code
}
