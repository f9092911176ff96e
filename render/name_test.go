package render_test

import (
	"testing"

	"chitieu/render"
)

// TestNameDropsWhatIsNotSeen: a name, a figure's note or a correction's
// reason loses the characters that are not seen (bidi controls,
// zero-width marks, other controls), and a line break keeps the words it
// parts apart.
func TestNameDropsWhatIsNotSeen(t *testing.T) {
	for in, want := range map[string]string{
		"Nguyễn\u200b Văn\u202e An":    "Nguyễn Văn An",
		"\u2066Chi bộ chưa họp\u2069 ": "Chi bộ chưa họp",
		"nhập nhầm\r\nsố liệu":         "nhập nhầm  số liệu",
		"\u200f\u200d\u00ad":           "",
		"hai\tchi bộ\u0007":            "hai chi bộ",
		"Lan (Ban Tổ chức)":            "Lan (Ban Tổ chức)",
	} {
		if got := render.Name(in); got != want {
			t.Errorf("Name(%q) = %q, want %q", in, got, want)
		}
	}
}
