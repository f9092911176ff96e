package bot_test

import (
	"context"
	"strings"
	"testing"

	"chitieu/store"
)

// invite makes an invite through /moi and returns its code.
func (h *harness) invite(role, unit string) string {
	h.t.Helper()
	h.say(admin, "/moi")
	h.press(admin, role)
	done := h.press(admin, unit)
	i := strings.Index(done.Text, "?start=")
	if i < 0 {
		h.t.Fatalf("no invite link: %q", done.Text)
	}
	return done.Text[i+7 : i+7+22]
}

// TestAnAdminRevokesAnUnusedInvite: a link that leaked is revoked in the
// chat, under /moi, before it expires: it then admits no one, the other
// invites stay good, and the revocation is in the audit log.
func TestAnAdminRevokesAnUnusedInvite(t *testing.T) {
	h := newHarness(t, nil)
	leaked := h.invite("Cán bộ phụ trách", "BTC")
	kept := h.invite("Lãnh đạo", "Không thuộc")
	h.say(admin, "/moi")
	list := h.press(admin, "🗑")
	contains(t, list, "Lời mời chưa được sử dụng (2)", leaked[:6], kept[:6], "cán bộ phụ trách, đơn vị Ban Tổ chức Quận ủy",
		"có hiệu lực đến 09:00 ngày 07/07/2023", "do đồng chí Quản Trị tạo")
	after := h.press(admin, "✖ "+leaked[:6])
	contains(t, after, "Đã thu hồi lời mời <code>"+leaked[:6], "không còn dùng được", "Lời mời chưa được sử dụng (1)", kept[:6])
	if strings.Contains(after.Text, "Lời mời chưa được sử dụng (1):\n• <code>"+leaked[:6]) {
		t.Errorf("the revoked invite is still listed: %q", after.Text)
	}
	h.press(admin, "✔")
	contains(t, h.last(admin), "Đã đóng danh sách lời mời")

	refused := h.say(stranger, "/start "+leaked)
	contains(t, refused[len(refused)-1], "đã bị thu hồi")
	if u, err := h.store.People.Get(context.Background(), stranger.ID); err == nil {
		t.Errorf("a revoked invite admitted %+v", u)
	}
	h.say(reporter, "/start "+kept)
	if u, err := h.store.People.Get(context.Background(), reporter.ID); err != nil || !u.Has(store.Leader) {
		t.Errorf("the invite kept does not admit: %+v, %v", u, err)
	}
	entries, _ := h.store.Audit.Entries(context.Background(), 20, "")
	var audited bool
	for _, e := range entries {
		audited = audited || e.Action == "invite.revoke" && e.Actor == admin.ID && e.Subject == "invite:"+leaked[:6]
	}
	if !audited {
		t.Errorf("the revocation is not in the audit log: %+v", entries)
	}
	h.say(admin, "/moi") // none left open: no button to revoke
	for _, row := range h.last(admin).Keyboard {
		for _, b := range row {
			if strings.HasPrefix(b.Text, "🗑") {
				t.Errorf("a button to revoke with no invite open: %q", b.Text)
			}
		}
	}
}
