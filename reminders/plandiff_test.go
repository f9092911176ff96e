package reminders_test

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"chitieu/plans"
	"chitieu/reminders"
	"chitieu/store"
	"chitieu/store/storetest"
)

const planHeading = "Kế hoạch đã được điều chỉnh"

// amended is the example plan with CT01.1 revised, CT01.2 renamed CT01.2b,
// CT01.3 removed and CT01.9 added.
func amended(t testing.TB) []byte {
	t.Helper()
	s := string(plans.Example)
	s = mustReplace(t, s, "        note: Hằng năm, kết nạp 90 đảng viên mới trở lên; cả nhiệm kỳ đạt khi năm nào cũng đạt.\n",
		"        note: Hằng năm, kết nạp 90 đảng viên mới trở lên; cả nhiệm kỳ đạt khi năm nào cũng đạt.\n"+
			"        revisions:\n"+
			"          - {from: 2025-07-01, target: {op: \">=\", value: 100}, note: \"Nghị quyết số 15-NQ/QU\"}\n"+
			addedIndicator("CT01.9"))
	s = mustReplace(t, s, "      - code: CT01.2\n", "      - code: CT01.2b\n        formerly: [CT01.2]\n")
	return []byte(removed(t, s, "CT01.3"))
}

// withAdded is the example plan with n more indicators, CT09.1 to CT09.n.
func withAdded(t testing.TB, n int) []byte {
	t.Helper()
	var more strings.Builder
	for i := 1; i <= n; i++ {
		more.WriteString(addedIndicator(fmt.Sprintf("CT09.%d", i)))
	}
	return []byte(mustReplace(t, string(plans.Example), "      - code: CT01.2\n", more.String()+"      - code: CT01.2\n"))
}

func addedIndicator(code string) string {
	return "      - code: " + code + "\n" +
		"        name: Chỉ tiêu bổ sung\n        unit_of_measure: đảng viên\n        owner: BTC\n        kind: count\n" +
		"        window: year\n        target: {op: \">=\", value: 10}\n        trajectory: linear\n" +
		"        report: {every: month, due_day: 25}\n"
}

func mustReplace(t testing.TB, s, old, new string) string {
	t.Helper()
	if strings.Count(s, old) != 1 {
		t.Fatalf("the example plan has %q %d times", old, strings.Count(s, old))
	}
	return strings.Replace(s, old, new, 1)
}

// removed is plan without the indicator code's block.
func removed(t testing.TB, plan, code string) string {
	t.Helper()
	block := regexp.MustCompile(`(?s)      - code: ` + regexp.QuoteMeta(code) + "\n.*?\n(      - code:)")
	if !block.MatchString(plan) {
		t.Fatalf("no %s in the example plan", code)
	}
	return block.ReplaceAllString(plan, "$1")
}

// seeded is a service whose store holds the example plan as its first
// version, applied at start.
func seeded(t testing.TB, start time.Time) (*reminders.Service, *storetest.Clock) {
	t.Helper()
	svc, clock := setup(t, start)
	if _, err := svc.Store.Plans.Seed(ctx, plans.Example, "khởi tạo"); err != nil {
		t.Fatal(err)
	}
	return svc, clock
}

func apply(t testing.TB, s *store.Store, content []byte, why string) {
	t.Helper()
	if _, created, err := s.Plans.Apply(ctx, content, leader, why); err != nil || !created {
		t.Fatalf("apply: %v %v", created, err)
	}
}

func weekly(t *testing.T, svc *reminders.Service, now time.Time) string {
	t.Helper()
	if err := svc.Digest(ctx, now); err != nil {
		t.Fatal(err)
	}
	return strings.Join(outbox(t, svc.Store)[leader], "\n")
}

func wants(t *testing.T, what, text string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, text)
		}
	}
}

// TestDigestTellsWhatThePlanChanged: the weekly digest after a version is
// applied names what it added, removed, renamed and revised, once; the
// seeded first version is no change.
func TestDigestTellsWhatThePlanChanged(t *testing.T) {
	svc, clock := seeded(t, at(2025, 6, 16, 8, 0))
	if first := weekly(t, svc, clock.Now()); strings.Contains(first, planHeading) {
		t.Errorf("the seeded plan is told as a change:\n%s", first)
	}
	clock.Advance(4*24*time.Hour + 2*time.Hour) // Friday 20/06, 10:00
	apply(t, svc.Store, amended(t), "Nghị quyết số 15-NQ/QU <điều chỉnh>")
	clock.Advance(3*24*time.Hour - 2*time.Hour) // Monday 23/06, 08:00
	text := weekly(t, svc, clock.Now())
	wants(t, "the digest after the change", text, "<b>"+planHeading+":</b>",
		"Ngày 20/06/2025 — Nghị quyết số 15-NQ/QU &lt;điều chỉnh&gt;:",
		"• Bổ sung chỉ tiêu <b>CT01.9</b>",
		"• Đưa chỉ tiêu <b>CT01.3</b> ra khỏi kế hoạch",
		"• Chỉ tiêu <b>CT01.2</b> đổi mã thành <b>CT01.2b</b>",
		"• Điều chỉnh chỉ tiêu <b>CT01.1</b> từ ngày 01/07/2025: mục tiêu ≥ 100 đảng viên — <i>Nghị quyết số 15-NQ/QU</i>")
	en, err := svc.DigestText(ctx, "en")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(en, "The plan was amended") {
		t.Errorf("/tonghop repeats the change the weekly digest told:\n%s", en)
	}
	clock.Advance(7 * 24 * time.Hour)
	if next := weekly(t, svc, clock.Now()); strings.Contains(next, planHeading) || !strings.Contains(next, "Tổng hợp") {
		t.Errorf("the next digest repeats the change:\n%s", next)
	}
}

// TestOnDemandDigestTellsThePlanChangesOfTheWeek: /tonghop before any
// weekly digest tells the versions of the last 7 days only, in English too.
func TestOnDemandDigestTellsThePlanChangesOfTheWeek(t *testing.T) {
	svc, clock := seeded(t, at(2025, 6, 10, 9, 0))
	apply(t, svc.Store, withAdded(t, 1), "older")
	clock.Advance(10 * 24 * time.Hour) // 20/06
	apply(t, svc.Store, amended(t), "Resolution 15")
	clock.Advance(3 * 24 * time.Hour) // 23/06
	text, err := svc.DigestText(ctx, "en")
	if err != nil {
		t.Fatal(err)
	}
	wants(t, "/tonghop", text, "<b>The plan was amended:</b>", "20/06/2025 — Resolution 15:",
		"• Indicator <b>CT01.3</b> removed from the plan", "• Indicator <b>CT01.2</b> renamed <b>CT01.2b</b>",
		"• Indicator <b>CT01.1</b> revised from 01/07/2025: target ≥ 100")
	if strings.Contains(text, "older") || strings.Contains(text, "<b>CT09.1</b> added") {
		t.Errorf("/tonghop tells a version older than 7 days:\n%s", text)
	}
}

// TestDigestWithoutAPlanChange has no plan section: nothing applied but the
// seed, or no version at all.
func TestDigestWithoutAPlanChange(t *testing.T) {
	seededSvc, clock := seeded(t, at(2025, 6, 23, 8, 0))
	bare, _ := setup(t, at(2025, 6, 23, 8, 0))
	for name, svc := range map[string]*reminders.Service{"seeded": seededSvc, "no versions": bare} {
		text, err := svc.DigestText(ctx, "vi")
		if err != nil || strings.Contains(text, planHeading) || strings.Contains(text, "push.digest_plan") {
			t.Errorf("%s, /tonghop: %v\n%s", name, err, text)
		}
		if text := weekly(t, svc, clock.Now()); strings.Contains(text, planHeading) {
			t.Errorf("%s, weekly:\n%s", name, text)
		}
	}
}

// TestManyPlanChangesAreCounted: past ten indicators the rest are counted.
func TestManyPlanChangesAreCounted(t *testing.T) {
	svc, _ := seeded(t, at(2025, 6, 20, 8, 0))
	apply(t, svc.Store, withAdded(t, 15), "")
	text, err := svc.DigestText(ctx, "vi")
	if err != nil {
		t.Fatal(err)
	}
	wants(t, "/tonghop", text, "Ngày 20/06/2025:", "<b>CT09.10</b>", "• và 5 chỉ tiêu khác")
	if n := strings.Count(text, "• Bổ sung chỉ tiêu"); n != 10 {
		t.Errorf("%d indicators named, want 10:\n%s", n, text)
	}
}

// TestDigestAfterAnOldSnapshot: a snapshot written before digests told
// plan versions (a bare map of statuses) still gives the status changes,
// and the plan's changes of the last 7 days.
func TestDigestAfterAnOldSnapshot(t *testing.T) {
	svc, clock := seeded(t, at(2025, 6, 20, 8, 0))
	apply(t, svc.Store, amended(t), "NQ 15")
	svc.Store.Jobs.Snapshot(ctx, "digest", map[string]map[string]string{"CT01.1": {"status": "achieved"}})
	clock.Advance(3 * 24 * time.Hour)
	text := weekly(t, svc, clock.Now())
	wants(t, "the digest", text, "<b>CT01.1</b>: Đạt →", "Ngày 20/06/2025 — NQ 15:")
}

// TestPlanVersionsAreReadInOneRoundTrip: the digest reads the versions it
// tells, contents and all, in one round trip.
func TestPlanVersionsAreReadInOneRoundTrip(t *testing.T) {
	svc, _ := seeded(t, at(2025, 6, 20, 8, 0))
	apply(t, svc.Store, amended(t), "NQ 15")
	apply(t, svc.Store, withAdded(t, 2), "NQ 16")
	trips := storetest.RoundTrips(svc.Store)
	before := trips()
	vs, err := svc.Store.Plans.VersionsFrom(ctx, 2)
	if n := trips() - before; n != 1 || err != nil {
		t.Errorf("%d round trips, %v", n, err)
	}
	if len(vs) != 2 || vs[0].N != 2 || vs[1].N != 3 || vs[1].Why != "NQ 16" || vs[1].Content == "" {
		t.Errorf("versions from 2: %+v", vs)
	}
	if vs, err := svc.Store.Plans.VersionsFrom(ctx, 9); len(vs) != 0 || err != nil {
		t.Errorf("versions from 9: %+v %v", vs, err)
	}
}

// BenchmarkDigestTextWithAPlanChange is /tonghop on the example plan with
// one version applied in the week: reading both versions and loading and
// comparing the two plans is its share above a digest with none.
func BenchmarkDigestTextWithAPlanChange(b *testing.B) {
	for _, change := range []bool{false, true} {
		b.Run(fmt.Sprintf("change=%v", change), func(b *testing.B) {
			svc, _ := seeded(b, at(2025, 6, 20, 8, 0))
			if change {
				apply(b, svc.Store, amended(b), "NQ 15")
			}
			trips := storetest.RoundTrips(svc.Store)
			b.ResetTimer()
			before := trips()
			for range b.N {
				if _, err := svc.DigestText(ctx, "vi"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(trips()-before)/float64(b.N), "roundtrips/op")
		})
	}
}

// TestANextTermIsNoPlanChange: the next term's plan, applied while the
// current term runs, is not read as indicators dropped from or added to
// the plan in force.
func TestANextTermIsNoPlanChange(t *testing.T) {
	svc, _ := setup(t, at(2025, 10, 15, 9, 0))
	if _, err := svc.Store.Plans.Seed(ctx, plans.Example, "seed"); err != nil {
		t.Fatal(err)
	}
	next, err := os.ReadFile("../plans/" + plans.NextTermName)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.Store.Plans.Apply(ctx, next, 1, "Đại hội VII"); err != nil {
		t.Fatal(err)
	}
	text, err := svc.DigestText(ctx, "vi")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(text, planHeading) || strings.Contains(text, "ra khỏi kế hoạch") {
		t.Errorf("the next term's plan read as a change of the plan in force:\n%s", text)
	}
}
