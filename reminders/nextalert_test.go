package reminders_test

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"chitieu/indicator"
	"chitieu/reminders"
	"chitieu/store"
)

// TestNextAlert is the rule of when an alert goes out, alone.
func TestNextAlert(t *testing.T) {
	t0 := time.Date(2025, 6, 30, 7, 30, 0, 0, hanoi)
	week := 7 * 24 * time.Hour
	off := store.Alert{Indicator: "X", Status: "off_track", Since: t0, LastSent: t0}
	missed := store.Alert{Indicator: "X", Status: "missed", Since: t0, LastSent: t0}
	tests := []struct {
		name   string
		st     store.Alert
		status indicator.Status
		at     time.Time
		muted  bool
		want   reminders.AlertKind
		told   string
	}{
		{"turns off track", store.Alert{}, indicator.OffTrack, t0, false, reminders.AlertOff, "off_track"},
		{"misses its target", store.Alert{}, indicator.Missed, t0, false, reminders.AlertMissed, "missed"},
		{"off track, then missed", off, indicator.Missed, t0.Add(time.Hour), false, reminders.AlertMissed, "missed"},
		{"stays off track six days", off, indicator.OffTrack, t0.Add(6 * 24 * time.Hour), false, "", "off_track"},
		{"stays off track a week", off, indicator.OffTrack, t0.Add(week), false, reminders.AlertRepeat, "off_track"},
		{"a missed target is not repeated", missed, indicator.Missed, t0.Add(4 * week), false, "", "missed"},
		{"at risk after off track is no recovery", off, indicator.AtRisk, t0.Add(time.Hour), false, "", "off_track"},
		{"no data after off track is no recovery", off, indicator.NoData, t0.Add(time.Hour), false, "", "off_track"},
		{"back on track", off, indicator.OnTrack, t0.Add(time.Hour), false, reminders.AlertBack, "on_track"},
		{"achieved after missing is a correction", missed, indicator.Achieved, t0.Add(time.Hour), false, reminders.AlertCorrected, ""},
		{"on track, never alerted", store.Alert{}, indicator.OnTrack, t0, false, "", ""},
		{"at risk, never alerted", store.Alert{}, indicator.AtRisk, t0, false, "", ""},
		{"silenced for all", store.Alert{}, indicator.OffTrack, t0, true, "", "off_track"},
	}
	for _, tt := range tests {
		e := indicator.Evaluation{Status: tt.status}
		kind, next := reminders.NextAlert(tt.st, e, tt.at, week, tt.muted)
		if kind != tt.want || next.Status != tt.told {
			t.Errorf("%s: %q, told %q; want %q, told %q", tt.name, kind, next.Status, tt.want, tt.told)
		}
		if sent := !next.LastSent.Equal(tt.st.LastSent); sent != (kind != "") {
			t.Errorf("%s: last sending moved %v for %q", tt.name, sent, kind)
		}
	}
}

// TestAnOverdueIndicatorIsNotAlerted: a report that only is late turns
// nothing off track.
func TestAnOverdueIndicatorIsNotAlerted(t *testing.T) {
	e := indicator.Evaluation{Status: indicator.OnTrack, Overdue: true}
	if kind, _ := reminders.NextAlert(store.Alert{}, e, time.Now(), time.Hour, false); kind != "" {
		t.Errorf("an on-track, overdue indicator alerted: %q", kind)
	}
}

// TestAnAlertSaysWhoReportedAndWhy: the alert carries the day the figure
// stands for, the reporter's name and the note given with the figure; the
// recovery is told under a heading that says so.
func TestAnAlertSaysWhoReportedAndWhy(t *testing.T) {
	svc, _ := setup(t, at(2025, 6, 30, 7, 30))
	f := store.NewFigure{Indicator: "CT01.1", Date: indicator.NewDate(2025, 6, 25), Value: 30, By: reporter, Key: "jun",
		Note: "hai chi bộ chưa tổ chức kết nạp"}
	if _, _, err := svc.Store.Figures.Save(ctx, f); err != nil {
		t.Fatal(err)
	}
	if err := svc.Check(ctx, "CT01.1", "jun"); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(outbox(t, svc.Store)[leader], "")
	for _, want := range []string{"Cảnh báo", "Chuyển sang chậm tiến độ", "Số liệu tính đến ngày 25/06/2025, do đồng chí Lan báo cáo",
		"hai chi bộ chưa tổ chức kết nạp"} {
		if !strings.Contains(text, want) {
			t.Errorf("alert lacks %q: %q", want, text)
		}
	}
}

// TestAMissedWindowIsToldOnce: "Không đạt" goes out once per indicator
// and window, whoever notices it first, and only once it is final; a
// correction that undoes it is told as a correction; a new window starts
// its own story.
func TestAMissedWindowIsToldOnce(t *testing.T) {
	t0 := time.Date(2024, 1, 1, 7, 30, 0, 0, hanoi)
	week := 7 * 24 * time.Hour
	y2023 := indicator.Period{From: indicator.NewDate(2023, 1, 1), To: indicator.NewDate(2023, 12, 31)}
	y2024 := indicator.Period{From: indicator.NewDate(2024, 1, 1), To: indicator.NewDate(2024, 12, 31)}
	missed2023 := indicator.Evaluation{Status: indicator.Missed, Window: y2023, Ended: true}
	st := store.Alert{Indicator: "CT01.2"}

	if kind, _ := reminders.NextAlert(st, indicator.Evaluation{Status: indicator.Missed, Window: y2023, Ended: true, Provisional: true}, t0, week, false); kind != "" {
		t.Errorf("a window awaiting its last report: %q, want nothing yet", kind)
	}
	kind, st := reminders.NextAlert(st, missed2023, t0, week, false)
	if kind != reminders.AlertMissed {
		t.Fatalf("2023 ended missed: %q", kind)
	}
	past := missed2023
	past.Past = true
	for _, e := range []indicator.Evaluation{missed2023, past} {
		if kind, _ := reminders.NextAlert(st, e, t0.Add(2*24*time.Hour), week, false); kind != "" {
			t.Errorf("2023 noticed again (past %v): %q, want nothing", e.Past, kind)
		}
	}
	// the sweep's list: 2023 that ended, then 2024 off track
	var told []reminders.AlertKind
	for _, e := range []indicator.Evaluation{past, {Status: indicator.OffTrack, Window: y2024}} {
		var k reminders.AlertKind
		if k, st = reminders.NextAlert(st, e, t0.Add(75*24*time.Hour), week, false); k != "" {
			told = append(told, k)
		}
	}
	if len(told) != 1 || told[0] != reminders.AlertOff {
		t.Errorf("2024 off track after 2023 was told missed: %v, want one off-track alert", told)
	}
	fixed := indicator.Evaluation{Status: indicator.Achieved, Window: y2023, Ended: true, Past: true}
	kind, next := reminders.NextAlert(st, fixed, t0.Add(80*24*time.Hour), week, false)
	if kind != reminders.AlertCorrected || next.ToldMissed(y2023) || next.Status != "off_track" {
		t.Errorf("2023 corrected to achieved: %q, still told %v, status %q; want a correction, 2024's off track kept", kind, next.ToldMissed(y2023), next.Status)
	}
}

// TestAnAlertShowsANoteWithoutInvisibleCharacters: bidi controls and
// zero-width characters in a figure's note (typed, or brought by a file)
// never reach the leader's alert, as they never reach a name.
func TestAnAlertShowsANoteWithoutInvisibleCharacters(t *testing.T) {
	svc, _ := setup(t, at(2025, 6, 30, 7, 30))
	f := store.NewFigure{Indicator: "CT01.1", Date: indicator.NewDate(2025, 6, 25), Value: 30, By: reporter, Key: "jun",
		Note: "hai chi bộ\u202e chưa\u200b tổ chức\u2066 kết nạp\u2069"}
	if _, _, err := svc.Store.Figures.Save(ctx, f); err != nil {
		t.Fatal(err)
	}
	if err := svc.Check(ctx, "CT01.1", "jun"); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(outbox(t, svc.Store)[leader], "")
	if !strings.Contains(text, "hai chi bộ chưa tổ chức kết nạp") || strings.ContainsFunc(text, invisible) {
		t.Errorf("the alert shows the note as %q", text)
	}
}

// invisible is a character that is not seen: a bidi control, a
// zero-width mark.
func invisible(r rune) bool { return unicode.Is(unicode.Cf, r) }
