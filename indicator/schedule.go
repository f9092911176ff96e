package indicator

import "time"

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

// DueDate is the day a period's figure is due: its DueDay-th day (of the
// week for week; of the last month for month, quarter and year), or the
// last day of that month when the month is shorter.
func (s Schedule) DueDate(p Period) Date {
	if s.Every == EveryWeek {
		return p.From + Date(s.DueDay-1)
	}
	y, m, last := p.To.Civil()
	return NewDate(y, m, min(s.DueDay, last))
}

// LastDue returns the latest period inside term whose due day is before d.
func (s Schedule) LastDue(term Period, d Date) (Period, bool) {
	p := s.PeriodOf(min(d, term.To))
	if s.DueDate(p) >= d {
		p = s.PeriodOf(p.From - 1)
	}
	p = p.clip(term)
	return p, p.From <= p.To && s.DueDate(s.PeriodOf(p.To)) < d
}

// overdue reports whether the report for the last period past its due day
// has not come: no figure dated in that period.
func (ind *Indicator) overdue(figs []Figure, d Date) (bool, *Period) {
	p, ok := ind.Report.LastDue(ind.Term, d)
	if !ok || len(inside(figs, p)) > 0 {
		return false, nil
	}
	return true, &p
}
