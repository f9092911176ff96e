package bot_test

import (
	"fmt"
	"strings"
	"testing"

	"chitieu/store"
	"chitieu/telegramtest"
)

var cashier = telegramtest.User{ID: 12, FirstName: "Hà", LastName: "Phạm", Lang: "vi"}

// TestACodeWithACommaIsAskedAbout: "CT01,1: 3" (a comma for the dot) is
// asked about ("có phải … CT01.1?"), not given the general hint, and
// nothing is saved.
func TestACodeWithACommaIsAskedAbout(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	for _, typed := range []string{"CT01,1: 3", "/baocao CT01,1 3"} {
		h.say(reporter, typed)
		contains(t, h.last(reporter), "“CT01,1”", "Có phải đồng chí muốn gõ mã <b>CT01.1</b>", "Chưa có số liệu nào được lưu", "<code>CT01.1: 3</code>")
	}
	if n := len(h.figures("CT01.1")); n != 0 {
		t.Errorf("%d figures saved on a guessed code", n)
	}
	h.say(reporter, "/xem CT01,1")
	contains(t, h.last(reporter), "Có phải đồng chí muốn gõ mã <b>CT01.1</b>? Mã chỉ tiêu viết bằng dấu chấm.")
}

// TestNghinTyInTheChat: "CT02.4: 1,7 nghìn tỷ" is 1.700 tỷ đồng, shown
// as understood before it is saved.
func TestNghinTyInTheChat(t *testing.T) {
	h := newHarness(t, nil)
	h.join(cashier, store.Reporter, "CCT")
	h.say(cashier, "CT02.4: 1,7 nghìn tỷ")
	contains(t, h.last(cashier), "“1,7 nghìn tỷ”", "<b>1.700 tỷ đồng</b>")
	h.press(cashier, "✅")
	if figs := h.figures("CT02.4"); len(figs) != 1 || figs[0].Value != 1700 {
		t.Errorf("saved %+v", figs)
	}
}

// TestASecondCountTheSameDayAsksAddOrReplace: a reporter's second count
// for a period the same day, different or the same, is asked about: added
// to the first, or replacing it (a correction that keeps history); nothing
// is saved before the answer.
func TestASecondCountTheSameDayAsksAddOrReplace(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 41")
	h.say(reporter, "ct 01.1 5")
	ask := h.last(reporter)
	contains(t, ask, "Hôm nay đồng chí đã báo cáo 41 đảng viên trong kỳ báo cáo này (lúc 09:00)",
		"cộng thêm vào số đó (thành 46 đảng viên) hay thay cho số đó")
	if labels := buttonLabels(ask); labels != "[➕ Cộng thêm 🔁 Thay số đã báo cáo ✏️ Nhập lại ✖ Hủy]" {
		t.Errorf("buttons %s", labels)
	}
	if n := len(h.figures("CT01.1")); n != 1 {
		t.Fatalf("%d figures before the answer, want 1", n)
	}
	h.press(reporter, "➕")
	contains(t, h.last(reporter), "Đã lưu", "5 đảng viên")
	if figs := h.figures("CT01.1"); len(figs) != 2 || figs[0].Value+figs[1].Value != 46 {
		t.Fatalf("after adding: %+v", figs)
	}

	h.say(reporter, "CT01.1: 4")
	contains(t, h.last(reporter), "Hôm nay đồng chí đã báo cáo 5 đảng viên")
	h.press(reporter, "🔁")
	contains(t, h.last(reporter), "Đã thay số liệu <b>CT01.1</b> báo cáo lúc 09:00: 5 đảng viên → 4 đảng viên", "lịch sử")
	figs := h.figures("CT01.1")
	if len(figs) != 2 || figs[1].Value != 4 || len(figs[1].History) != 1 || figs[1].History[0].Value != 5 || figs[1].History[0].Reason == "" {
		t.Fatalf("after replacing: %+v", figs)
	}

	h.say(reporter, "CT01.1: 4")
	contains(t, h.last(reporter), "Hôm nay đồng chí đã báo cáo 4 đảng viên")
	h.press(reporter, "🔁")
	contains(t, h.last(reporter), "đã là 4 đảng viên; không có gì thay đổi")
	if figs := h.figures("CT01.1"); len(figs) != 2 || figs[1].Value != 4 || len(figs[1].History) != 1 {
		t.Errorf("replacing a figure by itself changed it: %+v", figs)
	}
}

func buttonLabels(m telegramtest.Message) string {
	var out []string
	for _, row := range m.Keyboard {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return fmt.Sprint(out)
}

// TestAShareTypedAsAFractionIsAskedAbout: "0,8" for a share that must
// reach 75%, with no figure before it, is shown as understood and asked
// about ("Có phải 80%?") with a button to type it again, not saved as
// 0,8% with only a reason asked; nothing is saved before the answer.
func TestAShareTypedAsAFractionIsAskedAbout(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.3: 0,8")
	ask := h.last(reporter)
	contains(t, ask, "<b>0,8%</b>", "Có phải 80%?", "nhỏ hơn một phần mười mục tiêu (75%)")
	if labels := buttonLabels(ask); labels != "[✅ Lưu ✏️ Nhập lại ✖ Hủy]" {
		t.Errorf("buttons %s", labels)
	}
	if n := len(h.figures("CT01.3")); n != 0 {
		t.Fatalf("%d figures saved before the answer", n)
	}
	h.press(reporter, "✏️")
	h.say(reporter, "80")
	h.press(reporter, "✅")
	if figs := h.figures("CT01.3"); len(figs) != 1 || figs[0].Value != 80 {
		t.Errorf("saved %+v, want 80", figs)
	}
}

// TestTheReasonPromptLetsTheFigureBeTypedAgain: a figure that puts the
// indicator off track asks for a reason with a button to type the figure
// again, and the figure typed again is saved without a reason when it
// keeps the indicator on track.
func TestTheReasonPromptLetsTheFigureBeTypedAgain(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 3")
	ask := h.last(reporter)
	contains(t, ask, "nguyên nhân")
	if labels := buttonLabels(ask); labels != "[✏️ Nhập lại ✖ Hủy]" {
		t.Fatalf("buttons %s", labels)
	}
	if n := len(h.figures("CT01.1")); n != 0 {
		t.Fatalf("%d figures saved before the reason", n)
	}
	h.press(reporter, "✏️")
	contains(t, h.last(reporter), "tăng thêm trong kỳ")
	h.say(reporter, "45")
	h.press(reporter, "✅")
	if figs := h.figures("CT01.1"); len(figs) != 1 || figs[0].Value != 45 || figs[0].Note != "" {
		t.Errorf("saved %+v, want 45 without a note", figs)
	}
}

// TestAPlaceWithAFractionIsAskedAgain: "thứ 9,5" for a rank is asked
// again saying a place is a whole number (not "số  là số nguyên").
func TestAPlaceWithAFractionIsAskedAgain(t *testing.T) {
	h := newHarness(t, nil)
	officer := telegramtest.User{ID: 13, FirstName: "Nội", LastName: "Vụ", Lang: "vi"}
	h.join(officer, store.Reporter, "NV")
	h.say(officer, "CT06.1: thứ 9,5")
	m := h.last(officer)
	contains(t, m, "“thứ 9,5”: thứ hạng là số nguyên, không có phần lẻ")
	if strings.Contains(m.Text, "số  ") {
		t.Errorf("an empty unit: %s", m.Text)
	}
	if n := len(h.figures("CT06.1")); n != 0 {
		t.Errorf("%d figures saved", n)
	}
}
