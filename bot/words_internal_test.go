package bot

import (
	"testing"

	"chitieu/locales"
)

// TestEveryCommandHasItsWords: the words of each command are looked up by
// an id made of pieces ("cmd."+name, "help."+name), which a missing message
// would show bare; each is in both catalogs.
func TestEveryCommandHasItsWords(t *testing.T) {
	cat := locales.MustLoad()
	for _, lang := range []string{"vi", "en"} {
		p := cat.Printer(lang)
		for _, c := range commandTable() {
			for _, id := range []string{"cmd." + c.name, "help." + c.name} {
				if p.T(id) == id {
					t.Errorf("%s: no message %s", lang, id)
				}
			}
		}
	}
}

// TestStepNumbersNeverChange: a step's number is kept in Redis with its
// conversation, so a number given once stays that step's.
func TestStepNumbersNeverChange(t *testing.T) {
	kept := map[Step]int{StepNone: 0, StepPick: 1, StepFigure: 2, StepConfirm: 3, StepReason: 4, StepFixPick: 5,
		StepFixFigure: 6, StepFixReason: 7, StepInviteRole: 8, StepInviteUnit: 9, StepUsers: 10, StepUser: 11,
		StepUserUnit: 12, StepImport: 13, StepPlan: 14, StepRevoke: 15}
	for step, n := range kept {
		if int(step) != n {
			t.Errorf("step %d was %d: a conversation kept in Redis would read as another step", step, n)
		}
	}
}
