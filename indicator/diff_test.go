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

// TestDiffOfACodeRenamedBack: a code renamed and then back is a rename
// both times, never a removed indicator and a changed one.
func TestDiffOfACodeRenamedBack(t *testing.T) {
	rename := func(from, to string, formerly ...string) *Plan {
		p, err := Load(plans.Example)
		if err != nil {
			t.Fatal(err)
		}
		ind := p.Indicator(from)
		ind.Code, ind.Formerly = to, formerly
		return p
	}
	base, err := Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	away := rename("CT01.1", "CT01.9", "CT01.1")
	back := rename("CT01.1", "CT01.1", "CT01.9")
	for _, c := range []struct {
		old, new *Plan
		want     [2]string
	}{{base, away, [2]string{"CT01.1", "CT01.9"}}, {away, back, [2]string{"CT01.9", "CT01.1"}}} {
		d := Diff(c.old, c.new)
		if len(d.Renamed) != 1 || d.Renamed[0] != c.want || len(d.Removed)+len(d.Added)+len(d.Changed) != 0 {
			t.Errorf("%s → %s: %+v", c.want[0], c.want[1], d)
		}
	}
}
