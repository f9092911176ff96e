package reminders

import (
	"slices"
	"time"

	"chitieu/indicator"
)

// Calendar knows when pushes may go out: working days (Monday to Friday,
// but public holidays) between the start and the end of the working day.
type Calendar struct {
	Loc       *time.Location
	DayStart  time.Duration    // 07:00 unless set
	DayEnd    time.Duration    // 21:00 unless set
	DaysOff   []indicator.Date // extra days off (a bridge day, 1/9 or 3/9)
	MakeUp    []indicator.Date // working Saturdays that make up for a bridge day
	NoWeekend bool             // push on Saturdays and Sundays too
	Always    bool             // no quiet hours and no days off at all
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

// Holiday names the public holiday a day is, or "".
func Holiday(d indicator.Date) string {
	y, m, day := d.Civil()
	switch {
	case m == 1 && day == 1:
		return "Tết Dương lịch"
	case m == 4 && day == 30:
		return "Ngày Giải phóng miền Nam, thống nhất đất nước"
	case m == 5 && day == 1:
		return "Ngày Quốc tế Lao động"
	case m == 9 && day == 2:
		return "Quốc khánh"
	case d == hungKings(y):
		return "Giỗ Tổ Hùng Vương"
	case isTet(d):
		return "Tết Nguyên đán"
	}
	return ""
}

// Tet is the first day of the lunar year that starts in Gregorian year y.
func Tet(y int) indicator.Date {
	dd, mm, yy := lunarToSolar(1, 1, y)
	return indicator.NewDate(yy, time.Month(mm), dd)
}

func hungKings(y int) indicator.Date {
	dd, mm, yy := lunarToSolar(10, 3, y)
	return indicator.NewDate(yy, time.Month(mm), dd)
}

// isTet reports whether d is in the Tết holiday: the last day of the lunar
// year and the first four days of the new one (five days, as the Labour
// Code gives).
func isTet(d indicator.Date) bool {
	for _, y := range []int{d.Year(), d.Year() + 1} {
		if t := Tet(y); d >= t-1 && d <= t+3 {
			return true
		}
	}
	return false
}

// WorkingDay reports whether d is a working day.
func (c Calendar) WorkingDay(d indicator.Date) bool {
	if slices.Contains(c.MakeUp, d) {
		return true
	}
	if slices.Contains(c.DaysOff, d) || Holiday(d) != "" {
		return false
	}
	wd := d.Weekday()
	return c.NoWeekend || wd != time.Saturday && wd != time.Sunday
}

// NextWorkingDay is d, or the first working day after it: a due day on a
// holiday moves there.
func (c Calendar) NextWorkingDay(d indicator.Date) indicator.Date {
	for !c.WorkingDay(d) {
		d++
	}
	return d
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
	d = c.NextWorkingDay(d)
	return d.In(c.Loc).Add(c.dayStart())
}
