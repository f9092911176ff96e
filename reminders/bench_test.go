package reminders_test

import (
	clk "chitieu/clock"
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/reminders"
	"chitieu/store"
	"chitieu/store/storetest"
	"chitieu/telegramtest"
)

// leaders makes n leaders of no unit.
func leaders(b testing.TB, s *store.Store, n int) {
	for i := range n {
		id := int64(100000 + i)
		s.People.EnsureAdmin(ctx, store.Profile{ID: id, Name: fmt.Sprint("Lãnh đạo ", i), Lang: "vi"})
		s.People.SetAccess(ctx, 0, id, []store.Role{store.Leader}, "")
	}
}

func sampleService(b testing.TB, s *store.Store, now func() time.Time) *reminders.Service {
	plan, _ := indicator.Load(plans.Example)
	day := plans.TryDay(plan, 0)
	var figs []store.NewFigure
	for code, list := range plans.SampleFigures(plan, day) {
		for i, f := range list {
			figs = append(figs, store.NewFigure{Indicator: code, Date: f.Date, Value: f.Value, Key: fmt.Sprint(code, i)})
		}
	}
	if _, err := s.Figures.Import(ctx, 0, figs); err != nil {
		b.Fatal(err)
	}
	return reminders.New(reminders.Service{Store: s, Plan: plan, Catalog: locales.MustLoad(), Clock: clk.At(now), Calendar: reminders.Calendar{Loc: hanoi}})
}

// BenchmarkDigestFor10000Leaders builds and queues the example plan's
// digest for 10,000 leaders; ns/op divided by 10,000 is the cost per
// recipient.
func BenchmarkDigestFor10000Leaders(b *testing.B) {
	s := storetest.New(b, nil)
	leaders(b, s, 10000)
	svc := sampleService(b, s, openAt)
	b.ResetTimer()
	for i := range b.N {
		if err := svc.Digest(ctx, working.AddDate(0, 0, 7*i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/10000, "µs/recipient")
}

// BenchmarkDigestDelivery sends a digest to DIGEST_LEADERS leaders (300
// unless set) through the fake server, which enforces Telegram's limits,
// and reports the sustained rate and the 429s met.
func BenchmarkDigestDelivery(b *testing.B) {
	n := 300
	if v, err := strconv.Atoi(os.Getenv("DIGEST_LEADERS")); err == nil {
		n = v
	}
	for range b.N {
		s := storetest.New(b, nil)
		srv := telegramtest.New(b, telegramtest.Options{})
		leaders(b, s, n)
		svc := sampleService(b, s, openAt)
		if err := svc.Digest(ctx, openAt()); err != nil {
			b.Fatal(err)
		}
		depth, _ := s.Pushes.Depth(ctx)
		start := time.Now()
		drainB(b, s, newSenderB(b, s, srv))
		elapsed := time.Since(start)
		b.ReportMetric(float64(depth)/elapsed.Seconds(), "msgs/s")
		b.ReportMetric(float64(srv.Stats().TooMany), "429s")
	}
}

// BenchmarkAlertAfterReportFor10000Leaders is the check after a report
// that turns CT01.1 off track, or back, alerting 10,000 leaders; it
// reports the Redis round trips each check takes.
func BenchmarkAlertAfterReportFor10000Leaders(b *testing.B) {
	now := func() time.Time { return at(2025, 6, 30, 10, 0) }
	s := storetest.New(b, now)
	leaders(b, s, 10000)
	svc := sampleService(b, s, now)
	ind, day := svc.Plan.Indicator("CT01.1"), indicator.NewDate(2025, 6, 30)
	off := []indicator.Figure{{Date: indicator.NewDate(2025, 6, 25), Value: 30}}
	evals := []indicator.Evaluation{
		indicator.EvaluateOf(ind, off, day, day),
		indicator.EvaluateOf(ind, append(off, indicator.Figure{Date: day, Value: 40}), day, day),
	}
	trips := storetest.RoundTrips(s)
	b.ResetTimer()
	before := trips()
	for i := range b.N {
		if err := svc.AfterReport(ctx, evals[i%2], fmt.Sprint("bench:", i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(trips()-before)/float64(b.N), "roundtrips/op")
}
