package reminders_test

import (
	"strings"
	"testing"
	"time"

	"chitieu/indicator"
)

// TestAMonthOfReminders walks December 2025 day by day at 08:30: CT01.1 is
// due on the 25th each month (a Thursday), CT01.2 and CT01.3 (given here
// a yearly report due on the 31st of their year) on the 31st (three days
// before is Sunday 28, so the reminder comes on Friday 26), the other BTC indicators are reported. Nothing goes out at the
// weekend.
func TestAMonthOfReminders(t *testing.T) {
	svc, clock := setupPlan(t, at(2025, 11, 30, 8, 30), dueOnYearEnd(t, "CT01.2", "CT01.3"))
	s := svc.Store
	save(t, s, "CT01.1", indicator.NewDate(2025, 11, 25), 8, "nov")
	for _, code := range []string{"CT01.2", "CT01.3"} {
		save(t, s, code, indicator.NewDate(2024, 12, 31), 80, code+"2024")
	}
	got := map[int][]string{} // day of December → texts to the reporter
	escalated := map[int]bool{}
	for day := 1; day <= 31; day++ {
		clock.Advance(24 * time.Hour)
		if day == 28 {
			save(t, s, "CT01.1", indicator.NewDate(2025, 12, 28), 7, "dec")
		}
		if err := svc.Remind(ctx, clock.Now()); err != nil {
			t.Fatal(err)
		}
		pushed := outbox(t, s)
		got[day] = pushed[reporter]
		escalated[day] = len(pushed[unitHead]) > 0
	}
	for day, texts := range got {
		text := strings.Join(texts, "\n")
		line := lineOf(text, "<b>CT01.1</b>")
		soon := strings.Contains(line, "hạn ngày 25/12/2025") && !strings.Contains(line, "quá hạn")
		late := strings.Contains(line, "quá hạn")
		switch {
		case day == 22 || day == 25:
			if !soon {
				t.Errorf("%d/12: no reminder of CT01.1 due on 25/12: %q", day, text)
			}
		case day == 26:
			if !late {
				t.Errorf("%d/12: no nag for CT01.1: %q", day, text)
			}
		case line != "":
			t.Errorf("%d/12: CT01.1 mentioned: %q", day, line)
		}
		if due := lineOf(text, "<b>CT01.2</b>"); (day == 26 || day == 31) != (due != "") {
			t.Errorf("%d/12: CT01.2 (due 31/12; three days before is a Sunday) mentioned: %q", day, due)
		}
		if weekend := day == 6 || day == 7 || day == 13 || day == 14 || day == 20 || day == 21 || day == 27 || day == 28; weekend && len(texts) > 0 {
			t.Errorf("%d/12 is a day off, yet the reporter was sent %q", day, texts)
		}
	}
	if escalated[26] || escalated[27] || escalated[29] {
		t.Error("escalated before three days overdue")
	}
}

func TestEscalationAfterThreeDays(t *testing.T) {
	svc, clock := setup(t, at(2025, 10, 29, 8, 30)) // October's report of CT01.1 was due on 27/10 (25/10 is a Saturday)
	save(t, svc.Store, "CT01.1", indicator.NewDate(2025, 9, 25), 8, "sep")
	for _, code := range []string{"CT01.2", "CT01.3"} {
		save(t, svc.Store, code, indicator.NewDate(2024, 12, 31), 80, code)
	}
	svc.Remind(ctx, clock.Now())
	if pushed := outbox(t, svc.Store); len(pushed[unitHead]) != 0 || !strings.Contains(lineOf(pushed[reporter][0], "<b>CT01.1</b>"), "quá hạn 2 ngày") {
		t.Fatalf("two days late: %v", pushed)
	}
	clock.Advance(24 * time.Hour)
	svc.Remind(ctx, clock.Now())
	pushed := outbox(t, svc.Store)
	if len(pushed[unitHead]) != 1 || !strings.Contains(pushed[unitHead][0], "Ban Tổ chức Quận ủy") || !strings.Contains(pushed[unitHead][0], "quá hạn 3 ngày") {
		t.Errorf("three days late, the unit's leader got %v", pushed[unitHead])
	}
	if strings.Contains(strings.Join(pushed[leader], "\n"), "Ban Tổ chức") {
		t.Error("a district leader was told of a unit that has its own leader")
	}
}

// TestADueDayOnADayOffMoves: 2022's yearly report of CT01.2 (given here a
// report due on the 31st of its year) is due on 31/12/2022, a Saturday before New Year's Day, so it is due on Monday 2/1.
func TestADueDayOnADayOffMoves(t *testing.T) {
	svc, clock := setupPlan(t, at(2022, 12, 30, 8, 30), dueOnYearEnd(t, "CT01.2"))
	save(t, svc.Store, "CT01.2", indicator.NewDate(2021, 12, 31), 80, "2021")
	want := map[int]string{30: "hạn ngày 02/01/2023", 31: "", 1: "", 2: "hạn ngày 02/01/2023", 3: "quá hạn 1 ngày"}
	for _, day := range []int{30, 31, 1, 2, 3} {
		svc.Remind(ctx, clock.Now())
		line := lineOf(strings.Join(outbox(t, svc.Store)[reporter], "\n"), "<b>CT01.2</b>")
		if want[day] == "" && line != "" || !strings.Contains(line, want[day]) || want[day] == "hạn ngày 02/01/2023" && strings.Contains(line, "quá") {
			t.Errorf("day %d: %q, want %q", day, line, want[day])
		}
		clock.Advance(24 * time.Hour)
	}
}

func lineOf(text, part string) string {
	for _, l := range strings.Split(text, "\n") {
		if strings.Contains(l, part) {
			return l
		}
	}
	return ""
}

func TestRemindersRunTwiceSendOnce(t *testing.T) {
	svc, clock := setup(t, at(2025, 12, 22, 8, 30))
	svc.Remind(ctx, clock.Now())
	svc.Remind(ctx, clock.Now().Add(time.Minute))
	if n := len(outbox(t, svc.Store)[reporter]); n != 1 {
		t.Errorf("%d reminders from two runs on one day, want 1", n)
	}
}

// TestOneNagOnMondayWithTheCurrentCount: a report due on Thursday 25/9/2025
// and still missing is nagged on Friday, not at the weekend (whose nags
// would wait for Monday, two of them with stale counts), and once on
// Monday, four days overdue.
func TestOneNagOnMondayWithTheCurrentCount(t *testing.T) {
	svc, clock := setup(t, at(2025, 9, 26, 8, 30))
	save(t, svc.Store, "CT01.1", indicator.NewDate(2025, 8, 25), 8, "aug")
	for _, code := range []string{"CT01.2", "CT01.3"} {
		save(t, svc.Store, code, indicator.NewDate(2024, 12, 31), 80, code)
	}
	var sent [][]string
	for day := 0; day < 4; day++ { // Friday to Monday
		if err := svc.Remind(ctx, clock.Now()); err != nil {
			t.Fatal(err)
		}
		sent = append(sent, outbox(t, svc.Store)[reporter])
		clock.Advance(24 * time.Hour)
	}
	if len(sent[1]) != 0 || len(sent[2]) != 0 {
		t.Errorf("nags on Saturday and Sunday: %q %q", sent[1], sent[2])
	}
	if len(sent[3]) != 1 || !strings.Contains(lineOf(sent[3][0], "<b>CT01.1</b>"), "quá hạn 4 ngày") {
		t.Errorf("Monday's nags: %q", sent[3])
	}
}

// TestEscalationsAreOneMessagePerLeader: a district leader follows every
// unit without a leader of its own; their overdue reports come in one
// message, unit by unit.
func TestEscalationsAreOneMessagePerLeader(t *testing.T) {
	svc, clock := setup(t, at(2025, 10, 30, 8, 30)) // October's monthly reports were due on 27/10 or earlier
	if err := svc.Remind(ctx, clock.Now()); err != nil {
		t.Fatal(err)
	}
	pushed := outbox(t, svc.Store)
	if n := len(pushed[leader]); n != 1 {
		t.Fatalf("the district leader got %d escalation messages, want 1", n)
	}
	text := pushed[leader][0]
	units := 0
	for _, u := range svc.Plan.Units {
		if u.Code != "BTC" && strings.Contains(text, u.Name) {
			units++
		}
	}
	if units < 2 || strings.Contains(text, "Ban Tổ chức Quận ủy") {
		t.Errorf("one message for %d units (BTC has its own leader): %q", units, text)
	}
	if n := len(pushed[unitHead]); n != 1 || !strings.Contains(pushed[unitHead][0], "Ban Tổ chức Quận ủy") {
		t.Errorf("BTC's leader got %q", pushed[unitHead])
	}
}
