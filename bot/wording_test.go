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
	if _, err := h.store.ImportFigures(context.Background(), 0, []store.NewFigure{
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
