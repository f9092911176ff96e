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
