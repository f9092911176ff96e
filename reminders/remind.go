package reminders

import (
	"context"
	"fmt"
	"slices"
	"strings"
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
	term string         // the ended term it belongs to, "" for the current one
}

// Remind sends the day's reminders on a working day: to each reporter,
// one message with the reports due in RemindBefore days or today and those
// overdue (a daily nag, with the days overdue as of that day); to each
// leader, one message with the reports of the units they follow that are
// overdue EscalateAfter days or more. On a day off it sends nothing: the
// next working day's nag says the same, with the current count, instead
// of three deferred messages piling up on Monday.
func (s *Service) Remind(ctx context.Context, now time.Time) error {
	day := s.today(now)
	if !s.Calendar.pushDay(day) {
		return nil
	}
	evals, figs, err := s.evaluations(ctx, day)
	if err != nil {
		return err
	}
	ps, err := s.people(ctx)
	if err != nil {
		return err
	}
	byUnit := map[string][]item{}
	for _, e := range evals {
		ind := e.Indicator
		byUnit[ind.Owner] = append(byUnit[ind.Owner], s.Config.chase(s.Calendar.pushDay, e, figs[ind.Code], day)...)
	}
	if err := s.chaseEnded(ctx, now, byUnit); err != nil {
		return err
	}
	for unit, items := range byUnit {
		if err := s.nag(ctx, ps, unit, items, day); err != nil {
			return err
		}
	}
	return s.escalate(ctx, ps, byUnit, day)
}

// chaseEnded adds the reports still missing in each term that has ended
// but takes figures until it closes (a missing report stays overdue until
// it comes or its term stops taking figures), named by their term.
func (s *Service) chaseEnded(ctx context.Context, now time.Time, byUnit map[string][]item) error {
	open, err := s.Store.OpenTerms(ctx)
	if err != nil {
		return err
	}
	for _, t := range open {
		if t.ID == s.Store.Term().ID {
			continue // the current term itself, ended with no next one begun: chased above
		}
		plan, err := s.Store.Plans.ForTerm(ctx, t, s.plan())
		if err != nil {
			return err
		}
		in := s.Store.InTerm(t)
		in.Follow(plan)
		day := t.Today(now)
		evals, figs, err := evaluate(ctx, in, plan, day)
		if err != nil {
			return err
		}
		for _, e := range evals {
			for _, it := range s.Config.chase(s.Calendar.pushDay, e, figs[e.Indicator.Code], day) {
				it.term = t.Name
				byUnit[e.Indicator.Owner] = append(byUnit[e.Indicator.Owner], it)
			}
		}
	}
	return nil
}

// pushDay reports whether the reminders say anything on day: on working
// days, or every day when the calendar has no days off.
func (c Calendar) pushDay(day indicator.Date) bool { return c.Always || c.WorkingDay(day) }

// chase is what to remind of an indicator on day, given its evaluation on
// day and its figures: the report the domain says is overdue (a nag), and
// the reports of the current and the previous period not yet made whose
// due day is one of the days to remind. Nothing once the indicator is
// settled or its deadline has passed: no report is due then. It is the one
// rule the reminders job and the replay follow; open is the calendar's
// pushDay (the replay keeps its answers), and the caller checks it of day.
func (c Config) chase(open func(indicator.Date) bool, e indicator.Evaluation, figs []indicator.Figure, day indicator.Date) []item {
	ind := e.Indicator
	if e.Settled {
		return nil
	}
	var out []item
	if e.Overdue && e.Due != nil {
		due := ind.Report.DueDate(ind.Report.PeriodOf(e.Due.To))
		out = append(out, item{ind: ind, per: *e.Due, due: due, late: int(day - due)})
	}
	cur := ind.Report.PeriodOf(day)
	for _, per := range []indicator.Period{ind.Report.PeriodOf(cur.From - 1), cur} {
		due := ind.Report.DueDate(per)
		per = per.Clip(ind.ReportTerm())
		if per.From <= per.To && due >= day && !reported(figs, per) && c.remindOn(open, due, day) {
			out = append(out, item{ind: ind, per: per, due: due})
		}
	}
	return out
}

// remindOn reports whether day is one of the days to remind of a report
// due on due: RemindBefore days before it, or the last working day before
// that when it is a day off.
func (c Config) remindOn(open func(indicator.Date) bool, due, day indicator.Date) bool {
	for _, n := range c.RemindBefore {
		d := due - indicator.Date(n)
		for !open(d) && d > day {
			d--
		}
		if d == day {
			return true
		}
	}
	return false
}

func reported(figs []indicator.Figure, p indicator.Period) bool {
	for _, f := range figs {
		if p.Contains(f.Date) {
			return true
		}
	}
	return false
}

// nag sends each reporter of a unit one message with its items.
func (s *Service) nag(ctx context.Context, ps people, unit string, items []item, day indicator.Date) error {
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
	return nil
}

// escalate sends each leader one message with the reports overdue
// EscalateAfter days or more of every unit they follow (their own, or
// those without a leader for a district leader), unit by unit.
func (s *Service) escalate(ctx context.Context, ps people, byUnit map[string][]item, day indicator.Date) error {
	late := map[int64][]string{} // leader → units, in plan order
	for _, unit := range s.unitsOf(byUnit) {
		if len(s.Config.escalated(byUnit[unit])) == 0 {
			continue
		}
		for _, u := range ps.unitLeaders(unit) {
			late[u.ID] = append(late[u.ID], unit)
		}
	}
	for _, u := range ps {
		if units := late[u.ID]; len(units) > 0 {
			text := s.escalateText(s.Catalog.Printer(u.Lang), units, byUnit)
			if err := s.enqueue(ctx, fmt.Sprintf("escalate:%v:%d", day, u.ID), u.ID, "escalate", text); err != nil {
				return err
			}
		}
	}
	return nil
}

// escalated are the items overdue long enough to tell the leaders.
func (c Config) escalated(items []item) []item {
	var out []item
	for _, it := range items {
		if it.late >= c.EscalateAfter {
			out = append(out, it)
		}
	}
	return out
}

// unitsOf are the units with items, in the plan's order of units (then
// any other owner, sorted).
func (s *Service) unitsOf(byUnit map[string][]item) []string {
	var out []string
	for _, u := range s.plan().Units {
		if len(byUnit[u.Code]) > 0 {
			out = append(out, u.Code)
		}
	}
	var rest []string
	for code := range byUnit {
		if !slices.Contains(out, code) && len(byUnit[code]) > 0 {
			rest = append(rest, code)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}

// escalateText lists, unit by unit on one line each, the indicators whose
// reports are overdue, each with its longest delay: a leader's overview,
// short enough for one message (/xem gives the details).
func (s *Service) escalateText(p *locales.Printer, units []string, byUnit map[string][]item) string {
	ls := []string{p.T("push.escalate", "Days", s.Config.EscalateAfter)}
	for _, unit := range units {
		var codes []string
		worst := map[string]int{}
		for _, it := range s.Config.escalated(byUnit[unit]) {
			if _, ok := worst[it.ind.Code]; !ok {
				codes = append(codes, it.ind.Code)
			}
			worst[it.ind.Code] = max(worst[it.ind.Code], it.late)
		}
		for i, c := range codes {
			codes[i] = fmt.Sprintf("<b>%s</b> (%s)", render.Esc(c), p.T("push.late", "Days", worst[c]))
		}
		ls = append(ls, p.T("push.escalate_unit", "Unit", render.Esc(s.unitName(unit)), "Items", strings.Join(codes, ", ")))
	}
	return render.Lines(append(ls, "", p.T("push.escalate_how"))...)
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
		if it.term != "" {
			per += " " + p.T("push.remind_term", "Term", render.Esc(it.term))
		}
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
	for _, u := range s.plan().Units {
		if u.Code == code {
			return render.Name(u.Name)
		}
	}
	return code
}
