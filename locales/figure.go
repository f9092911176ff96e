package locales

import (
	"strconv"
	"strings"
)

// Spec is what reading a figure needs to know of its indicator.
type Spec interface {
	Choices() []string // a rating's scale or a milestone's stages; nil for a number
	Unit() string      // the unit of measure: "%", "‰", "triệu đồng/ha", "đảng viên"
	Increments() bool  // a count: each figure adds, so none is negative
}

// Reading is a figure as understood for one indicator.
type Reading struct {
	Value     float64 // in the indicator's unit; a position for a choice
	Choice    string  // the scale or stage name, for a choice
	Number    Number  // the number as typed, for a number
	Ambiguous bool    // worth confirming before it is saved
	Converted bool    // money written in another magnitude than the unit's
}

// Ranked is a Spec of a place in a league table ("xếp thứ 12").
type Ranked interface{ Ranked() bool }

// ReadFigure reads what a reporter typed as a figure for the indicator; a
// place may be typed with its words: 12, hạng 12, thứ 12, xếp thứ 12.
func ReadFigure(text string, spec Spec) (Reading, error) {
	if r, ok := spec.(Ranked); ok && r.Ranked() {
		text = placeNumber(text)
	}
	if choices := spec.Choices(); choices != nil {
		if i, ok := position(text, len(choices)); ok {
			return Reading{Value: float64(i), Choice: choices[i], Ambiguous: true}, nil
		}
		i, err := ReadChoice(text, choices)
		if err != nil {
			return Reading{}, err
		}
		return Reading{Value: float64(i), Choice: choices[i]}, nil
	}
	n, rest, err := parseNumber(text)
	if err != nil {
		return Reading{}, err
	}
	r := Reading{Number: n, Value: n.Value, Ambiguous: n.Ambiguous}
	if reason, word := r.inUnit(spec.Unit(), rest); reason != 0 {
		return Reading{}, &FigureError{Reason: reason, Text: text, Word: asTyped(text, word), Unit: spec.Unit()}
	}
	if spec.Increments() && r.Number.Magnitude != 0 && !r.Converted {
		r.Ambiguous = true // "240 triệu" đảng viên: shown before it is saved
	}
	if spec.Increments() && r.Value < 0 {
		return Reading{}, &FigureError{Reason: Negative, Text: text}
	}
	return r, nil
}

// inUnit turns the number into the indicator's unit: a sign must match it,
// a fraction becomes a share (or, for a number of things, its numerator),
// a magnitude word is divided by the unit's own ("240 triệu" in "triệu
// đồng/ha" is 240); words left over must name the unit.
func (r *Reading) inUnit(unit, rest string) (Reason, string) {
	folded := Fold(unit)
	sign := signOf(unit)
	switch {
	case r.Number.Unit != NoUnit && r.Number.Unit != sign:
		return WrongUnit, unitSign(r.Number.Unit)
	case r.Number.Den != 0 && sign != NoUnit:
		r.Value = r.Number.Value / r.Number.Den * map[Unit]float64{Percent: 100, Permille: 1000}[sign]
	case r.Number.Den != 0:
		r.Ambiguous = true
	}
	words := strings.Fields(folded)
	if len(words) > 0 && magnitudes[words[0]] != 0 {
		r.convert(magnitudes[words[0]])
		folded = strings.Join(words[1:], " ")
	}
	if rest != "" && rest != folded && !strings.HasPrefix(folded, rest+" ") && !strings.HasPrefix(folded, rest+"/") {
		return UnknownWord, rest
	}
	return 0, ""
}

// asTyped finds the words folded stands for at the end of text, with their
// case and diacritics ("tấn" for "tan"), or keeps folded when they cannot
// be told apart (a word stuck to the number).
func asTyped(text, folded string) string {
	fields, k := strings.Fields(text), len(strings.Fields(folded))
	if k == 0 || k > len(fields) {
		return folded
	}
	if typed := strings.Join(fields[len(fields)-k:], " "); Fold(typed) == folded {
		return typed
	}
	return folded
}

// convert divides a number written with a magnitude word, or in đồng, by
// the magnitude of the indicator's unit ("245.000.000 đồng" in "triệu
// đồng/ha" is 245); a number written in another magnitude than the unit's
// is converted, and confirmed before it is saved.
func (r *Reading) convert(unitMagnitude float64) {
	n := r.Number
	if n.Magnitude == 0 && !n.Money {
		return
	}
	r.Value /= unitMagnitude
	if n.Magnitude != unitMagnitude {
		r.Converted, r.Ambiguous = true, true
	}
}

func signOf(unit string) Unit {
	switch strings.TrimSpace(unit) {
	case "%":
		return Percent
	case "‰", "%o":
		return Permille
	}
	return NoUnit
}

func unitSign(u Unit) string {
	if u == Permille {
		return "‰"
	}
	return "%"
}

// position reads a whole number that is a place on a list of n, the
// lowest 0, as figures files may hold; it is confirmed in chat.
func position(text string, n int) (int, bool) {
	v, err := strconv.Atoi(strings.TrimSpace(text))
	return v, err == nil && v >= 0 && v < n
}

// ReadChoice finds what was typed among names: the name itself in any
// case, with or without diacritics, with or without a trailing "nhiệm vụ"
// on either side, or its initials with or without it ("HTXS" and "HTXSNV"
// for Hoàn thành xuất sắc nhiệm vụ). A whole name wins over initials.
func ReadChoice(text string, names []string) (int, error) {
	t := strings.Trim(Fold(text), ` "“”'.`)
	if t == "" {
		return 0, &FigureError{Reason: Empty, Text: text}
	}
	for _, match := range []func(string, string) bool{sameName, sameInitials} {
		for i, name := range names {
			if match(t, Fold(name)) {
				return i, nil
			}
		}
	}
	return 0, &FigureError{Reason: NotOnScale, Text: text, Allowed: names}
}

// duty is the trailing "nhiệm vụ" of a rating's name, folded.
const duty = " nhiem vu"

// sameName compares folded names without their trailing "nhiệm vụ".
func sameName(typed, name string) bool {
	return strings.TrimSuffix(typed, duty) == strings.TrimSuffix(name, duty)
}

// sameInitials compares typed initials with a folded name's, either
// without a trailing "nhiệm vụ" (its "nv").
func sameInitials(typed, name string) bool {
	if strings.Contains(typed, " ") {
		return false
	}
	short := initials(strings.TrimSuffix(name, duty))
	return typed == short || typed == short+"nv"
}

// placeWords are the words before a place's number, folded: "xếp thứ",
// "xếp hạng", "hạng", "thứ".
var placeWords = map[string]bool{"xep": true, "thu": true, "hang": true}

// placeNumber is what follows a place's words: "xếp thứ 12" is "12".
func placeNumber(text string) string {
	words := strings.Fields(text)
	i := 0
	for i < len(words)-1 && placeWords[Fold(words[i])] {
		i++
	}
	return strings.Join(words[i:], " ")
}
