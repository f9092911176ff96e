package bot_test

import (
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/store"
)

// TestShowTellsTheRevision: /xem names the revision in force, its target
// and the resolution that made it, and judges by the revised target.
func TestShowTellsTheRevision(t *testing.T) {
	h := newHarness(t, nil)
	h.stop()
	h.plan.Indicator("CT01.1").Revisions = []indicator.Revision{{From: indicator.NewDate(2023, 6, 1),
		Target: &indicator.Target{Op: indicator.GE, Value: 120}, Note: "Nghị quyết số 15-NQ/HU"}}
	h.start()
	h.say(leaderOf(h), "/xem CT01.1")
	contains(t, h.lastText(leader), "Revised from 01/06/2023: target ≥ 120 đảng viên — <i>Nghị quyết số 15-NQ/HU</i>", "Target: ≥ 120 đảng viên",
		"The plan's note (from before the revision): Hằng năm, kết nạp 90", "No figure reported in the evaluation window yet.")
}

// TestARenamedCodeKeepsItsHistoryInShow: figures saved under CT01.1 are
// CT01.9's once the plan lists CT01.1 under formerly.
func TestARenamedCodeKeepsItsHistoryInShow(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 41")
	h.stop()
	ind := h.plan.Indicator("CT01.1")
	ind.Code, ind.Formerly = "CT01.9", []string{"CT01.1"}
	h.store.Follow(h.plan)
	h.start()
	h.say(leaderOf(h), "/xem CT01.9")
	contains(t, h.lastText(leader), "CT01.9", "30/06/2023: <b>41 đảng viên</b>", "At risk")
	if strings.Contains(h.lastText(leader).Text, "is now") {
		t.Error("/xem under the code in force says it was renamed")
	}
	h.say(leaderOf(h), "/xem ct01.1")
	contains(t, h.lastText(leader), "The code ct01.1 is now <b>CT01.9</b>", "30/06/2023: <b>41 đảng viên</b>")
}

// TestAFixButtonOfACodeThePlanDroppedIsOld: a /sua button pressed after
// the plan stopped having its code says it is old (it panicked before).
func TestAFixButtonOfACodeThePlanDroppedIsOld(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 41")
	h.say(reporter, "/sua")
	h.stop()
	h.plan.Indicator("CT01.1").Code = "CT01.9"
	h.start()
	h.press(reporter, "CT01.1")
	contains(t, h.last(reporter), "hết hiệu lực")
}

// TestAReportUnderAFormerCodeSaysTheCodeNow: a figure typed under a code
// the plan renamed is saved under the new code, and the reply says so.
func TestAReportUnderAFormerCodeSaysTheCodeNow(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.stop()
	ind := h.plan.Indicator("CT01.1")
	ind.Code, ind.Formerly = "CT01.9", []string{"CT01.1"}
	h.store.Follow(h.plan)
	h.start()
	h.say(reporter, "ct 01.1: 41")
	contains(t, h.lastText(reporter), "Mã ct 01.1 nay là <b>CT01.9</b>", "Đã lưu <b>CT01.9</b>: 41")
	h.say(reporter, "CT01.9: 2")
	if got := h.lastText(reporter).Text; strings.Contains(got, "nay là") {
		t.Errorf("a report under the code in force says it was renamed: %q", got)
	}
}

// TestTheReasonPromptSaysTheTargetInForce: a revision that changes the
// target's sign (> 98% to ≥ 99%) is the sign the reason prompt states.
func TestTheReasonPromptSaysTheTargetInForce(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "QLDT")
	h.stop()
	h.plan.Indicator("CT04.2").Revisions = []indicator.Revision{{From: indicator.NewDate(2023, 1, 1),
		Target: &indicator.Target{Op: indicator.GE, Value: 99}, Note: "Nghị quyết số 15-NQ/QU"}}
	h.start()
	h.say(reporter, "CT04.2: 50")
	got := h.last(reporter).Text
	if !strings.Contains(got, "nguyên nhân") || !strings.Contains(got, "cần đạt từ 99% trở lên") || strings.Contains(got, "trên 98%") {
		t.Errorf("the reason prompt under a target revised to ≥ 99%%: %q", got)
	}
}
