// Package calendar is the civil calendar every part of chitieu shares: days
// without a time zone, Vietnam's public holidays (the lunar ones computed),
// and working days, so a due day moved off a holiday is the same day for
// the evaluation and for the reminders.
package calendar

import (
	"fmt"
	"time"
)

// Date is a civil date: the number of days since 1970-01-01. Dates carry no
// time zone; DateOf reads one from an instant in the plan's zone.
type Date int

// NewDate returns the date y-m-d; out-of-range days roll over as time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate reads an ISO date (2006-01-02) or a Vietnamese one (02/01/2006).
func ParseDate(s string) (Date, error) {
	for _, layout := range []string{time.DateOnly, "2/1/2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return DateOf(t), nil
		}
	}
	return 0, fmt.Errorf("%q is not a date (YYYY-MM-DD or DD/MM/YYYY)", s)
}

func (d Date) utc() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Civil returns the year, month and day of d.
func (d Date) Civil() (int, time.Month, int) { return d.utc().Date() }

// Year returns d's year.
func (d Date) Year() int { return d.utc().Year() }

// Weekday returns d's day of the week.
func (d Date) Weekday() time.Weekday { return d.utc().Weekday() }

// In returns midnight of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	y, m, day := d.Civil()
	return time.Date(y, m, day, 0, 0, 0, 0, loc)
}

// AddYears returns d moved by n calendar years (29 Feb rolls to 1 Mar).
func (d Date) AddYears(n int) Date {
	y, m, day := d.Civil()
	return NewDate(y+n, m, day)
}

// AddMonths returns d moved by n calendar months, kept within the month
// it lands in (31 January and one month is 28 or 29 February).
func (d Date) AddMonths(n int) Date {
	y, m, day := d.Civil()
	last := NewDate(y, m+time.Month(n)+1, 0)
	_, _, lastDay := last.Civil()
	return NewDate(y, m+time.Month(n), min(day, lastDay))
}

// String writes d as YYYY-MM-DD.
func (d Date) String() string { return d.utc().Format(time.DateOnly) }

// MarshalText writes d as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD or DD/MM/YYYY.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
