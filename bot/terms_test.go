package bot_test

import (
	"os"
	"path/filepath"
	"testing"

	"chitieu/plans"
)

// TestAnAdminSendsTheNextTermsPlan: the 2025–2030 plan shares codes with
// 2020–2025; sent to the bot, it is offered as a new term (the figures of
// 2020–2025 are not orphans to it) and, once applied, finishes the old
// term; the old term's plan sent again is refused, saying why.
func TestAnAdminSendsTheNextTermsPlan(t *testing.T) {
	h, ctx := seededWithAReport(t)
	next, err := os.ReadFile(filepath.Join("..", "plans", plans.NextTermName))
	if err != nil {
		t.Fatal(err)
	}
	h.handled(h.srv.SendDocument(admin, "nhiem-ky-moi.yaml", next))
	contains(t, h.last(admin), "nhiệm kỳ mới 2025–2030", "2020–2025", "chỉ xem")
	h.press(admin, "✅ Áp dụng")
	contains(t, h.last(admin), "phiên bản kế hoạch số 2", "nhiệm kỳ 2025–2030")
	all, _ := h.store.Terms(ctx)
	if len(all) != 2 || !all[0].Finished {
		t.Fatalf("terms %+v", all)
	}
	h.handled(h.srv.SendDocument(admin, "cu.yaml", plans.Example))
	contains(t, h.last(admin), "nhiệm kỳ 2020–2025 đã kết thúc")
	if n, _ := h.store.CurrentPlanNumber(ctx); n != 2 {
		t.Errorf("the finished term's plan became version %d", n)
	}
}
