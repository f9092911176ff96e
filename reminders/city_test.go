package reminders_test

import (
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/reminders"
)

// TestTheCityRollupComparesItsWards: three wards whose plans answer the
// city's TP.DV01 with their own CT01.1 — one ahead, one behind since this
// week, one silent — are listed worst first, each counted by status, the
// one that fell behind this week named.
func TestTheCityRollupComparesItsWards(t *testing.T) {
	src := strings.Replace(string(plans.Example), "      - code: CT01.1\n", "      - code: CT01.1\n        city_code: TP.DV01\n", 1)
	var city reminders.City
	for _, w := range []struct {
		name  string
		value float64 // the first half's new members, reported at the end of May (0: none)
		late  bool    // reported this week, not before
	}{{"Phường Tây Hồ", 46, false}, {"Phường Phú Thượng", 5, true}, {"Phường Quảng An", 0, false}} {
		svc, _ := setupPlan(t, at(2023, 6, 30, 9, 0), []byte(src))
		switch {
		case w.value > 0 && w.late:
			save(t, svc.Store, "CT01.1", indicator.NewDate(2023, 6, 28), w.value, "late")
		case w.value > 0:
			save(t, svc.Store, "CT01.1", indicator.NewDate(2023, 5, 25), w.value, "may")
		}
		city.Committees = append(city.Committees, reminders.CityCommittee{Name: w.name, Service: svc})
	}
	city.Leaders = []int64{31}
	if err := city.Rollup(ctx, at(2023, 6, 30, 9, 0)); err != nil {
		t.Fatal(err)
	}
	sent := strings.Join(outbox(t, city.Committees[0].Service.Store)[31], "\n")
	for _, want := range []string{"3 đảng bộ", "<b>Phường Tây Hồ</b>:", "<b>Phường Quảng An</b>:", "<b>TP.DV01</b> Kết nạp đảng viên mới"} {
		if !strings.Contains(sent, want) {
			t.Errorf("the roll-up lacks %q:\n%s", want, sent)
		}
	}
	_, side, _ := strings.Cut(sent, "<b>TP.DV01</b>")
	first, second, third := strings.Index(side, "Phú Thượng"), strings.Index(side, "Quảng An"), strings.Index(side, "Phường Tây Hồ")
	if !(first >= 0 && first < second && second < third) {
		t.Errorf("the wards are not worst first (off track, no figure, on track):\n%s", side)
	}
	_, phuThuong, _ := strings.Cut(sent, "<b>Phường Phú Thượng</b>:")
	phuThuong, _, _ = strings.Cut(phuThuong, "<b>Phường Quảng An</b>")
	if !strings.Contains(phuThuong, "so với bản tổng hợp gần nhất: <b>CT01.1</b>") {
		t.Errorf("the ward fallen behind this week is not named:\n%s", phuThuong)
	}
	// A figure dated before the roll-up's day, reported after it, puts
	// Quảng An behind: the next roll-up names it, though a week before
	// (with the late figure) it was behind already.
	quangAn := city.Committees[2].Service
	save(t, quangAn.Store, "CT01.1", indicator.NewDate(2023, 6, 20), 3, "late")
	text, err := city.RollupText(ctx, indicator.NewDate(2023, 7, 3))
	if err != nil {
		t.Fatal(err)
	}
	_, later, _ := strings.Cut(text(locales.MustLoad().Printer("vi")), "<b>Phường Quảng An</b>:")
	later, _, _ = strings.Cut(later, "\n\n")
	if !strings.Contains(later, "so với bản tổng hợp gần nhất: <b>CT01.1</b>") {
		t.Errorf("a ward fallen behind since the last roll-up, by a late figure, is not named:\n%s", later)
	}
}
