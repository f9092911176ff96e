package reminders_test

import (
	clk "chitieu/clock"
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"chitieu/bot"
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/reminders"
	"chitieu/store"
	"chitieu/store/storetest"
	"chitieu/telegramtest"
)

// manyLeaders is how many leaders the fan-out tests push to.
const manyLeaders = 10000

// TestADigestForTenThousandLeadersTakesFewRoundTrips: the digest reads the
// leaders in one go and queues its pushes a thousand at a time, so 10,000
// leaders cost Redis at most 50 round trips, and each gets every part.
func TestADigestForTenThousandLeadersTakesFewRoundTrips(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 leaders")
	}
	s := storetest.New(t, nil)
	leaders(t, s, manyLeaders)
	svc := sampleService(t, s, openAt)
	trips := storetest.RoundTrips(s)
	before := trips()
	if err := svc.Digest(ctx, openAt()); err != nil {
		t.Fatal(err)
	}
	n := trips() - before
	if n > 50 {
		t.Errorf("the digest for %d leaders took %d round trips, want at most 50", manyLeaders, n)
	}
	t.Logf("the digest for %d leaders: %d round trips", manyLeaders, n)
	depth, err := s.Pushes.Depth(ctx)
	if err != nil || depth < manyLeaders || depth%manyLeaders != 0 {
		t.Errorf("%d pushes queued for %d leaders (%v), want the same parts for each", depth, manyLeaders, err)
	}
}

// TestTheReplyGoesBeforeTheAlertsFanOut: a report that brings an indicator
// back on track is answered first; then the alert goes to 10,000 leaders,
// its check reading no figure and taking at most 3 round trips and one
// per 1,000 leaders.
func TestTheReplyGoesBeforeTheAlertsFanOut(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 leaders")
	}
	now := func() time.Time { return at(2025, 6, 30, 10, 0) }
	s := storetest.New(t, now)
	leaders(t, s, manyLeaders)
	svc := reminderService(t, storetest.Reopen(t, s), now)
	person(t, s, reporter, "Lan", []store.Role{store.Reporter}, "BTC")
	// Off track: 30 where 44,6 is expected, imported (not the reporter's own today, which a second count would be asked about).
	if _, _, err := s.Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: indicator.NewDate(2025, 6, 25), Value: 30, Key: "jun"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Alerts.Put(ctx, store.Alert{Indicator: "CT01.1", Status: "off_track", Since: now(), LastSent: now()}); err != nil {
		t.Fatal(err)
	}
	warmUp(t, svc)
	trips := storetest.RoundTrips(svc.Store)
	srv := telegramtest.New(t, telegramtest.Options{PerChatBurst: 100})
	var got struct {
		sync.Mutex
		replied bool
		trips   int
		err     error
		calls   int
	}
	var checked telegramtest.Signal // the alert check ran
	afterSave := func(ctx context.Context, e indicator.Evaluation, key string) error {
		defer checked.Notify()
		got.Lock()
		defer got.Unlock()
		got.calls++
		for _, m := range srv.Sent(reporter) {
			got.replied = got.replied || strings.Contains(m.Text, "Đã lưu")
		}
		before := trips()
		got.err = svc.AfterReport(ctx, e, key)
		got.trips = trips() - before
		return got.err
	}
	runBot(t, srv, s, now, afterSave)
	id := srv.SendText(telegramtest.User{ID: reporter, FirstName: "Lan", Lang: "vi"}, "CT01.1: 20")
	// The save records the update handled; the reply and the check follow.
	checked.Until(time.Minute, func() bool {
		got.Lock()
		defer got.Unlock()
		return got.calls > 0
	})
	if ok, _ := s.Updates.Handled(ctx, id); !ok {
		t.Errorf("update %d is not recorded handled once its alert check ran", id)
	}
	got.Lock()
	defer got.Unlock()
	if got.calls != 1 || got.err != nil {
		t.Fatalf("the alert check ran %d times: %v; the bot said %+v", got.calls, got.err, srv.Sent(reporter))
	}
	if !got.replied {
		t.Error("the alerts were queued before the reporter's reply was sent")
	}
	if limit := 3 + manyLeaders/1000; got.trips > limit {
		t.Errorf("the alert check after a report took %d round trips for %d leaders, want at most %d", got.trips, manyLeaders, limit)
	}
	t.Logf("the alert check after a report, %d leaders: %d round trips", manyLeaders, got.trips)
	if depth, _ := s.Pushes.Depth(ctx); depth != manyLeaders {
		t.Errorf("%d alerts queued for %d leaders", depth, manyLeaders)
	}
}

func reminderService(t *testing.T, s *store.Store, now func() time.Time) *reminders.Service {
	t.Helper()
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	return reminders.New(reminders.Service{Store: s, Plan: plan, Catalog: locales.MustLoad(), Clock: clk.At(now),
		Calendar: reminders.Calendar{Loc: hanoi}})
}

// warmUp loads the scripts an alert check runs, so that a count of round
// trips does not include a first EVALSHA refused.
func warmUp(t *testing.T, svc *reminders.Service) {
	t.Helper()
	if _, err := svc.Store.Pushes.Enqueue(ctx, store.Push{Key: "warm-up", Chat: 1, Kind: "test", Text: "-"}); err != nil {
		t.Fatal(err)
	}
	outbox(t, svc.Store)
	a, err := svc.Store.Alerts.Of(ctx, "CT02.1")
	if err == nil {
		_, _, err = svc.Store.Alerts.Swap(ctx, a, a)
	}
	if err != nil {
		t.Fatal(err)
	}
}

// runBot runs a bot on the fake Bot API until the test ends, telling
// afterSave of each figure saved.
func runBot(t *testing.T, srv *telegramtest.Server, s *store.Store, now func() time.Time,
	afterSave func(context.Context, indicator.Evaluation, string) error) {
	t.Helper()
	api, err := bot.NewAPI(telegramtest.Token, srv.Endpoint(), nil)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := indicator.Load(plans.Example)
	if err != nil {
		t.Fatal(err)
	}
	b := bot.New(bot.Deps{Store: s, Plan: plan, Catalog: locales.MustLoad(), API: api, Clock: clk.At(now), AfterSave: afterSave})
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); b.Poll(ctx, api) }()
	t.Cleanup(func() { cancel(); wg.Wait() })
}

// evaluated is CT01.1 evaluated at now with its figures saved so far, as
// the bot evaluates after a report.
func evaluated(t *testing.T, svc *reminders.Service, now time.Time) indicator.Evaluation {
	t.Helper()
	figs, err := svc.Store.Figures.Records(ctx, "CT01.1", svc.Plan.Span())
	if err != nil {
		t.Fatal(err)
	}
	today := indicator.DateOf(now.In(hanoi))
	return indicator.EvaluateOf(svc.Plan.Indicator("CT01.1"), indicator.FiguresOf(figs), today, today)
}

// TestAReportWithNothingToTellTakesOneRoundTrip: after a report that
// changes nothing to tell, the check reads the indicator's alert state
// and the silences in one round trip, and writes nothing.
func TestAReportWithNothingToTellTakesOneRoundTrip(t *testing.T) {
	svc, clock := setup(t, at(2025, 6, 30, 7, 30))
	save(t, svc.Store, "CT01.1", indicator.NewDate(2025, 6, 25), 50, "jun") // on track, never alerted
	e := evaluated(t, svc, clock.Now())
	trips := storetest.RoundTrips(svc.Store)
	for _, c := range []struct {
		key   string
		trips int
	}{{"jun", 1}, {"jun", 1}, {"saved elsewhere", 1}} {
		before := trips()
		if err := svc.AfterReport(ctx, e, c.key); err != nil {
			t.Fatal(err)
		}
		if n := trips() - before; n != c.trips {
			t.Errorf("the check of %q took %d round trips, want %d", c.key, n, c.trips)
		}
	}
	if got := outbox(t, svc.Store); len(got) != 0 {
		t.Errorf("pushed %v", got)
	}
}

// TestASavesReadIsNotUsedOnceStale: the alert state a save read is not
// used once this instance changed that indicator's alert state since:
// the check reads it again and tells what the news is.
func TestASavesReadIsNotUsedOnceStale(t *testing.T) {
	svc, clock := setup(t, at(2025, 6, 30, 7, 30))
	s := svc.Store
	save(t, s, "CT01.1", indicator.NewDate(2025, 6, 25), 30, "off") // off track
	off := evaluated(t, svc, clock.Now())
	save(t, s, "CT01.1", indicator.NewDate(2025, 6, 26), 30, "back") // its save read: never alerted
	back := evaluated(t, svc, clock.Now())
	if err := svc.AfterReport(ctx, off, "off"); err != nil {
		t.Fatal(err)
	}
	if len(outbox(t, s)) == 0 {
		t.Fatal("no alert for a figure off track")
	}
	if err := svc.AfterReport(ctx, back, "back"); err != nil {
		t.Fatal(err)
	}
	// From the state its save read, nothing changed: no news.
	if got := outbox(t, s)[unitHead]; len(got) != 1 || !strings.Contains(got[0], "Đã trở lại đúng tiến độ") {
		t.Errorf("back on track after an alert: %q", got)
	}
}

// TestAfterReportKeepsTheRulesOfAlerts: the check after a report alerts
// once however often a report is handled, stays quiet while everyone
// silenced the indicator and repeats the news once the silence ends,
// names the reporter, and tells the way back on track.
func TestAfterReportKeepsTheRulesOfAlerts(t *testing.T) {
	svc, clock := setup(t, at(2025, 6, 30, 7, 30))
	s := svc.Store
	save(t, s, "CT01.1", indicator.NewDate(2025, 6, 25), 30, "jun") // off track
	quiet := store.Silence{Indicator: "CT01.1", Leader: store.Everyone, Until: at(2025, 7, 1, 0, 0), By: leader}
	if err := s.Alerts.Silence(ctx, quiet); err != nil {
		t.Fatal(err)
	}
	if err := svc.AfterReport(ctx, evaluated(t, svc, clock.Now()), "jun"); err != nil {
		t.Fatal(err)
	}
	if got := outbox(t, s); len(got) != 0 {
		t.Errorf("alerted while silenced for everyone: %v", got)
	}
	clock.Advance(24 * time.Hour)
	for range 2 { // the same report handled twice
		if err := svc.AfterReport(ctx, evaluated(t, svc, clock.Now()), "jun"); err != nil {
			t.Fatal(err)
		}
	}
	off := outbox(t, s)[leader]
	if len(off) != 1 || !strings.Contains(off[0], "Vẫn chậm tiến độ") || !strings.Contains(off[0], "do đồng chí Lan báo cáo") {
		t.Errorf("once the silence ended: %q", off)
	}
	save(t, s, "CT01.1", indicator.NewDate(2025, 7, 1), 40, "jul")
	if err := svc.AfterReport(ctx, evaluated(t, svc, clock.Now()), "jul"); err != nil {
		t.Fatal(err)
	}
	back := outbox(t, s)[unitHead]
	if len(back) != 1 || !strings.Contains(back[0], "Đã trở lại đúng tiến độ") {
		t.Errorf("back on track: %q", back)
	}
}

// TestChatsThatHearTheSameShareATextOthersGetTheirOwn: of three leaders,
// one reads English and one silenced an indicator; each gets the alerts
// it hears in its language.
func TestChatsThatHearTheSameShareATextOthersGetTheirOwn(t *testing.T) {
	svc, clock := setup(t, at(2025, 6, 30, 7, 30))
	s := svc.Store
	const english = 10
	if _, err := s.People.EnsureAdmin(ctx, store.Profile{ID: english, Name: "Anna", Lang: "en"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.People.SetAccess(ctx, 0, english, []store.Role{store.Leader}, ""); err != nil {
		t.Fatal(err)
	}
	save(t, s, "CT01.1", indicator.NewDate(2025, 6, 25), 30, "a")
	save(t, s, "CT04.1", indicator.NewDate(2025, 6, 25), 80, "b")
	if err := s.Alerts.Silence(ctx, store.Silence{Indicator: "CT04.1", Leader: leader, Until: at(2025, 7, 3, 0, 0), By: leader}); err != nil {
		t.Fatal(err)
	}
	sweep(t, svc, clock.Now())
	got := outbox(t, s)
	for _, tt := range []struct {
		chat       int64
		want, lack []string
	}{
		{leader, []string{"Cảnh báo", "<b>CT01.1</b>"}, []string{"<b>CT04.1</b>"}},
		{unitHead, []string{"Cảnh báo", "<b>CT01.1</b>", "<b>CT04.1</b>"}, nil},
		{english, []string{"Indicator alert", "<b>CT01.1</b>", "<b>CT04.1</b>"}, []string{"Cảnh báo"}},
	} {
		text := strings.Join(got[tt.chat], "\n")
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("chat %d lacks %q: %q", tt.chat, w, text)
			}
		}
		for _, l := range tt.lack {
			if strings.Contains(text, l) {
				t.Errorf("chat %d has %q: %q", tt.chat, l, text)
			}
		}
	}
}
