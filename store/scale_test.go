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

	"chitieu/indicator"
	"chitieu/store"
	"chitieu/store/storetest"
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
