package reminders

import (
	"testing"
	"time"

	"chitieu/calendar"
	"chitieu/indicator"
)

var hanoi, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

func date(y int, m time.Month, d int) indicator.Date { return indicator.NewDate(y, m, d) }

func TestWorkingHours(t *testing.T) {
	c := Calendar{Loc: hanoi, WorkDays: calendar.WorkDays{DaysOff: []indicator.Date{date(2025, 9, 1)}, MakeUp: []indicator.Date{date(2025, 9, 6)}}}
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, hanoi) }
	tests := []struct {
		t, next time.Time
	}{
		{at(2025, 11, 26, 9, 0), at(2025, 11, 26, 9, 0)},                        // a Wednesday morning
		{at(2025, 11, 26, 21, 0), at(2025, 11, 27, 7, 0)},                       // quiet from 21:00
		{at(2025, 11, 27, 6, 59), at(2025, 11, 27, 7, 0)},                       // until 07:00
		{at(2025, 11, 28, 22, 0), at(2025, 12, 1, 7, 0)},                        // Friday night to Monday
		{at(2025, 11, 29, 12, 0), at(2025, 12, 1, 7, 0)},                        // Saturday
		{at(2025, 1, 27, 22, 0), at(2025, 2, 3, 7, 0)},                          // the Tết week
		{at(2025, 8, 29, 22, 0), at(2025, 9, 3, 7, 0)},                          // a bridge day and Quốc khánh
		{at(2025, 9, 6, 10, 0), at(2025, 9, 6, 10, 0)},                          // a make-up Saturday
		{at(2025, 4, 6, 10, 0), at(2025, 4, 8, 7, 0)},                           // Sunday before Giỗ Tổ
		{time.Date(2025, 11, 26, 2, 0, 0, 0, time.UTC), at(2025, 11, 26, 9, 0)}, // 02:00 UTC is 09:00 in Hà Nội
	}
	for _, tt := range tests {
		if got := c.NextOpen(tt.t); !got.Equal(tt.next) {
			t.Errorf("NextOpen(%v) = %v, want %v", tt.t, got, tt.next)
		}
	}
	if d := c.Next(date(2025, 4, 30)); d != date(2025, 5, 2) {
		t.Errorf("a due day on 30/4 moves to %v, want 2/5", d)
	}
}

func TestAlwaysOpen(t *testing.T) {
	c := Calendar{Loc: hanoi, Always: true}
	night := time.Date(2025, 1, 29, 2, 0, 0, 0, hanoi) // Tết, 02:00
	if !c.Open(night) || !c.NextOpen(night).Equal(night) {
		t.Error("an always-open calendar held a push back")
	}
}
