package indicator

import (
	"time"

	"chitieu/calendar"
)

// Date is a civil date (the calendar package's).
type Date = calendar.Date

// NewDate returns the date y-m-d; out-of-range days roll over as time.Date does.
func NewDate(y int, m time.Month, d int) Date { return calendar.NewDate(y, m, d) }

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date { return calendar.DateOf(t) }

// ParseDate reads an ISO date (2006-01-02) or a Vietnamese one (02/01/2006).
func ParseDate(s string) (Date, error) { return calendar.ParseDate(s) }

// Period is a closed range of days, From through To.
type Period struct {
	From Date `json:"from"`
	To   Date `json:"to"`
}

// Contains reports whether d lies in p.
func (p Period) Contains(d Date) bool { return d >= p.From && d <= p.To }

// Days counts the days of p, both ends included.
func (p Period) Days() int { return int(p.To-p.From) + 1 }

// yearOf returns the calendar year holding d.
func yearOf(d Date) Period {
	y := d.Year()
	return Period{NewDate(y, time.January, 1), NewDate(y, time.December, 31)}
}

// Clip returns the part of p inside q; To < From when they do not meet.
func (p Period) Clip(q Period) Period {
	return Period{max(p.From, q.From), min(p.To, q.To)}
}
