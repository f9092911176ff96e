package calendar

import (
	"testing"
	"time"
)

func date(y int, m time.Month, d int) Date { return NewDate(y, m, d) }

func TestTetAndHungKingsAreComputed(t *testing.T) {
	tet := map[int]Date{
		2020: date(2020, 1, 25), 2021: date(2021, 2, 12), 2022: date(2022, 2, 1), 2023: date(2023, 1, 22),
		2024: date(2024, 2, 10), 2025: date(2025, 1, 29), 2026: date(2026, 2, 17), 2027: date(2027, 2, 6),
	}
	for y, want := range tet {
		if got := Tet(y); got != want {
			t.Errorf("Tết %d = %v, want %v", y, got, want)
		}
	}
	hung := map[int]Date{2023: date(2023, 4, 29), 2024: date(2024, 4, 18), 2025: date(2025, 4, 7)}
	for y, want := range hung {
		if got := HungKings(y); got != want {
			t.Errorf("Giỗ Tổ %d = %v, want %v", y, got, want)
		}
	}
}

func TestHolidays(t *testing.T) {
	tests := map[Date]string{
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

func TestWorkDaysMoveADueDay(t *testing.T) {
	w := WorkDays{DaysOff: []Date{date(2025, 9, 1)}, MakeUp: []Date{date(2025, 9, 6)}}
	tests := map[Date]Date{
		date(2023, 6, 25):  date(2023, 6, 26), // a Sunday
		date(2025, 1, 28):  date(2025, 2, 3),  // Tết 2025
		date(2025, 4, 30):  date(2025, 5, 2),  // 30/4 and 1/5
		date(2025, 8, 30):  date(2025, 9, 3),  // a Saturday, the bridge day, Quốc khánh
		date(2025, 9, 6):   date(2025, 9, 6),  // a make-up Saturday
		date(2025, 11, 26): date(2025, 11, 26),
	}
	for d, want := range tests {
		if got := w.Next(d); got != want {
			t.Errorf("Next(%v) = %v, want %v", d, got, want)
		}
	}
}

func TestAddMonthsKeepsWithinTheMonth(t *testing.T) {
	tests := []struct {
		d    Date
		n    int
		want Date
	}{
		{date(2023, 1, 31), 1, date(2023, 2, 28)},
		{date(2023, 12, 31), 3, date(2024, 3, 31)},
		{date(2024, 11, 30), 3, date(2025, 2, 28)},
		{date(2024, 5, 15), 0, date(2024, 5, 15)},
	}
	for _, tt := range tests {
		if got := tt.d.AddMonths(tt.n); got != tt.want {
			t.Errorf("%v + %d months = %v, want %v", tt.d, tt.n, got, tt.want)
		}
	}
}
