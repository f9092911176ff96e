package reminders_test

import (
	"strings"
	"testing"
	"time"

	"chitieu/indicator"
)

func TestWeeklyDigest(t *testing.T) {
	svc, clock := setup(t, at(2025, 6, 23, 8, 0))
	s := svc.Store
	s.People.AddGroup(ctx, 1, -100500, "Thường trực Quận ủy")
	save(t, s, "CT01.1", indicator.NewDate(2025, 6, 20), 30, "a")
	if err := svc.Digest(ctx, clock.Now()); err != nil {
		t.Fatal(err)
	}
	first := outbox(t, s)
	for _, chat := range []int64{leader, unitHead, -100500} {
		text := strings.Join(first[chat], "\n")
		for _, want := range []string{"Tổng hợp tình hình thực hiện chỉ tiêu tính đến ngày 23/06/2025", "<b>CT01</b>:", "<b>CT06</b>:",
			"<b>CT01.1</b>", "Chậm tiến độ", "Thay đổi so với ngày 16/06/2025"} { // the first compares with a week before, as /tonghop does
			if !strings.Contains(text, want) {
				t.Errorf("chat %d: the digest lacks %q", chat, want)
			}
		}
		if strings.Contains(text, "Không có chỉ tiêu nào thay đổi") { // nothing to compare with is not "no change"
			t.Errorf("chat %d: the first digest claims no change: %q", chat, text)
		}
	}
	if len(first[reporter]) != 0 {
		t.Error("a reporter got the leaders' digest")
	}
	clock.Advance(7 * 24 * time.Hour)
	save(t, s, "CT01.1", indicator.NewDate(2025, 6, 27), 20, "b")
	svc.Digest(ctx, clock.Now())
	svc.Digest(ctx, clock.Now()) // a second run of the same occurrence
	second := strings.Join(outbox(t, s)[leader], "\n")
	if strings.Count(second, "Tổng hợp tình hình") != 1 || !strings.Contains(second, "<b>CT01.1</b>: Chậm tiến độ → 🟢 Đúng tiến độ") {
		t.Errorf("the next digest: %q", second)
	}
	onDemand, err := svc.DigestText(ctx, "en")
	if err != nil || !strings.Contains(onDemand, "Indicators summary") {
		t.Errorf("on demand: %q %v", onDemand, err)
	}
}

func TestLongDigestsAreSplitOnLines(t *testing.T) {
	svc, clock := setup(t, at(2025, 6, 23, 8, 0))
	svc.Digest(ctx, clock.Now())
	for _, text := range outbox(t, svc.Store)[leader] {
		if len(text) > 4096 || strings.HasPrefix(text, "\n") {
			t.Errorf("a part of %d bytes", len(text))
		}
	}
}

// TestOnDemandDigestBeforeAnyWeeklyOne: /tonghop before the first weekly
// digest counts what changed from 7 days ago, not "no change".
func TestOnDemandDigestBeforeAnyWeeklyOne(t *testing.T) {
	svc, _ := setup(t, at(2025, 6, 25, 10, 0))
	save(t, svc.Store, "CT01.1", indicator.NewDate(2025, 6, 20), 45, "a")
	text, err := svc.DigestText(ctx, "vi")
	if err != nil || !strings.Contains(text, "Thay đổi so với ngày 18/06/2025") || strings.Contains(text, "Không có thay đổi") ||
		!strings.Contains(text, "<b>CT01.1</b>") {
		t.Errorf("on demand: %q %v", text, err)
	}
}
