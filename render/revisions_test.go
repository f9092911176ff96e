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
