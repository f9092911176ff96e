package store

import (
	"chitieu/indicator"
	"encoding/json"
	"testing"
)

// TestAuditDetailAsTheMapWroteIt: audit entries read the same as before.
func TestAuditDetailAsTheMapWroteIt(t *testing.T) {
	for _, f := range []indicator.Record{{Indicator: "CT01.1", Date: indicator.NewDate(2023, 6, 30), Value: 12.5, Text: "12,5 \"x\" <b>"}, {}} {
		b, _ := json.Marshal(map[string]any{"indicator": f.Indicator, "date": f.Date, "value": f.Value, "text": f.Text})
		if got := auditDetail(f); got != string(b) {
			t.Fatalf("%s != %s", got, b)
		}
	}
}
