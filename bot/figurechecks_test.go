package bot_test

import (
	"testing"

	"chitieu/store"
	"chitieu/telegramtest"
)

var cashier = telegramtest.User{ID: 12, FirstName: "Hà", LastName: "Phạm", Lang: "vi"}

// TestACodeWithACommaIsAskedAbout: "CT01,1: 3" (a comma for the dot) is
// asked about ("có phải … CT01.1?"), not given the general hint, and
// nothing is saved.
func TestACodeWithACommaIsAskedAbout(t *testing.T) {
	h := newHarness(t, nil)
	h.join(reporter, store.Reporter, "BTC")
	for _, typed := range []string{"CT01,1: 3", "/baocao CT01,1 3"} {
		h.say(reporter, typed)
		contains(t, h.last(reporter), "“CT01,1”", "Có phải đồng chí muốn gõ mã <b>CT01.1</b>", "Chưa có số liệu nào được lưu", "<code>CT01.1: 3</code>")
	}
	if n := len(h.figures("CT01.1")); n != 0 {
		t.Errorf("%d figures saved on a guessed code", n)
	}
	h.say(reporter, "/xem CT01,1")
	contains(t, h.last(reporter), "Có phải đồng chí muốn gõ mã <b>CT01.1</b>? Mã chỉ tiêu viết bằng dấu chấm.")
}

// TestNghinTyInTheChat: "CT02.4: 1,7 nghìn tỷ" is 1.700 tỷ đồng, shown
// as understood before it is saved.
func TestNghinTyInTheChat(t *testing.T) {
	h := newHarness(t, nil)
	h.join(cashier, store.Reporter, "CCT")
	h.say(cashier, "CT02.4: 1,7 nghìn tỷ")
	contains(t, h.last(cashier), "“1,7 nghìn tỷ”", "<b>1.700 tỷ đồng</b>")
	h.press(cashier, "✅")
	if figs := h.figures("CT02.4"); len(figs) != 1 || figs[0].Value != 1700 {
		t.Errorf("saved %+v", figs)
	}
}
