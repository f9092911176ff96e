package store

import (
	"reflect"
	"testing"
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
