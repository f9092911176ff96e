package locales

import (
	"fmt"
	"strings"
)

// Reason says why a figure could not be read.
type Reason int

// Why a figure is refused. Each has a message in the catalogs, under
// "figure." and its name.
const (
	Empty            Reason = iota // nothing was typed
	NotANumber                     // the text holds no number
	TwoDecimalPoints               // more than one decimal comma
	BadGrouping                    // thousands dots not in groups of three
	MixedSeparators                // a dot after the decimal comma
	UnknownWord                    // a word after the number that is no unit
	TooLarge                       // beyond what a float holds
	ZeroDenominator                // 8/0
	NotOnScale                     // a rating or stage that is not on the list
	WrongUnit                      // % for an indicator in ‰, or in people
	Negative                       // a count's increment below zero
)

var reasonIDs = []string{"empty", "not_a_number", "two_decimal_points", "bad_grouping",
	"mixed_separators", "unknown_word", "too_large", "zero_denominator", "not_on_scale",
	"wrong_unit", "negative"}

// ID is the catalog message id of the reason.
func (r Reason) ID() string { return "figure." + reasonIDs[r] }

// FigureError is a figure that could not be read, and why.
type FigureError struct {
	Reason  Reason
	Text    string   // what was typed
	Word    string   // the word at fault, when there is one
	Unit    string   // the indicator's unit, for WrongUnit
	Allowed []string // the names that would do, for NotOnScale
}

func (e *FigureError) Error() string {
	if e.Word != "" {
		return fmt.Sprintf("cannot read %q: %s (%q)", e.Text, reasonIDs[e.Reason], e.Word)
	}
	return fmt.Sprintf("cannot read %q: %s", e.Text, reasonIDs[e.Reason])
}

// Data is the template data of the error's message.
func (e *FigureError) Data() map[string]any {
	return map[string]any{"Text": Clip(e.Text, quoteLimit), "Word": Clip(e.Word, quoteLimit), "Allowed": strings.Join(e.Allowed, ", "),
		"Unit": e.Unit}
}

// quoteLimit is about how many letters of what was typed a message quotes.
const quoteLimit = 60

// Clip keeps at most n letters of s (whole letters, diacritics kept),
// ending in "…" when it cut.
func Clip(s string, n int) string {
	if rs := []rune(s); len(rs) > n {
		return string(rs[:n-1]) + "…"
	}
	return s
}
