package locales

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// Unit is the sign a number was written with.
type Unit int

// The signs a number may carry.
const (
	NoUnit   Unit = iota
	Percent       // 75%
	Permille      // 12,37‰ (also written %o)
)

// Number is a number as typed: "1.234,5", "75%", "240 triệu", "8/8".
type Number struct {
	Value     float64 // magnitude words applied: "240 triệu" is 240000000
	Unit      Unit
	Den       float64 // the denominator of "8/8" (Value is then the numerator); 0 otherwise
	Magnitude float64 // the magnitude word's factor ("triệu": 1e6); 0 without one
	Money     bool    // written in đồng ("245.000.000 đồng", "245.000.000đ/ha")
	Ambiguous bool    // the separators could be read another way: 1.234 or 1,500
}

// magnitudes are the words that multiply a number, folded.
var magnitudes = map[string]float64{
	"nghin": 1e3, "ngan": 1e3, "k": 1e3, "trieu": 1e6, "tr": 1e6, "ty": 1e9, "ti": 1e9,
}

// dashes are the spaces and minus signs phones and word processors type.
var dashes = strings.NewReplacer("\u00a0", " ", "−", "-", "‒", "-", "–", "-")

// currency words may follow a number or a magnitude: the number is money.
var currency = map[string]bool{"dong": true, "d": true, "vnd": true}

// signWords are the signs written out in words, folded.
var signWords = map[string]Unit{"phan tram": Percent, "phan nghin": Permille, "phan ngan": Permille}

// ParseNumber reads a number written the Vietnamese way: dots group
// thousands, the comma is the decimal point; a sign (%, ‰), a magnitude word
// (nghìn, ngàn, triệu, tỷ, tỉ, or two of them: "nghìn tỷ") and "đồng" may
// follow; "a/b" is a fraction.
func ParseNumber(s string) (Number, error) {
	n, rest, err := parseNumber(s)
	if err == nil && rest != "" {
		err = &FigureError{Reason: UnknownWord, Text: s, Word: rest}
	}
	return n, err
}

// parseNumber reads the number at the start of s and returns the folded
// words left after it.
func parseNumber(s string) (Number, string, error) {
	text := strings.TrimSpace(dashes.Replace(s))
	if t := strings.TrimSuffix(text, "."); t != "" && !strings.HasSuffix(t, ".") {
		text = strings.TrimSpace(t) // a full stop ends a sentence, not a number
	}
	fail := func(r Reason, word string) (Number, string, error) {
		return Number{}, "", &FigureError{Reason: r, Text: s, Word: word}
	}
	if text == "" {
		return fail(Empty, "")
	}
	num, rest := splitNumber(text)
	if num == "" || num == "-" || num == "+" {
		return fail(NotANumber, "")
	}
	var n Number
	var reason Reason
	var ok bool
	if a, b, frac := strings.Cut(num, "/"); frac {
		n, reason, ok = fraction(a, b)
	} else {
		n.Value, n.Ambiguous, reason, ok = decimal(num)
	}
	if !ok {
		return fail(reason, "")
	}
	rest, reason, word := n.suffix(rest)
	if reason != 0 {
		return fail(reason, word)
	}
	if math.IsInf(n.Value, 0) {
		return fail(TooLarge, "")
	}
	return n, rest, nil
}

// splitNumber cuts s after its sign, digits, separators and a fraction bar.
func splitNumber(s string) (string, string) {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == ',' || s[i] == '/') {
		i++
	}
	return s[:i], strings.TrimSpace(s[i:])
}

func fraction(a, b string) (Number, Reason, bool) {
	num, _, r, ok := decimal(a)
	if !ok {
		return Number{}, r, false
	}
	den, _, r, ok := decimal(b)
	switch {
	case !ok:
		return Number{}, r, false
	case den == 0:
		return Number{}, ZeroDenominator, false
	case strings.HasPrefix(b, "-") || strings.HasPrefix(b, "+"):
		return Number{}, NotANumber, false
	}
	return Number{Value: num, Den: den}, 0, true
}

// suffix reads the sign, magnitude and currency words after the number and
// returns what is left, folded.
func (n *Number) suffix(rest string) (string, Reason, string) {
	switch {
	case strings.HasPrefix(rest, "%o"), strings.HasPrefix(rest, "‰"):
		n.Unit = Permille
		rest = strings.TrimPrefix(strings.TrimPrefix(rest, "%o"), "‰")
	case strings.HasPrefix(rest, "%"):
		n.Unit = Percent
		rest = rest[1:]
	}
	words := strings.Fields(Fold(rest))
	if len(words) > 1 && n.Unit == NoUnit && signWords[words[0]+" "+words[1]] != NoUnit {
		n.Unit = signWords[words[0]+" "+words[1]]
		words = words[2:]
	}
	if len(words) > 0 && n.Unit == NoUnit && n.Den == 0 {
		if m, ok := magnitudes[words[0]]; ok {
			words = words[1:]
			if len(words) > 0 && magnitudes[words[0]] > m { // "nghìn tỷ": 10^12
				m *= magnitudes[words[0]]
				words = words[1:]
			}
			n.Value *= m
			n.Magnitude = m
		}
	}
	if len(words) > 0 && n.Unit == NoUnit {
		word, _, _ := strings.Cut(words[0], "/")
		n.Money = currency[word]
		if n.Money && word == words[0] {
			words = words[1:]
		}
	}
	if n.Den != 0 && n.Unit != NoUnit {
		return "", NotANumber, ""
	}
	return strings.Join(words, " "), 0, ""
}

// decimal reads digits with thousands dots and one decimal comma. A lone dot
// that does not group thousands is taken for a decimal point; either reading
// of a lone separator before three digits is marked ambiguous.
func decimal(s string) (float64, bool, Reason, bool) {
	sign := ""
	if s != "" && (s[0] == '-' || s[0] == '+') {
		sign, s = s[:1], s[1:]
	}
	intPart, fracPart, hasComma := strings.Cut(s, ",")
	switch {
	case strings.Contains(fracPart, ","):
		return 0, false, TwoDecimalPoints, false
	case strings.Contains(fracPart, "."):
		return 0, false, MixedSeparators, false
	case hasComma && !digits(fracPart):
		return 0, false, NotANumber, false
	}
	whole, ambiguous, r, ok := grouped(intPart, hasComma)
	if !ok {
		return 0, false, r, false
	}
	if hasComma {
		ambiguous = ambiguous || len(fracPart) == 3 && !strings.Contains(intPart, ".") && len(intPart) <= 3
		whole += "." + fracPart
	}
	v, err := strconv.ParseFloat(sign+whole, 64)
	if err != nil {
		return 0, false, TooLarge, false
	}
	return v, ambiguous, 0, true
}

// grouped reads the part before the decimal comma and returns it as plain
// digits (with a decimal point when a lone dot was one).
func grouped(s string, hasComma bool) (string, bool, Reason, bool) {
	groups := strings.Split(s, ".")
	if len(groups) == 1 {
		return s, false, NotANumber, digits(s)
	}
	for _, g := range groups {
		if !digits(g) {
			return "", false, NotANumber, false
		}
	}
	if thousands(groups) {
		return strings.Join(groups, ""), len(groups) == 2 && !hasComma, 0, true
	}
	if len(groups) == 2 && !hasComma {
		return groups[0] + "." + groups[1], true, 0, true
	}
	return "", false, BadGrouping, false
}

// thousands reports whether groups are 1–3 digits, then 3 digits each.
func thousands(groups []string) bool {
	if len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsDigit(r) || r > '9' {
			return false
		}
	}
	return true
}
