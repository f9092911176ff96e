package indicator

import (
	"time"

	"chitieu/calendar"
)

// PeriodOf returns the report period holding day d.
func (s Schedule) PeriodOf(d Date) Period {
	y, m, _ := d.Civil()
	switch s.Every {
	case EveryWeek:
		monday := d - Date((int(d.Weekday())+6)%7)
		return Period{monday, monday + 6}
	case EveryMonth:
		return Period{NewDate(y, m, 1), NewDate(y, m+1, 0)}
	case EveryQuarter:
		first := time.Month((int(m)-1)/3*3 + 1)
		return Period{NewDate(y, first, 1), NewDate(y, first+3, 0)}
	}
	return yearOf(d)
}

// PlannedDue is the plan's own due day of a period: its DueDay-th day (of
// the week for week; of the last month for month, quarter and year,
// LagMonths later), or the last day of that month when the month is
// shorter.
func (s Schedule) PlannedDue(p Period) Date {
	if s.Every == EveryWeek {
		return p.From + Date(s.DueDay-1)
	}
	y, m, last := p.To.AddMonths(s.LagMonths).Civil()
	return NewDate(y, m, min(s.DueDay, last))
}

// DueDate is the day a period's figure is due: the planned due day, moved
// to the next working day when it falls on a day off. Reminders, nags and
// the overdue flag all read it here.
func (s Schedule) DueDate(p Period) Date {
	if s.Days == nil {
		return calendar.WorkDays{}.Next(s.PlannedDue(p))
	}
	return s.Days.Next(s.PlannedDue(p))
}

// LastDue returns the latest period inside term whose due day is before d.
func (s Schedule) LastDue(term Period, d Date) (Period, bool) {
	p := s.PeriodOf(min(d, term.To))
	for s.DueDate(p) >= d {
		if p.From <= term.From {
			return Period{}, false
		}
		p = s.PeriodOf(p.From - 1)
	}
	p = p.Clip(term)
	return p, p.From <= p.To
}

// overdue reports whether the report for the last period past its due day
// has not come: no figure dated in that period.
func (ind *Indicator) overdue(s Series, d Date) (bool, *Period) {
	if ind.closes != 0 && d > ind.closes {
		return false, nil // the term takes no more figures: no report is owed
	}
	p, ok := ind.Report.LastDue(ind.ReportTerm(), d)
	if !ok || s.Stats(upToDay(p, d)).N > 0 {
		return false, nil
	}
	return true, &p
}

// ReportTerm is the span figures are reported for: the term, or up to the
// deadline, after which the status is final and nothing more is due.
func (ind *Indicator) ReportTerm() Period {
	t := ind.Term
	if ind.By != 0 {
		t.To = min(t.To, ind.By)
	}
	return t
}

// pending is the period that has ended before d and whose figure is not
// yet due nor come, when there is one: a figure reported on d stands for
// it (the figure of a period due after its end).
func (ind *Indicator) pending(s Series, d Date) *Period {
	term := ind.ReportTerm()
	p := ind.Report.PeriodOf(min(d, term.To))
	if p.To >= d {
		p = ind.Report.PeriodOf(p.From - 1)
	}
	due := ind.Report.DueDate(p)
	p = p.Clip(term)
	if p.From > p.To || due < d || s.Stats(upToDay(p, d)).N > 0 {
		return nil
	}
	return &p
}
