package reminders

import (
	"testing"
	"time"

	"chitieu/indicator"
)

var hanoi, _ = time.LoadLocation("Asia/Ho_Chi_Minh")

func date(y int, m time.Month, d int) indicator.Date { return indicator.NewDate(y, m, d) }

func TestTetAndHungKingsAreComputed(t *testing.T) {
	tet := map[int]indicator.Date{
		2020: date(2020, 1, 25), 2021: date(2021, 2, 12), 2022: date(2022, 2, 1), 2023: date(2023, 1, 22),
		2024: date(2024, 2, 10), 2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6),
	}
	for y, want := range tet {
		if got := Tet(y); got != want {
			t.Errorf("Tết %d = %v, want %v", y, got, want)
		}
	}
	hung := map[int]indicator.Date{2023: date(2023, 4, 29), 2024: date(2024, 4, 18), 2025: date(2025, 4, 7)}
	for y, want := range hung {
		if got := hungKings(y); got != want {
			t.Errorf("Giỗ Tổ %d = %v, want %v", y, got, want)
		}
	}
}

func TestHolidays(t *testing.T) {
	tests := map[indicator.Date]string{
		date(2025, 1, 1):   "Tết Dương lịch",
		date(2025, 1, 28):  "Tết Nguyên đán", // the last day of the lunar year
		date(2025, 2, 1):   "Tết Nguyên đán", // mùng 4
		date(2025, 2, 2):   "",
		date(2024, 2, 9):   "Tết Nguyên đán",
		date(2025, 4, 7):   "Giỗ Tổ Hùng Vương",
		date(2025, 4, 30):  "Ngày Giải phóng miền Nam, thống nhất đất nước",
		date(2025, 5, 1):   "Ngày Quốc tế Lao động",
		date(2025, 9, 2):   "Quốc khánh",
		date(2025, 11, 26): "",
	}
	for d, want := range tests {
		if got := Holiday(d); got != want {
			t.Errorf("%v: %q, want %q", d, got, want)
		}
	}
}

func TestWorkingHours(t *testing.T) {
	c := Calendar{Loc: hanoi, DaysOff: []indicator.Date{date(2025, 9, 1)}, MakeUp: []indicator.Date{date(2025, 9, 6)}}
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
	if d := c.NextWorkingDay(date(2025, 4, 30)); d != date(2025, 5, 2) {
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
