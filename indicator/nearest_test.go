package indicator_test

import (
	"testing"

	. "chitieu/indicator"
	"chitieu/plans"
)

// TestUnpadded: a code typed without the leading zeros of its numbers is
// the one indicator whose code reads so, and no indicator when it could
// be more than one.
func TestUnpadded(t *testing.T) {
	plan, err := Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	for typed, want := range map[string]string{"ct1.1": "CT01.1", "CT1.1": "CT01.1", "CT 1.4a": "CT01.4a", "ct001.01": "CT01.1",
		"CT6.1": "CT06.1", "CT1.10": "", "CT7.1": "", "CT1": ""} {
		got := ""
		if ind := Unpadded(typed, plan.Indicators()); ind != nil {
			got = ind.Code
		}
		if got != want {
			t.Errorf("%q: %q, want %q", typed, got, want)
		}
	}
	twins := []*Indicator{{Code: "CT01.1"}, {Code: "CT1.01"}}
	if ind := Unpadded("CT1.1", twins); ind != nil {
		t.Errorf("two codes read CT1.1, %s was chosen", ind.Code)
	}
}
