package render_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/render"
)

// TestRevisionsSayTheTargetBeforeAndAfter: a plan version that adds a
// revision says the day, the target before and after, and its resolution;
// one that keeps the revisions says nothing of them.
func TestRevisionsSayTheTargetBeforeAndAfter(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "plans", plans.NextTermName))
	if err != nil {
		t.Fatal(err)
	}
	next, err := indicator.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	old, _ := indicator.Load(data)
	old.Indicator("CT01.1").Revisions = nil
	p := locales.MustLoad().Printer("vi")
	got := render.Revisions(p, old, next)
	if len(got) != 1 || !strings.HasPrefix(got[0], "CT01.1: điều chỉnh từ ngày 01/07/2028, mục tiêu ") ||
		!strings.Contains(got[0], "30 đảng viên → ") || !strings.Contains(got[0], "→ ≥ 40 đảng viên") ||
		!strings.Contains(got[0], "Nghị quyết số 05-NQ/ĐU") {
		t.Errorf("the revision added reads %q", got)
	}
	if again := render.Revisions(p, next, next); len(again) != 0 {
		t.Errorf("no revision added, yet: %q", again)
	}
}

// TestCurlyQuotesAreNamed: a plan value written with a word processor's
// curly quotes gets a word on straight quotes.
func TestCurlyQuotesAreNamed(t *testing.T) {
	p := locales.MustLoad().Printer("vi")
	_, msg := render.Problem(p, indicator.Problem{Line: 3, ID: indicator.ProblemEnum, Field: "target.op",
		Args: map[string]any{"value": "“>=”", "allowed": "“>=”"}})
	if !strings.Contains(msg, "ngoặc kép cong") {
		t.Errorf("curly quotes not named: %q", msg)
	}
	if _, msg := render.Problem(p, indicator.Problem{Line: 3, ID: indicator.ProblemEnum, Field: "target.op",
		Args: map[string]any{"value": "=>", "allowed": "“>=”"}}); strings.Contains(msg, "ngoặc kép cong") {
		t.Errorf("curly quotes named for a plain value: %q", msg)
	}
}

// TestChangesSayWhatChanged: a target changed in place (not through a
// revision) says before and after and that it judges the whole term; a
// unit and other fields are named; an unchanged plan says nothing.
func TestChangesSayWhatChanged(t *testing.T) {
	old, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	next, _ := indicator.Load(plans.Example)
	ind := next.Indicator("CT01.1")
	ind.Target.Value, ind.UnitOfMeasure, ind.Tolerance = 60, "người", 0.2
	p := locales.MustLoad().Printer("vi")
	got := strings.Join(render.Changes(p, old, next), "\n")
	for _, want := range []string{"CT01.1: mục tiêu ≥ 90 đảng viên → ≥ 60 người; do sửa trực tiếp", "CT01.1: đơn vị tính “đảng viên” → “người”",
		"CT01.1: sửa mức chênh lệch cho phép (tolerance)"} {
		if !strings.Contains(got, want) {
			t.Errorf("changes lack %q:\n%s", want, got)
		}
	}
	if same := render.Changes(p, old, old); len(same) != 0 {
		t.Errorf("no change, yet: %q", same)
	}
}
