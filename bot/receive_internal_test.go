package bot

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestElementsOfAnArrayAsWritten: getUpdates' result is cut into its
// updates as json reads them, whatever their strings hold; what is not an
// array of JSON is an error.
func TestElementsOfAnArrayAsWritten(t *testing.T) {
	for _, array := range []string{
		`[]`, ` [ ] `, `[1]`, `[{"update_id":1,"message":{"text":"a, [b] {c}"}}, {"update_id":2}]`,
		`[{"text":"\"quoted\", \\ back, \\\"x\""},{"n":[1,[2,{"a":","}]]},"s,]",null,true,-1.5e3]`,
		"[\n  {\"a\": \"\\u005b\"} ,\n  {\"b\": {}}\n]",
	} {
		got, err := elements([]byte(array))
		var want []json.RawMessage
		if json.Unmarshal([]byte(array), &want) != nil || err != nil {
			t.Fatalf("%s: %v", array, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d elements, want %d", array, len(got), len(want))
		}
		for i := range got {
			if !bytes.Equal(got[i], bytes.TrimSpace(want[i])) {
				t.Errorf("%s: element %d is %s, want %s", array, i, got[i], want[i])
			}
		}
	}
	for _, bad := range []string{``, `{}`, `[1,]`, `[{"a":1}`, `["a]`, `null`} {
		if got, err := elements([]byte(bad)); err == nil {
			t.Errorf("%q read as %q", bad, got)
		}
	}
}
