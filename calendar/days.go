package calendar

import (
	"slices"
	"sync"
	"time"
)

// Holiday names the public holiday a day is, or "".
func Holiday(d Date) string {
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
	case d == HungKings(y):
		return "Giỗ Tổ Hùng Vương"
	case isTet(d):
		return "Tết Nguyên đán"
	}
	return ""
}

// Tet is the first day of the lunar year that starts in Gregorian year y.
func Tet(y int) Date { return lunarDays(y).tet }

// HungKings is the Hùng Kings' day (10/3 lunar) of Gregorian year y.
func HungKings(y int) Date { return lunarDays(y).hungKings }

// lunarYear holds a year's holidays on the lunar calendar.
type lunarYear struct{ tet, hungKings Date }

// lunarCache keeps each year's lunar holidays once computed: the
// astronomy behind them is too slow to run for every due day.
var lunarCache sync.Map // int → lunarYear

func lunarDays(y int) lunarYear {
	if v, ok := lunarCache.Load(y); ok {
		return v.(lunarYear)
	}
	solar := func(day, month int) Date {
		dd, mm, yy := lunarToSolar(day, month, y)
		return NewDate(yy, time.Month(mm), dd)
	}
	ly := lunarYear{tet: solar(1, 1), hungKings: solar(10, 3)}
	lunarCache.Store(y, ly)
	return ly
}

// isTet reports whether d is in the Tết holiday: the last day of the lunar
// year and the first four days of the new one (five days, as the Labour
// Code gives).
func isTet(d Date) bool {
	for _, y := range []int{d.Year(), d.Year() + 1} {
		if t := Tet(y); d >= t-1 && d <= t+3 {
			return true
		}
	}
	return false
}

// WorkDays says which days are working days: Monday to Friday but public
// holidays, with the office's own extra days off and make-up days. The
// zero value is the law's calendar.
type WorkDays struct {
	DaysOff   []Date // extra days off (a bridge day, 1/9 or 3/9)
	MakeUp    []Date // working Saturdays that make up for a bridge day
	NoWeekend bool   // Saturdays and Sundays are working days too
}

// WorkingDay reports whether d is a working day.
func (w WorkDays) WorkingDay(d Date) bool {
	if slices.Contains(w.MakeUp, d) {
		return true
	}
	if slices.Contains(w.DaysOff, d) || Holiday(d) != "" {
		return false
	}
	wd := d.Weekday()
	return w.NoWeekend || wd != time.Saturday && wd != time.Sunday
}

// Next is d, or the first working day after it: a due day on a day off
// moves there.
func (w WorkDays) Next(d Date) Date {
	for !w.WorkingDay(d) {
		d++
	}
	return d
}
