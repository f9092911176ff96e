package bot_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chitieu/plans"
)

// TestAnAdminSendsTheNextTermsPlan: the 2025–2030 plan shares codes with
// 2020–2025; sent to the bot on 30/6/2023, it is offered as a new term
// that begins on its first day (the figures of 2020–2025 are not orphans
// to it); once applied it is kept ahead, 2020–2025 staying current; once
// 2020–2025 has ended, a new version of its plan is refused, saying why.
func TestAnAdminSendsTheNextTermsPlan(t *testing.T) {
	h, ctx := seededWithAReport(t)
	next, err := os.ReadFile(filepath.Join("..", "plans", plans.NextTermName))
	if err != nil {
		t.Fatal(err)
	}
	h.handled(h.srv.SendDocument(admin, "nhiem-ky-moi.yaml", next))
	contains(t, h.last(admin), "bắt đầu <b>nhiệm kỳ mới 2025–2030</b>", "bắt đầu từ ngày 01/01/2026", "2020–2025 vẫn là nhiệm kỳ hiện hành")
	h.press(admin, "✅ Áp dụng")
	contains(t, h.last(admin), "phiên bản kế hoạch số 2", "nhiệm kỳ 2025–2030", "bắt đầu từ ngày 01/01/2026")
	all, _ := h.store.Terms(ctx)
	if len(all) != 2 || all[0].Ended(all[0].Today(h.clock.Now())) {
		t.Fatalf("terms %+v", all)
	}
	if n, _ := h.store.Plans.CurrentNumber(ctx); n != 1 {
		t.Errorf("the version in force on 30/6/2023 is %d, want 1: the next term waits for its first day", n)
	}
	h.handled(h.srv.SendDocument(admin, "cu.yaml", plans.Example))
	contains(t, h.last(admin), "trùng với phiên bản kế hoạch số 1")
	h.clock.Set(afterTheTerm)
	edited := []byte(strings.Replace(string(plans.Example), "value: 90}", "value: 95}", 1))
	h.handled(h.srv.SendDocument(admin, "cu2.yaml", edited))
	contains(t, h.last(admin), "Không áp dụng được tệp này: nhiệm kỳ 2020–2025 đã kết thúc")
	if n, _ := h.store.Plans.CurrentNumber(ctx); n != 2 {
		t.Errorf("the version in force on 10/2/2026 is %d, want 2", n)
	}
}
