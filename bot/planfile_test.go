package bot_test

import (
	"bytes"
	"context"
	"testing"

	"chitieu/plans"
	"chitieu/store"
)

// TestAnAdminSendsARevisedPlan: an admin sends a plan file; the bot shows
// what it changes and the statuses it moves, and applies it as a new
// version only when the admin confirms; a file with problems is refused
// with its lines, one that would orphan figures with the reason.
func TestAnAdminSendsARevisedPlan(t *testing.T) {
	h, ctx := seededWithAReport(t)
	revised := bytes.Replace(plans.Example, []byte(`target: {op: ">=", value: 90}`), []byte(`target: {op: ">=", value: 95}`), 1)

	h.handled(h.srv.SendDocument(admin, "ke-hoach-sua.yaml", revised))
	preview := h.last(admin)
	contains(t, preview, "ke-hoach-sua.yaml", "Sửa 1 chỉ tiêu: CT01.1", "tình trạng hôm nay")
	if n, _ := h.store.Plans.CurrentNumber(ctx); n != 1 {
		t.Fatalf("applied before the admin confirmed: version %d", n)
	}
	h.press(admin, "✅ Áp dụng")
	contains(t, h.last(admin), "phiên bản kế hoạch số 2")
	if n, _ := h.store.Plans.CurrentNumber(ctx); n != 2 {
		t.Errorf("the current version is %d, want 2", n)
	}

	broken := bytes.Replace(plans.Example, []byte("kind: count"), []byte("kind: dem"), 1)
	h.handled(h.srv.SendDocument(admin, "hong.yaml", broken))
	contains(t, h.last(admin), "có 1 lỗi", "dòng ")

	orphaning := bytes.Replace(revised, []byte("code: CT01.1\n"), []byte("code: CT01.1x\n"), 1)
	h.handled(h.srv.SendDocument(admin, "doi-ma.yaml", orphaning))
	contains(t, h.last(admin), "Chưa áp dụng được", "mã CT01.1 (1 số liệu) không còn trong kế hoạch", "formerly: [CT01.1]")

	h.handled(h.srv.SendDocument(admin, "lai.yaml", revised)) // the version in force, again
	contains(t, h.last(admin), "trùng với phiên bản kế hoạch số 2")
	if len(h.last(admin).Keyboard) != 0 {
		t.Error("the version in force is offered to apply again")
	}
	if n, _ := h.store.Plans.CurrentNumber(ctx); n != 2 {
		t.Errorf("a refused plan became version %d", n)
	}

	h.handled(h.srv.SendDocument(reporter, "ke-hoach.yaml", revised))
	contains(t, h.last(reporter), "quản trị viên")
}

// seededWithAReport is a harness whose reporter saved CT01.1: 41 and
// whose store keeps the example plan as its first version.
func seededWithAReport(t *testing.T) (*harness, context.Context) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	h.say(reporter, "CT01.1: 41")
	ctx := context.Background()
	if _, err := h.store.Plans.Seed(ctx, plans.Example, "seed"); err != nil {
		t.Fatal(err)
	}
	return h, ctx
}
