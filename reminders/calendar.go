package reminders

import (
	"time"

	"chitieu/calendar"
	"chitieu/indicator"
)

// Calendar knows when pushes may go out: working days (the shared
// calendar's) between the start and the end of the working day.
type Calendar struct {
	calendar.WorkDays
	Loc      *time.Location
	DayStart time.Duration // 07:00 unless set
	DayEnd   time.Duration // 21:00 unless set
	Always   bool          // no quiet hours and no days off at all
}

func (c Calendar) dayStart() time.Duration {
	if c.DayStart == 0 {
		return 7 * time.Hour
	}
	return c.DayStart
}

func (c Calendar) dayEnd() time.Duration {
	if c.DayEnd == 0 {
		return 21 * time.Hour
	}
	return c.DayEnd
}

// Open reports whether a push may go out at t.
func (c Calendar) Open(t time.Time) bool {
	if c.Always {
		return true
	}
	t = t.In(c.Loc)
	d := indicator.DateOf(t)
	since := t.Sub(d.In(c.Loc))
	return c.WorkingDay(d) && since >= c.dayStart() && since < c.dayEnd()
}

// NextOpen is t, or the start of the next working hours after it: a push
// that falls in quiet hours or on a day off is deferred there, never
// dropped.
func (c Calendar) NextOpen(t time.Time) time.Time {
	if c.Open(t) {
		return t
	}
	t = t.In(c.Loc)
	d := indicator.DateOf(t)
	if t.Sub(d.In(c.Loc)) >= c.dayStart() {
		d++
	}
	d = c.Next(d)
	return d.In(c.Loc).Add(c.dayStart())
}
