package reminders_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"chitieu/indicator"
	"chitieu/reminders"
)

// TestReplayTellsWhatTheLiveJobsSend walks a month with the live service
// (sweep at 07:30, reminders at 08:30, figures saved on their day) and
// replays the same figures: the alerts the leader got and the reminders
// and nags the reporter got are the replay's, day by day.
func TestReplayTellsWhatTheLiveJobsSend(t *testing.T) {
	from, to := indicator.NewDate(2025, 6, 20), indicator.NewDate(2025, 7, 25)
	figs := map[string][]indicator.Figure{
		"CT01.1": {{Date: indicator.NewDate(2025, 6, 25), Value: 30}, {Date: indicator.NewDate(2025, 7, 10), Value: 25}},
		"CT01.2": {{Date: indicator.NewDate(2024, 12, 31), Value: 80}},
		"CT04.1": {{Date: indicator.NewDate(2025, 5, 26), Value: 80}},
	}
	svc, clock := setup(t, at(2025, 6, 20, 7, 30))
	var live []string
	for day := from; day <= to; day++ {
		for code, fs := range figs {
			for _, f := range fs {
				if f.Date == day || day == from && f.Date < from {
					save(t, svc.Store, code, f.Date, f.Value, fmt.Sprint(code, f.Date))
				}
			}
		}
		if err := svc.Sweep(ctx, clock.Now()); err != nil {
			t.Fatal(err)
		}
		if err := svc.Remind(ctx, clock.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		pushed := outbox(t, svc.Store)
		live = append(live, told(day, pushed[leader], alertHeadings)...)
		live = append(live, told(day, pushed[reporter], remindHeadings)...)
		clock.Advance(24 * time.Hour)
	}
	var replayed []string
	for _, ev := range (reminders.Config{}).Replay(svc.Plan, figs, svc.Calendar, from, to).Events {
		owner := svc.Plan.Indicator(ev.Code).Owner
		if ev.Kind == reminders.EventAlert || ev.Kind == reminders.EventRepeat || ev.Kind == reminders.EventBack ||
			owner == "BTC" && (ev.Kind == reminders.EventNag || ev.Kind == reminders.EventRemind) {
			replayed = append(replayed, fmt.Sprintf("%v %s %s", ev.Day, ev.Code, ev.Kind))
		}
	}
	t.Logf("%d told: %v", len(live), live)
	slices.Sort(live)
	slices.Sort(replayed)
	if !slices.Equal(live, replayed) || len(live) == 0 {
		t.Errorf("the live jobs sent\n%s\nthe replay says\n%s", strings.Join(live, "\n"), strings.Join(replayed, "\n"))
	}
}

var alertHeadings = map[string]string{"Chuyển sang chậm tiến độ": "alert", "Không đạt": "alert",
	"Vẫn chậm tiến độ": "repeat", "Đã trở lại đúng tiến độ": "back"}

var remindHeadings = map[string]string{"Sắp đến hạn": "remind", "Đã quá hạn": "nag"}

// told reads messages as "day code kind", the kind from the heading each
// indicator's line stands under.
func told(day indicator.Date, texts []string, headings map[string]string) []string {
	var out []string
	for _, text := range texts {
		kind := ""
		for _, line := range strings.Split(text, "\n") {
			for h, k := range headings {
				if strings.HasPrefix(strings.TrimPrefix(line, "<b>"), h) {
					kind = k
				}
			}
			if i := strings.Index(line, "<b>CT"); i >= 0 && kind != "" && !strings.HasPrefix(line, "   ") {
				code := line[i+3 : i+3+strings.Index(line[i+3:], "</b>")]
				out = append(out, fmt.Sprintf("%v %s %s", day, code, kind))
			}
		}
	}
	return out
}

// TestNothingIsChasedOnceSettled: CT03.14, a Đề án due by 31/12/2022,
// completed in the third quarter of 2022: no reminder nor nag after, as the
// domain owes no report; before, its quarterly reports are chased.
func TestNothingIsChasedOnceSettled(t *testing.T) {
	svc, _ := setup(t, at(2022, 1, 1, 8, 30))
	figs := map[string][]indicator.Figure{"CT03.14": {
		{Date: indicator.NewDate(2021, 12, 31), Value: 50}, {Date: indicator.NewDate(2022, 3, 31), Value: 60},
		{Date: indicator.NewDate(2022, 6, 30), Value: 80}, {Date: indicator.NewDate(2022, 9, 30), Value: 100}}}
	r := (reminders.Config{}).Replay(svc.Plan, figs, svc.Calendar, indicator.NewDate(2022, 1, 1), indicator.NewDate(2023, 6, 30))
	before := 0
	for _, ev := range r.Events {
		chased := ev.Code == "CT03.14" && (ev.Kind == reminders.EventRemind || ev.Kind == reminders.EventNag)
		if chased && ev.Day > indicator.NewDate(2022, 9, 30) {
			t.Errorf("CT03.14 was completed on 30/9/2022, yet %s", say(ev))
		}
		if chased {
			before++
		}
	}
	if before == 0 {
		t.Error("CT03.14's reports were never chased before it was done")
	}
}
