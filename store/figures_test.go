package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"chitieu/indicator"
	"chitieu/store"
	"chitieu/store/storetest"
)

var ctx = context.Background()

func d(y int, m time.Month, day int) indicator.Date { return indicator.NewDate(y, m, day) }

var y2023 = indicator.Period{From: d(2023, 1, 1), To: d(2023, 12, 31)}

func save(t *testing.T, s *store.Store, nf store.NewFigure) indicator.Record {
	t.Helper()
	f, created, err := s.Figures.Save(ctx, nf)
	if err != nil || !created {
		t.Fatalf("save %+v: created %v, %v", nf, created, err)
	}
	return f
}

func TestSaveAndReadFigures(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 3, 25), Value: 9, Text: "9", By: 7, Source: "chat", Key: "tg:1:3"})
		save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 1, 25), Value: 8, By: 7, Key: "tg:1:1"})
		save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 3, 25), Value: 2, By: 7, Key: "tg:1:4"})
		save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2022, 12, 25), Value: 5, By: 7, Key: "tg:1:0"})
		save(t, s, store.NewFigure{Indicator: "CT01.2", Date: d(2023, 2, 1), Value: 80, By: 7, Key: "tg:1:2"})

		figs, err := s.Figures.Records(ctx, "CT01.1", y2023)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range figs {
			got = append(got, fmt.Sprintf("%v=%v", f.Date, f.Value))
		}
		if want := "[2023-01-25=8 2023-03-25=9 2023-03-25=2]"; fmt.Sprint(got) != want {
			t.Errorf("figures of 2023 = %v, want %s (date order, a day's in saving order)", got, want)
		}
		if figs[1].Text != "9" || figs[1].Source != "chat" || figs[1].By != 7 || !figs[1].At.Equal(start) || figs[1].Version != 1 {
			t.Errorf("figure kept as %+v", figs[1])
		}
		all, err := s.Figures.All(ctx, []string{"CT01.1", "CT01.2", "CT09.9"}, y2023)
		if err != nil || len(all["CT01.1"]) != 3 || len(all["CT01.2"]) != 1 || len(all["CT09.9"]) != 0 {
			t.Errorf("all figures: %v, %v", all, err)
		}
	})
}

func TestSavingTheSameKeyTwiceIsOneFigure(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		first := save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 1, 25), Value: 8, By: 7, Key: "tg:1:1"})
		again, created, err := s.Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 1, 26), Value: 80, By: 7, Key: "tg:1:1"})
		if err != nil || created || again.ID != first.ID || again.Value != 8 {
			t.Errorf("second save: created %v, %+v, %v; want the first figure back", created, again, err)
		}
		figs, _ := s.Figures.Records(ctx, "CT01.1", y2023)
		entries, _ := s.Audit.Entries(ctx, 10, "")
		if len(figs) != 1 || len(entries) != 1 {
			t.Errorf("%d figures and %d audit entries, want 1 and 1", len(figs), len(entries))
		}
	})
}

func TestConcurrentSaves(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		const n = 50
		var wg sync.WaitGroup
		errs := make(chan error, 2*n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range 2 { // every message delivered twice
					_, _, err := s.Figures.Save(ctx, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 6, 25), Value: float64(i),
						By: int64(i), Key: fmt.Sprintf("tg:%d:1", i)})
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		figs, _ := s.Figures.Records(ctx, "CT01.1", y2023)
		entries, _ := s.Audit.Entries(ctx, 1000, "")
		seen, audited := map[float64]int{}, map[string]int{}
		for _, f := range figs {
			seen[f.Value]++
		}
		for _, e := range entries {
			audited[e.Subject]++
		}
		if len(figs) != n || len(seen) != n || len(entries) != n || len(audited) != n {
			t.Errorf("%d figures (%d distinct), %d audit entries (%d subjects); want %d of each", len(figs), len(seen), len(entries), len(audited), n)
		}
	})
}

func TestCorrectionKeepsHistory(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 3, 25), Value: 80, Text: "80", Note: "chi bộ chưa họp", By: 7, Key: "k1"})
		clock.Advance(time.Hour)
		c, err := s.Figures.Correct(ctx, indicator.Correction{ID: f.ID, Version: 1, Date: d(2023, 2, 25), Value: 8, Text: "8", By: 9, Reason: "gõ nhầm"})
		if err != nil {
			t.Fatal(err)
		}
		if c.Value != 8 || c.Version != 2 || c.By != 9 || len(c.History) != 1 || c.Note != "" {
			t.Fatalf("corrected = %+v", c)
		}
		h := c.History[0]
		if h.Value != 80 || h.Text != "80" || h.Note != "chi bộ chưa họp" || h.By != 7 || h.ReplacedBy != 9 || h.Reason != "gõ nhầm" || h.Date != d(2023, 3, 25) || !h.ReplacedAt.Equal(start.Add(time.Hour)) {
			t.Errorf("history = %+v", h)
		}
		figs, _ := s.Figures.Records(ctx, "CT01.1", indicator.Period{From: d(2023, 2, 25), To: d(2023, 2, 25)})
		if len(figs) != 1 || figs[0].Value != 8 || len(figs[0].History) != 1 {
			t.Errorf("read after correction: %+v", figs)
		}
		if _, err := s.Figures.Correct(ctx, indicator.Correction{ID: f.ID, Version: 1, Value: 9, By: 9}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("correcting an old version: %v, want ErrConflict", err)
		}
		if _, err := s.Figures.Correct(ctx, indicator.Correction{ID: 999, Version: 1, Value: 9}); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("correcting no figure: %v, want ErrNotFound", err)
		}
		entries, _ := s.Audit.Entries(ctx, 10, "")
		if len(entries) != 2 || entries[0].Action != "figure.correct" || entries[1].Action != "figure.save" {
			t.Errorf("audit, newest first: %+v", entries)
		}
	})
}

func TestRecentFigures(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		for i := range 5 {
			save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 1, 1+i), Value: float64(i), By: 7, Key: fmt.Sprint(i)})
			clock.Advance(time.Minute)
		}
		save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 1, 9), Value: 99, By: 8, Key: "other"})
		recent, err := s.Figures.Recent(ctx, 7, 3)
		if err != nil || len(recent) != 3 || recent[0].Value != 4 || recent[2].Value != 2 {
			t.Errorf("recent = %+v, %v; want 4, 3, 2", recent, err)
		}
	})
}

func TestImportIsAtomicAndIdempotent(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		var figs []store.NewFigure
		for i := range 24 {
			code := []string{"CT01.1", "CT03.1"}[i%2]
			figs = append(figs, store.NewFigure{Indicator: code, Date: d(2023, time.Month(1+i/2), 25), Value: float64(i), Source: "import", Key: fmt.Sprintf("import:%d", i)})
		}
		n, err := s.Figures.Import(ctx, 0, figs)
		if err != nil || n != 24 {
			t.Fatalf("import: %d, %v", n, err)
		}
		n, err = s.Figures.Import(ctx, 0, figs)
		if err != nil || n != 0 {
			t.Errorf("import again: %d, %v; want nothing added", n, err)
		}
		all, _ := s.Figures.All(ctx, []string{"CT01.1", "CT03.1"}, y2023)
		entries, _ := s.Audit.Entries(ctx, 100, "")
		if len(all["CT01.1"]) != 12 || len(all["CT03.1"]) != 12 || len(entries) != 24 || entries[0].Action != "figure.import" {
			t.Errorf("after import: %d + %d figures, %d audit entries", len(all["CT01.1"]), len(all["CT03.1"]), len(entries))
		}
	})
}

func TestRestartKeepsEverything(t *testing.T) {
	each(t, func(t *testing.T, s *store.Store, clock *storetest.Clock) {
		f := save(t, s, store.NewFigure{Indicator: "CT01.1", Date: d(2023, 3, 25), Value: 8, By: 7, Key: "k"})
		s.Figures.Correct(ctx, indicator.Correction{ID: f.ID, Version: 1, Value: 9, By: 7, Reason: "sai"})
		inv, _ := s.People.CreateInvite(ctx, 1, store.Reporter, "BTC", time.Hour)
		s.People.RedeemInvite(ctx, inv.Code, store.Profile{ID: 7, Name: "Lan"})
		s.Chats.Save(ctx, 7, []byte(`{"step":"figure"}`), time.Hour)
		s.Pushes.Enqueue(ctx, store.Push{Key: "digest:2026-W48:7", Chat: 7, Text: "tổng hợp"})
		s.Alerts.Put(ctx, store.Alert{Indicator: "CT01.1", Status: "off_track", Since: start})
		s.Updates.Finish(ctx, 1001)
		s.Close()

		r := storetest.Reopen(t, s)
		figs, _ := r.Figures.Records(ctx, "CT01.1", y2023)
		u, _ := r.People.Get(ctx, 7)
		conv, _ := r.Chats.Conversation(ctx, 7)
		depth, _ := r.Pushes.Depth(ctx)
		alerts, _ := r.Alerts.All(ctx)
		handled, _ := r.Updates.Handled(ctx, 1001)
		entries, _ := r.Audit.Entries(ctx, 10, "")
		if len(figs) != 1 || figs[0].Value != 9 || len(figs[0].History) != 1 || !u.Has(store.Reporter) ||
			string(conv) != `{"step":"figure"}` || depth != 1 || alerts["CT01.1"].Status != "off_track" || !handled || len(entries) != 4 {
			t.Errorf("after reconnecting: figs %+v user %+v conv %q depth %d alerts %v handled %v audit %d",
				figs, u, conv, depth, alerts, handled, len(entries))
		}
	})
}

func TestOpenFailsFast(t *testing.T) {
	_, err := store.Open(ctx, store.Options{URL: "redis://127.0.0.1:1/0"})
	if err == nil || !strings.Contains(err.Error(), "cannot reach Redis at 127.0.0.1:1") {
		t.Errorf("err = %v", err)
	}
	_, err = store.Open(ctx, store.Options{URL: "http://x"})
	if err == nil {
		t.Error("a URL that is not redis:// was accepted")
	}
	_, err = store.Open(ctx, store.Options{SentinelAddrs: []string{"127.0.0.1:26379"}})
	if err == nil || !strings.Contains(err.Error(), "REDIS_SENTINEL_MASTER") {
		t.Errorf("sentinel without a master name: %v", err)
	}
}
