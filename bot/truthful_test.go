package bot_test

import (
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/store"
	"chitieu/telegramtest"
)

var economist = telegramtest.User{ID: 21, FirstName: "Hà", Lang: "vi"}

// TestANewReportEndsTheOneLeftUnfinished: a one-line report typed at the
// reason prompt or at the confirmation is a report, not the reason nor a
// bad figure (issue: a correction was saved as the reason of the wrong
// figure); a command ends the conversation too, with a word.
func TestANewReportEndsTheOneLeftUnfinished(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 1") // far behind: asks for a reason
	contains(t, h.last(reporter), "nguyên nhân")
	h.say(reporter, "CT01.1: 41")
	sent := h.srv.Sent(reporter.ID)
	contains(t, sent[len(sent)-2], "Đã hủy báo cáo CT01.1 đang nhập dở; số liệu “1” chưa được lưu.")
	contains(t, h.last(reporter), "Đã lưu", "41 đảng viên")
	if figs := h.figures("CT01.1"); len(figs) != 1 || figs[0].Value != 41 || figs[0].Note != "" {
		t.Errorf("figures %+v, want one: 41 without a note", figs)
	}
	h.say(reporter, "CT01.2: 1.234") // ambiguous: confirmed
	contains(t, h.last(reporter), "Đề nghị kiểm tra số liệu")
	h.say(reporter, "CT01.3: 80")
	if !sentAny(h.srv.Sent(reporter.ID), "Đã hủy báo cáo CT01.2 đang nhập dở; số liệu “1.234” chưa được lưu.") {
		t.Error("a report of CT01.3 did not say which figure of CT01.2 was left unsaved")
	}
	contains(t, h.last(reporter), "Đã lưu", "80%")
	h.say(reporter, "/baocao")
	h.press(reporter, "CT01.2")
	h.say(reporter, "/chitieu")
	if n := len(h.figures("CT01.2")); n != 0 {
		t.Errorf("CT01.2 has %d figures after two abandoned reports", n)
	}
	if !sentAny(h.srv.Sent(reporter.ID), "Đã hủy báo cáo CT01.2 đang thực hiện dở; chưa có thay đổi nào được lưu.") {
		t.Error("/chitieu did not say the report of CT01.2 was dropped")
	}
	h.say(reporter, "/sua") // no figure chosen yet: the word names no code
	h.say(reporter, "/chitieu")
	if !sentAny(h.srv.Sent(reporter.ID), "Đã hủy việc sửa số liệu đang thực hiện dở; chưa có thay đổi nào được lưu.") {
		t.Error("/chitieu did not say the correction was dropped, in one sentence")
	}
}

// TestAFigureTypedAgainIsNoLongerNamed: once "Nhập lại" dropped the
// figure waiting for confirmation, ending the report names no figure.
func TestAFigureTypedAgainIsNoLongerNamed(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.2: 1.234")
	h.press(reporter, "✏️ Nhập lại")
	before := len(h.srv.Sent(reporter.ID))
	h.say(reporter, "/xem CT01.2")
	sent := h.srv.Sent(reporter.ID)[before:]
	if !sentAny(sent, "Đã hủy báo cáo CT01.2 đang thực hiện dở; chưa có thay đổi nào được lưu.") || sentAny(sent, "1.234") {
		t.Errorf("after Nhập lại, the report ended with %q", sent[0].Text)
	}
}

// TestImplausibleFiguresAreConfirmed: a figure is shown as understood and
// confirmed when it is implausible, and a fraction of whole things is
// asked again; money in đồng is converted into the indicator's unit.
func TestImplausibleFiguresAreConfirmed(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.join(economist, store.Reporter, "PKT")
	tests := []struct {
		who   telegramtest.User
		text  string
		wants []string
	}{
		{reporter, "CT01.1: 240 triệu", []string{"Đề nghị kiểm tra số liệu", "240.000.000 đảng viên", "gấp hơn 10 lần mục tiêu"}},
		{reporter, "CT01.2: 1.234,5", []string{"Đề nghị kiểm tra số liệu", "1.234,5%", "vượt quá 100%"}},
		{reporter, "CT01.1: 2,5", []string{"số nguyên", "nhập lại"}},
		{economist, "CT02.3: 245.000.000 đồng", []string{"Đề nghị kiểm tra số liệu", "245 triệu đồng/ha"}},
	}
	for _, tt := range tests {
		h.say(tt.who, tt.text)
		contains(t, h.last(tt.who), tt.wants...)
	}
	h.press(economist, "✅")
	if figs := h.figures("CT02.3"); len(figs) != 1 || figs[0].Value != 245 {
		t.Errorf("CT02.3 figures %+v, want 245", figs)
	}
	for _, code := range []string{"CT01.1", "CT01.2"} {
		if n := len(h.figures(code)); n != 0 {
			t.Errorf("%s saved %d figures unconfirmed", code, n)
		}
	}
}

// TestSloppyCodesAndRefusals: codes in any case and spacing; an unknown
// code answers with the nearest ones; /baocao CODE asks for the figure; a
// person without the reporter role is told so.
func TestSloppyCodesAndRefusals(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.join(leader, store.Leader, "")
	for i, text := range []string{"ct01.1: 45", "CT 01.1: 2", "CT01.1 1"} {
		h.say(reporter, text)
		if i > 0 { // a second count today: added, or replacing the first?
			h.press(reporter, "➕")
		}
		contains(t, h.last(reporter), "Đã lưu", "CT01.1")
	}
	if n := len(h.figures("CT01.1")); n != 3 {
		t.Errorf("%d figures saved from sloppy codes, want 3", n)
	}
	h.say(reporter, "/xem ct01.1")
	contains(t, h.lastText(reporter), "Kết nạp đảng viên mới")
	h.say(reporter, "CT01.7: 5")
	contains(t, h.last(reporter), "Không có chỉ tiêu “CT01.7”", "CT01.1")
	h.say(reporter, "/baocao CT01.2")
	contains(t, h.last(reporter), "Nhập số liệu")
	h.say(leader, "CT01.1: 5")
	contains(t, h.last(leader), "for the reporter role")
}

// sentAny reports whether any of the messages holds want.
func sentAny(ms []telegramtest.Message, want string) bool {
	for _, m := range ms {
		if strings.Contains(m.Text, want) {
			return true
		}
	}
	return false
}

// TestTheSameFigureTwiceAsksFirst: the same value for the same period
// from the same person within a day is asked about before it counts twice.
func TestTheSameFigureTwiceAsksFirst(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 45")
	h.say(reporter, "CT01.1: 45")
	contains(t, h.last(reporter), "Đề nghị kiểm tra số liệu", "đã báo cáo 45 đảng viên trong kỳ báo cáo này (lúc 09:00)", "(thành 90 đảng viên)")
	if n := len(h.figures("CT01.1")); n != 1 {
		t.Fatalf("%d figures after the same one twice, want 1 until confirmed", n)
	}
	h.press(reporter, "➕")
	if n := len(h.figures("CT01.1")); n != 2 {
		t.Errorf("%d figures after confirming, want 2", n)
	}
}

// TestARunningTotalOrAFigureAsAReasonIsQuestioned: a count's increment
// equal to the total so far is confirmed (it may be the running total),
// and a bare figure typed where a reason is asked is not taken as one.
func TestARunningTotalOrAFigureAsAReasonIsQuestioned(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 40")
	h.say(reporter, "CT01.1: 10")
	h.press(reporter, "➕") // a second count today: added to the first
	h.say(reporter, "CT01.1: 50")
	contains(t, h.last(reporter), "Đề nghị kiểm tra số liệu", "không nhỏ hơn số lũy kế hiện có (50 đảng viên)")
	if n := len(h.figures("CT01.1")); n != 2 {
		t.Fatalf("%d figures, want 2 until the running total is confirmed", n)
	}
	h = newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 1")
	contains(t, h.last(reporter), "nguyên nhân")
	h.say(reporter, "60")
	contains(t, h.last(reporter), "“60” là một số liệu, không phải nguyên nhân")
	if n := len(h.figures("CT01.1")); n != 0 {
		t.Errorf("%d figures of CT01.1, want none: a figure is not a reason", n)
	}
}

// TestACorrectionIsCheckedLikeAFigure: /sua asks a fraction of whole
// things again and warns of an implausible value before the reason.
func TestACorrectionIsCheckedLikeAFigure(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 45")
	h.say(reporter, "/sua")
	h.press(reporter, "CT01.1")
	h.say(reporter, "2,5")
	contains(t, h.last(reporter), "số nguyên", "nhập lại")
	h.say(reporter, "240 triệu")
	contains(t, h.last(reporter), "gấp hơn 10 lần mục tiêu", "lý do sửa")
	if figs := h.figures("CT01.1"); len(figs) != 1 || figs[0].Value != 45 {
		t.Errorf("figures %+v, want 45 unchanged until the reason", figs)
	}
}

// TestAStrictTargetOnItsValueSaysWhatIsNeeded: 75% against "> 75%" is at
// risk and the reply says it must exceed 75%.
func TestAStrictTargetOnItsValueSaysWhatIsNeeded(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.2: 80") // fills 2022's overdue report
	h.say(reporter, "CT01.2: 75")
	contains(t, h.last(reporter), "Có nguy cơ", "Cần đạt trên 75%")
}

// TestAFigureAfterADeadlineIsNotKept: once a `by` deadline has passed,
// its last period's late report is still taken (it stands for the
// deadline), but a figure for a later day is refused: it could not change
// the final status.
func TestAFigureAfterADeadlineIsNotKept(t *testing.T) {
	h := newHarness(t, nil)
	culture := telegramtest.User{ID: 31, FirstName: "Mai", Lang: "vi"}
	h.join(culture, store.Reporter, "VHTT")
	h.say(culture, "CT03.14: 90%") // the report due for the deadline's quarter, late
	contains(t, h.last(culture), "Đã lưu")
	h.say(culture, "CT03.14: 100%")
	contains(t, h.last(culture), "hạn hoàn thành ngày 31/12/2022", "Chưa có thay đổi nào được lưu")
	h.say(culture, "/baocao CT03.14")
	contains(t, h.last(culture), "hạn hoàn thành ngày 31/12/2022")
	if figs := h.figures("CT03.14"); len(figs) != 1 || figs[0].Date != indicator.NewDate(2022, 12, 31) {
		t.Errorf("figures %+v, want the one for 31/12/2022", figs)
	}
}
