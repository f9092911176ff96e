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
		{"achieved after missing", missed, indicator.Achieved, t0.Add(time.Hour), false, reminders.AlertBack, "on_track"},
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
	if _, _, err := svc.Store.SaveFigure(ctx, f); err != nil {
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

// TestAnAlertShowsANoteWithoutInvisibleCharacters: bidi controls and
// zero-width characters in a figure's note (typed, or brought by a file)
// never reach the leader's alert, as they never reach a name.
func TestAnAlertShowsANoteWithoutInvisibleCharacters(t *testing.T) {
	svc, _ := setup(t, at(2025, 6, 30, 7, 30))
	f := store.NewFigure{Indicator: "CT01.1", Date: indicator.NewDate(2025, 6, 25), Value: 30, By: reporter, Key: "jun",
		Note: "hai chi bộ\u202e chưa\u200b tổ chức\u2066 kết nạp\u2069"}
	if _, _, err := svc.Store.SaveFigure(ctx, f); err != nil {
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
