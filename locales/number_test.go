package locales

import (
	"errors"
	"testing"
)

func TestParseNumber(t *testing.T) {
	tests := []struct {
		in        string
		value     float64
		unit      Unit
		den       float64
		ambiguous bool
	}{
		{"8", 8, NoUnit, 0, false},
		{"1.234", 1234, NoUnit, 0, true},
		{"1.234,5", 1234.5, NoUnit, 0, false},
		{"1.234.567", 1234567, NoUnit, 0, false},
		{"12,37", 12.37, NoUnit, 0, false},
		{"1,500", 1.5, NoUnit, 0, true},
		{"12.5", 12.5, NoUnit, 0, true},
		{"75%", 75, Percent, 0, false},
		{"75 %", 75, Percent, 0, false},
		{"12,37‰", 12.37, Permille, 0, false},
		{"12,37%o", 12.37, Permille, 0, false},
		{"240 triệu", 240e6, NoUnit, 0, false},
		{"240 trieu dong", 240e6, NoUnit, 0, false},
		{"1,5 tỷ", 1.5e9, NoUnit, 0, false},
		{"1,5 tỉ đồng", 1.5e9, NoUnit, 0, false},
		{"3 nghìn", 3000, NoUnit, 0, false},
		{"3 ngàn", 3000, NoUnit, 0, false},
		{"8/8", 8, NoUnit, 8, false},
		{"-2,5", -2.5, NoUnit, 0, false},
		{"−3", -3, NoUnit, 0, false},
		{"  42  ", 42, NoUnit, 0, false},
		{"0", 0, NoUnit, 0, false},
	}
	for _, tt := range tests {
		n, err := ParseNumber(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if n.Value != tt.value || n.Unit != tt.unit || n.Den != tt.den || n.Ambiguous != tt.ambiguous {
			t.Errorf("%q = %+v, want %v unit %v den %v ambiguous %v", tt.in, n, tt.value, tt.unit, tt.den, tt.ambiguous)
		}
	}
}

func TestParseNumberErrors(t *testing.T) {
	tests := []struct {
		in     string
		reason Reason
		word   string
	}{
		{"", Empty, ""},
		{"   ", Empty, ""},
		{"abc", NotANumber, ""},
		{"1,2,3", TwoDecimalPoints, ""},
		{"1.2.3", BadGrouping, ""},
		{"1.234,5,6", TwoDecimalPoints, ""},
		{"1,234.5", MixedSeparators, ""},
		{"12,", NotANumber, ""},
		{".5", NotANumber, ""},
		{"8/0", ZeroDenominator, ""},
		{"12 con", UnknownWord, "con"},
		{"5 triệu đô", UnknownWord, "do"},
		{"1" + string(make([]byte, 0)) + "e999", UnknownWord, "e999"},
		{"9" + repeat("9", 400), TooLarge, ""},
	}
	for _, tt := range tests {
		_, err := ParseNumber(tt.in)
		var fe *FigureError
		if !errors.As(err, &fe) {
			t.Errorf("%q: err = %v, want a FigureError", tt.in, err)
			continue
		}
		if fe.Reason != tt.reason || fe.Word != tt.word {
			t.Errorf("%q: reason %v word %q, want %v %q", tt.in, fe.Reason, fe.Word, tt.reason, tt.word)
		}
	}
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v        float64
		decimals int
		want     string
	}{
		{1234.5, -1, "1.234,5"},
		{1234567, -1, "1.234.567"},
		{12.37, -1, "12,37"},
		{0.5, -1, "0,5"},
		{-2.5, -1, "-2,5"},
		{44.63013698630137, 1, "44,6"},
		{90, 2, "90"},
		{-0.001, 1, "0"},
		{100, -1, "100"},
		{999.999, 2, "1.000"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.v, tt.decimals); got != tt.want {
			t.Errorf("FormatNumber(%v, %d) = %q, want %q", tt.v, tt.decimals, got, tt.want)
		}
	}
	if got := FormatValue(Number{Value: 12.37, Unit: Permille}, 2); got != "12,37‰" {
		t.Errorf("FormatValue = %q", got)
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Hoàn thành TỐT":   "hoan thanh tot",
		"Đảng viên":        "dang vien",
		"  xuất   sắc ":    "xuat sac",
		"Tỷ lệ ĐẠT chuẩn":  "ty le dat chuan",
		"Phường Văn hóa":   "phuong van hoa",
		"ngàn\u00a0đồng":   "ngan dong",
		"Hoa\u0300n thành": "hoan thanh",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzParseNumber: no panic, and every value read prints back to a text
// read as the same value.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"8", "1.234", "1.234,5", "12,37‰", "75%", "240 triệu", "1,5 tỷ", "8/8", "-0,5", "1,2,3", "HTT"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNumber(s)
		if err != nil {
			var fe *FigureError
			if !errors.As(err, &fe) {
				t.Fatalf("%q: error %v is not a FigureError", s, err)
			}
			return
		}
		back := FormatValue(Number{Value: n.Value, Unit: n.Unit, Den: n.Den}, -1)
		m, err := ParseNumber(back)
		if err != nil {
			t.Fatalf("%q read as %v, printed %q, which does not read: %v", s, n.Value, back, err)
		}
		if m.Value != n.Value || m.Unit != n.Unit || m.Den != n.Den {
			t.Fatalf("%q read as %+v, printed %q, read back as %+v", s, n, back, m)
		}
	})
}
