package bot

import (
	"testing"

	"chitieu/indicator"
	"chitieu/plans"
)

func TestReportDay(t *testing.T) {
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	d := indicator.NewDate
	tests := []struct {
		code   string
		figs   []indicator.Figure
		today  indicator.Date
		want   indicator.Date
		period indicator.Period
	}{
		{"CT01.5", []indicator.Figure{{Date: d(2022, 12, 31), Value: 2}}, d(2024, 2, 10), d(2023, 12, 31), indicator.Period{From: d(2023, 1, 1), To: d(2023, 12, 31)}},
		{"CT01.1", nil, d(2023, 6, 30), d(2023, 6, 30), indicator.Period{From: d(2023, 6, 1), To: d(2023, 6, 30)}}, // June overdue since 26/6
		{"CT06.1", nil, d(2021, 5, 3), d(2019, 12, 31), indicator.Period{From: d(2019, 1, 1), To: d(2019, 12, 31)}},
	}
	for _, tt := range tests {
		e := indicator.Evaluate(plan.Indicator(tt.code), tt.figs, tt.today)
		got, per := reportDay(e, tt.today)
		if got != tt.want || per != tt.period {
			t.Errorf("%s on %v: a figure stands for %v (%v), want %v (%v)", tt.code, tt.today, got, per, tt.want, tt.period)
		}
	}
}
