package bot_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"chitieu/bot"
	"chitieu/indicator"

	"chitieu/store"
	"chitieu/telegramtest"
)

func TestStrangerLearnsNothing(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 41")
	for _, text := range []string{"/start", "/chitieu", "/xem CT01.1", "CT01.1: 8", "/start wrong-code", "xin chào"} {
		h.say(stranger, text)
	}
	sent := h.srv.Sent(stranger.ID)
	if len(sent) != 6 {
		t.Fatalf("%d replies to 6 messages", len(sent))
	}
	for _, m := range sent {
		if strings.Contains(m.Text, "CT01") || strings.Contains(m.Text, "Kết nạp") || strings.Contains(m.Text, "41") || strings.Contains(m.Text, "Lan") {
			t.Errorf("a stranger was told %q", m.Text)
		}
		if !strings.Contains(m.Text, "99") {
			t.Errorf("a stranger was not given their id: %q", m.Text)
		}
	}
	if n := len(h.figures("CT01.1")); n != 1 {
		t.Errorf("%d figures, want only the reporter's", n)
	}
}

func TestInviteJoinAndReportByButtons(t *testing.T) {
	h := newHarness(t, nil)
	h.say(admin, "/moi")
	h.press(admin, "Cán bộ phụ trách")
	done := h.press(admin, "BTC")
	contains(t, done, "https://t.me/chitieu_test_bot?start=", "vai trò cán bộ phụ trách, đơn vị Ban Tổ chức Quận ủy, có hiệu lực đến 09:00 ngày 07/07/2023")
	code := done.Text[strings.Index(done.Text, "?start=")+7:]
	code = code[:22]

	joined := h.say(reporter, "/start "+code)
	contains(t, joined[len(joined)-1], "Chào mừng đồng chí Lan Nguyễn", "cán bộ phụ trách", "Ban Tổ chức Quận ủy", "/baocao")

	pick := h.say(reporter, "/baocao")
	contains(t, pick[len(pick)-1], "CT01.1", "Kết nạp đảng viên mới", "tháng 6/2023")
	if strings.Contains(pick[len(pick)-1].Text, "CT02.1") {
		t.Error("a reporter was offered another unit's indicator")
	}
	prompt := h.press(reporter, "CT01.1")
	contains(t, prompt, "Kỳ báo cáo: tháng 6/2023", "tăng thêm trong kỳ")
	h.say(reporter, "41")
	contains(t, h.last(reporter), "“41”", "<b>41 đảng viên</b>")
	if len(h.figures("CT01.1")) != 0 {
		t.Fatal("a figure was saved before it was confirmed")
	}
	h.press(reporter, "✅")
	contains(t, h.last(reporter), "Đã lưu", "CT01.1", "Có nguy cơ", "Cần thêm 49")
	figs := h.figures("CT01.1")
	if len(figs) != 1 || figs[0].Value != 41 || figs[0].By != reporter.ID || figs[0].Source != "chat" {
		t.Errorf("saved %+v", figs)
	}
}

func TestOneLineReports(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 41")
	contains(t, h.last(reporter), "Đã lưu", "41 đảng viên", "Có nguy cơ")
	h.say(reporter, "/baocao CT01.1 6") // a second count today: added, or replacing the first?
	h.press(reporter, "➕")
	contains(t, h.last(reporter), "Đã lưu", "6 đảng viên", "Đúng tiến độ")
	h.say(reporter, "CT01.2 = 80%")
	contains(t, h.last(reporter), "Đã lưu", "80%")
	if n := len(h.figures("CT01.1")); n != 2 {
		t.Errorf("%d figures of CT01.1, want 2", n)
	}
}

func TestAmbiguousFigureIsConfirmed(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 1.234")
	contains(t, h.last(reporter), "“1.234”", "<b>1.234 đảng viên</b>")
	if len(h.figures("CT01.1")) != 0 {
		t.Fatal("an ambiguous figure was saved unseen")
	}
	h.press(reporter, "✏️")
	h.say(reporter, "44")
	h.press(reporter, "✅")
	if figs := h.figures("CT01.1"); len(figs) != 1 || figs[0].Value != 44 {
		t.Errorf("saved %+v, want 44 after typing again", figs)
	}
}

func TestOffTrackFigureAsksForAReason(t *testing.T) {
	h := newHarness(t, nil)
	var told sync.Map // what the alert check was handed, by figure key
	h.tune = func(d *bot.Deps) {
		d.AfterSave = func(_ context.Context, e indicator.Evaluation, key string) error {
			told.Store(key, e)
			return nil
		}
	}
	h.restart()
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 5")
	contains(t, h.last(reporter), "Với số liệu 5 đảng viên", "chậm tiến độ", "đến ngày 30/06/2023 cần đạt từ 44 đảng viên trở lên", "nguyên nhân")
	if len(h.figures("CT01.1")) != 0 {
		t.Fatal("saved before the reason")
	}
	h.say(reporter, "ok")
	contains(t, h.last(reporter), "Nội dung quá ngắn")
	h.say(reporter, "Chi bộ chưa họp xét <kết nạp> & còn chờ hồ sơ")
	contains(t, h.last(reporter), "Đã lưu", "Chậm tiến độ", "Số liệu tính đến ngày 30/06/2023: kết quả thực hiện 5 đảng viên; mức theo lộ trình tại ngày đó: 44 đảng viên",
		"Cần thêm 85 đảng viên trong 6 tháng còn lại")
	figs := h.figures("CT01.1")
	if len(figs) != 1 || figs[0].Note != "Chi bộ chưa họp xét <kết nạp> & còn chờ hồ sơ" {
		t.Fatalf("saved %+v", figs)
	}
	// The alert check reuses the report's evaluation: the reason must be in it, for the leaders.
	if e, ok := told.Load(figs[0].Key); !ok || e.(indicator.Evaluation).Last == nil || e.(indicator.Evaluation).Last.Note != figs[0].Note {
		t.Errorf("the alert check was handed %+v, without the reason", e)
	}
	h.say(leaderOf(h), "/xem CT01.1")
	contains(t, h.lastText(leader), "&lt;kết nạp&gt; &amp; còn")
}

// TestShowNamesTheDueDayOfAnyPeriod: a yearly report due months after the
// year names the day and month, not a bare "due on day 15".
func TestShowNamesTheDueDayOfAnyPeriod(t *testing.T) {
	h := newHarness(t, nil)
	h.say(leaderOf(h), "/xem CT01.4a")
	contains(t, h.lastText(leader), "yearly, due on 15/03 of the next year") // the leader reads English
	h.say(leader, "/xem CT01.1")
	contains(t, h.lastText(leader), "monthly, due on day 25")
}

// leaderOf makes the leader a member and returns them.
func leaderOf(h *harness) telegramtest.User {
	h.join(leader, store.Leader, "")
	return leader
}

func TestCorrectionKeepsHistory(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 41")
	h.say(reporter, "/sua")
	contains(t, h.last(reporter), "CT01.1", "41 đảng viên", "báo cáo lúc 09:00 ngày 30/06/2023")
	asked := h.press(reporter, "CT01.1")
	contains(t, asked, "Nhập số liệu đúng thay cho 41 đảng viên")
	if strings.Contains(asked.Text, "tăng thêm trong kỳ") {
		t.Errorf("the correction asks for an increment: %s", asked.Text)
	}
	h.say(reporter, "45")
	contains(t, h.last(reporter), "<b>45 đảng viên</b>", "lý do")
	h.say(reporter, "gõ nhầm")
	contains(t, h.last(reporter), "41 đảng viên → 45 đảng viên", "Số liệu tính đến ngày 30/06/2023", "Cần thêm 45 đảng viên")
	figs := h.figures("CT01.1")
	if len(figs) != 1 || figs[0].Value != 45 || len(figs[0].History) != 1 || figs[0].History[0].Value != 41 || figs[0].History[0].Reason != "gõ nhầm" {
		t.Errorf("after correction: %+v", figs)
	}
}

func TestAReporterCannotReportAnotherUnit(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT02.1: 15")
	contains(t, h.last(reporter), "CT02.1", "Phòng Tài chính - Kế hoạch", "Chưa có thay đổi nào được lưu")
	h.say(reporter, "/baocao CT02.1 15")
	if len(h.figures("CT02.1")) != 0 {
		t.Error("another unit's indicator was reported")
	}
}

func TestRestartInTheMiddleOfAConversation(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "/baocao")
	h.press(reporter, "CT01.1")
	h.restart()
	h.say(reporter, "41")
	contains(t, h.last(reporter), "<b>41 đảng viên</b>")
	h.restart()
	h.press(reporter, "✅")
	if figs := h.figures("CT01.1"); len(figs) != 1 || figs[0].Value != 41 {
		t.Errorf("after two restarts: %+v", figs)
	}
}

func TestARedeliveredUpdateSavesNothingTwice(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	id := h.srv.SendText(reporter, "CT01.1: 41")
	h.replied(reporter, id, "Đã lưu")
	replies := len(h.srv.Sent(reporter.ID))
	h.srv.Redeliver(id)
	h.say(reporter, "/trogiup") // handled after the redelivered one
	if n := len(h.figures("CT01.1")); n != 1 {
		t.Errorf("%d figures after a redelivery, want 1", n)
	}
	if n := len(h.srv.Sent(reporter.ID)); n != replies+1 {
		t.Errorf("%d replies, want only the help's after the redelivery", n-replies)
	}
}

// TestAReporterWithoutAUnitIsToldSo: a reporter given no unit is told to
// ask for one, not about "the indicators of " with a blank name.
func TestAReporterWithoutAUnitIsToldSo(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "")
	for _, text := range []string{"CT01.1: 8", "/baocao", "/baocao CT01.1 8"} {
		h.say(reporter, text)
		got := h.last(reporter).Text
		if !strings.Contains(got, "chưa được giao đơn vị") || strings.Contains(got, "của .") || strings.Contains(got, "Đơn vị  ") {
			t.Errorf("%s → %q", text, got)
		}
	}
	if n := len(h.figures("CT01.1")); n != 0 {
		t.Errorf("%d figures saved", n)
	}
}
