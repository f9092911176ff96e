package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"chitieu/indicator"
)

// TestRecordsReadAsWritten: a record reads back as written, its note may
// hold the separators, and a broken one is an error, never a wrong sum.
func TestRecordsReadAsWritten(t *testing.T) {
	recs := []record{
		{N: 1, Sum: 0.1, First: entry{19538, 0.1, 7}, Tail: []entry{{19538, 0.1, 7}}, Note: ""},
		{N: 12, Sum: 1234.5678, First: entry{18262, -3, 1}, Tail: []entry{{19500, 1e21, 40}, {19501, 2.5, 41}, {19501, 0, 42}, {19538, 7, 99}},
			Note: "ghi chú | có, dấu | và ,"},
	}
	for _, want := range recs {
		got, err := parseRecord(want.String())
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("%q read as %+v, %v; want %+v", want.String(), got, err, want)
		}
	}
	for _, bad := range []string{"", "1|2", "1|x|19538,1,7|1|19538,1,7|", "1|1|19538,1,7|2|19538,1,7|", "1|1|19538,1|1|19538,1,7|",
		"1|1|19538,1,7|0||", "a|1|19538,1,7|1|19538,1,7|", "0|1|19538,1,7|1|19538,1,7|"} {
		if r, err := parseRecord(bad); err == nil {
			t.Errorf("%q read as %+v", bad, r)
		}
	}
}

// TestAFigureAppendedToARecordsTextAsSummedUp: a figure added after a
// record's own, its text cut as the Lua appended does, reads as the record
// summed up with it (and is the same text when Go wrote the record); one
// dated before the record's latest, or a record that does not read, is
// left to the merge.
func TestAFigureAppendedToARecordsTextAsSummedUp(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 500 {
		var rec *record
		for i := range 1 + rng.IntN(9) {
			e := entry{indicator.Date(19500 + rng.IntN(30)), float64(rng.IntN(400)) / 8, int64(i + 1)}
			rec = merge(rec, &record{N: 1, Sum: e.Value, First: e, Tail: []entry{e}, Note: fmt.Sprint("ghi | chú ", i)})
		}
		old := rec.String()
		e := entry{indicator.Date(19500 + rng.IntN(40)), float64(rng.IntN(400)) / 8, unsaved}
		want, err := withEntry(old, e, "mới")
		if err != nil {
			t.Fatal(err)
		}
		got := appendedHead(old, e)
		if !rec.Tail[len(rec.Tail)-1].before(e) {
			if got != "" {
				t.Fatalf("%q with %v dated before its latest was appended: %q", old, e, got)
			}
			continue
		}
		if wantText := string(want.appendHead(nil)); got != wantText {
			t.Fatalf("%q with %v: %q, want %q", old, e, got, wantText)
		}
	}
	// Written by Lua, a kept figure's value stays as Lua wrote it.
	lua := "2|0.30000000000000004|19500,0.10000000000000001,1|2|19500,0.10000000000000001,1|19501,0.20000000000000001,2|n"
	got := appendedHead(lua, entry{19502, 1, unsaved})
	if want := "3|1.3|19500,0.10000000000000001,1|3|19500,0.10000000000000001,1|19501,0.20000000000000001,2|19502,1,#|"; got != want {
		t.Errorf("appended to Lua's text: %q, want %q", got, want)
	}
	for _, bad := range []string{"", "1|2", "1|x|19538,1,7|1|19538,1,7|", "0|1|19538,1,7|1|19538,1,7|", "1|1|19538,1,7|9|19538,1,7|"} {
		if got := appendedHead(bad, entry{19600, 1, unsaved}); got != "" {
			t.Errorf("%q, which does not read, appended: %q", bad, got)
		}
	}
}
