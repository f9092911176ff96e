package reminders_test

import (
	clk "chitieu/clock"
	"context"
	"sort"
	"strings"
	"testing"
	"time"

	tg "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"chitieu/indicator"
	"chitieu/locales"
	"chitieu/plans"
	"chitieu/reminders"
	"chitieu/store"
	"chitieu/store/storetest"
)

var (
	ctx      = context.Background()
	hanoi, _ = time.LoadLocation("Asia/Ho_Chi_Minh")
)

const (
	reporter = 7 // reports for BTC
	leader   = 8 // a district leader
	unitHead = 9 // the leader of BTC
)

func at(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, hanoi) }

// setup is a service on a store with a reporter, a district leader and a
// unit leader, its clock at start.
func setup(t testing.TB, start time.Time) (*reminders.Service, *storetest.Clock) {
	t.Helper()
	return setupPlan(t, start, plans.Example)
}

// setupPlan is setup with a plan of the test's own.
func setupPlan(t testing.TB, start time.Time, src []byte) (*reminders.Service, *storetest.Clock) {
	t.Helper()
	clock := storetest.NewClock(start)
	s := storetest.New(t, clock.Now)
	plan, err := indicator.Load(src)
	if err != nil {
		t.Fatal(err)
	}
	person(t, s, reporter, "Lan", []store.Role{store.Reporter}, "BTC")
	person(t, s, leader, "Minh", []store.Role{store.Leader}, "")
	person(t, s, unitHead, "Hùng", []store.Role{store.Leader}, "BTC")
	svc := reminders.New(reminders.Service{Store: s, Plan: plan, Catalog: locales.MustLoad(), Clock: clk.At(clock.Now),
		Calendar: reminders.Calendar{Loc: hanoi}})
	return svc, clock
}

func person(t testing.TB, s *store.Store, id int64, name string, roles []store.Role, unit string) {
	if _, err := s.People.EnsureAdmin(ctx, store.Profile{ID: id, Name: name, Lang: "vi"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.People.SetAccess(ctx, 0, id, roles, unit); err != nil {
		t.Fatal(err)
	}
}

// outbox takes every push out of the outbox and returns their texts by
// chat, in order.
func outbox(t *testing.T, s *store.Store) map[int64][]string {
	t.Helper()
	pushes, err := s.Pushes.Claim(ctx, "test", 1000, 0, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	sort.SliceStable(pushes, func(i, j int) bool { return pushes[i].Key < pushes[j].Key })
	out := map[int64][]string{}
	for _, p := range pushes {
		out[p.Chat] = append(out[p.Chat], p.Text)
		s.Pushes.Ack(ctx, p)
	}
	return out
}

func save(t *testing.T, s *store.Store, code string, d indicator.Date, v float64, key string) {
	t.Helper()
	if _, _, err := s.Figures.Save(ctx, store.NewFigure{Indicator: code, Date: d, Value: v, By: reporter, Key: key}); err != nil {
		t.Fatal(err)
	}
}

// client is the real client library as the sender's Telegram.
type client struct{ *tg.BotAPI }

func (c client) Send(_ context.Context, m tg.Chattable) (tg.Message, error) { return c.BotAPI.Send(m) }

// dueOnYearEnd is the example plan with the codes' yearly report due on
// 31 December of its own year, as a report that is not a rating issued the
// next year would be.
func dueOnYearEnd(t testing.TB, codes ...string) []byte {
	t.Helper()
	s := string(plans.Example)
	for _, code := range codes {
		at := strings.Index(s, "      - code: "+code+"\n")
		if at < 0 {
			t.Fatalf("no %s in the example plan", code)
		}
		rest := s[at:]
		from := strings.Index(rest, "        report: ")
		to := from + strings.Index(rest[from:], "\n")
		s = s[:at] + rest[:from] + "        report: {every: year, due_day: 31}" + rest[to:]
	}
	return []byte(s)
}
