package indicator_test

import (
	"slices"
	"testing"

	"chitieu/plans"

	. "chitieu/indicator"
)

func TestDiff(t *testing.T) {
	load := func() *Plan {
		p, err := Load(plans.Example)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	old, next := load(), load()
	if d := Diff(old, next); !d.Empty() {
		t.Fatalf("a plan against itself: %+v", d)
	}
	ren := next.Indicator("CT01.1")
	ren.Code, ren.Formerly = "CT01.9", []string{"CT01.1"}
	next.Indicator("CT01.2").Tolerance = 0.2
	gone := next.Indicator("CT01.3")
	gone.Code = "CT07.1"
	d := Diff(old, next)
	if !slices.Equal(d.Changed, []string{"CT01.2"}) || len(d.Renamed) != 1 || d.Renamed[0] != [2]string{"CT01.1", "CT01.9"} ||
		!slices.Equal(d.Added, []string{"CT07.1"}) || !slices.Equal(d.Removed, []string{"CT01.3"}) || d.Term {
		t.Errorf("diff %+v", d)
	}
}
