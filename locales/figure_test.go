package locales

import (
	"errors"
	"strings"
	"testing"
)

// spec is an indicator as ReadFigure sees one.
type spec struct {
	choices []string
	unit    string
	count   bool
}

func (s spec) Choices() []string { return s.choices }
func (s spec) Unit() string      { return s.unit }
func (s spec) Increments() bool  { return s.count }

var (
	members   = spec{unit: "đảng viên", count: true}
	share     = spec{unit: "%"}
	birthRate = spec{unit: "‰"}
	perHa     = spec{unit: "triệu đồng/ha"}
	revenue   = spec{unit: "tỷ đồng"}
	money     = spec{unit: "đồng"}
	wards     = spec{unit: "phường", count: true}
	rating    = spec{choices: []string{"Không hoàn thành", "Hoàn thành", "Hoàn thành tốt", "Hoàn thành xuất sắc"}}
	stages    = spec{choices: []string{"Xây dựng đề án", "Phê duyệt", "Triển khai thực hiện", "Hoàn thành"}}
)

func TestReadFigure(t *testing.T) {
	tests := []struct {
		text      string
		spec      spec
		value     float64
		ambiguous bool
	}{
		{"8", members, 8, false},
		{"8 đảng viên", members, 8, false},
		{"8 dang vien", members, 8, false},
		{"75%", share, 75, false},
		{"75", share, 75, false},
		{"93,5 %", share, 93.5, false},
		{"8/8", share, 100, false},
		{"3/4", share, 75, false},
		{"12,37‰", birthRate, 12.37, false},
		{"12,37%o", birthRate, 12.37, false},
		{"240 triệu", perHa, 240, false},
		{"0,25 tỷ", perHa, 250, true}, // converted: confirmed
		{"250 triệu đồng/ha", perHa, 250, false},
		{"250", perHa, 250, false},
		{"1.500 tỷ", revenue, 1500, true},
		{"1.500 triệu", revenue, 1.5, true},
		{"240 triệu", money, 240e6, false},
		{"8/8", wards, 8, true},
		{"1.234", members, 1234, true},
		{"hoàn thành tốt", rating, 2, false},
		{"Hoàn thành tốt nhiệm vụ", rating, 2, false},
		{"HTT", rating, 2, false},
		{"htxs", rating, 3, false},
		{"hoan thanh xuat sac", rating, 3, false},
		{"KHT", rating, 0, false},
		{"ht", rating, 1, false},
		{"phe duyet", stages, 1, false},
		{"Triển khai thực hiện", stages, 2, false},
		{"2", rating, 2, true},
		{"0", stages, 0, true},
	}
	for _, tt := range tests {
		r, err := ReadFigure(tt.text, tt.spec)
		if err != nil {
			t.Errorf("%q (%s): %v", tt.text, tt.spec.unit, err)
			continue
		}
		if r.Value != tt.value || r.Ambiguous != tt.ambiguous {
			t.Errorf("%q (%s) = %v ambiguous %v, want %v %v", tt.text, tt.spec.unit, r.Value, r.Ambiguous, tt.value, tt.ambiguous)
		}
	}
}

func TestReadFigureErrors(t *testing.T) {
	tests := []struct {
		text   string
		spec   spec
		reason Reason
	}{
		{"", members, Empty},
		{"75%", members, WrongUnit},
		{"12‰", share, WrongUnit},
		{"75%", birthRate, WrongUnit},
		{"8 phường", members, UnknownWord},
		{"-3", members, Negative},
		{"tốt", rating, NotOnScale},
		{"HTX", rating, NotOnScale},
		{"4", rating, NotOnScale},
		{"-1", rating, NotOnScale},
		{"", rating, Empty},
		{"1,2,3", share, TwoDecimalPoints},
		{"8/8%", share, NotANumber},
	}
	for _, tt := range tests {
		_, err := ReadFigure(tt.text, tt.spec)
		var fe *FigureError
		if !errors.As(err, &fe) || fe.Reason != tt.reason {
			t.Errorf("%q (%s): err = %v, want %v", tt.text, tt.spec.unit, err, reasonIDs[tt.reason])
		}
	}
}

func TestNegativeLevelIsFine(t *testing.T) {
	r, err := ReadFigure("-2,5%", share)
	if err != nil || r.Value != -2.5 {
		t.Errorf("a falling growth rate: %v, %v", r.Value, err)
	}
}

// TestScaleNamesEitherWay: a name on a scale reads whatever way it is
// written, whether the scale says "… nhiệm vụ" or not.
func TestScaleNamesEitherWay(t *testing.T) {
	long := []string{"Không hoàn thành nhiệm vụ", "Hoàn thành nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ"}
	short := []string{"Không hoàn thành", "Hoàn thành", "Hoàn thành tốt", "Hoàn thành xuất sắc"}
	typed := map[string]int{
		"Hoàn thành nhiệm vụ": 1, "hoàn thành nhiệm vụ": 1, "HOÀN THÀNH NHIỆM VỤ": 1, "hoan thanh nhiem vu": 1,
		"Hoàn thành": 1, "hoan thanh": 1, "“Hoàn thành nhiệm vụ”": 1, "HT": 1, "HTNV": 1,
		"Hoàn thành tốt nhiệm vụ": 2, "hoàn thành tốt": 2, "HTT": 2, "httnv": 2,
		"Hoàn thành xuất sắc nhiệm vụ": 3, "HTXS": 3, "HTXSNV": 3, "hoàn thành xuất sắc": 3,
		"Không hoàn thành nhiệm vụ": 0, "KHT": 0, "KHTNV": 0, "khong hoan thanh": 0,
	}
	for name, scale := range map[string][]string{"long": long, "short": short} {
		for text, want := range typed {
			got, err := ReadChoice(text, scale)
			if err != nil || got != want {
				t.Errorf("%s scale: %q read as %d (%v), want %d", name, text, got, err, want)
			}
		}
		for _, text := range []string{"Hoàn thành tốt lắm", "xuất sắc", "HTK", "nhiệm vụ"} {
			if _, err := ReadChoice(text, scale); err == nil {
				t.Errorf("%s scale: %q was read", name, text)
			}
		}
	}
}

// TestMoneyIsConvertedIntoTheIndicatorsUnit: a figure written in đồng,
// nghìn, triệu or tỷ is read in the indicator's unit of money, and marked
// for confirmation with the conversion shown.
func TestMoneyIsConvertedIntoTheIndicatorsUnit(t *testing.T) {
	tests := []struct {
		text      string
		spec      spec
		value     float64
		converted bool
	}{
		{"245.000.000 đồng", perHa, 245, true},
		{"245.000.000đ", perHa, 245, true},
		{"245.000 nghìn đồng", perHa, 245, true},
		{"0,245 tỷ đồng", perHa, 245, true},
		{"245 triệu", perHa, 245, false},
		{"245", perHa, 245, false},
		{"1.500.000.000.000 đồng", revenue, 1500, true},
		{"1.500 tỷ đồng", revenue, 1500, false},
		{"240.000.000 đồng", money, 240e6, false},
	}
	for _, tt := range tests {
		r, err := ReadFigure(tt.text, tt.spec)
		if err != nil || r.Value != tt.value || r.Converted != tt.converted || tt.converted && !r.Ambiguous {
			t.Errorf("%q in %s: %v converted %v ambiguous %v (%v), want %v converted %v", tt.text, tt.spec.unit, r.Value, r.Converted, r.Ambiguous, err, tt.value, tt.converted)
		}
	}
}

func TestSloppyFigures(t *testing.T) {
	tests := []struct {
		text  string
		spec  spec
		value float64
	}{
		{"80 phần trăm", share, 80},
		{"80 phan tram", share, 80},
		{"8.", members, 8},
		{"75%.", share, 75},
		{"hoàn thành tốt.", rating, 2},
	}
	for _, tt := range tests {
		if r, err := ReadFigure(tt.text, tt.spec); err != nil || r.Value != tt.value {
			t.Errorf("%q: %v (%v), want %v", tt.text, r.Value, err, tt.value)
		}
	}
	if _, err := ReadFigure("80 phần trăm", birthRate); err == nil {
		t.Error("80 phần trăm was read for an indicator in ‰")
	}
}

func TestAScaleWordOnACountIsConfirmed(t *testing.T) {
	r, err := ReadFigure("240 triệu", members)
	if err != nil || r.Value != 240e6 || !r.Ambiguous {
		t.Errorf("240 triệu đảng viên: %v ambiguous %v (%v), want 240.000.000 confirmed", r.Value, r.Ambiguous, err)
	}
}

// TestAnUnknownWordIsQuotedAsTyped: "5 tấn" names the word "tấn", with its
// diacritics, not the folded "tan".
func TestAnUnknownWordIsQuotedAsTyped(t *testing.T) {
	for text, want := range map[string]string{"5 tấn": "tấn", "8 Phường Xã": "Phường Xã", "5tấn": "tan"} {
		_, err := ReadFigure(text, members)
		var fe *FigureError
		if !errors.As(err, &fe) || fe.Word != want {
			t.Errorf("%q: %v, want the word %q", text, err, want)
		}
	}
}

func TestAnErrorQuotesAtMostSixtyLetters(t *testing.T) {
	long := "Chi bộ đã họp xét kết nạp nhưng hồ sơ của các quần chúng ưu tú vẫn còn thiếu xác nhận lý lịch"
	_, err := ReadFigure("8 "+long, members)
	var fe *FigureError
	if !errors.As(err, &fe) {
		t.Fatalf("err %v", err)
	}
	text := fe.Data()["Text"].(string)
	if n := len([]rune(text)); n != 60 || !strings.HasSuffix(text, "…") || !strings.HasPrefix(text, "8 Chi bộ đã họp") {
		t.Errorf("quoted %q (%d letters), want the first 59 and …", text, n)
	}
}

// TestNghinTyIsAMagnitude: "nghìn tỷ" is 10^12, read in the indicator's
// unit of money ("1,7 nghìn tỷ" in tỷ đồng is 1.700) and confirmed as
// converted, not refused for an unknown word "tỷ".
func TestNghinTyIsAMagnitude(t *testing.T) {
	for text, want := range map[string]float64{"1,7 nghìn tỷ": 1700, "1,7 ngàn tỷ đồng": 1700, "2 nghin ty": 2000, "0,5 nghìn tỉ": 500} {
		r, err := ReadFigure(text, revenue)
		if err != nil || r.Value != want || !r.Converted {
			t.Errorf("%q in tỷ đồng: %v converted %v (%v), want %v converted", text, r.Value, r.Converted, err, want)
		}
	}
	if r, err := ReadFigure("1,7 nghìn tỷ", money); err != nil || r.Value != 1.7e12 {
		t.Errorf("1,7 nghìn tỷ in đồng: %v (%v)", r.Value, err)
	}
}

// TestAWrongUnitNamesTheIndicatorsUnit: "1,2%" for an indicator in ‰ says
// the indicator is in ‰.
func TestAWrongUnitNamesTheIndicatorsUnit(t *testing.T) {
	cat := MustLoad()
	for lang, want := range map[string]string{"vi": "chỉ tiêu này tính bằng “‰”, không tính bằng “%”", "en": "measured in “‰”, not in “%”"} {
		_, err := ReadFigure("1,2%", birthRate)
		var fe *FigureError
		if !errors.As(err, &fe) {
			t.Fatalf("err %v", err)
		}
		if got := cat.Printer(lang).Error(fe); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

type place struct{ spec }

func (place) Ranked() bool { return true }

func TestAPlaceIsTypedWithItsWords(t *testing.T) {
	for _, typed := range []string{"12", "hạng 12", "thứ 12", "xếp thứ 12", "Xếp hạng 12", "xep thu 12", "HẠNG 12"} {
		r, err := ReadFigure(typed, place{})
		if err != nil || r.Value != 12 {
			t.Errorf("%q: %v %v, want 12", typed, r.Value, err)
		}
	}
	if _, err := ReadFigure("thứ", place{}); err == nil {
		t.Error("a place's word alone read as a figure")
	}
	if _, err := ReadFigure("hạng 12", spec{}); err == nil {
		t.Error("“hạng 12” read as a figure of an indicator that is not a place")
	}
}
