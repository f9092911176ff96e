package plans

import (
	"testing"

	"chitieu/indicator"
	"chitieu/reminders"
)

// TestTheSampleTermSendsNoFalseAlarm replays the example plan's whole term
// up to `try`'s day over the sample figures, as the live jobs would, and
// reads every alert: only an indicator whose reporter lags far behind its
// trajectory may be alerted off track; one a little behind (at risk) may
// end a window short of its target and be told "Không đạt"; one on track,
// ahead or whose last report is missing (a nag's matter) never is.
func TestTheSampleTermSendsNoFalseAlarm(t *testing.T) {
	plan, err := indicator.Load(Example)
	if err != nil {
		t.Fatal(err)
	}
	day := TryDay(plan, indicator.NewDate(2026, 12, 7))
	figs := SampleFigures(plan, day)
	r := reminders.Config{}.Replay(plan, figs, reminders.Calendar{Loc: plan.Location}, plan.Term.From, day)
	profiles := sampleProfiles(plan)
	alerted := map[string]int{}
	for _, ev := range r.Events {
		if ev.Kind != reminders.EventAlert && ev.Kind != reminders.EventRepeat {
			continue
		}
		alerted[ev.Code]++
		if p := profiles[ev.Code]; p != offTrack && !(p == atRisk && ev.To == "missed") {
			t.Errorf("%s (sample profile %d, not behind): %v %s %s→%s", ev.Code, p, ev.Day, ev.Kind, ev.From, ev.To)
		}
	}
	behind := 0
	for code, p := range profiles {
		if p == offTrack {
			behind++
			if alerted[code] == 0 && plan.Indicator(code).Trajectory != indicator.End {
				t.Errorf("%s lags far behind in the sample and was never alerted", code)
			}
		}
	}
	if behind < 5 {
		t.Errorf("%d indicators far behind in the sample, want several", behind)
	}
}
