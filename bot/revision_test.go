package bot_test

import (
	"testing"

	"chitieu/indicator"
)

// TestShowTellsTheRevision: /xem names the revision in force, its target
// and the resolution that made it, and judges by the revised target.
func TestShowTellsTheRevision(t *testing.T) {
	h := newHarness(t, nil)
	h.plan.Indicator("CT01.1").Revisions = []indicator.Revision{{From: indicator.NewDate(2023, 6, 1),
		Target: &indicator.Target{Op: indicator.GE, Value: 120}, Note: "Nghị quyết số 15-NQ/HU"}}
	h.restart()
	h.say(leaderOf(h), "/xem CT01.1")
	contains(t, h.lastText(leader), "Revised from 01/06/2023: target ≥ 120 đảng viên — <i>Nghị quyết số 15-NQ/HU</i>", "Target: ≥ 120 đảng viên")
}
