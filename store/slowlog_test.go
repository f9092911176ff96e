//go:build slowlog

package store_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"chitieu/store"
	"chitieu/store/storetest"
)

// slowLog is a real Redis's slow log, set to keep the calls over limit
// while a test runs; nil on miniredis, which has none.
type slowLog struct {
	rdb  *redis.Client
	was  string
	keys string // only calls naming these keys count: other tests share the server
}

func watchSlowLog(t *testing.T, prefix string, limit time.Duration) *slowLog {
	url := os.Getenv("REDIS_URL")
	if url == "" {
		return nil
	}
	o, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	o.DisableIdentity = true
	l := &slowLog{rdb: redis.NewClient(o), keys: prefix}
	t.Cleanup(func() { l.rdb.Close() })
	was, err := l.rdb.ConfigGet(ctx, "slowlog-log-slower-than").Result()
	if err != nil {
		t.Fatal(err)
	}
	l.was = was["slowlog-log-slower-than"]
	t.Cleanup(func() { l.rdb.ConfigSet(ctx, "slowlog-log-slower-than", l.was) })
	if err := l.rdb.ConfigSet(ctx, "slowlog-log-slower-than", fmt.Sprint(limit.Microseconds())).Err(); err != nil {
		t.Fatal(err)
	}
	if err := l.rdb.Do(ctx, "SLOWLOG", "RESET").Err(); err != nil {
		t.Fatal(err)
	}
	return l
}

// slow lists the calls on the test's keys the slow log kept.
func (l *slowLog) slow(t *testing.T) []string {
	entries, err := l.rdb.SlowLogGet(ctx, -1).Result()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		call := strings.Join(e.Args, " ")
		if strings.Contains(call, l.keys) {
			out = append(out, fmt.Sprintf("%v: %.200s", e.Duration, call))
		}
	}
	return out
}

// TestNoLongCallsOn100kFigures imports 100,000 figures, reads them all and
// counts them by code; on a real Redis no call may take over 50 ms. It
// takes about 4 s on a real Redis, 12 s with -race, and 15 s on miniredis
// (whose Lua is slow), where the race detector would make it minutes.
func TestNoLongCallsOn100kFigures(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 figures: not with -short")
	}
	// A call slowed by a machine too busy to run Redis (other test
	// binaries on two cores) is not a long call: a structural one is slow
	// every time, so the check fails only when each of three tries has one.
	var calls []string
	for try := range 3 {
		if calls = longCallsOn100kFigures(t); len(calls) == 0 {
			return
		}
		t.Logf("try %d: %d calls over 50 ms (the machine may be busy):\n%s", try+1, len(calls), strings.Join(calls, "\n"))
	}
	t.Errorf("%d calls over 50 ms in each of three tries:\n%s", len(calls), strings.Join(calls, "\n"))
}

// longCallsOn100kFigures imports 100,000 figures, reads them back and
// counts their codes, and returns the calls the slow log kept as over 50
// ms (none on miniredis, which has no slow log).
func longCallsOn100kFigures(t *testing.T) []string {
	prefix := storetest.Prefix()
	var s *store.Store
	switch url := os.Getenv("REDIS_URL"); {
	case url != "":
		s = storetest.Open(t, store.Options{URL: url, Prefix: prefix})
	case raceDetector:
		t.Skip("100,000 figures on miniredis take minutes with the race detector; set REDIS_URL")
	default:
		s = storetest.New(t, nil)
	}
	slow := watchSlowLog(t, prefix, 50*time.Millisecond)
	figs := bigHistory("big", 100_000)
	if n, err := s.Figures.Import(ctx, 0, figs); err != nil || n != len(figs) {
		t.Fatalf("import: %d, %v", n, err)
	}
	all, err := s.Figures.All(ctx, []string{"CT01.1", "CT02.1", "CT03.1"}, bigSpan)
	if err != nil || count(all) != len(figs) || len(all["CT01.1"]) != 60_000 {
		t.Fatalf("read %d figures (%d of CT01.1), %v", count(all), len(all["CT01.1"]), err)
	}
	codes, err := s.Figures.Codes(ctx)
	if want := map[string]int{"CT01.1": 60_000, "CT02.1": 20_000, "CT03.1": 20_000}; err != nil || fmt.Sprint(codes) != fmt.Sprint(want) {
		t.Errorf("codes = %v, %v; want %v", codes, err, want)
	}
	if slow == nil {
		t.Log("miniredis has no slow log: call times not checked")
		return nil
	}
	return slow.slow(t)
}
