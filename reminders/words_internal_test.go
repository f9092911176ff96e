package reminders

import (
	"testing"

	"chitieu/locales"
)

// TestEveryAlertKindHasItsHeading: an alert's group heading is looked up
// by an id made of pieces ("push.alert_"+kind), which a missing message
// would show bare; each is in both catalogs.
func TestEveryAlertKindHasItsHeading(t *testing.T) {
	cat := locales.MustLoad()
	for _, lang := range []string{"vi", "en"} {
		p := cat.Printer(lang)
		for _, kind := range alertOrder {
			if id := "push.alert_" + string(kind); p.T(id, "Days", 7) == id {
				t.Errorf("%s: no message %s", lang, id)
			}
		}
	}
}
