//go:build scale

package store_test

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"chitieu/bot"
	"chitieu/clock"
	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/reminders"
	"chitieu/store"
	"chitieu/store/storetest"
	"chitieu/telegramtest"
)

// TestScaleOfACity measures, on a real Redis (REDIS_URL), a city's
// committees on one deployment: 100 committees × 60 indicators × 5 years
// of monthly figures imported, one committee's report read (every figure
// of its plan, as a báo cáo or the status reads it) beside the other 99
// and alone, and the memory a committee takes. Run it with
// go test -tags scale -run TestScaleOfACity -v ./store (about a minute).
func TestScaleOfACity(t *testing.T) {
	url := os.Getenv("REDIS_URL")
	if url == "" {
		t.Skip("needs a real Redis: REDIS_URL")
	}
	const committees, indicators, months = 100, 60, 60
	codes := make([]string, indicators)
	for i := range codes {
		codes[i] = fmt.Sprintf("CT%02d.%d", i/6+1, i%6+1)
	}
	span := indicator.Period{From: d(2025, 1, 1), To: d(2030, 12, 31)}
	prefix := storetest.Prefix()
	o, _ := redis.ParseURL(url)
	o.DisableIdentity = true
	rdb := redis.NewClient(o)
	defer rdb.Close()
	used := func() int64 {
		info := rdb.Info(ctx, "memory").Val()
		for _, l := range strings.Split(info, "\r\n") {
			if v, ok := strings.CutPrefix(l, "used_memory:"); ok {
				n, _ := strconv.ParseInt(v, 10, 64)
				return n
			}
		}
		return 0
	}
	open := func(c string) *store.Store {
		return storetest.Open(t, store.Options{URL: url, Prefix: prefix, Committee: c})
	}
	read := func(s *store.Store) time.Duration {
		best := time.Hour
		for range 5 {
			began := time.Now()
			all, err := s.Figures.All(context.Background(), codes, span)
			if err != nil || count(all) != indicators*months {
				t.Fatalf("read %d figures, %v", count(all), err)
			}
			best = min(best, time.Since(began))
		}
		return best
	}
	before := used()
	var stores []*store.Store
	began := time.Now()
	for c := range committees {
		s := open(fmt.Sprintf("phuong-%03d", c))
		stores = append(stores, s)
		figs := make([]store.NewFigure, 0, indicators*months)
		for _, code := range codes {
			for m := range months {
				figs = append(figs, store.NewFigure{Indicator: code, Date: indicator.NewDate(2025+m/12, time.Month(m%12+1), 20),
					Value: float64(m), Source: "import", Key: fmt.Sprintf("%s:%d", code, m)})
			}
		}
		if n, err := s.Figures.Import(ctx, 0, figs); err != nil || n != len(figs) {
			t.Fatalf("committee %d: imported %d, %v", c, n, err)
		}
		if c == 0 {
			t.Logf("a lone committee's report read: %v", read(s))
		}
	}
	imported := time.Since(began)
	perCommittee := (used() - before) / committees
	t.Logf("imported %d committees × %d indicators × %d months = %d figures in %v (%.0f figures/s)",
		committees, indicators, months, committees*indicators*months, imported.Round(time.Millisecond),
		float64(committees*indicators*months)/imported.Seconds())
	t.Logf("Redis memory per committee: %.1f MB (%d figures each)", float64(perCommittee)/1e6, indicators*months)
	t.Logf("the same committee's report read beside 99 others: %v", read(stores[0]))
	t.Logf("the last committee's report read: %v", read(stores[committees-1]))
}

// TestScaleOfACitysMonday measures, on a real Redis (REDIS_URL), the
// jobs of a Monday morning for a city: 100 committees × 60 monthly
// indicators with five years of figures, 20 leaders each (2,000): the
// daily sweep and the weekly digest of every committee, the city's
// roll-up, and the delivery of all they queue through one bot against a
// fake Bot API that holds Telegram's limits (30 a second overall, one a
// second in a chat), counting its 429s. Run it with
// go test -tags scale -run TestScaleOfACitysMonday -v -timeout 30m ./store
// (some minutes: the delivery goes at Telegram's pace).
func TestScaleOfACitysMonday(t *testing.T) {
	url := os.Getenv("REDIS_URL")
	if url == "" {
		t.Skip("needs a real Redis: REDIS_URL")
	}
	const committees, indicators, months, leaders = 100, 60, 60, 20
	var yaml strings.Builder
	yaml.WriteString("plan: phuong-2022-2027\ntitle: Nghị quyết Đại hội Đảng bộ phường\nterm: {from: 2022-01-01, to: 2027-12-31}\n" +
		"timezone: Asia/Ho_Chi_Minh\nunits:\n  - {code: VP, name: Văn phòng Đảng ủy}\nprograms:\n")
	var codes []string
	for i := range indicators {
		if i%6 == 0 {
			fmt.Fprintf(&yaml, "  - code: CT%02d\n    title: Chương trình %d\n    indicators:\n", i/6+1, i/6+1)
		}
		code := fmt.Sprintf("CT%02d.%d", i/6+1, i%6+1)
		codes = append(codes, code)
		fmt.Fprintf(&yaml, "      - {code: %s, name: Chỉ tiêu %d, unit_of_measure: việc, owner: VP, kind: count, window: year, "+
			"target: {op: \">=\", value: %d}, trajectory: linear, report: {every: month, due_day: 25}}\n", code, i+1, 60+i*2)
	}
	plan, err := indicator.Load([]byte(yaml.String()))
	if err != nil {
		t.Fatal(err)
	}
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	monday := time.Date(2026, 12, 21, 8, 0, 0, 0, loc)
	prefix := storetest.Prefix()
	srv := telegramtest.New(t, telegramtest.Options{Overall: 30, PerChat: 1, PerChatBurst: 1})
	api, err := bot.NewAPI(telegramtest.Token, srv.Endpoint(), nil, bot.WithRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	var city reminders.City
	var senders []*reminders.Sender
	for c := range committees {
		s := storetest.Open(t, store.Options{URL: url, Prefix: prefix, Committee: fmt.Sprintf("phuong-%03d", c)})
		figs := make([]store.NewFigure, 0, indicators*months)
		for _, code := range codes {
			for m := range months {
				figs = append(figs, store.NewFigure{Indicator: code, Date: indicator.NewDate(2022+m/12, time.Month(m%12+1), 20),
					Value: float64(c%7 + m%12), Source: "import", Key: fmt.Sprintf("%s:%d", code, m)})
			}
		}
		if n, err := s.Figures.Import(ctx, 0, figs); err != nil || n != len(figs) {
			t.Fatalf("committee %d: imported %d, %v", c, n, err)
		}
		for i := range leaders {
			id := int64(1_000_000 + c*100 + i)
			s.People.EnsureAdmin(ctx, store.Profile{ID: id, Name: fmt.Sprint("Lãnh đạo ", i), Lang: "vi"})
			if _, err := s.People.SetAccess(ctx, 0, id, []store.Role{store.Leader}, ""); err != nil {
				t.Fatal(err)
			}
		}
		clk := clock.At(func() time.Time { return monday })
		svc := reminders.New(reminders.Service{Store: s, Plan: plan, Catalog: locales.MustLoad(), Clock: clk,
			Calendar: reminders.Calendar{Loc: loc, Always: true}, Heading: fmt.Sprintf("Đảng bộ phường %d", c)})
		city.Committees = append(city.Committees, reminders.CityCommittee{Name: svc.Heading, Service: svc})
		senders = append(senders, &reminders.Sender{Store: s, API: api, Calendar: reminders.Calendar{Loc: loc, Always: true}, Name: "scale"})
	}
	city.Leaders = []int64{31, 32, 33}
	timed := func(what string, job func(*reminders.Service) error) {
		began := time.Now()
		for _, cm := range city.Committees {
			if err := job(cm.Service); err != nil {
				t.Fatalf("%s: %v", what, err)
			}
		}
		took := time.Since(began)
		t.Logf("%s of %d committees: %v (%v each)", what, committees, took.Round(time.Millisecond), (took / committees).Round(time.Microsecond))
	}
	timed("the daily sweep", func(s *reminders.Service) error { return s.Sweep(ctx, monday) })
	timed("the weekly digest", func(s *reminders.Service) error { return s.Digest(ctx, monday) })
	began := time.Now()
	if err := city.Rollup(ctx, monday); err != nil {
		t.Fatal(err)
	}
	t.Logf("the city's roll-up: %v", time.Since(began).Round(time.Millisecond))
	queued := int64(0)
	for _, s := range senders {
		n, err := s.Store.Pushes.Depth(ctx)
		if err != nil {
			t.Fatal(err)
		}
		queued += n
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	began = time.Now()
	go func() { done <- reminders.RunAll(runCtx, func() []*reminders.Sender { return senders }) }()
	t.Logf("queued: %d pushes", queued)
	last, lastAt := 0, time.Now()
	for int64(srv.Stats().Sent) < queued && time.Since(lastAt) < 2*time.Minute {
		srv.Until(30*time.Second, func() bool { return int64(srv.Stats().Sent) >= queued })
		if n := srv.Stats().Sent; n > last {
			last, lastAt = n, time.Now()
		}
		t.Logf("%v: %d sent", time.Since(began).Round(time.Second), last)
	}
	if int64(last) < queued {
		t.Errorf("delivered %d of %d, none for 2 minutes", last, queued)
	}
	took := lastAt.Sub(began)
	stop()
	<-done
	st := srv.Stats()
	t.Logf("delivered %d pushes (digests, alerts, roll-ups) to %d leaders in %v: %.1f messages/s, %d answers 429",
		st.Sent, committees*leaders+len(city.Leaders), took.Round(time.Second), float64(st.Sent)/took.Seconds(), st.TooMany)
	if st.TooMany != 0 {
		t.Errorf("%d answers 429", st.TooMany)
	}
}
