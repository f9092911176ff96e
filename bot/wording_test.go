package bot_test

import (
	"context"
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/store"
)

// TestShowWordsAPlaceAsTheListDoes: /xem words a place's target as the
// list does — "xếp thứ 10 trở lên (tăng ít nhất 2 bậc so với năm
// 2019)" —, never "≤ xếp thứ 10".
func TestShowWordsAPlaceAsTheListDoes(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	if _, err := h.store.Figures.Import(context.Background(), 0, []store.NewFigure{
		{Indicator: "CT06.1", Date: indicator.NewDate(2019, 12, 31), Value: 12, Key: "t:1"},
		{Indicator: "CT06.1", Date: indicator.NewDate(2022, 12, 31), Value: 11, Key: "t:2"}}); err != nil {
		t.Fatal(err)
	}
	want := "xếp thứ 10 trở lên (tăng ít nhất 2 bậc so với năm 2019)"
	h.say(reporter, "/xem CT06.1")
	show := h.lastText(reporter)
	contains(t, show, "Mục tiêu: "+want+" cả nhiệm kỳ")
	if strings.Contains(show.Text, "≤") {
		t.Errorf("a sign before a place:\n%s", show.Text)
	}
	h.say(reporter, "/chitieu CT06")
	contains(t, h.lastText(reporter), want)
}

// TestACodeWithoutItsZerosIsReadAsTheOneItCanBe: "ct1.1" (or "CT1.1") is
// read as CT01.1, the only code it can be, and said so: a one-line report
// is shown as understood, with the code, and saved only once confirmed;
// /xem shows CT01.1 saying how the code was read.
func TestACodeWithoutItsZerosIsReadAsTheOneItCanBe(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	for _, typed := range []string{"ct1.1: 8", "/baocao CT1.1 8"} {
		h.say(reporter, typed)
		ask := h.last(reporter)
		contains(t, ask, "được hiểu là mã <b>CT01.1</b>", "Đề nghị kiểm tra số liệu <b>CT01.1</b>", "được hiểu là <b>8 đảng viên</b>")
		if labels := buttonLabels(ask); labels != "[✅ Lưu ✏️ Nhập lại ✖ Hủy]" {
			t.Errorf("%s: buttons %s", typed, labels)
		}
		if n := len(h.figures("CT01.1")); n != 0 {
			t.Fatalf("%s: %d figures saved before the code was confirmed", typed, n)
		}
		h.press(reporter, "✖")
	}
	h.say(reporter, "ct1.1: 45")
	h.press(reporter, "✅")
	if figs := h.figures("CT01.1"); len(figs) != 1 || figs[0].Value != 45 {
		t.Errorf("saved %+v", figs)
	}
	h.say(reporter, "/xem ct1.1")
	contains(t, h.lastText(reporter), "được hiểu là mã <b>CT01.1</b>", "<b>CT01.1</b> Kết nạp đảng viên mới")
	h.say(reporter, "ct7.1: 8")
	contains(t, h.last(reporter), "“ct7.1”")
}
