package bot_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chitieu/indicator"
	"chitieu/plans"
)

// TestAReporterWhoseUnitLeftThePlanIsToldWhatToDo: once the next term's
// plan has no unit BTC, its reporter is told that their unit, named as
// the finished term's plan named it, is no longer in the plan, and to ask
// an admin for their new unit: by /baocao and by a one-line report alike.
func TestAReporterWhoseUnitLeftThePlanIsToldWhatToDo(t *testing.T) {
	h, _ := seededWithAReport(t)
	data, err := os.ReadFile(filepath.Join("..", "plans", plans.NextTermName))
	if err != nil {
		t.Fatal(err)
	}
	h.handled(h.srv.SendDocument(admin, "nhiem-ky-moi.yaml", data))
	h.press(admin, "✅ Áp dụng")
	next, err := indicator.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	h.bot.SetPlan(next) // as the plan's follower does
	for _, text := range []string{"/baocao", "CT01.1: 3"} {
		said := h.say(reporter, text)
		got := said[len(said)-1].Text
		for _, want := range []string{"Ban Tổ chức Quận ủy", "không còn trong kế hoạch hiện hành", "liên hệ quản trị viên"} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: %q lacks %q", text, got, want)
			}
		}
		if strings.Contains(got, "BTC") {
			t.Errorf("%s: the unit is named by its code: %q", text, got)
		}
	}
}

// TestAStepOfAReporterWhoseUnitLeftThePlanIsRefusedSayingWhy: a version of
// the plan that moves the unit's indicators elsewhere and drops the unit
// ends the reporter's report in hand, naming the unit as the earlier
// version did.
func TestAStepOfAReporterWhoseUnitLeftThePlanIsRefusedSayingWhy(t *testing.T) {
	h, ctx := seededWithAReport(t)
	moved := strings.ReplaceAll(strings.Replace(string(plans.Example), "  - {code: BTC, name: Ban Tổ chức Quận ủy}\n", "", 1), "owner: BTC", "owner: VPQU")
	if _, _, err := h.store.Plans.Apply(ctx, []byte(moved), admin.ID, "Ban Tổ chức sáp nhập"); err != nil {
		t.Fatal(err)
	}
	next, err := indicator.Load([]byte(moved))
	if err != nil {
		t.Fatal(err)
	}
	h.say(reporter, "/baocao")
	h.press(reporter, "CT01.1")
	h.bot.SetPlan(next)
	said := h.say(reporter, "3")
	contains(t, said[len(said)-1], "Đơn vị Ban Tổ chức Quận ủy của đồng chí không còn trong kế hoạch hiện hành", "liên hệ quản trị viên")
	if n := len(h.figures("CT01.1")); n != 1 {
		t.Errorf("%d figures, want only the one reported before", n)
	}
}
