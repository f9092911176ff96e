package locales

import (
	"strconv"
	"strings"
	"time"
)

// FormatNumber writes v the Vietnamese way, 1.234,5: dots group thousands
// and the comma is the decimal point. With decimals ≥ 0 it rounds to that
// many places and drops trailing zeros; with decimals < 0 it writes the
// fewest digits that read back as exactly v.
func FormatNumber(v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	if strings.Trim(whole, "0") == "" && frac == "" {
		sign = ""
	}
	out := sign + group(whole)
	if frac != "" {
		out += "," + frac
	}
	return out
}

// FormatValue writes a number with its sign: 75%, 12,37‰.
func FormatValue(n Number, decimals int) string {
	s := FormatNumber(n.Value, decimals)
	switch n.Unit {
	case Percent:
		s += "%"
	case Permille:
		s += "‰"
	}
	if n.Den != 0 {
		s += "/" + FormatNumber(n.Den, decimals)
	}
	return s
}

// group puts a dot between each three digits, from the right.
func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head > 0 {
		b.WriteString(digits[:head])
	}
	for i := head; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// FormatDate writes a day the Vietnamese way: 26/11/2026.
func FormatDate(t time.Time) string { return t.Format("02/01/2006") }
